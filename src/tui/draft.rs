//! A form left unsaved when the terminal went away (SIGHUP: the SSH link dropped; SIGTERM) is
//! kept as a draft, one per user, in the archive's `drafts/` (0600), and offered again at that
//! user's next log-in. A draft is a file, not a database row: it must be written in the moment
//! the link drops, even while another session holds the write lock.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::app::form::{Form, FormKind, Start};
use crate::archive::{DRAFTS_DIR, create_private_dir};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// `new`, `quick` (`-volume` for an item inside a volume), `edit` or `lend`.
    pub kind: String,
    /// The record edited or lent.
    pub code: Option<String>,
    /// The version an edit started from: a newer one saved meanwhile makes the save a conflict.
    pub version: Option<u32>,
    /// The text of every field, in form order.
    pub fields: Vec<String>,
    pub saved_at: String,
}

/// The user's draft file; the name is hex so that any user name makes a safe file name.
fn path(archive_dir: &Path, user: &str) -> PathBuf {
    let name: String = user.bytes().map(|b| format!("{b:02x}")).collect();
    archive_dir.join(DRAFTS_DIR).join(format!("{name}.json"))
}

impl Draft {
    pub fn of(form: &Form, saved_at: String) -> Draft {
        let (kind, code, version) = match &form.kind {
            FormKind::New { quick: false } if form.by_volume() => ("new-volume", None, None),
            FormKind::New { quick: true } if form.by_volume() => ("quick-volume", None, None),
            FormKind::New { quick: false } => ("new", None, None),
            FormKind::New { quick: true } => ("quick", None, None),
            FormKind::Edit { code, version } => ("edit", Some(code.to_string()), Some(*version)),
            FormKind::Lend(codes) => {
                let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
                ("lend", Some(codes.join(" ")), None)
            }
        };
        Draft {
            kind: kind.into(),
            code,
            version,
            fields: form
                .slots
                .iter()
                .map(|(_, input, _)| input.text().to_string())
                .collect(),
            saved_at,
        }
    }

    /// The form again, as it was; None if the draft does not fit a form of this build.
    pub fn to_form(&self) -> Option<Form> {
        let code = || self.code.as_deref().and_then(|c| c.parse().ok());
        let by_volume = Start {
            fonds: Some(("", crate::domain::CodeScheme::Volume)),
            ..Start::default()
        };
        let mut form = match self.kind.as_str() {
            "new" => Form::new_record(false, Start::default()),
            "quick" => Form::new_record(true, Start::default()),
            "new-volume" => Form::new_record(false, by_volume),
            "quick-volume" => Form::new_record(true, by_volume),
            "lend" => {
                let codes = self.code.as_deref()?.split_whitespace();
                Form::lend(&codes.map(|c| c.parse().ok()).collect::<Option<Vec<_>>>()?)
            }
            "edit" => Form::for_edit(code()?, self.version?),
            _ => return None,
        };
        if form.slots.len() != self.fields.len() {
            return None;
        }
        for ((_, input, _), text) in form.slots.iter_mut().zip(&self.fields) {
            *input = super::input::LineInput::with_text(text);
        }
        form.dirty = true;
        form.focus = 0;
        Some(form)
    }
}

/// Writes the draft, replacing the user's previous one; written whole or not at all.
pub fn save(archive_dir: &Path, user: &str, draft: &Draft) -> Result<()> {
    let target = path(archive_dir, user);
    let dir = archive_dir.join(DRAFTS_DIR);
    create_private_dir(&dir)?;
    let text = serde_json::to_string(draft).map_err(|e| Error::Internal(e.to_string()))?;
    let mut temp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io(&dir, e))?;
    std::io::Write::write_all(&mut temp, text.as_bytes()).map_err(|e| Error::io(&dir, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(&dir, e))?;
    temp.persist(&target)
        .map_err(|e| Error::io(&target, e.error))?;
    Ok(())
}

/// Takes the user's draft, if there is one: it is removed from disk as it goes back into a form.
pub fn take(archive_dir: &Path, user: &str) -> Result<Option<Draft>> {
    let target = path(archive_dir, user);
    let text = match std::fs::read_to_string(&target) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&target, e)),
    };
    std::fs::remove_file(&target).map_err(|e| Error::io(&target, e))?;
    serde_json::from_str(&text).map(Some).map_err(|e| {
        let detail = format!("{}: {e}", target.display());
        Error::BadInput(crate::i18n::FileMsg::Draft { detail }.into())
    })
}
