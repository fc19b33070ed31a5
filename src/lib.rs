//! dangan (档案): a terminal records workstation for archives.
//!
//! Layers, from the bottom: `domain` (pure types), `store` (SQLite), `archive` (the use cases every
//! front end calls), and the front ends (`cli`).

pub mod archive;
pub mod cli;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod paths;
pub mod tui;
pub mod width;

pub use archive::{Archive, Session};
pub use error::{Error, Result};
