//! A backlog's suggestions written out for review: CSV (UTF-8 with a BOM), .xlsx (one A4 sheet)
//! or JSON, a row per record and field, with the value it has, the value suggested, how sure
//! the suggestion is and whether it was written.

use std::io::Write;

use rust_xlsxwriter::Workbook;
use serde_json::json;

use super::{ReportFormat, Styles, for_print, save, xlsx_error};
use crate::archive::exchange::spreadsheet::CsvReport;
use crate::archive::suggest::{Batch, Proposal};
use crate::archive::{Archive, Session};
use crate::error::{Error, Result};
use crate::i18n::{Lang, SuggestMsg};

/// The name of a suggested field in `lang`.
pub fn suggested_field(key: &str, lang: Lang) -> String {
    match key {
        "dept" => SuggestMsg::FieldDept,
        "retention" => SuggestMsg::FieldRetention,
        "classification" => SuggestMsg::FieldClass,
        _ => SuggestMsg::FieldKeywords,
    }
    .text(lang)
}

/// How sure, as a percentage with no decimals (what a reviewer reads).
pub fn confidence_text(confidence: f64) -> String {
    format!("{:.0}%", confidence * 100.0)
}

fn headers(lang: Lang) -> [String; 7] {
    [
        SuggestMsg::ColCode,
        SuggestMsg::ColTitle,
        SuggestMsg::ColField,
        SuggestMsg::ColCurrent,
        SuggestMsg::ColSuggested,
        SuggestMsg::ColConfidence,
        SuggestMsg::ColApplied,
    ]
    .map(|m| m.text(lang))
}

fn cells(proposal: &Proposal, lang: Lang) -> [String; 7] {
    let applied = match proposal.applied {
        true => SuggestMsg::Yes,
        false => SuggestMsg::No,
    };
    [
        proposal.code.to_string(),
        proposal.title.clone(),
        suggested_field(proposal.key, lang),
        proposal.current.clone(),
        proposal.suggested.clone(),
        format!("{:.2}", proposal.confidence),
        applied.text(lang),
    ]
}

const WIDTHS: [f64; 7] = [24.0, 50.0, 12.0, 16.0, 24.0, 8.0, 8.0];

fn write_csv(batch: &Batch, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let mut sheet = CsvReport::default();
    let header = headers(lang);
    sheet.row(&header.each_ref().map(String::as_str))?;
    for proposal in &batch.proposals {
        let row = cells(proposal, lang);
        sheet.row(&row.each_ref().map(String::as_str))?;
    }
    out.write_all(sheet.finish()?.as_bytes())
        .map_err(|e| Error::io("csv output", e))
}

fn write_xlsx(batch: &Batch, title: &str, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let styles = Styles::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .set_name(SuggestMsg::SheetName.text(lang))
        .map_err(xlsx_error)?;
    for_print(sheet, title, 2)?;
    sheet
        .merge_range(0, 0, 0, 6, title, &styles.label)
        .map_err(xlsx_error)?;
    for (col, (header, width)) in headers(lang).iter().zip(WIDTHS).enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
        sheet
            .write_string_with_format(1, col, header, &styles.header)
            .map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(2, 0).map_err(xlsx_error)?;
    let sure = styles.centred.clone().set_num_format("0%");
    for (i, proposal) in batch.proposals.iter().enumerate() {
        let at = i as u32 + 2;
        for (col, text) in cells(proposal, lang).iter().enumerate() {
            let col = col as u16;
            let written = match col {
                5 => sheet.write_number_with_format(at, col, proposal.confidence, &sure),
                _ => sheet.write_string_with_format(at, col, text, &styles.body),
            };
            written.map_err(xlsx_error)?;
        }
    }
    save(&mut book, out)
}

fn write_json(batch: &Batch, title: &str, out: &mut dyn Write) -> Result<()> {
    let proposals: Vec<serde_json::Value> = batch
        .proposals
        .iter()
        .map(|p| {
            json!({
                "code": p.code.to_string(), "title": p.title, "field": p.key,
                "current": p.current, "suggested": p.suggested,
                "confidence": (p.confidence * 1000.0).round() / 1000.0, "applied": p.applied,
            })
        })
        .collect();
    let report = json!({
        "title": title,
        "records": batch.records,
        "applied": batch.applied,
        "proposals": proposals,
    });
    let text =
        serde_json::to_string_pretty(&report).map_err(|e| Error::Internal(format!("JSON: {e}")))?;
    writeln!(out, "{text}").map_err(|e| Error::io("json output", e))
}

impl Archive {
    /// A backlog run (see `suggest_batch`) written to `out` in `format`, in `lang`.
    pub fn write_suggestions(
        &self,
        batch: &Batch,
        (fonds, year): (&str, u16),
        (format, lang): (ReportFormat, Lang),
        out: &mut dyn Write,
    ) -> Result<()> {
        let title = SuggestMsg::Title {
            fonds: fonds.to_string(),
            year,
        }
        .text(lang);
        match format {
            ReportFormat::Csv => write_csv(batch, lang, out),
            ReportFormat::Xlsx => write_xlsx(batch, &title, lang, out),
            ReportFormat::Json => write_json(batch, &title, out),
        }
    }

    /// Whether the session may run suggestions at all: asked before an output file is made.
    pub fn may_suggest(&self, session: &Session) -> Result<()> {
        session.require(crate::domain::Permission::WriteRecords)
    }
}
