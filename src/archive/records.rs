//! Fonds and record use cases: add, number, show, list, edit. Each checks the session's permission
//! and clearance, and writes its audit entry in the transaction of its change.

use serde_json::json;

use rusqlite::Transaction;

use crate::archive::browse::readable;
use crate::archive::sight::Sight;
use crate::archive::store::audit::{self, Marked, Stamp};
use crate::archive::store::fonds;
use crate::archive::store::records::{self, Origin};
use crate::archive::store::{imports, outbox, settings};
use crate::archive::volumes;
use crate::archive::{Archive, Session};
use crate::domain::Fonds;
use crate::domain::appraisal::secrecy_years;
use crate::domain::{ArchivalCode, CodeGroup, CodeScheme, Field, Permission, Record, RecordData};
use crate::domain::{Openness, RecordQuery, Revision, Status};
use crate::error::{Error, Result};
use crate::i18n::{AppraisalMsg, Lang, Msg, RecordMsg};

/// Which code a new record gets.
#[derive(Debug, Clone)]
pub enum NewCode {
    Exact(ArchivalCode),
    /// The next free item number of the group.
    Next(CodeGroup),
}

pub(in crate::archive) fn unknown_fonds(code: &str) -> Msg {
    RecordMsg::UnknownFonds {
        fonds: code.to_string(),
    }
    .into()
}

/// A code whose shape is not the one its fonds writes new records in.
pub(in crate::archive) fn other_scheme(group: &CodeGroup, scheme: CodeScheme) -> Msg {
    RecordMsg::OtherScheme {
        group: group.to_string(),
        fonds: group.fonds.clone(),
        example: scheme.example().to_string(),
    }
    .into()
}

/// The same words whoever holds the code, a record the user sees or one above their clearance.
pub(in crate::archive) fn taken(code: &ArchivalCode) -> Msg {
    RecordMsg::Taken {
        code: code.to_string(),
    }
    .into()
}

pub(in crate::archive) fn no_record(code: &ArchivalCode) -> Error {
    Error::NotFound(Msg::NoSuchRecord {
        code: code.to_string(),
    })
}

impl Archive {
    /// Registers a fonds (全宗) whose new records take codes of `scheme`. Codes are letters and
    /// digits, e.g. `J001`. Returns the code as stored.
    pub fn add_fonds(
        &mut self,
        session: &Session,
        code: &str,
        name: &str,
        scheme: CodeScheme,
    ) -> Result<String> {
        session.require(Permission::ManageFonds)?;
        let code = crate::domain::text::fold(code).to_ascii_uppercase();
        if code.is_empty() || code.len() > 10 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(Error::BadInput(RecordMsg::FondsCode { code }.into()));
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::BadInput(RecordMsg::FondsNameMissing.into()));
        }
        crate::domain::record::check_text(name, false).map_err(|e| {
            Error::BadInput(
                RecordMsg::FondsName {
                    problem: Box::new(RecordMsg::Nested { m: Box::new(e.0) }),
                }
                .into(),
            )
        })?;
        self.audited(session.name(), |tx, stamp| {
            if !fonds::add(tx, &code, name, scheme, stamp.at)? {
                let code = code.clone();
                return Err(Error::BadInput(RecordMsg::FondsExists { code }.into()));
            }
            let detail = json!({"name": name, "scheme": scheme.code()});
            stamp.append(tx, "fonds.add", &code, detail).map(|_| ())
        })?;
        Ok(code)
    }

    /// Sets the scheme a fonds' new records are coded in; the records it holds keep their codes.
    /// With a 门类, sets that 门类's own scheme (DA/T 22 with or without the 机构 part).
    pub fn set_fonds_scheme(
        &mut self,
        session: &Session,
        code: &str,
        scheme: CodeScheme,
        category: Option<&str>,
    ) -> Result<()> {
        session.require(Permission::ManageFonds)?;
        let code = crate::domain::text::fold(code).to_ascii_uppercase();
        self.audited(session.name(), |tx, stamp| {
            let Some(was) = fonds::scheme(tx, &code)? else {
                return Err(Error::BadInput(unknown_fonds(&code)));
            };
            let Some(category) = category else {
                fonds::set_scheme(tx, &code, scheme)?;
                let detail = json!({"was": was.fonds.code(), "scheme": scheme.code()});
                return stamp.append(tx, "fonds.scheme", &code, detail).map(|_| ());
            };
            let Some(now) = was.with_category(category, scheme) else {
                let category = category.to_string();
                return Err(Error::BadInput(
                    RecordMsg::CategoryScheme { category }.into(),
                ));
            };
            fonds::set_categories(tx, &code, &now)?;
            let detail = json!({"was": was.categories_text(), "categories": now.categories_text()});
            stamp.append(tx, "fonds.scheme", &code, detail).map(|_| ())
        })
    }

    /// The fonds, each with the number of records this session may see.
    pub fn fonds(&self, session: &Session) -> Result<Vec<Fonds>> {
        fonds::list(self.store.conn(), readable(session)?)
    }

    pub fn add_record(
        &mut self,
        session: &Session,
        code: NewCode,
        data: &RecordData,
    ) -> Result<Record> {
        let code = self.audited(session.name(), |tx, stamp| {
            add_in(tx, stamp, session, code, data).map(|(code, _)| code)
        })?;
        self.record(session, &code)
    }

    /// A record, if it exists and the session may see it: a record above the session's clearance
    /// is "not found", the same as one that does not exist.
    pub fn record(&self, session: &Session, code: &ArchivalCode) -> Result<Record> {
        records::by_code(self.store.conn(), code, readable(session)?)?
            .ok_or_else(|| no_record(code))
    }

    /// The versions an edit replaced, oldest first, as the session may see them: a version that
    /// was classified above the session's clearance (a record since declassified) is left out.
    pub fn revisions(&self, session: &Session, code: &ArchivalCode) -> Result<Vec<Revision>> {
        let record = self.record(session, code)?;
        let sight = Sight::of(session);
        let mut revisions = records::revisions(self.store.conn(), record.id)?;
        revisions.retain(|r| sight.takes_in(&r.data));
        Ok(revisions)
    }

    /// One page of records and the total the filter matches, within the session's clearance.
    pub fn list(
        &self,
        session: &Session,
        filter: &RecordQuery,
        limit: u64,
        offset: u64,
    ) -> Result<(Vec<Record>, u64)> {
        let sight = readable(session)?;
        let conn = self.store.conn();
        Ok((
            records::page(conn, filter, sight, limit, offset)?,
            records::count(conn, filter, sight)?,
        ))
    }

    /// Applies field changes given as text. Every bad value is reported at once; nothing is saved
    /// unless all are valid. `expected` is the version the editor started from: if another
    /// session saved a newer one meanwhile, the edit is refused with both versions (`EditConflict`),
    /// never written over. Without it (a command line naming the new values), the change applies to
    /// whatever version is current, read in the same transaction. Returns the saved record and the
    /// fields that really changed.
    pub fn edit_record(
        &mut self,
        session: &Session,
        code: &ArchivalCode,
        changes: &[(Field, String)],
        expected: Option<u32>,
    ) -> Result<(Record, Vec<Field>)> {
        let changed = self.audited(session.name(), |tx, stamp| {
            edit_in(tx, stamp, session, code, changes, expected)
        })?;
        Ok((self.record(session, code)?, changed))
    }

    /// The file, time and line a record was imported from, the name on one line.
    pub fn import_origin(
        &self,
        session: &Session,
        code: &ArchivalCode,
    ) -> Result<Option<(String, String, u64)>> {
        let record = self.record(session, code)?;
        let Some((import_id, line)) = record.imported else {
            return Ok(None);
        };
        // A file's name may hold anything a file system allows, line breaks too: one line here.
        Ok(imports::describe(self.store.conn(), import_id)?
            .map(|(file, at)| (crate::width::sanitize(&file, false), at, line)))
    }

    /// A setting that describes the archive (e.g. how a demo was made); not secret.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        settings::get(self.store.conn(), key)
    }
}

/// Adds a record inside the caller's transaction, with its index nudge and audit entry; returns
/// its code and row id.
pub(in crate::archive) fn add_in(
    tx: &Transaction,
    stamp: &Stamp,
    session: &Session,
    code: NewCode,
    data: &RecordData,
) -> Result<(ArchivalCode, i64)> {
    session.require(Permission::WriteRecords)?;
    session.check_can_classify(data.classification)?;
    if data.status == Status::Disposed {
        return Err(Error::Refused(AppraisalMsg::DestroyedByList.into()));
    }
    if data.openness != Openness::Unreviewed {
        return Err(Error::Refused(AppraisalMsg::OpennessByReview.into()));
    }
    if data.title.is_empty() {
        return Err(Error::BadInput(RecordMsg::TitleRequired.into()));
    }
    let mut code = code;
    let group = match &mut code {
        NewCode::Exact(code) => &mut code.group,
        NewCode::Next(group) => group,
    };
    match fonds::scheme(tx, &group.fonds)?.map(|s| s.of_group(group)) {
        None => return Err(Error::BadInput(unknown_fonds(&group.fonds))),
        Some(scheme) if !scheme.fits(group) => {
            return Err(Error::BadInput(other_scheme(group, scheme)));
        }
        Some(_) => {}
    }
    // A new item goes only into a volume the user may see.
    volumes::place_item(tx, stamp, Sight::of(session), group, data.classification)?;
    let code = match code {
        NewCode::Exact(code) => code,
        NewCode::Next(group) => {
            let item = records::next_item(tx, &group)?;
            group.with_item(item)
        }
    };
    let origin = Origin {
        at: stamp.at,
        by: session.name(),
        import: None,
        audit_seq: None,
    };
    let Some(id) = records::insert(tx, &code, data, &origin)? else {
        return Err(Error::BadInput(taken(&code)));
    };
    outbox::record_changed(tx, id)?;
    let object = code.to_string();
    let detail = json!({"title": data.title, "classification": data.classification.code()});
    let seq = stamp.append(tx, "record.add", &object, detail)?;
    audit::mark(tx, Marked::Record, id, seq)?;
    Ok((code, id))
}

/// Refuses what only an appraisal may do: change 开放标识, lower the class of a state secret
/// (秘密, 机密), destroy; and any change to a destroyed record, whose description is the evidence
/// of what its destruction list destroyed.
fn check_not_disposition(current: &Record, data: &RecordData) -> Result<()> {
    let refused = |m: AppraisalMsg| Err(Error::Refused(m.into()));
    if current.data.status == Status::Disposed {
        return refused(AppraisalMsg::StaysDestroyed {
            code: current.code.to_string(),
        });
    }
    if current.data.openness != data.openness {
        return refused(AppraisalMsg::OpennessByReview);
    }
    let was = current.data.classification;
    if data.classification < was && secrecy_years(was).is_some() {
        return refused(AppraisalMsg::DeclassifyByReview);
    }
    if data.status == Status::Disposed {
        return refused(AppraisalMsg::DestroyedByList);
    }
    // 借出 and 遗失 come with a loan, which takes the record back or settles its loss.
    if data.status != current.data.status && matches!(data.status, Status::OnLoan | Status::Lost) {
        return Err(Error::Refused(RecordMsg::StatusByLoan.into()));
    }
    Ok(())
}

/// Applies field changes inside the caller's transaction (see `Archive::edit_record`); returns
/// the fields that really changed.
pub(in crate::archive) fn edit_in(
    tx: &Transaction,
    stamp: &Stamp,
    session: &Session,
    code: &ArchivalCode,
    changes: &[(Field, String)],
    expected: Option<u32>,
) -> Result<Vec<Field>> {
    edit_with(tx, stamp, session, code, changes, expected, "record.edit")
}

/// `edit_in`, its audit entry named `action` (an edit a suggestion made is `record.suggested`).
pub(in crate::archive) fn edit_with(
    tx: &Transaction,
    stamp: &Stamp,
    session: &Session,
    code: &ArchivalCode,
    changes: &[(Field, String)],
    expected: Option<u32>,
    action: &str,
) -> Result<Vec<Field>> {
    session.require(Permission::WriteRecords)?;
    let current = records::by_code(tx, code, Sight::of(session))?.ok_or_else(|| no_record(code))?;
    let mut data = current.data.clone();
    let problems: Vec<Msg> = changes
        .iter()
        .filter_map(|(field, value)| {
            data.set(*field, value).err().map(|e| {
                RecordMsg::FieldProblem {
                    field: *field,
                    problem: Box::new(RecordMsg::Nested { m: Box::new(e.0) }),
                }
                .into()
            })
        })
        .collect();
    if !problems.is_empty() {
        return Err(Error::BadInput(Msg::Lines { lines: problems }));
    }
    if let Some(base) = expected.filter(|v| *v != current.version) {
        return Err(conflict(tx, &current, base, &data));
    }
    session.check_can_classify(data.classification)?;
    // An item the user may see can sit in a volume above their clearance: it still covers it.
    let mut group = current.code.group.clone();
    volumes::place_item(
        tx,
        stamp,
        Sight::whole_archive(),
        &mut group,
        data.classification,
    )?;
    let changed = current.data.changed_fields(&data);
    if changed.is_empty() {
        return Ok(changed);
    }
    check_not_disposition(&current, &data)?;
    let version = records::update(tx, &current, &data, stamp.at, session.name())?;
    outbox::record_changed(tx, current.id)?;
    let fields: serde_json::Map<String, serde_json::Value> = changed
        .iter()
        .map(|f| {
            (
                f.key().to_string(),
                json!([current.data.get(*f), data.get(*f)]),
            )
        })
        .collect();
    let object = current.code.to_string();
    let detail = json!({"version": version, "changed": fields});
    let seq = stamp.append(tx, action, &object, detail)?;
    audit::mark(tx, Marked::Record, current.id, seq)?;
    Ok(changed)
}

/// Two sessions edited the same record: the later save is refused, showing what each wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditConflict {
    pub code: String,
    /// The version the refused edit started from.
    pub base: u32,
    /// The version saved meanwhile, by whom and when.
    pub current: u32,
    pub by: String,
    pub at: String,
    /// Each field on which the two disagree: (field, yours, theirs).
    pub fields: Vec<(Field, String, String)>,
}

impl EditConflict {
    /// What happened, and each field both changed, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mut lines: Vec<Msg> = vec![
            RecordMsg::Conflict {
                code: self.code.clone(),
                by: self.by.clone(),
                at: self.at.clone(),
                current: self.current.into(),
                base: self.base.into(),
            }
            .into(),
        ];
        lines.extend(self.fields.iter().map(|(field, yours, theirs)| {
            RecordMsg::ConflictField {
                field: *field,
                yours: yours.clone(),
                theirs: theirs.clone(),
            }
            .into()
        }));
        Msg::Lines { lines }.text(lang)
    }
}

impl std::fmt::Display for EditConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// The fields on which `yours` and the version now stored disagree, where at least one of them
/// moved away from the version the edit started from.
fn conflict(conn: &rusqlite::Connection, current: &Record, base: u32, yours: &RecordData) -> Error {
    let base_data = records::revisions(conn, current.id)
        .ok()
        .and_then(|all| all.into_iter().find(|r| r.version == base))
        .map(|r| r.data);
    let fields = Field::ALL
        .into_iter()
        .filter_map(|field| {
            let (mine, theirs) = (yours.get(field), current.data.get(field));
            let moved = base_data
                .as_ref()
                .is_none_or(|b| b.get(field) != mine || b.get(field) != theirs);
            (mine != theirs && moved).then_some((field, mine, theirs))
        })
        .collect();
    Error::Conflict(Box::new(EditConflict {
        code: current.code.to_string(),
        base,
        current: current.version,
        by: current.updated_by.clone(),
        at: current.updated_at.clone(),
        fields,
    }))
}
