//! Appraisals on paper: the due list as a sheet of decisions to fill in, and a filled-in sheet
//! proposed as an appraisal.

use std::io::Write;
use std::path::Path;

use super::{Problem, Proposal};
use crate::archive::Archive;
use crate::archive::accounts::Session;
use crate::archive::exchange::decisions::{self, DecisionColumn as Column, DecisionRow};
use crate::archive::exchange::spreadsheet::CsvReport;
use crate::archive::import::{LineError, MAX_REPORTED};
use crate::domain::appraisal::Decision;
use crate::domain::{AppraisalKind, ArchivalCode, Classification, Retention, Verdict};
use crate::error::{Error, Result};
use crate::i18n::{AppraisalMsg, Count, Msg, Noun, RecordMsg, Vocabulary};

/// The decision a due list proposes by default: the one that acts.
fn default_verdict(kind: AppraisalKind) -> Verdict {
    match kind {
        AppraisalKind::Retention => Verdict::Destroy,
        AppraisalKind::Opening => Verdict::Open,
        AppraisalKind::Declassification => Verdict::Declassify,
    }
}

impl Archive {
    /// Writes what is due as a CSV sheet of decisions (UTF-8 with BOM, for Excel and WPS): each
    /// record with its title, date, pages, 密级 and the year it fell due, and the columns an
    /// appraisal group fills in, 决定 filled with the decision that acts. Returns how many rows.
    pub fn write_due_sheet(
        &self,
        session: &Session,
        kind: AppraisalKind,
        scope: (Option<&str>, Option<i32>),
        as_of: Option<i32>,
        out: &mut dyn Write,
    ) -> Result<u64> {
        let due = self.appraisal_due(session, kind, scope, as_of, u64::MAX)?;
        let mut sheet = CsvReport::default();
        let mut header = vec!["档号", "题名", "日期", "页数", "密级", "到期年度"];
        header.extend(Column::ALL.iter().skip(1).map(|c| c.header()));
        sheet.row(&header)?;
        let verdict = default_verdict(kind).label_zh();
        for record in &due.records {
            let code = record.code.to_string();
            let date = record.date.map(|d| d.to_string()).unwrap_or_default();
            let pages = record.pages.map(|p| p.to_string()).unwrap_or_default();
            let due_year = record.due.to_string();
            sheet.row(&[
                &code,
                &record.title,
                &date,
                &pages,
                record.classification.label_zh(),
                &due_year,
                verdict,
                "",
                "",
                "",
                "",
            ])?;
        }
        out.write_all(sheet.finish()?.as_bytes())
            .map_err(|e| Error::io("csv output", e))?;
        Ok(due.records.len() as u64)
    }

    /// Proposes the decisions of a filled-in sheet (CSV, TSV, or the sheet named of a workbook). Rows whose 决定 is
    /// blank are left out (not decided in this round); every other row must be right, or nothing
    /// is proposed and each problem is reported at its line and column. Returns the appraisal's
    /// number and how many rows were left out.
    pub fn propose_appraisal_sheet(
        &mut self,
        session: &Session,
        kind: AppraisalKind,
        note: &str,
        (path, sheet): (&Path, Option<&str>),
    ) -> Result<(i64, u64)> {
        let (file, rows) = match decisions::read(path, sheet) {
            Err(Error::Import(failure)) => return Err(refused(&failure.file, failure.errors)),
            read => read?,
        };
        let mut known = Vec::new();
        let mut proposals = Vec::new();
        let mut left_out = 0;
        if rows.is_empty() {
            let file = file.clone();
            return Err(Error::BadInput(AppraisalMsg::SheetEmpty { file }.into()));
        }
        for row in &rows {
            if let Some((found, header)) = row.misshapen {
                let found = Count::of(found, Noun::Field);
                known.push(Problem {
                    line: Some(row.line),
                    column: Column::Code,
                    what: RecordMsg::FieldCount {
                        found,
                        header: header as u64,
                    }
                    .into(),
                });
                continue;
            }
            if row.cell(Column::Verdict).is_empty() {
                // Left for another round, but it must still name a record.
                let code = row.cell(Column::Code);
                if let Err(e) = code.parse::<ArchivalCode>() {
                    known.push(Problem {
                        line: Some(row.line),
                        column: Column::Code,
                        what: e.msg(),
                    });
                }
                left_out += 1;
                continue;
            }
            match proposal(row) {
                Ok(p) => proposals.push(p),
                Err((column, what)) => known.push(Problem {
                    line: Some(row.line),
                    column,
                    what,
                }),
            }
        }
        let refuse = |problems: Vec<Problem>| {
            let errors = problems
                .into_iter()
                .map(|p| LineError {
                    line: p.line.unwrap_or(0),
                    column: p.column.header().into(),
                    message: p.what,
                })
                .collect();
            refused(&file, errors)
        };
        let id = self.propose_in(session, (kind, note), &proposals, known, refuse)?;
        Ok((id, left_out))
    }
}

/// A sheet refused: each problem at its file, line and column (the first thousand), and that
/// nothing was proposed.
fn refused(file: &str, errors: Vec<LineError>) -> Error {
    let total = errors.len() as u64;
    let mut lines: Vec<Msg> = errors
        .into_iter()
        .take(MAX_REPORTED)
        .map(|e| {
            AppraisalMsg::SheetLine {
                file: file.to_string(),
                line: e.line,
                column: e.column,
                what: Box::new(e.message),
            }
            .into()
        })
        .collect();
    lines.push(
        AppraisalMsg::SheetRefused {
            file: file.to_string(),
            errors: total,
        }
        .into(),
    );
    Error::BadInput(Msg::Lines { lines })
}

/// A row read into a proposal, or the column at fault and why.
fn proposal(row: &DecisionRow) -> std::result::Result<Proposal, (Column, Msg)> {
    let code: ArchivalCode = row
        .cell(Column::Code)
        .parse()
        .map_err(|e: crate::domain::CodeError| (Column::Code, e.msg()))?;
    let vocabulary = |column: Column, choices: Vocabulary| {
        let value = row.cell(column).to_string();
        (column, Msg::from(RecordMsg::NotOneOf { value, choices }))
    };
    let verdict = Verdict::parse(row.cell(Column::Verdict))
        .ok_or_else(|| vocabulary(Column::Verdict, Vocabulary::Verdict))?;
    let period = match row.cell(Column::Period) {
        "" => None,
        text => Some(
            Retention::parse(text)
                .ok_or_else(|| vocabulary(Column::Period, Vocabulary::Retention))?,
        ),
    };
    let until = match row.cell(Column::Until) {
        "" => None,
        text => {
            let folded = crate::domain::text::fold(text);
            let year = folded.trim_end_matches('年').parse::<i32>().ok();
            let year = year.filter(|y| (1000..=9998).contains(y));
            let text = text.to_string();
            Some(year.ok_or((Column::Until, AppraisalMsg::BadYear { text }.into()))?)
        }
    };
    let new_class = match row.cell(Column::NewClass) {
        "" => None,
        text => Some(
            Classification::parse(text)
                .ok_or_else(|| vocabulary(Column::NewClass, Vocabulary::Classification))?,
        ),
    };
    let reason = row.cell(Column::Reason).to_string();
    crate::domain::record::check_text(&reason, false).map_err(|e| (Column::Reason, e.0))?;
    Ok(Proposal {
        line: Some(row.line),
        code,
        decision: Decision {
            verdict,
            period,
            until,
            new_class,
            reason,
        },
    })
}
