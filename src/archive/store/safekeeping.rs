//! What safekeeping keeps: the register of backup media and restore drills (备份介质登记), the
//! alarms raised until a person acknowledges them, and when each digital object was last
//! re-hashed (so a routine re-hashes a rotating share and every object within its period).

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

/// Migration 19. The register and alarms are kept like the other registers: a row is never
/// deleted, and only an alarm's acknowledgement (once) is written after it.
pub(super) const V19_SAFEKEEPING: &str = "
CREATE TABLE backup_register (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('backup', 'drill')),
    archive TEXT NOT NULL,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    location TEXT NOT NULL,
    medium TEXT NOT NULL DEFAULT '',
    encrypted INTEGER NOT NULL DEFAULT 0,
    manifest_sha256 TEXT NOT NULL DEFAULT '',
    file_sha256 TEXT NOT NULL DEFAULT '',
    routine INTEGER NOT NULL DEFAULT 0,
    audit_head TEXT NOT NULL DEFAULT '',
    records INTEGER NOT NULL DEFAULT 0,
    objects INTEGER NOT NULL DEFAULT 0,
    bytes INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    ok INTEGER NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    pruned_at TEXT
);
CREATE TRIGGER backup_register_kept BEFORE DELETE ON backup_register
BEGIN SELECT RAISE(ABORT, 'the backup register is kept'); END;
CREATE TRIGGER backup_register_fixed BEFORE UPDATE ON backup_register
WHEN OLD.pruned_at IS NOT NULL OR NEW.id <> OLD.id OR NEW.at <> OLD.at OR NEW.location <> OLD.location
  OR NEW.manifest_sha256 <> OLD.manifest_sha256 OR NEW.ok <> OLD.ok OR NEW.kind <> OLD.kind
BEGIN SELECT RAISE(ABORT, 'the backup register is kept'); END;
CREATE TABLE alarms (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    times INTEGER NOT NULL DEFAULT 1,
    detail TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alarms_open ON alarms(kind) WHERE acknowledged_at IS NULL;
CREATE TRIGGER alarms_kept BEFORE DELETE ON alarms
BEGIN SELECT RAISE(ABORT, 'alarms are kept'); END;
CREATE TRIGGER alarms_acknowledged_once BEFORE UPDATE ON alarms
WHEN OLD.acknowledged_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an acknowledged alarm is kept as it was'); END;
CREATE TABLE fixity (
    sha256 TEXT PRIMARY KEY,
    checked_at TEXT NOT NULL
) WITHOUT ROWID;
";

/// One row of the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: i64,
    pub kind: String,
    /// The archive (its absolute directory) that made the entry: a restored copy carries the
    /// register of the archive it came from, whose backups are not its own.
    pub archive: String,
    pub at: String,
    pub by: String,
    pub location: String,
    pub medium: String,
    pub encrypted: bool,
    pub manifest_sha256: String,
    /// An encrypted backup's file, hashed as written.
    pub file_sha256: String,
    /// Made by the routine (only those are pruned).
    pub routine: bool,
    pub audit_head: String,
    pub records: u64,
    pub objects: u64,
    pub bytes: u64,
    pub seconds: f64,
    pub ok: bool,
    pub detail: String,
    pub pruned_at: Option<String>,
}

const ENTRY_COLUMNS: &str = "id, kind, archive, at, by, location, medium, encrypted, manifest_sha256, \
     audit_head, records, objects, bytes, seconds, ok, detail, pruned_at, file_sha256, routine";

fn entry_from_row(row: &rusqlite::Row) -> rusqlite::Result<Entry> {
    let count = |at: usize| -> rusqlite::Result<u64> { Ok(row.get::<_, i64>(at)?.max(0) as u64) };
    Ok(Entry {
        id: row.get(0)?,
        kind: row.get(1)?,
        archive: row.get(2)?,
        at: row.get(3)?,
        by: row.get(4)?,
        location: row.get(5)?,
        medium: row.get(6)?,
        encrypted: row.get(7)?,
        manifest_sha256: row.get(8)?,
        audit_head: row.get(9)?,
        records: count(10)?,
        objects: count(11)?,
        bytes: count(12)?,
        seconds: row.get(13)?,
        ok: row.get(14)?,
        detail: row.get(15)?,
        pruned_at: row.get(16)?,
        file_sha256: row.get(17)?,
        routine: row.get(18)?,
    })
}

/// Writes `entry` (its id is given by the store) and returns its id.
pub fn register(conn: &Connection, entry: &Entry) -> Result<i64> {
    conn.execute(
        "INSERT INTO backup_register (kind, at, by, location, medium, encrypted, manifest_sha256, \
         audit_head, records, objects, bytes, seconds, ok, detail, archive, file_sha256, routine) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            entry.kind,
            entry.at,
            entry.by,
            entry.location,
            entry.medium,
            entry.encrypted,
            entry.manifest_sha256,
            entry.audit_head,
            entry.records as i64,
            entry.objects as i64,
            entry.bytes as i64,
            entry.seconds,
            entry.ok,
            entry.detail,
            entry.archive,
            entry.file_sha256,
            entry.routine,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The register, newest first.
pub fn entries(conn: &Connection) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM backup_register ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map([], entry_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks a backup's directory removed by the policy (the row stays).
pub fn mark_pruned(conn: &Connection, id: i64, at: &str) -> Result<()> {
    conn.execute(
        "UPDATE backup_register SET pruned_at = ?2 WHERE id = ?1 AND pruned_at IS NULL",
        params![id, at],
    )?;
    Ok(())
}

/// An alarm as shown and acknowledged.
#[derive(Debug, Clone, PartialEq)]
pub struct Alarm {
    pub id: i64,
    pub kind: String,
    pub raised_at: String,
    pub last_seen_at: String,
    pub times: u64,
    pub detail: String,
    pub acknowledged: Option<(String, String)>,
    pub note: String,
}

fn alarm_from_row(row: &rusqlite::Row) -> rusqlite::Result<Alarm> {
    let at: Option<String> = row.get(6)?;
    let by: Option<String> = row.get(7)?;
    Ok(Alarm {
        id: row.get(0)?,
        kind: row.get(1)?,
        raised_at: row.get(2)?,
        last_seen_at: row.get(3)?,
        times: row.get::<_, i64>(4)?.max(0) as u64,
        detail: row.get(5)?,
        acknowledged: at.zip(by),
        note: row.get(8)?,
    })
}

const ALARM_COLUMNS: &str =
    "id, kind, raised_at, last_seen_at, times, detail, acknowledged_at, acknowledged_by, note";

/// Raises an alarm of `kind`, or, while one of that kind waits for acknowledgement, counts it
/// seen again (one alarm per cause until a person has looked). Its id when it is new.
pub fn raise(conn: &Connection, kind: &str, detail: &str, at: &str) -> Result<Option<i64>> {
    let open: Option<i64> = conn
        .query_row(
            "SELECT id FROM alarms WHERE kind = ?1 AND acknowledged_at IS NULL",
            [kind],
            |row| row.get(0),
        )
        .optional()?;
    match open {
        Some(id) => {
            conn.execute(
                "UPDATE alarms SET last_seen_at = ?2, times = times + 1, detail = ?3 WHERE id = ?1",
                params![id, at, detail],
            )?;
            Ok(None)
        }
        None => {
            conn.execute(
                "INSERT INTO alarms (kind, raised_at, last_seen_at, detail) VALUES (?1, ?2, ?2, ?3)",
                params![kind, at, detail],
            )?;
            Ok(Some(conn.last_insert_rowid()))
        }
    }
}

/// Alarms waiting for a person, oldest first; with `all`, acknowledged ones too.
pub fn alarms(conn: &Connection, all: bool) -> Result<Vec<Alarm>> {
    let term = if all {
        ""
    } else {
        "WHERE acknowledged_at IS NULL"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {ALARM_COLUMNS} FROM alarms {term} ORDER BY id"
    ))?;
    let rows = stmt.query_map([], alarm_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When an alarm of `kind` was last acknowledged: what a person has looked at is not counted
/// again.
pub fn last_acknowledged(conn: &Connection, kind: &str) -> Result<Option<String>> {
    Ok(conn.query_row(
        "SELECT MAX(acknowledged_at) FROM alarms WHERE kind = ?1",
        [kind],
        |row| row.get(0),
    )?)
}

/// Acknowledges alarm `id`; false when there is none waiting.
pub fn acknowledge(conn: &Connection, id: i64, by: &str, at: &str, note: &str) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE alarms SET acknowledged_at = ?2, acknowledged_by = ?3, note = ?4 \
         WHERE id = ?1 AND acknowledged_at IS NULL",
        params![id, at, by, note],
    )?;
    Ok(changed == 1)
}

/// Stored objects with when each was last re-hashed (never: the empty string), oldest first.
pub fn fixity_due(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT o.sha256, COALESCE(f.checked_at, '') AS at FROM \
         (SELECT DISTINCT sha256 FROM objects WHERE removed_at IS NULL) o \
         LEFT JOIN fixity f ON f.sha256 = o.sha256 ORDER BY at, o.sha256",
    )?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Notes that the object `sha256` was re-hashed at `at` and matched.
pub fn fixity_checked(conn: &Connection, sha256: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO fixity (sha256, checked_at) VALUES (?1, ?2) \
         ON CONFLICT(sha256) DO UPDATE SET checked_at = excluded.checked_at",
        params![sha256, at],
    )?;
    Ok(())
}
