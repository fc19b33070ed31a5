//! Smart description (智能著录): the 机构/问题 code, retention period, 密级 and 主题词 a new record
//! is likely to take, learned from the records already described, with how sure it is.
//!
//! No model is downloaded and nothing leaves the machine: the learner counts, for every feature
//! of a title (pairs of characters, Latin words), 责任者 and 文号 series, how often each value
//! went with it, and weighs a new record's features as naive Bayes does, starting from how often
//! the fonds gives each value (the baseline a clerk would guess). Keywords are the catalogue's
//! own terms found in the title, ranked by how often the catalogue gave that term to a title
//! containing it, and its most given terms learned as values too. The learner is built from
//! what one session sees, so a suggestion never comes from a record its user cannot see.

mod alike;
mod features;
mod keywords;
#[cfg(test)]
mod tests;

use rustc_hash::FxHashMap;

pub use alike::Probe;
pub use features::{Described, keyword_terms, parties, series};
use features::{features, letters};
use keywords::Vocabulary;

use super::{Classification, Record, Retention};

/// A suggested value and how sure the learner is of it, 0 to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess<T> {
    pub value: T,
    pub confidence: f64,
}

/// What the learner suggests for one described record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suggestions {
    /// 机构(问题) code.
    pub dept: Option<Guess<String>>,
    pub retention: Option<Guess<Retention>>,
    pub classification: Option<Guess<Classification>>,
    /// Best first.
    pub keywords: Vec<Guess<String>>,
}

/// A described record to learn from: what it says and the values it was given.
#[derive(Debug, Clone, Copy)]
pub struct Example<'a> {
    pub described: Described<'a>,
    pub dept: &'a str,
    pub retention: Retention,
    pub classification: Classification,
    pub keywords: &'a str,
}

impl<'a> Example<'a> {
    /// A stored record as an example: its description and the values it was given.
    pub fn of(record: &'a Record) -> Example<'a> {
        Example {
            described: Described {
                fonds: &record.code.group.fonds,
                title: &record.data.title,
                responsible: &record.data.responsible,
                doc_no: &record.data.doc_no,
            },
            dept: &record.code.group.dept,
            retention: record.code.group.retention,
            classification: record.data.classification,
            keywords: &record.data.keywords,
        }
    }
}

/// The fields learned as one value out of several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Dept = 0,
    Retention = 1,
    Classification = 2,
    /// The catalogue's most given keywords, each given one counted as a value.
    Keywords = 3,
}

/// Add-α smoothing of a feature's count under a value: small, as most features are rare.
const ALPHA: f64 = 0.1;

/// One field's values: how often each was given, in all and per fonds, and how many features
/// the records given it had.
#[derive(Debug, Default, Clone)]
struct Table {
    labels: Vec<String>,
    index: FxHashMap<String, u16>,
    examples: Vec<u32>,
    by_fonds: FxHashMap<String, Vec<u32>>,
    features: Vec<u64>,
}

/// A target and one of its values as one number, which orders a feature's counts by target.
fn key(target: Target, label: u16) -> u32 {
    ((target as u32) << 16) | u32::from(label)
}

fn step(n: &mut u32, add: bool) {
    *n = if add { *n + 1 } else { n.saturating_sub(1) };
}

impl Table {
    fn label(&mut self, value: &str) -> u16 {
        if let Some(at) = self.index.get(value) {
            return *at;
        }
        let at = self.labels.len() as u16;
        self.labels.push(value.to_string());
        self.index.insert(value.to_string(), at);
        self.examples.push(0);
        self.features.push(0);
        at
    }

    /// Counts one example of `label` in `fonds` with `features` features, or takes it back.
    fn count(&mut self, label: u16, fonds: &str, features: usize, add: bool) {
        let at = usize::from(label);
        step(&mut self.examples[at], add);
        let width = self.labels.len();
        let per_fonds = self.by_fonds.entry(fonds.to_string()).or_default();
        per_fonds.resize(width, 0);
        step(&mut per_fonds[at], add);
        let total = &mut self.features[at];
        *total = if add {
            *total + features as u64
        } else {
            total.saturating_sub(features as u64)
        };
    }
}

#[derive(Debug, Default, Clone)]
pub struct Learner {
    rows: FxHashMap<u64, u32>,
    /// Per feature: (target and value as `key`, how often), in the order of their keys.
    counts: Vec<Vec<(u32, u32)>>,
    tables: [Table; 4],
    keywords: Vocabulary,
    examples: u64,
}

impl Learner {
    pub fn new() -> Learner {
        Learner::default()
    }

    /// How many records it learned from.
    pub fn examples(&self) -> u64 {
        self.examples
    }

    /// About how many bytes its tables hold (what a session pays for suggestions).
    pub fn size_in_memory(&self) -> usize {
        let rows = self.rows.capacity() * (size_of::<(u64, u32)>() + 1);
        let counts: usize = self
            .counts
            .iter()
            .map(|c| size_of::<Vec<(u32, u32)>>() + c.capacity() * size_of::<(u32, u32)>())
            .sum();
        let tables: usize = self
            .tables
            .iter()
            .map(|t| {
                let fonds: usize = t.by_fonds.values().map(|v| 48 + v.capacity() * 4).sum();
                t.labels
                    .iter()
                    .map(|l| 2 * (24 + l.capacity()) + 12)
                    .sum::<usize>()
                    + fonds
            })
            .sum();
        rows + counts + tables + self.keywords.size_in_memory()
    }

    /// Takes in the terms the catalogue uses as keywords. Every record's keywords are noted
    /// before any record is learned, so that a term is looked for in every title.
    pub fn note_keywords(&mut self, keywords: &str) {
        self.keywords.note(keywords);
    }

    pub fn learn(&mut self, example: &Example) {
        self.change(example, true);
    }

    /// Takes back what `learn` took from an example: to judge a record by the others only.
    pub fn forget(&mut self, example: &Example) {
        self.change(example, false);
    }

    fn change(&mut self, example: &Example, add: bool) {
        let title = letters(example.described.title);
        let found = features(&example.described, &title);
        let fonds = example.described.fonds;
        let mut labelled = Vec::with_capacity(5);
        let values = [
            (Target::Dept, example.dept),
            (Target::Retention, example.retention.code()),
            (Target::Classification, example.classification.code()),
        ];
        for (target, value) in values {
            if value.is_empty() {
                continue;
            }
            let table = &mut self.tables[target as usize];
            let label = table.label(value);
            table.count(label, fonds, found.len(), add);
            labelled.push(key(target, label));
        }
        for term in self.keywords.labels(example.keywords) {
            let table = &mut self.tables[Target::Keywords as usize];
            let label = table.label(&term);
            table.count(label, fonds, found.len(), add);
            labelled.push(key(Target::Keywords, label));
        }
        for feature in found {
            let next = self.counts.len() as u32;
            let row = *self.rows.entry(feature).or_insert(next);
            if row == next {
                self.counts.push(Vec::new());
            }
            let counts = &mut self.counts[row as usize];
            for &key in &labelled {
                match counts.binary_search_by_key(&key, |(k, _)| *k) {
                    Ok(at) => step(&mut counts[at].1, add),
                    Err(at) if add => counts.insert(at, (key, 1)),
                    Err(_) => {}
                }
            }
        }
        self.keywords.learn(&title, example.keywords, add);
        self.examples = if add {
            self.examples + 1
        } else {
            self.examples.saturating_sub(1)
        };
    }

    /// What the records learned from suggest for `described`. Nothing is suggested from a title
    /// with nothing in it.
    pub fn suggest(&self, described: &Described) -> Suggestions {
        if described.title.trim().is_empty() || self.examples == 0 {
            return Suggestions::default();
        }
        let title = letters(described.title);
        let rows: Vec<u32> = features(described, &title)
            .iter()
            .filter_map(|f| self.rows.get(f).copied())
            .collect();
        let guess = |target: Target| {
            self.guesses(target, described.fonds, &rows)
                .into_iter()
                .next()
        };
        Suggestions {
            dept: guess(Target::Dept),
            retention: guess(Target::Retention).and_then(|g| {
                Some(Guess {
                    value: Retention::from_code_part(&g.value)?,
                    confidence: g.confidence,
                })
            }),
            classification: guess(Target::Classification).and_then(|g| {
                Some(Guess {
                    value: Classification::parse(&g.value)?,
                    confidence: g.confidence,
                })
            }),
            keywords: self.keywords.suggest(
                &title,
                self.guesses(Target::Keywords, described.fonds, &rows),
            ),
        }
    }

    /// The fonds' most frequent value of a field: the baseline suggestions are measured against.
    pub fn most_frequent(&self, fonds: &str) -> [Option<String>; 4] {
        [
            Target::Dept,
            Target::Retention,
            Target::Classification,
            Target::Keywords,
        ]
        .map(|target| {
            let table = &self.tables[target as usize];
            let counts = table.by_fonds.get(fonds).unwrap_or(&table.examples);
            let (at, n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
            (*n > 0).then(|| table.labels[at].clone())
        })
    }

    /// Every value of a field with how likely it is, the likeliest first: naive Bayes over the
    /// features known, tempered. The features of a title are far from independent (its pairs of
    /// characters overlap), so their sum is divided by the square root of their number, which
    /// keeps the confidence nearer how often it is right.
    fn guesses(&self, target: Target, fonds: &str, rows: &[u32]) -> Vec<Guess<String>> {
        let table = &self.tables[target as usize];
        let width = table.labels.len();
        let known_fonds = self.tables[Target::Retention as usize]
            .by_fonds
            .contains_key(fonds);
        let prior = match table.by_fonds.get(fonds) {
            Some(prior) => prior,
            // A fonds whose records never have this field (no 机构 in its codes) gets none.
            None if known_fonds => return Vec::new(),
            None => &table.examples,
        };
        let seen: f64 = prior.iter().map(|n| f64::from(*n)).sum();
        if table.examples.iter().all(|n| *n == 0) {
            return Vec::new();
        }
        let vocabulary = self.counts.len() as f64;
        // Every feature counts as unseen under every value, then seen ones are raised.
        let mut likelihood: Vec<f64> = table
            .features
            .iter()
            .map(|n| rows.len() as f64 * (ALPHA / (*n as f64 + ALPHA * vocabulary)).ln())
            .collect();
        let (first, last) = (key(target, 0), key(target, u16::MAX));
        for row in rows {
            let counts = &self.counts[*row as usize];
            // A target's values are together, in the order of their keys.
            let start = counts.partition_point(|(k, _)| *k < first);
            for &(k, n) in counts[start..].iter().take_while(|(k, _)| *k <= last) {
                if n > 0 {
                    let label = usize::from((k & 0xFFFF) as u16);
                    likelihood[label] += ((f64::from(n) + ALPHA) / ALPHA).ln();
                }
            }
        }
        let temper = (rows.len().max(1) as f64).sqrt();
        let scores: Vec<(usize, f64)> = (0..width)
            .filter(|at| table.examples[*at] > 0)
            .map(|at| {
                let given = prior.get(at).copied().unwrap_or(0);
                let prior = ((f64::from(given) + 0.5) / (seen + 0.5 * width as f64)).ln();
                (at, prior + likelihood[at] / temper)
            })
            .collect();
        let best = scores.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = scores.iter().map(|s| (s.1 - best).exp()).sum();
        let mut guesses: Vec<Guess<String>> = scores
            .into_iter()
            .map(|(at, score)| Guess {
                value: table.labels[at].clone(),
                confidence: (score - best).exp() / sum,
            })
            .collect();
        guesses.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        guesses
    }
}
