//! The terminal, entered and always left: on return, on panic, and on SIGTERM or SIGHUP (a dropped
//! SSH link), the screen, raw mode and the cursor are restored.

use std::io::{Stdout, Write, stdout};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;

pub use super::backend::Backend;

pub type Screen = Terminal<Backend<Stdout>>;

/// Leaves the terminal as it was found. Safe to call twice (a panic during teardown).
pub fn restore() {
    let mut out = stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

pub struct TerminalGuard {
    pub screen: Screen,
}

impl TerminalGuard {
    pub fn enter() -> std::io::Result<TerminalGuard> {
        // Restore before the panic message is printed, so that it is readable.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        enable_raw_mode()?;
        let mut out = stdout();
        if let Err(e) = execute!(out, EnterAlternateScreen, EnableBracketedPaste) {
            restore();
            return Err(e);
        }
        let screen = Terminal::new(Backend::new(out))?;
        Ok(TerminalGuard { screen })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}
