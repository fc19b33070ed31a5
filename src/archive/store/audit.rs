//! The audit table: appended to inside the transaction of the change it records, read in order.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use crate::domain::audit::{AuditEntry, AuditFilter, GENESIS, entry_hash};
use crate::error::Result;

const COLUMNS: &str = "seq, at, user, action, object, detail, prev_hash, hash";

fn entry_from_row(row: &Row) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: row.get(0)?,
        at: row.get(1)?,
        user: row.get(2)?,
        action: row.get(3)?,
        object: row.get(4)?,
        detail: row.get(5)?,
        prev_hash: row.get(6)?,
        hash: row.get(7)?,
    })
}

/// Who acts, when, and the key their entries are chained with: shared by the entries of one change.
pub struct Stamp<'a> {
    pub key: &'a [u8],
    pub at: &'a str,
    pub user: &'a str,
}

impl Stamp<'_> {
    /// Appends an entry; see `append`.
    pub fn append(
        &self,
        conn: &Connection,
        action: &str,
        object: &str,
        detail: serde_json::Value,
    ) -> Result<i64> {
        append(
            conn,
            self.key,
            &Event {
                at: self.at,
                user: self.user,
                action,
                object,
                detail,
            },
        )
    }
}

/// What an entry says; seq and hashes are filled in by `append`.
struct Event<'a> {
    at: &'a str,
    user: &'a str,
    action: &'a str,
    object: &'a str,
    detail: serde_json::Value,
}

/// Appends an entry chained to the last one. Call inside the change's own write transaction, which
/// also serialises appends between sessions.
fn append(conn: &Connection, key: &[u8], event: &Event) -> Result<i64> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = last.map_or((1, GENESIS.to_string()), |(seq, hash)| (seq + 1, hash));
    let mut entry = AuditEntry {
        seq,
        at: event.at.to_string(),
        user: event.user.to_string(),
        action: event.action.to_string(),
        object: event.object.to_string(),
        detail: event.detail.to_string(),
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry_hash(key, &entry);
    conn.execute(
        &format!("INSERT INTO audit ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        params![
            entry.seq,
            entry.at,
            entry.user,
            entry.action,
            entry.object,
            entry.detail,
            entry.prev_hash,
            entry.hash
        ],
    )?;
    Ok(seq)
}

/// Entries of the filter after entry `after`, oldest first, at most `limit`.
pub fn list(
    conn: &Connection,
    filter: &AuditFilter,
    after: i64,
    limit: u64,
) -> Result<Vec<AuditEntry>> {
    select(conn, filter, ("seq > ?", after), "seq", limit)
}

/// As `list`, newest first, from before entry `before`.
pub fn list_before(
    conn: &Connection,
    filter: &AuditFilter,
    before: i64,
    limit: u64,
) -> Result<Vec<AuditEntry>> {
    select(conn, filter, ("seq < ?", before), "seq DESC", limit)
}

fn select(
    conn: &Connection,
    filter: &AuditFilter,
    (from, seq): (&str, i64),
    order: &str,
    limit: u64,
) -> Result<Vec<AuditEntry>> {
    let mut terms = vec![from];
    let mut values = vec![Value::Integer(seq)];
    for (term, value) in [
        ("user = ?", &filter.user),
        ("at >= ?", &filter.since),
        ("object = ?", &filter.object),
    ] {
        if let Some(value) = value {
            terms.push(term);
            values.push(Value::Text(value.clone()));
        }
    }
    let clause = format!("WHERE {}", terms.join(" AND "));
    values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    let sql = format!("SELECT {COLUMNS} FROM audit {clause} ORDER BY {order} LIMIT ?");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn is_empty(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM audit)", [], |r| r.get(0))?)
}

/// Every entry in sequence order, streamed.
pub fn for_each(
    conn: &Connection,
    mut visit: impl FnMut(AuditEntry) -> Result<bool>,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if !visit(entry_from_row(row)?)? {
            break;
        }
    }
    Ok(())
}

/// The last entry's sequence number and hash: the head of the chain.
pub fn head(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The hash of one entry, if the trail holds it.
pub fn hash_of(conn: &Connection, seq: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT hash FROM audit WHERE seq = ?1", [seq], |r| r.get(0))
        .optional()?)
}

/// The tables whose rows name the audit entry of the change that left them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    Record,
    Loan,
    Register,
    Line,
    User,
    Object,
    Appraisal,
}

impl Marked {
    const ALL: [Marked; 7] = [
        Marked::Record,
        Marked::Loan,
        Marked::Register,
        Marked::Line,
        Marked::User,
        Marked::Object,
        Marked::Appraisal,
    ];

    fn table(self) -> &'static str {
        match self {
            Marked::Record => "records",
            Marked::Loan => "loans",
            Marked::Register => "registers",
            Marked::Line => "register_lines",
            Marked::User => "users",
            Marked::Object => "objects",
            Marked::Appraisal => "appraisals",
        }
    }
}

/// Ties every line of a register to the audit entry that brought it in.
pub fn mark_register(conn: &Connection, register_id: i64, seq: i64) -> Result<()> {
    conn.execute(
        "UPDATE register_lines SET audit_seq = ?2 WHERE register_id = ?1",
        params![register_id, seq],
    )?;
    mark(conn, Marked::Register, register_id, seq)
}

/// Ties a row to the audit entry of its change.
pub fn mark(conn: &Connection, table: Marked, id: i64, seq: i64) -> Result<()> {
    let sql = format!("UPDATE {} SET audit_seq = ?2 WHERE id = ?1", table.table());
    conn.prepare_cached(&sql)?.execute(params![id, seq])?;
    Ok(())
}

/// The highest entry any row names, and the table of that row: the trail must reach it.
pub fn highest_reference(conn: &Connection) -> Result<Option<(i64, &'static str)>> {
    let mut highest: Option<(i64, &'static str)> = None;
    let tables = Marked::ALL
        .iter()
        .map(|m| m.table())
        .chain(["record_revisions"]);
    for table in tables {
        let sql = format!("SELECT MAX(audit_seq) FROM {table}");
        let found: Option<i64> = conn.query_row(&sql, [], |r| r.get(0))?;
        if let Some(seq) = found
            && highest.is_none_or(|(h, _)| seq > h)
        {
            highest = Some((seq, table));
        }
    }
    Ok(highest)
}

/// How many entries of `action` there are at or after `since`: the trail is read from its end,
/// no further back than `since`.
pub fn count_since(conn: &Connection, action: &str, since: &str) -> Result<u64> {
    let mut stmt = conn.prepare("SELECT at, action FROM audit ORDER BY seq DESC")?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let at: String = row.get(0)?;
        if at.as_str() < since {
            break;
        }
        if row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)? == action {
            count += 1;
        }
    }
    Ok(count)
}
