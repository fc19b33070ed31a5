//! Fonds (全宗).

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use crate::archive::sight::Sight;
use crate::domain::schemes::Schemes;
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

/// The schemes of a fonds' codes, if the fonds exists. A scheme this build does not know (a
/// newer dangan's) is taken as the plain one, which the code checks then refuse nothing of.
pub fn scheme(conn: &Connection, code: &str) -> Result<Option<Schemes>> {
    let found: Option<(String, String)> = conn
        .query_row(
            "SELECT scheme, categories FROM fonds WHERE code = ?1",
            [code],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(found.map(|(fonds, categories)| Schemes::stored(&fonds, &categories)))
}

/// Sets the schemes of a 门类's new records.
pub fn set_categories(conn: &Connection, code: &str, schemes: &Schemes) -> Result<()> {
    conn.execute(
        "UPDATE fonds SET categories = ?2 WHERE code = ?1",
        params![code, schemes.categories_text()],
    )?;
    Ok(())
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
         f.scheme, f.categories FROM fonds f ORDER BY f.code"
    ))?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        Ok(Fonds {
            code: r.get(0)?,
            name: r.get(1)?,
            records: r.get(2)?,
            scheme: CodeScheme::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
            categories: Schemes::stored("", &r.get::<_, String>(4)?)
                .by_category
                .into_iter()
                .map(|(category, scheme)| (category, scheme.code()))
                .collect(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
