//! What the app asks of the worker (effects) and what comes back (replies).

use chrono::NaiveDate;

use super::batch;
use crate::archive::loans::LoanRequest;
use crate::archive::reconcile::{LineRef, LineWithRecord, ScopeStatus};
use crate::archive::search::SearchResults;
use crate::domain::RecordQuery;
use crate::domain::loan::Loan;
use crate::domain::register::{PaperLine, Resolution, Scope};
use crate::domain::{Anchor, Fonds};
use crate::domain::{ArchivalCode, Classification, CodeGroup, Field, Record, RecordData, Role};

/// Work for the archive. `id`s let the app drop answers to questions it no longer asks.
#[derive(Debug, Clone)]
pub enum Effect {
    Login {
        name: String,
        password: String,
    },
    LoadFonds,
    /// Takes the draft this user left, if any.
    TakeDraft,
    LoadYears {
        fonds: String,
    },
    LoadCatalogues {
        fonds: String,
    },
    LoadVolumes {
        fonds: String,
        catalogue: String,
    },
    LoadWindow {
        id: u64,
        filter: RecordQuery,
        anchor: Anchor,
        limit: u64,
        /// The row number of the window's first row when the app can work it out itself; else
        /// the worker counts.
        position: Option<u64>,
        with_total: bool,
    },
    /// Hits `offset..offset + limit` of a query, with the counts per fonds, year and status if
    /// `counts`.
    Search {
        id: u64,
        text: String,
        offset: usize,
        limit: usize,
        counts: bool,
    },
    OpenRecord {
        code: ArchivalCode,
    },
    SaveNew {
        group: CodeGroup,
        item: Option<u32>,
        data: RecordData,
        quick: bool,
    },
    SaveEdit {
        code: ArchivalCode,
        version: u32,
        changes: Vec<(Field, String)>,
    },
    LoadLoans {
        tab: LoanTab,
        /// Only loans whose borrower's name, unit or contact holds this (empty: all).
        who: String,
    },
    /// The borrowers of loans before, for a lend form to offer.
    LoadBorrowers,
    /// The latest entries of the audit trail the user may see.
    LoadAudit,
    /// The transfer register as the user may see it.
    LoadTransfers,
    /// The appraisal screen's work.
    Appraise(super::AppraiseEffect),
    /// The statistics of a year (this year if None), of a fonds or all.
    Statistics {
        year: Option<i32>,
        fonds: Option<String>,
    },
    /// The safekeeping status (an admin's).
    LoadSafekeeping,
    AcknowledgeAlarm {
        id: i64,
        note: String,
    },
    /// The register's figures per department and per account.
    LoadTransferFigures,
    /// A learner of the records the user sees, for the entry form's suggestions (built on a
    /// thread of its own in the terminal: it reads the whole catalogue).
    Learn,
    /// The records a record being entered looks the same as.
    LookAlikes {
        fonds: String,
        data: Box<RecordData>,
        except: Option<ArchivalCode>,
    },
    /// The records related to one, for the record screen.
    Related {
        code: ArchivalCode,
    },
    /// One transfer's receipt.
    LoadReceipt {
        id: i64,
    },
    /// The codes scanned on a stretch of shelving, compared with the boxes recorded there.
    Stocktake {
        stretch: String,
        codes: Vec<String>,
    },
    /// A loan's due date put back by its kind's days.
    Renew {
        code: ArchivalCode,
    },
    /// A record lent and not coming back: the loan closes and the record's status is 遗失.
    MarkLost {
        code: ArchivalCode,
        note: String,
    },
    /// One record lent, or the marked ones, to one borrower (a reader's become requests).
    Lend {
        codes: Vec<ArchivalCode>,
        request: Box<LoanRequest>,
    },
    /// The marked records taken back, each in the same condition.
    ReturnMany {
        codes: Vec<ArchivalCode>,
        condition: String,
    },
    /// Every box and volume on the shelves.
    LoadShelves,
    /// A box or volume moved, or a box out of the stacks or back.
    ChangeShelf(super::shelves::ShelfChange),
    /// A catalogue printed as .xlsx, never over a file already there.
    Print {
        of: batch::PrintOf,
        path: std::path::PathBuf,
    },
    /// A CSV file of records, never over a file already there.
    Export {
        of: batch::ExportOf,
        path: std::path::PathBuf,
    },
    /// The loan slip of the visit the record's latest loan was part of.
    Slip {
        code: ArchivalCode,
        lang: crate::i18n::Lang,
        path: std::path::PathBuf,
    },
    ReturnLoan {
        code: ArchivalCode,
        /// The record's condition as taken back (empty: as lent).
        condition: String,
    },
    LoadScopes,
    LoadRegister {
        scope: String,
    },
    Resolve {
        scope: String,
        line: LineRef,
        resolution: Resolution,
        note: String,
    },
    Reopen {
        scope: String,
        line: LineRef,
    },
    Pick {
        scope: String,
        line: LineRef,
        code: ArchivalCode,
    },
    Certify {
        scope: String,
    },
    /// Has another session changed the archive since the last look?
    CheckChanges,
    EnterRegister {
        scope: String,
        lines: Vec<PaperLine>,
    },
}

/// The tabs of the loans screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanTab {
    Out,
    /// Out and due within the next seven days (overdue ones included: they are due too).
    DueSoon,
    Overdue,
    Log,
}

impl LoanTab {
    pub const ALL: [LoanTab; 4] = [
        LoanTab::Out,
        LoanTab::DueSoon,
        LoanTab::Overdue,
        LoanTab::Log,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanEvent {
    Lent,
    Requested,
    Returned,
    Renewed { due: NaiveDate },
    Lost,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    pub name: String,
    pub role: Role,
    pub clearance: Classification,
}

pub enum Reply {
    Borrowers(Vec<crate::domain::loan::Borrower>),
    Audit(Vec<crate::domain::audit::AuditEntry>),
    Transfers(Vec<crate::domain::transfer::Transfer>),
    Receipt(Box<crate::archive::receive::Receipt>),
    TransferFigures(crate::tui::app::receipts::Figures),
    Stocktaken(Box<crate::domain::boxing::Stocktake>),
    /// The shelves as they stand, with what was just done to them.
    Shelves {
        rows: Vec<super::shelves::ShelfRow>,
        said: Option<crate::i18n::Msg>,
    },
    /// Nothing to show: the answer to a check that found no change.
    Quiet,
    /// Another session changed the archive: what is shown may be out of date.
    ChangedElsewhere,
    LoggedIn(UserInfo),
    LoginFailed(crate::Error),
    Fonds(Vec<Fonds>),
    Years {
        fonds: String,
        years: Vec<(u16, u64)>,
        /// Certified single-track scopes of this fonds.
        certified: Vec<Scope>,
    },
    Catalogues {
        fonds: String,
        catalogues: Vec<crate::domain::volume::Catalogue>,
    },
    Volumes {
        fonds: String,
        catalogue: String,
        volumes: Vec<crate::domain::volume::Volume>,
    },
    Window {
        id: u64,
        records: Vec<Record>,
        position: u64,
        total: Option<u64>,
    },
    Results {
        id: u64,
        /// The number of the first hit held, of all.
        offset: usize,
        results: SearchResults,
    },
    Record {
        record: Box<Record>,
        around: Box<crate::tui::app::record::Around>,
        /// The volume it is inside, code and title, if the user may see the volume.
        volume: Option<String>,
    },
    Loans {
        tab: LoanTab,
        today: NaiveDate,
        loans: Vec<Loan>,
    },
    /// A loan lent, requested or returned: what to say.
    LoanDone {
        code: String,
        borrower: String,
        event: LoanEvent,
    },
    Saved {
        record: Box<Record>,
        quick: bool,
        changed: usize,
    },
    Scopes(Vec<ScopeStatus>),
    /// A register's lines as they stand, after what was asked (and what to say about it).
    Register {
        status: ScopeStatus,
        lines: Vec<LineWithRecord>,
        /// The certificate's hash, when the scope was just certified.
        certified: Option<String>,
    },
    /// One line decided, as it stands now, and the scope's counts.
    LineDecided {
        status: ScopeStatus,
        line: Box<LineWithRecord>,
    },
    /// The search index being built: how far, in percent.
    Indexing(u64),
    Indexed,
    /// The form this user left unsaved when the terminal last went away.
    Draft(Option<Box<crate::tui::draft::Draft>>),
    /// An edit refused because another session saved the record meanwhile.
    Conflict(Box<crate::archive::records::EditConflict>),
    /// Several records lent or taken back: those done, and those refused with why.
    Batch {
        event: LoanEvent,
        done: Vec<String>,
        failed: Vec<(String, crate::Error)>,
    },
    /// A file written (an export, a slip), with how many records it holds.
    Written {
        path: std::path::PathBuf,
        count: u64,
    },
    Appraise(Box<super::AppraiseReply>),
    /// The statistics asked for, with the fonds asked for (None: all).
    Statistics(Box<crate::domain::stats::Statistics>),
    Safekeeping(Box<crate::archive::safekeeping::SafekeepingStatus>),
    AlarmAcknowledged(i64),
    Learned(Box<crate::domain::suggest::Learner>),
    LookAlikes(Vec<crate::archive::suggest::LookAlike>),
    Related {
        code: ArchivalCode,
        related: Box<crate::archive::suggest::Related>,
    },
    Error(crate::Error),
}
