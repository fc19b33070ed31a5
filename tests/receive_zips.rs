//! Zipped transfer packages from outside: names that would leave the package, links, bombs,
//! broken files, and the GB18030 names of Chinese Windows zip tools.

mod common;

use std::io::Write;
use std::path::PathBuf;

use common::Sandbox;
use common::transfer::*;

fn zip_with(
    sandbox: &Sandbox,
    name: &str,
    entries: &[(&str, &[u8])],
    link: Option<(&str, &str)>,
) -> PathBuf {
    use zip::write::SimpleFileOptions;
    let path = sandbox.path(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (entry, bytes) in entries {
        zip.start_file(*entry, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    if let Some((entry, target)) = link {
        zip.add_symlink(entry, target, options).unwrap();
    }
    zip.finish().unwrap();
    path
}

#[test]
fn hostile_zips_are_refused_before_anything_leaves_the_scratch_space() {
    let sandbox = Sandbox::with_archive();
    let outside = sandbox.path("evil.txt");
    for (name, entries, link, said) in [
        (
            "dotdot.zip",
            vec![("data/../../evil.txt", &b"x"[..])],
            None,
            "would be written outside the package",
        ),
        (
            "absolute.zip",
            vec![("/tmp/evil.txt", &b"x"[..])],
            None,
            "would be written outside the package",
        ),
        (
            "link.zip",
            vec![],
            Some(("data/link", "/etc/passwd")),
            "would be written outside the package",
        ),
        ("broken.zip", vec![], None, "damaged or not a zip"),
    ] {
        let path = if name == "broken.zip" {
            sandbox.write(name, b"PK\x03\x04 not really a zip")
        } else {
            zip_with(&sandbox, name, &entries, link)
        };
        let run = receive(&sandbox, &path, &[]);
        assert_eq!(run.code, 65, "{name}: {}", run.stderr);
        assert!(run.stdout.contains(said), "{name}: {}", run.stdout);
    }
    assert!(!outside.exists());
    // A bomb: 64 MiB of zeros in a few kilobytes, against a limit of 1 MiB.
    sandbox.ok(&["settings", "set", "receive.max_mb", "1"]);
    let zeros = vec![0u8; 64 << 20];
    let bomb = zip_with(&sandbox, "bomb.zip", &[("data/zeros.bin", &zeros)], None);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20);
    let run = receive(&sandbox, &bomb, &[]);
    assert_eq!(run.code, 65);
    assert!(
        run.stdout
            .contains("inflates past the limit of 1048576 bytes"),
        "{}",
        run.stdout
    );
    let scratch = sandbox.archive().join("receiving");
    assert_eq!(
        std::fs::read_dir(scratch).unwrap().count(),
        0,
        "scratch space emptied"
    );
}

#[test]
fn zip_names_from_chinese_windows_tools_are_read_as_gb18030() {
    let sandbox = Sandbox::with_archive();
    let folder = package(&sandbox, &standard(&sandbox), "bag");
    // Re-zip the bag with GB18030 names and no UTF-8 flag, as WinRAR on Chinese Windows does.
    let entries = entries_of(&folder, &folder, |name| {
        encoding_rs::GB18030.encode(name).0.to_vec()
    });
    let path = sandbox.write("gbk.zip", &stored_zip(&entries));
    let run = receive(&sandbox, &path, &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(common::record_count(&sandbox), 3);
}

/// A zip of stored entries with names as raw bytes and no UTF-8 flag (general purpose flag 0).
fn stored_zip(entries: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let offset = out.len() as u32;
        let sizes = [crc.sum(), data.len() as u32, data.len() as u32];
        let header = |signature: &[u8], central_fields: bool| {
            let mut h = signature.to_vec();
            if central_fields {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]); // version, flags, stored, time, date
            for field in sizes {
                h.extend_from_slice(&field.to_le_bytes());
            }
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central_fields {
                h.extend_from_slice(&[0; 8]); // comment, disk, internal and external attributes
                h.extend_from_slice(&[0; 2]);
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name);
            h
        };
        out.extend(header(b"PK\x03\x04", false));
        out.extend_from_slice(data);
        central.extend(header(b"PK\x01\x02", true));
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    let count = (entries.len() as u16).to_le_bytes();
    out.extend_from_slice(&count);
    out.extend_from_slice(&count);
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[test]
fn a_zip_that_shows_tools_different_files_is_refused() {
    let sandbox = Sandbox::with_archive();
    let entry = |name: &str, data: &str| (name.as_bytes().to_vec(), data.as_bytes().to_vec());
    // The same name twice: one tool unpacks the first, another the last.
    let twice = stored_zip(&[
        entry("data/a.txt", "EVIL FIRST"),
        entry("data/a.txt", "file"),
    ]);
    let run = receive(&sandbox, &sandbox.write("twice.zip", &twice), &[]);
    assert_eq!(run.code, 65);
    assert!(
        run.stdout.contains("two entries of the same name"),
        "{}",
        run.stdout
    );
    // A local header naming the entry otherwise than the central directory does.
    let mut other = stored_zip(&[entry("data/a.txt", "x")]);
    let at = other.windows(10).position(|w| w == b"data/a.txt").unwrap();
    other[at..at + 10].copy_from_slice(b"../PWNED.x");
    let run = receive(&sandbox, &sandbox.write("other.zip", &other), &[]);
    assert!(
        run.stdout.contains("has another name in its local header"),
        "{}",
        run.stdout
    );
    // A control character in a name is said as such, on one line.
    let bell = stored_zip(&[entry("data/a\u{7}b.txt", "x")]);
    let run = receive(&sandbox, &sandbox.write("bell.zip", &bell), &[]);
    assert!(
        run.stdout.contains("control characters in its name"),
        "{}",
        run.stdout
    );
    assert_eq!(common::record_count(&sandbox), 0);
}

#[test]
fn a_zip_of_the_packages_folder_is_read_inside_it() {
    let sandbox = Sandbox::with_archive();
    let folder = package(&sandbox, &standard(&sandbox), "财政局-2019");
    // As `zip -r 财政局-2019.zip 财政局-2019/` makes it.
    let parent = folder.parent().unwrap();
    let entries = entries_of(&folder, parent, |name| name.as_bytes().to_vec());
    let zip = sandbox.write("nested.zip", &stored_zip(&entries));
    let run = receive(&sandbox, &zip, &[]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(common::record_count(&sandbox), 3);
}

/// Every file under `folder` as a zip entry: its name relative to `base`, as `name` writes it.
fn entries_of(
    folder: &std::path::Path,
    base: &std::path::Path,
    name: impl Fn(&str) -> Vec<u8>,
) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut entries = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap().path();
            if entry.is_dir() {
                pending.push(entry);
            } else {
                let relative = entry.strip_prefix(base).unwrap().to_string_lossy();
                entries.push((name(&relative), std::fs::read(&entry).unwrap()));
            }
        }
    }
    entries
}
