//! SQLite, the archive's source of truth. Nothing outside this module writes SQL.

pub mod appraisals;
pub mod audit;
pub mod boxes;
pub mod browse;
mod code_key;
pub mod finding_aid;
pub mod fonds;
pub mod harvest;
pub mod health;
pub mod imports;
pub mod loans;
pub mod objects;
pub mod outbox;
pub mod records;
pub mod registers;
pub mod safekeeping;
pub mod schema;
mod schema_appraisal;
mod schema_stats;
pub mod settings;
pub mod stats;
pub mod suggest;
pub mod transfers;
pub mod users;
pub mod volumes;

use std::fs::OpenOptions;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// Writers wait this long for another session's write to finish, rather than fail with "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// How much of the database file is read by memory mapping rather than read() and a copy.
const MMAP_BYTES: i64 = 256 << 20;
/// Prepared statements each connection keeps.
const STATEMENTS_KEPT: usize = 64;

pub struct Store {
    conn: Connection,
    read_only: bool,
}

/// Waits for another writer in steps of 2 ms, up to `BUSY_TIMEOUT`: SQLite's own handler sleeps
/// up to 100 ms a step, so a quick write queued behind a long one (a receipt) went on waiting long
/// after the lock was free.
fn wait_briefly(attempt: i32) -> bool {
    const STEP: Duration = Duration::from_millis(2);
    if u128::from(attempt.unsigned_abs()) * STEP.as_millis() >= BUSY_TIMEOUT.as_millis() {
        return false;
    }
    std::thread::sleep(STEP);
    true
}

impl Store {
    /// Creates a new database file (0600 before SQLite writes a byte) and brings it to the current schema.
    pub fn create(path: &Path) -> Result<Store> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(path).map_err(|e| Error::io(path, e))?;
        Self::open(path)
    }

    /// Opens an existing database and migrates it forward. A database file without write
    /// permission (an archive copied to read-only media, or locked by its keeper) is opened for
    /// reading: browsing and search work, and a change is refused with a clear message.
    pub fn open(path: &Path) -> Result<Store> {
        let read_only = std::fs::metadata(path)
            .map(|m| m.permissions().readonly())
            .unwrap_or(false);
        let access = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let flags = access | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_handler(Some(wait_briefly))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Read pages through the OS cache without a copy each: a use register of 20,000 loans
        // looks up as many records at random.
        conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        // An imported row runs a score of statements (insert, look-alikes, volumes, provenance);
        // rusqlite keeps 16 by default, and a statement pushed out is parsed again for every row.
        conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
        schema::migrate(&mut conn)?;
        Ok(Store { conn, read_only })
    }

    /// Opened for reading only: the database file cannot be written.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs `work` in one write transaction, taken at once (IMMEDIATE) so that concurrent writers
    /// queue on the busy timeout instead of failing mid-way. Commits only if `work` succeeds.
    pub fn write<T>(&mut self, work: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work` in one write transaction, committed only if it comes back `Ok(Ok(_))`: a
    /// refusal (`Ok(Err(_))`) undoes everything `work` wrote and is handed back.
    pub fn write_unless<T, E>(
        &mut self,
        work: impl FnOnce(&Transaction) -> Result<std::result::Result<T, E>>,
    ) -> Result<std::result::Result<T, E>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        if value.is_ok() {
            tx.commit()?;
        }
        Ok(value)
    }

    /// Runs `work` in a write transaction that is always rolled back: a dry run.
    pub fn rehearse<T>(&mut self, work: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        work(&tx)
    }

    /// Runs `work` on one consistent moment of the archive (a read transaction): what other
    /// sessions commit meanwhile is not seen.
    pub fn snapshot<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// For reads: a consistent snapshot is not needed across calls, so plain autocommit reads do.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Copies the database, as one consistent moment, into a new file at `path` (0600), with
    /// SQLite's online backup: other sessions go on reading and writing meanwhile. The copy is a
    /// single file (rollback journal), ready to be opened where it lands.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        self.scan(|conn| Self::copy_into(conn, path))
    }

    fn copy_into(conn: &Connection, path: &Path) -> Result<()> {
        use rusqlite::backup::{Backup, StepResult};
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(path).map_err(|e| Error::io(path, e))?;
        let mut copy = Connection::open(path)?;
        {
            let backup = Backup::new(conn, &mut copy)?;
            // All pages in one step: one read transaction, so one moment of the archive.
            while backup.step(-1)? != StepResult::Done {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// Runs a long sequential scan with plain reads instead of the memory map: a scan touches
    /// every page once, and mapped pages would all count as this process's memory.
    pub fn scan<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "mmap_size", 0)?;
        let result = work(&self.conn);
        self.conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        result
    }
}
