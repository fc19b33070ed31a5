//! The audit log as a reader of it sees it: entries that speak of records above the reader's
//! clearance are left out, so for that reader they do not exist.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::archive::sight::Sight;
use crate::archive::store::{audit, records, registers};
use crate::archive::{Archive, Session};
use crate::domain::audit::{AuditEntry, AuditFilter};
use crate::domain::{ArchivalCode, Classification, Permission};
use crate::error::Result;

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
        self.audit_entries(session, filter, limit, false)
    }

    /// As `audit_log`, the latest first: what an auditor looks at first.
    pub fn audit_latest(
        &self,
        session: &Session,
        filter: &AuditFilter,
        limit: u64,
    ) -> Result<Vec<AuditEntry>> {
        self.audit_entries(session, filter, limit, true)
    }

    fn audit_entries(
        &self,
        session: &Session,
        filter: &AuditFilter,
        limit: u64,
        latest_first: bool,
    ) -> Result<Vec<AuditEntry>> {
        session.require(Permission::ReadAudit)?;
        let sight = Sight::of(session);
        let conn = self.store.conn();
        let mut classes = HashMap::new();
        let mut shown = Vec::new();
        let mut from = if latest_first { i64::MAX } else { 0 };
        while (shown.len() as u64) < limit {
            let batch = match latest_first {
                true => audit::list_before(conn, filter, from, limit)?,
                false => audit::list(conn, filter, from, limit)?,
            };
            let Some(last) = batch.last() else { break };
            from = last.seq;
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
}

/// The highest classification an entry speaks of: the record it names at the highest it was
/// ever classified, the `class` it was written with (imports, exports, registers), and, for
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
    // A record speaks with the highest classification it ever had: entries from before it was
    // declassified may hold what it said then.
    let class_of = |record: Option<crate::domain::Record>| -> Result<Classification> {
        let Some(record) = record else {
            return Ok(Classification::Public);
        };
        let earlier = records::revisions(conn, record.id)?;
        Ok(earlier
            .iter()
            .map(|r| r.data.classification)
            .fold(record.data.classification, Classification::max))
    };
    if let Ok(code) = entry.object.parse::<ArchivalCode>() {
        let class = class_of(records::by_code(conn, &code, everything)?)?;
        cache.insert(entry.object.clone(), class);
        return Ok(class);
    }
    // A volume's 密级 only rises (it covers what is put inside): its present one covers every
    // entry about it.
    if let Ok(code) = entry.object.parse::<crate::domain::volume::VolumeCode>() {
        let volume = crate::archive::store::volumes::by_code(conn, &code, everything)?;
        let class = volume.map_or(Classification::Public, |v| v.data.classification);
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
                Some(id) => class_of(records::by_id(conn, id, everything)?)?,
                None => Classification::Public,
            },
            serde_json::Value::String(code) => match code.parse() {
                Ok(code) => class_of(records::by_code(conn, &code, everything)?)?,
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
