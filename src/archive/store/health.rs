//! SQLite's own checks of the database file, and a sample of records to compare with the index.

use rusqlite::Connection;

use crate::error::Result;

/// `PRAGMA integrity_check`: empty when the file is sound, else SQLite's findings.
pub fn integrity(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let found: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(found.into_iter().filter(|line| line != "ok").collect())
}

/// `PRAGMA foreign_key_check`: each row (table, rowid, the table it points into) that points at
/// a row that is not there.
pub fn foreign_keys(conn: &Connection) -> Result<Vec<(String, i64, String)>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
            r.get::<_, String>(2)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids of up to `n` records spread evenly over the whole archive.
pub fn sample(conn: &Connection, n: u64) -> Result<Vec<i64>> {
    let total = record_total(conn)?;
    let step = (total / n.max(1)).max(1) as i64;
    let mut stmt = conn.prepare("SELECT id FROM records WHERE id % ?1 = 0 ORDER BY id LIMIT ?2")?;
    let rows = stmt.query_map(rusqlite::params![step, n as i64], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many records the archive holds, of every classification.
pub fn record_total(conn: &Connection) -> Result<u64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM records", [], |r| r.get::<_, i64>(0))? as u64)
}

/// What the kept holdings counts are keyed by (migration 17).
const HOLDINGS_KEY: &str = "fonds, year, category, retention, carrier, classification, openness, \
    in_volume, added, via, gone";

/// Groups of the statistics' kept holdings counts that disagree with the records counted afresh
/// (a row changed behind the program's back, with its triggers dropped).
pub fn holdings_drift(conn: &Connection) -> Result<u64> {
    // Each side counted once (a million records are a few seconds' grouping); a group counted
    // differently is on both sides of the difference, and counted once.
    let sql = format!(
        "WITH kept AS MATERIALIZED \
         (SELECT {HOLDINGS_KEY}, n, pages FROM holdings WHERE n != 0), \
         fresh AS MATERIALIZED (SELECT {HOLDINGS_KEY}, COUNT(*) AS n, SUM(pages) AS pages \
         FROM holdings_keys GROUP BY {HOLDINGS_KEY}) \
         SELECT COUNT(*) FROM (SELECT {HOLDINGS_KEY} FROM \
         (SELECT * FROM kept EXCEPT SELECT * FROM fresh) \
         UNION SELECT {HOLDINGS_KEY} FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept))"
    );
    Ok(conn.query_row(&sql, [], |r| r.get::<_, i64>(0))? as u64)
}

/// The kept holdings counts made again from the records.
pub fn recount_holdings(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM holdings", [])?;
    conn.execute(
        &format!(
            "INSERT INTO holdings SELECT {HOLDINGS_KEY}, COUNT(*), SUM(pages) FROM holdings_keys \
             WHERE true GROUP BY {HOLDINGS_KEY}"
        ),
        [],
    )?;
    Ok(())
}
