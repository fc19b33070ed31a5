//! The form's keys and the replies it waits for: a save, a conflict, repeat borrowers, a draft.

use crossterm::event::{KeyCode, KeyEvent};

use super::{FormKind, Slot};
use crate::domain::Record;
use crate::i18n::{RecordMsg, S};
use crate::tui::action::Action;
use crate::tui::app::record::RecordView;
use crate::tui::app::{App, Screen};
use crate::tui::draft::Draft;
use crate::tui::worker::Effect;

/// The form's actions; None for every other action or screen.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let Screen::Form(form) = app.screen_mut() else {
        return None;
    };
    match action {
        Action::NextChoice => form.step_offer(1),
        Action::PrevChoice => form.step_offer(-1),
        Action::KeepField if form.kind == FormKind::New { quick: true } => form.toggle_kept(),
        Action::TakeSuggestion => {
            let taken: Vec<String> = form
                .take_suggestion()
                .into_iter()
                .map(|slot| slot.label(app.lang))
                .collect();
            match taken.is_empty() {
                true => app.info(app.t(S::NoSuggestion)),
                false => app.info(format!(
                    "{}{}",
                    app.t(S::TookSuggestions),
                    taken.join(app.t(S::ListSeparator))
                )),
            }
        }
        Action::NextField | Action::PrevField => {
            let leaving = form.leaves_a_described_field();
            form.move_focus(if action == Action::NextField { 1 } else { -1 });
            if leaving {
                return Some(form.look_alikes_effect().into_iter().collect());
            }
        }
        Action::Save if form.saving => {}
        Action::Save => match form.save() {
            Some(effect) => return Some(vec![effect]),
            None => app.error(app.t(S::Fix)),
        },
        Action::Back if form.dirty => {
            form.confirm_discard = true;
            app.info(app.t(S::Discard));
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// The answer to "discard the changes?".
pub fn confirm_discard(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let Screen::Form(form) = app.screen_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Char('y' | 'Y') => {
            app.quit = form.quitting;
            app.stack.pop();
            app.status = None;
        }
        KeyCode::Char('n' | 'N') | KeyCode::Esc => {
            form.confirm_discard = false;
            form.quitting = false;
            app.status = None;
        }
        _ => {}
    }
    Vec::new()
}

/// Nothing was saved (the worker said why): the form may be saved again.
pub fn failed(app: &mut App) {
    if let Screen::Form(form) = app.screen_mut() {
        form.saving = false;
    }
}

pub fn borrowers_arrived(app: &mut App, borrowers: Vec<crate::domain::loan::Borrower>) {
    if let Screen::Form(form) = app.screen_mut() {
        form.borrowers = borrowers;
    }
}

/// A form left unsaved when the last session ended, opened again.
pub fn draft_arrived(app: &mut App, draft: Draft) {
    match draft.to_form() {
        Some(form) => {
            app.stack.push(Screen::Form(Box::new(form)));
            app.info(format!("{} {}", app.t(S::DraftRestored), draft.saved_at));
        }
        None => app.error(app.t(S::DraftUnusable)),
    }
}

/// Another session saved the record while this form was open: nothing was saved. The form keeps
/// the clerk's values with the other session's beside each field where they disagree; it now
/// stands on their version, so a second Ctrl-S saves these values over theirs, knowingly.
pub fn conflicted(app: &mut App, conflict: &crate::archive::records::EditConflict) {
    let message = format!(
        "{} {} v{} {} {}",
        conflict.code,
        app.t(S::ChangedMeanwhile),
        conflict.current,
        conflict.by,
        app.t(S::SaveOverTheirs)
    );
    if let Screen::Form(form) = app.screen_mut() {
        form.saving = false;
        if let FormKind::Edit { version, .. } = &mut form.kind {
            *version = conflict.current;
        }
        for (field, _, value) in &conflict.fields {
            if let Some(slot) = form
                .slots
                .iter_mut()
                .find(|(slot, _, _)| *slot == Slot::Data(*field))
            {
                let value = value.clone();
                slot.2 = Some(RecordMsg::Theirs { value }.into());
            }
        }
    }
    app.error(message);
}

pub fn saved(app: &mut App, record: Record, quick: bool, changed: usize) -> Vec<Effect> {
    let code = record.code.to_string();
    let message = if changed == 0 {
        app.t(S::NoChange).to_string()
    } else if quick {
        format!("{code} {}", app.t(S::SavedNext))
    } else {
        format!("{} {code}", app.t(S::Saved))
    };
    app.info(message);
    let Some(Screen::Form(form)) = app.stack.last_mut() else {
        return Vec::new();
    };
    // A new record teaches the next one at once: a batch entered by quick entry learns its habits.
    if let (FormKind::New { .. }, Some(learner)) = (&form.kind, app.learner.as_mut()) {
        learner.note_keywords(&record.data.keywords);
        learner.learn(&crate::domain::suggest::Example::of(&record));
    }
    if quick {
        form.next_of(&record);
        return vec![Effect::LoadFonds];
    }
    let edited = matches!(form.kind, FormKind::Edit { .. });
    app.stack.pop();
    if edited {
        // Back on the record: show it again, with the revision the edit made.
        if let Screen::Record(view) = app.screen_mut() {
            view.record = None;
        }
    } else {
        app.stack.push(Screen::Record(RecordView::loading()));
    }
    vec![
        Effect::OpenRecord {
            code: record.code.clone(),
        },
        Effect::Related { code: record.code },
        Effect::LoadFonds,
    ]
}
