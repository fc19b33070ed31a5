//! Printing from where the clerk is browsing (p or F4): the 归档文件目录 of a fonds' year, the
//! 案卷目录 of a catalogue, or a volume's cover and 卷内目录 — as .xlsx to a file the clerk names,
//! offered a name that says what it is.

use super::{App, Prompt, PromptKind, Screen};
use crate::domain::volume::VolumeCode;
use crate::i18n::S;
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::tui::worker::{Effect, PrintOf};

/// What the screen shown would print, if anything.
fn what(app: &App) -> Option<PrintOf> {
    match app.screen() {
        Screen::Years(years) => {
            let year = years.menu.rows.get(years.menu.selected.checked_sub(1)?)?.0;
            let fonds = years.fonds.code.clone();
            Some(PrintOf::Catalogue { fonds, year })
        }
        Screen::Records(list) => {
            let f = &list.filter;
            let fonds = f.fonds.clone()?;
            match (&f.volume, f.year) {
                (Some(no), _) => Some(PrintOf::Contents(VolumeCode {
                    fonds,
                    no: no.clone(),
                })),
                (None, Some(year)) => Some(PrintOf::Catalogue { fonds, year }),
                (None, None) => None,
            }
        }
        Screen::Catalogues(c) => {
            let catalogue = c.menu.rows.get(c.menu.selected)?.catalogue.clone();
            let fonds = c.fonds.code.clone();
            Some(PrintOf::Volumes { fonds, catalogue })
        }
        Screen::Volumes(v) => Some(PrintOf::Contents(
            v.menu.rows.get(v.menu.selected)?.code.clone(),
        )),
        _ => None,
    }
}

/// The file name offered: what it is and of what.
fn file_name(of: &PrintOf) -> String {
    match of {
        PrintOf::Catalogue { fonds, year } => format!("归档文件目录-{fonds}-{year}.xlsx"),
        PrintOf::Volumes { fonds, catalogue } => format!("案卷目录-{fonds}-{catalogue}.xlsx"),
        PrintOf::Contents(code) => format!("卷内目录-{code}.xlsx"),
    }
}

/// The print action; None for every other.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    if action != Action::Print {
        return None;
    }
    match what(app) {
        Some(of) => {
            let name = file_name(&of);
            app.prompt = Some(Prompt {
                kind: PromptKind::PrintPath,
                input: LineInput::with_text(&name),
                target: None,
            });
        }
        None => app.error(app.t(S::NothingToPrint)),
    }
    Some(Vec::new())
}

/// The file named: print there (never over a file already there) what the screen under the
/// prompt shows.
pub fn prompt_done(app: &App, path: &str) -> Vec<Effect> {
    match what(app) {
        Some(of) if !path.is_empty() => vec![Effect::Print {
            of,
            path: path.into(),
        }],
        _ => Vec::new(),
    }
}
