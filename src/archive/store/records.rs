//! Record rows, their revisions, and the queries over them.

use std::collections::BTreeMap;

use rusqlite::types::{Type, Value};
use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, ToSql, params, params_from_iter};

pub(super) use super::code_key::{code_match, code_tuple, group_match};
use crate::archive::sight::Sight;
use crate::domain::volume::VolumeNo;
use crate::domain::{ArchivalCode, CodeGroup, Field, Record, RecordData, Retention, Status};
use crate::domain::{Carrier, Classification, Openness, RecordQuery, Revision};
use crate::error::{Error, Result};

pub(super) const COLUMNS: &str = "id, fonds, year, retention, dept, item, title, responsible, doc_no, date, \
    classification, carrier, pages, location, keywords, notes, status, version, created_at, created_by, \
    updated_at, updated_by, import_id, import_line, category, catalogue, volume, openness";
pub(super) const CODE_ORDER: &str =
    "fonds, category, year, retention, dept, catalogue, volume, item";
/// A stored record's 档号 as text, as `ArchivalCode` prints it (for queries that join records as
/// `r`). A macro, so that queries can `concat!` it.
macro_rules! code_text {
    () => {
        "r.fonds || '-' || CASE WHEN r.volume > 0 THEN r.catalogue || '-' || printf('%03d', r.volume) \
         ELSE CASE WHEN r.category = '' THEN '' ELSE r.category || '·' END || \
         r.year || '-' || r.retention || CASE WHEN r.dept = '' THEN '' ELSE '-' || r.dept END END || \
         '-' || printf('%04d', r.item)"
    };
}
pub(super) use code_text;

/// What a sight takes in of a table's rows, with its values: `classification IN (…)`, and for a
/// public account `openness = 'open'`. `alias` qualifies the columns (`"r."` in a join, `""`
/// alone); the table must have both columns (records, record_counts).
pub(in crate::archive) fn seen_as(sight: Sight, alias: &str) -> (String, Vec<Value>) {
    let (mut term, values) = class_term(sight, &format!("{alias}classification"));
    if sight.open_only() {
        term = format!("{term} AND {alias}openness = '{}'", Openness::Open.code());
    }
    (term, values)
}

/// What a sight takes in of the records, their columns unqualified.
pub(in crate::archive) fn clearance_term(sight: Sight) -> (String, Vec<Value>) {
    seen_as(sight, "")
}

/// `column IN (…)` for the classifications a sight takes in, with their values: for what has a
/// classification but no openness of its own (a volume, a register line's stated class).
pub(in crate::archive) fn class_term(sight: Sight, column: &str) -> (String, Vec<Value>) {
    let visible: Vec<Value> = sight
        .ceiling()
        .visible()
        .map(|c| Value::Text(c.code().into()))
        .collect();
    let marks = vec!["?"; visible.len()].join(", ");
    (format!("{column} IN ({marks})"), visible)
}

/// The WHERE clause of a query as a sight takes it in.
pub(super) fn where_clause(query: &RecordQuery, sight: Sight) -> (String, Vec<Value>) {
    let (clearance, mut values) = clearance_term(sight);
    let mut terms = vec![clearance.as_str()];
    if let Some(fonds) = &query.fonds {
        terms.push("fonds = ?");
        values.push(Value::Text(fonds.clone()));
    }
    if let Some(year) = query.year {
        terms.push("year = ?");
        values.push(Value::Integer(year.into()));
    }
    if let Some(status) = query.status {
        terms.push("status = ?");
        values.push(Value::Text(status.code().into()));
    }
    if let Some(volume) = &query.volume {
        terms.push("catalogue = ? AND volume = ? AND volume > 0");
        values.push(Value::Text(volume.catalogue.clone()));
        values.push(Value::Integer(volume.number.into()));
    }
    (format!("WHERE {}", terms.join(" AND ")), values)
}

fn bad_value(column: usize, what: &str, found: &str) -> rusqlite::Error {
    let message = format!("stored {what} {found:?} is not valid");
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, message.into())
}

fn vocab<T>(
    row: &Row,
    column: usize,
    what: &str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).ok_or_else(|| bad_value(column, what, &text))
}

pub(super) fn record_from_row(row: &Row) -> rusqlite::Result<Record> {
    let retention = vocab(row, 3, "retention", Retention::from_code_part)?;
    let volume: u32 = row.get(26)?;
    let group = CodeGroup {
        fonds: row.get(1)?,
        category: row.get(24)?,
        year: row.get(2)?,
        retention,
        dept: row.get(4)?,
        volume: (volume > 0)
            .then(|| {
                row.get(25).map(|catalogue| VolumeNo {
                    catalogue,
                    number: volume,
                })
            })
            .transpose()?,
    };
    let date = match row.get::<_, Option<String>>(9)? {
        Some(text) => Some(text.parse().map_err(|_| bad_value(9, "date", &text))?),
        None => None,
    };
    let data = RecordData {
        title: row.get(6)?,
        responsible: row.get(7)?,
        doc_no: row.get(8)?,
        date,
        classification: vocab(row, 10, "classification", Classification::parse)?,
        carrier: vocab(row, 11, "carrier", Carrier::parse)?,
        pages: row.get(12)?,
        location: row.get(13)?,
        keywords: row.get(14)?,
        notes: row.get(15)?,
        status: vocab(row, 16, "status", Status::parse)?,
        openness: vocab(row, 27, "openness", Openness::parse)?,
    };
    Ok(Record {
        id: row.get(0)?,
        code: group.with_item(row.get(5)?),
        data,
        version: row.get(17)?,
        created_at: row.get(18)?,
        created_by: row.get(19)?,
        updated_at: row.get(20)?,
        updated_by: row.get(21)?,
        imported: row
            .get::<_, Option<i64>>(22)?
            .zip(row.get::<_, Option<u64>>(23)?),
    })
}

type DateColumns = (Option<String>, Option<u32>);

/// The date as stored: canonical text, and the YYYYMMDD key that sorts and filters.
fn date_columns(data: &RecordData) -> DateColumns {
    (
        data.date.map(|d| d.to_string()),
        data.date.map(|d| d.sort_key()),
    )
}

/// The thirteen descriptive columns, in the order both INSERT and UPDATE name them.
fn data_params<'a>(
    data: &'a RecordData,
    date: &'a Option<String>,
    date_sort: &'a Option<u32>,
) -> [&'a dyn ToSql; 13] {
    [
        &data.title,
        &data.responsible,
        &data.doc_no,
        date,
        date_sort,
        data.classification.code_ref(),
        data.carrier.code_ref(),
        &data.pages,
        &data.location,
        &data.keywords,
        &data.notes,
        data.status.code_ref(),
        data.openness.code_ref(),
    ]
}

/// Who made a new record, when, and (for an import) from which import and line.
pub struct Origin<'a> {
    pub at: &'a str,
    pub by: &'a str,
    pub import: Option<(i64, u64)>,
    /// The audit entry of the change that adds the record, when it is known before the row is
    /// written (an import reserves it); else `audit::mark` ties them after the entry is written.
    pub audit_seq: Option<i64>,
}

/// Inserts a new record; `None` when its archival code is already taken.
pub fn insert(
    conn: &Connection,
    code: &ArchivalCode,
    data: &RecordData,
    origin: &Origin,
) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO records (fonds, year, retention, dept, item, title, responsible, doc_no, date, date_sort, \
         classification, carrier, pages, location, keywords, notes, status, version, created_at, created_by, \
         updated_at, updated_by, import_id, import_line, audit_seq, category, catalogue, volume, openness) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 1, ?18, ?19, ?18, ?19, \
         ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
    )?;
    let g = &code.group;
    let retention = g.retention.code();
    let (date, date_sort) = date_columns(data);
    let [d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12, d13] =
        data_params(data, &date, &date_sort);
    let (import_id, import_line) = (
        origin.import.map(|(id, _)| id),
        origin.import.map(|(_, line)| line),
    );
    let (catalogue, volume) = g
        .volume
        .as_ref()
        .map_or(("", 0), |v| (v.catalogue.as_str(), v.number));
    let values: [&dyn ToSql; 26] = [
        &g.fonds,
        &g.year,
        &retention,
        &g.dept,
        &code.item,
        d1,
        d2,
        d3,
        d4,
        d5,
        d6,
        d7,
        d8,
        d9,
        d10,
        d11,
        d12,
        &origin.at,
        &origin.by,
        &import_id,
        &import_line,
        &origin.audit_seq,
        &g.category,
        &catalogue,
        &volume,
        d13,
    ];
    let result = stmt.execute(&values[..]);
    match result {
        Ok(_) => Ok(Some(conn.last_insert_rowid())),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == ErrorCode::ConstraintViolation
                && e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// The record with this code, if the sight takes it in.
pub fn by_code(conn: &Connection, code: &ArchivalCode, sight: Sight) -> Result<Option<Record>> {
    let (visible, mut values) = clearance_term(sight);
    let (code_term, mut key) = code_match(code);
    let sql = format!("SELECT {COLUMNS} FROM records WHERE {code_term} AND {visible}");
    key.append(&mut values);
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(key), record_from_row)
        .optional()?)
}

/// A record by its row id, if the sight takes it in.
pub fn by_id(conn: &Connection, id: i64, sight: Sight) -> Result<Option<Record>> {
    let sql = format!("SELECT {COLUMNS} FROM records WHERE id = ?1");
    let record = conn
        .prepare_cached(&sql)?
        .query_row([id], record_from_row)
        .optional()?;
    Ok(record.filter(|r| sight.takes_in(&r.data)))
}

/// How many records one import brought.
pub fn import_size(conn: &Connection, import_id: i64) -> Result<u64> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) FROM records WHERE import_id = ?1")?
        .query_row([import_id], |r| r.get(0))?)
}

/// Every record of one import.
pub fn for_each_of_import(
    conn: &Connection,
    import_id: i64,
    mut visit: impl FnMut(Record) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM records WHERE import_id = ?1"
    ))?;
    let mut rows = stmt.query([import_id])?;
    while let Some(row) = rows.next()? {
        visit(record_from_row(row)?)?;
    }
    Ok(())
}

/// The item number the next record of a group gets: one past the highest used.
pub fn next_item(conn: &Connection, group: &CodeGroup) -> Result<u32> {
    let (term, values) = group_match(group);
    let sql = format!("SELECT COALESCE(MAX(item), 0) + 1 FROM records WHERE {term}");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(values), |r| r.get(0))?)
}

pub fn count(conn: &Connection, filter: &RecordQuery, sight: Sight) -> Result<u64> {
    if filter.status.is_none() && filter.volume.is_none() {
        // Fonds, year and clearance alone: the kept counts answer without a scan.
        let (visible, mut values) = clearance_term(sight);
        let mut terms = vec![visible];
        if let Some(fonds) = &filter.fonds {
            terms.push("fonds = ?".into());
            values.push(Value::Text(fonds.clone()));
        }
        if let Some(year) = filter.year {
            terms.push("year = ?".into());
            values.push(Value::Integer(year.into()));
        }
        let sql = format!(
            "SELECT COALESCE(SUM(n), 0) FROM record_counts WHERE {}",
            terms.join(" AND ")
        );
        return Ok(conn.query_row(&sql, params_from_iter(values), |r| r.get(0))?);
    }
    let (clause, values) = where_clause(filter, sight);
    let sql = format!("SELECT COUNT(*) FROM records {clause}");
    Ok(conn.query_row(&sql, params_from_iter(values), |r| r.get(0))?)
}

/// The highest classification among the records whose ids `ids` (a query with one parameter)
/// yields; 公开 when it yields none.
pub fn highest_class(conn: &Connection, ids: &str, parameter: i64) -> Result<Classification> {
    let sql = format!("SELECT DISTINCT classification FROM records WHERE id IN ({ids})");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([parameter], |row| row.get::<_, String>(0))?;
    let mut highest = Classification::Public;
    for code in rows {
        if let Some(class) = Classification::parse(&code?) {
            highest = highest.max(class);
        }
    }
    Ok(highest)
}

/// The highest classification among a fonds' records, from the kept counts.
pub fn highest_in_fonds(conn: &Connection, fonds: &str) -> Result<Classification> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT classification FROM record_counts WHERE fonds = ?1 AND n > 0",
    )?;
    let rows = stmt.query_map([fonds], |row| row.get::<_, String>(0))?;
    let mut highest = Classification::Public;
    for code in rows {
        if let Some(class) = Classification::parse(&code?) {
            highest = highest.max(class);
        }
    }
    Ok(highest)
}

/// Adds an import's records to the kept counts, in one pass rather than one trigger per row.
pub fn count_import(conn: &Connection, import_id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO record_counts (fonds, year, classification, openness, n) \
         SELECT fonds, year, classification, openness, COUNT(*) FROM records WHERE import_id = ?1 \
         GROUP BY fonds, year, classification, openness \
         ON CONFLICT (fonds, year, classification, openness) DO UPDATE SET n = n + excluded.n",
        [import_id],
    )?;
    conn.execute(
        "INSERT INTO holdings SELECT fonds, year, category, retention, carrier, classification, \
         openness, in_volume, added, via, gone, COUNT(*), SUM(pages) FROM holdings_keys \
         WHERE import_id = ?1 GROUP BY fonds, year, category, retention, carrier, classification, \
         openness, in_volume, added, via, gone \
         ON CONFLICT DO UPDATE SET n = holdings.n + excluded.n, pages = holdings.pages + excluded.pages",
        [import_id],
    )?;
    Ok(())
}

/// One page of records in archival-code order.
pub fn page(
    conn: &Connection,
    filter: &RecordQuery,
    sight: Sight,
    limit: u64,
    offset: u64,
) -> Result<Vec<Record>> {
    let (clause, mut values) = where_clause(filter, sight);
    let sql =
        format!("SELECT {COLUMNS} FROM records {clause} ORDER BY {CODE_ORDER} LIMIT ? OFFSET ?");
    values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    values.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), record_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Streams every record of the filter in archival-code order, without holding them all in memory.
pub fn for_each(
    conn: &Connection,
    filter: &RecordQuery,
    sight: Sight,
    mut visit: impl FnMut(Record) -> Result<()>,
) -> Result<()> {
    let (clause, values) = where_clause(filter, sight);
    let sql = format!("SELECT {COLUMNS} FROM records {clause} ORDER BY {CODE_ORDER}");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(row) = rows.next()? {
        visit(record_from_row(row)?)?;
    }
    Ok(())
}

fn data_to_json(data: &RecordData) -> String {
    let map: BTreeMap<&str, String> = Field::ALL.iter().map(|&f| (f.key(), data.get(f))).collect();
    serde_json::Value::from_iter(
        map.into_iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v))),
    )
    .to_string()
}

fn data_from_json(text: &str) -> Result<RecordData> {
    let map: BTreeMap<String, String> = serde_json::from_str(text)
        .map_err(|e| Error::Internal(format!("stored revision is not readable: {e}")))?;
    let mut data = RecordData::default();
    for field in Field::ALL {
        if let Some(value) = map.get(field.key()) {
            data.set(field, value)
                .map_err(|e| Error::Internal(format!("stored revision, {}: {e}", field.key())))?;
        }
    }
    Ok(data)
}

/// Replaces a record's description, keeping the old one as a revision. Fails if the record changed
/// since `current` was read (another session saved first), rather than overwrite that change.
pub fn update(
    conn: &Connection,
    current: &Record,
    data: &RecordData,
    at: &str,
    by: &str,
) -> Result<u32> {
    let (date, date_sort) = date_columns(data);
    let mut values: Vec<&dyn ToSql> = data_params(data, &date, &date_sort).to_vec();
    values.extend::<[&dyn ToSql; 4]>([&at, &by, &current.id, &current.version]);
    // The replaced version keeps the audit entry that made it; the caller marks the new one.
    conn.execute(
        "INSERT INTO record_revisions (record_id, version, data, replaced_at, replaced_by, audit_seq) \
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT audit_seq FROM records WHERE id = ?1))",
        params![current.id, current.version, data_to_json(&current.data), at, by],
    )?;
    let changed = conn.execute(
        "UPDATE records SET title = ?1, responsible = ?2, doc_no = ?3, date = ?4, date_sort = ?5, \
         classification = ?6, carrier = ?7, pages = ?8, location = ?9, keywords = ?10, notes = ?11, status = ?12, \
         openness = ?13, version = version + 1, updated_at = ?14, updated_by = ?15 WHERE id = ?16 AND version = ?17",
        &*values,
    )?;
    if changed != 1 {
        // The caller read `current` in this transaction: another version cannot have come.
        return Err(Error::Internal(format!(
            "{} changed within its own transaction",
            current.code
        )));
    }
    Ok(current.version + 1)
}

/// The replaced versions of a record, oldest first.
pub fn revisions(conn: &Connection, record_id: i64) -> Result<Vec<Revision>> {
    let mut stmt = conn.prepare(
        "SELECT version, data, replaced_at, replaced_by FROM record_revisions WHERE record_id = ?1 ORDER BY version",
    )?;
    let rows = stmt.query_map([record_id], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (version, data, replaced_at, replaced_by) = row?;
        out.push(Revision {
            version,
            data: data_from_json(&data)?,
            replaced_at,
            replaced_by,
        });
    }
    Ok(out)
}

/// Sets a record's status as a loan moves it (借出, 在库, 遗失): no new version, since the loan
/// itself is the record of the change.
pub fn set_status(
    conn: &Connection,
    record_id: i64,
    status: Status,
    at: &str,
    by: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE records SET status = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        params![record_id, status.code(), at, by],
    )?;
    Ok(())
}
