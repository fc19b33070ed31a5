//! A fonds as an EAD 2002 finding aid (`urn:isbn:1-931666-22-9`), the form archive portals and
//! systems such as ArchivesSpace and AtoM read. The hierarchy follows DA/T 22 and GB/T 9705: the
//! fonds; 门类·年度 series; 保管期限 and 机构(问题) subseries; items (件) with their 档号. Items
//! inside volumes sit under their catalogue (目录, a series) and volume (案卷, a file).
//!
//! The text is Chinese, as the records are; `unitdate/@normal` carries ISO 8601 dates for software.

use std::collections::HashMap;
use std::io::Write;

use super::tree::{Level, Sum, Tree, chinese, iso, path_of_record};
use super::xml::XmlWriter;
use crate::archive::store::finding_aid::GroupTally;
use crate::domain::Record;
use crate::domain::volume::{Volume, VolumeCode, VolumeNo};
use crate::error::Result;

pub const NAMESPACE: &str = "urn:isbn:1-931666-22-9";
const SCHEMA_LOCATION: &str = "urn:isbn:1-931666-22-9 http://www.loc.gov/ead/ead.xsd";

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
    tree: Tree,
    volumes: HashMap<VolumeNo, Volume>,
}

impl<'a> Ead<'a> {
    /// Writes the header and the fonds-level description; components follow.
    pub fn begin(
        out: &'a mut dyn Write,
        fonds: &Fonds,
        tallies: &[GroupTally],
        volumes: Vec<Volume>,
    ) -> Result<Ead<'a>> {
        let tree = Tree::new(tallies);
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
        extent_and_dates(&mut xml, &tree.whole())?;
        xml.open("repository", &[])?;
        xml.text("corpname", &[], fonds.repository)?;
        xml.close()?;
        xml.open("langmaterial", &[])?;
        chinese_language(&mut xml)?;
        xml.close()?;
        xml.close()?;
        let ead = Ead {
            xml,
            fonds_code: fonds.code.to_string(),
            tree,
            volumes: volumes
                .into_iter()
                .map(|v| (v.code.no.clone(), v))
                .collect(),
        };
        Ok(ead)
    }

    /// Opens the components down to `path`, closing those not on it.
    fn reach(&mut self, path: &[Level]) -> Result<()> {
        if !self.tree.is_open() && !path.is_empty() {
            self.xml.open("dsc", &[("type", "combined")])?;
        }
        let (closing, opening) = self.tree.walk(path);
        for _ in 0..closing {
            self.xml.close()?;
        }
        for path in opening {
            self.component(&path)?;
        }
        Ok(())
    }

    fn component(&mut self, path: &[Level]) -> Result<()> {
        let sum = self.tree.sum(path);
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
        let label = match level {
            Level::Series { .. } => "年度",
            Level::Retention(_) => "保管期限",
            Level::Dept(_) => "机构（问题）",
            Level::Catalogue(_) => "目录号",
            Level::Volume(_) => "档号",
        };
        let unitid = match level {
            Level::Volume(no) => VolumeCode {
                fonds: self.fonds_code.clone(),
                no: no.clone(),
            }
            .to_string(),
            level => level.code_part(),
        };
        self.xml.text("unitid", &[("label", label)], &unitid)?;
        // A volume above the reader's clearance, holding items within it, keeps its title.
        let title = match level {
            Level::Volume(no) => self.volumes.get(no).map(|v| v.data.title.clone()),
            level => level.title(),
        };
        if let Some(title) = title {
            self.xml.text("unittitle", &[], &title)?;
        }
        extent_and_dates(&mut self.xml, &sum)?;
        self.xml.close()
    }

    /// A record as an item (件), inside the components of its group.
    pub fn record(&mut self, record: &Record) -> Result<()> {
        self.reach(&path_of_record(record))?;
        item(&mut self.xml, record)
    }

    /// Every component down to the finest groups, with no items: a finding aid to the series.
    pub fn groups_only(&mut self) -> Result<()> {
        for path in self.tree.take_groups() {
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
    chinese_language(xml)?;
    xml.close()?;
    xml.close()?;
    xml.close()
}

/// The records' language and script, and the finding aid's: Chinese in simplified characters.
fn chinese_language(xml: &mut XmlWriter) -> Result<()> {
    xml.text(
        "language",
        &[("langcode", "chi"), ("scriptcode", "Hans")],
        "中文",
    )
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
    fn keywords_split_on_chinese_and_latin_separators() {
        assert_eq!(
            keywords("档案　管理；数字化,OA、“互联网+”"),
            ["档案", "管理", "数字化", "OA", "“互联网+”"]
        );
    }
}
