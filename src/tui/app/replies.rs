//! Where each reply of the worker goes: to the module of the screen that asked, a message, or a
//! screen shown afresh.

use super::{App, Menu, Screen, browse, form, login, record, search};
use crate::i18n::S;
use crate::tui::worker::{Effect, Reply};

pub fn reply(app: &mut App, reply: Reply) -> Vec<Effect> {
    match reply {
        Reply::Quiet | Reply::ChangedElsewhere => {}
        Reply::LoggedIn(user) => {
            app.user = Some(user);
            app.status = None;
            app.stack = vec![Screen::Fonds(Menu::default())];
            let mut effects = vec![Effect::LoadFonds, Effect::TakeDraft];
            if app.may_write() {
                effects.push(Effect::Learn);
            }
            // An admin is told at log-in when alarms wait.
            if app.may(crate::tui::action::Action::Safekeeping) {
                effects.push(Effect::LoadSafekeeping);
            }
            return effects;
        }
        Reply::Fonds(rows) => browse::fonds_arrived(app, rows),
        Reply::Years {
            fonds,
            years,
            certified,
        } => browse::years_arrived(app, &fonds, years, certified),
        Reply::Catalogues { fonds, catalogues } => {
            browse::volumes::catalogues_arrived(app, &fonds, catalogues);
        }
        Reply::Volumes {
            fonds,
            catalogue,
            volumes,
        } => browse::volumes::volumes_arrived(app, &fonds, &catalogue, volumes),
        Reply::Window {
            id,
            records,
            position,
            total,
        } => return browse::window_arrived(app, id, records, position, total),
        Reply::Results {
            id,
            offset,
            results,
        } => return search::act::results_arrived(app, id, offset, results),
        Reply::Record {
            record,
            around,
            volume,
        } => record::arrived(app, record, *around, volume),
        Reply::Audit(entries) => super::audit::arrived(app, entries),
        Reply::Transfers(transfers) => super::receipts::transfers_arrived(app, transfers),
        Reply::Appraise(reply) => return super::appraise::arrived(app, *reply),
        Reply::Statistics(stats) => super::stats::arrived(app, stats),
        Reply::Safekeeping(status) => super::safekeeping::arrived(app, status),
        Reply::AlarmAcknowledged(id) => return super::safekeeping::acknowledged(app, id),
        Reply::Learned(learner) => {
            app.learner = Some(learner);
            let learner = app.learner.as_deref();
            if let Some(Screen::Form(form)) = app.stack.last_mut() {
                form.refresh_suggestions(learner);
            }
        }
        Reply::LookAlikes(found) => {
            if let Some(Screen::Form(form)) = app.stack.last_mut() {
                form.look_alikes = found;
            }
        }
        Reply::Related { code, related } => super::record::related_arrived(app, &code, *related),
        Reply::Receipt(receipt) => super::receipts::receipt_arrived(app, *receipt),
        Reply::TransferFigures(figures) => super::receipts::figures_arrived(app, figures),
        Reply::Stocktaken(result) => super::stocktake::compared(app, *result),
        Reply::Shelves { rows, said } => {
            let said = said.map(|m| m.text(app.lang));
            super::shelves::arrived(app, rows, said);
        }
        Reply::Borrowers(borrowers) => form::act::borrowers_arrived(app, borrowers),
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
        } => return form::act::saved(app, *record, quick, changed),
        Reply::Indexing(percent) => app.indexing = Some(percent),
        Reply::Indexed => app.indexing = None,
        Reply::Conflict(conflict) => form::act::conflicted(app, &conflict),
        Reply::Draft(None) => {}
        Reply::Draft(Some(draft)) => form::act::draft_arrived(app, *draft),
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
            form::act::failed(app);
            login::failed(app);
            record::failed(app);
            super::stocktake::failed(app);
            app.error(message);
        }
    }
    Vec::new()
}
