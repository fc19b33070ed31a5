//! The audit trail's hash chain. Each entry's hash is an HMAC-SHA-256, keyed with the archive's
//! secret (kept outside the database), over the previous entry's hash and this entry's fields: an
//! entry edited, removed or inserted with SQL alone breaks the chain at that entry, because whoever
//! did it cannot compute a valid hash without the key.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub user: Option<String>,
    /// Entries at or after this time (RFC 3339 text, compared as text).
    pub since: Option<String>,
    pub object: Option<String>,
}

/// An entry of the chain as kept outside the archive (in a backup's manifest, a certificate,
/// the system log): `SEQ:HASH`. A trail that no longer holds it was cut or rewritten.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

impl std::fmt::Display for AuditHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

impl std::str::FromStr for AuditHead {
    type Err = crate::i18n::Msg;
    fn from_str(text: &str) -> Result<AuditHead, crate::i18n::Msg> {
        let bad = || -> crate::i18n::Msg {
            crate::i18n::AccountMsg::NotAnchor {
                text: text.to_string(),
            }
            .into()
        };
        let (seq, hash) = text.trim().split_once(':').ok_or_else(bad)?;
        let seq = seq.parse().map_err(|_| bad())?;
        let hash = hash.to_ascii_lowercase();
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(AuditHead { seq, hash })
    }
}

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub user: String,
    pub action: String,
    pub object: String,
    /// JSON.
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The hash of an entry, from its fields and the previous entry's hash.
pub fn entry_hash(key: &[u8], entry: &AuditEntry) -> String {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes a key of any length");
    // Length-prefixed fields: no two different entries serialise to the same bytes.
    for field in [
        entry.prev_hash.as_str(),
        &entry.seq.to_string(),
        &entry.at,
        &entry.user,
        &entry.action,
        &entry.object,
        &entry.detail,
    ] {
        mac.update(&(field.len() as u64).to_be_bytes());
        mac.update(field.as_bytes());
    }
    hex(&mac.finalize().into_bytes())
}

/// What is wrong with a chain, naming the first entry that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// Sequence numbers skip: entries were removed.
    Removed { expected: i64, found: i64 },
    /// The entry does not follow the one before it: something was removed or inserted before it.
    Unlinked { seq: i64 },
    /// The entry's contents do not match its hash: it was altered, or inserted by hand.
    Altered { seq: i64 },
    /// The trail ends before an entry a row of the archive names: entries were cut from its end.
    Shortened {
        last: i64,
        named: i64,
        table: String,
    },
    /// The trail ends before an anchor kept elsewhere.
    BeforeAnchor { last: i64, anchor: i64 },
    /// The entry an anchor names has another hash: the trail was rewritten.
    UnlikeAnchor { seq: i64 },
}

impl ChainBreak {
    /// What is wrong, in words for either language.
    pub fn msg(&self) -> crate::i18n::AccountMsg {
        use crate::i18n::AccountMsg;
        let reason = match self {
            ChainBreak::Removed { expected, found } => AccountMsg::EntryMissing {
                expected: *expected,
                found: *found,
            },
            ChainBreak::Unlinked { seq } => AccountMsg::EntryUnlinked { seq: *seq },
            ChainBreak::Altered { seq } => AccountMsg::EntryAltered { seq: *seq },
            ChainBreak::Shortened { last, named, table } => AccountMsg::Shortened {
                last: *last,
                named: *named,
                table: table.clone(),
            },
            ChainBreak::BeforeAnchor { last, anchor } => AccountMsg::BeforeAnchor {
                last: *last,
                anchor: *anchor,
            },
            ChainBreak::UnlikeAnchor { seq } => AccountMsg::UnlikeAnchor { seq: *seq },
        };
        AccountMsg::Tampered {
            reason: Box::new(reason),
        }
    }
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.msg().fmt(f)
    }
}

/// Checks the next entry of a chain given the previous one's seq and hash.
pub fn check_link(
    key: &[u8],
    previous: Option<(i64, &str)>,
    entry: &AuditEntry,
) -> Result<(), ChainBreak> {
    let (expected_seq, expected_prev) =
        previous.map_or((1, GENESIS), |(seq, hash)| (seq + 1, hash));
    if entry.seq > expected_seq {
        return Err(ChainBreak::Removed {
            expected: expected_seq,
            found: entry.seq,
        });
    }
    if entry_hash(key, entry) != entry.hash {
        return Err(ChainBreak::Altered { seq: entry.seq });
    }
    if entry.seq != expected_seq || entry.prev_hash != expected_prev {
        return Err(ChainBreak::Unlinked { seq: entry.seq });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(key: &[u8]) -> Vec<AuditEntry> {
        let mut entries: Vec<AuditEntry> = Vec::new();
        for (seq, action) in [(1, "login"), (2, "record.add"), (3, "record.edit")] {
            let prev_hash = entries
                .last()
                .map_or(GENESIS.to_string(), |e| e.hash.clone());
            let mut entry = AuditEntry {
                seq,
                at: "2026-11-25T05:00:00Z".into(),
                user: "档案员甲".into(),
                action: action.into(),
                object: "J001-2019-Y-BGS-0001".into(),
                detail: "{}".into(),
                prev_hash,
                hash: String::new(),
            };
            entry.hash = entry_hash(key, &entry);
            entries.push(entry);
        }
        entries
    }

    fn first_break(key: &[u8], entries: &[AuditEntry]) -> Option<ChainBreak> {
        let mut previous: Option<(i64, &str)> = None;
        for entry in entries {
            if let Err(e) = check_link(key, previous, entry) {
                return Some(e);
            }
            previous = Some((entry.seq, &entry.hash));
        }
        None
    }

    #[test]
    fn an_intact_chain_verifies_and_each_kind_of_tampering_is_named() {
        let key = b"archive secret";
        let entries = chain(key);
        assert_eq!(first_break(key, &entries), None);

        let mut edited = entries.clone();
        edited[1].object = "J001-2019-Y-BGS-0002".into();
        assert_eq!(
            first_break(key, &edited),
            Some(ChainBreak::Altered { seq: 2 })
        );

        let removed = [entries[0].clone(), entries[2].clone()];
        assert_eq!(
            first_break(key, &removed),
            Some(ChainBreak::Removed {
                expected: 2,
                found: 3
            })
        );

        // A forger without the key cannot make a hash that verifies.
        let mut forged = entries.clone();
        let mut extra = entries[2].clone();
        extra.seq = 4;
        extra.prev_hash = entries[2].hash.clone();
        extra.hash = entry_hash(b"guessed key", &extra);
        forged.push(extra);
        assert_eq!(
            first_break(key, &forged),
            Some(ChainBreak::Altered { seq: 4 })
        );
        assert_ne!(entry_hash(b"other key", &entries[0]), entries[0].hash);
    }
}
