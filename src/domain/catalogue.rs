//! What a catalogue is browsed and listed by: the question a user asks of it (fonds, year,
//! status), where a window of a list begins, the fonds with their counts, the versions an edit
//! replaced, and the files attached to a record. Plain values: the archive fills them in, within
//! the session's clearance.

use serde::Serialize;

use super::code::ArchivalCode;
use super::record::{RecordData, Status};

/// Which records a listing, a count or an export covers. What the user may see is not part of
/// it: the archive narrows every query to the session's clearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordQuery {
    pub fonds: Option<String>,
    pub year: Option<u16>,
    pub status: Option<Status>,
    /// The items inside one volume of the fonds.
    pub volume: Option<super::volume::VolumeNo>,
}

/// Where a window of a list begins or ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    First,
    Last,
    /// The rows after this code.
    After(ArchivalCode),
    /// The rows before this code (returned in list order).
    Before(ArchivalCode),
    /// This code, or the first after it if it does not exist.
    AtOrAfter(ArchivalCode),
}

/// A fonds (全宗) with the number of its records the reader may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fonds {
    pub code: String,
    pub name: String,
    pub records: u64,
    /// How the fonds writes the codes of its new records.
    pub scheme: super::CodeScheme,
    /// 门类 whose new records are coded in a scheme of their own.
    pub categories: Vec<(String, &'static str)>,
}

/// A version of a record that an edit replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub version: u32,
    pub data: RecordData,
    pub replaced_at: String,
    pub replaced_by: String,
}

/// A file attached to a record, kept under its SHA-256, with the four ingest checks it passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitalObject {
    pub sha256: String,
    pub size: u64,
    pub format: String,
    pub file_name: String,
    /// The four ingest checks (四性检测) as JSON: authenticity, integrity, usability, security.
    pub checks: String,
    pub attached_at: String,
    pub attached_by: String,
}
