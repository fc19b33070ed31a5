//! Fonds and record use cases: add, number, show, list, edit.

use crate::archive::{Actor, Archive, now};
use crate::domain::{ArchivalCode, CodeGroup, Field, Record, RecordData};
use crate::error::{Error, Result};
use crate::store::fonds::{self, Fonds};
use crate::store::imports;
use crate::store::records::{self, RecordFilter, Revision};
use crate::store::settings;

/// Which code a new record gets.
#[derive(Debug, Clone)]
pub enum NewCode {
    Exact(ArchivalCode),
    /// The next free item number of the group.
    Next(CodeGroup),
}

pub(crate) fn unknown_fonds(code: &str) -> String {
    format!("fonds {code} is not registered; add it first with `dangan fonds add {code} NAME`")
}

pub(crate) fn taken(code: &ArchivalCode) -> String {
    format!("archival code {code} is already in the archive")
}

impl Archive {
    /// Registers a fonds (全宗). Codes are letters and digits, e.g. `J001`.
    /// Returns the code as stored (upper case, half-width).
    pub fn add_fonds(&mut self, _actor: &Actor, code: &str, name: &str) -> Result<String> {
        let code = crate::domain::text::fold(code).to_ascii_uppercase();
        if code.is_empty() || code.len() > 10 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(Error::Invalid(format!(
                "fonds code {code:?} must be 1–10 letters or digits"
            )));
        }
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(Error::Invalid("a fonds needs a name on one line".into()));
        }
        let at = now();
        if !self.store.write(|tx| fonds::add(tx, &code, name, &at))? {
            return Err(Error::Invalid(format!("fonds {code} already exists")));
        }
        Ok(code)
    }

    pub fn fonds(&self) -> Result<Vec<Fonds>> {
        fonds::list(self.store.conn())
    }

    pub fn add_record(
        &mut self,
        actor: &Actor,
        code: NewCode,
        data: &RecordData,
    ) -> Result<Record> {
        if data.title.is_empty() {
            return Err(Error::Invalid("a record needs a title (题名)".into()));
        }
        let at = now();
        let code = self.store.write(|tx| {
            let group = match &code {
                NewCode::Exact(code) => &code.group,
                NewCode::Next(group) => group,
            };
            if fonds::name(tx, &group.fonds)?.is_none() {
                return Err(Error::Invalid(unknown_fonds(&group.fonds)));
            }
            let code = match code {
                NewCode::Exact(code) => code,
                NewCode::Next(group) => {
                    let item = records::next_item(tx, &group)?;
                    group.with_item(item)
                }
            };
            let origin = records::Origin {
                at: &at,
                by: &actor.0,
                import: None,
            };
            match records::insert(tx, &code, data, &origin)? {
                Some(_) => Ok(code),
                None => Err(Error::Invalid(taken(&code))),
            }
        })?;
        self.record(&code)
    }

    pub fn record(&self, code: &ArchivalCode) -> Result<Record> {
        records::by_code(self.store.conn(), code)?.ok_or_else(|| Error::NotFound(code.to_string()))
    }

    /// The versions an edit replaced, oldest first.
    pub fn revisions(&self, record: &Record) -> Result<Vec<Revision>> {
        records::revisions(self.store.conn(), record.id)
    }

    pub fn next_code(&self, group: &CodeGroup) -> Result<ArchivalCode> {
        Ok(group.with_item(records::next_item(self.store.conn(), group)?))
    }

    /// One page of records and the total the filter matches.
    pub fn list(
        &self,
        filter: &RecordFilter,
        limit: u64,
        offset: u64,
    ) -> Result<(Vec<Record>, u64)> {
        let conn = self.store.conn();
        Ok((
            records::page(conn, filter, limit, offset)?,
            records::count(conn, filter)?,
        ))
    }

    /// Applies field changes given as text. Every bad value is reported at once; nothing is saved
    /// unless all are valid. Returns the saved record and the fields that really changed.
    pub fn edit_record(
        &mut self,
        actor: &Actor,
        code: &ArchivalCode,
        changes: &[(Field, String)],
    ) -> Result<(Record, Vec<Field>)> {
        let current = self.record(code)?;
        let mut data = current.data.clone();
        let problems: Vec<String> = changes
            .iter()
            .filter_map(|(field, value)| {
                data.set(*field, value)
                    .err()
                    .map(|e| format!("{}: {e}", field.key()))
            })
            .collect();
        if !problems.is_empty() {
            return Err(Error::Invalid(problems.join("\n")));
        }
        let changed = current.data.changed_fields(&data);
        if changed.is_empty() {
            return Ok((current, changed));
        }
        let at = now();
        self.store
            .write(|tx| records::update(tx, &current, &data, &at, &actor.0))?;
        Ok((self.record(code)?, changed))
    }

    /// The file, time and line a record was imported from.
    pub fn import_origin(&self, record: &Record) -> Result<Option<(String, String, u64)>> {
        let Some((import_id, line)) = record.imported else {
            return Ok(None);
        };
        Ok(imports::describe(self.store.conn(), import_id)?.map(|(file, at)| (file, at, line)))
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        settings::get(self.store.conn(), key)
    }
}
