//! Where each reply of the worker goes: the screen that asked, a message, or a screen shown afresh.

use super::form::{FormKind, Slot};
use super::{App, Menu, RecordView, Screen};
use crate::i18n::{RecordMsg, S};
use crate::tui::worker::{Effect, Reply};

pub fn reply(app: &mut App, reply: Reply) -> Vec<Effect> {
    match reply {
        Reply::Quiet | Reply::ChangedElsewhere => {}
        Reply::LoggedIn(user) => {
            app.user = Some(user);
            app.status = None;
            app.stack = vec![Screen::Fonds(Menu::new())];
            return vec![Effect::LoadFonds, Effect::TakeDraft];
        }
        Reply::Fonds(rows) => {
            for screen in &mut app.stack {
                if let Screen::Fonds(menu) = screen {
                    menu.rows = rows.clone();
                    menu.loaded = true;
                }
            }
        }
        Reply::Years {
            fonds,
            years,
            certified,
        } => {
            // To the screen that asked, even if the clerk has gone on past it: it must not be
            // left loading when shown again.
            for screen in &mut app.stack {
                if let Screen::Years(y) = screen
                    && y.fonds.code == fonds
                {
                    y.certified = certified.clone();
                    y.menu.rows = years.clone();
                    y.menu.loaded = true;
                }
            }
        }
        Reply::Window {
            id,
            records,
            position,
            total,
        } => {
            let height = app.list_height();
            let next = app.id();
            let top = app.stack.len() - 1;
            // The list that asked, wherever it is now: one left below is not left loading.
            let asked = app
                .stack
                .iter_mut()
                .enumerate()
                .find_map(|(depth, screen)| match screen {
                    Screen::Records(list) if list.awaits(id) => Some((depth, list)),
                    _ => None,
                });
            if let Some((depth, list)) = asked
                && list.receive(id, records, position, total)
                && depth == top
            {
                // The rows on screen may need more than arrived (a jump near the end).
                return list
                    .select(list.selected as i64, height, next)
                    .into_iter()
                    .collect();
            }
        }
        Reply::Results {
            id,
            offset,
            results,
        } => {
            let (page, next) = (app.list_height() as usize, app.id());
            if let Screen::Search(search) = app.screen_mut() {
                return search
                    .arrived(id, offset, results, page, next)
                    .into_iter()
                    .collect();
            }
        }
        Reply::Record {
            record,
            revisions,
            loans,
            objects,
        } => {
            if let Screen::Record(view) = app.screen_mut() {
                view.record = Some(record);
                view.revisions = revisions;
                view.loans = loans;
                view.objects = objects;
            }
        }
        Reply::Audit(entries) => super::audit::arrived(app, entries),
        Reply::Borrowers(borrowers) => {
            if let Screen::Form(form) = app.screen_mut() {
                form.borrowers = borrowers;
            }
        }
        Reply::Loans { tab, today, loans } => super::loans::arrived(app, tab, today, loans),
        Reply::Scopes(scopes) => return super::reconcile::scopes_arrived(app, scopes),
        Reply::Register {
            status,
            lines,
            certified,
        } => super::reconcile::register_arrived(app, status, lines, certified),
        Reply::LineDecided { status, line } => super::reconcile::line_decided(app, status, *line),
        Reply::LoanDone {
            code,
            borrower,
            event,
        } => return super::loans::done(app, &code, &borrower, event),
        Reply::Saved {
            record,
            quick,
            changed,
        } => return saved(app, *record, quick, changed),
        Reply::Indexing(percent) => app.indexing = Some(percent),
        Reply::Indexed => app.indexing = None,
        Reply::Conflict(conflict) => conflicted(app, &conflict),
        Reply::Draft(None) => {}
        Reply::Draft(Some(draft)) => match draft.to_form() {
            Some(form) => {
                app.stack.push(Screen::Form(Box::new(form)));
                app.info(format!("{} {}", app.t(S::DraftRestored), draft.saved_at));
            }
            None => app.error(app.t(S::DraftUnusable)),
        },
        Reply::Batch {
            event,
            done,
            failed,
        } => super::batch::done(app, event, done, failed),
        Reply::Written { path, count } => {
            let said = format!(
                "{} {} ({count} {})",
                app.t(S::Written),
                path.display(),
                app.t(S::Pieces)
            );
            app.info(said);
        }
        Reply::LoginFailed(error) | Reply::Error(error) => {
            let message = error.text(app.lang);
            if let Screen::Form(form) = app.screen_mut() {
                form.saving = false;
            }
            if let Screen::Login(login) = app.screen_mut() {
                login.busy = false;
            }
            // A record that could not be opened (no such code, above the clearance): back to
            // where the clerk was, not a screen left loading.
            if let Screen::Record(view) = app.screen()
                && view.record.is_none()
                && app.stack.len() > 1
            {
                app.stack.pop();
            }
            app.error(message);
        }
    }
    Vec::new()
}

/// Another session saved the record while this form was open: nothing was saved. The form keeps
/// the clerk's values with the other session's beside each field where they disagree; it now
/// stands on their version, so a second Ctrl-S saves these values over theirs, knowingly.
fn conflicted(app: &mut App, conflict: &crate::archive::records::EditConflict) {
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

fn saved(app: &mut App, record: crate::domain::Record, quick: bool, changed: usize) -> Vec<Effect> {
    let code = record.code.to_string();
    let message = if changed == 0 {
        app.t(S::NoChange).to_string()
    } else if quick {
        format!("{code} {}", app.t(S::SavedNext))
    } else {
        format!("{} {code}", app.t(S::Saved))
    };
    app.info(message);
    let Screen::Form(form) = app.screen_mut() else {
        return Vec::new();
    };
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
        Effect::LoadFonds,
    ]
}
