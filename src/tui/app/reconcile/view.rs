//! The reconcile screen: the scopes to choose from; then the scope's progress, its lines, and the
//! selected paper line beside its digital record with what differs marked, character by
//! character in titles.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::archive::reconcile::ScopeStatus;
use crate::domain::Field;
use crate::domain::register::char_diff;
use crate::i18n::{Lang, S};
use crate::tui::app::{App, ReconcileView};
use crate::tui::view::cells;
use crate::width::{pad, sanitize, snippet, truncate, width};

fn counts(app: &App, s: &ScopeStatus) -> String {
    format!(
        "{} {} · {} {} · {} {}",
        app.t(S::Agreed),
        s.agrees,
        app.t(S::Resolved),
        s.resolved,
        app.t(S::Open),
        s.open
    )
}

/// `[#####-----]`: ASCII, since block characters are ambiguous-width.
fn bar(done: u64, total: u64, columns: usize) -> String {
    let filled = if total == 0 {
        columns
    } else {
        (done as usize * columns) / total as usize
    };
    format!("[{}{}]", "#".repeat(filled), "-".repeat(columns - filled))
}

pub fn reconcile(app: &App, view: &ReconcileView, frame: &mut Frame, area: Rect) {
    let columns = usize::from(area.width);
    if let Some((scope, typed)) = &view.typing {
        // The lines typed so far, the latest at the bottom, numbered as on paper.
        let mut lines = vec![Line::styled(
            truncate(&format!("{scope}  {}", app.t(S::TypeFormat)), columns),
            app.theme.header,
        )];
        let room = usize::from(area.height.saturating_sub(1));
        let skip = typed.len().saturating_sub(room);
        lines.extend(typed.iter().skip(skip).map(|l| {
            let text = format!("{:<5} {}", l.line_no, sanitize(&l.raw, false));
            Line::raw(truncate(&text, columns))
        }));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    if view.scope.is_none() {
        let lines: Vec<Line> = view
            .scopes
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let style = if i == view.selected {
                    app.theme.selection
                } else {
                    app.theme.base
                };
                let certified = if s.certified_at.is_some() {
                    app.t(S::Certified)
                } else {
                    ""
                };
                let text = format!("{}  {}  {certified}", pad(&s.scope, 18), counts(app, s));
                Line::styled(pad(&truncate(&text, columns), columns), style)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let Some(status) = &view.status else {
        frame.render_widget(
            Paragraph::new(app.t(S::Loading)).style(app.theme.muted),
            area,
        );
        return;
    };
    let total = status.paper_lines + status.digital_only;
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{} ", status.scope), app.theme.header),
        Span::raw(bar(total - status.open, total, 20.min(columns / 4))),
        Span::raw(format!(" {}", counts(app, status))),
        Span::styled(
            if status.certified_at.is_some() {
                format!("  {}", app.t(S::Certified))
            } else {
                String::new()
            },
            app.theme.ok,
        ),
    ])];
    let height = usize::from(area.height.saturating_sub(1));
    let detail_rows = 8.min(height / 2);
    let list_rows = height.saturating_sub(detail_rows + 1);
    let code_w = 22;
    let state_w = match app.lang {
        Lang::Zh => 10,
        Lang::En => 12,
    };
    let line_w = 5;
    let title_w = columns
        .saturating_sub(line_w + code_w + 2 * state_w + 4)
        .max(4);
    let shown = view.shown();
    let top = (view.selected + 1).saturating_sub(list_rows);
    for (row, &i) in shown.iter().enumerate().skip(top).take(list_rows) {
        let (line, record) = &view.lines[i];
        let (number, code, title) = if line.is_digital_only() {
            let record = record.as_ref();
            (
                String::new(),
                record.map(|r| r.code.to_string()).unwrap_or_default(),
                record.map(|r| r.data.title.clone()).unwrap_or_default(),
            )
        } else {
            (
                line.paper.line_no.to_string(),
                line.paper.code.clone(),
                line.paper.value(Field::Title).to_string(),
            )
        };
        let (kind, decided) = match app.lang {
            Lang::Zh => (line.kind.label_zh(), line.resolution.map(|r| r.label_zh())),
            Lang::En => (line.kind.label_en(), line.resolution.map(|r| r.label_en())),
        };
        let style = if row == view.selected {
            app.theme.selection
        } else if line.is_open() {
            app.theme.base
        } else {
            app.theme.muted
        };
        let values = [
            (number, line_w),
            (code, code_w),
            (title, title_w),
            (kind.to_string(), state_w),
            (decided.unwrap_or("").to_string(), state_w),
        ];
        lines.push(cells(&values, style));
    }
    while lines.len() < list_rows + 1 {
        lines.push(Line::raw(""));
    }
    lines.extend(detail(app, view, columns));
    frame.render_widget(Paragraph::new(lines), area);
}

/// The selected line: each compared field, paper beside digital, differences marked.
fn detail(app: &App, view: &ReconcileView, columns: usize) -> Vec<Line<'static>> {
    let Some((line, record)) = view.current() else {
        return Vec::new();
    };
    // "Responsible" and "存放位置" fit.
    let label_w = 12;
    let side = columns.saturating_sub(label_w + 2) / 2;
    let mut out = vec![cells(
        &[
            (String::new(), label_w),
            (app.t(S::Paper).to_string(), side),
            (app.t(S::Digital).to_string(), side),
        ],
        app.theme.header,
    )];
    let mut rows: Vec<(String, String, String, bool)> = vec![(
        app.t(S::Code).to_string(),
        line.paper.code.clone(),
        record
            .as_ref()
            .map(|r| r.code.to_string())
            .unwrap_or_default(),
        line.differs.iter().any(|d| d == "code"),
    )];
    for (field, paper) in &line.paper.values {
        let label = match app.lang {
            Lang::Zh => field.label_zh(),
            Lang::En => field.label_en(),
        };
        let digital = record
            .as_ref()
            .map(|r| r.data.get(*field))
            .unwrap_or_default();
        let differs = line.differs.iter().any(|d| d == field.key());
        rows.push((label.to_string(), paper.clone(), digital, differs));
    }
    if line.is_digital_only()
        && let Some(r) = record
    {
        rows.push((
            app.t(S::Title).to_string(),
            String::new(),
            r.data.title.clone(),
            false,
        ));
    }
    for (label, paper, digital, differs) in rows {
        let (paper, digital) = (sanitize(&paper, false), sanitize(&digital, false));
        // Which characters differ: the rest of the two values is the same text.
        let (marks_paper, marks_digital) = match differs {
            true => char_diff(&paper, &digital),
            false => (Vec::new(), Vec::new()),
        };
        // Each value whole, over as many rows as it needs (a title rarely more than two).
        let left = wrapped(&paper, &marks_paper, side);
        let right = wrapped(&digital, &marks_digital, side);
        if left.len().max(right.len()) > MAX_FIELD_ROWS {
            // Longer than the pane holds: one row each, showing where they differ.
            let mut spans = vec![Span::styled(pad(&label, label_w + 1), app.theme.label)];
            spans.extend(marked(&paper, &marks_paper, side, app.theme.invalid));
            spans.push(Span::raw(" "));
            spans.extend(marked(&digital, &marks_digital, side, app.theme.invalid));
            out.push(Line::from(spans));
            continue;
        }
        for row in 0..left.len().max(right.len()) {
            let name = if row == 0 { label.as_str() } else { "" };
            let mut spans = vec![Span::styled(pad(name, label_w + 1), app.theme.label)];
            for (n, side_rows) in [&left, &right].into_iter().enumerate() {
                let pieces = side_rows.get(row).cloned().unwrap_or_default();
                let mut used = 0;
                for (piece, mark) in pieces {
                    used += width(&piece);
                    spans.push(match mark {
                        true => Span::styled(piece, app.theme.invalid),
                        false => Span::raw(piece),
                    });
                }
                if n == 0 {
                    spans.push(Span::raw(" ".repeat(side.saturating_sub(used) + 1)));
                }
            }
            out.push(Line::from(spans));
        }
    }
    if record.is_none() && !line.candidates.is_empty() {
        let offered: Vec<String> = line
            .candidates
            .iter()
            .take(3)
            .map(|(code, score)| format!("{code} ({score:.2})"))
            .collect();
        out.push(Line::styled(
            truncate(
                &format!("{} {}", app.t(S::Candidates), offered.join("  ")),
                columns,
            ),
            app.theme.muted,
        ));
    }
    if !line.note.is_empty() {
        out.push(Line::styled(
            truncate(&format!("  {}", sanitize(&line.note, false)), columns),
            app.theme.muted,
        ));
    }
    out
}

/// The most rows one field's values take in the pane.
const MAX_FIELD_ROWS: usize = 3;

/// Text (sanitized) broken into rows of at most `columns`, each a run of pieces, marked or not.
fn wrapped(text: &str, marks: &[bool], columns: usize) -> Vec<Vec<(String, bool)>> {
    let mut rows: Vec<Vec<(String, bool)>> = vec![Vec::new()];
    let mut used = 0;
    for (i, c) in text.chars().enumerate() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > columns.max(2) {
            rows.push(Vec::new());
            used = 0;
        }
        used += w;
        let mark = marks.get(i).copied().unwrap_or(false);
        let row = rows.last_mut().expect("a row");
        match row.last_mut() {
            Some((piece, m)) if *m == mark => piece.push(c),
            _ => row.push((c.to_string(), mark)),
        }
    }
    rows
}

/// Text (sanitized) in a window of `columns` that shows its first marked character (so a
/// difference late in a long title is seen), the marked characters in `style`, padded.
fn marked(text: &str, marks: &[bool], columns: usize, style: Style) -> Vec<Span<'static>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (i, _) in marks.iter().enumerate().filter(|(_, m)| **m) {
        match ranges.last_mut() {
            Some(r) if r.end == i => r.end = i + 1,
            _ => ranges.push(i..i + 1),
        }
    }
    let mut used = 0;
    let mut spans: Vec<Span<'static>> = snippet(text, &ranges, columns)
        .into_iter()
        .map(|(piece, mark)| {
            used += width(&piece);
            if mark {
                Span::styled(piece, style)
            } else {
                Span::raw(piece)
            }
        })
        .collect();
    spans.push(Span::raw(" ".repeat(columns.saturating_sub(used))));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(spans: &[Span]) -> (String, String) {
        let all = spans.iter().map(|s| s.content.as_ref()).collect();
        let styled = spans
            .iter()
            .filter(|s| s.style != Style::default())
            .map(|s| s.content.as_ref())
            .collect();
        (all, styled)
    }

    #[test]
    fn a_difference_past_the_cut_is_brought_into_view() {
        let paper = "关于印发《档案管理办法（试行）》的通知——第１２号附件X";
        let digital = "关于印发《档案管理办法（试行）》的通知——第１２号附件";
        let (marks, _) = char_diff(paper, digital);
        let style = Style::default().underlined();
        let spans = marked(paper, &marks, 20, style);
        let (all, styled) = shown(&spans);
        assert_eq!(width(&all), 20, "{all}");
        assert!(all.starts_with('…') && all.contains('X'), "{all}");
        assert_eq!(styled, "X");
        // A short value is padded to the column, not cut.
        let (all, _) = shown(&marked("《纪要》", &[false; 4], 12, style));
        assert_eq!(all, "《纪要》    ");
    }
}
