//! AtoM's ISAD(G) CSV, columns as AtoM's own example (lib/task/import/example/isad) has them: a
//! fonds written as one row per level of description, each naming its parent by `legacyId`.
//! The `identifier` of each level is the part of the 档号 it adds, so AtoM's reference code
//! (identifiers joined with `-`) is the 档号 itself.

use std::collections::HashMap;
use std::io::Write;

use super::spreadsheet::guard;
use super::tree::{Level, Sum, Tree, chinese, path_of_record};
use crate::archive::store::finding_aid::GroupTally;
use crate::domain::volume::{Volume, VolumeNo};
use crate::domain::{Carrier, Record};
use crate::error::{Error, Result};

/// The columns of AtoM's ISAD(G) template, in its order.
pub const COLUMNS: [&str; 56] = [
    "legacyId",
    "parentId",
    "qubitParentSlug",
    "accessionNumber",
    "identifier",
    "title",
    "levelOfDescription",
    "extentAndMedium",
    "repository",
    "archivalHistory",
    "acquisition",
    "scopeAndContent",
    "appraisal",
    "accruals",
    "arrangement",
    "accessConditions",
    "reproductionConditions",
    "language",
    "script",
    "languageNote",
    "physicalCharacteristics",
    "findingAids",
    "locationOfOriginals",
    "locationOfCopies",
    "relatedUnitsOfDescription",
    "publicationNote",
    "digitalObjectPath",
    "digitalObjectURI",
    "generalNote",
    "subjectAccessPoints",
    "placeAccessPoints",
    "nameAccessPoints",
    "genreAccessPoints",
    "descriptionIdentifier",
    "institutionIdentifier",
    "rules",
    "descriptionStatus",
    "levelOfDetail",
    "revisionHistory",
    "languageOfDescription",
    "scriptOfDescription",
    "sources",
    "archivistNote",
    "publicationStatus",
    "physicalObjectName",
    "physicalObjectLocation",
    "physicalObjectType",
    "alternativeIdentifiers",
    "alternativeIdentifierLabels",
    "eventDates",
    "eventTypes",
    "eventStartDates",
    "eventEndDates",
    "eventActors",
    "eventActorHistories",
    "culture",
];

/// AtoM separates the values of a repeated field with `|`.
pub const SEPARATOR: &str = "|";
/// The label of 文号 among a row's alternative identifiers.
pub const DOC_NO_LABEL: &str = "文号";
/// How the 密级 is written in `accessConditions`.
pub const CLASSIFICATION_PREFIX: &str = "密级：";
/// How the fonds is arranged (ISAD(G) 3.3.4), by 件 or by volume.
const BY_ITEM: &str = "按 DA/T 22-2015 以件为单位整理：全宗—门类·年度—保管期限—机构（问题）—件。";
const BY_VOLUME: &str = "按 GB/T 9705 以卷为单位整理：全宗—目录—案卷—卷内文件。";

pub struct AtomCsv<'a> {
    writer: csv::Writer<&'a mut dyn Write>,
    fonds_code: String,
    tree: Tree,
    volumes: HashMap<VolumeNo, Volume>,
}

fn write_error(e: csv::Error) -> Error {
    Error::Internal(format!("writing AtoM CSV: {e}"))
}

/// `12 件，340 页`.
fn extent(sum: &Sum) -> String {
    match sum.pages {
        0 => format!("{} 件", sum.records),
        pages => format!("{} 件，{pages} 页", sum.records),
    }
}

/// eventDates, eventStartDates, eventEndDates of a span.
fn span(sum: &Sum) -> [(&'static str, String); 4] {
    let (Some(first), Some(last)) = (sum.first, sum.last) else {
        return Default::default();
    };
    let text = match first == last {
        true => chinese(first),
        false => format!("{}至{}", chinese(first), chinese(last)),
    };
    [
        ("eventDates", text),
        ("eventTypes", "Creation".into()),
        ("eventStartDates", atom_date(first)),
        ("eventEndDates", atom_date(last)),
    ]
}

/// AtoM writes an unknown month or day as `00`.
fn atom_date(key: u32) -> String {
    let (year, month, day) = (key / 10_000, key / 100 % 100, key % 100);
    format!("{year:04}-{month:02}-{day:02}")
}

impl<'a> AtomCsv<'a> {
    /// The header and the fonds' own row.
    pub fn begin(
        out: &'a mut dyn Write,
        (code, name, holder): (&str, &str, &str),
        tallies: &[GroupTally],
        volumes: Vec<Volume>,
    ) -> Result<AtomCsv<'a>> {
        let mut writer = csv::WriterBuilder::new().from_writer(out);
        writer.write_record(COLUMNS).map_err(write_error)?;
        let tree = Tree::new(tallies);
        let mut csv = AtomCsv {
            writer,
            fonds_code: code.to_string(),
            tree,
            volumes: volumes
                .into_iter()
                .map(|v| (v.code.no.clone(), v))
                .collect(),
        };
        let whole = csv.tree.whole();
        let arrangement = match tallies.iter().any(|t| t.volume.is_some()) {
            true => BY_VOLUME,
            false => BY_ITEM,
        };
        let mut cells = vec![
            ("legacyId", code.to_string()),
            ("identifier", code.to_string()),
            ("title", name.to_string()),
            ("levelOfDescription", "Fonds".into()),
            ("extentAndMedium", extent(&whole)),
            ("repository", holder.to_string()),
            ("arrangement", arrangement.into()),
            ("eventActors", name.to_string()),
        ];
        cells.extend(span(&whole));
        csv.row(cells)?;
        Ok(csv)
    }

    fn row(&mut self, cells: Vec<(&str, String)>) -> Result<()> {
        let mut row = vec![String::new(); COLUMNS.len()];
        for (column, value) in cells {
            if let Some(at) = COLUMNS.iter().position(|c| *c == column) {
                row[at] = guard(&value).into_owned();
            }
        }
        for (column, value) in [
            ("language", "zh"),
            ("script", "Hans"),
            ("languageOfDescription", "zh"),
            ("scriptOfDescription", "Hans"),
            ("culture", "zh"),
        ] {
            if let Some(at) = COLUMNS.iter().position(|c| *c == column) {
                row[at] = value.to_string();
            }
        }
        self.writer.write_record(&row).map_err(write_error)
    }

    fn legacy_id(&self, path: &[Level]) -> String {
        let mut id = self.fonds_code.clone();
        for level in path {
            id.push('/');
            id.push_str(&level.code_part());
        }
        id
    }

    fn reach(&mut self, path: &[Level]) -> Result<()> {
        let (_, opening) = self.tree.walk(path);
        for path in opening {
            let Some(level) = path.last() else { continue };
            let kind = match level {
                Level::Series { .. } | Level::Catalogue(_) => "Series",
                Level::Retention(_) | Level::Dept(_) => "Subseries",
                Level::Volume(_) => "File",
            };
            let title = match level {
                Level::Volume(no) => self.volumes.get(no).map(|v| v.data.title.clone()),
                level => level.title(),
            };
            let sum = self.tree.sum(&path);
            let mut cells = vec![
                ("legacyId", self.legacy_id(&path)),
                ("parentId", self.legacy_id(&path[..path.len() - 1])),
                ("identifier", level.code_part()),
                ("title", title.unwrap_or_else(|| level.code_part())),
                ("levelOfDescription", kind.into()),
                ("extentAndMedium", extent(&sum)),
            ];
            cells.extend(span(&sum));
            self.row(cells)?;
        }
        Ok(())
    }

    /// A record as an item, after the rows of the levels above it.
    pub fn record(&mut self, record: &Record) -> Result<()> {
        let path = path_of_record(record);
        self.reach(&path)?;
        let data = &record.data;
        let code = record.code.to_string();
        let item = code.rsplit('-').next().unwrap_or_default().to_string();
        let mut extent = match data.pages {
            Some(pages) => format!("{pages} 页；"),
            None => String::new(),
        };
        extent.push_str(data.carrier.label_zh());
        let keywords = super::ead::keywords(&data.keywords).join(SEPARATOR);
        let mut cells = vec![
            ("legacyId", code.clone()),
            ("parentId", self.legacy_id(&path)),
            ("identifier", item),
            ("title", data.title.clone()),
            ("levelOfDescription", "Item".into()),
            ("extentAndMedium", extent),
            (
                "accessConditions",
                format!("{CLASSIFICATION_PREFIX}{}", data.classification.label_zh()),
            ),
            ("generalNote", data.notes.clone()),
            ("subjectAccessPoints", keywords),
            ("physicalObjectName", data.location.clone()),
            ("physicalObjectLocation", data.location.clone()),
            ("archivistNote", format!("状态：{}", data.status.label_zh())),
        ];
        if !data.doc_no.is_empty() {
            cells.push(("alternativeIdentifiers", data.doc_no.clone()));
            cells.push(("alternativeIdentifierLabels", DOC_NO_LABEL.into()));
        }
        if let Some(date) = data.date {
            let key = date.sort_key();
            cells.push(("eventDates", date.to_chinese()));
            cells.push(("eventTypes", "Creation".into()));
            cells.push(("eventStartDates", atom_date(key)));
            cells.push(("eventEndDates", atom_date(key)));
        }
        if !data.responsible.is_empty() {
            cells.push(("eventTypes", "Creation".into()));
            cells.push(("eventActors", data.responsible.clone()));
        }
        self.row(cells)
    }

    /// The rows of every level down to the groups, with no items.
    pub fn groups_only(&mut self) -> Result<()> {
        for path in self.tree.take_groups() {
            self.reach(&path)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.writer
            .flush()
            .map_err(|e| Error::io("AtoM CSV output", e))
    }
}

/// The 载体 an `extentAndMedium` names, if it names one.
pub fn carrier_in(extent: &str) -> Option<Carrier> {
    [Carrier::Both, Carrier::Electronic, Carrier::Paper]
        .into_iter()
        .find(|c| extent.contains(c.label_zh()))
}

/// The 页数 an `extentAndMedium` gives (`12 页`), if it gives one.
pub fn pages_in(extent: &str) -> Option<String> {
    let before = extent
        .split('页')
        .next()
        .filter(|_| extent.contains('页'))?;
    let digits: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then(|| digits.chars().rev().collect())
}

/// An AtoM date (`2016-00-00`, `2016-05-00`, `2016-05-04`) as dangan reads dates.
pub fn date_from_atom(text: &str) -> String {
    let text = text.trim();
    let text = text.strip_suffix("-00").unwrap_or(text);
    text.strip_suffix("-00").unwrap_or(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extents_and_dates_read_back() {
        assert_eq!(pages_in("12 页；纸质").as_deref(), Some("12"));
        assert_eq!(pages_in("纸质"), None);
        assert_eq!(pages_in("3 件，45页"), Some("45".into()));
        assert_eq!(carrier_in("12 页；纸质+电子"), Some(Carrier::Both));
        assert_eq!(date_from_atom("2016-00-00"), "2016");
        assert_eq!(date_from_atom("2016-05-00"), "2016-05");
        assert_eq!(date_from_atom("2016-05-04"), "2016-05-04");
        assert_eq!(atom_date(20160500), "2016-05-00");
    }
}
