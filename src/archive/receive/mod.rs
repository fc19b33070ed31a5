//! `dangan receive`: a department's transfer package (移交) taken in whole or not at all, after
//! the four checks archives make at receipt (DA/T 70 四性检测) and a check of its description.
//! Every package offered is written to the transfer register (移交登记) with its receipt (回执):
//! what was accepted, or every reason it was refused.

mod checks;
mod list;
mod package;
mod receipt;

use std::collections::HashMap;
use std::path::Path;

use rusqlite::Transaction;
use serde_json::json;

use crate::archive::exchange::bag as package_files;
use crate::archive::objects::{
    Kept, STAGING_PREFIX, Staged, display_name, place, stage, sweep_stale, sync_all_under,
};
use crate::archive::sight::Sight;
use crate::archive::store::audit::{self, Marked, Stamp};
use crate::archive::store::{objects, transfers};
use crate::archive::{Archive, OBJECTS_DIR, Session};
use crate::domain::Permission;
use crate::domain::transfer::{Check, Refusal, Transfer};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg, ReceiveMsg};
use checks::{Payload, Tags};
use list::{ListCheck, checked_list};

pub use package::{PackageReport, make_package};
pub use receipt::{Receipt, ReceiptRecord, ReceiveOutcome, SourceStats, StatsBy, transfer_json};

/// The most a zipped package may inflate to, in MB.
pub const SETTING_MAX_MB: &str = "receive.max_mb";
const DEFAULT_MAX_MB: u64 = 4096;
const MAX_ENTRIES: u64 = 200_000;
/// Where zips are inflated, inside the archive (private, and on the same disk as `objects/`).
const SCRATCH: &str = "receiving";

/// The most reasons a receipt lists; past them they are counted. A package of 100,000 broken
/// files is refused as surely with a thousand reasons, and its receipt stays readable.
const MOST_REASONS: usize = 1000;

/// The reasons a package is refused, each under its check: in both languages, as the register
/// keeps them, and as messages, as they are said now; past `MOST_REASONS`, only counted.
#[derive(Debug, Default)]
pub(in crate::archive) struct Refusals {
    kept: Vec<Refusal>,
    said: Vec<Msg>,
    more: u64,
}

impl Refusals {
    fn add(&mut self, check: Check, place: impl Into<String>, reason: impl Into<Msg>) {
        if self.is_full() {
            self.more += 1;
            return;
        }
        let reason = reason.into();
        let place = place.into();
        self.kept.push(Refusal {
            check,
            place: place.clone(),
            zh: reason.text(Lang::Zh),
            en: reason.text(Lang::En),
        });
        let line = ReceiveMsg::Refusal {
            check: Box::new(receipt::check_name(check)),
            place,
            reason: Box::new(reason),
        };
        self.said.push(line.into());
    }

    /// How many reasons were left out, as a line of its own.
    fn left_out(&self) -> Option<Msg> {
        let more = self.more;
        (more > 0).then(|| crate::i18n::RecordMsg::ImportMore { more }.into())
    }

    /// Every reason, one a line, and the count of those left out.
    fn messages(mut self) -> Msg {
        self.said.extend(self.left_out());
        Msg::Lines { lines: self.said }
    }

    fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    fn is_full(&self) -> bool {
        self.kept.len() >= MOST_REASONS
    }

    /// How many reasons there were, those left out included.
    fn count(&self) -> u64 {
        self.kept.len() as u64 + self.more
    }

    /// The reasons as the register keeps them, the count of those left out last.
    fn into_kept(mut self) -> Vec<Refusal> {
        if let Some(more) = self.left_out() {
            self.kept.push(Refusal {
                check: Check::Integrity,
                place: "-".to_string(),
                zh: more.text(Lang::Zh),
                en: more.text(Lang::En),
            });
        }
        self.kept
    }
}

/// What a package is known as before its checks are done.
struct Offered {
    name: String,
    hash: String,
    source: String,
    records: u64,
    files: u64,
    bytes: u64,
    notes: String,
}

/// Room for a package arriving over the network, removed when dropped.
pub struct Room(package_files::Scratch);

impl Room {
    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

/// Why a receipt's transaction was rolled back.
enum Stop {
    Refused(Refusals, u64),
    /// Another session received the same package meanwhile.
    Already(Box<Transfer>),
}

fn checked_source(from: &str) -> Result<String> {
    let from = from.trim();
    let fits = crate::domain::record::check_text(from, false).is_ok();
    if from.is_empty() || !fits || from.chars().count() > 100 {
        return Err(Error::BadInput(ReceiveMsg::BadSource.into()));
    }
    Ok(from.to_string())
}

impl Archive {
    fn receive_limits(&self) -> Result<package_files::Limits> {
        let mb = self
            .setting(SETTING_MAX_MB)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_MAX_MB);
        Ok(package_files::Limits {
            max_bytes: mb << 20,
            max_entries: MAX_ENTRIES,
        })
    }

    /// Room for a package arriving over the network: the most it may be, and a private scratch
    /// folder for it inside the archive (removed when dropped; swept if a crash leaves it).
    pub fn upload_room(&self) -> Result<(u64, Room)> {
        let room = Room(package_files::Scratch::new(&self.scratch()?)?);
        Ok((self.receive_limits()?.max_bytes, room))
    }

    /// The archive's scratch space.
    fn scratch(&self) -> Result<std::path::PathBuf> {
        let scratch = self.dir.join(SCRATCH);
        crate::archive::create_private_dir(&scratch)?;
        Ok(scratch)
    }

    /// Receives a package (a BagIt folder or its zip) from a department: all of it after every
    /// check passes, or nothing, with the reasons in the register and the receipt. A package
    /// received before is not received again.
    pub fn receive(
        &mut self,
        session: &Session,
        package: &Path,
        from: &str,
    ) -> Result<ReceiveOutcome> {
        session.require(Permission::ImportRecords)?;
        let source = checked_source(from)?;
        // Cleared of what runs that were killed left there, once a receipt.
        let parent = self.scratch()?;
        package_files::sweep(&parent);
        sweep_stale(&self.dir.join(OBJECTS_DIR), STAGING_PREFIX);
        let scratch = package_files::Scratch::new(&parent)?;
        let mut offered = Offered {
            name: display_name(package),
            hash: String::new(),
            source,
            records: 0,
            files: 0,
            bytes: 0,
            notes: String::new(),
        };
        let mut refusals = Refusals::default();
        let opened = match package_files::open(package, &scratch, self.receive_limits()?)? {
            Ok(opened) => opened,
            Err(reason) => {
                let check = match reason {
                    ReceiveMsg::ZipBroken { .. } => Check::Authenticity,
                    _ => Check::Security,
                };
                refusals.add(check, &offered.name, reason);
                return self.refuse(session, offered, refusals);
            }
        };
        let root = &package_files::bag_root(&opened);
        let Some(tags) = checks::tags(root, &mut refusals)? else {
            return self.refuse(session, offered, refusals);
        };
        offered.hash = tags.hash.clone();
        let payload = checks::payload(root, &tags, &mut refusals)?;
        checks::source(&tags.info, &offered.source, &mut refusals);
        offered.files = payload.record_files().count() as u64;
        offered.bytes = payload.record_bytes();
        if let Some(notes) = &payload.notes {
            let text = std::fs::read(root.join(notes)).map_err(|e| Error::io(root, e))?;
            let text = String::from_utf8_lossy(&text[..text.len().min(64 * 1024)]);
            offered.notes = crate::width::sanitize(&text, true);
        }
        let staging = scratch.path();
        let mut staged =
            self.stage_payload(root, staging, &offered.name, &tags, &payload, &mut refusals)?;
        // The same package again (a retry after a dropped link): received once. Only a package
        // whose files are what its manifest says is the same package.
        let sound = refusals.is_empty();
        if sound && let Some(done) = transfers::accepted_by_hash(self.store.conn(), &tags.hash)? {
            return self.already(session, done);
        }
        let Some(list) = payload.list.clone() else {
            return self.refuse(session, offered, refusals);
        };
        let at = self.now();
        let kept = Kept {
            at: at.clone(),
            by: session.name().to_string(),
            max_bytes: self.max_object_bytes()?,
        };
        let stamp = Stamp {
            key: &self.audit_key,
            at: &at,
            user: session.name(),
        };
        let check = ListCheck {
            session,
            at: &at,
            root,
            list: &list,
            tags: &tags,
            payload: &payload,
        };
        // A rehearsal of every check of the list, rolled back: files are placed in objects/ only
        // for a package that passes, and outside the write lock, so other sessions wait less.
        let rehearsed = self
            .store
            .rehearse(|tx| Ok(checked_list(tx, &check, &mut refusals)?.map(|(l, _)| l.rows)))?;
        if rehearsed.is_none() || !refusals.is_empty() {
            offered.records = rehearsed.unwrap_or(0);
            return self.refuse(session, offered, refusals);
        }
        // Bytes first, then the renames: both durable before the records that name them.
        sync_all_under(staging)?;
        let mut placed = HashMap::new();
        for (path, one) in staged.drain() {
            placed.insert(path, place(&self.dir, one, false)?);
        }
        sync_all_under(&self.dir.join(OBJECTS_DIR))?;
        let work = |tx: &Transaction| -> Result<std::result::Result<Transfer, Stop>> {
            if let Some(done) = transfers::accepted_by_hash(tx, &tags.hash)?.filter(|_| sound) {
                return Ok(Err(Stop::Already(Box::new(done))));
            }
            // Again for real: another session may have taken a number since the rehearsal.
            let mut again = Refusals::default();
            let Some((loaded, files)) = checked_list(tx, &check, &mut again)? else {
                return Ok(Err(Stop::Refused(again, 0)));
            };
            if !again.is_empty() {
                return Ok(Err(Stop::Refused(again, loaded.rows)));
            }
            let mut rows = Vec::new();
            for record in &loaded.received {
                let paths = files.get(&record.id).map_or(&[][..], Vec::as_slice);
                let declared = format!("{} named by line {} of {list}", paths.len(), record.line);
                for path in paths {
                    let Some(one) = placed.get(path) else {
                        return Err(Error::Internal(format!("{path} was not placed")));
                    };
                    rows.push((record.id, one.row(&kept, &record.code, &declared)));
                }
            }
            let detail = json!({
                "from": offered.source, "package": offered.name, "package_sha256": tags.hash,
                "import": loaded.import_id, "records": loaded.rows, "files": rows.len(),
                "bytes": offered.bytes, "class": loaded.highest.code(),
            });
            let seq = stamp.append(tx, "transfer.receive", &offered.name, detail)?;
            if seq != loaded.audit_seq {
                return Err(Error::Internal(format!(
                    "the receipt's audit entry is {seq}, its records name {}",
                    loaded.audit_seq
                )));
            }
            for (record_id, row) in &rows {
                if let Some(id) = objects::insert(tx, *record_id, row)? {
                    audit::mark(tx, Marked::Object, id, seq)?;
                }
            }
            let mut transfer = Transfer {
                id: 0,
                package_hash: tags.hash.clone(),
                package_name: offered.name.clone(),
                source: offered.source.clone(),
                received_at: at.clone(),
                received_by: session.name().to_string(),
                accepted: true,
                records: loaded.rows,
                files: rows.len() as u64,
                bytes: offered.bytes,
                classification: loaded.highest,
                import_id: Some(loaded.import_id),
                refusals: Vec::new(),
                notes: offered.notes.clone(),
            };
            transfer.id = transfers::insert(tx, &transfer, seq)?;
            Ok(Ok(transfer))
        };
        let outcome = self.store.write_unless(work)?;
        match outcome {
            Ok(transfer) => {
                let receipt = self.receipt_of(session, transfer)?;
                Ok(ReceiveOutcome::Accepted(receipt))
            }
            Err(Stop::Already(done)) => self.already(session, *done),
            Err(Stop::Refused(refusals, rows)) => {
                offered.records = rows;
                self.refuse(session, offered, refusals)
            }
        }
    }

    /// Copies every record file into the staging area while it is hashed and inspected: its
    /// hash against the manifest (authenticity), its format by content (usability), no active
    /// content (security).
    fn stage_payload(
        &self,
        root: &Path,
        staging: &Path,
        package: &str,
        tags: &Tags,
        payload: &Payload,
        refusals: &mut Refusals,
    ) -> Result<HashMap<String, Staged>> {
        let listed: HashMap<&str, &str> = tags
            .entries
            .iter()
            .map(|e| (e.path.as_str(), e.sha256.as_str()))
            .collect();
        let max_bytes = self.max_object_bytes()?;
        let mut staged = HashMap::new();
        for path in payload.sizes.keys() {
            if refusals.is_full() {
                // Refused whatever the rest hold: no need to read them.
                break;
            }
            let mut one = stage(&root.join(path), staging, max_bytes, false)?;
            one.origin = format!("transfer package {package}, {path}");
            let inspection = &one.inspection;
            if let Some(&sha256) = listed.get(path.as_str())
                && one.is_whole()
                && inspection.sha256 != sha256
            {
                let reason = ReceiveMsg::HashDiffers {
                    listed: sha256.to_string(),
                    read: inspection.sha256.clone(),
                };
                refusals.add(Check::Authenticity, path.as_str(), reason);
            }
            let is_record_file = payload.is_record_file(path);
            if is_record_file {
                for reason in &inspection.unusable {
                    refusals.add(Check::Usability, path.as_str(), reason.clone());
                }
            }
            for reason in &inspection.unsafe_content {
                refusals.add(Check::Security, path.as_str(), reason.clone());
            }
            if is_record_file {
                staged.insert(path.clone(), one);
            }
        }
        Ok(staged)
    }

    /// Writes a refused package to the register, with its reasons, and nothing else.
    fn refuse(
        &mut self,
        session: &Session,
        offered: Offered,
        refusals: Refusals,
    ) -> Result<ReceiveOutcome> {
        let at = self.now();
        let transfer = self.audited(session.name(), |tx, stamp| {
            let detail = json!({
                "from": offered.source, "package": offered.name, "package_sha256": offered.hash,
                "reasons": refusals.count(),
                "checks": refusals.kept.iter().map(|r| r.check.key())
                    .collect::<std::collections::BTreeSet<_>>(),
            });
            let seq = stamp.append(tx, "transfer.refuse", &offered.name, detail)?;
            let mut transfer = Transfer {
                id: 0,
                package_hash: offered.hash,
                package_name: offered.name,
                source: offered.source,
                received_at: at,
                received_by: session.name().to_string(),
                accepted: false,
                records: offered.records,
                files: offered.files,
                bytes: offered.bytes,
                // Seen by those who may see what the one who offered it saw.
                classification: session.clearance(),
                import_id: None,
                refusals: refusals.into_kept(),
                notes: offered.notes,
            };
            transfer.id = transfers::insert(tx, &transfer, seq)?;
            Ok(transfer)
        })?;
        Ok(ReceiveOutcome::Refused(self.receipt_of(session, transfer)?))
    }

    /// A package received before: its receipt for a reader who may see it; for another, only
    /// that it was received (the sender knows what it sent, not who took it in or when).
    fn already(&self, session: &Session, done: Transfer) -> Result<ReceiveOutcome> {
        if !Sight::of(session).sees(done.classification) {
            let message = ReceiveMsg::AlreadyReceivedUnseen;
            return Ok(ReceiveOutcome::Already {
                message,
                receipt: None,
            });
        }
        let message = ReceiveMsg::AlreadyReceived {
            id: done.id,
            at: done.received_at.clone(),
            by: done.received_by.clone(),
        };
        let receipt = Some(self.receipt_of(session, done)?);
        Ok(ReceiveOutcome::Already { message, receipt })
    }
}
