//! Boxes as stored, their moves, the stack register and stocktakes.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::records::clearance_term;
use crate::archive::sight::Sight;
use crate::domain::boxing::BoxCode;
use crate::domain::{CodeGroup, Retention};
use crate::error::Result;

/// A box as stored: its code, the items it was filled with, where it stands and its 备考表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoxRow {
    pub id: i64,
    pub code: BoxCode,
    pub first_item: u32,
    pub last_item: u32,
    pub location: String,
    pub note: String,
    pub arranged_by: String,
    pub checked_by: String,
    pub arranged_on: Option<String>,
}

const COLUMNS: &str = "id, fonds, category, year, retention, dept, number, first_item, last_item, \
    location, note, arranged_by, checked_by, arranged_on";
const ORDER: &str = "fonds, category, year, retention, dept, number";

fn box_from_row(row: &Row) -> rusqlite::Result<BoxRow> {
    let retention: String = row.get(4)?;
    let retention = Retention::from_code_part(&retention).ok_or_else(|| {
        let message = format!("stored retention {retention:?} is not valid");
        rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, message.into())
    })?;
    Ok(BoxRow {
        id: row.get(0)?,
        code: BoxCode {
            group: CodeGroup {
                fonds: row.get(1)?,
                category: row.get(2)?,
                year: row.get(3)?,
                retention,
                dept: row.get(5)?,
                volume: None,
            },
            number: row.get(6)?,
        },
        first_item: row.get(7)?,
        last_item: row.get(8)?,
        location: row.get(9)?,
        note: row.get(10)?,
        arranged_by: row.get(11)?,
        checked_by: row.get(12)?,
        arranged_on: row.get(13)?,
    })
}

fn group_values(g: &CodeGroup) -> Vec<Value> {
    vec![
        Value::Text(g.fonds.clone()),
        Value::Text(g.category.clone()),
        Value::Integer(g.year.into()),
        Value::Text(g.retention.code().into()),
        Value::Text(g.dept.clone()),
    ]
}

const GROUP_KEY: &str = "fonds = ? AND category = ? AND year = ? AND retention = ? AND dept = ?";

pub fn insert(
    conn: &Connection,
    code: &BoxCode,
    items: (u32, u32),
    location: &str,
    at: &str,
    by: &str,
) -> Result<i64> {
    let g = &code.group;
    conn.execute(
        "INSERT INTO boxes (fonds, category, year, retention, dept, number, first_item, last_item, \
         location, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            g.fonds,
            g.category,
            g.year,
            g.retention.code(),
            g.dept,
            code.number,
            items.0,
            items.1,
            location,
            at,
            by
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The boxes of a group, or of every group, in code order.
pub fn list(conn: &Connection, group: Option<&CodeGroup>) -> Result<Vec<BoxRow>> {
    let (clause, values) = match group {
        Some(g) => (format!("WHERE {GROUP_KEY}"), group_values(g)),
        None => (String::new(), Vec::new()),
    };
    let sql = format!("SELECT {COLUMNS} FROM boxes {clause} ORDER BY {ORDER}");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), box_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn by_code(conn: &Connection, code: &BoxCode) -> Result<Option<BoxRow>> {
    let mut values = group_values(&code.group);
    values.push(Value::Integer(code.number.into()));
    let sql = format!("SELECT {COLUMNS} FROM boxes WHERE {GROUP_KEY} AND number = ?");
    Ok(conn
        .query_row(&sql, params_from_iter(values), box_from_row)
        .optional()?)
}

/// The items of a group from `from` on that the sight takes in, with their pages, in order.
pub fn items(
    conn: &Connection,
    group: &CodeGroup,
    range: (u32, u32),
    sight: Sight,
) -> Result<Vec<(u32, Option<u32>)>> {
    let (visible, clearance) = clearance_term(sight);
    let sql = format!(
        "SELECT item, pages FROM records WHERE {GROUP_KEY} AND catalogue = '' AND volume = 0 \
         AND item BETWEEN ? AND ? AND {visible} ORDER BY item"
    );
    let mut values = group_values(group);
    values.push(Value::Integer(range.0.into()));
    values.push(Value::Integer(range.1.into()));
    values.extend(clearance);
    // Cached: a stocktake asks this of every box on the shelves.
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves a box, keeping where it stood.
pub fn move_to(conn: &Connection, id: i64, from: &str, to: &str, at: &str, by: &str) -> Result<()> {
    conn.execute(
        "UPDATE boxes SET location = ?2 WHERE id = ?1",
        params![id, to],
    )?;
    conn.execute(
        "INSERT INTO box_moves (box_id, from_loc, to_loc, at, by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, from, to, at, by],
    )?;
    Ok(())
}

/// Each move of a box: from, to, when, by whom; oldest first.
pub fn moves(conn: &Connection, id: i64) -> Result<Vec<[String; 4]>> {
    moves_in(conn, "box_moves", "box_id", id)
}

/// The moves kept in `table` of the box or volume whose id is in `owner`, oldest first.
pub(super) fn moves_in(
    conn: &Connection,
    table: &str,
    owner: &str,
    id: i64,
) -> Result<Vec<[String; 4]>> {
    let sql =
        format!("SELECT from_loc, to_loc, at, by FROM {table} WHERE {owner} = ?1 ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([id], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The 备考表 of a box: what it holds as the arranger found it, who arranged and checked it, when.
pub fn set_note(
    conn: &Connection,
    id: i64,
    note: &str,
    arranged_by: &str,
    checked_by: &str,
    arranged_on: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE boxes SET note = ?2, arranged_by = ?3, checked_by = ?4, arranged_on = ?5 WHERE id = ?1",
        params![id, note, arranged_by, checked_by, arranged_on],
    )?;
    Ok(())
}

/// A box leaving the stacks or coming back.
pub fn register(
    conn: &Connection,
    id: i64,
    out: bool,
    reason: &str,
    at: &str,
    by: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO stack_register (box_id, direction, reason, at, by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, if out { "out" } else { "in" }, reason, at, by],
    )?;
    Ok(())
}

/// The stack register of a box: (out, reason, when, by whom), oldest first.
pub fn register_of(conn: &Connection, id: i64) -> Result<Vec<(bool, String, String, String)>> {
    register_in(conn, "stack_register", "box_id", id)
}

/// The stack register kept in `table` of the box or volume whose id is in `owner`.
pub(super) fn register_in(
    conn: &Connection,
    table: &str,
    owner: &str,
    id: i64,
) -> Result<Vec<(bool, String, String, String)>> {
    let sql =
        format!("SELECT direction, reason, at, by FROM {table} WHERE {owner} = ?1 ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)? == "out",
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn save_stocktake(
    conn: &Connection,
    stretch: &str,
    result: &str,
    at: &str,
    by: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO stocktakes (stretch, at, by, result) VALUES (?1, ?2, ?3, ?4)",
        params![stretch, at, by, result],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The 件-level groups of these fonds up to a year, in code order (for the demo's shelves).
pub fn groups_until(conn: &Connection, fonds: &[&str], until: u16) -> Result<Vec<CodeGroup>> {
    let marks = vec!["?"; fonds.len()].join(", ");
    let sql = format!(
        "SELECT DISTINCT fonds, category, year, retention, dept FROM records \
         WHERE fonds IN ({marks}) AND year <= ? AND volume = 0 \
         ORDER BY fonds, category, year, retention, dept"
    );
    let mut values: Vec<Value> = fonds.iter().map(|f| Value::Text(f.to_string())).collect();
    values.push(Value::Integer(until.into()));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        let retention: String = r.get(3)?;
        Ok(CodeGroup {
            fonds: r.get(0)?,
            category: r.get(1)?,
            year: r.get(2)?,
            retention: Retention::from_code_part(&retention).unwrap_or(Retention::Permanent),
            dept: r.get(4)?,
            volume: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
