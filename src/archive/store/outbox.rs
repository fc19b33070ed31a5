//! The search outbox: what the index has yet to learn.

use rusqlite::{Connection, params};

use crate::error::Result;

/// What changed since the index last looked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Record(i64),
    Import(i64),
    Everything,
}

pub fn record_changed(conn: &Connection, record_id: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO search_outbox (record_id) VALUES (?1)")?
        .execute([record_id])?;
    Ok(())
}

pub fn import_added(conn: &Connection, import_id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO search_outbox (import_id) VALUES (?1)",
        [import_id],
    )?;
    Ok(())
}

pub fn everything_changed(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO search_outbox (record_id, import_id) VALUES (NULL, NULL)",
        [],
    )?;
    Ok(())
}

pub fn last(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM search_outbox", [], |r| {
            r.get(0)
        })?,
    )
}

/// How many records the rows after `seq` name, counting each import's; None when one of them
/// is a rebuild of everything.
pub fn pending_records(conn: &Connection, seq: i64) -> Result<Option<u64>> {
    let (records, imported, everything): (u64, u64, u64) = conn.query_row(
        "SELECT COUNT(o.record_id), COALESCE(SUM(i.records), 0), \
         COUNT(*) - COUNT(o.record_id) - COUNT(o.import_id) \
         FROM search_outbox o LEFT JOIN imports i ON i.id = o.import_id WHERE o.seq > ?1",
        [seq],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok((everything == 0).then_some(records + imported))
}

/// Rows after `seq`, in order.
pub fn after(conn: &Connection, seq: i64) -> Result<Vec<(i64, Pending)>> {
    let mut stmt = conn.prepare(
        "SELECT seq, record_id, import_id FROM search_outbox WHERE seq > ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![seq], |r| {
        let pending = match (r.get::<_, Option<i64>>(1)?, r.get::<_, Option<i64>>(2)?) {
            (Some(id), _) => Pending::Record(id),
            (None, Some(import)) => Pending::Import(import),
            (None, None) => Pending::Everything,
        };
        Ok((r.get(0)?, pending))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
