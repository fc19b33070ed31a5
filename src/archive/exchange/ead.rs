//! A fonds as an EAD 2002 finding aid (`urn:isbn:1-931666-22-9`), the form archive portals and
//! systems such as ArchivesSpace and AtoM read. The hierarchy follows DA/T 22 and GB/T 9705: the
//! fonds; 门类·年度 series; 保管期限 and 机构(问题) subseries; items (件) with their 档号. Items
//! inside volumes sit under their catalogue (目录, a series) and volume (案卷, a file).
//!
//! The text is Chinese, as the records are; `unitdate/@normal` carries ISO 8601 dates for software.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use super::xml::XmlWriter;
use crate::archive::store::finding_aid::GroupTally;
use crate::domain::volume::{Volume, VolumeCode, VolumeNo};
use crate::domain::{Record, Retention};
use crate::error::Result;

pub const NAMESPACE: &str = "urn:isbn:1-931666-22-9";
const SCHEMA_LOCATION: &str = "urn:isbn:1-931666-22-9 http://www.loc.gov/ead/ead.xsd";

/// One step of the hierarchy below the fonds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Series { category: String, year: u16 },
    Retention(Retention),
    Dept(String),
    Catalogue(String),
    Volume(VolumeNo),
}

/// What a component holds: records, dates and pages the reader may see.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    records: u64,
    first: Option<u32>,
    last: Option<u32>,
    pages: u64,
}

impl Sum {
    fn add(&mut self, tally: &GroupTally) {
        self.records += tally.records;
        self.pages += tally.pages;
        self.first = self.first.into_iter().chain(tally.first).min();
        self.last = self.last.into_iter().chain(tally.last).max();
    }
}

fn path_of(
    category: &str,
    year: u16,
    retention: Retention,
    dept: &str,
    volume: Option<&VolumeNo>,
) -> Vec<Level> {
    if let Some(volume) = volume {
        return vec![
            Level::Catalogue(volume.catalogue.clone()),
            Level::Volume(volume.clone()),
        ];
    }
    let mut path = vec![
        Level::Series {
            category: category.to_string(),
            year,
        },
        Level::Retention(retention),
    ];
    if !dept.is_empty() {
        path.push(Level::Dept(dept.to_string()));
    }
    path
}

/// The fonds as the finding aid describes it, and where it is kept.
pub struct Fonds<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// The holding archive (`archive.name`), and an identifier unique to it (`archive.id`).
    pub repository: &'a str,
    pub repository_id: &'a str,
    /// Today, ISO 8601.
    pub created: &'a str,
}

pub struct Ead<'a> {
    xml: XmlWriter<'a>,
    fonds_code: String,
    sums: BTreeMap<Vec<Level>, Sum>,
    /// The finest groups in order, for a finding aid without items.
    groups: Vec<Vec<Level>>,
    volumes: HashMap<VolumeNo, Volume>,
    open: Vec<Level>,
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from a `RecordDate::sort_key`.
fn iso(key: u32) -> String {
    let (year, month, day) = (key / 10_000, key / 100 % 100, key % 100);
    match (month, day) {
        (0, _) => format!("{year:04}"),
        (_, 0) => format!("{year:04}-{month:02}"),
        _ => format!("{year:04}-{month:02}-{day:02}"),
    }
}

fn chinese(key: u32) -> String {
    let (year, month, day) = (key / 10_000, key / 100 % 100, key % 100);
    match (month, day) {
        (0, _) => format!("{year}年"),
        (_, 0) => format!("{year}年{month}月"),
        _ => format!("{year}年{month}月{day}日"),
    }
}

impl<'a> Ead<'a> {
    /// Writes the header and the fonds-level description; components follow.
    pub fn begin(
        out: &'a mut dyn Write,
        fonds: &Fonds,
        tallies: &[GroupTally],
        volumes: Vec<Volume>,
    ) -> Result<Ead<'a>> {
        let mut sums: BTreeMap<Vec<Level>, Sum> = BTreeMap::new();
        let mut groups = Vec::new();
        let mut whole = Sum::default();
        for tally in tallies {
            let path = path_of(
                &tally.category,
                tally.year,
                tally.retention,
                &tally.dept,
                tally.volume.as_ref(),
            );
            for depth in 1..=path.len() {
                sums.entry(path[..depth].to_vec()).or_default().add(tally);
            }
            whole.add(tally);
            groups.push(path);
        }
        groups.dedup();
        let mut xml = XmlWriter::start(out)?;
        xml.open(
            "ead",
            &[
                ("xmlns", NAMESPACE),
                ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                ("xsi:schemaLocation", SCHEMA_LOCATION),
            ],
        )?;
        header(&mut xml, fonds)?;
        xml.open("archdesc", &[("level", "fonds")])?;
        xml.open("did", &[])?;
        xml.text("unitid", &[("label", "全宗号")], fonds.code)?;
        xml.text("unittitle", &[], fonds.name)?;
        extent_and_dates(&mut xml, &whole)?;
        xml.open("repository", &[])?;
        xml.text("corpname", &[], fonds.repository)?;
        xml.close()?;
        xml.open("langmaterial", &[])?;
        xml.text(
            "language",
            &[("langcode", "chi"), ("scriptcode", "Hans")],
            "中文",
        )?;
        xml.close()?;
        xml.close()?;
        let ead = Ead {
            xml,
            fonds_code: fonds.code.to_string(),
            sums,
            groups,
            volumes: volumes
                .into_iter()
                .map(|v| (v.code.no.clone(), v))
                .collect(),
            open: Vec::new(),
        };
        Ok(ead)
    }

    /// Opens the components down to `path`, closing those not on it.
    fn reach(&mut self, path: &[Level]) -> Result<()> {
        if self.open.is_empty() && !path.is_empty() {
            self.xml.open("dsc", &[("type", "combined")])?;
        }
        let common = self
            .open
            .iter()
            .zip(path)
            .take_while(|(a, b)| a == b)
            .count();
        while self.open.len() > common {
            self.open.pop();
            self.xml.close()?;
        }
        for depth in common..path.len() {
            self.component(&path[..=depth])?;
            self.open.push(path[depth].clone());
        }
        Ok(())
    }

    fn component(&mut self, path: &[Level]) -> Result<()> {
        let sum = self.sums.get(path).copied().unwrap_or_default();
        let Some(level) = path.last() else {
            return Ok(());
        };
        let (kind, otherlevel) = match level {
            Level::Series { .. } | Level::Catalogue(_) => ("series", None),
            Level::Retention(_) => ("otherlevel", Some("retention")),
            Level::Dept(_) => ("subseries", None),
            Level::Volume(_) => ("file", None),
        };
        let mut attributes = vec![("level", kind)];
        attributes.extend(otherlevel.map(|o| ("otherlevel", o)));
        self.xml.open("c", &attributes)?;
        self.xml.open("did", &[])?;
        match level {
            Level::Series { category, year } => {
                let unitid = match category.as_str() {
                    "" => year.to_string(),
                    category => format!("{category}·{year}"),
                };
                self.xml.text("unitid", &[("label", "年度")], &unitid)?;
                self.xml.text("unittitle", &[], &format!("{year}年度"))?;
            }
            Level::Retention(retention) => {
                self.xml
                    .text("unitid", &[("label", "保管期限")], retention.code())?;
                self.xml.text("unittitle", &[], retention.label_zh())?;
            }
            Level::Dept(dept) => {
                self.xml
                    .text("unitid", &[("label", "机构（问题）")], dept)?;
            }
            Level::Catalogue(catalogue) => {
                self.xml.text("unitid", &[("label", "目录号")], catalogue)?;
                self.xml
                    .text("unittitle", &[], &format!("目录{catalogue}"))?;
            }
            Level::Volume(no) => {
                let code = VolumeCode {
                    fonds: self.fonds_code.clone(),
                    no: no.clone(),
                };
                self.xml
                    .text("unitid", &[("label", "档号")], &code.to_string())?;
                // A volume above the reader's clearance, holding items within it, keeps its title.
                if let Some(volume) = self.volumes.get(no) {
                    self.xml.text("unittitle", &[], &volume.data.title)?;
                }
            }
        }
        extent_and_dates(&mut self.xml, &sum)?;
        self.xml.close()
    }

    /// A record as an item (件), inside the components of its group.
    pub fn record(&mut self, record: &Record) -> Result<()> {
        let g = &record.code.group;
        let path = path_of(&g.category, g.year, g.retention, &g.dept, g.volume.as_ref());
        self.reach(&path)?;
        item(&mut self.xml, record)
    }

    /// Every component down to the finest groups, with no items: a finding aid to the series.
    pub fn groups_only(&mut self) -> Result<()> {
        for path in std::mem::take(&mut self.groups) {
            self.reach(&path)?;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        self.xml.finish()
    }
}

fn header(xml: &mut XmlWriter, fonds: &Fonds) -> Result<()> {
    xml.open(
        "eadheader",
        &[
            ("langencoding", "iso639-2b"),
            ("scriptencoding", "iso15924"),
            ("dateencoding", "iso8601"),
            ("countryencoding", "iso3166-1"),
        ],
    )?;
    let eadid = format!("{}/{}", fonds.repository_id, fonds.code);
    xml.text("eadid", &[("countrycode", "CN")], &eadid)?;
    xml.open("filedesc", &[])?;
    xml.open("titlestmt", &[])?;
    let title = format!("{} {} 档案目录", fonds.code, fonds.name);
    xml.text("titleproper", &[], &title)?;
    xml.close()?;
    xml.open("publicationstmt", &[])?;
    xml.text("publisher", &[], fonds.repository)?;
    xml.text("date", &[("normal", fonds.created)], fonds.created)?;
    xml.close()?;
    xml.close()?;
    xml.open("profiledesc", &[])?;
    let creation = format!("dangan {}", env!("CARGO_PKG_VERSION"));
    xml.text("creation", &[], &creation)?;
    xml.open("langusage", &[])?;
    xml.text(
        "language",
        &[("langcode", "chi"), ("scriptcode", "Hans")],
        "中文",
    )?;
    xml.close()?;
    xml.close()?;
    xml.close()
}

/// `unitdate` (inclusive dates) and `physdesc` (件 and 页) of a level of description.
fn extent_and_dates(xml: &mut XmlWriter, sum: &Sum) -> Result<()> {
    if let (Some(first), Some(last)) = (sum.first, sum.last) {
        let (normal, text) = if first == last {
            (iso(first), chinese(first))
        } else {
            let (normal, text) = (format!("{}/{}", iso(first), iso(last)), "至");
            (normal, format!("{}{text}{}", chinese(first), chinese(last)))
        };
        xml.text(
            "unitdate",
            &[("normal", &normal), ("type", "inclusive")],
            &text,
        )?;
    }
    xml.open("physdesc", &[])?;
    xml.text("extent", &[("unit", "件")], &format!("{} 件", sum.records))?;
    if sum.pages > 0 {
        xml.text("extent", &[("unit", "页")], &format!("{} 页", sum.pages))?;
    }
    xml.close()
}

fn item(xml: &mut XmlWriter, record: &Record) -> Result<()> {
    let data = &record.data;
    xml.open("c", &[("level", "item")])?;
    xml.open("did", &[])?;
    xml.text("unitid", &[("label", "档号")], &record.code.to_string())?;
    xml.text("unittitle", &[], &data.title)?;
    if let Some(date) = data.date {
        let normal = iso(date.sort_key());
        let mut attributes = vec![("normal", normal.as_str())];
        if date.estimated {
            attributes.push(("certainty", "approximate"));
        }
        xml.text("unitdate", &attributes, &date.to_chinese())?;
    }
    if !data.responsible.is_empty() {
        xml.open("origination", &[("label", "责任者")])?;
        xml.text("corpname", &[], &data.responsible)?;
        xml.close()?;
    }
    xml.open("physdesc", &[])?;
    if let Some(pages) = data.pages {
        xml.text("extent", &[("unit", "页")], &format!("{pages} 页"))?;
    }
    xml.text("physfacet", &[("type", "载体")], data.carrier.label_zh())?;
    xml.close()?;
    if !data.location.is_empty() {
        xml.text("physloc", &[], &data.location)?;
    }
    if !data.notes.is_empty() {
        xml.open("note", &[("label", "备注")])?;
        xml.text("p", &[], &data.notes)?;
        xml.close()?;
    }
    xml.close()?;
    xml.open("accessrestrict", &[("type", "密级")])?;
    xml.text(
        "p",
        &[],
        &format!("密级：{}", data.classification.label_zh()),
    )?;
    xml.close()?;
    if !data.doc_no.is_empty() {
        xml.open("odd", &[("type", "文号")])?;
        xml.text("p", &[], &format!("文号：{}", data.doc_no))?;
        xml.close()?;
    }
    let keywords = keywords(&data.keywords);
    if !keywords.is_empty() {
        xml.open("controlaccess", &[])?;
        for keyword in keywords {
            xml.text("subject", &[("source", "local")], keyword)?;
        }
        xml.close()?;
    }
    xml.open("processinfo", &[("type", "状态")])?;
    xml.text("p", &[], &format!("状态：{}", data.status.label_zh()))?;
    xml.close()?;
    xml.close()
}

/// 主题词 as typed: separated by spaces or by the Chinese or Latin list punctuation.
pub fn keywords(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || "；;，,、".contains(c))
        .filter(|k| !k.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_to_the_precision_known() {
        assert_eq!(iso(2019_03_05), "2019-03-05");
        assert_eq!(iso(2019_03_00), "2019-03");
        assert_eq!(iso(2019_00_00), "2019");
        assert_eq!(chinese(2019_03_00), "2019年3月");
    }

    #[test]
    fn keywords_split_on_chinese_and_latin_separators() {
        assert_eq!(
            keywords("档案　管理；数字化,OA、“互联网+”"),
            ["档案", "管理", "数字化", "OA", "“互联网+”"]
        );
    }
}
