//! Safekeeping figures for issue 21, printed as a table (`cargo bench --bench backup`): a backup
//! of the 1,000,000-record demo with 2 GB of digital objects, unencrypted (the peer, measured in
//! the same run), encrypted to a passphrase and to a public key; and restore drills of the plain
//! and the encrypted one. Each is the `dangan` binary as an operator runs it, its wall time and
//! its own peak resident memory.
//!
//! DANGAN_BENCH_RECORDS and DANGAN_BENCH_OBJECT_MB change the sizes; DANGAN_BENCH_DIR keeps the
//! demo and the archive with its objects between runs.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Measured, demo_archive, env_number, measure};
use dangan::Archive;
use dangan::archive::demo::Rng;
use dangan::domain::RecordQuery;

/// Files of this size make up the objects: a scanned volume's PDF is of this order.
const FILE_MB: u64 = 4;

/// Text of random common characters (valid UTF-8, as the ingest checks want; as incompressible as
/// a scan for what matters here).
fn text_file(path: &Path, rng: &mut Rng, bytes: u64) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut written = 0;
    let mut line = String::new();
    while written < bytes {
        line.clear();
        for _ in 0..40 {
            let c = char::from_u32(0x4E00 + rng.below(0x5000) as u32).unwrap_or('档');
            line.push(c);
        }
        line.push('\n');
        out.write_all(line.as_bytes()).unwrap();
        written += line.len() as u64;
    }
}

/// The demo copied, with `mb` MB of objects attached to its first records; kept in
/// DANGAN_BENCH_DIR when set.
fn archive_with_objects(work: &Path, records: u64, mb: u64) -> PathBuf {
    let (_demo_work, demo) = demo_archive(records);
    let dir = match std::env::var_os("DANGAN_BENCH_DIR") {
        Some(kept) => PathBuf::from(kept).join(format!("backup-{records}-{mb}")),
        None => work.join("archive"),
    };
    let ready = dir.join(".objects-attached");
    if ready.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let copied = Command::new("cp")
        .args(["-a", "--"])
        .arg(&demo)
        .arg(&dir)
        .status()
        .unwrap();
    assert!(copied.success());
    let mut archive = Archive::open(&dir).unwrap();
    let admin = archive.login("admin", "demo-admin-2019").unwrap();
    let files = (mb / FILE_MB).max(1);
    let (records, _) = archive
        .list(&admin, &RecordQuery::default(), files, 0)
        .unwrap();
    let mut rng = Rng(2021);
    let scratch = work.join("正文.txt");
    for record in &records {
        text_file(&scratch, &mut rng, FILE_MB << 20);
        archive
            .attach(&admin, &record.code, std::slice::from_ref(&scratch), None)
            .unwrap();
    }
    std::fs::remove_file(&scratch).unwrap();
    std::fs::write(&ready, "").unwrap();
    dir
}

fn dangan(archive: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dangan"));
    command
        .arg("--archive")
        .arg(archive)
        .env("DANGAN_SYSLOG", "off")
        .env("DANGAN_BACKUP_PASSPHRASE", "馆藏备份·口令—２０２６");
    command
}

fn row(what: &str, measured: &Measured, mb: f64, peer: Option<&Measured>) {
    let seconds = measured.elapsed.as_secs_f64();
    let versus = peer.map_or_else(
        || "peer".to_string(),
        |peer| format!("{:.2}×", seconds / peer.elapsed.as_secs_f64()),
    );
    println!(
        "| {} | {:>7.1} | {:>7.0} | {:>8} | {:>8.0} |",
        dangan::width::pad(what, 34),
        seconds,
        mb / seconds,
        versus,
        measured.peak_rss_kib as f64 / 1024.0
    );
}

fn main() {
    let records = env_number("DANGAN_BENCH_RECORDS", 1_000_000);
    let object_mb = env_number("DANGAN_BENCH_OBJECT_MB", 2048);
    let work = tempfile::tempdir().unwrap();
    let archive = archive_with_objects(work.path(), records, object_mb);
    let size_mb = {
        let du = Command::new("du")
            .arg("-sm")
            .arg(&archive)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&du.stdout).into_owned();
        text.split_whitespace()
            .next()
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let key = work.path().join("备份.key");
    let made = dangan(&archive)
        .args(["keygen", "--output"])
        .arg(&key)
        .output()
        .unwrap();
    let public = String::from_utf8_lossy(&made.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string();

    println!(
        "\n{records} records, {object_mb} MB of objects ({size_mb:.0} MB archive with its index)"
    );
    println!(
        "| {} | seconds |    MB/s | vs plain | peak MB |",
        dangan::width::pad("", 34)
    );
    // Each written twice, in turn, after the disk has taken the last one (`sync`): the faster of
    // the two, so that one run's write-back does not fall on the next.
    let runs: [(&str, &[&str]); 3] = [
        ("backup, unencrypted (peer)", &[]),
        ("backup, encrypted to a passphrase", &["--encrypt"]),
        (
            "backup, encrypted to a public key",
            &["--recipient", public.as_str()],
        ),
    ];
    let mut best: Vec<Option<Measured>> = vec![None, None, None];
    for round in 0..2 {
        for (at, (_, flags)) in runs.iter().enumerate() {
            let dest = work.path().join(format!("backup-{at}-{round}"));
            let _ = Command::new("sync").status();
            let measured = measure(dangan(&archive).arg("backup").arg(&dest).args(*flags));
            if best[at]
                .as_ref()
                .is_none_or(|b| measured.elapsed < b.elapsed)
            {
                best[at] = Some(measured);
            }
            if round == 0 {
                std::fs::remove_dir_all(&dest).unwrap();
            }
        }
    }
    let plain = best[0].take().unwrap();
    row(runs[0].0, &plain, size_mb, None);
    for at in 1..3 {
        row(
            runs[at].0,
            best[at].as_ref().unwrap(),
            size_mb,
            Some(&plain),
        );
    }
    let plain_dest = work.path().join("backup-0-1");
    let keyed_dest = work.path().join("backup-2-1");
    std::fs::remove_dir_all(work.path().join("backup-1-1")).unwrap();
    let _ = Command::new("sync").status();
    let plain_drill = measure(
        dangan(&archive)
            .args(["restore", "--drill"])
            .arg(&plain_dest),
    );
    row(
        "restore drill, unencrypted (peer)",
        &plain_drill,
        size_mb,
        None,
    );
    let keyed_drill = measure(
        dangan(&archive)
            .args(["restore", "--drill"])
            .arg(&keyed_dest)
            .arg("--identity")
            .arg(&key),
    );
    row(
        "restore drill, encrypted",
        &keyed_drill,
        size_mb,
        Some(&plain_drill),
    );
}
