//! Where archives live: `--archive DIR` > `DANGAN_ARCHIVE` (both handled by clap) > the data dir.

use std::path::PathBuf;

use directories::ProjectDirs;

use crate::error::{Error, Result};

fn data_dir() -> Result<PathBuf> {
    ProjectDirs::from("", "", "dangan")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| Error::BadInput(crate::i18n::FileMsg::NoHome.into()))
}

/// The archive to work on.
pub fn archive_dir(given: Option<PathBuf>) -> Result<PathBuf> {
    given.map_or_else(|| Ok(data_dir()?.join("archive")), Ok)
}

/// Where `dangan demo` builds its archive unless told otherwise: apart from the real one.
pub fn demo_dir(given: Option<PathBuf>) -> Result<PathBuf> {
    given.map_or_else(|| Ok(data_dir()?.join("demo")), Ok)
}

/// Where the workstation's `config.toml`, `keymap.toml` and `themes/` are looked for:
/// `DANGAN_CONFIG_DIR`, else the platform's config dir. None if there is no home directory.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DANGAN_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    ProjectDirs::from("", "", "dangan").map(|dirs| dirs.config_dir().to_path_buf())
}
