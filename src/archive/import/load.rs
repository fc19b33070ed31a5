//! Reading the rows of each kind of file into the loader: CSV (any encoding, lines as an editor
//! numbers them), a workbook's sheet, JSON Lines.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::{CSV_BUFFER, LineError};
use crate::archive::exchange::columns::Layout;
use crate::archive::exchange::spreadsheet::unguard;
use crate::archive::exchange::{atom_read, decode, json, workbook};
use crate::error::{Error, Result};
use crate::i18n::{Count, Msg, Noun, RecordMsg};

/// Where the rows of a list go, each with the line an editor shows: written by an import, or
/// only checked, as a department's package is before it is sent.
pub(in crate::archive) trait Rows {
    fn row(&mut self, layout: &Layout, line: u64, cells: &[&str]) -> Result<()>;
    fn error(&mut self, line: u64, column: &str, message: Msg);
}

/// Loads every row of a CSV file; returns the columns it ignored.
pub(in crate::archive) fn load_csv(
    path: &Path,
    input: decode::DecodedFile,
    loader: &mut impl Rows,
) -> Result<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .buffer_capacity(CSV_BUFFER)
        .delimiter(decode::delimiter(path, &input))
        .flexible(true)
        .from_reader(input.reader);
    let lines = input.lines;
    let malformed = |e: csv::Error| {
        let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
        let detail = match e.kind() {
            csv::ErrorKind::Io(io) => io.to_string(),
            _ => e.to_string(),
        };
        let message = RecordMsg::MalformedCsv { detail }.into();
        LineError {
            line,
            column: "-".into(),
            message,
        }
    };
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => {
            let error = malformed(e);
            loader.error(error.line, &error.column, error.message);
            return Ok(Vec::new());
        }
    };
    if headers.iter().all(|h| h.trim().is_empty()) {
        loader.error(1, "header", RecordMsg::EmptyFile.into());
        return Ok(Vec::new());
    }
    if atom_read::is_atom(&headers) {
        return atom_read::load(&mut reader, &headers, &lines, loader);
    }
    let layout = match Layout::new(&headers) {
        Ok(layout) => layout,
        Err(message) => {
            loader.error(1, "header", message);
            return Ok(Vec::new());
        }
    };
    // Byte records, decoded per cell: a bad byte spoils one cell (reported), not the whole read.
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| lines.record_line(p.byte()));
                if record.iter().all(|c| c.trim_ascii().is_empty()) {
                    continue;
                }
                // A short row is a line cut off, or a comma too many on another: refused, not
                // filled with blanks.
                let extra = record
                    .iter()
                    .skip(headers.len())
                    .any(|c| !c.trim_ascii().is_empty());
                if extra || record.len() < headers.len() {
                    let mut message: Msg = RecordMsg::FieldCount {
                        found: Count::of(record.len(), Noun::Field),
                        header: headers.len() as u64,
                    }
                    .into();
                    let next = lines.line_at(reader.position().byte());
                    if let Some(runaway) = decode::runaway_quote(&record, line, next) {
                        message = RecordMsg::Joined {
                            first: Box::new(message),
                            second: Box::new(runaway),
                        }
                        .into();
                    }
                    loader.error(line, "-", message);
                    continue;
                }
                let texts: Vec<std::borrow::Cow<str>> =
                    record.iter().map(String::from_utf8_lossy).collect();
                // A cell exported with a guard against formulas reads back as it was.
                let cells: Vec<&str> = texts.iter().map(|t| unguard(t)).collect();
                loader.row(&layout, line, &cells)?;
            }
            Err(e) => {
                // The reader cannot resynchronise after a broken quote: report it and stop.
                let error = malformed(e);
                loader.error(error.line, &error.column, error.message);
                break;
            }
        }
    }
    Ok(layout.ignored())
}

/// Loads every row of a workbook's sheet; returns the columns it ignored.
pub(in crate::archive) fn load_sheet(
    sheet: &workbook::Sheet,
    loader: &mut impl Rows,
) -> Result<Vec<String>> {
    let layout = match Layout::new(&sheet.header) {
        Ok(layout) => layout,
        Err(message) => {
            loader.error(u64::from(sheet.header_row), "header", message);
            return Ok(Vec::new());
        }
    };
    for (row, cells) in &sheet.rows {
        let extra = cells
            .iter()
            .skip(layout.columns.len())
            .any(|c| !c.trim().is_empty());
        if extra {
            let message = RecordMsg::FieldCount {
                found: Count::of(cells.len(), Noun::Field),
                header: layout.columns.len() as u64,
            };
            loader.error(u64::from(*row), "-", message.into());
            continue;
        }
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        loader.row(&layout, u64::from(*row), &cells)?;
    }
    Ok(layout.ignored())
}

/// Loads JSON Lines with the keys `dangan export --format jsonl` writes (or any column name).
pub(in crate::archive) fn load_jsonl(
    input: decode::DecodedFile,
    loader: &mut impl Rows,
) -> Result<Vec<String>> {
    let mut ignored = Vec::new();
    let mut layouts: HashMap<Vec<String>, Result<Layout, Msg>> = HashMap::new();
    for (index, line) in BufReader::new(input.reader).lines().enumerate() {
        let number = index as u64 + 1;
        let line = line.map_err(|e| {
            let detail = e.to_string();
            Error::BadInput(
                RecordMsg::ReadLine {
                    line: number,
                    detail,
                }
                .into(),
            )
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let object: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(&line) {
            Ok(object) => object,
            Err(e) => {
                let detail = e.to_string();
                loader.error(number, "-", RecordMsg::NotJsonObject { detail }.into());
                continue;
            }
        };
        let keys: Vec<String> = object.keys().cloned().collect();
        let layout = layouts
            .entry(keys.clone())
            .or_insert_with(|| Layout::new(&keys));
        let layout = match layout {
            Ok(layout) => layout,
            Err(message) => {
                loader.error(number, "-", message.clone());
                continue;
            }
        };
        for name in layout.ignored() {
            if !ignored.contains(&name) {
                ignored.push(name);
            }
        }
        let mut texts = Vec::with_capacity(keys.len());
        for (key, value) in &object {
            match json::cell_text(value) {
                Some(text) => texts.push(text),
                None => {
                    loader.error(number, key, RecordMsg::JsonCell.into());
                    texts.push(String::new());
                }
            }
        }
        let cells: Vec<&str> = texts.iter().map(String::as_str).collect();
        loader.row(layout, number, &cells)?;
    }
    Ok(ignored)
}
