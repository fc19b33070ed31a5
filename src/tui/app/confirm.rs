//! Questions asked before what cannot be undone: the status line says what will happen, `y`
//! does it, `n` or Esc leaves things as they were. Leaving the workstation is one of them: Esc
//! and Backspace go back and stop at the top, `q` quits from the top and asks elsewhere, and
//! Ctrl-C asks only when something typed would be lost.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Screen};
use crate::i18n::{ReconcileMsg, S};
use crate::tui::worker::Effect;

/// What `y` will do.
#[derive(Debug, Clone)]
pub enum Confirm {
    /// Leave the workstation (`unsaved`: typed register lines would be lost).
    Quit { unsaved: bool },
    /// Sign a register off as single-track: nothing in it can change afterwards.
    Certify { scope: String },
    /// A decision that writes into the catalogue (the paper's values, a new record).
    Decide(Box<Effect>),
    /// Work asked for once `y` is pressed (an appraisal proposed, approved, rejected).
    Run(Box<Effect>),
}

/// How a quit was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuitKey {
    /// `q`: quits from the top screen, asks on the others.
    Q,
    /// Ctrl-C: quits at once unless something would be lost.
    Interrupt,
}

impl App {
    /// Typed lines of a paper register not yet stored, on any screen.
    fn typed_lines_unsaved(&self) -> bool {
        self.stack.iter().any(|screen| match screen {
            Screen::Reconcile(view) => view.typing.as_ref().is_some_and(|(_, l)| !l.is_empty()),
            _ => false,
        })
    }

    pub(super) fn quit(&mut self, key: QuitKey) -> Vec<Effect> {
        let discard = self.t(S::Discard);
        if let Screen::Form(form) = self.screen_mut()
            && form.dirty
        {
            // Unsaved entry is never dropped without asking.
            form.confirm_discard = true;
            form.quitting = true;
            self.info(discard);
            return Vec::new();
        }
        let unsaved = self.typed_lines_unsaved();
        let at_top = self.stack.len() == 1;
        if !unsaved && (at_top || key == QuitKey::Interrupt) {
            self.quit = true;
        } else {
            self.ask(Confirm::Quit { unsaved });
        }
        Vec::new()
    }

    pub(super) fn ask(&mut self, confirm: Confirm) {
        let question = match &confirm {
            Confirm::Quit { unsaved: false } => self.t(S::AskQuit).to_string(),
            Confirm::Quit { unsaved: true } => self.t(S::AskQuitUnsaved).to_string(),
            Confirm::Certify { scope } => ReconcileMsg::AskCertify {
                scope: scope.clone(),
            }
            .text(self.lang),
            Confirm::Decide(_) | Confirm::Run(_) => String::new(),
        };
        self.ask_with(confirm, question);
    }

    /// Asks, in the words given: what `y` will do.
    pub(super) fn ask_with(&mut self, confirm: Confirm, question: String) {
        self.info(question);
        self.confirm = Some(confirm);
    }

    /// A key while a question is asked: `y` does it, `n` or Esc does not; other keys wait.
    pub(super) fn answer(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let Some(confirm) = self.confirm.take() else {
            return Vec::new();
        };
        match key.code {
            KeyCode::Char('y' | 'Y') => {
                self.status = None;
                self.confirmed(confirm)
            }
            KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                self.status = None;
                Vec::new()
            }
            _ => {
                self.confirm = Some(confirm);
                Vec::new()
            }
        }
    }

    fn confirmed(&mut self, confirm: Confirm) -> Vec<Effect> {
        match confirm {
            Confirm::Quit { .. } => {
                self.quit = true;
                Vec::new()
            }
            Confirm::Certify { scope } => vec![Effect::Certify { scope }],
            Confirm::Decide(decide) => super::reconcile::decide_now(self, *decide),
            Confirm::Run(effect) => vec![*effect],
        }
    }
}
