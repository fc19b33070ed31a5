//! The receipts screen: one row a transfer (when, from whom, accepted or refused, how many
//! records and files), the selected one's package under the list; an opened receipt whole.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::ReceiptsView;
use crate::i18n::{ReceiveMsg, S};
use crate::tui::app::{App, Screen};
use crate::tui::view::cells;
use crate::width::{sanitize, width};

const NUMBER: usize = 5;
const TIME: usize = 16;
const COUNTS: usize = 16;

pub fn receipts(app: &App, view: &ReceiptsView, frame: &mut Frame, area: Rect) {
    if let Some((receipt, scroll)) = &view.open {
        frame.render_widget(receipt_paragraph(app, receipt).scroll((*scroll, 0)), area);
        return;
    }
    if let Some(figures) = &view.figures {
        frame.render_widget(figures_paragraph(app, figures), area);
        return;
    }
    let (area, under) = crate::tui::view::with_detail(area);
    if let Some(t) = view.transfers.get(view.selected) {
        let said = vec![
            t.package_name.clone(),
            t.package_hash.clone(),
            t.received_by.clone(),
        ];
        crate::tui::view::detail(app, &said, frame, under);
    }
    let outcome_name = |accepted: bool| ReceiveMsg::outcome(accepted).text(app.lang);
    let outcome = [true, false]
        .map(|accepted| width(&outcome_name(accepted)))
        .into_iter()
        .chain([width(app.t(S::TransferOutcome))])
        .max()
        .unwrap_or(0);
    let from = usize::from(area.width).saturating_sub(NUMBER + TIME + outcome + COUNTS + 4);
    let widths = [NUMBER, TIME, from, outcome, COUNTS];
    let row = |values: [String; 5]| -> Vec<(String, usize)> {
        values
            .into_iter()
            .zip(widths)
            .filter(|(_, w)| *w > 0)
            .collect()
    };
    let header = row([
        S::TransferNo,
        S::TransferWhen,
        S::TransferFrom,
        S::TransferOutcome,
        S::TransferCounts,
    ]
    .map(|s| app.t(s).to_string()));
    let mut lines = vec![cells(&header, app.theme.header)];
    if !view.loaded {
        lines.push(Line::styled(app.t(S::Loading), app.theme.muted));
    } else if view.transfers.is_empty() {
        lines.push(Line::styled(app.t(S::Empty), app.theme.muted));
    }
    let height = usize::from(area.height.saturating_sub(1));
    let top = (view.selected + 1).saturating_sub(height);
    for (i, t) in view.transfers.iter().enumerate().skip(top).take(height) {
        let style = if i == view.selected {
            app.theme.selection
        } else if t.accepted {
            app.theme.base
        } else {
            app.theme.error
        };
        let values = [
            t.id.to_string(),
            crate::tui::view::moment(&t.received_at),
            t.source.clone(),
            outcome_name(t.accepted),
            format!("{} / {}", t.records, t.files),
        ];
        lines.push(cells(&row(values), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn receipt_paragraph(app: &App, receipt: &crate::archive::receive::Receipt) -> Paragraph<'static> {
    let lines: Vec<Line> = receipt
        .text(app.lang)
        .lines()
        .map(|l| Line::styled(sanitize(l, false), app.theme.base))
        .collect();
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// Per department, then per account that offered packages: offered, accepted, refused, the
/// success rate and the refusals under each check.
fn figures_paragraph(app: &App, figures: &super::Figures) -> Paragraph<'static> {
    let mut lines = Vec::new();
    for (title, stats) in [
        (S::FiguresByDepartment, &figures.by_department),
        (S::FiguresByAccount, &figures.by_account),
    ] {
        lines.push(Line::styled(app.t(title).to_string(), app.theme.header));
        if stats.is_empty() {
            lines.push(Line::styled(app.t(S::Empty).to_string(), app.theme.muted));
        }
        for line in stats.iter().flat_map(|s| s.lines(app.lang)) {
            lines.push(Line::styled(sanitize(&line, false), app.theme.base));
        }
        lines.push(Line::raw(""));
    }
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// How many rows the opened receipt takes at the screen's width (0: none open).
pub fn receipt_rows(app: &App) -> usize {
    match app.screen() {
        Screen::Receipts(view) => view.open.as_ref().map_or(0, |(receipt, _)| {
            receipt_paragraph(app, receipt).line_count(app.width)
        }),
        _ => 0,
    }
}
