//! The command line: clap definitions here, one module per group of commands under `cli/`.
//! Thin by design: every rule lives in `archive/`.

mod exchange;
mod output;
mod records;
mod setup;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::archive::Actor;
use crate::error::{Error, Result};

#[derive(Debug, Parser)]
#[command(
    name = "dangan",
    version,
    about = "档案 — a terminal records workstation for archives"
)]
pub struct Cli {
    /// The archive directory [default: the dangan data directory]
    #[arg(long, global = true, env = "DANGAN_ARCHIVE", value_name = "DIR")]
    archive: Option<PathBuf>,

    /// Who is acting, recorded with every change [default: your login name]
    #[arg(long, global = true, env = "DANGAN_USER", value_name = "NAME")]
    user: Option<String>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new, empty archive
    Init,
    /// Build (or reuse) a demo archive of Chinese records
    Demo(setup::DemoArgs),
    /// Register and list fonds (全宗)
    #[command(subcommand)]
    Fonds(setup::FondsCommand),
    /// Add a record
    Add(records::AddArgs),
    /// Show a record with its revision history
    Show(records::ShowArgs),
    /// List records, a page at a time
    List(records::ListArgs),
    /// Change fields of a record (the previous version is kept)
    Edit(records::EditArgs),
    /// Import records from CSV/TSV (UTF-8, GB18030/GBK, UTF-16) or JSON Lines
    #[command(subcommand)]
    Import(exchange::ImportCommand),
    /// Export records as CSV (UTF-8 with BOM) or JSON Lines
    #[command(subcommand)]
    Export(exchange::ExportCommand),
}

/// What every command that works on an archive needs.
pub(crate) struct Context {
    archive: Option<PathBuf>,
    user: Option<String>,
}

impl Context {
    fn archive_dir(&self) -> Result<PathBuf> {
        crate::paths::archive_dir(self.archive.clone())
    }

    fn open(&self) -> Result<crate::Archive> {
        crate::Archive::open(&self.archive_dir()?)
    }

    fn actor(&self) -> Actor {
        let login = || {
            std::env::var("USER")
                .or_else(|_| std::env::var("LOGNAME"))
                .ok()
        };
        Actor(
            self.user
                .clone()
                .or_else(login)
                .unwrap_or_else(|| "unknown".into()),
        )
    }
}

/// Flags shared by commands that filter records.
#[derive(Debug, Args, Default)]
struct FilterArgs {
    /// Only this fonds (全宗号), e.g. J001
    #[arg(long)]
    fonds: Option<String>,
    /// Only this year (年度)
    #[arg(long)]
    year: Option<u16>,
    /// Only this status: 在库 / 借出 / 待整理 / 已销毁 (or in_store, on_loan, unprocessed, disposed)
    #[arg(long)]
    status: Option<String>,
}

impl FilterArgs {
    fn to_filter(&self) -> Result<crate::store::records::RecordFilter> {
        use crate::domain::Status;
        let status = match &self.status {
            Some(text) => Some(Status::parse(text).ok_or_else(|| {
                Error::Invalid(format!(
                    "--status {text:?} is not one of {}",
                    Status::choices()
                ))
            })?),
            None => None,
        };
        let fonds = self
            .fonds
            .as_deref()
            .map(|f| crate::domain::text::fold(f).to_ascii_uppercase());
        Ok(crate::store::records::RecordFilter {
            fonds,
            year: self.year,
            status,
        })
    }
}

fn run(cli: Cli) -> Result<()> {
    let context = Context {
        archive: cli.archive,
        user: cli.user,
    };
    match cli.command {
        None => Err(Error::Invalid(
            "the workstation screen is not built yet; run `dangan --help` for the commands, or `dangan demo`".into(),
        )),
        Some(Command::Init) => setup::init(&context),
        Some(Command::Demo(args)) => setup::demo(&context, &args),
        Some(Command::Fonds(command)) => setup::fonds(&context, command),
        Some(Command::Add(args)) => records::add(&context, &args),
        Some(Command::Show(args)) => records::show(&context, &args),
        Some(Command::List(args)) => records::list(&context, &args),
        Some(Command::Edit(args)) => records::edit(&context, &args),
        Some(Command::Import(command)) => exchange::import(&context, command),
        Some(Command::Export(command)) => exchange::export(&context, command),
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
