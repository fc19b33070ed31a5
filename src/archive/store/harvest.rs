//! What OAI-PMH harvesters select: records by row id (new records come last, so a harvest under
//! way misses none), within a sight, a fonds and a span of datestamps (`updated_at`).

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::records::{COLUMNS, clearance_term, record_from_row};
use crate::archive::sight::Sight;
use crate::domain::Record;
use crate::error::Result;

/// What a harvest selects.
pub struct Selection<'a> {
    pub fonds: Option<&'a str>,
    pub from: Option<&'a str>,
    pub until: Option<&'a str>,
}

fn clause(selection: &Selection, sight: Sight) -> (String, Vec<Value>) {
    let (clearance, mut values) = clearance_term(sight);
    let mut terms = vec![clearance];
    for (term, value) in [
        ("fonds = ?", selection.fonds),
        ("updated_at >= ?", selection.from),
        ("updated_at <= ?", selection.until),
    ] {
        if let Some(value) = value {
            terms.push(term.to_string());
            values.push(Value::Text(value.to_string()));
        }
    }
    (terms.join(" AND "), values)
}

/// Up to `limit` records after row `after`, in row order.
pub fn records(
    conn: &Connection,
    selection: &Selection,
    sight: Sight,
    after: i64,
    limit: usize,
) -> Result<Vec<Record>> {
    let (clause, mut values) = clause(selection, sight);
    values.push(Value::Integer(after));
    values.push(Value::Integer(limit as i64));
    let sql =
        format!("SELECT {COLUMNS} FROM records WHERE {clause} AND id > ? ORDER BY id LIMIT ?");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), record_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(conn: &Connection, selection: &Selection, sight: Sight) -> Result<u64> {
    let (clause, values) = clause(selection, sight);
    let sql = format!("SELECT COUNT(*) FROM records WHERE {clause}");
    Ok(conn.query_row(&sql, params_from_iter(values), |row| row.get(0))?)
}

/// Each fonds with a record the selection takes in, by code, with its name and the latest
/// datestamp of those records (the fonds' own datestamp).
pub fn fonds(
    conn: &Connection,
    selection: &Selection,
    sight: Sight,
) -> Result<Vec<(String, String, String)>> {
    let (clause, values) = clause(selection, sight);
    let sql = format!(
        "SELECT r.fonds, f.name, MAX(r.updated_at) FROM (SELECT fonds, updated_at FROM records \
         WHERE {clause}) r JOIN fonds f ON f.code = r.fonds GROUP BY r.fonds ORDER BY r.fonds"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |row| {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The earliest datestamp the sight takes in.
pub fn earliest(conn: &Connection, sight: Sight) -> Result<Option<String>> {
    let (clearance, values) = clearance_term(sight);
    let sql = format!("SELECT MIN(updated_at) FROM records WHERE {clearance}");
    Ok(conn.query_row(&sql, params_from_iter(values), |row| row.get(0))?)
}
