//! What the stacks print: box covers (盒封面), spine labels (盒脊) and 备考表, a stocktake's
//! result, and the stack register (出入库登记).

use std::io::Write;

use rust_xlsxwriter::Workbook;

use super::{Styles, save, start_table, xlsx_error};
use crate::archive::{Archive, Session};
use crate::domain::Permission;
use crate::domain::boxing::Stocktake;
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
        let fonds_name = self.fonds_name(session, &g.fonds)?;
        let covers: Vec<Vec<String>> = boxes
            .iter()
            .map(|b| vec![b.code.clone(), fonds_name.clone()])
            .collect();
        let styles = Styles::new();
        let mut book = Workbook::new();
        let header = format!("{g}  档案盒");
        printed_table(
            &mut book,
            &styles,
            "盒封面",
            &header,
            &[("盒", 28.0), ("全宗名称", 40.0)],
            &covers,
        )?;
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

impl Archive {
    /// Writes a stocktake's result as .xlsx: what was walked and found, then each box missing,
    /// misplaced (with where it is recorded) and each code unknown. The result is the one the
    /// session's own stocktake gave, as its clearance saw the boxes.
    pub fn print_stocktake(
        &self,
        session: &Session,
        stretch: &str,
        result: &Stocktake,
        out: &mut dyn Write,
    ) -> Result<u64> {
        session.require(Permission::WriteRecords)?;
        let styles = Styles::new();
        let mut book = Workbook::new();
        let count = |n: usize| n.to_string();
        super::cover(
            &mut book,
            &styles,
            "清点检查记录",
            &[
                ("清点位置", stretch.trim().to_string()),
                ("清点时间", self.now()),
                ("清点人", session.name().to_string()),
                ("应在", count(result.expected)),
                ("见到", count(result.found.len())),
                ("缺", count(result.missing.len())),
                ("错架", count(result.misplaced.len())),
                ("不明", count(result.unknown.len())),
            ],
        )?;
        let rows: Vec<Vec<String>> = result
            .missing
            .iter()
            .map(|code| vec!["缺".to_string(), code.clone(), String::new()])
            .chain(
                result
                    .misplaced
                    .iter()
                    .map(|(code, at)| vec!["错架".to_string(), code.clone(), at.clone()]),
            )
            .chain(
                result
                    .unknown
                    .iter()
                    .map(|code| vec!["不明".to_string(), code.clone(), String::new()]),
            )
            .collect();
        let header = format!("清点检查  {}", stretch.trim());
        printed_table(
            &mut book,
            &styles,
            "清点结果",
            &header,
            &[("结果", 8.0), ("盒（条码）", 36.0), ("登记位置", 24.0)],
            &rows,
        )?;
        save(&mut book, out)?;
        Ok(rows.len() as u64)
    }

    /// Writes the stack register (出入库登记) of the boxes and volumes the session sees as .xlsx,
    /// in the order things happened; returns how many entries.
    pub fn print_stack_register(&self, session: &Session, out: &mut dyn Write) -> Result<u64> {
        session.require(Permission::ExportRecords)?;
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut add =
            |code: String, location: &str, register: Vec<(bool, String, String, String)>| {
                for (went_out, reason, at, by) in register {
                    let direction = if went_out { "出库" } else { "入库" };
                    let (code, location) = (code.clone(), location.to_string());
                    rows.push(vec![at, code, direction.to_string(), reason, by, location]);
                }
            };
        for b in self.boxes(session, None)? {
            add(b.code, &b.location, b.register);
        }
        let conn = self.store.conn();
        for v in self.all_volumes(session)? {
            let register = crate::archive::store::volumes::register_of(conn, v.id)?;
            add(v.code.to_string(), &v.location, register);
        }
        // By time; a stable sort keeps a box's entries of one second in the order they were made.
        rows.sort_by(|a, b| a[0].cmp(&b[0]));
        let styles = Styles::new();
        let mut book = Workbook::new();
        printed_table(
            &mut book,
            &styles,
            "出入库登记",
            "档案出入库登记",
            &[
                ("时间", 20.0),
                ("盒 / 案卷", 28.0),
                ("出入", 6.0),
                ("事由", 30.0),
                ("经办人", 12.0),
                ("存放位置", 18.0),
            ],
            &rows,
        )?;
        save(&mut book, out)?;
        Ok(rows.len() as u64)
    }
}
