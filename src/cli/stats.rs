//! `dangan stats`: the yearly statistics (档案统计) as a table to read or copy into the yearly
//! forms, or as CSV, .xlsx or JSON for other programs.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::Context;
use crate::archive::print::{ReportFormat, number_text, stats_title};
use crate::domain::stats::{Group, Statistics};
use crate::error::{Error, Result};
use crate::i18n::{Lang, StatsMsg, figure_counts, figure_label};
use crate::width::{pad, width};

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The year (年度) reported: holdings at its end, additions, destructions and use in it
    /// (this year unless given)
    #[arg(long)]
    year: Option<String>,
    /// One fonds (全宗号) instead of all
    #[arg(long)]
    fonds: Option<String>,
    /// table, csv, xlsx or json (from the output file's extension unless given)
    #[arg(long)]
    format: Option<String>,
    /// Write to this file instead of the terminal (needed for xlsx)
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// Where to write: a file, or (none, or `-`) standard output.
pub(super) fn output(output: Option<&PathBuf>) -> Option<&PathBuf> {
    output.filter(|p| p.as_os_str() != "-")
}

/// A report as a table for the terminal, or as a file format.
pub(super) enum Shape {
    Table,
    File(ReportFormat),
}

/// The shape a report is asked for in: `--format`, else the output file's extension.
pub(super) fn shape(format: Option<&str>, path: Option<&PathBuf>) -> Result<Shape> {
    let from_extension = || {
        path.and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
    };
    let named = format.map(|f| f.trim().to_ascii_lowercase());
    let shape = match named.or_else(from_extension).as_deref() {
        None | Some("table" | "txt" | "text") => Shape::Table,
        Some("csv") => Shape::File(ReportFormat::Csv),
        Some("xlsx") => Shape::File(ReportFormat::Xlsx),
        Some("json") => Shape::File(ReportFormat::Json),
        // A name that says another format (.xls, .pdf) is not given a table under that name.
        Some(_) if format.is_none() => {
            let path = path.map(|p| p.display().to_string()).unwrap_or_default();
            return Err(Error::BadInput(StatsMsg::FormatFromName { path }.into()));
        }
        Some(other) => {
            let format = other.to_string();
            return Err(Error::BadInput(StatsMsg::Format { format }.into()));
        }
    };
    if matches!(shape, Shape::File(ReportFormat::Xlsx)) && output(path).is_none() {
        return Err(Error::BadInput(StatsMsg::XlsxNeedsFile.into()));
    }
    Ok(shape)
}

/// The label column's width at most: a longer label puts its value on the next line.
const MAX_LABEL_COLUMNS: usize = 44;
const VALUE_COLUMNS: usize = 12;

/// The statistics as a table: each section with its totals, then its breakdowns; under each
/// total, and under each breakdown's heading, what it counts.
pub fn table(stats: &Statistics, lang: Lang) -> String {
    let mut out = format!("{}\n", stats_title(stats, lang));
    let figures = stats.figures();
    let widest = figures
        .iter()
        .map(|f| width(&figure_label(f, stats, lang)) + if f.group == Group::Total { 2 } else { 4 })
        .max()
        .unwrap_or(0);
    let label_columns = (widest + 2).min(MAX_LABEL_COLUMNS);
    let mut last: Option<(crate::domain::stats::Section, Group)> = None;
    let mut said = String::new();
    for figure in &figures {
        let counts = figure_counts(figure).text(lang);
        if last.map(|(s, _)| s) != Some(figure.section) {
            out.push_str(&format!(
                "\n{}\n",
                figure.section.name(stats.year).text(lang)
            ));
        }
        if figure.group != Group::Total && last != Some((figure.section, figure.group)) {
            // A breakdown that counts as the one before says so once.
            let group = figure.group.name().text(lang);
            match counts == said {
                true => out.push_str(&format!("  {group}\n")),
                false => out.push_str(&format!("  {group}  ({counts})\n")),
            }
            said = counts.clone();
        }
        last = Some((figure.section, figure.group));
        let indent = if figure.group == Group::Total { 2 } else { 4 };
        let label = figure_label(figure, stats, lang);
        let room = label_columns - indent;
        let label = match width(&label) > room {
            true => format!("{label}\n{}", " ".repeat(label_columns)),
            false => pad(&label, room),
        };
        let value = number_text(figure.value);
        let value = format!(
            "{}{value}",
            " ".repeat(VALUE_COLUMNS.saturating_sub(value.len()))
        );
        let unit = figure.unit.name().text(lang);
        out.push_str(&format!("{}{label}{value} {unit}\n", " ".repeat(indent)));
        // Totals that count alike say so once.
        if figure.group == Group::Total && counts != said {
            out.push_str(&format!("{}({counts})\n", " ".repeat(indent + 2)));
            said = counts;
        }
    }
    out
}

pub fn stats(context: &Context, args: &StatsArgs) -> Result<()> {
    let lang = context.lang;
    let shape = shape(args.format.as_deref(), args.output.as_ref())?;
    let year = args
        .year
        .as_deref()
        .map(super::appraise::year)
        .transpose()?;
    let (archive, session) = context.open_session()?;
    let scope = (year, args.fonds.as_deref());
    match (shape, output(args.output.as_ref())) {
        (Shape::Table, None) => {
            let stats = archive.statistics(&session, year, args.fonds.as_deref())?;
            // Written, not printed: a full disk or a closed pipe is an error, not a panic.
            let text = crate::width::sanitize(&table(&stats, lang), true);
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(|e| Error::io("stdout", e))?;
        }
        (Shape::Table, Some(path)) => {
            let stats = archive.statistics(&session, year, args.fonds.as_deref())?;
            let text = table(&stats, lang);
            crate::archive::export::write_whole(path, true, |out| {
                out.write_all(text.as_bytes())
                    .map_err(|e| Error::io(path, e))?;
                Ok(0)
            })?;
            let path = path.display().to_string();
            say!("{}", StatsMsg::Written { path }.text(lang));
        }
        (Shape::File(format), None) => {
            let mut text = Vec::new();
            archive.write_statistics(&session, scope, (format, lang), &mut text)?;
            std::io::stdout()
                .write_all(&text)
                .map_err(|e| Error::io("stdout", e))?;
        }
        (Shape::File(format), Some(path)) => {
            crate::archive::export::write_whole(path, true, |out| {
                archive.write_statistics(&session, scope, (format, lang), out)?;
                Ok(0)
            })?;
            let path = path.display().to_string();
            say!("{}", StatsMsg::Written { path }.text(lang));
        }
    }
    Ok(())
}
