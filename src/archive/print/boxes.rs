//! Box spine labels (盒脊) and 备考表, printed.

use std::io::Write;

use rust_xlsxwriter::Workbook;

use super::{Styles, save, start_table, xlsx_error};
use crate::archive::{Archive, Session};
use crate::domain::Permission;
use crate::error::{Error, Result};

/// A printed table: a header row and its rows, on an A4 sheet of its own, the header repeated.
pub(super) fn printed_table(
    book: &mut Workbook,
    styles: &Styles,
    name: &str,
    header: &str,
    columns: &[(&str, f64)],
    rows: &[Vec<String>],
) -> Result<()> {
    let sheet = start_table(book, styles, name, header, columns)?;
    for (i, row) in rows.iter().enumerate() {
        for (col, value) in row.iter().enumerate() {
            sheet
                .write_string_with_format(i as u32 + 1, col as u16, value, &styles.body)
                .map_err(xlsx_error)?;
        }
    }
    Ok(())
}

impl Archive {
    /// Writes the spine labels (盒脊: 全宗号, 年度, 保管期限, 机构, 起止件号, 盒号) and the 备考表 of a
    /// group's boxes as .xlsx, as the session sees the boxes; returns how many boxes.
    pub fn print_boxes(
        &mut self,
        session: &Session,
        group: &crate::domain::CodeGroup,
        out: &mut dyn Write,
    ) -> Result<u64> {
        session.require(Permission::ExportRecords)?;
        let boxes = self.boxes(session, Some(group))?;
        if boxes.is_empty() {
            let group = group.to_string();
            return Err(Error::NotFound(
                crate::i18n::BoxMsg::NoBoxes { group }.into(),
            ));
        }
        let range = |items: &[u32]| match (items.first(), items.last()) {
            (Some(first), Some(last)) => format!("{first:04}–{last:04}"),
            _ => String::new(),
        };
        let g = group;
        let category_year = match g.category.as_str() {
            "" => g.year.to_string(),
            category => format!("{category}·{}", g.year),
        };
        let spines: Vec<Vec<String>> = boxes
            .iter()
            .map(|b| {
                let number = b.code.rsplit("-H").next().unwrap_or_default().to_string();
                vec![
                    number,
                    g.fonds.clone(),
                    category_year.clone(),
                    g.retention.label_zh().to_string(),
                    g.dept.clone(),
                    range(&b.items),
                    b.items.len().to_string(),
                    b.location.clone(),
                ]
            })
            .collect();
        let notes: Vec<Vec<String>> = boxes
            .iter()
            .map(|b| {
                vec![
                    b.code.clone(),
                    b.note.clone(),
                    b.arranged_by.clone(),
                    b.checked_by.clone(),
                    b.arranged_on.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let styles = Styles::new();
        let mut book = Workbook::new();
        let header = format!("{g}  档案盒");
        printed_table(
            &mut book,
            &styles,
            "盒脊",
            &header,
            &[
                ("盒号", 6.0),
                ("全宗号", 8.0),
                ("年度", 10.0),
                ("保管期限", 10.0),
                ("机构", 8.0),
                ("起止件号", 12.0),
                ("件数", 6.0),
                ("存放位置", 18.0),
            ],
            &spines,
        )?;
        printed_table(
            &mut book,
            &styles,
            "备考表",
            &header,
            &[
                ("盒", 24.0),
                ("盒内情况说明", 48.0),
                ("整理人", 10.0),
                ("检查人", 10.0),
                ("日期", 12.0),
            ],
            &notes,
        )?;
        save(&mut book, out)?;
        Ok(boxes.len() as u64)
    }
}
