//! The search screen's keys, the filter chips, and the hits arriving.

use super::{Asked, WINDOW};
use crate::archive::search::SearchResults;
use crate::i18n::RecordMsg;
use crate::tui::action::Action;
use crate::tui::app::record::open_record;
use crate::tui::app::screens::{MOVES, moved};
use crate::tui::app::{App, Screen};
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
pub fn chips(results: &SearchResults) -> Vec<Chip> {
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

/// The search actions, and opening the search from browsing or a record; None for every other.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = app.list_height() as usize;
    let id = app.id();
    match (app.screen_mut(), action) {
        (
            Screen::Fonds(_)
            | Screen::Years(_)
            | Screen::Catalogues(_)
            | Screen::Volumes(_)
            | Screen::Records(_)
            | Screen::Record(_),
            Action::Search,
        ) => app.stack.push(Screen::Search(Box::default())),
        (Screen::Search(search), a) if MOVES.contains(&a) => {
            let to = moved(search.selected, search.total(), a, page);
            return Some(search.select(to, page, id).into_iter().collect());
        }
        (Screen::Search(search), Action::NextChip)
            if let Some(near) = search.results.as_ref().and_then(|r| r.suggestion.clone()) =>
        {
            // Nothing found: Tab takes the query offered instead.
            search.input = LineInput::with_text(&near);
            return Some(app.search_again());
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
                return Some(app.search_again());
            }
        }
        (Screen::Search(search), Action::Open) => {
            if let Some(found) = search.selected_hit() {
                let code = found.record.code.clone();
                return Some(open_record(app, code));
            }
        }
        (Screen::Search(search), Action::Sort) => {
            search.by_code = !search.by_code;
            return Some(app.search_again());
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// Hits from `offset`, to the search screen shown if it asked for them.
pub fn results_arrived(
    app: &mut App,
    id: u64,
    offset: usize,
    results: SearchResults,
) -> Vec<Effect> {
    let (page, next) = (app.list_height() as usize, app.id());
    let Screen::Search(search) = app.screen_mut() else {
        return Vec::new();
    };
    search
        .arrived(id, offset, results, page, next)
        .into_iter()
        .collect()
}

impl App {
    /// What is typed in the search screen shown (not in a prompt over it).
    pub(in crate::tui::app) fn search_text(&self) -> Option<String> {
        match self.screen() {
            Screen::Search(search) if self.prompt.is_none() => {
                Some(search.input.text().to_string())
            }
            _ => None,
        }
    }

    /// Searches again from the first hit: the query changed, or the order.
    pub(in crate::tui::app) fn search_again(&mut self) -> Vec<Effect> {
        self.search_from(0)
    }

    /// Searches for what is typed, the hits held from hit `offset`.
    pub(in crate::tui::app) fn search_from(&mut self, offset: usize) -> Vec<Effect> {
        let id = self.id();
        let nothing_to_search = RecordMsg::NothingToSearch.text(self.lang);
        let Screen::Search(search) = self.screen_mut() else {
            return Vec::new();
        };
        search.pending = None;
        search.paging = None;
        match search.asked() {
            Asked::Query(text) => {
                search.pending = Some(id);
                vec![Effect::Search {
                    id,
                    text,
                    offset,
                    limit: WINDOW,
                    counts: true,
                }]
            }
            asked => {
                search.results = None;
                if let Asked::NoWords = asked {
                    self.info(nothing_to_search);
                }
                Vec::new()
            }
        }
    }
}
