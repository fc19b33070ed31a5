//! Appraisal and disposition (鉴定与处置): what is due, proposing decisions on it, and reading
//! appraisals back. Approving and carrying out are in `decide`.

mod decide;
mod sheet;

use chrono::Datelike;
use serde_json::json;

use crate::archive::Archive;
use crate::archive::accounts::Session;
use crate::archive::exchange::decisions::DecisionColumn as Column;
use crate::archive::sight::Sight;
use crate::archive::store::appraisals::{self, DueQuery};
use crate::archive::store::audit::{self, Marked};
use crate::archive::store::{records, settings};
use crate::domain::appraisal::{
    Appraisal, AppraisalItem, Decision, DecisionFault, DueGroup, DueRecord, LegacyPeriods,
    retention_due, secrecy_years,
};
use crate::domain::{AppraisalKind, ArchivalCode, Openness, Permission, Record, Status, Verdict};
use crate::error::{Error, Result};
use crate::i18n::{AppraisalMsg, Msg};

pub use decide::Destruction;

pub const SETTING_LONG_YEARS: &str = "appraisal.long_years";
pub const SETTING_SHORT_YEARS: &str = "appraisal.short_years";

/// One decision as proposed: on which record, and the line of the file it came from, if any.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub line: Option<u64>,
    pub code: ArchivalCode,
    pub decision: Decision,
}

/// A due list: how many in each fonds and year, and (up to the limit asked) which.
#[derive(Debug, Clone, Default)]
pub struct DueList {
    pub groups: Vec<DueGroup>,
    pub records: Vec<DueRecord>,
}

impl Archive {
    /// The years of the legacy periods 长期 and 短期, as the archive set them.
    pub fn legacy_periods(&self) -> Result<LegacyPeriods> {
        let conn = self.store.conn();
        let read = |key: &str| -> Result<Option<i32>> {
            Ok(settings::get(conn, key)?.and_then(|v| v.parse().ok()))
        };
        let default = LegacyPeriods::default();
        Ok(LegacyPeriods {
            long: read(SETTING_LONG_YEARS)?.unwrap_or(default.long),
            short: read(SETTING_SHORT_YEARS)?.unwrap_or(default.short),
        })
    }

    /// The year appraisals reckon in: this year, by the archive's clock.
    pub fn this_year(&self) -> i32 {
        self.clock_now().year()
    }

    /// What is due for `kind` as of `as_of` (this year if none), within the session's sight:
    /// counts by fonds and year, and the first `limit` records.
    pub fn appraisal_due(
        &self,
        session: &Session,
        kind: AppraisalKind,
        scope: (Option<&str>, Option<i32>),
        as_of: Option<i32>,
        limit: u64,
    ) -> Result<DueList> {
        session.require(Permission::Appraise)?;
        let sight = Sight::of(session);
        let query = DueQuery {
            kind,
            as_of: as_of.unwrap_or_else(|| self.this_year()),
            legacy: self.legacy_periods()?,
            fonds: scope.0,
            year: scope.1,
        };
        let conn = self.store.conn();
        let groups = appraisals::due_groups(conn, &query, sight)?;
        let records = match limit {
            0 => Vec::new(),
            _ => appraisals::due_records(conn, &query, sight, limit)?
                .into_iter()
                .map(|(record, due)| due_record(record, due))
                .collect(),
        };
        Ok(DueList { groups, records })
    }

    /// Proposes an appraisal: every decision is checked, and all problems are reported at once
    /// with their lines; nothing is saved unless all are right. Returns the appraisal's number.
    pub fn propose_appraisal(
        &mut self,
        session: &Session,
        kind: AppraisalKind,
        note: &str,
        proposals: &[Proposal],
    ) -> Result<i64> {
        self.propose_in(session, (kind, note), proposals, Vec::new(), |problems| {
            let lines = problems
                .into_iter()
                .map(|p| at_line(p.line, p.what))
                .collect();
            Error::BadInput(Msg::Lines { lines })
        })
    }

    /// Proposes checked decisions; `refuse` makes the error of the problems found, with those
    /// `known` already (rows that could not be read), in line order.
    fn propose_in(
        &mut self,
        session: &Session,
        (kind, note): (AppraisalKind, &str),
        proposals: &[Proposal],
        known: Vec<Problem>,
        refuse: impl FnOnce(Vec<Problem>) -> Error,
    ) -> Result<i64> {
        session.require(Permission::Appraise)?;
        if proposals.is_empty() && known.is_empty() {
            return Err(Error::BadInput(AppraisalMsg::Empty.into()));
        }
        let sight = Sight::of(session);
        let legacy = self.legacy_periods()?;
        let this_year = self.this_year();
        let note = note.trim();
        crate::domain::record::check_text(note, true).map_err(|e| Error::BadInput(e.0))?;
        self.audited(session.name(), |tx, stamp| {
            let mut problems = known;
            let mut accepted: Vec<(i64, &Decision)> = Vec::new();
            for proposal in proposals {
                let Some(record) = records::by_code(tx, &proposal.code, sight)? else {
                    let code = proposal.code.to_string();
                    problems.push(Problem {
                        line: proposal.line,
                        column: Column::Code,
                        what: AppraisalMsg::NoSuchRecord { code }.into(),
                    });
                    continue;
                };
                let fault = problem(tx, kind, &record, &proposal.decision, this_year, legacy)?
                    .or_else(|| {
                        let twice = accepted.iter().any(|(id, _)| *id == record.id);
                        twice.then_some((Column::Code, AppraisalMsg::Twice))
                    });
                match fault {
                    Some((column, what)) => problems.push(Problem {
                        line: proposal.line,
                        column,
                        what: AppraisalMsg::ForRecord {
                            code: record.code.to_string(),
                            what: Box::new(what),
                        }
                        .into(),
                    }),
                    None => accepted.push((record.id, &proposal.decision)),
                }
            }
            if !problems.is_empty() {
                problems.sort_by_key(|p| p.line);
                return Err(refuse(problems));
            }
            let id = appraisals::insert(tx, kind, note, session.name(), stamp.at)?;
            let mut verdicts = serde_json::Map::new();
            for (record_id, decision) in &accepted {
                appraisals::add_item(tx, id, *record_id, decision)?;
                let n = verdicts.entry(decision.verdict.code()).or_insert(json!(0));
                *n = json!(n.as_u64().unwrap_or(0) + 1);
            }
            let detail = json!({"kind": kind.code(), "records": accepted.len(), "verdicts": verdicts, "note": note});
            let seq = stamp.append(tx, "appraisal.propose", &format!("appraisal {id}"), detail)?;
            audit::mark(tx, Marked::Appraisal, id, seq)?;
            Ok(id)
        })
    }

    /// The appraisals whose every record the session may see, newest first.
    pub fn appraisals(&self, session: &Session) -> Result<Vec<Appraisal>> {
        session.require(Permission::Appraise)?;
        let sight = Sight::of(session);
        Ok(appraisals::list(self.store.conn())?
            .into_iter()
            .filter(|(_, highest)| sight.sees(*highest))
            .map(|(a, _)| a)
            .collect())
    }

    /// One appraisal with its records and decisions; "not found" if it holds a record above the
    /// session's clearance, as if it did not exist.
    pub fn appraisal(&self, session: &Session, id: i64) -> Result<(Appraisal, Vec<AppraisalItem>)> {
        session.require(Permission::Appraise)?;
        let appraisal = visible_appraisal(self.store.conn(), Sight::of(session), id)?;
        let items = appraisals::items(self.store.conn(), id)?
            .into_iter()
            .map(|(record, decision)| AppraisalItem {
                code: record.code,
                title: record.data.title,
                date: record.data.date,
                pages: record.data.pages,
                classification: record.data.classification,
                status: record.data.status,
                decision,
            })
            .collect();
        Ok((appraisal, items))
    }

    /// The appraisals a record has been on, oldest first, with the decision on it: part of its
    /// history.
    pub fn record_appraisals(
        &self,
        session: &Session,
        code: &ArchivalCode,
    ) -> Result<Vec<(Appraisal, Decision)>> {
        let record = self.record(session, code)?;
        // The appraisals are the archive's own work, with its reasons: for those who appraise.
        if !session.role().allows(Permission::Appraise) {
            return Ok(Vec::new());
        }
        appraisals::of_record(self.store.conn(), record.id)
    }
}

fn due_record(record: Record, due: i32) -> DueRecord {
    DueRecord {
        code: record.code,
        title: record.data.title,
        date: record.data.date,
        pages: record.data.pages,
        classification: record.data.classification,
        openness: record.data.openness,
        status: record.data.status,
        due,
    }
}

/// The appraisal, if the sight takes in every record on it.
fn visible_appraisal(conn: &rusqlite::Connection, sight: Sight, id: i64) -> Result<Appraisal> {
    match appraisals::get(conn, id)? {
        Some((appraisal, highest)) if sight.sees(highest) => Ok(appraisal),
        _ => Err(Error::NotFound(AppraisalMsg::NoAppraisal { id }.into())),
    }
}

fn at_line(line: Option<u64>, what: Msg) -> Msg {
    match line {
        Some(line) => AppraisalMsg::AtLine {
            line,
            what: Box::new(what),
        }
        .into(),
        None => what,
    }
}

/// A decision that cannot be proposed: its line, the column at fault, and why.
pub(super) struct Problem {
    pub(super) line: Option<u64>,
    pub(super) column: Column,
    pub(super) what: Msg,
}

/// What keeps a decision on a record from being proposed, if anything, and in which column.
fn problem(
    conn: &rusqlite::Connection,
    kind: AppraisalKind,
    record: &Record,
    decision: &Decision,
    this_year: i32,
    legacy: LegacyPeriods,
) -> Result<Option<(Column, AppraisalMsg)>> {
    let verdict = decision.verdict;
    if verdict.kind() != kind {
        return Ok(Some((
            Column::Verdict,
            AppraisalMsg::WrongKind { verdict, kind },
        )));
    }
    if record.data.status == Status::Disposed {
        return Ok(Some((Column::Code, AppraisalMsg::Destroyed)));
    }
    if let Some(id) = appraisals::pending(conn, record.id)? {
        return Ok(Some((Column::Code, AppraisalMsg::Pending { id })));
    }
    // A classified record is declassified first, whatever the opening decision would be.
    if kind == AppraisalKind::Opening && secrecy_years(record.data.classification).is_some() {
        return Ok(Some((Column::Code, AppraisalMsg::StillClassified)));
    }
    let nothing_to_review = match kind {
        AppraisalKind::Opening => record.data.openness == Openness::Open,
        AppraisalKind::Declassification => secrecy_years(record.data.classification).is_none(),
        AppraisalKind::Retention => false,
    };
    if nothing_to_review {
        let what = match kind {
            AppraisalKind::Opening => AppraisalMsg::AlreadyOpen,
            _ => AppraisalMsg::NotClassified,
        };
        return Ok(Some((Column::Code, what)));
    }
    if let Err(fault) = decision.check(record.data.classification, this_year) {
        return Ok(Some(fault_msg(fault, verdict, this_year)));
    }
    let year = i32::from(record.code.group.year);
    if verdict != Verdict::Destroy {
        return Ok(None);
    }
    // What is out of the store cannot be destroyed: it is taken back (or its loss settled) first.
    if let status @ (Status::OnLoan | Status::Lost) = record.data.status {
        return Ok(Some((Column::Code, AppraisalMsg::NotInStore { status })));
    }
    let [kept, _, _] = appraisals::review_years(conn, record.id)?;
    let fault = match retention_due(record.retention(), year, kept, legacy) {
        None => Some(AppraisalMsg::KeptForGood),
        Some(due) if due > this_year => Some(AppraisalMsg::NotDue { due }),
        Some(_) => None,
    };
    Ok(fault.map(|what| (Column::Verdict, what)))
}

fn fault_msg(fault: DecisionFault, verdict: Verdict, this_year: i32) -> (Column, AppraisalMsg) {
    match fault {
        DecisionFault::UnusedPeriod => (Column::Period, AppraisalMsg::Unused { verdict }),
        DecisionFault::UnusedUntil => (Column::Until, AppraisalMsg::Unused { verdict }),
        DecisionFault::UnusedClass => (Column::NewClass, AppraisalMsg::Unused { verdict }),
        DecisionFault::StillClassified => (Column::Verdict, AppraisalMsg::StillClassified),
        DecisionFault::NeedsPeriod => (Column::Period, AppraisalMsg::NeedsPeriod),
        DecisionFault::NeedsUntil => (Column::Until, AppraisalMsg::NeedsUntil),
        DecisionFault::UntilNotLater => (
            Column::Until,
            AppraisalMsg::UntilNotLater { year: this_year },
        ),
        DecisionFault::NeedsClass => (Column::NewClass, AppraisalMsg::NeedsClass),
        DecisionFault::ClassNotLower => (Column::NewClass, AppraisalMsg::ClassNotLower),
        DecisionFault::NeedsReason => (Column::Reason, AppraisalMsg::NeedsReason),
    }
}
