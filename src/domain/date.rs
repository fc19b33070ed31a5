//! Dates as archives write them, with their precision: `20190312`, `2019-3-12`, `2019年3月12日`,
//! `二〇一九年三月十二日`, `2019年3月`, `201903`, `2019`, `20190300` (00 = unknown), `[2019年3月]`
//! (a date established by research, 考证日期).

use std::fmt;
use std::str::FromStr;

use super::text::fold;

/// A date known to the year, the month or the day. `month`/`day` of 0 mean unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// Written in brackets: estimated or established by research rather than read off the document.
    pub estimated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Shape(String),
    Character(String, char),
    Year(String, u32),
    Month(String, u32),
    Day(String, u32, u32, u32),
    DayWithoutMonth(String),
}

impl DateError {
    /// What is wrong, in words for either language.
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::i18n::RecordMsg;
        let input = |s: &String| s.clone();
        match self {
            DateError::Shape(s) => RecordMsg::DateShape { input: input(s) },
            DateError::Character(s, c) => RecordMsg::DateCharacter {
                input: input(s),
                character: c.to_string(),
            },
            DateError::Year(s, y) => RecordMsg::DateYear {
                input: input(s),
                year: (*y).into(),
            },
            DateError::Month(s, m) => RecordMsg::DateMonth {
                input: input(s),
                month: (*m).into(),
            },
            DateError::Day(s, y, m, d) => RecordMsg::DateDay {
                input: input(s),
                year: (*y).into(),
                month: (*m).into(),
                day: (*d).into(),
            },
            DateError::DayWithoutMonth(s) => RecordMsg::DateDayWithoutMonth { input: input(s) },
        }
        .into()
    }
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.msg().fmt(f)
    }
}

impl std::error::Error for DateError {}

pub fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn chinese_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
        .or(match c {
            '零' | '○' => Some(0),
            _ => None,
        })
}

/// One run of numerals: ASCII digits are kept as written (so `03` stays two digits); Chinese numerals
/// are read digit by digit (`二〇一九`) or, with 十, as a number (`十二`, `三十一`).
fn group_to_digits(group: &str) -> String {
    if group.bytes().all(|b| b.is_ascii_digit()) {
        return group.to_string();
    }
    if let Some((tens, units)) = group.split_once('十') {
        let tens = if tens.is_empty() {
            1
        } else {
            tens.chars().filter_map(chinese_digit).sum()
        };
        let units: u32 = units.chars().filter_map(chinese_digit).sum();
        return (tens * 10 + units).to_string();
    }
    group
        .chars()
        .map(|c| c.to_digit(10).or_else(|| chinese_digit(c)).unwrap_or(0))
        .map(|d| char::from(b'0' + d as u8))
        .collect()
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || c == '十' || chinese_digit(c).is_some()
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '/' | '.' | ' ' | '年' | '月' | '日' | '号')
}

impl RecordDate {
    /// YYYYMMDD with 00 for unknown parts: sorts and range-filters correctly.
    pub fn sort_key(&self) -> u32 {
        u32::from(self.year) * 10_000 + u32::from(self.month) * 100 + u32::from(self.day)
    }

    /// `2019年3月12日`, `2019年3月`, `2019年`, bracketed when estimated.
    pub fn to_chinese(&self) -> String {
        let mut text = format!("{}年", self.year);
        if self.month > 0 {
            text += &format!("{}月", self.month);
        }
        if self.day > 0 {
            text += &format!("{}日", self.day);
        }
        if self.estimated {
            format!("[{text}]")
        } else {
            text
        }
    }

    fn from_parts(
        input: &str,
        year: u32,
        month: u32,
        day: u32,
        estimated: bool,
    ) -> Result<Self, DateError> {
        let raw = || input.to_string();
        if !(1000..=2999).contains(&year) {
            return Err(DateError::Year(raw(), year));
        }
        if month > 12 {
            return Err(DateError::Month(raw(), month));
        }
        if month == 0 && day > 0 {
            return Err(DateError::DayWithoutMonth(raw()));
        }
        if month > 0 && day > days_in_month(year, month) {
            return Err(DateError::Day(raw(), year, month, day));
        }
        // Ranges were checked above, so the narrowing casts cannot truncate.
        Ok(RecordDate {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            estimated,
        })
    }
}

impl FromStr for RecordDate {
    type Err = DateError;

    fn from_str(input: &str) -> Result<Self, DateError> {
        let folded = fold(input);
        let (body, estimated) = match folded.strip_prefix(['[', '〔', '【']) {
            Some(rest) => (
                rest.strip_suffix([']', '〕', '】']).unwrap_or(rest).trim(),
                true,
            ),
            None => (&*folded, false),
        };
        let mut groups: Vec<String> = Vec::new();
        let mut current = String::new();
        for c in body.chars() {
            if is_numeral(c) {
                current.push(c);
            } else if is_separator(c) {
                if !current.is_empty() {
                    groups.push(group_to_digits(&current));
                    current.clear();
                }
            } else {
                return Err(DateError::Character(input.trim().to_string(), c));
            }
        }
        if !current.is_empty() {
            groups.push(group_to_digits(&current));
        }
        let shape = || DateError::Shape(input.trim().to_string());
        let number = |s: &str| s.parse::<u32>().map_err(|_| shape());
        let (y, m, d) = match groups.as_slice() {
            [one] if matches!(one.len(), 4 | 6 | 8) => {
                let part = |range: std::ops::Range<usize>| one.get(range).map_or(Ok(0), number);
                (part(0..4)?, part(4..6)?, part(6..8)?)
            }
            [y, rest @ ..]
                if y.len() == 4
                    && rest.len() <= 2
                    && rest.iter().all(|p| (1..=2).contains(&p.len())) =>
            {
                let m = rest.first().map_or(Ok(0), |p| number(p))?;
                let d = rest.get(1).map_or(Ok(0), |p| number(p))?;
                (number(y)?, m, d)
            }
            _ => return Err(shape()),
        };
        RecordDate::from_parts(input.trim(), y, m, d, estimated)
    }
}

/// The canonical form used in exports: `2019-03-12`, `2019-03`, `2019`, bracketed when estimated.
impl fmt::Display for RecordDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = self.year.to_string();
        if self.month > 0 {
            text += &format!("-{:02}", self.month);
        }
        if self.day > 0 {
            text += &format!("-{:02}", self.day);
        }
        if self.estimated {
            write!(f, "[{text}]")
        } else {
            f.write_str(&text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> String {
        s.parse::<RecordDate>()
            .map(|d| d.to_string())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn every_written_form_of_a_full_date() {
        for form in [
            "20190312",
            "2019-03-12",
            "2019-3-12",
            "2019/3/12",
            "2019.03.12",
            "2019年3月12日",
            "2019年03月12日",
            "２０１９年３月１２日",
            "二〇一九年三月十二日",
            "二零一九年三月十二号",
            " 2019 年 3 月 12 日 ",
        ] {
            assert_eq!(parse(form), "2019-03-12", "{form}");
        }
        assert_eq!(parse("二〇一九年十二月三十一日"), "2019-12-31");
        assert_eq!(parse("二〇二〇年二月二十九日"), "2020-02-29");
    }

    #[test]
    fn partial_dates_keep_their_precision() {
        assert_eq!(parse("2019年3月"), "2019-03");
        assert_eq!(parse("201903"), "2019-03");
        assert_eq!(parse("2019-03"), "2019-03");
        assert_eq!(parse("2019"), "2019");
        assert_eq!(parse("2019年"), "2019");
        assert_eq!(parse("20190300"), "2019-03");
        assert_eq!(parse("20190000"), "2019");
        let month: RecordDate = "2019年3月".parse().unwrap();
        assert_eq!(
            (month.sort_key(), month.to_chinese()),
            (20190300, "2019年3月".to_string())
        );
    }

    #[test]
    fn estimated_dates_are_bracketed() {
        let d: RecordDate = "[2019年3月]".parse().unwrap();
        assert!(d.estimated);
        assert_eq!(d.to_string(), "[2019-03]");
        assert_eq!(d.to_chinese(), "[2019年3月]");
        assert_eq!(d.to_string().parse::<RecordDate>().unwrap(), d);
    }

    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        assert!(
            parse("20190231").contains("has no day 31") || parse("20190231").contains("no day 31")
        );
        assert!(parse("20190229").contains("no day 29"));
        assert!(parse("2019年13月1日").contains("no month 13"));
        assert!(parse("20190012").contains("month is unknown"));
        assert!(parse("2019年3月12日上午").contains("'上'"));
        assert!(parse("19").starts_with("error"));
        assert!(parse("2019031").starts_with("error"));
        assert!(parse("0019-01-01").contains("out of range"));
        assert!(parse("").starts_with("error"));
    }
}
