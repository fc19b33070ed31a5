//! The search screen's state: the query, the hits held (a window of all of them, fetched as the
//! selection moves, so every hit can be reached however many there are), and the hit selected.

pub mod act;
pub mod view;

use crate::archive::search::{Found, SearchResults};
use crate::domain::ArchivalCode;
use crate::domain::query::SearchQuery;
use crate::tui::input::LineInput;
use crate::tui::worker::Effect;

/// Hits fetched at once: a few screens' worth either side of the selection.
pub const WINDOW: usize = 200;

#[derive(Default)]
pub struct Search {
    pub input: LineInput,
    /// The hits held, from hit number `first`, with the total and the counts of the query.
    pub results: Option<SearchResults>,
    pub first: usize,
    /// The filter chip picked with Tab, if any: Enter adds it to the query.
    pub chip: Option<usize>,
    /// Which hit of all, counted from 0.
    pub selected: usize,
    /// The hit to select again when results of the same query arrive afresh.
    pub keep: Option<ArchivalCode>,
    pub by_code: bool,
    /// A new query asked for.
    pub pending: Option<u64>,
    /// Another window of the same query asked for.
    pub paging: Option<u64>,
    /// Hits marked for one action on them all.
    pub marked: std::collections::BTreeSet<ArchivalCode>,
}

/// What the typed query amounts to.
pub enum Asked {
    /// Nothing typed.
    Nothing,
    /// Only punctuation: nothing to search by (rather than every record).
    NoWords,
    Query(String),
}

impl Search {
    pub fn total(&self) -> usize {
        self.results.as_ref().map_or(0, |r| r.total)
    }

    /// Hit number `n` of all, if it is held.
    pub fn hit(&self, n: usize) -> Option<&Found> {
        let results = self.results.as_ref()?;
        results.hits.get(n.checked_sub(self.first)?)
    }

    pub fn selected_hit(&self) -> Option<&Found> {
        self.hit(self.selected)
    }

    pub fn asked(&self) -> Asked {
        let text = self.input.text();
        if text.trim().is_empty() {
            return Asked::Nothing;
        }
        if SearchQuery::parse(text).is_empty() {
            return Asked::NoWords;
        }
        let mut text = text.to_string();
        if self.by_code {
            text.push_str(" sort:code");
        }
        Asked::Query(text)
    }

    /// Selects hit `to` (clamped to the hits there are); asks for the window around it when the
    /// rows a page either side are not all held.
    pub fn select(&mut self, to: usize, page: usize, id: u64) -> Option<Effect> {
        let total = self.total();
        self.selected = to.min(total.saturating_sub(1));
        let held = self.results.as_ref().map_or(0, |r| r.hits.len());
        let wanted = self.selected.saturating_sub(page)..(self.selected + page + 1).min(total);
        if self.paging.is_some() || (wanted.start >= self.first && wanted.end <= self.first + held)
        {
            return None;
        }
        let Asked::Query(text) = self.asked() else {
            return None;
        };
        self.paging = Some(id);
        Some(Effect::Search {
            id,
            text,
            offset: self.selected.saturating_sub(WINDOW / 2),
            limit: WINDOW,
            counts: false,
        })
    }

    /// Results arrived: a new query's (all replaced) or another window of this one's (hits and
    /// total replaced, the counts kept). May ask for the window the selection has since moved to.
    pub fn arrived(
        &mut self,
        id: u64,
        offset: usize,
        results: SearchResults,
        page: usize,
        next: u64,
    ) -> Option<Effect> {
        if self.pending == Some(id) {
            self.pending = None;
            self.paging = None;
            self.first = offset;
            // Shown afresh: the same hit stays selected if it is still among those held.
            // If it has gone, the selection stays where it was (a new query has no hit to keep).
            self.selected = match self.keep.take() {
                Some(code) => results
                    .hits
                    .iter()
                    .position(|h| h.record.code == code)
                    .map_or(self.selected, |at| offset + at),
                None => offset,
            };
            self.results = Some(results);
        } else if self.paging == Some(id) {
            self.paging = None;
            self.first = offset;
            if let Some(held) = &mut self.results {
                held.hits = results.hits;
                held.total = results.total;
            }
        } else {
            return None;
        }
        self.select(self.selected, page, next)
    }
}
