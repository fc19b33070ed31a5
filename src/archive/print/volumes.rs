//! The catalogues of volume-level arrangement, printed (GB/T 9705, DA/T 13): the 案卷目录 of a
//! fonds or of one of its catalogues, and a volume's cover (案卷封面) with its 卷内目录, the page
//! numbers (页号) of each item counted from the pages before it.

use std::io::Write;

use rust_xlsxwriter::Workbook;
use serde_json::json;

use super::{Styles, catalogue_date, class_text, cover, save, start_table, xlsx_error};
use crate::archive::browse::readable;
use crate::archive::store::fonds;
use crate::archive::{Archive, Session};
use crate::domain::volume::{Volume, VolumeCode};
use crate::domain::{Permission, Record};
use crate::error::{Error, Result};
use crate::i18n::VolumeMsg;

const VOLUME_COLUMNS: [(&str, f64); 9] = [
    ("序号", 6.0),
    ("档号", 16.0),
    ("案卷题名", 50.0),
    ("起止日期", 20.0),
    ("卷内件数", 8.0),
    ("页数", 6.0),
    ("保管期限", 10.0),
    ("密级", 6.0),
    ("备注", 14.0),
];

const CONTENTS_COLUMNS: [(&str, f64); 7] = [
    ("顺序号", 7.0),
    ("文号", 18.0),
    ("责任者", 18.0),
    ("题名", 50.0),
    ("日期", 10.0),
    ("页号", 9.0),
    ("备注", 14.0),
];

/// 起止日期 as the catalogue writes them: eight digits each, joined by a dash.
fn volume_dates(volume: &Volume) -> String {
    let digits = |d: Option<crate::domain::RecordDate>| {
        d.map(|d| d.to_string().replace('-', ""))
            .unwrap_or_default()
    };
    match (volume.data.start, volume.data.end) {
        (None, None) => String::new(),
        (start, end) => format!("{}—{}", digits(start), digits(end)),
    }
}

/// The 页号 of each item: where it starts in the volume, the last one with where it ends; blank
/// from the first item whose pages are not known.
pub(super) fn page_numbers(items: &[Record]) -> Vec<String> {
    let mut next = Some(1u64);
    let mut numbers = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let start = next;
        next = next.zip(item.data.pages).map(|(n, p)| n + u64::from(p));
        let last = i + 1 == items.len();
        numbers.push(match (start, next) {
            (Some(s), Some(after)) if last && after > s + 1 => format!("{s}–{}", after - 1),
            (Some(s), _) => s.to_string(),
            (None, _) => String::new(),
        });
    }
    numbers
}

fn write_rows(
    sheet: &mut rust_xlsxwriter::Worksheet,
    styles: &Styles,
    rows: &[Vec<String>],
    (numbers, centred): (&[u16], &[u16]),
) -> Result<()> {
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, value) in row.iter().enumerate() {
            let col = col as u16;
            // Counts are numbers (no "number stored as text" marks); dates stay text.
            let number = value.parse::<u32>().ok().filter(|_| numbers.contains(&col));
            let written = match (number, centred.contains(&col)) {
                (Some(n), _) => sheet.write_number_with_format(r, col, n, &styles.centred),
                (None, true) => sheet.write_string_with_format(r, col, value, &styles.centred),
                (None, false) => sheet.write_string_with_format(r, col, value, &styles.body),
            };
            written.map_err(xlsx_error)?;
        }
    }
    Ok(())
}

impl Archive {
    pub(in crate::archive) fn fonds_name(&self, session: &Session, code: &str) -> Result<String> {
        fonds::list(self.store.conn(), readable(session)?)?
            .into_iter()
            .find(|f| f.code == code)
            .map(|f| f.name)
            .ok_or_else(|| Error::BadInput(crate::archive::records::unknown_fonds(code)))
    }

    /// Writes the 案卷目录 of a fonds (or of one catalogue) as .xlsx: the volumes the session may
    /// see, a sheet per catalogue after a cover; returns how many volumes.
    pub fn print_volumes(
        &mut self,
        session: &Session,
        fonds_code: &str,
        catalogue: Option<&str>,
        out: &mut dyn Write,
    ) -> Result<u64> {
        session.require(Permission::ExportRecords)?;
        let fonds_code = crate::domain::text::fold(fonds_code)
            .trim()
            .to_ascii_uppercase();
        let fonds_name = self.fonds_name(session, &fonds_code)?;
        let volumes = self.volumes(session, &fonds_code, catalogue)?;
        if volumes.is_empty() {
            let fonds = fonds_code;
            return Err(Error::NotFound(VolumeMsg::NoVolumes { fonds }.into()));
        }
        let about = json!({ "fonds": fonds_code, "catalogue": catalogue });
        let classes = volumes.iter().map(|v| v.data.classification);
        self.audit_restricted(session, ("volumes.print", "案卷目录"), classes, about)?;
        let styles = Styles::new();
        let mut book = Workbook::new();
        let mut catalogues: Vec<&str> = volumes
            .iter()
            .map(|v| v.code.no.catalogue.as_str())
            .collect();
        catalogues.dedup();
        cover(
            &mut book,
            &styles,
            "案卷目录",
            &[
                ("全宗号", fonds_code.clone()),
                ("全宗名称", fonds_name.clone()),
                ("目录号", catalogues.join("、")),
            ],
        )?;
        for catalogue in catalogues {
            let rows: Vec<Vec<String>> = volumes
                .iter()
                .filter(|v| v.code.no.catalogue == catalogue)
                .enumerate()
                .map(|(i, v)| {
                    vec![
                        (i + 1).to_string(),
                        v.code.to_string(),
                        v.data.title.clone(),
                        volume_dates(v),
                        v.items.to_string(),
                        v.data.pages.map(|p| p.to_string()).unwrap_or_default(),
                        v.data.retention.label_zh().to_string(),
                        class_text(v.data.classification),
                        v.data.notes.clone(),
                    ]
                })
                .collect();
            let name = format!("目录{catalogue}");
            let header = format!("案卷目录  {fonds_code} {fonds_name}  目录号 {catalogue}");
            let sheet = start_table(&mut book, &styles, &name, &header, &VOLUME_COLUMNS)?;
            write_rows(sheet, &styles, &rows, (&[0, 4, 5], &[3, 6, 7]))?;
        }
        save(&mut book, out)?;
        Ok(volumes.len() as u64)
    }

    /// Writes a volume's cover (案卷封面) and its 卷内目录 as .xlsx; returns how many items.
    pub fn print_contents(
        &mut self,
        session: &Session,
        code: &VolumeCode,
        out: &mut dyn Write,
    ) -> Result<u64> {
        session.require(Permission::ExportRecords)?;
        let view = self.volume(session, code)?;
        let fonds_name = self.fonds_name(session, &code.fonds)?;
        let v = &view.volume;
        let about = json!({ "volume": code.to_string() });
        let classes = std::iter::once(v.data.classification);
        self.audit_restricted(session, ("contents.print", "卷内目录"), classes, about)?;
        let styles = Styles::new();
        let mut book = Workbook::new();
        cover(
            &mut book,
            &styles,
            "案卷封面",
            &[
                ("全宗名称", fonds_name.clone()),
                ("案卷题名", v.data.title.clone()),
                ("起止日期", volume_dates(v)),
                ("保管期限", v.data.retention.label_zh().to_string()),
                ("密级", class_text(v.data.classification)),
                ("卷内件数", v.items.to_string()),
                (
                    "页数",
                    v.data.pages.map(|p| p.to_string()).unwrap_or_default(),
                ),
                ("档号", code.to_string()),
            ],
        )?;
        let pages = page_numbers(&view.items);
        let rows: Vec<Vec<String>> = view
            .items
            .iter()
            .zip(pages)
            .map(|(item, page)| {
                let d = &item.data;
                vec![
                    item.code.item.to_string(),
                    d.doc_no.clone(),
                    d.responsible.clone(),
                    d.title.clone(),
                    catalogue_date(item),
                    page,
                    d.notes.clone(),
                ]
            })
            .collect();
        let header = format!("卷内目录  {code}  {}", v.data.title);
        let sheet = start_table(&mut book, &styles, "卷内目录", &header, &CONTENTS_COLUMNS)?;
        write_rows(sheet, &styles, &rows, (&[0], &[4, 5]))?;
        save(&mut book, out)?;
        Ok(rows.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(pages: Option<u32>) -> Record {
        Record {
            code: "J007-001-012-0001".parse().unwrap(),
            data: crate::domain::RecordData {
                title: "关于《水利》的请示".into(),
                pages,
                ..Default::default()
            },
            id: 1,
            version: 1,
            created_at: String::new(),
            created_by: String::new(),
            updated_at: String::new(),
            updated_by: String::new(),
            imported: None,
        }
    }

    #[test]
    fn each_item_starts_where_the_pages_before_it_end_and_the_last_says_where_it_ends() {
        let items = [item(Some(4)), item(Some(2)), item(Some(7))];
        assert_eq!(page_numbers(&items), ["1", "5", "7–13"]);
        let unknown = [item(Some(3)), item(None), item(Some(2))];
        assert_eq!(page_numbers(&unknown), ["1", "4", ""]);
        assert_eq!(page_numbers(&[item(Some(1))]), ["1"]);
    }
}
