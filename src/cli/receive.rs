//! `dangan receive` (a department's transfer package, the register, the figures) and `dangan
//! package` (a folder made into a package, for the department).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use crate::archive::receive::{Receipt, ReceiveOutcome, StatsBy, make_package, transfer_json};
use crate::error::{Error, Result};
use crate::i18n::{Count, Lang, Noun, ReceiveMsg};
use crate::width::{pad, width};

fn outcome_text(accepted: bool, lang: Lang) -> String {
    ReceiveMsg::outcome(accepted).text(lang)
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ReceiveArgs {
    #[command(subcommand)]
    command: Option<ReceiveCommand>,
    /// The transfer package: a BagIt folder or its .zip (see the README, “Transfer packages”)
    #[arg(required = true)]
    package: Option<PathBuf>,
    /// The department handing it over (移交单位); must match the package's Source-Organization
    #[arg(long, required = true)]
    from: Option<String>,
    /// Also write the receipt (回执) to this file: .json for systems, else text
    #[arg(long)]
    receipt: Option<PathBuf>,
    /// Print the receipt as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum ReceiveCommand {
    /// The transfer register (移交登记), newest first
    List {
        #[arg(long)]
        json: bool,
    },
    /// One transfer's receipt (回执)
    Show {
        id: i64,
        /// Also write the receipt to this file: .json for systems, else text
        #[arg(long)]
        receipt: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Per department: packages submitted, accepted, refused, and refusals by check
    Stats {
        /// Per account that offered them (the calling systems of `dangan serve`) instead
        #[arg(long)]
        by_account: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct PackageArgs {
    /// The folder: the transfer list (移交清单.csv, .xlsx or .jsonl) and the files it names
    source: PathBuf,
    /// The package to write: NAME.zip, or a new folder
    out: PathBuf,
    /// The department handing it over (移交单位)
    #[arg(long)]
    from: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen: ADDRESS:PORT (port 0 takes a free one, printed at start)
    #[arg(long, default_value = "127.0.0.1:8470")]
    listen: std::net::SocketAddr,
    /// Let OAI-PMH harvesters without a token in, as this public (reading-room) account: they get
    /// the records opened to the public
    #[arg(long, value_name = "ACCOUNT")]
    harvest_as: Option<String>,
    /// The address harvesters reach /oai at, as Identify tells them (e.g. behind a proxy)
    /// [default: http://LISTEN/oai]
    #[arg(long)]
    base_url: Option<String>,
}

pub fn serve(context: &Context, args: &ServeArgs) -> Result<()> {
    let dir = crate::paths::archive_dir(context.archive.clone())?;
    crate::serve::run(crate::serve::Options {
        listen: args.listen,
        dir,
        lang: context.lang,
        harvest_as: args.harvest_as.clone(),
        base_url: args.base_url.clone(),
    })
}

pub fn package(context: &Context, args: &PackageArgs) -> Result<()> {
    let now = chrono::Local::now().naive_local();
    let report = make_package(&args.source, &args.out, &args.from, now)?;
    say!("{}", report.text(context.lang));
    Ok(())
}

pub fn receive(context: &Context, args: ReceiveArgs) -> Result<()> {
    let lang = context.lang;
    let (mut archive, session) = context.open_session()?;
    match args.command {
        Some(ReceiveCommand::List { json }) => {
            let transfers = archive.transfers(&session)?;
            if json {
                let rows: Vec<_> = transfers.iter().map(transfer_json).collect();
                super::output::print_json(&serde_json::Value::Array(rows));
            } else if transfers.is_empty() {
                say!("{}", ReceiveMsg::NoTransfers.text(lang));
            }
            let from_width = transfers
                .iter()
                .map(|t| width(&t.source))
                .max()
                .unwrap_or(0);
            let outcome_width = [true, false]
                .map(|accepted| width(&outcome_text(accepted, lang)))
                .into_iter()
                .max()
                .unwrap_or(0);
            for t in transfers.iter().filter(|_| !json) {
                let line = ReceiveMsg::TransferLine {
                    id: t.id,
                    at: t.received_at.clone(),
                    from: pad(&t.source, from_width),
                    outcome: pad(&outcome_text(t.accepted, lang), outcome_width),
                    records: Count::of(t.records, Noun::Record),
                    files: Count::of(t.files, Noun::File),
                };
                say!("{}", line.text(lang));
            }
            Ok(())
        }
        Some(ReceiveCommand::Show { id, receipt, json }) => {
            let found = archive.transfer_receipt(&session, id)?;
            show(&found, receipt, json, lang)
        }
        Some(ReceiveCommand::Stats { by_account, json }) => {
            let by = if by_account {
                StatsBy::Account
            } else {
                StatsBy::Department
            };
            let stats = archive.transfer_stats(&session, by)?;
            if json {
                let rows: Vec<_> = stats
                    .iter()
                    .map(|s| {
                        serde_json::json!({
                            "from": s.source, "submitted": s.submitted, "accepted": s.accepted,
                            "refused": s.refused,
                            "refused_by": s.refused_by_json(),
                        })
                    })
                    .collect();
                super::output::print_json(&serde_json::Value::Array(rows));
                return Ok(());
            }
            if stats.is_empty() {
                say!("{}", ReceiveMsg::NoTransfers.text(lang));
                return Ok(());
            }
            for line in stats.iter().flat_map(|s| s.lines(lang)) {
                say!("{line}");
            }
            Ok(())
        }
        None => {
            let (Some(package), Some(from)) = (args.package, args.from) else {
                return Err(Error::Internal(
                    "clap let a receipt through without its package".into(),
                ));
            };
            match archive.receive(&session, &package, &from)? {
                ReceiveOutcome::Accepted(receipt) => {
                    // Indexed now, as an import is: the first search after it does not wait.
                    super::search::catch_up_showing_progress(&mut archive, lang)?;
                    show(&receipt, args.receipt, args.json, lang)
                }
                ReceiveOutcome::Already { message, receipt } => {
                    tell!("{}", message.text(lang));
                    match receipt {
                        Some(receipt) => show(&receipt, args.receipt, args.json, lang),
                        None => {
                            // What there is to say goes where the receipt would have gone.
                            let said = message.text(lang);
                            if args.json {
                                super::output::print_json(&serde_json::json!({"already": said}));
                            }
                            match args.receipt {
                                Some(path) => write_text(&path, &said),
                                None => Ok(()),
                            }
                        }
                    }
                }
                ReceiveOutcome::Refused(receipt) => {
                    show(&receipt, args.receipt, args.json, lang)?;
                    let t = &receipt.transfer;
                    let reasons = Count::of(t.refusals.len(), Noun::Reason);
                    Err(Error::BadInput(
                        ReceiveMsg::Refused { id: t.id, reasons }.into(),
                    ))
                }
            }
        }
    }
}

/// Prints a receipt, and writes it to a file when asked (whole, or not at all).
fn show(receipt: &Receipt, file: Option<PathBuf>, json: bool, lang: Lang) -> Result<()> {
    if json {
        super::output::print_json(&receipt.json());
    } else {
        say!("{}", receipt.text(lang));
    }
    if let Some(path) = file {
        let as_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let text = if as_json {
            serde_json::to_string_pretty(&receipt.json()).unwrap_or_default()
        } else {
            receipt.text(lang)
        };
        write_text(&path, &text)?;
    }
    Ok(())
}

/// Writes a file whole, or not at all.
fn write_text(path: &std::path::Path, text: &str) -> Result<()> {
    crate::archive::export::write_whole(path, true, |out| {
        out.write_all(text.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .map_err(|e| Error::io(path, e))?;
        Ok(1)
    })?;
    Ok(())
}
