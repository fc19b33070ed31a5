//! Reconciliation figures for issue 7, printed as a table (`cargo bench --bench reconcile`): a
//! 100,000-line paper register of fonds J001 matched against the 1,000,000-record demo.
//!
//! The register is made from J001's own records with a fixed seed, as a clerk's typing would spoil
//! it: most lines copied, some titles with a wrong character, some codes missing or with the wrong
//! year, some lines only on paper, some written twice. DANGAN_BENCH_RECORDS and
//! DANGAN_BENCH_LINES change the size.

mod common;

use std::fmt::Write as _;
use std::time::Instant;

use dangan::Archive;
use dangan::archive::demo::Rng;
use dangan::domain::register::Scope;

const SEED: u64 = 2019;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let records = common::env_number("DANGAN_BENCH_RECORDS", 1_000_000);
    let wanted = common::env_number("DANGAN_BENCH_LINES", 100_000) as usize;
    let (work, dir) = common::demo_archive(records);

    // The register, from J001's records as exported (code, title, responsible party, date).
    let export = std::process::Command::new(env!("CARGO_BIN_EXE_dangan"))
        .arg("--archive")
        .arg(&dir)
        .args(["export", "records", "--format", "csv", "--fonds", "J001"])
        .env("DANGAN_USER", "admin")
        .env("DANGAN_PASSWORD", "demo-admin-2019")
        .output()
        .expect("export");
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let text = String::from_utf8(export.stdout).expect("UTF-8 export");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (code, title, who, date) = (
        column("档号"),
        column("题名"),
        column("责任者"),
        column("日期"),
    );
    let mut rng = Rng(SEED);
    let mut register = String::from("档号,题名,责任者,日期\n");
    let mut lines = 0;
    let mut kinds = [0usize; 5];
    for row in reader.records() {
        let row = row.expect("row");
        if lines >= wanted {
            break;
        }
        // Keep about 100k of J001's records in order, skipping some (those become digital-only).
        if rng.percent() < 10 {
            continue;
        }
        let mut code = row[code].to_string();
        let mut title = row[title].to_string();
        let kind = match rng.percent() {
            0..=3 => {
                // A wrong character in the title.
                let mut chars: Vec<char> = title.chars().collect();
                let at = rng.below(chars.len().max(1));
                if let Some(c) = chars.get_mut(at) {
                    *c = '某';
                }
                title = chars.into_iter().collect();
                1
            }
            4..=5 => {
                code.clear();
                2
            }
            6 => {
                code = code.replacen("-20", "-19", 1);
                2
            }
            7 => {
                code = format!("J001-2099-Y-BGS-{:04}", lines);
                title = format!("纸质独有登记第{lines}号");
                3
            }
            _ => 0,
        };
        kinds[kind] += 1;
        let line = [code.as_str(), title.as_str(), &row[who], &row[date]]
            .iter()
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(",");
        writeln!(register, "{line}").expect("write");
        lines += 1;
        if rng.percent() == 0 {
            writeln!(register, "{line}").expect("write");
            kinds[4] += 1;
            lines += 1;
        }
    }
    let path = work.path().join("register.csv");
    std::fs::write(&path, register).expect("write register");

    let mut archive = Archive::open(&dir).expect("open");
    let admin = archive.login("admin", "demo-admin-2019").expect("login");
    let before = common::peak_mb();
    let started = Instant::now();
    let scope: Scope = "J001".parse().expect("scope");
    let status = archive
        .import_register(&admin, &path, &scope, None, None)
        .expect("import register");
    let elapsed = started.elapsed();
    let peak = common::peak_mb();
    let (next_open_p50, next_open_max, keys) = next_open_at_the_desk(&archive, &admin, &scope);

    println!("\ndangan reconcile bench: {records} records, register of {lines} lines, seed {SEED}");
    println!(
        "register made: {} copied, {} with a title typo, {} with the code missing or wrong, \
         {} only on paper, {} written twice\n",
        kinds[0], kinds[1], kinds[2], kinds[3], kinds[4]
    );
    println!("| {:<44} | {:>12} |", "measure", "value");
    println!("|{:-<46}|{:-<14}|", "", "");
    for (what, value) in [
        (
            "read, match and store the register",
            format!("{:.2} s", elapsed.as_secs_f64()),
        ),
        (
            "peak memory of the process (VmHWM)",
            format!("{peak:.0} MB"),
        ),
        ("peak before the import", format!("{before:.0} MB")),
        (
            "workstation: next open line (`n`), median",
            format!("{:.2} ms", next_open_p50 * 1e3),
        ),
        (
            "workstation: next open line, slowest",
            format!("{:.2} ms", next_open_max * 1e3),
        ),
        ("  over this many presses", keys.to_string()),
        ("agrees", status.agrees.to_string()),
        ("differs", status.differs.to_string()),
        ("paper only", status.paper_only.to_string()),
        ("duplicate on paper", status.duplicate.to_string()),
        ("digital only", status.digital_only.to_string()),
    ] {
        println!("| {what:<44} | {value:>12} |");
    }
    println!("\nceiling: 5 s, 300 MB; next open line 16 ms");
}

/// The workstation's reconcile screen on the whole register, as the worker delivers it; times
/// `n` (next open line) from the key to the updated model, 200 presses.
fn next_open_at_the_desk(
    archive: &Archive,
    session: &dangan::Session,
    scope: &Scope,
) -> (f64, f64, usize) {
    use dangan::tui::action::Action;
    use dangan::tui::worker::Reply;
    let (_, lines) = archive.register_lines(session, scope).expect("lines");
    let status = archive.scope_status(session, scope).expect("status");
    let mut app = dangan::tui::app::App::new(
        dangan::i18n::Lang::Zh,
        dangan::tui::theme::Theme::mono(),
        dangan::tui::keymap::Keymap::default(),
        80,
        24,
    );
    app.action(Action::Reconcile);
    app.reply(Reply::Scopes(vec![status.clone()]));
    app.reply(Reply::Register {
        status,
        lines,
        certified: None,
    });
    let mut samples: Vec<f64> = (0..200)
        .map(|_| {
            let started = Instant::now();
            app.action(Action::NextOpen);
            started.elapsed().as_secs_f64()
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    (
        samples[samples.len() / 2],
        samples[samples.len() - 1],
        samples.len(),
    )
}
