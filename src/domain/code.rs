//! The archival code (档号) of 件-level arrangement, in its two shapes:
//! - DA/T 22-2015 as written, `全宗号-档案门类代码·年度-保管期限-机构(问题)代码-件号`
//!   (`Z109-WS·2011-Y-BGS-0001`), the 机构(问题) part left out where a fonds does not use it
//!   (`Z109-WS·2011-Y-0001`);
//! - the shape dangan has always used, without the 门类: `全宗号-年度-保管期限-机构-件号`;
//!
//! and of items inside volumes (卷内文件), `全宗号-目录号-案卷号-顺序号` (see `volume`).

use std::fmt;
use std::str::FromStr;

use super::record::Retention;
use super::text::fold;
use super::volume::VolumeNo;

/// Item numbers are printed with at least this many digits (DA/T 22-2015: "不足4位的前面用0补足").
const ITEM_DIGITS: usize = 4;
const MAX_ITEM: u32 = 999_999;
const MAX_PART_LEN: usize = 10;

/// What `·` between the 门类 and the year may be typed as: a full stop, or one of the middle dots
/// Chinese and Japanese input methods give.
const CATEGORY_DOTS: [char; 6] = ['·', '.', '・', '･', '‧', '•'];

/// Everything of a code but the item number: the group in which item numbers run. Codes sort by
/// fonds, then 件-level groups by their parts in order, then volumes by 目录号 and 案卷号.
#[derive(Debug, Clone)]
pub struct CodeGroup {
    pub fonds: String,
    /// 档案门类代码 (WS = 文书); empty in the older shape without it.
    pub category: String,
    pub year: u16,
    pub retention: Retention,
    /// 机构(问题)代码; empty where a DA/T 22 fonds leaves it out.
    pub dept: String,
    /// The volume an item is inside, where the fonds is arranged by volume. Such a group's year and
    /// retention are its volume's once stored, and not part of its code: a code read from text
    /// has year 0 and 永久 until the archive fills them in.
    pub volume: Option<VolumeNo>,
}

type GroupIdentity<'a> = (
    &'a str,
    Option<&'a VolumeNo>,
    &'a str,
    u16,
    Retention,
    &'a str,
);

impl CodeGroup {
    /// What makes two groups one: for a volume, its fonds and number alone.
    fn identity(&self) -> GroupIdentity<'_> {
        match &self.volume {
            Some(volume) => (&self.fonds, Some(volume), "", 0, Retention::Permanent, ""),
            None => (
                &self.fonds,
                None,
                &self.category,
                self.year,
                self.retention,
                &self.dept,
            ),
        }
    }

    /// The group of the items inside a volume, as read from a code; see `volume`.
    pub fn in_volume(fonds: &str, volume: VolumeNo) -> CodeGroup {
        CodeGroup {
            fonds: fonds.to_string(),
            category: String::new(),
            year: 0,
            retention: Retention::Permanent,
            dept: String::new(),
            volume: Some(volume),
        }
    }
}

impl PartialEq for CodeGroup {
    fn eq(&self, other: &Self) -> bool {
        self.identity() == other.identity()
    }
}

impl Eq for CodeGroup {}

impl std::hash::Hash for CodeGroup {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.identity().hash(state);
    }
}

impl PartialOrd for CodeGroup {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CodeGroup {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.identity().cmp(&other.identity())
    }
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
    Category(String),
    Year(String),
    Retention(String),
    Dept(String),
    Item(String),
    Catalogue(String),
    Volume(String),
}

impl CodeError {
    /// What is wrong, in words for either language.
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::i18n::RecordMsg;
        match self {
            CodeError::PartCount(n) => RecordMsg::CodeParts { found: *n as u64 },
            CodeError::Fonds(t) => RecordMsg::CodeFonds { text: t.clone() },
            CodeError::Category(t) => RecordMsg::CodeCategory { text: t.clone() },
            CodeError::Year(t) => RecordMsg::CodeYear { text: t.clone() },
            CodeError::Retention(t) => RecordMsg::CodeRetention { text: t.clone() },
            CodeError::Dept(t) if t.is_empty() => RecordMsg::DeptRequired,
            CodeError::Dept(t) => RecordMsg::CodeDept { text: t.clone() },
            CodeError::Item(t) => RecordMsg::CodeItem { text: t.clone() },
            CodeError::Catalogue(t) => RecordMsg::CodeCatalogue { text: t.clone() },
            CodeError::Volume(t) => RecordMsg::CodeVolume { text: t.clone() },
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
    /// A group of the shape without 门类: every part given.
    pub fn new(fonds: &str, year: &str, retention: &str, dept: &str) -> Result<Self, CodeError> {
        let group = CodeGroup::parts(fonds, "", year, retention, dept)?;
        if group.dept.is_empty() {
            return Err(CodeError::Dept(String::new()));
        }
        Ok(group)
    }

    /// A group of either shape: an empty `category` is the shape without 门类 (which needs a
    /// 机构 part); with one, `dept` may be empty (DA/T 22 leaves it to the fonds).
    pub fn parts(
        fonds: &str,
        category: &str,
        year: &str,
        retention: &str,
        dept: &str,
    ) -> Result<Self, CodeError> {
        let fonds = fold(fonds).to_ascii_uppercase();
        if !valid_part(&fonds) {
            return Err(CodeError::Fonds(fonds));
        }
        let category = fold(category).to_ascii_uppercase();
        if !category.is_empty() && !valid_part(&category) {
            return Err(CodeError::Category(category));
        }
        let year_text = fold(year);
        let year = parse_year(&year_text).ok_or_else(|| CodeError::Year(year_text.to_string()))?;
        let retention = Retention::from_code_part(&fold(retention))
            .ok_or_else(|| CodeError::Retention(retention.trim().to_string()))?;
        let dept = fold(dept).to_ascii_uppercase();
        let optional = !category.is_empty() && dept.is_empty();
        if !optional && !valid_part(&dept) {
            return Err(CodeError::Dept(dept));
        }
        Ok(CodeGroup {
            fonds,
            category,
            year,
            retention,
            dept,
            volume: None,
        })
    }

    pub fn with_item(&self, item: u32) -> ArchivalCode {
        ArchivalCode {
            group: self.clone(),
            item,
        }
    }
}

/// How a fonds writes the codes of its new records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodeScheme {
    /// `全宗号-年度-保管期限-机构-件号`: dangan's first shape, and most registers made before 2016.
    #[default]
    Plain,
    /// DA/T 22-2015 as written: `全宗号-门类·年度-保管期限-机构-件号`.
    Dat22,
    /// DA/T 22-2015 for a fonds that does not use the 机构(问题) part: `全宗号-门类·年度-保管期限-件号`.
    Dat22NoDept,
    /// Arranged by volume (DA/T 13, GB/T 9705): `全宗号-目录号-案卷号-顺序号`.
    Volume,
}

impl CodeScheme {
    pub const ALL: [CodeScheme; 4] = [
        CodeScheme::Plain,
        CodeScheme::Dat22,
        CodeScheme::Dat22NoDept,
        CodeScheme::Volume,
    ];

    /// As stored and typed.
    pub fn code(self) -> &'static str {
        match self {
            CodeScheme::Plain => "plain",
            CodeScheme::Dat22 => "dat22",
            CodeScheme::Dat22NoDept => "dat22-no-dept",
            CodeScheme::Volume => "volume",
        }
    }

    pub fn parse(text: &str) -> Option<CodeScheme> {
        let text = fold(text)
            .to_ascii_lowercase()
            .replace(['/', '_', ' '], "-");
        CodeScheme::ALL
            .into_iter()
            .find(|s| s.code() == text || s.code().replace('-', "") == text.replace('-', ""))
    }

    /// A code of this shape, for messages.
    pub fn example(self) -> &'static str {
        match self {
            CodeScheme::Plain => "J001-2019-Y-BGS-0001",
            CodeScheme::Dat22 => "Z109-WS·2011-Y-BGS-0001",
            CodeScheme::Dat22NoDept => "Z109-WS·2011-Y-0001",
            CodeScheme::Volume => "J007-001-012-0001",
        }
    }

    /// Whether a group is written in this scheme.
    pub fn fits(self, group: &CodeGroup) -> bool {
        let (category, dept) = (!group.category.is_empty(), !group.dept.is_empty());
        match self {
            _ if group.volume.is_some() => self == CodeScheme::Volume,
            CodeScheme::Plain => !category && dept,
            CodeScheme::Dat22 => category && dept,
            CodeScheme::Dat22NoDept => category && !dept,
            CodeScheme::Volume => false,
        }
    }
}

impl serde::Serialize for CodeScheme {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl fmt::Display for CodeGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let g = self;
        if let Some(volume) = &g.volume {
            return write!(f, "{}-{volume}", g.fonds);
        }
        write!(f, "{}-", g.fonds)?;
        if !g.category.is_empty() {
            write!(f, "{}·", g.category)?;
        }
        write!(f, "{}-{}", g.year, g.retention.code())?;
        if !g.dept.is_empty() {
            write!(f, "-{}", g.dept)?;
        }
        Ok(())
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

/// `全宗号-目录号-案卷号-顺序号`: four parts, the last two numbers (a 件-level code of four parts
/// has a retention code third).
fn is_volume_item(parts: &[&str]) -> bool {
    let number = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    parts.len() == 4 && number(parts[2]) && number(parts[3])
}

impl FromStr for ArchivalCode {
    type Err = CodeError;

    /// Accepts full-width input and lower case, and `·` typed as `.` or another middle dot;
    /// `J001-2019-Y-BGS-1` is read as item 0001.
    fn from_str(input: &str) -> Result<Self, CodeError> {
        let folded = fold(input).replace(CATEGORY_DOTS, "·");
        let parts: Vec<&str> = folded.split('-').map(str::trim).collect();
        let with_category = parts.get(1).and_then(|p| p.split_once('·'));
        let (category, year, rest) = match with_category {
            Some((category, year)) => (category, year, &parts[2..]),
            None if parts.len() == 5 => ("", parts[1], &parts[2..]),
            None if is_volume_item(&parts) => {
                let fonds = CodeGroup::parts(parts[0], "", "2000", "Y", "X")?.fonds;
                let volume = VolumeNo::parse(parts[1], parts[2])?;
                return Ok(CodeGroup::in_volume(&fonds, volume).with_item(parse_item(parts[3])?));
            }
            None => return Err(CodeError::PartCount(parts.len())),
        };
        if with_category.is_some() && category.trim().is_empty() {
            return Err(CodeError::Category(String::new()));
        }
        let (retention, dept, item) = match rest {
            [retention, dept, item] => (*retention, *dept, *item),
            // DA/T 22 without the 机构(问题) part.
            [retention, item] if !category.is_empty() => (*retention, "", *item),
            _ => return Err(CodeError::PartCount(parts.len())),
        };
        let group = CodeGroup::parts(parts[0], category, year, retention, dept)?;
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
    fn the_da_t_22_shape_with_and_without_its_department_part() {
        let code: ArchivalCode = "Z109-WS·2011-Y-BGS-0001".parse().unwrap();
        assert_eq!(code.group.category, "WS");
        assert_eq!(code.group.year, 2011);
        assert_eq!(code.group.dept, "BGS");
        assert_eq!(code.to_string(), "Z109-WS·2011-Y-BGS-0001");
        let short: ArchivalCode = "Z109-WS·2011-D30-0012".parse().unwrap();
        assert_eq!(short.group.dept, "");
        assert_eq!(short.to_string(), "Z109-WS·2011-D30-0012");
        // The dot typed as a full stop, full-width, or the middle dot of a Japanese IME.
        for typed in [
            "z109-ws.2011-y-bgs-1",
            "Ｚ１０９－ＷＳ．２０１１－Ｙ－ＢＧＳ－０００１",
            "Z109-WS・2011-Y-BGS-0001",
            "Z109-WS･2011-Y-BGS-0001",
        ] {
            assert_eq!(typed.parse::<ArchivalCode>(), Ok(code.clone()), "{typed}");
        }
        let err = |s: &str| s.parse::<ArchivalCode>().unwrap_err();
        assert!(matches!(
            err("Z109-文书·2011-Y-0001"),
            CodeError::Category(_)
        ));
        assert!(matches!(err("Z109-·2011-Y-0001"), CodeError::Category(_)));
        assert_eq!(err("Z109-WS·2011-Y-BGS-1-2"), CodeError::PartCount(6));
        // Without 门类, the 机构 part cannot be left out: four parts is not a code.
        assert_eq!(err("J001-2019-Y-0001"), CodeError::PartCount(4));
    }

    #[test]
    fn an_item_inside_a_volume_is_its_volume_and_order_number() {
        let code: ArchivalCode = "ｊ００７－１－１２－５".parse().unwrap();
        assert_eq!(code.to_string(), "J007-001-012-0005");
        let volume = code.group.volume.clone().unwrap();
        assert_eq!((volume.catalogue.as_str(), volume.number), ("001", 12));
        // Filled in from the volume when stored, the year and retention do not change the code.
        let mut stored = code.clone();
        stored.group.year = 1985;
        stored.group.retention = Retention::ThirtyYears;
        assert_eq!(stored, code);
        assert_eq!(stored.to_string(), "J007-001-012-0005");
        let err = |s: &str| s.parse::<ArchivalCode>().unwrap_err();
        assert!(matches!(err("J007-0-012-0005"), CodeError::Catalogue(_)));
        assert!(matches!(err("J007-001-0-0005"), CodeError::Volume(_)));
        assert!(matches!(err("J007-001-012-0"), CodeError::Item(_)));
        // Four parts with a retention code third is a 件-level code missing a part, not a volume.
        assert_eq!(err("J001-2019-Y-0001"), CodeError::PartCount(4));
    }

    #[test]
    fn each_scheme_takes_its_own_shape_only() {
        let group = |s: &str| s.parse::<ArchivalCode>().unwrap().group;
        for scheme in CodeScheme::ALL {
            let example = group(scheme.example());
            for other in CodeScheme::ALL {
                assert_eq!(other.fits(&example), other == scheme, "{other:?} {example}");
            }
            assert_eq!(CodeScheme::parse(scheme.code()), Some(scheme));
        }
        assert_eq!(CodeScheme::parse("DA/T 22"), Some(CodeScheme::Dat22));
        assert_eq!(CodeScheme::parse("DA/T 9705"), None);
        assert_eq!(CodeScheme::parse("ＤＡＴ２２"), Some(CodeScheme::Dat22));
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
