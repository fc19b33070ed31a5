//! What a key can do. Keymaps name these in kebab-case; handlers never look at key codes.

use crate::i18n::S;

macro_rules! actions {
    ($($variant:ident => $name:literal, $label:ident;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action { $($variant),+ }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            pub fn label(self) -> S {
                match self { $(Action::$variant => S::$label),+ }
            }

            pub fn parse(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)+ _ => None }
            }
        }
    };
}

actions! {
    Quit => "quit", ActQuit;
    Interrupt => "interrupt", ActInterrupt;
    Help => "help", ActHelp;
    Redraw => "redraw", ActRedraw;
    Up => "up", ActUp;
    Down => "down", ActDown;
    PageUp => "page-up", ActPageUp;
    PageDown => "page-down", ActPageDown;
    Home => "home", ActHome;
    End => "end", ActEnd;
    Open => "open", ActOpen;
    Back => "back", ActBack;
    Search => "search", ActSearch;
    Jump => "jump", ActJump;
    NewRecord => "new-record", ActNewRecord;
    QuickEntry => "quick-entry", ActQuickEntry;
    Edit => "edit", ActEdit;
    Print => "print", ActPrint;
    Shelves => "shelves", ActShelves;
    MoveShelved => "move", ActMoveShelved;
    TakeOut => "take-out", ActTakeOut;
    BringBack => "bring-back", ActBringBack;
    Save => "save", ActSave;
    NextField => "next-field", ActNextField;
    PrevField => "prev-field", ActPrevField;
    Sort => "sort", ActSort;
    NextChip => "next-filter", ActNextChip;
    Loans => "loans", ActLoans;
    Lend => "lend", ActLend;
    Return => "return", ActReturn;
    BatchReturn => "batch-return", ActBatchReturn;
    Renew => "renew", ActRenew;
    MarkLost => "mark-lost", ActMarkLost;
    FilterLoans => "filter-loans", ActFilterLoans;
    NextTab => "next-tab", ActNextTab;
    Reconcile => "reconcile", ActReconcile;
    NextOpen => "next-open", ActNextOpen;
    OpenOnly => "open-only", ActOpenOnly;
    AcceptDigital => "accept-digital", ActAcceptDigital;
    CorrectDigital => "correct-digital", ActCorrectDigital;
    CreateRecord => "create-record", ActCreateRecord;
    MissingOnPaper => "missing-on-paper", ActMissingOnPaper;
    MissingInDigital => "missing-in-digital", ActMissingInDigital;
    ResolveNote => "resolve-note", ActResolveNote;
    Pick => "pick", ActPick;
    Certify => "certify", ActCertify;
    Undo => "undo", ActUndo;
    TypeRegister => "type-register", ActTypeRegister;
    NextChoice => "next-choice", ActNextChoice;
    PrevChoice => "prev-choice", ActPrevChoice;
    KeepField => "keep-field", ActKeepField;
    Mark => "mark", ActMark;
    Export => "export", ActExport;
    Slip => "loan-slip", ActSlip;
    Audit => "audit", ActAudit;
    Receipts => "receipts", ActReceipts;
    Stocktake => "stocktake", ActStocktake;
    Appraise => "appraise", ActAppraise;
    Propose => "propose", ActPropose;
    Approve => "approve", ActApprove;
    Reject => "reject", ActReject;
    CarryOut => "carry-out", ActCarryOut;
    Statistics => "statistics", ActStatistics;
    PrevYear => "previous-year", ActPrevYear;
    NextYear => "next-year", ActNextYear;
    NextFonds => "next-fonds", ActNextFonds;
    TakeSuggestion => "take-suggestion", ActTakeSuggestion;
    Safekeeping => "safekeeping", ActSafekeeping;
    Acknowledge => "acknowledge", ActAcknowledge;
}
