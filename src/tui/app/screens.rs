//! Which screen's module handles an action, the moves every list shares, and going back.

use super::{App, Screen};
use crate::i18n::S;
use crate::tui::action::Action;
use crate::tui::worker::Effect;

/// A move within a menu or list of `len` rows.
pub(super) fn moved(selected: usize, len: usize, action: Action, page: usize) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (selected + page).min(last),
        Action::Home => 0,
        Action::End => last,
        _ => selected,
    }
}

pub(super) const MOVES: [Action; 6] = [
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::Home,
    Action::End,
];

/// Each screen's module in turn takes the action or passes it on; a prompt in the status line
/// takes every action first.
pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    if app.prompt.is_some() {
        return super::loans::prompt(app, action);
    }
    let screens = [
        super::appraise::act,
        super::stats::act,
        super::safekeeping::act,
        super::audit::act,
        super::receipts::act,
        super::stocktake::act,
        super::batch::act,
        super::print::act,
        super::shelves::act,
        super::loans::act,
        super::reconcile::act,
        super::login::act,
        super::browse::act,
        super::search::act::act,
        super::record::act,
        super::form::act::act,
    ];
    for screen in screens {
        if let Some(effects) = screen(app, action) {
            return effects;
        }
    }
    match (app.screen_mut(), action) {
        (Screen::Help(..), a) if MOVES.contains(&a) => {
            // Help scrolls no further than its last row at the bottom.
            let (page, stops) = (
                app.list_height() as usize,
                crate::tui::view::scroll_stops(app),
            );
            if let Screen::Help(_, scroll) = app.screen_mut() {
                *scroll = moved(usize::from(*scroll), stops, a, page) as u16;
            }
        }
        (_, Action::Back) => back(app),
        _ => {}
    }
    Vec::new()
}

/// Esc and Backspace: the screen below, and at the top a word that this is the top.
fn back(app: &mut App) {
    if app.stack.len() > 1 {
        app.stack.pop();
        app.status = None;
    } else if matches!(app.screen(), Screen::Login(_)) {
        // Nothing to go back to before logging in: Esc there leaves.
        app.quit = true;
    } else {
        app.info(app.t(S::AtTop));
    }
}
