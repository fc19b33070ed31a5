//! Volumes (案卷) as stored, their moves, and the items inside them. Every read takes a sight: a
//! volume's 密级 is the highest of what is inside, so a volume the sight does not take in is not
//! there, and one it takes in shows every item.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::records::{COLUMNS as RECORD_COLUMNS, class_term, record_from_row};
use crate::archive::sight::Sight;
use crate::domain::volume::{Catalogue, Volume, VolumeCode, VolumeData, VolumeNo};
use crate::domain::{Classification, Record, Retention};
use crate::error::Result;

const COLUMNS: &str = "v.id, v.fonds, v.catalogue, v.number, v.title, v.year, v.retention, \
    v.classification, v.start_date, v.end_date, v.pages, v.notes, v.location, \
    (SELECT COUNT(*) FROM records r WHERE r.fonds = v.fonds AND r.catalogue = v.catalogue \
     AND r.volume = v.number AND r.volume > 0), \
    (SELECT CASE direction WHEN 'out' THEN reason END FROM volume_register \
     WHERE volume_id = v.id ORDER BY id DESC LIMIT 1)";

fn bad(column: usize, what: &str, found: &str) -> rusqlite::Error {
    let message = format!("stored {what} {found:?} is not valid");
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, message.into())
}

fn date(row: &Row, column: usize) -> rusqlite::Result<Option<crate::domain::RecordDate>> {
    match row.get::<_, Option<String>>(column)? {
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|_| bad(column, "date", &text)),
        None => Ok(None),
    }
}

fn volume_from_row(row: &Row) -> rusqlite::Result<Volume> {
    let retention: String = row.get(6)?;
    let classification: String = row.get(7)?;
    Ok(Volume {
        id: row.get(0)?,
        code: VolumeCode {
            fonds: row.get(1)?,
            no: VolumeNo {
                catalogue: row.get(2)?,
                number: row.get(3)?,
            },
        },
        data: VolumeData {
            title: row.get(4)?,
            year: row.get(5)?,
            retention: Retention::from_code_part(&retention)
                .ok_or_else(|| bad(6, "retention", &retention))?,
            classification: Classification::parse(&classification)
                .ok_or_else(|| bad(7, "classification", &classification))?,
            start: date(row, 8)?,
            end: date(row, 9)?,
            pages: row.get(10)?,
            notes: row.get(11)?,
        },
        location: row.get(12)?,
        items: row.get(13)?,
        out: row.get(14)?,
    })
}

/// Inserts a volume, shelved at `location` (empty: not yet); `None` when its code is taken.
pub fn insert(
    conn: &Connection,
    code: &VolumeCode,
    data: &VolumeData,
    location: &str,
    (at, by): (&str, &str),
) -> Result<Option<i64>> {
    let inserted = conn.execute(
        "INSERT INTO volumes (fonds, catalogue, number, title, year, retention, classification, \
         start_date, end_date, pages, notes, created_at, created_by, location) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) \
         ON CONFLICT (fonds, catalogue, number) DO NOTHING",
        params![
            code.fonds,
            code.no.catalogue,
            code.no.number,
            data.title,
            data.year,
            data.retention.code(),
            data.classification.code(),
            data.start.map(|d| d.to_string()),
            data.end.map(|d| d.to_string()),
            data.pages,
            data.notes,
            at,
            by,
            location
        ],
    )?;
    Ok((inserted == 1).then(|| conn.last_insert_rowid()))
}

/// What a sight takes in of the volumes (as `v`): by classification, and for a public account
/// the volumes that hold an open item.
pub(super) fn volume_term(sight: Sight) -> (String, Vec<Value>) {
    let (mut term, values) = class_term(sight, "v.classification");
    if sight.open_only() {
        term.push_str(
            " AND EXISTS (SELECT 1 FROM records x WHERE x.fonds = v.fonds AND x.catalogue = v.catalogue \
             AND x.volume = v.number AND x.volume > 0 AND x.openness = 'open')",
        );
    }
    (term, values)
}

/// The volume of a code, if the sight takes it in.
pub fn by_code(conn: &Connection, code: &VolumeCode, sight: Sight) -> Result<Option<Volume>> {
    let (visible, mut values) = volume_term(sight);
    let sql = format!(
        "SELECT {COLUMNS} FROM volumes v WHERE v.fonds = ? AND v.catalogue = ? AND v.number = ? \
         AND {visible}"
    );
    let mut key = vec![
        Value::Text(code.fonds.clone()),
        Value::Text(code.no.catalogue.clone()),
        Value::Integer(code.no.number.into()),
    ];
    key.append(&mut values);
    Ok(conn
        .query_row(&sql, params_from_iter(key), volume_from_row)
        .optional()?)
}

/// The volumes of a fonds (one catalogue of it, or all) the sight takes in, in order.
pub fn list(
    conn: &Connection,
    fonds: &str,
    catalogue: Option<&str>,
    sight: Sight,
) -> Result<Vec<Volume>> {
    let (visible, clearance) = volume_term(sight);
    let mut values = vec![Value::Text(fonds.to_string())];
    let mut sql = format!("SELECT {COLUMNS} FROM volumes v WHERE v.fonds = ? AND {visible}");
    values.extend(clearance);
    if let Some(catalogue) = catalogue {
        sql.push_str(" AND v.catalogue = ?");
        values.push(Value::Text(catalogue.to_string()));
    }
    sql.push_str(" ORDER BY v.catalogue, v.number");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), volume_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The catalogues of a fonds with what the sight takes in of each.
pub fn catalogues(conn: &Connection, fonds: &str, sight: Sight) -> Result<Vec<Catalogue>> {
    let (visible, clearance) = volume_term(sight);
    let sql = format!(
        "SELECT v.catalogue, COUNT(*), \
         SUM((SELECT COUNT(*) FROM records r WHERE r.fonds = v.fonds AND r.catalogue = v.catalogue \
              AND r.volume = v.number AND r.volume > 0)) \
         FROM volumes v WHERE v.fonds = ? AND {visible} GROUP BY v.catalogue ORDER BY v.catalogue"
    );
    let mut values = vec![Value::Text(fonds.to_string())];
    values.extend(clearance);
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        Ok(Catalogue {
            catalogue: r.get(0)?,
            volumes: r.get(1)?,
            items: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The items inside a volume, by 顺序号. Callers have seen the volume through the sight, and a
/// volume is as secret as the most secret item inside.
pub fn items(conn: &Connection, code: &VolumeCode) -> Result<Vec<Record>> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM records \
         WHERE fonds = ?1 AND catalogue = ?2 AND volume = ?3 AND volume > 0 ORDER BY item"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        params![code.fonds, code.no.catalogue, code.no.number],
        record_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Raises a volume's 密级 to what a new item inside needs.
pub fn raise_classification(conn: &Connection, id: i64, to: Classification) -> Result<()> {
    conn.execute(
        "UPDATE volumes SET classification = ?2 WHERE id = ?1",
        params![id, to.code()],
    )?;
    Ok(())
}

/// Moves a volume, keeping where it stood.
pub fn move_to(conn: &Connection, id: i64, from: &str, to: &str, at: &str, by: &str) -> Result<()> {
    conn.execute(
        "UPDATE volumes SET location = ?2 WHERE id = ?1",
        params![id, to],
    )?;
    conn.execute(
        "INSERT INTO volume_moves (volume_id, from_loc, to_loc, at, by) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, from, to, at, by],
    )?;
    Ok(())
}

/// Each move of a volume: from, to, when, by whom; oldest first.
pub fn moves(conn: &Connection, id: i64) -> Result<Vec<[String; 4]>> {
    super::boxes::moves_in(conn, "volume_moves", "volume_id", id)
}

/// Every shelved volume the sight takes in, with where it stands.
pub fn shelved(conn: &Connection, sight: Sight) -> Result<Vec<(VolumeCode, String)>> {
    let (visible, values) = volume_term(sight);
    let sql = format!(
        "SELECT fonds, catalogue, number, location FROM volumes v WHERE location != '' AND {visible}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        let code = VolumeCode {
            fonds: r.get(0)?,
            no: VolumeNo {
                catalogue: r.get(1)?,
                number: r.get(2)?,
            },
        };
        Ok((code, r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes a volume's description anew.
pub fn update(conn: &Connection, id: i64, data: &VolumeData) -> Result<()> {
    conn.execute(
        "UPDATE volumes SET title = ?2, year = ?3, retention = ?4, classification = ?5, \
         start_date = ?6, end_date = ?7, pages = ?8, notes = ?9 WHERE id = ?1",
        params![
            id,
            data.title,
            data.year,
            data.retention.code(),
            data.classification.code(),
            data.start.map(|d| d.to_string()),
            data.end.map(|d| d.to_string()),
            data.pages,
            data.notes
        ],
    )?;
    Ok(())
}

/// Whether a volume holds a record destroyed by a destruction list.
pub fn holds_destroyed(conn: &Connection, code: &VolumeCode) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM records WHERE fonds = ?1 AND catalogue = ?2 AND volume = ?3 \
             AND volume > 0 AND status = 'disposed' LIMIT 1",
        )?
        .exists(params![code.fonds, code.no.catalogue, code.no.number])?)
}

/// Gives the items inside a volume its year and retention; returns their row ids.
pub fn retag_items(
    conn: &Connection,
    code: &VolumeCode,
    year: u16,
    retention: Retention,
) -> Result<Vec<i64>> {
    let key = params![code.fonds, code.no.catalogue, code.no.number];
    let mut stmt = conn.prepare(
        "SELECT id FROM records WHERE fonds = ?1 AND catalogue = ?2 AND volume = ?3 AND volume > 0",
    )?;
    let ids: Vec<i64> = stmt
        .query_map(key, |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.execute(
        "UPDATE records SET year = ?4, retention = ?5 \
         WHERE fonds = ?1 AND catalogue = ?2 AND volume = ?3 AND volume > 0",
        params![
            code.fonds,
            code.no.catalogue,
            code.no.number,
            year,
            retention.code()
        ],
    )?;
    Ok(ids)
}

/// A volume leaving the stacks or coming back.
pub fn register(
    conn: &Connection,
    id: i64,
    out: bool,
    reason: &str,
    (at, by): (&str, &str),
) -> Result<()> {
    conn.execute(
        "INSERT INTO volume_register (volume_id, direction, reason, at, by) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, if out { "out" } else { "in" }, reason, at, by],
    )?;
    Ok(())
}

/// The stack register of a volume: (out, reason, when, by whom), oldest first.
pub fn register_of(conn: &Connection, id: i64) -> Result<Vec<(bool, String, String, String)>> {
    super::boxes::register_in(conn, "volume_register", "volume_id", id)
}
