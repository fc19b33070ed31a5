//! Fonds (全宗).

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use crate::archive::sight::Sight;
use crate::domain::Fonds;

use crate::error::Result;

/// Adds a fonds; false when the code is taken.
pub fn add(conn: &Connection, code: &str, name: &str, at: &str) -> Result<bool> {
    let added = conn.execute(
        "INSERT INTO fonds (code, name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT(code) DO NOTHING",
        params![code, name, at],
    )?;
    Ok(added == 1)
}

pub fn name(conn: &Connection, code: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT name FROM fonds WHERE code = ?1", [code], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Every fonds with the number of its records the clearance may see.
pub fn list(conn: &Connection, sight: Sight) -> Result<Vec<Fonds>> {
    let (visible, values) = super::records::clearance_term(sight);
    let mut stmt = conn.prepare(&format!(
        "SELECT f.code, f.name, \
         (SELECT COALESCE(SUM(n), 0) FROM record_counts c WHERE c.fonds = f.code AND {visible}) \
         FROM fonds f ORDER BY f.code"
    ))?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        Ok(Fonds {
            code: r.get(0)?,
            name: r.get(1)?,
            records: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
