//! Views: pure functions from the App to a frame. No borders (box-drawing characters are of
//! ambiguous width and misalign on terminals set to draw those wide), no pop-ups over Chinese text
//! (ratatui#2526): every screen owns the whole area between the title bar and the status line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::app::{
    App, PromptKind, Screen, audit, browse, form, loans, login, reconcile, record, search,
    stocktake,
};
use crate::i18n::{Lang, S};
use crate::width::{pad, sanitize, truncate, width};

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    let title = Rect { height: 1, ..area };
    let message = status_lines(app, usize::from(area.width));
    let rows = message.as_ref().map_or(1, |lines| lines.len() as u16);
    let status = Rect {
        y: area.bottom() - rows,
        height: rows,
        ..area
    };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1 - rows,
        ..area
    };
    title_bar(app, frame, title);
    match app.screen() {
        Screen::Login(state) => login::view(app, state, frame, body),
        Screen::Fonds(menu) => browse::view::fonds(app, menu, frame, body),
        Screen::Years(years) => browse::view::years(app, years, frame, body),
        Screen::Catalogues(c) => browse::volumes_view::catalogues(app, c, frame, body),
        Screen::Volumes(v) => browse::volumes_view::volumes(app, v, frame, body),
        Screen::Records(list) => browse::view::records(app, list, frame, body),
        Screen::Search(state) => search::view::search(app, state, frame, body),
        Screen::Record(view) => record::view::record(app, view, frame, body),
        Screen::Form(state) => form::view::form(app, state, frame, body),
        Screen::Loans(view) => loans::view::loans(app, view, frame, body),
        Screen::Audit(view) => audit::view::audit(app, view, frame, body),
        Screen::Receipts(view) => crate::tui::app::receipts::view::receipts(app, view, frame, body),
        Screen::Stocktake(view) => stocktake::view::stocktake(app, view, frame, body),
        Screen::Shelves(view) => crate::tui::app::shelves::view::shelves(app, view, frame, body),
        Screen::Reconcile(view) => reconcile::view::reconcile(app, view, frame, body),
        Screen::Appraise(view) => crate::tui::app::appraise::view::appraise(app, view, frame, body),
        Screen::Statistics(view) => crate::tui::app::stats::view::stats(app, view, frame, body),
        Screen::Safekeeping(view) => {
            crate::tui::app::safekeeping::view::safekeeping(app, view, frame, body)
        }
        Screen::Help(mode, scroll) => help(app, *mode, *scroll, frame, body),
    }
    match message {
        Some(lines) => {
            let style = match &app.status {
                Some(status) if status.error => app.theme.error,
                _ => app.theme.ok,
            };
            let text: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, style)).collect();
            frame.render_widget(Paragraph::new(text), status);
        }
        None => status_line(app, frame, status),
    }
}

/// The most rows a message may take from the body.
const MAX_MESSAGE_ROWS: usize = 3;

/// A message too long for the status line, or a question (which hides a prompt until answered),
/// wrapped whole over as many rows as it needs: a question is never cut off.
fn status_lines(app: &App, columns: usize) -> Option<Vec<String>> {
    let status = app.status.as_ref()?;
    let text = sanitize(&one_line(&status.text), false);
    if app.confirm.is_none() && (app.prompt.is_some() || width(&text) <= columns) {
        return None;
    }
    let mut lines = crate::width::wrap(&text, columns);
    if lines.len() > MAX_MESSAGE_ROWS {
        lines.truncate(MAX_MESSAGE_ROWS);
        let last = lines.last_mut()?;
        *last = truncate(&format!("{last}…"), columns);
    }
    Some(lines)
}

/// Both languages: whoever is at the terminal can read it.
fn too_small(frame: &mut Frame, area: Rect) {
    let lines = [
        format!(
            "{} / {}",
            S::TooSmall.get(Lang::Zh),
            S::TooSmall.get(Lang::En)
        ),
        format!("{MIN_WIDTH}x{MIN_HEIGHT} ({}x{})", area.width, area.height),
    ];
    let text: Vec<Line> = lines
        .iter()
        .map(|l| Line::raw(truncate(l, usize::from(area.width))))
        .collect();
    frame.render_widget(Paragraph::new(text), area);
}

/// Where the user is, who they are, and the index's progress when it is catching up.
fn title_bar(app: &App, frame: &mut Frame, area: Rect) {
    let place = match app.screen() {
        Screen::Login(_) => app.t(S::LoginTitle).to_string(),
        Screen::Fonds(_) => app.t(S::Fonds).to_string(),
        Screen::Years(years) => format!("{} > {}", app.t(S::Fonds), years.fonds.code),
        Screen::Catalogues(c) => format!("{} > {}", app.t(S::Fonds), c.fonds.code),
        Screen::Volumes(v) => format!(
            "{} > {} > {} {}",
            app.t(S::Fonds),
            v.fonds.code,
            app.t(S::CatalogueNo),
            v.catalogue
        ),
        Screen::Records(list) => match list.total.filter(|t| *t > 0) {
            Some(total) => format!(
                "{} > {}  {}/{total}",
                app.t(S::Fonds),
                list.caption,
                list.selected + 1
            ),
            None => format!("{} > {}", app.t(S::Fonds), list.caption),
        },
        Screen::Search(_) => app.t(S::Search).to_string(),
        Screen::Record(view) => match &view.record {
            Some(record) => format!("{} {}", app.t(S::Record), record.code),
            None => app.t(S::Record).to_string(),
        },
        Screen::Form(form) => match &form.kind {
            form::FormKind::New { quick: true } => app.t(S::QuickEntry).to_string(),
            form::FormKind::New { quick: false } => app.t(S::NewRecord).to_string(),
            form::FormKind::Edit { code, .. } => {
                format!("{} {code}", app.t(S::EditRecord))
            }
            form::FormKind::Lend(codes) => match codes.as_slice() {
                [code] => format!("{} {code}", app.t(S::LendTitle)),
                _ => format!(
                    "{} {} {}",
                    app.t(S::LendTitle),
                    codes.len(),
                    app.t(S::Pieces)
                ),
            },
        },
        Screen::Loans(_) => app.t(S::ActLoans).to_string(),
        Screen::Audit(_) => app.t(S::ActAudit).to_string(),
        Screen::Receipts(_) => app.t(S::ActReceipts).to_string(),
        Screen::Stocktake(_) => app.t(S::ActStocktake).to_string(),
        Screen::Shelves(_) => app.t(S::ActShelves).to_string(),
        Screen::Appraise(_) => app.t(S::ActAppraise).to_string(),
        Screen::Statistics(_) => app.t(S::ActStatistics).to_string(),
        Screen::Safekeeping(_) => app.t(S::ActSafekeeping).to_string(),
        Screen::Reconcile(view) => match &view.scope {
            Some(scope) => format!("{} {scope}", app.t(S::Reconcile)),
            None => app.t(S::Reconcile).to_string(),
        },
        Screen::Help(..) => app.t(S::Help).to_string(),
    };
    let mut right = String::new();
    let marks = match app.screen() {
        Screen::Records(list) => list.marked.len(),
        Screen::Search(search) => search.marked.len(),
        _ => 0,
    };
    if marks > 0 {
        right.push_str(&format!("{} {marks}  ", app.t(S::Marked)));
    }
    if let Some(percent) = app.indexing {
        right.push_str(&format!("{} {percent}%  ", app.t(S::Indexing)));
    }
    if let Some(user) = &app.user {
        let role = match app.lang {
            Lang::Zh => user.role.label_zh(),
            Lang::En => user.role.label_en(),
        };
        right.push_str(&format!("{} ({role})", sanitize(&user.name, false)));
    }
    let columns = usize::from(area.width);
    let left = truncate(
        &format!(" {}  {place}", app.t(S::AppName)),
        columns.saturating_sub(width(&right) + 1),
    );
    let gap = columns.saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(gap)),
        Span::raw(right),
    ]);
    frame.render_widget(Paragraph::new(line).style(app.theme.title), area);
}

/// A message when there is one; else the main keys of the screen.
fn status_line(app: &App, frame: &mut Frame, area: Rect) {
    let columns = usize::from(area.width);
    let status_style = |error: bool| {
        if error { app.theme.error } else { app.theme.ok }
    };
    let line = match (&app.prompt, &app.status) {
        (Some(prompt), status) => {
            let input = &prompt.input;
            let name = match prompt.kind {
                PromptKind::Jump => S::JumpTo,
                PromptKind::BatchReturn => S::ReturnCodes,
                PromptKind::Resolve(_) => S::NoteFor,
                PromptKind::Pick => S::PickCode,
                PromptKind::TypeScope => S::TypeScope,
                PromptKind::TypeLine => S::TypeLine,
                PromptKind::ReturnCondition => S::ReturnCondition,
                PromptKind::LostNote => S::LostNote,
                PromptKind::LoanWho => S::LoanWho,
                PromptKind::ReturnMarked => S::ReturnMarked,
                PromptKind::ExportPath => S::ExportTo,
                PromptKind::PrintPath => S::PrintTo,
                PromptKind::MoveTo => S::MoveTo,
                PromptKind::OutReason => S::OutReason,
                PromptKind::SlipPath => S::SlipTo,
                PromptKind::Witness(_) => S::WitnessName,
                PromptKind::AlarmNote(_) => S::AlarmNote,
            };
            let label = format!("{}: ", app.t(name));
            let room = columns.saturating_sub(width(&label) + 1);
            // A batch goes on after each code: its last result stays beside the field.
            let field = if status.is_some() { room.min(24) } else { room };
            let (shown, caret) = input.view(field);
            let x = area.x + (width(&label) + caret) as u16;
            frame.set_cursor_position((x.min(area.right() - 1), area.y));
            let padding = " ".repeat(field.saturating_sub(width(&shown)) + 1);
            let mut spans = vec![
                Span::styled(label, app.theme.label),
                Span::raw(shown),
                Span::raw(padding),
            ];
            if let Some(status) = status {
                let rest = room.saturating_sub(field);
                let text = truncate(&sanitize(&one_line(&status.text), false), rest);
                spans.push(Span::styled(text, status_style(status.error)));
            }
            Line::from(spans)
        }
        (None, Some(status)) => Line::styled(
            truncate(&sanitize(&one_line(&status.text), false), columns),
            status_style(status.error),
        ),
        (None, None) => {
            let mut spans = Vec::new();
            let mut used = 0;
            let mut bound = app.keymap.help(app.screen().mode());
            // One way out is enough: Ctrl-C only where no `q` quits.
            let has_quit = bound.iter().any(|(action, _)| *action == Action::Quit);
            bound.retain(|(action, _)| {
                HINTS.contains(action)
                    && app.may(*action)
                    && browse::offers(app.screen(), *action)
                    && !(has_quit && *action == Action::Interrupt)
            });
            bound.sort_by_key(|(action, _)| HINTS.iter().position(|a| a == action));
            for (action, keys) in bound {
                let key = keys.first().cloned().unwrap_or_default();
                let label = action.label().get(app.lang);
                let cost = width(&key) + width(label) + 3;
                if used + cost > columns {
                    break;
                }
                used += cost;
                spans.push(Span::styled(format!(" {key}"), app.theme.key));
                spans.push(Span::styled(format!(" {label} "), app.theme.muted));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// A message of several lines (each bad field of a form, say) on the one status line.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("  ")
}

/// The actions the status line suggests, most useful first; F1 shows them all.
const HINTS: [Action; 47] = [
    Action::Acknowledge,
    Action::Propose,
    Action::Approve,
    Action::CarryOut,
    Action::Reject,
    Action::PrevYear,
    Action::NextYear,
    Action::NextFonds,
    Action::NextOpen,
    Action::AcceptDigital,
    Action::CorrectDigital,
    Action::Certify,
    Action::MoveShelved,
    Action::TakeOut,
    Action::BringBack,
    Action::Open,
    Action::Save,
    Action::TakeSuggestion,
    Action::Search,
    Action::Edit,
    Action::NewRecord,
    Action::QuickEntry,
    Action::Lend,
    Action::Return,
    Action::Mark,
    Action::Renew,
    Action::MarkLost,
    Action::Slip,
    Action::Export,
    Action::FilterLoans,
    Action::BatchReturn,
    Action::NextTab,
    Action::NextField,
    Action::NextChoice,
    Action::KeepField,
    Action::Jump,
    Action::Audit,
    Action::Sort,
    Action::Back,
    Action::Help,
    Action::Quit,
    Action::Interrupt,
    Action::Stocktake,
    Action::Receipts,
    Action::Appraise,
    Action::Statistics,
    Action::PageDown,
];

/// How many scroll positions the screen shown has (the record and the help scroll): its rows
/// less those the body shows, plus one.
pub fn scroll_stops(app: &App) -> usize {
    let (width, height) = (app.width, app.height);
    // The body: all but the title bar and the status line.
    let body = usize::from(height.saturating_sub(2));
    let rows = match app.screen() {
        Screen::Record(view) => record::view::paragraph(app, view).line_count(width),
        Screen::Help(mode, _) => help_lines(app, *mode).len(),
        _ => 0,
    };
    rows.saturating_sub(body) + 1
}

fn help_lines(app: &App, mode: super::keymap::Mode) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        format!(" {}  {}", app.t(S::Keys), app.t(S::HelpClose)),
        app.theme.header,
    )];
    for (action, keys) in app.keymap.help(mode) {
        let keys = pad(&keys.join(" "), 22);
        lines.push(Line::from(vec![
            Span::styled(format!(" {keys}"), app.theme.key),
            Span::raw(action.label().get(app.lang)),
        ]));
    }
    lines
}

/// The keys of a screen, from the keymap: what is shown is what is bound.
fn help(app: &App, mode: super::keymap::Mode, scroll: u16, frame: &mut Frame, area: Rect) {
    let lines = help_lines(app, mode);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}

/// A day as the desk writes it everywhere, as the records' own dates are: 2026-11-25.
pub(in crate::tui) fn day(date: chrono::NaiveDate) -> String {
    date.to_string()
}

/// A moment the archive stamped (in UTC), as the desk's clock showed it: 2026-11-25 20:36.
pub(in crate::tui) fn moment(stamp: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stamp) {
        Ok(at) => at
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => stamp.to_string(),
    }
}

/// The rows under a list that show the selected row whole: a title the column cuts, and what
/// the columns leave out.
pub const DETAIL_ROWS: u16 = 2;

/// The list's area and the detail's under it.
pub(in crate::tui) fn with_detail(area: Rect) -> (Rect, Rect) {
    let rows = DETAIL_ROWS.min(area.height.saturating_sub(2));
    let list = Rect {
        height: area.height - rows,
        ..area
    };
    let detail = Rect {
        y: area.y + list.height,
        height: rows,
        ..area
    };
    (list, detail)
}

/// The selected row whole, wrapped over the detail rows (cut with … only past them).
pub(in crate::tui) fn detail(app: &App, parts: &[String], frame: &mut Frame, area: Rect) {
    let text = parts
        .iter()
        .map(|p| sanitize(p.trim(), false))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        // Not a middle dot: its width is ambiguous, and some terminals draw it wide.
        .join("  ");
    let columns = usize::from(area.width);
    let mut rows = crate::width::wrap(&text, columns);
    let room = usize::from(area.height);
    if rows.len() > room && room > 0 {
        let rest = rows.split_off(room - 1).concat();
        rows.push(truncate(&rest, columns));
    }
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|row| Line::styled(row, app.theme.muted))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// What the detail says of a record: its whole title, who made it, its number and date.
pub(in crate::tui) fn record_detail(record: &crate::domain::Record) -> Vec<String> {
    let d = &record.data;
    vec![
        d.title.clone(),
        d.responsible.clone(),
        d.doc_no.clone(),
        d.date.map(|x| x.to_string()).unwrap_or_default(),
    ]
}

/// Columns a list gives up for the marks while any row is marked.
pub(in crate::tui) const MARK_COLUMNS: u16 = 2;

/// A row with its mark in front (`*` if marked), when the list has marks.
pub(in crate::tui) fn marked_row(
    line: Line<'static>,
    marked: bool,
    marking: bool,
) -> Line<'static> {
    if !marking {
        return line;
    }
    let mark = if marked { "* " } else { "  " };
    let mut spans = vec![Span::styled(mark, line.style)];
    spans.extend(line.spans);
    Line::from(spans).style(line.style)
}

/// One row of a table: each cell cut or padded to its width, one space between.
pub(in crate::tui) fn cells(values: &[(String, usize)], style: Style) -> Line<'static> {
    let text: Vec<String> = values
        .iter()
        .map(|(value, columns)| pad(&truncate(&sanitize(value, false), *columns), *columns))
        .collect();
    Line::styled(text.join(" "), style)
}
