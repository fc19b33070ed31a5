//! The safekeeping screen (保存, admins): the policy, the last backup and restore drill, and the
//! alarms waiting; `a` (Enter) acknowledges the selected alarm with a note of what was done. An
//! admin is told at log-in when alarms wait.

pub mod view;

use super::screens::{MOVES, moved};
use super::{App, Prompt, PromptKind, Screen};
use crate::archive::safekeeping::SafekeepingStatus;
use crate::domain::Permission;
use crate::i18n::SafekeepingMsg;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::Effect;

pub struct SafekeepingView {
    pub status: Option<Box<SafekeepingStatus>>,
    pub selected: usize,
}

/// The safekeeping actions; None for every other action or screen.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = app.list_height() as usize;
    match (app.screen_mut(), action) {
        (Screen::Safekeeping(_), Action::Safekeeping) => Some(Vec::new()),
        (_, Action::Safekeeping) => {
            app.user.as_ref()?;
            if app.refused(Permission::ManageSettings) {
                return Some(Vec::new());
            }
            app.stack
                .push(Screen::Safekeeping(Box::new(SafekeepingView {
                    status: None,
                    selected: 0,
                })));
            Some(vec![Effect::LoadSafekeeping])
        }
        (Screen::Safekeeping(view), a) if MOVES.contains(&a) => {
            let alarms = view.status.as_ref().map_or(0, |s| s.alarms.len());
            view.selected = moved(view.selected, alarms, a, page);
            Some(Vec::new())
        }
        (Screen::Safekeeping(view), Action::Acknowledge | Action::Open) => {
            let alarm = view.status.as_ref()?.alarms.get(view.selected)?;
            app.prompt = Some(Prompt {
                kind: PromptKind::AlarmNote(alarm.id),
                input: LineInput::default(),
                target: None,
            });
            app.status = None;
            Some(Vec::new())
        }
        _ => None,
    }
}

/// The note given at the prompt: the alarm is acknowledged with it.
pub fn note_given(app: &mut App, id: i64, note: &str) -> Vec<Effect> {
    app.status = None;
    vec![Effect::AcknowledgeAlarm {
        id,
        note: note.to_string(),
    }]
}

pub fn arrived(app: &mut App, status: Box<SafekeepingStatus>) {
    let mut shown = false;
    for screen in &mut app.stack {
        if let Screen::Safekeeping(view) = screen {
            view.selected = view.selected.min(status.alarms.len().saturating_sub(1));
            view.status = Some(status.clone());
            shown = true;
        }
    }
    // Asked at log-in: the admin is told, whatever screen they are on.
    if !shown && !status.alarms.is_empty() {
        let count = status.alarms.len();
        app.error(SafekeepingMsg::AlarmsWaitingTui { count }.text(app.lang));
    }
}

pub fn acknowledged(app: &mut App, id: i64) -> Vec<Effect> {
    app.info(SafekeepingMsg::AlarmAcknowledged { id }.text(app.lang));
    vec![Effect::LoadSafekeeping]
}
