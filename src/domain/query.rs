//! What a user types into the search box, read into text pieces, exclusions and filters. No input is
//! a syntax error: whatever is not a known filter is searched as text.

use crate::domain::code::parse_year;
use crate::domain::text::fold;
use crate::domain::{Classification, Retention, Status};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Each must be found (as a substring) in the record's text.
    pub pieces: Vec<String>,
    /// None of these may be found.
    pub excluded: Vec<String>,
    pub fonds: Vec<String>,
    /// Inclusive.
    pub years: Option<(u16, u16)>,
    pub retention: Vec<Retention>,
    pub status: Vec<Status>,
    pub class: Vec<Classification>,
    pub dept: Vec<String>,
    /// 档案门类代码 (DA/T 22-2015), e.g. WS.
    pub category: Vec<String>,
    /// 目录号 and whole volume codes (`J007-001-012`), for items inside volumes.
    pub catalogue: Vec<String>,
    pub volume: Vec<String>,
    /// Archival-code order instead of relevance.
    pub by_code: bool,
}

/// Separators between pieces: white space and the punctuation Chinese text is written with.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || "，。、；：！？（）《》〈〉【】「」『』〔〕,;!?()[]{}<>".contains(c)
}

/// Splits into words, keeping "quoted phrases" (ASCII or “curly” quotes) whole.
fn words(input: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' | '“' | '”' => {
                if !current.trim().is_empty() {
                    out.push((quoted, current.trim().to_string()));
                }
                current.clear();
                quoted = !quoted;
            }
            c if !quoted && is_separator(c) => {
                if !current.is_empty() {
                    out.push((false, std::mem::take(&mut current)));
                }
            }
            c => current.push(c),
        }
    }
    if !current.trim().is_empty() {
        out.push((quoted, current.trim().to_string()));
    }
    out
}

fn years(value: &str) -> Option<(u16, u16)> {
    match value.split_once("..") {
        Some((from, to)) => {
            let (from, to) = (parse_year(from.trim())?, parse_year(to.trim())?);
            Some((from.min(to), from.max(to)))
        }
        None => parse_year(value).map(|y| (y, y)),
    }
}

impl SearchQuery {
    /// Nothing to search by: no words, no exclusions, no filters (a query of punctuation only).
    /// Sorting alone is not a query either.
    pub fn is_empty(&self) -> bool {
        let SearchQuery {
            pieces,
            excluded,
            fonds,
            years,
            retention,
            status,
            class,
            dept,
            category,
            catalogue,
            volume,
            by_code: _,
        } = self;
        pieces.is_empty()
            && excluded.is_empty()
            && fonds.is_empty()
            && years.is_none()
            && retention.is_empty()
            && status.is_empty()
            && class.is_empty()
            && dept.is_empty()
            && category.is_empty()
            && catalogue.is_empty()
            && volume.is_empty()
    }

    pub fn parse(input: &str) -> SearchQuery {
        let mut query = SearchQuery::default();
        // A word with no letter, digit or character (dashes, ellipses) is punctuation.
        let searchable = |w: &str| w.chars().any(char::is_alphanumeric);
        for (quoted, word) in words(&fold(input)) {
            if quoted {
                if searchable(&word) {
                    query.pieces.push(word.to_lowercase());
                }
                continue;
            }
            if let Some((key, value)) = word.split_once(':')
                && query.filter(&key.to_lowercase(), value)
            {
                continue;
            }
            match word.strip_prefix('-') {
                Some(rest) if searchable(rest) => query.excluded.push(rest.to_lowercase()),
                _ if searchable(&word) => query.pieces.push(word.to_lowercase()),
                _ => {}
            }
        }
        query
    }

    /// Applies `key:value` if it is a filter with a valid value; false leaves the word as text.
    fn filter(&mut self, key: &str, value: &str) -> bool {
        let upper = value.to_ascii_uppercase();
        let code_like = !upper.is_empty() && upper.bytes().all(|b| b.is_ascii_alphanumeric());
        match key {
            "fonds" | "全宗" | "全宗号" if code_like => self.fonds.push(upper),
            "dept" | "机构" if code_like => self.dept.push(upper),
            "category" | "门类" if code_like => self.category.push(upper),
            "catalogue" | "目录" | "目录号" => match super::volume::parse_catalogue(value) {
                Ok(catalogue) => self.catalogue.push(catalogue),
                Err(_) => return false,
            },
            "volume" | "案卷" | "案卷号" => match value.parse::<super::volume::VolumeCode>() {
                Ok(code) => self.volume.push(code.to_string()),
                Err(_) => return false,
            },
            "year" | "年度" => match years(value) {
                Some(range) => self.years = Some(range),
                None => return false,
            },
            "retention" | "保管期限" => match Retention::parse(value) {
                Some(r) => self.retention.push(r),
                None => return false,
            },
            "status" | "状态" => match Status::parse(value) {
                Some(s) => self.status.push(s),
                None => return false,
            },
            "sort" | "排序" => match value.to_lowercase().as_str() {
                "code" | "档号" => self.by_code = true,
                "relevance" | "相关" => self.by_code = false,
                _ => return false,
            },
            "class" | "密级" => match Classification::parse(value) {
                Some(c) => self.class.push(c),
                None => return false,
            },
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_filters_phrases_and_exclusions() {
        let q = SearchQuery::parse(
            "财务  year:2015..2019 fonds:j001 “会议 纪要” -草稿 status:在库 class:内部 dept:bgs",
        );
        assert_eq!(q.pieces, ["财务", "会议 纪要"]);
        assert_eq!(q.excluded, ["草稿"]);
        assert_eq!(q.years, Some((2015, 2019)));
        assert_eq!(q.fonds, ["J001"]);
        assert_eq!(q.status, [Status::InStore]);
        assert_eq!(q.class, [Classification::Internal]);
        assert_eq!(q.dept, ["BGS"]);
        assert!(
            !q.by_code
                && SearchQuery::parse("档案 sort:code").by_code
                && SearchQuery::parse("排序：档号").by_code
        );
    }

    #[test]
    fn full_width_input_and_chinese_punctuation_are_read_as_typed_meant() {
        let q = SearchQuery::parse("《档案法》，２０１９　ＧＢ／Ｔ　年度：2019");
        assert_eq!(q.pieces, ["档案法", "2019", "gb/t"]);
        assert_eq!(q.years, Some((2019, 2019)));
    }

    #[test]
    fn nothing_is_a_syntax_error() {
        for input in [
            "year:abc",
            "class:绝密",
            "\"unclosed",
            "-",
            ":::",
            "(a OR b",
            "fonds:档案",
        ] {
            let q = SearchQuery::parse(input);
            assert!(
                q.years.is_none() && q.class.is_empty() && q.fonds.is_empty(),
                "{input}: {q:?}"
            );
        }
        assert_eq!(SearchQuery::parse("year:abc").pieces, ["year:abc"]);
    }

    #[test]
    fn punctuation_alone_is_nothing_to_search_by() {
        for input in ["《", "?", "《》“”——……、，", "sort:code"] {
            assert!(SearchQuery::parse(input).is_empty(), "{input}");
        }
        for input in ["档", "-草稿", "year:2019", "“”档案"] {
            assert!(!SearchQuery::parse(input).is_empty(), "{input}");
        }
    }
}
