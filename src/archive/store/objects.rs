//! Rows of the digital objects attached to records.

use rusqlite::{Connection, params};

use crate::domain::DigitalObject;
use crate::error::Result;

/// Inserts the row; its id, or None if the record already has this file (same hash).
pub fn insert(conn: &Connection, record_id: i64, row: &DigitalObject) -> Result<Option<i64>> {
    let added = conn.execute(
        "INSERT INTO objects (record_id, sha256, size, format, file_name, checks, attached_at, attached_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (record_id, sha256) DO NOTHING",
        params![
            record_id,
            row.sha256,
            row.size as i64,
            row.format,
            row.file_name,
            row.checks,
            row.attached_at,
            row.attached_by
        ],
    )?;
    Ok((added == 1).then(|| conn.last_insert_rowid()))
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<DigitalObject> {
    Ok(DigitalObject {
        sha256: r.get(0)?,
        size: r.get::<_, i64>(1)?.max(0) as u64,
        format: r.get(2)?,
        file_name: r.get(3)?,
        checks: r.get(4)?,
        attached_at: r.get(5)?,
        attached_by: r.get(6)?,
    })
}

const COLUMNS: &str = "sha256, size, format, file_name, checks, attached_at, attached_by";

pub fn of_record(conn: &Connection, record_id: i64) -> Result<Vec<DigitalObject>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM objects WHERE record_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([record_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every distinct stored file: its hash and size.
pub fn stored(conn: &Connection) -> Result<Vec<(String, u64)>> {
    let mut stmt =
        conn.prepare("SELECT sha256, MAX(size) FROM objects GROUP BY sha256 ORDER BY sha256")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
