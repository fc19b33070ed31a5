//! `dangan import records` and `dangan export records`.

use std::path::PathBuf;

use crate::i18n::{CliMsg, SuggestMsg};
use clap::{Subcommand, ValueEnum};

use super::{Context, FilterArgs};
use crate::archive::export::ExportFormat;
use crate::archive::finding_aid::Depth;
use crate::archive::import::encoding_by_name;
use crate::archive::import::{Alike, ImportOptions, InputFormat};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Jsonl,
    Xlsx,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import records; all or nothing: any bad line and nothing is written
    Records {
        file: PathBuf,
        /// The file's encoding (utf-8, gb18030, gbk, cp936, utf-16le, big5) [default: detected]
        #[arg(long)]
        encoding: Option<String>,
        /// csv (also tab-separated), jsonl or xlsx (also .xls, .ods) [default: from the file name]
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// The sheet of a workbook to read [default: the only one with anything in it]
        #[arg(long)]
        sheet: Option<String>,
        /// Check every line and report, but write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export records in archival-code order
    Records {
        #[arg(long, value_enum, default_value = "csv")]
        format: FormatArg,
        /// Write to this file (replaced only once complete) [default: standard output]
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Export a fonds as an EAD 2002 finding aid (XML), the records you may see
    Ead(FondsExport),
    /// Export a fonds as AtoM's ISAD(G) CSV (legacyId/parentId hierarchy), the records you may see
    Atom(FondsExport),
}

#[derive(Debug, clap::Args)]
pub struct FondsExport {
    /// The fonds (全宗号)
    #[arg(long)]
    fonds: String,
    /// Describe the series, subseries and volumes with their counts and dates, not each item
    #[arg(long)]
    series_only: bool,
    /// Write to this file (replaced only once complete) [default: standard output]
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// `--encoding NAME`, when given.
pub(super) fn encoding_arg(name: Option<String>) -> Result<Option<&'static encoding_rs::Encoding>> {
    name.map(|name| {
        encoding_by_name(&name).ok_or_else(|| {
            let name = name.clone();
            Error::BadInput(crate::i18n::FileMsg::UnknownEncoding { name }.into())
        })
    })
    .transpose()
}

pub fn import(context: &Context, command: ImportCommand) -> Result<()> {
    let ImportCommand::Records {
        file,
        encoding,
        format,
        sheet,
        dry_run,
    } = command;
    let encoding = encoding_arg(encoding)?;
    let format = format.map(|f| match f {
        FormatArg::Csv => InputFormat::Csv,
        FormatArg::Jsonl => InputFormat::Jsonl,
        FormatArg::Xlsx => InputFormat::Workbook,
    });
    let options = ImportOptions {
        encoding,
        format,
        sheet,
        dry_run,
    };
    let (mut archive, session) = context.open_session()?;
    let report = archive.import_records(&session, &file, &options)?;
    let lang = context.lang;
    if !report.dry_run {
        // Indexed now, as part of the import: the first search after it does not wait.
        super::search::catch_up_showing_progress(&mut archive, lang)?;
    }
    let numbered = match report.numbered {
        0 => String::new(),
        n => CliMsg::Numbered { n }.text(lang),
    };
    let (file, rows) = (file.display().to_string(), report.rows as u64);
    let said = if report.dry_run {
        CliMsg::DryRun {
            file,
            rows,
            numbered,
        }
    } else {
        CliMsg::Imported {
            file,
            rows,
            numbered,
        }
    };
    say!("{}", said.text(lang));
    let encoding = report.encoding.to_string();
    say!("{}", CliMsg::ReadAs { encoding }.text(lang));
    if !report.ignored_columns.is_empty() {
        let columns = report.ignored_columns.join(", ");
        say!("{}", CliMsg::IgnoredColumns { columns }.text(lang));
    }
    // Never a refusal: the clerk reads them and decides.
    const LISTED: usize = 20;
    for alike in report.look_alikes.iter().take(LISTED) {
        let line = alike.line;
        let said = match &alike.like {
            Alike::Record(like) => SuggestMsg::LooksLike {
                line,
                like: like.clone(),
            },
            Alike::Line(other) => SuggestMsg::LooksLikeLine {
                line,
                other: *other,
            },
        };
        tell!("{}", said.text(lang));
    }
    if report.look_alikes.len() > LISTED {
        let more = report.look_alikes.len() - LISTED;
        tell!("{}", SuggestMsg::MoreLookAlikes { more }.text(lang));
    }
    if report.rows > crate::archive::import::LOOK_ALIKE_ROWS {
        let rows = crate::archive::import::LOOK_ALIKE_ROWS;
        tell!("{}", SuggestMsg::LookAlikesUpTo { rows }.text(lang));
    }
    if !report.dry_run {
        for (fonds, year, records) in report.lacking_keywords.iter().take(LISTED) {
            let said = SuggestMsg::LackKeywords {
                records: *records,
                fonds: fonds.clone(),
                year: *year,
            };
            tell!("{}", said.text(lang));
        }
    }
    Ok(())
}

/// Writes to `output` whole, or to standard output; says how many records went to a file.
fn export_to(
    context: &Context,
    output: Option<PathBuf>,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<u64>,
) -> Result<()> {
    match output {
        Some(path) => {
            let count = crate::archive::export::write_whole(&path, true, write)?;
            let path = path.display().to_string();
            tell!("{}", CliMsg::Exported { count, path }.text(context.lang));
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write(&mut out)?;
        }
    }
    Ok(())
}

fn export_fonds(context: &Context, args: FondsExport, atom: bool) -> Result<()> {
    let depth = match args.series_only {
        true => Depth::Series,
        false => Depth::Items,
    };
    let (mut archive, session) = context.open_session()?;
    export_to(context, args.output, |out| match atom {
        true => archive.export_atom(&session, &args.fonds, depth, out),
        false => archive.export_ead(&session, &args.fonds, depth, out),
    })
}

pub fn export(context: &Context, command: ExportCommand) -> Result<()> {
    let (format, output, filter) = match command {
        ExportCommand::Records {
            format,
            output,
            filter,
        } => (format, output, filter),
        ExportCommand::Ead(fonds) => return export_fonds(context, fonds, false),
        ExportCommand::Atom(fonds) => return export_fonds(context, fonds, true),
    };
    let format = match format {
        FormatArg::Csv => ExportFormat::Csv,
        FormatArg::Jsonl => ExportFormat::Jsonl,
        FormatArg::Xlsx => ExportFormat::Xlsx,
    };
    let filter = filter.to_filter()?;
    let (mut archive, session) = context.open_session()?;
    export_to(context, output, |out| {
        archive.export_records(&session, &filter, format, out)
    })
}
