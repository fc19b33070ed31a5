//! The register of backup media (备份介质登记): every backup made or failed and every restore
//! drill, with who, where, on what, the SHA-256 of its manifest and the audit head it holds.

use std::path::Path;

use serde_json::json;

use super::{BackupOptions, BackupSummary};
use crate::archive::Archive;
use crate::archive::store::safekeeping::{self, Entry};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};

/// One row of the register.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupEntry(pub(in crate::archive) Entry);

impl BackupEntry {
    pub fn id(&self) -> i64 {
        self.0.id
    }
    /// The archive (absolute directory) that made it.
    pub fn archive(&self) -> &str {
        &self.0.archive
    }
    pub fn is_drill(&self) -> bool {
        self.0.kind == "drill"
    }
    pub fn at(&self) -> &str {
        &self.0.at
    }
    pub fn by(&self) -> &str {
        &self.0.by
    }
    pub fn location(&self) -> &str {
        &self.0.location
    }
    pub fn medium(&self) -> &str {
        &self.0.medium
    }
    pub fn encrypted(&self) -> bool {
        self.0.encrypted
    }
    pub fn manifest_sha256(&self) -> &str {
        &self.0.manifest_sha256
    }
    pub fn audit_head(&self) -> &str {
        &self.0.audit_head
    }
    pub fn records(&self) -> u64 {
        self.0.records
    }
    pub fn objects(&self) -> u64 {
        self.0.objects
    }
    pub fn bytes(&self) -> u64 {
        self.0.bytes
    }
    pub fn seconds(&self) -> f64 {
        self.0.seconds
    }
    pub fn ok(&self) -> bool {
        self.0.ok
    }
    pub fn pruned_at(&self) -> Option<&str> {
        self.0.pruned_at.as_deref()
    }
    /// What went wrong, in `lang` (empty when nothing did).
    pub fn detail(&self, lang: Lang) -> String {
        detail_text(&self.0.detail, lang)
    }
}

/// A message kept in both languages, so that each reader reads their own.
pub(in crate::archive) fn both_languages(error: &Error) -> String {
    json!({ "zh": error.text(Lang::Zh), "en": error.text(Lang::En) }).to_string()
}

pub(in crate::archive) fn both_msg(msg: &Msg) -> String {
    json!({ "zh": msg.text(Lang::Zh), "en": msg.text(Lang::En) }).to_string()
}

pub(in crate::archive) fn detail_text(kept: &str, lang: Lang) -> String {
    let key = match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    serde_json::from_str::<serde_json::Value>(kept)
        .ok()
        .and_then(|v| v[key].as_str().map(str::to_string))
        .unwrap_or_else(|| kept.to_string())
}

/// An absolute path as the register keeps it (a relative one means nothing a year later).
pub(in crate::archive) fn location(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

impl Archive {
    /// The register, newest first. Like `backup` itself, it is the operator's: no record is in it.
    pub fn backup_register(&self) -> Result<Vec<BackupEntry>> {
        let entries = safekeeping::entries(self.store.conn())?;
        Ok(entries.into_iter().map(BackupEntry).collect())
    }

    pub(in crate::archive) fn enter_in_register(&mut self, by: &str, entry: Entry) -> Result<i64> {
        let action = match entry.kind.as_str() {
            "drill" => "backup.drill",
            _ => "backup.registered",
        };
        let target = entry.location.clone();
        self.audited(by, |tx, stamp| {
            let id = safekeeping::register(tx, &entry)?;
            let detail = json!({
                "register": id, "ok": entry.ok, "encrypted": entry.encrypted,
                "medium": entry.medium, "manifest_sha256": entry.manifest_sha256,
                "audit_head": entry.audit_head,
            });
            stamp.append(tx, action, &target, detail)?;
            Ok(id)
        })
    }

    pub(super) fn register_backup(
        &mut self,
        dest: &Path,
        by: &str,
        options: &BackupOptions,
        written: &Result<BackupSummary>,
        seconds: f64,
    ) -> Result<i64> {
        let mut entry = Entry {
            id: 0,
            kind: "backup".into(),
            archive: location(&self.dir),
            at: self.now(),
            by: by.into(),
            location: location(dest),
            medium: options.medium.clone(),
            encrypted: options.seal.is_some(),
            manifest_sha256: String::new(),
            file_sha256: String::new(),
            routine: options.routine,
            audit_head: String::new(),
            records: 0,
            objects: 0,
            bytes: 0,
            seconds,
            ok: written.is_ok(),
            detail: String::new(),
            pruned_at: None,
        };
        match written {
            Ok(summary) => {
                entry.manifest_sha256 = summary.manifest_sha256.clone();
                entry.file_sha256 = summary.file_sha256.clone();
                entry.audit_head = summary
                    .head
                    .as_ref()
                    .map_or(String::new(), |h| h.to_string());
                entry.records = summary.records;
                entry.objects = summary.objects as u64;
                entry.bytes = summary.bytes;
            }
            Err(error) => entry.detail = both_languages(error),
        }
        self.enter_in_register(by, entry)
    }
}
