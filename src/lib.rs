//! dangan (档案): a terminal records workstation for archives.
//!
//! Layers, from the bottom: `domain` (pure types), `store` (SQLite), `archive` (the use cases every
//! front end calls), and the front ends (`cli`, `tui`, `serve`).

pub mod archive;
pub mod cli;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod paths;
pub mod serve;
pub mod tui;
pub mod width;

pub use archive::{Archive, Session};

/// The index writer's threads free what the reading thread allocated: glibc's allocator takes a
/// lock per such free and spent a fifth of a rebuild waiting on it; mimalloc frees across threads
/// without one. Set in the library, not main.rs, so that tests and benches run what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
pub use error::{Error, Result};
