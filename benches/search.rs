//! Search figures for issue 4, printed as a table (`cargo bench --bench search`).
//!
//! Makes a demo archive (fixed seed), builds dangan's index and, over the same rows, an SQLite FTS5
//! table with the trigram tokenizer (the peer a user would reach for), then runs the same query sets
//! through both: top 20 with the total count. Also checks that every FTS5 hit of a query whose
//! words have 3+ characters is a dangan hit.
//!
//! DANGAN_BENCH_RECORDS (default 1,000,000); DANGAN_BENCH_PEER_QUERIES (default all 200) times FTS5
//! on the first few queries only, for sizes where it takes seconds a query; DANGAN_BENCH_DIR keeps
//! the demo archive there, to be used again by the next run.

mod common;

use std::time::{Duration, Instant};

use dangan::Archive;
use dangan::archive::demo::Rng;

const SEED: u64 = 2019;
const WORDS: [&str; 30] = [
    "财务",
    "预算",
    "档案",
    "管理",
    "安全生产",
    "人才引进",
    "信息化",
    "建设",
    "党风廉政",
    "政务公开",
    "防汛抗旱",
    "乡村振兴",
    "招商引资",
    "电子文件",
    "归档",
    "数字化",
    "保密",
    "职称评审",
    "固定资产",
    "清查",
    "节能减排",
    "义务教育",
    "社会保险",
    "农民工",
    "务工",
    "就业",
    "办事处",
    "国土空间",
    "规划",
    "公务接待",
];
const PINYIN: [&str; 12] = [
    "dagl", "dangan", "caiwu", "yusuan", "aqsc", "rencai", "xxh", "zcps", "jieneng", "nmg",
    "guihua", "baomi",
];
const FILTERS: [&str; 10] = [
    "财务 year:2019",
    "档案 fonds:J004",
    "year:2010..2015 status:待整理",
    "规划 retention:Y",
    "class:公开 dept:BGS 总结",
    "安全生产 -通知",
    "会议纪要 year:2020",
    "fonds:J002 year:2018 财务",
    "“档案管理办法”",
    "电子文件 class:内部",
];

fn chinese_queries() -> Vec<String> {
    let mut rng = Rng(SEED);
    (0..200)
        .map(|_| {
            (0..1 + rng.below(3))
                .map(|_| WORDS[rng.below(WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn percentile(samples: &[Duration], p: f64) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

fn row(what: &str, samples: &[Duration]) {
    println!(
        "| {what:<40} | {:>8.2} ms | {:>8.2} ms |",
        percentile(samples, 0.5),
        percentile(samples, 0.99)
    );
}

fn dir_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                if e.path().is_dir() {
                    dir_size(&e.path())
                } else {
                    e.metadata().map_or(0, |m| m.len())
                }
            })
            .sum()
    })
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let records = common::env_number("DANGAN_BENCH_RECORDS", 1_000_000);
    let (work, dir) = common::demo_archive(records);

    let mut archive = Archive::open(&dir).expect("open");
    let admin = archive.login("admin", "demo-admin-2019").expect("login");
    let started = Instant::now();
    archive.reindex(&admin, &mut |_| {}).expect("reindex");
    let index_build = started.elapsed();
    // The demo was made by another process: this one's peak so far is the rebuild's.
    let index_peak = common::peak_mb();
    let index_size = dir_size(&dir.join("index"));

    // FTS5 over the same rows, in its own database.
    let fts = rusqlite::Connection::open(work.path().join("fts.db")).expect("fts db");
    fts.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        .expect("pragmas");
    fts.execute(
        &format!(
            "ATTACH DATABASE '{}' AS archive",
            dir.join("dangan.db").display()
        ),
        [],
    )
    .expect("attach");
    let started = Instant::now();
    fts.execute_batch(
        "CREATE VIRTUAL TABLE fts USING fts5(title, other, tokenize = 'trigram');
         INSERT INTO fts (rowid, title, other)
             SELECT id, title, responsible || ' ' || doc_no || ' ' || keywords || ' ' || notes FROM archive.records;",
    )
    .expect("fts build");
    let fts_build = started.elapsed();

    // FTS5's trigram tokenizer matches words of 3+ characters; shorter ones must fall back to LIKE,
    // which scans the table. That is what a user of FTS5 gets for 财务 or 档案.
    let fts_sql = |q: &str, select: &str, tail: &str| -> (String, Vec<String>) {
        let (long, short): (Vec<&str>, Vec<&str>) =
            q.split_whitespace().partition(|w| w.chars().count() >= 3);
        let mut conditions = Vec::new();
        let mut params = Vec::new();
        if !long.is_empty() {
            conditions.push("fts MATCH ?".to_string());
            params.push(
                long.iter()
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(" AND "),
            );
        }
        for word in short {
            conditions.push("(title LIKE ? OR other LIKE ?)".to_string());
            params.push(format!("%{word}%"));
            params.push(format!("%{word}%"));
        }
        let order = if long.is_empty() { "" } else { tail };
        let sql = format!(
            "SELECT {select} FROM fts WHERE {} {order}",
            conditions.join(" AND ")
        );
        (sql, params)
    };
    let fts_ids = |q: &str, tail: &str| -> Vec<i64> {
        let (sql, params) = fts_sql(q, "rowid", tail);
        let mut statement = fts.prepare_cached(&sql).expect("prepare");
        statement
            .query_map(rusqlite::params_from_iter(&params), |r| r.get(0))
            .expect("query")
            .map(|r| r.expect("row"))
            .collect()
    };
    let run_fts = |q: &str| -> (Vec<i64>, i64) {
        let ids = fts_ids(q, "ORDER BY rank LIMIT 20");
        let (sql, params) = fts_sql(q, "count(*)", "");
        let count: i64 = fts
            .query_row(&sql, rusqlite::params_from_iter(&params), |r| r.get(0))
            .expect("count");
        (ids, count)
    };

    let chinese = chinese_queries();
    let mut time_dangan = |queries: &[String]| -> Vec<Duration> {
        queries
            .iter()
            .map(|q| {
                let started = Instant::now();
                archive.search(&admin, q, 20).expect("search");
                started.elapsed()
            })
            .collect()
    };
    let dangan_chinese = time_dangan(&chinese);
    let dangan_pinyin = time_dangan(&PINYIN.map(String::from));
    let dangan_filters = time_dangan(&FILTERS.map(String::from));
    // FTS5 takes seconds a query at ten million records: there, time it on the first few only.
    let peer_queries = common::env_number("DANGAN_BENCH_PEER_QUERIES", 200) as usize;
    let peer_chinese = &chinese[..peer_queries.min(chinese.len())];
    let (fts_chinese, fts_counts): (Vec<Duration>, Vec<i64>) = peer_chinese
        .iter()
        .map(|q| {
            let started = Instant::now();
            let (_, count) = run_fts(q);
            (started.elapsed(), count)
        })
        .unzip();

    // Queries FTS5 answers from its index: every word of 3+ characters.
    let long: Vec<String> = peer_chinese
        .iter()
        .filter(|q| q.split_whitespace().all(|w| w.chars().count() >= 3))
        .cloned()
        .collect();
    let dangan_long = time_dangan(&long);
    let dangan_counts: Vec<Duration> = chinese
        .iter()
        .map(|q| {
            let started = Instant::now();
            archive.search_with_counts(&admin, q, 20).expect("search");
            started.elapsed()
        })
        .collect();
    let fts_long: Vec<Duration> = long
        .iter()
        .map(|q| {
            let started = Instant::now();
            run_fts(q);
            started.elapsed()
        })
        .collect();

    // Recall on the queries FTS5 answers from its index: every FTS5 hit must be a dangan hit. On all
    // 200, dangan's total must be at least FTS5's count.
    let mut missed = 0;
    for q in &long {
        let fts_hits = fts_ids(q, "");
        let ours = archive
            .search(&admin, q, fts_hits.len() * 2 + 20)
            .expect("search");
        let our_ids: std::collections::HashSet<i64> =
            ours.hits.iter().map(|f| f.record.id).collect();
        missed += fts_hits.iter().filter(|id| !our_ids.contains(id)).count();
    }
    // Both are exact (FTS5's trigrams and LIKE): every total must be the same.
    let differ = peer_chinese
        .iter()
        .zip(&fts_counts)
        .filter(|(q, fts_count)| {
            let ours = archive.search(&admin, q, 1).expect("search").total;
            ours as i64 != **fts_count
        })
        .count();

    println!("\ndangan search bench: {records} records, seed {SEED}\n");
    println!(
        "| {:<38} | {:>11} | {:>11} |",
        "top 20 + total count", "p50", "p99"
    );
    println!("|{:-<42}|{:-<13}|{:-<13}|", "", "", "");
    row("dangan, 200 Chinese queries (1-3 words)", &dangan_chinese);
    row(
        &format!("FTS5 trigram (+LIKE for 2-char), {}", peer_chinese.len()),
        &fts_chinese,
    );
    row(
        &format!("dangan, the {} with 3+ character words", long.len()),
        &dangan_long,
    );
    row(&format!("FTS5 trigram, the same {}", long.len()), &fts_long);
    row(
        &format!("dangan, {} pinyin queries", PINYIN.len()),
        &dangan_pinyin,
    );
    row(
        &format!("dangan, {} filter queries", FILTERS.len()),
        &dangan_filters,
    );
    row("dangan, the 200 with counts per fonds/year", &dangan_counts);
    let speedup = percentile(&fts_chinese, 0.5) / percentile(&dangan_chinese, 0.5);
    let speedup_long = percentile(&fts_long, 0.5) / percentile(&dangan_long, 0.5);
    println!(
        "\np50 speed-up over FTS5: {speedup:.1}x on the queries FTS5 ran, {speedup_long:.1}x on those it answers from its index (floor 5x)"
    );
    println!(
        "dangan p99 {:.1} ms (ceiling 20 ms)",
        percentile(&dangan_chinese, 0.99)
    );
    println!(
        "exactness: {} queries of 3+ character words, {missed} FTS5 hits not found by dangan; \
         {differ} of {} queries where dangan's total differs from FTS5's count",
        long.len(),
        peer_chinese.len()
    );
    println!(
        "index build: dangan {:.1} s, peak {index_peak:.0} MB, {:.0} MB on disk; FTS5 trigram {:.1} s",
        index_build.as_secs_f64(),
        index_size as f64 / 1e6,
        fts_build.as_secs_f64()
    );
}
