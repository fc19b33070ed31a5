//! The checks of a package at receipt that need no database: its tag files (authenticity of
//! the package's structure), its payload against the manifest, and the files each row names.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::Refusals;
use crate::archive::exchange::bag as files;
use crate::domain::bag::{self, BagInfo, Entry};
use crate::domain::format::hex;
use crate::domain::transfer::Check;
use crate::error::{Error, Result};
use crate::i18n::ReceiveMsg;
use sha2::{Digest, Sha256};

/// The tag files of a package that has them.
pub(super) struct Tags {
    pub info: BagInfo,
    pub entries: Vec<Entry>,
    pub hash: String,
}

fn at_line(problem: bag::TagProblem) -> ReceiveMsg {
    ReceiveMsg::AtLine {
        file: problem.file.to_string(),
        line: problem.line,
        what: problem.what,
    }
}

/// A tag file's text; None (with the reason refused) when it is missing or not a regular file.
fn tag_text(
    root: &Path,
    name: &'static str,
    required: bool,
    refusals: &mut Refusals,
) -> Result<Option<String>> {
    match files::tag_file(root, name)? {
        files::Tag::Bytes(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        files::Tag::Missing if required => {
            let missing = name.to_string();
            refusals.add(
                Check::Authenticity,
                name,
                ReceiveMsg::NotAPackage { missing },
            );
            Ok(None)
        }
        files::Tag::Missing => Ok(None),
        files::Tag::NotRegular => {
            let path = name.to_string();
            refusals.add(Check::Security, name, ReceiveMsg::NotRegular { path });
            Ok(None)
        }
    }
}

/// Reads the tag files; None when the package is too broken to check further (every reason is in
/// `refusals`).
pub(super) fn tags(root: &Path, refusals: &mut Refusals) -> Result<Option<Tags>> {
    if let Some(text) = tag_text(root, bag::BAGIT_TXT, true, refusals)?
        && let Err(problem) = bag::check_declaration(&text)
    {
        refusals.add(Check::Authenticity, bag::BAGIT_TXT, at_line(problem));
    }
    let info = match tag_text(root, bag::BAG_INFO, false, refusals)? {
        None => BagInfo::default(),
        Some(text) => BagInfo::parse(&text).unwrap_or_else(|problem| {
            refusals.add(Check::Authenticity, bag::BAG_INFO, at_line(problem));
            BagInfo::default()
        }),
    };
    tag_manifest(root, refusals)?;
    let Some(text) = tag_text(root, bag::MANIFEST, true, refusals)? else {
        return Ok(None);
    };
    match bag::parse_manifest(&text) {
        Ok(entries) => Ok(Some(Tags {
            info,
            hash: bag::package_hash(&entries),
            entries,
        })),
        Err(problems) => {
            for problem in problems {
                refusals.add(Check::Authenticity, bag::MANIFEST, at_line(problem));
            }
            Ok(None)
        }
    }
}

/// `tagmanifest-sha256.txt`, if the package has one: every tag file it lists must have its hash,
/// so bag-info.txt cannot be changed after the package was made.
fn tag_manifest(root: &Path, refusals: &mut Refusals) -> Result<()> {
    let Some(text) = tag_text(root, bag::TAG_MANIFEST, false, refusals)? else {
        return Ok(());
    };
    let entries = match bag::parse_tag_manifest(&text) {
        Ok(entries) => entries,
        Err(problems) => {
            for problem in problems {
                refusals.add(Check::Authenticity, bag::TAG_MANIFEST, at_line(problem));
            }
            return Ok(());
        }
    };
    for entry in entries {
        let place = format!("{}:{}", bag::TAG_MANIFEST, entry.line);
        let read = match files::tag_file(root, &entry.path)? {
            files::Tag::Bytes(bytes) => hex(&Sha256::digest(&bytes)),
            files::Tag::Missing | files::Tag::NotRegular => {
                let path = entry.path.clone();
                refusals.add(Check::Integrity, place, ReceiveMsg::MissingFile { path });
                continue;
            }
        };
        if read != entry.sha256 {
            let reason = ReceiveMsg::HashDiffers {
                listed: entry.sha256,
                read,
            };
            refusals.add(Check::Authenticity, entry.path.as_str(), reason);
        }
    }
    Ok(())
}

/// What `data/` holds: every file with its size, the transfer list and the 说明文件.
pub(super) struct Payload {
    pub sizes: BTreeMap<String, u64>,
    pub list: Option<String>,
    pub notes: Option<String>,
}

impl Payload {
    pub fn bytes(&self) -> u64 {
        self.sizes.values().sum()
    }

    /// The bytes of the records' files.
    pub fn record_bytes(&self) -> u64 {
        self.record_entries().map(|(_, size)| size).sum()
    }

    /// The files that belong to records: all but the list and the 说明文件.
    pub fn record_files(&self) -> impl Iterator<Item = &String> {
        self.record_entries().map(|(path, _)| path)
    }

    /// Whether a payload file belongs to a record: neither the list nor the 说明文件.
    pub fn is_record_file(&self, path: &String) -> bool {
        Some(path) != self.list.as_ref() && Some(path) != self.notes.as_ref()
    }

    fn record_entries(&self) -> impl Iterator<Item = (&String, &u64)> {
        self.sizes.iter().filter(|(p, _)| self.is_record_file(p))
    }
}

/// The transfer list's names, as `data/NAME.ext`.
fn is_list(path: &str) -> bool {
    let Some(name) = path.strip_prefix("data/").filter(|n| !n.contains('/')) else {
        return false;
    };
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    matches!(stem.to_lowercase().as_str(), "移交清单" | "transfer-list")
        && matches!(
            ext.to_lowercase().as_str(),
            "csv" | "tsv" | "txt" | "jsonl" | "ndjson" | "xlsx" | "xls" | "xlsm" | "ods"
        )
}

pub(super) fn is_notes(path: &str) -> bool {
    path.strip_prefix("data/").is_some_and(|n| {
        n.eq_ignore_ascii_case("说明文件.txt") || n.eq_ignore_ascii_case("readme.txt")
    })
}

/// The one transfer list at the top of `data/`.
pub(super) fn find_list(sizes: &BTreeMap<String, u64>, refusals: &mut Refusals) -> Option<String> {
    let lists: Vec<&String> = sizes.keys().filter(|p| is_list(p)).collect();
    match lists.as_slice() {
        [] => {
            refusals.add(Check::Integrity, bag::PAYLOAD, ReceiveMsg::NoList);
            None
        }
        [one] => Some((*one).clone()),
        several => {
            let names = several
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            refusals.add(
                Check::Integrity,
                bag::PAYLOAD,
                ReceiveMsg::SeveralLists { names },
            );
            None
        }
    }
}

/// Walks `data/` and holds it against the manifest and Payload-Oxum.
pub(super) fn payload(root: &Path, tags: &Tags, refusals: &mut Refusals) -> Result<Payload> {
    let (found, strange) = files::payload(root)?;
    for reason in strange {
        refusals.add(Check::Security, bag::PAYLOAD, reason);
    }
    let mut sizes = BTreeMap::new();
    for path in found {
        let full = root.join(&path);
        let size = std::fs::metadata(&full)
            .map_err(|e| Error::io(&full, e))?
            .len();
        sizes.insert(path, size);
    }
    let listed: HashMap<&str, &Entry> = tags.entries.iter().map(|e| (e.path.as_str(), e)).collect();
    for path in sizes.keys() {
        if !listed.contains_key(path.as_str()) {
            refusals.add(
                Check::Authenticity,
                path.as_str(),
                ReceiveMsg::NotInManifest,
            );
        }
    }
    for entry in &tags.entries {
        if !sizes.contains_key(&entry.path) {
            let reason = ReceiveMsg::MissingFile {
                path: entry.path.clone(),
            };
            let place = format!("{}:{}", bag::MANIFEST, entry.line);
            refusals.add(Check::Integrity, place, reason);
        }
    }
    let found = (sizes.values().sum::<u64>(), sizes.len() as u64);
    if let Some(declared) = tags.info.get(bag::OXUM)
        && bag::parse_oxum(declared) != Some(found)
    {
        let reason = ReceiveMsg::Oxum {
            declared: declared.to_string(),
            found: format!("{}.{}", found.0, found.1),
        };
        refusals.add(Check::Integrity, bag::BAG_INFO, reason);
    }
    let list = find_list(&sizes, refusals);
    let notes = sizes.keys().find(|p| is_notes(p)).cloned();
    Ok(Payload { sizes, list, notes })
}

/// The department named on the command line must be the one the package names, if it names one.
pub(super) fn source(info: &BagInfo, given: &str, refusals: &mut Refusals) {
    if let Some(declared) = info.get(bag::SOURCE)
        && declared.trim() != given
    {
        let reason = ReceiveMsg::OtherSource {
            declared: declared.trim().to_string(),
            given: given.to_string(),
        };
        refusals.add(Check::Authenticity, bag::BAG_INFO, reason);
    }
}

/// The number of records the package declares against the rows of its list.
pub(super) fn record_count(info: &BagInfo, rows: u64, refusals: &mut Refusals) {
    match info.get(bag::RECORD_COUNT) {
        None => refusals.add(Check::Integrity, bag::BAG_INFO, ReceiveMsg::NoRecordCount),
        Some(declared) if declared.trim().parse::<u64>().ok() != Some(rows) => {
            let reason = ReceiveMsg::RecordCount {
                declared: declared.trim().to_string(),
                found: rows,
            };
            refusals.add(Check::Integrity, bag::BAG_INFO, reason);
        }
        Some(_) => {}
    }
}

/// The files a row's 文件 cell names: separated by `;`, `；`, `|` or line breaks, relative to
/// `data/`.
pub(super) fn split_files(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '；', '|', '\n'])
        .map(str::trim)
        .filter(|f| !f.is_empty())
}

/// Ties each received record to the payload files its row names: every file named must be
/// there, once, and every file there must be named.
/// Rows come as (line, key, 文件 cell); the files are returned by key.
pub(super) fn files_of_rows<'r>(
    list: &str,
    rows: impl Iterator<Item = (u64, i64, &'r str)>,
    payload: &Payload,
    refusals: &mut Refusals,
) -> HashMap<i64, Vec<String>> {
    let mut named: HashMap<String, u64> = HashMap::new();
    let mut of_row = HashMap::new();
    for (line, key, cell) in rows {
        let place = format!("{list}:{line}");
        let mut paths = Vec::new();
        for file in split_files(cell) {
            let path = format!("data/{}", file.trim_start_matches("data/"));
            if !bag::is_safe_path(&path) {
                refusals.add(Check::Security, &place, ReceiveMsg::UnsafePath { path });
                continue;
            }
            if let Some(first) = named.insert(path.clone(), line) {
                let reason = ReceiveMsg::FileNamedTwice {
                    file: file.to_string(),
                    first,
                };
                refusals.add(Check::Integrity, &place, reason);
                continue;
            }
            if !payload.sizes.contains_key(&path) || payload.list.as_ref() == Some(&path) {
                let reason = ReceiveMsg::FileNotInPackage {
                    file: file.to_string(),
                };
                refusals.add(Check::Integrity, &place, reason);
                continue;
            }
            paths.push(path);
        }
        of_row.insert(key, paths);
    }
    for path in payload.record_files() {
        if !named.contains_key(path) {
            refusals.add(Check::Integrity, path.as_str(), ReceiveMsg::FileNotListed);
        }
    }
    of_row
}
