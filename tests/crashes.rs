//! A process killed (SIGKILL) at any moment leaves an archive that passes `dangan check`, with
//! the interrupted operation all there or not there at all: an import, an index rebuild, an
//! edit, an attach, a transfer received. The short runs are part of every `cargo test`; the full run (20 kills
//! of a 50,000-record import, and more of the others) is `--ignored`, and CI runs it.
#![cfg(unix)]

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Sandbox, record_count, transfer_list};

/// A fixed-seed generator, so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    /// A moment anywhere in a run that takes `whole` ms.
    fn moment(&mut self, whole: u64) -> Duration {
        Duration::from_millis(self.below(whole) + 1)
    }
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
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{args:?} failed on its own");
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    false
}

/// How long `args` takes here, in ms: the kills are spread over that.
fn duration_of(sandbox: &Sandbox, args: &[&str]) -> u64 {
    let started = Instant::now();
    sandbox.ok(args);
    started.elapsed().as_millis() as u64
}

fn assert_sound(sandbox: &Sandbox, what: &str) {
    let check = sandbox.run(&["check"]);
    assert_eq!(check.code, 0, "{what}:\n{}\n{}", check.stdout, check.stderr);
}

fn killed_imports_land_whole_or_not_at_all(records: usize, kills: usize) {
    let file = transfer_list(records);
    let timing = Sandbox::with_archive();
    timing.write("移交清册.csv", file.as_bytes());
    // The import's own transaction, without the indexing that follows it (a dry run reads and
    // checks as much, then rolls back): the kills are spread over that.
    let whole = duration_of(&timing, &["import", "records", "--dry-run", "移交清册.csv"]);

    let mut rng = Rng(2019);
    let mut sandbox = Sandbox::with_archive();
    sandbox.write("移交清册.csv", file.as_bytes());
    let mut interrupted = 0;
    for round in 0..kills {
        let delay = rng.moment(whole);
        let done = kill_after(&sandbox, &["import", "records", "移交清册.csv"], delay);
        let what = format!("import round {round}, killed after {delay:?} of {whole} ms");
        assert_sound(&sandbox, &what);
        match record_count(&sandbox) {
            0 => {
                assert!(!done, "{what}: finished, yet nothing landed");
                interrupted += 1;
            }
            n if n == records => {
                // Whole: start again on an empty archive, so the next import does not collide.
                sandbox = Sandbox::with_archive();
                sandbox.write("移交清册.csv", file.as_bytes());
            }
            n => panic!("{what}: {n} of {records} records landed"),
        }
    }
    println!(
        "import of {records}: {kills} kills, {interrupted} before it ended ({whole} ms whole)"
    );
    assert!(
        interrupted * 2 >= kills,
        "only {interrupted} of {kills} kills fell inside an import"
    );
}

fn killed_rebuilds_change_nothing(records: usize, kills: usize) {
    let sandbox = Sandbox::with_archive();
    sandbox.write("移交清册.csv", transfer_list(records).as_bytes());
    sandbox.ok(&["import", "records", "移交清册.csv"]);
    assert_sound(&sandbox, "before");
    let whole = duration_of(&sandbox, &["reindex"]);
    let mut rng = Rng(1949);
    let mut finished = 0;
    for round in 0..kills {
        let delay = rng.moment(whole);
        let done = kill_after(&sandbox, &["reindex"], delay);
        finished += usize::from(done);
        let what = format!("reindex round {round}, killed after {delay:?} of {whole} ms");
        assert_sound(&sandbox, &what);
        assert_eq!(record_count(&sandbox), records, "{what}");
        let found = sandbox.ok(&["search", "移交清册", "--limit", "1"]);
        assert!(
            found.contains(&format!("of {records} matches")),
            "{what}: {found}"
        );
    }
    println!("reindex of {records}: {kills} kills, {finished} after it ended ({whole} ms whole)");
}

fn show(sandbox: &Sandbox, code: &str) -> serde_json::Value {
    sandbox.json(&["show", code, "--json"])
}

fn killed_edits_save_whole_or_not_at_all(kills: usize) {
    let sandbox = Sandbox::with_archive();
    let code = "J001-2019-Y-BGS-0001";
    sandbox.ok(&["add", "--code", code, "--title", "《初稿》"]);
    let whole = duration_of(&sandbox, &["edit", code, "--notes", "计时"]);
    let mut rng = Rng(1984);
    let mut before = show(&sandbox, code);
    let mut saved = 0;
    for round in 1..=kills {
        let title = format!("“第{round}稿”——《移交清册》修订…（１）");
        let delay = rng.moment(whole);
        let done = kill_after(&sandbox, &["edit", code, "--title", &title], delay);
        let what = format!("edit round {round}, killed after {delay:?} of {whole} ms");
        assert_sound(&sandbox, &what);
        let after = show(&sandbox, code);
        let version = |r: &serde_json::Value| r["version"].as_u64().unwrap();
        if after["title"] == title.as_str() {
            assert_eq!(version(&after), version(&before) + 1, "{what}");
            saved += 1;
        } else {
            assert!(!done, "{what}: finished, yet not saved");
            assert_eq!(after, before, "{what}: a part of the edit landed");
        }
        let revisions = after["revisions"].as_array().unwrap().len() as u64;
        assert_eq!(
            revisions + 1,
            version(&after),
            "{what}: history and version disagree"
        );
        before = after;
    }
    println!("edit: {kills} kills, {saved} saved whole, the rest not at all ({whole} ms whole)");
}

fn killed_attaches_keep_the_file_or_nothing(kills: usize, megabytes: usize) {
    let sandbox = Sandbox::with_archive();
    let code = "J001-2019-Y-BGS-0001";
    sandbox.ok(&[
        "add",
        "--code",
        code,
        "--title",
        "《会议记录》",
        "--responsible",
        "市档案馆",
        "--date",
        "2019年3月12日",
    ]);
    let text = |n: usize| {
        let line = format!("第{n}份会议记录：“档案工作”——《纪要》…１２３\n");
        line.repeat(megabytes * 1_000_000 / line.len())
    };
    sandbox.write("计时.txt", text(0).as_bytes());
    let whole = duration_of(&sandbox, &["attach", code, "计时.txt"]);
    let mut rng = Rng(2008);
    let mut kept = 0;
    for round in 1..=kills {
        let name = format!("会议记录{round}.txt");
        sandbox.write(&name, text(round).as_bytes());
        let delay = rng.moment(whole);
        let done = kill_after(&sandbox, &["attach", code, &name], delay);
        let what = format!("attach round {round}, killed after {delay:?} of {whole} ms");
        assert_sound(&sandbox, &what);
        let record = show(&sandbox, code);
        let names: Vec<&str> = record["objects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["file_name"].as_str().unwrap())
            .collect();
        assert!(!done || names.contains(&name.as_str()), "{what}: {names:?}");
        kept += usize::from(names.contains(&name.as_str()));
    }
    println!("attach of {megabytes} MB: {kills} kills, {kept} attached whole ({whole} ms whole)");
}

/// A department's folder of `records` records, each with a text file of its own.
fn department_of(sandbox: &Sandbox, records: usize) -> std::path::PathBuf {
    let dir = sandbox.path("移交");
    std::fs::create_dir_all(dir.join("电子档案")).unwrap();
    let mut list = String::from("档号,题名,责任者,日期,密级,文件\n");
    for n in 1..=records {
        list.push_str(&format!(
            "J001-2019-D30-BGS-{n:04},\"关于“第{n}号”移交——《清册》…（１）\",市档案馆,20190312,公开,电子档案/{n:04}.txt\n"
        ));
        let text = format!("第{n}号文件：“档案工作”——《纪要》…\n").repeat(20);
        std::fs::write(dir.join(format!("电子档案/{n:04}.txt")), text).unwrap();
    }
    std::fs::write(dir.join("移交清单.csv"), list).unwrap();
    dir
}

fn killed_receipts_land_whole_or_not_at_all(records: usize, kills: usize) {
    let sandbox = Sandbox::with_archive();
    let source = department_of(&sandbox, records);
    let from = "市档案局";
    let source = source.display().to_string();
    sandbox.ok(&["package", &source, "移交包.zip", "--from", from]);
    let timing = Sandbox::with_archive();
    std::fs::copy(sandbox.path("移交包.zip"), timing.path("移交包.zip")).unwrap();
    let receive = ["receive", "移交包.zip", "--from", from];
    let whole = duration_of(&timing, &receive);
    let mut rng = Rng(2017);
    let mut landed = false;
    for round in 1..=kills {
        let delay = rng.moment(whole);
        let done = kill_after(&sandbox, &receive, delay);
        let what = format!("receive round {round}, killed after {delay:?} of {whole} ms");
        assert_sound(&sandbox, &what);
        let count = record_count(&sandbox);
        assert!(count == 0 || count == records, "{what}: {count} records");
        let register = sandbox.json(&["receive", "list", "--json"]);
        let accepted = register
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["outcome"] == "accepted")
            .count();
        assert_eq!(
            accepted,
            usize::from(count == records),
            "{what}: {register}"
        );
        assert!(
            !done || count == records,
            "{what}: finished, yet nothing received"
        );
        landed |= count == records;
    }
    // Sent once more, it is received, or said to be received already: never twice.
    sandbox.ok(&receive);
    assert_eq!(record_count(&sandbox), records);
    println!("receive of {records}: {kills} kills, landed whole: {landed} ({whole} ms whole)");
}

/// An archive with one record and a register of two lines: line 2 differs from the record in its
/// title, line 3 is only on paper, with a code.
fn with_register() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    #[rustfmt::skip]
    sandbox.ok(&["add", "--code", "J001-2019-Y-BGS-0001", "--title", "《初稿》", "--responsible", "市档案馆"]);
    sandbox.write(
        "台账.csv",
        "档号,题名,责任者\nJ001-2019-Y-BGS-0001,“定稿”——《移交清册》,市档案馆\nJ001-2019-Y-BGS-0002,纸上才有的文件,市档案馆\n"
            .as_bytes(),
    );
    sandbox.ok(&["reconcile", "import", "台账.csv", "--scope", "J001/2019"]);
    sandbox
}

/// The decision on a register line as the report has it (empty while open).
fn decision(sandbox: &Sandbox, line: &str) -> String {
    let report = sandbox.ok(&["reconcile", "report", "J001/2019", "--format", "csv"]);
    let row = report
        .lines()
        .find(|l| l.split(',').any(|c| c == line))
        .unwrap_or_default()
        .to_string();
    [
        "correct_digital",
        "create_record",
        "按纸质更正",
        "据纸质补录",
    ]
    .iter()
    .find(|d| row.contains(*d))
    .map(|d| d.to_string())
    .unwrap_or_default()
}

fn killed_decisions_land_whole_or_not_at_all(kills: usize) {
    let decide = |line: &'static str, how: &'static str| -> [&'static str; 5] {
        ["reconcile", "resolve", "J001/2019", line, how]
    };
    let timing = with_register();
    let whole = duration_of(&timing, &decide("2", "correct_digital"));
    let mut rng = Rng(2015);
    let mut landed = 0;
    for round in 1..=kills {
        let sandbox = with_register();
        let (line, how) = if round % 2 == 0 {
            ("2", "correct_digital")
        } else {
            ("3", "create_record")
        };
        let delay = rng.moment(whole);
        let done = kill_after(&sandbox, &decide(line, how), delay);
        let what = format!("{how} round {round}, killed after {delay:?} of {whole} ms");
        assert_sound(&sandbox, &what);
        let decided = !decision(&sandbox, line).is_empty();
        let changed = if how == "correct_digital" {
            let record = show(&sandbox, "J001-2019-Y-BGS-0001");
            record["title"] == "“定稿”——《移交清册》"
        } else {
            sandbox.run(&["show", "J001-2019-Y-BGS-0002"]).code == 0
        };
        assert_eq!(
            decided, changed,
            "{what}: decision {decided}, record changed {changed}"
        );
        assert!(!done || decided, "{what}: finished, yet not decided");
        landed += usize::from(decided);
    }
    println!(
        "decisions: {kills} kills, {landed} landed whole, the rest not at all ({whole} ms whole)"
    );
}

#[test]
fn a_killed_import_lands_whole_or_not_at_all() {
    killed_imports_land_whole_or_not_at_all(3_000, 4);
}

#[test]
fn a_killed_index_rebuild_changes_nothing() {
    killed_rebuilds_change_nothing(1_000, 2);
}

#[test]
fn a_killed_edit_or_attach_saves_whole_or_not_at_all() {
    killed_edits_save_whole_or_not_at_all(4);
    killed_attaches_keep_the_file_or_nothing(2, 2);
}

#[test]
fn a_killed_receipt_lands_whole_or_not_at_all() {
    killed_receipts_land_whole_or_not_at_all(300, 4);
}

#[test]
fn a_killed_register_decision_lands_with_its_record_change_or_not_at_all() {
    killed_decisions_land_whole_or_not_at_all(4);
}

#[test]
#[ignore = "the issue's full run: 20 kills of a 50,000-record import and more (minutes)"]
fn the_full_kill_run() {
    killed_imports_land_whole_or_not_at_all(50_000, 20);
    killed_receipts_land_whole_or_not_at_all(3_000, 10);
    killed_rebuilds_change_nothing(5_000, 5);
    killed_edits_save_whole_or_not_at_all(20);
    killed_attaches_keep_the_file_or_nothing(5, 16);
    killed_decisions_land_whole_or_not_at_all(20);
}
