//! Dual-track reconciliation (双轨核对): a paper register for a scope is matched line by line with the
//! catalogue; staff decide every line that does not agree; then the scope is certified single-track.

use std::path::Path;

use encoding_rs::Encoding;
use serde_json::json;

use crate::archive::browse::readable;
use crate::archive::exchange::register as register_file;
use crate::archive::sight::Sight;
use crate::archive::store::audit;
use crate::archive::store::records;
use crate::archive::store::registers::{self, NewLine, NewRegister};
use crate::archive::{Archive, Session};
use crate::domain::RecordQuery;
use crate::domain::matching::match_lines;
use crate::domain::register::{LineKind, PaperLine, Scope};
use crate::domain::register::{LineRow, Register};
use crate::domain::{ArchivalCode, Classification, Field, Permission, Record, Status};
use crate::error::{Error, Result};
use crate::i18n::{Msg, ReconcileMsg};

/// The source of a register typed at the desk, in both languages: it is stored, and shown to
/// whoever reads the register later.
const TYPED_SOURCE: &str = "台账录入 (typed at the desk)";

/// Where a register stands: the counts `dangan reconcile status` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ScopeStatus {
    pub scope: String,
    pub paper_lines: u64,
    pub agrees: u64,
    pub differs: u64,
    pub paper_only: u64,
    pub duplicate: u64,
    pub digital_only: u64,
    pub resolved: u64,
    pub open: u64,
    pub certified_at: Option<String>,
    pub certified_by: Option<String>,
}

impl ScopeStatus {
    pub(in crate::archive) fn of_lines(register: &Register, lines: &[LineRow]) -> ScopeStatus {
        let counts = lines.iter().map(|l| (l.kind, l.resolution.is_some(), 1));
        ScopeStatus::tally(register, counts)
    }

    /// Counted in SQL, without reading every line: the lines the sight takes in.
    fn counted(
        conn: &rusqlite::Connection,
        register: &Register,
        sight: Sight,
    ) -> Result<ScopeStatus> {
        let counts = registers::counts(conn, register.id, sight)?;
        Ok(ScopeStatus::tally(register, counts.into_iter()))
    }

    /// From (kind, decided, how many).
    fn tally(
        register: &Register,
        counts: impl Iterator<Item = (LineKind, bool, u64)>,
    ) -> ScopeStatus {
        let mut status = ScopeStatus {
            scope: register.scope.clone(),
            certified_at: register.certified_at.clone(),
            certified_by: register.certified_by.clone(),
            ..ScopeStatus::default()
        };
        for (kind, decided, n) in counts {
            *match kind {
                LineKind::Agrees => &mut status.agrees,
                LineKind::Differs => &mut status.differs,
                LineKind::PaperOnly => &mut status.paper_only,
                LineKind::Duplicate => &mut status.duplicate,
                LineKind::DigitalOnly => &mut status.digital_only,
            } += n;
            if kind != LineKind::DigitalOnly {
                status.paper_lines += n;
            }
            if decided {
                status.resolved += n;
            } else if kind != LineKind::Agrees {
                status.open += n;
            }
        }
        status
    }
}

/// Which line: its number on paper, or, for a record only in the catalogue, its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineRef {
    Paper(u64),
    Digital(ArchivalCode),
}

impl std::str::FromStr for LineRef {
    type Err = Msg;
    fn from_str(text: &str) -> Result<LineRef, Msg> {
        let text = crate::domain::text::fold(text);
        if let Ok(n) = text.parse() {
            return Ok(LineRef::Paper(n));
        }
        text.parse().map(LineRef::Digital).map_err(|_| {
            ReconcileMsg::NotLineRef {
                text: text.to_string(),
            }
            .into()
        })
    }
}

/// A line with the record it is matched to, if any.
pub type LineWithRecord = (LineRow, Option<Record>);

mod decide;

use decide::line_record;

impl Archive {
    /// A register is compared with every record of its scope, so whoever brings it in or signs
    /// it off must see them all: else which lines vanished would tell them the codes and titles
    /// of records above their clearance. Judged over the whole fonds, not the scope, so that a
    /// refusal cannot be used to find which years or boxes hold such records.
    pub(in crate::archive) fn sees_whole_fonds(
        &self,
        session: &Session,
        fonds: &str,
    ) -> Result<bool> {
        let highest = records::highest_in_fonds(self.store.conn(), fonds)?;
        Ok(Sight::of(session).sees(highest))
    }

    /// Every record of the scope, whoever brings the register in: the paper lists them all, and
    /// each line is later shown only to those cleared for its record.
    fn scope_records(&self, scope: &Scope) -> Result<Vec<Record>> {
        let filter = RecordQuery {
            fonds: Some(scope.fonds.clone()),
            year: scope.years.filter(|(a, b)| a == b).map(|(a, _)| a),
            ..RecordQuery::default()
        };
        let mut out = Vec::new();
        self.store.scan(|conn| {
            records::for_each(conn, &filter, Sight::whole_archive(), |mut record| {
                if scope.contains(&record) {
                    // Only what a register is compared on is kept: a fonds can hold 100,000s.
                    for text in [
                        &mut record.data.keywords,
                        &mut record.data.notes,
                        &mut record.created_at,
                        &mut record.created_by,
                        &mut record.updated_at,
                        &mut record.updated_by,
                    ] {
                        *text = String::new();
                    }
                    out.push(record);
                }
                Ok(())
            })
        })?;
        Ok(out)
    }

    fn paper_register(&self, scope: &Scope) -> Result<Register> {
        registers::by_scope(self.store.conn(), &scope.to_string())?.ok_or_else(|| {
            Error::NotFound(
                ReconcileMsg::NoRegister {
                    scope: scope.to_string(),
                }
                .into(),
            )
        })
    }

    /// Reads a register file for `scope` (CSV in `encoding`, or `sheet` of a workbook), matches
    /// every line and stores the outcome, all at once.
    pub fn import_register(
        &mut self,
        session: &Session,
        path: &Path,
        scope: &Scope,
        encoding: Option<&'static Encoding>,
        sheet: Option<&str>,
    ) -> Result<ScopeStatus> {
        session.require(Permission::ImportRecords)?;
        let file = register_file::read(path, encoding, sheet)?;
        // The file's name as given is kept and shown: nothing in it may drive a terminal.
        let source = crate::width::sanitize(&path.display().to_string(), false);
        self.store_register(session, scope, &source, file)
    }

    /// Lines typed at the desk as a clerk reads the paper book (档号, 题名, 责任者, 日期), stored as
    /// the register of `scope`; the hash is of the lines as typed.
    pub fn enter_register(
        &mut self,
        session: &Session,
        scope: &Scope,
        lines: Vec<PaperLine>,
    ) -> Result<ScopeStatus> {
        session.require(Permission::ImportRecords)?;
        if lines.is_empty() {
            return Err(Error::BadInput(ReconcileMsg::EmptyRegister.into()));
        }
        for line in &lines {
            crate::domain::record::check_text(&line.raw, false).map_err(|e| {
                let problem = Box::new(e.0);
                Error::BadInput(
                    ReconcileMsg::LineField {
                        line: line.line_no,
                        problem,
                    }
                    .into(),
                )
            })?;
        }
        let text: String = lines.iter().map(|l| format!("{}\n", l.raw)).collect();
        let file = register_file::RegisterFile {
            columns: crate::domain::register::Columns {
                code: true,
                fields: vec![Field::Title, Field::Responsible, Field::Date],
            },
            sha256: register_file::sha256_hex(text.as_bytes()),
            lines,
        };
        self.store_register(session, scope, TYPED_SOURCE, file)
    }

    fn store_register(
        &mut self,
        session: &Session,
        scope: &Scope,
        source: &str,
        file: register_file::RegisterFile,
    ) -> Result<ScopeStatus> {
        let sha256 = file.sha256.as_str();
        let name = scope.to_string();
        if registers::by_scope(self.store.conn(), &name)?.is_some() {
            return Err(Error::BadInput(
                ReconcileMsg::HasRegister { scope: name }.into(),
            ));
        }
        if !self.sees_whole_fonds(session, &scope.fonds)? {
            return Err(Error::Refused(
                ReconcileMsg::RegisterNeedsSight { scope: name }.into(),
            ));
        }
        let records = self.scope_records(scope)?;
        let mut matching = match_lines(&file.lines, &records, &file.columns);
        // A record destroyed by a destruction list is not missing from the paper: it is gone
        // from both tracks, with its list to show for it.
        matching
            .digital_only
            .retain(|&r| records[r].data.status != Status::Disposed);
        let stated = |line: &PaperLine| Classification::parse(line.value(Field::Classification));
        let matched_class = matching
            .lines
            .iter()
            .filter_map(|l| l.record)
            .chain(matching.digital_only.iter().copied())
            .map(|r| records[r].data.classification)
            .chain(file.lines.iter().filter_map(stated))
            .max()
            .unwrap_or_default();
        self.audited(session.name(), |tx, stamp| {
            let id = registers::insert(
                tx,
                &NewRegister {
                    scope: &name,
                    source,
                    sha256,
                    columns: &file.columns,
                    at: stamp.at,
                    by: session.name(),
                },
            )?;
            for (line, found) in file.lines.iter().zip(&matching.lines) {
                let candidates: Vec<(String, f64)> = found
                    .candidates
                    .iter()
                    .map(|&(r, s)| (records[r].code.to_string(), (s * 100.0).round() / 100.0))
                    .collect();
                let new = NewLine {
                    paper: Some(line),
                    class: stated(line),
                    record_id: found.record.map(|r| records[r].id),
                    kind: found.kind,
                    differs: &found.differs,
                    score: found.score,
                    candidates: &candidates,
                };
                registers::insert_line(tx, id, &new)?;
            }
            for &r in &matching.digital_only {
                let new = NewLine {
                    paper: None,
                    class: None,
                    record_id: Some(records[r].id),
                    kind: LineKind::DigitalOnly,
                    differs: &[],
                    score: 0.0,
                    candidates: &[],
                };
                registers::insert_line(tx, id, &new)?;
            }
            let detail = json!({"source": source, "sha256": sha256, "lines": file.lines.len(),
                                "class": matched_class.code()});
            let seq = stamp.append(tx, "register.import", &name, detail)?;
            audit::mark_register(tx, id, seq)
        })?;
        self.scope_status(session, scope)
    }

    pub fn scope_status(&self, session: &Session, scope: &Scope) -> Result<ScopeStatus> {
        let sight = readable(session)?;
        let register = self.paper_register(scope)?;
        ScopeStatus::counted(self.store.conn(), &register, sight)
    }

    pub fn scopes(&self, session: &Session) -> Result<Vec<ScopeStatus>> {
        let sight = readable(session)?;
        let conn = self.store.conn();
        registers::list(conn)?
            .iter()
            .map(|r| ScopeStatus::counted(conn, r, sight))
            .collect()
    }

    /// Every line of a scope's register with its record, in paper order, then the digital-only.
    pub fn register_lines(
        &self,
        session: &Session,
        scope: &Scope,
    ) -> Result<(Register, Vec<LineWithRecord>)> {
        let sight = readable(session)?;
        let mut register = self.paper_register(scope)?;
        let conn = self.store.conn();
        // What speaks for the whole register (its certificate's counts, the file it came from)
        // is for those who see all of it.
        if !sight.sees(registers::highest_class(conn, register.id)?) {
            register.source.clear();
            register.sha256.clear();
            register.certificate = None;
        }
        let mut out = Vec::new();
        for line in registers::lines(conn, register.id, sight)? {
            let record = line_record(conn, &line, sight)?;
            out.push((line, record));
        }
        Ok((register, out))
    }

    fn find_line(&self, register: &Register, target: &LineRef, sight: Sight) -> Result<LineRow> {
        let conn = self.store.conn();
        let found = match target {
            LineRef::Paper(n) => registers::paper_line(conn, register.id, *n, sight)?,
            LineRef::Digital(code) => match records::by_code(conn, code, sight)? {
                Some(record) => registers::digital_line(conn, register.id, record.id, sight)?,
                None => None,
            },
        };
        found.ok_or_else(|| {
            let scope = register.scope.clone();
            Error::NotFound(match target {
                LineRef::Paper(n) => ReconcileMsg::NoLine { line: *n, scope }.into(),
                LineRef::Digital(code) => ReconcileMsg::NotDigitalOnly {
                    code: code.to_string(),
                    scope,
                }
                .into(),
            })
        })
    }
}
