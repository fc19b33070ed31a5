//! A write that cannot be made — a full disk, a database file without write permission — is a
//! clear message, nothing of it lands, and the archive is still sound.
#![cfg(unix)]

mod common;

use common::{Sandbox, record_count, transfer_list};

#[test]
fn a_full_disk_is_a_clear_message_and_nothing_lands() {
    let sandbox = Sandbox::with_archive();
    let file = sandbox.write("移交清册.csv", transfer_list(20_000).as_bytes());
    // The file-size limit stands in for a full disk: writes past it fail the same way.
    let run: common::Run = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -f 2048; exec '{}' --archive '{}' import records '{}'",
            env!("CARGO_BIN_EXE_dangan"),
            sandbox.archive().display(),
            file.display()
        ))
        .env("DANGAN_USER", common::ADMIN)
        .env("DANGAN_PASSWORD", common::ADMIN_PASSWORD)
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 74, "{}", run.stderr);
    assert!(run.stderr.contains("nothing was saved"), "{}", run.stderr);
    assert!(
        run.stderr.contains("disk full") || run.stderr.contains("disk is full"),
        "{}",
        run.stderr
    );
    assert_eq!(record_count(&sandbox), 0);
    let check = sandbox.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn a_read_only_archive_reads_and_refuses_changes_clearly() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0001",
        "--title",
        "《只读前的文件》",
    ]);
    let db = sandbox.archive().join("dangan.db");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let listed = sandbox.ok(&["list"]);
    assert!(listed.contains("《只读前的文件》"), "{listed}");
    let run = sandbox.run(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0002",
        "--title",
        "《新文件》",
    ]);
    assert_eq!(run.code, 74, "{}", run.stderr);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was saved"), "{}", run.stderr);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(record_count(&sandbox), 1);
    assert_eq!(sandbox.run(&["check"]).code, 0);
}
