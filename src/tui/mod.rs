//! The workstation: a keyboard-driven TUI over the same `archive/` the CLI uses.
//!
//! One thread reads keys, one runs the archive (the worker), one waits for signals; all send to
//! one channel that the main thread sleeps on. It redraws only when something changed, so an
//! idle session uses no CPU and sends nothing down the SSH link.

pub mod action;
pub mod app;
mod backend;
pub mod draft;
pub mod input;
pub mod keymap;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod worker;

use std::path::Path;
use std::sync::mpsc;

use crossterm::event::{Event, KeyEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::archive::Archive;
use crate::error::{Error, Result};
use crate::i18n::{FileMsg, Lang, Msg};
use app::App;
use keymap::Keymap;
use theme::Theme;
use worker::{Effect, Reply, Worker};

/// What the user chose on the command line; the config file and the environment fill the rest.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Option<String>,
    pub theme: Option<String>,
    /// Shown on the log-in screen (the demo's accounts).
    pub login_hint: Option<String>,
}

fn config_error(path: &Path, detail: Msg) -> Error {
    let path = path.display().to_string();
    let detail = Box::new(detail);
    Error::BadInput(FileMsg::ConfigFile { path, detail }.into())
}

/// A settings file that is not TOML: where, as an editor counts lines and columns (from 1, in
/// characters), and what the parser said.
fn toml_syntax(text: &str, error: &toml::de::Error) -> Msg {
    let at = error.span().map_or(0, |span| span.start).min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let detail = error.message().trim().to_string();
    FileMsg::TomlSyntax {
        line,
        column,
        detail,
    }
    .into()
}

/// Reads a settings file's TOML table.
fn toml_table(text: &str) -> std::result::Result<toml::Table, Msg> {
    text.parse().map_err(|e| toml_syntax(text, &e))
}

/// Settings from `config.toml`: `lang = "en"`, `theme = "light"`.
fn config(dir: Option<&Path>) -> Result<toml::Table> {
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return Ok(toml::Table::new());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => toml_table(&text).map_err(|e| config_error(&path, e)),
        Err(_) => Ok(toml::Table::new()),
    }
}

/// A setting of `config.toml`, if the file is there and says it; for messages printed before
/// (or without) the workstation, where a config that does not read is not worth an error.
pub fn configured(dir: Option<&Path>, key: &str) -> Option<String> {
    let table = config(dir).ok()?;
    table.get(key)?.as_str().map(str::to_string)
}

/// Language, theme and keymap, from the options, the config directory and the environment.
pub fn settings(options: &Options, config_dir: Option<&Path>) -> Result<(Lang, Theme, Keymap)> {
    let config = config(config_dir)?;
    let setting = |key: &str| config.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let lang = match options.lang.clone().or_else(|| setting("lang")) {
        Some(tag) => Lang::parse(&tag)
            .ok_or_else(|| Error::BadInput(FileMsg::Language { tag: tag.clone() }.into()))?,
        None => Lang::from_environment(),
    };
    let theme = if Theme::colour_refused() {
        Theme::mono()
    } else {
        let name = options
            .theme
            .clone()
            .or_else(|| setting("theme"))
            .unwrap_or_else(|| "default".into());
        Theme::named(&name, config_dir.map(|d| d.join("themes")).as_deref())
            .map_err(Error::BadInput)?
    };
    let keymap = match config_dir.map(|d| d.join("keymap.toml")) {
        Some(path) if path.is_file() => {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            Keymap::with_overrides(&text).map_err(|e| config_error(&path, e))?
        }
        _ => Keymap::default(),
    };
    Ok((lang, theme, keymap))
}

enum Message {
    Terminal(Event),
    Reply(Reply),
    Signal,
    /// Time to ask whether another session has changed the archive.
    Tick,
}

/// How often the workstation asks whether another session has changed the archive: the answer
/// is a local query, and nothing goes to the terminal unless something did change.
const CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

fn spawn_ticks(sender: mpsc::Sender<Message>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(CHECK_EVERY);
            if sender.send(Message::Tick).is_err() {
                return;
            }
        }
    });
}

fn spawn_input(sender: mpsc::Sender<Message>) {
    std::thread::spawn(move || {
        while let Ok(event) = crossterm::event::read() {
            if sender.send(Message::Terminal(event)).is_err() {
                return;
            }
        }
    });
}

#[cfg(unix)]
fn spawn_signals(sender: mpsc::Sender<Message>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]).map_err(|e| {
        Error::Internal(
            FileMsg::Signals {
                detail: e.to_string(),
            }
            .to_string(),
        )
    })?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = sender.send(Message::Signal);
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn spawn_signals(_: mpsc::Sender<Message>) -> Result<()> {
    Ok(())
}

fn draw(screen: &mut terminal::Screen, app: &App) -> Result<()> {
    draw_frame(screen, app)
}

/// One frame: the cells that changed since the last, between the marks of a synchronized update
/// (the terminal shows it whole, not half-drawn).
pub fn draw_frame<W: std::io::Write>(
    screen: &mut ratatui::Terminal<terminal::Backend<W>>,
    app: &App,
) -> Result<()> {
    let io = |e| Error::io(Path::new("terminal"), e);
    crossterm::queue!(screen.backend_mut().writer_mut(), BeginSynchronizedUpdate).map_err(io)?;
    screen.draw(|frame| view::draw(app, frame)).map_err(io)?;
    crossterm::execute!(screen.backend_mut().writer_mut(), EndSynchronizedUpdate).map_err(io)?;
    Ok(())
}

/// The terminal went away: an unsaved form is kept as the user's draft. Best effort: there is no
/// screen left to report a failure on.
pub fn keep_draft(archive_dir: &Path, app: &App) {
    let Some(user) = &app.user else {
        return;
    };
    let form = app.stack.iter().rev().find_map(|screen| match screen {
        app::Screen::Form(form) if form.dirty => Some(form),
        _ => None,
    });
    if let Some(form) = form {
        let draft = draft::Draft::of(form, crate::archive::timestamp(chrono::Utc::now()));
        let _ = draft::save(archive_dir, &user.name, &draft);
    }
}

/// Runs the workstation on an open archive until the user quits or the terminal goes away.
pub fn run(archive: Archive, options: &Options) -> Result<()> {
    let config_dir = crate::paths::config_dir();
    let (lang, theme, keymap) = settings(options, config_dir.as_deref())?;
    let mut guard =
        terminal::TerminalGuard::enter().map_err(|e| Error::io(Path::new("terminal"), e))?;
    let size = guard
        .screen
        .size()
        .map_err(|e| Error::io(Path::new("terminal"), e))?;
    let mut app = App::new(lang, theme, keymap, size.width, size.height);
    app.login_hint = options.login_hint.clone();
    // The first frame goes out before anything is read from the archive.
    draw(&mut guard.screen, &app)?;

    let (sender, messages) = mpsc::channel();
    let (effects, worker_effects) = mpsc::channel::<Effect>();
    let (replies, worker_replies) = mpsc::channel::<Reply>();
    let archive_dir = &archive.dir().to_path_buf();
    worker::spawn_indexer(archive.dir().to_path_buf(), replies.clone());
    worker::spawn(Worker::new(archive), worker_effects, replies);
    let forward = sender.clone();
    std::thread::spawn(move || {
        for reply in worker_replies {
            if forward.send(Message::Reply(reply)).is_err() {
                return;
            }
        }
    });
    spawn_input(sender.clone());
    spawn_ticks(sender.clone());
    spawn_signals(sender)?;

    while let Ok(first) = messages.recv() {
        let mut changed = false;
        let mut clear = false;
        // Everything already waiting is handled before one redraw.
        for message in std::iter::once(first).chain(messages.try_iter()) {
            let (new_effects, did_change) = match message {
                Message::Signal => {
                    keep_draft(archive_dir, &app);
                    return Ok(());
                }
                Message::Reply(reply) => {
                    let quiet = matches!(reply, Reply::Quiet);
                    (app.reply(reply), !quiet)
                }
                Message::Tick if app.user.is_some() => (vec![Effect::CheckChanges], false),
                Message::Tick => (Vec::new(), false),
                Message::Terminal(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                    clear |= app.keymap.action(app.screen().mode(), &key)
                        == Some(action::Action::Redraw);
                    app.key(&key)
                }
                Message::Terminal(Event::Paste(text)) => (Vec::new(), app.paste(&text)),
                Message::Terminal(Event::Resize(width, height)) => {
                    (app.resize(width, height), true)
                }
                Message::Terminal(_) => (Vec::new(), false),
            };
            changed |= did_change;
            for effect in new_effects {
                if effects.send(effect).is_err() {
                    return Err(Error::Internal(FileMsg::WorkerStopped.to_string()));
                }
            }
        }
        if app.quit {
            return Ok(());
        }
        if clear {
            guard
                .screen
                .clear()
                .map_err(|e| Error::io(Path::new("terminal"), e))?;
        }
        if changed {
            draw(&mut guard.screen, &app)?;
        }
    }
    Ok(())
}
