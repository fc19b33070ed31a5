//! The transfer register (移交登记): one row per package offered, kept for ever.

use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use crate::archive::sight::Sight;
use crate::domain::transfer::Transfer;
use crate::domain::{Classification, CodeGroup};
use crate::error::Result;

const COLUMNS: &str = "id, package_hash, package_name, source, received_at, received_by, outcome, \
    records, files, bytes, classification, import_id, refusals, notes";

fn read(row: &Row) -> rusqlite::Result<Transfer> {
    let outcome: String = row.get(6)?;
    let class: String = row.get(10)?;
    let refusals: String = row.get(12)?;
    Ok(Transfer {
        id: row.get(0)?,
        package_hash: row.get(1)?,
        package_name: row.get(2)?,
        source: row.get(3)?,
        received_at: row.get(4)?,
        received_by: row.get(5)?,
        accepted: outcome == "accepted",
        records: row.get(7)?,
        files: row.get(8)?,
        bytes: row.get(9)?,
        // A row names its 密级 by the code dangan wrote; anything else is kept out of sight.
        classification: Classification::parse(&class).unwrap_or(Classification::Confidential),
        import_id: row.get(11)?,
        refusals: serde_json::from_str(&refusals).unwrap_or_default(),
        notes: row.get(13)?,
    })
}

/// Writes a row; its id.
pub fn insert(conn: &Connection, t: &Transfer, audit_seq: i64) -> Result<i64> {
    let refusals = serde_json::to_string(&t.refusals).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO transfers (package_hash, package_name, source, received_at, received_by, outcome, \
         records, files, bytes, classification, import_id, refusals, notes, audit_seq) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            t.package_hash,
            t.package_name,
            t.source,
            t.received_at,
            t.received_by,
            if t.accepted { "accepted" } else { "refused" },
            t.records,
            t.files,
            t.bytes,
            t.classification.code(),
            t.import_id,
            refusals,
            t.notes,
            audit_seq,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// `classification IN (…)` for the rows a sight takes in: a transfer is seen by those cleared to
/// the highest 密级 it held, so its counts tell no one of records above them.
fn seen(sight: Sight) -> (String, Vec<String>) {
    let visible: Vec<String> = sight
        .ceiling()
        .visible()
        .map(|c| c.code().to_string())
        .collect();
    let marks = vec!["?"; visible.len()].join(", ");
    (format!("classification IN ({marks})"), visible)
}

/// The accepted transfer of a package, whoever may see it: a package is received once.
pub fn accepted_by_hash(conn: &Connection, package_hash: &str) -> Result<Option<Transfer>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM transfers WHERE package_hash = ?1 AND outcome = 'accepted'"
            ),
            [package_hash],
            read,
        )
        .optional()?)
}

pub fn get(conn: &Connection, sight: Sight, id: i64) -> Result<Option<Transfer>> {
    let (term, mut values) = seen(sight);
    values.insert(0, id.to_string());
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM transfers WHERE id = CAST(?1 AS INTEGER) AND {term}"),
            params_from_iter(values),
            read,
        )
        .optional()?)
}

/// Every transfer the sight takes in, newest first.
pub fn list(conn: &Connection, sight: Sight) -> Result<Vec<Transfer>> {
    let (term, values) = seen(sight);
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM transfers WHERE {term} ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map(params_from_iter(values), read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The highest item of a group among the records that were there before an import: a transfer
/// continues the numbering without a gap.
pub fn last_item_before(conn: &Connection, group: &CodeGroup, import_id: i64) -> Result<u32> {
    let (term, mut values) = super::code_key::group_match(group);
    values.push(rusqlite::types::Value::Integer(import_id));
    let sql =
        format!("SELECT COALESCE(MAX(item), 0) FROM records WHERE {term} AND import_id IS NOT ?");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(values), |r| r.get(0))?)
}
