//! `dangan loan …`: lending, returns, renewals, losses, lists and the use register.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::Context;
use super::output::print_json;
use crate::archive::export::CsvReport;
use crate::archive::loans::{LoanRequest, Register};
use crate::domain::loan::{Borrower, Loan, LoanFilter};
use crate::domain::loan::{LoanKind, LoanState};
use crate::domain::{ArchivalCode, RecordDate};
use crate::error::{Error, Result};
use crate::i18n::{CliMsg, LoanMsg, Vocabulary};
use crate::width::{pad, sanitize, truncate};

#[derive(Debug, Args)]
pub struct LendArgs {
    /// Archival code of the record
    code: String,
    /// Who borrows (借阅人)
    #[arg(long)]
    borrower: String,
    /// 利用目的: 编史修志, 工作查考, 学术研究, 经济建设, 宣传教育, 其他, or your own words
    #[arg(long)]
    purpose: String,
    /// reading_room (阅览), take_out (外借) or copy (复制)
    #[arg(long, default_value = "阅览")]
    kind: String,
    /// Due date (default: today plus the kind's days)
    #[arg(long)]
    due: Option<String>,
    /// The borrower's unit or department (单位)
    #[arg(long, default_value = "")]
    unit: String,
    /// ID card or staff number (证件号)
    #[arg(long = "id", default_value = "")]
    id_no: String,
    /// Telephone or e-mail (联系方式)
    #[arg(long, default_value = "")]
    contact: String,
    /// Who approved (needed for 秘密 and 机密 records)
    #[arg(long)]
    approver: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LoanCommand {
    /// Lend a record
    Out(LendArgs),
    /// Ask for a record (readers); an archivist then lends it
    Request(LendArgs),
    /// Take a record back
    Return {
        code: String,
        /// Condition on return (状况)
        #[arg(long, default_value = "")]
        condition: String,
    },
    /// Extend the due date
    Renew {
        code: String,
        #[arg(long)]
        due: Option<String>,
    },
    /// Mark a record on loan as lost
    Lost {
        code: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Loans out now (or overdue, or a borrower's, or a record's history)
    List {
        #[arg(long)]
        overdue: bool,
        /// Out and due within the next 7 days (not yet overdue)
        #[arg(long)]
        due_soon: bool,
        #[arg(long)]
        borrower: Option<String>,
        /// Loans whose borrower's name, unit or contact holds this text
        #[arg(long)]
        who: Option<String>,
        /// Every loan of this record
        #[arg(long)]
        record: Option<String>,
        /// Open requests
        #[arg(long)]
        requests: bool,
        #[arg(long)]
        json: bool,
    },
    /// The use register (利用登记簿) of a period, with counts by purpose, kind and unit
    Register {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// table or csv
        #[arg(long, default_value = "table", value_parser = ["table", "csv"])]
        format: String,
    },
}

/// A day, written any way a record date may be, but to the day.
fn day(what: &str, text: &str) -> Result<NaiveDate> {
    let date: RecordDate = text.parse().map_err(|e: crate::domain::DateError| {
        let problem = Box::new(e.msg());
        Error::BadInput(
            CliMsg::Flag {
                flag: what.into(),
                problem,
            }
            .into(),
        )
    })?;
    NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into()).ok_or_else(|| {
        let problem = Box::new(
            LoanMsg::NoDay {
                text: text.to_string(),
            }
            .into(),
        );
        Error::BadInput(
            CliMsg::Flag {
                flag: what.into(),
                problem,
            }
            .into(),
        )
    })
}

fn code(text: &str) -> Result<ArchivalCode> {
    text.parse()
        .map_err(|e: crate::domain::CodeError| Error::BadInput(e.msg()))
}

fn request(args: &LendArgs) -> Result<LoanRequest> {
    let kind = LoanKind::parse(&args.kind).ok_or_else(|| {
        let (text, choices) = (args.kind.clone(), Vocabulary::LoanKind);
        Error::BadInput(LoanMsg::KindUnknown { text, choices }.into())
    })?;
    Ok(LoanRequest {
        borrower: Borrower {
            name: args.borrower.clone(),
            unit: args.unit.clone(),
            id_no: args.id_no.clone(),
            contact: args.contact.clone(),
        },
        purpose: args.purpose.clone(),
        kind,
        due: args.due.as_deref().map(|d| day("--due", d)).transpose()?,
        approver: args.approver.clone(),
    })
}

pub(super) fn loan_json(loan: &Loan, today: NaiveDate) -> serde_json::Value {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    let overdue = match (loan.state, loan.due_on) {
        (LoanState::Out, Some(due)) => crate::domain::loan::days_overdue(due, today),
        _ => 0,
    };
    serde_json::json!({
        "id": loan.id, "code": loan.code, "title": loan.title, "state": loan.state.code(),
        "borrower": loan.borrower.name, "unit": loan.borrower.unit, "id_no": loan.borrower.id_no,
        "contact": loan.borrower.contact, "purpose": loan.purpose, "kind": loan.kind.code(),
        "out_on": date(loan.out_on), "due_on": date(loan.due_on), "days_overdue": overdue,
        "renewals": loan.renewals, "returned_on": date(loan.returned_on), "lost_on": date(loan.lost_on),
        "approver": loan.approver, "handled_by": loan.handled_by, "requested_by": loan.requested_by,
        "condition": loan.condition,
    })
}

/// Which date a table leads with: the due date for lists, the day lent for the register.
#[derive(Clone, Copy)]
enum Leading {
    Due,
    Lent,
}

fn table_header(leading: Leading) -> String {
    let date = match leading {
        Leading::Due => "应还日期",
        Leading::Lent => "借出日期",
    };
    format!(
        "{}  {}  {}  {}  题名",
        pad("档号", 22),
        pad(date, 10),
        pad("状态", 9),
        pad("借阅人 单位 联系方式", 30)
    )
}

fn loan_line(loan: &Loan, today: NaiveDate, leading: Leading) -> String {
    let date = match leading {
        Leading::Due => loan.due_on,
        Leading::Lent => loan.out_on,
    };
    let date = date.map(|d| d.to_string()).unwrap_or_default();
    let late = match (loan.state, loan.due_on) {
        (LoanState::Out, Some(d)) if d < today => {
            format!("逾期{}天", crate::domain::loan::days_overdue(d, today))
        }
        _ => loan.state.label_zh().to_string(),
    };
    let who = format!(
        "{} {} {}",
        loan.borrower.name, loan.borrower.unit, loan.borrower.contact
    );
    format!(
        "{}  {}  {}  {}  {}",
        pad(&loan.code, 22),
        pad(&date, 10),
        pad(&late, 9),
        pad(&truncate(&sanitize(who.trim(), false), 30), 30),
        truncate(&sanitize(&loan.title, false), 30)
    )
}

pub fn loan(context: &Context, command: LoanCommand) -> Result<()> {
    let (mut archive, session) = context.open_session()?;
    let today = archive.today();
    let lang = context.lang;
    let name = |loan: &Loan| sanitize(&loan.borrower.name, false);
    let due = |loan: &Loan| loan.due_on.map(|d| d.to_string()).unwrap_or_default();
    match command {
        LoanCommand::Out(args) => {
            let loan = archive.lend(&session, &code(&args.code)?, &request(&args)?)?;
            let said = CliMsg::LentTo {
                name: name(&loan),
                due: due(&loan),
                code: loan.code,
            };
            say!("{}", said.text(lang));
        }
        LoanCommand::Request(args) => {
            let id = archive.request_loan(&session, &code(&args.code)?, &request(&args)?)?;
            let said = CliMsg::RequestedLoan {
                code: args.code.clone(),
                id,
            };
            say!("{}", said.text(lang));
        }
        LoanCommand::Return { code: c, condition } => {
            let loan = archive.return_loan(&session, &code(&c)?, &condition)?;
            let said = CliMsg::ReturnedFrom {
                name: name(&loan),
                code: loan.code,
            };
            say!("{}", said.text(lang));
        }
        LoanCommand::Renew {
            code: c,
            due: until,
        } => {
            let until = until.as_deref().map(|d| day("--due", d)).transpose()?;
            let loan = archive.renew(&session, &code(&c)?, until)?;
            let said = CliMsg::RenewedFor {
                name: name(&loan),
                due: due(&loan),
                times: loan.renewals,
                code: loan.code,
            };
            say!("{}", said.text(lang));
        }
        LoanCommand::Lost { code: c, note } => {
            let loan = archive.mark_lost(&session, &code(&c)?, &note)?;
            let said = CliMsg::LostFrom {
                name: name(&loan),
                code: loan.code,
            };
            say!("{}", said.text(lang));
        }
        LoanCommand::List {
            overdue,
            due_soon,
            borrower,
            who,
            record,
            requests,
            json,
        } => {
            let mut filter = LoanFilter {
                borrower,
                who,
                ..LoanFilter::default()
            };
            if let Some(text) = record {
                filter.record_id = Some(archive.record(&session, &code(&text)?)?.id);
            } else if requests {
                filter.states = vec![LoanState::Requested];
            } else if overdue {
                filter.overdue_on = Some(today);
            } else if due_soon {
                filter.due_from = Some(today);
                filter.due_by = Some(crate::domain::loan::due_after(today, 7));
            } else if filter.borrower.is_none() && filter.who.is_none() {
                filter.states = vec![LoanState::Out];
            }
            let loans = archive.loans(&session, &filter)?;
            if json {
                let list: Vec<serde_json::Value> =
                    loans.iter().map(|l| loan_json(l, today)).collect();
                print_json(&serde_json::json!({"today": today.to_string(), "loans": list}));
            } else {
                say!("{}", table_header(Leading::Due));
                for loan in &loans {
                    say!("{}", loan_line(loan, today, Leading::Due));
                }
                say!("{}", CliMsg::LoansCount { n: loans.len() }.text(lang));
            }
        }
        LoanCommand::Register { from, to, format } => {
            let (from, to) = (day("--from", &from)?, day("--to", &to)?);
            let register = archive.register(&session, from, to)?;
            if format == "csv" {
                print!("{}", register_csv(&register)?);
            } else {
                say!("{}", table_header(Leading::Lent));
                for loan in &register.loans {
                    say!("{}", loan_line(loan, today, Leading::Lent));
                }
                let said = CliMsg::LoansBetween {
                    n: register.loans.len(),
                    from: from.to_string(),
                    to: to.to_string(),
                };
                say!("{}", said.text(lang));
                for (label, counts) in summary(&register) {
                    let parts: Vec<String> =
                        counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
                    say!("  {label}: {}", sanitize(&parts.join(", "), false));
                }
            }
        }
    }
    Ok(())
}

/// The summary counts as (label, [(value, count)]).
fn summary(register: &Register) -> Vec<(&'static str, Vec<(String, u64)>)> {
    vec![
        ("利用目的", register.by_purpose.clone()),
        (
            "利用方式",
            register
                .by_kind
                .iter()
                .map(|(k, n)| (k.label_zh().to_string(), *n))
                .collect(),
        ),
        (
            "单位",
            register
                .by_unit
                .iter()
                .map(|(u, n)| {
                    (
                        if u.is_empty() {
                            "（未填）".into()
                        } else {
                            u.clone()
                        },
                        *n,
                    )
                })
                .collect(),
        ),
    ]
}

/// The register as CSV (UTF-8 with BOM, for Excel): one row per loan, then the summary.
fn register_csv(register: &Register) -> Result<String> {
    let mut out = CsvReport::default();
    let mut row = |fields: &[&str]| out.row(fields);
    row(&[
        "借出日期",
        "档号",
        "题名",
        "借阅人",
        "单位",
        "证件号",
        "联系方式",
        "利用目的",
        "利用方式",
        "应还日期",
        "归还日期",
        "状态",
        "经办人",
        "批准人",
    ])?;
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for l in &register.loans {
        row(&[
            &date(l.out_on),
            &l.code,
            &l.title,
            &l.borrower.name,
            &l.borrower.unit,
            &l.borrower.id_no,
            &l.borrower.contact,
            &l.purpose,
            l.kind.label_zh(),
            &date(l.due_on),
            &date(l.returned_on.or(l.lost_on)),
            l.state.label_zh(),
            l.handled_by.as_deref().unwrap_or_default(),
            l.approver.as_deref().unwrap_or_default(),
        ])?;
    }
    row(&["汇总", "项目", "件次"])?;
    row(&["合计", "", &register.loans.len().to_string()])?;
    for (label, counts) in summary(register) {
        for (value, count) in counts {
            row(&[label, &value, &count.to_string()])?;
        }
    }
    out.finish()
}
