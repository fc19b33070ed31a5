//! The search screen: the box, the counts per fonds / year / status, and the hits with the
//! matched characters of each title marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::Status;
use crate::i18n::{Lang, RecordMsg, S};
use crate::tui::app::browse::view::Columns;
use crate::tui::app::{App, Search, chips};
use crate::width::{pad, sanitize, snippet, truncate, width};

fn chip_line(app: &App, search: &Search, columns: usize) -> Line<'static> {
    let Some(results) = &search.results else {
        return Line::styled(truncate(app.t(S::SearchHint), columns), app.theme.muted);
    };
    let sort = if search.by_code {
        S::SortCode
    } else {
        S::SortRelevance
    };
    if let Some(near) = results.suggestion.as_ref().filter(|_| results.total == 0) {
        let offer = format!(
            "0 {}  {}  {}",
            app.t(S::Matches),
            RecordMsg::DidYouMean {
                query: sanitize(near, false),
            }
            .text(app.lang),
            app.t(S::TabTakesIt)
        );
        return Line::styled(truncate(&offer, columns), app.theme.label);
    }
    // Where the selection is among all hits, as a list of files shows it.
    let at = match results.total {
        0 => 0,
        _ => search.selected + 1,
    };
    let head = format!(
        "{at} / {} {}  {}",
        results.total,
        app.t(S::Matches),
        app.t(sort)
    );
    let mut used = width(&head);
    let mut spans = vec![Span::styled(head, app.theme.label)];
    for (i, chip) in chips(results).iter().enumerate() {
        let label = match Status::parse(&chip.value).filter(|_| chip.kind == "status") {
            Some(status) if app.lang == Lang::Zh => status.label_zh().to_string(),
            Some(status) => status.label_en().to_string(),
            None => chip.value.clone(),
        };
        let text = sanitize(&format!("[{label} {}]", chip.count), false);
        if used + width(&text) + 1 > columns {
            break;
        }
        used += width(&text) + 1;
        let style = if search.chip == Some(i) {
            app.theme.selection
        } else {
            app.theme.muted
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

pub fn search(app: &App, search: &Search, frame: &mut Frame, area: Rect) {
    let columns = usize::from(area.width);
    let label = format!("{}: ", app.t(S::Search));
    let (shown, caret) = search.input.view(columns.saturating_sub(width(&label) + 1));
    frame.set_cursor_position((area.x + (width(&label) + caret) as u16, area.y));
    let mut lines = vec![
        Line::from(vec![Span::styled(label, app.theme.label), Span::raw(shown)]),
        chip_line(app, search, columns),
    ];
    let (area, under) = crate::tui::view::with_detail(area);
    if let Some(found) = search.selected_hit() {
        crate::tui::view::detail(
            app,
            &crate::tui::view::record_detail(&found.record),
            frame,
            under,
        );
    }
    let marking = !search.marked.is_empty();
    let gutter = if marking {
        crate::tui::view::MARK_COLUMNS
    } else {
        0
    };
    let height = usize::from(area.height.saturating_sub(3));
    let top = (search.selected + 1).saturating_sub(height);
    let total = search.results.as_ref().map_or(0, |r| r.total);
    let codes = (top..(top + height).min(total))
        .filter_map(|i| search.hit(i))
        .map(|found| &found.record.code);
    let table = Columns::fit(area.width - gutter, app.lang, codes);
    let header = crate::tui::view::cells(&table.header(app), app.theme.header);
    lines.push(crate::tui::view::marked_row(header, false, marking));
    if let Some(results) = &search.results {
        for i in top..(top + height).min(results.total) {
            let selected = i == search.selected;
            let Some(found) = search.hit(i) else {
                // Not yet fetched: a row of its own, never another hit's.
                lines.push(Line::styled("…", app.theme.muted));
                continue;
            };
            let base = if selected {
                app.theme.selection
            } else {
                app.theme.base
            };
            let row = table.record(app, &found.record);
            let mut spans = Vec::new();
            for (n, (value, cell)) in row.iter().enumerate() {
                if n == 1 {
                    // The title: a window that shows its first match, matches marked.
                    let title = sanitize(value, false);
                    let mut used = 0;
                    for (text, marked) in snippet(&title, &found.title_marks, *cell) {
                        used += width(&text);
                        let style = if marked {
                            base.patch(app.theme.matched)
                        } else {
                            base
                        };
                        spans.push(Span::styled(text, style));
                    }
                    spans.push(Span::styled(" ".repeat(cell - used.min(*cell) + 1), base));
                } else {
                    let text = pad(&truncate(&sanitize(value, false), *cell), *cell);
                    spans.push(Span::styled(format!("{text} "), base));
                }
            }
            let marked = search.marked.contains(&found.record.code);
            lines.push(crate::tui::view::marked_row(
                Line::from(spans),
                marked,
                marking,
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
