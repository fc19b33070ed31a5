//! Keeping the archive safe: `check` here, `backup`, `restore` and the register in `backups`.
//! None of them asks for a dangan log-in: they are run by whoever holds the archive's files (an
//! operator, cron), who could read them anyway; their audit entries name the operating-system
//! account.

use crate::i18n::{CheckMsg, CliMsg, Lang, Msg};
use crate::width::{pad, sanitize, width};
use std::io::IsTerminal;

use clap::Args;

use super::Context;
use crate::archive::check::CheckReport;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rebuild the search index, and count the statistics' holdings again, where they disagree
    /// with the store
    #[arg(long)]
    repair_index: bool,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

pub(super) fn print_report(report: &CheckReport, as_json: bool, lang: Lang) {
    let texts = |msgs: &[Msg]| -> Vec<String> { msgs.iter().map(|m| m.text(lang)).collect() };
    if as_json {
        let lines: Vec<serde_json::Value> = report
            .lines
            .iter()
            .map(|l| {
                serde_json::json!({"check": l.key, "name": l.name.text(lang),
                    "summary": l.summary.text(lang), "findings": texts(&l.findings)})
            })
            .collect();
        super::output::print_json(&serde_json::json!({
            "checks": lines, "notes": texts(&report.notes), "findings": report.findings(),
            "index_rebuilt": report.index_rebuilt,
        }));
        return;
    }
    let marks = [CheckMsg::Passed, CheckMsg::Failed, CheckMsg::Note].map(|m| m.text(lang));
    let mark_width = marks.iter().map(|m| width(m)).max().unwrap_or(0);
    let name_width = report
        .lines
        .iter()
        .map(|l| width(&l.name.text(lang)))
        .max()
        .unwrap_or(0);
    for line in &report.lines {
        let mark = &marks[usize::from(!line.findings.is_empty())];
        let name = pad(&line.name.text(lang), name_width);
        say!(
            "{}  {name}  {}",
            pad(mark, mark_width),
            line.summary.text(lang)
        );
        for finding in texts(&line.findings) {
            say!("{}  {}", " ".repeat(mark_width), sanitize(&finding, false));
        }
    }
    for note in texts(&report.notes) {
        say!("{}  {}", pad(&marks[2], mark_width), sanitize(&note, false));
    }
}

pub(super) fn verdict(report: &CheckReport) -> Result<()> {
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
            let step = step.text(context.lang);
            tell!("{}", CliMsg::Checking { step }.text(context.lang));
        }
    })?;
    print_report(&report, args.json, context.lang);
    verdict(&report)
}
