//! The loans screen: tabs for what is out, what falls due this week, what is overdue and the log;
//! the filter by borrower, and the selected loan whole under the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::loan::{Loan, LoanState, days_overdue};
use crate::i18n::{Lang, S};
use crate::tui::app::{App, LoansView};
use crate::tui::view::{cells, day};
use crate::tui::worker::LoanTab;
use crate::width::{sanitize, width};

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
    if !view.who.is_empty() {
        let filter = format!("{}: {}", app.t(S::FilteredBy), sanitize(&view.who, false));
        tabs.push(Span::styled(filter, app.theme.label));
    }
    let (area, under) = crate::tui::view::with_detail(area);
    if let Some(loan) = view.loans.get(view.selected) {
        crate::tui::view::detail(app, &whole(app, loan), frame, under);
    }
    let who_needed = view
        .loans
        .iter()
        .map(|loan| width(&who(view.tab, loan)))
        .max()
        .unwrap_or(0);
    let widths = Columns::fit(usize::from(area.width), who_needed);
    let (fourth, fifth) = match view.tab {
        LoanTab::Log => (S::OutOn, S::ReturnedOn),
        _ => (S::Due, S::Status),
    };
    let header = widths.row([
        app.t(S::Code).to_string(),
        app.t(S::Title).to_string(),
        app.t(S::Borrower).to_string(),
        app.t(fourth).to_string(),
        app.t(fifth).to_string(),
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
        let state = state(app, view, loan);
        let (fourth, fifth) = match view.tab {
            // The log is of what happened when: lent, and back (or what became of it).
            LoanTab::Log => {
                let back = loan.returned_on.or(loan.lost_on);
                let back = match (loan.state, back) {
                    (LoanState::Returned, Some(back)) => day(back),
                    _ => state,
                };
                (loan.out_on.map(day).unwrap_or_default(), back)
            }
            _ => (loan.due_on.map(day).unwrap_or_default(), state),
        };
        let row = widths.row([
            loan.code.clone(),
            loan.title.clone(),
            who(view.tab, loan),
            fourth,
            fifth,
        ]);
        let style = if i == view.selected {
            app.theme.selection
        } else {
            app.theme.base
        };
        lines.push(cells(&row, style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The loan's state, or how many days late it is.
fn state(app: &App, view: &LoansView, loan: &Loan) -> String {
    match (loan.state, loan.due_on, view.today, app.lang) {
        (LoanState::Out, Some(due), Some(today), lang) if due < today => {
            let days = days_overdue(due, today);
            match lang {
                Lang::Zh => format!("逾期{days}天"),
                Lang::En => format!("{days}d late"),
            }
        }
        (state, _, _, Lang::Zh) => state.label_zh().to_string(),
        (state, _, _, Lang::En) => state.code().to_string(),
    }
}

/// The borrower as the tab needs: overdue is for chasing, so the contact, whole; else the unit.
fn who(tab: LoanTab, loan: &Loan) -> String {
    let reach = if tab == LoanTab::Overdue {
        &loan.borrower.contact
    } else {
        &loan.borrower.unit
    };
    sanitize(&format!("{} {reach}", loan.borrower.name), false)
        .trim()
        .to_string()
}

/// The selected loan whole: its title, the borrower with unit and contact, purpose and dates.
fn whole(app: &App, loan: &Loan) -> Vec<String> {
    let b = &loan.borrower;
    let dated = |label: S, date: Option<chrono::NaiveDate>| {
        date.map(|d| format!("{} {}", app.t(label), day(d)))
            .unwrap_or_default()
    };
    vec![
        loan.title.clone(),
        format!("{} {} {}", b.name, b.unit, b.contact),
        loan.purpose.clone(),
        dated(S::OutOn, loan.out_on),
        dated(S::Due, loan.due_on),
        dated(S::ReturnedOn, loan.returned_on),
    ]
}

/// Column widths: code, title, borrower, date, status. The borrower gets what it needs, so a
/// phone number is not cut; on a narrow terminal the title goes first, then
/// the date; the code, the borrower and the state always stay.
struct Columns([usize; 5]);

impl Columns {
    const CODE: usize = 22;
    const DATE: usize = 10;
    const STATE: usize = 10;

    fn fit(total: usize, who_needed: usize) -> Columns {
        // One space between columns.
        let rest = |fixed: usize, count: usize| total.saturating_sub(fixed + count - 1);
        let full = rest(Self::CODE + Self::DATE + Self::STATE, 5);
        if full >= 24 {
            let who = who_needed.clamp(12, full);
            // A title of a few characters says nothing: the borrower takes its room (the
            // whole title is under the list).
            return match full - who {
                title if title >= 6 => Columns([Self::CODE, title, who, Self::DATE, Self::STATE]),
                _ => Columns([Self::CODE, 0, full + 1, Self::DATE, Self::STATE]),
            };
        }
        let no_title = rest(Self::CODE + Self::DATE + Self::STATE, 4);
        if no_title >= 12 {
            return Columns([Self::CODE, 0, no_title, Self::DATE, Self::STATE]);
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
