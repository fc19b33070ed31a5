//! Appraisals: what is due, the batches of decisions, and the columns a decision moves on.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::records::{COLUMNS, record_from_row, seen_as};
use crate::archive::sight::Sight;
use crate::domain::appraisal::{
    Appraisal, Decision, DueGroup, LegacyPeriods, OPENING_AGE, declassification_due, opening_due,
    retention_due,
};
use crate::domain::{
    AppraisalKind, AppraisalState, Classification, Openness, Record, Retention, Status, Verdict,
};
use crate::error::{Error, Result};

/// Which records are due, as of `year`, for one kind of review (records as `r`). Each branch of
/// the terms reads an index of its own (a period's records by year, a decision's review year):
/// a due list over a million records reads only what is due.
fn due_term(kind: AppraisalKind, year: i32, legacy: LegacyPeriods) -> (String, Vec<i64>) {
    let (secret, confidential) = (
        Classification::Secret.code(),
        Classification::Confidential.code(),
    );
    match kind {
        AppraisalKind::Retention => {
            let periods = [
                (Retention::TenYears, 10),
                (Retention::ThirtyYears, 30),
                (Retention::Long, legacy.long),
                (Retention::Short, legacy.short),
            ];
            let mut branches: Vec<String> = periods
                .iter()
                .map(|(r, _)| {
                    format!(
                        "(r.retention = '{}' AND r.year <= ? AND r.kept_until IS NULL)",
                        r.code()
                    )
                })
                .collect();
            branches.push("r.kept_until <= ?".into());
            let values = periods
                .iter()
                .map(|(_, n)| i64::from(year - 1 - n))
                .chain([i64::from(year)])
                .collect();
            (format!("({})", branches.join(" OR ")), values)
        }
        // A classified record is declassified before it is reviewed for opening.
        AppraisalKind::Opening => (
            format!(
                "+r.classification NOT IN ('{secret}', '{confidential}') AND \
                 ((r.openness IN ('{}', '{}') AND r.year <= ? AND r.closed_until IS NULL) \
                 OR (r.closed_until <= ? AND r.openness != '{}'))",
                Openness::Controlled.code(),
                Openness::Unreviewed.code(),
                Openness::Open.code(),
            ),
            vec![i64::from(year - OPENING_AGE), i64::from(year)],
        ),
        AppraisalKind::Declassification => (
            format!(
                "((r.classification = '{secret}' AND r.year <= ? AND r.secret_until IS NULL) \
                 OR (r.classification = '{confidential}' AND r.year <= ? AND r.secret_until IS NULL) \
                 OR (r.secret_until <= ? AND +r.classification IN ('{secret}', '{confidential}')))"
            ),
            vec![i64::from(year - 10), i64::from(year - 20), i64::from(year)],
        ),
    }
}

/// Records on an appraisal not yet decided or carried out: they wait for it, whatever its kind.
const PENDING: &str = "SELECT i.record_id FROM appraisal_items i JOIN appraisals a ON a.id = i.appraisal_id \
    WHERE a.state IN ('proposed', 'approved')";

/// What a due list covers.
pub struct DueQuery<'a> {
    pub kind: AppraisalKind,
    pub as_of: i32,
    pub legacy: LegacyPeriods,
    pub fonds: Option<&'a str>,
    pub year: Option<i32>,
}

/// The records due (pending ones too), within the sight. The sight's classification term is kept
/// from choosing the index (`+`): the due term's are narrower.
fn due_clause(query: &DueQuery, sight: Sight) -> (String, Vec<Value>) {
    let (seen, mut values) = seen_as(sight, "+r.");
    let (due, due_values) = due_term(query.kind, query.as_of, query.legacy);
    values.extend(due_values.into_iter().map(Value::Integer));
    let disposed = format!("r.status != '{}'", Status::Disposed.code());
    let mut terms = vec![seen, disposed, due];
    if let Some(fonds) = query.fonds {
        terms.push("r.fonds = ?".into());
        values.push(Value::Text(fonds.into()));
    }
    if let Some(year) = query.year {
        terms.push("r.year = ?".into());
        values.push(Value::Integer(year.into()));
    }
    (terms.join(" AND "), values)
}

fn groups(conn: &Connection, sql: &str, values: Vec<Value>) -> Result<Vec<DueGroup>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        Ok(DueGroup {
            fonds: r.get(0)?,
            year: r.get(1)?,
            records: r.get::<_, i64>(2)?.max(0) as u64,
            pages: r.get::<_, i64>(3)?.max(0) as u64,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many records are due in each fonds and year the sight takes in. Counted whole, then less
/// those waiting on an appraisal (a few, looked up by id): a check on every row would cost more.
pub fn due_groups(conn: &Connection, query: &DueQuery, sight: Sight) -> Result<Vec<DueGroup>> {
    let (clause, values) = due_clause(query, sight);
    let select = "SELECT r.fonds, r.year, COUNT(*), COALESCE(SUM(r.pages), 0) FROM records r";
    let order = "GROUP BY r.fonds, r.year ORDER BY r.fonds, r.year";
    let all = groups(
        conn,
        &format!("{select} WHERE {clause} {order}"),
        values.clone(),
    )?;
    let waiting = groups(
        conn,
        &format!("{select} WHERE r.id IN ({PENDING}) AND {clause} {order}"),
        values,
    )?;
    Ok(all
        .into_iter()
        .filter_map(|mut g| {
            if let Some(w) = waiting
                .iter()
                .find(|w| w.fonds == g.fonds && w.year == g.year)
            {
                g.records -= w.records.min(g.records);
                g.pages -= w.pages.min(g.pages);
            }
            (g.records > 0).then_some(g)
        })
        .collect())
}

/// The records due, in code order, each with the year it fell due; at most `limit`.
pub fn due_records(
    conn: &Connection,
    query: &DueQuery,
    sight: Sight,
    limit: u64,
) -> Result<Vec<(Record, i32)>> {
    let (clause, mut values) = due_clause(query, sight);
    values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    let columns = qualified(COLUMNS);
    let sql = format!(
        "SELECT {columns}, r.kept_until, r.closed_until, r.secret_until FROM records r WHERE {clause} \
         AND r.id NOT IN ({PENDING}) \
         ORDER BY r.fonds, r.category, r.year, r.retention, r.dept, r.catalogue, r.volume, r.item LIMIT ?"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |row| {
        let record = record_from_row(row)?;
        let due = due_year(query, &record, row)?;
        Ok((record, due))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `COLUMNS` with every column of `records r` qualified.
fn qualified(columns: &str) -> String {
    columns
        .split(',')
        .map(|c| format!("r.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

const EXTRA: usize = 28;

fn due_year(query: &DueQuery, record: &Record, row: &Row) -> rusqlite::Result<i32> {
    let year = i32::from(record.code.group.year);
    let due = match query.kind {
        AppraisalKind::Retention => {
            retention_due(record.retention(), year, row.get(EXTRA)?, query.legacy)
        }
        AppraisalKind::Opening => Some(opening_due(year, row.get(EXTRA + 1)?)),
        AppraisalKind::Declassification => {
            declassification_due(record.data.classification, year, row.get(EXTRA + 2)?)
        }
    };
    Ok(due.unwrap_or(query.as_of))
}

/// The appraisal not yet decided or carried out that a record is on, if any.
pub fn pending(conn: &Connection, record_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.id FROM appraisal_items i JOIN appraisals a ON a.id = i.appraisal_id \
             WHERE i.record_id = ?1 AND a.state IN ('proposed', 'approved')",
        )?
        .query_row([record_id], |r| r.get(0))
        .optional()?)
}

/// The record's retention expiry, opening and declassification review years as decisions left
/// them (NULL: reckoned from the record).
pub fn review_years(conn: &Connection, record_id: i64) -> Result<[Option<i32>; 3]> {
    Ok(conn
        .prepare_cached("SELECT kept_until, closed_until, secret_until FROM records WHERE id = ?1")?
        .query_row([record_id], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]))?)
}

pub fn insert(
    conn: &Connection,
    kind: AppraisalKind,
    note: &str,
    by: &str,
    at: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO appraisals (kind, state, note, proposed_by, proposed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![kind.code(), AppraisalState::Proposed.code(), note, by, at],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn add_item(conn: &Connection, appraisal: i64, record_id: i64, d: &Decision) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO appraisal_items (appraisal_id, record_id, verdict, period, until_year, new_class, reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        appraisal,
        record_id,
        d.verdict.code(),
        d.period.map(|p| p.code()),
        d.until,
        d.new_class.map(|c| c.code()),
        d.reason,
    ])?;
    Ok(())
}

const APPRAISAL_COLUMNS: &str = "a.id, a.kind, a.state, a.note, a.proposed_by, a.proposed_at, a.decided_by, \
    a.decided_at, a.decision_note, a.carried_out_by, a.carried_out_at, a.witness, \
    (SELECT COUNT(*) FROM appraisal_items i WHERE i.appraisal_id = a.id)";
/// How many columns `APPRAISAL_COLUMNS` names.
const APPRAISAL_WIDTH: usize = 13;

fn stored<T>(column: usize, text: String, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("stored value {text:?} is not valid").into(),
        )
    })
}

fn appraisal_from_row(r: &Row) -> rusqlite::Result<Appraisal> {
    Ok(Appraisal {
        id: r.get(0)?,
        kind: stored(1, r.get(1)?, AppraisalKind::parse)?,
        state: stored(2, r.get(2)?, AppraisalState::parse)?,
        note: r.get(3)?,
        proposed_by: r.get(4)?,
        proposed_at: r.get(5)?,
        decided_by: r.get(6)?,
        decided_at: r.get(7)?,
        decision_note: r.get(8)?,
        carried_out_by: r.get(9)?,
        carried_out_at: r.get(10)?,
        witness: r.get(11)?,
        records: r.get::<_, i64>(12)?.max(0) as u64,
    })
}

/// The records of an appraisal (`?1`), for the highest classification among them now.
const ITEM_IDS: &str = "SELECT r.id FROM appraisal_items i JOIN records r ON r.id = i.record_id WHERE i.appraisal_id = ?1";

/// An appraisal, with the highest classification among its records.
pub fn get(conn: &Connection, id: i64) -> Result<Option<(Appraisal, Classification)>> {
    let found = conn
        .query_row(
            &format!("SELECT {APPRAISAL_COLUMNS} FROM appraisals a WHERE a.id = ?1"),
            [id],
            appraisal_from_row,
        )
        .optional()?;
    match found {
        Some(appraisal) => {
            let highest = super::records::highest_class(conn, ITEM_IDS, id)?;
            Ok(Some((appraisal, highest)))
        }
        None => Ok(None),
    }
}

/// Every appraisal, newest first, each with the highest classification among its records.
pub fn list(conn: &Connection) -> Result<Vec<(Appraisal, Classification)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {APPRAISAL_COLUMNS} FROM appraisals a ORDER BY a.id DESC"
    ))?;
    let rows = stmt.query_map([], appraisal_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        let appraisal = row?;
        let highest = super::records::highest_class(conn, ITEM_IDS, appraisal.id)?;
        out.push((appraisal, highest));
    }
    Ok(out)
}

/// An appraisal's records in code order, with the decision on each.
pub fn items(conn: &Connection, id: i64) -> Result<Vec<(Record, Decision)>> {
    let columns = qualified(COLUMNS);
    let mut stmt = conn.prepare(&format!(
        "SELECT {columns}, {DECISION_COLUMNS} \
         FROM appraisal_items i JOIN records r ON r.id = i.record_id WHERE i.appraisal_id = ?1 \
         ORDER BY r.fonds, r.category, r.year, r.retention, r.dept, r.catalogue, r.volume, r.item"
    ))?;
    let rows = stmt.query_map([id], |row| {
        Ok((record_from_row(row)?, decision_from(row, EXTRA)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The decision columns (`verdict, period, until_year, new_class, reason`) from `at` on.
const DECISION_COLUMNS: &str = "i.verdict, i.period, i.until_year, i.new_class, i.reason";

fn decision_from(row: &Row, at: usize) -> rusqlite::Result<Decision> {
    Ok(Decision {
        verdict: stored(at, row.get(at)?, Verdict::parse)?,
        period: stored_or_none(row, at + 1, Retention::parse)?,
        until: row.get(at + 2)?,
        new_class: stored_or_none(row, at + 3, Classification::parse)?,
        reason: row.get(at + 4)?,
    })
}

fn stored_or_none<T>(
    row: &Row,
    column: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    row.get::<_, Option<String>>(column)?
        .map(|text| stored(column, text, parse))
        .transpose()
}

pub fn decide(
    conn: &Connection,
    id: i64,
    state: AppraisalState,
    by: &str,
    at: &str,
    note: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE appraisals SET state = ?2, decided_by = ?3, decided_at = ?4, decision_note = ?5 WHERE id = ?1",
        params![id, state.code(), by, at, note],
    )?;
    Ok(())
}

pub fn carried_out(
    conn: &Connection,
    id: i64,
    by: &str,
    at: &str,
    witness: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE appraisals SET state = ?2, carried_out_by = ?3, carried_out_at = ?4, witness = ?5 \
         WHERE id = ?1",
        params![id, AppraisalState::CarriedOut.code(), by, at, witness],
    )?;
    Ok(())
}

/// Sets one of the review years a decision moves on.
pub fn set_review_year(
    conn: &Connection,
    record_id: i64,
    kind: AppraisalKind,
    year: i32,
) -> Result<()> {
    let column = match kind {
        AppraisalKind::Retention => "kept_until",
        AppraisalKind::Opening => "closed_until",
        AppraisalKind::Declassification => "secret_until",
    };
    let changed = conn
        .prepare_cached(&format!("UPDATE records SET {column} = ?2 WHERE id = ?1"))?
        .execute(params![record_id, year])?;
    if changed != 1 {
        return Err(Error::Internal(format!("no record row {record_id}")));
    }
    Ok(())
}

/// The appraisals a record has been on, oldest first, each with the decision on it.
pub fn of_record(conn: &Connection, record_id: i64) -> Result<Vec<(Appraisal, Decision)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {APPRAISAL_COLUMNS}, {DECISION_COLUMNS} FROM appraisal_items i \
         JOIN appraisals a ON a.id = i.appraisal_id WHERE i.record_id = ?1 ORDER BY a.id"
    ))?;
    let rows = stmt.query_map([record_id], |row| {
        Ok((
            appraisal_from_row(row)?,
            decision_from(row, APPRAISAL_WIDTH)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
