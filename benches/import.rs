//! Import figures for issue 2, printed as a table (`cargo bench --bench import`).
//!
//! Generates its own data with a fixed seed (the demo generator), exports it to CSV, then loads
//! that same file with `sqlite3 .import` (the bulk-loading baseline, into a file database) and with
//! `dangan import records`, side by side. Each load runs as its own process, so its time includes
//! start-up and its peak memory is its own (from `wait4`).
//!
//! DANGAN_BENCH_RECORDS (default 1,000,000) and DANGAN_BENCH_RUNS (default 3; the median is shown).

mod common;

use std::path::Path;
use std::process::Command;

use common::{Measured, measure, row};

const SEED: &str = "2019";
const FONDS: [&str; 6] = ["J001", "J002", "J003", "J004", "J005", "J006"];

const BENCH_PASSWORD: &str = "测速口令-2026";

/// The export without the items inside the demo's volumes (fonds J007): `export records` carries
/// records, not the volumes that hold them, so a fresh archive has nowhere to put those. Returns
/// how many records are left.
fn without_volume_items(csv: &Path) -> u64 {
    let kept_path = csv.with_extension("kept.csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(csv)
        .expect("read the export");
    let mut writer = csv::Writer::from_path(&kept_path).expect("write the export");
    let mut kept = 0;
    for (n, row) in reader.byte_records().enumerate() {
        let row = row.expect("a CSV row");
        if n > 0 && row.get(0).is_some_and(|code| code.starts_with(b"J007-")) {
            continue;
        }
        writer.write_byte_record(&row).expect("write a row");
        kept += u64::from(n > 0);
    }
    writer.flush().expect("flush");
    std::fs::rename(&kept_path, csv).expect("replace the export");
    kept
}

/// dangan on an archive, logged in as `bench` (the import archives' admin).
fn dangan(archive: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dangan"));
    command
        .arg("--archive")
        .arg(archive)
        .env("DANGAN_USER", "bench")
        .env("DANGAN_PASSWORD", BENCH_PASSWORD);
    command
}

/// dangan on the demo archive, as its admin.
fn on_demo(archive: &Path) -> Command {
    let mut command = dangan(archive);
    command
        .env("DANGAN_USER", "admin")
        .env("DANGAN_PASSWORD", "demo-admin-2019");
    command
}

fn median(mut runs: Vec<Measured>) -> Measured {
    runs.sort_by_key(|m| m.elapsed);
    let middle = runs.len() / 2;
    runs.swap_remove(middle)
}

fn main() {
    // `cargo test --benches` would run this without `--bench`: a million-record run is not a test.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let records = common::env_number("DANGAN_BENCH_RECORDS", 1_000_000);
    let runs = common::env_number("DANGAN_BENCH_RUNS", 3).max(1) as usize;
    let work = tempfile::tempdir().expect("temp dir");
    let demo_dir = work.path().join("demo");
    let csv = work.path().join("records.csv");

    println!("\ndangan import bench: {records} records, seed {SEED}, median of {runs} runs\n");
    println!("| {:<44} | {:>11} | {:>11} |", "step", "time", "peak RSS");
    println!("|{:-<46}|{:-<13}|{:-<13}|", "", "", "");

    let demo = measure(dangan(&demo_dir).args([
        "demo",
        "--records",
        &records.to_string(),
        "--seed",
        SEED,
    ]));
    row(&format!("dangan demo --records {records}"), &demo);
    let export = measure(
        on_demo(&demo_dir)
            .args(["export", "records", "--output"])
            .arg(&csv)
            .stderr(std::process::Stdio::null()),
    );
    row("dangan export records (CSV)", &export);
    let lines = without_volume_items(&csv);
    let size_mb = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;

    let has_sqlite3 = Command::new("sqlite3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let baseline = has_sqlite3.then(|| {
        median(
            (0..runs)
                .map(|run| {
                    let db = work.path().join(format!("baseline-{run}.db"));
                    let mut command = Command::new("sqlite3");
                    command
                        .arg(&db)
                        .args(["-cmd", ".mode csv"])
                        .arg(format!(".import {} records", csv.display()));
                    measure(&mut command)
                })
                .collect(),
        )
    });
    if let Some(baseline) = &baseline {
        row("sqlite3 .import into a file database", baseline);
    }

    let imports = (0..runs)
        .map(|run| {
            let archive = work.path().join(format!("import-{run}"));
            let mut init = dangan(&archive)
                .args(["init", "--admin", "bench", "--password-stdin"])
                .stdin(std::process::Stdio::piped())
                .spawn()
                .expect("init");
            if let Some(mut stdin) = init.stdin.take() {
                use std::io::Write;
                writeln!(stdin, "{BENCH_PASSWORD}").expect("password");
            }
            assert!(init.wait().expect("init").success());
            for fonds in FONDS {
                // The demo codes J006 as DA/T 22-2015 writes it (with the 门类).
                let scheme = if fonds == "J006" { "dat22" } else { "plain" };
                assert!(
                    dangan(&archive)
                        .args(["fonds", "add", fonds, "全宗", "--scheme", scheme])
                        .output()
                        .expect("fonds")
                        .status
                        .success()
                );
            }
            measure(dangan(&archive).args(["import", "records"]).arg(&csv))
        })
        .collect();
    let import = median(imports);
    row(
        "dangan import records (validated, one tx, indexed)",
        &import,
    );

    println!(
        "\nCSV file: {size_mb:.0} MB, {lines} records (the demo's items inside volumes left out)"
    );
    match baseline {
        Some(baseline) => {
            let ratio = import.elapsed.as_secs_f64() / baseline.elapsed.as_secs_f64();
            // sqlite3 builds no search index; dangan's import ends with its index built.
            println!("dangan import and index / sqlite3 .import: {ratio:.2}x");
        }
        None => println!("sqlite3 not on PATH: no baseline (apt-get install sqlite3)"),
    }
    println!(
        "dangan import and index, peak memory: {:.1} MB (ceiling 300 MB)",
        import.peak_rss_kib as f64 / 1024.0
    );
}
