//! The archival code (档号) `全宗号-年度-保管期限-机构(问题)-件号` of DA/T 22-2015.

use std::fmt;
use std::str::FromStr;

use super::record::Retention;
use super::text::fold;

/// Item numbers are printed with at least this many digits (DA/T 22-2015: "不足4位的前面用0补足").
const ITEM_DIGITS: usize = 4;
const MAX_ITEM: u32 = 999_999;
const MAX_PART_LEN: usize = 10;

/// Everything of a code but the item number: the group in which item numbers run.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodeGroup {
    pub fonds: String,
    pub year: u16,
    pub retention: Retention,
    pub dept: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArchivalCode {
    pub group: CodeGroup,
    pub item: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    PartCount(usize),
    Fonds(String),
    Year(String),
    Retention(String),
    Dept(String),
    Item(String),
}

impl CodeError {
    /// What is wrong, in words for either language.
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::i18n::RecordMsg;
        match self {
            CodeError::PartCount(n) => RecordMsg::CodeParts { found: *n as u64 },
            CodeError::Fonds(t) => RecordMsg::CodeFonds { text: t.clone() },
            CodeError::Year(t) => RecordMsg::CodeYear { text: t.clone() },
            CodeError::Retention(t) => RecordMsg::CodeRetention { text: t.clone() },
            CodeError::Dept(t) => RecordMsg::CodeDept { text: t.clone() },
            CodeError::Item(t) => RecordMsg::CodeItem { text: t.clone() },
        }
        .into()
    }
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.msg().fmt(f)
    }
}

impl std::error::Error for CodeError {}

fn valid_part(part: &str) -> bool {
    !part.is_empty()
        && part.len() <= MAX_PART_LEN
        && part.bytes().all(|b| b.is_ascii_alphanumeric())
}

impl CodeGroup {
    pub fn new(fonds: &str, year: &str, retention: &str, dept: &str) -> Result<Self, CodeError> {
        let fonds = fold(fonds).to_ascii_uppercase();
        if !valid_part(&fonds) {
            return Err(CodeError::Fonds(fonds));
        }
        let year_text = fold(year);
        let year = parse_year(&year_text).ok_or_else(|| CodeError::Year(year_text.to_string()))?;
        let retention = Retention::from_code_part(&fold(retention))
            .ok_or_else(|| CodeError::Retention(retention.trim().to_string()))?;
        let dept = fold(dept).to_ascii_uppercase();
        if !valid_part(&dept) {
            return Err(CodeError::Dept(dept));
        }
        Ok(CodeGroup {
            fonds,
            year,
            retention,
            dept,
        })
    }

    pub fn with_item(&self, item: u32) -> ArchivalCode {
        ArchivalCode {
            group: self.clone(),
            item,
        }
    }
}

impl fmt::Display for CodeGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = self;
        write!(
            f,
            "{}-{}-{}-{}",
            g.fonds,
            g.year,
            g.retention.code(),
            g.dept
        )
    }
}

pub fn parse_year(text: &str) -> Option<u16> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|y| (1000..=2999).contains(y))
}

fn parse_item(text: &str) -> Result<u32, CodeError> {
    let bad = || CodeError::Item(text.to_string());
    if text.is_empty() || text.len() > 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=MAX_ITEM).contains(&n) => Ok(n),
        _ => Err(bad()),
    }
}

impl FromStr for ArchivalCode {
    type Err = CodeError;

    /// Accepts full-width input and lower case; `J001-2019-Y-BGS-1` is read as item 0001.
    fn from_str(input: &str) -> Result<Self, CodeError> {
        let folded = fold(input);
        let parts: Vec<&str> = folded.split('-').map(str::trim).collect();
        let [fonds, year, retention, dept, item] = parts[..] else {
            return Err(CodeError::PartCount(parts.len()));
        };
        let group = CodeGroup::new(fonds, year, retention, dept)?;
        Ok(group.with_item(parse_item(item)?))
    }
}

impl fmt::Display for ArchivalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:0width$}",
            self.group,
            self.item,
            width = ITEM_DIGITS
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_the_canonical_form() {
        let code: ArchivalCode = "J001-2019-Y-BGS-0001".parse().unwrap();
        assert_eq!(code.group.fonds, "J001");
        assert_eq!(code.group.year, 2019);
        assert_eq!(code.group.retention, Retention::Permanent);
        assert_eq!(code.group.dept, "BGS");
        assert_eq!(code.item, 1);
        assert_eq!(code.to_string(), "J001-2019-Y-BGS-0001");
    }

    #[test]
    fn full_width_lower_case_and_short_items_are_normalised() {
        let code: ArchivalCode = "ｊ００１－２０１９－ｄ３０－bgs－７".parse().unwrap();
        assert_eq!(code.to_string(), "J001-2019-D30-BGS-0007");
        let big: ArchivalCode = "J001-2019-D10-BGS-12345".parse().unwrap();
        assert_eq!(big.to_string(), "J001-2019-D10-BGS-12345");
    }

    #[test]
    fn each_bad_part_is_named() {
        let err = |s: &str| s.parse::<ArchivalCode>().unwrap_err();
        assert_eq!(err("J001-2019-Y-0001"), CodeError::PartCount(4));
        assert!(matches!(err("J0 1-2019-Y-BGS-0001"), CodeError::Fonds(_)));
        assert!(matches!(err("档案-2019-Y-BGS-0001"), CodeError::Fonds(_)));
        assert!(matches!(err("J001-19-Y-BGS-0001"), CodeError::Year(_)));
        assert!(matches!(err("J001-3019-Y-BGS-0001"), CodeError::Year(_)));
        assert!(matches!(
            err("J001-2019-D20-BGS-0001"),
            CodeError::Retention(_)
        ));
        assert!(matches!(err("J001-2019-Y-办公室-0001"), CodeError::Dept(_)));
        assert!(matches!(err("J001-2019-Y-BGS-0000"), CodeError::Item(_)));
        assert!(matches!(err("J001-2019-Y-BGS-12a"), CodeError::Item(_)));
    }

    #[test]
    fn codes_sort_by_group_then_item_number() {
        let mut codes: Vec<ArchivalCode> = [
            "J001-2019-Y-BGS-0010",
            "J001-2019-Y-BGS-0002",
            "J001-2018-Y-BGS-0099",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        codes.sort();
        let printed: Vec<String> = codes.iter().map(ToString::to_string).collect();
        assert_eq!(
            printed,
            [
                "J001-2018-Y-BGS-0099",
                "J001-2019-Y-BGS-0002",
                "J001-2019-Y-BGS-0010"
            ]
        );
    }
}
