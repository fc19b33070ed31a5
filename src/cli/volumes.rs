//! `dangan volume`: volumes (案卷) of a fonds arranged by volume, their catalogues (目录), what is
//! inside each, and their places on the shelves.

use clap::Subcommand;
use serde_json::{Value, json};

use super::Context;
use super::output::{label, print_json};
use crate::archive::volumes::VolumeView;
use crate::domain::volume::{Volume, VolumeCode, VolumeData};
use crate::domain::{Field, RecordData, Retention};
use crate::error::{Error, Result};
use crate::i18n::{BoxMsg, Lang, RecordMsg, VolumeMsg};

#[derive(Debug, Subcommand)]
pub enum VolumeCommand {
    /// Make a volume: `volume add J007-001-012 --title … --retention Y --start 1985-03-02`
    Add {
        /// 全宗号-目录号-案卷号, e.g. J007-001-012
        code: String,
        /// 案卷题名
        #[arg(long)]
        title: String,
        /// 保管期限: Y/永久, D30/定期30年, D10/定期10年 (legacy C, D)
        #[arg(long)]
        retention: String,
        /// 年度 [default: the year of --start]
        #[arg(long)]
        year: Option<String>,
        /// 起 date (1985, 1985-03, 1985-03-02, 19850302, 1985年3月2日)
        #[arg(long)]
        start: Option<String>,
        /// 止 date
        #[arg(long)]
        end: Option<String>,
        /// 密级: 公开, 内部, 秘密, 机密 [default: 内部]
        #[arg(long, default_value = "内部")]
        class: String,
        /// 页数 of the whole volume
        #[arg(long)]
        pages: Option<String>,
        #[arg(long, default_value = "")]
        notes: String,
        /// Where it stands: 库房-列-节-层, e.g. 2号库-05-03-2
        #[arg(long, default_value = "")]
        location: String,
    },
    /// The catalogues (目录) of a fonds, or the volumes of one catalogue
    List {
        /// 全宗号, e.g. J007
        fonds: String,
        /// 目录号: list the volumes of this catalogue
        #[arg(long)]
        catalogue: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A volume and what is inside it (卷内目录), with its moves
    Show {
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// Shelve a volume somewhere (库房-列-节-层); where it stood is kept
    Move { code: String, location: String },
    /// Take a volume out of the stacks (出库), saying why: 借阅, 数字化, 修裱 …
    Out {
        code: String,
        #[arg(long)]
        reason: String,
    },
    /// Bring a volume back into the stacks (入库)
    In {
        code: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Change a volume's description; the items inside take a new year or retention with it.
    /// An empty value clears --start, --end, --pages and --notes
    Edit {
        code: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        retention: Option<String>,
        #[arg(long)]
        year: Option<String>,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
        /// 密级: raised only (lowering is declassification, an appraisal)
        #[arg(long)]
        class: Option<String>,
        #[arg(long)]
        pages: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
}

pub(super) fn volume_code(text: &str) -> Result<VolumeCode> {
    text.parse()
        .map_err(|e: crate::domain::CodeError| Error::BadInput(e.msg()))
}

/// A field's value as `RecordData` reads it, with the field named when it does not read.
fn read_field(data: &mut RecordData, field: Field, value: &str) -> Result<()> {
    data.set(field, value).map_err(|e| {
        Error::BadInput(
            RecordMsg::FieldProblem {
                field,
                problem: Box::new(RecordMsg::Nested { m: Box::new(e.0) }),
            }
            .into(),
        )
    })
}

struct Draft {
    title: String,
    retention: String,
    year: Option<String>,
    start: Option<String>,
    end: Option<String>,
    class: String,
    pages: Option<String>,
    notes: String,
}

fn volume_data(draft: Draft) -> Result<VolumeData> {
    let mut read = RecordData::default();
    read_field(&mut read, Field::Title, &draft.title)?;
    read_field(&mut read, Field::Classification, &draft.class)?;
    read_field(&mut read, Field::Notes, &draft.notes)?;
    read_field(
        &mut read,
        Field::Pages,
        draft.pages.as_deref().unwrap_or(""),
    )?;
    let mut date = |text: Option<&str>| -> Result<Option<crate::domain::RecordDate>> {
        read_field(&mut read, Field::Date, text.unwrap_or(""))?;
        Ok(read.date)
    };
    let (start, end) = (date(draft.start.as_deref())?, date(draft.end.as_deref())?);
    let retention = Retention::parse(&draft.retention).ok_or_else(|| {
        let text = draft.retention.clone();
        Error::BadInput(RecordMsg::CodeRetention { text }.into())
    })?;
    let year_text = draft.year.clone().unwrap_or_default();
    let year = match draft.year.as_deref() {
        Some(text) => crate::domain::code::parse_year(&crate::domain::text::fold(text)),
        None => start.map(|d| d.year),
    }
    .ok_or_else(|| Error::BadInput(RecordMsg::CodeYear { text: year_text }.into()))?;
    Ok(VolumeData {
        title: read.title,
        year,
        retention,
        classification: read.classification,
        start,
        end,
        pages: read.pages,
        notes: read.notes,
    })
}

/// The description with the values given in place of the current ones.
fn edited(current: &VolumeData, draft: Draft) -> Result<VolumeData> {
    let given = |value: &str, or: String| {
        if value.is_empty() {
            or
        } else {
            value.to_string()
        }
    };
    let date = |d: Option<crate::domain::RecordDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let year = draft
        .year
        .clone()
        .unwrap_or_else(|| current.year.to_string());
    volume_data(Draft {
        title: given(&draft.title, current.title.clone()),
        retention: given(&draft.retention, current.retention.code().to_string()),
        year: Some(year),
        start: Some(draft.start.unwrap_or_else(|| date(current.start))),
        end: Some(draft.end.unwrap_or_else(|| date(current.end))),
        class: given(&draft.class, current.classification.code().to_string()),
        pages: Some(
            draft
                .pages
                .unwrap_or_else(|| current.pages.map(|p| p.to_string()).unwrap_or_default()),
        ),
        notes: draft.notes,
    })
}

fn dates(volume: &Volume) -> String {
    let d = &volume.data;
    match (d.start, d.end) {
        (Some(s), Some(e)) => format!("{s}—{e}"),
        (Some(s), None) => s.to_string(),
        (None, Some(e)) => format!("—{e}"),
        (None, None) => String::new(),
    }
}

fn pages(volume: &Volume, lang: Lang) -> String {
    volume.data.pages.map_or(String::new(), |p| {
        VolumeMsg::Pages { pages: p.into() }.text(lang)
    })
}

fn retention(volume: &Volume, lang: Lang) -> String {
    let r = volume.data.retention;
    label(lang, r.label_zh(), r.label_en())
}

fn volume_json(volume: &Volume) -> Value {
    let d = &volume.data;
    json!({
        "code": volume.code.to_string(),
        "fonds": volume.code.fonds,
        "catalogue": volume.code.no.catalogue,
        "number": volume.code.no.number,
        "title": d.title,
        "year": d.year,
        "retention": d.retention.code(),
        "classification": d.classification.code(),
        "start": d.start.map(|s| s.to_string()),
        "end": d.end.map(|e| e.to_string()),
        "pages": d.pages,
        "items": volume.items,
        "location": volume.location,
        "notes": d.notes,
    })
}

fn view_json(view: &VolumeView) -> Value {
    let mut value = volume_json(&view.volume);
    value["contents"] = view
        .items
        .iter()
        .map(crate::archive::export::record_json)
        .collect();
    value["moves"] = json!(view.moves);
    value["register"] = json!(view.register);
    value["out"] = json!(view.volume.out);
    value
}

fn show(view: &VolumeView, lang: Lang) {
    let v = &view.volume;
    let head = VolumeMsg::Show {
        code: v.code.to_string(),
        title: v.data.title.clone(),
        year: v.data.year.into(),
        dates: dates(v),
        retention: retention(v, lang),
        class: label(
            lang,
            v.data.classification.label_zh(),
            v.data.classification.label_en(),
        ),
        items: v.items,
        pages: pages(v, lang),
        location: v.location.clone(),
    };
    say!("{}", crate::width::sanitize(&head.text(lang), true));
    if view.items.is_empty() {
        say!("{}", VolumeMsg::Empty.text(lang));
    }
    for record in &view.items {
        let line = VolumeMsg::ItemLine {
            number: record.code.item.into(),
            doc_no: record.data.doc_no.clone(),
            responsible: record.data.responsible.clone(),
            title: record.data.title.clone(),
            date: record.data.date.map(|d| d.to_string()).unwrap_or_default(),
            pages: record.data.pages.map_or(String::new(), |p| {
                VolumeMsg::Pages { pages: p.into() }.text(lang)
            }),
        };
        say!("{}", crate::width::sanitize(&line.text(lang), false));
    }
    for line in super::boxes::history(&view.moves, &view.register, lang) {
        say!("{}", crate::width::sanitize(&line.text(lang), false));
    }
}

pub fn volumes(context: &Context, command: VolumeCommand) -> Result<()> {
    let lang = context.lang;
    let (mut archive, session) = context.open_session()?;
    match command {
        VolumeCommand::Add {
            code,
            title,
            retention,
            year,
            start,
            end,
            class,
            pages,
            notes,
            location,
        } => {
            let code = volume_code(&code)?;
            let draft = Draft {
                title,
                retention,
                year,
                start,
                end,
                class,
                pages,
                notes,
            };
            let volume = archive.add_volume(&session, &code, &volume_data(draft)?, &location)?;
            let code = volume.code.to_string();
            say!("{}", VolumeMsg::Added { code }.text(lang));
        }
        VolumeCommand::List {
            fonds,
            catalogue,
            json,
        } => {
            let fonds = crate::domain::text::fold(&fonds)
                .trim()
                .to_ascii_uppercase();
            let Some(catalogue) = catalogue else {
                let catalogues = archive.catalogues(&session, &fonds)?;
                if json {
                    let list: Vec<Value> = catalogues
                        .iter()
                        .map(|c| json!({"catalogue": c.catalogue, "volumes": c.volumes, "items": c.items}))
                        .collect();
                    print_json(&Value::Array(list));
                    return Ok(());
                }
                if catalogues.is_empty() {
                    say!("{}", VolumeMsg::NoVolumes { fonds }.text(lang));
                }
                for c in catalogues {
                    let line = VolumeMsg::CatalogueLine {
                        catalogue: c.catalogue,
                        volumes: c.volumes,
                        items: c.items,
                    };
                    say!("{}", line.text(lang));
                }
                return Ok(());
            };
            let catalogue = crate::domain::volume::parse_catalogue(&catalogue)
                .map_err(|e| Error::BadInput(e.msg()))?;
            let list = archive.volumes(&session, &fonds, Some(&catalogue))?;
            if json {
                print_json(&Value::Array(list.iter().map(volume_json).collect()));
                return Ok(());
            }
            for v in &list {
                let line = VolumeMsg::Line {
                    code: v.code.to_string(),
                    title: v.data.title.clone(),
                    dates: dates(v),
                    retention: retention(v, lang),
                    items: v.items,
                    pages: pages(v, lang),
                    location: v.location.clone(),
                };
                say!("{}", crate::width::sanitize(&line.text(lang), false));
            }
        }
        VolumeCommand::Show { code, json } => {
            let view = archive.volume(&session, &volume_code(&code)?)?;
            if json {
                print_json(&view_json(&view));
            } else {
                show(&view, lang);
            }
        }
        VolumeCommand::Edit {
            code,
            title,
            retention,
            year,
            start,
            end,
            class,
            pages,
            notes,
        } => {
            let code = volume_code(&code)?;
            let current = archive.volume(&session, &code)?.volume.data;
            let draft = Draft {
                title: title.unwrap_or_default(),
                retention: retention.unwrap_or_default(),
                year,
                start,
                end,
                class: class.unwrap_or_default(),
                pages,
                notes: notes.unwrap_or_else(|| current.notes.clone()),
            };
            let data = edited(&current, draft)?;
            let changed = archive.edit_volume(&session, &code, &data)?;
            let code = code.to_string();
            let said = match changed.is_empty() {
                true => VolumeMsg::Unchanged { code },
                false => VolumeMsg::Edited {
                    code,
                    fields: changed.join(", "),
                },
            };
            say!("{}", said.text(lang));
        }
        VolumeCommand::Out { code, reason } => {
            let code = volume_code(&code)?;
            archive.volume_stack(&session, &code, true, &reason)?;
            let code = code.to_string();
            say!("{}", BoxMsg::TakenOut { code }.text(lang));
        }
        VolumeCommand::In { code, note } => {
            let code = volume_code(&code)?;
            archive.volume_stack(&session, &code, false, &note)?;
            let code = code.to_string();
            say!("{}", BoxMsg::BroughtBack { code }.text(lang));
        }
        VolumeCommand::Move { code, location } => {
            let code = volume_code(&code)?;
            archive.move_volume(&session, &code, &location)?;
            let (code, to) = (code.to_string(), location.trim().to_string());
            say!("{}", VolumeMsg::Moved { code, to }.text(lang));
        }
    }
    Ok(())
}
