//! A parsed `SearchQuery` made into a tantivy query, in code (what a user types never reaches
//! tantivy's query parser).
//!
//! Exact: a piece of one character is that character's term, of two the pair's, and of three or
//! more its pairs at consecutive positions (a phrase), so a hit contains the piece and every
//! record containing it is a hit. Only a piece that may be pinyin needs an either-or (its
//! characters, or the characters it spells: `spoken`).
//!
//! Every clause scores a constant: a hit's score depends on the hit and the query alone, never on
//! how many other records (those above the reader's clearance among them) hold a word. BM25's
//! corpus statistics would let a reader cleared to 公开 count 机密 records holding a word by
//! watching scores or the order of hits. The title's own length ranks instead (`ranked`).

use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::{Fields, spoken};
use crate::archive::sight::Sight;
use crate::domain::Classification;
use crate::domain::Openness;
use crate::domain::folding::fold_for_search;
use crate::domain::pinyin;
use crate::domain::query::SearchQuery;

/// Query substrings tried as title words: jieba's words are mostly 2–4 characters.
const MAX_WORD_CHARS: usize = 4;
const MAX_BOOSTED_WORDS: usize = 32;
const TITLE_WORD_BOOST: f32 = 2.0;

/// The title length at which a title's matches count half: about a short document title.
const HALF_WEIGHT_CHARS: f32 = 16.0;

type Clause = (Occur, Box<dyn Query>);

/// The order of hits: title words matched, the shorter title first. BM25 would do this with the
/// average title length of the whole index; a fixed length keeps records above the reader's
/// clearance out of it.
pub(super) fn ranked(score: f32, title_chars: u64) -> f32 {
    (1.0 + score) * HALF_WEIGHT_CHARS / (HALF_WEIGHT_CHARS + title_chars as f32)
}

/// A term matched, for a constant score: see the module's note.
fn term(field: Field, text: &str) -> Box<dyn Query> {
    scored(term_only(field, text), 0.0)
}

fn term_only(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

fn scored(query: Box<dyn Query>, score: f32) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, score))
}

/// The index's test for "the text contains `piece`" (see the module's note); None for a piece
/// that folds to nothing.
fn contains(f: &Fields, piece: &str) -> Option<Box<dyn Query>> {
    let chars: Vec<char> = fold_for_search(piece)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    match chars.len() {
        0 => None,
        1 => Some(term(f.singles, &chars[0].to_string())),
        2 => Some(term(f.pairs, &chars.iter().collect::<String>())),
        _ => {
            let pairs = chars
                .windows(2)
                .enumerate()
                .map(|(at, pair)| {
                    let text: String = pair.iter().collect();
                    (at, Term::from_field_text(f.pairs, &text))
                })
                .collect();
            Some(scored(Box::new(PhraseQuery::new_with_offset(pairs)), 0.0))
        }
    }
}

fn any_of(field: Field, values: &[&str]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        values
            .iter()
            .map(|v| (Occur::Should, term(field, v)))
            .collect(),
    ))
}

/// A piece is found in the text, or, if it may be pinyin, spelled by it.
fn piece_clauses(f: &Fields, searcher: &Searcher, piece: &str, occur: Occur) -> Vec<Clause> {
    let mut either: Vec<Clause> = contains(f, piece)
        .map(|query| (Occur::Should, query))
        .into_iter()
        .collect();
    if pinyin::looks_like_pinyin(piece) {
        for spelled in spoken::spelled(searcher, f.syllables, f.initials, piece) {
            either.push((Occur::Should, scored(spelled, 0.0)));
        }
    }
    match either.len() {
        0 => Vec::new(),
        1 => vec![(occur, either.remove(0).1)],
        _ => vec![(occur, Box::new(BooleanQuery::new(either)))],
    }
}

/// Ranking: jieba words of the title that occur in a piece count more. Rather than segment the
/// query with jieba (loading its dictionary costs ~100 ms, most of a command's start-up), every
/// 2–4-character substring is looked up in the index's dictionary, and those that are title words
/// are scored.
fn word_boosts(f: &Fields, searcher: &Searcher, pieces: &[String]) -> Vec<Clause> {
    let mut words: Vec<String> = Vec::new();
    for piece in pieces {
        let piece = fold_for_search(piece);
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
        .filter(|w| {
            let term = Term::from_field_text(f.title_zh, w);
            searcher.doc_freq(&term).is_ok_and(|n| n > 0)
        })
        .take(MAX_BOOSTED_WORDS)
        .map(|word| -> Clause {
            let query = scored(term_only(f.title_zh, &word), TITLE_WORD_BOOST);
            (Occur::Should, query)
        })
        .collect()
}

/// The whole query: pieces, exclusions, filters, the clearance, and the ranking boosts.
pub(super) fn plan(
    f: &Fields,
    searcher: &Searcher,
    query: &SearchQuery,
    sight: Sight,
) -> BooleanQuery {
    let mut clauses: Vec<Clause> = Vec::new();
    for piece in &query.pieces {
        clauses.extend(piece_clauses(f, searcher, piece, Occur::Must));
    }
    for piece in &query.excluded {
        clauses.extend(piece_clauses(f, searcher, piece, Occur::MustNot));
    }
    // Excluding the few classes above the clearance is cheaper than requiring the many below it.
    let hidden: Vec<&str> = Classification::ALL
        .iter()
        .filter(|c| **c > sight.ceiling())
        .map(|c| c.code())
        .collect();
    if !hidden.is_empty() {
        clauses.push((Occur::MustNot, any_of(f.class, &hidden)));
    }
    if sight.open_only() {
        let closed: Vec<&str> = Openness::ALL
            .iter()
            .filter(|o| **o != Openness::Open)
            .map(|o| o.code())
            .collect();
        clauses.push((Occur::MustNot, any_of(f.openness, &closed)));
    }
    let filters: [(Field, Vec<&str>); 8] = [
        (f.fonds, query.fonds.iter().map(String::as_str).collect()),
        (
            f.catalogue,
            query.catalogue.iter().map(String::as_str).collect(),
        ),
        (f.volume, query.volume.iter().map(String::as_str).collect()),
        (
            f.category,
            query.category.iter().map(String::as_str).collect(),
        ),
        (f.dept, query.dept.iter().map(String::as_str).collect()),
        (
            f.retention,
            query.retention.iter().map(|r| r.code()).collect(),
        ),
        (f.status, query.status.iter().map(|s| s.code()).collect()),
        (f.class, query.class.iter().map(|c| c.code()).collect()),
    ];
    for (field, values) in filters.iter().filter(|(_, v)| !v.is_empty()) {
        clauses.push((Occur::Must, any_of(*field, values)));
    }
    if let Some((from, to)) = query.years {
        let bound = |y: u16| std::ops::Bound::Included(Term::from_field_u64(f.year, u64::from(y)));
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(bound(from), bound(to))),
        ));
    }
    if !clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
        // Filters only, or exclusions only: everything else is a candidate.
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    // Boosts only rank what the rest matched, so they are added last, never alone.
    if !query.by_code {
        clauses.extend(word_boosts(f, searcher, &query.pieces));
    }
    BooleanQuery::new(clauses)
}
