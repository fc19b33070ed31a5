//! Pinyin in the index (see `domain::pinyin`): each hanzi's syllables, and each adjacent pair of
//! initials, at the character's position. Few distinct terms (some four hundred syllables), so
//! the index stays small and quick to build, and a query is an exact phrase, of any length.

use std::collections::BTreeSet;
use std::rc::Rc;

use tantivy::query::{PhrasePrefixQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Searcher, Term};

use crate::domain::pinyin::{hanzi_readings, initial};

/// Readings of a text's characters, None where a character has none.
type Readings = [Option<Rc<[String]>>];

/// Ways of reading a query as syllables tried at most: `xian` is xian or xi-an.
const MAX_READINGS: usize = 16;
/// The longest syllable, in letters (zhuang, shuang).
const LONGEST_SYLLABLE: usize = 6;

fn token(position: usize, text: String) -> Token {
    Token {
        position,
        text,
        ..Token::default()
    }
}

/// Every reading of every character, at its position.
fn syllables(readings: &Readings) -> Vec<Token> {
    let mut out = Vec::new();
    for (at, options) in readings.iter().enumerate() {
        for reading in options.iter().flat_map(|o| o.iter()) {
            out.push(token(at, reading.clone()));
        }
    }
    out
}

/// Every pair of initials two adjacent characters can be read with, at the first one's position.
fn initial_pairs(readings: &Readings) -> Vec<Token> {
    let mut out = Vec::new();
    for (at, pair) in readings.windows(2).enumerate() {
        let (Some(first), Some(second)) = (&pair[0], &pair[1]) else {
            continue;
        };
        let mut seen = BTreeSet::new();
        for a in first.iter() {
            for b in second.iter() {
                seen.insert(format!("{}{}", initial(a), initial(b)));
            }
        }
        out.extend(seen.into_iter().map(|text| token(at, text)));
    }
    out
}

/// The tokenizers of the two fields, over text folded for search. They run in the index
/// writer's threads, so the pinyin is worked out on both cores.
#[derive(Clone, Copy)]
pub(super) enum Spoken {
    Syllables,
    InitialPairs,
}

pub(super) struct SpokenStream {
    tokens: std::vec::IntoIter<Token>,
    token: Token,
}

impl Tokenizer for Spoken {
    type TokenStream<'a> = SpokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpokenStream {
        let readings = hanzi_readings(text);
        let tokens = match self {
            Spoken::Syllables => syllables(&readings),
            Spoken::InitialPairs => initial_pairs(&readings),
        };
        SpokenStream {
            tokens: tokens.into_iter(),
            token: Token::default(),
        }
    }
}

impl TokenStream for SpokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(token) => {
                self.token = token;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The syllables the index holds: what a query's letters may be read as.
fn known_syllables(searcher: &Searcher, field: Field) -> BTreeSet<String> {
    let mut known = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let Ok(index) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = index.terms().stream() else {
            continue;
        };
        while stream.advance() {
            if let Ok(syllable) = std::str::from_utf8(stream.key()) {
                known.insert(syllable.to_string());
            }
        }
    }
    known
}

/// Ways of reading `letters` as whole syllables, the last of which may be cut short.
fn readings_of(letters: &str, known: &BTreeSet<String>) -> Vec<Vec<String>> {
    fn walk(
        rest: &str,
        known: &BTreeSet<String>,
        so_far: &mut Vec<String>,
        out: &mut Vec<Vec<String>>,
    ) {
        if out.len() >= MAX_READINGS || rest.is_empty() {
            return;
        }
        // The rest as the start of a syllable: the last, cut short.
        if known
            .range(rest.to_string()..)
            .next()
            .is_some_and(|s| s.starts_with(rest))
        {
            let mut whole = so_far.clone();
            whole.push(rest.to_string());
            out.push(whole);
        }
        for length in 1..=LONGEST_SYLLABLE.min(rest.len() - 1) {
            let (syllable, after) = rest.split_at(length);
            if known.contains(syllable) {
                so_far.push(syllable.to_string());
                walk(after, known, so_far, out);
                so_far.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(letters, known, &mut Vec::new(), &mut out);
    out
}

/// Queries for characters read as `piece`, by their syllables (the last may be cut short) or by
/// their initials; none if `piece` cannot be read either way.
pub(super) fn spelled(
    searcher: &Searcher,
    syllables_field: Field,
    initials_field: Field,
    piece: &str,
) -> Vec<Box<dyn Query>> {
    let mut queries: Vec<Box<dyn Query>> = Vec::new();
    if !piece.is_ascii() {
        return queries;
    }
    let known = known_syllables(searcher, syllables_field);
    for reading in readings_of(piece, &known) {
        let terms = reading
            .iter()
            .enumerate()
            .map(|(at, s)| (at, Term::from_field_text(syllables_field, s)))
            .collect();
        queries.push(Box::new(PhrasePrefixQuery::new_with_offset(terms)));
    }
    if piece.bytes().all(|b| b.is_ascii_lowercase()) {
        let letters: Vec<char> = piece.chars().collect();
        let mut pairs: Vec<(usize, Term)> = letters
            .windows(2)
            .enumerate()
            .map(|(at, pair)| {
                let text: String = pair.iter().collect();
                (at, Term::from_field_text(initials_field, &text))
            })
            .collect();
        match pairs.len() {
            0 => {}
            1 => queries.push(Box::new(TermQuery::new(
                pairs.remove(0).1,
                IndexRecordOption::Basic,
            ))),
            _ => queries.push(Box::new(PhraseQuery::new_with_offset(pairs))),
        }
    }
    queries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_read_every_way_the_syllables_allow() {
        let known: BTreeSet<String> = ["xi", "xian", "an", "ang", "dang", "dan", "gan", "guan"]
            .map(String::from)
            .into();
        let mut xian = readings_of("xian", &known);
        xian.sort();
        assert_eq!(xian, [vec!["xi", "an"], vec!["xian"]]);
        assert!(readings_of("dangangu", &known).contains(&vec![
            "dang".to_string(),
            "an".to_string(),
            "gu".to_string()
        ]));
        assert!(readings_of("qq", &known).is_empty());
    }
}
