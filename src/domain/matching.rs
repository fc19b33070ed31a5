//! Matching the lines of a paper register to the records of its scope: by archival code first,
//! then by title similarity, date and responsible party. One record is never given to two lines.

use std::collections::HashMap;

use super::register::{
    Columns, LineKind, PaperLine, bigrams_of, differences, meaningful, normal, paper_code,
    title_similarity,
};
use super::{Field, Record, RecordDate};

/// A fuzzy candidate at or above this score is taken as the line's record.
pub const ACCEPT: f64 = 0.72;
/// A line this close to a record another line already has is that line written twice.
pub const DUPLICATE: f64 = 0.95;
/// How many candidates a line keeps to offer when nothing was taken.
const OFFERED: usize = 5;
/// Only a line's rarest title bigrams look for candidates: common ones (关于, 工作) find everything.
const PROBES: usize = 6;

/// What became of one line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineMatch {
    /// Index into the scope's records.
    pub record: Option<usize>,
    pub score: f64,
    pub kind: LineKind,
    pub differs: Vec<String>,
    /// (record index, score), best first: what the desk may pick instead.
    pub candidates: Vec<(usize, f64)>,
}

/// Every line's match, and the records of the scope no line has (only digital).
#[derive(Debug, Clone, PartialEq)]
pub struct Matching {
    pub lines: Vec<LineMatch>,
    pub digital_only: Vec<usize>,
}

/// What of a line is compared with each candidate, worked out once.
struct LineFacts<'l> {
    date: Option<RecordDate>,
    responsible_as_written: &'l str,
    responsible: String,
}

impl LineFacts<'_> {
    fn of(line: &PaperLine) -> LineFacts<'_> {
        let written = line.value(Field::Responsible).trim();
        LineFacts {
            date: line.value(Field::Date).parse().ok(),
            responsible_as_written: written,
            responsible: normal(written),
        }
    }
}

/// How alike a line and a record are, 0 to 1: mostly the title, then date and responsible party
/// where the register has them.
pub fn score(line: &PaperLine, record: &Record, columns: &Columns) -> f64 {
    let title = title_similarity(line.value(Field::Title), &record.data.title);
    score_with_title(&LineFacts::of(line), record, columns, title)
}

/// `score` with the line's facts and the titles' similarity already known.
fn score_with_title(line: &LineFacts, record: &Record, columns: &Columns, title: f64) -> f64 {
    let mut total = 0.7 * title;
    let mut weight = 0.7;
    if columns.fields.contains(&Field::Date) {
        weight += 0.15;
        total += match (line.date, record.data.date) {
            (Some(p), Some(d)) if (p.year, p.month, p.day) == (d.year, d.month, d.day) => 0.15,
            (Some(p), Some(d)) if p.year == d.year => 0.075,
            _ => 0.0,
        };
    }
    if columns.fields.contains(&Field::Responsible) {
        weight += 0.15;
        let written = line.responsible_as_written;
        total += if written.is_empty() {
            0.0
        } else if written == record.data.responsible {
            0.15
        } else {
            let (p, d) = (&line.responsible, normal(&record.data.responsible));
            if *p == d {
                0.15
            } else if d.contains(p.as_str()) || p.contains(&d) {
                0.075
            } else {
                0.0
            }
        };
    }
    total / weight
}

/// Where to look for a line's record without comparing every pair: records by exact title, and by
/// title bigram within a year (a register is mostly by year, and templated titles share bigrams).
/// The bigram postings are one sorted vector: a fonds has 100,000s of titles, and a map of small
/// vectors costs more to build and to drop than the matching itself.
struct TitleIndex {
    by_title: HashMap<String, Vec<u32>>,
    postings: Vec<(u16, (char, char), u32)>,
}

/// The year a line is about: its date, else the year in its code (an item inside a volume has
/// none in its code).
fn line_year(line: &PaperLine) -> Option<u16> {
    let from_code = || {
        let text = normal(&line.code);
        match text.parse::<super::ArchivalCode>() {
            Ok(code) => code.group.volume.is_none().then_some(code.group.year),
            // A code miswritten elsewhere may still say its year.
            Err(_) => text.split('-').nth(1)?.parse().ok(),
        }
    };
    line.value(Field::Date)
        .parse::<RecordDate>()
        .ok()
        .map(|d| d.year)
        .or_else(from_code)
}

impl TitleIndex {
    fn new(records: &[Record]) -> TitleIndex {
        let mut by_title: HashMap<String, Vec<u32>> = HashMap::new();
        let mut postings = Vec::new();
        for (i, record) in records.iter().enumerate() {
            let chars = meaningful(&record.data.title);
            let mut grams = bigrams_of(&chars);
            by_title
                .entry(chars.into_iter().collect())
                .or_default()
                .push(i as u32);
            grams.sort_unstable();
            grams.dedup();
            let year = record.code.group.year;
            postings.extend(grams.into_iter().map(|g| (year, g, i as u32)));
        }
        postings.sort_unstable();
        TitleIndex { by_title, postings }
    }

    fn posting(&self, year: u16, gram: (char, char)) -> &[(u16, (char, char), u32)] {
        let start = self.postings.partition_point(|p| (p.0, p.1) < (year, gram));
        let end = self
            .postings
            .partition_point(|p| (p.0, p.1) <= (year, gram));
        &self.postings[start..end]
    }

    /// Records with the same title; else those of the line's year sharing the most of its
    /// rarest bigrams. Also says whether they are the same title.
    fn candidates(&self, records: &[Record], line: &PaperLine, limit: usize) -> (Vec<usize>, bool) {
        let chars = meaningful(line.value(Field::Title));
        let key: String = chars.iter().collect();
        let year = line_year(line);
        if let Some(same) = self.by_title.get(&key) {
            // A templated title recurs across years: the line's year narrows it when it can.
            let of_year: Vec<usize> = same
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| Some(records[i].code.group.year) == year)
                .collect();
            if same.len() <= limit || of_year.is_empty() {
                return (same.iter().map(|&i| i as usize).collect(), true);
            }
            return (of_year, true);
        }
        let Some(year) = year else {
            return (Vec::new(), false);
        };
        let mut grams = bigrams_of(&chars);
        grams.sort_unstable();
        grams.dedup();
        // Bigrams no record of the year has (a typo's) say nothing; the rarest of the rest do.
        let mut postings: Vec<_> = grams
            .iter()
            .map(|g| self.posting(year, *g))
            .filter(|p| !p.is_empty())
            .collect();
        postings.sort_by_key(|p| p.len());
        let mut hits: HashMap<u32, u32> = HashMap::new();
        for posting in postings.into_iter().take(PROBES) {
            for &(_, _, i) in posting {
                *hits.entry(i).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u32, u32)> = hits.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let found = ranked.into_iter().take(limit).map(|(i, _)| i as usize);
        (found.collect(), false)
    }
}

/// Matches `lines` to `records` (the scope's). `columns`: the fields the register has.
pub fn match_lines(lines: &[PaperLine], records: &[Record], columns: &Columns) -> Matching {
    let by_code: HashMap<String, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.code.to_string(), i))
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; records.len()];
    let mut out: Vec<LineMatch> = lines
        .iter()
        .map(|_| LineMatch {
            record: None,
            score: 0.0,
            kind: LineKind::PaperOnly,
            differs: Vec::new(),
            candidates: Vec::new(),
        })
        .collect();

    // By code, in paper order: the first line with a code has the record; a later one is a duplicate.
    for (l, line) in lines.iter().enumerate() {
        let Some(&r) = by_code.get(&paper_code(&line.code)) else {
            continue;
        };
        out[l].record = Some(r);
        out[l].score = 1.0;
        match owner[r] {
            None => owner[r] = Some(l),
            Some(_) => out[l].kind = LineKind::Duplicate,
        }
    }

    // The rest by similarity: every (line, candidate) pair, best first, each record taken once.
    let index = TitleIndex::new(records);
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (l, line) in lines.iter().enumerate() {
        if out[l].record.is_some() {
            continue;
        }
        let (found, same_title) = index.candidates(records, line, 50);
        let facts = LineFacts::of(line);
        let title = line.value(Field::Title);
        let mut scored: Vec<(usize, f64)> = found
            .into_iter()
            .map(|r| {
                let record = &records[r];
                let similarity = if same_title {
                    1.0
                } else {
                    title_similarity(title, &record.data.title)
                };
                (r, score_with_title(&facts, record, columns, similarity))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(OFFERED);
        pairs.extend(scored.iter().map(|&(r, s)| (s, l, r)));
        out[l].candidates = scored;
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (s, l, r) in pairs {
        if s < ACCEPT || out[l].record.is_some() {
            continue;
        }
        if owner[r].is_none() {
            owner[r] = Some(l);
            out[l].record = Some(r);
            out[l].score = s;
        }
    }
    // A line left without a record but as good as identical to a taken one: written twice.
    for m in out.iter_mut().filter(|m| m.record.is_none()) {
        if let Some(&(r, s)) = m.candidates.first()
            && s >= DUPLICATE
        {
            m.record = Some(r);
            m.score = s;
            m.kind = LineKind::Duplicate;
        }
    }

    for (l, m) in out.iter_mut().enumerate() {
        if let (Some(r), LineKind::PaperOnly) = (m.record, m.kind) {
            m.differs = differences(&lines[l], &records[r], columns);
            m.kind = if m.differs.is_empty() {
                LineKind::Agrees
            } else {
                LineKind::Differs
            };
        }
    }
    let digital_only = (0..records.len()).filter(|&r| owner[r].is_none()).collect();
    Matching {
        lines: out,
        digital_only,
    }
}
