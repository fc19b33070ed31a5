//! The one door every front end goes through: each use case validates its input and writes its
//! change in one transaction.

pub mod demo;
pub mod export;
pub mod import;
pub mod records;

use std::fs::DirBuilder;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::store::Store;

pub const DB_FILE: &str = "dangan.db";
pub const OBJECTS_DIR: &str = "objects";

/// Who is acting. Until accounts exist this is the name given with `--user` or the login name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(pub String);

pub struct Archive {
    dir: PathBuf,
    store: Store,
}

/// Creates a directory (and missing parents) readable by its owner only.
pub fn create_private_dir(path: &Path) -> Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path).map_err(|e| Error::io(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // An existing empty directory keeps its mode under create(); tighten it too.
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}

/// UTC timestamps, to the second, in RFC 3339: they sort as text and read the same from every time zone.
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Archive {
    /// Creates a new archive in `dir`, which must be new or empty.
    pub fn init(dir: &Path) -> Result<Archive> {
        if dir.join(DB_FILE).exists() {
            return Err(Error::ArchiveExists(dir.to_path_buf()));
        }
        if let Ok(mut entries) = std::fs::read_dir(dir)
            && entries.next().is_some()
        {
            return Err(Error::NotEmpty(dir.to_path_buf()));
        }
        create_private_dir(dir)?;
        create_private_dir(&dir.join(OBJECTS_DIR))?;
        let store = Store::create(&dir.join(DB_FILE))?;
        Ok(Archive {
            dir: dir.to_path_buf(),
            store,
        })
    }

    /// Opens an existing archive, bringing an older one's schema up to date.
    pub fn open(dir: &Path) -> Result<Archive> {
        let db = dir.join(DB_FILE);
        if !db.is_file() {
            return Err(Error::NoArchive(dir.to_path_buf()));
        }
        let store = Store::open(&db)?;
        Ok(Archive {
            dir: dir.to_path_buf(),
            store,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.store.schema_version()
    }
}
