//! Words near a piece that found nothing: one character replaced so that every adjacent pair is
//! one the index holds (会以纪要 → 会议纪要, 档按管理 → 档案管理). The caller keeps only those that
//! find records the user may see, so a word held only by records above the user's clearance is
//! never offered.

use std::collections::BTreeMap;

use tantivy::{Searcher, Term};

use super::{SearchIndex, search_error};
use crate::error::Result;

/// Candidates tried per piece, the pairs most used first.
const MAX_CANDIDATES: usize = 8;
/// Pairs read from the dictionary for a first character: a bound on the work of one suggestion.
const MAX_PAIRS_SCANNED: usize = 2_000_000;

impl SearchIndex {
    /// Pieces of the same length as `piece` with one character changed, whose every pair of
    /// adjacent characters is in the index; most used first.
    pub fn near_pieces(&self, piece: &str) -> Result<Vec<String>> {
        let chars: Vec<char> = crate::domain::folding::fold_for_search(piece)
            .chars()
            .collect();
        // Pairs are what the index holds of Chinese text; a Latin word or one character has none.
        if chars.len() < 2 || chars.iter().any(|c| c.is_ascii() || c.is_whitespace()) {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let mut scored: BTreeMap<String, u64> = BTreeMap::new();
        for at in 0..chars.len() {
            let before = at.checked_sub(1).map(|i| chars[i]);
            let after = chars.get(at + 1).copied();
            for (candidate, used) in self.second_characters(&searcher, before, after)? {
                if candidate == chars[at] {
                    continue;
                }
                let Some(after_used) = after.map_or(Some(used), |next| {
                    let freq = self.pair_freq(&searcher, candidate, next);
                    (freq > 0).then_some(used.min(freq))
                }) else {
                    continue;
                };
                let mut near = chars.clone();
                near[at] = candidate;
                scored.insert(near.into_iter().collect(), after_used);
            }
        }
        let mut ranked: Vec<(String, u64)> = scored.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(ranked
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|(near, _)| near)
            .collect())
    }

    fn pair_freq(&self, searcher: &Searcher, first: char, second: char) -> u64 {
        let term = Term::from_field_text(self.fields.pairs, &format!("{first}{second}"));
        searcher.doc_freq(&term).unwrap_or(0)
    }

    /// Characters that can stand between `before` and `after` by the pairs held: those following
    /// `before` (a range of the dictionary), or, at the start of a piece, those preceding `after`.
    fn second_characters(
        &self,
        searcher: &Searcher,
        before: Option<char>,
        after: Option<char>,
    ) -> Result<BTreeMap<char, u64>> {
        let mut found: BTreeMap<char, u64> = BTreeMap::new();
        for segment in searcher.segment_readers() {
            let index = segment
                .inverted_index(self.fields.pairs)
                .map_err(search_error)?;
            let terms = index.terms();
            let mut stream = match before {
                Some(first) => {
                    let from = first.to_string();
                    let to = char::from_u32(first as u32 + 1)
                        .unwrap_or(char::MAX)
                        .to_string();
                    terms.range().ge(from).lt(to).into_stream()
                }
                None => terms.stream(),
            }
            .map_err(|e| search_error(e.into()))?;
            let mut scanned = 0;
            while stream.advance() && scanned < MAX_PAIRS_SCANNED {
                scanned += 1;
                let Ok(pair) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let mut chars = pair.chars();
                let (Some(first), Some(second), None) = (chars.next(), chars.next(), chars.next())
                else {
                    continue;
                };
                let candidate = match (before, after) {
                    (Some(_), _) => second,
                    (None, Some(next)) if second == next => first,
                    _ => continue,
                };
                if candidate.is_alphanumeric() && !candidate.is_ascii() {
                    *found.entry(candidate).or_default() += u64::from(stream.value().doc_freq);
                }
            }
        }
        Ok(found)
    }
}
