//! The command line: clap definitions here, one module per group of commands under `cli/`.
//! Thin by design: every rule lives in `archive/`.

/// Prints a line for a person through the one sanitiser: text from files, records, arguments
/// and errors can never drive the terminal or reorder what it shows.
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", $crate::width::sanitize(&format!($($arg)*), true))
    };
}

/// As `say!`, on standard error.
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::width::sanitize(&format!($($arg)*), true))
    };
}

mod accounts;
mod appraise;
mod backups;
mod boxes;
mod exchange;
mod loans;
mod output;
mod print;
mod receive;
mod reconcile;
mod records;
mod routine;
mod safekeeping;
mod search;
mod setup;
mod stats;
mod suggest;
mod volumes;

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::archive::{Archive, Session};
use crate::error::{Error, Result};
use crate::i18n::{CliMsg, Lang, S};

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

    /// Your dangan user name
    #[arg(long, global = true, env = "DANGAN_USER", value_name = "NAME")]
    user: Option<String>,

    /// Read passwords from standard input, one a line, in the order needed: yours (unless
    /// DANGAN_PASSWORD gives it), then any new one
    #[arg(long, global = true)]
    password_stdin: bool,

    /// Language of the workstation and of messages: zh or en [default: config, then the locale]
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,

    /// Theme of the workstation: default, light, high-contrast, mono, or one of yours
    #[arg(long, global = true, value_name = "NAME")]
    theme: Option<String>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new, empty archive and its first admin
    Init(setup::InitArgs),
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
    /// Attach files to a record after the four ingest checks (四性检测)
    Attach(records::AttachArgs),
    /// Change fields of a record (the previous version is kept)
    Edit(records::EditArgs),
    /// Import records from CSV/TSV (UTF-8, GB18030/GBK, UTF-16), Excel (.xlsx, .xls) or JSON Lines
    #[command(subcommand)]
    Import(exchange::ImportCommand),
    /// Export records as CSV (UTF-8 with BOM), Excel (.xlsx) or JSON Lines, or a fonds as EAD
    #[command(subcommand)]
    Export(exchange::ExportCommand),
    /// Receive a department's transfer package (接收) after the four checks; the transfer register
    Receive(receive::ReceiveArgs),
    /// Make a transfer package (移交包) from a folder: the transfer list and its files
    Package(receive::PackageArgs),
    /// Serve the archiving interface (归档接口) over HTTP for other systems (see /openapi.json)
    Serve(receive::ServeArgs),
    /// Boxes (盒) on the shelves: make, list, show, move, 备考表, out of and back into the stacks
    #[command(subcommand)]
    Box(boxes::BoxCommand),
    /// Volumes (案卷) of a fonds arranged by volume: add, list by catalogue (目录), show, move
    #[command(subcommand)]
    Volume(volumes::VolumeCommand),
    /// Stocktake (清点检查) a stretch of shelving: scanned codes against the boxes recorded there
    Stocktake(boxes::StocktakeArgs),
    /// Print catalogues and labels as .xlsx for Excel and WPS (归档文件目录, 案卷目录, 卷内目录, 盒脊)
    #[command(subcommand)]
    Print(print::PrintCommand),
    /// Search records: Chinese words or any part of them, with filters
    Search(search::SearchArgs),
    /// Rebuild the search index from the archive
    Reindex,
    /// Check-out logs (借阅): lend, return, renew, lost, lists, the use register
    #[command(subcommand)]
    Loan(loans::LoanCommand),
    /// Appraisal and disposition (鉴定与处置): due lists, decisions, approval, destruction lists
    #[command(subcommand)]
    Appraise(appraise::AppraiseCommand),
    /// Yearly statistics (档案统计): holdings, additions, destructions, use, digital objects and
    /// the dual-track transition, within your clearance, as a table, CSV, .xlsx or JSON
    Stats(stats::StatsArgs),
    /// Smart description (智能著录) for a backlog: keywords the records of a fonds-year lack and
    /// codes or 密级 the catalogue would have given them, learned from the catalogue you see;
    /// a list to review, or missing keywords written with --apply-above
    Suggest(suggest::SuggestArgs),
    /// Dual-track reconciliation (双轨核对): a paper register against the catalogue, line by line
    #[command(subcommand)]
    Reconcile(reconcile::ReconcileCommand),
    /// Check the archive: database, audit chain, fixity of digital objects, index agreement
    Check(safekeeping::CheckArgs),
    /// Write a consistent backup (database, digital objects, audit key, SHA-256 manifest) while
    /// others work, encrypted with --encrypt or --recipient; entered in the register of backup media
    Backup(backups::BackupArgs),
    /// Restore a backup into a new or empty archive directory (--archive), verifying it first;
    /// with --drill, a restore drill beside the archive, entered in its register
    Restore(backups::RestoreArgs),
    /// The register of backup media (备份介质登记): backups made or failed, restore drills
    Backups(backups::BackupsArgs),
    /// Make an age key pair to encrypt backups to: the secret key to a file, the public key printed
    Keygen(backups::KeygenArgs),
    /// Do what the safekeeping policy says is due (backup, pruning, check, fixity share) and
    /// raise alarms; for cron or a systemd timer, over one archive or several
    Routine(routine::ArchivesArgs),
    /// Alarms waiting, the last backup and restore drill, the policy, of one archive or several
    Status(routine::ArchivesArgs),
    /// Alarms (告警): list them, or acknowledge one (an admin, logged in)
    #[command(subcommand)]
    Alarms(routine::AlarmsCommand),
    /// Manage user accounts
    #[command(subcommand)]
    User(accounts::UserCommand),
    /// Read and verify the audit trail
    #[command(subcommand)]
    Audit(accounts::AuditCommand),
    /// Archive settings (log-in throttling, loan days, the largest digital object, the
    /// safekeeping policy `routine` follows)
    #[command(subcommand)]
    Settings(accounts::SettingsCommand),
}

/// What every command that works on an archive needs.
pub(crate) struct Context {
    archive: Option<PathBuf>,
    user: Option<String>,
    password_stdin: bool,
    /// Standard input's lines, read once when the first password is needed.
    stdin_lines: RefCell<Option<VecDeque<String>>>,
    tui: crate::tui::Options,
    /// The language of what the commands say: `--lang`, else the config, else the locale.
    lang: Lang,
}

impl Context {
    fn archive_dir(&self) -> Result<PathBuf> {
        crate::paths::archive_dir(self.archive.clone())
    }

    fn open(&self) -> Result<Archive> {
        Archive::open(&self.archive_dir()?)
    }

    /// Opens the archive and logs in.
    fn open_session(&self) -> Result<(Archive, Session)> {
        let mut archive = self.open()?;
        let session = self.login(&mut archive)?;
        Ok((archive, session))
    }

    fn login(&self, archive: &mut Archive) -> Result<Session> {
        let Some(name) = self.user.clone() else {
            return Err(Error::Refused(CliMsg::WhoAreYou.into()));
        };
        let password = match std::env::var("DANGAN_PASSWORD") {
            Ok(password) => password,
            Err(_) => {
                let name = crate::width::sanitize(&name, false);
                self.password(&format!("{name} 的口令 (password): "))?
            }
        };
        archive.login(&name, &password)
    }

    fn next_stdin_line(&self) -> Result<Option<String>> {
        let mut lines = self.stdin_lines.borrow_mut();
        let lines = lines.get_or_insert_with(|| {
            std::io::stdin()
                .lock()
                .lines()
                .map_while(|l| l.ok())
                .collect()
        });
        Ok(lines.pop_front())
    }

    /// A password from standard input (with --password-stdin) or typed without echo.
    fn password(&self, prompt: &str) -> Result<String> {
        if self.password_stdin {
            return self
                .next_stdin_line()?
                .ok_or_else(|| Error::Refused(CliMsg::StdinEmpty.into()));
        }
        if !std::io::stdin().is_terminal() {
            return Err(Error::Refused(CliMsg::NoPassword.into()));
        }
        rpassword::prompt_password(prompt).map_err(|e| Error::io("terminal", e))
    }

    /// The password of an admin being created by the person running the command: standard input
    /// if asked, else DANGAN_PASSWORD, else typed twice.
    fn own_new_password(&self, name: &str) -> Result<String> {
        match std::env::var("DANGAN_PASSWORD") {
            Ok(password) if !self.password_stdin => Ok(password),
            _ => self.new_password(name),
        }
    }

    /// A new password: from standard input, or typed twice without echo.
    fn new_password(&self, whose: &str) -> Result<String> {
        let whose = crate::width::sanitize(whose, false);
        let first = self.password(&format!("{whose} 的新口令 (new password): "))?;
        if !self.password_stdin {
            let again = self.password("再输入一次 (again): ")?;
            if again != first {
                return Err(Error::BadInput(
                    crate::i18n::AccountMsg::PasswordsDiffer.into(),
                ));
            }
        }
        Ok(first)
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
    fn to_filter(&self) -> Result<crate::domain::RecordQuery> {
        use crate::domain::Status;
        let status = match &self.status {
            Some(text) => Some(
                Status::parse(text).ok_or_else(|| Error::BadInput(CliMsg::status_unknown(text)))?,
            ),
            None => None,
        };
        let fonds = self
            .fonds
            .as_deref()
            .map(|f| crate::domain::text::fold(f).to_ascii_uppercase());
        // The archive narrows it to what the session may see.
        Ok(crate::domain::RecordQuery {
            fonds,
            year: self.year,
            status,
            volume: None,
        })
    }
}

fn run(cli: Cli) -> Result<()> {
    let context = Context {
        lang: message_lang(cli.lang.as_deref()),
        archive: cli.archive,
        user: cli.user,
        password_stdin: cli.password_stdin,
        stdin_lines: RefCell::new(None),
        tui: crate::tui::Options {
            lang: cli.lang,
            theme: cli.theme,
            login_hint: None,
        },
    };
    match cli.command {
        None => setup::workstation(
            &context,
            crate::paths::archive_dir(context.archive.clone())?,
        ),
        Some(Command::Init(args)) => setup::init(&context, &args),
        Some(Command::Demo(args)) => setup::demo(&context, &args),
        Some(Command::Fonds(command)) => setup::fonds(&context, command),
        Some(Command::Add(args)) => records::add(&context, &args),
        Some(Command::Show(args)) => records::show(&context, &args),
        Some(Command::List(args)) => records::list(&context, &args),
        Some(Command::Edit(args)) => records::edit(&context, &args),
        Some(Command::Attach(args)) => records::attach(&context, &args),
        Some(Command::Import(command)) => exchange::import(&context, command),
        Some(Command::Export(command)) => exchange::export(&context, command),
        Some(Command::Receive(args)) => receive::receive(&context, args),
        Some(Command::Package(args)) => receive::package(&context, &args),
        Some(Command::Serve(args)) => receive::serve(&context, &args),
        Some(Command::Print(command)) => print::print(&context, command),
        Some(Command::Box(command)) => boxes::boxes(&context, command),
        Some(Command::Volume(command)) => volumes::volumes(&context, command),
        Some(Command::Stocktake(args)) => boxes::stocktake(&context, &args),
        Some(Command::Search(args)) => search::search(&context, &args),
        Some(Command::Reindex) => search::reindex(&context),
        Some(Command::Loan(command)) => loans::loan(&context, command),
        Some(Command::Appraise(command)) => appraise::appraise(&context, command),
        Some(Command::Stats(args)) => stats::stats(&context, &args),
        Some(Command::Suggest(args)) => suggest::suggest(&context, &args),
        Some(Command::Reconcile(command)) => reconcile::reconcile(&context, command),
        Some(Command::Check(args)) => safekeeping::check(&context, &args),
        Some(Command::Backup(args)) => backups::backup(&context, &args),
        Some(Command::Restore(args)) => backups::restore(&context, &args),
        Some(Command::Backups(args)) => backups::backups(&context, &args),
        Some(Command::Keygen(args)) => backups::keygen(&context, &args),
        Some(Command::Routine(args)) => routine::routine(&context, &args),
        Some(Command::Status(args)) => routine::status(&context, &args),
        Some(Command::Alarms(command)) => routine::alarms(&context, command),
        Some(Command::User(command)) => accounts::user(&context, command),
        Some(Command::Audit(command)) => accounts::audit(&context, command),
        Some(Command::Settings(command)) => accounts::settings(&context, command),
    }
}

/// The language errors are told in: `--lang`, else the config, else the locale.
fn message_lang(given: Option<&str>) -> Lang {
    let configured = || crate::tui::configured(crate::paths::config_dir().as_deref(), "lang");
    given
        .map(str::to_string)
        .or_else(configured)
        .and_then(|tag| Lang::parse(&tag))
        .unwrap_or_else(Lang::from_environment)
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let lang = message_lang(cli.lang.as_deref());
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tell!("{}{}", S::ErrorPrefix.get(lang), error.text(lang));
            ExitCode::from(error.exit_code())
        }
    }
}

/// Help and version as clap writes them; a usage error through the sanitiser, since it quotes
/// the argument as typed (escape sequences and all).
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let shown = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if shown {
        // Nothing more can be said if standard output is gone.
        let _ = error.print();
    } else {
        tell!("{}", error.render().to_string().trim_end());
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
