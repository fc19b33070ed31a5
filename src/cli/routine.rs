//! `routine` (what the safekeeping policy says is due, for cron or a systemd timer), `status`
//! (alarms, the last backup and drill) over one archive or several, and `alarms` (list,
//! acknowledge). `routine` and `status` are the operator's, like `backup`; acknowledging is a
//! person's, logged in.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use crate::archive::Archive;
use crate::archive::safekeeping::{Alarm, RoutineReport};
use crate::error::{Error, Result};
use crate::i18n::{Lang, SafekeepingMsg};
use crate::width::sanitize;

#[derive(Debug, Args)]
pub struct ArchivesArgs {
    /// Archive directories (several on one server: one per unit); none: the --archive one
    archives: Vec<PathBuf>,
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AlarmsCommand {
    /// The alarms waiting (with --all, acknowledged ones too)
    List {
        #[arg(long)]
        all: bool,
    },
    /// Acknowledge an alarm, saying what was done (an admin, logged in)
    Ack {
        id: i64,
        /// What was done about it (kept with the acknowledgement)
        #[arg(long)]
        note: String,
    },
}

/// The archives named, each once (however it is spelt).
fn archives(context: &Context, args: &ArchivesArgs) -> Result<Vec<PathBuf>> {
    if args.archives.is_empty() {
        return Ok(vec![context.archive_dir()?]);
    }
    let mut seen = Vec::new();
    let mut named = Vec::new();
    for dir in &args.archives {
        let same = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        if !seen.contains(&same) {
            seen.push(same);
            named.push(dir.clone());
        }
    }
    Ok(named)
}

/// An alarm's line; `watched_at`, when the watch just looked, tells a cause gone since.
fn alarm_line(alarm: &Alarm, watched_at: Option<&str>, lang: Lang) -> String {
    let said = SafekeepingMsg::AlarmLine {
        id: alarm.id,
        name: alarm.kind.name(lang),
        raised: alarm.raised_at.clone(),
        times: alarm.times,
        detail: alarm.detail(lang),
    };
    let mut line = said.text(lang);
    if let Some((at, by)) = &alarm.acknowledged {
        let (by, at, note) = (by.clone(), at.clone(), alarm.note.clone());
        line.push_str(&SafekeepingMsg::AckedBy { by, at, note }.text(lang));
    }
    let gone = watched_at.is_some_and(|watched| alarm.last_seen_at.as_str() < watched);
    if gone && alarm.kind.watched() {
        let at = alarm.last_seen_at.clone();
        line.push_str(&SafekeepingMsg::CauseGone { at }.text(lang));
    }
    sanitize(&line, false)
}

fn alarm_json(alarm: &Alarm, lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "id": alarm.id, "kind": alarm.kind.key(), "name": alarm.kind.name(lang),
        "raised_at": alarm.raised_at, "last_seen_at": alarm.last_seen_at, "times": alarm.times,
        "detail": alarm.detail(lang),
        "acknowledged_at": alarm.acknowledged.as_ref().map(|(at, _)| at),
        "acknowledged_by": alarm.acknowledged.as_ref().map(|(_, by)| by),
    })
}

/// Runs `work` on each archive; one that cannot be opened is said and counted, the rest go on.
/// Fails (non-zero exit) when anything failed or alarms wait.
fn each(
    context: &Context,
    args: &ArchivesArgs,
    work: &mut dyn FnMut(&mut Archive) -> Result<(serde_json::Value, bool)>,
) -> Result<()> {
    let lang = context.lang;
    let mut sound = true;
    let mut shown = Vec::new();
    for dir in archives(context, args)? {
        let shown_dir = dir.display().to_string();
        let done = Archive::open(&dir).and_then(|mut archive| work(&mut archive));
        match done {
            Ok((value, fine)) => {
                sound &= fine;
                shown.push(value);
            }
            Err(error) => {
                sound = false;
                let detail = error.text(lang);
                let said = SafekeepingMsg::FailedOn {
                    dir: shown_dir.clone(),
                    detail: detail.clone(),
                };
                match args.json {
                    true => shown.push(serde_json::json!({"archive": shown_dir, "error": detail})),
                    false => tell!("{}", said.text(lang)),
                }
            }
        }
    }
    if args.json {
        super::output::print_json(&serde_json::json!({ "archives": shown }));
    }
    match sound {
        true => Ok(()),
        false => Err(Error::BadInput(SafekeepingMsg::NeedsAttention.into())),
    }
}

fn status_of(archive: &mut Archive, lang: Lang, json: bool) -> Result<(serde_json::Value, bool)> {
    let mut watched = RoutineReport::default();
    archive.watch(&mut watched)?;
    let alarms = archive.alarms(false)?;
    let register = archive.backup_register()?;
    let last_backup = archive.last_good_backup()?;
    let last_backup = last_backup.as_ref();
    let last_drill = register.iter().find(|e| e.is_drill());
    let policy = archive.safekeeping_policy()?;
    let dir = archive.dir().display().to_string();
    if !json {
        say!(
            "{}",
            SafekeepingMsg::StatusArchive { dir: dir.clone() }.text(lang)
        );
        let said = policy.line();
        say!("{}", said.text(lang));
        let said = match last_backup {
            Some(e) => SafekeepingMsg::StatusLastBackup {
                at: e.at().into(),
                location: e.location().into(),
            },
            None => SafekeepingMsg::StatusNoBackup,
        };
        say!("{}", sanitize(&said.text(lang), false));
        let said = match last_drill {
            Some(e) => SafekeepingMsg::StatusLastDrill {
                at: e.at().into(),
                outcome: match e.ok() {
                    true => SafekeepingMsg::Ok.text(lang),
                    false => format!("{} {}", SafekeepingMsg::Failed.text(lang), e.detail(lang)),
                },
            },
            None => SafekeepingMsg::StatusNoDrill,
        };
        say!("{}", sanitize(&said.text(lang), false));
        match alarms.is_empty() {
            true => say!("  {}", SafekeepingMsg::NoAlarms.text(lang)),
            false => alarms
                .iter()
                .for_each(|a| say!("  {}", alarm_line(a, Some(&watched.watched_at), lang))),
        }
    }
    let value = serde_json::json!({
        "archive": dir,
        "alarms": alarms.iter().map(|a| alarm_json(a, lang)).collect::<Vec<_>>(),
        "last_backup": last_backup.map(|e| serde_json::json!({"at": e.at(), "location": e.location()})),
        "last_drill": last_drill.map(|e| serde_json::json!({"at": e.at(), "ok": e.ok()})),
    });
    Ok((value, alarms.is_empty()))
}

pub fn status(context: &Context, args: &ArchivesArgs) -> Result<()> {
    let lang = context.lang;
    each(context, args, &mut |archive| {
        status_of(archive, lang, args.json)
    })
}

pub fn routine(context: &Context, args: &ArchivesArgs) -> Result<()> {
    let lang = context.lang;
    each(context, args, &mut |archive| {
        let report = archive.routine()?;
        let alarms = archive.alarms(false)?;
        let dir = archive.dir().display().to_string();
        let texts = |msgs: &[crate::i18n::Msg]| -> Vec<String> {
            msgs.iter().map(|m| m.text(lang)).collect()
        };
        if !args.json {
            say!(
                "{}",
                SafekeepingMsg::StatusArchive { dir: dir.clone() }.text(lang)
            );
            for line in texts(&report.done) {
                say!("  {}", sanitize(&line, false));
            }
            for line in texts(&report.failed) {
                tell!("  {}", sanitize(&line, false));
            }
            // On standard error, which cron mails: which alarms, not only how many.
            if !alarms.is_empty() {
                let count = alarms.len();
                tell!("  {}", SafekeepingMsg::AlarmsWaiting { count }.text(lang));
                for alarm in &alarms {
                    tell!("  {}", alarm_line(alarm, None, lang));
                }
            }
        }
        let value = serde_json::json!({
            "archive": dir, "done": texts(&report.done), "failed": texts(&report.failed),
            "alarms": alarms.iter().map(|a| alarm_json(a, lang)).collect::<Vec<_>>(),
        });
        Ok((value, report.failed.is_empty() && alarms.is_empty()))
    })
}

pub fn alarms(context: &Context, command: AlarmsCommand) -> Result<()> {
    let lang = context.lang;
    match command {
        AlarmsCommand::List { all } => {
            let archive = context.open()?;
            let alarms = archive.alarms(all)?;
            if alarms.is_empty() {
                say!("{}", SafekeepingMsg::NoAlarms.text(lang));
            }
            for alarm in &alarms {
                say!("{}", alarm_line(alarm, None, lang));
            }
            Ok(())
        }
        AlarmsCommand::Ack { id, note } => {
            let (mut archive, session) = context.open_session()?;
            archive.acknowledge_alarm(&session, id, &note)?;
            say!("{}", SafekeepingMsg::AlarmAcknowledged { id }.text(lang));
            Ok(())
        }
    }
}
