//! What an attacker would try to slip into the archive as a digital object: files that never end,
//! devices and pipes, PDFs whose active content is spelt with escapes or hidden in compressed
//! object streams, scripts in plain text or markup, and programs behind a byte-order mark.

mod common;

use std::io::Write;
use std::path::PathBuf;

use common::Sandbox;

const CODE: &str = "J001-2019-Y-BGS-0001";

fn sandbox() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    #[rustfmt::skip]
    sandbox.ok(&["add", "--code", CODE, "--title", "《关于“国际档案日”活动的通知》—第１号",
        "--responsible", "市档案馆", "--date", "2019年6月9日"]);
    sandbox
}

/// Files under objects/ (staging leftovers included).
fn stored(sandbox: &Sandbox) -> usize {
    walk(&sandbox.archive().join("objects"))
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Attaches one file and insists it is refused for security with `reason`, leaving nothing.
fn refused(sandbox: &Sandbox, file: &std::path::Path, reason: &str) {
    let run = sandbox.run(&["attach", CODE, file.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}: {}", file.display(), run.stdout);
    assert!(
        run.stderr.contains("security: ") && run.stderr.contains(reason),
        "{}: {}",
        file.display(),
        run.stderr
    );
    assert_eq!(stored(sandbox), 0, "{}", file.display());
}

fn pdf(body: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    out.extend(body);
    out.extend(b"\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    out
}

#[test]
fn a_device_a_pipe_or_a_directory_is_refused_before_it_is_read() {
    let sandbox = sandbox();
    refused(
        &sandbox,
        std::path::Path::new("/dev/zero"),
        "not a regular file",
    );
    let fifo = sandbox.path("管道");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    refused(&sandbox, &fifo, "not a regular file");
    let directory = sandbox.path("一个目录");
    std::fs::create_dir(&directory).unwrap();
    refused(&sandbox, &directory, "not a regular file");
    // A link is followed: to a device, refused; to a file, kept with the link noted.
    let link = sandbox.path("看似文件.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    refused(&sandbox, &link, "not a regular file");
    let text = sandbox.write("说明.txt", "《说明》——正文\n".as_bytes());
    let linked = sandbox.path("链接.txt");
    std::os::unix::fs::symlink(&text, &linked).unwrap();
    sandbox.ok(&["attach", CODE, linked.to_str().unwrap()]);
    let shown = sandbox.json(&["show", CODE, "--json"]);
    let authenticity = shown["objects"][0]["checks"]["authenticity"]
        .as_str()
        .unwrap();
    assert!(authenticity.contains("a link to"), "{authenticity}");
}

#[test]
fn a_file_over_the_limit_is_refused_having_read_no_more_than_the_limit() {
    let sandbox = sandbox();
    sandbox.ok(&["settings", "set", "objects.max_mb", "1"]);
    // 512 MiB that take no disk, under a file-size limit of 4 MiB for the process: copying past
    // the object limit would fail on the file-size limit instead of being refused.
    let huge = sandbox.path("巨大.pdf");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(512 << 20).unwrap();
    let run: common::Run = std::process::Command::new("prlimit")
        .arg(format!("--fsize={}", 4 << 20))
        .arg(env!("CARGO_BIN_EXE_dangan"))
        .args(["--archive", sandbox.archive().to_str().unwrap()])
        .args(["attach", CODE, huge.to_str().unwrap()])
        .env("DANGAN_USER", common::ADMIN)
        .env("DANGAN_PASSWORD", common::ADMIN_PASSWORD)
        .env("DANGAN_SYSLOG", "off")
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("larger than the limit of 1048576 bytes"),
        "{}",
        run.stderr
    );
    assert_eq!(stored(&sandbox), 0);
}

#[test]
fn pdf_names_spelt_with_escapes_are_the_names_they_spell() {
    let sandbox = sandbox();
    for (name, body, reason) in [
        (
            "脚本.pdf",
            &b"1 0 obj << /OpenAction << /S /J#61vaScript /JS (app.alert(1)) >> >> endobj"[..],
            "/JavaScript",
        ),
        (
            "启动.pdf",
            b"1 0 obj << /OpenAction << /S /L#61unch /F (cmd.exe) >> >> endobj",
            "/Launch",
        ),
        (
            "附带.pdf",
            b"1 0 obj << /Type /#45mbeddedFile /Length 0 >> endobj",
            "/EmbeddedFile",
        ),
    ] {
        let file = sandbox.write(name, &pdf(body));
        refused(&sandbox, &file, reason);
    }
}

#[test]
fn javascript_inside_a_compressed_object_stream_is_found() {
    let sandbox = sandbox();
    let objects = b"2 0 << /Type /Action /S /JavaScript /JS (this.exportDataObject()) >>";
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(objects).unwrap();
    let data = encoder.finish().unwrap();
    let mut body = format!(
        "1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n\
         5 0 obj << /Type /Obj#53tm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\r\n",
        data.len()
    )
    .into_bytes();
    body.extend(&data);
    body.extend(b"\r\nendstream\nendobj");
    let file = sandbox.write("压缩流.pdf", &pdf(&body));
    refused(&sandbox, &file, "/JavaScript");

    // The same object stream without the script is kept.
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(b"2 0 << /Type /Page /MediaBox [0 0 595 842] >>")
        .unwrap();
    let data = encoder.finish().unwrap();
    let mut body = format!(
        "5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
        data.len()
    )
    .into_bytes();
    body.extend(&data);
    body.extend(b"\nendstream\nendobj");
    let file = sandbox.write("正常.pdf", &pdf(&body));
    sandbox.ok(&["attach", CODE, file.to_str().unwrap()]);
}

#[test]
fn scripts_in_plain_text_markup_or_behind_a_mark_are_refused() {
    let sandbox = sandbox();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "清理.bat",
            b"del /q C:\\*.*\r\n",
            "a name that runs when opened (.bat)",
        ),
        (
            "通知.html",
            "<html><body><p>关于“档案日”的通知</p><SCRIPT>fetch('//x')</SCRIPT></body></html>"
                .as_bytes(),
            "markup with script",
        ),
        (
            "图.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><a href='javascript:alert(1)'>x</a></svg>",
            "markup with script",
        ),
        (
            "说明.txt",
            b"\xEF\xBB\xBF#!/bin/sh\nrm -rf ~\n",
            "an executable program (script)",
        ),
        (
            "批处理.txt",
            b"@echo off\r\nformat c:\r\n",
            "a script (MS-DOS Batch)",
        ),
    ];
    for (name, bytes, reason) in cases {
        let file = sandbox.write(name, bytes);
        refused(&sandbox, &file, reason);
    }
    // Markup without script is text, and kept.
    let page = sandbox.write(
        "页面.html",
        "<!DOCTYPE html><html><body><h1>《档案管理办法》</h1></body></html>".as_bytes(),
    );
    sandbox.ok(&["attach", CODE, page.to_str().unwrap()]);
}

#[test]
fn a_format_the_archive_does_not_keep_is_named_by_its_signature() {
    let sandbox = sandbox();
    let mp3: PathBuf = sandbox.write(
        "录音.mp3",
        b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x00",
    );
    let run = sandbox.run(&["attach", CODE, mp3.to_str().unwrap()]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("usability: ") && run.stderr.contains("is not among the formats kept"),
        "{}",
        run.stderr
    );
}
