//! Browsing: the fonds, a fonds' years, and the records of a fonds and year — their state, keys,
//! the replies that fill them, and (in `view`) how they are drawn.

pub mod list;
pub mod view;
pub mod volumes;
pub mod volumes_view;

use super::form::{Form, Start};
use super::record::open_record;
use super::screens::{MOVES, moved};
use super::{App, Prompt, PromptKind, Screen};
use crate::domain::volume::VolumeNo;
use crate::domain::{CodeScheme, Fonds, RecordQuery};
use crate::i18n::S;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::Effect;
use list::RecordList;

#[derive(Debug, Clone)]
pub struct Menu<T> {
    pub rows: Vec<T>,
    pub selected: usize,
    pub loaded: bool,
}

// Not derived: that would ask `T: Default`.
impl<T> Default for Menu<T> {
    fn default() -> Menu<T> {
        Menu {
            rows: Vec::new(),
            selected: 0,
            loaded: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Years {
    pub fonds: Fonds,
    pub menu: Menu<(u16, u64)>,
    /// Scopes of this fonds certified single-track: their years show it.
    pub certified: Vec<crate::domain::register::Scope>,
}

/// Whether the status line offers the action here: the menus of fonds and years share the
/// list's keys, but nothing there is lent, marked or exported.
pub fn offers(screen: &Screen, action: Action) -> bool {
    let on_menu = matches!(
        screen,
        Screen::Fonds(_) | Screen::Years(_) | Screen::Catalogues(_) | Screen::Volumes(_)
    );
    // An opened receipt has nothing further to open.
    let receipt_open = matches!(screen, Screen::Receipts(view) if view.open.is_some());
    let for_record_lists = matches!(
        action,
        Action::Lend | Action::Return | Action::Mark | Action::Export
    );
    if let Screen::Appraise(view) = screen {
        return super::appraise::offers(view, action);
    }
    if action == Action::TakeSuggestion {
        return matches!(screen, Screen::Form(form) if form.has_suggestion());
    }
    !(on_menu && for_record_lists || receipt_open && action == Action::Open)
}

fn browsing(screen: &Screen) -> bool {
    matches!(
        screen,
        Screen::Fonds(_)
            | Screen::Years(_)
            | Screen::Catalogues(_)
            | Screen::Volumes(_)
            | Screen::Records(_)
    )
}

/// The browsing actions; None for every other action or screen.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    if !browsing(app.screen()) {
        return None;
    }
    let height = app.list_height();
    let page = height as usize;
    let id = app.id();
    let may_write = app.may_write();
    match (app.screen_mut(), action) {
        (Screen::Fonds(menu), a) if MOVES.contains(&a) => {
            // Row 0 is "all fonds".
            menu.selected = moved(menu.selected, menu.rows.len() + 1, a, page);
        }
        (Screen::Years(years), a) if MOVES.contains(&a) => {
            years.menu.selected = moved(years.menu.selected, years.menu.rows.len() + 1, a, page);
        }
        (Screen::Catalogues(c), a) if MOVES.contains(&a) => {
            c.menu.selected = moved(c.menu.selected, c.menu.rows.len(), a, page);
        }
        (Screen::Volumes(v), a) if MOVES.contains(&a) => {
            v.menu.selected = moved(v.menu.selected, v.menu.rows.len(), a, page);
        }
        (Screen::Catalogues(_) | Screen::Volumes(_), Action::Open) => {
            return Some(volumes::open(app));
        }
        (Screen::Records(list), Action::End) => {
            return Some(list.to_end(height, id).into_iter().collect());
        }
        (Screen::Records(list), a) if MOVES.contains(&a) => {
            let step = match a {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -(height as i64),
                Action::PageDown => height as i64,
                _ => i64::MIN / 2,
            };
            let to = list.selected as i64 + step;
            return Some(list.select(to, height, id).into_iter().collect());
        }
        (Screen::Fonds(menu), Action::Open) => {
            // Row 0 is "all fonds".
            if menu.selected == 0 {
                let all = app.t(S::AllFonds).to_string();
                return Some(open_list(app, all, RecordQuery::default()));
            }
            let Some(fonds) = menu.rows.get(menu.selected - 1).cloned() else {
                return Some(Vec::new());
            };
            if fonds.scheme == CodeScheme::Volume {
                return Some(volumes::open_fonds(app, fonds));
            }
            let effect = Effect::LoadYears {
                fonds: fonds.code.clone(),
            };
            app.stack.push(Screen::Years(Years {
                fonds,
                menu: Menu::default(),
                certified: Vec::new(),
            }));
            return Some(vec![effect]);
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
            return Some(open_list(app, caption, filter));
        }
        (Screen::Records(list), Action::Open) => {
            if let Some(record) = list.selected_record() {
                let code = record.code.clone();
                return Some(open_record(app, code));
            }
        }
        (_, Action::Jump) => {
            app.prompt = Some(Prompt {
                kind: PromptKind::Jump,
                input: LineInput::default(),
                target: None,
            })
        }
        (_, Action::NewRecord | Action::QuickEntry) => {
            if !may_write {
                app.error(app.t(S::ReadOnly));
                return Some(Vec::new());
            }
            let (fonds, year, volume) = browsing_at(app);
            let fonds = fonds.map(|code| {
                let scheme = scheme_of(app, &code);
                (code, scheme)
            });
            let start = Start {
                fonds: fonds
                    .as_ref()
                    .map(|(code, scheme)| (code.as_str(), *scheme)),
                year,
                volume: volume.as_ref(),
            };
            let form = Form::new_record(action == Action::QuickEntry, start);
            app.stack.push(Screen::Form(Box::new(form)));
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// The fonds and year, or volume, being browsed, for a new record's code.
fn browsing_at(app: &App) -> (Option<String>, Option<u16>, Option<VolumeNo>) {
    for screen in app.stack.iter().rev() {
        match screen {
            Screen::Records(list) => {
                let f = &list.filter;
                return (f.fonds.clone(), f.year, f.volume.clone());
            }
            Screen::Years(years) => return (Some(years.fonds.code.clone()), None, None),
            Screen::Volumes(v) => {
                let selected = v.menu.rows.get(v.menu.selected);
                let volume = selected.map(|volume| volume.code.no.clone());
                return (Some(v.fonds.code.clone()), None, volume);
            }
            Screen::Catalogues(c) => return (Some(c.fonds.code.clone()), None, None),
            _ => {}
        }
    }
    (None, None, None)
}

/// The scheme of a fonds' codes, as the fonds menu has it.
fn scheme_of(app: &App, fonds: &str) -> CodeScheme {
    app.stack
        .iter()
        .find_map(|screen| match screen {
            Screen::Fonds(menu) => menu.rows.iter().find(|f| f.code == fonds),
            _ => None,
        })
        .map(|f| f.scheme)
        .unwrap_or_default()
}

fn open_list(app: &mut App, caption: String, filter: RecordQuery) -> Vec<Effect> {
    let id = app.id();
    let mut list = RecordList::new(caption, filter);
    let effect = list.open(id);
    app.stack.push(Screen::Records(list));
    vec![effect]
}

/// The fonds and their counts, to every fonds menu in the stack.
pub fn fonds_arrived(app: &mut App, rows: Vec<Fonds>) {
    for screen in &mut app.stack {
        if let Screen::Fonds(menu) = screen {
            menu.rows = rows.clone();
            menu.loaded = true;
        }
    }
}

/// A fonds' years, to the screen that asked, even if the clerk has gone on past it: it must not
/// be left loading when shown again.
pub fn years_arrived(
    app: &mut App,
    fonds: &str,
    years: Vec<(u16, u64)>,
    certified: Vec<crate::domain::register::Scope>,
) {
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

/// A window of records, to the list that asked, wherever it is now: one left below is not left
/// loading.
pub fn window_arrived(
    app: &mut App,
    id: u64,
    records: Vec<crate::domain::Record>,
    position: u64,
    total: Option<u64>,
) -> Vec<Effect> {
    let height = app.list_height();
    let next = app.id();
    let top = app.stack.len() - 1;
    let asked = app
        .stack
        .iter_mut()
        .enumerate()
        .find_map(|(depth, screen)| match screen {
            Screen::Records(list) if list.awaits(id) => Some((depth, list)),
            _ => None,
        });
    if let Some((depth, list)) = asked
        && list.receive(id, records, position, total)
        && depth == top
    {
        // The rows on screen may need more than arrived (a jump near the end).
        return list
            .select(list.selected as i64, height, next)
            .into_iter()
            .collect();
    }
    Vec::new()
}
