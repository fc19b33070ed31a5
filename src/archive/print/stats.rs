//! The yearly statistics written out: CSV (UTF-8 with a BOM, for Excel and WPS), .xlsx (one sheet
//! laid out for A4, numbers as numbers) and JSON, each figure a row with what it counts, so the
//! numbers can be copied into the 档案统计年报 forms and read by other programs.

use std::io::Write;

use rust_xlsxwriter::Workbook;
use serde_json::json;

use super::{Styles, for_print, save, xlsx_error};
use crate::archive::exchange::spreadsheet::CsvReport;
use crate::archive::{Archive, Session};
use crate::domain::stats::{Figure, Number, Statistics};
use crate::error::{Error, Result};
use crate::i18n::{Lang, StatsMsg, figure_counts, figure_label};

/// How the statistics are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Csv,
    Xlsx,
    Json,
}

/// The heading of a statistics report: the year, the fonds (or all) and the clearance.
pub fn stats_title(stats: &Statistics, lang: Lang) -> String {
    let scope = match &stats.fonds {
        Some(code) => match stats.fonds_names.get(code) {
            Some(name) => format!("{code} {name}"),
            None => code.clone(),
        },
        None => StatsMsg::AllFonds.text(lang),
    };
    StatsMsg::Title {
        year: stats.year,
        scope,
        ceiling: stats.ceiling,
    }
    .text(lang)
}

/// A figure's value as text: a count, or a share to one decimal.
pub fn number_text(value: Number) -> String {
    match value {
        Number::Count(n) => n.to_string(),
        Number::Percent(p) => format!("{p:.1}"),
    }
}

/// One figure as the columns of a report: section, breakdown, item, value, unit, what it
/// counts, key; then whose figures they are (year, fonds or all, the clearance they stop at), so
/// that a row copied elsewhere still says so.
fn cells(stats: &Statistics, figure: &Figure, lang: Lang) -> [String; 10] {
    let scope = stats
        .fonds
        .clone()
        .unwrap_or_else(|| StatsMsg::AllFonds.text(lang));
    [
        figure.section.name(stats.year).text(lang),
        figure.group.name().text(lang),
        figure_label(figure, stats, lang),
        number_text(figure.value),
        figure.unit.name().text(lang),
        figure_counts(figure).text(lang),
        format!(
            "{}.{}.{}",
            figure.section.code(),
            figure.group.code(),
            figure.key.code()
        ),
        stats.year.to_string(),
        scope,
        crate::i18n::Arg::arg(&stats.ceiling, lang),
    ]
}

fn headers(lang: Lang) -> [String; 10] {
    [
        StatsMsg::ColSection,
        StatsMsg::ColGroup,
        StatsMsg::ColItem,
        StatsMsg::ColValue,
        StatsMsg::ColUnit,
        StatsMsg::ColCounts,
        StatsMsg::ColKey,
        StatsMsg::ColYear,
        StatsMsg::ColScope,
        StatsMsg::ColCeiling,
    ]
    .map(|m| m.text(lang))
}

const WIDTHS: [f64; 10] = [22.0, 20.0, 30.0, 12.0, 8.0, 50.0, 30.0, 8.0, 14.0, 10.0];

fn write_csv(stats: &Statistics, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let mut sheet = CsvReport::default();
    let header = headers(lang);
    sheet.row(&header.each_ref().map(String::as_str))?;
    for figure in stats.figures() {
        let row = cells(stats, &figure, lang);
        sheet.row(&row.each_ref().map(String::as_str))?;
    }
    out.write_all(sheet.finish()?.as_bytes())
        .map_err(|e| Error::io("csv output", e))
}

fn write_xlsx(stats: &Statistics, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .set_name(StatsMsg::SheetName.text(lang))
        .map_err(xlsx_error)?;
    let title = stats_title(stats, lang);
    for_print(sheet, &title, 2)?;
    sheet
        .merge_range(0, 0, 0, 9, &title, &styles.label)
        .map_err(xlsx_error)?;
    for (col, (header, width)) in headers(lang).iter().zip(WIDTHS).enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
        sheet
            .write_string_with_format(1, col, header, &styles.header)
            .map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(2, 0).map_err(xlsx_error)?;
    let share = styles.centred.clone().set_num_format("0.0");
    let count = styles.centred.clone().set_num_format("0");
    for (i, figure) in stats.figures().iter().enumerate() {
        let at = i as u32 + 2;
        let row = cells(stats, figure, lang);
        for (col, text) in row.iter().enumerate() {
            let col = col as u16;
            let written = match (col, figure.value) {
                (3, Number::Count(n)) => sheet.write_number_with_format(at, col, n as f64, &count),
                (3, Number::Percent(p)) => sheet.write_number_with_format(at, col, p, &share),
                (4, _) => sheet.write_string_with_format(at, col, text, &styles.centred),
                _ => sheet.write_string_with_format(at, col, text, &styles.body),
            };
            written.map_err(xlsx_error)?;
        }
    }
    save(&mut book, out)
}

fn write_json(stats: &Statistics, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let figures: Vec<serde_json::Value> = stats
        .figures()
        .iter()
        .map(|figure| {
            let [section_name, group_name, item, _, unit_name, counts, ..] =
                cells(stats, figure, lang);
            let value = match figure.value {
                Number::Count(n) => json!(n),
                Number::Percent(p) => json!(p),
            };
            json!({
                "section": figure.section.code(), "section_name": section_name,
                "group": figure.group.code(), "group_name": group_name,
                "key": figure.key.code(), "item": item, "value": value,
                "unit": figure.unit.code(), "unit_name": unit_name, "counts": counts,
            })
        })
        .collect();
    let report = json!({
        "title": stats_title(stats, lang),
        "year": stats.year,
        "fonds": stats.fonds,
        "clearance": stats.ceiling.code(),
        "figures": figures,
    });
    let text =
        serde_json::to_string_pretty(&report).map_err(|e| Error::Internal(format!("JSON: {e}")))?;
    writeln!(out, "{text}").map_err(|e| Error::io("json output", e))
}

impl Archive {
    /// The statistics of a year (see `statistics`) written to `out` in `format`, in `lang`.
    pub fn write_statistics(
        &self,
        session: &Session,
        (year, fonds): (Option<i32>, Option<&str>),
        (format, lang): (ReportFormat, Lang),
        out: &mut dyn Write,
    ) -> Result<Statistics> {
        let stats = self.statistics(session, year, fonds)?;
        match format {
            ReportFormat::Csv => write_csv(&stats, lang, out)?,
            ReportFormat::Xlsx => write_xlsx(&stats, lang, out)?,
            ReportFormat::Json => write_json(&stats, lang, out)?,
        }
        Ok(stats)
    }
}
