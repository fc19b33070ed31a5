//! Browsing as a user sees it: fonds → years → records, each within the session's clearance.

use crate::archive::sight::Sight;
use crate::archive::store::browse;
use crate::archive::{Archive, Session};
use crate::domain::{Anchor, ArchivalCode, Permission, Record, RecordQuery};
use crate::error::Result;

/// What the session sees of the records; an error if it may read none.
pub(in crate::archive) fn readable(session: &Session) -> Result<Sight> {
    session.require(Permission::ReadRecords)?;
    Ok(Sight::of(session))
}

impl Archive {
    /// The years of a fonds, newest first, with their record counts.
    pub fn years(&self, session: &Session, fonds: &str) -> Result<Vec<(u16, u64)>> {
        browse::years(self.store.conn(), fonds, readable(session)?)
    }

    /// Up to `limit` records at the anchor, in archival-code order.
    pub fn window(
        &self,
        session: &Session,
        query: &RecordQuery,
        anchor: &Anchor,
        limit: u64,
    ) -> Result<Vec<Record>> {
        browse::window(self.store.conn(), query, readable(session)?, anchor, limit)
    }

    /// The row number of `code` (or of where it would be) in the filtered list, and the list's length.
    pub fn position(
        &self,
        session: &Session,
        query: &RecordQuery,
        code: &ArchivalCode,
    ) -> Result<(u64, u64)> {
        let sight = readable(session)?;
        let conn = self.store.conn();
        Ok((
            browse::position(conn, query, sight, code)?,
            crate::archive::store::records::count(conn, query, sight)?,
        ))
    }
}
