//! The appraisal screen: the tabs, then a due list by fonds and year, a group's records (marked
//! ones starred), the appraisals, or one appraisal's decisions; the selected row whole under
//! the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{AppraiseView, GroupRecords, Opened, TABS, Tab};
use crate::i18n::{AppraisalMsg, Lang, S, decision_msg};
use crate::tui::app::App;
use crate::tui::view::{cells, moment};
use crate::width::sanitize;

const CODE: usize = 26;

pub fn appraise(app: &App, view: &AppraiseView, frame: &mut Frame, area: Rect) {
    let mut tabs = Vec::new();
    for tab in TABS {
        let name = match tab {
            Tab::Due(kind) => match app.lang {
                Lang::Zh => kind.label_zh(),
                Lang::En => kind.label_en(),
            },
            Tab::Appraisals => app.t(S::TabAppraisals),
        };
        let style = match tab == view.tab {
            true => app.theme.selection,
            false => app.theme.muted,
        };
        tabs.push(Span::styled(format!(" {name} "), style));
        tabs.push(Span::raw(" "));
    }
    let (area, under) = crate::tui::view::with_detail(area);
    let width = usize::from(area.width);
    let (header, rows, selected, detail) = match (&view.opened, &view.group, view.tab) {
        (Some(opened), _, _) => opened_rows(app, opened, width),
        (None, Some(group), _) => group_rows(app, group, width),
        (None, None, Tab::Appraisals) => appraisal_rows(app, view, width),
        (None, None, Tab::Due(_)) => due_rows(app, view),
    };
    if let Some(parts) = detail {
        crate::tui::view::detail(app, &parts, frame, under);
    }
    let mut lines = vec![Line::from(tabs), cells(&header, app.theme.header)];
    let loaded = view.loaded || view.group.is_some() || view.opened.is_some();
    if !loaded {
        lines.push(Line::styled(app.t(S::Loading), app.theme.muted));
    } else if rows.is_empty() {
        lines.push(Line::styled(app.t(S::Empty), app.theme.muted));
    }
    let height = usize::from(area.height.saturating_sub(2));
    let top = (selected + 1).saturating_sub(height);
    for (i, row) in rows.iter().enumerate().skip(top).take(height) {
        let style = match i == selected {
            true => app.theme.selection,
            false => app.theme.base,
        };
        lines.push(cells(row, style));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

type Row = Vec<(String, usize)>;

/// Values in columns of these widths; a column with no room left is left out.
fn laid<const N: usize>(values: [String; N], widths: [usize; N]) -> Row {
    values
        .into_iter()
        .zip(widths)
        .filter(|(_, w)| *w > 0)
        .collect()
}
type Laid = (Row, Vec<Row>, usize, Option<Vec<String>>);

fn label(app: &App, s: S) -> String {
    app.t(s).to_string()
}

fn due_rows(app: &App, view: &AppraiseView) -> Laid {
    let widths = [6, 6, 10, 10];
    let row = |values| laid(values, widths);
    // Counts are right-aligned, their headers with them.
    let right = |s: S| {
        let text = label(app, s);
        let room = 8usize.saturating_sub(crate::width::width(&text));
        format!("{}{text}", " ".repeat(room))
    };
    let header = row([
        label(app, S::DueFonds),
        label(app, S::DueYear),
        right(S::DueRecords),
        right(S::DuePages),
    ]);
    let rows = view
        .groups
        .iter()
        .map(|g| {
            row([
                g.fonds.clone(),
                g.year.to_string(),
                format!("{:>8}", g.records),
                format!("{:>8}", g.pages),
            ])
        })
        .collect();
    let total: u64 = view.groups.iter().map(|g| g.records).sum();
    let pages = view.groups.iter().map(|g| g.pages).sum();
    let detail = (!view.groups.is_empty()).then(|| {
        vec![
            AppraisalMsg::DueTotal {
                records: total,
                pages,
            }
            .text(app.lang),
        ]
    });
    (header, rows, view.selected, detail)
}

fn group_rows(app: &App, group: &GroupRecords, width: usize) -> Laid {
    let class = |c: crate::domain::Classification| match app.lang {
        Lang::Zh => c.label_zh(),
        Lang::En => c.label_en(),
    };
    let class_label = match app.lang {
        Lang::Zh => crate::domain::Field::Classification.label_zh(),
        Lang::En => crate::domain::Field::Classification.label_en(),
    };
    // As wide as the longest 密级 shown ("confidential" in English).
    let class_width = group
        .records
        .iter()
        .map(|r| crate::width::width(class(r.classification)))
        .chain([crate::width::width(class_label)])
        .max()
        .unwrap_or(4);
    let title = width.saturating_sub(CODE + 6 * 2 + class_width + 1 + 5);
    let widths = [1, CODE, 6, 6, class_width, title];
    let row = |values| laid(values, widths);
    let header = row([
        String::new(),
        label(app, S::Code),
        label(app, S::DueIn),
        label(app, S::DuePages),
        class_label.to_string(),
        label(app, S::Title),
    ]);
    let rows = group
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mark = if group.marked.contains(&i) { "*" } else { " " };
            row([
                mark.to_string(),
                r.code.to_string(),
                r.due.to_string(),
                r.pages.map(|p| p.to_string()).unwrap_or_default(),
                class(r.classification).to_string(),
                r.title.clone(),
            ])
        })
        .collect();
    let detail = group.records.get(group.selected).map(|r| {
        let date = r.date.map(|d| d.to_string()).unwrap_or_default();
        vec![
            format!("{}-{}", group.fonds, group.year),
            date,
            r.title.clone(),
        ]
    });
    (header, rows, group.selected, detail)
}

fn appraisal_rows(app: &App, view: &AppraiseView, width: usize) -> Laid {
    let who = width.saturating_sub(4 + 16 + 11 + 7 + 16 + 5);
    let widths = [4, 16, 11, 7, 16, who];
    let row = |values| laid(values, widths);
    let header = row([
        label(app, S::TransferNo),
        label(app, S::AppraisalNo),
        label(app, S::AppraisalState),
        label(app, S::DueRecords),
        label(app, S::ProposedBy),
        String::new(),
    ]);
    let pick = |zh: &str, en: &str| match app.lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    };
    let rows = view
        .appraisals
        .iter()
        .map(|a| {
            row([
                a.id.to_string(),
                pick(a.kind.label_zh(), a.kind.label_en()),
                pick(a.state.label_zh(), a.state.label_en()),
                a.records.to_string(),
                moment(&a.proposed_at),
                a.proposed_by.clone(),
            ])
        })
        .collect();
    let detail = view.appraisals.get(view.selected).map(|a| summary(app, a));
    (header, rows, view.selected, detail)
}

/// Who proposed, decided and carried out an appraisal, and its note.
fn summary(app: &App, a: &crate::domain::appraisal::Appraisal) -> Vec<String> {
    let mut parts = vec![a.note.clone()];
    if let (Some(by), Some(at)) = (&a.decided_by, &a.decided_at) {
        let (by, at) = (by.clone(), moment(at));
        let said = match a.state {
            crate::domain::AppraisalState::Withdrawn => AppraisalMsg::WithdrawnBy { by, at },
            _ => AppraisalMsg::DecidedBy { by, at },
        };
        parts.push(said.text(app.lang));
    }
    if let (Some(by), Some(at), Some(witness)) = (&a.carried_out_by, &a.carried_out_at, &a.witness)
    {
        let (by, at, witness) = (by.clone(), moment(at), witness.clone());
        parts.push(AppraisalMsg::CarriedOutBy { by, at, witness }.text(app.lang));
    }
    parts
}

fn opened_rows(app: &App, opened: &Opened, width: usize) -> Laid {
    let title = width.saturating_sub(CODE + 20 + 2);
    let widths = [CODE, 20, title];
    let row = |values| laid(values, widths);
    let header = row([
        label(app, S::Code),
        label(app, S::Decision),
        label(app, S::Title),
    ]);
    let rows = opened
        .items
        .iter()
        .map(|i| {
            row([
                i.code.to_string(),
                decision_msg(&i.decision).text(app.lang),
                i.title.clone(),
            ])
        })
        .collect();
    let a = &opened.appraisal;
    let mut detail = vec![sanitize(
        &AppraisalMsg::Summary {
            id: a.id,
            kind: a.kind,
            state: a.state,
            records: a.records,
            by: a.proposed_by.clone(),
            at: moment(&a.proposed_at),
        }
        .text(app.lang),
        false,
    )];
    detail.extend(summary(app, a));
    if let Some(item) = opened.items.get(opened.selected)
        && !item.decision.reason.is_empty()
    {
        detail.push(item.decision.reason.clone());
    }
    (header, rows, opened.selected, Some(detail))
}
