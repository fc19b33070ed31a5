//! Boxes and the stacks as users meet them: records boxed in item order, each box shelved and
//! moved with its history kept, taken out of the stacks and brought back (出入库登记), and
//! stocktakes of a stretch of shelving. A box is seen through the user's clearance: its items
//! are the ones the user may see, and a box holding none of them is not there for that user.

use std::collections::{BTreeMap, HashMap};

use serde_json::json;

use crate::archive::browse::readable;
use crate::archive::sight::Sight;
use crate::archive::store::boxes::{self, BoxRow};
use crate::archive::store::volumes;
use crate::archive::{Archive, Session};
use crate::domain::boxing::{self, BoxCode, Shelved, Stocktake};
use crate::domain::{ArchivalCode, CodeGroup, Permission};
use crate::error::{Error, Result};
use crate::i18n::BoxMsg;

/// A box as one user sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BoxView {
    pub code: String,
    pub location: String,
    /// The items in it the user may see, in order.
    pub items: Vec<u32>,
    pub pages: u32,
    pub note: String,
    pub arranged_by: String,
    pub checked_by: String,
    pub arranged_on: Option<String>,
    /// Out of the stacks now, and why.
    pub out: Option<String>,
    /// Each move: from, to, when, by whom.
    pub moves: Vec<[String; 4]>,
    /// Each time it left the stacks or came back: out, reason, when, by whom.
    pub register: Vec<(bool, String, String, String)>,
}

fn one_line(text: &str, what: BoxMsg) -> Result<String> {
    let text = text.trim();
    let bad = text.is_empty() || crate::domain::record::check_text(text, false).is_err();
    if bad {
        return Err(Error::BadInput(what.into()));
    }
    Ok(text.to_string())
}

/// The reason of a box or volume leaving the stacks (required, one line) or coming back, if it
/// may: what is out cannot go out again, and what is in cannot come back.
pub(in crate::archive) fn stack_reason(
    code: &str,
    out: bool,
    reason: &str,
    now_out: Option<&str>,
) -> Result<String> {
    let reason = match out {
        true => one_line(reason, BoxMsg::ReasonRequired)?,
        false => reason.trim().to_string(),
    };
    let code = code.to_string();
    match (out, now_out) {
        (true, Some(why)) => {
            let why = why.to_string();
            Err(Error::BadInput(BoxMsg::AlreadyOut { code, why }.into()))
        }
        (false, None) => Err(Error::BadInput(BoxMsg::NotOut { code }.into())),
        _ => Ok(reason),
    }
}

fn no_box(code: &BoxCode) -> Error {
    let code = code.to_string();
    Error::NotFound(BoxMsg::NoSuchBox { code }.into())
}

impl Archive {
    fn view(&self, row: &BoxRow, sight: Sight) -> Result<Option<BoxView>> {
        let conn = self.store.conn();
        let items = boxes::items(
            conn,
            &row.code.group,
            (row.first_item, row.last_item),
            sight,
        )?;
        if items.is_empty() {
            return Ok(None);
        }
        let register = boxes::register_of(conn, row.id)?;
        let out = register
            .last()
            .filter(|(out, ..)| *out)
            .map(|(_, reason, ..)| reason.clone());
        Ok(Some(BoxView {
            code: row.code.to_string(),
            location: row.location.clone(),
            pages: items.iter().map(|(_, p)| p.unwrap_or(0)).sum(),
            items: items.iter().map(|(i, _)| *i).collect(),
            note: row.note.clone(),
            arranged_by: row.arranged_by.clone(),
            checked_by: row.checked_by.clone(),
            arranged_on: row.arranged_on.clone(),
            out,
            moves: boxes::moves(conn, row.id)?,
            register,
        }))
    }

    /// The box, if the session may see anything in it.
    fn visible_box(&self, session: &Session, code: &BoxCode) -> Result<(BoxRow, BoxView)> {
        let sight = readable(session)?;
        let row = boxes::by_code(self.store.conn(), code)?.ok_or_else(|| no_box(code))?;
        let view = self.view(&row, sight)?.ok_or_else(|| no_box(code))?;
        Ok((row, view))
    }

    /// Boxes the group's items not yet boxed, in item order, numbering on from its last box;
    /// a box closes at `max_items` items or `max_pages` pages. Returns the new boxes.
    pub fn make_boxes(
        &mut self,
        session: &Session,
        group: &CodeGroup,
        max_items: u32,
        max_pages: Option<u32>,
        location: &str,
    ) -> Result<Vec<BoxCode>> {
        session.require(Permission::WriteRecords)?;
        if group.volume.is_some() {
            return Err(Error::BadInput(crate::i18n::VolumeMsg::NotBoxed.into()));
        }
        let location = one_line(location, BoxMsg::LocationRequired)?;
        let sight = Sight::of(session);
        let existing = boxes::list(self.store.conn(), Some(group))?;
        let boxed = existing.iter().map(|b| b.last_item).max().unwrap_or(0);
        let numbered = existing.iter().map(|b| b.code.number).max().unwrap_or(0);
        let items = boxes::items(self.store.conn(), group, (boxed + 1, u32::MAX), sight)?;
        let ranges = boxing::split_into_boxes(&items, max_items, max_pages);
        if ranges.is_empty() {
            let group = group.to_string();
            return Err(Error::BadInput(BoxMsg::NothingToBox { group }.into()));
        }
        let codes: Vec<BoxCode> = (1..=ranges.len() as u32)
            .map(|n| BoxCode {
                group: group.clone(),
                number: numbered + n,
            })
            .collect();
        self.audited(session.name(), |tx, stamp| {
            for (code, range) in codes.iter().zip(&ranges) {
                boxes::insert(tx, code, *range, &location, stamp.at, session.name())?;
            }
            let detail = json!({"boxes": codes.len(), "items": items.len(), "location": location});
            stamp.append(tx, "boxes.make", &group.to_string(), detail)
        })?;
        Ok(codes)
    }

    /// Every box the session sees something in, of one group or all, in code order.
    pub fn boxes(&self, session: &Session, group: Option<&CodeGroup>) -> Result<Vec<BoxView>> {
        let sight = readable(session)?;
        let mut out = Vec::new();
        for row in boxes::list(self.store.conn(), group)? {
            out.extend(self.view(&row, sight)?);
        }
        Ok(out)
    }

    pub fn box_view(&self, session: &Session, code: &BoxCode) -> Result<BoxView> {
        Ok(self.visible_box(session, code)?.1)
    }

    /// Shelves a box somewhere else; where it stood is kept.
    pub fn move_box(&mut self, session: &Session, code: &BoxCode, to: &str) -> Result<()> {
        session.require(Permission::WriteRecords)?;
        let to = one_line(to, BoxMsg::LocationRequired)?;
        let (row, _) = self.visible_box(session, code)?;
        self.audited(session.name(), |tx, stamp| {
            boxes::move_to(tx, row.id, &row.location, &to, stamp.at, session.name())?;
            let detail = json!({"from": row.location, "to": to});
            stamp.append(tx, "box.move", &code.to_string(), detail)
        })?;
        Ok(())
    }

    /// Fills in a box's 备考表: what it holds as found, who arranged and checked it, when.
    pub fn note_box(
        &mut self,
        session: &Session,
        code: &BoxCode,
        note: &str,
        arranged_by: &str,
        checked_by: &str,
        arranged_on: Option<&str>,
    ) -> Result<()> {
        session.require(Permission::WriteRecords)?;
        let (row, _) = self.visible_box(session, code)?;
        for text in [note, arranged_by, checked_by] {
            if crate::domain::record::check_text(text.trim(), true).is_err() {
                return Err(Error::BadInput(BoxMsg::BadNote.into()));
            }
        }
        let (note, arranged_by, checked_by) = (note.trim(), arranged_by.trim(), checked_by.trim());
        self.audited(session.name(), |tx, stamp| {
            boxes::set_note(tx, row.id, note, arranged_by, checked_by, arranged_on)?;
            let detail = json!({"arranged_by": arranged_by, "checked_by": checked_by});
            stamp.append(tx, "box.note", &code.to_string(), detail)
        })?;
        Ok(())
    }

    /// A box taken out of the stacks (`out`, with why: 借阅, 数字化, 修裱 …) or brought back.
    pub fn box_stack(
        &mut self,
        session: &Session,
        code: &BoxCode,
        out: bool,
        reason: &str,
    ) -> Result<()> {
        session.require(Permission::WriteRecords)?;
        let (row, view) = self.visible_box(session, code)?;
        let shown = code.to_string();
        let reason = stack_reason(&shown, out, reason, view.out.as_deref())?;
        let action = if out { "box.out" } else { "box.in" };
        self.audited(session.name(), |tx, stamp| {
            boxes::register(tx, row.id, out, &reason, stamp.at, session.name())?;
            stamp.append(tx, action, &shown, json!({"reason": reason}))
        })?;
        Ok(())
    }

    /// Compares the codes scanned on a stretch of shelving (`1号库-03`) with the boxes and
    /// volumes recorded there, as the session sees them; keeps the result and audits it.
    pub fn stocktake(
        &mut self,
        session: &Session,
        stretch: &str,
        scanned: &[String],
    ) -> Result<Stocktake> {
        session.require(Permission::WriteRecords)?;
        let stretch = one_line(stretch, BoxMsg::LocationRequired)?;
        let sight = Sight::of(session);
        let mut located: BTreeMap<Shelved, String> = BTreeMap::new();
        // Each group's boxes by first item, for finding the box of a scanned record's code.
        let mut by_group: HashMap<CodeGroup, Vec<(u32, u32, BoxCode)>> = HashMap::new();
        for row in boxes::list(self.store.conn(), None)? {
            let range = (row.first_item, row.last_item);
            let seen = boxes::items(self.store.conn(), &row.code.group, range, sight)?;
            if !seen.is_empty() {
                located.insert(Shelved::Box(row.code.clone()), row.location.clone());
                let group = by_group.entry(row.code.group.clone()).or_default();
                group.push((row.first_item, row.last_item, row.code));
            }
        }
        for ranges in by_group.values_mut() {
            ranges.sort();
        }
        for (code, location) in volumes::shelved(self.store.conn(), sight)? {
            located.insert(Shelved::Volume(code), location);
        }
        let box_of = |code: &ArchivalCode| {
            let ranges = by_group.get(&code.group)?;
            let at = ranges.partition_point(|(first, ..)| *first <= code.item);
            let (_, last, found) = ranges.get(at.checked_sub(1)?)?;
            (code.item <= *last).then(|| found.clone())
        };
        let result = boxing::compare(&stretch, &located, scanned, &box_of);
        let kept = serde_json::to_string(&result).map_err(|e| Error::Internal(e.to_string()))?;
        self.audited(session.name(), |tx, stamp| {
            boxes::save_stocktake(tx, &stretch, &kept, stamp.at, session.name())?;
            // Counted through the clerk's clearance: no lower eyes than theirs read the counts.
            let detail = json!({
                "expected": result.expected, "missing": result.missing.len(),
                "misplaced": result.misplaced.len(), "unknown": result.unknown.len(),
                "class": session.clearance().code(),
            });
            stamp.append(tx, "stocktake", &stretch, detail)
        })?;
        Ok(result)
    }
}
