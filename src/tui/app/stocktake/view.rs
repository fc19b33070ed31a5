//! The stocktake screen: the stretch, the code being scanned, the latest scans; then the result.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::StocktakeView;
use crate::i18n::{BoxMsg, S};
use crate::tui::app::App;
use crate::width::{sanitize, truncate, width};

pub fn stocktake(app: &App, view: &StocktakeView, frame: &mut Frame, area: Rect) {
    let columns = usize::from(area.width);
    let label = match view.stretch {
        None => format!("{}: ", app.t(S::Stretch)),
        Some(_) => format!("{}: ", app.t(S::ScanCode)),
    };
    let mut lines = Vec::new();
    if let Some(stretch) = &view.stretch {
        let said = format!("{}: {}", app.t(S::Stretch), sanitize(stretch, false));
        lines.push(Line::styled(truncate(&said, columns), app.theme.header));
    }
    if view.result.is_none() {
        let (shown, caret) = view.input.view(columns.saturating_sub(width(&label) + 1));
        let row = lines.len() as u16;
        frame.set_cursor_position((area.x + (width(&label) + caret) as u16, area.y + row));
        lines.push(Line::from(vec![
            Span::styled(label, app.theme.label),
            Span::raw(shown),
        ]));
        let count = format!("{} {}", app.t(S::Scanned), view.scanned.len());
        lines.push(Line::styled(count, app.theme.muted));
        let room = usize::from(area.height).saturating_sub(lines.len());
        let latest = view.scanned.len().saturating_sub(room);
        for code in &view.scanned[latest..] {
            lines.push(Line::raw(truncate(&sanitize(code, false), columns)));
        }
    }
    if let Some(result) = &view.result {
        let stretch = view.stretch.clone().unwrap_or_default();
        let said = result
            .report(&stretch)
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let style = match line {
                    _ if i == 0 => app.theme.header,
                    BoxMsg::Unknown { .. } => app.theme.muted,
                    _ => app.theme.error,
                };
                (line.text(app.lang), style)
            });
        for (text, style) in said.skip(view.scroll) {
            // A summary wider than the screen goes on in the rows below, never cut.
            for part in crate::width::wrap(&sanitize(&text, false), columns) {
                lines.push(Line::styled(part, style));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
