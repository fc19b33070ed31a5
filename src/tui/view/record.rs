//! One record: every field, the revisions (who changed what, when), digital objects and loans.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::domain::{Field, RecordData};
use crate::i18n::{Lang, S};
use crate::tui::app::{App, RecordView};
use crate::width::{pad, sanitize};

fn label(app: &App, field: Field) -> String {
    match app.lang {
        Lang::Zh => field.label_zh().to_string(),
        Lang::En => field.label_en().to_string(),
    }
}

fn field_line(app: &App, name: &str, value: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(pad(name, 12), app.theme.label),
        Span::raw(sanitize(value, false)),
    ])
}

fn value_text(app: &App, data: &RecordData, field: Field) -> String {
    match (field, app.lang) {
        (Field::Classification, Lang::Zh) => data.classification.label_zh().into(),
        (Field::Classification, Lang::En) => data.classification.label_en().into(),
        (Field::Status, Lang::Zh) => data.status.label_zh().into(),
        (Field::Status, Lang::En) => data.status.label_en().into(),
        (Field::Carrier, Lang::Zh) => data.carrier.label_zh().into(),
        (Field::Carrier, Lang::En) => data.carrier.label_en().into(),
        _ => data.get(field),
    }
}

pub fn record(app: &App, view: &RecordView, frame: &mut Frame, area: Rect) {
    let Some(record) = &view.record else {
        frame.render_widget(
            Paragraph::new(app.t(S::Loading)).style(app.theme.muted),
            area,
        );
        return;
    };
    let mut lines = vec![field_line(app, app.t(S::Code), &record.code.to_string())];
    let retention = match app.lang {
        Lang::Zh => record.retention().label_zh(),
        Lang::En => record.retention().label_en(),
    };
    lines.push(field_line(app, app.t(S::Retention), retention));
    for field in Field::ALL {
        lines.push(field_line(
            app,
            &label(app, field),
            &value_text(app, &record.data, field),
        ));
    }
    lines.push(field_line(
        app,
        app.t(S::Created),
        &format!("{}  {}", record.created_at, record.created_by),
    ));
    lines.push(Line::raw(""));
    // Loans before revisions: at the desk, where the record is matters more than its edits.
    lines.push(Line::styled(app.t(S::LoanHistory), app.theme.header));
    for loan in &view.loans {
        let when = match (loan.out_on, loan.returned_on.or(loan.lost_on)) {
            (Some(out), Some(back)) => {
                format!("{} - {}", super::day(app, out), super::day(app, back))
            }
            (Some(out), None) => format!(
                "{} - ({} {})",
                super::day(app, out),
                app.t(S::Due),
                loan.due_on.map(|d| super::day(app, d)).unwrap_or_default()
            ),
            _ => String::new(),
        };
        let (state, kind) = match app.lang {
            Lang::Zh => (loan.state.label_zh(), loan.kind.label_zh()),
            Lang::En => (loan.state.code(), loan.kind.label_en()),
        };
        let mut text = format!(
            "{state}  {when}  {} {}  {}  {kind}",
            loan.borrower.name, loan.borrower.unit, loan.purpose,
        );
        // The condition noted when it came back (or was lost).
        if !loan.condition.is_empty() {
            text.push_str(&format!("  {}", loan.condition));
        }
        lines.push(Line::raw(sanitize(&text, false)));
    }
    if view.loans.is_empty() {
        lines.push(Line::styled(app.t(S::Empty), app.theme.muted));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{} ({} {})",
            app.t(S::History),
            app.t(S::Version),
            record.version
        ),
        app.theme.header,
    ));
    // Each revision holds the data an edit replaced; the next one (or the record) is what it became.
    for (i, revision) in view.revisions.iter().enumerate().rev() {
        let after = view
            .revisions
            .get(i + 1)
            .map_or(&record.data, |next| &next.data);
        let changes: Vec<String> = revision
            .data
            .changed_fields(after)
            .into_iter()
            .map(|f| {
                format!(
                    "{}: {} -> {}",
                    label(app, f),
                    value_text(app, &revision.data, f),
                    value_text(app, after, f)
                )
            })
            .collect();
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{}  {}  ",
                    revision.replaced_at,
                    sanitize(&revision.replaced_by, false)
                ),
                app.theme.muted,
            ),
            Span::raw(sanitize(&changes.join("; "), false)),
        ]));
    }
    if view.revisions.is_empty() {
        lines.push(Line::styled(app.t(S::Empty), app.theme.muted));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(app.t(S::Objects), app.theme.header));
    for object in &view.objects {
        lines.push(Line::from(vec![
            Span::raw(sanitize(&object.file_name, false)),
            Span::styled(
                format!(
                    "  {}  {} KB  SHA-256 {}  {}",
                    object.format,
                    object.size.div_ceil(1024),
                    object.sha256.get(..12).unwrap_or(&object.sha256),
                    object.attached_at
                ),
                app.theme.muted,
            ),
        ]));
    }
    if view.objects.is_empty() {
        lines.push(Line::styled(app.t(S::Empty), app.theme.muted));
    }
    lines.push(Line::raw(""));
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((view.scroll, 0));
    frame.render_widget(paragraph, area);
}
