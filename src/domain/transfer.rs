//! A transfer (移交): a package a department handed over, received or refused, as the transfer
//! register (移交登记) keeps it.

use crate::domain::Classification;

/// Which of the four checks at receipt (DA/T 70 四性检测), or the description itself, a refusal
/// belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Check {
    Authenticity,
    Integrity,
    Usability,
    Security,
    /// The transfer list's description of the records (著录).
    Description,
}

impl Check {
    /// The name in JSON and in the register.
    pub fn key(self) -> &'static str {
        match self {
            Check::Authenticity => "authenticity",
            Check::Integrity => "integrity",
            Check::Usability => "usability",
            Check::Security => "security",
            Check::Description => "description",
        }
    }

    pub const ALL: [Check; 5] = [
        Check::Authenticity,
        Check::Integrity,
        Check::Usability,
        Check::Security,
        Check::Description,
    ];
}

/// One reason a package was refused, in both languages: a receipt is read again later, by
/// people reading either.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Refusal {
    pub check: Check,
    /// The file, or the file and line, it concerns.
    pub place: String,
    pub zh: String,
    pub en: String,
}

/// A row of the transfer register.
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer {
    pub id: i64,
    /// SHA-256 of the package's manifest in path order (`bag::package_hash`); empty when the
    /// package was too broken to have one.
    pub package_hash: String,
    pub package_name: String,
    /// The department (移交单位) that handed it over.
    pub source: String,
    pub received_at: String,
    pub received_by: String,
    pub accepted: bool,
    pub records: u64,
    pub files: u64,
    pub bytes: u64,
    /// The highest 密级 it held: only those cleared to it see the row.
    pub classification: Classification,
    pub import_id: Option<i64>,
    pub refusals: Vec<Refusal>,
    /// The package's 说明文件, if it had one.
    pub notes: String,
}
