//! Browsing a fonds arranged by volume: its catalogues (目录), a catalogue's volumes (案卷), and
//! then the items inside a volume in the record list.

use super::{Menu, open_list};
use crate::domain::volume::{Catalogue, Volume};
use crate::domain::{Fonds, RecordQuery};
use crate::tui::app::{App, Screen};
use crate::tui::worker::Effect;

#[derive(Debug, Clone)]
pub struct Catalogues {
    pub fonds: Fonds,
    pub menu: Menu<Catalogue>,
}

#[derive(Debug, Clone)]
pub struct Volumes {
    pub fonds: Fonds,
    pub catalogue: String,
    pub menu: Menu<Volume>,
}

/// Opens the catalogues of a fonds arranged by volume.
pub fn open_fonds(app: &mut App, fonds: Fonds) -> Vec<Effect> {
    let effect = Effect::LoadCatalogues {
        fonds: fonds.code.clone(),
    };
    app.stack.push(Screen::Catalogues(Catalogues {
        fonds,
        menu: Menu::default(),
    }));
    vec![effect]
}

/// Opens what is selected on a catalogue or volume menu.
pub fn open(app: &mut App) -> Vec<Effect> {
    match app.screen() {
        Screen::Catalogues(c) => {
            let Some(catalogue) = c.menu.rows.get(c.menu.selected) else {
                return Vec::new();
            };
            let (fonds, catalogue) = (c.fonds.clone(), catalogue.catalogue.clone());
            let effect = Effect::LoadVolumes {
                fonds: fonds.code.clone(),
                catalogue: catalogue.clone(),
            };
            app.stack.push(Screen::Volumes(Volumes {
                fonds,
                catalogue,
                menu: Menu::default(),
            }));
            vec![effect]
        }
        Screen::Volumes(v) => {
            let Some(volume) = v.menu.rows.get(v.menu.selected) else {
                return Vec::new();
            };
            let caption = format!("{}  {}", volume.code, volume.data.title);
            let filter = RecordQuery {
                fonds: Some(volume.code.fonds.clone()),
                volume: Some(volume.code.no.clone()),
                ..RecordQuery::default()
            };
            open_list(app, caption, filter)
        }
        _ => Vec::new(),
    }
}

/// A fonds' catalogues, to the screens that asked.
pub fn catalogues_arrived(app: &mut App, fonds: &str, rows: Vec<Catalogue>) {
    for screen in &mut app.stack {
        if let Screen::Catalogues(c) = screen
            && c.fonds.code == fonds
        {
            c.menu.rows = rows.clone();
            c.menu.selected = c.menu.selected.min(rows.len().saturating_sub(1));
            c.menu.loaded = true;
        }
    }
}

/// A catalogue's volumes, to the screens that asked.
pub fn volumes_arrived(app: &mut App, fonds: &str, catalogue: &str, rows: Vec<Volume>) {
    for screen in &mut app.stack {
        if let Screen::Volumes(v) = screen
            && v.fonds.code == fonds
            && v.catalogue == catalogue
        {
            v.menu.rows = rows.clone();
            v.menu.selected = v.menu.selected.min(rows.len().saturating_sub(1));
            v.menu.loaded = true;
        }
    }
}
