//! Catalogues printed and bound as archives keep them, written as .xlsx that Excel and WPS print
//! as they stand: A4 landscape, the header row repeated on every page, the fonds and year in the
//! page header, page numbers in the footer, 宋体 throughout.
//!
//! 归档文件目录 (DA/T 22-2015 5.5): one sheet per 保管期限 of a fonds' year, after a cover
//! (全宗号, 全宗名称, 年度, 保管期限); the columns 序号, 档号, 文号, 责任者, 题名, 日期, 密级,
//! 页数, 备注; dates as eight digits (19990909); no 密级 written for records that have none.

use std::collections::BTreeMap;
use std::io::Write;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use serde_json::json;

use crate::archive::browse::readable;
use crate::archive::store::{fonds, records};
use crate::archive::{Archive, Session};
use crate::domain::{Classification, Permission, Record, RecordQuery, Retention};
use crate::error::{Error, Result};
use crate::i18n::RecordMsg;

mod appraisal;
mod boxes;
mod stats;
mod suggest;
mod volumes;

pub use stats::{ReportFormat, number_text, stats_title};
pub use suggest::{confidence_text, suggested_field};

/// Excel's code for A4 paper.
const A4: u8 = 9;
pub(super) const FONT: &str = "宋体";

/// The columns of 归档文件目录 with their widths in characters, as DA/T 22 sets them out.
const CATALOGUE_COLUMNS: [(&str, f64); 9] = [
    ("序号", 6.0),
    ("档号", 26.0),
    ("文号", 16.0),
    ("责任者", 18.0),
    ("题名", 46.0),
    ("日期", 10.0),
    ("密级", 6.0),
    ("页数", 6.0),
    ("备注", 12.0),
];

pub(super) fn xlsx_error(e: XlsxError) -> Error {
    Error::Internal(format!("xlsx: {e}"))
}

/// The formats of a printed sheet: a title, the header cells, the body cells (wrapped), and
/// numbers centred.
pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) label: Format,
    pub(super) header: Format,
    pub(super) body: Format,
    pub(super) centred: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let base = Format::new().set_font_name(FONT).set_font_size(10.5);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        Styles {
            title: base
                .clone()
                .set_font_size(22)
                .set_bold()
                .set_align(FormatAlign::Center),
            label: base.clone().set_font_size(14),
            header: cell.clone().set_bold().set_align(FormatAlign::Center),
            centred: cell.clone().set_align(FormatAlign::Center),
            body: cell,
        }
    }
}

/// A sheet laid out for printing: A4 landscape, fitted to the page width, the first rows
/// repeated on every page, a header and a footer with the page numbers.
pub(super) fn for_print(sheet: &mut Worksheet, header: &str, repeat_rows: u32) -> Result<()> {
    sheet.set_paper_size(A4).set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.6, 0.6, 0.8, 0.8, 0.3, 0.3);
    // Header and footer text goes inside Excel's codes; & is its escape.
    let header = header.replace('&', "&&");
    if repeat_rows > 0 {
        sheet.set_header(format!("&C&\"{FONT},Regular\"&12{header}"));
        sheet.set_footer(format!("&C&\"{FONT},Regular\"第 &P 页 共 &N 页"));
        sheet
            .set_repeat_rows(0, repeat_rows - 1)
            .map_err(xlsx_error)?;
    }
    Ok(())
}

/// A date as DA/T 22 writes it in a catalogue: eight digits, or fewer for a partial date.
pub(super) fn catalogue_date(record: &Record) -> String {
    record
        .data
        .date
        .map(|d| d.to_string().replace('-', ""))
        .unwrap_or_default()
}

/// A 密级 as a printed catalogue writes it: nothing for a record or volume that has none.
pub(super) fn class_text(class: Classification) -> String {
    match class {
        Classification::Public => String::new(),
        other => other.label_zh().to_string(),
    }
}

fn catalogue_row(number: usize, record: &Record) -> [String; 9] {
    let d = &record.data;
    let class = class_text(d.classification);
    [
        number.to_string(),
        record.code.to_string(),
        d.doc_no.clone(),
        d.responsible.clone(),
        d.title.clone(),
        catalogue_date(record),
        class,
        d.pages.map(|p| p.to_string()).unwrap_or_default(),
        d.notes.clone(),
    ]
}

/// The cover of a bound catalogue: its name, then what it holds (fonds, year, retention …).
pub(super) fn cover(
    book: &mut Workbook,
    styles: &Styles,
    title: &str,
    lines: &[(&str, String)],
) -> Result<()> {
    let sheet = book.add_worksheet();
    sheet.set_name("封面").map_err(xlsx_error)?;
    for_print(sheet, "", 0)?;
    sheet.set_column_width(0, 16).map_err(xlsx_error)?;
    sheet.set_column_width(1, 48).map_err(xlsx_error)?;
    sheet
        .merge_range(2, 0, 2, 1, title, &styles.title)
        .map_err(xlsx_error)?;
    for (i, (label, value)) in lines.iter().enumerate() {
        let row = 6 + 2 * i as u32;
        sheet
            .write_string_with_format(row, 0, *label, &styles.label)
            .map_err(xlsx_error)?;
        sheet
            .write_string_with_format(row, 1, value, &styles.label)
            .map_err(xlsx_error)?;
    }
    Ok(())
}

/// A sheet of its own for printing, named `name`, with `header` at the top of every page and a
/// header row of `columns` (title, width in characters) repeated on each.
pub(super) fn start_table<'b>(
    book: &'b mut Workbook,
    styles: &Styles,
    name: &str,
    header: &str,
    columns: &[(&str, f64)],
) -> Result<&'b mut Worksheet> {
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(xlsx_error)?;
    for_print(sheet, header, 1)?;
    for (col, (title, width)) in columns.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, *width).map_err(xlsx_error)?;
        sheet
            .write_string_with_format(0, col, *title, &styles.header)
            .map_err(xlsx_error)?;
    }
    Ok(sheet)
}

/// The workbook as bytes, to `out`.
pub(super) fn save(book: &mut Workbook, out: &mut dyn Write) -> Result<()> {
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    out.write_all(&bytes)
        .map_err(|e| Error::io("xlsx output", e))
}

/// A plain table as .xlsx: the header row bold and frozen, every cell text (never a formula,
/// whatever it begins with).
pub fn write_table(
    name: &str,
    headers: &[&str],
    rows: &[Vec<String>],
    out: &mut dyn Write,
) -> Result<()> {
    let styles = Styles::new();
    let plain = Format::new().set_font_name(FONT);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(xlsx_error)?;
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    for (col, header) in headers.iter().enumerate() {
        let col = col as u16;
        let width = if *header == "题名" { 48 } else { 14 };
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
        sheet
            .write_string_with_format(0, col, *header, &styles.header)
            .map_err(xlsx_error)?;
    }
    for (i, row) in rows.iter().enumerate() {
        for (col, value) in row.iter().enumerate() {
            sheet
                .write_string_with_format(i as u32 + 1, col as u16, value, &plain)
                .map_err(xlsx_error)?;
        }
    }
    save(&mut book, out)
}

impl Archive {
    /// Writes the 归档文件目录 of a fonds' year as .xlsx to `out`: the records the session may
    /// see, in code order, one sheet per retention period; returns how many records. A catalogue
    /// that lists 秘密 or 机密 records is audited before it is written, as an export is.
    pub fn print_catalogue(
        &mut self,
        session: &Session,
        fonds_code: &str,
        year: u16,
        out: &mut dyn Write,
    ) -> Result<u64> {
        session.require(Permission::ExportRecords)?;
        let fonds_code = crate::domain::text::fold(fonds_code).to_ascii_uppercase();
        let sight = readable(session)?;
        let conn = self.store.conn();
        let Some(fonds_name) = fonds::list(conn, sight)?
            .into_iter()
            .find(|f| f.code == fonds_code)
            .map(|f| f.name)
        else {
            return Err(Error::BadInput(crate::archive::records::unknown_fonds(
                &fonds_code,
            )));
        };
        let filter = RecordQuery {
            fonds: Some(fonds_code.clone()),
            year: Some(year),
            ..RecordQuery::default()
        };
        let mut by_retention: BTreeMap<Retention, Vec<Record>> = BTreeMap::new();
        records::for_each(conn, &filter, sight, |record| {
            by_retention
                .entry(record.code.group.retention)
                .or_default()
                .push(record);
            Ok(())
        })?;
        let total: usize = by_retention.values().map(Vec::len).sum();
        if total == 0 {
            let fonds = fonds_code.clone();
            return Err(Error::NotFound(
                RecordMsg::NothingToPrint { fonds, year }.into(),
            ));
        }
        let about = json!({ "fonds": fonds_code, "year": year });
        let classes = by_retention
            .values()
            .flatten()
            .map(|r| r.data.classification);
        self.audit_restricted(session, ("catalogue.print", "归档文件目录"), classes, about)?;
        let styles = Styles::new();
        let mut book = Workbook::new();
        let retentions: Vec<&str> = by_retention.keys().rev().map(|r| r.label_zh()).collect();
        cover(
            &mut book,
            &styles,
            "归档文件目录",
            &[
                ("全宗号", fonds_code.clone()),
                ("全宗名称", fonds_name.clone()),
                ("年度", year.to_string()),
                ("保管期限", retentions.join("、")),
            ],
        )?;
        // Permanent first, as catalogues are bound.
        for (retention, list) in by_retention.iter().rev() {
            let name = retention.label_zh();
            let header = format!("归档文件目录  {fonds_code} {fonds_name}  {year}年度  {name}");
            let sheet = start_table(&mut book, &styles, name, &header, &CATALOGUE_COLUMNS)?;
            for (i, record) in list.iter().enumerate() {
                let row = i as u32 + 1;
                for (col, value) in catalogue_row(i + 1, record).into_iter().enumerate() {
                    let col = col as u16;
                    // 序号 and 页数 are numbers (no "number stored as text" marks); they, 日期
                    // and 密级 are short: centred.
                    let written = match (col, value.parse::<u32>()) {
                        (0 | 7, Ok(n)) => {
                            sheet.write_number_with_format(row, col, n, &styles.centred)
                        }
                        (0 | 5 | 6 | 7, _) => {
                            sheet.write_string_with_format(row, col, value, &styles.centred)
                        }
                        _ => sheet.write_string_with_format(row, col, value, &styles.body),
                    };
                    written.map_err(xlsx_error)?;
                }
            }
        }
        save(&mut book, out)?;
        Ok(total as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_rows_follow_da_t_22() {
        let record = Record {
            code: "Z109-WS·2011-Y-BGS-0001".parse().unwrap(),
            data: crate::domain::RecordData {
                title: "关于《档案法》实施的通知".into(),
                date: "2011-03-09".parse().ok(),
                classification: Classification::Public,
                pages: Some(12),
                ..Default::default()
            },
            id: 1,
            version: 1,
            created_at: String::new(),
            created_by: String::new(),
            updated_at: String::new(),
            updated_by: String::new(),
            imported: None,
        };
        let row = catalogue_row(3, &record);
        assert_eq!(row[0], "3");
        assert_eq!(row[1], "Z109-WS·2011-Y-BGS-0001");
        assert_eq!(row[5], "20110309");
        assert_eq!(row[6], "", "no 密级 is written for a record without one");
        assert_eq!(row[7], "12");
    }
}
