//! `dangan import records`: all-or-nothing. Every row is checked and, if good, written inside one
//! transaction; if any row is bad the transaction is rolled back and every bad row is reported as
//! `file:line: column: what is wrong`.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use encoding_rs::Encoding;
use rusqlite::Transaction;

use crate::archive::exchange::columns::{Column, Layout, is_files_header};
use crate::archive::exchange::{decode, workbook};
use crate::archive::records::{NewCode, other_scheme, taken, unknown_fonds};
use crate::archive::sight::Sight;
use crate::archive::store::audit::{self, Stamp};
use crate::archive::store::records::{self, Origin};
use crate::archive::store::{fonds, imports, outbox};
use crate::archive::volumes;
use crate::archive::{Archive, Session};
use crate::domain::schemes::Schemes;
use crate::domain::{ArchivalCode, Classification, CodeGroup, Field, Openness, Permission, Status};
use crate::error::{Error, Result};
use crate::i18n::{AppraisalMsg, Count, Lang, Msg, Noun, RecordMsg, VolumeMsg};

mod alikes;
mod load;
pub(in crate::archive) use load::{Rows, load_csv, load_jsonl, load_sheet};

/// An encoding by the names people give it (`gbk`, `utf-8`, `cp936` …).
pub use crate::archive::exchange::decode::encoding_by_name;

/// Errors kept for the report; past this the rest are counted. A file in the wrong encoding would
/// otherwise print a million lines.
pub const MAX_REPORTED: usize = 1000;
/// Large reads: fewer system calls over a file of hundreds of megabytes.
const CSV_BUFFER: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Csv,
    Jsonl,
    /// A spreadsheet workbook: .xlsx, .xls, .xlsb, .ods.
    Workbook,
}

impl InputFormat {
    /// JSON Lines by extension (`.jsonl`, `.ndjson`), a workbook by its (`.xlsx`, `.xls` …);
    /// CSV/TSV otherwise.
    pub fn for_path(path: &Path) -> InputFormat {
        if workbook::is_workbook(path) {
            return InputFormat::Workbook;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if matches!(ext.as_str(), "jsonl" | "ndjson") {
            InputFormat::Jsonl
        } else {
            InputFormat::Csv
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub encoding: Option<&'static Encoding>,
    pub format: Option<InputFormat>,
    /// The sheet of a workbook to read [default: the only one with anything in it].
    pub sheet: Option<String>,
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub encoding: &'static str,
    /// Rows that look the same as a record already there or a row before (never refused).
    pub look_alikes: Vec<ImportLookAlike>,
    /// Rows without keywords per fonds and year (`dangan suggest` proposes them).
    pub lacking_keywords: Vec<(String, u16, u64)>,
    pub rows: u64,
    /// Records given no item number in the file, numbered on import.
    pub numbered: u64,
    pub ignored_columns: Vec<String>,
    pub dry_run: bool,
}

/// A row of an import that looks the same as another record: its line, and the other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportLookAlike {
    pub line: u64,
    pub like: Alike,
}

/// What a row looks the same as. Neither names the row's own code: a code numbered on import
/// would tell how many records of its group there are, those the importer cannot see too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alike {
    /// A record already in the archive, which the importer may see.
    Record(String),
    /// A line before it in the same file.
    Line(u64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineError {
    pub line: u64,
    /// The column's header as the file has it.
    pub column: String,
    pub message: Msg,
}

/// An import refused: nothing was written.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFailure {
    pub file: String,
    pub errors: Vec<LineError>,
    /// Errors found beyond those listed.
    pub more: u64,
}

impl ImportFailure {
    /// Every bad line as `file:line: column: what`, then the count, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mut lines: Vec<Msg> = self
            .errors
            .iter()
            .map(|e| {
                RecordMsg::ImportLine {
                    file: self.file.clone(),
                    line: e.line,
                    column: e.column.clone(),
                    problem: Box::new(RecordMsg::Nested {
                        m: Box::new(e.message.clone()),
                    }),
                }
                .into()
            })
            .collect();
        if self.more > 0 {
            lines.push(RecordMsg::ImportMore { more: self.more }.into());
        }
        let total = self.errors.len() as u64 + self.more;
        lines.push(
            RecordMsg::ImportRefused {
                file: self.file.clone(),
                total: Count::of(total, Noun::Error),
            }
            .into(),
        );
        Msg::Lines { lines }.text(lang)
    }
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for ImportFailure {}

/// Each fonds the session knows of, with the schemes its new records are coded in.
fn known_fonds(tx: &Transaction, session: &Session) -> Result<HashMap<String, Schemes>> {
    let mut known = HashMap::new();
    for f in fonds::list(tx, Sight::of(session))? {
        if let Some(schemes) = fonds::scheme(tx, &f.code)? {
            known.insert(f.code, schemes);
        }
    }
    Ok(known)
}

/// Checks rows and writes the good ones inside the caller's transaction.
/// Rows of a list compared with the archive for look-alikes: a transfer list or a register has
/// fewer; a whole catalogue migrated at once (a million rows) would pay more for it than for
/// the import itself, so its rows beyond are not compared (and the report says so).
pub const LOOK_ALIKE_ROWS: u64 = 50_000;

struct Loader<'t> {
    tx: &'t Transaction<'t>,
    import_id: i64,
    at: String,
    by: String,
    sight: Sight,
    /// Volumes whose 密级 rose to cover an item imported into them.
    volumes_raised: Vec<String>,
    /// Each fonds with the schemes of its new records' codes.
    known_fonds: HashMap<String, Schemes>,
    next_items: HashMap<CodeGroup, u32>,
    errors: Vec<LineError>,
    more: u64,
    rows: u64,
    numbered: u64,
    /// The highest classification imported, for the audit entry.
    highest: Classification,
    /// The import's audit entry, reserved before the rows that name it are written: it is the
    /// only entry the import's transaction appends.
    audit_seq: i64,
    /// In a receipt: the records written so far, with their files.
    received: Option<Vec<Received>>,
    /// Rows that look the same as a record already in the archive or a row before them.
    look_alikes: Vec<ImportLookAlike>,
    /// The rows and records they are compared with.
    alikes: alikes::ImportAlikes,
    /// Rows without keywords, by fonds and year: `dangan suggest` proposes them.
    lacking_keywords: std::collections::BTreeMap<(String, u16), u64>,
}

impl Loader<'_> {
    fn fail(&mut self, line: u64, column: impl Into<String>, message: impl Into<Msg>) {
        self.error(line, &column.into(), message.into());
    }
}

impl Rows for Loader<'_> {
    fn error(&mut self, line: u64, column: &str, message: Msg) {
        if self.errors.len() < MAX_REPORTED {
            self.errors.push(LineError {
                line,
                column: column.to_string(),
                message,
            });
        } else {
            self.more += 1;
        }
    }

    fn row(&mut self, layout: &Layout, line: u64, cells: &[&str]) -> Result<()> {
        self.rows += 1;
        let (code, mut data) = match layout.read_row(cells) {
            Ok(parsed) => parsed,
            Err(problems) => {
                problems
                    .into_iter()
                    .for_each(|(column, message)| self.fail(line, column, message));
                return Ok(());
            }
        };
        let code_header = || {
            let column = layout
                .index(Column::Code)
                .map_or(Column::Fonds, |_| Column::Code);
            layout.index(column).map_or_else(
                || column.label_zh().to_string(),
                |i| layout.columns[i].0.clone(),
            )
        };
        let group = match &code {
            NewCode::Exact(code) => &code.group,
            NewCode::Next(group) => group,
        };
        if !self.sight.sees(data.classification) {
            let column = layout
                .index(Column::Data(Field::Classification))
                .map_or("密级".to_string(), |i| layout.columns[i].0.clone());
            let message = RecordMsg::AboveClearance {
                class: data.classification,
                clearance: self.sight.ceiling(),
            };
            self.fail(line, column, message);
            return Ok(());
        }
        // Only an approved review opens a record, and only a carried-out list destroys one: a file
        // says neither for itself.
        let header_of = |field: Field| {
            layout
                .index(Column::Data(field))
                .map_or(field.label_zh().to_string(), |i| {
                    layout.columns[i].0.clone()
                })
        };
        if self.received.is_some() {
            data.openness = Openness::Unreviewed;
        }
        if data.openness == Openness::Open {
            self.fail(
                line,
                header_of(Field::Openness),
                AppraisalMsg::OpennessByReview,
            );
            return Ok(());
        }
        if data.status == Status::Disposed {
            self.fail(
                line,
                header_of(Field::Status),
                AppraisalMsg::DestroyedByList,
            );
            return Ok(());
        }
        match self.known_fonds.get(&group.fonds) {
            None => {
                self.fail(line, code_header(), unknown_fonds(&group.fonds));
                return Ok(());
            }
            Some(schemes) if !schemes.of_group(group).fits(group) => {
                let scheme = schemes.of_group(group);
                self.fail(line, code_header(), other_scheme(group, scheme));
                return Ok(());
            }
            Some(_) => {}
        }
        let mut code = code;
        let group = match &mut code {
            NewCode::Exact(code) => &mut code.group,
            NewCode::Next(group) => group,
        };
        if let Some(volume_code) = group.volume_code() {
            let Some(volume) = volumes::place(self.tx, self.sight, group)? else {
                let code = volume_code.to_string();
                self.fail(line, code_header(), VolumeMsg::NoSuchVolume { code });
                return Ok(());
            };
            if volumes::cover(self.tx, &volume, data.classification)? {
                self.volumes_raised.push(volume.code.to_string());
            }
        }
        let code = match code {
            NewCode::Exact(code) => {
                if let Some(next) = self.next_items.get_mut(&code.group) {
                    *next = (*next).max(code.item + 1);
                }
                code
            }
            NewCode::Next(group) => {
                let next = match self.next_items.get(&group) {
                    Some(&next) => next,
                    None => records::next_item(self.tx, &group)?,
                };
                self.next_items.insert(group.clone(), next + 1);
                self.numbered += 1;
                group.with_item(next)
            }
        };
        let origin = Origin {
            at: &self.at,
            by: &self.by,
            import: Some((self.import_id, line)),
            audit_seq: Some(self.audit_seq),
        };
        self.highest = self.highest.max(data.classification);
        if self.received.is_some() {
            // Received records wait to be arranged, whatever the department called them.
            data.status = Status::Unprocessed;
        }
        let inserted = records::insert(self.tx, &code, &data, &origin)?;
        if inserted.is_some() && data.keywords.trim().is_empty() {
            let scope = (code.group.fonds.clone(), code.group.year);
            *self.lacking_keywords.entry(scope).or_default() += 1;
        }
        if let Some(id) = inserted.filter(|_| self.rows <= LOOK_ALIKE_ROWS) {
            let store = (self.tx, self.sight, self.import_id);
            if let Some(like) = self.alikes.check(store, &code.group.fonds, &data, id)? {
                self.look_alikes.push(ImportLookAlike { line, like });
            }
        }
        if let (Some(received), Some(id)) = (&mut self.received, inserted) {
            let files = layout
                .columns
                .iter()
                .position(|(header, column)| column.is_none() && is_files_header(header))
                .and_then(|i| cells.get(i))
                .map_or(String::new(), |cell| cell.to_string());
            received.push(Received {
                line,
                id,
                code: code.clone(),
                files,
            });
        }
        if inserted.is_none() {
            let message = match imports::origin(self.tx, &code)? {
                Some((id, first)) if id == self.import_id => RecordMsg::AlsoOnLine {
                    code: code.to_string(),
                    line: first,
                }
                .into(),
                _ => taken(&code),
            };
            self.fail(line, code_header(), message);
        }
        Ok(())
    }
}

/// A list of records opened to be read: a CSV or JSON Lines file (decoded as it streams), or a
/// workbook's sheet (read whole, its cells Unicode already).
pub(in crate::archive) struct ListFile {
    path: std::path::PathBuf,
    /// The path, and the sheet of a workbook, as errors name them.
    label: String,
    /// The file's own name, as the import's provenance keeps it.
    name: String,
    format: InputFormat,
    input: Option<decode::DecodedFile>,
    sheet: Option<workbook::Sheet>,
}

impl ListFile {
    pub(in crate::archive) fn open(path: &Path, options: &ImportOptions) -> Result<ListFile> {
        let mut label = path.display().to_string();
        let format = options
            .format
            .unwrap_or_else(|| InputFormat::for_path(path));
        let (input, sheet) = match format {
            InputFormat::Workbook => {
                let is_header = |h: &[String]| Layout::new(h).is_ok();
                let sheet = workbook::read(path, options.sheet.as_deref(), &is_header)
                    .map_err(Error::BadInput)?;
                label = format!("{label}:{}", sheet.name);
                (None, Some(sheet))
            }
            _ => (Some(decode::open(path, options.encoding)?), None),
        };
        let name = path
            .file_name()
            .map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned());
        Ok(ListFile {
            path: path.to_path_buf(),
            label,
            name,
            format,
            input,
            sheet,
        })
    }

    /// Hands every row to `rows`; the columns it ignored.
    pub(in crate::archive) fn read(self, rows: &mut impl Rows) -> Result<Vec<String>> {
        match (self.input, &self.sheet) {
            (_, Some(sheet)) => load_sheet(sheet, rows),
            (Some(input), None) if self.format == InputFormat::Jsonl => load_jsonl(input, rows),
            (Some(input), None) => load_csv(&self.path, input, rows),
            (None, None) => Ok(Vec::new()),
        }
    }

    pub(in crate::archive) fn encoding(&self) -> &'static str {
        self.input.as_ref().map_or("UTF-8", |i| i.encoding.name())
    }
}

/// A record a transfer list brought, with the files its row names.
#[derive(Debug, Clone)]
pub(in crate::archive) struct Received {
    pub line: u64,
    pub id: i64,
    pub code: ArchivalCode,
    /// The row's 文件 cell as written.
    pub files: String,
}

/// What a list wrote inside the caller's transaction, before its audit entry is appended.
pub(in crate::archive) struct Loaded {
    pub import_id: i64,
    pub look_alikes: Vec<ImportLookAlike>,
    pub lacking_keywords: Vec<(String, u16, u64)>,
    pub rows: u64,
    pub numbered: u64,
    pub ignored_columns: Vec<String>,
    pub highest: Classification,
    pub volumes_raised: Vec<String>,
    /// The sequence number the one audit entry of this change must get: the rows name it.
    pub audit_seq: i64,
    /// In a receipt: each record with its files, in the list's order.
    pub received: Vec<Received>,
}

/// Reads every row of a list and writes the good ones in `tx`; a list with any bad row is
/// refused with all of them (the caller rolls back). `receiving`: the rows are a transfer's,
/// written as 待整理 with their 文件 cells kept for the receipt.
pub(in crate::archive) fn load_list(
    tx: &Transaction,
    session: &Session,
    at: &str,
    list: ListFile,
    receiving: bool,
) -> Result<std::result::Result<Loaded, ImportFailure>> {
    let mut loader = Loader {
        tx,
        import_id: imports::begin(
            tx,
            &list.name,
            list.encoding(),
            (at, session.name()),
            receiving,
        )?,
        at: at.to_string(),
        by: session.name().to_string(),
        sight: Sight::of(session),
        volumes_raised: Vec::new(),
        known_fonds: known_fonds(tx, session)?,
        next_items: HashMap::new(),
        errors: Vec::new(),
        more: 0,
        rows: 0,
        numbered: 0,
        highest: Classification::Public,
        audit_seq: audit::head(tx)?.map_or(1, |(seq, _)| seq + 1),
        received: receiving.then(Vec::new),
        look_alikes: Vec::new(),
        alikes: Default::default(),
        lacking_keywords: Default::default(),
    };
    let label = list.label.clone();
    let ignored_columns = list.read(&mut loader)?;
    if !loader.errors.is_empty() {
        return Ok(Err(ImportFailure {
            file: label,
            errors: loader.errors,
            more: loader.more,
        }));
    }
    imports::finish(tx, loader.import_id, loader.rows)?;
    records::count_import(tx, loader.import_id)?;
    outbox::import_added(tx, loader.import_id)?;
    Ok(Ok(Loaded {
        import_id: loader.import_id,
        rows: loader.rows,
        numbered: loader.numbered,
        ignored_columns: ignored_columns
            .into_iter()
            .filter(|c| !(receiving && is_files_header(c)))
            .collect(),
        highest: loader.highest,
        volumes_raised: loader.volumes_raised,
        audit_seq: loader.audit_seq,
        received: loader.received.unwrap_or_default(),
        look_alikes: loader.look_alikes,
        lacking_keywords: loader
            .lacking_keywords
            .into_iter()
            .map(|((fonds, year), n)| (fonds, year, n))
            .collect(),
    }))
}

impl Archive {
    pub fn import_records(
        &mut self,
        session: &Session,
        path: &Path,
        options: &ImportOptions,
    ) -> Result<ImportReport> {
        session.require(Permission::ImportRecords)?;
        let list = ListFile::open(path, options)?;
        let encoding = list.encoding();
        let file_name = list.name.clone();
        let at = self.now();
        let stamp = Stamp {
            key: &self.audit_key,
            at: &at,
            user: session.name(),
        };
        let work = |tx: &Transaction| -> Result<ImportReport> {
            let loaded = load_list(tx, session, &at, list, false)??;
            let detail = serde_json::json!({
                "import": loaded.import_id, "records": loaded.rows, "encoding": encoding, "dry_run": options.dry_run,
                "class": loaded.highest.code(), "volumes_raised": loaded.volumes_raised,
            });
            let seq = stamp.append(tx, "records.import", &file_name, detail)?;
            if seq != loaded.audit_seq {
                return Err(Error::Internal(format!(
                    "internal: the import's audit entry is {seq}, its records name {}",
                    loaded.audit_seq
                )));
            }
            Ok(ImportReport {
                encoding,
                look_alikes: loaded.look_alikes,
                lacking_keywords: loaded.lacking_keywords,
                rows: loaded.rows,
                numbered: loaded.numbered,
                ignored_columns: loaded.ignored_columns,
                dry_run: options.dry_run,
            })
        };
        if options.dry_run {
            self.store.rehearse(work)
        } else {
            self.store.write(work)
        }
    }
}
