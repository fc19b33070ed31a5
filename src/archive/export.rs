//! `dangan export records`: CSV (UTF-8 with BOM, Chinese headers, so Excel and WPS open it as is)
//! or JSON Lines. Both import back unchanged.

use std::io::Write;

use serde_json::json;

use crate::archive::exchange::columns::Column;
use crate::archive::exchange::json::{self, EXPORT_COLUMNS};
use crate::archive::exchange::spreadsheet::guard;
use crate::archive::sight::Sight;
use crate::archive::store::records;
use crate::archive::{Archive, Session};
use crate::domain::RecordQuery;
use crate::domain::{Classification, Permission};
use crate::error::{Error, Result};
use crate::i18n::RecordMsg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Jsonl,
}

/// The JSON form of a record, for `--json` output.
pub use crate::archive::exchange::json::full as record_json;
/// A CSV report for Excel and WPS, every cell guarded against running as a formula.
pub use crate::archive::exchange::spreadsheet::CsvReport;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fn write_error(e: std::io::Error) -> Error {
    Error::io("export output", e)
}

impl Archive {
    /// Writes the records of `filter` the session may see, in archival-code order; returns how
    /// many. An export that carries 秘密 or 机密 records is audited, with their count, before a
    /// byte of it goes out: a failed write or a killed process cannot leave it unrecorded.
    pub fn export_records(
        &mut self,
        session: &Session,
        filter: &RecordQuery,
        format: ExportFormat,
        out: &mut dyn Write,
    ) -> Result<u64> {
        session.require(Permission::ExportRecords)?;
        let sight = Sight::of(session);
        let conn = self.store.conn();
        let below = |ceiling| records::count(conn, filter, sight.capped(ceiling));
        let total = records::count(conn, filter, sight)?;
        let restricted = total - below(Classification::Internal)?;
        if restricted > 0 {
            let highest = if total > below(Classification::Secret)? {
                Classification::Confidential
            } else {
                Classification::Secret
            };
            let detail = json!({
                "records": total, "restricted": restricted, "class": highest.code(),
                "fonds": filter.fonds, "year": filter.year, "status": filter.status.map(|s| s.code()),
            });
            self.audited(session.name(), |tx, stamp| {
                stamp.append(tx, "records.export", "records", detail)
            })?;
        }
        let mut count = 0;
        match format {
            ExportFormat::Csv => {
                out.write_all(UTF8_BOM).map_err(write_error)?;
                let mut writer = csv::Writer::from_writer(out);
                let csv_error = |e: csv::Error| {
                    Error::BadInput(
                        RecordMsg::WritingCsv {
                            detail: e.to_string(),
                        }
                        .into(),
                    )
                };
                writer
                    .write_record(EXPORT_COLUMNS.iter().map(|c| c.label_zh()))
                    .map_err(csv_error)?;
                records::for_each(self.store.conn(), filter, sight, |record| {
                    let row = EXPORT_COLUMNS.iter().map(|column| match column {
                        Column::Code => record.code.to_string(),
                        Column::Retention => record.retention().label_zh().to_string(),
                        Column::Data(field) => record.data.get(*field),
                        Column::Fonds | Column::Year | Column::Dept | Column::Item => String::new(),
                    });
                    let row = row.map(|cell| guard(&cell).into_owned());
                    writer.write_record(row).map_err(csv_error)?;
                    count += 1;
                    Ok(())
                })?;
                writer.flush().map_err(write_error)?;
            }
            ExportFormat::Jsonl => {
                records::for_each(self.store.conn(), filter, sight, |record| {
                    let line = serde_json::Value::Object(json::catalogue(&record));
                    writeln!(out, "{line}").map_err(write_error)?;
                    count += 1;
                    Ok(())
                })?;
                out.flush().map_err(write_error)?;
            }
        }
        Ok(count)
    }
}
