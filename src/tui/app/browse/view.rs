//! Fonds, years and the record list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::domain::Fonds;
use crate::domain::Record;
use crate::i18n::{Lang, S};
use crate::tui::app::RecordList;
use crate::tui::app::{App, Menu, Years};
use crate::tui::view::cells;

/// The rows of a menu that fit, scrolled to keep the selection in view.
fn menu_lines(
    app: &App,
    rows: Vec<Vec<(String, usize)>>,
    selected: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let top = (selected + 1).saturating_sub(height);
    rows.into_iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, row)| {
            let style = if i == selected {
                app.theme.selection
            } else {
                app.theme.base
            };
            cells(&row, style)
        })
        .collect()
}

pub(super) fn menu_screen<T>(
    app: &App,
    menu: &Menu<T>,
    header: Vec<(String, usize)>,
    rows: Vec<Vec<(String, usize)>>,
    frame: &mut Frame,
    area: Rect,
) {
    let mut lines = vec![cells(&header, app.theme.header)];
    if menu.loaded {
        let height = usize::from(area.height.saturating_sub(1));
        lines.extend(menu_lines(app, rows, menu.selected, height));
    } else {
        lines.push(Line::styled(app.t(S::Loading), app.theme.muted));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

pub fn fonds(app: &App, menu: &Menu<Fonds>, frame: &mut Frame, area: Rect) {
    let name_width = usize::from(area.width).saturating_sub(8 + 12 + 2).max(8);
    let header = vec![
        (app.t(S::Fonds).to_string(), 8),
        (String::new(), name_width),
        (app.t(S::Count).to_string(), 12),
    ];
    let total: u64 = menu.rows.iter().map(|f| f.records).sum();
    let mut rows = vec![vec![
        (String::new(), 8),
        (app.t(S::AllFonds).to_string(), name_width),
        (total.to_string(), 12),
    ]];
    rows.extend(menu.rows.iter().map(|f| {
        vec![
            (f.code.clone(), 8),
            (f.name.clone(), name_width),
            (f.records.to_string(), 12),
        ]
    }));
    menu_screen(app, menu, header, rows, frame, area);
}

pub fn years(app: &App, years: &Years, frame: &mut Frame, area: Rect) {
    let header = vec![
        (format!("{} {}", years.fonds.code, years.fonds.name), 24),
        (app.t(S::Count).to_string(), 12),
    ];
    let total: u64 = years.menu.rows.iter().map(|(_, n)| n).sum();
    let mut rows = vec![vec![
        (app.t(S::AllYears).to_string(), 24),
        (total.to_string(), 12),
    ]];
    // A year all of whose register is certified is single-track; one certified by boxes, partly.
    let track = |year: u16| {
        let covering = years
            .certified
            .iter()
            .filter(|s| s.years.is_none_or(|(a, b)| (a..=b).contains(&year)));
        let mut whole = false;
        let mut part = false;
        for scope in covering {
            whole |= scope.boxes.is_none();
            part |= scope.boxes.is_some();
        }
        match (whole, part) {
            (true, _) => app.t(S::SingleTrack),
            (false, true) => app.t(S::PartlySingleTrack),
            _ => "",
        }
    };
    // Whatever room is left after the year and the count (none at 40 columns).
    let room = usize::from(area.width).saturating_sub(24 + 12 + 2).min(20);
    rows.extend(years.menu.rows.iter().map(|(year, count)| {
        let mut row = vec![(year.to_string(), 24), (count.to_string(), 12)];
        if room >= 4 {
            row.push((track(*year).to_string(), room));
        }
        row
    }));
    menu_screen(app, &years.menu, header, rows, frame, area);
}

/// Which columns fit: 档号, 题名, then 日期, 状态, 责任者 and 保管期限 as the width allows.
pub struct Columns {
    pub code: usize,
    pub title: usize,
    pub responsible: usize,
    pub date: usize,
    pub retention: usize,
    pub status: usize,
}

/// The 档号 column is as wide as the widest code shown: never cut, and no wider than needed.
const CODE_COLUMNS: usize = 22;

impl Columns {
    /// Columns for `total` cells, the codes shown being `codes`.
    pub fn fit<'a>(
        total: u16,
        lang: Lang,
        codes: impl Iterator<Item = &'a crate::domain::ArchivalCode>,
    ) -> Columns {
        let total = usize::from(total);
        let status = if lang == Lang::Zh { 6 } else { 9 };
        let code = codes
            .map(|c| crate::width::width(&c.to_string()))
            .fold(CODE_COLUMNS, usize::max);
        let mut c = Columns {
            code,
            title: 0,
            responsible: if total >= 100 { 16 } else { 0 },
            date: if total >= 60 { 10 } else { 0 },
            retention: if total >= 110 { 9 } else { 0 },
            status: if total >= 50 { status } else { 0 },
        };
        let fixed: usize = [c.code, c.responsible, c.date, c.retention, c.status]
            .iter()
            .map(|w| if *w > 0 { w + 1 } else { 0 })
            .sum();
        c.title = total.saturating_sub(fixed).max(8);
        c
    }

    /// The cells in screen order: 档号 题名 责任者 日期 保管期限 状态, the hidden ones left out.
    pub fn row(&self, values: [String; 6]) -> Vec<(String, usize)> {
        let widths = [
            self.code,
            self.title,
            self.responsible,
            self.date,
            self.retention,
            self.status,
        ];
        values
            .into_iter()
            .zip(widths)
            .filter(|(_, w)| *w > 0)
            .collect()
    }

    pub fn header(&self, app: &App) -> Vec<(String, usize)> {
        self.row(
            [
                S::Code,
                S::Title,
                S::Responsible,
                S::Date,
                S::Retention,
                S::Status,
            ]
            .map(|s| app.t(s).to_string()),
        )
    }

    pub fn record(&self, app: &App, record: &Record) -> Vec<(String, usize)> {
        let d = &record.data;
        let (retention, status) = match app.lang {
            Lang::Zh => (record.retention().label_zh(), d.status.label_zh()),
            Lang::En => (record.retention().label_en(), d.status.label_en()),
        };
        self.row([
            record.code.to_string(),
            d.title.clone(),
            d.responsible.clone(),
            d.date.map(|x| x.to_string()).unwrap_or_default(),
            retention.to_string(),
            status.to_string(),
        ])
    }
}

pub fn records(app: &App, list: &RecordList, frame: &mut Frame, area: Rect) {
    let (area, under) = crate::tui::view::with_detail(area);
    if let Some(record) = list.selected_record() {
        crate::tui::view::detail(app, &crate::tui::view::record_detail(record), frame, under);
    }
    let marking = !list.marked.is_empty();
    let gutter = if marking {
        crate::tui::view::MARK_COLUMNS
    } else {
        0
    };
    let height = u64::from(area.height.saturating_sub(1));
    let shown = list.top..(list.top + height).min(list.total.unwrap_or(0));
    let codes = shown.filter_map(|i| list.row(i)).map(|r| &r.code);
    let columns = Columns::fit(area.width - gutter, app.lang, codes);
    let header = cells(&columns.header(app), app.theme.header);
    let mut lines = vec![crate::tui::view::marked_row(header, false, marking)];
    match list.total {
        None => lines.push(Line::styled(app.t(S::Loading), app.theme.muted)),
        Some(0) => lines.push(Line::styled(app.t(S::Empty), app.theme.muted)),
        Some(total) => {
            for index in list.top..(list.top + height).min(total) {
                let style = if index == list.selected {
                    app.theme.selection
                } else {
                    app.theme.base
                };
                lines.push(match list.row(index) {
                    Some(record) => crate::tui::view::marked_row(
                        cells(&columns.record(app, record), style),
                        list.marked.contains(&record.code),
                        marking,
                    ),
                    None => Line::styled("…", app.theme.muted),
                });
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
