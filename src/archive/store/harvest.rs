//! What OAI-PMH harvesters select: records by row id (new records come last, so a harvest under
//! way misses none), within a sight, a fonds and a span of datestamps (`updated_at`). A record
//! the sight once took in (a version of it was) but no longer does is selected too, as deleted:
//! a portal that harvested it must learn that it is gone.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::records::{COLUMNS, clearance_term, record_from_row};
use crate::archive::sight::Sight;
use crate::domain::{Openness, Record, Status};
use crate::error::Result;

/// What a harvest selects.
pub struct Selection<'a> {
    pub fonds: Option<&'a str>,
    pub from: Option<&'a str>,
    pub until: Option<&'a str>,
}

/// Records the sight takes in now, or took in once.
fn seen(sight: Sight) -> (String, Vec<Value>) {
    let (clearance, mut values) = clearance_term(sight);
    let labels: Vec<Value> = sight
        .ceiling()
        .visible()
        .map(|c| Value::Text(c.label_zh().into()))
        .collect();
    let marks = vec!["?"; labels.len()].join(", ");
    values.extend(labels);
    // Revisions keep values as their Chinese labels.
    let opened = if sight.open_only() {
        format!(
            " AND json_extract(v.data, '$.openness') = '{}'",
            Openness::Open.label_zh()
        )
    } else {
        String::new()
    };
    let clause = format!(
        "({clearance} OR EXISTS (SELECT 1 FROM record_revisions v WHERE v.record_id = records.id \
         AND json_extract(v.data, '$.classification') IN ({marks}){opened}))"
    );
    (clause, values)
}

fn clause(selection: &Selection, sight: Sight) -> (String, Vec<Value>) {
    let (seen, mut values) = seen(sight);
    let mut terms = vec![seen];
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

/// Up to `limit` records after row `after`, in row order, each with whether it is withdrawn from
/// the sight (deleted, for the harvester).
pub fn records(
    conn: &Connection,
    selection: &Selection,
    sight: Sight,
    after: i64,
    limit: usize,
) -> Result<Vec<(Record, bool)>> {
    let (clause, mut values) = clause(selection, sight);
    values.push(Value::Integer(after));
    values.push(Value::Integer(limit as i64));
    let sql =
        format!("SELECT {COLUMNS} FROM records WHERE {clause} AND id > ? ORDER BY id LIMIT ?");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), record_from_row)?;
    let records: Vec<Record> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(records
        .into_iter()
        .map(|r| {
            // Withdrawn from sight, or destroyed: deleted, for the harvester.
            let withdrawn = !sight.takes_in(&r.data) || r.data.status == Status::Disposed;
            (r, withdrawn)
        })
        .collect())
}

pub fn count(conn: &Connection, selection: &Selection, sight: Sight) -> Result<u64> {
    let (clause, values) = clause(selection, sight);
    let sql = format!("SELECT COUNT(*) FROM records WHERE {clause}");
    Ok(conn.query_row(&sql, params_from_iter(values), |row| row.get(0))?)
}

/// Each fonds with a record the sight takes in (or took in), by code, with its name and its
/// datestamp: the latest of those records', whatever the span asked; listed when that datestamp
/// falls in the span.
pub fn fonds(
    conn: &Connection,
    selection: &Selection,
    sight: Sight,
) -> Result<Vec<(String, String, String)>> {
    let whole = Selection {
        fonds: selection.fonds,
        from: None,
        until: None,
    };
    let (clause, mut values) = clause(&whole, sight);
    let mut having = Vec::new();
    for (term, value) in [
        ("MAX(r.updated_at) >= ?", selection.from),
        ("MAX(r.updated_at) <= ?", selection.until),
    ] {
        if let Some(value) = value {
            having.push(term);
            values.push(Value::Text(value.to_string()));
        }
    }
    let having = match having.is_empty() {
        true => String::new(),
        false => format!("HAVING {}", having.join(" AND ")),
    };
    let sql = format!(
        "SELECT r.fonds, f.name, MAX(r.updated_at) FROM (SELECT fonds, updated_at FROM records \
         WHERE {clause}) r JOIN fonds f ON f.code = r.fonds GROUP BY r.fonds {having} ORDER BY r.fonds"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |row| {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The earliest datestamp the sight takes in.
pub fn earliest(conn: &Connection, sight: Sight) -> Result<Option<String>> {
    let (seen, values) = seen(sight);
    let sql = format!("SELECT MIN(updated_at) FROM records WHERE {seen}");
    Ok(conn.query_row(&sql, params_from_iter(values), |row| row.get(0))?)
}
