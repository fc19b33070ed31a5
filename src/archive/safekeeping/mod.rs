//! Safekeeping (保存) as a routine: the policy in the archive's settings, `routine` doing what is
//! due, and the alarms it and `status` raise. Backups, restores, drills and the register of
//! backup media are in `backup`.

mod alarms;
mod policy;
mod routine;

pub use alarms::{Alarm, AlarmKind};
pub use policy::{KEYS as POLICY_KEYS, Policy, valid as valid_policy_setting};
pub use routine::RoutineReport;
