//! The fields of the lend form, and how each is checked.

use chrono::NaiveDate;

use crate::domain::loan::{self, LoanKind};
use crate::i18n::{LoanMsg, Msg, S, Vocabulary};

/// The fields of the lend form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanSlot {
    Borrower,
    Unit,
    IdNo,
    Contact,
    Purpose,
    Kind,
    Due,
    Approver,
}

impl LoanSlot {
    pub const ALL: [LoanSlot; 8] = [
        LoanSlot::Borrower,
        LoanSlot::Unit,
        LoanSlot::IdNo,
        LoanSlot::Contact,
        LoanSlot::Purpose,
        LoanSlot::Kind,
        LoanSlot::Due,
        LoanSlot::Approver,
    ];

    pub fn label(self) -> S {
        match self {
            LoanSlot::Borrower => S::Borrower,
            LoanSlot::Unit => S::Unit,
            LoanSlot::IdNo => S::IdNo,
            LoanSlot::Contact => S::Contact,
            LoanSlot::Purpose => S::Purpose,
            LoanSlot::Kind => S::Kind,
            LoanSlot::Due => S::Due,
            LoanSlot::Approver => S::Approver,
        }
    }

    /// A message if the value cannot be used.
    pub fn check(self, text: &str) -> Option<Msg> {
        match self {
            LoanSlot::Borrower if text.trim().is_empty() => {
                Some(LoanMsg::Required { field: S::Borrower }.into())
            }
            LoanSlot::Purpose => loan::purpose(text).err(),
            LoanSlot::Kind => LoanKind::parse(text).is_none().then(|| {
                LoanMsg::KindUnknown {
                    text: text.to_string(),
                    choices: Vocabulary::LoanKind,
                }
                .into()
            }),
            LoanSlot::Due if !text.trim().is_empty() => due(text).err(),
            _ => None,
        }
    }
}

/// A due date typed any way a record date may be written, to the day.
pub fn due(text: &str) -> Result<NaiveDate, Msg> {
    let date: crate::domain::RecordDate = text
        .parse()
        .map_err(|e: crate::domain::DateError| e.msg())?;
    NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into()).ok_or_else(|| {
        LoanMsg::NoDay {
            text: text.to_string(),
        }
        .into()
    })
}
