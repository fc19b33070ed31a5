//! The safekeeping screen: the policy and the last backup and drill on top, then the alarms
//! waiting (since when, how often seen, what), the selected one whole under the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::SafekeepingView;
use crate::archive::backup::BackupEntry;
use crate::i18n::{S, SafekeepingMsg};
use crate::tui::app::App;
use crate::tui::view::{cells, detail, moment, with_detail};
use crate::width::{sanitize, truncate, width};

const SINCE: usize = 16;
const TIMES: usize = 5;

fn entry_line(
    app: &App,
    entry: Option<&BackupEntry>,
    none: SafekeepingMsg,
    columns: usize,
) -> String {
    let lang = app.lang;
    let text = match entry {
        None => none.text(lang),
        Some(e) if e.is_drill() => SafekeepingMsg::StatusLastDrill {
            at: moment(e.at()),
            outcome: match e.ok() {
                true => SafekeepingMsg::Ok.text(lang),
                false => format!("{} {}", SafekeepingMsg::Failed.text(lang), e.detail(lang)),
            },
        }
        .text(lang),
        Some(e) => SafekeepingMsg::StatusLastBackup {
            at: moment(e.at()),
            location: e.location().to_string(),
        }
        .text(lang),
    };
    truncate(&sanitize(&text, false), columns)
}

pub fn safekeeping(app: &App, view: &SafekeepingView, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let columns = usize::from(area.width);
    let Some(status) = &view.status else {
        frame.render_widget(
            Paragraph::new(Line::styled(app.t(S::Loading), app.theme.muted)),
            area,
        );
        return;
    };
    let said = status.policy.line().text(lang);
    let mut lines = vec![
        Line::styled(truncate(&sanitize(&said, false), columns), app.theme.muted),
        Line::raw(entry_line(
            app,
            status.last_backup.as_ref(),
            SafekeepingMsg::StatusNoBackup,
            columns,
        )),
        Line::raw(entry_line(
            app,
            status.last_drill.as_ref(),
            SafekeepingMsg::StatusNoDrill,
            columns,
        )),
        Line::raw(""),
    ];
    let top_rows = lines.len() as u16;
    let rest = Rect {
        y: area.y + top_rows.min(area.height),
        height: area.height.saturating_sub(top_rows),
        ..area
    };
    frame.render_widget(Paragraph::new(std::mem::take(&mut lines)), area);
    let (list, under) = with_detail(rest);
    if let Some(alarm) = status.alarms.get(view.selected) {
        let said = vec![
            format!("#{}", alarm.id),
            alarm.kind.name(lang),
            moment(&alarm.raised_at),
            alarm.detail(lang),
        ];
        detail(app, &said, frame, under);
    }
    // As wide as the longest name shown (an English one is long), within reason.
    let names = status.alarms.iter().map(|a| width(&a.kind.name(lang)));
    let kind = names
        .chain([width(app.t(S::AlarmKind))])
        .max()
        .unwrap_or(0)
        .min(24);
    let what = columns.saturating_sub(SINCE + TIMES + kind + 3);
    let widths = [kind, SINCE, TIMES, what];
    let row = |values: [String; 4]| -> Vec<(String, usize)> {
        values
            .into_iter()
            .zip(widths)
            .filter(|(_, w)| *w > 0)
            .collect()
    };
    let header =
        row([S::AlarmKind, S::AlarmSince, S::AlarmTimes, S::AlarmWhat]
            .map(|s| app.t(s).to_string()));
    lines.push(cells(&header, app.theme.header));
    if status.alarms.is_empty() {
        lines.push(Line::styled(
            SafekeepingMsg::NoAlarms.text(lang),
            app.theme.muted,
        ));
    }
    let height = usize::from(list.height.saturating_sub(1));
    let top = (view.selected + 1).saturating_sub(height);
    for (i, alarm) in status.alarms.iter().enumerate().skip(top).take(height) {
        let style = if i == view.selected {
            app.theme.selection
        } else {
            app.theme.base
        };
        let values = [
            alarm.kind.name(lang),
            moment(&alarm.raised_at),
            alarm.times.to_string(),
            alarm.detail(lang),
        ];
        lines.push(cells(&row(values), style));
    }
    frame.render_widget(Paragraph::new(lines), list);
}
