//! The workstation driven headless: keys in, the real worker run synchronously on a real archive,
//! and the screen rendered into ratatui's TestBackend.

use std::collections::VecDeque;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dangan::i18n::Lang;
use dangan::tui::app::App;
use dangan::tui::keymap::Keymap;
use dangan::tui::theme::Theme;
use dangan::tui::worker::{Effect, Worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The desk's "now": noon UTC, so the local date is 25 November in every time zone from UTC−11
/// to UTC+11.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .single()
        .expect("a valid time")
}

pub struct Desk {
    pub app: App,
    worker: Worker,
    pub dir: tempfile::TempDir,
    /// Effects kept back, as if the archive were slow: the clerk types on before replies arrive.
    held: Option<Vec<Effect>>,
}

impl Desk {
    /// A small demo archive (fixed seed) with the workstation at its log-in screen.
    pub fn demo(lang: Lang, width: u16, height: u16) -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut archive =
            dangan::archive::demo::build_with_loans(&dir.path().join("demo"), 400, 2019, now())
                .expect("demo archive");
        // Dates on screen (due, days late) are the same on every day the tests run.
        archive.set_clock(now);
        let app = App::new(lang, Theme::mono(), Keymap::default(), width, height);
        Desk {
            app,
            worker: Worker::new(archive),
            dir,
            held: None,
        }
    }

    /// A second workstation on the same archive, for another person at another desk.
    pub fn beside(other: &Desk, lang: Lang, width: u16, height: u16) -> Desk {
        let mut archive =
            dangan::archive::Archive::open(&other.dir.path().join("demo")).expect("archive");
        archive.set_clock(now);
        Desk {
            app: App::new(lang, Theme::mono(), Keymap::default(), width, height),
            worker: Worker::new(archive),
            dir: tempfile::tempdir().expect("temp dir"),
            held: None,
        }
    }

    pub fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let reply = self.worker.execute(effect);
            queue.extend(self.app.reply(reply));
        }
    }

    pub fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        let (effects, _) = self.app.key(&KeyEvent::new(code, modifiers));
        match &mut self.held {
            Some(held) => held.extend(effects),
            None => self.run(effects),
        }
    }

    /// From now on, what keys ask of the archive waits until `answer`.
    pub fn slow(&mut self) {
        self.held = Some(Vec::new());
    }

    /// The archive answers all it was asked, in order, and is quick again.
    pub fn answer(&mut self) {
        let held = self.held.take().unwrap_or_default();
        self.run(held);
    }

    /// Types keys: text as characters, and `<Enter>`, `<Tab>`, `<Esc>`, `<Down>`, `<Up>`,
    /// `<PageDown>`, `<PageUp>`, `<Home>`, `<End>`, `<Backspace>`, `<F1>`…`<F5>`, `<C-s>` as keys.
    pub fn keys(&mut self, keys: &str) {
        let mut rest = keys;
        while let Some(c) = rest.chars().next() {
            if c == '<'
                && let Some(end) = rest.find('>')
                && end > 1
            {
                let name = &rest[1..end];
                rest = &rest[end + 1..];
                let (code, modifiers) = match name {
                    "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                    "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                    "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                    "Down" => (KeyCode::Down, KeyModifiers::NONE),
                    "Up" => (KeyCode::Up, KeyModifiers::NONE),
                    "Left" => (KeyCode::Left, KeyModifiers::NONE),
                    "Right" => (KeyCode::Right, KeyModifiers::NONE),
                    "PageDown" => (KeyCode::PageDown, KeyModifiers::NONE),
                    "PageUp" => (KeyCode::PageUp, KeyModifiers::NONE),
                    "Home" => (KeyCode::Home, KeyModifiers::NONE),
                    "End" => (KeyCode::End, KeyModifiers::NONE),
                    "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
                    ctrl if ctrl.starts_with("C-") && ctrl.chars().count() == 3 => (
                        KeyCode::Char(ctrl.chars().last().expect("a letter")),
                        KeyModifiers::CONTROL,
                    ),
                    f if f.starts_with('F') => (
                        KeyCode::F(f[1..].parse().expect("F-key number")),
                        KeyModifiers::NONE,
                    ),
                    other => panic!("no key <{other}>"),
                };
                self.key(code, modifiers);
            } else {
                rest = &rest[c.len_utf8()..];
                self.key(KeyCode::Char(c), KeyModifiers::NONE);
            }
        }
    }

    pub fn login(&mut self, user: &str) {
        let password = format!("demo-{user}-2019");
        self.keys(&format!("{user}<Enter>{password}<Enter>"));
    }

    pub fn terminal(&self) -> Terminal<TestBackend> {
        let mut terminal =
            Terminal::new(TestBackend::new(self.app.width, self.app.height)).expect("terminal");
        terminal
            .draw(|frame| dangan::tui::view::draw(&self.app, frame))
            .expect("draw");
        terminal
    }

    /// The screen as text, one line per row, trailing spaces kept.
    pub fn screen(&self) -> String {
        let terminal = self.terminal();
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut skip = 0;
            for x in 0..buffer.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                out.push_str(symbol);
            }
            out.push('\n');
        }
        out
    }
}
