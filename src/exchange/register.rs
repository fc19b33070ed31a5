//! Reading a paper register typed into a spreadsheet: CSV or TSV in any encoding the record import
//! reads, with any of its column names. Values are kept as written (the paper has typos); only the
//! shape of the file can be wrong.

use std::path::Path;

use encoding_rs::Encoding;
use sha2::{Digest, Sha256};

use super::columns::{Column, column_for};
use super::decode;
use crate::archive::import::{ImportFailure, LineError};
use crate::domain::register::{COMPARED, Columns, PaperLine};
use crate::error::{Error, Result};

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

pub fn read(path: &Path, encoding: Option<&'static Encoding>) -> Result<RegisterFile> {
    let sha256 = sha256_of(path)?;
    let input = decode::open(path, encoding)?;
    let delimiter = decode::delimiter(path, &input);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input.reader);
    let fail = |line: u64, column: &str, message: String| {
        Error::Import(ImportFailure {
            file: path.display().to_string(),
            errors: vec![LineError {
                line,
                column: column.into(),
                message,
            }],
            more: 0,
        })
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| fail(1, "header", format!("malformed CSV: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mapped: Vec<Option<Column>> = headers.iter().map(|h| column_for(h)).collect();
    let position = |c: Column| mapped.iter().position(|m| *m == Some(c));
    let group = [
        Column::Fonds,
        Column::Year,
        Column::Retention,
        Column::Dept,
        Column::Item,
    ]
    .map(position);
    let columns = Columns {
        code: position(Column::Code).is_some() || group.iter().all(Option::is_some),
        fields: COMPARED
            .into_iter()
            .filter(|f| position(Column::Data(*f)).is_some())
            .collect(),
    };
    if position(Column::Data(crate::domain::Field::Title)).is_none() {
        return Err(fail(
            1,
            "header",
            "no title column (题名 / title): lines are matched by their titles".into(),
        ));
    }
    let separator = char::from(delimiter).to_string();
    let mut lines = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let line_no = record.position().map_or(0, |p| p.line());
                let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
                let code = match position(Column::Code) {
                    Some(i) => cell(Some(i)).to_string(),
                    None if columns.code => {
                        let [f, y, r, d, n] = group.map(cell);
                        let item = n
                            .parse::<u32>()
                            .map_or(n.to_string(), |n| format!("{n:04}"));
                        format!("{f}-{y}-{r}-{d}-{item}")
                    }
                    None => String::new(),
                };
                let values = columns
                    .fields
                    .iter()
                    .map(|f| (*f, cell(position(Column::Data(*f))).to_string()))
                    .collect();
                lines.push(PaperLine {
                    line_no,
                    raw: record.iter().collect::<Vec<_>>().join(&separator),
                    code,
                    values,
                });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(fail(line, "-", format!("malformed CSV: {e}")));
            }
        }
    }
    Ok(RegisterFile {
        columns,
        lines,
        sha256,
    })
}
