//! The receipts screen (接收登记): the transfer register, newest first, as far as the user's
//! clearance lets them see it; Enter opens a transfer's receipt (回执) with the records it
//! brought, or every reason it was refused, in the user's language.

pub mod view;

use super::screens::{MOVES, moved};
use super::{App, Screen};
use crate::archive::receive::{Receipt, SourceStats};
use crate::domain::Permission;
use crate::domain::transfer::Transfer;
use crate::tui::action::Action;
use crate::tui::worker::Effect;

pub struct ReceiptsView {
    pub transfers: Vec<Transfer>,
    pub selected: usize,
    pub loaded: bool,
    /// The receipt opened, scrolled by this many rows.
    pub open: Option<(Receipt, u16)>,
    /// The figures (Tab): per department and per account that offered packages, when shown.
    pub figures: Option<Figures>,
}

/// The register's figures: the archiving success rate per department and per calling system.
pub struct Figures {
    pub by_department: Vec<SourceStats>,
    pub by_account: Vec<SourceStats>,
}

/// The receipts actions; None for every other action, which the screens handle.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = app.list_height() as usize;
    let stops = view::receipt_rows(app).saturating_sub(page) + 1;
    match (app.screen_mut(), action) {
        (Screen::Receipts(_), Action::Receipts) => Some(Vec::new()),
        (_, Action::Receipts) => {
            app.user.as_ref()?;
            if app.refused(Permission::ImportRecords) {
                return Some(Vec::new());
            }
            app.stack.push(Screen::Receipts(Box::new(ReceiptsView {
                transfers: Vec::new(),
                selected: 0,
                loaded: false,
                open: None,
                figures: None,
            })));
            Some(vec![Effect::LoadTransfers])
        }
        (Screen::Receipts(view), Action::Back) if view.open.is_some() => {
            view.open = None;
            Some(Vec::new())
        }
        (Screen::Receipts(view), Action::Back) if view.figures.is_some() => {
            view.figures = None;
            Some(Vec::new())
        }
        (Screen::Receipts(view), Action::NextTab) => {
            view.open = None;
            if view.figures.take().is_some() {
                return Some(Vec::new());
            }
            Some(vec![Effect::LoadTransferFigures])
        }
        (Screen::Receipts(view), a) if MOVES.contains(&a) => {
            match &mut view.open {
                Some((_, scroll)) => *scroll = moved(usize::from(*scroll), stops, a, page) as u16,
                None => view.selected = moved(view.selected, view.transfers.len(), a, page),
            }
            Some(Vec::new())
        }
        (Screen::Receipts(view), Action::Open) if view.open.is_none() => {
            let id = view.transfers.get(view.selected)?.id;
            Some(vec![Effect::LoadReceipt { id }])
        }
        _ => None,
    }
}

pub fn transfers_arrived(app: &mut App, transfers: Vec<Transfer>) {
    for screen in &mut app.stack {
        if let Screen::Receipts(view) = screen {
            view.selected = view.selected.min(transfers.len().saturating_sub(1));
            view.transfers = transfers.clone();
            view.loaded = true;
        }
    }
}

pub fn figures_arrived(app: &mut App, figures: Figures) {
    if let Screen::Receipts(view) = app.screen_mut() {
        view.figures = Some(figures);
    }
}

pub fn receipt_arrived(app: &mut App, receipt: Receipt) {
    if let Screen::Receipts(view) = app.screen_mut() {
        view.open = Some((receipt, 0));
    }
}
