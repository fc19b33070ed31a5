//! The dual-track transition (双轨制过渡) as a year's statistics see it: per fonds and year,
//! whether its paper register has been reconciled and certified single-track, is being
//! reconciled, or has not been started, and the share of records under certified scopes.

use std::collections::BTreeMap;

use crate::domain::text::fold;
use crate::domain::vocab::vocabulary;

vocabulary! {
    /// Where a fonds-year stands in the move off paper.
    Track {
        Certified = "certified", "已认证单轨", "certified single-track";
        Reconciling = "reconciling", "对账中", "in reconciliation";
        NotStarted = "not_started", "未开始", "not started";
    }
}

/// A paper register as the statistics of a year see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterSpan {
    pub fonds: String,
    /// None: every year of the fonds.
    pub years: Option<(u16, u16)>,
    /// Limited to some boxes: certifying it certifies only part of its years.
    pub boxes: bool,
    /// Imported by the end of the year.
    pub started: bool,
    /// Certified by the end of the year.
    pub certified: bool,
}

impl RegisterSpan {
    fn covers(&self, fonds: &str, year: i32) -> bool {
        self.fonds == fonds
            && self
                .years
                .is_none_or(|(from, to)| (i32::from(from)..=i32::from(to)).contains(&year))
    }
}

/// Consecutive years of a fonds in the same state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub from: i32,
    pub to: i32,
    pub track: Track,
    /// Years in the span, every one holding records.
    pub years: u64,
    pub records: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FondsTrack {
    pub code: String,
    pub records: u64,
    /// Records on the lines of certified registers.
    pub certified: u64,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transition {
    pub fonds: Vec<FondsTrack>,
}

impl Transition {
    /// Per fonds and year (`years`: the records held, by fonds and year), the state the
    /// registers give it; `certified`: records under certified scopes, by fonds.
    pub fn reckon(
        years: &BTreeMap<(String, i32), u64>,
        registers: &[RegisterSpan],
        certified: &BTreeMap<String, u64>,
    ) -> Transition {
        let mut fonds: Vec<FondsTrack> = Vec::new();
        for ((code, year), records) in years {
            if *records == 0 {
                continue;
            }
            let covering = registers
                .iter()
                .filter(|r| r.started && r.covers(code, *year));
            let track = covering.fold(Track::NotStarted, |track, r| {
                match (r.certified && !r.boxes, track) {
                    (true, _) | (_, Track::Certified) => Track::Certified,
                    _ => Track::Reconciling,
                }
            });
            if fonds.last().is_none_or(|f| &f.code != code) {
                fonds.push(FondsTrack {
                    code: code.clone(),
                    certified: certified.get(code).copied().unwrap_or(0),
                    ..FondsTrack::default()
                });
            }
            let Some(entry) = fonds.last_mut() else {
                continue;
            };
            entry.records += records;
            match entry.spans.last_mut() {
                Some(span) if span.track == track && span.to + 1 == *year => {
                    span.to = *year;
                    span.years += 1;
                    span.records += records;
                }
                _ => entry.spans.push(Span {
                    from: *year,
                    to: *year,
                    track,
                    years: 1,
                    records: *records,
                }),
            }
        }
        for entry in &mut fonds {
            // Lines may name records since destroyed or moved: never more than are held.
            entry.certified = entry.certified.min(entry.records);
        }
        Transition { fonds }
    }

    pub fn records(&self) -> u64 {
        self.fonds.iter().map(|f| f.records).sum()
    }

    pub fn certified(&self) -> u64 {
        self.fonds.iter().map(|f| f.certified).sum()
    }

    /// Fonds-years in a state.
    pub fn years_in(&self, track: Track) -> u64 {
        let spans = self.fonds.iter().flat_map(|f| &f.spans);
        spans.filter(|s| s.track == track).map(|s| s.years).sum()
    }
}

/// `part` of `whole` in per cent, to one decimal; 0 of nothing is 0.
pub fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}
