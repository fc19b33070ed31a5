//! The loans screen: tabs for what is out, what falls due this week, what is overdue and the log.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{cells, day};
use crate::domain::loan::{LoanState, days_overdue};
use crate::i18n::{Lang, S};
use crate::tui::app::{App, LoansView};
use crate::tui::worker::LoanTab;

pub fn loans(app: &App, view: &LoansView, frame: &mut Frame, area: Rect) {
    let mut tabs = Vec::new();
    for (tab, name) in [
        (LoanTab::Out, S::TabOut),
        (LoanTab::DueSoon, S::TabDueSoon),
        (LoanTab::Overdue, S::TabOverdue),
        (LoanTab::Log, S::TabLog),
    ] {
        let style = if tab == view.tab {
            app.theme.selection
        } else {
            app.theme.muted
        };
        tabs.push(Span::styled(format!(" {} ", app.t(name)), style));
        tabs.push(Span::raw(" "));
    }
    let widths = Columns::fit(usize::from(area.width));
    let header = widths.row([
        app.t(S::Code).to_string(),
        app.t(S::Title).to_string(),
        app.t(S::Borrower).to_string(),
        app.t(S::Due).to_string(),
        app.t(S::Status).to_string(),
    ]);
    let mut lines = vec![Line::from(tabs), cells(&header, app.theme.header)];
    if !view.loaded {
        lines.push(Line::styled(app.t(S::Loading), app.theme.muted));
    } else if view.loans.is_empty() {
        lines.push(Line::styled(app.t(S::Empty), app.theme.muted));
    }
    let height = usize::from(area.height.saturating_sub(2));
    let top = (view.selected + 1).saturating_sub(height);
    for (i, loan) in view.loans.iter().enumerate().skip(top).take(height) {
        let late = match (loan.state, loan.due_on, view.today, app.lang) {
            (LoanState::Out, Some(due), Some(today), lang) if due < today => {
                let days = days_overdue(due, today);
                match lang {
                    Lang::Zh => format!("逾期{days}天"),
                    Lang::En => format!("{days}d late"),
                }
            }
            (state, _, _, Lang::Zh) => state.label_zh().to_string(),
            (state, _, _, Lang::En) => state.code().to_string(),
        };
        // Overdue is for chasing: the contact matters more than the unit there.
        let reach = if view.tab == LoanTab::Overdue {
            &loan.borrower.contact
        } else {
            &loan.borrower.unit
        };
        let who = format!("{} {}", loan.borrower.name, reach);
        let due = loan.due_on.map(|d| day(app, d)).unwrap_or_default();
        let row = widths.row([loan.code.clone(), loan.title.clone(), who, due, late]);
        let style = if i == view.selected {
            app.theme.selection
        } else {
            app.theme.base
        };
        lines.push(cells(&row, style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Column widths: code, title, borrower, due, status. On a narrow terminal the title goes first,
/// then the due date; the code, the borrower and the days late always stay.
struct Columns([usize; 5]);

impl Columns {
    const CODE: usize = 22;
    const DUE: usize = 14;
    const STATE: usize = 10;

    fn fit(total: usize) -> Columns {
        // One space between columns.
        let rest = |fixed: usize, count: usize| total.saturating_sub(fixed + count - 1);
        let full = rest(Self::CODE + Self::DUE + Self::STATE, 5);
        if full >= 24 {
            // The borrower and contact before the title: the code already names the record.
            let who = (full * 2 / 3).min(28);
            return Columns([Self::CODE, full - who, who, Self::DUE, Self::STATE]);
        }
        let no_title = rest(Self::CODE + Self::DUE + Self::STATE, 4);
        if no_title >= 12 {
            return Columns([Self::CODE, 0, no_title, Self::DUE, Self::STATE]);
        }
        let who = rest(Self::CODE + Self::STATE, 3);
        Columns([Self::CODE, 0, who, 0, Self::STATE])
    }

    /// The values paired with their widths, without the columns that did not fit.
    fn row(&self, values: [String; 5]) -> Vec<(String, usize)> {
        values
            .into_iter()
            .zip(self.0)
            .filter(|(_, width)| *width > 0)
            .collect()
    }
}
