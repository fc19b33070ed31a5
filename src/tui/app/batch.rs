//! Work on several records at once, as in lazygit and mc: Space (or Insert, Ctrl-T in the search
//! box) marks rows of a list or of the hits; lending and returning then take all the marked, an
//! export writes the marked (or, with none marked, all the list or all the hits) to a CSV file,
//! and a loan slip (借阅单) is written for the visit a loan was part of.

use std::collections::BTreeSet;

use super::form::Form;
use super::{App, Prompt, PromptKind, Screen};
use crate::domain::ArchivalCode;
use crate::i18n::S;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::{Effect, ExportOf, LoanEvent};

/// The marked rows of the screen shown, in code order.
pub fn marked(app: &App) -> Vec<ArchivalCode> {
    match app.screen() {
        Screen::Records(list) => list.marked.iter().cloned().collect(),
        Screen::Search(search) => search.marked.iter().cloned().collect(),
        _ => Vec::new(),
    }
}

fn marks_of(screen: &mut Screen) -> Option<&mut BTreeSet<ArchivalCode>> {
    match screen {
        Screen::Records(list) => Some(&mut list.marked),
        Screen::Search(search) => Some(&mut search.marked),
        _ => None,
    }
}

/// The batch actions; None for every other action, which the screens handle.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let marked = marked(app);
    let in_list = matches!(app.screen(), Screen::Records(_) | Screen::Search(_));
    let on_loan = matches!(app.screen(), Screen::Record(_) | Screen::Loans(_));
    match action {
        Action::Mark if in_list => {
            let code = super::loans::current_code(app)?;
            let marks = marks_of(app.screen_mut())?;
            if !marks.remove(&code) {
                marks.insert(code);
            }
            // On to the next row, as mc does: a run is marked by holding the key.
            Some(super::screens::act(app, Action::Down))
        }
        Action::Lend if in_list && !marked.is_empty() => {
            app.stack.push(Screen::Form(Box::new(Form::lend(&marked))));
            Some(vec![Effect::LoadBorrowers])
        }
        Action::Return if in_list && !marked.is_empty() => {
            app.info(format!("{} {}", marked.len(), app.t(S::Pieces)));
            ask(app, PromptKind::ReturnMarked, "");
            Some(Vec::new())
        }
        Action::Export if in_list => {
            let name = chrono::Local::now()
                .format("dangan-export-%Y%m%d-%H%M.csv")
                .to_string();
            ask(app, PromptKind::ExportPath, &name);
            Some(Vec::new())
        }
        Action::Slip if on_loan => {
            let loan = match app.screen() {
                Screen::Loans(view) => view.loans.get(view.selected),
                Screen::Record(view) => view.loans.first(),
                _ => None,
            };
            let Some(name) = loan.map(crate::domain::slip::file_name) else {
                app.error(app.t(S::NoLoanHere));
                return Some(Vec::new());
            };
            ask(app, PromptKind::SlipPath, &name);
            Some(Vec::new())
        }
        _ => None,
    }
}

fn ask(app: &mut App, kind: PromptKind, text: &str) {
    app.prompt = Some(Prompt {
        kind,
        input: LineInput::with_text(text),
        target: None,
    });
}

/// A batch prompt answered: the condition of the marked records taken back, or the file an
/// export goes to.
pub fn prompt_done(app: &mut App, kind: PromptKind, text: &str) -> Vec<Effect> {
    match kind {
        PromptKind::ReturnMarked => {
            app.status = None;
            vec![Effect::ReturnMany {
                codes: marked(app),
                condition: text.to_string(),
            }]
        }
        PromptKind::SlipPath if !text.is_empty() => match super::loans::current_code(app) {
            Some(code) => vec![Effect::Slip {
                code,
                lang: app.lang,
                path: text.into(),
            }],
            None => Vec::new(),
        },
        PromptKind::ExportPath if !text.is_empty() => {
            let marked = marked(app);
            let of = match app.screen() {
                _ if !marked.is_empty() => ExportOf::Codes(marked),
                Screen::Records(list) => ExportOf::List(list.filter.clone()),
                Screen::Search(search) => match search.asked() {
                    super::search::Asked::Query(text) => ExportOf::Search(text),
                    _ => return Vec::new(),
                },
                _ => return Vec::new(),
            };
            vec![Effect::Export {
                of,
                path: text.into(),
            }]
        }
        _ => Vec::new(),
    }
}

/// Several records lent or taken back: how many, and each refused with why. The marks go.
pub fn done(
    app: &mut App,
    event: LoanEvent,
    done: Vec<String>,
    failed: Vec<(String, crate::Error)>,
) {
    if let Screen::Form(_) = app.screen() {
        app.stack.pop();
    }
    if let Some(marks) = marks_of(app.screen_mut()) {
        marks.clear();
    }
    let verb = app.t(match event {
        LoanEvent::Requested => S::Requested,
        LoanEvent::Returned => S::Returned,
        _ => S::Lent,
    });
    let mut said = format!("{verb} {} {}", done.len(), app.t(S::Pieces));
    if !failed.is_empty() {
        let why: Vec<String> = failed
            .iter()
            .map(|(code, e)| format!("{code}: {}", e.text(app.lang)))
            .collect();
        let gap = match app.lang {
            crate::i18n::Lang::Zh => "；",
            crate::i18n::Lang::En => "; ",
        };
        said.push_str(&format!("{gap}{} {}", app.t(S::NotDone), why.join(gap)));
        app.error(said);
    } else {
        app.info(said);
    }
    app.changed_everywhere();
}
