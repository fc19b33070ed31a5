//! The stocktake screen (清点检查): the stretch of shelving walked, then one code a line as a
//! barcode scanner types it (a code and Enter, every 0.3 s or faster: each scan only adds a line
//! here, nothing goes to the archive until the clerk finishes with Ctrl-S); then what was
//! missing, misplaced and unknown.

pub mod view;

use super::screens::{MOVES, moved};
use super::{App, Screen};
use crate::domain::Permission;
use crate::domain::boxing::Stocktake;
use crate::i18n::S;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::Effect;

#[derive(Default)]
pub struct StocktakeView {
    /// The stretch walked, once given; until then the input is the stretch.
    pub stretch: Option<String>,
    pub input: LineInput,
    pub scanned: Vec<String>,
    pub result: Option<Stocktake>,
    pub busy: bool,
    /// Esc was pressed once with scans not yet compared: a second Esc drops them.
    pub leaving: bool,
    /// Rows of the result scrolled past.
    pub scroll: usize,
}

/// Rows the result takes: the summary and a row for each box or code it names.
fn result_rows(result: &Stocktake) -> usize {
    1 + result.missing.len() + result.misplaced.len() + result.unknown.len()
}

/// The stocktake actions; None for every other action or screen.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    if action == Action::Stocktake {
        return Some(open(app));
    }
    let page = app.list_height() as usize;
    let Screen::Stocktake(view) = app.screen_mut() else {
        return None;
    };
    let leaving = std::mem::take(&mut view.leaving);
    match action {
        a if MOVES.contains(&a) => {
            let rows = view.result.as_ref().map_or(0, result_rows);
            view.scroll = moved(view.scroll, rows.saturating_sub(page) + 1, a, page);
        }
        Action::Open if view.result.is_some() || view.busy => {}
        Action::Open => {
            let typed = view.input.text().trim().to_string();
            view.input = LineInput::default();
            match (&view.stretch, typed.is_empty()) {
                (_, true) => {}
                (None, false) => view.stretch = Some(typed),
                (Some(_), false) => view.scanned.push(typed),
            }
        }
        Action::Save if view.busy || view.result.is_some() => {}
        Action::Save => {
            let Some(stretch) = view.stretch.clone() else {
                app.error(app.t(S::StretchFirst));
                return Some(Vec::new());
            };
            view.busy = true;
            let codes = view.scanned.clone();
            app.info(app.t(S::Comparing));
            return Some(vec![Effect::Stocktake { stretch, codes }]);
        }
        Action::Back if !leaving && view.result.is_none() && !view.scanned.is_empty() => {
            view.leaving = true;
            let count = view.scanned.len();
            app.info(format!(
                "{} {count} {}",
                app.t(S::DropScans),
                app.t(S::DropScansAgain)
            ));
        }
        _ => return None,
    }
    Some(Vec::new())
}

fn open(app: &mut App) -> Vec<Effect> {
    if matches!(app.screen(), Screen::Stocktake(_)) {
        return Vec::new();
    }
    if app.refused(Permission::WriteRecords) {
        return Vec::new();
    }
    app.stack.push(Screen::Stocktake(Box::default()));
    Vec::new()
}

/// What the archive found, to the stocktake screen that asked.
pub fn compared(app: &mut App, result: Stocktake) {
    for screen in &mut app.stack {
        if let Screen::Stocktake(view) = screen
            && view.busy
        {
            view.busy = false;
            view.result = Some(result.clone());
        }
    }
    app.status = None;
}

/// A compare the archive refused: the scans stay, to be compared again.
pub fn failed(app: &mut App) {
    if let Screen::Stocktake(view) = app.screen_mut() {
        view.busy = false;
    }
}
