//! CSV cells a spreadsheet will open. Excel and WPS run a cell that begins with `=`, `+`, `-` or
//! `@` (and, in some versions, a tab or carriage return) as a formula, so a title like
//! `=HYPERLINK(…)` would act when the export is opened. As OWASP advises, such a cell is written
//! with a leading `'`, which the spreadsheet shows as text; dangan reads that `'` away again, so
//! an export imports back exactly as it was.

use std::borrow::Cow;

/// What a spreadsheet takes as the start of a formula.
fn starts_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell that begins with a quote guarding one of these: its own quote is guarded too, so the
/// way back is never in doubt.
fn needs_guard(text: &str) -> bool {
    starts_formula(text) || text.strip_prefix('\'').is_some_and(needs_guard)
}

/// The cell as written to a CSV file.
pub fn guard(cell: &str) -> Cow<'_, str> {
    if needs_guard(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as it was before `guard`; any other cell is left as it is.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// A CSV report (UTF-8 with a byte-order mark, for Excel and WPS), every cell guarded.
pub struct CsvReport {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for CsvReport {
    fn default() -> Self {
        CsvReport {
            writer: csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new()),
        }
    }
}

impl CsvReport {
    pub fn row(&mut self, fields: &[&str]) -> crate::error::Result<()> {
        self.writer
            .write_record(fields.iter().map(|f| guard(f).into_owned()))
            .map_err(|e| crate::error::Error::Internal(format!("CSV: {e}")))
    }

    pub fn finish(self) -> crate::error::Result<String> {
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| crate::error::Error::Internal(format!("CSV: {e}")))?;
        Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded_and_read_back_as_they_were() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"点击\")",
            "+86-571",
            "-5",
            "@SUM(A1)",
            "'=already quoted",
            "''",
            "'",
            "'普通",
            "关于《档案法》的通知",
            "",
        ] {
            let written = guard(cell);
            assert!(!starts_formula(&written), "{cell}");
            assert_eq!(unguard(&written), cell);
        }
        assert_eq!(guard("关于=的说明"), "关于=的说明");
        assert_eq!(guard("=1+1"), "'=1+1");
    }
}
