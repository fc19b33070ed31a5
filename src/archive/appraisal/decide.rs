//! Deciding an appraisal: approval by a second person, which puts every decision but
//! destruction into effect; rejection; and carrying out destruction before a witness.

use serde_json::json;

use super::visible_appraisal;
use crate::archive::Archive;
use crate::archive::accounts::Session;
use crate::archive::objects::object_path;
use crate::archive::sight::Sight;
use crate::archive::store::appraisals;
use crate::archive::store::audit::{self, Marked, Stamp};
use crate::archive::store::{objects, outbox, records, users};
use crate::domain::appraisal::{Appraisal, Decision, DecisionFault, kept_until, secrecy_years};
use crate::domain::{AppraisalKind, AppraisalState, Openness, Permission, Record, Status, Verdict};
use crate::error::{Error, Result};
use crate::i18n::AppraisalMsg;

/// What carrying out a destruction list did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destruction {
    pub records: u64,
    /// Files removed from `objects/` (a file a kept record also holds stays).
    pub files: u64,
    pub bytes: u64,
}

impl Archive {
    /// Approves a proposed appraisal. The approver must be another person than the proposer.
    /// Every record is checked again as it is now; keeping, opening, keeping closed, declassifying
    /// and keeping classified take effect now, as versioned changes of each record; destruction
    /// waits to be carried out.
    pub fn approve_appraisal(
        &mut self,
        session: &Session,
        id: i64,
        note: &str,
    ) -> Result<Appraisal> {
        self.decide(session, id, note, true)
    }

    /// Rejects an appraisal not yet carried out (an approver, not its proposer), or withdraws
    /// one's own proposal: nothing in it happens, and its records may be proposed again.
    pub fn reject_appraisal(
        &mut self,
        session: &Session,
        id: i64,
        note: &str,
    ) -> Result<Appraisal> {
        self.decide(session, id, note, false)
    }

    fn decide(
        &mut self,
        session: &Session,
        id: i64,
        note: &str,
        approve: bool,
    ) -> Result<Appraisal> {
        session.require(Permission::Appraise)?;
        let sight = Sight::of(session);
        let this_year = self.this_year();
        let legacy = self.legacy_periods()?;
        let note = note.trim();
        crate::domain::record::check_text(note, true).map_err(|e| Error::BadInput(e.0))?;
        self.audited(session.name(), |tx, stamp| {
            let appraisal = visible_appraisal(tx, sight, id)?;
            let own = appraisal.proposed_by == session.name();
            let state = appraisal.state;
            let object = format!("appraisal {id}");
            if !approve {
                let (open, to) = match own {
                    true => (state == AppraisalState::Proposed, AppraisalState::Withdrawn),
                    false => {
                        session.require(Permission::ApproveAppraisal)?;
                        let open = matches!(state, AppraisalState::Proposed | AppraisalState::Approved);
                        (open, AppraisalState::Rejected)
                    }
                };
                if !open {
                    return Err(Error::Refused(AppraisalMsg::Closed { id, state }.into()));
                }
                appraisals::decide(tx, id, to, session.name(), stamp.at, note)?;
                let detail = json!({"note": note, "state": to.code()});
                let seq = stamp.append(tx, "appraisal.reject", &object, detail)?;
                return audit::mark(tx, Marked::Appraisal, id, seq);
            }
            session.require(Permission::ApproveAppraisal)?;
            if state != AppraisalState::Proposed {
                return Err(Error::Refused(AppraisalMsg::NotProposed { id, state }.into()));
            }
            if own {
                let name = session.name().to_string();
                return Err(Error::Refused(AppraisalMsg::SamePerson { name }.into()));
            }
            let items = appraisals::items(tx, id)?;
            let changed: Vec<_> = items
                .iter()
                .filter_map(|(record, decision)| {
                    changed_since(record, decision, this_year).map(|what| {
                        AppraisalMsg::ForRecord {
                            code: record.code.to_string(),
                            what: Box::new(what),
                        }
                        .into()
                    })
                })
                .collect();
            if !changed.is_empty() {
                let mut lines = changed;
                lines.push(AppraisalMsg::ChangedSince { id }.into());
                return Err(Error::Refused(crate::i18n::Msg::Lines { lines }));
            }
            let destroys = items
                .iter()
                .filter(|(_, d)| d.verdict == Verdict::Destroy)
                .count();
            let state = match destroys {
                0 => AppraisalState::CarriedOut,
                _ => AppraisalState::Approved,
            };
            appraisals::decide(tx, id, state, session.name(), stamp.at, note)?;
            if state == AppraisalState::CarriedOut {
                appraisals::carried_out(tx, id, session.name(), stamp.at, None)?;
            }
            let detail = json!({"kind": appraisal.kind.code(), "records": items.len(), "to_destroy": destroys, "note": note});
            let seq = stamp.append(tx, "appraisal.approve", &object, detail)?;
            audit::mark(tx, Marked::Appraisal, id, seq)?;
            for (record, decision) in &items {
                let changed = put_into_effect(tx, stamp, record, decision, this_year, legacy)?;
                if changed {
                    audit::mark(tx, Marked::Record, record.id, seq)?;
                }
            }
            Ok(())
        })?;
        visible_appraisal(self.store.conn(), sight, id)
    }

    /// Carries out an approved destruction list before `witness` (监销人): each record to destroy
    /// becomes 已销毁 (a new version; its description stays), and its files leave `objects/`
    /// unless a record not destroyed holds the same file. The hashes removed are in the audit
    /// entry. A record on loan stops the whole list.
    pub fn carry_out_destruction(
        &mut self,
        session: &Session,
        id: i64,
        witness: &str,
    ) -> Result<Destruction> {
        session.require(Permission::Appraise)?;
        let witness = witness.trim();
        if witness.is_empty() {
            return Err(Error::BadInput(AppraisalMsg::NeedsWitness.into()));
        }
        crate::domain::record::check_text(witness, false).map_err(|e| Error::BadInput(e.0))?;
        let display = users::by_name(self.store.conn(), session.name())?
            .map(|(user, _)| user.display_name)
            .unwrap_or_default();
        if [session.name(), display.as_str()]
            .iter()
            .any(|name| !name.is_empty() && same_person(name, witness))
        {
            return Err(Error::Refused(AppraisalMsg::WitnessIsExecutor.into()));
        }
        let sight = Sight::of(session);
        let (records_done, gone) = self.audited(session.name(), |tx, stamp| {
            let appraisal = visible_appraisal(tx, sight, id)?;
            if appraisal.state != AppraisalState::Approved {
                let state = appraisal.state;
                return Err(Error::Refused(
                    AppraisalMsg::NotApproved { id, state }.into(),
                ));
            }
            let doomed: Vec<Record> = appraisals::items(tx, id)?
                .into_iter()
                .filter(|(_, d)| d.verdict == Verdict::Destroy)
                .map(|(r, _)| r)
                .collect();
            if doomed.is_empty() {
                return Err(Error::Refused(AppraisalMsg::NothingToDestroy { id }.into()));
            }
            // Only what is in the store is destroyed: a record lent or lost since stops the list.
            let out: Vec<crate::i18n::Msg> = doomed
                .iter()
                .filter(|r| !matches!(r.data.status, Status::InStore | Status::Unprocessed))
                .map(|r| {
                    let what = AppraisalMsg::NotInStore {
                        status: r.data.status,
                    };
                    AppraisalMsg::ForRecord {
                        code: r.code.to_string(),
                        what: Box::new(what),
                    }
                    .into()
                })
                .collect();
            if !out.is_empty() {
                return Err(Error::Refused(crate::i18n::Msg::Lines { lines: out }));
            }
            let ids: Vec<i64> = doomed.iter().map(|r| r.id).collect();
            let gone = objects::remove_of_records(tx, &ids, stamp.at)?;
            appraisals::carried_out(tx, id, session.name(), stamp.at, Some(witness))?;
            let removed: Vec<serde_json::Value> = gone
                .iter()
                .map(|(sha256, size)| json!({"sha256": sha256, "size": size}))
                .collect();
            let detail = json!({"records": doomed.len(), "witness": witness, "removed": removed});
            let seq = stamp.append(tx, "appraisal.destroy", &format!("appraisal {id}"), detail)?;
            audit::mark(tx, Marked::Appraisal, id, seq)?;
            for record in &doomed {
                let mut data = record.data.clone();
                data.status = Status::Disposed;
                records::update(tx, record, &data, stamp.at, session.name())?;
                outbox::record_changed(tx, record.id)?;
                audit::mark(tx, Marked::Record, record.id, seq)?;
            }
            Ok((doomed.len() as u64, gone))
        })?;
        // The rows say the files are gone: only now may they go. A file that cannot be removed
        // stays behind unreferenced, which `check` reports, rather than a row pointing at nothing.
        let mut bytes = 0;
        for (sha256, size) in &gone {
            let path = object_path(self.dir(), sha256);
            match std::fs::remove_file(&path) {
                Ok(()) => bytes += size,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
            // The two-letter folder goes with its last file; one still in use stays.
            if let Some(folder) = path.parent() {
                let _ = std::fs::remove_dir(folder);
            }
        }
        Ok(Destruction {
            records: records_done,
            files: gone.len() as u64,
            bytes,
        })
    }
}

/// Whether two ways of writing a name are the same person's: case, full-width and traditional
/// forms, spaces, punctuation and invisible characters aside (only letters and digits count).
fn same_person(a: &str, b: &str) -> bool {
    let plain = |text: &str| -> String {
        crate::domain::folding::fold_for_search(text)
            .to_lowercase()
            .chars()
            // Hangul fillers are letters that draw nothing.
            .filter(|c| {
                c.is_alphanumeric()
                    && !matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}')
            })
            .collect()
    };
    plain(a) == plain(b)
}

/// What changed in a record since a decision on it was proposed that the decision no longer
/// fits, if anything.
fn changed_since(record: &Record, decision: &Decision, this_year: i32) -> Option<AppraisalMsg> {
    if record.data.status == Status::Disposed {
        return Some(AppraisalMsg::Destroyed);
    }
    let class = record.data.classification;
    match decision.check(class, this_year) {
        Err(DecisionFault::StillClassified) => Some(AppraisalMsg::StillClassified),
        Err(DecisionFault::ClassNotLower) => Some(AppraisalMsg::ClassNotLower),
        _ if decision.verdict == Verdict::KeepClassified && secrecy_years(class).is_none() => {
            Some(AppraisalMsg::NotClassified)
        }
        _ => None,
    }
}

/// Puts one approved decision into effect; whether the record's description changed (a new
/// version) rather than only its next review year.
fn put_into_effect(
    tx: &rusqlite::Transaction,
    stamp: &Stamp,
    record: &Record,
    decision: &Decision,
    this_year: i32,
    legacy: crate::domain::appraisal::LegacyPeriods,
) -> Result<bool> {
    let mut data = record.data.clone();
    match decision.verdict {
        Verdict::Destroy => return Ok(false),
        Verdict::Keep => {
            let period = decision.period.unwrap_or(record.retention());
            let until = kept_until(this_year, period, legacy);
            appraisals::set_review_year(tx, record.id, AppraisalKind::Retention, until)?;
            return Ok(false);
        }
        Verdict::KeepClassified => {
            let until = decision.until.unwrap_or(this_year + 1);
            appraisals::set_review_year(tx, record.id, AppraisalKind::Declassification, until)?;
            return Ok(false);
        }
        Verdict::Open => data.openness = Openness::Open,
        Verdict::KeepClosed => {
            let until = decision.until.unwrap_or(this_year + 1);
            appraisals::set_review_year(tx, record.id, AppraisalKind::Opening, until)?;
            data.openness = Openness::Controlled;
        }
        Verdict::Declassify => {
            if let Some(class) = decision.new_class {
                data.classification = class;
            }
        }
    }
    if data == record.data {
        return Ok(false);
    }
    records::update(tx, record, &data, stamp.at, stamp.user)?;
    outbox::record_changed(tx, record.id)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::same_person;

    #[test]
    fn a_name_written_another_way_is_the_same_person() {
        for other in [
            "Archivist",
            "ＡＲＣＨＩＶＩＳＴ",
            "arch\u{200B}ivist",
            " archivist ",
        ] {
            assert!(same_person("archivist", other), "{other}");
        }
        assert!(same_person("李档案", "李　档案"));
        assert!(same_person("李档案", "李 档案"));
        for other in [
            "ad\u{AD}min",
            "admin\u{34F}",
            "admin\u{3164}",
            "admin\u{2800}",
            "admin.",
            "admin\u{200E}",
        ] {
            assert!(same_person("admin", other), "{other:?}");
        }
        assert!(same_person("李档案", "李檔案"));
        assert!(!same_person("李档案", "王监销"));
    }
}
