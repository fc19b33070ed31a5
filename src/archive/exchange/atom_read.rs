//! Reading AtoM's ISAD(G) CSV: the rows' `legacyId`/`parentId` tree is resolved first, then each
//! item (件) is handed to the loader as a record whose 档号 is its ancestors' identifiers joined
//! with `-` (or its own identifier, where that is a whole 档号), with the line an editor shows.

use std::collections::HashMap;

use super::atom::{
    CLASSIFICATION_PREFIX, DOC_NO_LABEL, SEPARATOR, carrier_in, date_from_atom, pages_in,
};
use super::columns::{Column, Layout};
use super::decode::LineIndex;
use super::spreadsheet::unguard;
use crate::archive::import::Rows;
use crate::domain::{ArchivalCode, Field};
use crate::error::Result;
use crate::i18n::{ExchangeMsg, Msg, RecordMsg};

/// Deeper than any archive's hierarchy: a `parentId` chain this long is a loop.
const MOST_LEVELS: usize = 32;
/// The levels of description that are records; the rest are the levels above them.
const ITEM_LEVELS: [&str; 3] = ["item", "part", "件"];

/// Whether a header is AtoM's: it names `legacyId` and `levelOfDescription`.
pub fn is_atom(headers: &[String]) -> bool {
    let has = |name: &str| headers.iter().any(|h| h.trim() == name);
    has("legacyId") && has("levelOfDescription")
}

struct Row {
    line: u64,
    cells: Vec<String>,
}

/// The columns dangan takes, and what each becomes.
const TAKEN: [(&str, Column); 11] = [
    ("identifier", Column::Code),
    ("title", Column::Data(Field::Title)),
    ("eventActors", Column::Data(Field::Responsible)),
    ("alternativeIdentifiers", Column::Data(Field::DocNo)),
    ("eventStartDates", Column::Data(Field::Date)),
    ("extentAndMedium", Column::Data(Field::Pages)),
    ("extentAndMedium", Column::Data(Field::Carrier)),
    ("accessConditions", Column::Data(Field::Classification)),
    ("physicalObjectLocation", Column::Data(Field::Location)),
    ("subjectAccessPoints", Column::Data(Field::Keywords)),
    ("generalNote", Column::Data(Field::Notes)),
];
/// Read to place rows in the tree or into the notes, or written by dangan's own export from
/// what the columns above hold: nothing is lost where they are left out.
const STRUCTURE: [&str; 16] = [
    "legacyId",
    "parentId",
    "qubitParentSlug",
    "levelOfDescription",
    "alternativeIdentifierLabels",
    "scopeAndContent",
    "repository",
    "arrangement",
    "language",
    "script",
    "languageOfDescription",
    "scriptOfDescription",
    "eventDates",
    "eventTypes",
    "eventEndDates",
    "culture",
];

struct Columns(HashMap<String, usize>);

impl Columns {
    fn get<'r>(&self, row: &'r Row, name: &str) -> &'r str {
        self.0
            .get(name)
            .and_then(|&i| row.cells.get(i))
            .map_or("", |c| c.trim())
    }
}

fn values(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(SEPARATOR)
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Loads the items of an AtoM CSV whose header `reader` has read; returns the columns that held
/// values dangan does not keep.
pub(in crate::archive) fn load<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    headers: &[String],
    lines: &LineIndex,
    loader: &mut impl Rows,
) -> Result<Vec<String>> {
    let columns = Columns(
        headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_string(), i))
            .collect(),
    );
    for needed in ["legacyId", "identifier", "title", "levelOfDescription"] {
        if !columns.0.contains_key(needed) {
            let column = needed.to_string();
            loader.error(1, "header", ExchangeMsg::AtomNoColumn { column }.into());
            return Ok(Vec::new());
        }
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| lines.record_line(p.byte()));
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cells = record.iter().map(|c| unguard(c).to_string()).collect();
                rows.push(Row { line, cells });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                let detail = e.to_string();
                loader.error(line, "-", RecordMsg::MalformedCsv { detail }.into());
                return Ok(Vec::new());
            }
        }
    }
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (at, row) in rows.iter().enumerate() {
        let id = columns.get(row, "legacyId");
        if id.is_empty() {
            let column = "legacyId".to_string();
            loader.error(
                row.line,
                "legacyId",
                ExchangeMsg::AtomEmpty { column }.into(),
            );
        } else if let Some(&first) = by_id.get(id) {
            let (code, line) = (id.to_string(), rows[first].line);
            loader.error(
                row.line,
                "legacyId",
                RecordMsg::AlsoOnLine { code, line }.into(),
            );
        } else {
            by_id.insert(id, at);
        }
        if !columns.get(row, "qubitParentSlug").is_empty() {
            loader.error(row.line, "qubitParentSlug", ExchangeMsg::AtomSlug.into());
        }
    }
    for row in &rows {
        let parent = columns.get(row, "parentId");
        if !parent.is_empty() && !by_id.contains_key(parent) {
            let parent = parent.to_string();
            loader.error(
                row.line,
                "parentId",
                ExchangeMsg::AtomNoParent { parent }.into(),
            );
        }
    }
    let layout = Layout::mapped(
        TAKEN
            .iter()
            .map(|(name, column)| (name.to_string(), Some(*column)))
            .collect(),
    );
    for row in &rows {
        let level = columns.get(row, "levelOfDescription").to_lowercase();
        if !ITEM_LEVELS.contains(&level.as_str()) {
            continue;
        }
        let code = match code_of(row, &rows, &by_id, &columns) {
            Ok(code) => code,
            Err((line, message)) => {
                loader.error(line, "identifier", message);
                continue;
            }
        };
        let cells = record_cells(row, &columns, code);
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        loader.row(&layout, row.line, &cells)?;
    }
    let used: Vec<&str> = TAKEN.iter().map(|(n, _)| *n).chain(STRUCTURE).collect();
    let ignored = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| !used.contains(&h.trim()))
        .filter(|(i, _)| {
            rows.iter()
                .any(|r| r.cells.get(*i).is_some_and(|c| !c.trim().is_empty()))
        })
        .map(|(_, h)| h.trim().to_string())
        .collect();
    Ok(ignored)
}

/// The 档号 of an item: its identifier if that is one, else its ancestors' and its own joined.
fn code_of(
    row: &Row,
    rows: &[Row],
    by_id: &HashMap<&str, usize>,
    columns: &Columns,
) -> std::result::Result<String, (u64, Msg)> {
    let own = columns.get(row, "identifier");
    if own.contains('-') && own.parse::<ArchivalCode>().is_ok() {
        return Ok(own.to_string());
    }
    let mut parts = Vec::new();
    let mut here = row;
    loop {
        let identifier = columns.get(here, "identifier");
        if identifier.is_empty() {
            let column = "identifier".to_string();
            return Err((here.line, ExchangeMsg::AtomEmpty { column }.into()));
        }
        parts.push(identifier);
        if parts.len() > MOST_LEVELS {
            return Err((row.line, ExchangeMsg::AtomLoop.into()));
        }
        let parent = columns.get(here, "parentId");
        match by_id.get(parent) {
            Some(&at) if !parent.is_empty() => here = &rows[at],
            _ => break,
        }
    }
    parts.reverse();
    Ok(parts.join("-"))
}

/// The row's cells in the order of `TAKEN`, read as dangan reads its own columns.
fn record_cells(row: &Row, columns: &Columns, code: String) -> Vec<String> {
    let get = |name| columns.get(row, name);
    let extent = get("extentAndMedium");
    let labels: Vec<&str> = get("alternativeIdentifierLabels")
        .split(SEPARATOR)
        .collect();
    let doc_no = get("alternativeIdentifiers")
        .split(SEPARATOR)
        .enumerate()
        .find(|(i, _)| labels.get(*i).is_some_and(|l| l.trim() == DOC_NO_LABEL))
        .map_or("", |(_, v)| v.trim());
    let classification = values(get("accessConditions"))
        .find_map(|v| v.strip_prefix(CLASSIFICATION_PREFIX))
        .unwrap_or_default();
    let notes: Vec<&str> = values(get("scopeAndContent"))
        .chain(values(get("generalNote")))
        .collect();
    vec![
        code,
        get("title").to_string(),
        values(get("eventActors")).collect::<Vec<_>>().join("、"),
        doc_no.to_string(),
        date(get("eventStartDates"), get("eventDates")),
        pages_in(extent).unwrap_or_default(),
        carrier_in(extent).map_or("", |c| c.label_zh()).to_string(),
        classification.trim().to_string(),
        get("physicalObjectLocation").to_string(),
        values(get("subjectAccessPoints"))
            .collect::<Vec<_>>()
            .join(" "),
        notes.join("\n"),
    ]
}

/// The first event's start date; bracketed, as dangan writes an estimated date, where the
/// event's own text is.
fn date(starts: &str, texts: &str) -> String {
    let Some(start) = values(starts).next() else {
        return String::new();
    };
    let date = date_from_atom(start);
    match values(texts).next() {
        Some(text) if text.starts_with('[') && text.ends_with(']') => format!("[{date}]"),
        _ => date,
    }
}
