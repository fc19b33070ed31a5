//! `dangan user`, `dangan audit`, `dangan settings`.

use clap::Subcommand;

use super::Context;
use super::output::{label, print_json};
use crate::archive::accounts::{SETTING_LOCKOUT_MINUTES, SETTING_MAX_FAILURES};
use crate::domain::audit::AuditFilter;
use crate::domain::{Classification, LoanKind, RecordDate, Role};
use crate::error::{Error, Result};
use crate::i18n::{AccountMsg, CliMsg, Vocabulary};
use crate::width::{pad, sanitize};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; the password is asked twice (or read with --password-stdin)
    Add {
        name: String,
        /// admin, archivist, reader or auditor (管理员, 档案员, 查阅者, 审计员)
        #[arg(long)]
        role: String,
        /// The highest 密级 the user may see [default: 机密 for admins, 内部 otherwise]
        #[arg(long)]
        clearance: Option<String>,
        /// The name shown in the workstation, e.g. 李档案
        #[arg(long, default_value = "")]
        display_name: String,
    },
    /// Change a password: your own, or (as admin) anyone's
    Passwd { name: Option<String> },
    /// Stop a user from logging in
    Disable { name: String },
    /// Let a user log in again (also lifts a lock-out)
    Enable { name: String },
    /// Change a user's role and clearance
    Role {
        name: String,
        role: String,
        #[arg(long)]
        clearance: Option<String>,
    },
    /// Give an account (a calling system of `dangan serve`) a new token, shown once; any
    /// earlier token stops working
    Token { name: String },
    /// List the users
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Show audit entries, oldest first
    Log {
        /// Entries of this user (`--user` is who you are)
        #[arg(long, value_name = "USER")]
        by: Option<String>,
        /// Entries from this day on (e.g. 2026-11-25, 2026年11月25日)
        #[arg(long)]
        since: Option<String>,
        /// Entries about this object (an archival code, a user name, a file name)
        #[arg(long)]
        object: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: u64,
        #[arg(long)]
        json: bool,
    },
    /// Recompute the hash chain; name the first entry altered, removed or inserted, or a trail
    /// cut short; check it against anchors of its head kept elsewhere
    Verify {
        /// An anchor kept elsewhere, as `verify` or the system log printed it: SEQ:HASH
        #[arg(long = "head", value_name = "SEQ:HASH")]
        heads: Vec<String>,
        /// A backup made by `dangan backup`: the head its manifest recorded is an anchor
        #[arg(long = "against", value_name = "BACKUP")]
        backups: Vec<std::path::PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show the settings
    Show,
    /// Set auth.max_failures (failed log-ins before a lock-out), auth.lockout_minutes, or
    /// loan.days.reading_room|take_out|copy (days until a loan of that kind is due), or
    /// objects.max_mb (the largest file `attach` accepts, in MiB; default 1024), or
    /// receive.max_mb (the most a zipped transfer package may inflate to, in MiB; default 4096), or
    /// archive.name (the holding archive, as finding aids and harvesters see it), archive.id (a
    /// domain the archive owns, the namespace of its identifiers) or archive.email, or the
    /// safekeeping policy `dangan routine` follows: safekeeping.backup_to (a directory),
    /// .backup_days, .keep (backups kept), .recipients (a file of age public keys), .medium,
    /// .check_days, .fixity_days (every object re-hashed within), .min_free_mb, .failed_logins
    Set { key: String, value: String },
}

fn parse_role(text: &str) -> Result<Role> {
    Role::parse(text).ok_or_else(|| {
        let text = text.to_string();
        let choices = Vocabulary::Role;
        Error::BadInput(AccountMsg::NotRole { text, choices }.into())
    })
}

fn parse_clearance(text: Option<&str>, role: Role) -> Result<Classification> {
    match text {
        Some(text) => Classification::parse(text).ok_or_else(|| {
            let (text, choices) = (text.to_string(), Vocabulary::Classification);
            Error::BadInput(AccountMsg::NotClearance { text, choices }.into())
        }),
        None if role == Role::Admin => Ok(Classification::Confidential),
        None => Ok(Classification::Internal),
    }
}

fn add_user(
    context: &Context,
    name: &str,
    role: &str,
    clearance: Option<&str>,
    display_name: &str,
) -> Result<()> {
    let mut archive = context.open()?;
    let role = parse_role(role)?;
    let clearance = parse_clearance(clearance, role)?;
    if archive.has_users()? {
        let session = context.login(&mut archive)?;
        let password = context.new_password(name)?;
        archive.add_user(&session, name, display_name, &password, role, clearance)?;
    } else {
        // An archive made before accounts existed: its first user is its admin.
        if role != Role::Admin {
            return Err(Error::BadInput(AccountMsg::FirstMustBeAdmin.into()));
        }
        let password = context.own_new_password(name)?;
        archive.create_first_admin(name, display_name, &password)?;
    }
    let lang = context.lang;
    let said = CliMsg::UserAdded {
        name: name.to_string(),
        role: label(lang, role.label_zh(), role.label_en()),
        clearance: label(lang, clearance.label_zh(), clearance.label_en()),
    };
    say!("{}", said.text(lang));
    Ok(())
}

pub fn user(context: &Context, command: UserCommand) -> Result<()> {
    if let UserCommand::Add {
        name,
        role,
        clearance,
        display_name,
    } = &command
    {
        return add_user(context, name, role, clearance.as_deref(), display_name);
    }
    let (mut archive, session) = context.open_session()?;
    match command {
        UserCommand::Add { .. } => Ok(()),
        UserCommand::Passwd { name } => {
            let name = name.unwrap_or_else(|| session.name().to_string());
            let password = context.new_password(&name)?;
            archive.set_password(&session, &name, &password)?;
            say!("{}", CliMsg::PasswordChanged { name }.text(context.lang));
            Ok(())
        }
        UserCommand::Token { name } => {
            let token = archive.issue_token(&session, &name)?;
            let said = crate::i18n::ReceiveMsg::TokenIssued { name, token };
            say!("{}", said.text(context.lang));
            Ok(())
        }
        UserCommand::Disable { name } => {
            archive.set_disabled(&session, &name, true)?;
            say!("{}", CliMsg::Disabled { name }.text(context.lang));
            Ok(())
        }
        UserCommand::Enable { name } => {
            archive.set_disabled(&session, &name, false)?;
            say!("{}", CliMsg::Enabled { name }.text(context.lang));
            Ok(())
        }
        UserCommand::Role {
            name,
            role,
            clearance,
        } => {
            let role = parse_role(&role)?;
            let clearance = parse_clearance(clearance.as_deref(), role)?;
            archive.set_role(&session, &name, role, clearance)?;
            let lang = context.lang;
            let said = CliMsg::RoleChanged {
                name,
                role: label(lang, role.label_zh(), role.label_en()),
                clearance: label(lang, clearance.label_zh(), clearance.label_en()),
            };
            say!("{}", said.text(lang));
            Ok(())
        }
        UserCommand::List { json } => {
            let users = archive.users(&session)?;
            if json {
                let list: Vec<serde_json::Value> = users
                    .iter()
                    .map(|u| {
                        serde_json::json!({
                            "name": u.name, "display_name": u.display_name, "role": u.role.code(),
                            "clearance": u.clearance.code(), "disabled": u.disabled, "locked_until": u.locked_until,
                        })
                    })
                    .collect();
                print_json(&serde_json::Value::Array(list));
            } else {
                let lang = context.lang;
                for u in users {
                    let state = match (u.disabled, &u.locked_until) {
                        (true, _) => CliMsg::AccountDisabled.text(lang),
                        (false, Some(until)) => CliMsg::LockedUntil {
                            until: until.clone(),
                        }
                        .text(lang),
                        (false, None) => String::new(),
                    };
                    let name = pad(&sanitize(&u.name, false), 12);
                    let display = pad(&sanitize(&u.display_name, false), 10);
                    let role = label(lang, u.role.label_zh(), u.role.label_en());
                    let clearance = label(lang, u.clearance.label_zh(), u.clearance.label_en());
                    say!(
                        "{name}  {display}  {}  {}  {state}",
                        pad(&role, 10),
                        pad(&clearance, 12)
                    );
                }
            }
            Ok(())
        }
    }
}

/// `--since` as the start of that day, UTC.
fn since(text: &str) -> Result<String> {
    let date: RecordDate = text.parse().map_err(|e: crate::domain::DateError| {
        let problem = Box::new(e.msg());
        Error::BadInput(
            CliMsg::Flag {
                flag: "--since".into(),
                problem,
            }
            .into(),
        )
    })?;
    Ok(format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year,
        date.month.max(1),
        date.day.max(1)
    ))
}

pub fn audit(context: &Context, command: AuditCommand) -> Result<()> {
    let (archive, session) = context.open_session()?;
    match command {
        AuditCommand::Log {
            by,
            since: from,
            object,
            limit,
            json,
        } => {
            let filter = AuditFilter {
                user: by,
                since: from.as_deref().map(since).transpose()?,
                object,
            };
            let entries = archive.audit_log(&session, &filter, limit)?;
            if json {
                let list: Vec<serde_json::Value> = entries
                    .iter()
                    .map(|e| {
                        let detail: serde_json::Value = serde_json::from_str(&e.detail).unwrap_or(serde_json::Value::Null);
                        serde_json::json!({
                            "seq": e.seq, "at": e.at, "user": e.user, "action": e.action, "object": e.object,
                            "detail": detail, "hash": e.hash,
                        })
                    })
                    .collect();
                print_json(&serde_json::Value::Array(list));
            } else {
                for e in entries {
                    let line = format!(
                        "{:>6}  {}  {}  {}  {}  {}",
                        e.seq,
                        e.at,
                        pad(&e.user, 10),
                        pad(&e.action, 14),
                        e.object,
                        e.detail
                    );
                    say!("{}", sanitize(&line, false));
                }
            }
        }
        AuditCommand::Verify { heads, backups } => {
            let mut anchors = Vec::new();
            for head in &heads {
                anchors.push(head.parse().map_err(Error::BadInput)?);
            }
            for backup in &backups {
                anchors.push(crate::archive::backup::recorded_head(backup)?);
            }
            let verified = archive.verify_audit(&session, &anchors)?;
            let lang = context.lang;
            let entries = verified.entries;
            let said = match verified.last_at {
                Some(at) => CliMsg::AuditIntactLast { entries, at },
                None => CliMsg::AuditIntact { entries },
            };
            say!("{}", said.text(lang));
            if verified.anchors > 0 {
                let anchors = verified.anchors;
                say!("{}", CliMsg::AnchorsHeld { anchors }.text(lang));
            }
            if let Some(head) = verified.head {
                let head = head.to_string();
                say!("{}", CliMsg::AuditHead { head }.text(lang));
            }
        }
    }
    Ok(())
}

pub fn settings(context: &Context, command: SettingsCommand) -> Result<()> {
    let (mut archive, session) = context.open_session()?;
    match command {
        SettingsCommand::Show => {
            let mut keys = vec![
                (SETTING_MAX_FAILURES.to_string(), "(default)".to_string()),
                (SETTING_LOCKOUT_MINUTES.into(), "(default)".into()),
            ];
            keys.extend(LoanKind::ALL.iter().map(|kind| {
                let default = format!("(default: {} days)", kind.default_days());
                (kind.days_setting(), default)
            }));
            keys.push((
                crate::archive::objects::SETTING_MAX_MB.into(),
                "(default: 1024)".into(),
            ));
            keys.push((
                crate::archive::receive::SETTING_MAX_MB.into(),
                "(default: 4096)".into(),
            ));
            keys.extend(
                crate::archive::safekeeping::POLICY_KEYS
                    .iter()
                    .map(|(key, default)| match default.is_empty() {
                        true => (key.to_string(), "(not set)".to_string()),
                        false => (key.to_string(), format!("(default: {default})")),
                    }),
            );
            for (key, default) in keys {
                let value = archive.setting(&key)?.unwrap_or(default);
                say!("{}  {value}", pad(&key, 26));
            }
        }
        SettingsCommand::Set { key, value } => {
            archive.set_setting(&session, &key, &value)?;
            say!("{key} = {value}");
        }
    }
    Ok(())
}
