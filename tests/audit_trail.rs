//! An audit trail cut short, emptied or rewritten with the key is seen: against the rows that
//! name its entries, the key's fingerprint, and anchors of its head kept elsewhere (a backup, a
//! certificate, the system log).

mod common;

use common::{Sandbox, tamper};

/// Records added and edited, one lent: every kind of row that names an audit entry.
fn archive_with_history() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0001",
        "--title",
        "关于《档案管理办法》的通知",
    ]);
    sandbox.ok(&["edit", "J001-2019-Y-BGS-0001", "--pages", "12"]);
    #[rustfmt::skip]
    sandbox.ok(&["loan", "out", "J001-2019-Y-BGS-0001", "--borrower", "王小明", "--purpose", "学术研究"]);
    sandbox
}

fn last_seq(conn: &rusqlite::Connection) -> i64 {
    conn.query_row("SELECT MAX(seq) FROM audit", [], |r| r.get(0))
        .unwrap()
}

/// The head `audit verify` prints for keeping elsewhere.
fn printed_head(sandbox: &Sandbox) -> String {
    let out = sandbox.ok(&["audit", "verify"]);
    let line = out.lines().find(|l| l.starts_with("head ")).expect(&out);
    line.split_whitespace().nth(1).unwrap().to_string()
}

#[test]
fn removing_the_newest_entries_is_seen_by_verify_and_check() {
    let sandbox = archive_with_history();
    let conn = tamper(&sandbox);
    let last = last_seq(&conn);
    // The loan and the log-in before it: the newest two entries.
    conn.execute("DELETE FROM audit WHERE seq > ?1", [last - 2])
        .unwrap();
    drop(conn);
    let verify = sandbox.run(&["audit", "verify"]);
    assert_eq!(verify.code, 65, "{}", verify.stdout);
    assert!(
        verify.stderr.contains("entries were removed from its end"),
        "{}",
        verify.stderr
    );
    let check = sandbox.run(&["check"]);
    assert_eq!(check.code, 65, "{}", check.stdout);
    assert!(
        check.stdout.contains("removed from its end"),
        "{}",
        check.stdout
    );
}

#[test]
fn an_emptied_trail_is_seen_and_a_missing_key_is_never_made_anew() {
    let sandbox = archive_with_history();
    tamper(&sandbox).execute("DELETE FROM audit", []).unwrap();
    let verify = sandbox.run(&["audit", "verify"]);
    assert_eq!(verify.code, 65, "{}", verify.stdout);
    assert!(
        verify.stderr.contains("removed from its end"),
        "{}",
        verify.stderr
    );

    // The key gone as well: dangan refuses the archive rather than key a new chain over it.
    std::fs::remove_file(sandbox.archive().join("audit.key")).unwrap();
    for args in [&["list"][..], &["audit", "verify"], &["check"]] {
        let run = sandbox.run(args);
        assert_eq!(run.code, 65, "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains("audit.key is missing"),
            "{}",
            run.stderr
        );
    }
    assert!(!sandbox.archive().join("audit.key").exists());
}

#[test]
fn a_key_put_in_place_of_the_archives_own_is_refused() {
    let sandbox = archive_with_history();
    let other = Sandbox::with_archive();
    std::fs::copy(
        other.archive().join("audit.key"),
        sandbox.archive().join("audit.key"),
    )
    .unwrap();
    let run = sandbox.run(&["list"]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("not this archive's key"),
        "{}",
        run.stderr
    );
}

/// A forger with the key removes the newest entries and clears the rows that name them: only
/// an anchor kept elsewhere tells.
fn forge_a_shorter_trail(sandbox: &Sandbox, keep: i64) {
    let conn = tamper(sandbox);
    conn.execute("DELETE FROM audit WHERE seq > ?1", [keep])
        .unwrap();
    for table in [
        "records",
        "record_revisions",
        "loans",
        "users",
        "registers",
        "register_lines",
        "objects",
    ] {
        conn.execute(
            &format!("UPDATE {table} SET audit_seq = NULL WHERE audit_seq > ?1"),
            [keep],
        )
        .unwrap();
    }
}

#[test]
fn an_anchor_kept_elsewhere_catches_a_trail_rewritten_with_the_key() {
    let sandbox = archive_with_history();
    let head = printed_head(&sandbox);
    let (seq, _) = head.split_once(':').unwrap();
    let seq: i64 = seq.parse().unwrap();
    let held = sandbox.run(&["audit", "verify", "--head", &head]);
    assert_eq!(held.code, 0, "{}", held.stderr);
    assert!(
        held.stdout.contains("holds the 1 anchor"),
        "{}",
        held.stdout
    );

    forge_a_shorter_trail(&sandbox, seq - 3);
    assert_eq!(
        sandbox.run(&["audit", "verify"]).code,
        0,
        "without an anchor the forged trail holds together"
    );
    let run = sandbox.run(&["audit", "verify", "--head", &head]);
    assert_eq!(run.code, 65, "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!("entry {seq}")),
        "names the anchored entry: {}",
        run.stderr
    );
    let bad = sandbox.run(&["audit", "verify", "--head", "12:不是哈希"]);
    assert_eq!(bad.code, 65);
    assert!(bad.stderr.contains("SEQ:HASH"), "{}", bad.stderr);
}

#[test]
fn a_backup_keeps_the_head_and_verify_checks_the_trail_against_it() {
    let sandbox = archive_with_history();
    let dest = sandbox.path("备份-2026-12-01");
    let out = sandbox.ok(&["backup", dest.to_str().unwrap()]);
    assert!(out.contains("audit head "), "{out}");
    let description: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dest.join("backup.json")).unwrap()).unwrap();
    let seq = description["audit_head"]["seq"].as_i64().unwrap();
    assert_eq!(
        description["audit_head"]["hash"].as_str().unwrap().len(),
        64
    );
    let against = ["audit", "verify", "--against", dest.to_str().unwrap()];
    assert_eq!(sandbox.run(&against).code, 0);

    forge_a_shorter_trail(&sandbox, seq - 2);
    let run = sandbox.run(&against);
    assert_eq!(run.code, 65, "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!("entry {seq}")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_certificate_carries_the_head_it_was_signed_at() {
    let sandbox = archive_with_history();
    let register = sandbox.write(
        "台账.csv",
        "档号,题名\nJ001-2019-Y-BGS-0001,关于《档案管理办法》的通知\n".as_bytes(),
    );
    #[rustfmt::skip]
    sandbox.ok(&["reconcile", "import", register.to_str().unwrap(), "--scope", "J001/2019"]);
    let head = printed_head(&sandbox);
    let certificate: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["reconcile", "certify", "J001/2019"])).unwrap();
    let anchored = certificate["audit_head"].as_str().unwrap();
    let (anchored_seq, _) = anchored.split_once(':').unwrap();
    let (printed_seq, _) = head.split_once(':').unwrap();
    // The verify above and this command's log-in came between.
    assert!(anchored_seq.parse::<i64>().unwrap() > printed_seq.parse::<i64>().unwrap());
    assert_eq!(
        sandbox.run(&["audit", "verify", "--head", anchored]).code,
        0
    );
}

#[cfg(unix)]
#[test]
fn the_head_goes_to_the_system_log() {
    use std::os::unix::net::UnixDatagram;
    let sandbox = Sandbox::with_archive();
    let socket_path = sandbox.path("log.sock");
    let log = UnixDatagram::bind(&socket_path).unwrap();
    log.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let run = sandbox
        .command()
        .env("DANGAN_SYSLOG", &socket_path)
        .arg("--archive")
        .arg(sandbox.archive())
        .args([
            "add",
            "--code",
            "J001-2019-Y-BGS-0001",
            "--title",
            "“系统日志”测试",
        ])
        .output()
        .unwrap();
    assert!(run.status.success());
    let mut buffer = [0u8; 4096];
    let mut messages = Vec::new();
    log.set_nonblocking(false).unwrap();
    while let Ok(n) = log.recv(&mut buffer) {
        messages.push(String::from_utf8_lossy(&buffer[..n]).into_owned());
        log.set_read_timeout(Some(std::time::Duration::from_millis(200)))
            .unwrap();
    }
    let last = messages.last().expect("a message in the system log");
    assert!(last.starts_with("<85>dangan["), "{last}");
    let head = printed_head(&sandbox);
    let (seq, hash) = head.split_once(':').unwrap();
    // The verify just run logged in once more: the head sent is the one before it.
    let sent_seq: i64 = seq.parse::<i64>().unwrap() - 1;
    assert!(
        last.contains(&format!("audit head {sent_seq}:")),
        "{last} / {seq}:{hash}"
    );
    assert!(last.contains(&sandbox.archive().display().to_string()));
}
