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
use crate::domain::{ArchivalCode, Classification, Permission, Record, RecordQuery};
use crate::error::{Error, Result};
use crate::i18n::FileMsg;
use crate::i18n::RecordMsg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    /// One sheet with the same columns as the CSV, read back by `import records`.
    Xlsx,
}

/// The JSON form of a record, for `--json` output.
pub use crate::archive::exchange::json::full as record_json;
/// A CSV report for Excel and WPS, every cell guarded against running as a formula.
pub use crate::archive::exchange::spreadsheet::CsvReport;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// The rows of an Excel sheet.
const XLSX_MAX_ROWS: u64 = 1_048_576;

/// Whether `dir` or a folder above it is an archive (its database and audit key beside each
/// other): an export, report or print is never written over an archive's own files.
fn inside_an_archive(dir: &std::path::Path) -> Option<std::path::PathBuf> {
    dir.ancestors()
        .find(|d| d.join(crate::archive::DB_FILE).is_file() && d.join("audit.key").is_file())
        .map(std::path::Path::to_path_buf)
}

/// Writes to a temporary file beside the target and renames it into place, so a failed export
/// never leaves a half-written file where a complete one is expected. With `replace` false, a
/// file already there is kept and the write refused. A link is followed to its file, which
/// keeps its permissions; a device or pipe (`/dev/stdout`, a FIFO) is written into; a folder
/// and the inside of an archive directory are refused.
pub fn write_whole(
    path: &std::path::Path,
    replace: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<u64>,
) -> Result<u64> {
    let found = std::fs::metadata(path).ok();
    if let Some(meta) = &found {
        if meta.is_dir() {
            let path = path.display().to_string();
            return Err(Error::BadInput(FileMsg::IsFolder { path }.into()));
        }
        if !meta.is_file() {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            let mut buffered = std::io::BufWriter::new(file);
            let count = write(&mut buffered)?;
            buffered.flush().map_err(|e| Error::io(path, e))?;
            return Ok(count);
        }
    }
    // A link is replaced by its file's new content, not by a file of its own.
    let target = match &found {
        Some(_) => std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?,
        None => path.to_path_buf(),
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let absolute = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    if let Some(archive) = inside_an_archive(&absolute) {
        let dir = archive.display().to_string();
        return Err(Error::Refused(FileMsg::IntoArchive { dir }.into()));
    }
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    let count = {
        let mut buffered = std::io::BufWriter::new(temp.as_file_mut());
        let count = write(&mut buffered)?;
        buffered.flush().map_err(|e| Error::io(path, e))?;
        count
    };
    if let Some(meta) = &found {
        // The file keeps who may read it.
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| Error::io(path, e))?;
    }
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    let placed = if replace {
        temp.persist(&target)
    } else {
        temp.persist_noclobber(&target)
    };
    placed.map_err(|e| Error::io(path, e.error))?;
    Ok(count)
}

/// An export's audit detail with the keys of `about` (an object) added.
fn with_about(mut detail: serde_json::Value, about: serde_json::Value) -> serde_json::Value {
    if let (Some(detail), serde_json::Value::Object(about)) = (detail.as_object_mut(), about) {
        detail.extend(about);
    }
    detail
}

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
        let about = json!({
            "fonds": filter.fonds, "year": filter.year, "status": filter.status.map(|s| s.code()),
        });
        let total = self.audit_filtered(session, ("records.export", "records"), filter, about)?;
        let mut count = 0;
        match format {
            ExportFormat::Csv => {
                let mut writer = CsvRows::start(out)?;
                self.store.scan(|conn| {
                    records::for_each(conn, filter, sight, |record| {
                        count += 1;
                        writer.row(&record)
                    })
                })?;
                writer.finish()?;
            }
            ExportFormat::Xlsx => {
                // A sheet holds 1,048,576 rows, the header one of them: refused before a byte.
                if total >= XLSX_MAX_ROWS {
                    let rows = total;
                    return Err(Error::BadInput(RecordMsg::TooManyForXlsx { rows }.into()));
                }
                let mut rows = Vec::new();
                self.store.scan(|conn| {
                    records::for_each(conn, filter, sight, |record| {
                        rows.push(export_row(&record).collect::<Vec<_>>());
                        Ok(())
                    })
                })?;
                count = rows.len() as u64;
                crate::archive::print::write_table("档案", &export_headers(), &rows, out)?;
            }
            ExportFormat::Jsonl => {
                self.store.scan(|conn| {
                    records::for_each(conn, filter, sight, |record| {
                        let line = serde_json::Value::Object(json::catalogue(&record));
                        writeln!(out, "{line}").map_err(write_error)?;
                        count += 1;
                        Ok(())
                    })
                })?;
                out.flush().map_err(write_error)?;
            }
        }
        Ok(count)
    }

    /// Audits `action` on `object` before the records of `filter` within the session's sight leave
    /// the archive, when any of them is 秘密 or 机密: how many, how many restricted, the highest,
    /// and `about` (an object of more keys). Returns how many records the filter takes in.
    pub(in crate::archive) fn audit_filtered(
        &mut self,
        session: &Session,
        (action, object): (&str, &str),
        filter: &RecordQuery,
        about: serde_json::Value,
    ) -> Result<u64> {
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
            });
            let detail = with_about(detail, about);
            self.audited(session.name(), |tx, stamp| {
                stamp.append(tx, action, object, detail)
            })?;
        }
        Ok(total)
    }

    /// Audits `action` on `object` before records leave the archive, when any of them is 秘密 or
    /// 机密: how many (`classes`, one for each), how many restricted, the highest, and `about`
    /// (an object of more keys).
    pub(in crate::archive) fn audit_restricted(
        &mut self,
        session: &Session,
        (action, object): (&str, &str),
        classes: impl IntoIterator<Item = Classification>,
        about: serde_json::Value,
    ) -> Result<()> {
        let mut records = 0;
        let restricted: Vec<Classification> = classes
            .into_iter()
            .inspect(|_| records += 1)
            .filter(|c| *c > Classification::Internal)
            .collect();
        let Some(highest) = restricted.iter().max() else {
            return Ok(());
        };
        let detail = json!({
            "records": records, "restricted": restricted.len(), "class": highest.code(),
        });
        let detail = with_about(detail, about);
        self.audited(session.name(), |tx, stamp| {
            stamp.append(tx, action, object, detail)
        })?;
        Ok(())
    }

    /// Writes the records of `codes` as CSV, in the order given; a code the session may not see
    /// is refused as not found, before anything is written. Audited as `export_records` is.
    pub fn export_codes(
        &mut self,
        session: &Session,
        codes: &[ArchivalCode],
        out: &mut dyn Write,
    ) -> Result<u64> {
        session.require(Permission::ExportRecords)?;
        let chosen = codes
            .iter()
            .map(|code| self.record(session, code))
            .collect::<Result<Vec<_>>>()?;
        let codes: Vec<String> = codes.iter().map(ToString::to_string).collect();
        self.audit_restricted(
            session,
            ("records.export", "records"),
            chosen.iter().map(|r| r.data.classification),
            json!({ "codes": codes }),
        )?;
        let mut writer = CsvRows::start(out)?;
        for record in &chosen {
            writer.row(record)?;
        }
        writer.finish()?;
        Ok(chosen.len() as u64)
    }
}

/// The headers of an export, in Chinese as an office's own lists have them.
fn export_headers() -> Vec<&'static str> {
    EXPORT_COLUMNS.iter().map(|c| c.label_zh()).collect()
}

/// A record as the cells of an export, in `EXPORT_COLUMNS` order.
fn export_row(record: &Record) -> impl Iterator<Item = String> + '_ {
    EXPORT_COLUMNS.iter().map(|column| match column {
        Column::Code => record.code.to_string(),
        Column::Retention => record.retention().label_zh().to_string(),
        Column::Data(field) => record.data.get(*field),
        Column::Fonds
        | Column::Category
        | Column::Year
        | Column::Dept
        | Column::Catalogue
        | Column::Volume
        | Column::Item => String::new(),
    })
}

/// Records as CSV rows for Excel and WPS: a BOM, the Chinese headers, every cell guarded.
struct CsvRows<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
}

fn csv_error(e: csv::Error) -> Error {
    Error::BadInput(
        RecordMsg::WritingCsv {
            detail: e.to_string(),
        }
        .into(),
    )
}

impl<'a> CsvRows<'a> {
    fn start(out: &'a mut dyn Write) -> Result<CsvRows<'a>> {
        out.write_all(UTF8_BOM).map_err(write_error)?;
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(export_headers()).map_err(csv_error)?;
        Ok(CsvRows { writer })
    }

    fn row(&mut self, record: &Record) -> Result<()> {
        let row = export_row(record).map(|cell| guard(&cell).into_owned());
        self.writer.write_record(row).map_err(csv_error)
    }

    fn finish(mut self) -> Result<()> {
        self.writer.flush().map_err(write_error)
    }
}
