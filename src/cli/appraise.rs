//! `dangan appraise …`: appraisal and disposition (鉴定与处置) — what is due, proposing,
//! approving, carrying out destruction, and the lists kept for ever.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::Context;
use super::output::print_json;
use crate::archive::appraisal::DueList;
use crate::domain::AppraisalKind;
use crate::domain::appraisal::{Appraisal, AppraisalItem};
use crate::error::{Error, Result};
use crate::i18n::{AppraisalMsg, Lang, RecordMsg, S, Vocabulary, decision_msg};
use crate::width::{pad, truncate};

#[derive(Debug, Args)]
pub struct DueArgs {
    /// retention (到期鉴定: retention run out), opening (开放审核: 25 years old) or
    /// declassification (解密审核: 秘密 after 10 years, 机密 after 20)
    #[arg(long, default_value = "retention")]
    kind: String,
    /// 全宗号
    #[arg(long)]
    fonds: Option<String>,
    /// The records' year (年度)
    #[arg(long)]
    year: Option<String>,
    /// Due by the end of this year instead of this one (to plan ahead)
    #[arg(long, value_name = "YEAR")]
    as_of: Option<String>,
    /// List up to this many records (with --fonds or --year, 200 unless given)
    #[arg(long)]
    limit: Option<u64>,
    /// Write every record due as a CSV sheet of decisions to fill in and propose
    #[arg(long, value_name = "FILE")]
    sheet: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AppraiseCommand {
    /// What is due: counts by fonds and year, and the records (`--fonds`, `--year`)
    Due(DueArgs),
    /// Propose the decisions of a filled-in sheet (CSV, TSV or .xlsx: 档号, 决定, 新保管期限,
    /// 再审年度, 新密级, 理由) as one appraisal
    Propose {
        /// The sheet, e.g. as `appraise due --sheet` wrote it
        file: PathBuf,
        /// retention, opening or declassification
        #[arg(long, default_value = "retention")]
        kind: String,
        /// What the appraisal is (e.g. 2026 年到期档案鉴定)
        #[arg(long, default_value = "")]
        note: String,
        /// The sheet of a workbook holding the decisions (when it has several)
        #[arg(long)]
        sheet: Option<String>,
    },
    /// Appraisals, newest first
    List {
        #[arg(long)]
        json: bool,
    },
    /// One appraisal and its decisions
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Approve another person's appraisal; all but destruction takes effect now
    Approve {
        id: i64,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Reject an appraisal not yet carried out, or withdraw your own proposal; nothing in it happens
    Reject {
        id: i64,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Carry out an approved destruction list before a witness (监销人); cannot be undone
    Destroy {
        id: i64,
        /// The witness's name
        #[arg(long)]
        witness: String,
        /// Do not ask (for scripts)
        #[arg(long)]
        yes: bool,
    },
    /// Write an appraisal as .xlsx (销毁清册 with a cover and lines to sign) or .csv
    Print {
        id: i64,
        #[arg(long, short)]
        output: PathBuf,
    },
}

fn kind(text: &str) -> Result<AppraisalKind> {
    AppraisalKind::parse(text).ok_or_else(|| {
        let value = text.to_string();
        let choices = Vocabulary::AppraisalKind;
        Error::BadInput(RecordMsg::NotOneOf { value, choices }.into())
    })
}

/// A year as typed (full-width digits too).
pub(super) fn year(text: &str) -> Result<i32> {
    crate::domain::code::parse_year(&crate::domain::text::fold(text))
        .map(i32::from)
        .ok_or_else(|| {
            let text = text.to_string();
            Error::BadInput(AppraisalMsg::BadYear { text }.into())
        })
}

pub fn appraise(context: &Context, command: AppraiseCommand) -> Result<()> {
    let lang = context.lang;
    let say = |m: AppraisalMsg| say!("{}", m.text(lang));
    match command {
        AppraiseCommand::Due(args) => due(context, &args),
        AppraiseCommand::Propose {
            file,
            kind: k,
            note,
            sheet,
        } => {
            let kind = kind(&k)?;
            let (mut archive, session) = context.open_session()?;
            let source = (file.as_path(), sheet.as_deref());
            let (id, left_out) = archive.propose_appraisal_sheet(&session, kind, &note, source)?;
            let (appraisal, _) = archive.appraisal(&session, id)?;
            say(AppraisalMsg::Proposed {
                id,
                records: appraisal.records,
            });
            if left_out > 0 {
                say(AppraisalMsg::LeftOut { rows: left_out });
            }
            Ok(())
        }
        AppraiseCommand::List { json } => {
            let (archive, session) = context.open_session()?;
            let list = archive.appraisals(&session)?;
            if json {
                print_json(&json!(list.iter().map(appraisal_json).collect::<Vec<_>>()));
                return Ok(());
            }
            if list.is_empty() {
                say(AppraisalMsg::NoAppraisals);
            }
            for appraisal in &list {
                summary(appraisal, lang);
            }
            Ok(())
        }
        AppraiseCommand::Show { id, json } => {
            let (archive, session) = context.open_session()?;
            let (appraisal, items) = archive.appraisal(&session, id)?;
            if json {
                let mut value = appraisal_json(&appraisal);
                value["items"] = json!(items.iter().map(item_json).collect::<Vec<_>>());
                print_json(&value);
                return Ok(());
            }
            summary(&appraisal, lang);
            for item in &items {
                say!("{}", item_line(item, lang));
            }
            Ok(())
        }
        AppraiseCommand::Approve { id, note } => {
            let (mut archive, session) = context.open_session()?;
            let appraisal = archive.approve_appraisal(&session, id, &note)?;
            say(match appraisal.state {
                crate::domain::AppraisalState::Approved => AppraisalMsg::ApprovedToDestroy { id },
                _ => AppraisalMsg::ApprovedNow { id },
            });
            Ok(())
        }
        AppraiseCommand::Reject { id, note } => {
            let (mut archive, session) = context.open_session()?;
            let state = archive.reject_appraisal(&session, id, &note)?.state;
            say(AppraisalMsg::RejectedNow { id, state });
            Ok(())
        }
        AppraiseCommand::Destroy { id, witness, yes } => {
            let (mut archive, session) = context.open_session()?;
            let (_, items) = archive.appraisal(&session, id)?;
            let records = items
                .iter()
                .filter(|i| i.decision.verdict == crate::domain::Verdict::Destroy)
                .count() as u64;
            if !yes && !confirmed(&AppraisalMsg::AskDestroy { id, records }, lang)? {
                say(AppraisalMsg::NotConfirmed);
                return Ok(());
            }
            let done = archive.carry_out_destruction(&session, id, &witness)?;
            say(AppraisalMsg::DestroyedNow {
                id,
                records: done.records,
                files: done.files,
                bytes: done.bytes,
            });
            Ok(())
        }
        AppraiseCommand::Print { id, output } => {
            let extension = output
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default()
                .to_ascii_lowercase();
            let csv = match extension.as_str() {
                "csv" => true,
                "xlsx" => false,
                _ => {
                    let path = output.display().to_string();
                    return Err(Error::BadInput(AppraisalMsg::PrintFormat { path }.into()));
                }
            };
            let (mut archive, session) = context.open_session()?;
            let records = crate::archive::export::write_whole(&output, true, |out| {
                archive.print_appraisal(&session, id, csv, out)
            })?;
            let path = output.display().to_string();
            say(AppraisalMsg::Printed { records, path });
            Ok(())
        }
    }
}

/// Asks at the terminal; refuses when there is none to ask at.
fn confirmed(question: &AppraisalMsg, lang: Lang) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::BadInput(AppraisalMsg::NeedsYes.into()));
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "{}", question.text(lang));
    let _ = err.flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Error::io("stdin", e))?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "yes" | "是"
    ))
}

fn due(context: &Context, args: &DueArgs) -> Result<()> {
    let lang = context.lang;
    let kind = kind(&args.kind)?;
    let fonds = args
        .fonds
        .as_deref()
        .map(|f| crate::domain::text::fold(f).to_ascii_uppercase());
    let record_year = args.year.as_deref().map(year).transpose()?;
    let as_of = args.as_of.as_deref().map(year).transpose()?;
    let (archive, session) = context.open_session()?;
    let scope = (fonds.as_deref(), record_year);
    if let Some(path) = &args.sheet {
        let records = crate::archive::export::write_whole(path, true, |out| {
            archive.write_due_sheet(&session, kind, scope, as_of, out)
        })?;
        let path = path.display().to_string();
        say!(
            "{}",
            AppraisalMsg::SheetWritten { records, path }.text(lang)
        );
        return Ok(());
    }
    let listing = fonds.is_some() || record_year.is_some() || args.json;
    let limit = args.limit.unwrap_or(if listing { 200 } else { 0 });
    let list = archive.appraisal_due(&session, kind, scope, as_of, limit)?;
    let as_of = as_of.unwrap_or_else(|| archive.this_year());
    if args.json {
        print_json(&due_json(kind, as_of, &list));
        return Ok(());
    }
    let total: u64 = list.groups.iter().map(|g| g.records).sum();
    if total == 0 {
        say!(
            "{}",
            AppraisalMsg::NothingDue { kind, year: as_of }.text(lang)
        );
        return Ok(());
    }
    say!(
        "{}",
        AppraisalMsg::DueHeading { kind, year: as_of }.text(lang)
    );
    let right = |s: S| {
        let text = s.get(lang);
        let room = 8usize.saturating_sub(crate::width::width(text));
        format!("{}{text}", " ".repeat(room))
    };
    say!(
        "{}  {}  {}  {}",
        pad(S::DueFonds.get(lang), 6),
        pad(S::DueYear.get(lang), 6),
        right(S::DueRecords),
        right(S::DuePages)
    );
    for g in &list.groups {
        say!(
            "{}  {}  {:>8}  {:>8}",
            pad(&g.fonds, 6),
            pad(&g.year.to_string(), 6),
            g.records,
            g.pages
        );
    }
    let pages = list.groups.iter().map(|g| g.pages).sum();
    say!(
        "{}",
        AppraisalMsg::DueTotal {
            records: total,
            pages
        }
        .text(lang)
    );
    for r in &list.records {
        let date = r.date.map(|d| d.to_string()).unwrap_or_default();
        let pages = r.pages.map(|p| p.to_string()).unwrap_or_default();
        let class = match lang {
            Lang::Zh => r.classification.label_zh(),
            Lang::En => r.classification.label_en(),
        };
        say!(
            "{}  {}  {:>4}  {}  {}  {}",
            pad(&r.code.to_string(), 26),
            pad(&date, 10),
            pages,
            pad(class, 6),
            r.due,
            truncate(&r.title, 40)
        );
    }
    if !list.records.is_empty() && (list.records.len() as u64) < total {
        let shown = list.records.len() as u64;
        say!("{}", AppraisalMsg::DueShown { shown, total }.text(lang));
    }
    Ok(())
}

fn due_json(kind: AppraisalKind, as_of: i32, list: &DueList) -> serde_json::Value {
    json!({
        "kind": kind.code(),
        "as_of": as_of,
        "groups": list.groups.iter().map(|g| json!({
            "fonds": g.fonds, "year": g.year, "records": g.records, "pages": g.pages,
        })).collect::<Vec<_>>(),
        "records": list.records.iter().map(|r| json!({
            "code": r.code.to_string(),
            "title": r.title,
            "date": r.date.map(|d| d.to_string()),
            "pages": r.pages,
            "classification": r.classification.code(),
            "openness": r.openness.code(),
            "status": r.status.code(),
            "due": r.due,
        })).collect::<Vec<_>>(),
    })
}

fn appraisal_json(a: &Appraisal) -> serde_json::Value {
    json!({
        "id": a.id,
        "kind": a.kind.code(),
        "state": a.state.code(),
        "note": a.note,
        "records": a.records,
        "proposed_by": a.proposed_by,
        "proposed_at": a.proposed_at,
        "decided_by": a.decided_by,
        "decided_at": a.decided_at,
        "decision_note": a.decision_note,
        "carried_out_by": a.carried_out_by,
        "carried_out_at": a.carried_out_at,
        "witness": a.witness,
    })
}

fn item_json(i: &AppraisalItem) -> serde_json::Value {
    json!({
        "code": i.code.to_string(),
        "title": i.title,
        "date": i.date.map(|d| d.to_string()),
        "pages": i.pages,
        "classification": i.classification.code(),
        "status": i.status.code(),
        "verdict": i.decision.verdict.code(),
        "period": i.decision.period.map(|p| p.code()),
        "until": i.decision.until,
        "new_class": i.decision.new_class.map(|c| c.code()),
        "reason": i.decision.reason,
    })
}

fn summary(a: &Appraisal, lang: Lang) {
    let line = AppraisalMsg::Summary {
        id: a.id,
        kind: a.kind,
        state: a.state,
        records: a.records,
        by: a.proposed_by.clone(),
        at: a.proposed_at.clone(),
    };
    say!("{}", line.text(lang));
    if !a.note.is_empty() {
        let note = a.note.clone();
        say!("{}", AppraisalMsg::Note { note }.text(lang));
    }
    if let (Some(by), Some(at)) = (&a.decided_by, &a.decided_at) {
        let (by, at) = (by.clone(), at.clone());
        let said = match a.state {
            crate::domain::AppraisalState::Withdrawn => AppraisalMsg::WithdrawnBy { by, at },
            _ => AppraisalMsg::DecidedBy { by, at },
        };
        say!("{}", said.text(lang));
    }
    if !a.decision_note.is_empty() {
        let note = a.decision_note.clone();
        say!("{}", AppraisalMsg::Note { note }.text(lang));
    }
    if let (Some(by), Some(at), Some(witness)) = (&a.carried_out_by, &a.carried_out_at, &a.witness)
    {
        let (by, at, witness) = (by.clone(), at.clone(), witness.clone());
        say!(
            "{}",
            AppraisalMsg::CarriedOutBy { by, at, witness }.text(lang)
        );
    }
}

fn item_line(item: &AppraisalItem, lang: Lang) -> String {
    let date = item.date.map(|d| d.to_string()).unwrap_or_default();
    let class = match lang {
        Lang::Zh => item.classification.label_zh(),
        Lang::En => item.classification.label_en(),
    };
    let decision = decision_msg(&item.decision).text(lang);
    format!(
        "  {}  {}  {}  {}  {}  {}",
        pad(&item.code.to_string(), 26),
        pad(&date, 10),
        pad(class, 6),
        pad(&decision, 18),
        truncate(&item.title, 36),
        item.decision.reason
    )
}
