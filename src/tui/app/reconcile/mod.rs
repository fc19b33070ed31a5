//! The reconcile screen: pick a scope, walk its register line by line, decide each open line with
//! one key (and an optional note), certify when nothing is open.

use super::confirm::Confirm;
pub mod view;

use super::record::open_record;
use super::{App, Prompt, PromptKind, Screen};
use crate::archive::reconcile::{LineRef, LineWithRecord, ScopeStatus};
use crate::domain::ArchivalCode;
use crate::domain::Field;
use crate::domain::Permission;
use crate::domain::register::{PaperLine, Resolution, Scope};
use crate::i18n::{Lang, ReconcileMsg, S};
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::Effect;

pub struct ReconcileView {
    /// Every register, to choose from while no scope is chosen.
    pub scopes: Vec<ScopeStatus>,
    pub scope: Option<String>,
    pub status: Option<ScopeStatus>,
    pub lines: Vec<LineWithRecord>,
    pub open_only: bool,
    /// Index into `shown()` (or into `scopes` while choosing).
    pub selected: usize,
    pub loaded: bool,
    /// After a decision, the selection moves on to the next open line.
    advance: bool,
    /// The selection has just moved on by itself after a decision: `n` then stays, so that a
    /// decision and `n` move once, not twice.
    moved_on: bool,
    /// The last line decided here, for `u` to take the decision back, and the line being
    /// taken back.
    last_decided: Option<LineRef>,
    reopening: Option<LineRef>,
    /// A register being typed in: its scope and the lines so far.
    pub typing: Option<(String, Vec<PaperLine>)>,
    /// Esc was pressed once over typed lines not yet stored: a second Esc drops them.
    discard_asked: bool,
}

impl ReconcileView {
    fn new() -> ReconcileView {
        ReconcileView {
            scopes: Vec::new(),
            scope: None,
            status: None,
            lines: Vec::new(),
            open_only: false,
            selected: 0,
            loaded: false,
            advance: false,
            moved_on: false,
            last_decided: None,
            reopening: None,
            typing: None,
            discard_asked: false,
        }
    }

    /// Indices into `lines` of the lines listed.
    pub fn shown(&self) -> Vec<usize> {
        (0..self.lines.len())
            .filter(|&i| !self.open_only || self.lines[i].0.is_open())
            .collect()
    }

    pub fn current(&self) -> Option<&LineWithRecord> {
        self.shown()
            .get(self.selected)
            .and_then(|&i| self.lines.get(i))
    }

    /// The next open line after the selection, wrapping around; false if none is open.
    pub fn next_open(&mut self) -> bool {
        let shown = self.shown();
        let count = shown.len();
        let found = (1..=count)
            .map(|step| (self.selected + step) % count)
            .find(|&i| self.lines[shown[i]].0.is_open());
        if let Some(i) = found {
            self.selected = i;
        }
        found.is_some()
    }

    /// New counts arrived with changed lines: keep the selection in the list, and after a
    /// decision move on to the next open line.
    fn settle(&mut self, status: ScopeStatus) {
        self.status = Some(status);
        self.selected = self.selected.min(self.shown().len().saturating_sub(1));
        if std::mem::take(&mut self.advance) {
            // In "open only" the decided line has left the list: the selection already points on.
            let still_open = self.current().is_some_and(|(l, _)| l.is_open());
            if !still_open {
                self.moved_on = self.next_open();
            }
        }
    }

    fn line_ref(&self) -> Option<LineRef> {
        let (line, record) = self.current()?;
        Some(if line.is_digital_only() {
            LineRef::Digital(record.as_ref()?.code.clone())
        } else {
            LineRef::Paper(line.paper.line_no)
        })
    }
}

fn view(app: &mut App) -> Option<&mut ReconcileView> {
    match app.screen_mut() {
        Screen::Reconcile(view) => Some(view),
        _ => None,
    }
}

fn resolution_of(action: Action) -> Option<Resolution> {
    Some(match action {
        Action::AcceptDigital => Resolution::AcceptDigital,
        Action::CorrectDigital => Resolution::CorrectDigital,
        Action::CreateRecord => Resolution::CreateRecord,
        Action::MissingOnPaper => Resolution::MissingOnPaper,
        Action::MissingInDigital => Resolution::MissingInDigital,
        Action::ResolveNote => Resolution::Note,
        _ => return None,
    })
}

fn ask(app: &mut App, kind: PromptKind) {
    app.status = None;
    app.prompt = Some(Prompt {
        kind,
        input: LineInput::default(),
        target: None,
    });
}

/// The reconcile actions; None for every other action, which the screens handle.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    if action == Action::Reconcile {
        app.stack
            .push(Screen::Reconcile(Box::new(ReconcileView::new())));
        return Some(vec![Effect::LoadScopes]);
    }
    let page = app.list_height() as usize;
    // Said before a line is typed, not when the typed register is refused at the end.
    let may_type = app
        .user
        .as_ref()
        .is_some_and(|u| u.role.allows(Permission::ImportRecords));
    if action == Action::TypeRegister && !may_type && view(app).is_some() {
        app.error(app.t(S::CannotTypeRegister));
        return Some(Vec::new());
    }
    let view = view(app)?;
    if action == Action::TypeRegister {
        // Typing resumes where it stopped; a new register first asks for its scope.
        let kind = if view.typing.is_some() {
            PromptKind::TypeLine
        } else {
            PromptKind::TypeScope
        };
        ask(app, kind);
        return Some(Vec::new());
    }
    let unsaved = view.typing.as_ref().is_some_and(|(_, l)| !l.is_empty());
    if action == Action::Back && unsaved && !view.discard_asked {
        view.discard_asked = true;
        let warning = app.t(S::TypedNotStored);
        app.error(warning);
        return Some(Vec::new());
    }
    let choosing = view.scope.is_none();
    let count = if choosing {
        view.scopes.len()
    } else {
        view.shown().len()
    };
    match action {
        a if super::screens::MOVES.contains(&a) => {
            view.selected = super::screens::moved(view.selected, count, a, page)
        }
        Action::Open if choosing => {
            let scope = view.scopes.get(view.selected)?.scope.clone();
            view.scope = Some(scope.clone());
            view.selected = 0;
            view.loaded = false;
            return Some(vec![Effect::LoadRegister { scope }]);
        }
        Action::Open => {
            let code = view.current()?.1.as_ref()?.code.clone();
            return Some(open_record(app, code));
        }
        Action::Back if !choosing && view.scopes.len() > 1 => {
            view.scope = None;
            view.selected = 0;
        }
        Action::NextOpen if !choosing => {
            let stay = std::mem::take(&mut view.moved_on)
                && view.current().is_some_and(|(l, _)| l.is_open());
            if !stay && !view.next_open() {
                let done = app.t(S::AllDecided);
                app.info(done);
            }
        }
        Action::Undo if !choosing => {
            let (Some(scope), Some(line)) = (view.scope.clone(), view.last_decided.take()) else {
                app.info(app.t(S::NothingToUndo));
                return Some(Vec::new());
            };
            view.reopening = Some(line.clone());
            return Some(vec![Effect::Reopen { scope, line }]);
        }
        Action::OpenOnly if !choosing => {
            view.open_only = !view.open_only;
            view.selected = 0;
        }
        Action::Pick if !choosing && view.current().is_some() => {
            // Offered with the best candidate that is not the line's record already.
            let (line, record) = view.current()?;
            let current = record.as_ref().map(|r| r.code.to_string());
            let best = line
                .candidates
                .iter()
                .map(|(code, _)| code.clone())
                .find(|code| Some(code) != current.as_ref())
                .unwrap_or_default();
            ask(app, PromptKind::Pick);
            if let Some(prompt) = app.prompt.as_mut() {
                prompt.input = LineInput::with_text(&best);
            }
        }
        Action::Certify if !choosing => {
            let scope = view.scope.clone()?;
            // With lines open the archive refuses and says which; else ask, since nothing can
            // change once certified.
            if view.status.as_ref().is_some_and(|s| s.open > 0) {
                return Some(vec![Effect::Certify { scope }]);
            }
            app.ask(Confirm::Certify { scope });
        }
        a if !choosing && view.current().is_some() => {
            ask(app, PromptKind::Resolve(resolution_of(a)?));
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// A scope to type a register for, or one more typed line; an empty line stores the register.
fn typed(app: &mut App, kind: PromptKind, text: &str) -> Vec<Effect> {
    if kind == PromptKind::TypeScope {
        app.prompt = None;
        match text.parse::<Scope>() {
            Ok(scope) => {
                if let Some(view) = view(app) {
                    view.typing = Some((scope.to_string(), Vec::new()));
                }
                ask(app, PromptKind::TypeLine);
            }
            Err(e) => app.error(e.text(app.lang)),
        }
        return Vec::new();
    }
    if text.is_empty() {
        app.prompt = None;
    }
    let Some(view) = view(app) else {
        return Vec::new();
    };
    let Some((scope, lines)) = view.typing.as_mut() else {
        return Vec::new();
    };
    if !text.is_empty() {
        let number = lines.len() as u64 + 1;
        lines.push(PaperLine::typed(number, text));
        return Vec::new();
    }
    if lines.is_empty() {
        return Vec::new();
    }
    // The typed lines stay until the register is stored: a refusal loses nothing.
    vec![Effect::EnterRegister {
        scope: scope.clone(),
        lines: lines.clone(),
    }]
}

/// Sends a decision; the selection moves on when it lands.
pub(super) fn decide_now(app: &mut App, decide: Effect) -> Vec<Effect> {
    if let Some(view) = view(app) {
        view.advance = true;
    }
    vec![decide]
}

/// The names of the fields a paper line differs in, in the interface's language.
fn field_labels(differs: &[String], lang: Lang) -> String {
    let labels: Vec<&str> = differs
        .iter()
        .filter_map(|key| Field::ALL.iter().find(|f| f.key() == key))
        .map(|f| match lang {
            Lang::Zh => f.label_zh(),
            Lang::En => f.label_en(),
        })
        .collect();
    labels.join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

/// The prompt of a decision, a pick or a typed register was answered.
pub fn prompt_done(app: &mut App, kind: PromptKind, text: &str) -> Vec<Effect> {
    if matches!(kind, PromptKind::TypeScope | PromptKind::TypeLine) {
        return typed(app, kind, text);
    }
    app.prompt = None;
    let lang = app.lang;
    let Some(view) = view(app) else {
        return Vec::new();
    };
    let (Some(scope), Some(line)) = (view.scope.clone(), view.line_ref()) else {
        return Vec::new();
    };
    match kind {
        PromptKind::Resolve(resolution) => {
            view.last_decided = Some(line.clone());
            let decide = Effect::Resolve {
                scope,
                line,
                resolution,
                note: text.to_string(),
            };
            // A decision that writes into the catalogue is asked first, saying what it writes.
            let (line_row, record) = match view.current() {
                Some((l, r)) => (l.clone(), r.clone()),
                None => return Vec::new(),
            };
            let question = match resolution {
                Resolution::CorrectDigital => Some(ReconcileMsg::AskCorrect {
                    fields: field_labels(&line_row.differs, lang),
                    code: record.map(|r| r.code.to_string()).unwrap_or_default(),
                }),
                Resolution::CreateRecord => Some(ReconcileMsg::AskCreate {
                    line: line_row.paper.line_no,
                    code: line_row.paper.code.clone(),
                }),
                _ => None,
            };
            match question {
                Some(question) => {
                    let question = question.text(lang);
                    app.ask_with(Confirm::Decide(Box::new(decide)), question);
                    Vec::new()
                }
                None => decide_now(app, decide),
            }
        }
        PromptKind::Pick => match crate::domain::text::fold(text).parse::<ArchivalCode>() {
            Ok(code) => vec![Effect::Pick { scope, line, code }],
            Err(e) => {
                app.error(format!("{text}: {}", e.msg().text(app.lang)));
                Vec::new()
            }
        },
        _ => Vec::new(),
    }
}

pub fn scopes_arrived(app: &mut App, scopes: Vec<ScopeStatus>) -> Vec<Effect> {
    let empty = app.t(S::NoRegisters);
    let Some(view) = view(app) else {
        return Vec::new();
    };
    view.loaded = true;
    // One register: straight to it.
    if let [only] = scopes.as_slice() {
        let scope = only.scope.clone();
        view.scope = Some(scope.clone());
        view.loaded = false;
        view.scopes = scopes;
        return vec![Effect::LoadRegister { scope }];
    }
    let none = scopes.is_empty();
    view.scopes = scopes;
    if none {
        app.info(empty);
    }
    Vec::new()
}

pub fn register_arrived(
    app: &mut App,
    status: ScopeStatus,
    lines: Vec<LineWithRecord>,
    certified: Option<String>,
) {
    let done = format!("{} {}", app.t(S::Certified), status.scope);
    let Some(view) = view(app) else {
        return;
    };
    if view
        .typing
        .as_ref()
        .is_some_and(|(scope, _)| *scope == status.scope)
    {
        view.typing = None;
        view.scope = Some(status.scope.clone());
        view.selected = 0;
    }
    if view.scope.as_deref() != Some(status.scope.as_str()) {
        return;
    }
    view.lines = lines;
    view.loaded = true;
    view.settle(status);
    if let Some(hash) = certified {
        app.info(format!("{done}  sha256 {hash}…"));
    }
}

/// A decided line replaces its old self; the rest of the register is as it was.
pub fn line_decided(app: &mut App, status: ScopeStatus, line: LineWithRecord) {
    let Some(view) = view(app) else {
        return;
    };
    if view.scope.as_deref() != Some(status.scope.as_str()) {
        return;
    }
    let id = line.0.id;
    if let Some(old) = view.lines.iter_mut().find(|(l, _)| l.id == id) {
        *old = line;
    }
    // A decision taken back: the line is selected again, open, for another decision.
    if view.reopening.take().is_some() {
        view.advance = false;
        if let Some(at) = view.shown().iter().position(|&i| view.lines[i].0.id == id) {
            view.selected = at;
        }
    }
    view.settle(status);
}
