//! The transfer list's checks, made inside a transaction: the rows loaded as an import loads
//! them, the files each names, the declared count, the numbering and the description a record
//! with files needs. Run once as a rehearsal (rolled back) before any file is placed, and again
//! for real.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::Transaction;

use super::Refusals;
use super::checks::{self, Payload, Tags};
use crate::archive::Session;
use crate::archive::import::{ImportOptions, ListFile, Loaded, load_list};
use crate::archive::objects::missing_metadata;
use crate::archive::sight::Sight;
use crate::archive::store::{records, transfers};
use crate::domain::transfer::Check;
use crate::error::{Error, Result};
use crate::i18n::ReceiveMsg;

/// What a list's checks need to know of the package.
pub(super) struct ListCheck<'a> {
    pub session: &'a Session,
    pub at: &'a str,
    pub root: &'a Path,
    pub list: &'a str,
    pub tags: &'a Tags,
    pub payload: &'a Payload,
}

/// Each received record's files (bag paths), by record id.
pub(super) type FilesOf = HashMap<i64, Vec<String>>;

/// The list loaded into `tx` and every check of it; None when it could not be read, or when any
/// check refused (the reasons are in `refusals`).
pub(super) fn checked_list(
    tx: &Transaction,
    c: &ListCheck,
    refusals: &mut Refusals,
) -> Result<Option<(Loaded, FilesOf)>> {
    let Some(loaded) = load_transfer_list(tx, c.session, c.at, c.root, c.list, refusals)? else {
        return Ok(None);
    };
    let named = loaded
        .received
        .iter()
        .map(|r| (r.line, r.id, r.files.as_str()));
    let files = checks::files_of_rows(c.list, named, c.payload, refusals);
    checks::record_count(&c.tags.info, loaded.rows, refusals);
    if loaded.rows == 0 {
        refusals.add(Check::Integrity, c.list, ReceiveMsg::NoRecords);
    }
    item_gaps(tx, &loaded, c.list, refusals)?;
    lacking_metadata(tx, &loaded, &files, c.list, refusals)?;
    Ok(Some((loaded, files)))
}

/// Reads the transfer list into the transaction; None when it was refused (reasons added).
fn load_transfer_list(
    tx: &Transaction,
    session: &Session,
    at: &str,
    root: &Path,
    list: &str,
    refusals: &mut Refusals,
) -> Result<Option<Loaded>> {
    let file = match ListFile::open(&root.join(list), &ImportOptions::default()) {
        Ok(file) => file,
        Err(Error::BadInput(reason)) => {
            refusals.add(Check::Description, list, reason);
            return Ok(None);
        }
        Err(other) => return Err(other),
    };
    match load_list(tx, session, at, file, true)? {
        Ok(loaded) => Ok(Some(loaded)),
        Err(failure) => {
            for error in failure.errors {
                let place = format!("{list}:{}", error.line);
                let reason = ReceiveMsg::InColumn {
                    column: error.column,
                    problem: Box::new(error.message),
                };
                refusals.add(Check::Description, place, reason);
            }
            if failure.more > 0 {
                let more = crate::i18n::RecordMsg::ImportMore { more: failure.more };
                refusals.add(Check::Description, list, more);
            }
            Ok(None)
        }
    }
}

/// The item numbers a transfer brings to each group run on from those the archive holds, with
/// no gap (DA/T 22: 件号 in order, none missing).
fn item_gaps(tx: &Transaction, loaded: &Loaded, list: &str, refusals: &mut Refusals) -> Result<()> {
    let mut groups: HashMap<_, Vec<u32>> = HashMap::new();
    for record in &loaded.received {
        groups
            .entry(record.code.group.clone())
            .or_default()
            .push(record.code.item);
    }
    for (group, mut items) in groups {
        items.sort_unstable();
        let mut expected = transfers::last_item_before(tx, &group, loaded.import_id)? + 1;
        let mut missing = Vec::new();
        for item in items {
            if item > expected {
                missing.push(if item - 1 == expected {
                    format!("{expected:04}")
                } else {
                    format!("{expected:04}–{:04}", item - 1)
                });
            }
            expected = expected.max(item + 1);
        }
        if !missing.is_empty() {
            let reason = ReceiveMsg::ItemGap {
                group: group.to_string(),
                missing: missing.join(", "),
            };
            refusals.add(Check::Integrity, list, reason);
        }
    }
    Ok(())
}

/// A record with files needs its 题名, 责任者 and 日期 (DA/T 18), as an attach does.
fn lacking_metadata(
    tx: &Transaction,
    loaded: &Loaded,
    files: &HashMap<i64, Vec<String>>,
    list: &str,
    refusals: &mut Refusals,
) -> Result<()> {
    for received in &loaded.received {
        if files.get(&received.id).is_none_or(Vec::is_empty) {
            continue;
        }
        let Some(record) = records::by_id(tx, received.id, Sight::whole_archive())? else {
            continue;
        };
        let missing = missing_metadata(&record);
        if !missing.is_empty() {
            let reason = crate::i18n::FileMsg::Lacks {
                code: record.code.to_string(),
                missing: missing.join(", "),
            };
            refusals.add(
                Check::Integrity,
                format!("{list}:{}", received.line),
                reason,
            );
        }
    }
    Ok(())
}
