//! Transfer packages on disk: a BagIt folder, or one zipped. A zip is inflated into a private
//! scratch folder under limits (bytes, entries), with every name checked before anything is
//! written, so a hostile zip can neither leave the folder nor fill the disk.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::domain::bag::{BAGIT_TXT, is_safe_path};
use crate::error::{Error, Result};
use crate::i18n::ReceiveMsg;

/// The scratch folders zips are inflated into.
pub const SCRATCH_PREFIX: &str = ".receiving-";

/// How much a zip may hold once inflated.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_bytes: u64,
    pub max_entries: u64,
}

/// A private folder for one receipt's work (its inflated package, its staged files), removed
/// when dropped. It holds a lock while it lives: a folder whose lock is free was left by a run
/// that was killed, and the next run removes it.
pub struct Scratch {
    dir: tempfile::TempDir,
    _lock: File,
}

const LOCK: &str = ".lock";

impl Scratch {
    pub fn new(parent: &Path) -> Result<Scratch> {
        let dir = tempfile::Builder::new()
            .prefix(SCRATCH_PREFIX)
            .tempdir_in(parent)
            .map_err(|e| Error::io(parent, e))?;
        // Locked under another name, then named: a sweep never finds the lock free before the
        // owner holds it.
        let unnamed = dir.path().join(".lock-new");
        let lock = File::create(&unnamed).map_err(|e| Error::io(&unnamed, e))?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: flock on a descriptor this struct keeps open for as long as the lock.
            if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
                return Err(Error::io(&unnamed, std::io::Error::last_os_error()));
            }
        }
        let path = dir.path().join(LOCK);
        std::fs::rename(&unnamed, &path).map_err(|e| Error::io(&path, e))?;
        Ok(Scratch { dir, _lock: lock })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Removes the scratch folders of runs that are gone: their lock is free (or, without one, they
/// are a day old).
pub fn sweep(parent: &Path) {
    const DAY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if !entry
            .file_name()
            .to_string_lossy()
            .starts_with(SCRATCH_PREFIX)
        {
            continue;
        }
        let path = entry.path();
        let gone = match File::open(path.join(LOCK)) {
            #[cfg(unix)]
            Ok(lock) => {
                use std::os::fd::AsRawFd;
                // SAFETY: as above; the lock is let go when `lock` is dropped.
                unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
            }
            #[cfg(not(unix))]
            Ok(_) => false,
            Err(_) => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|at| at.elapsed().is_ok_and(|age| age > DAY)),
        };
        if gone {
            // Best effort: what cannot be removed now is tried again by the next run.
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Opens a package: a folder as it is, a file as a zip inflated into `scratch`. A zip that
/// cannot be inflated safely is a refusal, not an error: the department is told why.
pub fn open(
    path: &Path,
    scratch: &Scratch,
    limits: Limits,
) -> Result<std::result::Result<PathBuf, ReceiveMsg>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Ok(Ok(path.to_path_buf()));
    }
    let into = scratch.path().join("package");
    crate::archive::create_private_dir(&into)?;
    Ok(unzip(path, &into, limits)?.map(|()| into))
}

/// A zip entry's name as the department's system wrote it: UTF-8, or GB18030 from Chinese
/// Windows tools that do not mark their names as UTF-8.
fn entry_name(raw: &[u8]) -> Option<String> {
    match std::str::from_utf8(raw) {
        Ok(name) => Some(name.to_string()),
        Err(_) => {
            let (name, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(raw);
            (!had_errors).then(|| name.into_owned())
        }
    }
}

/// The entries a zip's end record declares (None for a ZIP64 count, read by the crate alone).
fn declared_entries(file: &mut File) -> std::io::Result<Option<u64>> {
    use std::io::{Seek, SeekFrom};
    let length = file.seek(SeekFrom::End(0))?;
    let tail = length.min(65_557);
    file.seek(SeekFrom::Start(length - tail))?;
    let mut bytes = Vec::with_capacity(tail as usize);
    file.take(tail).read_to_end(&mut bytes)?;
    let Some(end) = bytes.windows(4).rposition(|w| w == b"PK\x05\x06") else {
        return Ok(None);
    };
    let total = bytes
        .get(end + 10..end + 12)
        .map(|b| u16::from_le_bytes([b[0], b[1]]));
    Ok(total.filter(|t| *t != u16::MAX).map(u64::from))
}

/// The name an entry's local header gives it: what a tool that streams the zip unpacks.
fn local_name(file: &mut File, header_start: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Seek, SeekFrom};
    let mut header = [0u8; 30];
    file.seek(SeekFrom::Start(header_start))?;
    file.read_exact(&mut header)?;
    if &header[..4] != b"PK\x03\x04" {
        return Ok(Vec::new());
    }
    let length = u16::from_le_bytes([header[26], header[27]]) as usize;
    let mut name = vec![0u8; length];
    file.read_exact(&mut name)?;
    Ok(name)
}

fn unzip(path: &Path, into: &Path, limits: Limits) -> Result<std::result::Result<(), ReceiveMsg>> {
    let mut raw = File::open(path).map_err(|e| Error::io(path, e))?;
    let declared = declared_entries(&mut raw).map_err(|e| Error::io(path, e))?;
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let broken = |e: zip::result::ZipError| ReceiveMsg::ZipBroken {
        detail: e.to_string(),
    };
    let mut zip = match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(zip) => zip,
        Err(e) => return Ok(Err(broken(e))),
    };
    if zip.len() as u64 > limits.max_entries {
        return Ok(Err(ReceiveMsg::ZipTooMany {
            max: limits.max_entries,
        }));
    }
    // The crate keeps one entry a name: more declared than it lists is a name given twice.
    if declared.is_some_and(|d| d != zip.len() as u64) {
        return Ok(Err(ReceiveMsg::ZipTwice));
    }
    let mut written = 0u64;
    for index in 0..zip.len() {
        let mut entry = match zip.by_index(index) {
            Ok(entry) => entry,
            Err(e) => return Ok(Err(broken(e))),
        };
        let central = entry.name_raw().to_vec();
        let shown = crate::width::sanitize(&String::from_utf8_lossy(&central), false);
        let Some(name) = entry_name(&central) else {
            return Ok(Err(ReceiveMsg::ZipUnsafeName { name: shown }));
        };
        if name.chars().any(char::is_control) {
            return Ok(Err(ReceiveMsg::ZipBadName { name: shown }));
        }
        let local = local_name(&mut raw, entry.header_start()).map_err(|e| Error::io(path, e))?;
        if local != central {
            return Ok(Err(ReceiveMsg::ZipNamedOtherwise { name }));
        }
        if entry.encrypted() {
            return Ok(Err(ReceiveMsg::ZipEncrypted { name }));
        }
        let trimmed = name.trim_end_matches('/');
        if !is_safe_path(trimmed) || entry.is_symlink() {
            return Ok(Err(ReceiveMsg::ZipUnsafeName { name }));
        }
        let target = into.join(trimmed);
        if entry.is_dir() {
            crate::archive::create_private_dir(&target)?;
            continue;
        }
        if let Some(parent) = target.parent() {
            crate::archive::create_private_dir(parent)?;
        }
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .map_err(|e| Error::io(&target, e))?;
        // What the entry really inflates to is counted, not what its header claims.
        let room = limits.max_bytes - written;
        let mut bounded = (&mut entry).take(room + 1);
        let copied = match copy(&mut bounded, &mut out, &target) {
            Ok(n) => n,
            Err(Copy::Read(detail)) => return Ok(Err(ReceiveMsg::ZipBroken { detail })),
            Err(Copy::Write(e)) => return Err(*e),
        };
        if copied > room {
            return Ok(Err(ReceiveMsg::ZipTooLarge {
                max: limits.max_bytes,
            }));
        }
        written += copied;
    }
    Ok(Ok(()))
}

enum Copy {
    /// The zip's data could not be read (a bad CRC, a truncated entry): the package's fault.
    Read(String),
    Write(Box<Error>),
}

fn copy(from: &mut impl Read, to: &mut File, target: &Path) -> std::result::Result<u64, Copy> {
    let mut buffer = vec![0; 1 << 16];
    let mut total = 0;
    loop {
        let n = from
            .read(&mut buffer)
            .map_err(|e| Copy::Read(e.to_string()))?;
        if n == 0 {
            return Ok(total);
        }
        to.write_all(&buffer[..n])
            .map_err(|e| Copy::Write(Box::new(Error::io(target, e))))?;
        total += n as u64;
    }
}

/// Every regular file under `root/data`, as bag paths (`data/…`) in order, and each thing there
/// that is not a regular file (a link, a device, a name that is not text), which is refused.
/// `data` itself must be a folder, not a link to one.
pub fn payload(root: &Path) -> Result<(Vec<String>, Vec<ReceiveMsg>)> {
    let data = root.join(crate::domain::bag::PAYLOAD);
    match std::fs::symlink_metadata(&data) {
        Ok(meta) if meta.is_dir() => walk(&data, "data"),
        Ok(_) => {
            let path = "data".to_string();
            Ok((Vec::new(), vec![ReceiveMsg::NotRegular { path }]))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((Vec::new(), Vec::new())),
        Err(e) => Err(Error::io(&data, e)),
    }
}

/// Where the bag is in what was opened: there, or in its one folder, as a zip of a folder is
/// made (`zip -r 财政局.zip 财政局/`).
pub fn bag_root(opened: &Path) -> PathBuf {
    let has_declaration =
        |dir: &Path| std::fs::symlink_metadata(dir.join(BAGIT_TXT)).is_ok_and(|m| m.is_file());
    if has_declaration(opened) {
        return opened.to_path_buf();
    }
    let mut entries = match std::fs::read_dir(opened) {
        Ok(entries) => entries.flatten(),
        Err(_) => return opened.to_path_buf(),
    };
    match (entries.next(), entries.next()) {
        (Some(only), None)
            if only.file_type().is_ok_and(|t| t.is_dir()) && has_declaration(&only.path()) =>
        {
            only.path()
        }
        _ => opened.to_path_buf(),
    }
}

/// Every regular file under `dir`, named `prefix/…` in order, and what is there but refused.
pub fn walk(dir: &Path, prefix: &str) -> Result<(Vec<String>, Vec<ReceiveMsg>)> {
    let mut files = Vec::new();
    let mut refused = Vec::new();
    let mut pending = vec![(dir.to_path_buf(), prefix.to_string())];
    while let Some((dir, shown)) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                let path = format!("{shown}/{}", name.to_string_lossy());
                refused.push(ReceiveMsg::UnsafePath { path });
                continue;
            };
            let path = format!("{shown}/{name}");
            let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
            if kind.is_dir() {
                pending.push((entry.path(), path));
            } else if kind.is_file() {
                files.push(path);
            } else {
                refused.push(ReceiveMsg::NotRegular { path });
            }
        }
    }
    files.sort();
    Ok((files, refused))
}

/// A tag file of the bag: there as a regular file, missing, or something else (a link, which
/// is refused: a tag file names nothing outside the bag).
pub enum Tag {
    /// Its bytes as they are: what the tag manifest hashes.
    Bytes(Vec<u8>),
    Missing,
    NotRegular,
}

/// Reads a tag file of the bag, up to `TAG_MOST` bytes.
pub fn tag_file(root: &Path, name: &str) -> Result<Tag> {
    let path = root.join(name);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Tag::Missing),
        Err(e) => return Err(Error::io(&path, e)),
        Ok(meta) if !meta.is_file() => return Ok(Tag::NotRegular),
        Ok(_) => {}
    }
    let file = File::open(&path).map_err(|e| Error::io(&path, e))?;
    let mut bytes = Vec::new();
    file.take(TAG_MOST)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(&path, e))?;
    Ok(Tag::Bytes(bytes))
}

/// The most of a tag file read: a manifest of 200,000 files is about 20 MB.
const TAG_MOST: u64 = 64 << 20;
