//! The statistics screen (统计): a year's figures for all fonds or one, as the yearly forms ask
//! for them, with charts — holdings by the records' year, loans by month, the transition by
//! fonds. ← → change the year, `f` the fonds, Tab the panel; a narrow terminal shows one panel
//! at a time.

pub mod view;

use super::screens::{MOVES, moved};
use super::{App, Screen};
use crate::domain::Permission;
use crate::domain::stats::Statistics;
use crate::tui::action::Action;
use crate::tui::worker::Effect;

/// What the screen shows below its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// The key figures, with the three charts beside them where there is room.
    Overview,
    ByYear,
    ByMonth,
    Transition,
    /// Every figure, scrolled.
    Table,
}

pub const PANELS: [Panel; 5] = [
    Panel::Overview,
    Panel::ByYear,
    Panel::ByMonth,
    Panel::Transition,
    Panel::Table,
];

pub struct StatsView {
    /// The year asked for; None until the first answer says which year this is.
    pub year: Option<i32>,
    pub fonds: Option<String>,
    /// This year: no later one is asked for.
    pub this_year: Option<i32>,
    pub stats: Option<Box<Statistics>>,
    pub panel: Panel,
    /// The first row of the table shown.
    pub scroll: usize,
}

impl StatsView {
    fn load(&self) -> Effect {
        Effect::Statistics {
            year: self.year,
            fonds: self.fonds.clone(),
        }
    }

    /// The fonds after the one shown, then all of them again.
    fn next_fonds(&self) -> Option<String> {
        let names = &self.stats.as_ref()?.fonds_names;
        match &self.fonds {
            None => names.keys().next().cloned(),
            Some(now) => names
                .range::<String, _>((std::ops::Bound::Excluded(now), std::ops::Bound::Unbounded))
                .next()
                .map(|(code, _)| code.clone()),
        }
    }
}

/// The statistics screen's actions; None for every other action or screen.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let page = app.list_height() as usize;
    match (app.screen_mut(), action) {
        (Screen::Statistics(_), Action::Statistics) => Some(Vec::new()),
        (_, Action::Statistics) => {
            app.user.as_ref()?;
            if app.refused(Permission::ReadStatistics) {
                return Some(Vec::new());
            }
            // The fonds being browsed, if there is one.
            let fonds = match app.screen() {
                Screen::Years(years) => Some(years.fonds.code.clone()),
                Screen::Records(list) => list.filter.fonds.clone(),
                _ => None,
            };
            let view = StatsView {
                year: None,
                fonds,
                this_year: None,
                stats: None,
                panel: Panel::Overview,
                scroll: 0,
            };
            let load = view.load();
            app.stack.push(Screen::Statistics(Box::new(view)));
            Some(vec![load])
        }
        (Screen::Statistics(view), Action::PrevYear | Action::NextYear) => {
            let (Some(year), Some(this_year)) = (view.year, view.this_year) else {
                return Some(Vec::new());
            };
            let wanted = match action {
                Action::PrevYear => year - 1,
                _ => year + 1,
            };
            if wanted > this_year || wanted < 1900 {
                return Some(Vec::new());
            }
            view.year = Some(wanted);
            Some(vec![view.load()])
        }
        (Screen::Statistics(view), Action::NextFonds) => {
            if view.stats.is_none() {
                return Some(Vec::new());
            }
            view.fonds = view.next_fonds();
            Some(vec![view.load()])
        }
        (Screen::Statistics(view), Action::NextTab) => {
            let at = PANELS.iter().position(|p| *p == view.panel).unwrap_or(0);
            view.panel = PANELS[(at + 1) % PANELS.len()];
            view.scroll = 0;
            Some(Vec::new())
        }
        (Screen::Statistics(view), a) if MOVES.contains(&a) => {
            if view.panel == Panel::Table {
                let rows = view.stats.as_ref().map_or(0, |s| view::table_rows(s));
                let last = rows.saturating_sub(page);
                view.scroll = moved(view.scroll, last + 1, a, page);
            }
            Some(Vec::new())
        }
        _ => None,
    }
}

/// The statistics arrived: shown if they are still the ones asked for (keys pressed quickly
/// ask again before the answer comes; only the last answer counts).
pub fn arrived(app: &mut App, stats: Box<Statistics>) {
    let Screen::Statistics(view) = app.screen_mut() else {
        return;
    };
    if view.year.is_some_and(|y| y != stats.year) || view.fonds != stats.fonds {
        return;
    }
    if view.year.is_none() {
        view.year = Some(stats.year);
        view.this_year = Some(stats.year);
    }
    view.stats = Some(stats);
}
