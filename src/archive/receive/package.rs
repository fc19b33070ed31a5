//! `dangan package`: a department's folder (the transfer list and the files it names) made into
//! a transfer package that `dangan receive` takes, with no archive and no code. The list is
//! checked first as a receipt would check it, so the department hears of a bad cell or a missing
//! file before anything is sent.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::checks::{self, Payload};
use super::{Refusals, checked_source};
use crate::archive::exchange::bag::walk;
use crate::archive::exchange::columns::{Layout, is_files_header};
use crate::archive::import::{ImportOptions, ListFile, Rows};
use crate::archive::objects::{stage, sync_all_under, sync_dir};
use crate::domain::bag::{self, BagInfo, Entry};
use crate::domain::format::hex;
use crate::domain::transfer::Check;
use crate::error::{Error, Result};
use crate::i18n::{Count, Lang, Msg, Noun, ReceiveMsg};

/// What `dangan package` wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageReport {
    pub out: PathBuf,
    pub records: u64,
    pub files: u64,
    pub bytes: u64,
    pub hash: String,
}

/// The list's rows, checked as an import reads them but written nowhere.
#[derive(Default)]
struct ListCheck {
    rows: u64,
    /// Each row's line and 文件 cell.
    files: Vec<(u64, String)>,
    problems: Vec<(u64, String, Msg)>,
}

impl Rows for ListCheck {
    fn row(&mut self, layout: &Layout, line: u64, cells: &[&str]) -> Result<()> {
        self.rows += 1;
        if let Err(problems) = layout.read_row(cells) {
            for (column, message) in problems {
                self.problems.push((line, column, message));
            }
        }
        let files = layout
            .columns
            .iter()
            .position(|(header, column)| column.is_none() && is_files_header(header))
            .and_then(|i| cells.get(i))
            .map_or(String::new(), |c| c.to_string());
        self.files.push((line, files));
        Ok(())
    }

    fn error(&mut self, line: u64, column: &str, message: Msg) {
        self.problems.push((line, column.to_string(), message));
    }
}

/// Files under these extensions are compressed already: stored in the zip as they are.
fn deflates(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_lowercase();
    matches!(
        ext.as_str(),
        "txt" | "csv" | "tsv" | "xml" | "json" | "jsonl" | "html" | "htm" | "md" | "rtf"
    )
}

/// Checks `source` and writes it as a package at `out`: a `.zip`, or else a new folder.
pub fn make_package(
    source: &Path,
    out: &Path,
    from: &str,
    now: chrono::NaiveDateTime,
) -> Result<PackageReport> {
    let from = checked_source(from)?;
    let (found, strange) = walk(source, "data")?;
    let mut refusals = Refusals::default();
    for reason in strange {
        refusals.add(Check::Security, "data", reason);
    }
    let mut sizes = BTreeMap::new();
    for path in &found {
        let full = local(source, path);
        let size = std::fs::metadata(&full)
            .map_err(|e| Error::io(&full, e))?
            .len();
        sizes.insert(path.clone(), size);
    }
    // The list and the notes are found as a receipt finds them.
    let list = checks::find_list(&sizes, &mut refusals);
    let payload = Payload {
        notes: sizes.keys().find(|p| checks::is_notes(p)).cloned(),
        list,
        sizes,
    };
    let mut rows = ListCheck::default();
    if let Some(list) = &payload.list {
        ListFile::open(&local(source, list), &ImportOptions::default())?.read(&mut rows)?;
        for (line, column, message) in &rows.problems {
            let reason = ReceiveMsg::InColumn {
                column: column.clone(),
                problem: Box::new(message.clone()),
            };
            refusals.add(Check::Description, format!("{list}:{line}"), reason);
        }
        let named = rows
            .files
            .iter()
            .map(|(line, files)| (*line, *line as i64, files.as_str()));
        checks::files_of_rows(list, named, &payload, &mut refusals);
        if rows.rows == 0 {
            refusals.add(Check::Integrity, list.as_str(), ReceiveMsg::NoRecords);
        }
    }
    inspect(source, &payload, &mut refusals)?;
    if !refusals.is_empty() {
        return Err(Error::BadInput(refusals.messages()));
    }
    let info = BagInfo {
        labels: vec![
            (bag::SOURCE.into(), from),
            (bag::BAGGING_DATE.into(), now.date().to_string()),
            (
                bag::OXUM.into(),
                format!("{}.{}", payload.bytes(), payload.sizes.len()),
            ),
            (bag::RECORD_COUNT.into(), rows.rows.to_string()),
            (
                "Bag-Software-Agent".into(),
                format!("dangan {}", env!("CARGO_PKG_VERSION")),
            ),
        ],
    };
    let files: Vec<(String, PathBuf)> = payload
        .sizes
        .keys()
        .map(|p| (p.clone(), local(source, p)))
        .collect();
    let hash = if is_zip(out) {
        write_zip(out, &files, &info, now)?
    } else {
        write_folder(out, &files, &info)?
    };
    Ok(PackageReport {
        out: out.to_path_buf(),
        records: rows.rows,
        files: payload.record_files().count() as u64,
        bytes: payload.record_bytes(),
        hash,
    })
}

/// Each file's format and content checked as a receipt checks them (usability, security), so a
/// department hears of a scan saved under the wrong name before it sends it.
fn inspect(source: &Path, payload: &Payload, refusals: &mut Refusals) -> Result<()> {
    let scratch = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    for path in payload.record_files() {
        let staged = stage(&local(source, path), scratch.path(), u64::MAX, false)?;
        for reason in &staged.inspection.unusable {
            refusals.add(Check::Usability, path.as_str(), reason.clone());
        }
        for reason in &staged.inspection.unsafe_content {
            refusals.add(Check::Security, path.as_str(), reason.clone());
        }
    }
    Ok(())
}

fn is_zip(out: &Path) -> bool {
    out.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Where a bag path (`data/…`) of the package is in the department's folder.
fn local(source: &Path, path: &str) -> PathBuf {
    source.join(path.strip_prefix("data/").unwrap_or(path))
}

/// Reads a file into `out` as it hashes it.
fn copy_hashing(from: &Path, out: &mut impl Write, shown: &Path) -> Result<String> {
    let mut input = File::open(from).map_err(|e| Error::io(from, e))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 20];
    loop {
        let n = input.read(&mut buffer).map_err(|e| Error::io(from, e))?;
        if n == 0 {
            return Ok(hex(&hasher.finalize()));
        }
        hasher.update(&buffer[..n]);
        out.write_all(&buffer[..n])
            .map_err(|e| Error::io(shown, e))?;
    }
}

/// The tag files, in the order they are written, for the files' entries.
fn tag_files(entries: &[Entry], info: &BagInfo) -> Vec<(&'static str, String)> {
    let tags = vec![
        (bag::BAGIT_TXT, bag::BAGIT_DECLARATION.to_string()),
        (bag::BAG_INFO, info.text()),
        (bag::MANIFEST, bag::manifest_text(entries)),
    ];
    let mut tagmanifest = String::new();
    for (name, text) in &tags {
        tagmanifest.push_str(&hex(&Sha256::digest(text.as_bytes())));
        tagmanifest.push_str("  ");
        tagmanifest.push_str(name);
        tagmanifest.push('\n');
    }
    let mut all = tags;
    all.push(("tagmanifest-sha256.txt", tagmanifest));
    all
}

fn entry(path: &str, sha256: String) -> Entry {
    Entry {
        sha256,
        path: path.to_string(),
        line: 0,
    }
}

/// The folder a new package is written in, beside where it will be: nothing is replaced.
fn new_place(out: &Path) -> Result<&Path> {
    if out.exists() {
        let path = out.display().to_string();
        return Err(Error::BadInput(Msg::IoExists { path }));
    }
    Ok(out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new(".")))
}

fn write_zip(
    out: &Path,
    files: &[(String, PathBuf)],
    info: &BagInfo,
    now: chrono::NaiveDateTime,
) -> Result<String> {
    use chrono::{Datelike, Timelike};
    use zip::write::SimpleFileOptions;
    // The zip's own clock (DOS time) runs from 1980 to 2107.
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        now.month() as u8,
        now.day() as u8,
        now.hour() as u8,
        now.minute() as u8,
        now.second() as u8,
    )
    .unwrap_or_default();
    let parent = new_place(out)?;
    let temp = tempfile::Builder::new()
        .prefix(".dangan-package-")
        .tempfile_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    let mut zip = zip::ZipWriter::new(temp.as_file());
    let mut entries = Vec::new();
    let zip_error = |e: zip::result::ZipError| Error::io(out, std::io::Error::other(e));
    for (path, from) in files {
        let size = std::fs::metadata(from)
            .map_err(|e| Error::io(from, e))?
            .len();
        let method = if deflates(path) {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let options = SimpleFileOptions::default()
            .last_modified_time(stamp)
            .compression_method(method)
            .unix_permissions(0o644)
            .large_file(size >= u64::from(u32::MAX));
        zip.start_file(path.as_str(), options).map_err(zip_error)?;
        entries.push(entry(path, copy_hashing(from, &mut zip, out)?));
    }
    for (name, text) in tag_files(&entries, info) {
        let options = SimpleFileOptions::default()
            .last_modified_time(stamp)
            .unix_permissions(0o644);
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(text.as_bytes())
            .map_err(|e| Error::io(out, e))?;
    }
    zip.finish().map_err(zip_error)?;
    temp.as_file().sync_all().map_err(|e| Error::io(out, e))?;
    temp.persist_noclobber(out)
        .map_err(|e| Error::io(out, e.error))?;
    sync_dir(parent)?;
    Ok(bag::package_hash(&entries))
}

fn write_folder(out: &Path, files: &[(String, PathBuf)], info: &BagInfo) -> Result<String> {
    let parent = new_place(out)?;
    let temp = tempfile::Builder::new()
        .prefix(".dangan-package-")
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    let mut entries = Vec::new();
    for (path, from) in files {
        let target = temp.path().join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let mut file = File::create(&target).map_err(|e| Error::io(&target, e))?;
        entries.push(entry(path, copy_hashing(from, &mut file, &target)?));
    }
    for (name, text) in tag_files(&entries, info) {
        let target = temp.path().join(name);
        std::fs::write(&target, text).map_err(|e| Error::io(&target, e))?;
    }
    // One sync for the whole folder before it takes its name, not one a file.
    sync_all_under(temp.path())?;
    let kept = temp.keep();
    std::fs::rename(&kept, out).map_err(|e| Error::io(out, e))?;
    sync_dir(parent)?;
    Ok(bag::package_hash(&entries))
}

/// A package report in words.
impl PackageReport {
    pub fn text(&self, lang: Lang) -> String {
        ReceiveMsg::PackageWritten {
            out: self.out.display().to_string(),
            records: Count::of(self.records, Noun::Record),
            files: Count::of(self.files, Noun::File),
            bytes: Count::of(self.bytes, Noun::Byte),
            hash: self.hash.clone(),
        }
        .text(lang)
    }
}
