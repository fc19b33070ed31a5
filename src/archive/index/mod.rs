//! The full-text index: derived from the store, rebuildable at any time (DESIGN invariant 1).
//! Nothing outside this module names a tantivy type.
//!
//! Text is folded for search first (`domain::folding`: full-width, case, traditional characters).
//! Titles are indexed twice: by jieba words (ranking) and by single characters and character
//! pairs with positions (exact matching: any substring is found, including ones that cross jieba's
//! word boundaries, such as 务工 in 农民工务工, and nothing else). The other text fields are indexed
//! by characters and pairs only.

mod grams;
mod near;
mod plan;
mod spoken;
mod tally;

use std::cell::Cell;
use std::cmp::Reverse;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{RemoveLongFilter, TextAnalyzer};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Term, doc};

use crate::archive::sight::Sight;
use crate::domain::Record;
use crate::domain::folding::fold_for_search;
use crate::domain::query::SearchQuery;
use crate::error::{Error, Result};

/// Bump when the schema or the analysis changes: an index of another version is rebuilt.
const SCHEMA_VERSION: u32 = 12;
const VERSION_FILE: &str = "dangan-index-version";
/// The index writer's memory, shared by its threads: a bound on what indexing takes, whatever
/// the archive's size (segments are written out when it fills).
const WRITER_MEMORY: usize = 64_000_000;
/// Indexing threads: the two cores of a small server, while the caller reads the store.
const WRITER_THREADS: usize = 2;
/// A few records (an edit, a receipt) are indexed by one thread with tantivy's least budget: the
/// full writer's arenas took 80 MB to index one record, four receipts at once in `serve` over
/// 200 MB.
pub const SMALL_BATCH: u64 = 2_000;
const SMALL_WRITER_MEMORY: usize = 15_000_000;
/// How long to wait for another process's index writer before searching what is there. Long
/// enough for several busy sessions on two cores to take turns; a search is worth the wait more
/// than a stale answer.
const WRITER_WAIT: Duration = Duration::from_secs(10);

type FastColumn = std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>;

fn search_error(e: tantivy::TantivyError) -> Error {
    Error::Internal(format!("search index: {e}"))
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title_zh: Field,
    /// Title and the other text together, one line each: every character, and every pair of
    /// adjacent characters with its position.
    singles: Field,
    pairs: Field,
    fonds: Field,
    year: Field,
    retention: Field,
    status: Field,
    class: Field,
    /// 开放标识: a public account finds open records only.
    openness: Field,
    dept: Field,
    category: Field,
    /// 目录号, and the volume's whole code, of an item inside a volume.
    catalogue: Field,
    volume: Field,
    /// Pinyin of the hanzi in the text (see `spoken`).
    syllables: Field,
    initials: Field,
    code: Field,
    /// The title's length in characters: shorter titles holding the words rank first.
    title_chars: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |tokenizer: &str, option: IndexRecordOption| {
        // No field norms: every clause scores a constant (see plan.rs), so they would only be
        // written and never read.
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(option)
                .set_fieldnorms(false),
        )
    };
    let fields = Fields {
        id: builder.add_u64_field("id", INDEXED | FAST),
        title_zh: builder.add_text_field("title_zh", text("zh", IndexRecordOption::Basic)),
        singles: builder.add_text_field("singles", text("singles", IndexRecordOption::Basic)),
        pairs: builder.add_text_field(
            "pairs",
            text("pairs", IndexRecordOption::WithFreqsAndPositions),
        ),
        // Fast as well: the counts per fonds and status are read from the columns (`tally`).
        fonds: builder.add_text_field("fonds", STRING | FAST),
        year: builder.add_u64_field("year", INDEXED | FAST),
        retention: builder.add_text_field("retention", STRING),
        status: builder.add_text_field("status", STRING | FAST),
        class: builder.add_text_field("class", STRING),
        openness: builder.add_text_field("openness", STRING),
        dept: builder.add_text_field("dept", STRING),
        category: builder.add_text_field("category", STRING),
        catalogue: builder.add_text_field("catalogue", STRING),
        volume: builder.add_text_field("volume", STRING),
        syllables: builder.add_text_field(
            "syllables",
            text("syllables", IndexRecordOption::WithFreqsAndPositions),
        ),
        initials: builder.add_text_field(
            "initials",
            text("initials", IndexRecordOption::WithFreqsAndPositions),
        ),
        code: builder.add_text_field("code", STRING | FAST),
        title_chars: builder.add_u64_field("title_chars", FAST),
    };
    (builder.build(), fields)
}

fn register_tokenizers(index: &Index) {
    let zh = TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::new())
        .filter(RemoveLongFilter::limit(40))
        .build();
    index.tokenizers().register("zh", zh);
    index
        .tokenizers()
        .register("singles", grams::CharGrams { width: 1 });
    index
        .tokenizers()
        .register("pairs", grams::CharGrams { width: 2 });
    index
        .tokenizers()
        .register("syllables", spoken::Spoken::Syllables);
    index
        .tokenizers()
        .register("initials", spoken::Spoken::InitialPairs);
}

/// The index writer, held by one process at a time (a lock file): while it is held, no other
/// process moves the index.
pub struct Writer(IndexWriter);

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The outbox position the reader shows: when the index on disk is past it (another process
    /// committed), the reader is reloaded.
    shown: Cell<i64>,
}

/// One hit: the record's id (to be re-read from the store) and its score (0 when sorted by code).
pub type Hit = (i64, f32);

/// How many matches fall in each fonds, year and status: the counts on a filter bar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub fonds: Vec<(String, u64)>,
    pub year: Vec<(String, u64)>,
    pub status: Vec<(String, u64)>,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (empty) when missing or of another schema version;
    /// an empty index is filled from the outbox, which begins with "everything changed".
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        if version(dir) != Some(SCHEMA_VERSION) {
            create(dir)?;
        }
        let (_, fields) = schema();
        let index = Index::open_in_dir(dir).map_err(search_error)?;
        register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(search_error)?;
        let index = SearchIndex {
            index,
            reader,
            fields,
            shown: Cell::new(0),
        };
        index.shown.set(index.applied()?);
        Ok(index)
    }

    /// The last outbox sequence number the index has applied.
    pub fn applied(&self) -> Result<i64> {
        let metas = self.index.load_metas().map_err(search_error)?;
        Ok(metas.payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    /// A writer, waiting while another process holds it. None once the index has reached
    /// `applied` (the other process did the work), or if the writer stays busy too long.
    pub fn writer_unless_applied(&self, applied: i64, small: bool) -> Result<Option<Writer>> {
        self.wait_for_writer(small, || Ok(self.refresh()? >= applied))
    }

    /// The writer, however far the index is, waiting a while for another process to let go;
    /// None if it does not.
    pub fn hold(&self) -> Result<Option<Writer>> {
        self.wait_for_writer(false, || Ok(false))
    }

    /// Takes the writer, retrying while another process holds it, until `done` says it is no
    /// longer needed or the wait is over.
    fn wait_for_writer(
        &self,
        small: bool,
        done: impl Fn() -> Result<bool>,
    ) -> Result<Option<Writer>> {
        let (threads, memory) = match small {
            true => (1, SMALL_WRITER_MEMORY),
            false => (WRITER_THREADS, WRITER_MEMORY),
        };
        let started = Instant::now();
        loop {
            if done()? {
                return Ok(None);
            }
            match self.index.writer_with_num_threads(threads, memory) {
                Ok(writer) => return Ok(Some(Writer(writer))),
                Err(tantivy::TantivyError::LockFailure(..)) if started.elapsed() < WRITER_WAIT => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(tantivy::TantivyError::LockFailure(..)) => return Ok(None),
                Err(e) => return Err(search_error(e)),
            }
        }
    }

    /// Indexes `record` in place of what the index holds for it.
    pub fn put(&self, writer: &Writer, record: &Record) -> Result<()> {
        self.remove(writer, record.id);
        self.put_new(writer, record)
    }

    /// Indexes a record the index does not hold (a rebuild after `remove_all`, an import's new
    /// records): without the delete, which the writer would keep until the commit.
    pub fn put_new(&self, writer: &Writer, record: &Record) -> Result<()> {
        let f = self.fields;
        let d = &record.data;
        let code = record.code.to_string();
        let title = fold_for_search(&d.title);
        let text = fold_for_search(
            &[
                d.title.as_str(),
                &code,
                &d.responsible,
                &d.doc_no,
                &d.keywords,
                &d.notes,
            ]
            .join("\n"),
        );
        let g = &record.code.group;
        let mut document = doc!(
            f.id => record.id as u64,
            f.singles => text.clone(),
            f.pairs => text.clone(),
            // Pinyin finds what the characters find: the same text.
            f.syllables => text.clone(),
            f.initials => text,
            f.fonds => g.fonds.as_str(),
            f.year => u64::from(g.year),
            f.retention => g.retention.code(),
            f.status => d.status.code(),
            f.class => d.classification.code(),
            f.openness => d.openness.code(),
            f.dept => g.dept.as_str(),
            f.category => g.category.as_str(),
            f.title_chars => d.title.chars().count() as u64,
        );
        document.add_text(f.title_zh, title);
        document.add_text(f.code, code);
        if let Some(volume) = &g.volume {
            document.add_text(f.catalogue, &volume.catalogue);
            document.add_text(f.volume, format!("{}-{volume}", g.fonds));
        }
        writer.0.add_document(document).map_err(search_error)?;
        Ok(())
    }

    /// How many records the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// How many index entries hold record `id` under archival code `code`: 1 when the index
    /// agrees with the store, 0 when it lacks or misfiles it, more when it holds a duplicate.
    pub fn entries_for(&self, id: i64, code: &str) -> Result<usize> {
        use tantivy::query::{BooleanQuery, Occur, TermQuery};
        let f = self.fields;
        let term = |t: Term| -> Box<dyn tantivy::query::Query> {
            Box::new(TermQuery::new(t, IndexRecordOption::Basic))
        };
        let query = BooleanQuery::new(vec![
            (Occur::Must, term(Term::from_field_u64(f.id, id as u64))),
            (Occur::Must, term(Term::from_field_text(f.code, code))),
        ]);
        self.reader
            .searcher()
            .search(&query, &Count)
            .map_err(search_error)
    }

    pub fn remove(&self, Writer(writer): &Writer, id: i64) {
        writer.delete_term(Term::from_field_u64(self.fields.id, id as u64));
    }

    pub fn remove_all(&self, Writer(writer): &Writer) -> Result<()> {
        writer.delete_all_documents().map_err(search_error)?;
        Ok(())
    }

    /// Commits with the outbox position reached, makes the change visible to this reader, and
    /// lets the writer go.
    pub fn commit(&self, mut writer: Writer, applied: i64) -> Result<()> {
        self.commit_holding(&mut writer, applied)?;
        writer.0.wait_merging_threads().map_err(search_error)?;
        Ok(())
    }

    /// Commits and shows the change, keeping the writer.
    pub fn commit_holding(&self, Writer(writer): &mut Writer, applied: i64) -> Result<()> {
        let mut prepared = writer.prepare_commit().map_err(search_error)?;
        prepared.set_payload(&applied.to_string());
        prepared.commit().map_err(search_error)?;
        self.reader.reload().map_err(search_error)?;
        self.shown.set(applied);
        Ok(())
    }

    /// Shows what other processes have committed since this reader last looked. Returns the
    /// outbox position the index has reached.
    pub fn refresh(&self) -> Result<i64> {
        let applied = self.applied()?;
        if applied != self.shown.get() {
            self.reader.reload().map_err(search_error)?;
            self.shown.set(applied);
        }
        Ok(applied)
    }

    /// Hits `window` of all (best first, or by code), the total and (if asked) the facet counts,
    /// within `sight`.
    pub fn search(
        &self,
        query: &SearchQuery,
        sight: Sight,
        window: std::ops::Range<usize>,
        with_counts: bool,
    ) -> Result<(Vec<Hit>, usize, Facets)> {
        let limit = window.len();
        let by_code = query.by_code;
        let searcher = self.reader.searcher();
        let query = plan::plan(&self.fields, &searcher, query, sight);
        // Counting reads every match, so only when asked (a filter bar), not for a plain list.
        let tally = with_counts.then_some(tally::Tally);
        let top = TopDocs::with_limit(limit.max(1)).and_offset(window.start);
        let (found, total, counts): (Vec<(f32, DocAddress)>, usize, Option<Facets>) = if by_code {
            let collector = (
                top.order_by_string_fast_field("code", Order::Asc),
                Count,
                tally,
            );
            let (found, total, counts) =
                searcher.search(&query, &collector).map_err(search_error)?;
            (
                found
                    .into_iter()
                    .map(|(_, address)| (0.0, address))
                    .collect(),
                total,
                counts,
            )
        } else {
            // Ties go to the older record, not to the document last written: a hit must not
            // move when lending it re-indexes it.
            let ranked = top.tweak_score(|segment: &tantivy::SegmentReader| {
                let column = |name: &str| {
                    segment
                        .fast_fields()
                        .u64(name)
                        .ok()
                        .map(|column| column.first_or_default_col(0))
                };
                let (chars, ids) = (column("title_chars"), column("id"));
                move |doc, score| {
                    let value = |c: &Option<FastColumn>| c.as_ref().map_or(0, |c| c.get_val(doc));
                    (plan::ranked(score, value(&chars)), Reverse(value(&ids)))
                }
            });
            let (found, total, counts) = searcher
                .search(&query, &(ranked, Count, tally))
                .map_err(search_error)?;
            let found = found
                .into_iter()
                .map(|((score, _), address)| (score, address))
                .collect();
            (found, total, counts)
        };
        // The record ids from the id column: nothing is stored in the index to decompress.
        let mut hits = Vec::with_capacity(found.len());
        for (score, address) in found.into_iter().take(limit) {
            let ids = searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .u64("id")
                .map_err(search_error)?;
            if let Some(id) = ids.first(address.doc_id) {
                hits.push((id as i64, score));
            }
        }
        let facets = counts.unwrap_or_default();
        Ok((hits, total, facets))
    }
}

fn version(dir: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(dir.join(VERSION_FILE)).ok()?;
    text.trim().parse().ok()
}

/// Makes a new empty index in `dir`, replacing what is there. Several processes may find the
/// index missing at once: a lock file beside it lets one create it while the others wait, and the
/// version file, written last, tells them it is complete.
fn create(dir: &Path) -> Result<()> {
    let lock_path = index_lock(dir);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let lock = options
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))?;
    lock.lock().map_err(|e| Error::io(&lock_path, e))?;
    if version(dir) == Some(SCHEMA_VERSION) {
        return Ok(());
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    crate::archive::create_private_dir(dir)?;
    let (schema, _) = schema();
    Index::create_in_dir(dir, schema).map_err(search_error)?;
    let version_file = dir.join(VERSION_FILE);
    std::fs::write(&version_file, SCHEMA_VERSION.to_string())
        .map_err(|e| Error::io(&version_file, e))
}

/// Where an archive keeps its index.
/// The lock file beside the index, by which one process creates a missing index.
fn index_lock(index_dir: &Path) -> PathBuf {
    index_dir.with_extension("lock")
}

pub fn index_dir(archive_dir: &Path) -> PathBuf {
    archive_dir.join(crate::archive::INDEX_DIR)
}
