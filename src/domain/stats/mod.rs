//! The yearly statistics (档案统计): what an archive reports of its holdings, their growth and
//! use, its digital objects and how far the paper track has been retired, as the 档案统计年报
//! forms ask. Pure: the store's kept counts come in, the figures go out.

mod figures;
mod transition;

pub use figures::{Figure, Group, Key, Number, Section, Unit};
pub use transition::{FondsTrack, RegisterSpan, Span, Track, Transition, percent};

use std::collections::BTreeMap;

use super::text::fold;
use super::vocab::vocabulary;

vocabulary! {
    /// How a record came into the archive.
    Via {
        Entry = "entry", "著录", "entered";
        Import = "import", "导入", "imported";
        Receipt = "receipt", "接收", "received";
    }
}

/// One of the store's kept holdings counts: records alike in everything the statistics break
/// them down by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldingRow {
    pub fonds: String,
    pub year: i32,
    pub category: String,
    pub retention: String,
    pub carrier: String,
    pub classification: String,
    pub openness: String,
    pub in_volume: bool,
    /// The local year the records came in.
    pub added: i32,
    pub via: String,
    /// The local year they were destroyed; 0 while held.
    pub gone: i32,
    pub n: u64,
    pub pages: u64,
}

impl HoldingRow {
    /// Whether these records were in the archive at the end of `year`.
    pub fn held_at_end_of(&self, year: i32) -> bool {
        self.added <= year && (self.gone == 0 || self.gone > year)
    }
}

/// A fonds' share of the holdings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FondsHeld {
    pub code: String,
    pub name: String,
    pub records: u64,
    pub volumes: u64,
}

/// Counts by a key, largest first (ties by key).
pub type Tally = Vec<(String, u64)>;

/// What the archive held at the end of the year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    /// Every record (件), those inside volumes too.
    pub records: u64,
    /// Of them, arranged as items (按件整理).
    pub loose: u64,
    /// Of them, inside volumes (卷内文件).
    pub in_volumes: u64,
    pub volumes: u64,
    pub pages: u64,
    pub fonds: Vec<FondsHeld>,
    pub by_category: Tally,
    pub by_retention: Tally,
    pub by_carrier: Tally,
    pub by_class: Tally,
    pub by_openness: Tally,
    /// By the records' own year (the chart of holdings by year), oldest first.
    pub by_year: Vec<(i32, u64)>,
    /// By fonds and the records' own year (the transition's fonds-years).
    pub fonds_years: BTreeMap<(String, i32), u64>,
}

/// Loans of the year (利用).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Used {
    /// 件次: records lent, read or copied.
    pub loans: u64,
    /// 人次: one person on one day counts once.
    pub visits: u64,
    /// Returned after their due date, or still out past it.
    pub overdue: u64,
    /// Marked lost in the year.
    pub lost: u64,
    /// (purpose, 件次, 人次).
    pub by_purpose: Vec<(String, u64, u64)>,
    pub by_kind: Tally,
    pub by_unit: Tally,
    /// 件次 by month, January first.
    pub by_month: [u64; 12],
}

/// One loan of the year, as the use figures count it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanRow {
    pub purpose: String,
    pub kind: String,
    pub unit: String,
    /// `YYYY-MM-DD`.
    pub out_on: String,
    /// Name and ID number: with the day, who a visit (人次) was.
    pub borrower: (String, String),
    pub overdue: bool,
}

impl Used {
    /// The use figures of the year's loans (`lost`: those marked lost in it).
    pub fn count(loans: &[LoanRow], lost: u64) -> Used {
        use std::collections::BTreeSet;
        let mut used = Used {
            lost,
            ..Used::default()
        };
        let (mut purposes, mut kinds, mut units) =
            (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
        let mut visits: BTreeMap<&str, BTreeSet<(&str, &str, &str)>> = BTreeMap::new();
        let mut everyone = BTreeSet::new();
        for loan in loans {
            used.loans += 1;
            used.overdue += u64::from(loan.overdue);
            let month: usize = loan
                .out_on
                .get(5..7)
                .and_then(|m| m.parse().ok())
                .unwrap_or(1);
            used.by_month[month.clamp(1, 12) - 1] += 1;
            count(&mut purposes, loan.purpose.clone(), 1);
            count(&mut kinds, loan.kind.clone(), 1);
            count(&mut units, loan.unit.clone(), 1);
            let person_day = (
                loan.borrower.0.as_str(),
                loan.borrower.1.as_str(),
                loan.out_on.as_str(),
            );
            visits.entry(&loan.purpose).or_default().insert(person_day);
            everyone.insert(person_day);
        }
        used.visits = everyone.len() as u64;
        used.by_purpose = tally(purposes)
            .into_iter()
            .map(|(p, n)| {
                let v = visits.get(p.as_str()).map_or(0, |s| s.len() as u64);
                (p, n, v)
            })
            .collect();
        used.by_kind = tally(kinds);
        used.by_unit = tally(units);
        used
    }
}

/// Digital objects held at the end of the year, and those attached in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Digital {
    pub objects: u64,
    /// Records with at least one object.
    pub records: u64,
    /// The pages those records declare.
    pub pages: u64,
    pub bytes: u64,
    pub objects_added: u64,
    pub bytes_added: u64,
}

/// A year's statistics, within one reader's sight.
#[derive(Debug, Clone, PartialEq)]
pub struct Statistics {
    pub year: i32,
    pub fonds: Option<String>,
    /// The highest 密级 the figures take in: nothing above it is counted anywhere.
    pub ceiling: super::Classification,
    /// Every fonds' name by its code (fonds are no secret; their records' counts are).
    pub fonds_names: BTreeMap<String, String>,
    pub held: Held,
    pub added: Tally,
    /// Destroyed in the year, by fonds.
    pub destroyed: Tally,
    pub used: Used,
    pub digital: Digital,
    pub transition: Transition,
}

/// Adds `n` under `key`.
pub fn count<K: Ord>(into: &mut BTreeMap<K, u64>, key: K, n: u64) {
    *into.entry(key).or_insert(0) += n;
}

/// A tally, largest first, ties by key.
pub fn tally<K: Ord + ToString>(counts: BTreeMap<K, u64>) -> Tally {
    let mut out: Tally = counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// A tally in the vocabulary's own order (永久 before 定期30年 …), not by size.
pub fn in_order(counts: BTreeMap<String, u64>, order: &[&str]) -> Tally {
    let mut out: Tally = counts.into_iter().filter(|(_, n)| *n > 0).collect();
    out.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
    out
}

/// Holdings at the end of `year`, what came in during it (by how) and what was destroyed in it
/// (by fonds), from the kept counts. Volumes and fonds names come separately.
pub fn fold_holdings(rows: &[HoldingRow], year: i32) -> (Held, Tally, Tally) {
    use super::{Carrier, Classification, Openness, Retention};
    let mut held = Held::default();
    let (mut fonds, mut category, mut retention) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let (mut carrier, mut class, mut openness) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let (mut by_year, mut added, mut destroyed) =
        (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    for row in rows {
        if row.added == year {
            count(&mut added, row.via.clone(), row.n);
        }
        if row.gone == year {
            count(&mut destroyed, row.fonds.clone(), row.n);
        }
        if !row.held_at_end_of(year) {
            continue;
        }
        held.records += row.n;
        held.pages += row.pages;
        match row.in_volume {
            true => held.in_volumes += row.n,
            false => held.loose += row.n,
        }
        count(&mut fonds, row.fonds.clone(), row.n);
        let shown = if row.category.is_empty() {
            "-"
        } else {
            &row.category
        };
        count(&mut category, shown.to_string(), row.n);
        count(&mut retention, row.retention.clone(), row.n);
        count(&mut carrier, row.carrier.clone(), row.n);
        count(&mut class, row.classification.clone(), row.n);
        count(&mut openness, row.openness.clone(), row.n);
        count(&mut by_year, row.year, row.n);
        count(&mut held.fonds_years, (row.fonds.clone(), row.year), row.n);
    }
    held.fonds = fonds
        .into_iter()
        .map(|(code, records)| FondsHeld {
            code,
            records,
            ..FondsHeld::default()
        })
        .collect();
    held.by_category = tally(category);
    // 永久, 定期30年, 定期10年, then the older 长期 and 短期.
    let retention_order = [
        Retention::Permanent,
        Retention::ThirtyYears,
        Retention::TenYears,
        Retention::Long,
        Retention::Short,
    ]
    .map(Retention::code);
    held.by_retention = in_order(retention, &retention_order);
    let carriers: Vec<&str> = Carrier::ALL.iter().map(|c| c.code()).collect();
    held.by_carrier = in_order(carrier, &carriers);
    let classes: Vec<&str> = Classification::ALL.iter().map(|c| c.code()).collect();
    held.by_class = in_order(class, &classes);
    let opennesses: Vec<&str> = Openness::ALL.iter().map(|o| o.code()).collect();
    held.by_openness = in_order(openness, &opennesses);
    held.by_year = by_year.into_iter().filter(|(_, n)| *n > 0).collect();
    let vias: Vec<&str> = Via::ALL.iter().map(|v| v.code()).collect();
    (held, in_order(added, &vias), tally(destroyed))
}

#[cfg(test)]
mod tests;
