//! What smart description reads: the described records a learner learns from, the records a new
//! one may repeat, and the records related to one.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::records::{COLUMNS, clearance_term, record_from_row};
use crate::archive::sight::Sight;
use crate::domain::register::normal;
use crate::domain::suggest::{Described, Example, Learner};
use crate::domain::{Classification, Record, RecordData, Retention};
use crate::error::Result;

/// Migration 18: finding a record's look-alikes and relations without reading the catalogue: by
/// fonds and day (with the 文号, so that a day's numbered records are passed over in the index),
/// by fonds and 文号, and by 责任者 and date (to take the nearest first). The fonds leads, as
/// look-alikes are sought within one: a day's records of every fonds would each be read.
pub(super) const V18_LOOK_ALIKES: &str = "
CREATE INDEX records_date ON records(fonds, date_sort, doc_no);
CREATE INDEX records_doc_no ON records(fonds, doc_no) WHERE doc_no <> '';
CREATE INDEX records_responsible ON records(responsible, date_sort);
";

/// Teaches `learner` every record `sight` takes in: their keywords first, then each record.
/// `progress` hears how many records were learned so far, now and then.
pub fn learn(
    conn: &Connection,
    sight: Sight,
    learner: &mut Learner,
    progress: &mut dyn FnMut(u64),
) -> Result<()> {
    let (seen, values) = clearance_term(sight);
    let mut stmt = conn.prepare(&format!(
        "SELECT keywords FROM records NOT INDEXED WHERE keywords <> '' AND {seen}"
    ))?;
    let mut rows = stmt.query(params_from_iter(values.iter()))?;
    while let Some(row) = rows.next()? {
        learner.note_keywords(row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT fonds, title, responsible, doc_no, dept, retention, classification, keywords \
         FROM records NOT INDEXED WHERE {seen}"
    ))?;
    let mut rows = stmt.query(params_from_iter(values.iter()))?;
    let mut learned = 0u64;
    while let Some(row) = rows.next()? {
        let text = |at: usize| -> Result<&str> {
            Ok(row.get_ref(at)?.as_str().map_err(rusqlite::Error::from)?)
        };
        // A value this build does not know is not learned from, nor fails the whole learner.
        let (Some(retention), Some(classification)) = (
            Retention::from_code_part(text(5)?),
            Classification::parse(text(6)?),
        ) else {
            continue;
        };
        learner.learn(&Example {
            described: Described {
                fonds: text(0)?,
                title: text(1)?,
                responsible: text(2)?,
                doc_no: text(3)?,
            },
            dept: text(4)?,
            retention,
            classification,
            keywords: text(7)?,
        });
        learned += 1;
        if learned.is_multiple_of(50_000) {
            progress(learned);
        }
    }
    progress(learned);
    Ok(())
}

/// A record that may be the same as a new one: its row and what is compared.
pub struct Candidate {
    pub id: i64,
    /// Title, 责任者, 文号 and date; the rest left as default.
    pub data: RecordData,
}

fn candidate_from_row(row: &rusqlite::Row) -> rusqlite::Result<Candidate> {
    let date = row
        .get::<_, Option<String>>(4)?
        .and_then(|text| text.parse().ok());
    Ok(Candidate {
        id: row.get(0)?,
        data: RecordData {
            title: row.get(1)?,
            responsible: row.get(2)?,
            doc_no: row.get(3)?,
            date,
            ..RecordData::default()
        },
    })
}

/// The records of `fonds` `sight` takes in, but `except`, read no further than what is compared
/// (an import asks for every row), by `term` through `index` (named: left to guess, the planner
/// may walk a whole class of records); at most `limit`.
fn candidates(
    conn: &Connection,
    sight: Sight,
    (fonds, except): (&str, Option<i64>),
    (index, term, these): (&str, &str, Vec<Value>),
    limit: usize,
) -> Result<Vec<Candidate>> {
    let (seen, mut values) = clearance_term(sight);
    values.push(Value::Text(fonds.into()));
    values.extend(these);
    values.push(Value::Integer(except.unwrap_or(0)));
    values.push(Value::Integer(limit as i64));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, title, responsible, doc_no, date FROM records INDEXED BY {index} \
         WHERE {seen} AND fonds = ? AND {term} AND id <> ? LIMIT ?"
    ))?;
    let rows = stmt.query_map(params_from_iter(values), candidate_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The 文号 as typed, as it folds (`〔２０１９〕` is `〔2019〕`) and with its digits full-width
/// (as a clerk typing in a Chinese input method stores them): a stored one is one of these.
fn number_values(doc_no: &str) -> Vec<Value> {
    let number = doc_no.trim();
    let folded = normal(number);
    let wide: String = folded
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0xFF10 + d).unwrap_or(c),
            _ => c,
        })
        .collect();
    vec![number.to_string().into(), folded.into(), wide.into()]
}

/// Up to `limit` records of `fonds` with the 文号 `doc_no` (`except` the record itself).
pub fn by_number(
    conn: &Connection,
    sight: Sight,
    (fonds, except): (&str, Option<i64>),
    doc_no: &str,
    limit: usize,
) -> Result<Vec<Candidate>> {
    // The partial index holds only records with a 文号: the query says so to use it.
    let term = "doc_no IN (?, ?, ?) AND doc_no <> ''";
    let look = ("records_doc_no", term, number_values(doc_no));
    candidates(conn, sight, (fonds, except), look, limit)
}

/// The records of `fonds` of the day `day` (a `YYYYMMDD` key); with a 文号 that tells documents
/// apart, only those with none or that one (another number is another document); at most `limit`.
pub fn by_day(
    conn: &Connection,
    sight: Sight,
    (fonds, except): (&str, Option<i64>),
    (day, doc_no): (u32, Option<&str>),
    limit: usize,
) -> Result<Vec<Candidate>> {
    let look = match doc_no {
        None => ("records_date", "date_sort = ?", vec![day.into()]),
        Some(number) => {
            let mut these = vec![Value::from(day)];
            these.extend(number_values(number));
            (
                "records_date",
                "date_sort = ? AND doc_no IN ('', ?, ?, ?)",
                these,
            )
        }
    };
    candidates(conn, sight, (fonds, except), look, limit)
}

/// Up to `limit` records `sight` takes in by the same 责任者 as a record, nearest in date first.
pub fn by_responsible(
    conn: &Connection,
    sight: Sight,
    record: &Record,
    limit: usize,
) -> Result<Vec<Record>> {
    let day = record.data.date.map_or(0, |d| d.sort_key());
    let (seen, values) = clearance_term(sight);
    let mut found: Vec<Record> = Vec::new();
    for (compare, order) in [("<=", "DESC"), (">", "ASC")] {
        let mut values = values.clone();
        values.extend([
            Value::Text(record.data.responsible.clone()),
            Value::Integer(day.into()),
            Value::Integer(record.id),
            Value::Integer(limit as i64),
        ]);
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM records INDEXED BY records_responsible \
             WHERE {seen} AND responsible = ? AND date_sort {compare} ? AND id <> ? \
             ORDER BY date_sort {order} LIMIT ?"
        ))?;
        let rows = stmt.query_map(params_from_iter(values), record_from_row)?;
        for row in rows {
            found.push(row?);
        }
    }
    found.sort_by_key(|r| r.data.date.map_or(0, |d| d.sort_key()).abs_diff(day));
    found.truncate(limit);
    Ok(found)
}

/// Up to `limit` records of the record's fonds `sight` takes in whose 文号 starts as `prefix`
/// does (the same series and year), nearest in number first.
pub fn by_doc_series(
    conn: &Connection,
    sight: Sight,
    record: &Record,
    prefix: &str,
    limit: usize,
) -> Result<Vec<Record>> {
    let (seen, mut values) = clearance_term(sight);
    // The range of texts that start with `prefix`: the index finds them, LIKE would not.
    let end = format!("{prefix}\u{10FFFF}");
    values.extend([
        Value::Text(record.code.group.fonds.clone()),
        Value::Text(prefix.into()),
        Value::Text(end),
        Value::Integer(record.id),
    ]);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM records INDEXED BY records_doc_no WHERE {seen} AND fonds = ? \
         AND doc_no >= ? AND doc_no < ? AND doc_no <> '' AND id <> ? LIMIT 500"
    ))?;
    let rows = stmt.query_map(params_from_iter(values), record_from_row)?;
    let number = |r: &Record| -> i64 {
        let digits: String = r
            .data
            .doc_no
            .strip_prefix(prefix)
            .unwrap_or(&r.data.doc_no)
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap_or(i64::MAX / 2)
    };
    let own = number(record);
    let mut found = rows.collect::<rusqlite::Result<Vec<Record>>>()?;
    found.sort_by_key(|r| number(r).abs_diff(own));
    found.truncate(limit);
    Ok(found)
}
