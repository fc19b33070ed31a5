//! The audit trail's key and its verification: the chain itself, the rows that name its entries,
//! and anchors of its head kept elsewhere (a backup, a certificate, the system log).

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::archive::Archive;
use crate::archive::accounts::Session;
use crate::archive::store::{Store, audit, settings, users};
use crate::domain::Permission;
use crate::domain::audit::{AuditHead, ChainBreak, check_link};
use crate::error::{Error, Result};
use crate::i18n::AccountMsg;

fn shown(path: &Path) -> String {
    path.display().to_string()
}

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
pub(in crate::archive) fn create_key(dir: &Path) -> Result<Vec<u8>> {
    let path = dir.join(KEY_FILE);
    let mut key = vec![0u8; KEY_BYTES];
    getrandom::fill(&mut key).map_err(|e| {
        Error::Internal(
            AccountMsg::NoRandomness {
                detail: e.to_string(),
            }
            .to_string(),
        )
    })?;
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

/// The key's fingerprint as the database keeps it: a key put in its place is seen.
const SETTING_KEY_ID: &str = "audit.key_sha256";

fn key_id(key: &[u8]) -> String {
    crate::domain::format::hex(&Sha256::digest(key))
}

/// Records the fingerprint of a new archive's key.
pub(in crate::archive) fn record_key(store: &mut Store, key: &[u8]) -> Result<()> {
    let id = key_id(key);
    store.write(|tx| settings::set(tx, SETTING_KEY_ID, &id))
}

/// Reads the key. A key is made only for an archive that never had one (made before accounts:
/// no trail, no accounts, no fingerprint, no row naming an entry); a key that is missing, or
/// is not the one the archive recorded, is an error, never made anew over existing data.
pub(in crate::archive) fn load_key(dir: &Path, store: &mut Store) -> Result<Vec<u8>> {
    let path = dir.join(KEY_FILE);
    let recorded = settings::get(store.conn(), SETTING_KEY_ID)?;
    let key = match std::fs::read_to_string(&path) {
        Ok(text) => hex_decode(&text).ok_or_else(|| {
            Error::AuditBroken(AccountMsg::KeyUnreadable { path: shown(&path) }.into())
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let conn = store.conn();
            let never_had_one = recorded.is_none()
                && audit::is_empty(conn)?
                && users::count(conn)? == 0
                && audit::highest_reference(conn)?.is_none();
            if !never_had_one {
                return Err(Error::AuditBroken(
                    AccountMsg::KeyMissing { path: shown(&path) }.into(),
                ));
            }
            let key = create_key(dir)?;
            record_key(store, &key)?;
            return Ok(key);
        }
        Err(e) => return Err(Error::io(&path, e)),
    };
    match recorded {
        Some(id) if id != key_id(&key) => Err(Error::AuditBroken(
            AccountMsg::KeyForeign { path: shown(&path) }.into(),
        )),
        Some(_) => Ok(key),
        None if store.is_read_only() => Ok(key),
        None => {
            record_key(store, &key)?;
            Ok(key)
        }
    }
}

/// The outcome of `audit verify` on an intact trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub entries: u64,
    pub last_at: Option<String>,
    /// The last entry: the anchor to keep elsewhere.
    pub head: Option<AuditHead>,
    /// Anchors checked and found in the trail.
    pub anchors: usize,
}

impl Archive {
    /// Recomputes the chain from the first entry and names the first one altered, removed or
    /// inserted behind the program's back; checks that the trail reaches every entry the
    /// archive's rows name, and that it holds each anchor (`SEQ:HASH` kept elsewhere).
    pub fn verify_audit(&self, session: &Session, anchors: &[AuditHead]) -> Result<Verified> {
        session.require(Permission::ReadAudit)?;
        let mut verified = self.verify_chain()?;
        let conn = self.store.conn();
        for anchor in anchors {
            match audit::hash_of(conn, anchor.seq)? {
                None => {
                    let last = verified.head.as_ref().map_or(0, |h| h.seq);
                    let broken = ChainBreak::BeforeAnchor {
                        last,
                        anchor: anchor.seq,
                    };
                    return Err(Error::AuditBroken(broken.msg().into()));
                }
                Some(hash) if hash != anchor.hash => {
                    let broken = ChainBreak::UnlikeAnchor { seq: anchor.seq };
                    return Err(Error::AuditBroken(broken.msg().into()));
                }
                Some(_) => verified.anchors += 1,
            }
        }
        Ok(verified)
    }

    /// The chain check itself, for `verify_audit` and the archive check: the trail and the rows
    /// that name its entries read at one moment, whatever other sessions append meanwhile.
    pub(in crate::archive) fn verify_chain(&self) -> Result<Verified> {
        self.store.snapshot(|conn| self.verify_chain_of(conn))
    }

    /// The head of the trail now, to keep elsewhere as an anchor.
    pub(in crate::archive) fn audit_head(&self) -> Result<Option<AuditHead>> {
        Ok(audit::head(self.store.conn())?.map(|(seq, hash)| AuditHead { seq, hash }))
    }

    /// Verifies the trail in `conn` (this archive's, or a copy of it) with this archive's key.
    pub(in crate::archive) fn verify_chain_of(
        &self,
        conn: &rusqlite::Connection,
    ) -> Result<Verified> {
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
        if let Some(e) = broken {
            return Err(Error::AuditBroken(e.msg().into()));
        }
        let last = previous.as_ref().map_or(0, |(seq, _, _)| *seq);
        if let Some((named, table)) = audit::highest_reference(conn)?
            && named > last
        {
            let broken = ChainBreak::Shortened {
                last,
                named,
                table: table.to_string(),
            };
            return Err(Error::AuditBroken(broken.msg().into()));
        }
        Ok(Verified {
            entries,
            last_at: previous.as_ref().map(|(_, _, at)| at.clone()),
            head: previous.map(|(seq, hash, _)| AuditHead { seq, hash }),
            anchors: 0,
        })
    }
}
