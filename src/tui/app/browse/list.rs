//! The record list: a window over a list of any length. Rows are fetched by keyset around what is
//! on screen and kept in a bounded buffer, so a million records scroll as fast as a hundred.

use crate::domain::Anchor;
use crate::domain::RecordQuery;
use crate::domain::{ArchivalCode, Record};
use crate::tui::worker::Effect;

/// Rows fetched at a time, and the most kept.
const FETCH: u64 = 200;
const KEEP: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    Replace,
    /// Replace, and select the first row that arrives.
    Jump,
    /// Replace around the selected record, which stays selected `offset` rows below the top.
    Refresh {
        offset: u64,
    },
    Append,
    Prepend,
}

#[derive(Debug, Clone)]
pub struct RecordList {
    /// What the list is of, for the title bar: `J001 > 2019`.
    pub caption: String,
    pub filter: RecordQuery,
    pub total: Option<u64>,
    buffer: Vec<Record>,
    buffer_start: u64,
    pub selected: u64,
    pub top: u64,
    pending: Option<(u64, Fill)>,
    /// Rows marked for one action on them all.
    pub marked: std::collections::BTreeSet<ArchivalCode>,
}

impl RecordList {
    pub fn new(caption: String, filter: RecordQuery) -> RecordList {
        RecordList {
            caption,
            filter,
            total: None,
            buffer: Vec::new(),
            buffer_start: 0,
            selected: 0,
            top: 0,
            pending: None,
            marked: Default::default(),
        }
    }

    /// The first request: the start of the list, with its length.
    pub fn open(&mut self, id: u64) -> Effect {
        self.request(id, Anchor::First, Some(0), Fill::Replace, true)
    }

    fn request(
        &mut self,
        id: u64,
        anchor: Anchor,
        position: Option<u64>,
        fill: Fill,
        with_total: bool,
    ) -> Effect {
        self.pending = Some((id, fill));
        Effect::LoadWindow {
            id,
            filter: self.filter.clone(),
            anchor,
            limit: FETCH,
            position,
            with_total,
        }
    }

    pub fn row(&self, index: u64) -> Option<&Record> {
        let offset = index.checked_sub(self.buffer_start)?;
        self.buffer.get(usize::try_from(offset).ok()?)
    }

    pub fn selected_record(&self) -> Option<&Record> {
        self.row(self.selected)
    }

    pub fn is_loading(&self) -> bool {
        self.pending.is_some()
    }

    /// Whether the rows of request `id` are what this list waits for.
    pub fn awaits(&self, id: u64) -> bool {
        self.pending.is_some_and(|(pending, _)| pending == id)
    }

    /// Moves the selection to `target` (clamped) and scrolls so that it is visible in `height`
    /// rows; returns the fetch needed to show those rows, if any.
    pub fn select(&mut self, target: i64, height: u64, id: u64) -> Option<Effect> {
        let total = self.total?;
        if total == 0 {
            return None;
        }
        let last = total - 1;
        self.selected = u64::try_from(target.max(0)).unwrap_or(0).min(last);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + height {
            self.top = self.selected + 1 - height;
        }
        // The page stays full: near the end (after a jump), the rows before fill it.
        self.top = self.top.min(total.saturating_sub(height));
        self.fetch_for_view(height, id)
    }

    pub fn to_end(&mut self, height: u64, id: u64) -> Option<Effect> {
        let total = self.total?;
        self.selected = total.saturating_sub(1);
        self.top = total.saturating_sub(height);
        if self.covers(self.top, total) {
            return None;
        }
        let position = total.saturating_sub(FETCH);
        Some(self.request(id, Anchor::Last, Some(position), Fill::Replace, false))
    }

    /// The list loaded again (its rows and its length may have changed), the selected record
    /// kept where it is on screen.
    pub fn refresh(&mut self, id: u64) -> Effect {
        let offset = self.selected.saturating_sub(self.top);
        match self.selected_record().map(|r| r.code.clone()) {
            Some(code) => {
                let fill = Fill::Refresh { offset };
                self.request(id, Anchor::AtOrAfter(code), None, fill, true)
            }
            None => self.open(id),
        }
    }

    /// Whether a record of this code would be in the list (its fonds and year, or its volume).
    /// An item inside a volume is placed only in the list of its volume: a typed code does not
    /// know the volume's year.
    pub fn holds(&self, code: &ArchivalCode) -> bool {
        let g = &code.group;
        self.filter.fonds.as_ref().is_none_or(|f| *f == g.fonds)
            && self.filter.volume == g.volume
            && (g.volume.is_some() || self.filter.year.is_none_or(|y| y == g.year))
    }

    pub fn jump(&mut self, code: ArchivalCode, id: u64) -> Effect {
        self.request(id, Anchor::AtOrAfter(code), None, Fill::Jump, true)
    }

    fn buffer_end(&self) -> u64 {
        self.buffer_start + self.buffer.len() as u64
    }

    fn covers(&self, from: u64, to: u64) -> bool {
        from >= self.buffer_start && to <= self.buffer_end()
    }

    fn fetch_for_view(&mut self, height: u64, id: u64) -> Option<Effect> {
        if self.pending.is_some() {
            return None;
        }
        let total = self.total?;
        let want_end = (self.top + height * 2).min(total);
        let want_start = self.top.saturating_sub(height);
        if self.covers(want_start, want_end) {
            return None;
        }
        let far = self.top + height < self.buffer_start || self.top > self.buffer_end() + FETCH;
        if self.buffer.is_empty() || far {
            // A long way from what is held: start afresh near the top row.
            let anchor = match self.row(self.top) {
                Some(record) => Anchor::AtOrAfter(record.code.clone()),
                None if self.top == 0 => Anchor::First,
                None => return self.refetch_at(self.top, id),
            };
            return Some(self.request(id, anchor, Some(self.top), Fill::Replace, false));
        }
        if want_end > self.buffer_end() {
            let last = self.buffer.last()?.code.clone();
            let position = self.buffer_end();
            Some(self.request(id, Anchor::After(last), Some(position), Fill::Append, false))
        } else {
            let first = self.buffer.first()?.code.clone();
            let position = self.buffer_start.saturating_sub(FETCH);
            Some(self.request(
                id,
                Anchor::Before(first),
                Some(position),
                Fill::Prepend,
                false,
            ))
        }
    }

    /// Rows far from the buffer: fetched from the nearer end of the whole list.
    fn refetch_at(&mut self, top: u64, id: u64) -> Option<Effect> {
        let total = self.total?;
        if top < total / 2 {
            self.top = 0;
            self.selected = 0;
            Some(self.request(id, Anchor::First, Some(0), Fill::Replace, false))
        } else {
            self.to_end(1, id)
        }
    }

    /// A window arrived. False if it answers a request no longer wanted.
    pub fn receive(
        &mut self,
        id: u64,
        records: Vec<Record>,
        position: u64,
        total: Option<u64>,
    ) -> bool {
        let Some((pending, fill)) = self.pending else {
            return false;
        };
        if pending != id {
            return false;
        }
        self.pending = None;
        if let Some(total) = total {
            self.total = Some(total);
        }
        match fill {
            Fill::Replace | Fill::Jump | Fill::Refresh { .. } => {
                let last = self.total.unwrap_or(0).saturating_sub(1);
                match fill {
                    Fill::Jump => {
                        self.selected = position.min(last);
                        self.top = self.selected;
                    }
                    Fill::Refresh { offset } => {
                        self.selected = position.min(last);
                        self.top = self.selected.saturating_sub(offset);
                    }
                    _ => {}
                }
                self.buffer = records;
                self.buffer_start = position;
            }
            Fill::Append => {
                self.buffer.extend(records);
                if self.buffer.len() > KEEP {
                    let drop = self.buffer.len() - KEEP;
                    self.buffer.drain(..drop);
                    self.buffer_start += drop as u64;
                }
            }
            Fill::Prepend => {
                let added = records.len() as u64;
                let mut merged = records;
                merged.append(&mut self.buffer);
                merged.truncate(KEEP);
                self.buffer = merged;
                self.buffer_start = self.buffer_start.saturating_sub(added);
            }
        }
        true
    }
}
