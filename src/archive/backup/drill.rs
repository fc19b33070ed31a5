//! Restore drills (恢复演练): a backup restored where nothing depends on it, checked, its counts
//! compared with what it said it held, then removed; the drill is entered in the register
//! whatever its end, so a backup nobody could restore is known before it is needed.

use std::path::{Path, PathBuf};

use super::register::{both_languages, location};
use super::{Opener, restore, sealed_file};
use crate::archive::Archive;
use crate::archive::check::CheckReport;
use crate::archive::store::safekeeping::Entry;
use crate::archive::store::{health, objects, safekeeping};
use crate::error::{Error, Result};
use crate::i18n::SafekeepingMsg;

/// What a drill found.
pub struct Drill {
    pub src: PathBuf,
    pub check: CheckReport,
    /// Records and objects restored, and what the backup said it held.
    pub records: (u64, Option<u64>),
    pub objects: (u64, Option<u64>),
    pub seconds: f64,
    /// What else was wrong: counts unlike what the backup says, or not said; its audit head
    /// not in the restored trail.
    pub problems: Vec<SafekeepingMsg>,
}

impl Drill {
    /// Sound: nothing found by the check, the counts as the backup said, its audit head there.
    pub fn passed(&self) -> bool {
        self.check.findings() == 0 && self.problems.is_empty()
    }
}

/// The directory a drill restores into, beside the archive (on its disk, whose space is known),
/// removed whatever happens.
struct DrillDir(PathBuf);

impl Drop for DrillDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Archive {
    /// Restores the backup in `src` beside this archive, checks it, compares its counts, removes
    /// it, and enters the drill in this archive's register.
    pub fn drill(&mut self, src: &Path, opener: &Opener, by: &str) -> Result<Drill> {
        // A slip of the operator (no such backup, no key given) is no drill.
        if !src.exists() {
            let path = src.display().to_string();
            return Err(Error::NotFound(SafekeepingMsg::NoBackupAt { path }.into()));
        }
        if sealed_file(src).is_some() && matches!(opener, Opener::Nothing) {
            let path = src.display().to_string();
            let needs = match super::asks_passphrase(src) {
                true => SafekeepingMsg::NeedsPassphrase { path },
                false => SafekeepingMsg::NeedsIdentity { path },
            };
            return Err(Error::Refused(needs.into()));
        }
        let started = std::time::Instant::now();
        let name = self.dir_name();
        let parent = self.dir.parent().unwrap_or(Path::new("."));
        // What an interrupted drill left: its directory and the decrypted copy beside it.
        super::sweep(parent, &format!(".{name}.drill-"));
        super::sweep(parent, &format!("..{name}.drill-"));
        let into = DrillDir(parent.join(format!(".{name}.drill-{}", std::process::id())));
        let restored = restore(src, &into.0, opener, by);
        let mut entry = Entry {
            id: 0,
            kind: "drill".into(),
            archive: location(&self.dir),
            at: self.now(),
            by: by.into(),
            location: location(src),
            medium: String::new(),
            encrypted: sealed_file(src).is_some(),
            manifest_sha256: String::new(),
            file_sha256: String::new(),
            routine: false,
            audit_head: String::new(),
            records: 0,
            objects: 0,
            bytes: 0,
            seconds: 0.0,
            ok: false,
            detail: String::new(),
            pruned_at: None,
        };
        let restored = match restored {
            Ok(restored) => restored,
            Err(error) => {
                entry.seconds = started.elapsed().as_secs_f64();
                entry.detail = both_languages(&error);
                drop(into);
                self.enter_in_register(by, entry)?;
                return Err(error);
            }
        };
        // Only a backup this archive registered is its drill (another archive's is drilled
        // against that archive).
        let known = safekeeping::entries(self.store.conn())?
            .iter()
            .any(|e| e.kind == "backup" && e.manifest_sha256 == restored.manifest_sha256);
        if !known {
            let path = src.display().to_string();
            return Err(Error::Refused(SafekeepingMsg::NotOurBackup { path }.into()));
        }
        let conn = restored.archive.store.conn();
        let records = health::record_total(conn)?;
        let stored = objects::stored(conn)?;
        let described = &restored.described;
        let mut problems = Vec::new();
        let records_said = described.records;
        let objects_said = described.objects;
        match (records_said, objects_said) {
            (Some(said), Some(said_objects)) => {
                if said != records {
                    problems.push(SafekeepingMsg::DrillRecords {
                        found: records,
                        said,
                    });
                }
                let found = stored.len() as u64;
                if said_objects != found {
                    let said = said_objects;
                    problems.push(SafekeepingMsg::DrillObjects { found, said });
                }
            }
            _ => problems.push(SafekeepingMsg::NotDescribed),
        }
        // The audit head the backup says it holds is in the restored trail.
        let head_found = described.audit_head.as_deref().and_then(|head| {
            let (seq, hash) = head.split_once(':')?;
            let kept: Option<String> = conn
                .query_row("SELECT hash FROM audit WHERE seq = ?1", [seq], |row| {
                    row.get(0)
                })
                .ok();
            Some(kept.as_deref() == Some(hash))
        });
        if head_found != Some(true) {
            problems.push(SafekeepingMsg::HeadNotFound);
        }
        let drill = Drill {
            src: src.to_path_buf(),
            records: (records, described.records),
            objects: (stored.len() as u64, described.objects),
            seconds: started.elapsed().as_secs_f64(),
            problems,
            check: restored.check,
        };
        drop(restored.archive);
        drop(into);
        entry.manifest_sha256 = restored.manifest_sha256;
        entry.audit_head = restored.described.audit_head.unwrap_or_default();
        entry.records = records;
        entry.objects = stored.len() as u64;
        entry.bytes = stored.iter().map(|(_, size)| size).sum();
        entry.seconds = drill.seconds;
        entry.ok = drill.passed();
        if !entry.ok {
            let findings = drill.check.findings();
            let mut said: Vec<crate::i18n::Msg> =
                vec![SafekeepingMsg::CheckFound { findings }.into()];
            said.extend(drill.problems.iter().cloned().map(Into::into));
            let lines = crate::i18n::Msg::Lines { lines: said };
            entry.detail = super::register::both_msg(&lines);
        }
        self.enter_in_register(by, entry)?;
        Ok(drill)
    }
}
