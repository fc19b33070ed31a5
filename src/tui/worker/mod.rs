//! The worker: the only part of the TUI that touches the archive. It runs effects (on its own
//! thread in the terminal, synchronously in tests) and answers with replies; the UI never waits.

mod batch;

pub use batch::ExportOf;

use std::sync::mpsc::{Receiver, Sender};

use chrono::NaiveDate;

use crate::archive::loans::LoanRequest;
use crate::archive::reconcile::{LineRef, LineWithRecord, ScopeStatus};
use crate::archive::records::NewCode;
use crate::archive::search::SearchResults;
use crate::archive::{Archive, Session};
use crate::domain::Anchor;
use crate::domain::Fonds;
use crate::domain::loan::{self, LoanState};
use crate::domain::loan::{Loan, LoanFilter};
use crate::domain::register::{PaperLine, Resolution, Scope};
use crate::domain::{
    ArchivalCode, Classification, CodeGroup, Field, Permission, Record, RecordData, Role,
};
use crate::domain::{RecordQuery, Revision};

/// Work for the archive. `id`s let the app drop answers to questions it no longer asks.
#[derive(Debug, Clone)]
pub enum Effect {
    Login {
        name: String,
        password: String,
    },
    LoadFonds,
    /// Takes the draft this user left, if any.
    TakeDraft,
    LoadYears {
        fonds: String,
    },
    LoadWindow {
        id: u64,
        filter: RecordQuery,
        anchor: Anchor,
        limit: u64,
        /// The row number of the window's first row when the app can work it out itself; else
        /// the worker counts.
        position: Option<u64>,
        with_total: bool,
    },
    /// Hits `offset..offset + limit` of a query, with the counts per fonds, year and status if
    /// `counts`.
    Search {
        id: u64,
        text: String,
        offset: usize,
        limit: usize,
        counts: bool,
    },
    OpenRecord {
        code: ArchivalCode,
    },
    SaveNew {
        group: CodeGroup,
        item: Option<u32>,
        data: RecordData,
        quick: bool,
    },
    SaveEdit {
        code: ArchivalCode,
        version: u32,
        changes: Vec<(Field, String)>,
    },
    LoadLoans {
        tab: LoanTab,
        /// Only loans whose borrower's name, unit or contact holds this (empty: all).
        who: String,
    },
    /// The borrowers of loans before, for a lend form to offer.
    LoadBorrowers,
    /// The latest entries of the audit trail the user may see.
    LoadAudit,
    /// A loan's due date put back by its kind's days.
    Renew {
        code: ArchivalCode,
    },
    /// A record lent and not coming back: the loan closes and the record's status is 遗失.
    MarkLost {
        code: ArchivalCode,
        note: String,
    },
    /// One record lent, or the marked ones, to one borrower (a reader's become requests).
    Lend {
        codes: Vec<ArchivalCode>,
        request: Box<LoanRequest>,
    },
    /// The marked records taken back, each in the same condition.
    ReturnMany {
        codes: Vec<ArchivalCode>,
        condition: String,
    },
    /// A CSV file of records, never over a file already there.
    Export {
        of: batch::ExportOf,
        path: std::path::PathBuf,
    },
    /// The loan slip of the visit the record's latest loan was part of.
    Slip {
        code: ArchivalCode,
        lang: crate::i18n::Lang,
        path: std::path::PathBuf,
    },
    ReturnLoan {
        code: ArchivalCode,
        /// The record's condition as taken back (empty: as lent).
        condition: String,
    },
    LoadScopes,
    LoadRegister {
        scope: String,
    },
    Resolve {
        scope: String,
        line: LineRef,
        resolution: Resolution,
        note: String,
    },
    Reopen {
        scope: String,
        line: LineRef,
    },
    Pick {
        scope: String,
        line: LineRef,
        code: ArchivalCode,
    },
    Certify {
        scope: String,
    },
    /// Has another session changed the archive since the last look?
    CheckChanges,
    EnterRegister {
        scope: String,
        lines: Vec<PaperLine>,
    },
}

/// The tabs of the loans screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanTab {
    Out,
    /// Out and due within the next seven days (overdue ones included: they are due too).
    DueSoon,
    Overdue,
    Log,
}

impl LoanTab {
    pub const ALL: [LoanTab; 4] = [
        LoanTab::Out,
        LoanTab::DueSoon,
        LoanTab::Overdue,
        LoanTab::Log,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanEvent {
    Lent,
    Requested,
    Returned,
    Renewed { due: NaiveDate },
    Lost,
}

/// How many loans the log tab shows: the latest.
const LOG_ROWS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    pub name: String,
    pub role: Role,
    pub clearance: Classification,
}

pub enum Reply {
    Borrowers(Vec<crate::domain::loan::Borrower>),
    Audit(Vec<crate::domain::audit::AuditEntry>),
    /// Nothing to show: the answer to a check that found no change.
    Quiet,
    /// Another session changed the archive: what is shown may be out of date.
    ChangedElsewhere,
    LoggedIn(UserInfo),
    LoginFailed(crate::Error),
    Fonds(Vec<Fonds>),
    Years {
        fonds: String,
        years: Vec<(u16, u64)>,
        /// Certified single-track scopes of this fonds.
        certified: Vec<Scope>,
    },
    Window {
        id: u64,
        records: Vec<Record>,
        position: u64,
        total: Option<u64>,
    },
    Results {
        id: u64,
        /// The number of the first hit held, of all.
        offset: usize,
        results: SearchResults,
    },
    Record {
        record: Box<Record>,
        revisions: Vec<Revision>,
        loans: Vec<Loan>,
        objects: Vec<crate::domain::DigitalObject>,
    },
    Loans {
        tab: LoanTab,
        today: NaiveDate,
        loans: Vec<Loan>,
    },
    /// A loan lent, requested or returned: what to say.
    LoanDone {
        code: String,
        borrower: String,
        event: LoanEvent,
    },
    Saved {
        record: Box<Record>,
        quick: bool,
        changed: usize,
    },
    Scopes(Vec<ScopeStatus>),
    /// A register's lines as they stand, after what was asked (and what to say about it).
    Register {
        status: ScopeStatus,
        lines: Vec<LineWithRecord>,
        /// The certificate's hash, when the scope was just certified.
        certified: Option<String>,
    },
    /// One line decided, as it stands now, and the scope's counts.
    LineDecided {
        status: ScopeStatus,
        line: Box<LineWithRecord>,
    },
    /// The search index being built: how far, in percent.
    Indexing(u64),
    Indexed,
    /// The form this user left unsaved when the terminal last went away.
    Draft(Option<Box<crate::tui::draft::Draft>>),
    /// An edit refused because another session saved the record meanwhile.
    Conflict(Box<crate::archive::records::EditConflict>),
    /// Several records lent or taken back: those done, and those refused with why.
    Batch {
        event: LoanEvent,
        done: Vec<String>,
        failed: Vec<(String, crate::Error)>,
    },
    /// A file written (an export, a slip), with how many records it holds.
    Written {
        path: std::path::PathBuf,
        count: u64,
    },
    Error(crate::Error),
}

pub struct Worker {
    archive: Archive,
    session: Option<Session>,
    /// The archive's change counter at the last check.
    seen_version: Option<i64>,
}

impl Worker {
    pub fn new(archive: Archive) -> Worker {
        Worker {
            archive,
            session: None,
            seen_version: None,
        }
    }

    pub fn execute(&mut self, effect: Effect) -> Reply {
        match self.run(effect) {
            Ok(reply) => reply,
            Err(crate::Error::Conflict(conflict)) => Reply::Conflict(conflict),
            Err(e) => Reply::Error(e),
        }
    }

    fn session(&self) -> crate::Result<&Session> {
        self.session
            .as_ref()
            .ok_or_else(|| crate::Error::Refused(crate::i18n::AccountMsg::NotLoggedIn.into()))
    }

    fn run(&mut self, effect: Effect) -> crate::Result<Reply> {
        if let Effect::Login { name, password } = &effect {
            return Ok(match self.archive.login(name, password) {
                Ok(session) => {
                    let info = UserInfo {
                        name: session.name().to_string(),
                        role: session.role(),
                        clearance: session.clearance(),
                    };
                    self.session = Some(session);
                    Reply::LoggedIn(info)
                }
                Err(e) => Reply::LoginFailed(e),
            });
        }
        let session = self.session()?.clone();
        let archive = &mut self.archive;
        Ok(match effect {
            Effect::Login { .. } => Reply::Error(crate::Error::Internal("a second log-in".into())),
            Effect::LoadFonds => Reply::Fonds(archive.fonds(&session)?),
            Effect::TakeDraft => {
                Reply::Draft(crate::tui::draft::take(archive.dir(), session.name())?.map(Box::new))
            }
            Effect::LoadYears { fonds } => Reply::Years {
                years: archive.years(&session, &fonds)?,
                certified: archive
                    .scopes(&session)?
                    .into_iter()
                    .filter(|s| s.certified_at.is_some())
                    .filter_map(|s| s.scope.parse::<Scope>().ok())
                    .filter(|s| s.fonds == fonds)
                    .collect(),
                fonds,
            },
            Effect::LoadWindow {
                id,
                filter,
                anchor,
                limit,
                position,
                with_total,
            } => {
                let records = archive.window(&session, &filter, &anchor, limit)?;
                let (position, total) = match (position, records.first()) {
                    (Some(p), _) if !with_total => (p, None),
                    (_, Some(first)) => {
                        let (p, total) = archive.position(&session, &filter, &first.code)?;
                        (position.unwrap_or(p), Some(total))
                    }
                    (_, None) => (0, Some(archive.list(&session, &filter, 0, 0)?.1)),
                };
                Reply::Window {
                    id,
                    records,
                    position,
                    total,
                }
            }
            Effect::Search {
                id,
                text,
                offset,
                limit,
                counts,
            } => Reply::Results {
                id,
                offset,
                results: archive.search_window(&session, &text, offset..offset + limit, counts)?,
            },
            Effect::OpenRecord { code } => {
                let record = archive.record(&session, &code)?;
                let history = LoanFilter {
                    record_id: Some(record.id),
                    ..LoanFilter::default()
                };
                Reply::Record {
                    revisions: archive.revisions(&session, &record.code)?,
                    loans: archive.loans(&session, &history)?,
                    objects: archive.objects(&session, &record.code)?,
                    record: Box::new(record),
                }
            }
            Effect::LoadLoans { tab, who } => {
                let today = archive.today();
                let filter = match tab {
                    LoanTab::Out => LoanFilter {
                        states: vec![LoanState::Out],
                        ..LoanFilter::default()
                    },
                    // Falling due, not fallen: the overdue have their own tab.
                    LoanTab::DueSoon => LoanFilter {
                        due_from: Some(today),
                        due_by: Some(loan::due_after(today, 7)),
                        ..LoanFilter::default()
                    },
                    LoanTab::Overdue => LoanFilter {
                        overdue_on: Some(today),
                        ..LoanFilter::default()
                    },
                    LoanTab::Log => LoanFilter::default(),
                };
                let filter = LoanFilter {
                    who: Some(who),
                    ..filter
                };
                let mut loans = archive.loans(&session, &filter)?;
                loans.truncate(LOG_ROWS);
                Reply::Loans { tab, today, loans }
            }
            // A reader fills in the same form; it becomes a request an archivist then grants.
            Effect::Lend { codes, request } => match codes.as_slice() {
                [code] if !session.role().allows(Permission::Lend) => {
                    archive.request_loan(&session, code, &request)?;
                    Reply::LoanDone {
                        code: code.to_string(),
                        borrower: request.borrower.name,
                        event: LoanEvent::Requested,
                    }
                }
                [code] => {
                    let loan = archive.lend(&session, code, &request)?;
                    Reply::LoanDone {
                        code: loan.code,
                        borrower: loan.borrower.name,
                        event: LoanEvent::Lent,
                    }
                }
                _ => batch::lend(archive, &session, &codes, &request),
            },
            Effect::ReturnMany { codes, condition } => {
                batch::take_back(archive, &session, &codes, &condition)
            }
            Effect::Export { of, path } => batch::export(archive, &session, of, path)?,
            Effect::Slip { code, lang, path } => batch::slip(archive, &session, &code, lang, path)?,
            Effect::ReturnLoan { code, condition } => {
                let loan = archive.return_loan(&session, &code, &condition)?;
                Reply::LoanDone {
                    code: loan.code,
                    borrower: loan.borrower.name,
                    event: LoanEvent::Returned,
                }
            }
            // Who borrowed before is the lenders' to know: a reader's request offers no one.
            Effect::LoadBorrowers if !session.role().allows(Permission::Lend) => {
                Reply::Borrowers(Vec::new())
            }
            Effect::LoadBorrowers => {
                // The latest loan first: a borrower's unit and contact as they gave them last.
                let mut seen = std::collections::HashSet::new();
                let borrowers = archive
                    .loans(&session, &LoanFilter::default())?
                    .into_iter()
                    .map(|l| l.borrower)
                    .filter(|b| seen.insert(b.name.clone()))
                    .collect();
                Reply::Borrowers(borrowers)
            }
            Effect::LoadAudit => Reply::Audit(archive.audit_latest(
                &session,
                &crate::domain::audit::AuditFilter::default(),
                crate::tui::app::AUDIT_SHOWN,
            )?),
            Effect::Renew { code } => {
                let loan = archive.renew(&session, &code, None)?;
                Reply::LoanDone {
                    code: loan.code,
                    borrower: loan.borrower.name,
                    event: LoanEvent::Renewed {
                        due: loan.due_on.unwrap_or_else(|| archive.today()),
                    },
                }
            }
            Effect::MarkLost { code, note } => {
                let loan = archive.mark_lost(&session, &code, &note)?;
                Reply::LoanDone {
                    code: loan.code,
                    borrower: loan.borrower.name,
                    event: LoanEvent::Lost,
                }
            }
            Effect::LoadScopes => Reply::Scopes(archive.scopes(&session)?),
            Effect::LoadRegister { scope } => register_reply(archive, &session, &scope, None)?,
            Effect::Resolve {
                scope,
                line,
                resolution,
                note,
            } => {
                // Only the decided line comes back: a register can hold 100,000s of lines.
                let parsed = parse_scope(&scope)?;
                let decided = archive.resolve_line(&session, &parsed, &line, resolution, &note)?;
                Reply::LineDecided {
                    status: archive.scope_status(&session, &parsed)?,
                    line: Box::new(decided),
                }
            }
            Effect::Pick { scope, line, code } => {
                let parsed = parse_scope(&scope)?;
                archive.pick_candidate(&session, &parsed, &line, &code)?;
                register_reply(archive, &session, &scope, None)?
            }
            Effect::EnterRegister { scope, lines } => {
                archive.enter_register(&session, &parse_scope(&scope)?, lines)?;
                register_reply(archive, &session, &scope, None)?
            }
            Effect::Reopen { scope, line } => {
                let parsed = parse_scope(&scope)?;
                let reopened = archive.reopen_line(&session, &parsed, &line)?;
                Reply::LineDecided {
                    status: archive.scope_status(&session, &parsed)?,
                    line: Box::new(reopened),
                }
            }
            Effect::CheckChanges => {
                let version = self.archive.changes_elsewhere()?;
                let before = self.seen_version.replace(version);
                if before.is_some_and(|b| b != version) {
                    Reply::ChangedElsewhere
                } else {
                    Reply::Quiet
                }
            }
            Effect::Certify { scope } => {
                let parsed = parse_scope(&scope)?;
                let certificate = archive.certify_scope(&session, &parsed)?;
                let hash: String = serde_json::from_str::<serde_json::Value>(&certificate)
                    .ok()
                    .and_then(|c| c["sha256"].as_str().map(|h| h.chars().take(16).collect()))
                    .unwrap_or_default();
                register_reply(archive, &session, &scope, Some(hash))?
            }
            Effect::SaveNew {
                group,
                item,
                data,
                quick,
            } => {
                let code = match item {
                    Some(item) => NewCode::Exact(group.with_item(item)),
                    None => NewCode::Next(group),
                };
                let record = archive.add_record(&session, code, &data)?;
                Reply::Saved {
                    record: Box::new(record),
                    quick,
                    changed: Field::ALL.len(),
                }
            }
            Effect::SaveEdit {
                code,
                version,
                changes,
            } => {
                let (record, changed) =
                    archive.edit_record(&session, &code, &changes, Some(version))?;
                Reply::Saved {
                    record: Box::new(record),
                    quick: false,
                    changed: changed.len(),
                }
            }
        })
    }
}

/// The index catches up at open on its own thread and its own connection, so that browsing and
/// entry go on while a large backlog (a big import, a rebuild) is applied.
fn parse_scope(text: &str) -> crate::Result<Scope> {
    text.parse().map_err(crate::Error::BadInput)
}

fn register_reply(
    archive: &Archive,
    session: &Session,
    scope: &str,
    certified: Option<String>,
) -> crate::Result<Reply> {
    let parsed = parse_scope(scope)?;
    let (_, lines) = archive.register_lines(session, &parsed)?;
    Ok(Reply::Register {
        status: archive.scope_status(session, &parsed)?,
        lines,
        certified,
    })
}

pub fn spawn_indexer(dir: std::path::PathBuf, replies: Sender<Reply>) {
    std::thread::spawn(move || {
        let result = Archive::open(&dir).and_then(|mut archive| {
            archive.catch_up(&mut |percent| {
                let _ = replies.send(Reply::Indexing(percent));
            })
        });
        let _ = replies.send(match result {
            Ok(()) => Reply::Indexed,
            Err(e) => Reply::Error(e),
        });
    });
}

/// The worker's thread: effects in, replies out, newest search only (typing fast queues several;
/// all but the last are stale before they start).
pub fn spawn(mut worker: Worker, effects: Receiver<Effect>, replies: Sender<Reply>) {
    std::thread::spawn(move || {
        let mut queue: std::collections::VecDeque<Effect> = Default::default();
        loop {
            if queue.is_empty() {
                match effects.recv() {
                    Ok(effect) => queue.push_back(effect),
                    Err(_) => return,
                }
            }
            queue.extend(effects.try_iter());
            let Some(effect) = queue.pop_front() else {
                continue;
            };
            let superseded = matches!(effect, Effect::Search { .. })
                && queue.iter().any(|e| matches!(e, Effect::Search { .. }));
            if superseded {
                continue;
            }
            let reply = worker.execute(effect);
            if replies.send(reply).is_err() {
                return;
            }
        }
    });
}
