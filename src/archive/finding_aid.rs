//! `dangan export ead`: a fonds as an EAD 2002 finding aid, within the reader's clearance.

use std::io::Write;

use serde_json::json;

use crate::archive::exchange::atom::AtomCsv;
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
/// An address at the default domain: harvesters' schemas want one with a dot in it.
const DEFAULT_EMAIL: &str = "archives@dangan.localhost";

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
        let (code, name, total) = self.audit_fonds_export(session, fonds_code, "ead", depth)?;
        self.write_ead(session, &code, &name, depth, out)?;
        Ok(total)
    }

    /// Writes a fonds the session may see as AtoM's ISAD(G) CSV; returns how many records it
    /// describes. Audited as `export_ead` is.
    pub fn export_atom(
        &mut self,
        session: &Session,
        fonds_code: &str,
        depth: Depth,
        out: &mut dyn Write,
    ) -> Result<u64> {
        let (code, name, total) = self.audit_fonds_export(session, fonds_code, "atom", depth)?;
        let holder = self.holder()?;
        let sight = Sight::of(session);
        self.store.scan(|conn| {
            let tallies = finding_aid::tallies(conn, &code, sight)?;
            let volumes = volumes::list(conn, &code, None, sight)?;
            let fonds = (code.as_str(), name.as_str(), holder.name.as_str());
            let mut csv = AtomCsv::begin(out, fonds, &tallies, volumes)?;
            match depth {
                Depth::Items => finding_aid::for_each(conn, &code, sight, |r| csv.record(&r))?,
                Depth::Series => csv.groups_only()?,
            }
            csv.finish()
        })?;
        Ok(total)
    }

    /// The code and name of a fonds about to leave the archive, and how many of its records the
    /// session sees, once the export is audited.
    fn audit_fonds_export(
        &mut self,
        session: &Session,
        fonds_code: &str,
        format: &str,
        depth: Depth,
    ) -> Result<(String, String, u64)> {
        session.require(Permission::ExportRecords)?;
        let code = crate::domain::text::fold(fonds_code).to_ascii_uppercase();
        let name = self.fonds_name(session, &code)?;
        let kind = match depth {
            Depth::Items => "items",
            Depth::Series => "series",
        };
        let about = json!({"fonds": code, "format": format, "depth": kind});
        let filter = RecordQuery {
            fonds: Some(code.clone()),
            ..RecordQuery::default()
        };
        let total = self.audit_filtered(session, ("records.export", "records"), &filter, about)?;
        Ok((code, name, total))
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
