//! User accounts. The password hash never leaves this module except to be verified.

use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::domain::{Classification, Role};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub clearance: Classification,
    pub disabled: bool,
    pub failed_logins: u32,
    pub locked_until: Option<String>,
}

const COLUMNS: &str =
    "id, name, display_name, role, clearance, disabled, failed_logins, locked_until";

fn vocab<T>(row: &Row, column: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            Type::Text,
            format!("unknown value {text:?}").into(),
        )
    })
}

fn user_from_row(row: &Row) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get(0)?,
        name: row.get(1)?,
        display_name: row.get(2)?,
        role: vocab(row, 3, Role::parse)?,
        clearance: vocab(row, 4, Classification::parse)?,
        disabled: row.get(5)?,
        failed_logins: row.get(6)?,
        locked_until: row.get(7)?,
    })
}

pub fn count(conn: &Connection) -> Result<u64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?)
}

/// A user and their password hash.
pub fn by_name(conn: &Connection, name: &str) -> Result<Option<(User, String)>> {
    let sql = format!("SELECT {COLUMNS}, password_hash FROM users WHERE name = ?1");
    Ok(conn
        .query_row(&sql, [name], |r| Ok((user_from_row(r)?, r.get(8)?)))
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<User>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM users ORDER BY name"))?;
    let rows = stmt.query_map([], user_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub struct NewUser<'a> {
    pub name: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub clearance: Classification,
}

/// Adds a user; its id, or None when the name is taken.
pub fn add(conn: &Connection, user: &NewUser, at: &str) -> Result<Option<i64>> {
    let added = conn.execute(
        "INSERT INTO users (name, display_name, password_hash, role, clearance, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(name) DO NOTHING",
        params![
            user.name,
            user.display_name,
            user.password_hash,
            user.role.code(),
            user.clearance.code(),
            at
        ],
    )?;
    Ok((added == 1).then(|| conn.last_insert_rowid()))
}

pub fn set_password_hash(conn: &Connection, id: i64, hash: &str) -> Result<()> {
    conn.execute(
        "UPDATE users SET password_hash = ?1 WHERE id = ?2",
        params![hash, id],
    )?;
    Ok(())
}

pub fn set_role(conn: &Connection, id: i64, role: Role, clearance: Classification) -> Result<()> {
    conn.execute(
        "UPDATE users SET role = ?1, clearance = ?2 WHERE id = ?3",
        params![role.code(), clearance.code(), id],
    )?;
    Ok(())
}

pub fn set_disabled(conn: &Connection, id: i64, disabled: bool) -> Result<()> {
    conn.execute(
        "UPDATE users SET disabled = ?1 WHERE id = ?2",
        params![disabled, id],
    )?;
    Ok(())
}

/// Records a log-in outcome: the failure count and, if set, the end of a lock-out.
pub fn set_login_state(
    conn: &Connection,
    id: i64,
    failed_logins: u32,
    locked_until: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE users SET failed_logins = ?1, locked_until = ?2 WHERE id = ?3",
        params![failed_logins, locked_until, id],
    )?;
    Ok(())
}

/// The enabled or disabled account whose token has this SHA-256.
pub fn by_token(conn: &Connection, token_sha256: &str) -> Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE token_sha256 = ?1");
    Ok(conn
        .query_row(&sql, [token_sha256], user_from_row)
        .optional()?)
}

/// Gives an account a token (its SHA-256), in place of any it had.
pub fn set_token(conn: &Connection, id: i64, token_sha256: &str) -> Result<()> {
    conn.execute(
        "UPDATE users SET token_sha256 = ?1 WHERE id = ?2",
        params![token_sha256, id],
    )?;
    Ok(())
}
