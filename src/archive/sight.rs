//! How far a reader sees. Every read of records in the store takes a `Sight`, and there are only
//! two ways to make one: from a logged-in session, or by asking for the whole archive by name, for
//! the archive's own upkeep that answers to no reader (the search index, which screens each query
//! itself; the check; matching a register, whose lines are then shown within each reader's sight).
//! So a new feature cannot read records without saying whose eyes it reads them with.

use crate::archive::Session;
use crate::domain::Classification;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::archive) struct Sight(Classification);

impl Sight {
    pub(in crate::archive) fn of(session: &Session) -> Sight {
        Sight(session.clearance())
    }

    pub(in crate::archive) fn whole_archive() -> Sight {
        Sight(Classification::Confidential)
    }

    /// The highest classification seen.
    pub(in crate::archive) fn ceiling(self) -> Classification {
        self.0
    }

    /// No further than `ceiling`: what this sight takes in of the records up to it.
    pub(in crate::archive) fn capped(self, ceiling: Classification) -> Sight {
        Sight(self.0.min(ceiling))
    }

    pub(in crate::archive) fn sees(self, classification: Classification) -> bool {
        classification <= self.0
    }
}
