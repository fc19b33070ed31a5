//! Screens shown afresh when the archive changes: after this session's own work (an edit, a
//! record entered, a loan, a decision), within seconds after another session's, and on Ctrl-L.
//! The screen shown reloads at once and keeps its selection; the screens under it are marked,
//! and reload when they are shown again. A screen changed under the user also drops the
//! message of the screen before.

use super::{App, Screen};
use crate::tui::worker::Effect;

impl App {
    /// This session changed the archive: the screens under the one shown are out of date.
    pub(super) fn changed_here(&mut self) {
        self.stale_below = self.stale_below.max(self.stack.len().saturating_sub(1));
    }

    /// Another session changed it, or the user asked (Ctrl-L): every screen is out of date.
    pub(super) fn changed_everywhere(&mut self) {
        self.stale_below = self.stack.len();
    }

    /// After a key or a reply: the screen now shown reloads if it is out of date, and a
    /// message left from another screen goes.
    pub(super) fn settle(&mut self, depth: usize, status: Option<super::Status>) -> Vec<Effect> {
        if self.stack.len() != depth && self.status == status {
            self.status = None;
        }
        let top = self.stack.len() - 1;
        if top >= self.stale_below {
            return Vec::new();
        }
        self.stale_below = top;
        self.reload_top()
    }

    /// The shown screen, loaded again, its selection kept.
    fn reload_top(&mut self) -> Vec<Effect> {
        let id = self.id();
        match self.screen_mut() {
            Screen::Fonds(_) => vec![Effect::LoadFonds],
            Screen::Years(years) => vec![Effect::LoadYears {
                fonds: years.fonds.code.clone(),
            }],
            Screen::Catalogues(c) => vec![Effect::LoadCatalogues {
                fonds: c.fonds.code.clone(),
            }],
            Screen::Volumes(v) => vec![Effect::LoadVolumes {
                fonds: v.fonds.code.clone(),
                catalogue: v.catalogue.clone(),
            }],
            Screen::Records(list) => vec![list.refresh(id)],
            Screen::Search(search) => {
                search.keep = search.selected_hit().map(|hit| hit.record.code.clone());
                let first = search.first;
                self.search_from(first)
            }
            Screen::Record(view) => match &view.record {
                Some(record) => vec![Effect::OpenRecord {
                    code: record.code.clone(),
                }],
                None => Vec::new(),
            },
            Screen::Loans(view) => vec![view.load()],
            Screen::Audit(_) => vec![Effect::LoadAudit],
            Screen::Shelves(_) => vec![Effect::LoadShelves],
            Screen::Reconcile(view) if view.typing.is_none() => match &view.scope {
                Some(scope) => vec![Effect::LoadRegister {
                    scope: scope.clone(),
                }],
                None => vec![Effect::LoadScopes],
            },
            _ => Vec::new(),
        }
    }
}
