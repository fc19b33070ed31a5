//! Fonds (全宗).

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use crate::archive::sight::Sight;
use crate::domain::{CodeScheme, Fonds};

use crate::error::Result;

/// Adds a fonds; false when the code is taken.
pub fn add(
    conn: &Connection,
    code: &str,
    name: &str,
    scheme: CodeScheme,
    at: &str,
) -> Result<bool> {
    let added = conn.execute(
        "INSERT INTO fonds (code, name, scheme, created_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT(code) DO NOTHING",
        params![code, name, scheme.code(), at],
    )?;
    Ok(added == 1)
}

/// The scheme of a fonds' codes, if the fonds exists. A scheme this build does not know (a
/// newer dangan's) is taken as the plain one, which the code checks then refuse nothing of.
pub fn scheme(conn: &Connection, code: &str) -> Result<Option<CodeScheme>> {
    let found: Option<String> = conn
        .query_row("SELECT scheme FROM fonds WHERE code = ?1", [code], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(found.map(|s| CodeScheme::parse(&s).unwrap_or_default()))
}

/// Sets the scheme of a fonds' new records; false when there is no such fonds.
pub fn set_scheme(conn: &Connection, code: &str, scheme: CodeScheme) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE fonds SET scheme = ?2 WHERE code = ?1",
        params![code, scheme.code()],
    )?;
    Ok(changed == 1)
}

/// Every fonds with the number of its records the clearance may see.
pub fn list(conn: &Connection, sight: Sight) -> Result<Vec<Fonds>> {
    let (visible, values) = super::records::clearance_term(sight);
    let mut stmt = conn.prepare(&format!(
        "SELECT f.code, f.name, \
         (SELECT COALESCE(SUM(n), 0) FROM record_counts c WHERE c.fonds = f.code AND {visible}), \
         f.scheme FROM fonds f ORDER BY f.code"
    ))?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        Ok(Fonds {
            code: r.get(0)?,
            name: r.get(1)?,
            records: r.get(2)?,
            scheme: CodeScheme::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
