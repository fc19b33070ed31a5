//! Encrypted backups, the register of backup media and restore drills, as an operator runs them:
//! nothing readable leaves in an encrypted backup; the right passphrase or key restores it whole;
//! a wrong one, or one altered byte, restores nothing; every backup and drill is registered.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Run, Sandbox, record_count, transfer_list};

const PASSPHRASE: &str = "馆藏备份·口令—２０２６";

/// An archive of 30 records, two of them with a file attached.
fn archive() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    let list = sandbox.write("移交清册.csv", transfer_list(30).as_bytes());
    sandbox.ok(&["import", "records", list.to_str().unwrap()]);
    for (n, text) in [
        (1, "《档案工作规范》正文…（１）"),
        (2, "“机要”附件—Scan 2019"),
    ] {
        let file = sandbox.write(&format!("正文{n}.txt"), text.as_bytes());
        let code = format!("J001-2019-D30-BGS-{n:04}");
        sandbox.ok(&["attach", &code, file.to_str().unwrap()]);
    }
    sandbox
}

fn run(sandbox: &Sandbox, archive: &Path, passphrase: Option<&str>, args: &[&str]) -> Run {
    let mut command: Command = sandbox.command();
    command.arg("--archive").arg(archive).args(args);
    match passphrase {
        Some(passphrase) => command.env("DANGAN_BACKUP_PASSPHRASE", passphrase),
        None => command.env_remove("DANGAN_BACKUP_PASSPHRASE"),
    };
    command.output().expect("run dangan").into()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under `dir`, as relative paths.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(d).unwrap().flatten() {
            match entry.path().is_dir() {
                true => dirs.push(entry.path()),
                false => found.push(entry.path().strip_prefix(dir).unwrap().to_path_buf()),
            }
        }
    }
    found
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Nothing beside `target` in the sandbox: no staging or decrypted directory left behind.
fn nothing_left_of(sandbox: &Sandbox, target: &str) {
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(&format!(".{target}.")) || name == target)
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn a_passphrase_backup_holds_nothing_readable_and_restores_whole() {
    let sandbox = archive();
    let backup = sandbox.path("加密备份");
    let made = run(
        &sandbox,
        &sandbox.archive(),
        Some(PASSPHRASE),
        &[
            "backup",
            path(&backup),
            "--encrypt",
            "--medium",
            "移动硬盘 03",
        ],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(made.stdout.contains("backup.tar.age"), "{}", made.stdout);
    assert_eq!(files(&backup), [PathBuf::from("backup.tar.age")]);
    let sealed = std::fs::read(backup.join("backup.tar.age")).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    for plain in [
        "移交清册",
        "档案工作规范",
        "SQLite format",
        "MANIFEST",
        "市档案馆",
    ] {
        assert!(!contains(&sealed, plain), "{plain} readable in the backup");
    }

    // Without the passphrase (no terminal, none in the environment): asked for, nothing written.
    let target = sandbox.path("恢复");
    let refused = run(&sandbox, &target, None, &["restore", path(&backup)]);
    assert_eq!(refused.code, 77, "{}", refused.stderr);
    assert!(refused.stderr.contains("passphrase"), "{}", refused.stderr);
    nothing_left_of(&sandbox, "恢复");
    let wrong = run(
        &sandbox,
        &target,
        Some("另一个口令"),
        &["restore", path(&backup)],
    );
    assert_eq!(wrong.code, 77, "{}", wrong.stderr);
    assert!(wrong.stderr.contains("does not open"), "{}", wrong.stderr);
    nothing_left_of(&sandbox, "恢复");

    let restored = run(
        &sandbox,
        &target,
        Some(PASSPHRASE),
        &["restore", path(&backup)],
    );
    assert_eq!(restored.code, 0, "{}\n{}", restored.stdout, restored.stderr);
    let copy = Sandbox {
        dir: tempfile::tempdir().unwrap(),
    };
    let listed = run(&copy, &target, None, &["list", "--json", "--per-page", "1"]);
    let listed: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(listed["total"], record_count(&sandbox) as u64);
    let shown = run(&sandbox, &target, None, &["show", "J001-2019-D30-BGS-0002"]);
    assert!(shown.stdout.contains("正文2.txt"), "{}", shown.stdout);
}

#[test]
fn a_backup_to_public_keys_opens_with_its_key_only() {
    let sandbox = archive();
    let key = sandbox.path("馆长.key");
    let made = sandbox.ok(&["keygen", "--output", path(&key)]);
    let public = made.lines().last().unwrap().trim().to_string();
    assert!(public.starts_with("age1"), "{made}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o077,
            0,
            "the secret key is readable by its owner only"
        );
    }
    let again = sandbox.run(&["keygen", "--output", path(&key)]);
    assert_ne!(again.code, 0, "a key is never written over");
    let other = sandbox.path("别人.key");
    sandbox.ok(&["keygen", "--output", path(&other)]);

    let backup = sandbox.path("备份");
    let recipients = sandbox.write("公钥.txt", format!("# 馆长\n{public}\n").as_bytes());
    sandbox.ok(&[
        "backup",
        path(&backup),
        "--recipients-file",
        path(&recipients),
    ]);

    let target = sandbox.path("恢复");
    let no_key = run(&sandbox, &target, None, &["restore", path(&backup)]);
    assert_eq!(no_key.code, 77, "{}", no_key.stderr);
    assert!(no_key.stderr.contains("--identity"), "{}", no_key.stderr);
    let wrong = sandbox.run_on(
        &target,
        &["restore", path(&backup), "--identity", path(&other)],
    );
    assert_eq!(wrong.code, 77, "{}", wrong.stderr);
    assert!(wrong.stderr.contains("does not open"), "{}", wrong.stderr);
    nothing_left_of(&sandbox, "恢复");
    let not_a_key = sandbox.write("说明.txt", "这不是私钥".as_bytes());
    let bad = sandbox.run_on(
        &target,
        &["restore", path(&backup), "--identity", path(&not_a_key)],
    );
    assert_eq!(bad.code, 65, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("not an age identity file"),
        "{}",
        bad.stderr
    );

    let sealed = backup.join("backup.tar.age");
    let ok = sandbox.run_on(
        &target,
        &["restore", path(&sealed), "--identity", path(&key)],
    );
    assert_eq!(ok.code, 0, "{}\n{}", ok.stdout, ok.stderr);

    // A recipient that is no key is named, and nothing is written.
    let bad_recipients = sandbox.write("坏公钥.txt", "age1yes\n".as_bytes());
    let refused = sandbox.run(&[
        "backup",
        path(&sandbox.path("又一个")),
        "--recipients-file",
        path(&bad_recipients),
    ]);
    assert_eq!(refused.code, 65, "{}", refused.stderr);
    assert!(refused.stderr.contains("line 1"), "{}", refused.stderr);
    assert!(!sandbox.path("又一个").exists());
    // The secret key named where the public key belongs: said so, never used.
    let refused = sandbox.run(&["settings", "set", "safekeeping.recipients", path(&key)]);
    assert_eq!(refused.code, 65, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("holds a secret key"),
        "{}",
        refused.stderr
    );
}

#[test]
fn an_altered_byte_in_an_encrypted_backup_restores_nothing() {
    let sandbox = archive();
    let backup = sandbox.path("备份");
    let made = run(
        &sandbox,
        &sandbox.archive(),
        Some(PASSPHRASE),
        &["backup", path(&backup), "--encrypt"],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let sealed = backup.join("backup.tar.age");
    let mut bytes = std::fs::read(&sealed).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(&sealed, &bytes).unwrap();
    let target = sandbox.path("恢复");
    let run_restore = run(
        &sandbox,
        &target,
        Some(PASSPHRASE),
        &["--lang", "zh", "restore", path(&backup)],
    );
    assert_eq!(run_restore.code, 65, "{}", run_restore.stderr);
    assert!(
        run_restore.stderr.contains("已损坏或被改动"),
        "{}",
        run_restore.stderr
    );
    nothing_left_of(&sandbox, "恢复");

    // Cut short: also refused.
    std::fs::write(&sealed, &bytes[..middle]).unwrap();
    let cut = run(
        &sandbox,
        &target,
        Some(PASSPHRASE),
        &["restore", path(&backup)],
    );
    assert_eq!(cut.code, 65, "{}", cut.stderr);
    nothing_left_of(&sandbox, "恢复");
}

#[test]
fn the_register_names_each_backup_and_drill_and_a_failed_drill_says_so() {
    let sandbox = archive();
    let plain = sandbox.path("备份一");
    sandbox.ok(&["backup", path(&plain), "--medium", "光盘 DVD-R 第３张"]);
    let sealed = sandbox.path("备份二");
    let made = run(
        &sandbox,
        &sandbox.archive(),
        Some(PASSPHRASE),
        &["backup", path(&sealed), "--encrypt"],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    // A backup that cannot be written is registered as failed.
    let occupied = sandbox.write("占用", b"x");
    assert_ne!(sandbox.run(&["backup", path(&occupied)]).code, 0);

    let drill = run(
        &sandbox,
        &sandbox.archive(),
        Some(PASSPHRASE),
        &["restore", "--drill", path(&sealed)],
    );
    assert_eq!(drill.code, 0, "{}\n{}", drill.stdout, drill.stderr);
    assert!(drill.stdout.contains("drill passed"), "{}", drill.stdout);
    assert!(drill.stdout.contains("30 records"), "{}", drill.stdout);

    // The plain backup's database altered: the drill fails and is registered as failed.
    let db = plain.join("dangan.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&db, bytes).unwrap();
    let failed = sandbox.run(&["restore", "--drill", path(&plain)]);
    assert_eq!(failed.code, 65, "{}", failed.stderr);
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".drill-"))
        .collect();
    assert!(leftovers.is_empty(), "no drill directory left behind");

    let register = sandbox.json(&["backups", "--json"]);
    let rows = register["register"].as_array().unwrap();
    let kinds: Vec<(&str, bool)> = rows
        .iter()
        .map(|r| (r["kind"].as_str().unwrap(), r["ok"].as_bool().unwrap()))
        .collect();
    // Newest first.
    assert_eq!(
        kinds,
        [
            ("drill", false),
            ("drill", true),
            ("backup", false),
            ("backup", true),
            ("backup", true)
        ]
    );
    let first = &rows[4];
    assert_eq!(first["medium"], "光盘 DVD-R 第３张");
    assert_eq!(first["encrypted"], false);
    assert_eq!(first["records"], 30);
    assert_eq!(first["objects"], 2);
    let manifest = std::fs::read(plain.join("MANIFEST.sha256")).unwrap();
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(&manifest)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(first["manifest_sha256"], hash.as_str());
    assert!(first["audit_head"].as_str().unwrap().contains(':'));
    assert!(first["location"].as_str().unwrap().ends_with("备份一"));
    // The drill names the backup it restored by its manifest.
    assert_eq!(rows[1]["manifest_sha256"], rows[3]["manifest_sha256"]);
    assert_eq!(rows[3]["encrypted"], true);
    assert!(!rows[2]["detail"].as_str().unwrap().is_empty());

    let table = sandbox.ok(&["--lang", "zh", "backups"]);
    assert!(table.contains("光盘 DVD-R 第３张"), "{table}");
    assert!(table.contains("演练"), "{table}");
    let audit = sandbox.ok(&["audit", "log"]);
    assert!(audit.contains("backup.registered"), "{audit}");
    assert!(audit.contains("backup.drill"), "{audit}");
}

#[test]
fn a_backup_is_not_opened_as_an_archive_and_what_a_killed_restore_left_is_swept() {
    let sandbox = archive();
    let backup = sandbox.path("备份");
    sandbox.ok(&["backup", path(&backup)]);
    // `status` over a backup by mistake: refused, and the backup untouched.
    let status = sandbox.run_on(&backup, &["status"]);
    assert_ne!(status.code, 0);
    assert!(status.stderr.contains("is a backup"), "{}", status.stderr);
    // A link in a plain backup points out of it: refused, nothing restored.
    let linked = sandbox.path("带链接的备份");
    copy_dir(&backup, &linked);
    let secret = sandbox.write("别人的文件.txt", b"not the backup's");
    std::fs::remove_file(linked.join("audit.key")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, linked.join("audit.key")).unwrap();
    let target = sandbox.path("恢复");
    let refused = sandbox.run_on(&target, &["restore", path(&linked)]);
    assert_eq!(refused.code, 65, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("not a regular file"),
        "{}",
        refused.stderr
    );
    nothing_left_of(&sandbox, "恢复");
    // A restore killed before it ended left its decrypted copy; the next one sweeps it away.
    let stale = sandbox.path(".恢复.unseal-4194303");
    std::fs::create_dir(&stale).unwrap();
    std::fs::write(stale.join("dangan.db"), "解密后的副本").unwrap();
    let restored = sandbox.run_on(&target, &["restore", path(&backup)]);
    assert_eq!(restored.code, 0, "{}", restored.stderr);
    assert!(!stale.exists(), "the killed restore's leftovers were swept");
    let again = sandbox.run_on(&target, &["restore", path(&backup)]);
    assert_eq!(again.code, 73, "{}", again.stderr);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        match entry.path().is_dir() {
            true => copy_dir(&entry.path(), &target),
            false => {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn an_alarm_goes_to_the_system_log_once_and_status_says_it_waits() {
    use std::os::unix::net::UnixDatagram;
    let sandbox = archive();
    sandbox.ok(&["settings", "set", "safekeeping.min_free_mb", "999999999"]);
    let socket_path = sandbox.path("log.sock");
    let log = UnixDatagram::bind(&socket_path).unwrap();
    let status = || {
        let run: Run = sandbox
            .command()
            .env("DANGAN_SYSLOG", &socket_path)
            .arg("--archive")
            .arg(sandbox.archive())
            .args(["--lang", "zh", "status"])
            .output()
            .unwrap()
            .into();
        run
    };
    let first = status();
    assert_eq!(first.code, 65, "{}", first.stderr);
    assert!(first.stdout.contains("磁盘空间不足"), "{}", first.stdout);
    let second = status();
    assert!(second.stdout.contains("（2 次）"), "{}", second.stdout);
    log.set_read_timeout(Some(std::time::Duration::from_millis(500)))
        .unwrap();
    let mut buffer = [0u8; 4096];
    let mut alarms = Vec::new();
    while let Ok(n) = log.recv(&mut buffer) {
        let message = String::from_utf8_lossy(&buffer[..n]).into_owned();
        if message.contains("alarm") {
            alarms.push(message);
        }
    }
    // Raised once, while it waits: the second look counts it, it does not send it again.
    let disk: Vec<_> = alarms
        .iter()
        .filter(|m| m.contains("alarm disk_low"))
        .collect();
    assert_eq!(disk.len(), 1, "{alarms:?}");
    assert!(disk[0].starts_with("<84>dangan["), "{}", disk[0]);
}
