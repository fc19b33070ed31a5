//! `dangan print`: the catalogues archives print and bind, written as .xlsx for Excel and WPS.

use std::path::PathBuf;

use clap::Subcommand;

use super::Context;
use crate::error::{Error, Result};
use crate::i18n::CliMsg;

#[derive(Debug, Subcommand)]
pub enum PrintCommand {
    /// 归档文件目录 of a fonds' year (DA/T 22-2015): a cover, then one sheet per retention period
    Catalogue {
        /// 全宗号, e.g. J001
        #[arg(long)]
        fonds: String,
        /// 年度, e.g. 2019
        #[arg(long)]
        year: String,
        /// The .xlsx file to write (replaced only once complete)
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Spine labels (盒脊) and 备考表 of a group's boxes, e.g. `print boxes J001-2019-Y-BGS -o 盒.xlsx`
    Boxes {
        /// The code group: 全宗号-年度-保管期限-机构, or Z109-WS·2011-Y(-机构)
        group: String,
        #[arg(long, short)]
        output: PathBuf,
    },
}

pub fn print(context: &Context, command: PrintCommand) -> Result<()> {
    let (fonds, year, output) = match command {
        PrintCommand::Catalogue {
            fonds,
            year,
            output,
        } => (fonds, year, output),
        PrintCommand::Boxes { group, output } => {
            let group = super::boxes::group(&group)?;
            let (mut archive, session) = context.open_session()?;
            let count = crate::archive::export::write_whole(&output, true, |out| {
                archive.print_boxes(&session, &group, out)
            })?;
            let path = output.display().to_string();
            say!(
                "{}",
                CliMsg::PrintedBoxes { count, path }.text(context.lang)
            );
            return Ok(());
        }
    };
    let year = crate::domain::code::parse_year(&crate::domain::text::fold(&year))
        .ok_or_else(|| Error::BadInput(crate::domain::CodeError::Year(year.clone()).msg()))?;
    let (mut archive, session) = context.open_session()?;
    let count = crate::archive::export::write_whole(&output, true, |out| {
        archive.print_catalogue(&session, &fonds, year, out)
    })?;
    let path = output.display().to_string();
    say!("{}", CliMsg::Printed { count, path }.text(context.lang));
    Ok(())
}
