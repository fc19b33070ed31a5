//! Safekeeping (保存) as a routine: the policy in the archive's settings, `routine` doing what is
//! due, and the alarms it and `status` raise. Backups, restores, drills and the register of
//! backup media are in `backup`.

mod alarms;
mod policy;
mod routine;

pub use alarms::{Alarm, AlarmKind};
pub use policy::{KEYS as POLICY_KEYS, Policy, check as check_policy_setting};
pub use routine::RoutineReport;

use crate::archive::backup::BackupEntry;
use crate::archive::{Archive, Session};
use crate::domain::Permission;
use crate::error::Result;

/// What an admin's workstation shows of safekeeping: the policy, the last backup and drill, and
/// the alarms waiting.
#[derive(Debug, Clone)]
pub struct SafekeepingStatus {
    pub policy: Policy,
    pub last_backup: Option<BackupEntry>,
    pub last_drill: Option<BackupEntry>,
    pub alarms: Vec<Alarm>,
}

impl Archive {
    /// The status for an admin (alarms are about the whole archive).
    pub fn safekeeping_status(&self, session: &Session) -> Result<SafekeepingStatus> {
        session.require(Permission::ManageSettings)?;
        let register = self.backup_register()?;
        Ok(SafekeepingStatus {
            policy: self.safekeeping_policy()?,
            last_backup: self.last_good_backup()?,
            last_drill: register.iter().find(|e| e.is_drill()).cloned(),
            alarms: self.alarms(false)?,
        })
    }
}
