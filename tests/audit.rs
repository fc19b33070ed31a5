//! The audit trail and clearances as users meet them on the command line.

mod common;

use common::{ADMIN, ADMIN_PASSWORD, Sandbox, tamper};

/// An archive with a few audited changes: fonds, two records (one 机密), an edit, a reader.
fn busy_archive() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0001",
        "--title",
        "《公开通知》",
        "--class",
        "公开",
    ]);
    sandbox.ok(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0002",
        "--title",
        "机密：“绝密方案”—草稿",
        "--class",
        "机密",
    ]);
    sandbox.ok(&["edit", "J001-2019-Y-BGS-0001", "--pages", "3"]);
    sandbox.add_user("王读者", "读者口令-2026", "reader", "内部");
    sandbox
}

fn verify(sandbox: &Sandbox) -> common::Run {
    sandbox.run(&["audit", "verify"])
}

#[test]
fn an_intact_trail_verifies_and_the_triggers_refuse_changes() {
    let sandbox = busy_archive();
    let run = verify(&sandbox);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("audit trail intact: "),
        "{}",
        run.stdout
    );
    let conn = rusqlite::Connection::open(sandbox.archive().join("dangan.db")).unwrap();
    let update = conn.execute("UPDATE audit SET user = 'x' WHERE seq = 1", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    assert!(conn.execute("DELETE FROM audit WHERE seq = 1", []).is_err());
}

#[test]
fn verify_names_an_entry_edited_behind_the_programs_back() {
    let sandbox = busy_archive();
    tamper(&sandbox)
        .execute(
            "UPDATE audit SET object = 'J001-2019-Y-BGS-0009' WHERE seq = 4",
            [],
        )
        .unwrap();
    let run = verify(&sandbox);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("entry 4 does not match its hash"),
        "{}",
        run.stderr
    );
}

#[test]
fn verify_names_an_entry_deleted_behind_the_programs_back() {
    let sandbox = busy_archive();
    tamper(&sandbox)
        .execute("DELETE FROM audit WHERE seq = 3", [])
        .unwrap();
    let run = verify(&sandbox);
    assert_eq!(run.code, 65);
    assert!(run.stderr.contains("entry 3 is missing"), "{}", run.stderr);
}

#[test]
fn verify_names_an_entry_inserted_behind_the_programs_back() {
    let sandbox = busy_archive();
    let conn = tamper(&sandbox);
    let (seq, hash): (i64, String) = conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // A forger who knows the format but not the key chains a plausible entry on the end.
    let forged_hash = format!("{:064x}", seq * 7919);
    conn.execute(
        "INSERT INTO audit (seq, at, user, action, object, detail, prev_hash, hash) \
         VALUES (?1, '2026-11-25T10:00:00Z', ?2, 'record.edit', 'J001-2019-Y-BGS-0002', '{}', ?3, ?4)",
        rusqlite::params![seq + 1, ADMIN, hash, forged_hash],
    )
    .unwrap();
    let run = verify(&sandbox);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr
            .contains(&format!("entry {} does not match its hash", seq + 1)),
        "{}",
        run.stderr
    );
}

#[test]
fn no_password_or_hash_reaches_the_audit_trail_or_the_output() {
    let sandbox = busy_archive();
    let mut outputs = String::new();
    let mut keep = |run: common::Run| outputs.push_str(&(run.stdout + &run.stderr));
    // A user who types their password into the name field, then fails, then changes it.
    keep(sandbox.run_as("读者口令-2026", "读者口令-2026", &["list"]));
    keep(sandbox.run_as("王读者", "错误的口令-1", &["list"]));
    keep(sandbox.run_with_input(
        "新的读者口令-2027\n",
        &["user", "passwd", "王读者", "--password-stdin"],
    ));
    keep(sandbox.run_as("王读者", "新的读者口令-2027", &["list"]));
    keep(sandbox.run(&["audit", "log", "--json"]));

    let conn = rusqlite::Connection::open(sandbox.archive().join("dangan.db")).unwrap();
    let mut stmt = conn
        .prepare("SELECT user || ' ' || action || ' ' || object || ' ' || detail FROM audit")
        .unwrap();
    let trail: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let everything = trail.join("\n") + &outputs;
    for secret in [
        ADMIN_PASSWORD,
        "读者口令-2026",
        "错误的口令-1",
        "新的读者口令-2027",
        "$argon2",
    ] {
        assert!(!everything.contains(secret), "{secret} leaked");
    }
    assert!(
        trail.iter().any(|t| t.starts_with("? login.failed")),
        "the unknown-name failure is still audited"
    );
    assert!(
        trail
            .iter()
            .any(|t| t.starts_with(&format!("{ADMIN} user.passwd 王读者")))
    );
}

#[test]
fn a_reader_never_sees_a_confidential_record_anywhere() {
    let sandbox = busy_archive();
    let reader = |args: &[&str]| sandbox.run_as("王读者", "读者口令-2026", args);
    let secret_title = "绝密方案";

    let list = reader(&["list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(json["total"], 1);
    assert_eq!(json["records"][0]["code"], "J001-2019-Y-BGS-0001");

    let hidden = reader(&["show", "J001-2019-Y-BGS-0002"]);
    let missing = reader(&["show", "J001-2019-Y-BGS-0099"]);
    assert_eq!((hidden.code, missing.code), (1, 1));
    assert_eq!(
        hidden.stderr.replace("0002", "XXXX"),
        missing.stderr.replace("0099", "XXXX"),
        "a hidden record reads exactly like a missing one"
    );

    let fonds: serde_json::Value =
        serde_json::from_str(&reader(&["fonds", "list", "--json"]).stdout).unwrap();
    assert_eq!(fonds[0]["records"], 1, "counts leave it out too");
    assert_eq!(
        reader(&["list", "--status", "在库"]).stdout.lines().count(),
        2,
        "one record and the footer"
    );

    let everything: String = [
        list,
        hidden,
        reader(&["list"]),
        reader(&["export", "records"]),
    ]
    .map(|r| r.stdout + &r.stderr)
    .concat();
    assert!(!everything.contains(secret_title));

    // An auditor cleared to 机密 may export it, and that export is audited.
    sandbox.add_user("赵审计", "审计口令-2026", "auditor", "机密");
    let export = sandbox.run_as(
        "赵审计",
        "审计口令-2026",
        &["export", "records", "--format", "jsonl"],
    );
    assert!(export.stdout.contains(secret_title));
    let log = sandbox.run(&["audit", "log", "--json", "--by", "赵审计"]);
    let entries: serde_json::Value = serde_json::from_str(&log.stdout).unwrap();
    let export_entry = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "records.export")
        .unwrap();
    assert_eq!(export_entry["detail"]["restricted"], 1);
}

#[test]
fn user_commands_disable_enable_change_role_and_password() {
    let sandbox = busy_archive();
    let as_reader = |password: &str| sandbox.run_as("王读者", password, &["list"]).code;
    sandbox.ok(&["user", "disable", "王读者"]);
    let refused = sandbox.run_as("王读者", "读者口令-2026", &["list"]);
    assert_eq!(
        (refused.code, refused.stderr.trim()),
        (77, "error: wrong user name or password")
    );
    sandbox.ok(&["user", "enable", "王读者"]);
    assert_eq!(as_reader("读者口令-2026"), 0);

    assert_eq!(
        sandbox
            .run_as(
                "王读者",
                "读者口令-2026",
                &["add", "--code", "J001-2019-Y-BGS-0005", "--title", "x"]
            )
            .code,
        77
    );
    sandbox.ok(&["user", "role", "王读者", "档案员", "--clearance", "秘密"]);
    let add = sandbox.run_as(
        "王读者",
        "读者口令-2026",
        &[
            "add",
            "--code",
            "J001-2019-Y-BGS-0005",
            "--title",
            "现在可以",
        ],
    );
    assert_eq!(add.code, 0, "{}", add.stderr);

    let passwd = sandbox.run_with_input(
        "换过的口令-2026\n",
        &["user", "passwd", "王读者", "--password-stdin"],
    );
    assert_eq!(passwd.code, 0, "{}", passwd.stderr);
    assert_eq!(as_reader("读者口令-2026"), 77);
    assert_eq!(as_reader("换过的口令-2026"), 0);

    let list = sandbox.ok(&["--lang", "zh", "user", "list"]);
    assert!(
        list.contains("王读者") && list.contains("档案员") && list.contains("秘密"),
        "{list}"
    );
    assert_eq!(
        sandbox.run(&["user", "disable", ADMIN]).code,
        65,
        "an admin cannot lock themselves out"
    );
}

#[test]
fn the_demo_has_a_user_of_every_role_and_prints_their_passwords() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("demo");
    let run = sandbox.run_on(&dir, &["--lang", "zh", "demo", "--records", "200"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (user, role, password) in [
        ("admin", "管理员", "demo-admin-2019"),
        ("archivist", "档案员", "demo-archivist-2019"),
        ("reader", "查阅者", "demo-reader-2019"),
        ("auditor", "审计员", "demo-auditor-2019"),
    ] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.contains(user) && l.contains(role) && l.contains(password)),
            "{user}"
        );
        let list = sandbox.run_on_as(&dir, user, password, &["list", "--json"]);
        assert_eq!(list.code, 0, "{user}: {}", list.stderr);
    }
}
