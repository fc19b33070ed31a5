//! Digital objects: files attached to a record, kept content-addressed (SHA-256) under
//! `objects/`, after the four checks archives make of electronic records at ingest (四性检测):
//! authenticity, integrity, usability and security. A file that fails any is refused with the
//! reason, and nothing of that attach is kept.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::archive::store::audit::{self, Marked};
use crate::archive::store::objects;
use crate::archive::store::settings;
use crate::archive::{Archive, OBJECTS_DIR, Session};
use crate::domain::DigitalObject;
use file_format::FileFormat;

use crate::domain::format::{Inspection, Sniffer, hex};
use crate::domain::signature;
use crate::domain::{ArchivalCode, Permission, Record};
use crate::error::{Error, Result};
use crate::i18n::{FileMsg, Msg};

pub const SETTING_MAX_MB: &str = "objects.max_mb";
const DEFAULT_MAX_MB: u64 = 1024;
const CHUNK: usize = 1 << 20;
pub(in crate::archive) const STAGING_PREFIX: &str = ".staging-";

/// Where a file with this hash is kept: `objects/ab/abcdef…`.
pub fn object_path(archive_dir: &Path, sha256: &str) -> PathBuf {
    let prefix = sha256.get(..2).unwrap_or("00");
    archive_dir.join(OBJECTS_DIR).join(prefix).join(sha256)
}

/// SHA-256 and size of a file, read in chunks.
pub fn hash_file(path: &Path) -> Result<(String, u64)> {
    use sha2::{Digest, Sha256};
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; CHUNK];
    let mut size = 0;
    loop {
        let n = file.read(&mut buffer).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Ok((hex(&hasher.finalize()), size));
        }
        hasher.update(&buffer[..n]);
        size += n as u64;
    }
}

/// Makes the data and the name of `path` durable: a crash after this cannot lose them.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))?;
    Ok(())
}

/// What a process killed mid-way left behind (a staged file, an inflated package): removed once
/// a day old, when no run can still be using it.
pub(in crate::archive) fn sweep_stale(dir: &Path, prefix: &str) {
    const DAY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(prefix)
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|at| at.elapsed().is_ok_and(|age| age > DAY));
        if stale {
            // Best effort: what cannot be removed now is tried again on the next run.
            let path = entry.path();
            let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
        }
    }
}

/// A file copied into the archive's staging area while it was inspected, not yet in place.
pub(in crate::archive) struct Staged {
    source: PathBuf,
    /// Where the file came from, as its checks record it.
    pub(in crate::archive) origin: String,
    /// None when the file was refused before it was copied whole. A path, not an open file: a
    /// transfer stages thousands at once.
    temp: Option<tempfile::TempPath>,
    pub(in crate::archive) inspection: Inspection,
    modified: Option<String>,
}

impl Staged {
    /// Copied whole: refused for nothing that stopped its reading.
    pub(in crate::archive) fn is_whole(&self) -> bool {
        self.temp.is_some()
    }
}

/// Opens a file to attach: a regular file only (a link is followed to the file it names). A
/// device, a pipe or a directory is refused before a byte is read; opening does not wait for a
/// pipe's writer, and what is checked is what was opened, not the name again.
fn open_regular(source: &Path) -> Result<Option<File>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(source).map_err(|e| Error::io(source, e))?;
    let regular = file
        .metadata()
        .map_err(|e| Error::io(source, e))?
        .file_type()
        .is_file();
    Ok(regular.then_some(file))
}

/// Copies a file into the staging area as it is inspected, stopping at the size limit: a file
/// over it is refused having cost at most the limit in reads and writes. `sync`: made durable at
/// once (a transfer of thousands syncs the file system once instead, before it commits).
pub(in crate::archive) fn stage(
    source: &Path,
    staging: &Path,
    max_bytes: u64,
    sync: bool,
) -> Result<Staged> {
    let origin = format!("{}{}", source.display(), link_note(source));
    let refused = |reason: FileMsg| {
        Ok(Staged {
            source: source.to_path_buf(),
            origin: origin.clone(),
            temp: None,
            inspection: Inspection::refused(reason),
            modified: None,
        })
    };
    let Some(mut input) = open_regular(source)? else {
        return refused(FileMsg::NotRegular);
    };
    let modified = input
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .map(|t| crate::archive::timestamp(t.into()));
    let mut temp = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempfile_in(staging)
        .map_err(|e| Error::io(staging, e))?;
    let mut sniffer = Sniffer::default();
    let mut buffer = vec![0; CHUNK];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buffer).map_err(|e| Error::io(source, e))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > max_bytes {
            return refused(FileMsg::TooLarge { max: max_bytes });
        }
        sniffer.feed(&buffer[..n]);
        temp.write_all(&buffer[..n])
            .map_err(|e| Error::io(temp.path(), e))?;
    }
    if sync {
        temp.as_file()
            .sync_all()
            .map_err(|e| Error::io(temp.path(), e))?;
    }
    let signature = FileFormat::from_file(temp.path()).map_err(|e| Error::io(temp.path(), e))?;
    let mut inspection = sniffer.finish(signature::judge(signature));
    if let Some(reason) = signature::name_verdict(&display_name(source), inspection.format) {
        inspection.unsafe_content.push(reason);
    }
    Ok(Staged {
        source: source.to_path_buf(),
        origin,
        temp: Some(temp.into_temp_path()),
        inspection,
        modified,
    })
}

pub(in crate::archive) fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A symbolic link is followed to the file it names; the record says so, and which file.
fn link_note(source: &Path) -> String {
    let is_link = std::fs::symlink_metadata(source).is_ok_and(|m| m.file_type().is_symlink());
    match std::fs::canonicalize(source) {
        Ok(target) if is_link => format!(", a link to {}", target.display()),
        _ => String::new(),
    }
}

/// The metadata an electronic record needs before files can be tied to it (integrity).
pub(in crate::archive) fn missing_metadata(record: &Record) -> Vec<&'static str> {
    let d = &record.data;
    let mut missing = Vec::new();
    if d.title.trim().is_empty() {
        missing.push("题名 title");
    }
    if d.responsible.trim().is_empty() {
        missing.push("责任者 responsible");
    }
    if d.date.is_none() {
        missing.push("日期 date");
    }
    missing
}

impl Archive {
    pub(in crate::archive) fn max_object_bytes(&self) -> Result<u64> {
        let mb = settings::get(self.store.conn(), SETTING_MAX_MB)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_MAX_MB);
        Ok(mb << 20)
    }

    /// Attaches files to a record after the four ingest checks; all or none. `declared` is the
    /// number of files the transfer list gives for the record, if it gives one: the files
    /// already attached and these must make that number. Each row comes with whether it is new
    /// (false: the record already had these bytes).
    pub fn attach(
        &mut self,
        session: &Session,
        code: &ArchivalCode,
        files: &[PathBuf],
        declared: Option<usize>,
    ) -> Result<Vec<(DigitalObject, bool)>> {
        session.require(Permission::WriteRecords)?;
        let record = self.record(session, code)?;
        if record.data.status == crate::domain::Status::Disposed {
            let code = code.to_string();
            return Err(Error::Refused(
                crate::i18n::AppraisalMsg::StaysDestroyed { code }.into(),
            ));
        }
        if files.is_empty() {
            return Err(Error::BadInput(FileMsg::NoFile.into()));
        }
        let already = objects::of_record(self.store.conn(), record.id)?.len();
        let mut refusals: Vec<FileMsg> = Vec::new();
        let integrity = |detail: FileMsg| FileMsg::Integrity {
            detail: Box::new(detail),
        };
        let missing = missing_metadata(&record);
        if !missing.is_empty() {
            refusals.push(integrity(FileMsg::Lacks {
                code: code.to_string(),
                missing: missing.join(", "),
            }));
        }
        let present = already + files.len();
        if let Some(declared) = declared.filter(|d| *d != present) {
            refusals.push(integrity(FileMsg::Declared {
                declared: declared as u64,
                present: present as u64,
                already: already as u64,
            }));
        }
        let staging = self.dir.join(OBJECTS_DIR);
        let max_bytes = self.max_object_bytes()?;
        let mut staged = Vec::with_capacity(files.len());
        for file in files {
            let one = stage(file, &staging, max_bytes, true)?;
            let file = file.display().to_string();
            for reason in &one.inspection.unusable {
                refusals.push(FileMsg::Usability {
                    file: file.clone(),
                    detail: Box::new(reason.clone()),
                });
            }
            for reason in &one.inspection.unsafe_content {
                refusals.push(FileMsg::Security {
                    file: file.clone(),
                    detail: Box::new(reason.clone()),
                });
            }
            staged.push(one);
        }
        if !refusals.is_empty() {
            drop(staged);
            let reasons: Vec<String> = refusals
                .iter()
                .map(|r| r.to_string().trim().to_string())
                .collect();
            let detail = json!({"files": files.iter().map(|f| display_name(f)).collect::<Vec<_>>(), "refused": reasons});
            // The refusal is part of the record's history, even though nothing is kept.
            self.audited(session.name(), |tx, stamp| {
                stamp
                    .append(tx, "object.refused", &code.to_string(), detail)
                    .map(|_| ())
            })?;
            let reasons = refusals.into_iter().map(Msg::from).collect();
            return Err(Error::BadInput(FileMsg::ChecksFailed { reasons }.into()));
        }
        let declared = declared.map_or("no count declared".to_string(), |d| {
            format!("{d} declared, {present} present")
        });
        let kept = Kept {
            at: self.now(),
            by: session.name().to_string(),
            max_bytes,
        };
        let mut rows = Vec::with_capacity(staged.len());
        for one in staged {
            rows.push(keep(&self.dir, &kept, one, &record.code, &declared)?);
        }
        self.audited(session.name(), |tx, stamp| {
            // A destruction carried out meanwhile closes the record to files.
            let now = crate::archive::store::records::by_id(
                tx,
                record.id,
                crate::archive::sight::Sight::whole_archive(),
            )?;
            if now.is_some_and(|r| r.data.status == crate::domain::Status::Disposed) {
                let code = code.to_string();
                return Err(Error::Refused(
                    crate::i18n::AppraisalMsg::StaysDestroyed { code }.into(),
                ));
            }
            let mut added = Vec::new();
            let mut ids = Vec::new();
            let mut outcome = Vec::new();
            for row in rows {
                let id = objects::insert(tx, record.id, &row)?;
                if let Some(id) = id {
                    added.push(json!({"file": row.file_name, "sha256": row.sha256, "size": row.size, "format": row.format}));
                    ids.push(id);
                }
                outcome.push((row, id.is_some()));
            }
            if !added.is_empty() {
                let detail = json!({"added": added});
                let seq = stamp.append(tx, "object.attach", &code.to_string(), detail)?;
                for id in ids {
                    audit::mark(tx, Marked::Object, id, seq)?;
                }
            }
            Ok(outcome)
        })
    }

    /// The files attached to a record, in the order they were attached.
    pub fn objects(&self, session: &Session, code: &ArchivalCode) -> Result<Vec<DigitalObject>> {
        let record = self.record(session, code)?;
        objects::of_record(self.store.conn(), record.id)
    }
}

/// Who keeps files, when, and under which size limit.
pub(in crate::archive) struct Kept {
    pub at: String,
    pub by: String,
    pub max_bytes: u64,
}

/// Makes everything written under `dir` durable at once: on Linux one `syncfs` of its file
/// system, where a file-by-file sync of a transfer would cost thousands.
pub(in crate::archive) fn sync_all_under(dir: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let folder = File::open(dir).map_err(|e| Error::io(dir, e))?;
        // SAFETY: syncfs takes a file descriptor we hold open for the call.
        if unsafe { libc::syncfs(folder.as_raw_fd()) } != 0 {
            return Err(Error::io(dir, std::io::Error::last_os_error()));
        }
    }
    #[cfg(not(target_os = "linux"))]
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe {
        libc::sync()
    };
    Ok(())
}

/// A staged file in its place under `objects/`, its stored copy's hash read back.
pub(in crate::archive) struct Placed {
    staged: Staged,
    stored: String,
    size: u64,
}

/// Moves a staged file into its content address (already there: the same bytes) and checks the
/// stored copy's hash again (authenticity).
pub(in crate::archive) fn place(
    archive_dir: &Path,
    mut staged: Staged,
    sync_each: bool,
) -> Result<Placed> {
    let inspection = &staged.inspection;
    let target = object_path(archive_dir, &inspection.sha256);
    let parent = target.parent().unwrap_or(archive_dir);
    crate::archive::create_private_dir(parent)?;
    let Some(temp) = staged.temp.take() else {
        return Err(Error::Internal(format!(
            "{} was refused yet offered for keeping",
            staged.source.display()
        )));
    };
    if !target.exists() {
        temp.persist(&target)
            .map_err(|e| Error::io(&target, e.error))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o400))
                .map_err(|e| Error::io(&target, e))?;
        }
        if sync_each {
            sync_dir(parent)?;
        }
    }
    let (stored, size) = hash_file(&target)?;
    if stored != inspection.sha256 || size != inspection.size {
        return Err(Error::BadInput(
            FileMsg::Authenticity {
                file: staged.source.display().to_string(),
                stored,
                read: inspection.sha256.clone(),
            }
            .into(),
        ));
    }
    Ok(Placed {
        staged,
        stored,
        size,
    })
}

impl Placed {
    /// The row that ties the file to a record, with the four checks written down.
    pub(in crate::archive) fn row(
        &self,
        kept: &Kept,
        code: &ArchivalCode,
        declared: &str,
    ) -> DigitalObject {
        let staged = &self.staged;
        let (stored, size) = (&self.stored, self.size);
        let format = staged.inspection.format.map_or("?", |f| f.name());
        let checks = json!({
            "authenticity": format!("SHA-256 {stored}, the same when read back from the archive; from {} (modified {})",
                staged.origin, staged.modified.as_deref().unwrap_or("?")),
            "integrity": format!("{code} has 题名, 责任者, 日期; files: {declared}"),
            "usability": format!("{format}, identified by content, complete"),
            "security": format!("no executable or active content; {size} bytes within {}", kept.max_bytes),
        });
        DigitalObject {
            sha256: stored.clone(),
            size,
            format: format.to_string(),
            file_name: display_name(&staged.source),
            checks: checks.to_string(),
            attached_at: kept.at.clone(),
            attached_by: kept.by.clone(),
        }
    }
}

/// Places a staged file, its folder synced at once, and writes down its four checks for the
/// record it goes with (an attach: a receipt places its files first and syncs them together).
pub(in crate::archive) fn keep(
    archive_dir: &Path,
    kept: &Kept,
    staged: Staged,
    code: &ArchivalCode,
    declared: &str,
) -> Result<DigitalObject> {
    Ok(place(archive_dir, staged, true)?.row(kept, code, declared))
}
