//! Transfer packages on disk: a BagIt folder, or one zipped. A zip is inflated into a private
//! scratch folder under limits (bytes, entries), with every name checked before anything is
//! written, so a hostile zip can neither leave the folder nor fill the disk.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::domain::bag::is_safe_path;
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

/// A package ready to read: the folder given, or a zip inflated into scratch space that is
/// removed when this is dropped.
pub enum Opened {
    Folder(PathBuf),
    Unzipped(tempfile::TempDir),
}

impl Opened {
    pub fn root(&self) -> &Path {
        match self {
            Opened::Folder(path) => path,
            Opened::Unzipped(dir) => dir.path(),
        }
    }
}

/// Opens a package: a folder as it is, a file as a zip. A zip that cannot be inflated safely is a
/// refusal, not an error: the department is told why.
pub fn open(
    path: &Path,
    scratch: &Path,
    limits: Limits,
) -> Result<std::result::Result<Opened, ReceiveMsg>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Ok(Ok(Opened::Folder(path.to_path_buf())));
    }
    let dir = tempfile::Builder::new()
        .prefix(SCRATCH_PREFIX)
        .tempdir_in(scratch)
        .map_err(|e| Error::io(scratch, e))?;
    Ok(unzip(path, dir.path(), limits)?.map(|()| Opened::Unzipped(dir)))
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

fn unzip(path: &Path, into: &Path, limits: Limits) -> Result<std::result::Result<(), ReceiveMsg>> {
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
    let mut written = 0u64;
    for index in 0..zip.len() {
        let mut entry = match zip.by_index(index) {
            Ok(entry) => entry,
            Err(e) => return Ok(Err(broken(e))),
        };
        let raw = entry.name_raw().to_vec();
        let shown = String::from_utf8_lossy(&raw).into_owned();
        let Some(name) = entry_name(&raw) else {
            return Ok(Err(ReceiveMsg::ZipUnsafeName { name: shown }));
        };
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
            Err(Copy::Write(e)) => return Err(e),
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
    Write(Error),
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
            .map_err(|e| Copy::Write(Error::io(target, e)))?;
        total += n as u64;
    }
}

/// Every regular file under `root/data`, as bag paths (`data/…`) in order, and each thing there
/// that is not a regular file (a link, a device, a name that is not text), which is refused.
pub fn payload(root: &Path) -> Result<(Vec<String>, Vec<ReceiveMsg>)> {
    walk(&root.join(crate::domain::bag::PAYLOAD), "data")
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

/// Reads a tag file of the bag, if it is there.
pub fn tag_file(root: &Path, name: &str) -> Result<Option<String>> {
    let path = root.join(name);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, e)),
    }
}
