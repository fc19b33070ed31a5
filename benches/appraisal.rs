//! Appraisal figures for issue 18, printed as a table (`cargo bench --bench appraisal`): the due
//! lists of the three reviews on the 1,000,000-record demo (whose D10 and D30 records of 2005–2015
//! have run out, and whose volume fonds J007 of 1978–1997 is past 25 years), beside the same
//! retention summary read by a full scan of the records table; then a destruction list of 10,000
//! records proposed, approved and carried out, and the audit chain verified after it.
//!
//! DANGAN_BENCH_RECORDS changes the size; DANGAN_BENCH_DIR keeps the demo between runs.

mod common;

use std::time::{Duration, Instant};

use dangan::Archive;
use dangan::archive::appraisal::Proposal;
use dangan::domain::appraisal::Decision;
use dangan::domain::{AppraisalKind, Verdict};

const DESTROYED: u64 = 10_000;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn row(what: &str, rows: u64, p50: Duration, max: Duration) {
    println!(
        "| {what:<46} | {rows:>8} | {:>8.1} ms | {:>8.1} ms |",
        ms(p50),
        ms(max)
    );
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let records = common::env_number("DANGAN_BENCH_RECORDS", 1_000_000);
    let (_work, dir) = common::demo_archive(records);
    let mut archive = Archive::open(&dir).expect("open");
    let archivist = archive
        .login("archivist", "demo-archivist-2019")
        .expect("login");
    let admin = archive.login("admin", "demo-admin-2019").expect("login");
    let this_year = archive.this_year();

    println!("\ndangan appraisal bench: {records} records, as of {this_year}\n");
    println!(
        "| {:<46} | {:>8} | {:>11} | {:>11} |",
        "9 runs", "rows", "median", "slowest"
    );
    println!("|{:-<48}|{:-<10}|{:-<13}|{:-<13}|", "", "", "", "");
    for kind in AppraisalKind::ALL {
        let (p50, max, list) = common::timed(9, || {
            archive
                .appraisal_due(&archivist, *kind, (None, None), None, 0)
                .expect("due")
        });
        let total: u64 = list.groups.iter().map(|g| g.records).sum();
        row(
            &format!("{} due, by fonds and year", kind.code()),
            total,
            p50,
            max,
        );
        let Some(group) = list.groups.iter().max_by_key(|g| g.records) else {
            continue;
        };
        let scope = (Some(group.fonds.as_str()), Some(group.year));
        let (p50, max, listed) = common::timed(9, || {
            archive
                .appraisal_due(&archivist, *kind, scope, None, 5_000)
                .expect("due records")
        });
        let what = format!("  its largest year listed ({} {})", group.fonds, group.year);
        row(&what, listed.records.len() as u64, p50, max);
    }
    // The peer: the retention summary as a script over the table would read it, every row.
    let conn = rusqlite::Connection::open(dir.join("dangan.db")).expect("db");
    let scan = format!(
        "SELECT fonds, year, COUNT(*) FROM records NOT INDEXED WHERE status != 'disposed' \
         AND ((retention = 'D10' AND year <= {}) OR (retention = 'D30' AND year <= {})) \
         GROUP BY fonds, year",
        this_year - 11,
        this_year - 31
    );
    let (p50, max, rows) = common::timed(9, || {
        let mut stmt = conn.prepare(&scan).expect("scan");
        let counts = stmt
            .query_map([], |r| r.get::<_, i64>(2))
            .expect("rows")
            .map(|n| n.expect("count") as u64);
        counts.sum::<u64>()
    });
    row(
        "peer: the same retention summary, full scan",
        rows,
        p50,
        max,
    );

    // A destruction list of 10,000 records, from the due list.
    let due = archive
        .appraisal_due(
            &archivist,
            AppraisalKind::Retention,
            (None, None),
            None,
            DESTROYED,
        )
        .expect("due");
    let proposals: Vec<Proposal> = due
        .records
        .iter()
        .filter(|r| {
            matches!(
                r.status,
                dangan::domain::Status::InStore | dangan::domain::Status::Unprocessed
            )
        })
        .map(|r| Proposal {
            line: None,
            code: r.code.clone(),
            decision: Decision {
                verdict: Verdict::Destroy,
                period: None,
                until: None,
                new_class: None,
                reason: String::new(),
            },
        })
        .collect();
    let count = proposals.len() as u64;
    let started = Instant::now();
    let id = archive
        .propose_appraisal(&archivist, AppraisalKind::Retention, "bench", &proposals)
        .expect("propose");
    let proposed = started.elapsed();
    let started = Instant::now();
    archive.approve_appraisal(&admin, id, "").expect("approve");
    let approved = started.elapsed();
    let started = Instant::now();
    let done = archive
        .carry_out_destruction(&archivist, id, "监销人")
        .expect("destroy");
    let carried = started.elapsed();
    row("destruction list: proposed", count, proposed, proposed);
    row("destruction list: approved", count, approved, approved);
    row(
        "destruction list: carried out",
        done.records,
        carried,
        carried,
    );
    let auditor = archive
        .login("auditor", "demo-auditor-2019")
        .expect("login");
    let verified = archive.verify_audit(&auditor, &[]);
    println!(
        "\naudit chain after it: {}",
        if verified.is_ok() {
            "verifies"
        } else {
            "BROKEN"
        }
    );
    println!("ceilings: due lists 200 ms; carrying out 10,000 records 5 s");
    println!(
        "peak memory of the process (VmHWM): {:.0} MB",
        common::peak_mb()
    );
}
