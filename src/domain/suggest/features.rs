//! What a described record says to the learner: the pairs of characters of its title, the Latin
//! words in it, who made it and the series of its 文号, each as a number.

use std::hash::{Hash, Hasher};

use crate::domain::register::{bigrams_of, normal};

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

/// The characters of a text that carry its meaning, folded as `register::meaningful` folds them
/// (full-width forms to ASCII, lower case) but without its normalisation of the whole text: the
/// learner reads every title of the catalogue, and titles are ideographs and ASCII nearly always.
pub fn letters(text: &str) -> Vec<char> {
    let mut found = Vec::with_capacity(text.len() / 2);
    for c in text.chars() {
        match c {
            '\u{4E00}'..='\u{9FFF}' => found.push(c),
            c if c.is_ascii_alphanumeric() => found.push(c.to_ascii_lowercase()),
            // Full-width digits and letters (０, Ａ).
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                if let Some(ascii) = char::from_u32(u32::from(c) - 0xFEE0) {
                    found.push(ascii.to_ascii_lowercase());
                }
            }
            c if c.is_ascii() => {}
            c if c.is_alphanumeric() => found.extend(c.to_lowercase()),
            _ => {}
        }
    }
    found
}

/// Whether a character is a number (`①`, `Ⅻ`); ideographs are asked first, as they never are.
fn numeric(c: char) -> bool {
    !('\u{4E00}'..='\u{9FFF}').contains(&c) && c.is_numeric()
}

/// The features of a described record whose title reads as `chars` (its `letters`), each once.
/// Digits are left out of the title's pairs: a year or a number says nothing about how a record
/// is described.
pub fn features(described: &Described, chars: &[char]) -> Vec<u64> {
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
    let cjk: Vec<char> = chars.iter().copied().filter(|c| !c.is_ascii()).collect();
    for (a, b) in bigrams_of(&cjk) {
        if !numeric(a) && !numeric(b) {
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
