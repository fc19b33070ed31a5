//! The hierarchy a fonds is described in when it leaves for other archive software (EAD, AtoM's
//! CSV): 门类·年度 series, 保管期限 and 机构(问题) below them, items (件) at the bottom; items
//! inside volumes under their catalogue (目录) and volume (案卷). Walked in the order of
//! `store::finding_aid`, each level opened once with what it holds.

use std::collections::BTreeMap;

use crate::archive::store::finding_aid::GroupTally;
use crate::domain::volume::VolumeNo;
use crate::domain::{Record, Retention};

/// One step of the hierarchy below the fonds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Series { category: String, year: u16 },
    Retention(Retention),
    Dept(String),
    Catalogue(String),
    Volume(VolumeNo),
}

impl Level {
    /// The part of the 档号 this level adds: joined with `-` below the fonds code, they make it.
    pub fn code_part(&self) -> String {
        match self {
            Level::Series { category, year } if category.is_empty() => year.to_string(),
            Level::Series { category, year } => format!("{category}·{year}"),
            Level::Retention(retention) => retention.code().to_string(),
            Level::Dept(dept) => dept.clone(),
            Level::Catalogue(catalogue) => catalogue.clone(),
            Level::Volume(no) => no.to_string().rsplit('-').next().unwrap_or_default().into(),
        }
    }

    /// A title for a level that has none of its own (a volume has its own).
    pub fn title(&self) -> Option<String> {
        match self {
            Level::Series { year, .. } => Some(format!("{year}年度")),
            Level::Retention(retention) => Some(retention.label_zh().to_string()),
            Level::Catalogue(catalogue) => Some(format!("目录{catalogue}")),
            Level::Dept(_) | Level::Volume(_) => None,
        }
    }
}

/// What a level holds: records, dates and pages the reader may see.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sum {
    pub records: u64,
    /// Earliest and latest dates, as `RecordDate::sort_key`s.
    pub first: Option<u32>,
    pub last: Option<u32>,
    pub pages: u64,
}

impl Sum {
    fn add(&mut self, tally: &GroupTally) {
        self.records += tally.records;
        self.pages += tally.pages;
        self.first = self.first.into_iter().chain(tally.first).min();
        self.last = self.last.into_iter().chain(tally.last).max();
    }
}

fn path_of(
    category: &str,
    year: u16,
    retention: Retention,
    dept: &str,
    volume: Option<&VolumeNo>,
) -> Vec<Level> {
    if let Some(volume) = volume {
        return vec![
            Level::Catalogue(volume.catalogue.clone()),
            Level::Volume(volume.clone()),
        ];
    }
    let mut path = vec![
        Level::Series {
            category: category.to_string(),
            year,
        },
        Level::Retention(retention),
    ];
    if !dept.is_empty() {
        path.push(Level::Dept(dept.to_string()));
    }
    path
}

/// The path to a record's group.
pub fn path_of_record(record: &Record) -> Vec<Level> {
    let g = &record.code.group;
    path_of(&g.category, g.year, g.retention, &g.dept, g.volume.as_ref())
}

pub struct Tree {
    sums: BTreeMap<Vec<Level>, Sum>,
    whole: Sum,
    /// The finest groups in order, for a description without items.
    groups: Vec<Vec<Level>>,
    open: Vec<Level>,
}

impl Tree {
    pub fn new(tallies: &[GroupTally]) -> Tree {
        let mut sums: BTreeMap<Vec<Level>, Sum> = BTreeMap::new();
        let mut groups = Vec::new();
        let mut whole = Sum::default();
        for tally in tallies {
            let path = path_of(
                &tally.category,
                tally.year,
                tally.retention,
                &tally.dept,
                tally.volume.as_ref(),
            );
            for depth in 1..=path.len() {
                sums.entry(path[..depth].to_vec()).or_default().add(tally);
            }
            whole.add(tally);
            groups.push(path);
        }
        groups.dedup();
        Tree {
            sums,
            whole,
            groups,
            open: Vec::new(),
        }
    }

    /// What the whole fonds holds.
    pub fn whole(&self) -> Sum {
        self.whole
    }

    pub fn sum(&self, path: &[Level]) -> Sum {
        self.sums.get(path).copied().unwrap_or_default()
    }

    pub fn take_groups(&mut self) -> Vec<Vec<Level>> {
        std::mem::take(&mut self.groups)
    }

    /// Whether any level is open.
    pub fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    /// Moves to `path`: how many open levels close, then the paths of those that open.
    pub fn walk(&mut self, path: &[Level]) -> (usize, Vec<Vec<Level>>) {
        let common = self
            .open
            .iter()
            .zip(path)
            .take_while(|(a, b)| a == b)
            .count();
        let closing = self.open.len() - common;
        self.open.truncate(common);
        let opening = (common..path.len()).map(|d| path[..=d].to_vec()).collect();
        self.open = path.to_vec();
        (closing, opening)
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from a `RecordDate::sort_key`.
pub fn iso(key: u32) -> String {
    let (year, month, day) = (key / 10_000, key / 100 % 100, key % 100);
    match (month, day) {
        (0, _) => format!("{year:04}"),
        (_, 0) => format!("{year:04}-{month:02}"),
        _ => format!("{year:04}-{month:02}-{day:02}"),
    }
}

pub fn chinese(key: u32) -> String {
    let (year, month, day) = (key / 10_000, key / 100 % 100, key % 100);
    match (month, day) {
        (0, _) => format!("{year}年"),
        (_, 0) => format!("{year}年{month}月"),
        _ => format!("{year}年{month}月{day}日"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_to_the_precision_known() {
        assert_eq!(iso(20190305), "2019-03-05");
        assert_eq!(iso(20190300), "2019-03");
        assert_eq!(iso(20190000), "2019");
        assert_eq!(chinese(20190300), "2019年3月");
    }

    #[test]
    fn the_parts_of_the_levels_make_the_code() {
        let series = Level::Series {
            category: "WS".into(),
            year: 2011,
        };
        assert_eq!(series.code_part(), "WS·2011");
        let volume = Level::Volume(VolumeNo {
            catalogue: "001".into(),
            number: 12,
        });
        assert_eq!(volume.code_part(), "012");
    }
}
