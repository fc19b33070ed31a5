//! Where records came from: each import is a row, each imported record points at it and at its line.

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use crate::domain::ArchivalCode;
use crate::error::Result;

/// A new import; `received` when it is a transfer package's list (the statistics count those
/// apart from imports).
pub fn begin(
    conn: &Connection,
    file_name: &str,
    encoding: &str,
    (at, by): (&str, &str),
    received: bool,
) -> Result<i64> {
    let via = if received { "receipt" } else { "import" };
    conn.execute(
        "INSERT INTO imports (file_name, encoding, records, imported_at, imported_by, via) \
         VALUES (?1, ?2, 0, ?3, ?4, ?5)",
        params![file_name, encoding, at, by, via],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn finish(conn: &Connection, import_id: i64, records: u64) -> Result<()> {
    conn.execute(
        "UPDATE imports SET records = ?1 WHERE id = ?2",
        params![records, import_id],
    )?;
    Ok(())
}

/// The import and line a record came from, if it was imported.
pub fn origin(conn: &Connection, code: &ArchivalCode) -> Result<Option<(i64, u64)>> {
    let (term, key) = super::records::code_match(code);
    let found: Option<(Option<i64>, Option<u64>)> = conn
        .prepare_cached(&format!(
            "SELECT import_id, import_line FROM records WHERE {term}"
        ))?
        .query_row(params_from_iter(key), |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(found.and_then(|(id, line)| id.zip(line)))
}

/// File name and time of an import, for "imported from … line N" in a record's view.
pub fn describe(conn: &Connection, import_id: i64) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT file_name, imported_at FROM imports WHERE id = ?1",
            [import_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}
