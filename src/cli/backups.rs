//! `backup` (plain or encrypted), `restore` (and its drill), `backups` (the register of backup
//! media) and `keygen` (a key pair to encrypt backups to).

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::Context;
use super::safekeeping::{print_report, verdict};
use crate::archive::backup::{
    self, BackupEntry, BackupOptions, Opener, SEALED_FILE, Seal, os_user,
};
use crate::archive::safekeeping::Policy;
use crate::error::{Error, Result};
use crate::i18n::{CliMsg, Lang, SafekeepingMsg};
use crate::width::{pad, sanitize, truncate, width};

/// Where a passphrase comes from when no one types it (cron, scripts).
const PASSPHRASE_VARIABLE: &str = "DANGAN_BACKUP_PASSPHRASE";

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the backup: a new or empty directory
    dest: PathBuf,
    /// Encrypt it (age): to a passphrase typed twice (or DANGAN_BACKUP_PASSPHRASE), or to the
    /// public keys given with --recipient or --recipients-file
    #[arg(long)]
    encrypt: bool,
    /// An age public key (age1…) to encrypt to; repeat it for several holders
    #[arg(long = "recipient", value_name = "AGE1…")]
    recipients: Vec<String>,
    /// A file of age public keys, one a line (`#` comments allowed)
    #[arg(long, value_name = "FILE")]
    recipients_file: Option<PathBuf>,
    /// What the backup is written on, for the register of backup media (移动硬盘 03, NAS …)
    #[arg(long, default_value = "")]
    medium: String,
    /// Unencrypted even where the policy names public keys (safekeeping.recipients)
    #[arg(long, conflicts_with_all = ["encrypt", "recipients", "recipients_file"])]
    plain: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup made by `dangan backup` (its directory, or its encrypted .age file)
    src: PathBuf,
    /// An age identity file that opens an encrypted backup; repeat for several
    #[arg(long = "identity", value_name = "FILE")]
    identities: Vec<PathBuf>,
    /// A restore drill: restore beside the archive (--archive), check it, compare its counts,
    /// remove it, and enter the drill in the archive's backup register
    #[arg(long)]
    drill: bool,
}

#[derive(Debug, Args)]
pub struct BackupsArgs {
    /// Print the register as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write the secret key (a new file, readable by you only)
    #[arg(long, short)]
    output: PathBuf,
}

/// A passphrase from DANGAN_BACKUP_PASSPHRASE, else typed (twice when it is new); `none` says
/// what to do when there is no one to type it.
fn passphrase(lang: Lang, new: bool, none: SafekeepingMsg) -> Result<String> {
    if let Ok(passphrase) = std::env::var(PASSPHRASE_VARIABLE)
        && !passphrase.is_empty()
    {
        return Ok(passphrase);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Refused(none.into()));
    }
    let ask = |prompt: SafekeepingMsg| {
        rpassword::prompt_password(prompt.text(lang)).map_err(|e| Error::io("terminal", e))
    };
    let first = ask(SafekeepingMsg::PassphrasePrompt)?;
    if new && ask(SafekeepingMsg::PassphraseAgain)? != first {
        return Err(Error::BadInput(SafekeepingMsg::PassphrasesDiffer.into()));
    }
    if first.is_empty() {
        return Err(Error::Refused(none.into()));
    }
    Ok(first)
}

/// How the backup is encrypted: as asked, else to the policy's public keys unless --plain.
fn seal(args: &BackupArgs, policy: &Policy, lang: Lang) -> Result<Option<Seal>> {
    let mut keys = args.recipients.clone();
    if let Some(file) = &args.recipients_file {
        keys.extend(backup::recipients_file(file)?);
        if keys.is_empty() {
            return Err(Error::BadInput(SafekeepingMsg::NoRecipients.into()));
        }
    }
    if !keys.is_empty() {
        return Ok(Some(Seal::Recipients(keys)));
    }
    if args.encrypt {
        let none = SafekeepingMsg::NoPassphrase;
        return Ok(Some(Seal::Passphrase(passphrase(lang, true, none)?)));
    }
    match (&policy.recipients, args.plain) {
        (Some(file), false) => {
            tell!("{}", SafekeepingMsg::SealedToPolicy.text(lang));
            Ok(Some(Seal::Recipients(backup::recipients_file(file)?)))
        }
        _ => Ok(None),
    }
}

/// How to open `src`: the identity files given, else a passphrase when it asks for one.
fn opener(args: &RestoreArgs, lang: Lang) -> Result<Opener> {
    if !args.identities.is_empty() {
        return Ok(Opener::IdentityFiles(args.identities.clone()));
    }
    match backup::asks_passphrase(&args.src) {
        true => {
            let path = args.src.display().to_string();
            let none = SafekeepingMsg::NeedsPassphrase { path };
            Ok(Opener::Passphrase(passphrase(lang, false, none)?))
        }
        false => Ok(Opener::Nothing),
    }
}

pub fn backup(context: &Context, args: &BackupArgs) -> Result<()> {
    let lang = context.lang;
    let mut archive = context.open()?;
    // The passphrase is asked before anything is written.
    let options = BackupOptions {
        seal: seal(args, &archive.safekeeping_policy()?, lang)?,
        routine: false,
        medium: args.medium.clone(),
    };
    let summary = archive.backup(&args.dest, &os_user(), &options)?;
    let dest = summary.dest.display().to_string();
    let said = CliMsg::BackupWritten {
        dest: dest.clone(),
        records: summary.records,
        objects: summary.objects,
        files: summary.files,
        bytes: summary.bytes,
        manifest: backup::MANIFEST.to_string(),
    };
    let (dest_shown, file) = (dest.clone(), SEALED_FILE.to_string());
    match &options.seal {
        None => say!("{}", said.text(lang)),
        Some(Seal::Passphrase(_)) => {
            let sealed = SafekeepingMsg::SealedToPassphrase {
                dest: dest_shown,
                file,
            };
            say!("{}", sealed.text(lang));
        }
        Some(Seal::Recipients(_)) => {
            let sealed = SafekeepingMsg::SealedToKeys {
                dest: dest_shown,
                file,
            };
            say!("{}", sealed.text(lang));
        }
    }
    if let Some(head) = summary.head {
        let head = head.to_string();
        // An encrypted backup's description is inside it: the head is given to keep instead.
        match summary.encrypted {
            false => say!("{}", CliMsg::BackupHead { head, dest }.text(lang)),
            true => say!("{}", SafekeepingMsg::SealedHead { head }.text(lang)),
        }
    }
    Ok(())
}

pub fn restore(context: &Context, args: &RestoreArgs) -> Result<()> {
    let lang = context.lang;
    let opener = opener(args, lang)?;
    if args.drill {
        return drill(context, args, &opener);
    }
    let dest = context.archive_dir()?;
    let restored = backup::restore(&args.src, &dest, &opener, &os_user())?;
    let said = CliMsg::Restored {
        files: restored.files,
        src: args.src.display().to_string(),
        dest: restored.archive.dir().display().to_string(),
    };
    say!("{}", said.text(lang));
    print_report(&restored.check, false, lang);
    verdict(&restored.check)
}

fn drill(context: &Context, args: &RestoreArgs, opener: &Opener) -> Result<()> {
    let lang = context.lang;
    let mut archive = context.open()?;
    let drill = archive.drill(&args.src, opener, &os_user())?;
    let src = args.src.display().to_string();
    if drill.passed() {
        let said = SafekeepingMsg::DrillPassed {
            src,
            records: drill.records.0,
            objects: drill.objects.0,
            seconds: format!("{:.1}", drill.seconds),
        };
        say!("{}", said.text(lang));
        return Ok(());
    }
    print_report(&drill.check, false, lang);
    for problem in &drill.problems {
        say!("{}", problem.text(lang));
    }
    Err(Error::BadInput(SafekeepingMsg::DrillFailed { src }.into()))
}

pub fn keygen(context: &Context, args: &KeygenArgs) -> Result<()> {
    let created = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let public = backup::keygen(&args.output, &created)?;
    let path = args.output.display().to_string();
    say!(
        "{}",
        SafekeepingMsg::KeyWritten { path, public }.text(context.lang)
    );
    Ok(())
}

pub fn backups(context: &Context, args: &BackupsArgs) -> Result<()> {
    let lang = context.lang;
    let archive = context.open()?;
    let entries = archive.backup_register()?;
    if args.json {
        let rows: Vec<serde_json::Value> = entries.iter().map(|e| entry_json(e, lang)).collect();
        super::output::print_json(&serde_json::json!({ "register": rows }));
        return Ok(());
    }
    if entries.is_empty() {
        say!("{}", SafekeepingMsg::EmptyRegister.text(lang));
        return Ok(());
    }
    print_register(&entries, lang);
    Ok(())
}

fn entry_json(entry: &BackupEntry, lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "no": entry.id(),
        "kind": if entry.is_drill() { "drill" } else { "backup" },
        "archive": entry.archive(),
        "at": entry.at(),
        "by": entry.by(),
        "location": entry.location(),
        "medium": entry.medium(),
        "encrypted": entry.encrypted(),
        "manifest_sha256": entry.manifest_sha256(),
        "audit_head": entry.audit_head(),
        "records": entry.records(),
        "objects": entry.objects(),
        "bytes": entry.bytes(),
        "seconds": entry.seconds(),
        "ok": entry.ok(),
        "detail": entry.detail(lang),
        "pruned_at": entry.pruned_at(),
    })
}

fn print_register(entries: &[BackupEntry], lang: Lang) {
    use SafekeepingMsg as M;
    let word = |m: M| m.text(lang);
    let heads = [
        M::ColNo,
        M::ColKind,
        M::ColAt,
        M::ColBy,
        M::ColEncrypted,
        M::ColRecords,
        M::ColOutcome,
        M::ColMedium,
        M::ColManifest,
        M::ColLocation,
    ]
    .map(word);
    let rows: Vec<[String; 10]> = entries
        .iter()
        .map(|e| {
            // The reason whole is in --json; the table keeps to a screen's width.
            let outcome = match (e.ok(), e.pruned_at()) {
                (false, _) => truncate(&format!("{} {}", word(M::Failed), e.detail(lang)), 40),
                (true, Some(at)) => M::Pruned { at: at.into() }.text(lang),
                (true, None) => word(M::Ok),
            };
            [
                e.id().to_string(),
                word(if e.is_drill() {
                    M::KindDrill
                } else {
                    M::KindBackup
                }),
                e.at().to_string(),
                e.by().to_string(),
                word(if e.encrypted() { M::Yes } else { M::No }),
                e.records().to_string(),
                outcome,
                e.medium().to_string(),
                e.manifest_sha256().chars().take(12).collect(),
                e.location().to_string(),
            ]
            .map(|cell| sanitize(&cell, false))
        })
        .collect();
    // The last column is left as long as it is: a path is not cut.
    let widths: Vec<usize> = (0..heads.len())
        .map(|i| {
            rows.iter()
                .map(|row| width(&row[i]))
                .chain([width(&heads[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        let last = cells.len() - 1;
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, cell)| match i == last {
                true => cell.clone(),
                false => pad(cell, widths[i]),
            })
            .collect();
        padded.join("  ")
    };
    say!("{}", line(&heads));
    for row in &rows {
        say!("{}", line(row));
    }
}
