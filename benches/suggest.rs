//! Smart description figures for issue 20, printed as tables (`cargo bench --bench suggest`).
//!
//! 1. Accuracy: 10% of the fonds-years of the 1,000,000-record demo are held out (the learner
//!    learns every record, then forgets those of the held-out fonds-years), and each held-out
//!    record's 机构(问题) code, retention, 密级 and keywords are suggested from its title, 责任者
//!    and 文号 alone, beside the baseline a clerk would guess: the fonds' most frequent value.
//!    The demo is generated: its retention and 密级 are drawn without regard to the text, and its
//!    keywords are the subject and kind its title names; the figures show the mechanism works,
//!    not how often it is right on a real catalogue.
//! 2. Latency: each keystroke of typing held-out titles into the entry form, through the App
//!    (the key, the suggestion, the form), p50/p99/max; and the learner's suggestion alone.
//! 3. Start-up: learning the whole catalogue (done on a thread of its own after log-in, so the
//!    first frame does not wait for it), and its memory.
//!
//! DANGAN_BENCH_RECORDS changes the size; DANGAN_BENCH_DIR keeps the demo.

mod common;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dangan::Archive;
use dangan::domain::RecordQuery;
use dangan::domain::suggest::{Example, Learner, keyword_terms};
use dangan::i18n::Lang;
use dangan::tui::app::App;
use dangan::tui::keymap::Keymap;
use dangan::tui::theme::Theme;
use dangan::tui::worker::Worker;

/// The keys through the app and the worker, synchronously, as the workstation runs them.
fn press(app: &mut App, worker: &mut Worker, code: KeyCode) {
    let (effects, _) = app.key(&KeyEvent::new(code, KeyModifiers::NONE));
    let mut queue: VecDeque<_> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let reply = worker.execute(effect);
        queue.extend(app.reply(reply));
    }
}

/// Whether a fonds-year is held out: one in ten, fixed by a hash of the pair.
fn held_out(fonds: &str, year: u16) -> bool {
    let mut rng = dangan::archive::demo::Rng(
        u64::from(year) * 131 + fonds.bytes().map(u64::from).sum::<u64>(),
    );
    rng.below(10) == 0
}

#[derive(Default)]
struct Score {
    right: u64,
    baseline: u64,
    asked: u64,
    /// Suggestions made at 0.9 or surer, and how many of them were right.
    sure: u64,
    sure_right: u64,
}

impl Score {
    fn add(&mut self, right: bool, baseline: bool, confidence: f64) {
        self.asked += 1;
        self.right += u64::from(right);
        self.baseline += u64::from(baseline);
        if confidence >= 0.9 {
            self.sure += 1;
            self.sure_right += u64::from(right);
        }
    }

    fn row(&self, what: &str) {
        let pct = |n: u64, of: u64| 100.0 * n as f64 / of.max(1) as f64;
        let what = dangan::width::pad(what, 24);
        println!(
            "| {what} | {:>8} | {:>6.1}% | {:>8.1}% | {:>7.1}% | {:>9.1}% |",
            self.asked,
            pct(self.right, self.asked),
            pct(self.baseline, self.asked),
            pct(self.sure_right, self.sure),
            pct(self.sure, self.asked),
        );
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let at = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[at].as_secs_f64() * 1000.0
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let records = common::env_number("DANGAN_BENCH_RECORDS", 1_000_000);
    let (_work, dir) = common::demo_archive(records);
    let mut archive = Archive::open(&dir).expect("open");
    let admin = archive.login("admin", "demo-admin-2019").expect("login");

    // Start-up: the whole catalogue learned, three times.
    let (p50, max, mut learner): (_, _, Learner) =
        common::timed(3, || archive.learner(&admin, &mut |_| {}).expect("learn"));
    println!("\ndangan smart description bench: {records}-record demo, 2 cores\n");
    println!("| start-up (3 runs)                                 | median     | slowest    |");
    println!("|---------------------------------------------------|------------|------------|");
    println!(
        "| learn {:>9} records (a thread after log-in)   | {:>7.0} ms | {:>7.0} ms |",
        learner.examples(),
        p50.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    );
    println!(
        "| the learner's tables in memory                    | {:>7.1} MB |            |",
        learner.size_in_memory() as f64 / 1e6
    );
    println!(
        "| peak resident (with the database pages mapped)    | {:>7.0} MB |            |",
        common::peak_mb()
    );

    // Hold out one fonds-year in ten.
    let mut held = Vec::new();
    for fonds in archive.fonds(&admin).expect("fonds") {
        for (year, _) in archive.years(&admin, &fonds.code).expect("years") {
            if !held_out(&fonds.code, year) {
                continue;
            }
            let query = RecordQuery {
                fonds: Some(fonds.code.clone()),
                year: Some(year),
                ..RecordQuery::default()
            };
            let (found, _) = archive.list(&admin, &query, u64::MAX / 2, 0).expect("list");
            held.extend(found);
        }
    }
    for record in &held {
        learner.forget(&Example::of(record));
    }
    let (mut dept, mut retention, mut class, mut keywords) = (
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
    );
    let mut suggest_times = Vec::with_capacity(held.len());
    for record in &held {
        let described = Example::of(record).described;
        let started = Instant::now();
        let s = learner.suggest(&described);
        suggest_times.push(started.elapsed());
        let [d0, r0, c0, k0] = learner.most_frequent(&record.code.group.fonds);
        let group = &record.code.group;
        if !group.dept.is_empty() {
            let guess = s.dept.as_ref();
            dept.add(
                guess.is_some_and(|g| g.value == group.dept),
                d0.as_deref() == Some(group.dept.as_str()),
                guess.map_or(0.0, |g| g.confidence),
            );
        }
        let guess = s.retention.as_ref();
        retention.add(
            guess.is_some_and(|g| g.value == group.retention),
            r0.as_deref() == Some(group.retention.code()),
            guess.map_or(0.0, |g| g.confidence),
        );
        let guess = s.classification.as_ref();
        class.add(
            guess.is_some_and(|g| g.value == record.data.classification),
            c0.as_deref() == Some(record.data.classification.code()),
            guess.map_or(0.0, |g| g.confidence),
        );
        let terms: Vec<&str> = keyword_terms(&record.data.keywords).collect();
        if !terms.is_empty() {
            let first = s.keywords.first();
            keywords.add(
                first.is_some_and(|g| terms.contains(&g.value.as_str())),
                k0.as_deref().is_some_and(|k| terms.contains(&k)),
                first.map_or(0.0, |g| g.confidence),
            );
        }
    }
    println!(
        "\nheld out: {} records of one fonds-year in ten; learned from the other {}\n",
        held.len(),
        learner.examples()
    );
    println!(
        "| top-1 accuracy           | held out | learner | baseline¹ | at 0.9+² | 0.9+ share |"
    );
    println!(
        "|--------------------------|----------|---------|-----------|----------|------------|"
    );
    dept.row("机构(问题) code");
    retention.row("retention");
    class.row("密级");
    keywords.row("keywords (first given)");
    println!(
        "¹ the fonds' most frequent value  ² accuracy of the suggestions made at 0.9 or surer"
    );

    // Latency: typing held-out titles into the entry form, every keystroke through the App.
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
    // The log-in learns the catalogue (in turn here; on a thread in the terminal).
    press(&mut app, &mut worker, KeyCode::Enter);
    assert!(app.learner.is_some(), "the log-in learned the catalogue");
    let mut keystrokes = Vec::new();
    for record in held.iter().step_by((held.len() / 300).max(1)) {
        press(&mut app, &mut worker, KeyCode::Char('n'));
        for c in record.code.group.fonds.chars() {
            press(&mut app, &mut worker, KeyCode::Char(c));
        }
        // To the title: past 门类, 年度, 保管期限, 机构 and 件号.
        for _ in 0..6 {
            press(&mut app, &mut worker, KeyCode::Tab);
        }
        for c in record.data.title.chars() {
            let started = Instant::now();
            press(&mut app, &mut worker, KeyCode::Char(c));
            keystrokes.push(started.elapsed());
        }
        press(&mut app, &mut worker, KeyCode::Esc);
        press(&mut app, &mut worker, KeyCode::Char('y'));
    }
    println!(
        "\n| per keystroke                          | samples | p50       | p99       | max       |"
    );
    println!(
        "|----------------------------------------|---------|-----------|-----------|-----------|"
    );
    let count = keystrokes.len();
    let (p50, p99, max) = (
        percentile(&mut keystrokes, 0.5),
        percentile(&mut keystrokes, 0.99),
        percentile(&mut keystrokes, 1.0),
    );
    println!(
        "| key in the entry form's title (App)    | {count:>7} | {p50:>6.3} ms | {p99:>6.3} ms | {max:>6.3} ms |"
    );
    let count = suggest_times.len();
    let (p50, p99, max) = (
        percentile(&mut suggest_times, 0.5),
        percentile(&mut suggest_times, 0.99),
        percentile(&mut suggest_times, 1.0),
    );
    println!(
        "| the learner's suggestion alone         | {count:>7} | {p50:>6.3} ms | {p99:>6.3} ms | {max:>6.3} ms |"
    );
}
