//! The yearly statistics' queries: the kept holdings counts, and loans, objects and registers
//! counted within a sight. Every query takes the sight; nothing above it is counted.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::records::seen_as;
use super::volumes::volume_term;
use crate::archive::sight::Sight;
use crate::domain::stats::{HoldingRow, LoanRow};
use crate::error::Result;

/// A local year as the store's text sees it: `[start, end)` as UTC timestamps (records,
/// objects, registers) and its first and last day (loans).
pub struct YearBounds {
    pub start: String,
    pub end: String,
    pub first_day: String,
    pub last_day: String,
}

/// ` AND {column} = ?` with its value when a fonds is asked for.
fn fonds_term(fonds: Option<&str>, column: &str, values: &mut Vec<Value>) -> String {
    match fonds {
        Some(code) => {
            values.push(Value::Text(code.to_string()));
            format!(" AND {column} = ?")
        }
        None => String::new(),
    }
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    values: Vec<Value>,
    row: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params_from_iter(values), row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// The kept holdings counts the sight takes in.
pub fn holdings(conn: &Connection, sight: Sight, fonds: Option<&str>) -> Result<Vec<HoldingRow>> {
    let (visible, mut values) = seen_as(sight, "");
    let of_fonds = fonds_term(fonds, "fonds", &mut values);
    let sql = format!(
        "SELECT fonds, year, category, retention, carrier, classification, openness, in_volume, \
         added, via, gone, n, pages FROM holdings WHERE n > 0 AND {visible}{of_fonds}"
    );
    collect(conn, &sql, values, |r| {
        Ok(HoldingRow {
            fonds: r.get(0)?,
            year: r.get(1)?,
            category: r.get(2)?,
            retention: r.get(3)?,
            carrier: r.get(4)?,
            classification: r.get(5)?,
            openness: r.get(6)?,
            in_volume: r.get(7)?,
            added: r.get(8)?,
            via: r.get(9)?,
            gone: r.get(10)?,
            n: count(r.get(11)?),
            pages: count(r.get(12)?),
        })
    })
}

/// Volumes made before the year's end, by fonds.
pub fn volumes(
    conn: &Connection,
    sight: Sight,
    fonds: Option<&str>,
    year: &YearBounds,
) -> Result<Vec<(String, u64)>> {
    let (visible, mut values) = volume_term(sight);
    values.push(Value::Text(year.end.clone()));
    let of_fonds = fonds_term(fonds, "v.fonds", &mut values);
    let sql = format!(
        "SELECT v.fonds, COUNT(*) FROM volumes v WHERE {visible} AND v.created_at < ?{of_fonds} \
         GROUP BY v.fonds"
    );
    collect(conn, &sql, values, |r| Ok((r.get(0)?, count(r.get(1)?))))
}

/// Every fonds' code and name.
pub fn fonds_names(conn: &Connection) -> Result<Vec<(String, String)>> {
    collect(conn, "SELECT code, name FROM fonds", Vec::new(), |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// `loans l CROSS JOIN records r` (the loans of the year first, then each one's record: left to
/// the planner, it walks a million records by classification to find them) limited to the sight
/// and the fonds, with the values so far; the loans alone where the sight sees every record.
fn loans_seen(sight: Sight, fonds: Option<&str>, values: &mut Vec<Value>) -> String {
    if sight.sees_all() && fonds.is_none() {
        return "loans l WHERE true".into();
    }
    let (visible, seen) = seen_as(sight, "r.");
    values.extend(seen);
    let of_fonds = fonds_term(fonds, "r.fonds", values);
    format!("loans l CROSS JOIN records r ON r.id = l.record_id WHERE {visible}{of_fonds}")
}

/// Every loan made in the year (lent, returned or lost; not requests) that the sight sees, in
/// one pass: whether it ran over its due date (returned late, or still out past it on `today`).
pub fn loans(
    conn: &Connection,
    sight: Sight,
    fonds: Option<&str>,
    year: &YearBounds,
    today: &str,
) -> Result<Vec<LoanRow>> {
    let mut values = vec![Value::Text(today.to_string())];
    let from = loans_seen(sight, fonds, &mut values);
    values.extend([year.first_day.clone(), year.last_day.clone()].map(Value::Text));
    // The `?` of today comes first in the text, as in the values.
    let sql = format!(
        "SELECT l.purpose, l.kind, l.unit, l.out_on, l.borrower, l.borrower_id, \
         l.returned_on > l.due_on OR (l.state = 'out' AND l.due_on < ?) FROM {from} \
         AND l.state IN ('out', 'returned', 'lost') AND l.out_on BETWEEN ? AND ?"
    );
    collect(conn, &sql, values, |r| {
        Ok(LoanRow {
            purpose: r.get(0)?,
            kind: r.get(1)?,
            unit: r.get(2)?,
            out_on: r.get(3)?,
            borrower: (r.get(4)?, r.get(5)?),
            overdue: r.get::<_, Option<bool>>(6)?.unwrap_or(false),
        })
    })
}

/// Loans marked lost in the year.
pub fn lost(
    conn: &Connection,
    sight: Sight,
    fonds: Option<&str>,
    year: &YearBounds,
) -> Result<u64> {
    let mut values = Vec::new();
    let from = loans_seen(sight, fonds, &mut values);
    values.extend([year.first_day.clone(), year.last_day.clone()].map(Value::Text));
    let sql =
        format!("SELECT COUNT(*) FROM {from} AND l.state = 'lost' AND l.lost_on BETWEEN ? AND ?");
    let n = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(values), |r| r.get(0))?;
    Ok(count(n))
}

/// Objects held at the year's end: (objects, records with one, the pages those records
/// declare, bytes, objects attached in the year, their bytes).
pub fn objects(
    conn: &Connection,
    sight: Sight,
    fonds: Option<&str>,
    year: &YearBounds,
) -> Result<[u64; 6]> {
    let (visible, seen) = seen_as(sight, "r.");
    let mut values = vec![
        Value::Text(year.start.clone()),
        Value::Text(year.start.clone()),
    ];
    values.extend(seen);
    let of_fonds = fonds_term(fonds, "r.fonds", &mut values);
    values.extend([year.end.clone(), year.end.clone()].map(Value::Text));
    let held = "o.attached_at < ? AND (o.removed_at IS NULL OR o.removed_at >= ?)";
    let sql = format!(
        "SELECT COUNT(*), COUNT(DISTINCT o.record_id), COALESCE(SUM(o.size), 0), \
         SUM(o.attached_at >= ?), COALESCE(SUM(CASE WHEN o.attached_at >= ? THEN o.size END), 0) \
         FROM objects o CROSS JOIN records r ON r.id = o.record_id \
         WHERE {visible}{of_fonds} AND {held}"
    );
    let (objects, records, bytes, added, added_bytes): (i64, i64, i64, Option<i64>, i64) = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(values.clone()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    let pages_sql = format!(
        "SELECT COALESCE(SUM(r.pages), 0) FROM records r WHERE r.id IN \
         (SELECT o.record_id FROM objects o CROSS JOIN records r ON r.id = o.record_id \
          WHERE {visible}{of_fonds} AND {held})"
    );
    let pages: i64 = conn
        .prepare_cached(&pages_sql)?
        .query_row(params_from_iter(values.into_iter().skip(2)), |r| r.get(0))?;
    Ok([
        count(objects),
        count(records),
        count(pages),
        count(bytes),
        count(added.unwrap_or(0)),
        count(added_bytes),
    ])
}

/// Every register's scope, when it was imported and when (if ever) certified.
pub fn registers(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>> {
    let sql = "SELECT scope, imported_at, certified_at FROM registers";
    collect(conn, sql, Vec::new(), |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
}

/// Records on the lines of registers certified before the year's end, still held then, by
/// fonds.
pub fn certified_records(
    conn: &Connection,
    sight: Sight,
    fonds: Option<&str>,
    year: &YearBounds,
) -> Result<Vec<(String, u64)>> {
    let (visible, mut values) = seen_as(sight, "r.");
    let of_fonds = fonds_term(fonds, "r.fonds", &mut values);
    values.extend([year.end.clone(), year.end.clone(), year.end.clone()].map(Value::Text));
    let sql = format!(
        "SELECT r.fonds, COUNT(DISTINCT r.id) FROM registers g \
         CROSS JOIN register_lines l ON l.register_id = g.id \
         CROSS JOIN records r ON r.id = l.record_id \
         WHERE {visible}{of_fonds} AND g.certified_at < ? AND r.created_at < ? \
         AND (r.status != 'disposed' OR r.updated_at >= ?) GROUP BY r.fonds"
    );
    collect(conn, &sql, values, |r| Ok((r.get(0)?, count(r.get(1)?))))
}
