//! Accounts through the library: who may do what, lock-out and its expiry (with a test clock),
//! and rehashing when the password parameters change.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, TimeZone, Utc};
use dangan::archive::export::ExportFormat;
use dangan::archive::import::ImportOptions;
use dangan::archive::records::NewCode;
use dangan::domain::RecordQuery;
use dangan::domain::audit::AuditFilter;
use dangan::domain::{Classification, CodeGroup, CodeScheme, RecordData, Role};
use dangan::i18n::Lang;
use dangan::{Archive, Error, Session};

const PASSWORD: &str = "口令-2026-测试";

fn archive_with_roles() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::init(&dir.path().join("a")).unwrap();
    let admin = archive
        .create_first_admin("admin", "张管理", PASSWORD)
        .unwrap();
    for (name, role) in [
        ("archivist", Role::Archivist),
        ("reader", Role::Reader),
        ("auditor", Role::Auditor),
    ] {
        archive
            .add_user(
                &admin,
                name,
                "",
                PASSWORD,
                role,
                Classification::Confidential,
            )
            .unwrap();
    }
    archive
        .add_fonds(&admin, "J001", "市档案馆", CodeScheme::Plain)
        .unwrap();
    (dir, archive)
}

fn record(title: &str) -> RecordData {
    RecordData {
        title: title.into(),
        ..RecordData::default()
    }
}

type Operation = fn(&mut Archive, &Session, &std::path::Path) -> Result<(), Error>;

fn operations() -> Vec<(&'static str, Operation)> {
    vec![
        ("read", |a, s, _| {
            a.list(s, &RecordQuery::default(), 10, 0).map(drop)
        }),
        ("write", |a, s, _| {
            let group = CodeGroup::new("J001", "2019", "Y", "BGS").unwrap();
            a.add_record(s, NewCode::Next(group), &record("《通知》"))
                .map(drop)
        }),
        ("import", |a, s, dir| {
            let file = dir.join(format!("{}.csv", s.name()));
            std::fs::write(
                &file,
                "全宗号,年度,保管期限,机构,题名\nJ001,2020,Y,BGS,导入的记录\n",
            )
            .unwrap();
            a.import_records(s, &file, &ImportOptions::default())
                .map(drop)
        }),
        ("export", |a, s, _| {
            a.export_records(
                s,
                &RecordQuery::default(),
                ExportFormat::Jsonl,
                &mut Vec::new(),
            )
            .map(drop)
        }),
        ("fonds", |a, s, _| {
            a.add_fonds(
                s,
                &format!("F{}", s.name().len()),
                "新全宗",
                CodeScheme::Plain,
            )
            .map(drop)
        }),
        ("users", |a, s, _| {
            let name = format!("new-{}", s.name());
            a.add_user(s, &name, "", PASSWORD, Role::Reader, Classification::Public)
        }),
        ("audit", |a, s, _| {
            a.audit_log(s, &AuditFilter::default(), 10).map(drop)
        }),
        ("settings", |a, s, _| {
            a.set_setting(s, "auth.max_failures", "6")
        }),
    ]
}

#[test]
fn every_role_against_every_operation() {
    // Written out here rather than derived from Role::allows, so that a change to the table shows.
    let expected: [(&str, [bool; 8]); 4] = [
        // read, write, import, export, fonds, users, audit, settings
        ("admin", [true, true, true, true, true, true, true, true]),
        (
            "archivist",
            [true, true, true, true, true, false, false, false],
        ),
        (
            "reader",
            [true, false, false, false, false, false, false, false],
        ),
        (
            "auditor",
            [true, false, false, true, false, false, true, false],
        ),
    ];
    let (dir, mut archive) = archive_with_roles();
    for (user, allowed) in expected {
        let session = archive.login(user, PASSWORD).unwrap();
        for ((operation, run), allowed) in operations().into_iter().zip(allowed) {
            let result = run(&mut archive, &session, dir.path());
            match (allowed, &result) {
                (true, Ok(())) | (false, Err(Error::Refused(_))) => {}
                _ => panic!("{user} {operation}: expected allowed={allowed}, got {result:?}"),
            }
        }
    }
}

#[test]
fn nobody_classifies_above_their_own_clearance() {
    let (_dir, mut archive) = archive_with_roles();
    let admin = archive.login("admin", PASSWORD).unwrap();
    archive
        .set_role(
            &admin,
            "archivist",
            Role::Archivist,
            Classification::Internal,
        )
        .unwrap();
    let archivist = archive.login("archivist", PASSWORD).unwrap();
    let secret = RecordData {
        classification: Classification::Secret,
        ..record("秘密文件")
    };
    let code = "J001-2019-Y-BGS-0001".parse().unwrap();
    let result = archive.add_record(&archivist, NewCode::Exact(code), &secret);
    assert!(
        matches!(result, Err(Error::Refused(ref m)) if m.text(Lang::Zh).contains("秘密")),
        "{result:?}"
    );
}

/// A clock the test moves by hand.
fn manual_clock(archive: &mut Archive) -> Arc<Mutex<DateTime<Utc>>> {
    let now = Arc::new(Mutex::new(
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap(),
    ));
    let shared = now.clone();
    archive.set_clock(move || *shared.lock().unwrap());
    now
}

fn actions(archive: &mut Archive) -> Vec<String> {
    let admin = archive.login("admin", PASSWORD).unwrap();
    let entries = archive
        .audit_log(&admin, &AuditFilter::default(), 1000)
        .unwrap();
    entries
        .into_iter()
        .map(|e| format!("{} {}", e.action, e.object))
        .collect()
}

#[test]
fn five_failures_lock_an_account_for_fifteen_minutes_then_it_opens_again() {
    let (_dir, mut archive) = archive_with_roles();
    let now = manual_clock(&mut archive);
    for attempt in 1..=5 {
        let err = archive.login("reader", "不对的口令").unwrap_err();
        assert_eq!(
            err.to_string(),
            "wrong user name or password",
            "attempt {attempt}"
        );
    }
    *now.lock().unwrap() += Duration::minutes(1);
    // Locked, the right password gets the answer an unknown name gets: the lock is for the
    // admin to see in the trail, not for whoever is trying names.
    let locked = archive.login("reader", PASSWORD).unwrap_err();
    let unknown = archive.login("无此人", PASSWORD).unwrap_err();
    assert_eq!(locked.to_string(), unknown.to_string());
    assert_eq!(locked.exit_code(), unknown.exit_code());

    *now.lock().unwrap() += Duration::minutes(14) + Duration::seconds(1);
    assert!(
        archive.login("reader", PASSWORD).is_ok(),
        "the lock-out is over after 15 minutes"
    );

    let log = actions(&mut archive);
    assert_eq!(
        log.iter().filter(|a| *a == "login.failed reader").count(),
        5
    );
    assert_eq!(
        log.iter().filter(|a| *a == "login.locked reader").count(),
        1
    );
    assert_eq!(
        log.iter().filter(|a| *a == "login.refused reader").count(),
        1
    );
}

#[test]
fn the_lock_out_policy_is_a_setting() {
    let (_dir, mut archive) = archive_with_roles();
    let now = manual_clock(&mut archive);
    let admin = archive.login("admin", PASSWORD).unwrap();
    archive
        .set_setting(&admin, "auth.max_failures", "2")
        .unwrap();
    archive
        .set_setting(&admin, "auth.lockout_minutes", "60")
        .unwrap();
    assert!(
        archive
            .set_setting(&admin, "auth.max_failures", "零")
            .is_err()
    );
    for _ in 0..2 {
        assert!(archive.login("auditor", "错").is_err());
    }
    *now.lock().unwrap() += Duration::minutes(30);
    assert!(
        archive.login("auditor", PASSWORD).is_err(),
        "still locked after 30 of 60 minutes"
    );
    *now.lock().unwrap() += Duration::minutes(31);
    assert!(archive.login("auditor", PASSWORD).is_ok());
}

#[test]
fn an_unknown_name_and_a_wrong_password_read_the_same() {
    let (_dir, mut archive) = archive_with_roles();
    let unknown = archive.login("无此人", PASSWORD).unwrap_err().to_string();
    let wrong = archive
        .login("reader", "不对的口令")
        .unwrap_err()
        .to_string();
    assert_eq!(unknown, wrong);
}

#[test]
fn a_hash_made_with_older_parameters_is_replaced_at_the_next_login() {
    let (dir, mut archive) = archive_with_roles();
    let weak = dangan::archive::password::hash_with(PASSWORD, (8 * 1024, 1, 1)).unwrap();
    let db = dir.path().join("a/dangan.db");
    let stored = |conn: &rusqlite::Connection| -> String {
        conn.query_row(
            "SELECT password_hash FROM users WHERE name = 'reader'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            "UPDATE users SET password_hash = ?1 WHERE name = 'reader'",
            [&weak],
        )
        .unwrap();
        assert!(stored(&conn).contains("m=8192,t=1,p=1"));
    }
    archive.login("reader", PASSWORD).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let upgraded = stored(&conn);
    assert!(
        upgraded.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{upgraded}"
    );
    assert!(
        archive.login("reader", PASSWORD).is_ok(),
        "the new hash verifies"
    );
}
