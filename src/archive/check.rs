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
use crate::i18n::msg::List;
use crate::i18n::{CheckMsg, Msg};

/// How many records are looked up one by one in the index.
const INDEX_SAMPLE: u64 = 500;

/// One line of the report: what was checked (`key` is its name for programs, `name` for
/// people), what was seen, and what is wrong (empty: nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckLine {
    pub key: &'static str,
    pub name: CheckMsg,
    pub summary: CheckMsg,
    pub findings: Vec<Msg>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    pub lines: Vec<CheckLine>,
    /// Not wrong, but worth knowing (e.g. a file left by an interrupted attach).
    pub notes: Vec<Msg>,
    /// The index disagreed and was rebuilt (with `--repair-index`).
    pub index_rebuilt: bool,
}

impl CheckReport {
    pub fn findings(&self) -> usize {
        self.lines.iter().map(|l| l.findings.len()).sum()
    }
}

fn line(key: &'static str, summary: CheckMsg, findings: Vec<Msg>) -> CheckLine {
    let name = match key {
        "database" => CheckMsg::Database,
        "references" => CheckMsg::References,
        "audit" => CheckMsg::Audit,
        "objects" => CheckMsg::Objects,
        "counts" => CheckMsg::Counts,
        _ => CheckMsg::Index,
    };
    CheckLine {
        key,
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
        progress: &mut dyn FnMut(CheckMsg),
    ) -> Result<CheckReport> {
        let mut lines = Vec::new();
        let mut notes = Vec::new();

        progress(CheckMsg::Database);
        let conn = self.store.conn();
        let problems = health::integrity(conn)?
            .into_iter()
            .map(|text| CheckMsg::SqliteSaid { text }.into())
            .collect();
        lines.push(line("database", CheckMsg::IntegrityCheck, problems));
        let problems = health::foreign_keys(conn)?
            .into_iter()
            .map(|(table, row, parent)| CheckMsg::MissingReference { table, row, parent }.into())
            .collect();
        lines.push(line("references", CheckMsg::ForeignKeyCheck, problems));

        progress(CheckMsg::Audit);
        lines.push(match self.verify_chain() {
            Ok(verified) => line(
                "audit",
                CheckMsg::ChainIntact {
                    entries: verified.entries,
                },
                Vec::new(),
            ),
            Err(Error::AuditBroken(broken)) => line("audit", CheckMsg::ChainBroken, vec![broken]),
            Err(e) => return Err(e),
        });

        progress(CheckMsg::Objects);
        let stored = objects::stored(self.store.conn())?;
        let mut problems = Vec::new();
        let mut bytes = 0;
        for (sha256, size) in &stored {
            let path = object_path(&self.dir, sha256);
            match hash_file(&path) {
                Ok((hash, found)) if hash == *sha256 && found == *size => bytes += size,
                Ok((hash, found)) => problems.push(
                    CheckMsg::Altered {
                        path: path.display().to_string(),
                        size: found,
                        hash,
                        recorded_size: *size,
                        recorded: sha256.clone(),
                    }
                    .into(),
                ),
                Err(e) => problems.push(
                    CheckMsg::Unreadable {
                        sha256: sha256.clone(),
                        detail: e.to_string(),
                    }
                    .into(),
                ),
            }
        }
        let known: BTreeSet<String> = stored.iter().map(|(s, _)| s.clone()).collect();
        for file in unreferenced(&self.dir.join(OBJECTS_DIR), &known) {
            notes.push(CheckMsg::Unattached { path: file }.into());
        }
        let files = stored.len() as u64;
        lines.push(line(
            "objects",
            CheckMsg::Rehashed { files, bytes },
            problems,
        ));

        progress(CheckMsg::Counts);
        lines.push(self.counts_agreement(repair_index, &mut notes)?);

        progress(CheckMsg::Index);
        let mut index = self.index_agreement()?;
        let mut index_rebuilt = false;
        if repair_index && !index.findings.is_empty() {
            progress(CheckMsg::RebuildingIndex);
            self.store.write(|tx| outbox::everything_changed(tx))?;
            self.catch_up(&mut |_| {})?;
            let found = List(index.findings.clone());
            notes.push(CheckMsg::IndexRebuilt { found }.into());
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

    /// The statistics' kept holdings counts against the records counted afresh; made again from
    /// the records when `repair` asks and they disagree.
    fn counts_agreement(&mut self, repair: bool, notes: &mut Vec<Msg>) -> Result<CheckLine> {
        let mut groups = health::holdings_drift(self.store.conn())?;
        if repair && groups > 0 {
            self.store.write(|tx| health::recount_holdings(tx))?;
            notes.push(CheckMsg::CountsRecounted { groups }.into());
            groups = health::holdings_drift(self.store.conn())?;
        }
        let problems = match groups {
            0 => Vec::new(),
            groups => vec![CheckMsg::CountsDisagree { groups }.into()],
        };
        Ok(line("counts", CheckMsg::CountsChecked, problems))
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
            return Ok(line("index", CheckMsg::IndexBusy, Vec::new()));
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
                problems.push(CheckMsg::IndexCount { indexed, total }.into());
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
                        let code = record.code.to_string();
                        problems.push(CheckMsg::IndexedTimes { code, entries }.into());
                    }
                }
            }
            let sampled = sample.len() as u64;
            if wrong > 5 {
                problems.push(CheckMsg::IndexWrongInAll { wrong, sampled }.into());
            }
            let summary = CheckMsg::IndexAgrees {
                indexed,
                total,
                sampled,
            };
            Ok(line("index", summary, problems))
        })
    }
}
