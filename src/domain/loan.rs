//! Loans (借阅): purposes, kinds, states, and the date arithmetic of due dates and overdues.

use chrono::{Days, NaiveDate};

pub use super::vocab::LoanKind;

/// 利用目的 as archives report them every year. Others may be typed; they are kept as typed.
pub const PURPOSES: [&str; 6] = [
    "编史修志",
    "工作查考",
    "学术研究",
    "经济建设",
    "宣传教育",
    "其他",
];

/// English names accepted for the standard purposes.
const PURPOSES_EN: [&str; 6] = [
    "history",
    "work",
    "research",
    "economy",
    "education",
    "other",
];

const MAX_PURPOSE_CHARS: usize = 20;

/// The English name of a standard purpose.
pub fn purpose_en(stored: &str) -> Option<&'static str> {
    let at = PURPOSES.iter().position(|p| *p == stored)?;
    PURPOSES_EN.get(at).copied()
}

/// A purpose as stored: a standard one by its Chinese or English name, else the text as typed.
pub fn purpose(input: &str) -> Result<String, crate::i18n::Msg> {
    let text = super::text::fold(input);
    if let Some(i) = PURPOSES_EN
        .iter()
        .position(|p| p.eq_ignore_ascii_case(&text))
    {
        return Ok(PURPOSES[i].to_string());
    }
    if text.is_empty()
        || text.chars().count() > MAX_PURPOSE_CHARS
        || text
            .chars()
            .any(|c| c.is_control() || crate::width::is_bidi_control(c))
    {
        return Err(crate::i18n::LoanMsg::Purpose {
            standard: PURPOSES.join("、"),
            max: MAX_PURPOSE_CHARS as u64,
        }
        .into());
    }
    Ok(text.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanState {
    /// Asked for by a reader, not yet lent.
    Requested,
    Out,
    Returned,
    Lost,
}

impl LoanState {
    pub fn code(self) -> &'static str {
        match self {
            LoanState::Requested => "requested",
            LoanState::Out => "out",
            LoanState::Returned => "returned",
            LoanState::Lost => "lost",
        }
    }

    pub fn parse(code: &str) -> Option<LoanState> {
        [
            LoanState::Requested,
            LoanState::Out,
            LoanState::Returned,
            LoanState::Lost,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            LoanState::Requested => "待批",
            LoanState::Out => "借出",
            LoanState::Returned => "已还",
            LoanState::Lost => "遗失",
        }
    }
}

impl LoanKind {
    /// Days until due when nobody says otherwise: a reading-room loan is back the same day.
    pub fn default_days(self) -> u64 {
        match self {
            LoanKind::ReadingRoom => 0,
            LoanKind::TakeOut => 30,
            LoanKind::Copy => 7,
        }
    }

    /// The setting that overrides `default_days`.
    pub fn days_setting(self) -> String {
        format!("loan.days.{}", self.code())
    }
}

/// The due date `days` after `from`; calendar arithmetic, so month ends and leap days fall right.
pub fn due_after(from: NaiveDate, days: u64) -> NaiveDate {
    from.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// Whole days past due on `today`; 0 when not overdue.
pub fn days_overdue(due: NaiveDate, today: NaiveDate) -> i64 {
    (today - due).num_days().max(0)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Borrower {
    pub name: String,
    pub unit: String,
    pub id_no: String,
    pub contact: String,
}

/// A loan with what a list shows of its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loan {
    pub id: i64,
    pub record_id: i64,
    pub code: String,
    pub title: String,
    pub state: LoanState,
    pub borrower: Borrower,
    pub purpose: String,
    pub kind: LoanKind,
    pub requested_by: Option<String>,
    pub out_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub approver: Option<String>,
    pub handled_by: Option<String>,
    pub renewals: u32,
    pub returned_on: Option<NaiveDate>,
    pub condition: String,
    pub lost_on: Option<NaiveDate>,
}

/// Which loans a list shows.
#[derive(Debug, Clone, Default)]
pub struct LoanFilter {
    pub states: Vec<LoanState>,
    /// Out and due before this day.
    pub overdue_on: Option<NaiveDate>,
    /// Out and due on or before this day.
    pub due_by: Option<NaiveDate>,
    /// Out and due on or after this day (not yet overdue).
    pub due_from: Option<NaiveDate>,
    pub borrower: Option<String>,
    /// Text found in the borrower's name, unit or contact.
    pub who: Option<String>,
    pub record_id: Option<i64>,
    /// Lent on or after / on or before (the use register).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn due_dates_cross_month_ends_and_leap_days() {
        assert_eq!(due_after(date(2024, 1, 31), 30), date(2024, 3, 1));
        assert_eq!(due_after(date(2023, 1, 31), 30), date(2023, 3, 2));
        assert_eq!(due_after(date(2024, 2, 28), 1), date(2024, 2, 29));
        assert_eq!(due_after(date(2025, 12, 25), 7), date(2026, 1, 1));
        assert_eq!(due_after(date(2026, 11, 25), 0), date(2026, 11, 25));
    }

    #[test]
    fn overdue_days_count_whole_calendar_days() {
        assert_eq!(days_overdue(date(2024, 2, 28), date(2024, 3, 1)), 2);
        assert_eq!(days_overdue(date(2023, 2, 28), date(2023, 3, 1)), 1);
        assert_eq!(days_overdue(date(2026, 11, 25), date(2026, 11, 25)), 0);
        assert_eq!(days_overdue(date(2026, 11, 26), date(2026, 11, 25)), 0);
        assert_eq!(days_overdue(date(2025, 12, 31), date(2026, 1, 31)), 31);
    }

    #[test]
    fn purposes_standard_or_typed() {
        assert_eq!(purpose("学术研究").unwrap(), "学术研究");
        assert_eq!(purpose("Research").unwrap(), "学术研究");
        assert_eq!(purpose(" 落实政策 ").unwrap(), "落实政策");
        assert!(purpose("").is_err());
        assert!(purpose(&"长".repeat(21)).is_err());
    }
}
