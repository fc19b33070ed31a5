//! The worker's side of work on several records at once: lending and returning the marked
//! records one by one (each refused one said, the rest done), exporting the marked records or
//! all results, and writing a loan slip (借阅单).

use std::path::PathBuf;

use super::{LoanEvent, Reply};
use crate::archive::export::{ExportFormat, write_whole};
use crate::archive::loans::LoanRequest;
use crate::archive::{Archive, Session};
use crate::domain::loan::{Loan, LoanFilter};
use crate::domain::{ArchivalCode, Permission, RecordQuery};
use crate::error::Result;
use crate::i18n::Lang;

/// What an export writes: the marked records, a list's, or a search's all.
#[derive(Debug, Clone)]
pub enum ExportOf {
    Codes(Vec<ArchivalCode>),
    List(RecordQuery),
    Search(String),
}

/// What a clerk prints from the workstation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintOf {
    /// 归档文件目录 of a fonds' year.
    Catalogue { fonds: String, year: u16 },
    /// 案卷目录 of a catalogue.
    Volumes { fonds: String, catalogue: String },
    /// A volume's cover and 卷内目录.
    Contents(crate::domain::volume::VolumeCode),
}

/// A catalogue printed to a new file.
pub fn print(
    archive: &mut Archive,
    session: &Session,
    of: PrintOf,
    path: PathBuf,
) -> Result<Reply> {
    let count = write_whole(&path, false, |out| match &of {
        PrintOf::Catalogue { fonds, year } => archive.print_catalogue(session, fonds, *year, out),
        PrintOf::Volumes { fonds, catalogue } => {
            archive.print_volumes(session, fonds, Some(catalogue), out)
        }
        PrintOf::Contents(code) => archive.print_contents(session, code, out),
    })?;
    Ok(Reply::Written { path, count })
}

/// Each record lent (or, for a reader, asked for) in turn; those refused are told, not lost.
pub fn lend(
    archive: &mut Archive,
    session: &Session,
    codes: &[ArchivalCode],
    request: &LoanRequest,
) -> Reply {
    let lends = session.role().allows(Permission::Lend);
    let mut done = Vec::new();
    let mut failed = Vec::new();
    for code in codes {
        let result = if lends {
            archive.lend(session, code, request).map(|_| ())
        } else {
            archive.request_loan(session, code, request).map(|_| ())
        };
        match result {
            Ok(()) => done.push(code.to_string()),
            Err(e) => failed.push((code.to_string(), e)),
        }
    }
    let event = if lends {
        LoanEvent::Lent
    } else {
        LoanEvent::Requested
    };
    Reply::Batch {
        event,
        done,
        failed,
    }
}

pub fn take_back(
    archive: &mut Archive,
    session: &Session,
    codes: &[ArchivalCode],
    condition: &str,
) -> Reply {
    let mut done = Vec::new();
    let mut failed = Vec::new();
    for code in codes {
        match archive.return_loan(session, code, condition) {
            Ok(_) => done.push(code.to_string()),
            Err(e) => failed.push((code.to_string(), e)),
        }
    }
    Reply::Batch {
        event: LoanEvent::Returned,
        done,
        failed,
    }
}

/// Writes the CSV; a file already at `path` is kept and the export refused.
pub fn export(
    archive: &mut Archive,
    session: &Session,
    of: ExportOf,
    path: PathBuf,
) -> Result<Reply> {
    let count = match of {
        ExportOf::Codes(codes) => write_whole(&path, false, |out| {
            archive.export_codes(session, &codes, out)
        })?,
        ExportOf::List(filter) => write_whole(&path, false, |out| {
            archive.export_records(session, &filter, ExportFormat::Csv, out)
        })?,
        ExportOf::Search(text) => {
            let total = archive.search(session, &text, 1)?.total;
            let hits = archive.search_window(session, &text, 0..total, false)?;
            let codes: Vec<ArchivalCode> = hits.hits.into_iter().map(|f| f.record.code).collect();
            write_whole(&path, false, |out| {
                archive.export_codes(session, &codes, out)
            })?
        }
    };
    Ok(Reply::Written { path, count })
}

/// The slip of the visit a loan was part of: every record lent to the same borrower the same
/// day, as the session may see them.
pub fn slip(
    archive: &mut Archive,
    session: &Session,
    code: &ArchivalCode,
    lang: Lang,
    path: PathBuf,
) -> Result<Reply> {
    let record = archive.record(session, code)?;
    let of_record = LoanFilter {
        record_id: Some(record.id),
        ..LoanFilter::default()
    };
    let Some(latest) = archive.loans(session, &of_record)?.into_iter().next() else {
        return Err(crate::Error::NotFound(
            crate::i18n::LoanMsg::NotOut {
                code: code.to_string(),
            }
            .into(),
        ));
    };
    let visit = LoanFilter {
        borrower: Some(latest.borrower.name.clone()),
        from: latest.out_on,
        to: latest.out_on,
        ..LoanFilter::default()
    };
    let loans: Vec<Loan> = archive.loans(session, &visit)?;
    let text = crate::domain::slip::render(&loans, archive.today(), lang);
    let count = write_whole(&path, false, |out| {
        out.write_all(text.as_bytes())
            .map_err(|e| crate::Error::io(&path, e))?;
        Ok(loans.len() as u64)
    })?;
    Ok(Reply::Written { path, count })
}
