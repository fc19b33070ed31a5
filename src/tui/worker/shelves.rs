//! The shelves as the worker reads them for the workstation: every box and every volume the
//! user may see, by location; and a change to one of them (a move, a box out or back).

use crate::archive::{Archive, Session};
use crate::error::{Error, Result};
use crate::i18n::{BoxMsg, Msg, VolumeMsg};

/// A box or a volume on the shelves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShelfRow {
    pub code: String,
    pub is_box: bool,
    pub location: String,
    /// What it holds: a box's item numbers and count, a volume's title.
    pub what: String,
    /// Out of the stacks, and why.
    pub out: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShelfChange {
    Move {
        code: String,
        is_box: bool,
        to: String,
    },
    TakeOut {
        code: String,
        is_box: bool,
        reason: String,
    },
    BringBack {
        code: String,
        is_box: bool,
    },
}

fn items_text(items: &[u32]) -> String {
    match (items.first(), items.last()) {
        (Some(first), Some(last)) if first != last => {
            format!("{first:04}–{last:04} ({})", items.len())
        }
        (Some(first), _) => format!("{first:04} (1)"),
        _ => String::new(),
    }
}

/// Every box and volume the session sees, by location then code.
pub fn load(archive: &Archive, session: &Session) -> Result<Vec<ShelfRow>> {
    let mut rows: Vec<ShelfRow> = archive
        .boxes(session, None)?
        .into_iter()
        .map(|b| ShelfRow {
            what: items_text(&b.items),
            code: b.code,
            is_box: true,
            location: b.location,
            out: b.out,
        })
        .collect();
    rows.extend(archive.all_volumes(session)?.into_iter().map(|v| ShelfRow {
        code: v.code.to_string(),
        is_box: false,
        location: v.location,
        what: v.data.title,
        out: v.out,
    }));
    rows.sort_by(|a, b| (&a.location, &a.code).cmp(&(&b.location, &b.code)));
    Ok(rows)
}

fn bad_code(e: crate::domain::CodeError) -> Error {
    Error::BadInput(e.msg())
}

/// A box or volume out of the stacks (with the reason) or back.
fn stack(
    archive: &mut Archive,
    session: &Session,
    code: &str,
    is_box: bool,
    out: Option<&str>,
) -> Result<()> {
    let reason = out.unwrap_or_default();
    match is_box {
        true => archive.box_stack(
            session,
            &code.parse().map_err(bad_code)?,
            out.is_some(),
            reason,
        ),
        false => archive.volume_stack(
            session,
            &code.parse().map_err(bad_code)?,
            out.is_some(),
            reason,
        ),
    }
}

/// Makes the change; says what was done.
pub fn change(archive: &mut Archive, session: &Session, change: ShelfChange) -> Result<Msg> {
    Ok(match change {
        ShelfChange::Move {
            code,
            is_box: true,
            to,
        } => {
            archive.move_box(session, &code.parse().map_err(bad_code)?, &to)?;
            let to = to.trim().to_string();
            BoxMsg::Moved { code, to }.into()
        }
        ShelfChange::Move { code, to, .. } => {
            archive.move_volume(session, &code.parse().map_err(bad_code)?, &to)?;
            let to = to.trim().to_string();
            VolumeMsg::Moved { code, to }.into()
        }
        ShelfChange::TakeOut {
            code,
            is_box,
            reason,
        } => {
            stack(archive, session, &code, is_box, Some(&reason))?;
            BoxMsg::TakenOut { code }.into()
        }
        ShelfChange::BringBack { code, is_box } => {
            stack(archive, session, &code, is_box, None)?;
            BoxMsg::BroughtBack { code }.into()
        }
    })
}
