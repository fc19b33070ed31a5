//! `check`, `backup` and `restore` as an operator runs them: a backup taken while another session
//! writes restores to an archive that passes the check and holds every write acknowledged before
//! it; damage is found and named.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::Sandbox;
use dangan::archive::Archive;
use dangan::archive::records::NewCode;
use dangan::domain::{CodeGroup, RecordData};

fn demo(sandbox: &Sandbox) {
    dangan::archive::demo::build(&sandbox.archive(), 300, 2019).unwrap();
}

fn on(sandbox: &Sandbox, archive: &Path, args: &[&str]) -> common::Run {
    sandbox.run_on(archive, args)
}

#[test]
fn a_backup_taken_while_another_session_writes_restores_whole() {
    let sandbox = Sandbox::new();
    demo(&sandbox);
    let path = sandbox.archive();
    let mut writer = Archive::open(&path).unwrap();
    let session = writer.login("archivist", "demo-archivist-2019").unwrap();
    let group = CodeGroup::new("J001", "2026", "D10", "BGS").unwrap();
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let titles = Arc::new(Mutex::new(Vec::new()));
    let thread = {
        let (acknowledged, stop, titles) = (acknowledged.clone(), stop.clone(), titles.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let data = RecordData {
                    title: format!("《备份期间录入的文件》第{n}号"),
                    ..RecordData::default()
                };
                writer
                    .add_record(&session, NewCode::Next(group.clone()), &data)
                    .unwrap();
                titles.lock().unwrap().push(data.title);
                acknowledged.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    while acknowledged.load(Ordering::SeqCst) < 20 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let before = acknowledged.load(Ordering::SeqCst);
    let backup = sandbox.path("备份 2026-11-25");
    let run = sandbox.run(&["backup", backup.to_str().unwrap()]);
    let after = acknowledged.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    thread.join().unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("MANIFEST.sha256"), "{}", run.stdout);

    let restored = sandbox.path("restored");
    let run = on(&sandbox, &restored, &["restore", backup.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("ok    index"), "{}", run.stdout);

    // Every write acknowledged before the backup began is there, and what is there has no gap.
    let mut archive = Archive::open(&restored).unwrap();
    let admin = archive.login("admin", "demo-admin-2019").unwrap();
    let found = archive
        .search(&admin, "备份期间录入的文件", 10_000)
        .unwrap()
        .total;
    assert!(
        (before..=after).contains(&found),
        "{before} acknowledged before, {after} after, {found} restored"
    );
    let titles = titles.lock().unwrap();
    let (page, _) = archive
        .list(
            &admin,
            &dangan::domain::RecordQuery {
                year: Some(2026),
                ..Default::default()
            },
            10_000,
            0,
        )
        .unwrap();
    let restored_titles: Vec<&str> = page.iter().map(|r| r.data.title.as_str()).collect();
    let expected: Vec<&str> = titles[..found].iter().map(String::as_str).collect();
    assert_eq!(restored_titles, expected);
    let audit = archive
        .audit_log(&admin, &Default::default(), 100_000)
        .unwrap();
    let position = |action: &str| audit.iter().position(|e| e.action == action);
    assert!(position("archive.backup") < position("archive.restore"));
    assert!(position("archive.backup").is_some());
}

#[test]
fn restore_refuses_a_non_empty_directory_and_a_damaged_backup() {
    let sandbox = Sandbox::new();
    demo(&sandbox);
    let backup = sandbox.path("backup");
    sandbox.ok(&["backup", backup.to_str().unwrap()]);
    let again = sandbox.run(&["backup", backup.to_str().unwrap()]);
    assert_eq!(again.code, 73, "a backup is never written over");

    let occupied = sandbox.path("occupied");
    std::fs::create_dir(&occupied).unwrap();
    std::fs::write(occupied.join("笔记.txt"), "不要覆盖").unwrap();
    let run = on(&sandbox, &occupied, &["restore", backup.to_str().unwrap()]);
    assert_eq!(run.code, 73, "{}", run.stderr);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(&occupied).unwrap().count(), 1);

    // One byte changed in the database copy: named, and nothing restored.
    let db = backup.join("dangan.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&db, bytes).unwrap();
    std::fs::write(backup.join("extra.txt"), "夹带").unwrap();
    let target = sandbox.path("target");
    let run = on(&sandbox, &target, &["restore", backup.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(run.stderr.contains("dangan.db: altered"), "{}", run.stderr);
    assert!(
        run.stderr.contains("extra.txt: not in the manifest"),
        "{}",
        run.stderr
    );
    assert!(!target.exists());
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".target."))
        .collect();
    assert!(leftovers.is_empty(), "no staging directory left behind");
}

#[test]
fn check_names_an_altered_object_and_repairs_a_disagreeing_index() {
    let sandbox = Sandbox::new();
    demo(&sandbox);
    let scan = sandbox.write(
        "扫描件.txt",
        "《关于“国际档案日”的通知》全文——第１号…".as_bytes(),
    );
    let code = sandbox
        .run_as("admin", "demo-admin-2019", &["list", "--per-page", "1"])
        .stdout
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let run = sandbox.run_as(
        "archivist",
        "demo-archivist-2019",
        &["attach", &code, scan.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let clean = sandbox.run(&["check"]);
    assert_eq!(clean.code, 0, "{}", clean.stdout);
    assert!(clean.stdout.contains("1 files"), "{}", clean.stdout);

    // A record added behind the program's back: the index does not have it.
    let db = sandbox.archive().join("dangan.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO records (fonds, year, retention, dept, item, title, responsible, doc_no, classification, \
         carrier, location, keywords, notes, status, version, created_at, created_by, updated_at, updated_by) \
         SELECT fonds, year, retention, dept, 9999, title, responsible, doc_no, classification, carrier, location, \
         keywords, notes, status, 1, created_at, created_by, updated_at, updated_by FROM records LIMIT 1",
        [],
    )
    .unwrap();
    drop(conn);
    // And a stored file changed on disk.
    let objects = sandbox.archive().join("objects");
    let prefix = std::fs::read_dir(&objects)
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let file = std::fs::read_dir(prefix)
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let mut permissions = std::fs::metadata(&file).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&file, permissions).unwrap();
    std::fs::write(&file, "被篡改的内容").unwrap();

    let run = sandbox.run(&["check"]);
    assert_eq!(run.code, 65, "{}", run.stdout);
    assert!(run.stdout.contains("FAIL  objects"), "{}", run.stdout);
    assert!(run.stdout.contains("altered"), "{}", run.stdout);
    assert!(run.stdout.contains("FAIL  index"), "{}", run.stdout);
    assert!(
        run.stdout.contains("-9999 is in the index 0 times"),
        "{}",
        run.stdout
    );
    // The demo's 300 records and the 60 items inside its volumes, and the one added behind its back.
    assert!(
        run.stdout
            .contains("the index holds 360 records, the store 361"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("3 problems"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );

    // The same report for a Chinese reader: every line in Chinese, columns aligned.
    let zh = sandbox.run(&["--lang", "zh", "check"]);
    assert_eq!(zh.code, 65, "{}", zh.stdout);
    for said in [
        "有误  数字对象",
        "已被改动",
        "有误  检索索引",
        "-9999 在索引中出现 0 次",
        "索引中有 360 条档案，库中有 361 条",
        "正常  审计链",
    ] {
        assert!(zh.stdout.contains(said), "{said}:\n{}", zh.stdout);
    }
    for english in ["FAIL", "altered", "index", "records", "chain"] {
        assert!(!zh.stdout.contains(english), "{english}:\n{}", zh.stdout);
    }
    assert!(zh.stderr.contains("3 个问题"), "{}", zh.stderr);

    let run = sandbox.run(&["check", "--repair-index", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["index_rebuilt"], true);
    assert_eq!(report["findings"], 1, "only the altered object is left");
}
