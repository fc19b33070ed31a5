//! A process killed (SIGKILL) at any moment leaves an archive that passes `dangan check`, with
//! the interrupted operation all there or not there at all. The short run is part of every
//! `cargo test`; the full run (20 kills of a 50,000-record import) is `--ignored`.
#![cfg(unix)]

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::Sandbox;

/// A fixed-seed generator, so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn csv(records: usize, year: u32) -> String {
    let mut out = String::from("档号,题名,责任者,日期,保管期限,密级\n");
    for n in 1..=records {
        out.push_str(&format!(
            "J001-{year}-D30-BGS-{n:04},\"关于“第{n}号”档案——《移交清册》…（１）\",市档案馆,{year}0312,定期30年,公开\n"
        ));
    }
    out
}

fn record_count(sandbox: &Sandbox) -> u64 {
    let listed = sandbox.ok(&["list", "--per-page", "1"]);
    let tail = listed.lines().last().unwrap_or_default();
    tail.split(" · ")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {listed}"))
}

/// Starts `args`, kills it after `delay`, and returns whether it had already finished.
fn kill_after(sandbox: &Sandbox, args: &[&str], delay: Duration) -> bool {
    let mut child = sandbox
        .command()
        .arg("--archive")
        .arg(sandbox.archive())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while started.elapsed() < delay {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    false
}

fn killed_imports_leave_all_or_nothing(records: usize, kills: usize) {
    let sandbox = Sandbox::with_archive();
    let file = sandbox.write("移交清册.csv", csv(records, 2019).as_bytes());
    let file = file.to_str().unwrap();
    // How long a whole import takes here: the kills fall anywhere inside it.
    let timing = Sandbox::with_archive();
    let started = Instant::now();
    timing.ok(&["import", "records", file]);
    let whole = started.elapsed().as_millis() as u64;

    let mut rng = Rng(2019);
    let (mut interrupted, mut finished) = (0, 0);
    let mut expected = 0;
    for round in 0..kills {
        // Every fourth kill falls in a rebuild of the index instead.
        let reindex = round % 4 == 3;
        let delay = Duration::from_millis(rng.below(whole * 11 / 10) + 1);
        let done = if reindex {
            kill_after(&sandbox, &["reindex"], delay)
        } else {
            kill_after(&sandbox, &["import", "records", file], delay)
        };
        let check = sandbox.run(&["check"]);
        assert_eq!(
            check.code, 0,
            "round {round} (killed after {delay:?}):\n{}\n{}",
            check.stdout, check.stderr
        );
        let count = record_count(&sandbox) as usize;
        if reindex {
            assert_eq!(
                count, expected,
                "round {round}: a rebuild changes no record"
            );
            continue;
        }
        if count == expected + records {
            expected = count;
            finished += 1;
            // The next import must not collide: clear by importing into the next year.
            let next = sandbox.write("移交清册.csv", csv(records, 2019 + finished).as_bytes());
            assert_eq!(next.to_str().unwrap(), file);
        } else {
            assert_eq!(count, expected, "round {round}: a part of an import landed");
            interrupted += usize::from(!done);
        }
    }
    assert!(interrupted > 0, "no kill fell inside an import");
}

#[test]
fn a_killed_import_or_reindex_leaves_a_sound_archive() {
    killed_imports_leave_all_or_nothing(3_000, 4);
}

#[test]
#[ignore = "the issue's full run: 20 kills of a 50,000-record import (minutes)"]
fn twenty_kills_of_a_fifty_thousand_record_import() {
    killed_imports_leave_all_or_nothing(50_000, 20);
}

#[test]
fn a_full_disk_is_a_clear_message_and_nothing_lands() {
    let sandbox = Sandbox::with_archive();
    let file = sandbox.write("移交清册.csv", csv(20_000, 2019).as_bytes());
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
    assert_ne!(run.code, 0);
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
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was saved"), "{}", run.stderr);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(record_count(&sandbox), 1);
    assert_eq!(sandbox.run(&["check"]).code, 0);
}
