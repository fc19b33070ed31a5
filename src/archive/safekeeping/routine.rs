//! `dangan routine`: what the policy says is due, done and reported — a backup, pruning of old
//! backups, a check, the fixity of a rotating share of the digital objects — and the watch that
//! raises alarms (disk space, a backup missing, the audit chain, failed log-ins). Each step runs
//! whatever the others did; the report says what was done and what failed.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};

use super::alarms::AlarmKind;
use super::policy::{LAST_CHECK, LAST_FIXITY, Policy};
use crate::archive::backup::{BackupEntry, BackupOptions, Seal, os_user, recipients_file};
use crate::archive::backup::{MANIFEST, SEALED_FILE, fingerprint};
use crate::archive::objects::{hash_file, object_path};
use crate::archive::store::safekeeping::Entry;
use crate::archive::store::{audit, safekeeping, settings};
use crate::archive::{Archive, timestamp};
use crate::error::{Error, Result};
use crate::i18n::{Msg, SafekeepingMsg};

/// What a routine did, and what it could not do.
#[derive(Debug, Default)]
pub struct RoutineReport {
    pub done: Vec<Msg>,
    pub failed: Vec<Msg>,
    /// When the watch looked: an alarm last seen before then has lost its cause.
    pub watched_at: String,
}

/// Where a passphrase for unattended encrypted backups comes from, when no keys are set.
const PASSPHRASE_VARIABLE: &str = "DANGAN_BACKUP_PASSPHRASE";

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Free bytes on the file system holding `path`.
fn free_bytes(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
        let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: a NUL-terminated path and a statvfs the call fills.
        let done = unsafe { libc::statvfs(name.as_ptr(), &mut stat) };
        (done == 0).then(|| stat.f_bavail as u64 * stat.f_frsize as u64)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

impl Archive {
    /// The watch alone (what `status` runs): disk space, a backup missing, the audit chain,
    /// failed log-ins. Cheap: nothing is hashed but the chain.
    pub fn watch(&mut self, report: &mut RoutineReport) -> Result<()> {
        let policy = self.safekeeping_policy()?;
        let by = os_user();
        let now = self.clock_now();
        let mut places = vec![self.dir.clone()];
        places.extend(policy.backup_to.clone().filter(|p| p.exists()));
        // One alarm for the cause, naming the first place short of space.
        let low = places.iter().find_map(|place| {
            let free_mb = free_bytes(place)? / (1024 * 1024);
            (free_mb < policy.min_free_mb).then(|| (place.display().to_string(), free_mb))
        });
        if let Some((path, free_mb)) = low {
            let min_mb = policy.min_free_mb;
            let msg = SafekeepingMsg::DiskLow {
                path,
                free_mb,
                min_mb,
            };
            self.raise_alarm(&by, AlarmKind::DiskLow, msg.into())?;
        }
        let last = self.last_backup()?;
        let overdue = last.as_ref().is_none_or(|(at, _)| {
            parse_time(at).is_none_or(|at| now - at > Duration::days(policy.backup_days.into()))
        });
        if overdue {
            let days = policy.backup_days;
            let msg = match last {
                Some((last, _)) => SafekeepingMsg::BackupOverdue { days, last },
                None => SafekeepingMsg::NoBackupEver,
            };
            self.raise_alarm(&by, AlarmKind::BackupMissing, msg.into())?;
        }
        if let Err(error) = self.verify_chain() {
            let detail = error.text(crate::i18n::Lang::En);
            let msg = SafekeepingMsg::ChainBroken { detail };
            self.raise_alarm(&by, AlarmKind::AuditChain, msg.into())?;
        }
        // Within a day, and since a person last looked at this alarm.
        let day_ago = timestamp(now - Duration::hours(24));
        let looked =
            safekeeping::last_acknowledged(self.store.conn(), AlarmKind::FailedLogins.key())?;
        let since = looked.filter(|at| *at > day_ago).unwrap_or(day_ago);
        let failed = audit::count_since(self.store.conn(), "login.failed", &since)?;
        if failed >= u64::from(policy.failed_logins) {
            let msg = SafekeepingMsg::ManyFailedLogins { failed };
            self.raise_alarm(&by, AlarmKind::FailedLogins, msg.into())?;
        }
        report.watched_at = timestamp(now);
        report.done.push(SafekeepingMsg::Watched.into());
        Ok(())
    }

    /// The newest good backup in the register that is still where it was written: when, and
    /// where (a medium taken away, or a backup removed by hand, is no backup).
    pub fn last_good_backup(&self) -> Result<Option<BackupEntry>> {
        let entries = safekeeping::entries(self.store.conn())?;
        Ok(entries
            .into_iter()
            .find(|e| {
                e.kind == "backup"
                    && e.ok
                    && e.pruned_at.is_none()
                    && still_ours(Path::new(&e.location), e)
            })
            .map(BackupEntry))
    }

    fn last_backup(&self) -> Result<Option<(String, String)>> {
        let last = self.last_good_backup()?;
        Ok(last.map(|e| (e.at().to_string(), e.location().to_string())))
    }

    /// Does what the policy says is due, then the watch.
    pub fn routine(&mut self) -> Result<RoutineReport> {
        let mut report = RoutineReport::default();
        let policy = self.safekeeping_policy()?;
        let by = os_user();
        let now = self.clock_now();
        let due = |last: Option<String>, days: u32| {
            last.as_deref()
                .and_then(parse_time)
                .is_none_or(|at| now - at >= Duration::days(days.into()) - Duration::minutes(30))
        };
        if let Some(to) = &policy.backup_to {
            let last = self.last_backup()?.map(|(at, _)| at);
            match due(last.clone(), policy.backup_days) {
                true => self.routine_backup(&policy, to, &by, &mut report)?,
                false => {
                    let next = last
                        .as_deref()
                        .and_then(parse_time)
                        .map_or_else(String::new, |at| {
                            timestamp(at + Duration::days(policy.backup_days.into()))
                        });
                    report
                        .done
                        .push(SafekeepingMsg::NotDueUntil { at: next }.into());
                }
            }
        }
        if let Some(to) = &policy.backup_to {
            self.prune(&policy, to, &by, &mut report)?;
        }
        if due(self.setting(LAST_CHECK)?, policy.check_days) {
            let findings = self.check(false, &mut |_| {})?.findings();
            self.keep_time(LAST_CHECK, now)?;
            if findings > 0 {
                let msg = SafekeepingMsg::CheckFound { findings };
                report.failed.push(msg.clone().into());
                self.raise_alarm(&by, AlarmKind::CheckFailed, msg.into())?;
            } else {
                report.done.push(SafekeepingMsg::Checked.into());
            }
        }
        self.fixity_share(&policy, &by, &mut report)?;
        self.watch(&mut report)?;
        Ok(report)
    }

    fn keep_time(&mut self, key: &str, at: DateTime<Utc>) -> Result<()> {
        let at = timestamp(at);
        self.store.write(|tx| settings::set(tx, key, &at))
    }

    fn routine_backup(
        &mut self,
        policy: &Policy,
        to: &Path,
        by: &str,
        report: &mut RoutineReport,
    ) -> Result<()> {
        let seal = match (&policy.recipients, std::env::var(PASSPHRASE_VARIABLE)) {
            (Some(file), _) => recipients_file(file).map(|keys| Some(Seal::Recipients(keys))),
            (None, Ok(passphrase)) if !passphrase.is_empty() => {
                Ok(Some(Seal::Passphrase(passphrase)))
            }
            _ => Ok(None),
        };
        let name = self.dir_name();
        let stamp = self.clock_now().format("%Y%m%d-%H%M%S").to_string();
        let mut dest = to.join(format!("{name}-{stamp}"));
        let mut n = 1;
        while dest.exists() {
            n += 1;
            dest = to.join(format!("{name}-{stamp}-{n}"));
        }
        let made = seal.and_then(|seal| {
            let options = BackupOptions {
                seal,
                routine: true,
                medium: policy.medium.clone(),
            };
            self.backup(&dest, by, &options)
        });
        let dest = dest.display().to_string();
        match made {
            Ok(summary) if summary.encrypted => {
                report.done.push(SafekeepingMsg::BackedUp { dest }.into());
            }
            Ok(_) => report
                .done
                .push(SafekeepingMsg::BackedUpPlain { dest }.into()),
            Err(error) => {
                let detail = error.text(crate::i18n::Lang::En);
                let msg = SafekeepingMsg::BackupFailedAt { dest, detail };
                report.failed.push(msg.clone().into());
                self.raise_alarm(by, AlarmKind::BackupFailed, msg.into())?;
            }
        }
        Ok(())
    }

    /// Removes the backups the routine made under `to` past the newest `keep` that are still
    /// there and still what it wrote (a medium taken away does not count as kept): only the
    /// files it wrote, each known again by its hash first; what anyone else put beside them
    /// stays, and so does the directory then. The register keeps their rows.
    fn prune(
        &mut self,
        policy: &Policy,
        to: &Path,
        by: &str,
        report: &mut RoutineReport,
    ) -> Result<()> {
        let entries = safekeeping::entries(self.store.conn())?;
        let this = crate::archive::backup::register::location(&self.dir);
        let ours = entries.into_iter().filter(|e| {
            e.kind == "backup"
                && e.ok
                && e.routine
                && e.pruned_at.is_none()
                && e.archive == this
                && Path::new(&e.location).starts_with(to)
        });
        let mut kept = 0;
        for entry in ours {
            let dir = PathBuf::from(&entry.location);
            if !still_ours(&dir, &entry) {
                continue;
            }
            if kept < policy.keep {
                kept += 1;
                continue;
            }
            remove_backup(&dir, &entry)?;
            let at = self.now();
            self.audited(by, |tx, stamp| {
                safekeeping::mark_pruned(tx, entry.id, &at)?;
                let detail = serde_json::json!({ "register": entry.id });
                stamp.append(tx, "backup.pruned", &entry.location, detail)?;
                Ok(())
            })?;
            let dest = entry.location.clone();
            report
                .done
                .push(SafekeepingMsg::PrunedBackup { dest }.into());
        }
        Ok(())
    }

    /// Re-hashes the share of the digital objects due: those not re-hashed within the period,
    /// and at least the part of all of them the time since the last run is of the period, so
    /// that every object is re-hashed within it however often the routine runs.
    fn fixity_share(
        &mut self,
        policy: &Policy,
        by: &str,
        report: &mut RoutineReport,
    ) -> Result<()> {
        let now = self.clock_now();
        let period = Duration::days(policy.fixity_days.into());
        let objects = safekeeping::fixity_due(self.store.conn())?;
        let total = objects.len();
        let stale = timestamp(now - period);
        let overdue = objects
            .iter()
            .filter(|(_, at)| at.is_empty() || *at <= stale)
            .count();
        let since = self
            .setting(LAST_FIXITY)?
            .as_deref()
            .and_then(parse_time)
            .map_or(period, |last| (now - last).min(period));
        let period_seconds = period.num_seconds().max(1);
        let share = (total as i64 * since.num_seconds() + period_seconds - 1) / period_seconds;
        let count = overdue.max(share.max(0) as usize).min(total);
        let at = timestamp(now);
        let (mut sound, mut failed) = (Vec::new(), Vec::new());
        for (sha256, _) in objects.iter().take(count) {
            match hash_file(&object_path(&self.dir, sha256)) {
                Ok((found, _)) if found == *sha256 => sound.push(sha256),
                _ => failed.push(sha256.clone()),
            }
        }
        self.store.write(|tx| {
            for sha256 in &sound {
                safekeeping::fixity_checked(tx, sha256, &at)?;
            }
            settings::set(tx, LAST_FIXITY, &at)
        })?;
        if failed.is_empty() {
            let msg = SafekeepingMsg::FixityShare { count, total };
            report.done.push(msg.into());
        } else {
            let first = failed[0].clone();
            let msg = SafekeepingMsg::FixityFailed {
                failed: failed.len(),
                first,
            };
            report.failed.push(msg.clone().into());
            self.raise_alarm(by, AlarmKind::Fixity, msg.into())?;
        }
        Ok(())
    }
}

/// Whether `dir` still holds the backup `entry` names: its manifest (plain) or its encrypted file
/// (by size of what is there; the hash is read only before removing).
fn still_ours(dir: &Path, entry: &Entry) -> bool {
    match entry.encrypted {
        true => dir.join(SEALED_FILE).is_file(),
        false => {
            hash_file(&dir.join(MANIFEST)).is_ok_and(|(hash, _)| hash == entry.manifest_sha256)
        }
    }
}

/// Removes the files of the backup `entry` from `dir`, each known by its hash, then the
/// directories left empty.
fn remove_backup(dir: &Path, entry: &Entry) -> Result<()> {
    let remove = |path: &Path| std::fs::remove_file(path).map_err(|e| Error::io(path, e));
    if entry.encrypted {
        let sealed = dir.join(SEALED_FILE);
        if fingerprint(&sealed).is_ok_and(|found| found == entry.file_sha256) {
            remove(&sealed)?;
        }
    } else {
        let manifest = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&manifest).map_err(|e| Error::io(&manifest, e))?;
        for line in text.lines() {
            let Some((hash, name)) = line.split_once("  ") else {
                continue;
            };
            let path = dir.join(name);
            let plain = Path::new(name)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if plain && hash_file(&path).is_ok_and(|(found, _)| found == hash) {
                remove(&path)?;
            }
        }
        remove(&manifest)?;
    }
    remove_empty_dirs(dir);
    Ok(())
}

/// Removes `dir` and the directories under it that are empty, deepest first.
fn remove_empty_dirs(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                remove_empty_dirs(&entry.path());
            }
        }
    }
    let _ = std::fs::remove_dir(dir);
}
