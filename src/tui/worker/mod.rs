//! The worker: the only part of the TUI that touches the archive. It runs effects (on its own
//! thread in the terminal, synchronously in tests) and answers with replies; the UI never waits.

mod appraise;
mod batch;
mod messages;
mod shelves;

pub use appraise::{AppraiseEffect, AppraiseReply};
pub use batch::{ExportOf, PrintOf};
pub use messages::{Effect, LoanEvent, LoanTab, Reply, UserInfo};
pub use shelves::{ShelfChange, ShelfRow};

use std::sync::mpsc::{Receiver, Sender};

use crate::archive::records::NewCode;
use crate::archive::{Archive, Session};
use crate::domain::loan::LoanFilter;
use crate::domain::loan::{self, LoanState};
use crate::domain::register::Scope;
use crate::domain::{Field, Permission};

/// How many loans the log tab shows: the latest.
const LOG_ROWS: usize = 500;

pub struct Worker {
    archive: Archive,
    session: Option<Session>,
    /// Where long work done on a thread of its own answers (the terminal's replies); without
    /// it (tests, benches) that work is done in turn.
    background: Option<Sender<Reply>>,
    /// The archive's change counter at the last check.
    seen_version: Option<i64>,
}

impl Worker {
    pub fn new(archive: Archive) -> Worker {
        Worker {
            archive,
            session: None,
            background: None,
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
            Effect::Learn => match &self.background {
                Some(replies) => {
                    spawn_learner(archive.dir().to_path_buf(), session, replies.clone());
                    Reply::Quiet
                }
                None => Reply::Learned(Box::new(archive.learner(&session, &mut |_| {})?)),
            },
            Effect::LookAlikes {
                fonds,
                data,
                except,
            } => {
                Reply::LookAlikes(archive.look_alikes(&session, &fonds, &data, except.as_ref())?)
            }
            Effect::Related { code } => Reply::Related {
                related: Box::new(archive.related(&session, &code)?),
                code,
            },
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
            Effect::LoadCatalogues { fonds } => Reply::Catalogues {
                catalogues: archive.catalogues(&session, &fonds)?,
                fonds,
            },
            Effect::LoadVolumes { fonds, catalogue } => Reply::Volumes {
                volumes: archive.volumes(&session, &fonds, Some(&catalogue))?,
                fonds,
                catalogue,
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
                // A volume above the user's clearance is simply not named.
                let volume = record.code.group.volume_code().and_then(|code| {
                    let view = archive.volume(&session, &code).ok()?;
                    Some(format!("{code}  {}", view.volume.data.title))
                });
                let around = crate::tui::app::record::Around {
                    revisions: archive.revisions(&session, &record.code)?,
                    loans: archive.loans(&session, &history)?,
                    objects: archive.objects(&session, &record.code)?,
                    appraisals: archive.record_appraisals(&session, &record.code)?,
                };
                Reply::Record {
                    around: Box::new(around),
                    record: Box::new(record),
                    volume,
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
            Effect::Print { of, path } => batch::print(archive, &session, of, path)?,
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
            Effect::LoadShelves => Reply::Shelves {
                rows: shelves::load(archive, &session)?,
                said: None,
            },
            Effect::ChangeShelf(change) => {
                let said = shelves::change(archive, &session, change)?;
                Reply::Shelves {
                    rows: shelves::load(archive, &session)?,
                    said: Some(said),
                }
            }
            Effect::LoadAudit => Reply::Audit(archive.audit_latest(
                &session,
                &crate::domain::audit::AuditFilter::default(),
                crate::tui::app::AUDIT_SHOWN,
            )?),
            Effect::LoadTransfers => Reply::Transfers(archive.transfers(&session)?),
            Effect::Appraise(effect) => {
                Reply::Appraise(Box::new(appraise::run(archive, &session, effect)?))
            }
            Effect::LoadSafekeeping => {
                Reply::Safekeeping(Box::new(archive.safekeeping_status(&session)?))
            }
            Effect::AcknowledgeAlarm { id, note } => {
                archive.acknowledge_alarm(&session, id, &note)?;
                Reply::AlarmAcknowledged(id)
            }
            Effect::Statistics { year, fonds } => Reply::Statistics(Box::new(archive.statistics(
                &session,
                year,
                fonds.as_deref(),
            )?)),
            Effect::LoadTransferFigures => {
                use crate::archive::receive::StatsBy;
                Reply::TransferFigures(crate::tui::app::receipts::Figures {
                    by_department: archive.transfer_stats(&session, StatsBy::Department)?,
                    by_account: archive.transfer_stats(&session, StatsBy::Account)?,
                })
            }
            Effect::LoadReceipt { id } => {
                Reply::Receipt(Box::new(archive.transfer_receipt(&session, id)?))
            }
            Effect::Stocktake { stretch, codes } => {
                Reply::Stocktaken(Box::new(archive.stocktake(&session, &stretch, &codes)?))
            }
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

/// Learns the catalogue as `session` sees it on a thread of its own, with its own connection,
/// so the workstation goes on while a large catalogue is read.
fn spawn_learner(dir: std::path::PathBuf, session: Session, replies: Sender<Reply>) {
    std::thread::spawn(move || {
        let learned =
            Archive::open(&dir).and_then(|archive| archive.learner(&session, &mut |_| {}));
        let _ = replies.send(match learned {
            Ok(learner) => Reply::Learned(Box::new(learner)),
            Err(e) => Reply::Error(e),
        });
    });
}

/// The worker's thread: effects in, replies out, newest search only (typing fast queues several;
/// all but the last are stale before they start).
pub fn spawn(mut worker: Worker, effects: Receiver<Effect>, replies: Sender<Reply>) {
    worker.background = Some(replies.clone());
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
