//! The keys each mode has before a keymap.toml changes any: arrows, Enter, Esc and F-keys
//! everywhere, a letter and its F-key or Ctrl twin where a Chinese IME may swallow the letter.

use super::Mode;
use crate::tui::action::Action;

const GLOBAL: &[(&str, Action)] = &[
    ("f1", Action::Help),
    ("ctrl-l", Action::Redraw),
    ("ctrl-c", Action::Interrupt),
];

const LIST: &[(&str, Action)] = &[
    ("up", Action::Up),
    ("down", Action::Down),
    ("pageup", Action::PageUp),
    ("pagedown", Action::PageDown),
];

const READING: &[(&str, Action)] = &[
    ("k", Action::Up),
    ("j", Action::Down),
    ("home", Action::Home),
    ("end", Action::End),
    ("enter", Action::Open),
    ("esc", Action::Back),
    ("backspace", Action::Back),
    ("?", Action::Help),
    ("q", Action::Quit),
];

pub(super) fn defaults(mode: Mode) -> Vec<(&'static str, Action)> {
    let own: &[(&str, Action)] = match mode {
        Mode::Login => &[
            ("tab", Action::NextField),
            ("backtab", Action::PrevField),
            ("enter", Action::Open),
            ("esc", Action::Quit),
        ],
        Mode::Browse => &[
            ("k", Action::Up),
            ("j", Action::Down),
            ("home", Action::Home),
            ("end", Action::End),
            ("enter", Action::Open),
            ("right", Action::Open),
            ("esc", Action::Back),
            ("left", Action::Back),
            ("backspace", Action::Back),
            ("/", Action::Search),
            ("ctrl-f", Action::Search),
            ("g", Action::Jump),
            ("ctrl-g", Action::Jump),
            ("n", Action::NewRecord),
            ("f2", Action::NewRecord),
            ("space", Action::Mark),
            ("insert", Action::Mark),
            ("l", Action::Lend),
            ("f7", Action::Lend),
            ("r", Action::Return),
            ("f8", Action::Return),
            ("ctrl-e", Action::Export),
            ("f3", Action::QuickEntry),
            ("f6", Action::Loans),
            ("c", Action::Reconcile),
            ("f10", Action::Reconcile),
            ("a", Action::Audit),
            ("f12", Action::Audit),
            ("t", Action::Receipts),
            ("f11", Action::Receipts),
            ("s", Action::Stocktake),
            ("f9", Action::Stocktake),
            ("p", Action::Print),
            ("f4", Action::Print),
            ("b", Action::Shelves),
            ("f5", Action::Shelves),
            ("d", Action::Appraise),
            ("ctrl-d", Action::Appraise),
            ("i", Action::Statistics),
            ("ctrl-t", Action::Statistics),
            ("v", Action::Safekeeping),
            ("ctrl-v", Action::Safekeeping),
            ("?", Action::Help),
            ("q", Action::Quit),
        ],
        Mode::Search => &[
            // Home and End move in the hits; the caret has Ctrl-A and Ctrl-E.
            ("home", Action::Home),
            ("end", Action::End),
            ("enter", Action::Open),
            ("esc", Action::Back),
            ("f5", Action::Sort),
            ("tab", Action::NextChip),
            ("f7", Action::Lend),
            ("f8", Action::Return),
            ("insert", Action::Mark),
            ("ctrl-t", Action::Mark),
            ("ctrl-e", Action::Export),
        ],
        Mode::Record => &[
            ("home", Action::Home),
            ("end", Action::End),
            ("e", Action::Edit),
            ("f4", Action::Edit),
            ("l", Action::Lend),
            ("f7", Action::Lend),
            ("r", Action::Return),
            ("f8", Action::Return),
            ("x", Action::Renew),
            ("d", Action::MarkLost),
            ("p", Action::Slip),
            ("f6", Action::Loans),
            ("esc", Action::Back),
            ("left", Action::Back),
            ("backspace", Action::Back),
            ("/", Action::Search),
            ("?", Action::Help),
            ("q", Action::Quit),
        ],
        Mode::Form => &[
            ("tab", Action::NextField),
            ("down", Action::NextField),
            ("enter", Action::NextField),
            ("backtab", Action::PrevField),
            ("up", Action::PrevField),
            ("ctrl-s", Action::Save),
            ("f2", Action::Save),
            ("ctrl-n", Action::NextChoice),
            ("ctrl-p", Action::PrevChoice),
            ("ctrl-k", Action::KeepField),
            ("ctrl-y", Action::TakeSuggestion),
            ("f4", Action::TakeSuggestion),
            ("esc", Action::Back),
        ],
        Mode::Loans => &[
            ("k", Action::Up),
            ("j", Action::Down),
            ("home", Action::Home),
            ("end", Action::End),
            ("tab", Action::NextTab),
            ("enter", Action::Open),
            ("r", Action::Return),
            ("f8", Action::Return),
            ("b", Action::BatchReturn),
            ("f9", Action::BatchReturn),
            ("x", Action::Renew),
            ("d", Action::MarkLost),
            ("p", Action::Slip),
            ("esc", Action::Back),
            ("/", Action::FilterLoans),
            ("?", Action::Help),
            ("q", Action::Quit),
        ],
        Mode::Reconcile => &[
            ("k", Action::Up),
            ("j", Action::Down),
            ("home", Action::Home),
            ("end", Action::End),
            ("enter", Action::Open),
            ("n", Action::NextOpen),
            ("f3", Action::NextOpen),
            ("o", Action::OpenOnly),
            ("a", Action::AcceptDigital),
            ("c", Action::CorrectDigital),
            ("i", Action::CreateRecord),
            ("m", Action::MissingOnPaper),
            ("x", Action::MissingInDigital),
            ("t", Action::ResolveNote),
            ("p", Action::Pick),
            ("u", Action::Undo),
            // A key that is not typed by accident: certifying closes the register.
            ("f8", Action::Certify),
            ("e", Action::TypeRegister),
            ("f2", Action::TypeRegister),
            ("esc", Action::Back),
            ("?", Action::Help),
            ("q", Action::Quit),
        ],
        // Lists to read and open from, nothing to change.
        Mode::Audit | Mode::Receipts => READING,
        Mode::Stocktake => &[
            ("up", Action::Up),
            ("down", Action::Down),
            ("pageup", Action::PageUp),
            ("pagedown", Action::PageDown),
            ("home", Action::Home),
            ("end", Action::End),
            ("enter", Action::Open),
            ("ctrl-s", Action::Save),
            ("f2", Action::Save),
            ("esc", Action::Back),
        ],
        Mode::Shelves => &[
            ("k", Action::Up),
            ("j", Action::Down),
            ("home", Action::Home),
            ("end", Action::End),
            ("m", Action::MoveShelved),
            ("f4", Action::MoveShelved),
            ("o", Action::TakeOut),
            ("f7", Action::TakeOut),
            ("i", Action::BringBack),
            ("f8", Action::BringBack),
            ("esc", Action::Back),
            ("left", Action::Back),
            ("backspace", Action::Back),
            ("?", Action::Help),
            ("q", Action::Quit),
        ],
        Mode::Appraise => &[
            ("k", Action::Up),
            ("j", Action::Down),
            ("home", Action::Home),
            ("end", Action::End),
            ("enter", Action::Open),
            ("tab", Action::NextTab),
            ("space", Action::Mark),
            ("insert", Action::Mark),
            ("ctrl-s", Action::Propose),
            ("f2", Action::Propose),
            ("a", Action::Approve),
            ("f8", Action::Approve),
            ("x", Action::Reject),
            ("w", Action::CarryOut),
            ("f9", Action::CarryOut),
            ("esc", Action::Back),
            ("backspace", Action::Back),
            ("?", Action::Help),
            ("q", Action::Quit),
        ],
        Mode::Statistics => &[
            ("left", Action::PrevYear),
            ("h", Action::PrevYear),
            ("right", Action::NextYear),
            ("l", Action::NextYear),
            ("f", Action::NextFonds),
            ("f6", Action::NextFonds),
            ("tab", Action::NextTab),
            ("k", Action::Up),
            ("j", Action::Down),
            ("home", Action::Home),
            ("end", Action::End),
            ("esc", Action::Back),
            ("backspace", Action::Back),
            ("?", Action::Help),
            ("q", Action::Quit),
        ],
        Mode::Safekeeping => &[
            ("k", Action::Up),
            ("j", Action::Down),
            ("home", Action::Home),
            ("end", Action::End),
            ("a", Action::Acknowledge),
            ("f8", Action::Acknowledge),
            ("enter", Action::Acknowledge),
            ("esc", Action::Back),
            ("left", Action::Back),
            ("backspace", Action::Back),
            ("?", Action::Help),
            ("q", Action::Quit),
        ],
        Mode::Help => &[("esc", Action::Back), ("q", Action::Back)],
    };
    let list = matches!(
        mode,
        Mode::Browse
            | Mode::Search
            | Mode::Record
            | Mode::Loans
            | Mode::Reconcile
            | Mode::Audit
            | Mode::Receipts
            | Mode::Shelves
            | Mode::Appraise
            | Mode::Statistics
            | Mode::Safekeeping
            | Mode::Help
    );
    // The register's figures are the transfers screen's second tab.
    let tabs: &[(&str, Action)] = if mode == Mode::Receipts {
        &[("tab", Action::NextTab)]
    } else {
        &[]
    };
    GLOBAL
        .iter()
        .chain(if list { LIST } else { &[] })
        .chain(own)
        .chain(tabs)
        .copied()
        .collect()
}
