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
        "SELECT {COLUMNS} FROM objects WHERE record_id = ?1 AND removed_at IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map([record_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every distinct stored file: its hash and size. A file removed with the records it belonged to
/// (destroyed) is no longer stored.
pub fn stored(conn: &Connection) -> Result<Vec<(String, u64)>> {
    let mut stmt = conn.prepare(
        "SELECT sha256, MAX(size) FROM objects WHERE removed_at IS NULL GROUP BY sha256 ORDER BY sha256",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks the objects of destroyed records removed; returns the hashes (with sizes) no record
/// still holds, whose files may now go.
pub fn remove_of_records(
    conn: &Connection,
    record_ids: &[i64],
    at: &str,
) -> Result<Vec<(String, u64)>> {
    let mut mark =
        conn.prepare_cached("UPDATE objects SET removed_at = ?2 WHERE record_id = ?1 AND removed_at IS NULL RETURNING sha256, size")?;
    let mut hashes = std::collections::BTreeMap::new();
    for id in record_ids {
        let rows = mark.query_map(rusqlite::params![id, at], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
        })?;
        for row in rows {
            let (hash, size) = row?;
            hashes.insert(hash, size);
        }
    }
    let mut still = conn
        .prepare_cached("SELECT 1 FROM objects WHERE sha256 = ?1 AND removed_at IS NULL LIMIT 1")?;
    let mut gone = Vec::new();
    for (hash, size) in hashes {
        if !still.exists([&hash])? {
            gone.push((hash, size));
        }
    }
    Ok(gone)
}
