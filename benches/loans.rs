//! Loan figures for issue 6, printed as a table (`cargo bench --bench loans`): listing overdues and
//! producing a year's use register on the 1,000,000-record demo with 200,000 loans.
//!
//! The loans are generated with a fixed seed over the ten years before today: 95% returned, the
//! rest out, a third of those past due. DANGAN_BENCH_RECORDS and DANGAN_BENCH_LOANS change the size.

mod common;

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use dangan::Archive;
use dangan::domain::loan::LoanFilter;

const SEED: u64 = 2019;

fn timed(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut samples = Vec::new();
    let mut rows = 0;
    for _ in 0..runs {
        let started = Instant::now();
        rows = f();
        samples.push(started.elapsed());
    }
    samples.sort();
    (samples[runs / 2], samples[runs - 1], rows)
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let records = common::env_number("DANGAN_BENCH_RECORDS", 1_000_000);
    let loan_count = common::env_number("DANGAN_BENCH_LOANS", 200_000);
    let (_work, dir) = common::demo_archive(records);

    let archive = Archive::open(&dir).expect("open");
    let today = archive.today();
    common::bench_loans(&dir, loan_count, today);

    let mut archive = archive;
    let admin = archive.login("admin", "demo-admin-2019").expect("login");
    let overdue = LoanFilter {
        overdue_on: Some(today),
        ..LoanFilter::default()
    };
    let (overdue_p50, overdue_max, overdue_rows) = timed(9, || {
        archive.loans(&admin, &overdue).expect("overdue").len()
    });
    let year = today.year() - 1;
    let (from, to) = (
        NaiveDate::from_ymd_opt(year, 1, 1).expect("date"),
        NaiveDate::from_ymd_opt(year, 12, 31).expect("date"),
    );
    let (register_p50, register_max, register_rows) = timed(9, || {
        archive
            .register(&admin, from, to)
            .expect("register")
            .loans
            .len()
    });

    println!("\ndangan loans bench: {records} records, {loan_count} loans, seed {SEED}\n");
    println!(
        "| {:<36} | {:>8} | {:>10} | {:>10} |",
        "9 runs", "rows", "median", "slowest"
    );
    println!("|{:-<38}|{:-<10}|{:-<12}|{:-<12}|", "", "", "", "");
    for (what, rows, p50, max) in [
        (
            "overdue loans (with record titles)",
            overdue_rows,
            overdue_p50,
            overdue_max,
        ),
        (
            &*format!("use register {year} with its summary"),
            register_rows,
            register_p50,
            register_max,
        ),
    ] {
        println!(
            "| {what:<36} | {rows:>8} | {:>7.1} ms | {:>7.1} ms |",
            p50.as_secs_f64() * 1000.0,
            max.as_secs_f64() * 1000.0
        );
    }
    println!("\nceiling: 200 ms each");
    println!(
        "peak memory of the process (VmHWM): {:.0} MB",
        common::peak_mb()
    );
}
