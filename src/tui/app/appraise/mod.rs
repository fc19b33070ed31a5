//! The appraisal screen (鉴定处置): tabs for what is due for each review — retention, opening,
//! declassification — by fonds and year, and the appraisals themselves. Enter opens a group's
//! records (Space marks, Ctrl-S proposes the marked, or all, with the decision that acts) or an
//! appraisal's decisions (approve, reject, carry out before a witness). Keeping, keeping closed
//! and keeping classified need a reason and a year each, so they go through a sheet
//! (`dangan appraise due --sheet`).

pub mod view;

use std::collections::BTreeSet;

use super::confirm::Confirm;
use super::screens::{MOVES, moved};
use super::{App, Prompt, PromptKind, Screen};
use crate::domain::appraisal::{Appraisal, AppraisalItem, DueGroup, DueRecord};
use crate::domain::{AppraisalKind, AppraisalState, Permission, Verdict};
use crate::i18n::AppraisalMsg;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::{AppraiseEffect, AppraiseReply, Effect};

/// The tabs, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Due(AppraisalKind),
    Appraisals,
}

const TABS: [Tab; 4] = [
    Tab::Due(AppraisalKind::Retention),
    Tab::Due(AppraisalKind::Opening),
    Tab::Due(AppraisalKind::Declassification),
    Tab::Appraisals,
];

/// One fonds-year's records due, opened from its group.
pub struct GroupRecords {
    pub fonds: String,
    pub year: i32,
    pub records: Vec<DueRecord>,
    pub selected: usize,
    pub marked: BTreeSet<usize>,
}

/// One appraisal opened, with its decisions.
pub struct Opened {
    pub appraisal: Appraisal,
    pub items: Vec<AppraisalItem>,
    pub selected: usize,
}

pub struct AppraiseView {
    pub tab: Tab,
    pub groups: Vec<DueGroup>,
    pub appraisals: Vec<Appraisal>,
    pub selected: usize,
    pub loaded: bool,
    pub group: Option<GroupRecords>,
    pub opened: Option<Opened>,
}

impl AppraiseView {
    fn load(&self) -> Effect {
        Effect::Appraise(match self.tab {
            Tab::Due(kind) => AppraiseEffect::Due {
                kind,
                fonds: None,
                year: None,
            },
            Tab::Appraisals => AppraiseEffect::List,
        })
    }

    fn rows(&self) -> usize {
        match (&self.opened, &self.group, self.tab) {
            (Some(opened), _, _) => opened.items.len(),
            (None, Some(group), _) => group.records.len(),
            (None, None, Tab::Appraisals) => self.appraisals.len(),
            (None, None, Tab::Due(_)) => self.groups.len(),
        }
    }

    fn selected_mut(&mut self) -> &mut usize {
        match (&mut self.opened, &mut self.group) {
            (Some(opened), _) => &mut opened.selected,
            (None, Some(group)) => &mut group.selected,
            (None, None) => &mut self.selected,
        }
    }
}

/// Whether an action means something where the screen stands, for the status line's hints.
pub fn offers(view: &AppraiseView, action: Action) -> bool {
    let on_appraisals = view.tab == Tab::Appraisals && view.group.is_none();
    match action {
        Action::Mark | Action::Propose => view.group.is_some(),
        Action::Approve | Action::Reject | Action::CarryOut => on_appraisals,
        Action::Open => view.group.is_none() && view.opened.is_none(),
        _ => true,
    }
}

/// The decision the screen proposes: the one that acts (declassifying to 内部, the least
/// step down).
fn acting_verdict(kind: AppraisalKind) -> Verdict {
    match kind {
        AppraisalKind::Retention => Verdict::Destroy,
        AppraisalKind::Opening => Verdict::Open,
        AppraisalKind::Declassification => Verdict::Declassify,
    }
}

/// The appraisal screen's actions; None for every other action or screen.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = app.list_height() as usize;
    match (app.screen_mut(), action) {
        (Screen::Appraise(_), Action::Appraise) => Some(Vec::new()),
        (_, Action::Appraise) => {
            app.user.as_ref()?;
            if app.refused(Permission::Appraise) {
                return Some(Vec::new());
            }
            let view = AppraiseView {
                tab: TABS[0],
                groups: Vec::new(),
                appraisals: Vec::new(),
                selected: 0,
                loaded: false,
                group: None,
                opened: None,
            };
            let load = view.load();
            app.stack.push(Screen::Appraise(Box::new(view)));
            Some(vec![load])
        }
        (Screen::Appraise(view), Action::Back) if view.opened.is_some() => {
            view.opened = None;
            Some(Vec::new())
        }
        (Screen::Appraise(view), Action::Back) if view.group.is_some() => {
            view.group = None;
            Some(Vec::new())
        }
        (Screen::Appraise(view), Action::NextTab) => {
            let at = TABS.iter().position(|t| *t == view.tab).unwrap_or(0);
            view.tab = TABS[(at + 1) % TABS.len()];
            (view.group, view.opened) = (None, None);
            (view.selected, view.loaded) = (0, false);
            Some(vec![view.load()])
        }
        (Screen::Appraise(view), a) if MOVES.contains(&a) => {
            let rows = view.rows();
            let selected = view.selected_mut();
            *selected = moved(*selected, rows, a, page);
            Some(Vec::new())
        }
        (Screen::Appraise(view), Action::Open) => Some(open(view)),
        (Screen::Appraise(view), Action::Mark) => {
            if let Some(group) = &mut view.group
                && !group.records.is_empty()
            {
                let at = group.selected;
                if !group.marked.remove(&at) {
                    group.marked.insert(at);
                }
                group.selected = (at + 1).min(group.records.len() - 1);
            }
            Some(Vec::new())
        }
        (Screen::Appraise(_), Action::Propose) => Some(propose(app)),
        (Screen::Appraise(_), Action::Approve | Action::Reject | Action::CarryOut) => {
            Some(decide(app, action))
        }
        _ => None,
    }
}

fn open(view: &mut AppraiseView) -> Vec<Effect> {
    if view.opened.is_some() || view.group.is_some() {
        return Vec::new();
    }
    match view.tab {
        Tab::Due(kind) => match view.groups.get(view.selected) {
            Some(g) => vec![Effect::Appraise(AppraiseEffect::Due {
                kind,
                fonds: Some(g.fonds.clone()),
                year: Some(g.year),
            })],
            None => Vec::new(),
        },
        Tab::Appraisals => match view.appraisals.get(view.selected) {
            Some(a) => vec![Effect::Appraise(AppraiseEffect::Open { id: a.id })],
            None => Vec::new(),
        },
    }
}

/// Proposes the marked records of the opened group (all of it if none is marked), after asking.
fn propose(app: &mut App) -> Vec<Effect> {
    let lang = app.lang;
    let Screen::Appraise(view) = app.screen() else {
        return Vec::new();
    };
    let (Tab::Due(kind), Some(group)) = (view.tab, &view.group) else {
        return Vec::new();
    };
    let chosen: Vec<&DueRecord> = match group.marked.is_empty() {
        true => group.records.iter().collect(),
        false => group
            .marked
            .iter()
            .filter_map(|i| group.records.get(*i))
            .collect(),
    };
    if chosen.is_empty() {
        return Vec::new();
    }
    let verdict = acting_verdict(kind);
    let effect = Effect::Appraise(AppraiseEffect::Propose {
        kind,
        codes: chosen.iter().map(|r| r.code.clone()).collect(),
        verdict,
    });
    let question = AppraisalMsg::AskPropose {
        records: chosen.len() as u64,
        verdict,
    };
    app.ask_with(Confirm::Run(Box::new(effect)), question.text(lang));
    Vec::new()
}

/// Approve, reject or carry out the opened (or selected) appraisal.
fn decide(app: &mut App, action: Action) -> Vec<Effect> {
    let lang = app.lang;
    let Screen::Appraise(view) = app.screen() else {
        return Vec::new();
    };
    let appraisal = match (&view.opened, view.tab) {
        (Some(opened), _) => Some(&opened.appraisal),
        (None, Tab::Appraisals) if view.group.is_none() => view.appraisals.get(view.selected),
        _ => None,
    };
    let Some((id, state, records, proposer)) =
        appraisal.map(|a| (a.id, a.state, a.records, a.proposed_by.clone()))
    else {
        return Vec::new();
    };
    let own = app.user.as_ref().is_some_and(|u| u.name == proposer);
    let permission = match action {
        Action::Approve => Permission::ApproveAppraisal,
        _ => Permission::Appraise,
    };
    if app.refused(permission) {
        return Vec::new();
    }
    if action == Action::CarryOut {
        if state != AppraisalState::Approved {
            app.error(AppraisalMsg::NotApproved { id, state }.text(lang));
            return Vec::new();
        }
        app.prompt = Some(Prompt {
            kind: PromptKind::Witness(id),
            input: LineInput::default(),
            target: None,
        });
        app.status = None;
        return Vec::new();
    }
    let (effect, question) = match action {
        Action::Approve => (
            AppraiseEffect::Approve { id },
            AppraisalMsg::AskApprove { id, records },
        ),
        _ if own => (
            AppraiseEffect::Reject { id },
            AppraisalMsg::AskWithdraw { id },
        ),
        _ => (
            AppraiseEffect::Reject { id },
            AppraisalMsg::AskReject { id },
        ),
    };
    app.ask_with(
        Confirm::Run(Box::new(Effect::Appraise(effect))),
        question.text(lang),
    );
    Vec::new()
}

/// The witness named at the prompt: asks once more, saying what will happen, then carries the
/// destruction out.
pub fn witness_given(app: &mut App, id: i64, witness: &str) -> Vec<Effect> {
    app.status = None;
    if witness.is_empty() {
        app.error(AppraisalMsg::NeedsWitness.text(app.lang));
        return Vec::new();
    }
    let witness = witness.to_string();
    let question = AppraisalMsg::AskCarryOut {
        id,
        witness: witness.clone(),
    };
    let effect = Effect::Appraise(AppraiseEffect::CarryOut { id, witness });
    app.ask_with(Confirm::Run(Box::new(effect)), question.text(app.lang));
    Vec::new()
}

/// What the worker brought back for the appraisal screen.
pub fn arrived(app: &mut App, reply: AppraiseReply) -> Vec<Effect> {
    let lang = app.lang;
    let Screen::Appraise(view) = app.screen_mut() else {
        return Vec::new();
    };
    match reply {
        AppraiseReply::Groups { kind, list } if view.tab == Tab::Due(kind) => {
            view.selected = view.selected.min(list.groups.len().saturating_sub(1));
            view.groups = list.groups;
            view.loaded = true;
        }
        AppraiseReply::Groups { .. } => {}
        AppraiseReply::Records {
            kind,
            fonds,
            year,
            list,
        } if view.tab == Tab::Due(kind) => {
            view.group = Some(GroupRecords {
                fonds,
                year,
                records: list.records,
                selected: 0,
                marked: BTreeSet::new(),
            });
        }
        AppraiseReply::Records { .. } => {}
        AppraiseReply::Appraisals(list) => {
            view.selected = view.selected.min(list.len().saturating_sub(1));
            view.appraisals = list;
            view.loaded = true;
        }
        AppraiseReply::Opened(appraisal, items) => {
            view.opened = Some(Opened {
                appraisal,
                items,
                selected: 0,
            });
        }
        AppraiseReply::Done(said) => {
            // What changed is shown afresh: the due list or the appraisals, and the one open.
            let reopen = view
                .opened
                .as_ref()
                .map(|o| Effect::Appraise(AppraiseEffect::Open { id: o.appraisal.id }));
            view.group = None;
            let load = view.load();
            app.info(said.text(lang));
            return [Some(load), reopen].into_iter().flatten().collect();
        }
    }
    Vec::new()
}
