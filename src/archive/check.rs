//! The weekly check: is the database sound, is the audit chain whole, is every digital object
//! the file it was, and does the search index agree with the store. Reads only, unless asked to
//! rebuild an index that disagrees.

use std::collections::BTreeSet;
use std::path::Path;

use crate::archive::objects::{hash_file, object_path};
use crate::archive::search::apply_pending;
use crate::archive::sight::Sight;
use crate::archive::store::{health, objects, outbox, records};
use crate::archive::{Archive, OBJECTS_DIR};
use crate::error::{Error, Result};

/// How many records are looked up one by one in the index.
const INDEX_SAMPLE: u64 = 500;

/// One line of the report: what was checked, what was seen, and what is wrong (empty: nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
    pub name: &'static str,
    pub summary: String,
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub lines: Vec<CheckLine>,
    /// Not wrong, but worth knowing (e.g. a file left by an interrupted attach).
    pub notes: Vec<String>,
    /// The index disagreed and was rebuilt (with `--repair-index`).
    pub index_rebuilt: bool,
}

impl CheckReport {
    pub fn findings(&self) -> usize {
        self.lines.iter().map(|l| l.findings.len()).sum()
    }
}

fn line(name: &'static str, summary: String, findings: Vec<String>) -> CheckLine {
    CheckLine {
        name,
        summary,
        findings,
    }
}

/// Files under `objects/` that no row names: left by an attach that was interrupted or refused.
fn unreferenced(objects_dir: &Path, known: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(prefixes) = std::fs::read_dir(objects_dir) else {
        return found;
    };
    for entry in prefixes.flatten() {
        let path = entry.path();
        let files = match std::fs::read_dir(&path) {
            Ok(files) => files.flatten().map(|f| f.path()).collect(),
            Err(_) => vec![path],
        };
        for file in files {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !known.contains(&name) {
                found.push(file.display().to_string());
            }
        }
    }
    found.sort();
    found
}

impl Archive {
    /// Runs every check; `progress` hears the name of each as it starts.
    pub fn check(
        &mut self,
        repair_index: bool,
        progress: &mut dyn FnMut(&str),
    ) -> Result<CheckReport> {
        let mut lines = Vec::new();
        let mut notes = Vec::new();

        progress("database");
        let conn = self.store.conn();
        let problems = health::integrity(conn)?;
        lines.push(line("database", "SQLite integrity_check".into(), problems));
        let problems = health::foreign_keys(conn)?;
        lines.push(line(
            "references",
            "SQLite foreign_key_check".into(),
            problems,
        ));

        progress("audit");
        lines.push(match self.verify_chain() {
            Ok(verified) => line(
                "audit",
                format!("{} entries, chain intact", verified.entries),
                Vec::new(),
            ),
            Err(Error::AuditBroken(broken)) => {
                line("audit", "chain broken".into(), vec![broken.to_string()])
            }
            Err(e) => return Err(e),
        });

        progress("objects");
        let stored = objects::stored(self.store.conn())?;
        let mut problems = Vec::new();
        let mut bytes = 0;
        for (sha256, size) in &stored {
            let path = object_path(&self.dir, sha256);
            match hash_file(&path) {
                Ok((hash, found)) if hash == *sha256 && found == *size => bytes += size,
                Ok((hash, found)) => problems.push(format!(
                    "{}: altered (now {found} bytes, SHA-256 {hash}; recorded {size} bytes, {sha256})",
                    path.display()
                )),
                Err(e) => problems.push(format!("{sha256}: missing or unreadable ({e})")),
            }
        }
        let known: BTreeSet<String> = stored.iter().map(|(s, _)| s.clone()).collect();
        for file in unreferenced(&self.dir.join(OBJECTS_DIR), &known) {
            notes.push(format!(
                "{file}: not attached to any record (left by an interrupted attach); safe to delete"
            ));
        }
        lines.push(line(
            "objects",
            format!("{} files, {bytes} bytes re-hashed (SHA-256)", stored.len()),
            problems,
        ));

        progress("index");
        let mut index = self.index_agreement()?;
        let mut index_rebuilt = false;
        if repair_index && !index.findings.is_empty() {
            progress("rebuilding the index");
            self.store.write(|tx| outbox::everything_changed(tx))?;
            self.catch_up(&mut |_| {})?;
            notes.push(format!(
                "the index disagreed ({}) and was rebuilt",
                index.findings.join("; ")
            ));
            index = self.index_agreement()?;
            index_rebuilt = true;
        }
        lines.push(index);
        Ok(CheckReport {
            lines,
            notes,
            index_rebuilt,
        })
    }

    /// The index against the store at one moment: the index writer is held, so no other process
    /// moves the index, and the store is read in one read transaction; the index is brought to
    /// exactly that moment, then compared: the same number of records, and each of a sample found
    /// once under its own code. What other sessions write meanwhile is not a disagreement.
    fn index_agreement(&mut self) -> Result<CheckLine> {
        self.search_index()?;
        let (Some(index), store) = (self.index.as_ref(), &self.store) else {
            return Err(Error::Internal(
                "the search index could not be opened".into(),
            ));
        };
        let Some(mut writer) = index.hold()? else {
            let summary = "not compared: another session held the index writer throughout";
            return Ok(line("index", summary.into(), Vec::new()));
        };
        store.snapshot(|conn| {
            if let Some(last) = apply_pending(index, &writer, conn, &mut |_| {})? {
                index.commit_holding(&mut writer, last)?;
            }
            let total = health::record_total(conn)?;
            let sample = health::sample(conn, INDEX_SAMPLE)?;
            let mut problems = Vec::new();
            let indexed = index.len();
            if indexed != total {
                problems.push(format!(
                    "the index holds {indexed} records, the store {total}"
                ));
            }
            let mut wrong = 0;
            for id in &sample {
                let Some(record) = records::by_id(conn, *id, Sight::whole_archive())? else {
                    continue;
                };
                let entries = index.entries_for(*id, &record.code.to_string())?;
                if entries != 1 {
                    wrong += 1;
                    if wrong <= 5 {
                        problems.push(format!("{} is in the index {entries} times", record.code));
                    }
                }
            }
            if wrong > 5 {
                problems.push(format!(
                    "… {wrong} of {} sampled records in all",
                    sample.len()
                ));
            }
            Ok(line(
                "index",
                format!(
                    "{indexed} of {total} records indexed; {} sampled",
                    sample.len()
                ),
                problems,
            ))
        })
    }
}
