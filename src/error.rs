//! One error type for the library, and the exit code each kind of error gives the CLI.

use std::path::PathBuf;

use crate::archive::import::ImportFailure;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "no archive at {0}; create one with `dangan init` (or `dangan demo` for a demo archive)"
    )]
    NoArchive(PathBuf),
    #[error("{0} already holds an archive; dangan will not overwrite it")]
    ArchiveExists(PathBuf),
    #[error("{0} is not empty; a new archive needs an empty or new directory")]
    NotEmpty(PathBuf),
    #[error(
        "this archive was written by a newer dangan (schema {found}); this one reads up to schema {known}"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("no record {0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Auth(String),
    #[error("not allowed: {0}")]
    Denied(String),
    #[error("the audit trail has been tampered with: {0}")]
    AuditBroken(String),
    #[error(transparent)]
    Import(#[from] ImportFailure),
    #[error("the check found {0} problem(s); see the report above")]
    CheckFailed(usize),
    #[error("{0}")]
    Conflict(Box<crate::archive::records::EditConflict>),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", db_message(.0))]
    Db(#[from] rusqlite::Error),
}

/// What a failed write means to the person at the desk; the change was rolled back whole.
fn db_message(error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    let code = match error {
        rusqlite::Error::SqliteFailure(e, _) => Some(e.code),
        _ => None,
    };
    match code {
        Some(ErrorCode::DiskFull) => {
            "the disk is full (or the file size limit was reached); nothing was saved".into()
        }
        Some(ErrorCode::ReadOnly) => {
            "the archive is read-only here (its database file cannot be written); nothing was saved"
                .into()
        }
        Some(ErrorCode::SystemIoFailure) => format!(
            "could not write the archive (disk full, file size limit or I/O error: {error}); nothing was saved"
        ),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => format!(
            "the archive's database is damaged ({error}); run `dangan check`, and restore from a backup"
        ),
        _ => format!("database error: {error}"),
    }
}

/// The database is sound but could not be written: a full disk, a size limit, a read-only file.
fn is_write_failure(error: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode;
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::DiskFull | ErrorCode::ReadOnly | ErrorCode::SystemIoFailure)
    )
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// sysexits-style codes, so scripts can tell bad data from a missing archive or a full disk.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::NotFound(_) => 1,
            Error::Invalid(_)
            | Error::Import(_)
            | Error::AuditBroken(_)
            | Error::CheckFailed(_) => 65,
            Error::NoArchive(_) => 66,
            Error::Db(e) if is_write_failure(e) => 74,
            Error::NewerSchema { .. } | Error::Db(_) => 69,
            Error::ArchiveExists(_) | Error::NotEmpty(_) => 73,
            Error::Io { .. } => 74,
            // EX_TEMPFAIL: read the record again and redo the edit.
            Error::Conflict(_) => 75,
            Error::Auth(_) | Error::Denied(_) => 77,
        }
    }
}
