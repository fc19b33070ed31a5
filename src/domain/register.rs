//! Paper registers (纸质台账) against the catalogue: the scope a register covers, what a paper line
//! says, how it compares with a record, and what staff decide about it.

use std::fmt;
use std::str::FromStr;

use super::text::fold;
use super::vocab::vocabulary;
use super::{Field, Record, RecordDate};

/// What a register covers: a fonds, optionally a year range and a box range (盒号 from 存放位置).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub fonds: String,
    pub years: Option<(u16, u16)>,
    pub boxes: Option<(u32, u32)>,
}

fn range<T: FromStr + PartialOrd + Copy>(text: &str) -> Option<(T, T)> {
    let (from, to) = text.split_once('-').unwrap_or((text, text));
    let (from, to) = (from.trim().parse().ok()?, to.trim().parse().ok()?);
    (from <= to).then_some((from, to))
}

impl FromStr for Scope {
    type Err = crate::i18n::Msg;

    /// `J001`, `J001/2019`, `J001/2015-2019`, `J001/2019/盒1-40` (or `box1-40`).
    fn from_str(text: &str) -> Result<Scope, crate::i18n::Msg> {
        let text = fold(text);
        let mut parts = text.split('/');
        let fonds = parts.next().unwrap_or_default().trim().to_uppercase();
        let bad = || {
            crate::i18n::ReconcileMsg::NotScope {
                text: text.to_string(),
            }
            .into()
        };
        if fonds.is_empty() || !fonds.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(bad());
        }
        let mut scope = Scope {
            fonds,
            years: None,
            boxes: None,
        };
        for part in parts {
            let part = part.trim();
            if let Some(boxes) = part.strip_prefix('盒').or_else(|| part.strip_prefix("box")) {
                scope.boxes = Some(range(boxes).ok_or_else(bad)?);
            } else {
                scope.years = Some(range(part).ok_or_else(bad)?);
            }
        }
        Ok(scope)
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fonds)?;
        match self.years {
            Some((a, b)) if a == b => write!(f, "/{a}")?,
            Some((a, b)) => write!(f, "/{a}-{b}")?,
            None => {}
        }
        if let Some((a, b)) = self.boxes {
            write!(f, "/盒{a}-{b}")?;
        }
        Ok(())
    }
}

/// The box number of a location such as `1号库-38柜-1层-255盒`.
pub fn box_number(location: &str) -> Option<u32> {
    let before = location.split('盒').next()?;
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

impl Scope {
    pub fn contains(&self, record: &Record) -> bool {
        let year = record.code.group.year;
        record.code.group.fonds == self.fonds
            && self.years.is_none_or(|(a, b)| (a..=b).contains(&year))
            && self.boxes.is_none_or(|(a, b)| {
                box_number(&record.data.location).is_some_and(|n| (a..=b).contains(&n))
            })
    }
}

/// The fields a register line is compared on, besides the code.
pub const COMPARED: [Field; 7] = [
    Field::Title,
    Field::Responsible,
    Field::DocNo,
    Field::Date,
    Field::Pages,
    Field::Location,
    Field::Classification,
];

/// One line of a paper register, as written: nothing is validated, since the paper has typos.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PaperLine {
    /// The line of the source file (or the order typed in).
    pub line_no: u64,
    pub raw: String,
    pub code: String,
    pub values: Vec<(Field, String)>,
}

impl PaperLine {
    pub fn value(&self, field: Field) -> &str {
        self.values
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, v)| v.as_str())
    }
}

impl PaperLine {
    /// A line typed at the desk: 档号｜题名｜责任者｜日期 (half- or full-width bars). A part left
    /// out is blank on paper, and compared as such.
    pub fn typed(line_no: u64, text: &str) -> PaperLine {
        let mut parts = text.split(['|', '｜']).map(str::trim);
        let code = parts.next().unwrap_or_default().to_string();
        let values = [Field::Title, Field::Responsible, Field::Date]
            .into_iter()
            .map(|f| (f, parts.next().unwrap_or_default().to_string()))
            .collect();
        PaperLine {
            line_no,
            raw: text.trim().to_string(),
            code,
            values,
        }
    }
}

vocabulary! {
    /// How a line (or a record of the scope) compares.
    LineKind {
        Agrees = "agrees", "一致", "agrees";
        Differs = "differs", "不一致", "differs";
        PaperOnly = "paper_only", "仅纸质", "paper only";
        Duplicate = "duplicate", "纸质重复", "duplicate";
        DigitalOnly = "digital_only", "仅电子", "digital only";
    }
}

vocabulary! {
    /// What staff decided about a line.
    Resolution {
        AcceptDigital = "accept_digital", "以电子为准", "accept digital";
        CorrectDigital = "correct_digital", "按纸质更正", "correct from paper";
        CreateRecord = "create_record", "据纸质补录", "create record";
        MissingOnPaper = "missing_on_paper", "纸质缺记", "missing on paper";
        MissingInDigital = "missing_in_digital", "电子缺失", "missing in digital";
        Note = "note", "备注说明", "note";
    }
}

impl Resolution {
    /// Whether this decision makes sense for a line of this kind, with or without a record.
    pub fn fits(self, kind: LineKind, has_record: bool) -> bool {
        match self {
            Resolution::AcceptDigital => has_record && kind != LineKind::DigitalOnly,
            Resolution::CorrectDigital => kind == LineKind::Differs,
            Resolution::CreateRecord => kind == LineKind::PaperOnly,
            Resolution::MissingOnPaper => kind == LineKind::DigitalOnly,
            Resolution::MissingInDigital => {
                matches!(kind, LineKind::PaperOnly | LineKind::Duplicate)
            }
            Resolution::Note => true,
        }
    }
}

/// Text as compared: folded (full-width to half-width) and without spaces.
pub fn normal(text: &str) -> String {
    fold(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A code as written on paper, the way dangan prints it where it reads as one (`j007-1-12-1` is
/// `J007-001-012-0001`), else as written: the same code in another hand is not a difference.
pub fn paper_code(text: &str) -> String {
    let text = normal(text);
    text.parse::<super::ArchivalCode>()
        .map_or(text, |code| code.to_string())
}

/// The characters that carry a title's meaning: letters, digits and ideographs, folded.
pub fn meaningful(text: &str) -> Vec<char> {
    fold(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Character bigrams of a title's meaningful characters (a one-character title is its own gram).
pub fn bigrams(text: &str) -> Vec<(char, char)> {
    bigrams_of(&meaningful(text))
}

/// `bigrams` of characters already made meaningful.
pub fn bigrams_of(chars: &[char]) -> Vec<(char, char)> {
    match chars.len() {
        0 => Vec::new(),
        1 => vec![(chars[0], chars[0])],
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    }
}

/// Dice similarity of two titles' bigrams, 0 to 1: robust to a wrong or missing character.
pub fn title_similarity(a: &str, b: &str) -> f64 {
    let (mut x, mut y) = (bigrams(a), bigrams(b));
    x.sort_unstable();
    y.sort_unstable();
    dice(&x, &y)
}

/// Dice similarity of two sorted lists of character pairs, 0 to 1.
pub fn dice(x: &[(char, char)], y: &[(char, char)]) -> f64 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * f64::from(common) / (x.len() + y.len()) as f64
}

/// Whether the paper's value says the same as the record's field.
pub fn same(field: Field, paper: &str, record: &Record) -> bool {
    let digital = record.data.get(field);
    if paper.trim() == digital {
        return true;
    }
    match field {
        Field::Date => match (paper.parse::<RecordDate>(), record.data.date) {
            (Ok(p), Some(d)) => p.year == d.year && p.month == d.month && p.day == d.day,
            _ => normal(paper) == normal(&digital),
        },
        Field::Pages => {
            let number = |t: &str| normal(t).trim_end_matches('页').parse::<u32>().ok();
            number(paper) == number(&digital)
        }
        // A 密级 left blank on paper says nothing; one written must be the record's.
        Field::Classification => {
            paper.trim().is_empty()
                || super::Classification::parse(paper) == Some(record.data.classification)
        }
        _ => normal(paper) == normal(&digital),
    }
}

/// What a register has columns for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Columns {
    pub code: bool,
    pub fields: Vec<Field>,
}

/// The keys of what differs: `code` when the register has codes and this one is not the record's
/// (or is missing), then each compared field the register has a column for.
pub fn differences(line: &PaperLine, record: &Record, columns: &Columns) -> Vec<String> {
    let mut out = Vec::new();
    if columns.code && paper_code(&line.code) != record.code.to_string() {
        out.push("code".to_string());
    }
    for field in COMPARED {
        if columns.fields.contains(&field) && !same(field, line.value(field), record) {
            out.push(field.key().to_string());
        }
    }
    out
}

/// Marks the characters of `a` and of `b` outside their longest common subsequence: what the
/// reconcile view highlights in two versions of a Chinese title.
pub fn char_diff(a: &str, b: &str) -> (Vec<bool>, Vec<bool>) {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut table = vec![vec![0u16; y.len() + 1]; x.len() + 1];
    for i in (0..x.len()).rev() {
        for j in (0..y.len()).rev() {
            table[i][j] = if x[i] == y[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut marks_a, mut marks_b) = (vec![true; x.len()], vec![true; y.len()]);
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if x[i] == y[j] {
            marks_a[i] = false;
            marks_b[j] = false;
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (marks_a, marks_b)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Register {
    pub id: i64,
    pub scope: String,
    pub source: String,
    pub sha256: String,
    pub columns: Columns,
    pub imported_at: String,
    pub imported_by: String,
    pub certified_at: Option<String>,
    pub certified_by: Option<String>,
    pub certificate: Option<String>,
}

/// A line as stored: what the paper says, its match, and the decision about it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRow {
    pub id: i64,
    pub paper: PaperLine,
    pub record_id: Option<i64>,
    pub kind: LineKind,
    pub differs: Vec<String>,
    pub score: f64,
    /// (archival code, score), best first: what the desk may pick instead.
    pub candidates: Vec<(String, f64)>,
    pub resolution: Option<Resolution>,
    pub note: String,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
}

impl LineRow {
    /// Only a digital record: no paper line.
    pub fn is_digital_only(&self) -> bool {
        self.kind == LineKind::DigitalOnly
    }

    /// Needs a decision: neither agreeing nor decided.
    pub fn is_open(&self) -> bool {
        self.kind != LineKind::Agrees && self.resolution.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_and_print_back() {
        for (text, shown) in [
            ("J001", "J001"),
            ("ｊ００１/２０１９", "J001/2019"),
            ("J001/2015-2019", "J001/2015-2019"),
            ("J001/2019/盒1-40", "J001/2019/盒1-40"),
            ("J001/box3-3", "J001/盒3-3"),
        ] {
            assert_eq!(
                text.parse::<Scope>().map(|s| s.to_string()),
                Ok(shown.into())
            );
        }
        for bad in ["", "J001/2019-2015", "J001/盒x", "档案/2019"] {
            assert!(bad.parse::<Scope>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_typed_line_splits_on_bars_of_either_width() {
        let line = PaperLine::typed(
            3,
            " J001-2019-Y-BGS-0001 ｜关于印发《办法》的通知| 市政府办公室 ",
        );
        assert_eq!(line.code, "J001-2019-Y-BGS-0001");
        assert_eq!(line.value(Field::Title), "关于印发《办法》的通知");
        assert_eq!(line.value(Field::Responsible), "市政府办公室");
        assert_eq!(line.value(Field::Date), "");
        assert_eq!(line.line_no, 3);
    }

    #[test]
    fn box_numbers_come_from_the_location() {
        assert_eq!(box_number("1号库-38柜-1层-255盒"), Some(255));
        assert_eq!(box_number("2号库-03柜-4层-007盒"), Some(7));
        assert_eq!(box_number("待上架"), None);
    }

    #[test]
    fn titles_with_a_wrong_character_stay_similar() {
        let a = "关于印发《档案管理办法》的通知";
        assert_eq!(title_similarity(a, a), 1.0);
        let typo = title_similarity(a, "关于印发《档案管里办法》的通知");
        assert!(typo > 0.8 && typo < 1.0, "{typo}");
        assert!(title_similarity(a, "2019年安全生产工作总结") < 0.2);
        // Punctuation and full-width digits do not count against a match.
        assert_eq!(
            title_similarity("２０１９年“档案进万家”活动", "2019年档案进万家活动"),
            1.0
        );
    }

    #[test]
    fn the_character_diff_marks_only_what_changed() {
        let (a, b) = char_diff("档案管理办法", "档案管里办法—修订");
        assert_eq!(a, [false, false, false, true, false, false]);
        assert_eq!(
            b,
            [false, false, false, true, false, false, true, true, true]
        );
    }

    #[test]
    fn every_resolution_fits_only_where_it_means_something() {
        assert!(Resolution::CreateRecord.fits(LineKind::PaperOnly, false));
        assert!(!Resolution::CreateRecord.fits(LineKind::Differs, true));
        assert!(Resolution::MissingOnPaper.fits(LineKind::DigitalOnly, true));
        assert!(!Resolution::AcceptDigital.fits(LineKind::PaperOnly, false));
        assert_eq!(
            Resolution::parse("按纸质更正"),
            Some(Resolution::CorrectDigital)
        );
    }
}
