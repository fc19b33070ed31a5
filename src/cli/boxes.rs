//! `dangan box` and `dangan stocktake`: boxes of records on the shelves, their moves, the stack
//! register, and stocktakes of a stretch of shelving with a barcode scanner or typed codes.

use std::io::BufRead;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use super::output::print_json;
use crate::domain::boxing::BoxCode;
use crate::domain::{ArchivalCode, CodeGroup};
use crate::error::{Error, Result};
use crate::i18n::BoxMsg;

#[derive(Debug, Subcommand)]
pub enum BoxCommand {
    /// Box a group's records not yet boxed, in item order (装盒), e.g. `box make J001-2019-Y-BGS
    /// --location 1号库-03-02-4`
    Make {
        /// The code group: 全宗号-年度-保管期限-机构, or Z109-WS·2011-Y(-机构)
        group: String,
        #[arg(long)]
        location: String,
        /// Most records in a box
        #[arg(long, default_value_t = 50)]
        items: u32,
        /// Most pages in a box (e.g. 300 for a 3 cm box)
        #[arg(long)]
        pages: Option<u32>,
    },
    /// The boxes (of one group), with their items, pages and location
    List {
        group: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A box: its items, 备考表, moves and stack register
    Show {
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// Shelve a box somewhere else (where it stood is kept)
    Move { code: String, location: String },
    /// Fill in a box's 备考表 (盒内情况说明, 整理人, 检查人, 日期)
    Note {
        code: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, default_value = "")]
        arranged_by: String,
        #[arg(long, default_value = "")]
        checked_by: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Take a box out of the stacks (出库), saying why: 借阅, 数字化, 修裱 …
    Out {
        code: String,
        #[arg(long)]
        reason: String,
    },
    /// Bring a box back into the stacks (入库)
    In {
        code: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Debug, Args)]
pub struct StocktakeArgs {
    /// The stretch of shelving walked: 库房, 库房-列, 库房-列-节 …, e.g. 1号库-03
    stretch: String,
    /// The scanned codes, one a line [default: standard input, e.g. a barcode scanner]
    file: Option<PathBuf>,
    #[arg(long)]
    json: bool,
    /// Also write the result as .xlsx for printing (清点检查记录)
    #[arg(long, short)]
    output: Option<PathBuf>,
}

fn box_code(text: &str) -> Result<BoxCode> {
    text.parse()
        .map_err(|e: crate::domain::CodeError| Error::BadInput(e.msg()))
}

pub(super) fn group(text: &str) -> Result<CodeGroup> {
    format!("{}-1", text.trim())
        .parse::<ArchivalCode>()
        .map(|c| c.group)
        .map_err(|_| {
            let text = text.to_string();
            Error::BadInput(BoxMsg::BadGroup { text }.into())
        })
}

/// Each move, then each time it left the stacks or came back, of a box or a volume.
pub(super) fn history(
    moves: &[[String; 4]],
    register: &[(bool, String, String, String)],
    lang: crate::i18n::Lang,
) -> Vec<BoxMsg> {
    let moved = moves.iter().map(|[from, to, at, by]| {
        let (from, to, at, by) = (from.clone(), to.clone(), at.clone(), by.clone());
        BoxMsg::ShowMove { from, to, at, by }
    });
    let stacked = register
        .iter()
        .map(|(out, reason, at, by)| BoxMsg::ShowStack {
            out: if *out {
                BoxMsg::WentOut
            } else {
                BoxMsg::CameIn
            }
            .text(lang),
            reason: reason.clone(),
            at: at.clone(),
            by: by.clone(),
        });
    moved.chain(stacked).collect()
}

fn items_text(items: &[u32]) -> String {
    match (items.first(), items.last()) {
        (Some(first), Some(last)) if first != last => format!("{first}–{last}"),
        (Some(first), _) => first.to_string(),
        _ => String::new(),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::Internal(e.to_string()))
}

pub fn boxes(context: &Context, command: BoxCommand) -> Result<()> {
    let lang = context.lang;
    let (mut archive, session) = context.open_session()?;
    match command {
        BoxCommand::Make {
            group: g,
            location,
            items,
            pages,
        } => {
            let made = archive.make_boxes(&session, &group(&g)?, items, pages, &location)?;
            let location = location.trim().to_string();
            let said = match made.as_slice() {
                [one] => BoxMsg::MadeOne {
                    code: one.to_string(),
                    location,
                },
                _ => BoxMsg::Made {
                    count: made.len() as u64,
                    first: made.first().map(ToString::to_string).unwrap_or_default(),
                    last: made.last().map(ToString::to_string).unwrap_or_default(),
                    location,
                },
            };
            say!("{}", said.text(lang));
        }
        BoxCommand::List { group: g, json } => {
            let g = g.as_deref().map(group).transpose()?;
            let list = archive.boxes(&session, g.as_ref())?;
            if json {
                print_json(&to_json(&list)?);
            }
            for b in list.iter().filter(|_| !json) {
                let out = b.out.clone().map(|why| BoxMsg::OutFor { why }.text(lang));
                let line = BoxMsg::Line {
                    code: b.code.clone(),
                    items: items_text(&b.items),
                    count: b.items.len() as u64,
                    pages: u64::from(b.pages),
                    location: b.location.clone(),
                    out: out.unwrap_or_default(),
                };
                say!("{}", crate::width::sanitize(&line.text(lang), false));
            }
        }
        BoxCommand::Show { code, json } => {
            let view = archive.box_view(&session, &box_code(&code)?)?;
            if json {
                print_json(&to_json(&view)?);
                return Ok(());
            }
            let mut lines = vec![BoxMsg::ShowBox {
                code: view.code.clone(),
                location: view.location.clone(),
                items: items_text(&view.items),
                count: view.items.len() as u64,
                pages: u64::from(view.pages),
            }];
            lines.push(BoxMsg::ShowNote {
                note: view.note.clone(),
                arranged_by: view.arranged_by.clone(),
                checked_by: view.checked_by.clone(),
                date: view.arranged_on.clone().unwrap_or_default(),
            });
            lines.extend(history(&view.moves, &view.register, lang));
            for line in lines {
                say!("{}", crate::width::sanitize(&line.text(lang), true));
            }
        }
        BoxCommand::Move { code, location } => {
            let code = box_code(&code)?;
            archive.move_box(&session, &code, &location)?;
            let (code, to) = (code.to_string(), location.trim().to_string());
            say!("{}", BoxMsg::Moved { code, to }.text(lang));
        }
        BoxCommand::Note {
            code,
            note,
            arranged_by,
            checked_by,
            date,
        } => {
            let code = box_code(&code)?;
            let date = date
                .map(|d| {
                    d.parse::<crate::domain::RecordDate>()
                        .map(|d| d.to_string())
                        .map_err(|e| Error::BadInput(e.msg()))
                })
                .transpose()?;
            archive.note_box(
                &session,
                &code,
                &note,
                &arranged_by,
                &checked_by,
                date.as_deref(),
            )?;
            say!(
                "{}",
                BoxMsg::Noted {
                    code: code.to_string()
                }
                .text(lang)
            );
        }
        BoxCommand::Out { code, reason } => {
            let code = box_code(&code)?;
            archive.box_stack(&session, &code, true, &reason)?;
            say!(
                "{}",
                BoxMsg::TakenOut {
                    code: code.to_string()
                }
                .text(lang)
            );
        }
        BoxCommand::In { code, note } => {
            let code = box_code(&code)?;
            archive.box_stack(&session, &code, false, &note)?;
            say!(
                "{}",
                BoxMsg::BroughtBack {
                    code: code.to_string()
                }
                .text(lang)
            );
        }
    }
    Ok(())
}

pub fn stocktake(context: &Context, args: &StocktakeArgs) -> Result<()> {
    let lines: Vec<String> = match &args.file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Error::io(path, e))?
            .lines()
            .map(str::to_string)
            .collect(),
        None => std::io::stdin()
            .lock()
            .lines()
            .collect::<std::io::Result<_>>()
            .map_err(|e| Error::io("standard input", e))?,
    };
    let (mut archive, session) = context.open_session()?;
    let result = archive.stocktake(&session, &args.stretch, &lines)?;
    if let Some(output) = &args.output {
        crate::archive::export::write_whole(output, true, |out| {
            archive.print_stocktake(&session, &args.stretch, &result, out)
        })?;
    }
    if args.json {
        print_json(&to_json(&result)?);
        return Ok(());
    }
    for line in result.report(&args.stretch) {
        say!(
            "{}",
            crate::width::sanitize(&line.text(context.lang), false)
        );
    }
    Ok(())
}
