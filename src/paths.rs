//! Where archives live: `--archive DIR` > `DANGAN_ARCHIVE` (both handled by clap) > the data dir.

use std::path::PathBuf;

use directories::ProjectDirs;

use crate::error::{Error, Result};

fn data_dir() -> Result<PathBuf> {
    ProjectDirs::from("", "", "dangan")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::Invalid("no home directory found; give the archive with --archive DIR".into())
        })
}

/// The archive to work on.
pub fn archive_dir(given: Option<PathBuf>) -> Result<PathBuf> {
    given.map_or_else(|| Ok(data_dir()?.join("archive")), Ok)
}

/// Where `dangan demo` builds its archive unless told otherwise: apart from the real one.
pub fn demo_dir(given: Option<PathBuf>) -> Result<PathBuf> {
    given.map_or_else(|| Ok(data_dir()?.join("demo")), Ok)
}
