//! Bytes sent to the terminal per keystroke (`cargo bench --bench keystrokes`): over a thin SSH
//! link every byte of a redraw is waited for. The workstation is driven headless on a demo
//! archive (fixed seed) and its frames written through the terminal backend it uses, into a
//! counter. Beside it, in the same run: ratatui's own crossterm backend drawing the same frames,
//! and the frame redrawn whole (what a program without cell diffing sends).

use std::collections::VecDeque;
use std::io::Write;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dangan::i18n::Lang;
use dangan::tui::app::App;
use dangan::tui::keymap::Keymap;
use dangan::tui::theme::Theme;
use dangan::tui::worker::Worker;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// A terminal that counts what it is sent (and, for the peer, says so outside).
#[derive(Default)]
struct Counter(usize, Option<std::rc::Rc<std::cell::Cell<usize>>>);

impl Write for Counter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        if let Some(total) = &self.1 {
            total.set(self.0);
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type Screen = Terminal<dangan::tui::terminal::Backend<Counter>>;
type Peer = Terminal<ratatui::backend::CrosstermBackend<Counter>>;

struct Desk {
    app: App,
    worker: Worker,
    screen: Screen,
    peer: Peer,
    /// What the peer terminal has been sent so far.
    peer_sent: std::rc::Rc<std::cell::Cell<usize>>,
}

impl Desk {
    fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        let (effects, _) = self.app.key(&KeyEvent::new(code, modifiers));
        let mut queue: VecDeque<_> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let reply = self.worker.execute(effect);
            queue.extend(self.app.reply(reply));
        }
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    /// Bytes of the next frame, as the workstation draws it, and as ratatui's crossterm backend
    /// draws the same.
    fn frame(&mut self) -> (usize, usize) {
        let before = self.screen.backend().writer().0;
        dangan::tui::draw_frame(&mut self.screen, &self.app).expect("draw");
        let ours = self.screen.backend().writer().0 - before;
        let before = self.peer_sent.get();
        self.peer
            .draw(|frame| dangan::tui::view::draw(&self.app, frame))
            .expect("draw");
        (ours, self.peer_sent.get() - before)
    }

    /// Bytes of the same frame drawn whole: the screen cleared, every cell that is not blank.
    fn whole(&mut self) -> usize {
        let (width, height) = (self.app.width, self.app.height);
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        let backend = dangan::tui::terminal::Backend::new(Counter::default());
        let mut fresh =
            Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
        let clear = b"\x1b[2J";
        dangan::tui::draw_frame(&mut fresh, &self.app).expect("draw");
        fresh.backend().writer().0 + clear.len()
    }
}

fn desk(dir: &std::path::Path, width: u16, height: u16) -> Desk {
    let archive = dangan::archive::demo::build_with_loans(
        &dir.join(format!("demo-{width}")),
        2000,
        2019,
        chrono::Utc::now(),
    )
    .expect("demo archive");
    let theme = Theme::named("default", None).expect("the default theme");
    let app = App::new(Lang::Zh, theme, Keymap::default(), width, height);
    let backend = dangan::tui::terminal::Backend::new(Counter::default());
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let screen = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: viewport.clone(),
        },
    )
    .expect("terminal");
    let peer_sent = std::rc::Rc::new(std::cell::Cell::new(0));
    let peer_backend = ratatui::backend::CrosstermBackend::new(Counter(0, Some(peer_sent.clone())));
    let peer = Terminal::with_options(peer_backend, TerminalOptions { viewport }).expect("peer");
    let mut desk = Desk {
        app,
        worker: Worker::new(archive),
        screen,
        peer,
        peer_sent,
    };
    desk.text("archivist");
    desk.key(KeyCode::Enter, KeyModifiers::NONE);
    desk.text("demo-archivist-2019");
    desk.key(KeyCode::Enter, KeyModifiers::NONE);
    desk
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    println!("\nbytes sent per keystroke, zh, demo archive of 2,000 records (seed 2019)\n");
    println!(
        "| terminal | step                         | dangan | ratatui crossterm backend | whole frame |"
    );
    println!(
        "|----------|------------------------------|--------|---------------------------|-------------|"
    );
    for (width, height) in [(80, 24), (120, 40)] {
        let mut desk = desk(dir.path(), width, height);
        let first = desk.frame();
        // Into the list of J001, all years.
        desk.key(KeyCode::Down, KeyModifiers::NONE);
        desk.key(KeyCode::Enter, KeyModifiers::NONE);
        desk.key(KeyCode::Enter, KeyModifiers::NONE);
        desk.frame();
        let mut steps: Vec<(&str, (usize, usize), usize)> = vec![("first frame", first, first.0)];
        let mut measure = |desk: &mut Desk, what: &'static str, keys: &dyn Fn(&mut Desk)| {
            keys(desk);
            let sent = desk.frame();
            let whole = desk.whole();
            steps.push((what, sent, whole));
        };
        measure(&mut desk, "Down in a list", &|d| {
            d.key(KeyCode::Down, KeyModifiers::NONE)
        });
        measure(&mut desk, "Page Down in a list", &|d| {
            d.key(KeyCode::PageDown, KeyModifiers::NONE)
        });
        measure(&mut desk, "open the search box", &|d| d.text("/"));
        measure(&mut desk, "a search keystroke (档)", &|d| d.text("档"));
        measure(&mut desk, "the next keystroke (案)", &|d| d.text("案"));
        measure(&mut desk, "Down in the hits", &|d| {
            d.key(KeyCode::Down, KeyModifiers::NONE)
        });
        measure(&mut desk, "Page Down in the hits", &|d| {
            d.key(KeyCode::PageDown, KeyModifiers::NONE)
        });
        for (what, (ours, peer), whole) in steps {
            println!("| {width}×{height:<5} | {what:<28} | {ours:>6} | {peer:>25} | {whole:>11} |");
        }
    }
}
