//! The shelves (b or F5 from browsing): every box and every volume the clerk may see, by where
//! it stands (库房-列-节-层), whether it is out of the stacks and why. `m` (F4) moves the selected
//! one, keeping where it stood; `o` (F7) takes it out of the stacks with the reason, `i` (F8)
//! brings it back — each asked in the status line and audited by the archive.

pub mod view;

use super::screens::{MOVES, moved};
use super::{App, Prompt, PromptKind, Screen};
use crate::domain::Permission;
use crate::i18n::S;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::{Effect, ShelfChange, ShelfRow};

#[derive(Debug, Clone, Default)]
pub struct ShelvesView {
    pub rows: Vec<ShelfRow>,
    pub selected: usize,
    pub loaded: bool,
}

impl ShelvesView {
    fn current(&self) -> Option<&ShelfRow> {
        self.rows.get(self.selected)
    }
}

fn ask(app: &mut App, kind: PromptKind, text: &str) {
    app.prompt = Some(Prompt {
        kind,
        input: LineInput::with_text(text),
        target: None,
    });
}

/// The shelves' actions; None for every other action or screen.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    if action == Action::Shelves {
        if !matches!(app.screen(), Screen::Shelves(_)) {
            app.stack.push(Screen::Shelves(Box::default()));
        }
        return Some(vec![Effect::LoadShelves]);
    }
    let page = app.list_height() as usize;
    if !matches!(app.screen(), Screen::Shelves(_)) {
        return None;
    }
    let changes = matches!(
        action,
        Action::MoveShelved | Action::TakeOut | Action::BringBack
    );
    if changes && app.refused(Permission::WriteRecords) {
        return Some(Vec::new());
    }
    let Screen::Shelves(view) = app.screen_mut() else {
        return None;
    };
    let current = view.current().cloned();
    match action {
        a if MOVES.contains(&a) => {
            view.selected = moved(view.selected, view.rows.len(), a, page);
        }
        Action::MoveShelved => {
            if let Some(row) = current {
                ask(app, PromptKind::MoveTo, &row.location);
            }
        }
        Action::TakeOut | Action::BringBack => match current {
            Some(row) if action == Action::TakeOut && row.out.is_some() => {
                app.error(format!("{} {}", row.code, app.t(S::AlreadyOutHere)))
            }
            Some(row) if action == Action::BringBack && row.out.is_none() => {
                app.error(format!("{} {}", row.code, app.t(S::NotOutHere)))
            }
            Some(_) if action == Action::TakeOut => ask(app, PromptKind::OutReason, ""),
            Some(row) => {
                return Some(vec![Effect::ChangeShelf(ShelfChange::BringBack {
                    code: row.code,
                    is_box: row.is_box,
                })]);
            }
            None => {}
        },
        _ => return None,
    }
    Some(Vec::new())
}

/// A prompt of the shelves answered: where the selected one goes, or why a box goes out.
pub fn prompt_done(app: &mut App, kind: PromptKind, text: &str) -> Vec<Effect> {
    let Screen::Shelves(view) = app.screen() else {
        return Vec::new();
    };
    let Some(row) = view.current().cloned() else {
        return Vec::new();
    };
    let change = match kind {
        PromptKind::MoveTo if text != row.location => ShelfChange::Move {
            code: row.code,
            is_box: row.is_box,
            to: text.to_string(),
        },
        PromptKind::OutReason => ShelfChange::TakeOut {
            code: row.code,
            is_box: row.is_box,
            reason: text.to_string(),
        },
        _ => return Vec::new(),
    };
    vec![Effect::ChangeShelf(change)]
}

/// The shelves as they stand now, the selection kept on the same box or volume.
pub fn arrived(app: &mut App, rows: Vec<ShelfRow>, said: Option<String>) {
    if let Screen::Shelves(view) = app.screen_mut() {
        let keep = view.current().map(|r| r.code.clone());
        view.rows = rows;
        view.loaded = true;
        view.selected = keep
            .and_then(|code| view.rows.iter().position(|r| r.code == code))
            .unwrap_or(0);
    }
    if let Some(said) = said {
        app.info(said);
    }
}
