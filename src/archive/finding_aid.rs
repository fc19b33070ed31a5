//! `dangan export ead`: a fonds as an EAD 2002 finding aid, within the reader's clearance.

use std::io::Write;

use serde_json::json;

use crate::archive::exchange::ead::{Ead, Fonds};
use crate::archive::sight::Sight;
use crate::archive::store::{finding_aid, settings, volumes};
use crate::archive::{Archive, Session};
use crate::domain::{Permission, RecordQuery};
use crate::error::Result;

/// The holding archive's name, as finding aids and the OAI-PMH Identify answer give it.
pub const SETTING_NAME: &str = "archive.name";
/// A name unique to the holding archive, a domain it owns (`archives.example.gov.cn`): the
/// `eadid` of its finding aids and the namespace of its OAI-PMH identifiers.
pub const SETTING_ID: &str = "archive.id";
/// Where harvesters write about the archive (OAI-PMH `adminEmail`).
pub const SETTING_EMAIL: &str = "archive.email";

const DEFAULT_NAME: &str = "dangan";
const DEFAULT_ID: &str = "dangan.localhost";
const DEFAULT_EMAIL: &str = "admin@localhost";

/// How far down a finding aid goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Every item the reader may see.
    Items,
    /// The fonds and its series, subseries and volumes, with their counts and dates.
    Series,
}

/// Who holds the archive, as other systems are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub name: String,
    pub id: String,
    pub email: String,
}

impl Archive {
    pub fn holder(&self) -> Result<Holder> {
        let conn = self.store.conn();
        let get = |key, default: &str| {
            settings::get(conn, key).map(|v| v.unwrap_or_else(|| default.to_string()))
        };
        Ok(Holder {
            name: get(SETTING_NAME, DEFAULT_NAME)?,
            id: get(SETTING_ID, DEFAULT_ID)?,
            email: get(SETTING_EMAIL, DEFAULT_EMAIL)?,
        })
    }

    /// Writes the finding aid of a fonds the session may see; returns how many records it
    /// describes. Audited as an export when any of them is 秘密 or 机密.
    pub fn export_ead(
        &mut self,
        session: &Session,
        fonds_code: &str,
        depth: Depth,
        out: &mut dyn Write,
    ) -> Result<u64> {
        session.require(Permission::ExportRecords)?;
        let fonds_code = crate::domain::text::fold(fonds_code).to_ascii_uppercase();
        let name = self.fonds_name(session, &fonds_code)?;
        let filter = RecordQuery {
            fonds: Some(fonds_code.clone()),
            ..RecordQuery::default()
        };
        let kind = match depth {
            Depth::Items => "items",
            Depth::Series => "series",
        };
        let about = json!({"fonds": fonds_code, "format": "ead", "depth": kind});
        let total = self.audit_filtered(session, ("records.export", "records"), &filter, about)?;
        self.write_ead(session, &fonds_code, &name, depth, out)?;
        Ok(total)
    }

    /// The finding aid itself, for `export_ead` and for harvesters, who are audited per call.
    pub(in crate::archive) fn write_ead(
        &self,
        session: &Session,
        fonds_code: &str,
        fonds_name: &str,
        depth: Depth,
        out: &mut dyn Write,
    ) -> Result<()> {
        let holder = self.holder()?;
        let created = (self.clock)().format("%Y-%m-%d").to_string();
        let fonds = Fonds {
            code: fonds_code,
            name: fonds_name,
            repository: &holder.name,
            repository_id: &holder.id,
            created: &created,
        };
        let sight = Sight::of(session);
        self.store.scan(|conn| {
            let tallies = finding_aid::tallies(conn, fonds_code, sight)?;
            let volumes = volumes::list(conn, fonds_code, None, sight)?;
            let mut ead = Ead::begin(out, &fonds, &tallies, volumes)?;
            match depth {
                Depth::Items => {
                    finding_aid::for_each(conn, fonds_code, sight, |record| ead.record(&record))?
                }
                Depth::Series => ead.groups_only()?,
            }
            ead.finish()
        })
    }
}
