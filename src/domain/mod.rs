//! Pure types, parsing and validation. No I/O lives here.

pub mod appraisal;
pub mod audit;
pub mod bag;
pub mod catalogue;
pub mod code;
pub mod date;
pub mod folding;
pub mod format;
pub mod formula;
pub mod highlight;
pub mod loan;
pub mod markup;
pub mod matching;
pub mod oai;
pub mod package;
pub mod pdf;
pub mod pinyin;
pub mod query;
pub mod record;
pub mod register;
pub mod schemes;
pub mod signature;
pub mod slip;
pub mod stats;
pub mod suggest;
pub mod text;
pub mod transfer;
pub mod vocab;
pub mod volume;

pub use catalogue::{Anchor, DigitalObject, Fonds, RecordQuery, Revision};
pub mod boxing;
pub use appraisal::{AppraisalKind, AppraisalState, Verdict};
pub use code::{ArchivalCode, CodeError, CodeGroup, CodeScheme};
pub use date::{DateError, RecordDate};
pub use record::{Field, FieldError, Record, RecordData};
pub use vocab::{Carrier, Classification, LoanKind, Openness, Permission, Retention, Role, Status};
