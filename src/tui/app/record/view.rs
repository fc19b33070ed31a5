//! One record: every field, the revisions (who changed what, when), digital objects and loans.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use chrono::NaiveDate;

use crate::domain::{Field, Record, RecordData, Status};
use crate::i18n::{AppraisalMsg, Lang, S, decision_msg};
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
        (Field::Openness, Lang::Zh) => data.openness.label_zh().into(),
        (Field::Openness, Lang::En) => data.openness.label_en().into(),
        _ => data.get(field),
    }
}

/// A line of the history and the moment it sorts by (local, `YYYY-MM-DD HH:MM`).
type Event = (String, Line<'static>);

/// Each edit: when, by whom, and the fields it changed. Each revision holds the data an edit
/// replaced; the next one (or the record) is what it became, less the status a loan changed
/// meanwhile (that change is the loan's own event, not the edit's).
fn edits(app: &App, view: &RecordView, record: &Record) -> Vec<Event> {
    let loan_days: Vec<NaiveDate> = view
        .loans
        .iter()
        .flat_map(|l| [l.out_on, l.returned_on, l.lost_on])
        .flatten()
        .collect();
    let mut events = Vec::new();
    for (i, revision) in view.revisions.iter().enumerate() {
        let next = view.revisions.get(i + 1);
        let after = next.map_or(&record.data, |next| &next.data);
        let from = crate::tui::view::moment(&revision.replaced_at);
        let until = next.map(|n| crate::tui::view::moment(&n.replaced_at));
        let loan_between = loan_days.iter().any(|d| {
            let d = d.to_string();
            d.as_str() >= from.get(..10).unwrap_or_default()
                && until
                    .as_ref()
                    .is_none_or(|u| d.as_str() <= u.get(..10).unwrap_or_default())
        });
        let changes: Vec<String> = revision
            .data
            .changed_fields(after)
            .into_iter()
            .filter(|f| !(*f == Field::Status && loan_between))
            .map(|f| {
                format!(
                    "{}: {} -> {}",
                    label(app, f),
                    value_text(app, &revision.data, f),
                    value_text(app, after, f)
                )
            })
            .collect();
        let line = Line::from(vec![
            Span::styled(
                format!("{from}  {}  ", sanitize(&revision.replaced_by, false)),
                app.theme.muted,
            ),
            Span::raw(sanitize(&changes.join("; "), false)),
        ]);
        events.push((from, line));
    }
    events
}

/// What loans did to the record's status: lent (by whom, to whom), back, or lost.
fn loan_events(app: &App, view: &RecordView) -> Vec<Event> {
    let status = |s: Status| match app.lang {
        Lang::Zh => s.label_zh(),
        Lang::En => s.label_en(),
    };
    let field = label(app, Field::Status);
    let mut events = Vec::new();
    for loan in &view.loans {
        let mut happened = Vec::new();
        if let Some(out) = loan.out_on {
            let by = loan.handled_by.clone().unwrap_or_default();
            let to = format!("{} {}", loan.borrower.name, loan.borrower.unit);
            let said = format!(
                "{} {to}  {field}: {} -> {}",
                app.t(S::Lent),
                status(Status::InStore),
                status(Status::OnLoan)
            );
            happened.push((out, by, said));
        }
        if let Some(back) = loan.returned_on {
            let said = format!(
                "{}  {field}: {} -> {}",
                app.t(S::Returned),
                status(Status::OnLoan),
                status(Status::InStore)
            );
            happened.push((back, String::new(), said));
        }
        if let Some(lost) = loan.lost_on {
            let said = format!(
                "{}  {field}: {} -> {}",
                app.t(S::MarkedLost),
                status(Status::OnLoan),
                status(Status::Lost)
            );
            happened.push((lost, String::new(), said));
        }
        for (on, by, said) in happened {
            // A day, not a moment: it sorts after the edits of the same day's start.
            let when = format!("{on} ~");
            let line = Line::from(vec![
                Span::styled(
                    format!("{}  {}  ", crate::tui::view::day(on), sanitize(&by, false)),
                    app.theme.muted,
                ),
                Span::raw(sanitize(&said, false)),
            ]);
            events.push((when, line));
        }
    }
    events
}

/// The appraisals the record was on: when each was last acted on, by whom, and the decision.
fn appraisal_events(app: &App, view: &RecordView) -> Vec<Event> {
    view.appraisals
        .iter()
        .map(|(a, decision)| {
            let (at, by) = match (&a.carried_out_at, &a.decided_at) {
                (Some(at), _) => (at, a.carried_out_by.as_deref()),
                (None, Some(at)) => (at, a.decided_by.as_deref()),
                (None, None) => (&a.proposed_at, Some(a.proposed_by.as_str())),
            };
            let when = crate::tui::view::moment(at);
            let said = AppraisalMsg::OnRecord {
                id: a.id,
                kind: a.kind,
                state: a.state,
                decision: Box::new(decision_msg(decision)),
                at: when.clone(),
            };
            let line = Line::from(vec![
                Span::styled(
                    format!("{when}  {}  ", sanitize(by.unwrap_or_default(), false)),
                    app.theme.muted,
                ),
                Span::raw(sanitize(&said.text(app.lang), false)),
            ]);
            (when, line)
        })
        .collect()
}

pub fn record(app: &App, view: &RecordView, frame: &mut Frame, area: Rect) {
    frame.render_widget(paragraph(app, view).scroll((view.scroll, 0)), area);
}

/// The record's screen whole, unscrolled.
pub fn paragraph(app: &App, view: &RecordView) -> Paragraph<'static> {
    let Some(record) = &view.record else {
        return Paragraph::new(app.t(S::Loading)).style(app.theme.muted);
    };
    let mut lines = vec![field_line(app, app.t(S::Code), &record.code.to_string())];
    let retention = match app.lang {
        Lang::Zh => record.retention().label_zh(),
        Lang::En => record.retention().label_en(),
    };
    lines.push(field_line(app, app.t(S::Retention), retention));
    if let Some(volume) = &view.volume {
        lines.push(field_line(app, app.t(S::InVolume), volume));
    }
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
        &format!(
            "{}  {}",
            crate::tui::view::moment(&record.created_at),
            record.created_by
        ),
    ));
    lines.push(Line::raw(""));
    // Loans before revisions: at the desk, where the record is matters more than its edits.
    lines.push(Line::styled(app.t(S::LoanHistory), app.theme.header));
    for loan in &view.loans {
        let when = match (loan.out_on, loan.returned_on.or(loan.lost_on)) {
            (Some(out), Some(back)) => {
                format!(
                    "{} - {}",
                    crate::tui::view::day(out),
                    crate::tui::view::day(back)
                )
            }
            (Some(out), None) => format!(
                "{} - ({} {})",
                crate::tui::view::day(out),
                app.t(S::Due),
                loan.due_on.map(crate::tui::view::day).unwrap_or_default()
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
    let mut events = edits(app, view, record);
    events.extend(loan_events(app, view));
    events.extend(appraisal_events(app, view));
    // Newest first; on one day, a loan's status change after the edit before it.
    events.sort_by(|a, b| b.0.cmp(&a.0));
    if events.is_empty() {
        lines.push(Line::styled(app.t(S::Empty), app.theme.muted));
    }
    lines.extend(events.into_iter().map(|(_, line)| line));
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
    related(app, &view.related, &mut lines);
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// Records of the same subject, 文号 series and 责任者: code and title, each group named.
fn related(app: &App, related: &crate::archive::suggest::Related, lines: &mut Vec<Line<'static>>) {
    if related.is_empty() {
        return;
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(app.t(S::Related), app.theme.header));
    let groups = [
        (S::RelatedSubject, &related.subject),
        (S::RelatedSeries, &related.series),
        (S::RelatedResponsible, &related.responsible),
    ];
    for (name, records) in groups {
        if records.is_empty() {
            continue;
        }
        lines.push(Line::styled(app.t(name).to_string(), app.theme.label));
        for record in records {
            // The series is told by its numbers: they come first there. One row each, cut to
            // the screen, so that codes and titles stay in their columns.
            let number = match name {
                S::RelatedSeries => format!("{}  ", sanitize(&record.data.doc_no, false)),
                _ => String::new(),
            };
            let text = format!(
                "  {}  {number}{}",
                record.code,
                sanitize(&record.data.title, false)
            );
            let columns = usize::from(app.width).saturating_sub(1);
            lines.push(Line::raw(crate::width::truncate(&text, columns)));
        }
    }
}
