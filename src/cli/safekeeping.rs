//! Keeping the archive safe: `check`, `backup`, `restore`. None of them asks for a dangan log-in:
//! they are run by whoever holds the archive's files (an operator, cron), who could read them
//! anyway; their audit entries name the operating-system account.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::Context;
use crate::archive::backup::{self, os_user};
use crate::archive::check::CheckReport;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rebuild the search index if it disagrees with the store
    #[arg(long)]
    repair_index: bool,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the backup: a new or empty directory
    dest: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup made by `dangan backup`
    src: PathBuf,
}

fn print_report(report: &CheckReport, as_json: bool) {
    if as_json {
        let lines: Vec<serde_json::Value> = report
            .lines
            .iter()
            .map(|l| serde_json::json!({"check": l.name, "summary": l.summary, "findings": l.findings}))
            .collect();
        super::output::print_json(&serde_json::json!({
            "checks": lines, "notes": report.notes, "findings": report.findings(),
            "index_rebuilt": report.index_rebuilt,
        }));
        return;
    }
    for line in &report.lines {
        let mark = if line.findings.is_empty() {
            "ok  "
        } else {
            "FAIL"
        };
        say!("{mark}  {:<10}  {}", line.name, line.summary);
        for finding in &line.findings {
            say!("        {}", crate::width::sanitize(finding, false));
        }
    }
    for note in &report.notes {
        say!("note  {}", crate::width::sanitize(note, false));
    }
}

fn verdict(report: &CheckReport) -> Result<()> {
    match report.findings() {
        0 => Ok(()),
        n => Err(Error::CheckFailed(n)),
    }
}

pub fn check(context: &Context, args: &CheckArgs) -> Result<()> {
    let mut archive = context.open()?;
    let talk = std::io::stderr().is_terminal() && !args.json;
    let report = archive.check(args.repair_index, &mut |step| {
        if talk {
            tell!("checking {step}…");
        }
    })?;
    print_report(&report, args.json);
    verdict(&report)
}

pub fn backup(context: &Context, args: &BackupArgs) -> Result<()> {
    let mut archive = context.open()?;
    let summary = archive.backup(&args.dest, &os_user())?;
    say!(
        "backup written to {}: {} records, {} digital objects, {} files, {} bytes; verify with `sha256sum -c {}` in that directory",
        summary.dest.display(),
        summary.records,
        summary.objects,
        summary.files,
        summary.bytes,
        backup::MANIFEST
    );
    if let Some(head) = summary.head {
        say!(
            "audit head {head}: `dangan audit verify --against {}` checks the archive's trail still holds it",
            summary.dest.display()
        );
    }
    Ok(())
}

pub fn restore(context: &Context, args: &RestoreArgs) -> Result<()> {
    let dest = context.archive_dir()?;
    let restored = backup::restore(&args.src, &dest, &os_user())?;
    say!(
        "restored {} files from {} into {}; the index was rebuilt. Check of the restored archive:",
        restored.files,
        args.src.display(),
        restored.archive.dir().display()
    );
    print_report(&restored.check, false);
    verdict(&restored.check)
}
