//! Several dangan processes on one archive, as at a desk where three clerks are logged in: a change
//! made by one process is found by the others' next search, and none ever sees an index-lock error.

mod common;

use common::{ADMIN, ADMIN_PASSWORD, Sandbox};
use dangan::Archive;

fn add(sandbox: &Sandbox, code: &str, title: &str) {
    sandbox.ok(&["add", "--code", code, "--title", title]);
}

fn hit_codes(archive: &mut Archive, session: &dangan::Session, query: &str) -> Vec<String> {
    let results = archive.search(session, query, 20).expect("search");
    results
        .hits
        .iter()
        .map(|f| f.record.code.to_string())
        .collect()
}

#[test]
fn a_change_made_by_another_process_is_found_by_the_next_search() {
    let sandbox = Sandbox::with_archive();
    add(
        &sandbox,
        "J001-2019-Y-BGS-0001",
        "《档案工作规范》宣贯会议纪要",
    );
    let mut desk = Archive::open(&sandbox.archive()).expect("open");
    let session = desk.login(ADMIN, ADMIN_PASSWORD).expect("login");
    // This process has indexed and is showing the index as it was.
    assert_eq!(
        hit_codes(&mut desk, &session, "宣贯"),
        ["J001-2019-Y-BGS-0001"]
    );
    assert!(hit_codes(&mut desk, &session, "移交清册").is_empty());

    // Another process adds a record and indexes it (its own search catches the index up).
    add(
        &sandbox,
        "J001-2019-Y-BGS-0002",
        "２０１９年度“档案移交清册”—第１批",
    );
    let other = sandbox.ok(&["search", "移交清册"]);
    assert!(other.contains("J001-2019-Y-BGS-0002"), "{other}");

    // This process sees it at once, though it did not write the index itself.
    assert_eq!(
        hit_codes(&mut desk, &session, "移交清册"),
        ["J001-2019-Y-BGS-0002"]
    );

    // An edit in another process, not yet indexed by anyone: this process catches up itself.
    sandbox.ok(&[
        "edit",
        "J001-2019-Y-BGS-0001",
        "--title",
        "《档案工作规范》培训材料",
    ]);
    assert!(hit_codes(&mut desk, &session, "宣贯").is_empty());
    assert_eq!(
        hit_codes(&mut desk, &session, "培训材料"),
        ["J001-2019-Y-BGS-0001"]
    );
}

#[test]
fn processes_searching_at_once_never_report_a_lock() {
    let sandbox = Sandbox::with_archive();
    for item in 1..=30 {
        add(
            &sandbox,
            &format!("J001-2019-Y-BGS-{item:04}"),
            &format!("第{item}号　关于“防汛抗旱”工作的报告…"),
        );
    }
    // Every one of them finds the index behind the outbox and wants the writer at the same moment.
    let children: Vec<_> = (0..6)
        .map(|_| {
            sandbox
                .command()
                .arg("--archive")
                .arg(sandbox.archive())
                .args(["search", "防汛抗旱", "--json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn dangan")
        })
        .collect();
    let mut desk = Archive::open(&sandbox.archive()).expect("open");
    let session = desk.login(ADMIN, ADMIN_PASSWORD).expect("login");
    assert_eq!(
        desk.search(&session, "防汛抗旱", 50).expect("search").total,
        30
    );
    for child in children {
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(!stderr.to_lowercase().contains("lock"), "{stderr}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
        assert_eq!(
            json["total"], 30,
            "a search waits for the writer, or sees it all"
        );
    }
}
