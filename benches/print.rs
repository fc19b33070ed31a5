//! Arrangement figures for issue 15 (`cargo bench --bench print`): a fonds' year of 20,000 items
//! written as its 归档文件目录 (.xlsx, A4, one sheet per retention period), beside the same rows
//! exported as CSV by dangan and read out by sqlite3 from the same database file: the cost of
//! the workbook over a plain read of the rows. Then the year boxed (20 to a box) and a
//! stocktake of 10,000 scanned codes (box spines and item labels, a tenth unknown) beside
//! `sort -u` of the same file, the floor of reading and de-duplicating them. Each runs as its
//! own process, log-in included.
//!
//! The year is generated with a fixed seed and imported as a CSV file, as an archive would
//! bring in a backlog. DANGAN_BENCH_ITEMS (default 20,000) and DANGAN_BENCH_RUNS (default 3).
//! With DANGAN_BENCH_DEMO=1000000 the year goes into the demo archive of that many records (its
//! fonds arranged by volume included, one item for every ten records), and the 案卷目录 of a
//! catalogue and the 卷内目录 of a volume are printed too.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dangan::archive::demo::Rng;

const PASSWORD: &str = "测速口令-2026";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Who runs the steps: the bench's own admin, or the demo's.
fn user(demo: bool) -> (&'static str, &'static str) {
    if demo {
        ("admin", "demo-admin-2019")
    } else {
        ("bench", PASSWORD)
    }
}

fn dangan(archive: &Path) -> Command {
    let demo = archive.ends_with("demo");
    let (name, password) = user(demo);
    let mut command = Command::new(env!("CARGO_BIN_EXE_dangan"));
    command
        .arg("--archive")
        .arg(archive)
        .env("DANGAN_USER", name)
        .env("DANGAN_PASSWORD", password)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn run(command: &mut Command) -> Duration {
    let started = Instant::now();
    let status = command.status().expect("run");
    assert!(status.success(), "{command:?} failed");
    started.elapsed()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// One year of one fonds: `items` records under three retention periods and six departments.
fn year_csv(path: &Path, items: u64) {
    let mut rng = Rng(2019);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("csv"));
    writeln!(
        out,
        "全宗号,年度,保管期限,机构,题名,责任者,文号,日期,页数,密级"
    )
    .expect("write");
    let depts = ["BGS", "CWK", "RSK", "YWK", "XCK", "ZCK"];
    for n in 0..items {
        let retention = ["永久", "定期30年", "定期10年"][rng.below(3)];
        let dept = depts[rng.below(depts.len())];
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        writeln!(
            out,
            "Z109,2019,{retention},{dept},关于《档案工作第{n}号事项》的通知——{dept}（第{}批）,市文化和旅游局,文旅发〔2019〕{n}号,2019-{month:02}-{day:02},{},内部",
            n % 40 + 1,
            1 + rng.below(60)
        )
        .expect("write");
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let items = env_number("DANGAN_BENCH_ITEMS", 20_000);
    let runs = env_number("DANGAN_BENCH_RUNS", 3).max(1) as usize;
    let demo_records = env_number("DANGAN_BENCH_DEMO", 0);
    let work = tempfile::tempdir().expect("temp dir");
    let archive = work
        .path()
        .join(if demo_records > 0 { "demo" } else { "archive" });
    if demo_records > 0 {
        let built = Instant::now();
        run(dangan(&archive).args(["demo", "--records", &demo_records.to_string()]));
        println!(
            "demo of {demo_records} records built in {:.0} s",
            built.elapsed().as_secs_f64()
        );
    } else {
        let mut init = Command::new(env!("CARGO_BIN_EXE_dangan"))
            .arg("--archive")
            .arg(&archive)
            .args(["init", "--admin", "bench", "--password-stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("init");
        if let Some(mut stdin) = init.stdin.take() {
            writeln!(stdin, "{PASSWORD}").expect("password");
        }
        assert!(init.wait().expect("init").success());
    }
    run(dangan(&archive).args(["fonds", "add", "Z109", "市文化和旅游局"]));
    let csv = work.path().join("year.csv");
    year_csv(&csv, items);
    run(dangan(&archive).args(["import", "records"]).arg(&csv));

    let out = |name: &str| work.path().join(name);
    // The demo's volumes: the 案卷目录 of its first catalogue, and the 卷内目录 of one volume.
    let volumes = (demo_records > 0).then(|| {
        let list = median(
            (0..runs)
                .map(|_| {
                    let args = [
                        "print",
                        "volumes",
                        "--fonds",
                        "J007",
                        "--catalogue",
                        "001",
                        "-o",
                    ];
                    run(dangan(&archive).args(args).arg(out("案卷目录.xlsx")))
                })
                .collect(),
        );
        let contents = median(
            (0..runs)
                .map(|_| {
                    let args = ["print", "contents", "J007-001-001", "-o"];
                    run(dangan(&archive).args(args).arg(out("卷内目录.xlsx")))
                })
                .collect(),
        );
        (list, contents)
    });
    let timed = |args: &[&str], file: &Path| {
        median(
            (0..runs)
                .map(|_| run(dangan(&archive).args(args).arg(file)))
                .collect(),
        )
    };
    let year = ["--fonds", "Z109", "--year", "2019"];
    let catalogue = timed(
        &[&["print", "catalogue"][..], &year, &["-o"]].concat(),
        &out("目录.xlsx"),
    );
    let xlsx = timed(
        &[
            &["export", "records", "--format", "xlsx"][..],
            &year,
            &["-o"],
        ]
        .concat(),
        &out("export.xlsx"),
    );
    let csv_export = timed(
        &[
            &["export", "records", "--format", "csv"][..],
            &year,
            &["-o"],
        ]
        .concat(),
        &out("export.csv"),
    );
    for (retention, dept) in ["Y", "D30", "D10"]
        .iter()
        .flat_map(|r| ["BGS", "CWK", "RSK", "YWK", "XCK", "ZCK"].map(|d| (*r, d)))
    {
        run(dangan(&archive).args([
            "box",
            "make",
            &format!("Z109-2019-{retention}-{dept}"),
            "--items",
            "20",
            "--location",
            "3号库-01-01-1",
        ]));
    }
    let scans = out("scans.txt");
    let mut rng = Rng(15);
    let mut codes = String::new();
    for n in 0..10_000u32 {
        let retention = ["Y", "D30", "D10"][rng.below(3)];
        let dept = ["BGS", "CWK", "RSK", "YWK", "XCK", "ZCK"][rng.below(6)];
        let line = match n % 10 {
            0 => format!("X{n}-不明标签"),
            1..=3 => format!("Z109-2019-{retention}-{dept}-H{:03}", 1 + rng.below(50)),
            _ => format!("Z109-2019-{retention}-{dept}-{:04}", 1 + rng.below(1000)),
        };
        codes.push_str(&line);
        codes.push('\n');
    }
    std::fs::write(&scans, codes).expect("scans");
    let stocktake = median(
        (0..runs)
            .map(|_| run(dangan(&archive).args(["stocktake", "3号库-01"]).arg(&scans)))
            .collect(),
    );
    let sort = median(
        (0..runs)
            .map(|_| {
                let mut command = Command::new("sort");
                command.arg("-u").arg(&scans).stdout(Stdio::null());
                run(&mut command)
            })
            .collect(),
    );
    let has_sqlite3 = Command::new("sqlite3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let sqlite = has_sqlite3.then(|| {
        median(
            (0..runs)
                .map(|_| {
                    let file = std::fs::File::create(out("sqlite.csv")).expect("out");
                    let mut command = Command::new("sqlite3");
                    command
                        .args(["-csv", "-readonly"])
                        .arg(archive.join("dangan.db"))
                        .arg(
                            "SELECT item, fonds, year, retention, dept, doc_no, responsible, \
                             title, date, classification, pages, notes FROM records \
                             WHERE fonds = 'Z109' AND year = 2019 \
                             ORDER BY fonds, category, year, retention, dept, item",
                        )
                        .stdout(file);
                    run(&mut command)
                })
                .collect(),
        )
    });

    let background = match demo_records {
        0 => String::from("an archive of that year alone"),
        n => format!("the demo archive of {n} records"),
    };
    println!(
        "\ndangan print bench: one fonds' year of {items} items in {background}, median of {runs} runs\n"
    );
    println!(
        "| {:<52} | {:>9} |",
        "step (a process each, log-in included)", "time"
    );
    println!("|{:-<54}|{:-<11}|", "", "");
    let row = |what: &str, d: Duration| {
        let what = dangan::width::pad(what, 52);
        println!("| {what} | {:>7.3} s |", d.as_secs_f64())
    };
    row("dangan print catalogue (归档文件目录 .xlsx, A4)", catalogue);
    row("dangan export records --format xlsx", xlsx);
    row("dangan export records --format csv", csv_export);
    match sqlite {
        Some(d) => row("sqlite3 -csv: the same rows from the same file", d),
        None => println!("sqlite3 not on PATH: no peer (apt-get install sqlite3)"),
    }
    row(
        "dangan stocktake: 10,000 codes, 1,000 boxes walked",
        stocktake,
    );
    row("sort -u of the same 10,000 codes", sort);
    if let Some((list, contents)) = volumes {
        row("dangan print volumes (案卷目录, J007 目录 001)", list);
        row("dangan print contents (卷内目录, J007-001-001)", contents);
    }
    let size = |name: &str| std::fs::metadata(out(name)).map_or(0, |m| m.len()) as f64 / 1e6;
    println!(
        "\n归档文件目录: {:.1} MB; ceilings: 2 s for the catalogue of 20,000 items, 1 s for the stocktake",
        size("目录.xlsx")
    );
}
