//! What a described record says to the learner: the pairs of characters of its title, the Latin
//! words in it, who made it and the series of its 文号, each as a number.

use std::hash::{Hash, Hasher};

use crate::domain::register::{bigrams_of, meaningful, normal};

/// A record as far as the clerk has described it: what suggestions are made from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Described<'a> {
    pub fonds: &'a str,
    pub title: &'a str,
    pub responsible: &'a str,
    pub doc_no: &'a str,
}

fn hashed(tag: u8, text: &impl Hash) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    tag.hash(&mut hasher);
    text.hash(&mut hasher);
    hasher.finish()
}

/// The series of a 文号, the issuer's abbreviation before the year or number (`京政发` of
/// `京政发〔2019〕12号`); empty when it starts with a number.
pub fn series(doc_no: &str) -> String {
    normal(doc_no)
        .chars()
        .take_while(|c| !c.is_ascii_digit() && !matches!(c, '〔' | '[' | '(' | '（' | '【'))
        .collect()
}

/// The parties of a 责任者 that names several (`市档案局、市财政局`).
pub fn parties(responsible: &str) -> impl Iterator<Item = String> + '_ {
    responsible
        .split(['、', ',', '，', ';', '；', '/'])
        .map(normal)
        .filter(|p| !p.is_empty())
}

/// The features of a described record, each once. Digits are left out of the title's pairs:
/// a year or a number says nothing about how a record is described.
pub fn features(described: &Described) -> Vec<u64> {
    let chars: Vec<char> = meaningful(described.title);
    let mut found: Vec<u64> = Vec::with_capacity(chars.len() + 4);
    let mut word = String::new();
    for c in chars.iter().copied().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() {
            word.push(c);
        } else if !word.is_empty() {
            if word.len() > 1 {
                found.push(hashed(b'w', &word));
            }
            word.clear();
        }
    }
    let cjk: Vec<char> = chars.into_iter().filter(|c| !c.is_ascii()).collect();
    for (a, b) in bigrams_of(&cjk) {
        if !a.is_numeric() && !b.is_numeric() {
            found.push(hashed(b't', &(a, b)));
        }
    }
    for party in parties(described.responsible) {
        found.push(hashed(b'r', &party));
    }
    let series = series(described.doc_no);
    if !series.is_empty() {
        found.push(hashed(b'n', &series));
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The keywords of a record as the catalogue writes them: separated by spaces or marks.
pub fn keyword_terms(keywords: &str) -> impl Iterator<Item = &str> {
    keywords
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，' | ';' | '；'))
        .filter(|t| !t.is_empty())
}
