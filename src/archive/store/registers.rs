//! Paper registers and their lines in SQL.

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde_json::{Map, Value, json};

use super::records::{class_term, seen_as};
use crate::archive::sight::Sight;
use crate::domain::register::{Columns, LineKind, LineRow, PaperLine, Register, Resolution};
use crate::domain::{Classification, Field};
use crate::error::Result;

fn columns_json(columns: &Columns) -> String {
    let fields: Vec<&str> = columns.fields.iter().map(|f| f.key()).collect();
    json!({"code": columns.code, "fields": fields}).to_string()
}

fn columns_from(text: &str) -> Columns {
    let value: Value = serde_json::from_str(text).unwrap_or_default();
    Columns {
        code: value["code"].as_bool().unwrap_or(false),
        fields: value["fields"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|k| Field::ALL.into_iter().find(|f| Some(f.key()) == k.as_str()))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn register_from_row(row: &Row) -> rusqlite::Result<Register> {
    Ok(Register {
        id: row.get(0)?,
        scope: row.get(1)?,
        source: row.get(2)?,
        sha256: row.get(3)?,
        columns: columns_from(&row.get::<_, String>(4)?),
        imported_at: row.get(5)?,
        imported_by: row.get(6)?,
        certified_at: row.get(7)?,
        certified_by: row.get(8)?,
        certificate: row.get(9)?,
    })
}

const REGISTER: &str = "SELECT id, scope, source, sha256, columns, imported_at, imported_by, \
     certified_at, certified_by, certificate FROM registers";

pub struct NewRegister<'a> {
    pub scope: &'a str,
    pub source: &'a str,
    pub sha256: &'a str,
    pub columns: &'a Columns,
    pub at: &'a str,
    pub by: &'a str,
}

pub fn insert(conn: &Connection, register: &NewRegister) -> Result<i64> {
    conn.execute(
        "INSERT INTO registers (scope, source, sha256, columns, imported_at, imported_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            register.scope,
            register.source,
            register.sha256,
            columns_json(register.columns),
            register.at,
            register.by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn by_scope(conn: &Connection, scope: &str) -> Result<Option<Register>> {
    Ok(conn
        .query_row(
            &format!("{REGISTER} WHERE scope = ?1"),
            [scope],
            register_from_row,
        )
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Register>> {
    let mut stmt = conn.prepare(&format!("{REGISTER} ORDER BY scope"))?;
    let rows = stmt.query_map([], register_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A line to store: the paper's words (none for a digital-only record) and the match.
pub struct NewLine<'a> {
    pub paper: Option<&'a PaperLine>,
    /// The 密级 the paper states for the line, if it states one.
    pub class: Option<Classification>,
    pub record_id: Option<i64>,
    pub kind: LineKind,
    pub differs: &'a [String],
    pub score: f64,
    pub candidates: &'a [(String, f64)],
}

pub fn insert_line(conn: &Connection, register_id: i64, line: &NewLine) -> Result<()> {
    let (line_no, raw, code, paper) = match line.paper {
        Some(p) => {
            let values: Map<String, Value> = p
                .values
                .iter()
                .map(|(f, v)| (f.key().to_string(), Value::from(v.as_str())))
                .collect();
            (
                Some(p.line_no as i64),
                p.raw.as_str(),
                p.code.as_str(),
                Value::Object(values).to_string(),
            )
        }
        None => (None, "", "", "{}".to_string()),
    };
    let mut stmt = conn.prepare_cached(
        "INSERT INTO register_lines (register_id, line_no, raw, code, paper, record_id, kind, \
         differs, score, candidates, class) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    stmt.execute(params![
        register_id,
        line_no,
        raw,
        code,
        paper,
        line.record_id,
        line.kind.code(),
        line.differs.join(","),
        line.score,
        json!(line.candidates).to_string(),
        line.class.map(|c| c.code()),
    ])?;
    Ok(())
}

const LINE: &str = "SELECT l.id, l.line_no, l.raw, l.code, l.paper, l.record_id, l.kind, l.differs, \
     l.score, l.candidates, l.resolution, l.note, l.resolved_by, l.resolved_at \
     FROM register_lines l LEFT JOIN records r ON r.id = l.record_id";

/// A line without a record whose paper states no 密级 is 内部, as a record without one is.
const UNSTATED_PAPER_CLASS: Classification = Classification::Internal;

/// A line is seen when its record (if any) is within the sight, and so is the 密级 the paper
/// states for it: the line of a record above it, or a line the paper marks above it, does not
/// exist for the reader. A line only on paper that states none counts as 内部.
fn seen(sight: Sight) -> (String, Vec<SqlValue>) {
    let (visible, mut values) = seen_as(sight, "r.");
    let class = format!(
        "COALESCE(l.class, CASE WHEN l.record_id IS NULL THEN '{}' END)",
        UNSTATED_PAPER_CLASS.code()
    );
    let (stated, stated_values) = class_term(sight, &class);
    values.extend(stated_values);
    (
        format!("(l.record_id IS NULL OR ({visible})) AND ({class} IS NULL OR {stated})"),
        values,
    )
}

/// Drops the candidates the sight does not take in.
fn screened(conn: &Connection, mut line: LineRow, sight: Sight) -> Result<LineRow> {
    let mut kept = Vec::with_capacity(line.candidates.len());
    for (code, score) in line.candidates {
        let visible = match code.parse() {
            Ok(code) => super::records::by_code(conn, &code, sight)?.is_some(),
            Err(_) => false,
        };
        if visible {
            kept.push((code, score));
        }
    }
    line.candidates = kept;
    Ok(line)
}

fn query_lines(
    conn: &Connection,
    condition: &str,
    mut values: Vec<SqlValue>,
    sight: Sight,
) -> Result<Vec<LineRow>> {
    let (visible, seen_values) = seen(sight);
    values.extend(seen_values);
    let sql = format!(
        "{LINE} WHERE {condition} AND {visible} ORDER BY l.line_no IS NULL, l.line_no, l.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), line_from_row)?;
    let lines: Vec<LineRow> = rows.collect::<rusqlite::Result<_>>()?;
    lines
        .into_iter()
        .map(|line| screened(conn, line, sight))
        .collect()
}

fn line_from_row(row: &Row) -> rusqlite::Result<LineRow> {
    let paper: Value = serde_json::from_str(&row.get::<_, String>(4)?).unwrap_or_default();
    let values = Field::ALL
        .into_iter()
        .filter_map(|f| Some((f, paper.get(f.key())?.as_str()?.to_string())))
        .collect();
    let differs: String = row.get(7)?;
    let candidates: Value = serde_json::from_str(&row.get::<_, String>(9)?).unwrap_or_default();
    let kind: String = row.get(6)?;
    let resolution: Option<String> = row.get(10)?;
    Ok(LineRow {
        id: row.get(0)?,
        paper: PaperLine {
            line_no: row.get::<_, Option<i64>>(1)?.unwrap_or(0) as u64,
            raw: row.get(2)?,
            code: row.get(3)?,
            values,
        },
        record_id: row.get(5)?,
        kind: LineKind::parse(&kind).unwrap_or(LineKind::PaperOnly),
        differs: differs
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        score: row.get(8)?,
        candidates: candidates
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| Some((c[0].as_str()?.to_string(), c[1].as_f64()?)))
                    .collect()
            })
            .unwrap_or_default(),
        resolution: resolution.as_deref().and_then(Resolution::parse),
        note: row.get(11)?,
        resolved_by: row.get(12)?,
        resolved_at: row.get(13)?,
    })
}

/// The register's lines the sight takes in, in paper order, then the digital-only records.
pub fn lines(conn: &Connection, register_id: i64, sight: Sight) -> Result<Vec<LineRow>> {
    let values = vec![SqlValue::Integer(register_id)];
    query_lines(conn, "l.register_id = ?", values, sight)
}

/// A paper line by its line number, if the sight takes it in.
pub fn paper_line(
    conn: &Connection,
    register_id: i64,
    line_no: u64,
    sight: Sight,
) -> Result<Option<LineRow>> {
    let values = vec![
        SqlValue::Integer(register_id),
        SqlValue::Integer(line_no as i64),
    ];
    let lines = query_lines(conn, "l.register_id = ? AND l.line_no = ?", values, sight)?;
    Ok(lines.into_iter().next())
}

/// The row of a record that stands only in the catalogue.
pub fn digital_line(
    conn: &Connection,
    register_id: i64,
    record_id: i64,
    sight: Sight,
) -> Result<Option<LineRow>> {
    let values = vec![SqlValue::Integer(register_id), SqlValue::Integer(record_id)];
    let condition = "l.register_id = ? AND l.line_no IS NULL AND l.record_id = ?";
    Ok(query_lines(conn, condition, values, sight)?
        .into_iter()
        .next())
}

pub fn line(conn: &Connection, id: i64, sight: Sight) -> Result<Option<LineRow>> {
    let lines = query_lines(conn, "l.id = ?", vec![SqlValue::Integer(id)], sight)?;
    Ok(lines.into_iter().next())
}

/// The highest classification a register speaks of: its lines' records and the 密级 its paper
/// lines state.
pub fn highest_class(conn: &Connection, register_id: i64) -> Result<Classification> {
    let lines = "SELECT record_id FROM register_lines WHERE register_id = ?1";
    let records = super::records::highest_class(conn, lines, register_id)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT COALESCE(class, '{}') FROM register_lines \
         WHERE register_id = ?1 AND (class IS NOT NULL OR record_id IS NULL)",
        UNSTATED_PAPER_CLASS.code()
    ))?;
    let stated = stmt.query_map([register_id], |row| row.get::<_, String>(0))?;
    let mut highest = records;
    for code in stated {
        if let Some(class) = Classification::parse(&code?) {
            highest = highest.max(class);
        }
    }
    Ok(highest)
}

/// (kind, decided, how many) of the register's lines the sight takes in.
pub fn counts(
    conn: &Connection,
    register_id: i64,
    sight: Sight,
) -> Result<Vec<(LineKind, bool, u64)>> {
    let (visible, mut values) = seen(sight);
    values.insert(0, SqlValue::Integer(register_id));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.kind, l.resolution IS NOT NULL, count(*) FROM register_lines l \
         LEFT JOIN records r ON r.id = l.record_id WHERE l.register_id = ? AND {visible} GROUP BY 1, 2"
    ))?;
    let rows = stmt.query_map(params_from_iter(values), |row| {
        let kind: String = row.get(0)?;
        Ok((
            LineKind::parse(&kind).unwrap_or(LineKind::PaperOnly),
            row.get::<_, bool>(1)?,
            row.get::<_, i64>(2)? as u64,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Only a line of a register not yet certified changes: checked in the transaction of the change.
const OPEN_REGISTER: &str =
    "(SELECT certified_at FROM registers g WHERE g.id = register_lines.register_id) IS NULL";

/// Another record for a line (picked by the desk): its new kind and differences; the decision
/// about the old match no longer holds. False if the register has been certified meanwhile.
pub fn rematch(
    conn: &Connection,
    id: i64,
    record_id: i64,
    kind: LineKind,
    differs: &[String],
) -> Result<bool> {
    let changed = conn.execute(
        &format!(
            "UPDATE register_lines SET record_id = ?2, kind = ?3, differs = ?4, score = 1, \
             resolution = NULL, resolved_by = NULL, resolved_at = NULL WHERE id = ?1 AND {OPEN_REGISTER}"
        ),
        params![id, record_id, kind.code(), differs.join(",")],
    )?;
    Ok(changed == 1)
}

pub struct Decision<'a> {
    pub resolution: Resolution,
    pub note: &'a str,
    pub by: &'a str,
    pub at: &'a str,
    /// A record made from the line: the line now points to it.
    pub record_id: Option<i64>,
}

/// Decides a line; false if the register has been certified meanwhile.
pub fn resolve(conn: &Connection, id: i64, decision: &Decision) -> Result<bool> {
    let changed = conn.execute(
        &format!(
            "UPDATE register_lines SET resolution = ?2, note = ?3, resolved_by = ?4, resolved_at = ?5, \
             record_id = COALESCE(?6, record_id) WHERE id = ?1 AND {OPEN_REGISTER}"
        ),
        params![
            id,
            decision.resolution.code(),
            decision.note,
            decision.by,
            decision.at,
            decision.record_id
        ],
    )?;
    Ok(changed == 1)
}

/// Clears a line's decision; false if the register has been certified meanwhile.
pub fn reopen(conn: &Connection, id: i64) -> Result<bool> {
    let changed = conn.execute(
        &format!(
            "UPDATE register_lines SET resolution = NULL, note = '', resolved_by = NULL, \
             resolved_at = NULL WHERE id = ?1 AND {OPEN_REGISTER}"
        ),
        [id],
    )?;
    Ok(changed == 1)
}

/// Certifies a register; false if it was certified already (by another session meanwhile).
pub fn certify(
    conn: &Connection,
    register_id: i64,
    by: &str,
    at: &str,
    certificate: &str,
) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE registers SET certified_at = ?2, certified_by = ?3, certificate = ?4 \
         WHERE id = ?1 AND certified_at IS NULL",
        params![register_id, at, by, certificate],
    )?;
    Ok(changed == 1)
}
