//! Log-in timing (`cargo bench --bench login`): an unknown user name must cost what a wrong
//! password costs, so that timing does not tell which names exist.

use std::time::{Duration, Instant};

use dangan::Archive;

const RUNS: usize = 30;
const PROCESS_RUNS: usize = 20;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(runs: usize, mut attempt: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                attempt();
                started.elapsed()
            })
            .collect(),
    )
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut archive = Archive::init(&dir.path().join("a")).expect("init");
    archive
        .create_first_admin("admin", "张管理", "正确的口令-2026")
        .expect("admin");
    let admin = archive.login("admin", "正确的口令-2026").expect("login");
    // Keep the account from locking while the bench fails on purpose.
    archive
        .set_setting(&admin, "auth.max_failures", "1000")
        .expect("setting");

    let wrong_password = time(RUNS, || {
        assert!(archive.login("admin", "错误的口令").is_err())
    });
    let unknown_name = time(RUNS, || {
        assert!(archive.login("无此用户", "错误的口令").is_err())
    });
    let right = time(RUNS, || {
        assert!(archive.login("admin", "正确的口令-2026").is_ok())
    });

    println!("\nlog-in timing, median of {RUNS} (argon2id m=19 MiB, t=2, p=1)\n");
    println!("| attempt                 | median      |");
    println!("|-------------------------|-------------|");
    for (what, took) in [
        ("wrong password", wrong_password),
        ("unknown user name", unknown_name),
        ("right password", right),
    ] {
        println!("| {what:<23} | {:>8.1} ms |", took.as_secs_f64() * 1000.0);
    }
    let ratio = unknown_name.as_secs_f64() / wrong_password.as_secs_f64();
    println!("\nunknown name / wrong password: {ratio:.2} (1.00 = indistinguishable)");

    // As an attacker meets it: a new `dangan` process per try, so nothing made once per
    // process is shared between tries.
    drop(archive);
    let processes = |user: &str, password: &str| {
        time(PROCESS_RUNS, || {
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_dangan"))
                .args(["--archive", &dir.path().join("a").display().to_string()])
                .args(["list", "--per-page", "1"])
                .env("DANGAN_USER", user)
                .env("DANGAN_PASSWORD", password)
                .env("DANGAN_SYSLOG", "off")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .expect("run dangan");
            assert_eq!(status.code(), Some(77));
        })
    };
    let wrong_process = processes("admin", "错误的口令");
    let unknown_process = processes("无此用户", "错误的口令");
    println!("\nwhole `dangan list` processes, median of {PROCESS_RUNS}\n");
    println!("| attempt                 | median      |");
    println!("|-------------------------|-------------|");
    for (what, took) in [
        ("wrong password", wrong_process),
        ("unknown user name", unknown_process),
    ] {
        println!("| {what:<23} | {:>8.1} ms |", took.as_secs_f64() * 1000.0);
    }
    let ratio = unknown_process.as_secs_f64() / wrong_process.as_secs_f64();
    println!("\nunknown name / wrong password: {ratio:.2}");
}
