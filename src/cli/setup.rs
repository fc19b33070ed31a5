//! `dangan init`, `dangan demo`, `dangan fonds`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, Subcommand};

use super::Context;
use super::output::{label, print_json};
use crate::archive::demo::{self, LAYOUT, SETTING_LAYOUT, SETTING_RECORDS, SETTING_SEED};
use crate::archive::{Archive, DB_FILE, DRAFTS_DIR, INDEX_DIR, OBJECTS_DIR};
use crate::domain::CodeScheme;
use crate::error::{Error, Result};
use crate::i18n::{CliMsg, FileMsg, Lang};
use crate::width::pad;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The first admin's user name [default: asked]
    #[arg(long, value_name = "NAME")]
    admin: Option<String>,
    /// The name shown for the admin, e.g. 张管理
    #[arg(long, default_value = "")]
    display_name: String,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many records to make
    #[arg(long, default_value_t = 20_000)]
    records: u64,
    /// Seed: the same seed makes the same archive
    #[arg(long, default_value_t = 2019)]
    seed: u64,
    /// Rebuild even if a demo archive of this size and seed is already there
    #[arg(long)]
    fresh: bool,
}

#[derive(Debug, Subcommand)]
pub enum FondsCommand {
    /// Register a fonds, e.g. `dangan fonds add J001 市人民政府办公室`
    Add {
        code: String,
        name: String,
        /// How its new records are coded: plain (J001-2019-Y-BGS-0001), dat22
        /// (Z109-WS·2011-Y-BGS-0001) or dat22-no-dept (Z109-WS·2011-Y-0001)
        #[arg(long, default_value = "plain")]
        scheme: String,
    },
    /// Set how a fonds' new records are coded (its records keep their codes)
    Scheme {
        code: String,
        /// plain, dat22, dat22-no-dept or volume
        scheme: String,
        /// The scheme of this 门类 only (e.g. KJ): dat22 or dat22-no-dept
        #[arg(long)]
        category: Option<String>,
    },
    /// List the fonds with their record counts
    List {
        #[arg(long)]
        json: bool,
    },
}

fn ask_line(prompt: &str) -> Result<String> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(Error::BadInput(CliMsg::FirstAdmin.into()));
    }
    print!("{prompt}");
    std::io::stdout()
        .flush()
        .map_err(|e| Error::io("terminal", e))?;
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io("terminal", e))?;
    Ok(line.trim().to_string())
}

pub fn init(context: &Context, args: &InitArgs) -> Result<()> {
    let dir = context.archive_dir()?;
    Archive::check_can_init(&dir)?;
    // Ask before creating anything, so that an interrupted prompt leaves no half-made archive.
    let admin = match &args.admin {
        Some(name) => name.clone(),
        None => ask_line("第一位管理员的用户名 (first admin's user name): ")?,
    };
    let password = context.own_new_password(&admin)?;
    crate::archive::password::check_strength(&password)?;
    let mut archive = Archive::init(&dir)?;
    archive.create_first_admin(&admin, &args.display_name, &password)?;
    let lang = context.lang;
    let dir = dir.display().to_string();
    say!("{}", CliMsg::CreatedArchive { dir, admin }.text(lang));
    say!("{}", CliMsg::NextSteps.text(lang));
    Ok(())
}

/// Removes what a demo archive consists of, and nothing else.
fn remove_demo(dir: &Path) -> Result<()> {
    let key = crate::archive::audit::KEY_FILE.to_string();
    for name in [
        DB_FILE.to_string(),
        format!("{DB_FILE}-wal"),
        format!("{DB_FILE}-shm"),
        key,
        format!("{INDEX_DIR}.lock"),
    ] {
        let path = dir.join(name);
        if path.exists() {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    // The search index and drafts are the demo's too: left behind, they would make the
    // directory "not empty" for the new demo.
    for name in [OBJECTS_DIR, INDEX_DIR, DRAFTS_DIR] {
        let path = dir.join(name);
        if path.exists() {
            std::fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

pub fn demo(context: &Context, args: &DemoArgs) -> Result<()> {
    let dir = crate::paths::demo_dir(context.archive.clone())?;
    let started = Instant::now();
    let wanted = (args.records.to_string(), args.seed.to_string());
    let archive = match Archive::open(&dir) {
        Ok(existing) => {
            let made = (
                existing.setting(SETTING_RECORDS)?,
                existing.setting(SETTING_SEED)?,
            );
            let (Some(records), Some(seed)) = made else {
                let dir = dir.display().to_string();
                return Err(Error::BadInput(FileMsg::NotDemo { dir }.into()));
            };
            // A demo made before accounts existed has no users to log in with, one of an older
            // layout lacks what the workstation now shows: make it anew.
            let current = existing.setting(SETTING_LAYOUT)?.as_deref() == Some(LAYOUT);
            if (records, seed) == wanted && current && !args.fresh && existing.has_users()? {
                let dir = dir.display().to_string();
                say!("{}", CliMsg::UsingDemo { dir }.text(context.lang));
                existing
            } else {
                drop(existing);
                remove_demo(&dir)?;
                demo::build_with_loans(&dir, args.records, args.seed, chrono::Utc::now())?
            }
        }
        Err(Error::NoArchive(_)) => {
            demo::build_with_loans(&dir, args.records, args.seed, chrono::Utc::now())?
        }
        Err(e) => return Err(e),
    };
    let lang = context.lang;
    let mut archive = archive;
    // Ready means searchable: the index is built before the workstation opens.
    super::search::catch_up_showing_progress(&mut archive, lang)?;
    let elapsed = started.elapsed();
    let (admin, _, _, _, admin_password) = demo::USERS[0];
    let session = archive.login(admin, admin_password)?;
    let all_fonds = archive.fonds(&session)?;
    // The records asked for, and the items inside the volumes of the fonds arranged by volume.
    let said = CliMsg::DemoReady {
        dir: dir.display().to_string(),
        records: all_fonds.iter().map(|f| f.records).sum(),
        seed: args.seed,
        seconds: format!("{:.1}", elapsed.as_secs_f64()),
    };
    say!("{}", said.text(lang));
    for fonds in all_fonds {
        let (code, records) = (&fonds.code, fonds.records);
        let said = CliMsg::FondsLine {
            code: code.clone(),
            name: pad(&fonds.name, 24),
            records,
        };
        say!("{}", said.text(lang));
    }
    say!("{}", CliMsg::DemoUsers.text(lang));
    for (name, display_name, role, clearance, password) in demo::USERS {
        let said = CliMsg::DemoUser {
            name: pad(name, 10),
            display: pad(display_name, 6),
            role: pad(&label(lang, role.label_zh(), role.label_en()), 6),
            clearance: label(lang, clearance.label_zh(), clearance.label_en()),
            password: password.to_string(),
        };
        say!("{}", said.text(lang));
    }
    let (user, _, _, _, password) = demo::USERS[1];
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        drop(archive);
        let hint = format!("demo: {user} / {password}");
        return workstation_with(context, dir, Some(hint));
    }
    // Name the program as it was started: after `cargo run` there is no `dangan` on the PATH.
    let program = std::env::args().next().unwrap_or_else(|| "dangan".into());
    say!(
        "{}",
        CliMsg::DemoNext {
            program: program.clone()
        }
        .text(lang)
    );
    say!(
        "  export DANGAN_ARCHIVE={} DANGAN_USER={user} DANGAN_PASSWORD={password}",
        dir.display()
    );
    say!("  {program} list --fonds J001 --year 2019");
    say!("  {program} show J001-2019-Y-BGS-0001");
    say!("  {program} export records --format csv --output demo.csv");
    Ok(())
}

/// `dangan` with no command: the workstation on the archive.
pub fn workstation(context: &Context, dir: PathBuf) -> Result<()> {
    workstation_with(context, dir, None)
}

fn workstation_with(context: &Context, dir: PathBuf, login_hint: Option<String>) -> Result<()> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(Error::BadInput(FileMsg::NotATerminal.into()));
    }
    let archive = Archive::open(&dir)?;
    let options = crate::tui::Options {
        login_hint,
        ..context.tui.clone()
    };
    crate::tui::run(archive, &options)
}

fn code_scheme(text: &str) -> Result<CodeScheme> {
    CodeScheme::parse(text).ok_or_else(|| {
        let known = CodeScheme::ALL.map(CodeScheme::code).join(", ");
        let text = text.to_string();
        Error::BadInput(CliMsg::UnknownScheme { text, known }.into())
    })
}

/// A code of a 门类 with a scheme of its own, for messages: the scheme's example in that 门类.
fn category_example(category: &str, scheme: &str) -> String {
    let example = CodeScheme::parse(scheme).unwrap_or_default().example();
    example.replacen("WS", category, 1)
}

pub fn fonds(context: &Context, command: FondsCommand) -> Result<()> {
    match command {
        FondsCommand::Add { code, name, scheme } => {
            let scheme = code_scheme(&scheme)?;
            let (mut archive, session) = context.open_session()?;
            let code = archive.add_fonds(&session, &code, &name, scheme)?;
            let name = name.trim().to_string();
            let example = scheme.example().to_string();
            let said = CliMsg::FondsAdded {
                code,
                name,
                example,
            };
            say!("{}", said.text(context.lang));
        }
        FondsCommand::Scheme {
            code,
            scheme,
            category,
        } => {
            let scheme = code_scheme(&scheme)?;
            let (mut archive, session) = context.open_session()?;
            archive.set_fonds_scheme(&session, &code, scheme, category.as_deref())?;
            let code = crate::domain::text::fold(&code).to_ascii_uppercase();
            let example = match &category {
                Some(c) => category_example(
                    &crate::domain::text::fold(c).to_ascii_uppercase(),
                    scheme.code(),
                ),
                None => scheme.example().to_string(),
            };
            say!(
                "{}",
                CliMsg::FondsScheme { code, example }.text(context.lang)
            );
        }
        FondsCommand::List { json } => {
            let (archive, session) = context.open_session()?;
            let list = archive.fonds(&session)?;
            if json {
                print_json(
                    &serde_json::to_value(&list).map_err(|e| Error::Internal(e.to_string()))?,
                );
            } else {
                for fonds in list {
                    let line = CliMsg::FondsListed {
                        code: fonds.code,
                        name: pad(&fonds.name, 24),
                        records: fonds.records,
                        example: std::iter::once(fonds.scheme.example().to_string())
                            .chain(fonds.categories.iter().map(|(c, s)| category_example(c, s)))
                            .collect::<Vec<_>>()
                            .join(match context.lang {
                                Lang::Zh => "；",
                                Lang::En => "; ",
                            }),
                    };
                    say!("{}", line.text(context.lang));
                }
            }
        }
    }
    Ok(())
}
