//! The archive directory as a user meets it: a demo made afresh after it was used, and an
//! archive that is there but may not be read.

mod common;

use common::Sandbox;

#[test]
fn demo_fresh_replaces_a_demo_that_was_opened() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("demo");
    let run = sandbox.run_on(&dir, &["demo", "--records", "200"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Opened: a search builds index/, a dropped link leaves a draft.
    let search = sandbox.run_on_as(
        &dir,
        "archivist",
        "demo-archivist-2019",
        &["search", "通知"],
    );
    assert_eq!(search.code, 0, "{}", search.stderr);
    assert!(dir.join("index").is_dir());
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::write(dir.join("drafts").join("archivist.json"), "{}").unwrap();

    let fresh = sandbox.run_on(&dir, &["demo", "--records", "200", "--fresh"]);
    assert_eq!(fresh.code, 0, "{}", fresh.stderr);
    assert!(!dir.join("drafts").join("archivist.json").exists());
    let list = sandbox.run_on_as(&dir, "reader", "demo-reader-2019", &["list", "--json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
}

/// Runs dangan as an account that may not read the archive: `nobody` when the tests run as root
/// (root reads everything), else the same user after the directory is closed to them.
#[cfg(unix)]
#[test]
fn an_archive_that_may_not_be_read_is_not_called_missing() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::with_archive();
    let archive = sandbox.archive();
    let as_root = process_uid() == 0;
    let mut command = if as_root {
        // The sandbox lets others through to the archive's directory, which stays 0700.
        std::fs::set_permissions(sandbox.dir.path(), std::fs::Permissions::from_mode(0o755))
            .unwrap();
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_dangan"));
        c
    } else {
        std::fs::set_permissions(&archive, std::fs::Permissions::from_mode(0o000)).unwrap();
        std::process::Command::new(env!("CARGO_BIN_EXE_dangan"))
    };
    let run: common::Run = command
        .arg("--archive")
        .arg(&archive)
        .arg("list")
        .env("DANGAN_USER", common::ADMIN)
        .env("DANGAN_PASSWORD", common::ADMIN_PASSWORD)
        .env("DANGAN_SYSLOG", "off")
        .env("HOME", sandbox.dir.path())
        .env("LANG", "C")
        .output()
        .unwrap()
        .into();
    if !as_root {
        std::fs::set_permissions(&archive, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    assert_eq!(run.code, 74, "{}", run.stderr);
    assert!(run.stderr.contains("ermission denied"), "{}", run.stderr);
    assert!(!run.stderr.contains("no archive"), "{}", run.stderr);
}

/// The user id the tests run as, read from /proc rather than through libc.
fn process_uid() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(u32::MAX)
}
