//! Certifying a scope single-track (单轨): once every line of its register is decided, an archivist
//! signs off; the summary is stored with its own hash and the register is closed.

use std::collections::BTreeMap;

use serde_json::json;

use crate::archive::exchange::register::sha256_hex;
use crate::archive::reconcile::ScopeStatus;
use crate::archive::sight::Sight;
use crate::archive::store::audit::{self, Marked};
use crate::archive::store::registers;
use crate::archive::{Archive, Session};
use crate::domain::Permission;
use crate::domain::register::Scope;
use crate::error::{Error, Result};
use crate::i18n::msg::List;
use crate::i18n::{Count, Msg, Noun, ReconcileMsg};

impl Archive {
    /// Signs off a scope whose register has no open line. Returns the certificate (JSON text).
    pub fn certify_scope(&mut self, session: &Session, scope: &Scope) -> Result<String> {
        session.require(Permission::WriteRecords)?;
        let (register, lines) = self.register_lines(session, scope)?;
        if let (Some(at), Some(by)) = (&register.certified_at, &register.certified_by) {
            return Err(Error::BadInput(
                ReconcileMsg::AlreadyCertified {
                    scope: register.scope.clone(),
                    by: by.clone(),
                    at: at.clone(),
                }
                .into(),
            ));
        }
        // A certificate speaks for every line: only someone who sees them all may sign it,
        // asked before anything is said of the lines.
        let highest = registers::highest_class(self.store.conn(), register.id)?;
        if !self.sees_whole_fonds(session, &scope.fonds)? || !Sight::of(session).sees(highest) {
            return Err(Error::Refused(
                ReconcileMsg::CertifyNeedsSight {
                    scope: register.scope.clone(),
                }
                .into(),
            ));
        }
        let rows: Vec<_> = lines.iter().map(|(l, _)| l.clone()).collect();
        let status = ScopeStatus::of_lines(&register, &rows);
        if status.open > 0 {
            let first: Vec<Msg> = rows
                .iter()
                .filter(|l| l.is_open())
                .take(5)
                .map(|l| match (l.paper.line_no, l.is_digital_only()) {
                    (_, true) => ReconcileMsg::ADigitalOnlyRecord.into(),
                    (line, false) => ReconcileMsg::LineNumber { line }.into(),
                })
                .collect();
            return Err(Error::BadInput(
                ReconcileMsg::OpenLines {
                    scope: register.scope.clone(),
                    open: Count::of(status.open, Noun::OpenLine),
                    first: List(first),
                }
                .into(),
            ));
        }
        let mut by_resolution: BTreeMap<&str, u64> = BTreeMap::new();
        for line in &rows {
            if let Some(r) = line.resolution {
                *by_resolution.entry(r.code()).or_default() += 1;
            }
        }
        self.audited(session.name(), |tx, stamp| {
            // The trail's head as the certificate is signed: kept with the certificate, wherever
            // it is printed or filed, it anchors the trail up to this moment.
            let head = audit::head(tx)?.map(|(seq, hash)| format!("{seq}:{hash}"));
            let body = json!({
                "audit_head": head,
                "scope": register.scope,
                "certified_by": session.name(),
                "certified_at": stamp.at,
                "register": {"source": register.source, "sha256": register.sha256,
                             "imported_by": register.imported_by, "imported_at": register.imported_at},
                "counts": status,
                "resolutions": by_resolution,
            });
            let hash = sha256_hex(body.to_string().as_bytes());
            let mut certificate = body;
            certificate["sha256"] = json!(hash);
            let text = certificate.to_string();
            if !registers::certify(tx, register.id, session.name(), stamp.at, &text)? {
                return Err(Error::BadInput(
                    ReconcileMsg::Closed {
                        scope: register.scope.clone(),
                    }
                    .into(),
                ));
            }
            let detail = json!({"sha256": hash, "class": highest.code()});
            let seq = stamp.append(tx, "register.certify", &register.scope, detail)?;
            audit::mark(tx, Marked::Register, register.id, seq)?;
            Ok(text)
        })
    }
}
