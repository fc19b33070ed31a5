//! The audit trail as users see it: its key, the log, and verification.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use crate::archive::Archive;
use crate::archive::accounts::Session;
use std::collections::HashMap;

use rusqlite::Connection;

use crate::archive::sight::Sight;
use crate::archive::store::{audit, records, registers};
use crate::domain::audit::AuditFilter;
use crate::domain::audit::{AuditEntry, ChainBreak, check_link};
use crate::domain::{ArchivalCode, Classification, Permission};
use crate::error::{Error, Result};

/// The secret that keys the audit chain. It lives beside the database, not in it, so that SQL
/// access alone cannot forge entries; back it up with the archive.
pub const KEY_FILE: &str = "audit.key";
const KEY_BYTES: usize = 32;

fn hex_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if text.len() != KEY_BYTES * 2 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Writes a new random key (0600). Fails rather than replace an existing one.
pub(crate) fn create_key(dir: &Path) -> Result<Vec<u8>> {
    let path = dir.join(KEY_FILE);
    let mut key = vec![0u8; KEY_BYTES];
    getrandom::fill(&mut key)
        .map_err(|e| Error::Invalid(format!("no randomness for the audit key: {e}")))?;
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).map_err(|e| Error::io(&path, e))?;
    let text: String = key.iter().map(|b| format!("{b:02x}")).collect();
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(&path, e))?;
    Ok(key)
}

/// Reads the key; an archive whose trail is still empty (one made before accounts) gets one.
pub(crate) fn load_key(dir: &Path, trail_is_empty: bool) -> Result<Vec<u8>> {
    let path = dir.join(KEY_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => hex_decode(&text)
            .ok_or_else(|| Error::Invalid(format!("{} is not an audit key", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && trail_is_empty => create_key(dir),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Invalid(format!(
            "{} is missing: the audit trail cannot be kept or verified without it; restore it from a backup",
            path.display()
        ))),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// The outcome of `audit verify` on an intact trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub entries: u64,
    pub last_at: Option<String>,
}

/// The highest classification an entry speaks of: the record it names as that record is
/// classified now, the `class` it was written with (imports, exports, registers), and, for
/// entries written before entries carried a class, the records of the import or register it
/// names. `cache` keeps what is known per object.
fn entry_class(
    conn: &Connection,
    entry: &AuditEntry,
    cache: &mut HashMap<String, Classification>,
) -> Result<Classification> {
    let detail: serde_json::Value = serde_json::from_str(&entry.detail).unwrap_or_default();
    let mut class = detail["class"]
        .as_str()
        .and_then(Classification::parse)
        .unwrap_or_default();
    let object_class = match cache.get(&entry.object) {
        Some(known) => *known,
        None => object_class(conn, entry, &detail, cache)?,
    };
    class = class.max(object_class);
    if entry.action == "records.export" && detail["restricted"].as_u64().unwrap_or(0) > 0 {
        class = class.max(Classification::Secret);
    }
    Ok(class)
}

fn object_class(
    conn: &Connection,
    entry: &AuditEntry,
    detail: &serde_json::Value,
    cache: &mut HashMap<String, Classification>,
) -> Result<Classification> {
    let everything = Sight::whole_archive();
    let class_of = |record: Option<crate::domain::Record>| {
        record.map_or(Classification::Public, |r| r.data.classification)
    };
    if let Ok(code) = entry.object.parse::<ArchivalCode>() {
        let class = class_of(records::by_code(conn, &code, everything)?);
        cache.insert(entry.object.clone(), class);
        return Ok(class);
    }
    Ok(match entry.action.as_str() {
        "records.import" => match detail["import"].as_i64() {
            Some(import) => {
                let ids = "SELECT id FROM records WHERE import_id = ?1";
                records::highest_class(conn, ids, import)?
            }
            None => Classification::Public,
        },
        // A decision about one line speaks of that line's record only.
        "register.resolve" | "register.pick" => match &detail["record"] {
            serde_json::Value::Number(id) => match id.as_i64() {
                Some(id) => class_of(records::by_id(conn, id, everything)?),
                None => Classification::Public,
            },
            serde_json::Value::String(code) => match code.parse() {
                Ok(code) => class_of(records::by_code(conn, &code, everything)?),
                Err(_) => Classification::Public,
            },
            _ => Classification::Public,
        },
        action if action.starts_with("register.") => {
            match registers::by_scope(conn, &entry.object)? {
                Some(register) => registers::highest_class(conn, register.id)?,
                None => Classification::Public,
            }
        }
        _ => Classification::Public,
    })
}

impl Archive {
    /// Entries of the filter, oldest first, at most `limit`, leaving out every entry that speaks
    /// of a record above the session's clearance (its title, its files, its loans, or a count that
    /// includes it): for that user those entries do not exist.
    pub fn audit_log(
        &self,
        session: &Session,
        filter: &AuditFilter,
        limit: u64,
    ) -> Result<Vec<AuditEntry>> {
        session.require(Permission::ReadAudit)?;
        let sight = Sight::of(session);
        let conn = self.store.conn();
        let mut classes = HashMap::new();
        let mut shown = Vec::new();
        let mut after = 0;
        while (shown.len() as u64) < limit {
            let batch = audit::list(conn, filter, after, limit)?;
            let Some(last) = batch.last() else { break };
            after = last.seq;
            for entry in batch {
                if sight.sees(entry_class(conn, &entry, &mut classes)?)
                    && (shown.len() as u64) < limit
                {
                    shown.push(entry);
                }
            }
        }
        Ok(shown)
    }

    /// Recomputes the chain from the first entry; names the first one that was altered, removed
    /// or inserted behind the program's back.
    pub fn verify_audit(&self, session: &Session) -> Result<Verified> {
        session.require(Permission::ReadAudit)?;
        self.verify_chain()
    }

    /// The chain check itself, for `verify_audit` and the archive check.
    pub(crate) fn verify_chain(&self) -> Result<Verified> {
        self.verify_chain_of(self.store.conn())
    }

    /// Verifies the trail in `conn` (this archive's, or a copy of it) with this archive's key.
    pub(crate) fn verify_chain_of(&self, conn: &rusqlite::Connection) -> Result<Verified> {
        let mut previous: Option<(i64, String, String)> = None;
        let mut entries = 0;
        let mut broken: Option<ChainBreak> = None;
        audit::for_each(conn, |entry| {
            if let Err(e) = check_link(
                &self.audit_key,
                previous.as_ref().map(|(s, h, _)| (*s, h.as_str())),
                &entry,
            ) {
                broken = Some(e);
                return Ok(false);
            }
            entries += 1;
            previous = Some((entry.seq, entry.hash, entry.at));
            Ok(true)
        })?;
        match broken {
            Some(e) => Err(Error::AuditBroken(e.to_string())),
            None => Ok(Verified {
                entries,
                last_at: previous.map(|(_, _, at)| at),
            }),
        }
    }
}
