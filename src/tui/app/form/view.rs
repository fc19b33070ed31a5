//! The entry / edit form: labels, fields, and each field's message in place.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::S;
use crate::tui::app::App;
use crate::tui::app::form::{Form, FormKind};
use crate::width::{pad, sanitize, truncate, width};

pub(in crate::tui) const LABEL_COLUMNS: usize = 12;

pub fn form(app: &App, form: &Form, frame: &mut Frame, area: Rect) {
    let columns = usize::from(area.width);
    let field_columns = columns.saturating_sub(LABEL_COLUMNS + 1).max(1);
    // A look-alike is said on the form's last row, so it stays in sight while typing.
    let warn = !form.look_alikes.is_empty() && area.height > 4;
    let height = usize::from(area.height) - usize::from(warn);
    // Scroll so that the focused field shows.
    let top = (form.focus + 1).saturating_sub(height);
    let mut lines = Vec::new();
    for (i, (slot, input, problem)) in form.slots.iter().enumerate().skip(top).take(height) {
        let focused = i == form.focus;
        let label_style = if focused {
            app.theme.selection
        } else {
            app.theme.label
        };
        // A field quick entry keeps for the next record is marked after its name.
        let kept = matches!(form.kind, FormKind::New { quick: true }) && form.kept.contains(slot);
        let name = slot.label(app.lang);
        let label = if kept {
            pad(
                &format!("{}*", truncate(&name, LABEL_COLUMNS - 1)),
                LABEL_COLUMNS,
            )
        } else {
            pad(&truncate(&name, LABEL_COLUMNS), LABEL_COLUMNS)
        };
        let (shown, caret) = input.view(field_columns);
        let mut spans = vec![Span::styled(label, label_style), Span::raw(" ")];
        let mut used = width(&shown);
        // A value the next letter replaces looks selected.
        let value_style = if focused && form.replace_on_type {
            app.theme.selection
        } else {
            app.theme.base
        };
        spans.push(Span::styled(shown, value_style));
        if focused && !form.confirm_discard {
            let row = (i - top) as u16;
            frame.set_cursor_position((area.x + (LABEL_COLUMNS + 1 + caret) as u16, area.y + row));
        }
        // First what Ctrl-Y would take, muted beside the field: the clerk takes it or types on.
        if let Some((value, confidence)) = form.suggestion(*slot) {
            let text = format!(
                "  {} {} {:.0}%",
                app.t(S::Suggested),
                sanitize(&value, false),
                confidence * 100.0
            );
            let room = field_columns.saturating_sub(used);
            if room > 6 {
                let text = truncate(&text, room);
                used += width(&text);
                spans.push(Span::styled(text, app.theme.muted));
            }
        }
        let offers = if focused { form.offers() } else { Vec::new() };
        if problem.is_none() && !offers.is_empty() {
            // The values the field takes, filtered by what is typed; the one shown picked.
            let picked = form.picking.as_ref().map(|(_, at)| *at);
            let mut room = field_columns.saturating_sub(used + 2);
            let head = format!("  {}:", app.t(S::Choices));
            if room > width(&head) + 4 {
                room -= width(&head);
                spans.push(Span::styled(head, app.theme.muted));
                for (n, offer) in offers.iter().enumerate() {
                    let text = format!(" {}", sanitize(offer, false));
                    if width(&text) > room {
                        break;
                    }
                    room -= width(&text);
                    let style = if picked == Some(n) {
                        app.theme.selection
                    } else {
                        app.theme.muted
                    };
                    spans.push(Span::styled(text, style));
                }
            }
        }
        if let Some(problem) = problem {
            // The message in place, after the value, as much of it as fits.
            let room = field_columns.saturating_sub(used + 2);
            if room > 3 {
                spans.push(Span::styled(
                    format!(
                        "  {}",
                        truncate(&sanitize(&problem.text(app.lang), false), room)
                    ),
                    app.theme.invalid,
                ));
            }
        }
        lines.push(Line::from(spans));
    }
    if warn && let Some(first) = form.look_alikes.first() {
        // The likest named; how many more there are said before its title, which may be cut.
        let more = match form.look_alikes.len() {
            1 => String::new(),
            n => format!(" (+{})", n - 1),
        };
        let text = format!(
            "{} {}{more}  {}",
            app.t(S::LooksLike),
            first.code,
            sanitize(&first.title, false)
        );
        lines.resize(height, Line::raw(""));
        lines.push(Line::styled(truncate(&text, columns), app.theme.invalid));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
