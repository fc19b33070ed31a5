//! An appraisal on paper: the 销毁清册 (destruction list) of a retention appraisal, kept for
//! ever, or the register of an opening or declassification review; with the names and dates of
//! who proposed, approved, carried out and witnessed it, and lines to sign.

use std::io::Write;

use rust_xlsxwriter::Workbook;
use serde_json::json;

use super::{Styles, cover, save, start_table, xlsx_error};
use crate::archive::exchange::spreadsheet::CsvReport;
use crate::archive::{Archive, Session};
use crate::domain::appraisal::{Appraisal, AppraisalItem};
use crate::domain::{AppraisalKind, Verdict};
use crate::error::{Error, Result};
use crate::i18n::{Lang, decision_msg};

const COLUMNS: [(&str, f64); 8] = [
    ("序号", 6.0),
    ("档号", 26.0),
    ("题名", 44.0),
    ("日期", 10.0),
    ("页数", 6.0),
    ("密级", 6.0),
    ("鉴定意见", 18.0),
    ("理由", 24.0),
];

fn title(appraisal: &Appraisal, items: &[AppraisalItem]) -> &'static str {
    match appraisal.kind {
        AppraisalKind::Retention
            if items.iter().any(|i| i.decision.verdict == Verdict::Destroy) =>
        {
            "档案销毁清册"
        }
        AppraisalKind::Retention => "到期档案鉴定登记表",
        AppraisalKind::Opening => "档案开放审核登记表",
        AppraisalKind::Declassification => "档案解密审核登记表",
    }
}

fn rows(items: &[AppraisalItem]) -> Vec<[String; 8]> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            [
                (i + 1).to_string(),
                item.code.to_string(),
                item.title.clone(),
                item.date
                    .map(|d| d.to_string().replace('-', ""))
                    .unwrap_or_default(),
                item.pages.map(|p| p.to_string()).unwrap_or_default(),
                super::class_text(item.classification),
                decision_msg(&item.decision).text(Lang::Zh),
                item.decision.reason.clone(),
            ]
        })
        .collect()
}

impl Archive {
    /// Writes an appraisal as .xlsx (a cover with who did what and when, the list, lines to
    /// sign) or, with `csv`, its list as CSV; returns how many records. Printing a list that
    /// holds 秘密 or 机密 records is audited, as an export is.
    pub fn print_appraisal(
        &mut self,
        session: &Session,
        id: i64,
        csv: bool,
        out: &mut dyn Write,
    ) -> Result<u64> {
        let (appraisal, items) = self.appraisal(session, id)?;
        let classes = items.iter().map(|i| i.classification);
        let about = json!({"appraisal": id});
        self.audit_restricted(
            session,
            ("appraisal.print", title(&appraisal, &items)),
            classes,
            about,
        )?;
        let rows = rows(&items);
        if csv {
            let mut sheet = CsvReport::default();
            sheet.row(&COLUMNS.map(|(h, _)| h))?;
            for row in &rows {
                sheet.row(&row.each_ref().map(String::as_str))?;
            }
            out.write_all(sheet.finish()?.as_bytes())
                .map_err(|e| Error::io("csv output", e))?;
            return Ok(items.len() as u64);
        }
        let styles = Styles::new();
        let mut book = Workbook::new();
        let name = title(&appraisal, &items);
        let or_blank = |v: &Option<String>| v.clone().unwrap_or_default();
        let pages: u64 = items.iter().filter_map(|i| i.pages).map(u64::from).sum();
        cover(
            &mut book,
            &styles,
            name,
            &[
                ("鉴定单号", appraisal.id.to_string()),
                ("类别", appraisal.kind.label_zh().to_string()),
                ("状态", appraisal.state.label_zh().to_string()),
                ("件数", items.len().to_string()),
                ("页数", pages.to_string()),
                ("说明", appraisal.note.clone()),
                ("提出人", appraisal.proposed_by.clone()),
                ("提出时间", appraisal.proposed_at.clone()),
                ("批准人", or_blank(&appraisal.decided_by)),
                ("批准时间", or_blank(&appraisal.decided_at)),
                ("审批意见", appraisal.decision_note.clone()),
                ("执行人", or_blank(&appraisal.carried_out_by)),
                ("执行时间", or_blank(&appraisal.carried_out_at)),
                ("监销人", or_blank(&appraisal.witness)),
            ],
        )?;
        let header = format!("{name}  鉴定单 {}", appraisal.id);
        let sheet = start_table(&mut book, &styles, "清册", &header, &COLUMNS)?;
        for (i, row) in rows.iter().enumerate() {
            let at = i as u32 + 1;
            for (col, value) in row.iter().enumerate() {
                let col = col as u16;
                let written = match (col, value.parse::<u32>()) {
                    (0 | 4, Ok(n)) => sheet.write_number_with_format(at, col, n, &styles.centred),
                    (0 | 3 | 4 | 5, _) => {
                        sheet.write_string_with_format(at, col, value, &styles.centred)
                    }
                    _ => sheet.write_string_with_format(at, col, value, &styles.body),
                };
                written.map_err(xlsx_error)?;
            }
        }
        // Signatures under the list, as a paper list is signed.
        let below = rows.len() as u32 + 2;
        let signed = "鉴定小组：__________    批准人：__________    执行人：__________    监销人：__________    日期：__________";
        sheet
            .merge_range(below, 0, below, 7, signed, &styles.label)
            .map_err(xlsx_error)?;
        save(&mut book, out)?;
        Ok(items.len() as u64)
    }
}
