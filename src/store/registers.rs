//! Paper registers and their lines in SQL.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Map, Value, json};

use crate::domain::Field;
use crate::domain::register::{Columns, LineKind, PaperLine, Resolution};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct Register {
    pub id: i64,
    pub scope: String,
    pub source: String,
    pub sha256: String,
    pub columns: Columns,
    pub imported_at: String,
    pub imported_by: String,
    pub certified_at: Option<String>,
    pub certified_by: Option<String>,
    pub certificate: Option<String>,
}

/// A line as stored: what the paper says, its match, and the decision about it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRow {
    pub id: i64,
    pub paper: PaperLine,
    pub record_id: Option<i64>,
    pub kind: LineKind,
    pub differs: Vec<String>,
    pub score: f64,
    /// (archival code, score), best first: what the desk may pick instead.
    pub candidates: Vec<(String, f64)>,
    pub resolution: Option<Resolution>,
    pub note: String,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
}

impl LineRow {
    /// Only a digital record: no paper line.
    pub fn is_digital_only(&self) -> bool {
        self.kind == LineKind::DigitalOnly
    }

    /// Needs a decision: neither agreeing nor decided.
    pub fn is_open(&self) -> bool {
        self.kind != LineKind::Agrees && self.resolution.is_none()
    }
}

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
         differs, score, candidates) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
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
    ])?;
    Ok(())
}

const LINE: &str = "SELECT id, line_no, raw, code, paper, record_id, kind, differs, score, \
     candidates, resolution, note, resolved_by, resolved_at FROM register_lines";

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

/// The register's lines in paper order, then the digital-only records.
pub fn lines(conn: &Connection, register_id: i64) -> Result<Vec<LineRow>> {
    let mut stmt = conn.prepare(&format!(
        "{LINE} WHERE register_id = ?1 ORDER BY line_no IS NULL, line_no, id"
    ))?;
    let rows = stmt.query_map([register_id], line_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A paper line by its line number.
pub fn paper_line(conn: &Connection, register_id: i64, line_no: u64) -> Result<Option<LineRow>> {
    Ok(conn
        .query_row(
            &format!("{LINE} WHERE register_id = ?1 AND line_no = ?2"),
            params![register_id, line_no as i64],
            line_from_row,
        )
        .optional()?)
}

/// The row of a record that stands only in the catalogue.
pub fn digital_line(
    conn: &Connection,
    register_id: i64,
    record_id: i64,
) -> Result<Option<LineRow>> {
    Ok(conn
        .query_row(
            &format!("{LINE} WHERE register_id = ?1 AND line_no IS NULL AND record_id = ?2"),
            params![register_id, record_id],
            line_from_row,
        )
        .optional()?)
}

pub fn line(conn: &Connection, id: i64) -> Result<Option<LineRow>> {
    Ok(conn
        .query_row(&format!("{LINE} WHERE id = ?1"), [id], line_from_row)
        .optional()?)
}

/// (kind, decided, how many) of a register's lines.
pub fn counts(conn: &Connection, register_id: i64) -> Result<Vec<(LineKind, bool, u64)>> {
    let mut stmt = conn.prepare(
        "SELECT kind, resolution IS NOT NULL, count(*) FROM register_lines \
         WHERE register_id = ?1 GROUP BY 1, 2",
    )?;
    let rows = stmt.query_map([register_id], |row| {
        let kind: String = row.get(0)?;
        Ok((
            LineKind::parse(&kind).unwrap_or(LineKind::PaperOnly),
            row.get::<_, bool>(1)?,
            row.get::<_, i64>(2)? as u64,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Another record for a line (picked by the desk): its new kind and differences; the decision
/// about the old match no longer holds.
pub fn rematch(
    conn: &Connection,
    id: i64,
    record_id: i64,
    kind: LineKind,
    differs: &[String],
) -> Result<()> {
    conn.execute(
        "UPDATE register_lines SET record_id = ?2, kind = ?3, differs = ?4, score = 1, \
         resolution = NULL, resolved_by = NULL, resolved_at = NULL WHERE id = ?1",
        params![id, record_id, kind.code(), differs.join(",")],
    )?;
    Ok(())
}

pub struct Decision<'a> {
    pub resolution: Resolution,
    pub note: &'a str,
    pub by: &'a str,
    pub at: &'a str,
    /// A record made from the line: the line now points to it.
    pub record_id: Option<i64>,
}

pub fn resolve(conn: &Connection, id: i64, decision: &Decision) -> Result<()> {
    conn.execute(
        "UPDATE register_lines SET resolution = ?2, note = ?3, resolved_by = ?4, resolved_at = ?5, \
         record_id = COALESCE(?6, record_id) WHERE id = ?1",
        params![
            id,
            decision.resolution.code(),
            decision.note,
            decision.by,
            decision.at,
            decision.record_id
        ],
    )?;
    Ok(())
}

pub fn certify(
    conn: &Connection,
    register_id: i64,
    by: &str,
    at: &str,
    certificate: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE registers SET certified_at = ?2, certified_by = ?3, certificate = ?4 WHERE id = ?1",
        params![register_id, at, by, certificate],
    )?;
    Ok(())
}
