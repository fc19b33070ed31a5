//! The statistics screen: the heading, the panels' tabs, then the key figures beside three
//! charts (or one panel, where the terminal is narrow): holdings by the records' year as a
//! sparkline, loans by month as a bar chart, the certified share of each fonds as horizontal
//! bars. Bars are ASCII unless the theme allows block characters in this language.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::bar::{NINE_LEVELS, Set};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Sparkline};

use super::{PANELS, Panel, StatsView};
use crate::archive::print::{number_text, stats_title};
use crate::domain::stats::{Figure, Group, Key, Number, Section, Statistics, Unit};
use crate::i18n::{Lang, S, figure_label};
use crate::tui::app::App;
use crate::width::{pad, truncate, width};

/// Bars in ASCII, lowest to highest: `_` sits at the foot of a cell, `-` at its middle, `=`
/// above it, `#` fills it.
const ASCII: Set = Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "=",
    five_eighths: "=",
    half: "-",
    three_eighths: "-",
    one_quarter: "_",
    one_eighth: "_",
    empty: " ",
};

/// The key figures' column beside the charts.
const FIGURES: u16 = 36;
/// The overview puts charts beside the figures from this width.
const SIDE_BY_SIDE: u16 = 72;

fn bars(app: &App) -> Set<'static> {
    match app.theme.bars.blocks(app.lang) {
        true => NINE_LEVELS,
        false => ASCII,
    }
}

pub fn stats(app: &App, view: &StatsView, frame: &mut Frame, area: Rect) {
    let columns = usize::from(area.width);
    let Some(stats) = &view.stats else {
        let loading = Line::styled(app.t(S::Loading), app.theme.muted);
        frame.render_widget(Paragraph::new(loading), area);
        return;
    };
    let names = PANELS.map(|p| format!(" {} ", app.t(panel_name(p))));
    let all: usize = names.iter().map(|n| width(n)).sum();
    let at = PANELS.iter().position(|p| *p == view.panel).unwrap_or(0);
    // Where the tabs do not all fit, the one shown and where it stands among them.
    let tabs = match all <= columns {
        true => (0..PANELS.len())
            .map(|i| match i == at {
                true => Span::styled(names[i].clone(), app.theme.selection),
                false => Span::styled(names[i].clone(), app.theme.muted),
            })
            .collect(),
        false => vec![
            Span::styled(names[at].clone(), app.theme.selection),
            Span::styled(format!(" {}/{}", at + 1, PANELS.len()), app.theme.muted),
        ],
    };
    let heading = vec![
        Line::styled(
            truncate(&stats_title(stats, app.lang), columns),
            app.theme.header,
        ),
        Line::from(tabs),
    ];
    frame.render_widget(Paragraph::new(heading), Rect { height: 2, ..area });
    let body = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(2),
        ..area
    };
    match view.panel {
        Panel::Overview if body.width >= SIDE_BY_SIDE => {
            let left = Rect {
                width: FIGURES,
                ..body
            };
            let right = Rect {
                x: body.x + FIGURES + 1,
                width: body.width - FIGURES - 1,
                ..body
            };
            key_figures(app, stats, frame, left);
            charts(app, stats, frame, right);
        }
        Panel::Overview => key_figures(app, stats, frame, body),
        Panel::ByYear => by_year(app, stats, frame, body),
        Panel::ByMonth => by_month(app, stats, frame, body),
        Panel::Transition => transition(app, stats, frame, body),
        Panel::Table => table(app, stats, view.scroll, frame, body),
    }
}

fn panel_name(panel: Panel) -> S {
    match panel {
        Panel::Overview => S::PanelOverview,
        Panel::ByYear => S::PanelByYear,
        Panel::ByMonth => S::PanelByMonth,
        Panel::Transition => S::PanelTransition,
        Panel::Table => S::PanelTable,
    }
}

/// A size in bytes as people read it: the number and its unit.
fn bytes(n: u64) -> (String, String) {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut size = n as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit < UNITS.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    match unit {
        0 => (n.to_string(), "B".into()),
        _ => (format!("{size:.1}"), UNITS[unit].into()),
    }
}

/// A figure's number and its unit (sizes in KB, MB, GB), to be set in columns.
fn value(lang: Lang, figure: &Figure) -> (String, String) {
    match (figure.unit, figure.value) {
        (Unit::Byte, Number::Count(n)) => bytes(n),
        (unit, v) => (number_text(v), unit.name().text(lang)),
    }
}

/// `label … number unit`: the label cut to fit, the numbers right-aligned in one column and
/// the units after them, in `columns`.
fn figure_line(
    label: &str,
    (number, unit): &(String, String),
    units: usize,
    columns: usize,
) -> String {
    const NUMBER: usize = 10;
    let room = columns.saturating_sub(NUMBER + units + 2);
    let label = pad(&truncate(label, room), room);
    let number = format!(
        "{}{number}",
        " ".repeat(NUMBER.saturating_sub(number.len()))
    );
    format!("{label} {number} {}", pad(unit, units))
}

/// The figures the overview shows: what the yearly forms ask first.
fn key_figures(app: &App, stats: &Statistics, frame: &mut Frame, area: Rect) {
    use {Key as K, Section as X};
    let wanted = [
        (X::Holdings, K::Records),
        (X::Holdings, K::Volumes),
        (X::Holdings, K::Pages),
        (X::Additions, K::Added),
        (X::Destructions, K::Destroyed),
        (X::Use, K::Visits),
        (X::Use, K::Loans),
        (X::Use, K::Overdue),
        (X::Use, K::Lost),
        (X::Digital, K::Objects),
        (X::Digital, K::Bytes),
        (X::Transition, K::Share),
    ];
    let figures = stats.figures();
    let columns = usize::from(area.width);
    let shown: Vec<&Figure> = wanted
        .iter()
        .filter_map(|(at, key)| {
            figures
                .iter()
                .find(|f| f.section == *at && f.group == Group::Total && f.key == *key)
        })
        .collect();
    let units = shown
        .iter()
        .map(|f| width(&value(app.lang, f).1))
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    let mut section = None;
    for figure in shown {
        if section != Some(figure.section) {
            let name = figure.section.name(stats.year).text(app.lang);
            lines.push(Line::styled(truncate(&name, columns), app.theme.label));
            section = Some(figure.section);
        }
        let label = figure_label(figure, stats, app.lang);
        let line = figure_line(&label, &value(app.lang, figure), units, columns - 2);
        lines.push(Line::raw(format!("  {line}")));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The three charts one above the other, each as high as there is room for.
fn charts(app: &App, stats: &Statistics, frame: &mut Frame, area: Rect) {
    let fonds = stats.transition.fonds.len() as u16;
    let transition_rows = (fonds + 1).min(area.height / 3).max(2);
    let rest = area.height.saturating_sub(transition_rows + 1);
    let year_rows = rest / 2;
    let month_rows = rest - year_rows;
    let mut y = area.y;
    let mut next = |height: u16| {
        let r = Rect { y, height, ..area };
        y += height;
        r
    };
    by_year(app, stats, frame, next(year_rows));
    by_month(app, stats, frame, next(month_rows));
    next(1);
    transition(app, stats, frame, next(transition_rows));
}

/// A chart's title on its first row; the rest of the area for the chart.
fn titled(app: &App, title: S, frame: &mut Frame, area: Rect) -> Rect {
    let line = Line::styled(
        truncate(app.t(title), usize::from(area.width)),
        app.theme.label,
    );
    frame.render_widget(Paragraph::new(line), Rect { height: 1, ..area });
    Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    }
}

fn nothing(app: &App, frame: &mut Frame, area: Rect) {
    let line = Line::styled(app.t(S::NoFigures), app.theme.muted);
    frame.render_widget(Paragraph::new(line), area);
}

/// Holdings by the records' own year: a sparkline, one column a year (the latest years where
/// there are more than columns), the first and last year under it.
fn by_year(app: &App, stats: &Statistics, frame: &mut Frame, area: Rect) {
    let area = titled(app, S::ChartByYear, frame, area);
    let (Some(first), Some(last)) = (stats.held.by_year.first(), stats.held.by_year.last()) else {
        return nothing(app, frame, area);
    };
    if area.height < 2 {
        return;
    }
    let shown = i32::from(area.width).max(1);
    let from = first.0.max(last.0 - shown + 1);
    let data: Vec<u64> = (from..=last.0)
        .map(|year| {
            let at = stats.held.by_year.binary_search_by_key(&year, |(y, _)| *y);
            at.map_or(0, |i| stats.held.by_year[i].1)
        })
        .collect();
    let chart = Rect {
        height: area.height - 1,
        width: data.len() as u16,
        ..area
    };
    frame.render_widget(
        Sparkline::default()
            .data(&data)
            .bar_set(bars(app))
            .style(app.theme.base),
        chart,
    );
    let columns = data.len().max(9);
    let (left, right) = (from.to_string(), last.0.to_string());
    let gap = columns.saturating_sub(left.len() + right.len());
    let axis = truncate(
        &format!("{left}{}{right}", " ".repeat(gap)),
        usize::from(area.width),
    );
    let axis_area = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    frame.render_widget(
        Paragraph::new(Line::styled(axis, app.theme.muted)),
        axis_area,
    );
}

/// Loans of the year by month: twelve bars, their months under them.
fn by_month(app: &App, stats: &Statistics, frame: &mut Frame, area: Rect) {
    let area = titled(app, S::ChartByMonth, frame, area);
    if area.height < 2 {
        return;
    }
    // Twelve bars with a gap after each: as wide as the room allows, up to four cells.
    let bar_width = ((area.width + 1) / 12).saturating_sub(1).clamp(1, 4);
    let gap = u16::from(area.width >= 12 * (bar_width + 1));
    let month_bars: Vec<Bar> = (1..)
        .zip(stats.used.by_month)
        .map(|(month, n): (u32, u64)| {
            Bar::default()
                .value(n)
                .label(Line::raw(month.to_string()))
                .text_value(match bar_width >= 3 {
                    true => n.to_string(),
                    false => String::new(),
                })
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&month_bars))
        .bar_width(bar_width)
        .bar_gap(gap)
        .bar_set(bars(app))
        .bar_style(app.theme.base)
        .value_style(app.theme.selection)
        .label_style(app.theme.muted);
    frame.render_widget(chart, area);
}

/// The certified share of each fonds as a gauge, `J001 [####------] 40.0%`; where the rows run
/// out, how many fonds more the transition panel shows.
fn transition(app: &App, stats: &Statistics, frame: &mut Frame, area: Rect) {
    let area = titled(app, S::ChartTransition, frame, area);
    let fonds = &stats.transition.fonds;
    if fonds.is_empty() {
        return nothing(app, frame, area);
    }
    let (full, empty) = match app.theme.bars.blocks(app.lang) {
        true => ("\u{2588}", " "),
        false => ("#", "-"),
    };
    let rows = usize::from(area.height);
    let shown = match fonds.len() > rows {
        true => rows.saturating_sub(1),
        false => fonds.len(),
    };
    let code_width = fonds.iter().map(|f| width(&f.code)).max().unwrap_or(0);
    let bar = usize::from(area.width)
        .saturating_sub(code_width + 10)
        .clamp(4, 40);
    let mut lines: Vec<Line> = fonds
        .iter()
        .take(shown)
        .map(|f| {
            let share = crate::domain::stats::percent(f.certified, f.records);
            let filled = ((share / 100.0) * bar as f64).round() as usize;
            let gauge = format!(
                "{}{}",
                full.repeat(filled),
                empty.repeat(bar - filled.min(bar))
            );
            Line::from(vec![
                Span::styled(pad(&f.code, code_width), app.theme.label),
                Span::raw(format!(" [{gauge}] ")),
                Span::raw(format!("{share:>5.1}%")),
            ])
        })
        .collect();
    if shown < fonds.len() {
        let more = format!("+{} {}", fonds.len() - shown, app.t(S::MoreFonds));
        let more = truncate(&more, usize::from(area.width));
        lines.push(Line::styled(more, app.theme.muted));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Every figure as a line: section and breakdown headings, then label, number and unit.
fn table_lines(stats: &Statistics, lang: Lang) -> Vec<(String, (String, String), bool)> {
    let mut lines = Vec::new();
    let mut last: Option<(Section, Group)> = None;
    for figure in stats.figures() {
        if last.map(|(s, _)| s) != Some(figure.section) {
            let name = figure.section.name(stats.year).text(lang);
            lines.push((name, Default::default(), true));
        }
        if figure.group != Group::Total && last != Some((figure.section, figure.group)) {
            let name = format!("  {}", figure.group.name().text(lang));
            lines.push((name, Default::default(), true));
        }
        last = Some((figure.section, figure.group));
        let indent = if figure.group == Group::Total {
            "  "
        } else {
            "    "
        };
        let label = format!("{indent}{}", figure_label(&figure, stats, lang));
        lines.push((label, value(lang, &figure), false));
    }
    lines
}

/// How many lines the table has (the same in every language).
pub fn table_rows(stats: &Statistics) -> usize {
    table_lines(stats, Lang::En).len()
}

fn table(app: &App, stats: &Statistics, scroll: usize, frame: &mut Frame, area: Rect) {
    let columns = usize::from(area.width);
    let all = table_lines(stats, app.lang);
    let units = all.iter().map(|(_, (_, u), _)| width(u)).max().unwrap_or(0);
    // After the terminal grows, the last rows still end the page.
    let scroll = scroll.min(all.len().saturating_sub(usize::from(area.height)));
    let lines: Vec<Line> = all
        .into_iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .map(|(label, shown, heading)| match heading {
            true => Line::styled(truncate(&label, columns), app.theme.label),
            false => Line::raw(figure_line(&label, &shown, units, columns)),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
