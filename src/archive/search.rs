//! Search as users see it: the index is brought up to date from the outbox, queried within the
//! session's clearance, and every hit is re-read from the store before it is shown.

use crate::archive::browse::readable;
use crate::archive::sight::Sight;
use crate::archive::{Archive, Session};
use crate::domain::text::fold;
use crate::domain::{Permission, Record};
use crate::error::{Error, Result};
use crate::i18n::RecordMsg;
use std::ops::Range;

use crate::archive::index::{Facets, SearchIndex, Writer, index_dir};
use crate::archive::store::outbox::{self, Pending};
use crate::archive::store::records;
use crate::domain::RecordQuery;
use crate::domain::highlight::highlight;
use crate::domain::query::SearchQuery;

/// A record found, as the store has it now.
pub struct Found {
    pub record: Record,
    /// Relevance; 0 when sorted by archival code.
    pub score: f32,
    /// Byte ranges of the title that matched, to highlight.
    pub title_marks: Vec<Range<usize>>,
}

pub struct SearchResults {
    /// Best first.
    pub hits: Vec<Found>,
    /// All matches within the session's clearance.
    pub total: usize,
    /// Matches per fonds, year and status.
    pub facets: Facets,
    /// When nothing matched: the query with a word the index does not hold replaced by a near
    /// one that finds records the user may see.
    pub suggestion: Option<String>,
}

/// How often a rebuild reports progress.
const PROGRESS_EVERY: u64 = 10_000;

impl Archive {
    pub(super) fn search_index(&mut self) -> Result<&SearchIndex> {
        if self.index.is_none() {
            let index = SearchIndex::open(&index_dir(&self.dir))?;
            self.index = Some(index);
        }
        Ok(self.index.as_ref().expect("opened above"))
    }

    /// Brings the index up to date: what other processes indexed is shown, and what the outbox
    /// holds beyond the index's position is applied, reporting the percentage done on a full rebuild. If
    /// another process holds the index writer for long, this returns and searches see a moment-old
    /// index, never an error.
    pub fn catch_up(&mut self, progress: &mut dyn FnMut(u64)) -> Result<()> {
        self.search_index()?;
        let (Some(index), store) = (self.index.as_ref(), &self.store) else {
            return Ok(());
        };
        let last_change = outbox::last(store.conn())?;
        let applied = index.refresh()?;
        if last_change <= applied {
            return Ok(());
        }
        let pending = outbox::pending_records(store.conn(), applied)?;
        let small = pending.is_some_and(|n| n <= crate::archive::index::SMALL_BATCH);
        let Some(writer) = index.writer_unless_applied(last_change, small)? else {
            return Ok(());
        };
        // Read again under the writer lock: another process may have applied some meanwhile, and
        // this reader must show that. One read transaction: the records read are those of the
        // outbox position reached, so an import committed meanwhile is not indexed twice.
        // Read without the memory map: a rebuild reads every page once (see `Store::scan`).
        let applied =
            store.scan(|_| store.snapshot(|conn| apply_pending(index, &writer, conn, progress)))?;
        match applied {
            Some(last) => index.commit(writer, last),
            None => Ok(()),
        }
    }

    /// Searches with what the user typed (see `SearchQuery`); the top `limit` hits and the total.
    pub fn search(&mut self, session: &Session, text: &str, limit: usize) -> Result<SearchResults> {
        self.run_search(session, text, 0..limit, false)
    }

    /// As `search`, with the matches counted per fonds, year and status (for a filter bar).
    pub fn search_with_counts(
        &mut self,
        session: &Session,
        text: &str,
        limit: usize,
    ) -> Result<SearchResults> {
        self.run_search(session, text, 0..limit, true)
    }

    /// Hits `hits.start..hits.end` of all (a window to page through every hit), with the total,
    /// and the counts per fonds, year and status if asked.
    pub fn search_window(
        &mut self,
        session: &Session,
        text: &str,
        hits: Range<usize>,
        with_counts: bool,
    ) -> Result<SearchResults> {
        self.run_search(session, text, hits, with_counts)
    }

    fn run_search(
        &mut self,
        session: &Session,
        text: &str,
        window: Range<usize>,
        with_counts: bool,
    ) -> Result<SearchResults> {
        let sight = readable(session)?;
        let query = SearchQuery::parse(text);
        if query.is_empty() {
            return Err(Error::BadInput(RecordMsg::NothingToSearch.into()));
        }
        self.catch_up(&mut |_| {})?;
        let (hits, total, facets) =
            self.search_index()?
                .search(&query, sight, window, with_counts)?;
        let suggestion = match total {
            0 => self.suggest(text, &query, sight)?,
            _ => None,
        };
        let conn = self.store.conn();
        let mut records = Vec::with_capacity(hits.len());
        for (id, score) in hits {
            // The store is the truth: a record changed or reclassified since indexing is shown as it is now.
            if let Some(record) = records::by_id(conn, id, sight)? {
                let title_marks = highlight(&record.data.title, &query);
                records.push(Found {
                    record,
                    score,
                    title_marks,
                });
            }
        }
        Ok(SearchResults {
            hits: records,
            total,
            facets,
            suggestion,
        })
    }

    /// A query near `text` that finds records within `sight` where `text` found none: one word
    /// with one character changed, the change that finds most.
    fn suggest(&mut self, text: &str, query: &SearchQuery, sight: Sight) -> Result<Option<String>> {
        let folded = fold(text).to_lowercase();
        for piece in &query.pieces {
            let mut best: Option<(usize, String)> = None;
            for near in self.search_index()?.near_pieces(piece)? {
                let suggested = folded.replacen(piece.as_str(), &near, 1);
                if suggested == folded {
                    continue;
                }
                let (_, total, _) = self.search_index()?.search(
                    &SearchQuery::parse(&suggested),
                    sight,
                    0..1,
                    false,
                )?;
                if total > best.as_ref().map_or(0, |b| b.0) {
                    best = Some((total, suggested));
                }
            }
            if let Some((_, suggested)) = best {
                return Ok(Some(suggested));
            }
        }
        Ok(None)
    }

    /// Rebuilds the index from the store, reporting the percentage done as it goes; returns the
    /// number of records the session may see.
    pub fn reindex(&mut self, session: &Session, progress: &mut dyn FnMut(u64)) -> Result<u64> {
        // A rebuild reads every record and holds the index's writer: the work of those who
        // bring records in, not of every reader.
        session.require(Permission::ImportRecords)?;
        let sight = readable(session)?;
        self.store.write(|tx| outbox::everything_changed(tx))?;
        self.catch_up(progress)?;
        records::count(self.store.conn(), &RecordQuery::default(), sight)
    }
}

/// How far a rebuild is, in percent: all a caller learns of it, since the numbers themselves would
/// count records above the caller's clearance.
fn percent(done: u64, total: u64) -> u64 {
    (done * 100).checked_div(total).unwrap_or(100)
}

/// Records indexed out of `total`, reported as a percentage every `PROGRESS_EVERY`.
struct Ticker<'a> {
    done: u64,
    total: u64,
    progress: &'a mut dyn FnMut(u64),
}

impl<'a> Ticker<'a> {
    fn new(total: u64, progress: &'a mut dyn FnMut(u64)) -> Self {
        Ticker {
            done: 0,
            total,
            progress,
        }
    }

    fn tick(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(PROGRESS_EVERY) {
            (self.progress)(percent(self.done, self.total));
        }
    }

    /// Reports where it got to.
    fn end(self) {
        (self.progress)(percent(self.done, self.total));
    }
}

/// Applies to the index what the outbox holds past the index's position, with `writer` (held by
/// the caller), reading `conn` in one read transaction; returns the outbox position reached, None
/// if nothing was pending.
pub(in crate::archive) fn apply_pending(
    index: &SearchIndex,
    writer: &Writer,
    conn: &rusqlite::Connection,
    progress: &mut dyn FnMut(u64),
) -> Result<Option<i64>> {
    let pending = outbox::after(conn, index.refresh()?)?;
    let Some(&(last, _)) = pending.last() else {
        return Ok(None);
    };
    if pending.iter().any(|(_, p)| *p == Pending::Everything) {
        index.remove_all(writer)?;
        let (everything, sight) = (RecordQuery::default(), Sight::whole_archive());
        let total = records::count(conn, &everything, sight)?;
        let mut ticker = Ticker::new(total, progress);
        records::for_each(conn, &everything, sight, |record| {
            index.put_new(writer, &record)?;
            ticker.tick();
            Ok(())
        })?;
        ticker.end();
    } else {
        for (_, change) in &pending {
            match change {
                Pending::Record(id) => match records::by_id(conn, *id, Sight::whole_archive())? {
                    Some(record) => index.put(writer, &record)?,
                    None => index.remove(writer, *id),
                },
                Pending::Import(import) => {
                    let total = records::import_size(conn, *import)?;
                    let mut ticker = Ticker::new(total, progress);
                    records::for_each_of_import(conn, *import, |r| {
                        index.put_new(writer, &r)?;
                        ticker.tick();
                        Ok(())
                    })?
                }
                Pending::Everything => {}
            }
        }
    }
    Ok(Some(last))
}
