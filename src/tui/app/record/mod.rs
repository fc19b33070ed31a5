//! One record shown whole: its state, its keys (scroll, edit), the reply that fills it, and (in
//! `view`) how it is laid out.

pub mod view;

use super::form::Form;
use super::screens::{MOVES, moved};
use super::{App, Screen};
use crate::domain::appraisal::{Appraisal, Decision};
use crate::domain::loan::Loan;
use crate::domain::{ArchivalCode, DigitalObject, Record, Revision};
use crate::i18n::S;
use crate::tui::action::Action;
use crate::tui::worker::Effect;

pub struct RecordView {
    pub record: Option<Box<Record>>,
    pub revisions: Vec<Revision>,
    pub loans: Vec<Loan>,
    pub objects: Vec<DigitalObject>,
    /// The appraisals it was on, each with the decision on it.
    pub appraisals: Vec<(Appraisal, Decision)>,
    /// The volume the record is inside, as the user may see it.
    pub volume: Option<String>,
    /// Records of the same subject, 文号 series and 责任者, once found.
    pub related: crate::archive::suggest::Related,
    pub scroll: u16,
}

impl RecordView {
    /// A record screen waiting for its record.
    pub fn loading() -> RecordView {
        RecordView {
            record: None,
            revisions: Vec::new(),
            loans: Vec::new(),
            objects: Vec::new(),
            appraisals: Vec::new(),
            volume: None,
            related: Default::default(),
            scroll: 0,
        }
    }
}

/// The record's actions; None for every other action or screen.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    if !matches!(app.screen(), Screen::Record(_)) {
        return None;
    }
    // Scrolls no further than its last row at the bottom: never into blank space. Laying the
    // record out to count its rows is done only for a move.
    let page = app.list_height() as usize;
    let may_write = app.may_write();
    let stops = match MOVES.contains(&action) {
        true => crate::tui::view::scroll_stops(app),
        false => 0,
    };
    let Screen::Record(view) = app.screen_mut() else {
        return None;
    };
    match action {
        a if MOVES.contains(&a) => view.scroll = moved(view.scroll as usize, stops, a, page) as u16,
        Action::Edit if !may_write => app.error(app.t(S::ReadOnly)),
        Action::Edit => {
            if let Some(record) = &view.record {
                let form = Form::edit(record);
                app.stack.push(Screen::Form(Box::new(form)));
            }
        }
        _ => return None,
    }
    Some(Vec::new())
}

pub fn open_record(app: &mut App, code: ArchivalCode) -> Vec<Effect> {
    app.stack.push(Screen::Record(RecordView::loading()));
    vec![
        Effect::OpenRecord { code: code.clone() },
        Effect::Related { code },
    ]
}

/// The records related to the record shown, if it is still the one asked about.
pub fn related_arrived(
    app: &mut App,
    code: &ArchivalCode,
    related: crate::archive::suggest::Related,
) {
    if let Screen::Record(view) = app.screen_mut()
        && view.record.as_ref().is_none_or(|r| &r.code == code)
    {
        view.related = related;
    }
}

/// What the record screen shows besides the record: its edits, loans, files and appraisals.
pub struct Around {
    pub revisions: Vec<Revision>,
    pub loans: Vec<Loan>,
    pub objects: Vec<DigitalObject>,
    pub appraisals: Vec<(Appraisal, Decision)>,
}

/// The record asked for, with its history, loans and files, to the record screen shown.
pub fn arrived(app: &mut App, record: Box<Record>, around: Around, volume: Option<String>) {
    if let Screen::Record(view) = app.screen_mut() {
        view.record = Some(record);
        view.volume = volume;
        view.revisions = around.revisions;
        view.loans = around.loans;
        view.objects = around.objects;
        view.appraisals = around.appraisals;
    }
}

/// A record that could not be opened (no such code, above the clearance): back to where the
/// clerk was, not a screen left loading.
pub fn failed(app: &mut App) {
    if let Screen::Record(view) = app.screen()
        && view.record.is_none()
        && app.stack.len() > 1
    {
        app.stack.pop();
    }
}
