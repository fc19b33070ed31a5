//! Alarms (告警): a cause found by the routine or `status` (low disk space, a missing or failed
//! backup, a fixity failure, a broken audit chain, a failed check, repeated failed log-ins) is
//! raised once, counted while it lasts, sent to the system log, and kept until a person
//! acknowledges it; raising and acknowledging are audited.

use serde_json::json;

use crate::archive::backup::register::{both_msg, detail_text};
use crate::archive::store::safekeeping;
use crate::archive::{Archive, Session};
use crate::domain::Permission;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg, SafekeepingMsg};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlarmKind {
    DiskLow,
    BackupMissing,
    BackupFailed,
    Fixity,
    AuditChain,
    CheckFailed,
    FailedLogins,
}

impl AlarmKind {
    pub const ALL: [AlarmKind; 7] = [
        AlarmKind::DiskLow,
        AlarmKind::BackupMissing,
        AlarmKind::BackupFailed,
        AlarmKind::Fixity,
        AlarmKind::AuditChain,
        AlarmKind::CheckFailed,
        AlarmKind::FailedLogins,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AlarmKind::DiskLow => "disk_low",
            AlarmKind::BackupMissing => "backup_missing",
            AlarmKind::BackupFailed => "backup_failed",
            AlarmKind::Fixity => "fixity",
            AlarmKind::AuditChain => "audit_chain",
            AlarmKind::CheckFailed => "check_failed",
            AlarmKind::FailedLogins => "failed_logins",
        }
    }

    /// Whether the watch (`status`) looks for its cause each time; the others are found by the
    /// routine's steps.
    pub fn watched(self) -> bool {
        matches!(
            self,
            AlarmKind::DiskLow
                | AlarmKind::BackupMissing
                | AlarmKind::AuditChain
                | AlarmKind::FailedLogins
        )
    }

    pub fn of_key(key: &str) -> Option<AlarmKind> {
        AlarmKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// What the alarm is called, in `lang`.
    pub fn name(self, lang: Lang) -> String {
        let name = match self {
            AlarmKind::DiskLow => SafekeepingMsg::AlarmDiskLow,
            AlarmKind::BackupMissing => SafekeepingMsg::AlarmBackupMissing,
            AlarmKind::BackupFailed => SafekeepingMsg::AlarmBackupFailed,
            AlarmKind::Fixity => SafekeepingMsg::AlarmFixity,
            AlarmKind::AuditChain => SafekeepingMsg::AlarmAuditChain,
            AlarmKind::CheckFailed => SafekeepingMsg::AlarmCheckFailed,
            AlarmKind::FailedLogins => SafekeepingMsg::AlarmFailedLogins,
        };
        name.text(lang)
    }
}

/// An alarm as shown and acknowledged.
#[derive(Debug, Clone, PartialEq)]
pub struct Alarm {
    pub id: i64,
    pub kind: AlarmKind,
    pub raised_at: String,
    pub last_seen_at: String,
    /// How many times the cause was found while the alarm waited.
    pub times: u64,
    detail: String,
    /// When and by whom it was acknowledged.
    pub acknowledged: Option<(String, String)>,
    /// What they said was done.
    pub note: String,
}

impl Alarm {
    pub fn detail(&self, lang: Lang) -> String {
        detail_text(&self.detail, lang)
    }
}

/// authpriv.warning: beside the audit head the archive sends, for the system's administrators.
const PRIORITY: u8 = 10 * 8 + 4;

impl Archive {
    /// Raises an alarm of `kind` (or counts the waiting one seen again), audited and sent to
    /// the system log when new.
    pub(in crate::archive) fn raise_alarm(
        &mut self,
        by: &str,
        kind: AlarmKind,
        detail: Msg,
    ) -> Result<()> {
        let kept = both_msg(&detail);
        let at = self.now();
        let new = self.audited(by, |tx, stamp| {
            let new = safekeeping::raise(tx, kind.key(), &kept, &at)?;
            // The alarm keeps its words in both languages; the entry names it.
            if let Some(id) = new {
                let detail = json!({ "alarm": id });
                stamp.append(tx, "alarm.raised", kind.key(), detail)?;
            }
            Ok(new.is_some())
        })?;
        if new {
            let line = format!("alarm {}: {}", kind.key(), detail.text(Lang::En));
            crate::archive::anchor::send_line(&self.dir, PRIORITY, &line);
        }
        Ok(())
    }

    /// Alarms waiting for a person (with `all`, the acknowledged too), oldest first. Like the
    /// routine, the operator's: no record is in them.
    pub fn alarms(&self, all: bool) -> Result<Vec<Alarm>> {
        let kept = safekeeping::alarms(self.store.conn(), all)?;
        Ok(kept
            .into_iter()
            .filter_map(|a| {
                Some(Alarm {
                    kind: AlarmKind::of_key(&a.kind)?,
                    id: a.id,
                    raised_at: a.raised_at,
                    last_seen_at: a.last_seen_at,
                    times: a.times,
                    detail: a.detail,
                    acknowledged: a.acknowledged,
                    note: a.note,
                })
            })
            .collect())
    }

    /// A person acknowledges alarm `id` (an admin: alarms are about the whole archive), with a
    /// note of what was done.
    pub fn acknowledge_alarm(&mut self, session: &Session, id: i64, note: &str) -> Result<()> {
        session.require(Permission::ManageSettings)?;
        if crate::domain::record::check_text(note, false).is_err() {
            return Err(Error::BadInput(SafekeepingMsg::BadNote.into()));
        }
        let note = note.trim();
        if note.chars().count() > 2000 {
            return Err(Error::BadInput(SafekeepingMsg::NoteTooLong.into()));
        }
        if note.is_empty() {
            return Err(Error::BadInput(SafekeepingMsg::NoteNeeded.into()));
        }
        let at = self.now();
        let by = session.name().to_string();
        self.audited(session.name(), |tx, stamp| {
            if !safekeeping::acknowledge(tx, id, &by, &at, note)? {
                return Err(Error::NotFound(SafekeepingMsg::NoSuchAlarm { id }.into()));
            }
            let detail = json!({ "alarm": id, "note": note });
            stamp.append(tx, "alarm.acknowledged", &id.to_string(), detail)?;
            Ok(())
        })
    }
}
