//! Spreadsheets as offices keep them (.xlsx from Excel and WPS, the older .xls, .xlsb, .ods):
//! one sheet chosen by name, its rows as text the way the cells show, with the row numbers the
//! spreadsheet shows. A sheet may open with title rows above its header (a merged "归档文件目录"
//! across the columns) and a header of two rows (档号 over 全宗号 | 年度 | …).

use std::path::Path;

use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Reader, open_workbook_auto};

use super::columns::{Column, column_for};
use crate::domain::Field;
use crate::i18n::{FileMsg, Msg, RecordMsg};

/// Rows looked through for the header; what lies above it is a title.
const HEADER_SEARCH_ROWS: usize = 10;
/// Excel's last day (9999-12-31): serial numbers of dates stay below it.
const LAST_SERIAL: f64 = 2_958_466.0;

/// Whether a file is a spreadsheet workbook, by its name.
pub fn is_workbook(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
}

/// One sheet, read whole.
pub struct Sheet {
    pub name: String,
    /// The header as laid out (two header rows made one), and the row it ends on. A sheet with
    /// no row that `is_header` takes has its first row here, for the caller to refuse.
    pub header: Vec<String>,
    pub header_row: u32,
    /// Each row under the header with its number as the spreadsheet shows it (from 1), as text.
    pub rows: Vec<(u32, Vec<String>)>,
}

/// Opens a workbook and reads one sheet: the one named, or the only sheet with anything in it.
/// The header is the first of the top rows that `is_header` takes.
pub fn read(
    path: &Path,
    wanted: Option<&str>,
    is_header: &dyn Fn(&[String]) -> bool,
) -> Result<Sheet, Msg> {
    let unreadable = |detail: String| -> Msg {
        let path = path.display().to_string();
        FileMsg::Workbook { path, detail }.into()
    };
    let mut book = open_workbook_auto(path).map_err(|e| unreadable(e.to_string()))?;
    let names = book.sheet_names();
    let mut filled = Vec::new();
    for name in &names {
        if wanted.is_some_and(|w| !same_name(w, name)) {
            continue;
        }
        let range = book
            .worksheet_range(name)
            .map_err(|e| unreadable(e.to_string()))?;
        if range.used_cells().next().is_some() || wanted.is_some() {
            filled.push((name.clone(), range));
        }
    }
    let listed = names.join("、");
    let (name, range) = match (filled.len(), wanted) {
        (1, _) => filled.remove(0),
        (0, Some(sheet)) => {
            let sheet = sheet.to_string();
            return Err(FileMsg::NoSuchSheet {
                sheet,
                sheets: listed,
            }
            .into());
        }
        (0, None) => return Err(RecordMsg::EmptyFile.into()),
        _ => return Err(FileMsg::WhichSheet { sheets: listed }.into()),
    };
    let first_row = range.start().map_or(0, |(row, _)| row);
    let raw: Vec<(u32, &[Data])> = range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first_row + i as u32 + 1, cells))
        .filter(|(_, cells)| cells.iter().any(|c| !blank(c)))
        .collect();
    let Some((header, taken)) = header(&raw, is_header) else {
        return Err(RecordMsg::EmptyFile.into());
    };
    let header_row = raw.get(taken - 1).map_or(1, |(number, _)| *number);
    let date_column = header
        .iter()
        .position(|h| column_for(h) == Some(Column::Data(Field::Date)));
    let rows = raw
        .iter()
        .skip(taken)
        .map(|(number, cells)| {
            let texts = cells
                .iter()
                .enumerate()
                .map(|(i, cell)| text(cell, Some(i) == date_column))
                .collect();
            (*number, texts)
        })
        .collect();
    Ok(Sheet {
        name,
        header,
        header_row,
        rows,
    })
}

/// A sheet named as typed: case, width and spaces aside.
fn same_name(wanted: &str, name: &str) -> bool {
    let key = |s: &str| crate::domain::text::fold(s).to_lowercase().replace(' ', "");
    key(wanted) == key(name)
}

fn blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The header: the first of the top rows that `is_header` takes, joined with the row under it
/// when that row holds only column names (a header of two rows, the upper merged). Returns the
/// header and how many rows it and the titles above it take; with none taken, the first row.
fn header(
    rows: &[(u32, &[Data])],
    is_header: &dyn Fn(&[String]) -> bool,
) -> Option<(Vec<String>, usize)> {
    let names = |cells: &[Data]| -> Vec<String> { cells.iter().map(|c| text(c, false)).collect() };
    for (index, (_, cells)) in rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let upper = names(cells);
        // A title row above the header names no column: it is not a header's upper half.
        let upper_names = upper.iter().any(|h| column_for(h).is_some());
        if let Some((_, lower)) = rows.get(index + 1)
            && upper_names
        {
            let lower = names(lower);
            let only_names = lower
                .iter()
                .all(|h| h.trim().is_empty() || column_for(h).is_some());
            let joined: Vec<String> = (0..upper.len().max(lower.len()))
                .map(|i| match lower.get(i).filter(|h| !h.trim().is_empty()) {
                    Some(h) => h.clone(),
                    None => upper.get(i).cloned().unwrap_or_default(),
                })
                .collect();
            if only_names && is_header(&joined) {
                return Some((joined, index + 2));
            }
        }
        if is_header(&upper) {
            return Some((upper, index + 1));
        }
    }
    rows.first().map(|(_, cells)| (names(cells), 1))
}

/// A cell as its text: numbers as written (2019, not 2019.0), dates as 2019-03-12. In the date
/// column a bare number is a date's serial (a cell whose date format was lost), unless it
/// reads as a date itself (20190312).
fn text(cell: &Data, date_column: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => serial_or(*n as f64, date_column),
        Data::Float(f) => serial_or(*f, date_column),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => day(d),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

fn serial_or(value: f64, date_column: bool) -> String {
    let whole = value.fract() == 0.0 && value.abs() < 1e15;
    if date_column && whole && (1.0..LAST_SERIAL).contains(&value) && value < 1_000_000.0 {
        return day(&ExcelDateTime::new(
            value,
            ExcelDateTimeType::DateTime,
            false,
        ));
    }
    if whole {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

fn day(date: &ExcelDateTime) -> String {
    let (year, month, day, ..) = date.to_ymd_hms_milli();
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_an_office_shows_them() {
        assert_eq!(text(&Data::Float(2019.0), false), "2019");
        assert_eq!(text(&Data::Float(12.5), false), "12.5");
        assert_eq!(text(&Data::Int(7), false), "7");
        // 43536 is 2019-03-12 in Excel's count of days; 20190312 is already a date.
        assert_eq!(text(&Data::Float(43536.0), true), "2019-03-12");
        assert_eq!(text(&Data::Float(20190312.0), true), "20190312");
        assert_eq!(text(&Data::Float(43536.0), false), "43536");
        let formatted = ExcelDateTime::new(43536.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(formatted), false), "2019-03-12");
        assert_eq!(
            text(&Data::DateTimeIso("2019-03-12T00:00:00".into()), true),
            "2019-03-12"
        );
    }

    #[test]
    fn a_title_row_and_a_two_row_header_are_found() {
        let s = |t: &str| Data::String(t.into());
        let e = || Data::Empty;
        let title = [s("归档文件目录"), e(), e(), e(), e()];
        let upper = [s("档号"), e(), e(), e(), s("题名")];
        let lower = [s("全宗号"), s("年度"), s("保管期限"), s("机构"), e()];
        let data = [s("J001"), Data::Float(2019.0), s("Y"), s("BGS"), s("通知")];
        let rows = [
            (1, &title[..]),
            (2, &upper[..]),
            (3, &lower[..]),
            (4, &data[..]),
        ];
        let is_header = |h: &[String]| super::super::columns::Layout::new(h).is_ok();
        let (header, taken) = header(&rows, &is_header).unwrap();
        assert_eq!(taken, 3);
        assert_eq!(header[0], "全宗号");
        assert_eq!(header[4], "题名");
        // A sheet with a one-row header takes one row.
        let (_, taken) = super::header(&rows[1..2], &is_header).unwrap();
        assert_eq!(taken, 1);
    }
}
