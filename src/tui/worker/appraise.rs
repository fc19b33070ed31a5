//! The appraisal screen's work: due lists, appraisals, and deciding them.

use crate::archive::appraisal::{DueList, Proposal};
use crate::archive::{Archive, Session};
use crate::domain::appraisal::{Appraisal, AppraisalItem, Decision};
use crate::domain::{AppraisalKind, AppraisalState, ArchivalCode, Classification, Verdict};
use crate::i18n::AppraisalMsg;

/// Records listed at most for one fonds-year of a due list.
const GROUP_ROWS: u64 = 5_000;

#[derive(Debug, Clone)]
pub enum AppraiseEffect {
    /// Counts by fonds and year; with both, that group's records.
    Due {
        kind: AppraisalKind,
        fonds: Option<String>,
        year: Option<i32>,
    },
    List,
    Open {
        id: i64,
    },
    Propose {
        kind: AppraisalKind,
        codes: Vec<ArchivalCode>,
        verdict: Verdict,
    },
    Approve {
        id: i64,
    },
    Reject {
        id: i64,
    },
    CarryOut {
        id: i64,
        witness: String,
    },
}

#[derive(Debug)]
pub enum AppraiseReply {
    Groups {
        kind: AppraisalKind,
        list: DueList,
    },
    Records {
        kind: AppraisalKind,
        fonds: String,
        year: i32,
        list: DueList,
    },
    Appraisals(Vec<Appraisal>),
    Opened(Appraisal, Vec<AppraisalItem>),
    /// Done: what to say.
    Done(AppraisalMsg),
}

pub fn run(
    archive: &mut Archive,
    session: &Session,
    effect: AppraiseEffect,
) -> crate::Result<AppraiseReply> {
    Ok(match effect {
        AppraiseEffect::Due {
            kind,
            fonds: Some(fonds),
            year: Some(year),
        } => {
            let scope = (Some(fonds.as_str()), Some(year));
            let list = archive.appraisal_due(session, kind, scope, None, GROUP_ROWS)?;
            AppraiseReply::Records {
                kind,
                fonds,
                year,
                list,
            }
        }
        AppraiseEffect::Due { kind, fonds, year } => {
            let list = archive.appraisal_due(session, kind, (fonds.as_deref(), year), None, 0)?;
            AppraiseReply::Groups { kind, list }
        }
        AppraiseEffect::List => AppraiseReply::Appraisals(archive.appraisals(session)?),
        AppraiseEffect::Open { id } => {
            let (appraisal, items) = archive.appraisal(session, id)?;
            AppraiseReply::Opened(appraisal, items)
        }
        AppraiseEffect::Propose {
            kind,
            codes,
            verdict,
        } => {
            let proposals: Vec<Proposal> = codes
                .into_iter()
                .map(|code| Proposal {
                    line: None,
                    code,
                    decision: Decision {
                        verdict,
                        period: None,
                        until: None,
                        new_class: (verdict == Verdict::Declassify)
                            .then_some(Classification::Internal),
                        reason: String::new(),
                    },
                })
                .collect();
            let records = proposals.len() as u64;
            let id = archive.propose_appraisal(session, kind, "", &proposals)?;
            AppraiseReply::Done(AppraisalMsg::ProposedHere { id, records })
        }
        AppraiseEffect::Approve { id } => {
            let appraisal = archive.approve_appraisal(session, id, "")?;
            AppraiseReply::Done(match appraisal.state {
                AppraisalState::Approved => AppraisalMsg::ApprovedHere { id },
                _ => AppraisalMsg::ApprovedNow { id },
            })
        }
        AppraiseEffect::Reject { id } => {
            let state = archive.reject_appraisal(session, id, "")?.state;
            AppraiseReply::Done(AppraisalMsg::RejectedNow { id, state })
        }
        AppraiseEffect::CarryOut { id, witness } => {
            let done = archive.carry_out_destruction(session, id, &witness)?;
            AppraiseReply::Done(AppraisalMsg::DestroyedHere {
                id,
                records: done.records,
                files: done.files,
            })
        }
    })
}
