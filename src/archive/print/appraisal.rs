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
use crate::domain::{AppraisalKind, Classification, Verdict};
use crate::error::{Error, Result};
use crate::i18n::{Lang, decision_msg};

/// The columns of who and when, after the list's own in a CSV.
const FACTS: [&str; 9] = [
    "鉴定单号",
    "提出人",
    "提出时间",
    "状态",
    "审批人",
    "审批时间",
    "执行人",
    "执行时间",
    "监销人",
];

/// A person as a list names them: display name and account, or the account alone.
fn person(names: &std::collections::HashMap<String, String>, name: &str) -> String {
    match names
        .get(name)
        .filter(|d| !d.is_empty() && d.as_str() != name)
    {
        Some(display) => format!("{display}（{name}）"),
        None => name.to_string(),
    }
}

/// A stored moment as a printed list gives it: local time, to the minute.
fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_string(),
        |t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

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
    /// Each account's display name, by account name.
    fn display_names(&self) -> Result<std::collections::HashMap<String, String>> {
        Ok(crate::archive::store::users::list(self.store.conn())?
            .into_iter()
            .map(|u| (u.name, u.display_name))
            .collect())
    }

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
        let names = self.display_names()?;
        let who =
            |name: &Option<String>| name.as_deref().map_or(String::new(), |n| person(&names, n));
        let when = |at: &Option<String>| at.as_deref().map_or(String::new(), local_time);
        let highest = items
            .iter()
            .map(|i| i.classification)
            .max()
            .unwrap_or_default();
        let classes = items.iter().map(|i| i.classification);
        let about = json!({"appraisal": id});
        self.audit_restricted(
            session,
            ("appraisal.print", title(&appraisal, &items)),
            classes,
            about,
        )?;
        let rows = rows(&items);
        // Who proposed, decided, carried out and witnessed it, and when: the same on every row,
        // so that the CSV alone is a whole list.
        let facts = [
            appraisal.id.to_string(),
            who(&Some(appraisal.proposed_by.clone())),
            local_time(&appraisal.proposed_at),
            appraisal.state.label_zh().to_string(),
            who(&appraisal.decided_by),
            when(&appraisal.decided_at),
            who(&appraisal.carried_out_by),
            when(&appraisal.carried_out_at),
            appraisal.witness.clone().unwrap_or_default(),
        ];
        if csv {
            let mut sheet = CsvReport::default();
            let header: Vec<&str> = COLUMNS.iter().map(|(h, _)| *h).chain(FACTS).collect();
            sheet.row(&header)?;
            for row in &rows {
                let cells: Vec<&str> = row.iter().chain(facts.iter()).map(String::as_str).collect();
                sheet.row(&cells)?;
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
                ("密级", super::class_text(highest)),
                ("说明", appraisal.note.clone()),
                ("提出人", facts[1].clone()),
                ("提出时间", facts[2].clone()),
                ("审批人", facts[4].clone()),
                ("审批时间", facts[5].clone()),
                ("审批意见", appraisal.decision_note.clone()),
                ("执行人", facts[6].clone()),
                ("执行时间", facts[7].clone()),
                ("监销人", or_blank(&appraisal.witness)),
            ],
        )?;
        // A list holding 秘密 or 机密 records says so on every page.
        let header = match super::class_text(highest) {
            class if class.is_empty() || highest <= Classification::Internal => {
                format!("{name}  鉴定单 {}", appraisal.id)
            }
            class => format!("{class}  {name}  鉴定单 {}", appraisal.id),
        };
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
