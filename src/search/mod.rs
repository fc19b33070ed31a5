//! The full-text index: derived from the store, rebuildable at any time (DESIGN invariant 1).
//! Nothing outside this module names a tantivy type.
//!
//! Titles are indexed twice: by jieba words (ranking) and by character 1–2-grams (recall: any
//! substring is found, including ones that cross jieba's word boundaries, such as 务工 in 农民工务工).
//! The other text fields are indexed by n-grams only.

pub mod pinyin;
pub mod query;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::collector::{Count, FacetCollector, FacetCounts, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, Query, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, NgramTokenizer, RemoveLongFilter, TextAnalyzer,
};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term, doc,
};

use crate::domain::{Classification, Record};
use crate::error::{Error, Result};
use query::SearchQuery;

/// Bump when the schema or the analysis changes: an index of another version is rebuilt.
const SCHEMA_VERSION: u32 = 3;
const VERSION_FILE: &str = "dangan-index-version";
const WRITER_MEMORY: usize = 50_000_000;
/// Query substrings tried as title words: jieba's words are mostly 2–4 characters.
const MAX_WORD_CHARS: usize = 4;
const MAX_BOOSTED_WORDS: usize = 64;
/// How long to wait for another process's index writer before searching what is there.
const WRITER_WAIT: Duration = Duration::from_secs(2);

fn search_error(e: tantivy::TantivyError) -> Error {
    Error::Invalid(format!("search index: {e}"))
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title_zh: Field,
    title_ng: Field,
    other_ng: Field,
    fonds: Field,
    year: Field,
    retention: Field,
    status: Field,
    class: Field,
    dept: Field,
    pinyin: Field,
    code: Field,
    facets: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |tokenizer: &str, positions: bool| {
        let option = if positions {
            IndexRecordOption::WithFreqsAndPositions
        } else {
            IndexRecordOption::WithFreqs
        };
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(option),
        )
    };
    let fields = Fields {
        id: builder.add_u64_field("id", INDEXED | STORED | FAST),
        title_zh: builder.add_text_field("title_zh", text("zh", true)),
        title_ng: builder.add_text_field("title_ng", text("ng", false)),
        other_ng: builder.add_text_field("other_ng", text("ng", false)),
        fonds: builder.add_text_field("fonds", STRING),
        year: builder.add_u64_field("year", INDEXED | FAST),
        retention: builder.add_text_field("retention", STRING),
        status: builder.add_text_field("status", STRING),
        class: builder.add_text_field("class", STRING),
        dept: builder.add_text_field("dept", STRING),
        pinyin: builder.add_text_field("pinyin", STRING),
        code: builder.add_text_field("code", STRING | FAST),
        facets: builder.add_facet_field("facets", FacetOptions::default()),
    };
    (builder.build(), fields)
}

fn register_tokenizers(index: &Index) -> Result<()> {
    let zh = TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::new())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let ngrams = NgramTokenizer::new(1, 2, false).map_err(search_error)?;
    let ng = TextAnalyzer::builder(ngrams)
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register("zh", zh);
    index.tokenizers().register("ng", ng);
    Ok(())
}

pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
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

fn facet_values(counts: &FacetCounts, kind: &str) -> Vec<(String, u64)> {
    counts
        .get(format!("/{kind}").as_str())
        .map(|(facet, count)| {
            (
                facet
                    .to_path()
                    .last()
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                count,
            )
        })
        .collect()
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (empty) when missing or of another schema version.
    /// Returns the index and whether it was created empty, so the caller fills it.
    pub fn open(dir: &Path) -> Result<(SearchIndex, bool)> {
        let version_file = dir.join(VERSION_FILE);
        let current = std::fs::read_to_string(&version_file)
            .ok()
            .and_then(|v| v.trim().parse::<u32>().ok());
        let fresh = current != Some(SCHEMA_VERSION);
        if fresh {
            if dir.exists() {
                std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            crate::archive::create_private_dir(dir)?;
        }
        let (schema, fields) = schema();
        let index = if fresh {
            let index = Index::create_in_dir(dir, schema).map_err(search_error)?;
            std::fs::write(&version_file, SCHEMA_VERSION.to_string())
                .map_err(|e| Error::io(&version_file, e))?;
            index
        } else {
            Index::open_in_dir(dir).map_err(search_error)?
        };
        register_tokenizers(&index)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(search_error)?;
        Ok((
            SearchIndex {
                index,
                reader,
                fields,
            },
            fresh,
        ))
    }

    /// The last outbox sequence number the index has applied.
    pub fn applied(&self) -> Result<i64> {
        let metas = self.index.load_metas().map_err(search_error)?;
        Ok(metas.payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    /// A writer, waiting a little for another process's; None if it stays busy.
    pub fn writer(&self) -> Result<Option<IndexWriter>> {
        let started = Instant::now();
        loop {
            match self.index.writer_with_num_threads(1, WRITER_MEMORY) {
                Ok(writer) => return Ok(Some(writer)),
                Err(tantivy::TantivyError::LockFailure(..)) if started.elapsed() < WRITER_WAIT => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(tantivy::TantivyError::LockFailure(..)) => return Ok(None),
                Err(e) => return Err(search_error(e)),
            }
        }
    }

    pub fn put(&self, writer: &IndexWriter, record: &Record) -> Result<()> {
        let f = self.fields;
        let d = &record.data;
        let other = [
            record.code.to_string(),
            d.responsible.clone(),
            d.doc_no.clone(),
            d.keywords.clone(),
            d.notes.clone(),
        ];
        let g = &record.code.group;
        writer.delete_term(Term::from_field_u64(f.id, record.id as u64));
        let mut document = doc!(
            f.id => record.id as u64,
            f.title_zh => d.title.as_str(),
            f.title_ng => d.title.as_str(),
            f.other_ng => other.join("\n"),
            f.fonds => g.fonds.as_str(),
            f.year => u64::from(g.year),
            f.retention => g.retention.code(),
            f.status => d.status.code(),
            f.class => d.classification.code(),
            f.dept => g.dept.as_str(),
        );
        for key in pinyin::keys(&d.title) {
            document.add_text(f.pinyin, key);
        }
        document.add_text(f.code, record.code.to_string());
        for (kind, value) in [
            ("fonds", g.fonds.clone()),
            ("year", g.year.to_string()),
            ("status", d.status.code().into()),
        ] {
            // Codes and numbers only: always a valid facet path.
            if let Ok(facet) = Facet::from_text(&format!("/{kind}/{value}")) {
                document.add_facet(f.facets, facet);
            }
        }
        writer.add_document(document).map_err(search_error)?;
        Ok(())
    }

    pub fn remove(&self, writer: &IndexWriter, id: i64) {
        writer.delete_term(Term::from_field_u64(self.fields.id, id as u64));
    }

    pub fn remove_all(&self, writer: &IndexWriter) -> Result<()> {
        writer.delete_all_documents().map_err(search_error)?;
        Ok(())
    }

    /// Commits with the outbox position reached, and makes the change visible to this reader.
    pub fn commit(&self, mut writer: IndexWriter, applied: i64) -> Result<()> {
        let mut prepared = writer.prepare_commit().map_err(search_error)?;
        prepared.set_payload(&applied.to_string());
        prepared.commit().map_err(search_error)?;
        writer.wait_merging_threads().map_err(search_error)?;
        self.reader.reload().map_err(search_error)
    }

    fn ngram_clause(&self, field: Field, piece: &str) -> Box<dyn Query> {
        let chars: Vec<char> = piece.chars().filter(|c| !c.is_whitespace()).collect();
        let grams: Vec<String> = if chars.len() == 1 {
            vec![chars[0].to_string()]
        } else {
            chars.windows(2).map(|w| w.iter().collect()).collect()
        };
        let terms = grams
            .into_iter()
            .map(|g| -> (Occur, Box<dyn Query>) {
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, &g),
                        IndexRecordOption::Basic,
                    )),
                )
            })
            .collect();
        Box::new(BooleanQuery::new(terms))
    }

    /// A piece is found in the title or in the other text.
    /// A piece is found in the title or in the other text, or, if it may be pinyin, in the title's
    /// pinyin keys.
    fn piece_clause(&self, piece: &str) -> Box<dyn Query> {
        let f = self.fields;
        let mut clauses = vec![
            (Occur::Should, self.ngram_clause(f.title_ng, piece)),
            (Occur::Should, self.ngram_clause(f.other_ng, piece)),
        ];
        if pinyin::looks_like_pinyin(piece) {
            // Letters and digits only, so the pattern needs no escaping.
            let pattern = format!("{}.*", pinyin::query_prefix(piece));
            if let Ok(prefix) = RegexQuery::from_pattern(&pattern, f.pinyin) {
                clauses.push((Occur::Should, Box::new(prefix) as Box<dyn Query>));
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Ranking: jieba words of the title that occur in a piece count double. Rather than segment
    /// the query with jieba (loading its dictionary costs ~100 ms, most of a command's start-up), every
    /// 2–4-character substring is tried as a word: those that are not words have no postings and cost
    /// nothing.
    fn word_boosts(&self, pieces: &[String]) -> Vec<(Occur, Box<dyn Query>)> {
        let mut words: Vec<String> = Vec::new();
        for piece in pieces {
            let chars: Vec<char> = piece.chars().filter(|c| !c.is_whitespace()).collect();
            if piece.chars().all(|c| c.is_ascii_alphanumeric()) {
                words.push(piece.clone());
            }
            for length in 2..=MAX_WORD_CHARS.min(chars.len()) {
                words.extend(chars.windows(length).map(|w| w.iter().collect::<String>()));
            }
        }
        words.sort();
        words.dedup();
        words
            .into_iter()
            .take(MAX_BOOSTED_WORDS)
            .map(|word| -> (Occur, Box<dyn Query>) {
                let term = Term::from_field_text(self.fields.title_zh, &word);
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), 2.0)),
                )
            })
            .collect()
    }

    fn any_of(&self, field: Field, values: &[&str]) -> Box<dyn Query> {
        let clauses = values
            .iter()
            .map(|v| -> (Occur, Box<dyn Query>) {
                (
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, v),
                        IndexRecordOption::Basic,
                    )),
                )
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    /// The top `limit` hits, the total and (if asked) the facet counts, within `clearance`.
    pub fn search(
        &self,
        query: &SearchQuery,
        clearance: Classification,
        limit: usize,
        with_counts: bool,
    ) -> Result<(Vec<Hit>, usize, Facets)> {
        let f = self.fields;
        let by_code = query.by_code;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for piece in &query.pieces {
            clauses.push((Occur::Must, self.piece_clause(piece)));
        }
        for piece in &query.excluded {
            clauses.push((Occur::MustNot, self.piece_clause(piece)));
        }
        clauses.extend(self.word_boosts(&query.pieces));
        // Excluding the few classes above the clearance is cheaper than requiring the many below it.
        let hidden: Vec<&str> = Classification::ALL
            .iter()
            .filter(|c| **c > clearance)
            .map(|c| c.code())
            .collect();
        if !hidden.is_empty() {
            clauses.push((Occur::MustNot, self.any_of(f.class, &hidden)));
        }
        let filters: [(Field, Vec<&str>); 5] = [
            (f.fonds, query.fonds.iter().map(String::as_str).collect()),
            (f.dept, query.dept.iter().map(String::as_str).collect()),
            (
                f.retention,
                query.retention.iter().map(|r| r.code()).collect(),
            ),
            (f.status, query.status.iter().map(|s| s.code()).collect()),
            (f.class, query.class.iter().map(|c| c.code()).collect()),
        ];
        for (field, values) in filters.iter().filter(|(_, v)| !v.is_empty()) {
            clauses.push((Occur::Must, self.any_of(*field, values)));
        }
        if let Some((from, to)) = query.years {
            let bound =
                |y: u16| std::ops::Bound::Included(Term::from_field_u64(f.year, u64::from(y)));
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(from), bound(to))),
            ));
        }
        if !clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
            // Filters only, or exclusions only: everything else is a candidate.
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        let searcher = self.reader.searcher();
        // Counting facets reads every match, so only when asked (a filter bar), not for a plain list.
        let facets = with_counts.then(|| {
            let mut collector = FacetCollector::for_field("facets");
            for kind in ["/fonds", "/year", "/status"] {
                collector.add_facet(kind);
            }
            collector
        });
        let query = BooleanQuery::new(clauses);
        let top = TopDocs::with_limit(limit.max(1));
        let (found, total, counts): (Vec<(f32, DocAddress)>, usize, Option<FacetCounts>) =
            if by_code {
                let collector = (
                    top.order_by_string_fast_field("code", Order::Asc),
                    Count,
                    facets,
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
                searcher
                    .search(&query, &(top.order_by_score(), Count, facets))
                    .map_err(search_error)?
            };
        let mut hits = Vec::with_capacity(found.len());
        for (score, address) in found.into_iter().take(limit) {
            let document: TantivyDocument = searcher.doc(address).map_err(search_error)?;
            if let Some(id) = document.get_first(f.id).and_then(|v| v.as_u64()) {
                hits.push((id as i64, score));
            }
        }
        let facets = counts.map_or_else(Facets::default, |counts| Facets {
            fonds: facet_values(&counts, "fonds"),
            year: facet_values(&counts, "year"),
            status: facet_values(&counts, "status"),
        });
        Ok((hits, total, facets))
    }
}

/// Where an archive keeps its index.
pub fn index_dir(archive_dir: &Path) -> PathBuf {
    archive_dir.join("index")
}
