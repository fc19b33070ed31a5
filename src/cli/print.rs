//! `dangan print`: the catalogues archives print and bind, written as .xlsx for Excel and WPS.

use std::path::PathBuf;

use clap::Subcommand;

use super::Context;
use crate::error::{Error, Result};
use crate::i18n::{CliMsg, VolumeMsg};

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
    /// 案卷目录 of a fonds arranged by volume: a cover, then a sheet per catalogue (目录)
    Volumes {
        /// 全宗号, e.g. J007
        #[arg(long)]
        fonds: String,
        /// 目录号: this catalogue only
        #[arg(long)]
        catalogue: Option<String>,
        #[arg(long, short)]
        output: PathBuf,
    },
    /// The stack register (出入库登记) of the boxes you may see, in the order things happened
    StackRegister {
        #[arg(long, short)]
        output: PathBuf,
    },
    /// A volume's cover (案卷封面) and 卷内目录, e.g. `print contents J007-001-012 -o 卷内目录.xlsx`
    Contents {
        /// 全宗号-目录号-案卷号
        volume: String,
        #[arg(long, short)]
        output: PathBuf,
    },
}

fn printed(context: &Context, what: VolumeMsg, count: u64, output: &std::path::Path) -> Result<()> {
    let (what, path) = (what.text(context.lang), output.display().to_string());
    let said = VolumeMsg::Printed { what, count, path };
    say!("{}", said.text(context.lang));
    Ok(())
}

pub fn print(context: &Context, command: PrintCommand) -> Result<()> {
    let (fonds, year, output) = match command {
        PrintCommand::Catalogue {
            fonds,
            year,
            output,
        } => (fonds, year, output),
        PrintCommand::Volumes {
            fonds,
            catalogue,
            output,
        } => {
            let catalogue = catalogue
                .map(|c| crate::domain::volume::parse_catalogue(&c))
                .transpose()
                .map_err(|e| Error::BadInput(e.msg()))?;
            let (mut archive, session) = context.open_session()?;
            let count = crate::archive::export::write_whole(&output, true, |out| {
                archive.print_volumes(&session, &fonds, catalogue.as_deref(), out)
            })?;
            return printed(context, VolumeMsg::VolumeList, count, &output);
        }
        PrintCommand::Contents { volume, output } => {
            let code = super::volumes::volume_code(&volume)?;
            let (mut archive, session) = context.open_session()?;
            let count = crate::archive::export::write_whole(&output, true, |out| {
                archive.print_contents(&session, &code, out)
            })?;
            return printed(context, VolumeMsg::Contents, count, &output);
        }
        PrintCommand::StackRegister { output } => {
            let (archive, session) = context.open_session()?;
            let count = crate::archive::export::write_whole(&output, true, |out| {
                archive.print_stack_register(&session, out)
            })?;
            let path = output.display().to_string();
            say!(
                "{}",
                CliMsg::PrintedRegister { count, path }.text(context.lang)
            );
            return Ok(());
        }
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
