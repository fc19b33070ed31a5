//! The loans screen, lending and returning from a record or a search hit, and the prompts of the
//! status line (jump to a code; batch return, where a borrower brings back a stack).

use chrono::NaiveDate;

pub mod view;

use super::form::Form;
use super::record::open_record;
use super::{App, Prompt, PromptKind, Screen};
use crate::domain::loan::Loan;
use crate::domain::{ArchivalCode, Status};
use crate::i18n::{LoanMsg, S};
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::{Effect, LoanEvent, LoanTab};

pub struct LoansView {
    pub tab: LoanTab,
    /// Only loans whose borrower's name, unit or contact holds this.
    pub who: String,
    pub loans: Vec<Loan>,
    pub today: Option<NaiveDate>,
    pub selected: usize,
    pub loaded: bool,
}

impl LoansView {
    /// Loads the tab shown, as filtered.
    pub fn load(&self) -> Effect {
        Effect::LoadLoans {
            tab: self.tab,
            who: self.who.clone(),
        }
    }
}

/// The code of the record in front of the user: the one shown, or the selected hit or loan.
pub(super) fn current_code(app: &App) -> Option<ArchivalCode> {
    match app.screen() {
        Screen::Record(view) => view.record.as_ref().map(|r| r.code.clone()),
        Screen::Records(list) => list.selected_record().map(|r| r.code.clone()),
        Screen::Search(search) => search.selected_hit().map(|f| f.record.code.clone()),
        Screen::Loans(view) => view
            .loans
            .get(view.selected)
            .and_then(|l| l.code.parse().ok()),
        _ => None,
    }
}

/// The status of the record in front of the user, when the screen knows it.
fn current_status(app: &App) -> Option<Status> {
    match app.screen() {
        Screen::Record(view) => view.record.as_ref().map(|r| r.data.status),
        Screen::Records(list) => list.selected_record().map(|r| r.data.status),
        Screen::Search(search) => search.selected_hit().map(|f| f.record.data.status),
        _ => None,
    }
}

/// The loan actions; None for every other action, which the screens handle.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = app.list_height() as usize;
    match (app.screen_mut(), action) {
        (_, Action::Loans) => {
            app.stack.push(Screen::Loans(LoansView {
                tab: LoanTab::Out,
                who: String::new(),
                loans: Vec::new(),
                today: None,
                selected: 0,
                loaded: false,
            }));
            Some(vec![Effect::LoadLoans {
                tab: LoanTab::Out,
                who: String::new(),
            }])
        }
        (Screen::Loans(view), Action::NextTab) => {
            let next = LoanTab::ALL
                .iter()
                .position(|t| *t == view.tab)
                .map_or(0, |i| (i + 1) % LoanTab::ALL.len());
            view.tab = LoanTab::ALL[next];
            view.loaded = false;
            view.selected = 0;
            Some(vec![view.load()])
        }
        (Screen::Loans(view), a) if super::screens::MOVES.contains(&a) => {
            view.selected = super::screens::moved(view.selected, view.loans.len(), a, page);
            Some(Vec::new())
        }
        (Screen::Loans(_), Action::Open) => {
            let code = current_code(app)?;
            Some(open_record(app, code))
        }
        (Screen::Loans(view), Action::FilterLoans) => {
            let who = view.who.clone();
            app.prompt = Some(Prompt {
                kind: PromptKind::LoanWho,
                input: LineInput::with_text(&who),
                target: None,
            });
            Some(Vec::new())
        }
        (Screen::Loans(_), Action::BatchReturn) => {
            app.status = None;
            app.prompt = Some(Prompt {
                kind: PromptKind::BatchReturn,
                input: LineInput::default(),
                target: None,
            });
            Some(Vec::new())
        }
        (Screen::Record(_) | Screen::Records(_) | Screen::Search(_), Action::Lend) => {
            let code = current_code(app)?;
            if current_status(app) == Some(Status::OnLoan) {
                app.error(format!("{code} {}", app.t(S::AlreadyOut)));
                return Some(Vec::new());
            }
            app.stack.push(Screen::Form(Box::new(Form::lend(&[code]))));
            Some(vec![Effect::LoadBorrowers])
        }
        (
            Screen::Record(_) | Screen::Records(_) | Screen::Search(_) | Screen::Loans(_),
            Action::Return,
        )
        | (Screen::Record(_) | Screen::Loans(_), Action::Renew | Action::MarkLost) => {
            let code = current_code(app)?;
            if current_status(app).is_some_and(|s| s != Status::OnLoan) {
                app.error(
                    LoanMsg::NotOut {
                        code: code.to_string(),
                    }
                    .text(app.lang),
                );
                return Some(Vec::new());
            }
            // Taking back and losing are not undone: the condition or a note is asked first,
            // and Esc leaves it out. A renewal only moves the due date.
            let kind = match action {
                Action::Renew => return Some(vec![Effect::Renew { code }]),
                Action::MarkLost => PromptKind::LostNote,
                _ => PromptKind::ReturnCondition,
            };
            app.info(code.to_string());
            app.prompt = Some(Prompt {
                kind,
                input: LineInput::default(),
                target: Some(code),
            });
            Some(Vec::new())
        }
        _ => None,
    }
}

/// Keys while a prompt is open.
pub fn prompt(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(kind) = app.prompt.as_ref().map(|p| p.kind) else {
        return Vec::new();
    };
    let target = app.prompt.as_ref().and_then(|p| p.target.clone());
    match action {
        Action::Back => {
            app.prompt = None;
            app.status = None;
        }
        Action::Open => {
            let text = match &mut app.prompt {
                // A batch (of codes, of register lines) stays open for the next; a jump closes.
                Some(p) if matches!(kind, PromptKind::BatchReturn | PromptKind::TypeLine) => {
                    std::mem::take(&mut p.input).text().to_string()
                }
                _ => app
                    .prompt
                    .take()
                    .map(|p| p.input.text().to_string())
                    .unwrap_or_default(),
            };
            if kind == PromptKind::ReturnCondition || kind == PromptKind::LostNote {
                app.status = None;
                let note = text.trim().to_string();
                return match (target, kind) {
                    (Some(code), PromptKind::LostNote) => vec![Effect::MarkLost { code, note }],
                    (Some(code), _) => vec![Effect::ReturnLoan {
                        code,
                        condition: note,
                    }],
                    (None, _) => Vec::new(),
                };
            }
            if let PromptKind::MoveTo | PromptKind::OutReason = kind {
                return super::shelves::prompt_done(app, kind, text.trim());
            }
            if let PromptKind::AlarmNote(id) = kind {
                return super::safekeeping::note_given(app, id, text.trim());
            }
            if let PromptKind::Witness(id) = kind {
                return super::appraise::witness_given(app, id, text.trim());
            }
            if kind == PromptKind::PrintPath {
                return super::print::prompt_done(app, text.trim());
            }
            if let PromptKind::ReturnMarked | PromptKind::ExportPath | PromptKind::SlipPath = kind {
                return super::batch::prompt_done(app, kind, text.trim());
            }
            if kind == PromptKind::LoanWho {
                if let Screen::Loans(view) = app.screen_mut() {
                    view.who = text.trim().to_string();
                    view.selected = 0;
                    view.loaded = false;
                    return vec![view.load()];
                }
                return Vec::new();
            }
            // A decision's note may be empty; a code may not.
            if text.trim().is_empty()
                && !matches!(kind, PromptKind::Resolve(_) | PromptKind::TypeLine)
            {
                return Vec::new();
            }
            if let PromptKind::Resolve(_)
            | PromptKind::Pick
            | PromptKind::TypeScope
            | PromptKind::TypeLine = kind
            {
                return super::reconcile::prompt_done(app, kind, text.trim());
            }
            match (text.parse::<ArchivalCode>(), kind) {
                (Ok(code), PromptKind::BatchReturn) => {
                    let condition = String::new();
                    return vec![Effect::ReturnLoan { code, condition }];
                }
                (Ok(code), PromptKind::Jump) => {
                    let id = app.id();
                    // In a list the cursor goes to the code; from the fonds or years menu the
                    // record itself opens.
                    // A code outside the list (another fonds or year) opens its record, as from
                    // the menus: it is never ignored.
                    return match app.screen_mut() {
                        Screen::Records(list) if list.holds(&code) => vec![list.jump(code, id)],
                        _ => open_record(app, code),
                    };
                }
                (Err(e), _) => {
                    let e: crate::domain::CodeError = e;
                    app.error(format!("{}: {}", text.trim(), e.msg().text(app.lang)))
                }
                (Ok(_), _) => {}
            }
        }
        _ => {}
    }
    Vec::new()
}

pub fn arrived(app: &mut App, tab: LoanTab, today: NaiveDate, loans: Vec<Loan>) {
    if let Screen::Loans(view) = app.screen_mut()
        && view.tab == tab
    {
        view.loans = loans;
        view.today = Some(today);
        view.loaded = true;
        view.selected = view.selected.min(view.loans.len().saturating_sub(1));
    }
}

/// A loan lent, requested or returned: say so, and show the screen below as it is now.
pub fn done(app: &mut App, code: &str, borrower: &str, event: LoanEvent) -> Vec<Effect> {
    let said = match event {
        LoanEvent::Lent => format!("{} {code}  {borrower}", app.t(S::Lent)),
        LoanEvent::Requested => format!("{} {code}  {borrower}", app.t(S::Requested)),
        LoanEvent::Returned => format!("{} {code}  {borrower}", app.t(S::Returned)),
        LoanEvent::Renewed { due } => {
            format!("{code}  {borrower}  {} {due}", app.t(S::Renewed))
        }
        LoanEvent::Lost => format!("{} {code}  {borrower}", app.t(S::MarkedLost)),
    };
    app.info(said);
    if let Screen::Form(_) = app.screen() {
        app.stack.pop();
    }
    // The screen below shows the record's status (a record, the hits, the loans): it is shown
    // afresh, as every other screen is when it is shown again.
    app.changed_everywhere();
    Vec::new()
}
