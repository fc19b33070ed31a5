//! Deciding register lines: each decision, and the record change it makes (a correction from
//! paper, a record added from a line), lands in one transaction; a line is matched to another
//! record by hand.

use rusqlite::{Connection, Transaction};
use serde_json::json;

use super::{LineRef, LineWithRecord};
use crate::archive::records::{NewCode, add_in, edit_in};
use crate::archive::sight::Sight;
use crate::archive::store::audit::{self, Marked, Stamp};
use crate::archive::store::registers::Decision;
use crate::archive::store::{records, registers};
use crate::archive::{Archive, Session};
use crate::domain::register::{LineKind, LineRow, Register, Resolution, Scope, differences};
use crate::domain::{ArchivalCode, Field, Permission, Record, RecordData};
use crate::error::{Error, Result};
use crate::i18n::{Lang, ReconcileMsg, RecordMsg};

/// A certified scope's register takes no more decisions.
fn closed(register: &Register) -> Error {
    Error::BadInput(
        ReconcileMsg::Closed {
            scope: register.scope.clone(),
        }
        .into(),
    )
}

impl Archive {
    /// A line to decide: the user may write records, the register is not yet certified, and the
    /// line is one the user may see.
    fn open_line(
        &self,
        session: &Session,
        scope: &Scope,
        target: &LineRef,
    ) -> Result<(Sight, Register, LineRow)> {
        session.require(Permission::WriteRecords)?;
        let sight = Sight::of(session);
        let register = self.paper_register(scope)?;
        if register.certified_at.is_some() {
            return Err(closed(&register));
        }
        let line = self.find_line(&register, target, sight)?;
        Ok((sight, register, line))
    }

    /// Decides a line. `correct_digital` copies the paper's differing values into the record (a new
    /// version); `create_record` adds a record from the line; either lands in the transaction of
    /// the decision. Any decision can be taken again until the scope is certified.
    pub fn resolve_line(
        &mut self,
        session: &Session,
        scope: &Scope,
        target: &LineRef,
        resolution: Resolution,
        note: &str,
    ) -> Result<LineWithRecord> {
        let (sight, register, line) = self.open_line(session, scope, target)?;
        if !resolution.fits(line.kind, line.record_id.is_some()) {
            return Err(Error::BadInput(
                ReconcileMsg::DoesNotApply {
                    resolution,
                    kind: line.kind,
                }
                .into(),
            ));
        }
        if crate::domain::record::check_text(note, false).is_err() {
            return Err(Error::BadInput(ReconcileMsg::NoteOneLine.into()));
        }
        self.audited(session.name(), |tx, stamp| {
            let record_id = match resolution {
                Resolution::CorrectDigital => {
                    correct_from_paper(tx, stamp, session, &line)?;
                    None
                }
                Resolution::CreateRecord => {
                    Some(create_from_paper(tx, stamp, session, scope, &line)?)
                }
                _ => None,
            };
            let decision = Decision {
                resolution,
                note: note.trim(),
                by: session.name(),
                at: stamp.at,
                record_id,
            };
            // Certified meanwhile by another session: the decision does not land.
            if !registers::resolve(tx, line.id, &decision)? {
                return Err(closed(&register));
            }
            let detail = json!({
                "line": line.paper.line_no, "kind": line.kind.code(),
                "resolution": resolution.code(), "note": note.trim(), "record": line.record_id.or(record_id),
            });
            let seq = stamp.append(tx, "register.resolve", &register.scope, detail)?;
            audit::mark(tx, Marked::Line, line.id, seq)?;
            decided_line(tx, line.id, sight)
        })
    }

    /// Takes a decision back: the line is open again. Only a decision that changed no record
    /// (accepted as it is, missing on one side, a note) can be taken back; one that wrote the
    /// paper's values into a record or made a record is undone by editing that record.
    pub fn reopen_line(
        &mut self,
        session: &Session,
        scope: &Scope,
        target: &LineRef,
    ) -> Result<LineWithRecord> {
        let (sight, register, line) = self.open_line(session, scope, target)?;
        let Some(resolution) = line.resolution else {
            return Err(Error::BadInput(ReconcileMsg::NotDecided.into()));
        };
        if matches!(
            resolution,
            Resolution::CorrectDigital | Resolution::CreateRecord
        ) {
            return Err(Error::BadInput(
                ReconcileMsg::ChangedARecord { resolution }.into(),
            ));
        }
        self.audited(session.name(), |tx, stamp| {
            if !registers::reopen(tx, line.id)? {
                return Err(closed(&register));
            }
            let detail = json!({
                "line": line.paper.line_no, "was": resolution.code(), "record": line.record_id,
            });
            let seq = stamp.append(tx, "register.reopen", &register.scope, detail)?;
            audit::mark(tx, Marked::Line, line.id, seq)?;
            decided_line(tx, line.id, sight)
        })
    }

    /// Another candidate for a line: the line is compared again with that record.
    pub fn pick_candidate(
        &mut self,
        session: &Session,
        scope: &Scope,
        target: &LineRef,
        code: &ArchivalCode,
    ) -> Result<LineWithRecord> {
        let (sight, register, line) = self.open_line(session, scope, target)?;
        if line.is_digital_only() {
            return Err(Error::BadInput(ReconcileMsg::DigitalOnlyHasNoLine.into()));
        }
        let record = self.record(session, code)?;
        let conn = self.store.conn();
        // Every line of the register, seen or not: one record answers one line.
        let taken = registers::lines(conn, register.id, Sight::whole_archive())?
            .into_iter()
            .find(|l| {
                l.id != line.id && l.record_id == Some(record.id) && l.kind != LineKind::Duplicate
            });
        if let Some(other) = taken.as_ref().filter(|l| !l.is_digital_only()) {
            return Err(Error::BadInput(
                ReconcileMsg::MatchedElsewhere {
                    code: code.to_string(),
                    line: other.paper.line_no,
                }
                .into(),
            ));
        }
        let differs = differences(&line.paper, &record, &register.columns);
        let kind = if differs.is_empty() {
            LineKind::Agrees
        } else {
            LineKind::Differs
        };
        self.audited(session.name(), |tx, stamp| {
            if !registers::rematch(tx, line.id, record.id, kind, &differs)? {
                return Err(closed(&register));
            }
            // The record no longer stands alone in the catalogue.
            let alone = taken.map(|alone| alone.id);
            if let Some(alone) = alone {
                registers::resolve(
                    tx,
                    alone,
                    &Decision {
                        resolution: Resolution::Note,
                        // Stored, and read later in either language: both.
                        note: &format!(
                            "{} ({})",
                            ReconcileMsg::MatchedTo {
                                line: line.paper.line_no
                            }
                            .text(Lang::Zh),
                            ReconcileMsg::MatchedTo {
                                line: line.paper.line_no
                            }
                            .text(Lang::En)
                        ),
                        by: session.name(),
                        at: stamp.at,
                        record_id: None,
                    },
                )?;
            }
            let detail = json!({"line": line.paper.line_no, "record": code.to_string()});
            let seq = stamp.append(tx, "register.pick", &register.scope, detail)?;
            for id in std::iter::once(line.id).chain(alone) {
                audit::mark(tx, Marked::Line, id, seq)?;
            }
            decided_line(tx, line.id, sight)
        })
    }
}

/// A line as it stands after a decision, with its record.
fn decided_line(conn: &Connection, id: i64, sight: Sight) -> Result<LineWithRecord> {
    let line = registers::line(conn, id, sight)?
        .ok_or_else(|| Error::Internal(format!("line {id} vanished")))?;
    let record = line_record(conn, &line, sight)?;
    Ok((line, record))
}

/// The record a line is matched to, if any and if the sight takes it in.
pub(super) fn line_record(
    conn: &Connection,
    line: &LineRow,
    sight: Sight,
) -> Result<Option<Record>> {
    match line.record_id {
        Some(id) => records::by_id(conn, id, sight),
        None => Ok(None),
    }
}

fn correct_from_paper(
    tx: &Transaction,
    stamp: &Stamp,
    session: &Session,
    line: &LineRow,
) -> Result<()> {
    let record = line_record(tx, line, Sight::of(session))?.ok_or_else(|| {
        let line = line.paper.line_no;
        Error::NotFound(ReconcileMsg::LineRecordGone { line }.into())
    })?;
    let changes: Vec<(Field, String)> = line
        .differs
        .iter()
        .filter_map(|key| Field::ALL.into_iter().find(|f| f.key() == key))
        .map(|f| (f, line.paper.value(f).to_string()))
        .collect();
    if changes.is_empty() {
        let line = line.paper.line_no;
        return Err(Error::BadInput(
            ReconcileMsg::OnlyCodeDiffers { line }.into(),
        ));
    }
    edit_in(
        tx,
        stamp,
        session,
        &record.code,
        &changes,
        Some(record.version),
    )?;
    Ok(())
}

/// Adds the record a paper line describes; returns its row id.
fn create_from_paper(
    tx: &Transaction,
    stamp: &Stamp,
    session: &Session,
    scope: &Scope,
    line: &LineRow,
) -> Result<i64> {
    let code: ArchivalCode = crate::domain::text::fold(&line.paper.code)
        .parse()
        .map_err(|e: crate::domain::CodeError| {
            Error::BadInput(
                ReconcileMsg::LineCode {
                    line: line.paper.line_no,
                    problem: Box::new(e.msg()),
                }
                .into(),
            )
        })?;
    if code.group.fonds != scope.fonds {
        return Err(Error::BadInput(
            ReconcileMsg::LineOtherFonds {
                line: line.paper.line_no,
                code: code.to_string(),
                fonds: scope.fonds.clone(),
            }
            .into(),
        ));
    }
    let mut data = RecordData::default();
    for (field, value) in &line.paper.values {
        if !value.trim().is_empty() || *field == Field::Title {
            data.set(*field, value).map_err(|e| {
                let problem = RecordMsg::FieldProblem {
                    field: *field,
                    problem: Box::new(RecordMsg::Nested { m: Box::new(e.0) }),
                };
                Error::BadInput(
                    ReconcileMsg::LineField {
                        line: line.paper.line_no,
                        problem: Box::new(problem.into()),
                    }
                    .into(),
                )
            })?;
        }
    }
    add_in(tx, stamp, session, NewCode::Exact(code), &data).map(|(_, id)| id)
}
