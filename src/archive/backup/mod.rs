//! Backups an archivist can trust and check by hand: the database copied online as one moment,
//! the digital objects it names (each re-hashed as it is copied), the audit key, a description,
//! and `MANIFEST.sha256` in `sha256sum` format over all of it. A backup is built beside its
//! destination and renamed into place only when complete, so a half-written one never exists.
//! The search index is not copied: it is rebuilt from the database on restore.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::archive::audit::KEY_FILE;
use crate::archive::check::CheckReport;
use crate::archive::objects::{hash_file, object_path, sync_dir};
use crate::archive::store::{Store, health, objects, outbox};
use crate::archive::{Archive, DB_FILE, OBJECTS_DIR, create_private_dir};
use crate::domain::audit::AuditHead;
use crate::error::{Error, Result};
use crate::i18n::{AccountMsg, FileMsg, Msg, SafekeepingMsg};

mod drill;
pub(in crate::archive) mod register;
mod sealed;

pub use drill::Drill;
pub use register::BackupEntry;
pub use sealed::{
    Opener, SEALED_FILE, Seal, asks_passphrase, fingerprint, keygen, recipients_file,
};
use sealed::{SealedWriter, unseal};

pub const MANIFEST: &str = "MANIFEST.sha256";
pub const DESCRIPTION: &str = "backup.json";

#[derive(Debug, Clone)]
pub struct BackupSummary {
    pub dest: PathBuf,
    pub records: u64,
    pub objects: usize,
    pub files: usize,
    pub bytes: u64,
    /// The last audit entry the backup holds: an anchor kept with it.
    pub head: Option<AuditHead>,
    /// The SHA-256 of its `MANIFEST.sha256`, which the register keeps: it names every file.
    pub manifest_sha256: String,
    /// An encrypted backup's file as the routine knows it again: the SHA-256 of its first
    /// 64 KiB (its header, with a random file key) and its length (empty for a plain one).
    pub file_sha256: String,
    pub encrypted: bool,
}

pub struct Restored {
    pub archive: Archive,
    pub files: usize,
    pub check: CheckReport,
    /// The SHA-256 of the backup's manifest: which backup this was, as the register names it.
    pub manifest_sha256: String,
    /// What the backup said it held when it was taken.
    pub described: Described,
}

/// What a backup's `backup.json` says it holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Described {
    pub records: Option<u64>,
    pub objects: Option<u64>,
    pub audit_head: Option<String>,
}

fn described(files: &Path) -> Described {
    let text = std::fs::read_to_string(files.join(DESCRIPTION)).unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let head = &value["audit_head"];
    Described {
        records: value["records"].as_u64(),
        objects: value["objects"].as_u64(),
        audit_head: head["seq"]
            .as_i64()
            .zip(head["hash"].as_str())
            .map(|(seq, hash)| format!("{seq}:{hash}")),
    }
}

/// Who is acting when no dangan user logs in (backups from cron): the operating-system account.
pub fn os_user() -> String {
    // The account the system says runs this, not what the environment claims.
    let name = account_name()
        .or_else(|| {
            ["USER", "LOGNAME"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|n| !n.is_empty()))
        })
        .unwrap_or_else(|| "unknown".into());
    format!("os:{name}")
}

/// The name of the account this process runs as (cron and systemd set no USER).
fn account_name() -> Option<String> {
    #[cfg(unix)]
    {
        // SAFETY: getpwuid returns a pointer into static storage or null; the name is copied
        // out at once, in this single-threaded start of a command.
        let entry = unsafe { libc::getpwuid(libc::getuid()) };
        if entry.is_null() {
            return None;
        }
        let name = unsafe { std::ffi::CStr::from_ptr((*entry).pw_name) };
        Some(name.to_string_lossy().into_owned())
    }
    #[cfg(not(unix))]
    None
}

/// A directory that may be filled: missing, or empty. Anything else is refused, untouched.
fn check_empty_target(dest: &Path) -> Result<()> {
    match std::fs::read_dir(dest) {
        Ok(mut entries) => match entries.next() {
            Some(_) => Err(Error::NotEmpty(dest.to_path_buf())),
            None => Ok(()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(dest, e)),
    }
}

/// Where a backup may go: beside it, a directory that is there (an unmounted disk's mount point
/// is not, and a backup made onto the server's own disk instead would not leave the building),
/// and not inside the archive it backs up.
fn check_place(dest: &Path, archive: &Path) -> Result<()> {
    let dest = std::path::absolute(dest).map_err(|e| Error::io(dest, e))?;
    let parent = dest.parent().unwrap_or(Path::new("/"));
    if !parent.is_dir() {
        let dir = parent.display().to_string();
        return Err(Error::NotFound(
            SafekeepingMsg::NoBackupPlace { dir }.into(),
        ));
    }
    let archive = std::fs::canonicalize(archive).map_err(|e| Error::io(archive, e))?;
    let inside = std::fs::canonicalize(parent).is_ok_and(|p| p.starts_with(&archive));
    if inside {
        let dir = dest.display().to_string();
        return Err(Error::BadInput(
            SafekeepingMsg::InsideArchive { dir }.into(),
        ));
    }
    Ok(())
}

/// Removes what a killed backup, restore or drill left in `parent`: the directories named
/// `PREFIX…-PID` whose process is gone. They may hold a decrypted database.
pub(in crate::archive) fn sweep(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.rsplit_once('-'))
            .and_then(|(_, pid)| pid.parse::<u32>().ok());
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if let Some(pid) = pid
            && is_dir
            && !alive(pid)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether process `pid` is running (another account's counts as running).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let asked = unsafe { libc::kill(pid, 0) };
        asked == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        pid == std::process::id()
    }
}

/// A hidden sibling of `dest` to build in; removed if the work fails.
struct Staging {
    path: PathBuf,
    done: bool,
}

impl Staging {
    fn beside(dest: &Path, what: &str) -> Result<Staging> {
        let name = dest.file_name().ok_or_else(|| {
            let path = dest.display().to_string();
            Error::BadInput(FileMsg::NotDirectoryName { path }.into())
        })?;
        let parent = dest.parent().filter(|p| !p.as_os_str().is_empty());
        let parent = parent.unwrap_or(Path::new("."));
        sweep(parent, &format!(".{}.", name.to_string_lossy()));
        let path = parent.join(format!(
            ".{}.{what}-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        if path.exists() {
            std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
        create_private_dir(&path)?;
        Ok(Staging { path, done: false })
    }

    /// Moves the finished directory to `dest` (an empty `dest` is replaced).
    fn finish(mut self, dest: &Path) -> Result<()> {
        if dest.exists() {
            std::fs::remove_dir(dest).map_err(|e| Error::io(dest, e))?;
        }
        std::fs::rename(&self.path, dest).map_err(|e| Error::io(dest, e))?;
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent)?;
        }
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// Copies `from` to `to` (0600), then hashes the copy: it must be `sha256`.
fn copy_verified(from: &Path, to: &Path, sha256: &str) -> Result<u64> {
    if let Some(parent) = to.parent() {
        create_private_dir(parent)?;
    }
    std::fs::copy(from, to).map_err(|e| Error::io(to, e))?;
    File::open(to)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(to, e))?;
    let (hash, size) = hash_file(to)?;
    if hash != sha256 {
        return Err(Error::BadInput(
            FileMsg::CopyDiffers {
                path: from.display().to_string(),
                found: hash,
                recorded: sha256.to_string(),
            }
            .into(),
        ));
    }
    Ok(size)
}

/// Whether `name` (relative, `/`-separated) is a regular file under `root` reached through
/// directories only, no symbolic link on the way.
fn regular_inside(root: &Path, name: &str) -> bool {
    let mut path = root.to_path_buf();
    let parts: Vec<&str> = name.split('/').collect();
    for (at, part) in parts.iter().enumerate() {
        path.push(part);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return false;
        };
        let last = at + 1 == parts.len();
        if (last && !meta.file_type().is_file()) || (!last && !meta.file_type().is_dir()) {
            return false;
        }
    }
    true
}

/// Every file under `root`, as sorted relative paths with `/` separators.
fn files_under(root: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let path = entry.path();
            // Not followed: a linked directory is a name in the backup, not more of it.
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                dirs.push(path);
            } else if let Ok(relative) = path.strip_prefix(root) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(parts.join("/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// How a backup is written: encrypted or not, and the medium it goes to, for the register.
#[derive(Default)]
pub struct BackupOptions {
    pub seal: Option<Seal>,
    /// Made by the routine, which alone prunes what it made.
    pub routine: bool,
    /// What the backup is written on (`移动硬盘 03`, `NAS 机房二`): the register keeps it.
    pub medium: String,
}

/// Where a backup's files go: a directory as they are, or one encrypted stream.
enum Sink {
    Plain(PathBuf),
    Sealed(Box<SealedWriter>),
}

impl Sink {
    /// Puts the file at `from` into the backup as `name`; its content must hash to `sha256`
    /// when that is known. Returns its hash and size.
    fn file(&mut self, name: &str, from: &Path, sha256: Option<&str>) -> Result<(String, u64)> {
        let (hash, size) = match self {
            Sink::Plain(root) => {
                let to = root.join(name);
                match sha256 {
                    _ if to == from => hash_file(&to)?,
                    Some(sha256) => (sha256.to_string(), copy_verified(from, &to, sha256)?),
                    None => {
                        let (hash, _) = hash_file(from)?;
                        (hash.clone(), copy_verified(from, &to, &hash)?)
                    }
                }
            }
            Sink::Sealed(writer) => {
                let file = File::open(from).map_err(|e| Error::io(from, e))?;
                let size = file.metadata().map_err(|e| Error::io(from, e))?.len();
                (writer.add(name, file, size)?, size)
            }
        };
        if let Some(recorded) = sha256.filter(|recorded| *recorded != hash) {
            return Err(Error::BadInput(
                FileMsg::CopyDiffers {
                    path: from.display().to_string(),
                    found: hash,
                    recorded: recorded.to_string(),
                }
                .into(),
            ));
        }
        Ok((hash, size))
    }

    fn bytes(&mut self, name: &str, bytes: &[u8]) -> Result<String> {
        match self {
            Sink::Plain(root) => {
                let path = root.join(name);
                let mut out = File::create(&path).map_err(|e| Error::io(&path, e))?;
                out.write_all(bytes)
                    .and_then(|()| out.sync_all())
                    .map_err(|e| Error::io(&path, e))?;
                Ok(sha256_hex(bytes))
            }
            Sink::Sealed(writer) => writer.add(name, bytes, bytes.len() as u64),
        }
    }

    /// Ends the backup; an encrypted one gives the SHA-256 of its file.
    fn finish(self) -> Result<String> {
        match self {
            Sink::Plain(_) => Ok(String::new()),
            Sink::Sealed(writer) => writer.finish(),
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    crate::domain::format::hex(&Sha256::digest(bytes))
}

/// A copy of the database taken for an encrypted backup, beside the archive's own (plain text
/// stays where it already is), removed whatever happens.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Archive {
    /// Writes a backup of this archive to `dest` (new or empty) while other sessions work on,
    /// and enters it in the register of backup media, made or failed.
    pub fn backup(
        &mut self,
        dest: &Path,
        by: &str,
        options: &BackupOptions,
    ) -> Result<BackupSummary> {
        let started = std::time::Instant::now();
        let written = self.write_backup(dest, by, options);
        let seconds = started.elapsed().as_secs_f64();
        let registered = self.register_backup(dest, by, options, &written, seconds);
        let summary = written?;
        registered?;
        Ok(summary)
    }

    fn write_backup(
        &mut self,
        dest: &Path,
        by: &str,
        options: &BackupOptions,
    ) -> Result<BackupSummary> {
        let medium = &options.medium;
        if crate::domain::record::check_text(medium, false).is_err() || medium.chars().count() > 200
        {
            return Err(Error::BadInput(SafekeepingMsg::MediumBad.into()));
        }
        check_place(dest, &self.dir)?;
        check_empty_target(dest)?;
        let staging = Staging::beside(dest, "backup")?;
        // The backup holds its own audit entry, taken just before the copy.
        let target = dest.display().to_string();
        let encrypted = options.seal.is_some();
        self.audited(by, |tx, stamp| {
            let detail = json!({ "encrypted": encrypted });
            stamp
                .append(tx, "archive.backup", &target, detail)
                .map(|_| ())
        })?;
        let (mut sink, scratch) = match &options.seal {
            None => (
                Sink::Plain(staging.path.clone()),
                Scratch(staging.path.join(DB_FILE)),
            ),
            Some(seal) => {
                let sealed = SealedWriter::create(&staging.path.join(SEALED_FILE), seal)?;
                let name = format!(".backup-{}.db", std::process::id());
                (Sink::Sealed(Box::new(sealed)), Scratch(self.dir.join(name)))
            }
        };
        self.store.backup_to(&scratch.0)?;

        // The objects the copied database names: a consistent set, whatever is attached meanwhile.
        // Read through, not mapped: a million-record copy mapped would count as this process's
        // memory twice over.
        let copy = Store::open(&scratch.0)?;
        let (stored, records, verified) = copy.scan(|conn| {
            let stored = objects::stored(conn)?;
            let records = health::record_total(conn)?;
            Ok((stored, records, self.verify_chain_of(conn)?))
        })?;
        drop(copy);
        let mut listed = Vec::new();
        let mut bytes = 0;
        let (hash, size) = sink.file(DB_FILE, &scratch.0, None)?;
        listed.push((DB_FILE.to_string(), hash));
        bytes += size;
        if encrypted {
            drop(scratch);
        } else {
            std::mem::forget(scratch);
        }
        for (sha256, _) in &stored {
            let from = object_path(&self.dir, sha256);
            let name = format!("{OBJECTS_DIR}/{}/{sha256}", sha256.get(..2).unwrap_or("00"));
            let (hash, size) = sink.file(&name, &from, Some(sha256))?;
            listed.push((name, hash));
            bytes += size;
        }
        let key = self.dir.join(KEY_FILE);
        let (key_hash, _) = hash_file(&key)?;
        let (hash, size) = sink.file(KEY_FILE, &key, Some(&key_hash))?;
        listed.push((KEY_FILE.to_string(), hash));
        bytes += size;
        let description = json!({
            "dangan": env!("CARGO_PKG_VERSION"),
            "schema": crate::archive::store::schema::CURRENT_VERSION,
            "taken_at": self.now(),
            "taken_by": by,
            "from": self.dir.display().to_string(),
            "records": records,
            "objects": stored.len(),
            "audit_entries": verified.entries,
            "audit_head": verified.head,
        });
        let description = format!("{description:#}\n");
        listed.push((
            DESCRIPTION.to_string(),
            sink.bytes(DESCRIPTION, description.as_bytes())?,
        ));
        bytes += description.len() as u64;
        listed.sort();
        let manifest: String = listed
            .iter()
            .map(|(name, hash)| format!("{hash}  {name}\n"))
            .collect();
        let manifest_sha256 = sink.bytes(MANIFEST, manifest.as_bytes())?;
        let file_sha256 = sink.finish()?;
        sync_dir(&staging.path)?;
        staging.finish(dest)?;
        Ok(BackupSummary {
            dest: dest.to_path_buf(),
            records,
            objects: stored.len(),
            files: listed.len() + 1,
            bytes,
            head: verified.head,
            manifest_sha256,
            file_sha256,
            encrypted,
        })
    }
}

/// The audit head a backup recorded when it was taken (its `backup.json`, which its manifest
/// covers): an anchor for `audit verify --against`.
pub fn recorded_head(src: &Path) -> Result<AuditHead> {
    let path = src.join(DESCRIPTION);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let description: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        let (path, detail) = (path.display().to_string(), e.to_string());
        Error::BadInput(AccountMsg::NotJson { path, detail }.into())
    })?;
    let head = &description["audit_head"];
    match (head["seq"].as_i64(), head["hash"].as_str()) {
        (Some(seq), Some(hash)) => format!("{seq}:{hash}").parse().map_err(Error::BadInput),
        _ => Err(Error::BadInput(
            AccountMsg::NoHeadRecorded {
                path: path.display().to_string(),
            }
            .into(),
        )),
    }
}

/// Reads a backup's manifest and checks every file against it: none missing, none altered, none
/// added. Returns the files (relative paths) and their hashes.
pub fn verify_backup(src: &Path) -> Result<Vec<(String, String)>> {
    let manifest_path = src.join(MANIFEST);
    let file = File::open(&manifest_path).map_err(|e| Error::io(&manifest_path, e))?;
    let mut listed = Vec::new();
    for (number, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(&manifest_path, e))?;
        let bad = || {
            Error::BadInput(
                FileMsg::ManifestLine {
                    path: manifest_path.display().to_string(),
                    line: number as u64 + 1,
                }
                .into(),
            )
        };
        let (hash, name) = line.split_once("  ").ok_or_else(bad)?;
        let safe = !name.is_empty()
            && !name.starts_with('/')
            && name.split('/').all(|part| !part.is_empty() && part != "..");
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) || !safe {
            return Err(bad());
        }
        listed.push((name.to_string(), hash.to_ascii_lowercase()));
    }
    let mut problems: Vec<Msg> = Vec::new();
    for (name, hash) in &listed {
        let name = name.clone();
        // A link in a backup points out of it: what it names is not the backup's to restore.
        if !regular_inside(src, &name) {
            if std::fs::symlink_metadata(src.join(&name)).is_ok() {
                problems.push(FileMsg::LinkInBackup { name }.into());
            } else {
                problems.push(FileMsg::Missing { name }.into());
            }
            continue;
        }
        match hash_file(&src.join(&name)) {
            Ok((found, _)) if found == *hash => {}
            Ok((found, _)) => problems.push(
                FileMsg::Altered {
                    name,
                    found,
                    listed: hash.clone(),
                }
                .into(),
            ),
            Err(_) => problems.push(FileMsg::Missing { name }.into()),
        }
    }
    for name in files_under(src)? {
        if name != MANIFEST && !listed.iter().any(|(l, _)| *l == name) {
            problems.push(FileMsg::NotInManifest { name }.into());
        }
    }
    if !listed.iter().any(|(name, _)| name == DB_FILE) {
        let name = DB_FILE.to_string();
        problems.push(FileMsg::NotInManifest { name }.into());
    }
    if !problems.is_empty() {
        return Err(Error::BadInput(
            FileMsg::ManifestMismatch {
                dir: src.display().to_string(),
                problems,
            }
            .into(),
        ));
    }
    Ok(listed)
}

/// The encrypted file of a backup: `src` itself, or the one in the directory `src`.
fn sealed_file(src: &Path) -> Option<PathBuf> {
    let inside = src.join(SEALED_FILE);
    match src.is_file() {
        true => Some(src.to_path_buf()),
        false => inside.is_file().then_some(inside),
    }
}

/// Restores the backup in `src` into `dest` (new or empty): an encrypted one is decrypted with
/// `opener` beside `dest` first (any altered byte stops it); the manifest is verified, the files
/// are copied and verified again, the index is rebuilt, and the whole archive is checked.
pub fn restore(src: &Path, dest: &Path, opener: &Opener, by: &str) -> Result<Restored> {
    if !src.exists() {
        let path = src.display().to_string();
        return Err(Error::NotFound(SafekeepingMsg::NoBackupAt { path }.into()));
    }
    check_empty_target(dest)?;
    let Some(sealed) = sealed_file(src) else {
        return restore_plain(src, src, dest, by);
    };
    let unsealed = Staging::beside(dest, "unseal")?;
    unseal(&sealed, opener, &unsealed.path)?;
    restore_plain(&unsealed.path, src, dest, by)
}

/// Restores the plain backup in `files` (`src` as the audit names it).
fn restore_plain(files: &Path, src: &Path, dest: &Path, by: &str) -> Result<Restored> {
    let listed = verify_backup(files)?;
    let (manifest_sha256, _) = hash_file(&files.join(MANIFEST))?;
    let described = described(files);
    let staging = Staging::beside(dest, "restore")?;
    for (name, hash) in &listed {
        if name == DESCRIPTION {
            continue;
        }
        copy_verified(&files.join(name), &staging.path.join(name), hash)?;
    }
    if !staging.path.join(OBJECTS_DIR).exists() {
        create_private_dir(&staging.path.join(OBJECTS_DIR))?;
    }
    sync_dir(&staging.path)?;
    let existed = dest.exists();
    staging.finish(dest)?;
    let opened = Archive::open(dest).and_then(|mut archive| {
        let from = src.display().to_string();
        archive.audited(by, |tx, stamp| {
            outbox::everything_changed(tx)?;
            stamp
                .append(tx, "archive.restore", &from, json!({}))
                .map(|_| ())
        })?;
        let check = archive.check(false, &mut |_| {})?;
        Ok((archive, check))
    });
    // A backup whose files match its manifest but make no archive (a key or database that is
    // not one) leaves nothing behind: the target is as it was.
    let (archive, check) = match opened {
        Ok(opened) => opened,
        Err(error) => {
            let _ = std::fs::remove_dir_all(dest);
            if existed {
                let _ = create_private_dir(dest);
            }
            return Err(error);
        }
    };
    Ok(Restored {
        archive,
        files: listed.len(),
        check,
        manifest_sha256,
        described,
    })
}
