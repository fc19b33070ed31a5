//! Keywords (主题词) from the catalogue's own terms: a term found in a new title is suggested as
//! often as the catalogue gave it to the titles that contain it.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

use super::Guess;
use super::features::keyword_terms;
use super::features::letters;

/// Terms longer than this are phrases, not keywords.
const LONGEST: usize = 12;
/// At most this many keywords are suggested.
const OFFERED: usize = 5;
/// The most given terms are also learned as values of their own, for titles that do not
/// contain them (任免 for a title about 任职); more would cost memory for little.
const LEARNED_AS_VALUES: usize = 500;

#[derive(Debug, Clone)]
struct Term {
    text: String,
    /// The hash of its letters, as titles are looked through.
    hash: u64,
    /// Records given it.
    noted: u32,
    /// Titles containing the term, and those of them given it as a keyword.
    present: u32,
    given: u32,
}

#[derive(Debug, Default, Clone)]
pub(super) struct Vocabulary {
    terms: Vec<Term>,
    by_hash: FxHashMap<u64, u32>,
    /// The lengths, in characters, of the terms known: only these are looked for in a title.
    lengths: Vec<usize>,
    /// The characters terms start with: a title is looked through only where one stands.
    starts: rustc_hash::FxHashSet<char>,
    /// The terms learned as values, chosen when the first record is learned.
    as_values: Option<rustc_hash::FxHashSet<u32>>,
}

fn hash_chars(chars: &[char]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    chars.hash(&mut hasher);
    hasher.finish()
}

impl Vocabulary {
    pub(super) fn note(&mut self, keywords: &str) {
        for term in keyword_terms(keywords) {
            let chars = letters(term);
            if !(2..=LONGEST).contains(&chars.len()) {
                continue;
            }
            let next = self.terms.len() as u32;
            let hash = hash_chars(&chars);
            let at = *self.by_hash.entry(hash).or_insert(next);
            if at != next {
                self.terms[at as usize].noted += 1;
            } else {
                self.terms.push(Term {
                    text: term.trim().to_string(),
                    hash,
                    noted: 1,
                    present: 0,
                    given: 0,
                });
                self.starts.insert(chars[0]);
                if !self.lengths.contains(&chars.len()) {
                    self.lengths.push(chars.len());
                }
            }
        }
    }

    /// About how many bytes it holds.
    pub(super) fn size_in_memory(&self) -> usize {
        let terms: usize = self
            .terms
            .iter()
            .map(|t| size_of::<Term>() + t.text.capacity())
            .sum();
        terms + self.by_hash.capacity() * 13 + self.starts.capacity() * 5
    }

    /// The known terms a title (its `letters`) contains, each once.
    fn found_in(&self, chars: &[char]) -> Vec<u32> {
        let mut found = Vec::new();
        for start in 0..chars.len() {
            if !self.starts.contains(&chars[start]) {
                continue;
            }
            for &length in &self.lengths {
                let Some(piece) = chars.get(start..start + length) else {
                    continue;
                };
                if let Some(at) = self.by_hash.get(&hash_chars(piece)) {
                    found.push(*at);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The terms of a record's keywords that are learned as values.
    pub(super) fn labels(&mut self, keywords: &str) -> Vec<String> {
        let terms = &self.terms;
        let chosen = self.as_values.get_or_insert_with(|| {
            let mut by_use: Vec<u32> = (0..terms.len() as u32).collect();
            by_use.sort_by_key(|at| std::cmp::Reverse(terms[*at as usize].noted));
            by_use.into_iter().take(LEARNED_AS_VALUES).collect()
        });
        keyword_terms(keywords)
            .filter_map(|t| self.by_hash.get(&hash_chars(&letters(t))))
            .filter(|at| chosen.contains(at))
            .map(|at| self.terms[*at as usize].text.clone())
            .collect()
    }

    pub(super) fn learn(&mut self, title: &[char], keywords: &str, add: bool) {
        if self.terms.is_empty() {
            return;
        }
        let given: Vec<u64> = keyword_terms(keywords)
            .map(|t| hash_chars(&letters(t)))
            .collect();
        for at in self.found_in(title) {
            let term = &mut self.terms[at as usize];
            let was_given = given.contains(&term.hash);
            let step = |n: &mut u32| *n = if add { *n + 1 } else { n.saturating_sub(1) };
            step(&mut term.present);
            if was_given {
                step(&mut term.given);
            }
        }
    }

    /// The terms of the title the catalogue has given before, as sure as the catalogue gave
    /// them to titles containing them, and the terms learned as values, as likely as the
    /// learner makes them; the surer first, a term inside a longer one suggested left out.
    pub(super) fn suggest(
        &self,
        title: &[char],
        learned: Vec<Guess<String>>,
    ) -> Vec<Guess<String>> {
        let mut found: Vec<Guess<String>> = self
            .found_in(title)
            .into_iter()
            .map(|at| &self.terms[at as usize])
            .filter(|t| t.given > 0)
            .map(|t| Guess {
                value: t.text.clone(),
                confidence: ((f64::from(t.given) + 0.5) / (f64::from(t.present) + 1.0)).min(1.0),
            })
            .collect();
        for guess in learned.into_iter().take(OFFERED) {
            match found.iter_mut().find(|f| f.value == guess.value) {
                Some(f) => f.confidence = f.confidence.max(guess.confidence),
                None => found.push(guess),
            }
        }
        found.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then(b.value.chars().count().cmp(&a.value.chars().count()))
        });
        let mut chosen: Vec<Guess<String>> = Vec::new();
        for guess in found {
            if chosen.iter().any(|c| c.value.contains(&guess.value)) {
                continue;
            }
            chosen.push(guess);
            if chosen.len() == OFFERED {
                break;
            }
        }
        chosen
    }
}
