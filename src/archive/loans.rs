//! Loans (借阅) as users meet them: a reader requests, an archivist lends, takes back, renews or
//! marks lost; the record's status follows; every event is audited and no loan is ever deleted.

use chrono::{Local, NaiveDate};
use serde_json::json;

use crate::archive::browse::readable;
use crate::archive::sight::Sight;
use crate::archive::store::audit::{self, Marked};
use crate::archive::store::loans::{self, NewLoan};
use crate::archive::store::{outbox, records, settings, users};
use crate::archive::{Archive, Session};
use crate::domain::loan::{self, LoanKind, LoanState};
use crate::domain::loan::{Borrower, Loan, LoanFilter};
use crate::domain::{ArchivalCode, Classification, Permission, Record, Role, Status};
use crate::error::{Error, Result};
use crate::i18n::{LoanMsg, S};

/// What the desk fills in to lend a record.
#[derive(Debug, Clone)]
pub struct LoanRequest {
    pub borrower: Borrower,
    pub purpose: String,
    pub kind: LoanKind,
    /// None: today plus the kind's days (`loan.days.KIND` setting, else the default).
    pub due: Option<NaiveDate>,
    /// Needed for 秘密 and 机密 records: an archivist or admin other than the one lending.
    pub approver: Option<String>,
}

/// The use register (利用登记簿) of a period: its loans and the counts archives report.
#[derive(Debug, Clone)]
pub struct Register {
    pub loans: Vec<Loan>,
    pub by_purpose: Vec<(String, u64)>,
    pub by_kind: Vec<(LoanKind, u64)>,
    pub by_unit: Vec<(String, u64)>,
}

fn not_out(code: &ArchivalCode) -> Error {
    let code = code.to_string();
    Error::BadInput(LoanMsg::NotOut { code }.into())
}

fn clean(field: S, value: &str, required: bool) -> Result<String> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(Error::BadInput(LoanMsg::Required { field }.into()));
    }
    // No control or bidirectional characters: these go into registers, CSV and terminals.
    let fits = crate::domain::record::check_text(value, false).is_ok();
    if !fits || value.chars().count() > 100 {
        return Err(Error::BadInput(LoanMsg::OneLine { field }.into()));
    }
    Ok(value.to_string())
}

fn tally<K: Ord + Clone>(keys: impl Iterator<Item = K>) -> Vec<(K, u64)> {
    let mut counts = std::collections::BTreeMap::new();
    for key in keys {
        *counts.entry(key).or_insert(0u64) += 1;
    }
    let mut out: Vec<(K, u64)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

impl Archive {
    /// Today in the archive's local time: due dates are days on the desk's calendar.
    pub fn today(&self) -> NaiveDate {
        self.clock_now().with_timezone(&Local).date_naive()
    }

    fn days_for(&self, kind: LoanKind) -> Result<u64> {
        let set = settings::get(self.store.conn(), &kind.days_setting())?;
        Ok(set
            .and_then(|v| v.parse().ok())
            .unwrap_or(kind.default_days()))
    }

    fn check_borrower(request: &LoanRequest) -> Result<(Borrower, String)> {
        let b = &request.borrower;
        let borrower = Borrower {
            name: clean(S::Borrower, &b.name, true)?,
            unit: clean(S::Unit, &b.unit, false)?,
            id_no: clean(S::IdNo, &b.id_no, false)?,
            contact: clean(S::Contact, &b.contact, false)?,
        };
        let purpose = loan::purpose(&request.purpose).map_err(Error::BadInput)?;
        Ok((borrower, purpose))
    }

    /// A reader asks for a record; an archivist then lends it (`lend` grants the request).
    pub fn request_loan(
        &mut self,
        session: &Session,
        code: &ArchivalCode,
        request: &LoanRequest,
    ) -> Result<i64> {
        let record = self.record(session, code)?;
        let (borrower, purpose) = Self::check_borrower(request)?;
        self.audited(session.name(), |tx, stamp| {
            let id = loans::insert(
                tx,
                &NewLoan {
                    record_id: record.id,
                    state: LoanState::Requested,
                    borrower: &borrower,
                    purpose: &purpose,
                    kind: request.kind,
                    requested_by: Some(session.name()),
                    out_on: None,
                    due_on: None,
                    approver: None,
                    handled_by: None,
                },
            )?;
            let detail = json!({"loan": id, "borrower": borrower.name, "purpose": purpose});
            let seq = stamp.append(tx, "loan.request", &record.code.to_string(), detail)?;
            audit::mark(tx, Marked::Loan, id, seq)?;
            Ok(id)
        })
    }

    /// Lends a record: refused if it is out already, not in the store, or (for 秘密 and 机密) not
    /// approved. Grants the record's open request if there is one.
    pub fn lend(
        &mut self,
        session: &Session,
        code: &ArchivalCode,
        request: &LoanRequest,
    ) -> Result<Loan> {
        session.require(Permission::Lend)?;
        let record = self.record(session, code)?;
        let (borrower, purpose) = Self::check_borrower(request)?;
        let approver = self.check_approval(session, &record, request.approver.as_deref())?;
        let today = self.today();
        let due = match request.due {
            Some(due) if due < today => {
                return Err(Error::BadInput(
                    LoanMsg::DueBeforeToday {
                        due: due.to_string(),
                        today: today.to_string(),
                    }
                    .into(),
                ));
            }
            Some(due) => due,
            None => loan::due_after(today, self.days_for(request.kind)?),
        };
        let id = self.audited(session.name(), |tx, stamp| {
            if loans::out_of(tx, record.id)?.is_some() {
                let code = code.to_string();
                return Err(Error::BadInput(LoanMsg::AlreadyOut { code }.into()));
            }
            if record.data.status != Status::InStore {
                return Err(Error::BadInput(
                    LoanMsg::NotInStore {
                        code: code.to_string(),
                        status: record.data.status,
                    }
                    .into(),
                ));
            }
            let new = NewLoan {
                record_id: record.id,
                state: LoanState::Out,
                borrower: &borrower,
                purpose: &purpose,
                kind: request.kind,
                requested_by: None,
                out_on: Some(today),
                due_on: Some(due),
                approver: approver.as_deref(),
                handled_by: Some(session.name()),
            };
            let id = match loans::request_of(tx, record.id)? {
                Some(requested) => {
                    loans::grant(tx, requested.id, &new)?;
                    requested.id
                }
                None => loans::insert(tx, &new)?,
            };
            records::set_status(tx, record.id, Status::OnLoan, stamp.at, session.name())?;
            outbox::record_changed(tx, record.id)?;
            let detail = json!({
                "loan": id, "borrower": borrower.name, "unit": borrower.unit, "purpose": purpose,
                "kind": request.kind.code(), "due": due.to_string(), "approver": approver,
            });
            let seq = stamp.append(tx, "loan.out", &code.to_string(), detail)?;
            audit::mark(tx, Marked::Loan, id, seq)?;
            Ok(id)
        })?;
        self.loan(session, id)
    }

    fn check_approval(
        &self,
        session: &Session,
        record: &Record,
        approver: Option<&str>,
    ) -> Result<Option<String>> {
        if record.data.classification < Classification::Secret {
            return Ok(approver.map(str::to_string));
        }
        let Some(name) = approver.map(str::trim).filter(|a| !a.is_empty()) else {
            return Err(Error::Refused(
                LoanMsg::NeedsApprover {
                    code: record.code.to_string(),
                    class: record.data.classification,
                }
                .into(),
            ));
        };
        if name == session.name() {
            return Err(Error::Refused(LoanMsg::ApproverIsLender.into()));
        }
        // The approver must be someone who may see the record: an archivist or admin cleared to it.
        match users::by_name(self.store.conn(), name)? {
            Some((user, _))
                if !user.disabled
                    && matches!(user.role, Role::Admin | Role::Archivist)
                    && user.clearance >= record.data.classification =>
            {
                Ok(Some(user.name))
            }
            _ => Err(Error::Refused(
                LoanMsg::NotAnApprover {
                    name: name.to_string(),
                }
                .into(),
            )),
        }
    }

    fn loan(&self, session: &Session, id: i64) -> Result<Loan> {
        loans::by_id(self.store.conn(), id, Sight::of(session))?
            .ok_or_else(|| Error::NotFound(LoanMsg::NoSuchLoan { id }.into()))
    }

    fn current_loan(&self, session: &Session, code: &ArchivalCode) -> Result<(Record, Loan)> {
        session.require(Permission::Lend)?;
        let record = self.record(session, code)?;
        let loan = loans::out_of(self.store.conn(), record.id)?.ok_or_else(|| {
            let code = code.to_string();
            Error::BadInput(LoanMsg::NotOut { code }.into())
        })?;
        Ok((record, loan))
    }

    /// Takes a record back, with a note on its condition.
    pub fn return_loan(
        &mut self,
        session: &Session,
        code: &ArchivalCode,
        condition: &str,
    ) -> Result<Loan> {
        self.close_loan(session, code, LoanState::Returned, condition)
    }

    /// Marks a record on loan as lost; its status becomes 遗失.
    pub fn mark_lost(
        &mut self,
        session: &Session,
        code: &ArchivalCode,
        note: &str,
    ) -> Result<Loan> {
        self.close_loan(session, code, LoanState::Lost, note)
    }

    fn close_loan(
        &mut self,
        session: &Session,
        code: &ArchivalCode,
        state: LoanState,
        note: &str,
    ) -> Result<Loan> {
        let (record, loan) = self.current_loan(session, code)?;
        let note = clean(S::Condition, note, false)?;
        let today = self.today();
        let (status, action) = match state {
            LoanState::Lost => (Status::Lost, "loan.lost"),
            _ => (Status::InStore, "loan.return"),
        };
        self.audited(session.name(), |tx, stamp| {
            // Another session may have taken it back since it was read.
            if !loans::close(tx, loan.id, state, today, &note)? {
                return Err(not_out(code));
            }
            records::set_status(tx, record.id, status, stamp.at, session.name())?;
            outbox::record_changed(tx, record.id)?;
            let detail = json!({"loan": loan.id, "borrower": loan.borrower.name, "note": note});
            let seq = stamp.append(tx, action, &code.to_string(), detail)?;
            audit::mark(tx, Marked::Loan, loan.id, seq)
        })?;
        self.loan(session, loan.id)
    }

    /// Extends the due date by the kind's days (or to `due`); counted.
    pub fn renew(
        &mut self,
        session: &Session,
        code: &ArchivalCode,
        due: Option<NaiveDate>,
    ) -> Result<Loan> {
        let (_, loan) = self.current_loan(session, code)?;
        let current = loan.due_on.unwrap_or_else(|| self.today());
        let due = match due {
            Some(due) if due <= current => {
                return Err(Error::BadInput(
                    LoanMsg::RenewalTooEarly {
                        current: current.to_string(),
                    }
                    .into(),
                ));
            }
            Some(due) => due,
            None => loan::due_after(current, self.days_for(loan.kind)?.max(1)),
        };
        self.audited(session.name(), |tx, stamp| {
            if !loans::renew(tx, loan.id, due)? {
                return Err(not_out(code));
            }
            let detail =
                json!({"loan": loan.id, "due": due.to_string(), "renewals": loan.renewals + 1});
            let seq = stamp.append(tx, "loan.renew", &code.to_string(), detail)?;
            audit::mark(tx, Marked::Loan, loan.id, seq)
        })?;
        self.loan(session, loan.id)
    }

    /// Loans as the filter asks, within the session's clearance.
    pub fn loans(&self, session: &Session, filter: &LoanFilter) -> Result<Vec<Loan>> {
        loans::list(self.store.conn(), filter, readable(session)?)
    }

    /// The use register of the loans made from `from` to `to` (inclusive), with its summary.
    pub fn register(&self, session: &Session, from: NaiveDate, to: NaiveDate) -> Result<Register> {
        let filter = LoanFilter {
            from: Some(from),
            to: Some(to),
            states: vec![LoanState::Out, LoanState::Returned, LoanState::Lost],
            ..LoanFilter::default()
        };
        let loans = self.loans(session, &filter)?;
        Ok(Register {
            by_purpose: tally(loans.iter().map(|l| l.purpose.clone())),
            by_kind: tally(loans.iter().map(|l| l.kind)),
            by_unit: tally(loans.iter().map(|l| l.borrower.unit.clone())),
            loans,
        })
    }
}
