//! Reading a paper register typed into a spreadsheet: CSV or TSV in any encoding the record import
//! reads, with any of its column names. Values are kept as written (the paper has typos); only the
//! shape of the file can be wrong.

use std::path::Path;

use encoding_rs::Encoding;
use sha2::{Digest, Sha256};

use super::columns::{Column, column_for, repeated_column};
use super::spreadsheet::unguard;
use super::{decode, workbook};
use crate::archive::import::{ImportFailure, LineError, MAX_REPORTED};
use crate::domain::record::check_text;
use crate::domain::register::{COMPARED, Columns, PaperLine};
use crate::domain::{Field, FieldError};
use crate::error::{Error, Result};
use crate::i18n::{Msg, RecordMsg};

/// The register's columns, its lines and the SHA-256 of the file as it was read.
pub struct RegisterFile {
    pub columns: Columns,
    pub lines: Vec<PaperLine>,
    pub sha256: String,
}

/// The SHA-256 of some bytes in hex: a register file, a certificate.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn sha256_of(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(sha256_hex(&bytes))
}

/// How a register's columns map: what it compares, where each column is, and where the parts
/// of a code are when it has no 档号 column.
struct Shape {
    columns: Columns,
    mapped: Vec<Option<Column>>,
    parts: CodeParts,
}

/// Where the parts of a code are in a register without a 档号 column: 件-level (with or without
/// the 门类) or inside volumes.
struct CodeParts {
    fonds: Option<usize>,
    category: Option<usize>,
    year: Option<usize>,
    retention: Option<usize>,
    dept: Option<usize>,
    catalogue: Option<usize>,
    volume: Option<usize>,
    item: Option<usize>,
}

impl CodeParts {
    fn complete(&self) -> bool {
        let all = |parts: &[Option<usize>]| parts.iter().all(Option::is_some);
        let dept = self.dept.or(self.category);
        all(&[self.fonds, self.item])
            && (all(&[self.catalogue, self.volume]) || all(&[self.year, self.retention, dept]))
    }

    /// The code the parts of a line spell, as a person would write it.
    fn code(&self, cell: &dyn Fn(Option<usize>) -> String) -> String {
        let n = cell(self.item);
        let item = n.parse::<u32>().map_or(n, |n| format!("{n:04}"));
        let fonds = cell(self.fonds);
        if self.catalogue.is_some() && self.volume.is_some() {
            let (catalogue, volume) = (cell(self.catalogue), cell(self.volume));
            return format!("{fonds}-{catalogue}-{volume}-{item}");
        }
        let category = cell(self.category);
        let category = if category.is_empty() {
            category
        } else {
            format!("{category}·")
        };
        let (year, retention, dept) = (cell(self.year), cell(self.retention), cell(self.dept));
        let dept = if dept.is_empty() {
            dept
        } else {
            format!("-{dept}")
        };
        format!("{fonds}-{category}{year}-{retention}{dept}-{item}")
    }
}

impl Shape {
    fn new(headers: &[String]) -> std::result::Result<Shape, Msg> {
        if let Some(message) = repeated_column(headers) {
            return Err(message);
        }
        let mapped: Vec<Option<Column>> = headers.iter().map(|h| column_for(h)).collect();
        let position = |c: Column| mapped.iter().position(|m| *m == Some(c));
        let parts = CodeParts {
            fonds: position(Column::Fonds),
            category: position(Column::Category),
            year: position(Column::Year),
            retention: position(Column::Retention),
            dept: position(Column::Dept),
            catalogue: position(Column::Catalogue),
            volume: position(Column::Volume),
            item: position(Column::Item),
        };
        let columns = Columns {
            code: position(Column::Code).is_some() || parts.complete(),
            fields: COMPARED
                .into_iter()
                .filter(|f| position(Column::Data(*f)).is_some())
                .collect(),
        };
        if position(Column::Data(Field::Title)).is_none() {
            return Err(RecordMsg::NoTitleColumn.into());
        }
        Ok(Shape {
            columns,
            mapped,
            parts,
        })
    }

    fn position(&self, column: Column) -> Option<usize> {
        self.mapped.iter().position(|m| *m == Some(column))
    }

    fn line(&self, texts: &[String], line_no: u64, separator: &str) -> PaperLine {
        let position = |c: Column| self.position(c);
        paper_line(
            texts,
            line_no,
            &self.columns,
            &self.parts,
            &position,
            separator,
        )
    }
}

/// One error for the whole file, at `line`.
pub(super) fn failure(file: &str, line: u64, column: &str, message: Msg) -> Error {
    Error::Import(ImportFailure {
        file: file.to_string(),
        errors: vec![LineError {
            line,
            column: column.into(),
            message,
        }],
        more: 0,
    })
}

/// The register read, or every problem found in it: nothing is kept of a file with any.
fn finished(
    file: String,
    (errors, more): (Vec<LineError>, u64),
    columns: Columns,
    lines: Vec<PaperLine>,
    sha256: String,
) -> Result<RegisterFile> {
    if !errors.is_empty() {
        return Err(Error::Import(ImportFailure { file, errors, more }));
    }
    Ok(RegisterFile {
        columns,
        lines,
        sha256,
    })
}

/// Keeps a line's problems, up to the most reported.
fn note(errors: &mut Vec<LineError>, more: &mut u64, line: u64, problems: Vec<(String, Msg)>) {
    for (column, message) in problems {
        if errors.len() < MAX_REPORTED {
            errors.push(LineError {
                line,
                column,
                message,
            });
        } else {
            *more += 1;
        }
    }
}

/// A register kept in a workbook: the sheet named (or the only one filled), its header found
/// under any title rows, each line by the row number the spreadsheet shows.
fn read_workbook(path: &Path, sheet: Option<&str>, sha256: String) -> Result<RegisterFile> {
    let is_header = |h: &[String]| {
        h.iter()
            .any(|x| column_for(x) == Some(Column::Data(Field::Title)))
    };
    let sheet = workbook::read(path, sheet, &is_header).map_err(Error::BadInput)?;
    let file = format!("{}:{}", path.display(), sheet.name);
    let headers: Vec<String> = sheet.header.iter().map(|h| h.trim().to_string()).collect();
    let shape = Shape::new(&headers)
        .map_err(|m| failure(&file, u64::from(sheet.header_row), "header", m))?;
    let (mut lines, mut errors, mut more) = (Vec::new(), Vec::new(), 0);
    for (row, texts) in &sheet.rows {
        let problems = shape_problems(texts, &headers);
        if problems.is_empty() {
            lines.push(shape.line(texts, u64::from(*row), "\t"));
        }
        note(&mut errors, &mut more, u64::from(*row), problems);
    }
    finished(file, (errors, more), shape.columns, lines, sha256)
}

pub fn read(
    path: &Path,
    encoding: Option<&'static Encoding>,
    sheet: Option<&str>,
) -> Result<RegisterFile> {
    let sha256 = sha256_of(path)?;
    if workbook::is_workbook(path) {
        return read_workbook(path, sheet, sha256);
    }
    let input = decode::open(path, encoding)?;
    let delimiter = decode::delimiter(path, &input);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input.reader);
    let line_index = input.lines;
    let file = path.display().to_string();
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            let detail = e.to_string();
            failure(
                &file,
                1,
                "header",
                RecordMsg::MalformedCsv { detail }.into(),
            )
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let shape = Shape::new(&headers).map_err(|m| failure(&file, 1, "header", m))?;
    let separator = char::from(delimiter).to_string();
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut more = 0;
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|c| c.trim_ascii().is_empty()) {
                    continue;
                }
                let line_no = record
                    .position()
                    .map_or(0, |p| line_index.record_line(p.byte()));
                // Bytes decoded per cell: a bad byte is reported in its cell, not as a broken file.
                let texts: Vec<String> = record
                    .iter()
                    .map(|c| unguard(&String::from_utf8_lossy(c)).to_string())
                    .collect();
                let next = line_index.line_at(reader.position().byte());
                let problems = match decode::runaway_quote(&record, line_no, next) {
                    Some(runaway) => vec![("-".to_string(), runaway)],
                    None => shape_problems(&texts, &headers),
                };
                if problems.is_empty() {
                    lines.push(shape.line(&texts, line_no, &separator));
                }
                note(&mut errors, &mut more, line_no, problems);
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| line_index.line_at(p.byte()));
                errors.push(LineError {
                    line,
                    column: "-".into(),
                    message: RecordMsg::MalformedCsv {
                        detail: e.to_string(),
                    }
                    .into(),
                });
                break;
            }
        }
    }
    finished(file, (errors, more), shape.columns, lines, sha256)
}

/// A line of the register as the paper has it.
fn paper_line(
    texts: &[String],
    line_no: u64,
    columns: &Columns,
    parts: &CodeParts,
    position: &dyn Fn(Column) -> Option<usize>,
    separator: &str,
) -> PaperLine {
    let cell = |i: Option<usize>| i.and_then(|i| texts.get(i)).map_or("", |t| t.trim());
    let code = match position(Column::Code) {
        Some(i) => cell(Some(i)).to_string(),
        None if columns.code => parts.code(&|i| cell(i).to_string()),
        None => String::new(),
    };
    let values = columns
        .fields
        .iter()
        .map(|f| (*f, cell(position(Column::Data(*f))).to_string()))
        .collect();
    PaperLine {
        line_no,
        raw: texts.join(separator),
        code,
        values,
    }
}

/// What makes a line unfit to keep, by column: cells past the header's (a line run together with
/// the next, or a separator too many), and text no record could hold (control characters,
/// bidirectional controls, undecodable bytes, overlong cells).
fn shape_problems(texts: &[String], headers: &[String]) -> Vec<(String, Msg)> {
    let mut problems = Vec::new();
    if texts
        .iter()
        .skip(headers.len())
        .any(|t| !t.trim().is_empty())
    {
        let message = RecordMsg::FieldCount {
            found: crate::i18n::Count::of(texts.len(), crate::i18n::Noun::Field),
            header: headers.len() as u64,
        };
        problems.push(("-".to_string(), message.into()));
    }
    for (text, header) in texts.iter().zip(headers) {
        if let Err(FieldError(message)) = check_text(text.trim(), false) {
            problems.push((header.clone(), message));
        }
    }
    problems
}
