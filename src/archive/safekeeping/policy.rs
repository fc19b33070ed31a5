//! The safekeeping policy, kept in the archive's settings: how often to back up and where, how
//! many backups to keep, to whom they are encrypted, how often to check, within how many days
//! every digital object is re-hashed, and the thresholds of the alarms.

use std::path::PathBuf;

use crate::archive::Archive;
use crate::error::Result;

pub const BACKUP_TO: &str = "safekeeping.backup_to";
pub const BACKUP_DAYS: &str = "safekeeping.backup_days";
pub const KEEP: &str = "safekeeping.keep";
pub const RECIPIENTS: &str = "safekeeping.recipients";
pub const MEDIUM: &str = "safekeeping.medium";
pub const CHECK_DAYS: &str = "safekeeping.check_days";
pub const FIXITY_DAYS: &str = "safekeeping.fixity_days";
pub const MIN_FREE_MB: &str = "safekeeping.min_free_mb";
pub const FAILED_LOGINS: &str = "safekeeping.failed_logins";

/// Each key of the policy with its default, as `settings show` lists them.
pub const KEYS: &[(&str, &str)] = &[
    (BACKUP_TO, ""),
    (BACKUP_DAYS, "1"),
    (KEEP, "14"),
    (RECIPIENTS, ""),
    (MEDIUM, ""),
    (CHECK_DAYS, "7"),
    (FIXITY_DAYS, "90"),
    (MIN_FREE_MB, "1024"),
    (FAILED_LOGINS, "10"),
];

/// Kept by the routine itself, not set by anyone: when it last checked, and re-hashed.
pub(super) const LAST_CHECK: &str = "safekeeping.last_check";
pub(super) const LAST_FIXITY: &str = "safekeeping.last_fixity";

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Where the routine writes backups (none: it makes none, and says a backup is missing).
    pub backup_to: Option<PathBuf>,
    pub backup_days: u32,
    pub keep: u32,
    /// A file of age public keys the routine encrypts to.
    pub recipients: Option<PathBuf>,
    pub medium: String,
    pub check_days: u32,
    pub fixity_days: u32,
    pub min_free_mb: u64,
    /// Failed log-ins within a day that raise an alarm.
    pub failed_logins: u32,
}

/// Whether `value` is good for the policy key `key`; None when `key` is not the policy's.
pub fn valid(key: &str, value: &str) -> Option<bool> {
    let days = |max: u32| value.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n));
    let path = || value.is_empty() || std::path::Path::new(value).is_absolute();
    Some(match key {
        BACKUP_TO => path(),
        RECIPIENTS => {
            value.is_empty()
                || (path() && crate::archive::backup::recipients_file(value.as_ref()).is_ok())
        }
        BACKUP_DAYS | CHECK_DAYS => days(366),
        FIXITY_DAYS => days(3660),
        KEEP => days(1000),
        MIN_FREE_MB => value.parse::<u64>().is_ok(),
        FAILED_LOGINS => days(100_000),
        MEDIUM => crate::domain::record::check_text(value, false).is_ok(),
        _ => return None,
    })
}

impl Archive {
    /// The policy as set, defaults where it is not.
    pub fn safekeeping_policy(&self) -> Result<Policy> {
        let text = |key: &str| -> Result<String> {
            let default = KEYS.iter().find(|(k, _)| *k == key).map_or("", |(_, d)| d);
            Ok(self.setting(key)?.unwrap_or_else(|| default.to_string()))
        };
        let number = |key: &str| -> Result<u64> {
            let default = KEYS.iter().find(|(k, _)| *k == key).map_or("0", |(_, d)| d);
            Ok(text(key)?
                .parse()
                .unwrap_or_else(|_| default.parse().unwrap_or(0)))
        };
        let path = |key: &str| -> Result<Option<PathBuf>> {
            Ok(Some(text(key)?)
                .filter(|p| !p.is_empty())
                .map(PathBuf::from))
        };
        Ok(Policy {
            backup_to: path(BACKUP_TO)?,
            backup_days: number(BACKUP_DAYS)? as u32,
            keep: number(KEEP)? as u32,
            recipients: path(RECIPIENTS)?,
            medium: text(MEDIUM)?,
            check_days: number(CHECK_DAYS)? as u32,
            fixity_days: number(FIXITY_DAYS)? as u32,
            min_free_mb: number(MIN_FREE_MB)?,
            failed_logins: number(FAILED_LOGINS)? as u32,
        })
    }
}
