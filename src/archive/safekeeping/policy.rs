//! The safekeeping policy, kept in the archive's settings: how often to back up and where, how
//! many backups to keep, to whom they are encrypted, how often to check, within how many days
//! every digital object is re-hashed, and the thresholds of the alarms.

use std::path::{Path, PathBuf};

use crate::archive::Archive;
use crate::error::{Error, Result};
use crate::i18n::SafekeepingMsg;

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

/// Whether `value` is good for the policy key `key`, and if not why; None when `key` is not the
/// policy's.
pub fn check(key: &str, value: &str, archive: &Path) -> Option<Result<()>> {
    let (key_name, value_text) = (key.to_string(), value.to_string());
    let between = |max: u32| -> Result<()> {
        match value.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Ok(()),
            _ => Err(Error::BadInput(
                SafekeepingMsg::NotANumber {
                    key: key_name.clone(),
                    value: value_text.clone(),
                    max,
                }
                .into(),
            )),
        }
    };
    let absolute = || -> Result<()> {
        match value.is_empty() || Path::new(value).is_absolute() {
            true => Ok(()),
            false => Err(Error::BadInput(
                SafekeepingMsg::NotAbsolute {
                    key: key_name.clone(),
                    value: value_text.clone(),
                }
                .into(),
            )),
        }
    };
    Some(match key {
        BACKUP_TO => absolute().and_then(|()| {
            let inside = std::fs::canonicalize(value).is_ok_and(|place| {
                std::fs::canonicalize(archive).is_ok_and(|a| place.starts_with(&a))
            });
            let bad_text = crate::domain::record::check_text(value, false).is_err();
            match (inside || value == "/", bad_text) {
                (false, false) => Ok(()),
                _ => Err(Error::BadInput(
                    SafekeepingMsg::InsideArchive {
                        dir: crate::width::sanitize(value, false),
                    }
                    .into(),
                )),
            }
        }),
        RECIPIENTS => absolute().and_then(|()| match value.is_empty() {
            true => Ok(()),
            false => crate::archive::backup::recipients_file(value.as_ref()).map(|_| ()),
        }),
        BACKUP_DAYS | CHECK_DAYS => between(366),
        FIXITY_DAYS => between(3660),
        KEEP => between(1000),
        FAILED_LOGINS => between(100_000),
        MIN_FREE_MB => value.parse::<u64>().map(|_| ()).map_err(|_| {
            let (key, value) = (key_name.clone(), value_text.clone());
            Error::BadInput(
                SafekeepingMsg::NotANumber {
                    key,
                    value,
                    max: u32::MAX,
                }
                .into(),
            )
        }),
        MEDIUM => match crate::domain::record::check_text(value, false).is_ok()
            && value.chars().count() <= 200
        {
            true => Ok(()),
            false => Err(Error::BadInput(SafekeepingMsg::MediumBad.into())),
        },
        _ => return None,
    })
}

impl Policy {
    /// The policy in a line: where and how often, or that no backup place is set.
    pub fn line(&self) -> SafekeepingMsg {
        match &self.backup_to {
            None => SafekeepingMsg::StatusNoPlace {
                check: self.check_days,
                fixity: self.fixity_days,
            },
            Some(to) => SafekeepingMsg::StatusPolicy {
                to: to.display().to_string(),
                days: self.backup_days,
                keep: self.keep,
                check: self.check_days,
                fixity: self.fixity_days,
            },
        }
    }
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
