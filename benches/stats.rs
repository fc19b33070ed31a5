//! Statistics figures for issue 19, printed as a table (`cargo bench --bench stats`): a year's
//! full statistics on the 1,000,000-record demo with 200,000 loans, for an admin and for a user
//! cleared to 公开, beside the same holdings breakdown read by a scan of the records table (what
//! a catalogue without kept counts does); then the workstation's statistics screen from the key
//! to its first frame with figures, drawn headless at 80×24.
//!
//! DANGAN_BENCH_RECORDS and DANGAN_BENCH_LOANS change the size; DANGAN_BENCH_DIR keeps the demo.

mod common;

use std::collections::VecDeque;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dangan::Archive;
use dangan::domain::{Classification, Role};
use dangan::i18n::Lang;
use dangan::tui::app::App;
use dangan::tui::keymap::Keymap;
use dangan::tui::theme::Theme;
use dangan::tui::worker::Worker;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn row(what: &str, rows: u64, (p50, max): (Duration, Duration)) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {what:<50} | {rows:>9} | {:>8.1} ms | {:>8.1} ms |",
        ms(p50),
        ms(max)
    );
}

/// The keys through the app and the worker, synchronously, as the workstation runs them.
fn press(app: &mut App, worker: &mut Worker, code: KeyCode) {
    let (effects, _) = app.key(&KeyEvent::new(code, KeyModifiers::NONE));
    let mut queue: VecDeque<_> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let reply = worker.execute(effect);
        queue.extend(app.reply(reply));
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let records = common::env_number("DANGAN_BENCH_RECORDS", 1_000_000);
    let loans = common::env_number("DANGAN_BENCH_LOANS", 200_000);
    let (_work, dir) = common::demo_archive(records);
    let today = Archive::open(&dir).expect("open").today();
    common::bench_loans(&dir, loans, today);
    let mut archive = Archive::open(&dir).expect("open");
    let admin = archive.login("admin", "demo-admin-2019").expect("login");
    if archive.login("bench-low", "bench-low-口令-2019").is_err() {
        archive
            .add_user(
                &admin,
                "bench-low",
                "",
                "bench-low-口令-2019",
                Role::Archivist,
                Classification::Public,
            )
            .expect("user");
    }
    let low = archive
        .login("bench-low", "bench-low-口令-2019")
        .expect("login");

    println!("\ndangan statistics bench: {records} records, {loans} bench loans, this year\n");
    println!(
        "| {:<50} | {:>9} | {:>11} | {:>11} |",
        "9 runs", "records", "median", "slowest"
    );
    println!("|{:-<52}|{:-<11}|{:-<13}|{:-<13}|", "", "", "", "");
    let (p50, max, stats) =
        common::timed(9, || archive.statistics(&admin, None, None).expect("stats"));
    row(
        "full yearly statistics, admin (机密)",
        stats.held.records,
        (p50, max),
    );
    let (p50, max, stats) =
        common::timed(9, || archive.statistics(&low, None, None).expect("stats"));
    row(
        "full yearly statistics, cleared to 公开",
        stats.held.records,
        (p50, max),
    );
    let last = stats.year - 1;
    let (p50, max, stats) = common::timed(9, || {
        archive
            .statistics(&admin, Some(last), Some("J001"))
            .expect("stats")
    });
    row(
        &format!("one fonds, {last}"),
        stats.held.records,
        (p50, max),
    );

    // The peer: the holdings breakdown by a scan of every record.
    let conn = rusqlite::Connection::open(dir.join("dangan.db")).expect("db");
    let (p50, max, held) = common::timed(9, || {
        let mut stmt = conn
            .prepare_cached(
                "SELECT fonds, category, retention, carrier, classification, openness, volume > 0, \
                 COUNT(*), SUM(pages) FROM records WHERE status != 'disposed' \
                 GROUP BY 1, 2, 3, 4, 5, 6, 7",
            )
            .expect("prepare");
        let rows = stmt
            .query_map([], |r| r.get::<_, i64>(7))
            .expect("query")
            .map(|n| n.expect("row") as u64);
        rows.sum::<u64>()
    });
    row(
        "peer: holdings breakdown by a records scan",
        held,
        (p50, max),
    );

    // The screen: the key, the worker's answer, the first frame with figures.
    let mut worker = Worker::new(Archive::open(&dir).expect("open"));
    let theme = Theme::named("default", None).expect("theme");
    let mut app = App::new(Lang::Zh, theme, Keymap::default(), 80, 24);
    for c in "archivist".chars() {
        press(&mut app, &mut worker, KeyCode::Char(c));
    }
    press(&mut app, &mut worker, KeyCode::Enter);
    for c in "demo-archivist-2019".chars() {
        press(&mut app, &mut worker, KeyCode::Char(c));
    }
    press(&mut app, &mut worker, KeyCode::Enter);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let (p50, max, shown) = common::timed(9, || {
        press(&mut app, &mut worker, KeyCode::Char('i'));
        terminal
            .draw(|frame| dangan::tui::view::draw(&app, frame))
            .expect("draw");
        let screen = format!("{:?}", terminal.backend().buffer());
        press(&mut app, &mut worker, KeyCode::Esc);
        screen.contains("年度档案统计") as u64
    });
    assert_eq!(shown, 1, "the first frame shows the figures");
    row(
        "statistics screen: key to first frame, 80x24",
        held,
        (p50, max),
    );
    println!("\nceilings: full statistics 300 ms; the screen's first frame 150 ms");
    println!(
        "peak memory of the process (VmHWM): {:.0} MB",
        common::peak_mb()
    );
}
