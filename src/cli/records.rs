//! `dangan add | show | list | edit`.

use clap::Args;

use super::output::{Provenance, print_json, record_detail, record_line};
use super::{Context, FilterArgs};
use crate::archive::export::record_json;
use crate::archive::records::NewCode;
use crate::archive::{Archive, Session};
use crate::domain::loan::{Loan, LoanFilter};
use crate::domain::{ArchivalCode, CodeGroup, Field, Record, RecordData, Retention};
use crate::error::{Error, Result};
use crate::i18n::{AppraisalMsg, CliMsg, Lang, Msg, RecordMsg, S};

/// One flag per descriptive field, shared by `add` and `edit`.
#[derive(Debug, Args, Default)]
pub struct FieldArgs {
    /// 题名
    #[arg(long)]
    title: Option<String>,
    /// 责任者
    #[arg(long)]
    responsible: Option<String>,
    /// 文号, e.g. 档发〔2019〕12号
    #[arg(long)]
    doc_no: Option<String>,
    /// 日期: 20190312, 2019-3-12, 2019年3月12日, 2019年3月, 201903, 2019, [2019年3月] if estimated
    #[arg(long)]
    date: Option<String>,
    /// 密级: 公开 / 内部 / 秘密 / 机密 (public, internal, secret, confidential)
    #[arg(long = "class")]
    classification: Option<String>,
    /// 载体: 纸质 / 电子 / 纸质+电子 (paper, electronic, both)
    #[arg(long)]
    carrier: Option<String>,
    /// 页数
    #[arg(long)]
    pages: Option<String>,
    /// 存放位置 (库房-柜-层-盒)
    #[arg(long)]
    location: Option<String>,
    /// 主题词
    #[arg(long)]
    keywords: Option<String>,
    /// 备注
    #[arg(long)]
    notes: Option<String>,
    /// 状态: 在库 / 借出 / 待整理 / 已销毁
    #[arg(long)]
    status: Option<String>,
}

impl FieldArgs {
    fn changes(&self) -> Vec<(Field, String)> {
        let given = [
            (Field::Title, &self.title),
            (Field::Responsible, &self.responsible),
            (Field::DocNo, &self.doc_no),
            (Field::Date, &self.date),
            (Field::Classification, &self.classification),
            (Field::Carrier, &self.carrier),
            (Field::Pages, &self.pages),
            (Field::Location, &self.location),
            (Field::Keywords, &self.keywords),
            (Field::Notes, &self.notes),
            (Field::Status, &self.status),
        ];
        given
            .into_iter()
            .filter_map(|(field, value)| value.clone().map(|v| (field, v)))
            .collect()
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// 档号, e.g. J001-2019-Y-BGS-0001; leave out to take the next number of --fonds/--year/--retention/--dept
    #[arg(long)]
    code: Option<String>,
    /// 全宗号, for a numbered code
    #[arg(long)]
    fonds: Option<String>,
    /// 年度, for a numbered code
    #[arg(long)]
    year: Option<String>,
    /// 保管期限: Y / D30 / D10 (永久, 定期30年, 定期10年), for a numbered code
    #[arg(long)]
    retention: Option<String>,
    /// 机构(问题) code, e.g. BGS, for a numbered code (a DA/T 22 fonds may leave it out)
    #[arg(long)]
    dept: Option<String>,
    /// 档案门类代码, e.g. WS, for a numbered code in a fonds coded as DA/T 22-2015 writes it
    #[arg(long)]
    category: Option<String>,
    /// The volume (案卷) to put it in, e.g. J007-001-012: it takes the next 顺序号 inside
    #[arg(long)]
    volume: Option<String>,
    #[command(flatten)]
    fields: FieldArgs,
    /// Print the new record as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// 档号
    code: String,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Page number, from 1
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    page: u64,
    /// Records per page
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    per_page: u64,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// 档号
    code: String,
    #[command(flatten)]
    fields: FieldArgs,
    /// Save only if the record is still at this version (as `show` printed it); if another
    /// session changed it meanwhile, nothing is saved and both versions are shown
    #[arg(long, value_name = "N")]
    if_version: Option<u32>,
    /// Print the saved record as JSON
    #[arg(long)]
    json: bool,
}

fn parse_code(text: &str) -> Result<ArchivalCode> {
    text.parse().map_err(|e: crate::domain::CodeError| {
        let (text, problem) = (text.to_string(), Box::new(e.msg()));
        Error::BadInput(CliMsg::Argument { text, problem }.into())
    })
}

fn new_code(args: &AddArgs) -> Result<NewCode> {
    let parts = [
        &args.fonds,
        &args.year,
        &args.retention,
        &args.dept,
        &args.category,
    ];
    if let Some(volume) = &args.volume {
        if args.code.is_some() || parts.iter().any(|p| p.is_some()) {
            return Err(Error::BadInput(CliMsg::CodeOrGroup.into()));
        }
        let volume = super::volumes::volume_code(volume)?;
        return Ok(NewCode::Next(CodeGroup::in_volume(
            &volume.fonds,
            volume.no,
        )));
    }
    let (category, dept) = (
        args.category.as_deref().unwrap_or_default(),
        args.dept.as_deref().unwrap_or_default(),
    );
    match (&args.code, [&args.fonds, &args.year, &args.retention]) {
        (Some(_), _) if parts.iter().any(|p| p.is_some()) => {
            Err(Error::BadInput(CliMsg::CodeOrGroup.into()))
        }
        (Some(code), _) => Ok(NewCode::Exact(parse_code(code)?)),
        (None, [Some(fonds), Some(year), Some(retention)])
            if !dept.is_empty() || !category.is_empty() =>
        {
            let retention =
                Retention::parse(retention).map_or(retention.to_string(), |r| r.code().to_string());
            let group = CodeGroup::parts(fonds, category, year, &retention, dept)
                .map_err(|e| Error::BadInput(e.msg()))?;
            Ok(NewCode::Next(group))
        }
        (None, _) => Err(Error::BadInput(CliMsg::NeedCode.into())),
    }
}

/// Every loan of the record, the latest first.
fn record_loans(archive: &Archive, session: &Session, record: &Record) -> Result<Vec<Loan>> {
    let filter = LoanFilter {
        record_id: Some(record.id),
        ..LoanFilter::default()
    };
    archive.loans(session, &filter)
}

fn print_record(
    archive: &Archive,
    session: &Session,
    record: &Record,
    as_json: bool,
    lang: Lang,
) -> Result<()> {
    if as_json {
        let mut value = record_json(record);
        let history: Vec<serde_json::Value> = archive
            .revisions(session, &record.code)?
            .into_iter()
            .map(|r| {
                serde_json::json!({
                    "version": r.version,
                    "replaced_at": r.replaced_at,
                    "replaced_by": r.replaced_by,
                    "title": r.data.title,
                    "changed": r.data.changed_fields(&record.data).iter().map(|f| f.key()).collect::<Vec<_>>(),
                })
            })
            .collect();
        value["revisions"] = serde_json::Value::Array(history);
        let objects: Vec<serde_json::Value> = archive
            .objects(session, &record.code)?
            .into_iter()
            .map(|o| {
                let checks: serde_json::Value =
                    serde_json::from_str(&o.checks).unwrap_or(serde_json::Value::Null);
                serde_json::json!({
                    "file_name": o.file_name, "sha256": o.sha256, "size": o.size, "format": o.format,
                    "attached_at": o.attached_at, "attached_by": o.attached_by, "checks": checks,
                })
            })
            .collect();
        value["objects"] = serde_json::Value::Array(objects);
        let today = archive.today();
        let loans: Vec<serde_json::Value> = record_loans(archive, session, record)?
            .iter()
            .map(|l| super::loans::loan_json(l, today))
            .collect();
        value["loans"] = serde_json::Value::Array(loans);
        let appraisals: Vec<serde_json::Value> = archive
            .record_appraisals(session, &record.code)?
            .iter()
            .map(|(a, d)| {
                serde_json::json!({
                    "appraisal": a.id, "kind": a.kind.code(), "state": a.state.code(),
                    "proposed_at": a.proposed_at, "decided_at": a.decided_at,
                    "carried_out_at": a.carried_out_at, "witness": a.witness,
                    "verdict": d.verdict.code(), "period": d.period.map(|p| p.code()),
                    "until": d.until, "new_class": d.new_class.map(|c| c.code()), "reason": d.reason,
                })
            })
            .collect();
        value["appraisals"] = serde_json::Value::Array(appraisals);
        print_json(&value);
    } else {
        let fonds_name = archive
            .fonds(session)?
            .into_iter()
            .find(|f| f.code == record.code.group.fonds)
            .map(|f| f.name)
            .unwrap_or_default();
        let about = Provenance {
            fonds_name: &fonds_name,
            imported: archive.import_origin(session, &record.code)?,
            revisions: &archive.revisions(session, &record.code)?,
            loans: &record_loans(archive, session, record)?,
        };
        print!("{}", record_detail(record, &about, lang));
        let objects = archive.objects(session, &record.code)?;
        if !objects.is_empty() {
            say!("  {}", S::Objects.get(lang));
            for o in objects {
                say!("    {}", object_line(&o));
            }
        }
        let appraisals = archive.record_appraisals(session, &record.code)?;
        if !appraisals.is_empty() {
            say!("  {}", S::Appraisals.get(lang));
        }
        for (a, d) in appraisals {
            let at = a.carried_out_at.or(a.decided_at).unwrap_or(a.proposed_at);
            let decision = Box::new(crate::i18n::decision_msg(&d));
            let line = AppraisalMsg::OnRecord {
                id: a.id,
                kind: a.kind,
                state: a.state,
                decision,
                at,
            };
            say!("    {}", line.text(lang));
        }
    }
    Ok(())
}

fn object_line(o: &crate::domain::DigitalObject) -> String {
    crate::width::sanitize(
        &format!(
            "{}  {}  {} bytes  sha256 {}…  {}  {}",
            o.file_name,
            o.format,
            o.size,
            o.sha256.get(..16).unwrap_or(&o.sha256),
            o.attached_at,
            o.attached_by
        ),
        false,
    )
}

#[derive(Debug, Args)]
pub struct AttachArgs {
    /// 档号 of the record the files belong to
    code: String,
    /// The files: PDF, OFD, JPEG, PNG, TIFF, plain text, Office (docx/xlsx/pptx, doc/xls/ppt)
    #[arg(required = true)]
    files: Vec<std::path::PathBuf>,
    /// How many files the transfer list declares for this record (checked for integrity)
    #[arg(long, value_name = "N")]
    declared: Option<usize>,
}

/// Attaches files after the four ingest checks (四性检测); all or none.
pub fn attach(context: &Context, args: &AttachArgs) -> Result<()> {
    let code = parse_code(&args.code)?;
    let (mut archive, session) = context.open_session()?;
    let rows = archive.attach(&session, &code, &args.files, args.declared)?;
    for (row, new) in &rows {
        let said = if *new { "attached" } else { "already attached" };
        say!("{code}: {said} {}", object_line(row));
    }
    say!(
        "{}",
        CliMsg::FourChecks { files: rows.len() }.text(context.lang)
    );
    Ok(())
}

pub fn add(context: &Context, args: &AddArgs) -> Result<()> {
    let code = new_code(args)?;
    let changes = args.fields.changes();
    if args.fields.title.is_none() {
        return Err(Error::BadInput(CliMsg::NeedTitle.into()));
    }
    let mut data = RecordData::default();
    let problems: Vec<Msg> = changes
        .iter()
        .filter_map(|(field, value)| {
            data.set(*field, value).err().map(|e| {
                let problem = Box::new(RecordMsg::Nested { m: Box::new(e.0) }.into());
                CliMsg::Flag {
                    flag: format!("--{}", flag(*field)),
                    problem,
                }
                .into()
            })
        })
        .collect();
    if !problems.is_empty() {
        return Err(Error::BadInput(Msg::Lines { lines: problems }));
    }
    let (mut archive, session) = context.open_session()?;
    let record = archive.add_record(&session, code, &data)?;
    if args.json {
        print_json(&record_json(&record));
    } else {
        let said = CliMsg::RecordAdded {
            code: record.code.to_string(),
            title: crate::width::sanitize(&record.data.title, false),
        };
        say!("{}", said.text(context.lang));
    }
    Ok(())
}

fn flag(field: Field) -> String {
    match field {
        Field::Classification => "class".into(),
        other => other.key().replace('_', "-"),
    }
}

pub fn show(context: &Context, args: &ShowArgs) -> Result<()> {
    let code = parse_code(&args.code)?;
    let (archive, session) = context.open_session()?;
    let record = archive.record(&session, &code)?;
    print_record(&archive, &session, &record, args.json, context.lang)
}

pub fn list(context: &Context, args: &ListArgs) -> Result<()> {
    let filter = args.filter.to_filter()?;
    let (archive, session) = context.open_session()?;
    let offset = (args.page - 1).saturating_mul(args.per_page);
    let (records, total) = archive.list(&session, &filter, args.per_page, offset)?;
    let pages = total.div_ceil(args.per_page).max(1);
    if args.json {
        let records: Vec<serde_json::Value> = records.iter().map(record_json).collect();
        print_json(&serde_json::json!({
            "total": total, "page": args.page, "pages": pages, "per_page": args.per_page, "records": records,
        }));
        return Ok(());
    }
    for record in &records {
        say!("{}", record_line(record, context.lang));
    }
    let shown = match records.len() as u64 {
        0 => CliMsg::NoneShown.text(context.lang),
        n => format!("{}–{}", offset + 1, offset + n),
    };
    let said = CliMsg::Page {
        page: args.page,
        pages,
        total,
        shown,
    };
    say!("{}", said.text(context.lang));
    Ok(())
}

pub fn edit(context: &Context, args: &EditArgs) -> Result<()> {
    let changes = args.fields.changes();
    if changes.is_empty() {
        return Err(Error::BadInput(CliMsg::NothingToChange.into()));
    }
    let code = parse_code(&args.code)?;
    let (mut archive, session) = context.open_session()?;
    let (record, changed) = archive.edit_record(&session, &code, &changes, args.if_version)?;
    if args.json {
        print_json(&record_json(&record));
    } else if changed.is_empty() {
        let code = record.code.to_string();
        say!("{}", CliMsg::NoChange { code }.text(context.lang));
    } else {
        let lang = context.lang;
        let names: Vec<&str> = changed
            .iter()
            .map(|f| match lang {
                Lang::Zh => f.label_zh(),
                Lang::En => f.label_en(),
            })
            .collect();
        let said = CliMsg::Changed {
            code: record.code.to_string(),
            fields: names.join(S::ListGap.get(lang)),
            version: record.version,
        };
        say!("{}", said.text(lang));
    }
    Ok(())
}
