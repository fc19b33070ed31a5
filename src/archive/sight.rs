//! How far a reader sees. Every read of records in the store takes a `Sight`, and there are only
//! two ways to make one: from a logged-in session, or by asking for the whole archive by name, for
//! the archive's own upkeep that answers to no reader (the search index, which screens each query
//! itself; the check; matching a register, whose lines are then shown within each reader's sight).
//! So a new feature cannot read records without saying whose eyes it reads them with.
//!
//! A sight has two bounds: the highest classification it takes in, and, for a public
//! (reading-room) account, records opened to the public (开放) only.

use crate::archive::Session;
use crate::domain::{Classification, Openness, RecordData, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::archive) struct Sight {
    ceiling: Classification,
    open_only: bool,
}

impl Sight {
    pub(in crate::archive) fn of(session: &Session) -> Sight {
        let public = session.role() == Role::Public;
        Sight {
            ceiling: if public {
                Classification::Public
            } else {
                session.clearance()
            },
            open_only: public,
        }
    }

    pub(in crate::archive) fn whole_archive() -> Sight {
        Sight {
            ceiling: Classification::Confidential,
            open_only: false,
        }
    }

    /// The highest classification seen.
    pub(in crate::archive) fn ceiling(self) -> Classification {
        self.ceiling
    }

    /// Whether every record is seen: a query need not look at the records to screen them.
    pub(in crate::archive) fn sees_all(self) -> bool {
        self.ceiling == Classification::Confidential && !self.open_only
    }

    /// Whether only records opened to the public are seen.
    pub(in crate::archive) fn open_only(self) -> bool {
        self.open_only
    }

    /// No further than `ceiling`: what this sight takes in of the records up to it.
    pub(in crate::archive) fn capped(self, ceiling: Classification) -> Sight {
        Sight {
            ceiling: self.ceiling.min(ceiling),
            ..self
        }
    }

    /// Whether a classification is within reach. For whole groups of records (a register, a
    /// scope, an audit entry); a single record is `takes_in`.
    pub(in crate::archive) fn sees(self, classification: Classification) -> bool {
        classification <= self.ceiling
    }

    /// Whether one record is seen.
    pub(in crate::archive) fn takes_in(self, data: &RecordData) -> bool {
        self.sees(data.classification) && (!self.open_only || data.openness == Openness::Open)
    }
}
