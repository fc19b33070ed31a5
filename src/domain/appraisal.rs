//! Appraisal (鉴定与处置): when a record's retention runs out, when it reaches the age at which
//! the Archives Law opens records to the public, when its classification comes up for review, and
//! the decisions an appraisal takes on it.
//!
//! All three are reckoned in whole years, as archives review them in yearly batches:
//! - retention (DA/T 22 定期) counts from 1 January of the year after the record's year, so a D10
//!   record of 2010 is due on 1 January 2021;
//! - opening (Archives Law 2020, art. 27: 25 years after a record is made) is due in the year the
//!   record turns 25, so a record of 2001 is on the 2026 list;
//! - declassification (保守国家秘密法 art. 15: at most 10 years for 秘密, 20 for 机密 unless set
//!   otherwise) is due in the year the longest allowed secrecy ends.
//!
//! A decision to keep, to keep closed or to keep classified moves that year on.

use super::code::ArchivalCode;
use super::date::RecordDate;
use super::text::fold;
use super::vocab::vocabulary;
use super::{Classification, Openness, Retention, Status};

pub const OPENING_AGE: i32 = 25;
/// The year stored for a record kept for good (续存 as 永久): past any year a list is asked for.
pub const KEPT_FOR_GOOD: i32 = 9999;

/// The years of the legacy periods 长期 and 短期, which each archive set for itself before 2006.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegacyPeriods {
    pub long: i32,
    pub short: i32,
}

impl Default for LegacyPeriods {
    /// The upper ends of the old ranges (长期 16–50 years, 短期 up to 15): nothing is due before
    /// the longest period it may have been given.
    fn default() -> Self {
        LegacyPeriods {
            long: 50,
            short: 15,
        }
    }
}

/// Years a retention period keeps a record; `None` for 永久.
pub fn period_years(retention: Retention, legacy: LegacyPeriods) -> Option<i32> {
    match retention {
        Retention::Permanent => None,
        Retention::TenYears => Some(10),
        Retention::ThirtyYears => Some(30),
        Retention::Long => Some(legacy.long),
        Retention::Short => Some(legacy.short),
    }
}

/// The year from whose first day a record's retention has run out; `None` if it is kept for good.
pub fn retention_due(
    retention: Retention,
    year: i32,
    kept_until: Option<i32>,
    legacy: LegacyPeriods,
) -> Option<i32> {
    match kept_until {
        Some(KEPT_FOR_GOOD) => None,
        Some(until) => Some(until),
        None => period_years(retention, legacy).map(|n| year + 1 + n),
    }
}

/// Where a keep decision taken in `decided` moves the record's expiry: the new period counts from
/// 1 January of the next year.
pub fn kept_until(decided: i32, period: Retention, legacy: LegacyPeriods) -> i32 {
    period_years(period, legacy).map_or(KEPT_FOR_GOOD, |n| decided + 1 + n)
}

/// The year a record's opening review is due, or due again after a decision to keep it closed.
pub fn opening_due(year: i32, closed_until: Option<i32>) -> i32 {
    closed_until.unwrap_or(year + OPENING_AGE)
}

/// The longest a classification may hold unless it is set otherwise; `None` for what is no state
/// secret (公开, 内部).
pub fn secrecy_years(classification: Classification) -> Option<i32> {
    match classification {
        Classification::Secret => Some(10),
        Classification::Confidential => Some(20),
        Classification::Public | Classification::Internal => None,
    }
}

/// The year a classified record's declassification review is due.
pub fn declassification_due(
    classification: Classification,
    year: i32,
    secret_until: Option<i32>,
) -> Option<i32> {
    let years = secrecy_years(classification)?;
    Some(secret_until.unwrap_or(year + years))
}

vocabulary! {
    /// What an appraisal reviews.
    AppraisalKind {
        Retention = "retention", "到期鉴定", "retention" | "保管期限" | "销毁";
        Opening = "opening", "开放审核", "opening" | "开放";
        Declassification = "declassification", "解密审核", "declassification" | "解密";
    }
}

vocabulary! {
    /// The decision an appraisal takes on one record.
    Verdict {
        Destroy = "destroy", "销毁", "destroy" | "拟销毁";
        Keep = "keep", "续存", "keep" | "继续保存" | "延长保管";
        Open = "open", "开放", "open" | "予以开放";
        KeepClosed = "keep_closed", "延期开放", "keep closed" | "控制" | "不开放" | "暂不开放";
        Declassify = "declassify", "解密", "declassify" | "降密";
        KeepClassified = "keep_classified", "继续保密", "keep classified" | "保密";
    }
}

impl Verdict {
    pub fn kind(self) -> AppraisalKind {
        match self {
            Verdict::Destroy | Verdict::Keep => AppraisalKind::Retention,
            Verdict::Open | Verdict::KeepClosed => AppraisalKind::Opening,
            Verdict::Declassify | Verdict::KeepClassified => AppraisalKind::Declassification,
        }
    }
}

vocabulary! {
    /// Where an appraisal stands. Retention batches that destroy are carried out after approval;
    /// every other decision takes effect when it is approved.
    AppraisalState {
        Proposed = "proposed", "待审批", "proposed";
        Approved = "approved", "已批准", "approved";
        Rejected = "rejected", "未批准", "rejected";
        Withdrawn = "withdrawn", "已撤回", "withdrawn";
        CarriedOut = "carried_out", "已执行", "carried out" | "done";
    }
}

/// The decision on one record, as proposed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    /// 续存: the new retention period, counted from the year after the decision.
    pub period: Option<Retention>,
    /// 延期开放 / 继续保密: the year the record comes up for review again.
    pub until: Option<i32>,
    /// 解密: the classification the record takes (公开 or 内部).
    pub new_class: Option<Classification>,
    pub reason: String,
}

/// What is wrong with a proposed decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionFault {
    NeedsPeriod,
    NeedsUntil,
    UntilNotLater,
    NeedsClass,
    ClassNotLower,
    NeedsReason,
    /// A new period, review year or class given to a decision that takes none.
    UnusedPeriod,
    UnusedUntil,
    UnusedClass,
    /// Opening a record still classified: it is declassified first.
    StillClassified,
}

impl Decision {
    /// Checks the decision has what its verdict needs, for a record of `classification`, decided
    /// in `this_year`.
    pub fn check(
        &self,
        classification: Classification,
        this_year: i32,
    ) -> Result<(), DecisionFault> {
        let kept = matches!(
            self.verdict,
            Verdict::Keep | Verdict::KeepClosed | Verdict::KeepClassified
        );
        if kept && self.reason.trim().is_empty() {
            return Err(DecisionFault::NeedsReason);
        }
        // What a verdict does not take is refused rather than kept and ignored.
        let v = self.verdict;
        if self.period.is_some() && v != Verdict::Keep {
            return Err(DecisionFault::UnusedPeriod);
        }
        if self.until.is_some() && !matches!(v, Verdict::KeepClosed | Verdict::KeepClassified) {
            return Err(DecisionFault::UnusedUntil);
        }
        if self.new_class.is_some() && v != Verdict::Declassify {
            return Err(DecisionFault::UnusedClass);
        }
        if v == Verdict::Open && secrecy_years(classification).is_some() {
            return Err(DecisionFault::StillClassified);
        }
        match self.verdict {
            Verdict::Keep if self.period.is_none() => Err(DecisionFault::NeedsPeriod),
            Verdict::KeepClosed | Verdict::KeepClassified => match self.until {
                None => Err(DecisionFault::NeedsUntil),
                Some(until) if until <= this_year => Err(DecisionFault::UntilNotLater),
                Some(_) => Ok(()),
            },
            Verdict::Declassify => match self.new_class {
                None => Err(DecisionFault::NeedsClass),
                Some(c) if c >= classification || secrecy_years(c).is_some() => {
                    Err(DecisionFault::ClassNotLower)
                }
                Some(_) => Ok(()),
            },
            _ => Ok(()),
        }
    }
}

/// A record on a due list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRecord {
    pub code: ArchivalCode,
    pub title: String,
    pub date: Option<RecordDate>,
    pub pages: Option<u32>,
    pub classification: Classification,
    pub openness: Openness,
    pub status: Status,
    /// The year it fell due.
    pub due: i32,
}

/// How many records of one fonds and year are due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueGroup {
    pub fonds: String,
    pub year: i32,
    pub records: u64,
    pub pages: u64,
}

/// An appraisal batch as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appraisal {
    pub id: i64,
    pub kind: AppraisalKind,
    pub state: AppraisalState,
    pub note: String,
    pub proposed_by: String,
    pub proposed_at: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_note: String,
    pub carried_out_by: Option<String>,
    pub carried_out_at: Option<String>,
    pub witness: Option<String>,
    pub records: u64,
}

/// One record of an appraisal, with the decision on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppraisalItem {
    pub code: ArchivalCode,
    pub title: String,
    pub date: Option<RecordDate>,
    pub pages: Option<u32>,
    pub classification: Classification,
    pub status: Status,
    pub decision: Decision,
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEGACY: LegacyPeriods = LegacyPeriods {
        long: 50,
        short: 15,
    };

    #[test]
    fn retention_runs_from_the_first_of_january_after_the_records_year() {
        // A D10 record of 2010 is kept through 2020 and due on 1 January 2021.
        assert_eq!(
            retention_due(Retention::TenYears, 2010, None, LEGACY),
            Some(2021)
        );
        // A record of 31 December counts the same as one of 1 January of its year.
        assert_eq!(
            retention_due(Retention::ThirtyYears, 1995, None, LEGACY),
            Some(2026)
        );
        assert_eq!(
            retention_due(Retention::Permanent, 1950, None, LEGACY),
            None
        );
    }

    #[test]
    fn legacy_periods_are_the_archives_own() {
        assert_eq!(
            retention_due(Retention::Short, 2000, None, LEGACY),
            Some(2016)
        );
        assert_eq!(
            retention_due(Retention::Long, 1960, None, LEGACY),
            Some(2011)
        );
        let own = LegacyPeriods {
            long: 30,
            short: 10,
        };
        assert_eq!(retention_due(Retention::Long, 1960, None, own), Some(1991));
        assert_eq!(retention_due(Retention::Short, 2000, None, own), Some(2011));
    }

    #[test]
    fn a_keep_decision_moves_expiry_from_the_year_after_it() {
        let until = kept_until(2026, Retention::TenYears, LEGACY);
        assert_eq!(until, 2037);
        assert_eq!(
            retention_due(Retention::TenYears, 2010, Some(until), LEGACY),
            Some(2037)
        );
        let good = kept_until(2026, Retention::Permanent, LEGACY);
        assert_eq!(
            retention_due(Retention::TenYears, 2010, Some(good), LEGACY),
            None
        );
    }

    #[test]
    fn opening_and_declassification_fall_due_in_the_year_the_period_ends() {
        assert_eq!(opening_due(2001, None), 2026);
        assert_eq!(opening_due(2001, Some(2031)), 2031);
        assert_eq!(
            declassification_due(Classification::Secret, 2016, None),
            Some(2026)
        );
        assert_eq!(
            declassification_due(Classification::Confidential, 2006, None),
            Some(2026)
        );
        assert_eq!(
            declassification_due(Classification::Confidential, 2006, Some(2030)),
            Some(2030)
        );
        assert_eq!(
            declassification_due(Classification::Internal, 1990, None),
            None
        );
    }

    #[test]
    fn a_decision_must_carry_what_its_verdict_needs() {
        let decision = |verdict, reason: &str| Decision {
            verdict,
            period: None,
            until: None,
            new_class: None,
            reason: reason.into(),
        };
        let secret = Classification::Secret;
        assert_eq!(decision(Verdict::Destroy, "").check(secret, 2026), Ok(()));
        assert_eq!(
            decision(Verdict::Keep, "").check(secret, 2026),
            Err(DecisionFault::NeedsReason)
        );
        assert_eq!(
            decision(Verdict::Keep, "仍有查考价值").check(secret, 2026),
            Err(DecisionFault::NeedsPeriod)
        );
        let mut closed = decision(Verdict::KeepClosed, "涉及个人隐私");
        assert_eq!(closed.check(secret, 2026), Err(DecisionFault::NeedsUntil));
        closed.until = Some(2026);
        assert_eq!(
            closed.check(secret, 2026),
            Err(DecisionFault::UntilNotLater)
        );
        closed.until = Some(2031);
        assert_eq!(closed.check(secret, 2026), Ok(()));
        let mut down = decision(Verdict::Declassify, "");
        assert_eq!(down.check(secret, 2026), Err(DecisionFault::NeedsClass));
        down.new_class = Some(Classification::Secret);
        assert_eq!(down.check(secret, 2026), Err(DecisionFault::ClassNotLower));
        down.new_class = Some(Classification::Internal);
        assert_eq!(down.check(secret, 2026), Ok(()));
        let mut destroy = decision(Verdict::Destroy, "");
        destroy.period = Some(Retention::ThirtyYears);
        assert_eq!(
            destroy.check(secret, 2026),
            Err(DecisionFault::UnusedPeriod)
        );
        let mut keep = decision(Verdict::Keep, "仍有查考价值");
        keep.period = Some(Retention::TenYears);
        keep.until = Some(2031);
        assert_eq!(keep.check(secret, 2026), Err(DecisionFault::UnusedUntil));
        closed.new_class = Some(Classification::Public);
        assert_eq!(closed.check(secret, 2026), Err(DecisionFault::UnusedClass));
        assert_eq!(
            decision(Verdict::Open, "").check(secret, 2026),
            Err(DecisionFault::StillClassified)
        );
        assert_eq!(
            decision(Verdict::Open, "").check(Classification::Internal, 2026),
            Ok(())
        );
    }

    #[test]
    fn verdicts_read_from_the_words_of_a_paper_list() {
        assert_eq!(Verdict::parse("销毁"), Some(Verdict::Destroy));
        assert_eq!(Verdict::parse("延期开放"), Some(Verdict::KeepClosed));
        assert_eq!(
            Verdict::parse("Keep Classified"),
            Some(Verdict::KeepClassified)
        );
        assert_eq!(Verdict::Open.kind(), AppraisalKind::Opening);
    }
}
