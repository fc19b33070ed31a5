//! The shelves, drawn: where each box or volume stands, what it is, and whether it is out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::ShelvesView;
use crate::i18n::S;
use crate::tui::app::App;
use crate::tui::view::cells;

pub fn shelves(app: &App, view: &ShelvesView, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    // 位置 and 档号 always; what it holds and whether it is out as the width allows.
    let (location, code) = (16, 24);
    let out = if width >= 70 { 12 } else { 0 };
    let what = width.saturating_sub(location + code + out + 3).max(4);
    let mut header = vec![
        (app.t(S::Location).to_string(), location),
        (app.t(S::BoxOrVolume).to_string(), code),
        (app.t(S::Holds).to_string(), what),
    ];
    if out > 0 {
        header.push((app.t(S::OutOfStacks).to_string(), out));
    }
    let mut lines = vec![cells(&header, app.theme.header)];
    if !view.loaded {
        lines.push(Line::styled(app.t(S::Loading), app.theme.muted));
    } else if view.rows.is_empty() {
        lines.push(Line::styled(app.t(S::NothingShelved), app.theme.muted));
    }
    let height = usize::from(area.height.saturating_sub(1));
    let top = (view.selected + 1).saturating_sub(height);
    for (i, row) in view.rows.iter().enumerate().skip(top).take(height) {
        let style = if i == view.selected {
            app.theme.selection
        } else {
            app.theme.base
        };
        let mut values = vec![
            (row.location.clone(), location),
            (row.code.clone(), code),
            (row.what.clone(), what),
        ];
        if out > 0 {
            values.push((row.out.clone().unwrap_or_default(), out));
        }
        lines.push(cells(&values, style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
