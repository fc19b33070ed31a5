//! The one door every front end goes through: each use case validates its input and writes its
//! change in one transaction.

pub mod accounts;
mod anchor;
pub mod appraisal;
pub mod audit;
mod audit_log;
pub mod backup;
pub mod boxes;
pub mod browse;
pub mod certify;
pub mod check;
pub mod demo;
mod exchange;
pub mod export;
pub mod finding_aid;
pub mod harvest;
pub mod import;
mod index;
pub mod loans;
pub mod objects;
pub mod password;
pub mod print;
pub mod receive;
pub mod reconcile;
pub mod records;
pub mod safekeeping;
pub mod search;
mod sight;
pub mod stats;
mod store;
pub mod suggest;
pub mod systems;
pub mod volumes;

use std::fs::DirBuilder;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::archive::store::Store;
use crate::error::{Error, Result};

pub const DB_FILE: &str = "dangan.db";
pub const OBJECTS_DIR: &str = "objects";
/// The search index: derived, deleted and rebuilt at will.
pub const INDEX_DIR: &str = "index";
/// Forms left unsaved when a terminal went away, one file per user.
pub const DRAFTS_DIR: &str = "drafts";

pub use accounts::Session;

type Clock = Box<dyn Fn() -> DateTime<Utc> + Send>;

pub struct Archive {
    dir: PathBuf,
    store: Store,
    audit_key: Vec<u8>,
    /// The time, replaceable so that tests can let a lock-out expire without waiting.
    clock: Clock,
    /// Opened at the first search.
    index: Option<crate::archive::index::SearchIndex>,
    /// The audit head this process last sent to the system log.
    announced: anchor::Announced,
}

impl Drop for Archive {
    fn drop(&mut self) {
        if !self.store.is_read_only()
            && let Ok(head) = self.audit_head()
        {
            self.announced.offer(&self.dir, head, true);
        }
    }
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
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Archive {
    /// Checks that `init` could create an archive in `dir`, before asking anyone anything.
    pub fn check_can_init(dir: &Path) -> Result<()> {
        if dir.join(DB_FILE).exists() {
            return Err(Error::ArchiveExists(dir.to_path_buf()));
        }
        if let Ok(mut entries) = std::fs::read_dir(dir)
            && entries.next().is_some()
        {
            return Err(Error::NotEmpty(dir.to_path_buf()));
        }
        Ok(())
    }

    /// Creates a new archive in `dir`, which must be new or empty.
    pub fn init(dir: &Path) -> Result<Archive> {
        Self::check_can_init(dir)?;
        create_private_dir(dir)?;
        create_private_dir(&dir.join(OBJECTS_DIR))?;
        let audit_key = audit::create_key(dir)?;
        let mut store = Store::create(&dir.join(DB_FILE))?;
        audit::record_key(&mut store, &audit_key)?;
        let mut archive = Archive {
            dir: dir.to_path_buf(),
            store,
            audit_key,
            clock: Box::new(Utc::now),
            index: None,
            announced: anchor::Announced::default(),
        };
        archive.dummy_hash()?;
        Ok(archive)
    }

    /// Opens an existing archive, bringing an older one's schema up to date.
    pub fn open(dir: &Path) -> Result<Archive> {
        let db = dir.join(DB_FILE);
        match std::fs::metadata(&db) {
            Ok(meta) if meta.is_file() => {}
            // An archive that is there but may not be read is not "no archive".
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(Error::io(&db, e));
            }
            _ => return Err(Error::NoArchive(dir.to_path_buf())),
        }
        // A backup holds a database too; opened as an archive, a write (an alarm, an index)
        // would make it fail its own manifest.
        if dir.join(backup::MANIFEST).is_file() && dir.join(backup::DESCRIPTION).is_file() {
            let dir = dir.display().to_string();
            return Err(Error::BadInput(
                crate::i18n::SafekeepingMsg::IsABackup { dir }.into(),
            ));
        }
        let mut store = Store::open(&db)?;
        let audit_key = audit::load_key(dir, &mut store)?;
        let mut archive = Archive {
            dir: dir.to_path_buf(),
            store,
            audit_key,
            clock: Box::new(Utc::now),
            index: None,
            announced: anchor::Announced::default(),
        };
        archive.announced = anchor::Announced::starting_at(archive.audit_head()?.as_ref());
        Ok(archive)
    }

    /// Replaces the clock (tests).
    pub fn set_clock(&mut self, clock: impl Fn() -> DateTime<Utc> + Send + 'static) {
        self.clock = Box::new(clock);
    }

    fn clock_now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    fn now(&self) -> String {
        timestamp(self.clock_now())
    }

    /// Runs `work` in one write transaction with an audit stamp for `user` at this moment: a
    /// change and its audit entry land together or not at all.
    fn audited<T>(
        &mut self,
        user: &str,
        work: impl FnOnce(&rusqlite::Transaction, &crate::archive::store::audit::Stamp) -> Result<T>,
    ) -> Result<T> {
        let at = self.now();
        let stamp = crate::archive::store::audit::Stamp {
            key: &self.audit_key,
            at: &at,
            user,
        };
        let done = self.store.write(|tx| work(tx, &stamp))?;
        let head = self.audit_head()?;
        self.announced.offer(&self.dir, head, false);
        Ok(done)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The archive directory's own name, as backups and drills beside it are named.
    pub(in crate::archive) fn dir_name(&self) -> String {
        self.dir.file_name().map_or_else(
            || "archive".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// A number that changes whenever another connection (another session, another process)
    /// commits to the archive: a workstation polls it to know when to show its lists afresh.
    /// It says that something changed, never what.
    pub fn changes_elsewhere(&self) -> Result<i64> {
        Ok(self
            .store
            .conn()
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.store.schema_version()
    }
}
