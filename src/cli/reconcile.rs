//! `dangan reconcile`: bring in a paper register, see where each scope stands, decide lines,
//! report and certify.

use std::path::PathBuf;

use clap::Subcommand;

use super::Context;
use super::exchange::encoding_arg;
use super::output::print_json;
use crate::archive::export::CsvReport;
use crate::archive::reconcile::{LineRef, LineWithRecord, ScopeStatus};
use crate::domain::register::Register;
use crate::domain::register::{Resolution, Scope};
use crate::error::{Error, Result};
use crate::i18n::{CliMsg, Lang, ReconcileMsg};
use crate::width::{pad, sanitize, truncate};

#[derive(Debug, Subcommand)]
pub enum ReconcileCommand {
    /// Bring in a paper register (CSV/TSV, any encoding the import reads) and match every line
    Import {
        file: PathBuf,
        /// What the register covers: J001, J001/2019, J001/2015-2019, J001/2019/盒1-40
        #[arg(long)]
        scope: String,
        #[arg(long)]
        encoding: Option<String>,
        /// The sheet of a workbook (.xlsx, .xls) [default: the only one with anything in it]
        #[arg(long)]
        sheet: Option<String>,
    },
    /// Counts per scope: agrees, differs, paper_only, duplicate, digital_only, open, resolved
    Status {
        scope: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every line of a scope: the paper, its record, what differs, the decision
    Report {
        scope: String,
        /// table or csv
        #[arg(long, default_value = "table", value_parser = ["table", "csv"])]
        format: String,
        /// Only the lines still open
        #[arg(long)]
        open: bool,
    },
    /// Decide a line (its number on paper, or the code of a digital-only record)
    Resolve {
        scope: String,
        line: String,
        /// accept_digital, correct_digital, create_record, missing_on_paper, missing_in_digital,
        /// note (or their Chinese names)
        resolution: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Take a decision back (one that changed no record): the line is open again
    Reopen { scope: String, line: String },
    /// Match a line to another record instead
    Pick {
        scope: String,
        line: String,
        code: String,
    },
    /// Sign off a scope with no open line as single-track (单轨)
    Certify { scope: String },
}

fn scope(text: &str) -> Result<Scope> {
    text.parse().map_err(Error::BadInput)
}

fn line_ref(text: &str) -> Result<LineRef> {
    text.parse().map_err(Error::BadInput)
}

fn status_line(s: &ScopeStatus, lang: Lang) -> String {
    let certified = match (&s.certified_at, &s.certified_by) {
        (Some(at), Some(by)) => CliMsg::CertifiedBy {
            at: at.clone(),
            by: by.clone(),
        }
        .text(lang),
        _ => String::new(),
    };
    let counts = CliMsg::ScopeCounts {
        lines: s.paper_lines,
        agrees: s.agrees,
        differs: s.differs,
        paper_only: s.paper_only,
        duplicate: s.duplicate,
        digital_only: s.digital_only,
        resolved: s.resolved,
        open: s.open,
    };
    format!("{}  {}{certified}", pad(&s.scope, 18), counts.text(lang))
}

/// The columns of a report, for the table and the CSV alike.
fn report_row((line, record): &LineWithRecord) -> [String; 11] {
    let paper_line = if line.is_digital_only() {
        String::new()
    } else {
        line.paper.line_no.to_string()
    };
    [
        paper_line,
        line.paper.code.clone(),
        line.paper.value(crate::domain::Field::Title).to_string(),
        record
            .as_ref()
            .map(|r| r.code.to_string())
            .unwrap_or_default(),
        record
            .as_ref()
            .map(|r| r.data.title.clone())
            .unwrap_or_default(),
        line.kind.label_zh().to_string(),
        line.differs.join(" "),
        line.resolution
            .map(|r| r.label_zh().to_string())
            .unwrap_or_default(),
        line.note.clone(),
        line.resolved_by.clone().unwrap_or_default(),
        // What a line without a record might be, best first.
        if record.is_none() {
            line.candidates
                .iter()
                .map(|(code, score)| format!("{code}({score:.2})"))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            String::new()
        },
    ]
}

const REPORT_HEADER: [&str; 11] = [
    "纸质行号",
    "纸质档号",
    "纸质题名",
    "电子档号",
    "电子题名",
    "核对结果",
    "差异",
    "处理",
    "备注",
    "处理人",
    "候选（相似度）",
];

fn report_csv(
    register: &Register,
    status: &ScopeStatus,
    lines: &[LineWithRecord],
) -> Result<String> {
    let mut out = CsvReport::default();
    let mut row = |fields: &[&str]| out.row(fields);
    row(&REPORT_HEADER)?;
    for line in lines {
        let cells = report_row(line);
        row(&cells.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    row(&["范围", &register.scope])?;
    if !register.source.is_empty() {
        row(&["纸质台账", &register.source, &register.sha256])?;
    }
    for (label, count) in [
        ("一致", status.agrees),
        ("不一致", status.differs),
        ("仅纸质", status.paper_only),
        ("纸质重复", status.duplicate),
        ("仅电子", status.digital_only),
        ("已处理", status.resolved),
        ("待处理", status.open),
    ] {
        row(&[label, &count.to_string()])?;
    }
    if let Some(certificate) = &register.certificate {
        row(&["单轨认证", certificate])?;
    }
    out.finish()
}

pub fn reconcile(context: &Context, command: ReconcileCommand) -> Result<()> {
    let (mut archive, session) = context.open_session()?;
    match command {
        ReconcileCommand::Import {
            file,
            scope: s,
            encoding,
            sheet,
        } => {
            let (scope, encoding) = (scope(&s)?, encoding_arg(encoding)?);
            let status =
                archive.import_register(&session, &file, &scope, encoding, sheet.as_deref())?;
            say!("{}", status_line(&status, context.lang));
        }
        ReconcileCommand::Status { scope: s, json } => {
            let list = match s {
                Some(s) => vec![archive.scope_status(&session, &scope(&s)?)?],
                None => archive.scopes(&session)?,
            };
            if json {
                print_json(&serde_json::json!({ "scopes": list }));
            } else if list.is_empty() {
                say!("{}", CliMsg::NoRegisters.text(context.lang));
            } else {
                for status in &list {
                    say!("{}", status_line(status, context.lang));
                }
            }
        }
        ReconcileCommand::Report {
            scope: s,
            format,
            open,
        } => {
            let scope = scope(&s)?;
            let (register, mut lines) = archive.register_lines(&session, &scope)?;
            let status = archive.scope_status(&session, &scope)?;
            if open {
                lines.retain(|(l, _)| l.is_open());
            }
            if format == "csv" {
                print!("{}", report_csv(&register, &status, &lines)?);
            } else {
                for line in &lines {
                    let [
                        n,
                        code,
                        title,
                        digital,
                        _,
                        kind,
                        differs,
                        resolution,
                        note,
                        _,
                        offered,
                    ] = report_row(line);
                    say!(
                        "{}  {}  {}  {}  {}  {}  {}",
                        pad(&n, 5),
                        pad(&truncate(&sanitize(&code, false), 22), 22),
                        pad(&truncate(&sanitize(&title, false), 28), 28),
                        pad(&digital, 22),
                        pad(&kind, 8),
                        pad(&differs, 16),
                        sanitize(&format!("{resolution} {note} {offered}"), false).trim()
                    );
                }
                say!("{}", status_line(&status, context.lang));
            }
        }
        ReconcileCommand::Resolve {
            scope: s,
            line,
            resolution,
            note,
        } => {
            let resolution = Resolution::parse(&resolution).ok_or_else(|| {
                let names: Vec<String> = Resolution::ALL
                    .iter()
                    .map(|r| format!("{} ({})", r.code(), r.label_zh()))
                    .collect();
                let (text, choices) = (resolution.clone(), names.join(", "));
                Error::BadInput(ReconcileMsg::NotDecision { text, choices }.into())
            })?;
            let scope = scope(&s)?;
            let (done, _) =
                archive.resolve_line(&session, &scope, &line_ref(&line)?, resolution, &note)?;
            say!(
                "{line}: {} ({})",
                resolution.label_zh(),
                done.kind.label_zh()
            );
            say!(
                "{}",
                status_line(&archive.scope_status(&session, &scope)?, context.lang)
            );
        }
        ReconcileCommand::Reopen { scope: s, line } => {
            let scope = scope(&s)?;
            let (done, _) = archive.reopen_line(&session, &scope, &line_ref(&line)?)?;
            say!("{line}: {}", done.kind.label_zh());
            say!(
                "{}",
                status_line(&archive.scope_status(&session, &scope)?, context.lang)
            );
        }
        ReconcileCommand::Pick {
            scope: s,
            line,
            code,
        } => {
            let code = crate::domain::text::fold(&code).parse().map_err(
                |e: crate::domain::CodeError| {
                    let (text, problem) = (code.clone(), Box::new(e.msg()));
                    Error::BadInput(CliMsg::Argument { text, problem }.into())
                },
            )?;
            let (done, _) =
                archive.pick_candidate(&session, &scope(&s)?, &line_ref(&line)?, &code)?;
            say!(
                "{line}: {code} ({}; {})",
                done.kind.label_zh(),
                done.differs.join(" ")
            );
        }
        ReconcileCommand::Certify { scope: s } => {
            let certificate = archive.certify_scope(&session, &scope(&s)?)?;
            say!("{certificate}");
        }
    }
    Ok(())
}
