//! The audit screen (auditors and administrators): the latest entries of the trail, newest
//! first, as the user's clearance lets them see it; the selected entry whole under the list, and
//! Enter opens the record an entry names.

pub mod view;

use super::record::open_record;
use super::screens::{MOVES, moved};
use super::{App, Screen};
use crate::domain::audit::AuditEntry;
use crate::domain::{ArchivalCode, Permission};
use crate::tui::action::Action;
use crate::tui::worker::Effect;

/// Entries the screen holds: the latest.
pub const SHOWN: u64 = 1_000;

pub struct AuditView {
    pub entries: Vec<AuditEntry>,
    pub selected: usize,
    pub loaded: bool,
}

/// The audit actions; None for every other action, which the screens handle.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = app.list_height() as usize;
    match (app.screen_mut(), action) {
        (Screen::Audit(_), Action::Audit) => Some(Vec::new()),
        (_, Action::Audit) => {
            app.user.as_ref()?;
            if app.refused(Permission::ReadAudit) {
                return Some(Vec::new());
            }
            app.stack.push(Screen::Audit(AuditView {
                entries: Vec::new(),
                selected: 0,
                loaded: false,
            }));
            Some(vec![Effect::LoadAudit])
        }
        (Screen::Audit(view), a) if MOVES.contains(&a) => {
            view.selected = moved(view.selected, view.entries.len(), a, page);
            Some(Vec::new())
        }
        (Screen::Audit(view), Action::Open) => {
            let code = view
                .entries
                .get(view.selected)
                .and_then(|e| e.object.parse::<ArchivalCode>().ok())?;
            Some(open_record(app, code))
        }
        _ => None,
    }
}

pub fn arrived(app: &mut App, entries: Vec<AuditEntry>) {
    for screen in &mut app.stack {
        if let Screen::Audit(view) = screen {
            view.selected = view.selected.min(entries.len().saturating_sub(1));
            view.entries = entries.clone();
            view.loaded = true;
        }
    }
}
