//! The audit screen: when, who, what and on what, newest first; the selected entry whole under
//! the list, its detail as recorded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::cells;
use crate::i18n::S;
use crate::tui::app::App;
use crate::tui::app::AuditView;

const TIME: usize = 16;
const USER: usize = 12;
const ACTION: usize = 18;

pub fn audit(app: &App, view: &AuditView, frame: &mut Frame, area: Rect) {
    let (area, under) = super::with_detail(area);
    if let Some(entry) = view.entries.get(view.selected) {
        let said = vec![
            format!("#{}", entry.seq),
            super::moment(&entry.at),
            entry.user.clone(),
            entry.action.clone(),
            entry.object.clone(),
            entry.detail.clone(),
        ];
        super::detail(app, &said, frame, under);
    }
    let object = usize::from(area.width).saturating_sub(TIME + USER + ACTION + 3);
    let widths = [TIME, USER, ACTION, object];
    let row = |values: [String; 4]| -> Vec<(String, usize)> {
        values
            .into_iter()
            .zip(widths)
            .filter(|(_, w)| *w > 0)
            .collect()
    };
    let header =
        row([S::AuditTime, S::AuditUser, S::AuditAction, S::AuditObject]
            .map(|s| app.t(s).to_string()));
    let mut lines = vec![cells(&header, app.theme.header)];
    if !view.loaded {
        lines.push(Line::styled(app.t(S::Loading), app.theme.muted));
    } else if view.entries.is_empty() {
        lines.push(Line::styled(app.t(S::Empty), app.theme.muted));
    }
    let height = usize::from(area.height.saturating_sub(1));
    let top = (view.selected + 1).saturating_sub(height);
    for (i, entry) in view.entries.iter().enumerate().skip(top).take(height) {
        let style = if i == view.selected {
            app.theme.selection
        } else {
            app.theme.base
        };
        let values = [
            super::moment(&entry.at),
            entry.user.clone(),
            entry.action.clone(),
            entry.object.clone(),
        ];
        lines.push(cells(&row(values), style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
