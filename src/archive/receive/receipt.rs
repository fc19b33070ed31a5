//! The receipt (回执) of a transfer, the transfer register as a reader may see it, and the
//! figures per department: offered, accepted, refused and why (the archiving success rate).

use std::collections::BTreeMap;

use serde_json::json;

use crate::archive::sight::Sight;
use crate::archive::store::{objects, records, transfers};
use crate::archive::{Archive, Session};
use crate::domain::Permission;
use crate::domain::transfer::{Check, Transfer};
use crate::error::{Error, Result};
use crate::i18n::{Count, Lang, Msg, Noun, ReceiveMsg};

/// What came of offering a package.
#[derive(Debug, Clone)]
pub enum ReceiveOutcome {
    Accepted(Receipt),
    Refused(Receipt),
    /// The same package was received before; its receipt if the reader may see it.
    Already {
        message: ReceiveMsg,
        receipt: Option<Receipt>,
    },
}

/// A record a transfer brought, as its receipt lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptRecord {
    pub line: u64,
    pub code: String,
    pub title: String,
    pub files: u64,
}

/// A transfer with what it brought.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub transfer: Transfer,
    pub records: Vec<ReceiptRecord>,
}

/// How the figures of the register are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsBy {
    /// The department that handed the package over (移交单位).
    Department,
    /// The account that offered it: a calling system of `dangan serve`, or a clerk.
    Account,
}

/// The transfers of one department (or account), as the register has them.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceStats {
    pub source: String,
    pub submitted: u64,
    pub accepted: u64,
    pub refused: u64,
    /// Refused transfers with at least one reason under each check.
    pub refused_by: Vec<(Check, u64)>,
}

pub(super) fn check_name(check: Check) -> ReceiveMsg {
    match check {
        Check::Authenticity => ReceiveMsg::Authenticity,
        Check::Integrity => ReceiveMsg::Integrity,
        Check::Usability => ReceiveMsg::Usability,
        Check::Security => ReceiveMsg::Security,
        Check::Description => ReceiveMsg::Description,
    }
}

impl Receipt {
    /// The receipt as the department reads it, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let t = &self.transfer;
        let mut lines: Vec<Msg> = vec![
            ReceiveMsg::ReceiptTitle { id: t.id }.into(),
            ReceiveMsg::ReceiptFrom {
                from: t.source.clone(),
            }
            .into(),
            ReceiveMsg::ReceiptWhen {
                at: t.received_at.clone(),
                by: t.received_by.clone(),
            }
            .into(),
            ReceiveMsg::ReceiptPackage {
                name: t.package_name.clone(),
            }
            .into(),
        ];
        if !t.package_hash.is_empty() {
            let hash = t.package_hash.clone();
            lines.push(ReceiveMsg::ReceiptHash { hash }.into());
        }
        if t.accepted {
            lines.push(
                ReceiveMsg::ReceiptAccepted {
                    records: Count::of(t.records, Noun::Record),
                    files: Count::of(t.files, Noun::File),
                    bytes: Count::of(t.bytes, Noun::Byte),
                }
                .into(),
            );
            lines.push(ReceiveMsg::ReceiptRecords.into());
            for r in &self.records {
                let line = ReceiveMsg::ReceiptRecord {
                    line: r.line,
                    code: r.code.clone(),
                    title: r.title.clone(),
                    files: Count::of(r.files, Noun::File),
                };
                lines.push(line.into());
            }
        } else {
            let reasons = Count::of(t.refusals.len(), Noun::Reason);
            lines.push(ReceiveMsg::ReceiptRefused { reasons }.into());
            lines.push(ReceiveMsg::ReceiptReasons.into());
            for refusal in &t.refusals {
                let reason = match lang {
                    Lang::Zh => &refusal.zh,
                    Lang::En => &refusal.en,
                };
                // One reason a line, whatever names from outside it quotes.
                let line = ReceiveMsg::Refusal {
                    check: Box::new(check_name(refusal.check)),
                    place: crate::width::sanitize(&refusal.place, false),
                    reason: Box::new(Msg::Verbatim {
                        text: crate::width::sanitize(reason, false),
                    }),
                };
                lines.push(line.into());
            }
        }
        let text = Msg::Lines { lines }.text(lang);
        // Names and titles come from outside: no escape sequence reaches a terminal or a file.
        crate::width::sanitize(&text, true)
    }

    /// The receipt for another system to read: the same facts, reasons in both languages.
    pub fn json(&self) -> serde_json::Value {
        let t = &self.transfer;
        let mut value = transfer_json(t);
        if let Some(fields) = value.as_object_mut() {
            fields.insert("received_by".into(), json!(t.received_by));
            fields.insert("refusals".into(), json!(t.refusals));
            let received: Vec<_> = self
                .records
                .iter()
                .map(
                    |r| json!({"line": r.line, "code": r.code, "title": r.title, "files": r.files}),
                )
                .collect();
            fields.insert("received".into(), json!(received));
        }
        value
    }
}

/// A row of the register for another system: `receive list --json` and `dangan serve`.
pub fn transfer_json(t: &Transfer) -> serde_json::Value {
    json!({
        "transfer": t.id, "received_at": t.received_at, "from": t.source,
        "outcome": if t.accepted { "accepted" } else { "refused" },
        "records": t.records, "files": t.files, "bytes": t.bytes,
        "package": t.package_name, "package_sha256": t.package_hash,
    })
}

/// The register is read by those who receive transfers and by auditors.
fn may_read_register(session: &Session) -> Result<()> {
    session
        .require(Permission::ReadAudit)
        .or_else(|_| session.require(Permission::ImportRecords))
}

impl Archive {
    /// A transfer with the records it brought that the session may see.
    pub(super) fn receipt_of(&self, session: &Session, transfer: Transfer) -> Result<Receipt> {
        let sight = Sight::of(session);
        let mut received = Vec::new();
        if let Some(import_id) = transfer.import_id {
            let conn = self.store.conn();
            records::for_each_of_import(conn, import_id, |record| {
                if sight.takes_in(&record.data) {
                    let files = objects::of_record(conn, record.id)?.len() as u64;
                    received.push(ReceiptRecord {
                        line: record.imported.map_or(0, |(_, line)| line),
                        code: record.code.to_string(),
                        title: record.data.title.clone(),
                        files,
                    });
                }
                Ok(())
            })?;
        }
        received.sort_by_key(|r| r.line);
        Ok(Receipt {
            transfer,
            records: received,
        })
    }

    /// The transfer register, newest first, as far as the session may see.
    pub fn transfers(&self, session: &Session) -> Result<Vec<Transfer>> {
        may_read_register(session)?;
        transfers::list(self.store.conn(), Sight::of(session))
    }

    /// One transfer's receipt; a transfer above the session's clearance is not there for it.
    pub fn transfer_receipt(&self, session: &Session, id: i64) -> Result<Receipt> {
        may_read_register(session)?;
        let Some(transfer) = transfers::get(self.store.conn(), Sight::of(session), id)? else {
            return Err(Error::NotFound(ReceiveMsg::NoSuchTransfer { id }.into()));
        };
        self.receipt_of(session, transfer)
    }

    /// The transfers a calling system submitted itself: what `dangan serve` shows it.
    pub fn submitted_transfers(&self, session: &Session) -> Result<Vec<Transfer>> {
        let mut transfers = self.transfers(session)?;
        transfers.retain(|t| t.received_by == session.name());
        Ok(transfers)
    }

    /// One transfer's receipt, if the calling system submitted it; another's is not there.
    pub fn submitted_receipt(&self, session: &Session, id: i64) -> Result<Receipt> {
        match self.transfer_receipt(session, id) {
            Ok(receipt) if receipt.transfer.received_by == session.name() => Ok(receipt),
            Ok(_) => Err(Error::NotFound(ReceiveMsg::NoSuchTransfer { id }.into())),
            Err(e) => Err(e),
        }
    }

    /// Per department (or per account that received them: the calling systems): transfers
    /// offered, accepted, refused, and refused under each check.
    pub fn transfer_stats(&self, session: &Session, by: StatsBy) -> Result<Vec<SourceStats>> {
        let mut by_source: BTreeMap<String, SourceStats> = BTreeMap::new();
        for t in self.transfers(session)? {
            let key = match by {
                StatsBy::Department => t.source.clone(),
                StatsBy::Account => t.received_by.clone(),
            };
            let stats = by_source.entry(key.clone()).or_insert_with(|| SourceStats {
                source: key,
                submitted: 0,
                accepted: 0,
                refused: 0,
                refused_by: Check::ALL.iter().map(|c| (*c, 0)).collect(),
            });
            stats.submitted += 1;
            if t.accepted {
                stats.accepted += 1;
            } else {
                stats.refused += 1;
                for (check, count) in &mut stats.refused_by {
                    if t.refusals.iter().any(|r| r.check == *check) {
                        *count += 1;
                    }
                }
            }
        }
        Ok(by_source.into_values().collect())
    }
}

impl SourceStats {
    /// The refusals under each check, by the check's name.
    pub fn refused_by_json(&self) -> serde_json::Value {
        let by: serde_json::Map<String, serde_json::Value> = self
            .refused_by
            .iter()
            .map(|(check, n)| (check.key().to_string(), json!(n)))
            .collect();
        serde_json::Value::Object(by)
    }

    /// The lines `dangan receive stats` prints for this department.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let rate = if self.submitted == 0 {
            "-".to_string()
        } else {
            format!(
                "{:.1}%",
                self.accepted as f64 * 100.0 / self.submitted as f64
            )
        };
        let mut lines = vec![
            ReceiveMsg::StatsLine {
                from: self.source.clone(),
                submitted: self.submitted,
                accepted: self.accepted,
                refused: self.refused,
                rate,
            }
            .text(lang),
        ];
        for (check, count) in self.refused_by.iter().filter(|(_, n)| *n > 0) {
            let line = ReceiveMsg::StatsReason {
                check: Box::new(check_name(*check)),
                count: *count,
            };
            lines.push(line.text(lang));
        }
        lines
    }
}
