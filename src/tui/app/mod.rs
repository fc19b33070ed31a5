//! The App: the whole state of the workstation, and `update`, which turns a key or a worker reply
//! into a new state and the effects to run. It never blocks and never touches the archive.

//! Each screen is one module: its state, its actions, the replies it waits for, and its view.
pub mod appraise;
pub mod audit;
pub mod browse;
pub mod form;
pub mod loans;
pub mod login;
pub mod receipts;
pub mod reconcile;
pub mod record;
pub mod safekeeping;
pub mod search;
pub mod shelves;
pub mod stats;
pub mod stocktake;

mod batch;
mod confirm;
mod print;
mod refresh;
mod replies;
mod screens;

pub use audit::{AuditView, SHOWN as AUDIT_SHOWN};
pub use browse::list::RecordList;
pub use browse::{Menu, Years};
pub use confirm::Confirm;
pub use loans::LoansView;
pub use login::Login;
pub use reconcile::ReconcileView;
pub use record::RecordView;
pub use search::Search;
pub use search::act::{Chip, chips};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::Fonds;
use crate::domain::Permission;
use crate::domain::register::Resolution;
use crate::i18n::{Lang, S};
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use crate::tui::worker::{Effect, Reply, UserInfo};
use form::Form;

/// Rows of the screen that are not the list: title bar, column header, status line, and the
/// detail of the selected row under the list.
pub const CHROME_ROWS: u16 = 3 + crate::tui::view::DETAIL_ROWS;

/// A one-line prompt in the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// An archival code to jump to in the record list.
    Jump,
    /// Codes of records brought back, one after another.
    BatchReturn,
    /// A note for a decision on a register line (may be empty).
    Resolve(Resolution),
    /// The code of another record for a register line.
    Pick,
    /// The scope of a register about to be typed in.
    TypeScope,
    /// One line of a paper register, typed as read (an empty line stores the register).
    TypeLine,
    /// The condition of a record being taken back (empty: as it was lent).
    ReturnCondition,
    /// A note on a record lent and lost (the prompt says it cannot be undone).
    LostNote,
    /// Text to find in borrowers' names, units and contacts.
    LoanWho,
    /// The condition of the marked records taken back together.
    ReturnMarked,
    /// The file an export goes to.
    ExportPath,
    /// Where the selected box or volume is moved to.
    MoveTo,
    /// Why the selected box leaves the stacks.
    OutReason,
    /// The file a catalogue is printed to (what, the screen under the prompt says).
    PrintPath,
    /// The file a loan slip goes to.
    SlipPath,
    /// The witness of the destruction that appraisal carries out.
    Witness(i64),
    /// What was done about an alarm, as it is acknowledged.
    AlarmNote(i64),
}

pub struct Prompt {
    pub kind: PromptKind,
    pub input: LineInput,
    /// The record the prompt is about, if one.
    pub target: Option<crate::domain::ArchivalCode>,
}

pub enum Screen {
    Login(Login),
    Fonds(Menu<Fonds>),
    Years(Years),
    Catalogues(browse::volumes::Catalogues),
    Volumes(browse::volumes::Volumes),
    Records(RecordList),
    Search(Box<Search>),
    Record(RecordView),
    Form(Box<Form>),
    Loans(LoansView),
    Audit(audit::AuditView),
    Receipts(Box<receipts::ReceiptsView>),
    Stocktake(Box<stocktake::StocktakeView>),
    Shelves(Box<shelves::ShelvesView>),
    Reconcile(Box<ReconcileView>),
    Appraise(Box<appraise::AppraiseView>),
    Statistics(Box<stats::StatsView>),
    Safekeeping(Box<safekeeping::SafekeepingView>),
    /// The keys of a mode, scrolled by this many rows.
    Help(Mode, u16),
}

impl Screen {
    pub fn mode(&self) -> Mode {
        match self {
            Screen::Login(_) => Mode::Login,
            Screen::Fonds(_)
            | Screen::Years(_)
            | Screen::Catalogues(_)
            | Screen::Volumes(_)
            | Screen::Records(_) => Mode::Browse,
            Screen::Search(_) => Mode::Search,
            Screen::Record(_) => Mode::Record,
            Screen::Form(_) => Mode::Form,
            Screen::Loans(_) => Mode::Loans,
            Screen::Audit(_) => Mode::Audit,
            Screen::Receipts(_) => Mode::Receipts,
            Screen::Stocktake(_) => Mode::Stocktake,
            Screen::Shelves(_) => Mode::Shelves,
            Screen::Reconcile(_) => Mode::Reconcile,
            Screen::Appraise(_) => Mode::Appraise,
            Screen::Statistics(_) => Mode::Statistics,
            Screen::Safekeeping(_) => Mode::Safekeeping,
            Screen::Help(..) => Mode::Help,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    /// Screens in the order they were opened; the last is shown. Back closes it.
    pub stack: Vec<Screen>,
    pub status: Option<Status>,
    pub user: Option<UserInfo>,
    /// The percentage done while the search index catches up.
    pub indexing: Option<u64>,
    /// A prompt in the status line (jump to a code, batch return).
    pub prompt: Option<Prompt>,
    /// A question asked in the status line before what cannot be undone.
    pub confirm: Option<Confirm>,
    /// Screens of the stack below this index are out of date: each reloads when shown again.
    stale_below: usize,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    pub login_hint: Option<String>,
    next_id: u64,
    /// What the catalogue the user sees teaches the entry form (once learned after log-in).
    pub learner: Option<Box<crate::domain::suggest::Learner>>,
}

impl App {
    pub fn new(lang: Lang, theme: Theme, keymap: Keymap, width: u16, height: u16) -> App {
        App {
            lang,
            theme,
            keymap,
            stack: vec![Screen::Login(Login::default())],
            status: None,
            user: None,
            indexing: None,
            prompt: None,
            confirm: None,
            stale_below: 0,
            width,
            height,
            quit: false,
            login_hint: None,
            next_id: 0,
            learner: None,
        }
    }

    pub fn t(&self, key: S) -> &'static str {
        key.get(self.lang)
    }

    pub fn screen(&self) -> &Screen {
        // The stack is never empty: Back on the last screen quits instead of popping it.
        &self.stack[self.stack.len() - 1]
    }

    fn screen_mut(&mut self) -> &mut Screen {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Rows a list shows at the current terminal size.
    pub fn list_height(&self) -> u64 {
        u64::from(self.height.saturating_sub(CHROME_ROWS).max(1))
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    /// Whether the user's role allows what the action does: the status line offers nothing the
    /// archive would refuse. (Lending is offered to readers: theirs becomes a request.)
    pub fn may(&self, action: Action) -> bool {
        let needed = match action {
            Action::Edit
            | Action::NewRecord
            | Action::QuickEntry
            | Action::AcceptDigital
            | Action::CorrectDigital
            | Action::CreateRecord
            | Action::MissingOnPaper
            | Action::MissingInDigital
            | Action::ResolveNote
            | Action::Pick
            | Action::Undo
            | Action::Certify => Permission::WriteRecords,
            Action::TypeRegister => Permission::ImportRecords,
            Action::Return
            | Action::BatchReturn
            | Action::Renew
            | Action::MarkLost
            | Action::Slip => Permission::Lend,
            Action::Export => Permission::ExportRecords,
            Action::Audit => Permission::ReadAudit,
            Action::Receipts => Permission::ImportRecords,
            Action::Appraise | Action::Propose | Action::CarryOut | Action::Reject => {
                Permission::Appraise
            }
            Action::Approve => Permission::ApproveAppraisal,
            Action::Statistics => Permission::ReadStatistics,
            Action::Safekeeping | Action::Acknowledge => Permission::ManageSettings,
            Action::Stocktake | Action::MoveShelved | Action::TakeOut | Action::BringBack => {
                Permission::WriteRecords
            }
            // Only quick entry keeps fields for the next record.
            Action::KeepField => {
                return matches!(self.screen(), Screen::Form(f) if f.kind == form::FormKind::New { quick: true });
            }
            _ => return true,
        };
        self.user.as_ref().is_some_and(|u| u.role.allows(needed))
    }

    /// Whether the logged-in user lacks `permission`; if so, the status line says so, as the
    /// archive would.
    fn refused(&mut self, permission: Permission) -> bool {
        let Some(user) = &self.user else {
            return false;
        };
        if user.role.allows(permission) {
            return false;
        }
        let refused = crate::i18n::AccountMsg::NotAllowed {
            name: user.name.clone(),
            role: user.role,
            permission,
        };
        self.error(refused.text(self.lang));
        true
    }

    fn may_write(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.allows(Permission::WriteRecords))
    }

    pub fn resize(&mut self, width: u16, height: u16) -> Vec<Effect> {
        self.width = width;
        self.height = height;
        let (height, id) = (self.list_height(), self.id());
        match self.screen_mut() {
            Screen::Records(list) => list
                .select(list.selected as i64, height, id)
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn paste(&mut self, text: &str) -> bool {
        match self.screen_mut() {
            Screen::Search(_) | Screen::Form(_) | Screen::Login(_) | Screen::Stocktake(_) => {
                if let Some(input) = self.text_field() {
                    input.insert(text);
                }
                self.described_changed();
                true
            }
            _ => false,
        }
    }

    /// A form's field was typed into: it is changed, and its suggestions are made afresh.
    fn described_changed(&mut self) {
        let learner = self.learner.as_deref();
        if let Some(Screen::Form(form)) = self.stack.last_mut() {
            form.dirty = true;
            form.picking = None;
            form.refresh_suggestions(learner);
        }
    }

    /// The text field keys type into, if the screen has one.
    fn text_field(&mut self) -> Option<&mut LineInput> {
        if self.prompt.is_some() {
            return self.prompt.as_mut().map(|p| &mut p.input);
        }
        match self.screen_mut() {
            Screen::Login(login) => Some(if login.on_password {
                &mut login.password
            } else {
                &mut login.name
            }),
            Screen::Search(search) => {
                search.chip = None;
                Some(&mut search.input)
            }
            Screen::Form(form) if !form.confirm_discard => Some(form.focused()),
            Screen::Stocktake(view) if view.result.is_none() => Some(&mut view.input),
            _ => None,
        }
    }

    /// A key: to the keymap first, then to the focused text field. Returns the effects and
    /// whether anything changed (nothing to redraw otherwise).
    pub fn key(&mut self, key: &KeyEvent) -> (Vec<Effect>, bool) {
        let (depth, status) = (self.stack.len(), self.status.clone());
        let (mut effects, changed) = self.key_inner(key);
        effects.extend(self.settle(depth, status));
        (effects, changed)
    }

    fn key_inner(&mut self, key: &KeyEvent) -> (Vec<Effect>, bool) {
        if self.width < crate::tui::view::MIN_WIDTH || self.height < crate::tui::view::MIN_HEIGHT {
            // Only quitting works on a screen too small to show anything.
            let action = self.keymap.action(Mode::Browse, key);
            let quit = matches!(action, Some(Action::Quit | Action::Interrupt));
            self.quit |= quit;
            return (Vec::new(), quit);
        }
        if let Screen::Form(form) = self.screen_mut()
            && form.confirm_discard
        {
            return (form::act::confirm_discard(self, key), true);
        }
        if self.confirm.is_some() {
            return (self.answer(key), true);
        }
        let mode = if self.prompt.is_some() {
            Mode::Search
        } else {
            self.screen().mode()
        };
        if let Some(action) = self.keymap.action(mode, key) {
            return (self.action(action), true);
        }
        if let Screen::Form(form) = self.screen_mut()
            && std::mem::take(&mut form.replace_on_type)
            && let KeyCode::Char(_) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            *form.focused() = LineInput::default();
        }
        let before = self.search_text();
        let edited = self.text_field().is_some_and(|input| input.edit(key));
        if edited {
            self.described_changed();
            if self.search_text() != before {
                return (self.search_again(), true);
            }
        }
        (Vec::new(), edited)
    }

    pub fn action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => self.quit(confirm::QuitKey::Q),
            Action::Interrupt => self.quit(confirm::QuitKey::Interrupt),
            Action::Redraw => {
                self.changed_everywhere();
                Vec::new()
            }
            Action::Help => {
                if let Screen::Help(..) = self.screen() {
                    self.stack.pop();
                } else {
                    let mode = self.screen().mode();
                    self.stack.push(Screen::Help(mode, 0));
                }
                Vec::new()
            }
            _ => screens::act(self, action),
        }
    }

    pub fn reply(&mut self, reply: Reply) -> Vec<Effect> {
        let (depth, status) = (self.stack.len(), self.status.clone());
        match &reply {
            Reply::ChangedElsewhere => self.changed_everywhere(),
            // What a search found while the index was behind may be short: searched again.
            Reply::Indexed if self.indexing.is_some() => self.changed_everywhere(),
            Reply::Saved { .. } | Reply::LineDecided { .. } | Reply::Register { .. } => {
                self.changed_here()
            }
            _ => {}
        }
        let mut effects = replies::reply(self, reply);
        effects.extend(self.settle(depth, status));
        effects
    }
}
