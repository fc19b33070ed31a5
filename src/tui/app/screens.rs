//! What each action does on each screen, and where each reply goes.

use crossterm::event::{KeyCode, KeyEvent};

use super::form::{Form, FormKind, Slot};
use super::list::RecordList;
use super::{App, Menu, Prompt, PromptKind, RecordView, Screen, Years};
use crate::domain::ArchivalCode;
use crate::domain::Fonds;
use crate::domain::RecordQuery;
use crate::i18n::RecordMsg;
use crate::i18n::S;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::{Effect, Reply};

/// A count on the filter bar: a fonds, a year or a status, and how many hits fall in it.
pub struct Chip {
    pub kind: &'static str,
    pub value: String,
    pub count: u64,
}

impl Chip {
    pub fn filter(&self) -> String {
        format!("{}:{}", self.kind, self.value)
    }
}

/// The three most frequent fonds, years and statuses among the hits.
pub fn chips(results: &crate::archive::search::SearchResults) -> Vec<Chip> {
    let f = &results.facets;
    let mut out = Vec::new();
    for (kind, values) in [
        ("fonds", &f.fonds),
        ("year", &f.year),
        ("status", &f.status),
    ] {
        let mut sorted = values.clone();
        sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.extend(
            sorted
                .into_iter()
                .take(3)
                .map(|(value, count)| Chip { kind, value, count }),
        );
    }
    out
}

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

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    if app.prompt.is_some() {
        return super::loans::prompt(app, action);
    }
    if let Some(effects) = super::audit::act(app, action) {
        return effects;
    }
    if let Some(effects) = super::batch::act(app, action) {
        return effects;
    }
    if let Some(effects) = super::loans::act(app, action) {
        return effects;
    }
    if let Some(effects) = super::reconcile::act(app, action) {
        return effects;
    }
    let page = app.list_height() as usize;
    let height = app.list_height();
    // A record or the help scrolls no further than its last row at the bottom: never into
    // blank space.
    let scroll_rows = crate::tui::view::scroll_stops(app);
    let id = app.id();
    let may_write = app.may_write();
    match (app.screen_mut(), action) {
        (Screen::Login(login), Action::NextField | Action::PrevField) => {
            login.on_password = !login.on_password;
        }
        (Screen::Login(login), Action::Open) => {
            if !login.on_password {
                login.on_password = true;
            } else if !login.busy {
                login.busy = true;
                let effect = Effect::Login {
                    name: login.name.text().trim().to_string(),
                    password: login.password.text().to_string(),
                };
                login.password = LineInput::default();
                app.info(app.t(S::LoggingIn));
                return vec![effect];
            }
        }
        (Screen::Fonds(menu), a) if MOVES.contains(&a) => {
            // Row 0 is "all fonds".
            menu.selected = moved(menu.selected, menu.rows.len() + 1, a, page);
        }
        (Screen::Years(years), a) if MOVES.contains(&a) => {
            years.menu.selected = moved(years.menu.selected, years.menu.rows.len() + 1, a, page);
        }
        (Screen::Records(list), Action::End) => {
            return list.to_end(height, id).into_iter().collect();
        }
        (Screen::Records(list), a) if MOVES.contains(&a) => {
            let step = match a {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -(height as i64),
                Action::PageDown => height as i64,
                _ => i64::MIN / 2,
            };
            return list
                .select(list.selected as i64 + step, height, id)
                .into_iter()
                .collect();
        }
        (Screen::Search(search), a) if MOVES.contains(&a) => {
            let to = moved(search.selected, search.total(), a, page);
            return search.select(to, page, id).into_iter().collect();
        }
        (Screen::Record(view), a) if MOVES.contains(&a) => {
            view.scroll = moved(view.scroll as usize, scroll_rows, a, page) as u16;
        }
        (Screen::Help(_, scroll), a) if MOVES.contains(&a) => {
            *scroll = moved(usize::from(*scroll), scroll_rows, a, page) as u16;
        }
        (Screen::Fonds(menu), Action::Open) => {
            let all = Fonds {
                code: String::new(),
                name: String::new(),
                records: menu.rows.iter().map(|f| f.records).sum(),
            };
            match menu.selected {
                0 => {
                    return open_list(app, app.t(S::AllFonds).to_string(), RecordQuery::default());
                }
                n => {
                    let fonds = menu.rows.get(n - 1).cloned().unwrap_or(all);
                    let effect = Effect::LoadYears {
                        fonds: fonds.code.clone(),
                    };
                    app.stack.push(Screen::Years(Years {
                        fonds,
                        menu: Menu::new(),
                        certified: Vec::new(),
                    }));
                    return vec![effect];
                }
            }
        }
        (Screen::Years(years), Action::Open) => {
            let fonds = years.fonds.code.clone();
            let year = match years.menu.selected {
                0 => None,
                n => years.menu.rows.get(n - 1).map(|(y, _)| *y),
            };
            let caption = match year {
                Some(y) => format!("{fonds} > {y}"),
                None => format!("{fonds} > {}", app.t(S::AllYears)),
            };
            let filter = RecordQuery {
                fonds: Some(fonds),
                year,
                ..RecordQuery::default()
            };
            return open_list(app, caption, filter);
        }
        (Screen::Records(list), Action::Open) => {
            if let Some(record) = list.selected_record() {
                let code = record.code.clone();
                return open_record(app, code);
            }
        }
        (Screen::Search(search), Action::NextChip)
            if let Some(near) = search.results.as_ref().and_then(|r| r.suggestion.clone()) =>
        {
            // Nothing found: Tab takes the query offered instead.
            search.input = LineInput::with_text(&near);
            return app.search_again();
        }
        (Screen::Search(search), Action::NextChip) => {
            let count = search.results.as_ref().map_or(0, |r| chips(r).len());
            search.chip = match search.chip {
                None if count > 0 => Some(0),
                Some(n) if n + 1 < count => Some(n + 1),
                _ => None,
            };
        }
        (Screen::Search(search), Action::Open) if search.chip.is_some() => {
            let picked = search
                .results
                .as_ref()
                .and_then(|r| chips(r).into_iter().nth(search.chip.unwrap_or(0)));
            search.chip = None;
            if let Some(chip) = picked {
                search.input.insert(&format!(" {}", chip.filter()));
                return app.search_again();
            }
        }
        (Screen::Search(search), Action::Open) => {
            if let Some(found) = search.selected_hit() {
                let code = found.record.code.clone();
                return open_record(app, code);
            }
        }
        (Screen::Search(search), Action::Sort) => {
            search.by_code = !search.by_code;
            return app.search_again();
        }
        (Screen::Fonds(_) | Screen::Years(_) | Screen::Records(_), Action::Jump) => {
            app.prompt = Some(Prompt {
                kind: PromptKind::Jump,
                input: LineInput::default(),
                target: None,
            })
        }
        (
            Screen::Fonds(_) | Screen::Years(_) | Screen::Records(_) | Screen::Record(_),
            Action::Search,
        ) => {
            app.stack.push(Screen::Search(Box::default()));
        }
        (
            Screen::Fonds(_) | Screen::Years(_) | Screen::Records(_),
            Action::NewRecord | Action::QuickEntry,
        ) => {
            if !may_write {
                app.error(app.t(S::ReadOnly));
                return Vec::new();
            }
            let (fonds, year) = browsing_at(app);
            let form = Form::new_record(action == Action::QuickEntry, fonds.as_deref(), year);
            app.stack.push(Screen::Form(Box::new(form)));
        }
        (Screen::Record(view), Action::Edit) => {
            if !may_write {
                app.error(app.t(S::ReadOnly));
                return Vec::new();
            }
            if let Some(record) = &view.record {
                let form = Form::edit(record);
                app.stack.push(Screen::Form(Box::new(form)));
            }
        }
        (Screen::Form(form), Action::NextChoice) => form.step_offer(1),
        (Screen::Form(form), Action::PrevChoice) => form.step_offer(-1),
        (Screen::Form(form), Action::KeepField) if form.kind == FormKind::New { quick: true } => {
            form.toggle_kept()
        }
        (Screen::Form(form), Action::NextField) => form.move_focus(1),
        (Screen::Form(form), Action::PrevField) => form.move_focus(-1),
        (Screen::Form(form), Action::Save) => {
            if form.saving {
                return Vec::new();
            }
            match form.save() {
                Some(effect) => return vec![effect],
                None => app.error(app.t(S::Fix)),
            }
        }
        (Screen::Form(form), Action::Back) if form.dirty => {
            form.confirm_discard = true;
            app.info(app.t(S::Discard));
        }
        (_, Action::Back) => {
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
        _ => {}
    }
    Vec::new()
}

/// The fonds and year being browsed, for a new record's code.
fn browsing_at(app: &App) -> (Option<String>, Option<u16>) {
    for screen in app.stack.iter().rev() {
        match screen {
            Screen::Records(list) => return (list.filter.fonds.clone(), list.filter.year),
            Screen::Years(years) => return (Some(years.fonds.code.clone()), None),
            _ => {}
        }
    }
    (None, None)
}

fn open_list(app: &mut App, caption: String, filter: RecordQuery) -> Vec<Effect> {
    let id = app.id();
    let mut list = RecordList::new(caption, filter);
    let effect = list.open(id);
    app.stack.push(Screen::Records(list));
    vec![effect]
}

pub(super) fn open_record(app: &mut App, code: ArchivalCode) -> Vec<Effect> {
    app.stack.push(Screen::Record(RecordView::loading()));
    vec![Effect::OpenRecord { code }]
}

pub fn confirm_discard(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let Screen::Form(form) = app.screen_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Char('y' | 'Y') => {
            app.quit = form.quitting;
            app.stack.pop();
            app.status = None;
        }
        KeyCode::Char('n' | 'N') | KeyCode::Esc => {
            form.confirm_discard = false;
            form.quitting = false;
            app.status = None;
        }
        _ => {}
    }
    Vec::new()
}

pub fn reply(app: &mut App, reply: Reply) -> Vec<Effect> {
    match reply {
        Reply::Quiet | Reply::ChangedElsewhere => {}
        Reply::LoggedIn(user) => {
            app.user = Some(user);
            app.status = None;
            app.stack = vec![Screen::Fonds(Menu::new())];
            return vec![Effect::LoadFonds, Effect::TakeDraft];
        }
        Reply::LoginFailed(error) => {
            let message = error.text(app.lang);
            if let Screen::Login(login) = app.screen_mut() {
                login.busy = false;
            }
            // A record that could not be opened (no such code, above the clearance): back to
            // where the clerk was, not a screen left loading.
            if let Screen::Record(view) = app.screen()
                && view.record.is_none()
                && app.stack.len() > 1
            {
                app.stack.pop();
            }
            app.error(message);
        }
        Reply::Fonds(rows) => {
            for screen in &mut app.stack {
                if let Screen::Fonds(menu) = screen {
                    menu.rows = rows.clone();
                    menu.loaded = true;
                }
            }
        }
        Reply::Years {
            fonds,
            years,
            certified,
        } => {
            // To the screen that asked, even if the clerk has gone on past it: it must not be
            // left loading when shown again.
            for screen in &mut app.stack {
                if let Screen::Years(y) = screen
                    && y.fonds.code == fonds
                {
                    y.certified = certified.clone();
                    y.menu.rows = years.clone();
                    y.menu.loaded = true;
                }
            }
        }
        Reply::Window {
            id,
            records,
            position,
            total,
        } => {
            let height = app.list_height();
            let next = app.id();
            let top = app.stack.len() - 1;
            // The list that asked, wherever it is now: one left below is not left loading.
            for (depth, screen) in app.stack.iter_mut().enumerate() {
                if let Screen::Records(list) = screen
                    && list.receive(id, records.clone(), position, total)
                    && depth == top
                {
                    // The rows on screen may need more than arrived (a jump near the end).
                    return list
                        .select(list.selected as i64, height, next)
                        .into_iter()
                        .collect();
                }
            }
        }
        Reply::Results {
            id,
            offset,
            results,
        } => {
            let (page, next) = (app.list_height() as usize, app.id());
            if let Screen::Search(search) = app.screen_mut() {
                return search
                    .arrived(id, offset, results, page, next)
                    .into_iter()
                    .collect();
            }
        }
        Reply::Record {
            record,
            revisions,
            loans,
            objects,
        } => {
            if let Screen::Record(view) = app.screen_mut() {
                view.record = Some(record);
                view.revisions = revisions;
                view.loans = loans;
                view.objects = objects;
            }
        }
        Reply::Audit(entries) => super::audit::arrived(app, entries),
        Reply::Borrowers(borrowers) => {
            if let Screen::Form(form) = app.screen_mut() {
                form.borrowers = borrowers;
            }
        }
        Reply::Loans { tab, today, loans } => super::loans::arrived(app, tab, today, loans),
        Reply::Scopes(scopes) => return super::reconcile::scopes_arrived(app, scopes),
        Reply::Register {
            status,
            lines,
            certified,
        } => super::reconcile::register_arrived(app, status, lines, certified),
        Reply::LineDecided { status, line } => super::reconcile::line_decided(app, status, *line),
        Reply::LoanDone {
            code,
            borrower,
            event,
        } => return super::loans::done(app, &code, &borrower, event),
        Reply::Saved {
            record,
            quick,
            changed,
        } => return saved(app, *record, quick, changed),
        Reply::Indexing(percent) => app.indexing = Some(percent),
        Reply::Indexed => app.indexing = None,
        Reply::Conflict(conflict) => conflicted(app, &conflict),
        Reply::Draft(None) => {}
        Reply::Draft(Some(draft)) => match draft.to_form() {
            Some(form) => {
                app.stack.push(Screen::Form(Box::new(form)));
                app.info(format!("{} {}", app.t(S::DraftRestored), draft.saved_at));
            }
            None => app.error(app.t(S::DraftUnusable)),
        },
        Reply::Batch {
            event,
            done,
            failed,
        } => super::batch::done(app, event, done, failed),
        Reply::Written { path, count } => {
            let said = format!(
                "{} {} ({count} {})",
                app.t(S::Written),
                path.display(),
                app.t(S::Pieces)
            );
            app.info(said);
        }
        Reply::Error(error) => {
            let message = error.text(app.lang);
            if let Screen::Form(form) = app.screen_mut() {
                form.saving = false;
            }
            if let Screen::Login(login) = app.screen_mut() {
                login.busy = false;
            }
            // A record that could not be opened (no such code, above the clearance): back to
            // where the clerk was, not a screen left loading.
            if let Screen::Record(view) = app.screen()
                && view.record.is_none()
                && app.stack.len() > 1
            {
                app.stack.pop();
            }
            app.error(message);
        }
    }
    Vec::new()
}

/// Another session saved the record while this form was open: nothing was saved. The form keeps
/// the clerk's values with the other session's beside each field where they disagree; it now
/// stands on their version, so a second Ctrl-S saves these values over theirs, knowingly.
fn conflicted(app: &mut App, conflict: &crate::archive::records::EditConflict) {
    let message = format!(
        "{} {} v{} {} {}",
        conflict.code,
        app.t(S::ChangedMeanwhile),
        conflict.current,
        conflict.by,
        app.t(S::SaveOverTheirs)
    );
    if let Screen::Form(form) = app.screen_mut() {
        form.saving = false;
        if let FormKind::Edit { version, .. } = &mut form.kind {
            *version = conflict.current;
        }
        for (field, _, value) in &conflict.fields {
            if let Some(slot) = form
                .slots
                .iter_mut()
                .find(|(slot, _, _)| *slot == Slot::Data(*field))
            {
                let value = value.clone();
                slot.2 = Some(RecordMsg::Theirs { value }.into());
            }
        }
    }
    app.error(message);
}

fn saved(app: &mut App, record: crate::domain::Record, quick: bool, changed: usize) -> Vec<Effect> {
    let code = record.code.to_string();
    let message = if changed == 0 {
        app.t(S::NoChange).to_string()
    } else if quick {
        format!("{code} {}", app.t(S::SavedNext))
    } else {
        format!("{} {code}", app.t(S::Saved))
    };
    app.info(message);
    let Screen::Form(form) = app.screen_mut() else {
        return Vec::new();
    };
    if quick {
        form.next_of(&record);
        return vec![Effect::LoadFonds];
    }
    let edited = matches!(form.kind, FormKind::Edit { .. });
    app.stack.pop();
    if edited {
        // Back on the record: show it again, with the revision the edit made.
        if let Screen::Record(view) = app.screen_mut() {
            view.record = None;
        }
    } else {
        app.stack.push(Screen::Record(RecordView::loading()));
    }
    vec![
        Effect::OpenRecord {
            code: record.code.clone(),
        },
        Effect::LoadFonds,
    ]
}
