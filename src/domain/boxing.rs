//! Boxes (盒) and the stacks: the records of one code group go into numbered boxes in item
//! order (DA/T 22-2015 6.4 装盒), each box shelved at a location (库房-列-节-层 on compact
//! shelving); a stocktake (清点检查) compares what a clerk scanned on a stretch of shelving with
//! what should be there: the boxes, and the volumes (案卷) that stand there on their own.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use super::code::{ArchivalCode, CodeError, CodeGroup};
use super::text::fold;
use super::volume::VolumeCode;
use crate::i18n::BoxMsg;

/// What stands on a shelf: a box, or a volume standing on its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shelved {
    Box(BoxCode),
    Volume(VolumeCode),
}

impl fmt::Display for Shelved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shelved::Box(code) => code.fmt(f),
            Shelved::Volume(code) => code.fmt(f),
        }
    }
}

/// What a scanned label names on the shelves: a box or volume by its own code, or the box or
/// volume that holds the record of a code (`box_of` finds a record's box).
fn shelved_of(
    label: &str,
    located: &BTreeMap<Shelved, String>,
    box_of: &dyn Fn(&ArchivalCode) -> Option<BoxCode>,
) -> Option<Shelved> {
    let known = |unit: Shelved| located.contains_key(&unit).then_some(unit);
    if let Ok(code) = label.parse::<BoxCode>()
        && let Some(unit) = known(Shelved::Box(code))
    {
        return Some(unit);
    }
    if let Ok(code) = label.parse::<VolumeCode>() {
        return known(Shelved::Volume(code));
    }
    let code = label.parse::<ArchivalCode>().ok()?;
    match code.group.volume_code() {
        Some(volume) => known(Shelved::Volume(volume)),
        None => box_of(&code).and_then(|b| known(Shelved::Box(b))),
    }
}

/// A box's code: its group and number, `J001-2019-Y-BGS-H003` (H for 盒: a barcode on the spine
/// carries only ASCII). The number is printed with at least three digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BoxCode {
    pub group: CodeGroup,
    pub number: u32,
}

impl fmt::Display for BoxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-H{:03}", self.group, self.number)
    }
}

impl FromStr for BoxCode {
    type Err = CodeError;

    /// A box's code as typed or scanned: the group as an archival code reads it, then `H` and
    /// the number (`h3`, `Ｈ００３` and `盒3` too).
    fn from_str(input: &str) -> Result<BoxCode, CodeError> {
        let folded = fold(input).to_string();
        let Some((group, number)) = folded.rsplit_once('-') else {
            return Err(CodeError::PartCount(1));
        };
        let number = number.trim();
        let digits = number
            .strip_prefix(['H', 'h'])
            .or_else(|| number.strip_prefix('盒'))
            .ok_or_else(|| CodeError::Item(number.to_string()))?;
        let number = digits
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| CodeError::Item(number.to_string()))?;
        // The group is read as a code of item 1 would be.
        let code: ArchivalCode = format!("{group}-1").parse()?;
        Ok(BoxCode {
            group: code.group,
            number,
        })
    }
}

/// A location on the shelves: 库房-列-节-层, each part as written (`1号库-03-02-4`). A stocktake
/// walks a prefix of it (`1号库-03`: the whole of column 3).
pub fn location_within(location: &str, range: &str) -> bool {
    let parts = |s: &str| -> Vec<String> {
        fold(s)
            .split(['-', '－'])
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    };
    let (location, range) = (parts(location), parts(range));
    !range.is_empty() && location.len() >= range.len() && location[..range.len()] == range[..]
}

/// A group's items split into boxes in item order: a box closes when the next item would take
/// it past `max_items` items or `max_pages` pages (an item of unknown pages counts as one page;
/// an item larger than a box gets a box of its own). Returns each box's first and last item.
pub fn split_into_boxes(
    items: &[(u32, Option<u32>)],
    max_items: u32,
    max_pages: Option<u32>,
) -> Vec<(u32, u32)> {
    let mut boxes = Vec::new();
    let mut current: Option<(u32, u32, u32, u32)> = None; // first, last, items, pages
    for &(item, pages) in items {
        let pages = pages.unwrap_or(1).max(1);
        current = match current {
            Some((first, last, n, p))
                if n < max_items.max(1) && max_pages.is_none_or(|max| p + pages <= max) =>
            {
                Some((first, item.max(last), n + 1, p + pages))
            }
            Some((first, last, _, _)) => {
                boxes.push((first, last));
                Some((item, item, 1, pages))
            }
            None => Some((item, item, 1, pages)),
        };
    }
    if let Some((first, last, _, _)) = current {
        boxes.push((first, last));
    }
    boxes
}

/// What a stocktake found: boxes that should be on the stretch and were not scanned, boxes
/// scanned there that are recorded elsewhere, and codes that name no box the clerk may see.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stocktake {
    pub expected: usize,
    pub found: Vec<String>,
    pub missing: Vec<String>,
    /// Each with the location it is recorded at.
    pub misplaced: Vec<(String, String)>,
    pub unknown: Vec<String>,
}

impl Stocktake {
    /// What it found, said line by line: the counts, then each box missing, each misplaced
    /// (with where it is recorded), each code unknown.
    pub fn report(&self, stretch: &str) -> Vec<BoxMsg> {
        let mut lines = vec![BoxMsg::Stocktaken {
            stretch: stretch.trim().to_string(),
            expected: self.expected as u64,
            found: self.found.len() as u64,
            missing: self.missing.len() as u64,
            misplaced: self.misplaced.len() as u64,
            unknown: self.unknown.len() as u64,
        }];
        lines.extend(
            self.missing
                .iter()
                .map(|code| BoxMsg::Missing { code: code.clone() }),
        );
        lines.extend(self.misplaced.iter().map(|(code, at)| BoxMsg::Misplaced {
            code: code.clone(),
            at: at.clone(),
        }));
        lines.extend(
            self.unknown
                .iter()
                .map(|code| BoxMsg::Unknown { code: code.clone() }),
        );
        lines
    }
}

/// Compares the codes scanned on a stretch of shelving with the boxes there. `boxes` maps every
/// box the clerk may see to its location; a scanned record code counts for the box holding it
/// (`box_of`). Each code counts once, however often it was scanned.
pub fn compare(
    range: &str,
    boxes: &BTreeMap<Shelved, String>,
    scanned: &[String],
    box_of: &dyn Fn(&ArchivalCode) -> Option<BoxCode>,
) -> Stocktake {
    let mut seen: BTreeSet<Shelved> = BTreeSet::new();
    let mut unknown = Vec::new();
    for code in scanned.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match shelved_of(code, boxes, box_of) {
            Some(b) => {
                seen.insert(b);
            }
            None if !unknown.iter().any(|u| u == code) => unknown.push(code.to_string()),
            None => {}
        }
    }
    let here: Vec<&Shelved> = boxes
        .iter()
        .filter(|(_, at)| location_within(at, range))
        .map(|(b, _)| b)
        .collect();
    Stocktake {
        expected: here.len(),
        found: here
            .iter()
            .filter(|b| seen.contains(b))
            .map(|b| b.to_string())
            .collect(),
        missing: here
            .iter()
            .filter(|b| !seen.contains(b))
            .map(|b| b.to_string())
            .collect(),
        misplaced: seen
            .iter()
            .filter_map(|b| {
                let at = boxes.get(b)?;
                (!location_within(at, range)).then(|| (b.to_string(), at.clone()))
            })
            .collect(),
        unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_codes_read_as_typed_or_scanned() {
        let code: BoxCode = "J001-2019-Y-BGS-H003".parse().unwrap();
        assert_eq!(code.number, 3);
        assert_eq!(code.to_string(), "J001-2019-Y-BGS-H003");
        for typed in [
            "j001-2019-y-bgs-h3",
            "Ｊ００１－２０１９－Ｙ－ＢＧＳ－Ｈ００３",
            "J001-2019-Y-BGS-盒3",
        ] {
            assert_eq!(typed.parse::<BoxCode>(), Ok(code.clone()), "{typed}");
        }
        let dat22: BoxCode = "Z109-WS·2011-Y-H12".parse().unwrap();
        assert_eq!(dat22.to_string(), "Z109-WS·2011-Y-H012");
        assert!("J001-2019-Y-BGS-0003".parse::<BoxCode>().is_err());
        assert!("J001-2019-Y-BGS-H0".parse::<BoxCode>().is_err());
    }

    #[test]
    fn items_fill_boxes_in_order_by_count_or_pages() {
        let items: Vec<(u32, Option<u32>)> = (1..=7).map(|i| (i, Some(30))).collect();
        assert_eq!(split_into_boxes(&items, 3, None), [(1, 3), (4, 6), (7, 7)]);
        assert_eq!(
            split_into_boxes(&items, 100, Some(100)),
            [(1, 3), (4, 6), (7, 7)]
        );
        // A file thicker than a box has one of its own.
        let thick = [(1, Some(20)), (2, Some(500)), (3, Some(20))];
        assert_eq!(
            split_into_boxes(&thick, 100, Some(100)),
            [(1, 1), (2, 2), (3, 3)]
        );
        assert!(split_into_boxes(&[], 10, None).is_empty());
    }

    #[test]
    fn locations_match_by_whole_parts() {
        assert!(location_within("1号库-03-02-4", "1号库-03"));
        assert!(location_within("1号库－03－02－4", "１号库-03"));
        assert!(!location_within("1号库-030-02-4", "1号库-03"));
        assert!(!location_within("1号库-03", "1号库-03-02"));
        assert!(!location_within("1号库-03", ""));
    }

    #[test]
    fn a_stocktake_names_missing_misplaced_and_unknown() {
        let code = |n: u32| BoxCode {
            group: "J001-2019-Y-BGS-0001"
                .parse::<ArchivalCode>()
                .unwrap()
                .group,
            number: n,
        };
        let volume = |text: &str| Shelved::Volume(text.parse().unwrap());
        let boxes: BTreeMap<Shelved, String> = [
            (Shelved::Box(code(1)), "1号库-03-01-1".to_string()),
            (Shelved::Box(code(2)), "1号库-03-01-2".to_string()),
            (Shelved::Box(code(3)), "1号库-04-01-1".to_string()),
            (volume("J007-001-001"), "1号库-03-02-1".to_string()),
            (volume("J007-001-002"), "1号库-03-02-1".to_string()),
        ]
        .into();
        let scanned = [
            "J001-2019-Y-BGS-H001".to_string(),
            "J001-2019-Y-BGS-H001".to_string(),
            "J001-2019-Y-BGS-H003".to_string(),
            "X999-乱码".to_string(),
            "J001-2019-Y-BGS-0041".to_string(),
            // A volume by its spine, and another by the label of an item inside it.
            "j007-1-1".to_string(),
            "J007-001-002-0003".to_string(),
            "J007-001-099".to_string(),
        ];
        // Item 41 is in box 2.
        let box_of = |c: &ArchivalCode| (c.item > 40).then(|| code(2));
        let result = compare("1号库-03", &boxes, &scanned, &box_of);
        assert_eq!(result.expected, 4);
        assert_eq!(
            result.found,
            [
                "J001-2019-Y-BGS-H001",
                "J001-2019-Y-BGS-H002",
                "J007-001-001",
                "J007-001-002"
            ]
        );
        assert!(result.missing.is_empty());
        assert_eq!(
            result.misplaced,
            [(
                "J001-2019-Y-BGS-H003".to_string(),
                "1号库-04-01-1".to_string()
            )]
        );
        assert_eq!(result.unknown, ["X999-乱码", "J007-001-099"]);
    }
}
