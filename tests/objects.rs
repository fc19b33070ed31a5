//! Digital objects: attached after the four ingest checks (四性检测), kept by content hash, refused
//! with the reason and leaving nothing behind when any check fails.

mod common;

use std::path::{Path, PathBuf};

use common::Sandbox;

const CODE: &str = "J001-2019-Y-BGS-0001";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/objects")
        .join(name)
}

fn sandbox() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&[
        "add",
        "--code",
        CODE,
        "--title",
        "《关于“国际档案日”活动的通知》—第１号",
        "--responsible",
        "市档案馆",
        "--date",
        "2019年6月9日",
    ]);
    sandbox
}

fn attach(sandbox: &Sandbox, names: &[&str], extra: &[&str]) -> common::Run {
    let mut args: Vec<String> = vec!["attach".into(), CODE.into()];
    args.extend(names.iter().map(|n| fixture(n).display().to_string()));
    args.extend(extra.iter().map(|e| e.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sandbox.run(&args)
}

#[test]
fn each_format_is_identified_by_content_and_kept_under_its_hash() {
    let sandbox = sandbox();
    let files = [
        ("关于“档案日”的通知.pdf", "PDF"),
        ("公文.ofd", "OFD"),
        ("扫描件.jpg", "JPEG"),
        ("扫描件.png", "PNG"),
        ("扫描件.tif", "TIFF"),
        ("说明.txt", "text"),
        ("２０１９年度工作总结.docx", "DOCX"),
    ];
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    let run = attach(&sandbox, &names, &["--declared", "7"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let shown = sandbox.json(&["show", CODE, "--json"]);
    let objects = shown["objects"].as_array().unwrap();
    assert_eq!(objects.len(), files.len());
    for ((name, format), object) in files.iter().zip(objects) {
        assert_eq!(object["file_name"], *name);
        assert_eq!(object["format"], *format, "{name}");
        let bytes = std::fs::read(fixture(name)).unwrap();
        use sha2::Digest;
        let hash: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(object["sha256"], hash.as_str(), "{name}");
        let stored = sandbox
            .archive()
            .join("objects")
            .join(&hash[..2])
            .join(&hash);
        assert_eq!(std::fs::read(stored).unwrap(), bytes, "{name}");
        for check in ["authenticity", "integrity", "usability", "security"] {
            assert!(object["checks"][check].is_string(), "{name}: {check}");
        }
    }
    assert!(
        objects[0]["checks"]["integrity"]
            .as_str()
            .unwrap()
            .contains("7 declared, 7 present")
    );

    // The same bytes again: the record has them already, and they are stored once.
    let again = attach(&sandbox, &["说明.txt"], &[]);
    assert!(
        again.stdout.contains("already attached"),
        "{}",
        again.stdout
    );
    // A PDF under another name, for another record, is still a PDF, and not stored twice; under
    // the name of an image it is refused: a desktop would open it as one.
    let disguised = sandbox.path("看起来像图片.jpg");
    std::fs::copy(fixture("关于“档案日”的通知.pdf"), &disguised).unwrap();
    let run = sandbox.run(&["attach", CODE, disguised.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("the name .jpg does not suit what it holds (PDF)"),
        "{}",
        run.stderr
    );
    let renamed = sandbox.path("看起来像图片");
    std::fs::copy(fixture("关于“档案日”的通知.pdf"), &renamed).unwrap();
    let other = "J001-2019-Y-BGS-0002";
    sandbox.ok(&[
        "add",
        "--code",
        other,
        "--title",
        "附件",
        "--responsible",
        "办公室",
        "--date",
        "20190610",
    ]);
    sandbox.ok(&["attach", other, renamed.to_str().unwrap()]);
    assert_eq!(common::stored_files(&sandbox).len(), files.len());
    let text = sandbox.ok(&["show", other]);
    assert!(text.contains("看起来像图片  PDF"), "{text}");
    let audit = sandbox.ok(&["audit", "log"]);
    assert_eq!(audit.matches("object.attach").count(), 2, "{audit}");
}

#[test]
fn a_failed_check_refuses_every_file_with_its_reason_and_keeps_nothing() {
    let sandbox = sandbox();
    let cases = [
        ("truncated.pdf", "usability", "no %%EOF"),
        ("unknown.bin", "usability", "format not identified"),
        ("plain.zip", "usability", "format not identified"),
        ("tool.exe", "security", "executable program (Windows PE)"),
        ("active.pdf", "security", "/Launch"),
        ("macro.docm", "security", "macros"),
    ];
    for (name, check, reason) in cases {
        let run = attach(&sandbox, &["扫描件.png", name], &[]);
        assert_eq!(run.code, 65, "{name}: {}", run.stdout);
        assert!(run.stderr.contains("四性检测未通过"), "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{check}: ")) && run.stderr.contains(reason),
            "{name}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(name), "{}", run.stderr);
    }
    // The good file given with each bad one was not kept either.
    assert!(
        common::stored_files(&sandbox).is_empty(),
        "{:?}",
        common::stored_files(&sandbox)
    );
    let shown = sandbox.json(&["show", CODE, "--json"]);
    assert!(shown["objects"].as_array().unwrap().is_empty());
    let audit = sandbox.ok(&["audit", "log"]);
    assert_eq!(audit.matches("object.refused").count(), cases.len());
}

#[test]
fn integrity_needs_the_metadata_and_the_declared_count() {
    let sandbox = sandbox();
    let wrong_count = attach(&sandbox, &["扫描件.png"], &["--declared", "3"]);
    assert_eq!(wrong_count.code, 65);
    assert!(
        wrong_count
            .stderr
            .contains("integrity: 3 files declared, 1 present"),
        "{}",
        wrong_count.stderr
    );

    let undated = "J001-2019-Y-BGS-0002";
    sandbox.ok(&["add", "--code", undated, "--title", "无日期的文件"]);
    let run = sandbox.run(&["attach", undated, fixture("扫描件.png").to_str().unwrap()]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("责任者 responsible, 日期 date"),
        "{}",
        run.stderr
    );
    assert!(common::stored_files(&sandbox).is_empty());
}

#[test]
fn the_size_limit_is_a_setting() {
    let sandbox = sandbox();
    sandbox.ok(&["settings", "set", "objects.max_mb", "1"]);
    let big = sandbox.path("大文件.txt");
    std::fs::write(&big, "档案".repeat(400_000)).unwrap();
    let run = sandbox.run(&["attach", CODE, big.to_str().unwrap()]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("security: ")
            && run
                .stderr
                .contains("larger than the limit of 1048576 bytes"),
        "{}",
        run.stderr
    );
    sandbox.ok(&["settings", "set", "objects.max_mb", "3"]);
    sandbox.ok(&["attach", CODE, big.to_str().unwrap()]);
}
