//! What each action does on each screen, and where each reply goes.

use crossterm::event::{KeyCode, KeyEvent};

use super::form::{Form, FormKind};
use super::list::RecordList;
use super::{App, Menu, Prompt, PromptKind, RecordView, Screen, Years};
use crate::domain::ArchivalCode;
use crate::domain::Fonds;
use crate::domain::RecordQuery;
use crate::i18n::S;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::Effect;

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
    // blank space. Laying the record out to count its rows is done only for a move there.
    let scrolls = matches!(app.screen(), Screen::Record(_) | Screen::Help(..));
    let scroll_rows = match scrolls && MOVES.contains(&action) {
        true => crate::tui::view::scroll_stops(app),
        false => 0,
    };
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
