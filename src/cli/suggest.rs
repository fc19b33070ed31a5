//! `dangan suggest`: suggestions for a backlog of records of one fonds-year — the keywords they
//! lack, and the codes and 密级 the rest of the catalogue would have given them — as a list to
//! review, or with the missing keywords written above a confidence (`--apply-above`).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use super::Context;
use super::stats::{Shape, output, shape};
use crate::archive::print::{confidence_text, suggested_field};
use crate::archive::suggest::Batch;
use crate::error::{Error, Result};
use crate::i18n::{Lang, SuggestMsg};
use crate::width::{pad, sanitize, truncate};

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The fonds (全宗号) whose records are looked at
    #[arg(long)]
    fonds: String,
    /// The year (年度) whose records are looked at
    #[arg(long)]
    year: String,
    /// Write the missing keywords suggested at least this surely (0 to 1, such as 0.9), each as
    /// a versioned edit audited as suggested; without it nothing is written
    #[arg(long, value_name = "CONFIDENCE")]
    apply_above: Option<String>,
    /// table, csv, xlsx or json (from the output file's extension unless given)
    #[arg(long)]
    format: Option<String>,
    /// Write the list to this file instead of the terminal (needed for xlsx)
    #[arg(long, short)]
    output: Option<PathBuf>,
}

fn threshold(text: &str) -> Result<f64> {
    let folded = crate::domain::text::fold(text);
    match folded.parse::<f64>() {
        Ok(value) if (0.0..=1.0).contains(&value) => Ok(value),
        _ => Err(Error::BadInput(
            SuggestMsg::Threshold {
                text: text.to_string(),
            }
            .into(),
        )),
    }
}

/// The suggestions as lines for the terminal under a heading: code, field, current and suggested
/// value, how sure, whether written; the title under each.
fn table(batch: &Batch, lang: Lang) -> String {
    let heading = |m: SuggestMsg| m.text(lang);
    let mut out = format!(
        "{}  {}  {}  {}  {}  {}\n",
        pad(&heading(SuggestMsg::ColCode), 24),
        pad(&heading(SuggestMsg::ColField), 12),
        pad(&heading(SuggestMsg::ColCurrent), 16),
        pad(&heading(SuggestMsg::ColSuggested), 24),
        pad(&heading(SuggestMsg::ColConfidence), 6),
        heading(SuggestMsg::ColApplied),
    );
    for p in &batch.proposals {
        let applied = match p.applied {
            true => SuggestMsg::Yes,
            false => SuggestMsg::No,
        };
        out.push_str(&format!(
            "{}  {}  {}  {}  {}  {}\n    {}\n",
            pad(&p.code.to_string(), 24),
            pad(&suggested_field(p.key, lang), 12),
            pad(&truncate(&p.current, 16), 16),
            pad(&truncate(&p.suggested, 24), 24),
            pad(&confidence_text(p.confidence), 6),
            applied.text(lang),
            truncate(&p.title, 72),
        ));
    }
    out
}

pub fn suggest(context: &Context, args: &SuggestArgs) -> Result<()> {
    let lang = context.lang;
    let shape = shape(args.format.as_deref(), args.output.as_ref())?;
    let apply_above = args.apply_above.as_deref().map(threshold).transpose()?;
    // A year is read as four digits: it fits.
    let year = super::appraise::year(&args.year)? as u16;
    let fonds = crate::domain::text::fold(&args.fonds).to_uppercase();
    let (mut archive, session) = context.open_session()?;
    archive.may_suggest(&session)?;
    if !archive.fonds(&session)?.iter().any(|f| f.code == fonds) {
        return Err(Error::BadInput(SuggestMsg::UnknownFonds { fonds }.into()));
    }
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |records: u64| {
        if terminal {
            eprint!("\r{}", SuggestMsg::Learning { records }.text(lang));
        }
    };
    let mut run = |archive: &mut crate::Archive| -> Result<Batch> {
        let batch = archive.suggest_batch(&session, &fonds, year, apply_above, &mut progress)?;
        if terminal {
            eprintln!();
        }
        Ok(batch)
    };
    let batch = match (shape, output(args.output.as_ref())) {
        (Shape::Table, None) => {
            let batch = run(&mut archive)?;
            let text = sanitize(&table(&batch, lang), true);
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(|e| Error::io("stdout", e))?;
            batch
        }
        (Shape::File(format), None) => {
            let batch = run(&mut archive)?;
            let mut text = Vec::new();
            archive.write_suggestions(&batch, (&fonds, year), (format, lang), &mut text)?;
            std::io::stdout()
                .write_all(&text)
                .map_err(|e| Error::io("stdout", e))?;
            batch
        }
        (shape, Some(path)) => {
            // The list is written whole or not at all; its file is made before anything is applied.
            let mut done: Option<Batch> = None;
            let written = crate::archive::export::write_whole(path, true, |out| {
                let batch = run(&mut archive)?;
                done = Some(batch.clone());
                match shape {
                    Shape::Table => out
                        .write_all(table(&batch, lang).as_bytes())
                        .map_err(|e| Error::io(path, e))?,
                    Shape::File(format) => {
                        archive.write_suggestions(&batch, (&fonds, year), (format, lang), out)?
                    }
                }
                Ok(0)
            });
            // Keywords written before the list failed are written all the same: said so.
            let applied = done.as_ref().map_or(0, |b| b.applied);
            if written.is_err() && applied > 0 {
                tell!("{}", SuggestMsg::AppliedNotListed { applied }.text(lang));
            }
            written?;
            let path = path.display().to_string();
            tell!("{}", SuggestMsg::Written { path }.text(lang));
            done.unwrap_or_default()
        }
    };
    let summary = SuggestMsg::Summary {
        records: batch.records,
        proposals: batch.proposals.len(),
        applied: batch.applied,
    };
    tell!("{}", summary.text(lang));
    tell!("{}", SuggestMsg::ReviewOnly.text(lang));
    Ok(())
}
