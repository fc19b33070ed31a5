//! Reading a sheet of appraisal decisions, as `appraise due --csv` writes it and an appraisal
//! group fills it in: CSV/TSV in any encoding the import reads, or a workbook. Each row keeps the
//! line (or row) an editor shows; the cells are text, read into decisions by the caller.

use std::path::Path;

use super::register::failure;
use super::spreadsheet::unguard;
use super::{decode, workbook};
use crate::domain::text::fold;
use crate::error::{Error, Result};
use crate::i18n::{AppraisalMsg, RecordMsg};

/// The columns of a decision sheet, by their Chinese header; the English names are read too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionColumn {
    Code,
    Verdict,
    Period,
    Until,
    NewClass,
    Reason,
}

impl DecisionColumn {
    pub const ALL: [DecisionColumn; 6] = [
        DecisionColumn::Code,
        DecisionColumn::Verdict,
        DecisionColumn::Period,
        DecisionColumn::Until,
        DecisionColumn::NewClass,
        DecisionColumn::Reason,
    ];

    pub fn header(self) -> &'static str {
        match self {
            DecisionColumn::Code => "档号",
            DecisionColumn::Verdict => "决定",
            DecisionColumn::Period => "新保管期限",
            DecisionColumn::Until => "再审年度",
            DecisionColumn::NewClass => "新密级",
            DecisionColumn::Reason => "理由",
        }
    }

    fn names(self) -> &'static [&'static str] {
        match self {
            DecisionColumn::Code => &["code", "archival code", "档号"],
            DecisionColumn::Verdict => &["verdict", "decision", "鉴定意见", "处置意见"],
            DecisionColumn::Period => &["period", "new period", "保管期限", "续存期限"],
            DecisionColumn::Until => &["until", "review year", "复审年度"],
            DecisionColumn::NewClass => &["new class", "new classification", "解密后密级"],
            DecisionColumn::Reason => &["reason", "理由说明", "说明"],
        }
    }

    fn of(header: &str) -> Option<DecisionColumn> {
        let folded = fold(header.trim()).to_lowercase();
        Self::ALL.into_iter().find(|c| {
            c.header() == folded || c.names().iter().any(|n| n.eq_ignore_ascii_case(&folded))
        })
    }
}

/// One row of decisions: its line, and each column's text (empty where the sheet has none).
pub struct DecisionRow {
    pub line: u64,
    pub cells: [String; 6],
    /// The row has a different number of cells than the header: a line cut off, or a comma too
    /// many (the cell count and the header's).
    pub misshapen: Option<(usize, usize)>,
}

impl DecisionRow {
    pub fn cell(&self, column: DecisionColumn) -> &str {
        let at = DecisionColumn::ALL.iter().position(|c| *c == column);
        at.map_or("", |i| self.cells[i].trim())
    }
}

/// Where each known column sits in the header; refuses a header without 档号 or 决定.
fn layout(file: &str, line: u64, headers: &[String]) -> Result<[Option<usize>; 6]> {
    let mut at: [Option<usize>; 6] = [None; 6];
    for (i, header) in headers.iter().enumerate() {
        if let Some(column) = DecisionColumn::of(header) {
            let slot = DecisionColumn::ALL.iter().position(|c| *c == column);
            if let Some(slot) = slot {
                // Two 决定 columns that disagree: which one was meant is not dangan's to guess.
                if let Some(first) = at[slot] {
                    let message = RecordMsg::ColumnsRepeat {
                        first: headers[first].trim().to_string(),
                        second: header.trim().to_string(),
                        holds: column.header().to_string(),
                    };
                    return Err(failure(file, line, "header", message.into()));
                }
                at[slot] = Some(i);
            }
        }
    }
    for required in [DecisionColumn::Code, DecisionColumn::Verdict] {
        let slot = DecisionColumn::ALL.iter().position(|c| *c == required);
        if slot.is_some_and(|s| at[s].is_none()) {
            let column = required.header().to_string();
            return Err(failure(
                file,
                line,
                "header",
                AppraisalMsg::NoColumn { column }.into(),
            ));
        }
    }
    Ok(at)
}

/// A row's cells by column; `width`, the header's, for a text file, whose rows may be cut off or
/// have a comma too many (a workbook's rows are as wide as its sheet).
fn row(line: u64, texts: &[String], at: &[Option<usize>; 6], width: Option<usize>) -> DecisionRow {
    let cells = at.map(|i| {
        i.and_then(|i| texts.get(i))
            .map(|t| unguard(t).to_string())
            .unwrap_or_default()
    });
    let misshapen = width.and_then(|width| {
        let extra = texts.iter().skip(width).any(|t| !t.trim().is_empty());
        (texts.len() < width || extra).then_some((texts.len(), width))
    });
    DecisionRow {
        line,
        cells,
        misshapen,
    }
}

/// The rows of a decision sheet, blank rows left out, from the sheet named of a workbook (or its
/// only one); `file` names it in messages.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<(String, Vec<DecisionRow>)> {
    if workbook::is_workbook(path) {
        let is_header = |h: &[String]| {
            h.iter()
                .any(|x| DecisionColumn::of(x) == Some(DecisionColumn::Code))
        };
        let sheet = workbook::read(path, sheet, &is_header).map_err(Error::BadInput)?;
        let file = format!("{}:{}", path.display(), sheet.name);
        let at = layout(&file, u64::from(sheet.header_row), &sheet.header)?;
        let rows = sheet
            .rows
            .iter()
            .map(|(line, texts)| row(u64::from(*line), texts, &at, None))
            .collect();
        return Ok((file, rows));
    }
    let file = path.display().to_string();
    let input = decode::open(path, None)?;
    let delimiter = decode::delimiter(path, &input);
    let lines = input.lines;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input.reader);
    let malformed = |line: u64, e: csv::Error| {
        let detail = e.to_string();
        failure(&file, line, "-", RecordMsg::MalformedCsv { detail }.into())
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| malformed(1, e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let at = layout(&file, 1, &headers)?;
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|c| c.trim_ascii().is_empty()) {
                    continue;
                }
                let line = record.position().map_or(0, |p| lines.record_line(p.byte()));
                let next = lines.line_at(reader.position().byte());
                if let Some(runaway) = decode::runaway_quote(&record, line, next) {
                    return Err(failure(&file, line, "-", runaway));
                }
                let texts: Vec<String> = record
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect();
                rows.push(row(line, &texts, &at, Some(headers.len())));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                return Err(malformed(line, e));
            }
        }
    }
    Ok((file, rows))
}
