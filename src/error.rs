//! One error type for the library. Each error has a kind (bad input, refused, not found,
//! conflict, I/O, internal), an exit code for the CLI, and a message from the one table of
//! messages, read in the user's language.

use std::path::PathBuf;

use crate::archive::import::ImportFailure;
use crate::i18n::{Count, Lang, Msg, Noun};

#[derive(Debug)]
pub enum Error {
    /// A field, a file line, a code, an argument that is not right.
    BadInput(Msg),
    /// Not logged in, a wrong name or password, or not allowed.
    Refused(Msg),
    /// No such thing, or none the session may see: the two read the same.
    NotFound(Msg),
    /// Another session changed the record since the version the edit started from.
    Conflict(Box<crate::archive::records::EditConflict>),
    /// An import refused whole, with every bad line.
    Import(ImportFailure),
    /// The audit trail was tampered with, or cannot be verified.
    AuditBroken(Msg),
    /// `check` found problems (listed in its report).
    CheckFailed(usize),
    NoArchive(PathBuf),
    ArchiveExists(PathBuf),
    NotEmpty(PathBuf),
    NewerSchema {
        found: i64,
        known: i64,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Db(rusqlite::Error),
    /// A fault of dangan's own, not of the input: worth a report.
    Internal(String),
}

/// The kind of an error: what the person should do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    BadInput,
    Refused,
    NotFound,
    Conflict,
    Io,
    Internal,
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        Error::Db(error)
    }
}

impl From<ImportFailure> for Error {
    fn from(failure: ImportFailure) -> Self {
        Error::Import(failure)
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

/// What a failed write means to the person at the desk; the change was rolled back whole.
fn db_message(error: &rusqlite::Error) -> Msg {
    use rusqlite::ErrorCode;
    let detail = error.to_string();
    match error.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => Msg::DiskFull,
        Some(ErrorCode::ReadOnly) => Msg::ReadOnlyArchive,
        Some(ErrorCode::SystemIoFailure) => Msg::WriteFailed { detail },
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            Msg::DatabaseDamaged { detail }
        }
        _ => Msg::DatabaseError { detail },
    }
}

/// An I/O failure by what it means, not by the system's English.
fn io_message(path: &std::path::Path, source: &std::io::Error) -> Msg {
    use std::io::ErrorKind;
    let path = path.display().to_string();
    let detail = source.to_string();
    match source.kind() {
        ErrorKind::NotFound => Msg::IoNotFound { path },
        ErrorKind::PermissionDenied => Msg::IoPermission { path },
        ErrorKind::AlreadyExists => Msg::IoExists { path },
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            Msg::IoFull { path }
        }
        _ => Msg::IoOther { path, detail },
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Error::BadInput(_)
            | Error::Import(_)
            | Error::AuditBroken(_)
            | Error::CheckFailed(_) => Kind::BadInput,
            Error::Refused(_) => Kind::Refused,
            Error::NotFound(_) | Error::NoArchive(_) => Kind::NotFound,
            Error::Conflict(_) | Error::ArchiveExists(_) | Error::NotEmpty(_) => Kind::Conflict,
            Error::Io { .. } => Kind::Io,
            Error::Db(e) if is_write_failure(e) => Kind::Io,
            Error::Db(_) | Error::NewerSchema { .. } | Error::Internal(_) => Kind::Internal,
        }
    }

    /// sysexits-style codes by kind, so scripts can tell bad data from a refusal or a full disk;
    /// a few errors keep a code of their own (no archive, one that will not be made, a database
    /// that cannot be used).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::NoArchive(_) => 66,
            Error::ArchiveExists(_) | Error::NotEmpty(_) => 73,
            Error::NewerSchema { .. } => 69,
            Error::Db(e) if !is_write_failure(e) => 69,
            _ => match self.kind() {
                Kind::NotFound => 1,
                Kind::BadInput => 65,
                Kind::Internal => 70,
                Kind::Io => 74,
                // EX_TEMPFAIL: read the record again and redo the edit.
                Kind::Conflict => 75,
                Kind::Refused => 77,
            },
        }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let msg = match self {
            Error::BadInput(m) | Error::Refused(m) | Error::NotFound(m) | Error::AuditBroken(m) => {
                return m.text(lang);
            }
            Error::Conflict(conflict) => return conflict.text(lang),
            Error::Import(failure) => return failure.text(lang),
            Error::CheckFailed(problems) => Msg::CheckFailed {
                problems: Count::of(*problems, Noun::Problem),
            },
            Error::NoArchive(dir) => Msg::NoArchive { dir: dir.clone() },
            Error::ArchiveExists(dir) => Msg::ArchiveExists { dir: dir.clone() },
            Error::NotEmpty(dir) => Msg::NotEmpty { dir: dir.clone() },
            Error::NewerSchema { found, known } => Msg::NewerSchema {
                found: *found,
                known: *known,
            },
            Error::Io { path, source } => io_message(path, source),
            Error::Db(e) => db_message(e),
            Error::Internal(detail) => Msg::Internal {
                detail: detail.clone(),
            },
        };
        msg.text(lang)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for Error {}
