//! Volume-level arrangement as users meet it: volumes (案卷) made in a fonds arranged by volume,
//! items put inside them by 顺序号, catalogues (目录) of volumes, and each volume's place on the
//! shelves with its moves kept. A volume's 密级 is the highest of what is inside (GB/T 9705): a
//! volume the user may not see is not there, and one the user may see shows all of it.

use rusqlite::Transaction;
use serde_json::json;

use crate::archive::boxes::stack_reason;
use crate::archive::browse::readable;
use crate::archive::records::unknown_fonds;
use crate::archive::sight::Sight;
use crate::archive::store::audit::Stamp;
use crate::archive::store::{fonds, volumes};
use crate::archive::{Archive, Session};
use crate::domain::volume::{Catalogue, Volume, VolumeCode, VolumeData};
use crate::domain::{CodeGroup, CodeScheme, Permission, Record};
use crate::error::{Error, Result};
use crate::i18n::{BoxMsg, RecordMsg, VolumeMsg};

/// A volume as one user sees it: its description, what is inside, where it has stood.
#[derive(Debug, Clone)]
pub struct VolumeView {
    pub volume: Volume,
    pub items: Vec<Record>,
    /// Each move: from, to, when, by whom.
    pub moves: Vec<[String; 4]>,
    /// Each time it left the stacks or came back: out, reason, when, by whom.
    pub register: Vec<(bool, String, String, String)>,
}

pub(in crate::archive) fn no_volume(code: &VolumeCode) -> Error {
    let code = code.to_string();
    Error::NotFound(VolumeMsg::NoSuchVolume { code }.into())
}

/// The volume an item's group names, as the sight takes it in; fills in the group's year and
/// retention, which are the volume's. `None` for a volume that is not there for this sight.
pub(in crate::archive) fn place(
    tx: &Transaction,
    sight: Sight,
    group: &mut CodeGroup,
) -> Result<Option<Volume>> {
    let Some(code) = group.volume_code() else {
        return Ok(None);
    };
    let found = volumes::by_code(tx, &code, sight)?;
    if let Some(volume) = &found {
        group.year = volume.data.year;
        group.retention = volume.data.retention;
    }
    Ok(found)
}

/// Raises a volume's 密级 to cover an item put inside; says whether it rose.
pub(in crate::archive) fn cover(
    tx: &Transaction,
    volume: &Volume,
    classification: crate::domain::Classification,
) -> Result<bool> {
    if classification <= volume.data.classification {
        return Ok(false);
    }
    volumes::raise_classification(tx, volume.id, classification)?;
    Ok(true)
}

/// Puts an item's group in its volume within an add or an edit: the volume must be there for
/// the sight, and its 密级 rises to cover the item, audited.
pub(in crate::archive) fn place_item(
    tx: &Transaction,
    stamp: &Stamp,
    sight: Sight,
    group: &mut CodeGroup,
    classification: crate::domain::Classification,
) -> Result<()> {
    let Some(code) = group.volume_code() else {
        return Ok(());
    };
    let volume = place(tx, sight, group)?.ok_or_else(|| no_volume(&code))?;
    if cover(tx, &volume, classification)? {
        let detail =
            json!({"classification": [volume.data.classification.code(), classification.code()]});
        stamp.append(tx, "volume.classify", &code.to_string(), detail)?;
    }
    Ok(())
}

fn check_data(data: &VolumeData) -> Result<()> {
    if data.title.trim().is_empty() {
        return Err(Error::BadInput(RecordMsg::TitleRequired.into()));
    }
    if let Err(e) = crate::domain::record::check_text(&data.title, false)
        .and_then(|_| crate::domain::record::check_text(&data.notes, true))
    {
        return Err(Error::BadInput(e.0));
    }
    if let (Some(start), Some(end)) = (data.start, data.end)
        && end.sort_key() < start.sort_key()
    {
        let (start, end) = (start.to_string(), end.to_string());
        return Err(Error::BadInput(
            VolumeMsg::DatesReversed { start, end }.into(),
        ));
    }
    Ok(())
}

impl Archive {
    /// Makes a volume in a fonds arranged by volume, shelved at `location` (empty: not yet).
    pub fn add_volume(
        &mut self,
        session: &Session,
        code: &VolumeCode,
        data: &VolumeData,
        location: &str,
    ) -> Result<Volume> {
        session.require(Permission::WriteRecords)?;
        let location = location.trim();
        if crate::domain::record::check_text(location, false).is_err() {
            return Err(Error::BadInput(BoxMsg::LocationRequired.into()));
        }
        session.check_can_classify(data.classification)?;
        check_data(data)?;
        self.audited(session.name(), |tx, stamp| {
            match fonds::scheme(tx, &code.fonds)?.map(|s| s.fonds) {
                None => return Err(Error::BadInput(unknown_fonds(&code.fonds))),
                Some(CodeScheme::Volume) => {}
                Some(scheme) => {
                    let fonds = code.fonds.clone();
                    let example = scheme.example().to_string();
                    return Err(Error::BadInput(
                        VolumeMsg::NotByVolume { fonds, example }.into(),
                    ));
                }
            }
            let inserted = volumes::insert(tx, code, data, location, (stamp.at, session.name()))?;
            if inserted.is_none() {
                let code = code.to_string();
                return Err(Error::BadInput(VolumeMsg::VolumeTaken { code }.into()));
            }
            let detail = json!({
                "title": data.title,
                "classification": data.classification.code(),
                "retention": data.retention.code(),
                "location": location,
            });
            stamp.append(tx, "volume.add", &code.to_string(), detail)
        })?;
        self.volume(session, code).map(|view| view.volume)
    }

    /// The catalogues of a fonds with the volumes and items the user may see in each.
    pub fn catalogues(&self, session: &Session, fonds: &str) -> Result<Vec<Catalogue>> {
        volumes::catalogues(self.store.conn(), fonds, readable(session)?)
    }

    /// The volumes of a fonds, or of one of its catalogues, the user may see, in order.
    pub fn volumes(
        &self,
        session: &Session,
        fonds: &str,
        catalogue: Option<&str>,
    ) -> Result<Vec<Volume>> {
        volumes::list(self.store.conn(), fonds, catalogue, readable(session)?)
    }

    /// Every volume the user may see, of every fonds arranged by volume.
    pub fn all_volumes(&self, session: &Session) -> Result<Vec<Volume>> {
        let mut all = Vec::new();
        for fonds in self.fonds(session)? {
            if fonds.scheme == CodeScheme::Volume {
                all.extend(self.volumes(session, &fonds.code, None)?);
            }
        }
        Ok(all)
    }

    /// A volume with its items by 顺序号 and its moves, if the user may see it.
    pub fn volume(&self, session: &Session, code: &VolumeCode) -> Result<VolumeView> {
        let conn = self.store.conn();
        let volume =
            volumes::by_code(conn, code, readable(session)?)?.ok_or_else(|| no_volume(code))?;
        Ok(VolumeView {
            items: volumes::items(conn, code)?,
            moves: volumes::moves(conn, volume.id)?,
            register: volumes::register_of(conn, volume.id)?,
            volume,
        })
    }

    /// Describes a volume anew (a title read wrong, dates found, a retention appraised again);
    /// the items inside take a new year or retention with it. Its 密级 may rise, never fall.
    /// Returns the fields that changed.
    pub fn edit_volume(
        &mut self,
        session: &Session,
        code: &VolumeCode,
        data: &VolumeData,
    ) -> Result<Vec<&'static str>> {
        session.require(Permission::WriteRecords)?;
        session.check_can_classify(data.classification)?;
        check_data(data)?;
        self.audited(session.name(), |tx, stamp| {
            let sight = Sight::of(session);
            let current = volumes::by_code(tx, code, sight)?.ok_or_else(|| no_volume(code))?;
            let old = &current.data;
            // Lowering a 密级 is declassification, an appraisal with its own approvals; and the
            // audit trail reads a volume's entries at its present 密级, which must not fall.
            if data.classification < old.classification {
                let (code, class) = (code.to_string(), old.classification.label_zh().to_string());
                return Err(Error::BadInput(
                    VolumeMsg::NotLowered { code, class }.into(),
                ));
            }
            let date = |d: Option<crate::domain::RecordDate>| d.map(|d| d.to_string());
            let fields: Vec<(&'static str, serde_json::Value, serde_json::Value)> = [
                ("title", json!(old.title), json!(data.title)),
                ("year", json!(old.year), json!(data.year)),
                (
                    "retention",
                    json!(old.retention.code()),
                    json!(data.retention.code()),
                ),
                (
                    "classification",
                    json!(old.classification.code()),
                    json!(data.classification.code()),
                ),
                ("start", json!(date(old.start)), json!(date(data.start))),
                ("end", json!(date(old.end)), json!(date(data.end))),
                ("pages", json!(old.pages), json!(data.pages)),
                ("notes", json!(old.notes), json!(data.notes)),
            ]
            .into_iter()
            .filter(|(_, before, after)| before != after)
            .collect();
            if fields.is_empty() {
                return Ok(Vec::new());
            }
            let retagged = (old.year, old.retention) != (data.year, data.retention);
            // A destroyed item's code and retention are the evidence its list gives.
            if retagged && volumes::holds_destroyed(tx, code)? {
                let code = code.to_string();
                return Err(Error::Refused(
                    crate::i18n::AppraisalMsg::VolumeHoldsDestroyed { code }.into(),
                ));
            }
            volumes::update(tx, current.id, data)?;
            if retagged {
                for id in volumes::retag_items(tx, code, data.year, data.retention)? {
                    crate::archive::store::outbox::record_changed(tx, id)?;
                }
            }
            let detail: serde_json::Map<String, serde_json::Value> = fields
                .iter()
                .map(|(name, before, after)| (name.to_string(), json!([before, after])))
                .collect();
            stamp.append(tx, "volume.edit", &code.to_string(), detail.into())?;
            Ok(fields.into_iter().map(|(name, ..)| name).collect())
        })
    }

    /// A volume taken out of the stacks (`out`, with why: 借阅, 数字化, 修裱 …) or brought back.
    pub fn volume_stack(
        &mut self,
        session: &Session,
        code: &VolumeCode,
        out: bool,
        reason: &str,
    ) -> Result<()> {
        session.require(Permission::WriteRecords)?;
        let shown = code.to_string();
        self.audited(session.name(), |tx, stamp| {
            let volume =
                volumes::by_code(tx, code, Sight::of(session))?.ok_or_else(|| no_volume(code))?;
            let reason = stack_reason(&shown, out, reason, volume.out.as_deref())?;
            volumes::register(tx, volume.id, out, &reason, (stamp.at, session.name()))?;
            let action = if out { "volume.out" } else { "volume.in" };
            stamp.append(tx, action, &shown, json!({"reason": reason}))
        })?;
        Ok(())
    }

    /// Moves a volume to another place on the shelves, keeping where it stood.
    pub fn move_volume(&mut self, session: &Session, code: &VolumeCode, to: &str) -> Result<()> {
        session.require(Permission::WriteRecords)?;
        let to = to.trim();
        if to.is_empty() || crate::domain::record::check_text(to, false).is_err() {
            return Err(Error::BadInput(BoxMsg::LocationRequired.into()));
        }
        self.audited(session.name(), |tx, stamp| {
            // Where it stands read in the move's own transaction: two clerks moving it at once
            // each record where the other left it.
            let volume =
                volumes::by_code(tx, code, Sight::of(session))?.ok_or_else(|| no_volume(code))?;
            let (id, from) = (volume.id, volume.location.as_str());
            volumes::move_to(tx, id, from, to, stamp.at, session.name())?;
            let detail = json!({"from": volume.location, "to": to});
            stamp.append(tx, "volume.move", &code.to_string(), detail)
        })?;
        Ok(())
    }
}
