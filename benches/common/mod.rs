//! What the benches share: their sizes from the environment and a demo archive made by the binary,
//! exactly as a user makes one.

#![allow(dead_code)] // each bench uses a different part of this helper

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// A number from the environment, else the default.
pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `dangan demo --records N` in a temporary directory, or in `DANGAN_BENCH_DIR` if set (where a
/// demo of that size is used again, as `dangan demo` does): the temporary directory (kept while it
/// lives, for the bench's own files) and the archive.
pub fn demo_archive(records: u64) -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = match std::env::var_os("DANGAN_BENCH_DIR") {
        Some(kept) => PathBuf::from(kept).join(format!("demo-{records}")),
        None => work.path().join("demo"),
    };
    let demo = std::process::Command::new(env!("CARGO_BIN_EXE_dangan"))
        .arg("--archive")
        .arg(&dir)
        .args(["demo", "--records", &records.to_string()])
        .output()
        .expect("demo");
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    (work, dir)
}

/// Peak resident memory of this process so far, in MB (Linux; 0 elsewhere).
pub fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

pub struct Measured {
    pub elapsed: Duration,
    pub peak_rss_kib: i64,
}

/// Runs a command to completion and reports its wall time and peak resident memory.
// The child is reaped by wait4, not Child::wait, because only wait4 reports that child's own peak RSS.
#[allow(clippy::zombie_processes)]
pub fn measure(command: &mut Command) -> Measured {
    let started = Instant::now();
    let child = command
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; pid is our own child, reaped only here.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed"
    );
    Measured {
        elapsed,
        peak_rss_kib: usage.ru_maxrss,
    }
}

/// One row of a bench's table: what, its wall time and its peak memory.
pub fn row(what: &str, m: &Measured) {
    println!(
        "| {what:<44} | {:>9.2} s | {:>8.1} MB |",
        m.elapsed.as_secs_f64(),
        m.peak_rss_kib as f64 / 1024.0
    );
}

/// The password of the `bench` admin of the archives benches make.
pub const BENCH_PASSWORD: &str = "测速口令-2026";

/// A fixed-seed generator (xorshift), so every run makes the same data.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// dangan on an archive, logged in as `bench`, messages in English.
pub fn dangan_as_bench(archive: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dangan"));
    command
        .arg("--archive")
        .arg(archive)
        .env("DANGAN_USER", "bench")
        .env("DANGAN_PASSWORD", BENCH_PASSWORD)
        .env("LANG", "C.UTF-8");
    command
}

/// Runs a command that reads one password on its standard input, and insists on success.
pub fn with_password(command: &mut Command, password: &str) {
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        writeln!(stdin, "{password}").expect("password");
    }
    assert!(child.wait().expect("wait").success());
}

/// A new archive with the `bench` admin and fonds J001.
pub fn fresh_archive(archive: &std::path::Path) {
    with_password(
        dangan_as_bench(archive)
            .args(["init", "--admin", "bench", "--password-stdin"])
            .stdout(std::process::Stdio::null()),
        BENCH_PASSWORD,
    );
    let fonds = dangan_as_bench(archive)
        .args(["fonds", "add", "J001", "市档案局"])
        .output()
        .expect("fonds");
    assert!(fonds.status.success());
}

/// `count` loans written straight into the archive's table in one transaction (fixed seed), over
/// the ten years before `today`: 95% returned, the rest out, a third of those past due. Nothing
/// is added where a kept demo has them already.
pub fn bench_loans(dir: &std::path::Path, count: u64, today: chrono::NaiveDate) {
    use chrono::Days;
    use dangan::archive::demo::Rng;
    use dangan::domain::loan::PURPOSES;
    const KINDS: [&str; 3] = ["reading_room", "take_out", "copy"];
    const UNITS: [&str; 5] = ["市志办", "财政局", "大学历史系", "自然资源局", "市民"];
    let mut conn = rusqlite::Connection::open(dir.join("dangan.db")).expect("db");
    let (there, records): (u64, u64) = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM loans WHERE handled_by = 'bench'), \
             (SELECT COUNT(*) FROM records)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("count");
    if there >= count || records == 0 {
        return;
    }
    let tx = conn.transaction().expect("tx");
    let mut rng = Rng(2019);
    let mut insert = tx
        .prepare(
            "INSERT INTO loans (record_id, state, borrower, unit, purpose, kind, out_on, due_on, \
             handled_by, returned_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'bench', ?9)",
        )
        .expect("prepare");
    for i in 0..count {
        let out = today - Days::new(rng.below(3650) as u64);
        let due = out + Days::new(30);
        // Every twentieth loan is still out, each on a record of its own.
        let still_out = i % 20 == 0;
        let record = if still_out {
            (i / 20) % records + 1
        } else {
            rng.below(records as usize) as u64 + 1
        };
        let returned = (!still_out).then(|| out + Days::new(rng.below(40) as u64));
        let state = if still_out { "out" } else { "returned" };
        insert
            .execute(rusqlite::params![
                record as i64,
                state,
                format!("借阅人{}", rng.below(5000)),
                UNITS[rng.below(5)],
                PURPOSES[rng.below(6)],
                KINDS[rng.below(3)],
                out.to_string(),
                due.to_string(),
                returned.map(|d| d.to_string()),
            ])
            .expect("insert");
    }
    drop(insert);
    tx.commit().expect("commit");
}

/// `runs` runs of `f`: the median and slowest time, and the last result.
pub fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut samples = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(f());
        samples.push(started.elapsed());
    }
    samples.sort();
    (
        samples[runs / 2],
        samples[runs - 1],
        last.expect("at least one run"),
    )
}
