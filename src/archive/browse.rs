//! Browsing as a user sees it: fonds → years → records, each within the session's clearance.

use crate::archive::{Archive, Session};
use crate::domain::{ArchivalCode, Permission, Record};
use crate::error::Result;
use crate::store::browse::{self, Anchor};
use crate::store::records::RecordFilter;

/// The filter narrowed to what the session may read; an error if it may read nothing.
pub(crate) fn readable(session: &Session, filter: &RecordFilter) -> Result<RecordFilter> {
    session.require(Permission::ReadRecords)?;
    Ok(RecordFilter {
        clearance: session.clearance(),
        ..filter.clone()
    })
}

impl Archive {
    /// The years of a fonds, newest first, with their record counts.
    pub fn years(&self, session: &Session, fonds: &str) -> Result<Vec<(u16, u64)>> {
        session.require(Permission::ReadRecords)?;
        browse::years(self.store.conn(), fonds, session.clearance())
    }

    /// Up to `limit` records at the anchor, in archival-code order.
    pub fn window(
        &self,
        session: &Session,
        filter: &RecordFilter,
        anchor: &Anchor,
        limit: u64,
    ) -> Result<Vec<Record>> {
        let filter = readable(session, filter)?;
        browse::window(self.store.conn(), &filter, anchor, limit)
    }

    /// The row number of `code` (or of where it would be) in the filtered list, and the list's length.
    pub fn position(
        &self,
        session: &Session,
        filter: &RecordFilter,
        code: &ArchivalCode,
    ) -> Result<(u64, u64)> {
        let filter = readable(session, filter)?;
        let conn = self.store.conn();
        Ok((
            browse::position(conn, &filter, code)?,
            crate::store::records::count(conn, &filter)?,
        ))
    }
}
