//! How records look on the command line: aligned for CJK, sanitised, or as JSON.

use std::io::IsTerminal;
use std::ops::Range;

use crate::domain::Revision;
use crate::domain::loan::Loan;
use crate::domain::{Field, Record, RecordData, Status};
use crate::i18n::{CliMsg, Lang, S};
use crate::width::{pad, sanitize, snippet, width};

const LABEL_COLUMNS: usize = 12;
/// Column widths of a listing: the longest code of four-digit items, `2019年12月31日`, `待整理`.
/// Wide enough for a DA/T 22 code with a 机构 part (Z109-WS·2011-D30-BGS-0001).
const CODE_COLUMNS: usize = 25;
const DATE_COLUMNS: usize = 14;
/// However narrow the terminal, a title keeps this much.
const MIN_TITLE_COLUMNS: usize = 12;

/// A CSV report for Excel and WPS: UTF-8 with a BOM; rows may differ in length (a summary after
/// the table).
/// A vocabulary value in the language the command speaks.
pub fn label(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

pub fn print_json(value: &serde_json::Value) {
    say!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
    );
}

fn line(out: &mut String, label: &str, value: &str) {
    let value =
        sanitize(value, true).replace('\n', &format!("\n{}", " ".repeat(LABEL_COLUMNS + 2)));
    out.push_str(&format!("  {}{}\n", pad(label, LABEL_COLUMNS), value));
}

/// What `dangan show` prints besides the record: where it came from, its edits and its loans.
pub struct Provenance<'a> {
    pub fonds_name: &'a str,
    /// The file and line it was imported from, and when.
    pub imported: Option<(String, String, u64)>,
    pub revisions: &'a [Revision],
    pub loans: &'a [Loan],
}

/// Every field, then bookkeeping, provenance, the revision history and the loans, labelled in
/// the user's language.
pub fn record_detail(record: &Record, about: &Provenance, lang: Lang) -> String {
    let mut out = format!("{}  {}\n", record.code, sanitize(&record.data.title, false));
    let g = &record.code.group;
    let t = |s: S| s.get(lang);
    let field_label = |f: Field| match lang {
        Lang::Zh => f.label_zh(),
        Lang::En => f.label_en(),
    };
    line(
        &mut out,
        t(S::Fonds),
        &format!("{} {}", g.fonds, about.fonds_name),
    );
    let retention = match lang {
        Lang::Zh => g.retention.label_zh(),
        Lang::En => g.retention.label_en(),
    };
    line(
        &mut out,
        t(S::Retention),
        &format!("{retention} ({})", g.retention.code()),
    );
    for field in Field::ALL {
        line(
            &mut out,
            field_label(field),
            &field_value(&record.data, field, lang),
        );
    }
    line(&mut out, t(S::Version), &format!("v{}", record.version));
    let stamp = |at: &str, by: &str| format!("{at}  {by}");
    line(
        &mut out,
        t(S::Created),
        &stamp(&record.created_at, &record.created_by),
    );
    line(
        &mut out,
        t(S::Updated),
        &stamp(&record.updated_at, &record.updated_by),
    );
    if let Some((file, at, line_no)) = &about.imported {
        let said = CliMsg::ImportedFrom {
            file: file.clone(),
            line: *line_no,
            at: at.clone(),
        };
        line(&mut out, t(S::Source), &said.text(lang));
    }
    if !about.revisions.is_empty() {
        out.push_str(&format!("  {}\n", t(S::History)));
        let versions: Vec<&RecordData> = about
            .revisions
            .iter()
            .map(|r| &r.data)
            .chain(std::iter::once(&record.data))
            .collect();
        let shown = |text: String| {
            if text.is_empty() {
                t(S::Blank).to_string()
            } else {
                text
            }
        };
        for (index, revision) in about.revisions.iter().enumerate() {
            let (before, after) = (versions[index], versions[index + 1]);
            let heading = format!(
                "v{} → v{}  {}",
                revision.version,
                revision.version + 1,
                stamp(&revision.replaced_at, &revision.replaced_by)
            );
            out.push_str(&format!("    {}\n", sanitize(&heading, false)));
            // The status loans set (lent, back, lost) is theirs, listed under the loans, not
            // this edit's.
            let lent = about.loans.iter().any(|l| l.out_on.is_some());
            let loan_move = matches!(
                (before.status, after.status),
                (Status::InStore, Status::OnLoan)
                    | (Status::OnLoan, Status::InStore | Status::Lost)
            );
            for field in before.changed_fields(after) {
                if field == Field::Status && lent && loan_move {
                    continue;
                }
                let change = format!(
                    "{}: {} → {}",
                    field_label(field),
                    shown(field_value(before, field, lang)),
                    shown(field_value(after, field, lang))
                );
                out.push_str(&format!("      {}\n", sanitize(&change, false)));
            }
        }
    }
    if !about.loans.is_empty() {
        out.push_str(&format!("  {}\n", t(S::LoanHistory)));
        for loan in about.loans {
            out.push_str(&format!(
                "    {}\n",
                sanitize(&loan_text(loan, lang), false)
            ));
        }
    }
    out
}

/// A field's value as the language reads it: the vocabularies (密级, 载体, 状态) in its words.
fn field_value(data: &RecordData, field: Field, lang: Lang) -> String {
    let pick = |zh: &str, en: &str| match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    };
    match field {
        Field::Date => data
            .date
            .map(|d| pick(&d.to_chinese(), &d.to_string()))
            .unwrap_or_default(),
        Field::Classification => pick(
            data.classification.label_zh(),
            data.classification.label_en(),
        ),
        Field::Carrier => pick(data.carrier.label_zh(), data.carrier.label_en()),
        Field::Status => pick(data.status.label_zh(), data.status.label_en()),
        Field::Openness => pick(data.openness.label_zh(), data.openness.label_en()),
        _ => data.get(field),
    }
}

/// A loan in one line: its state, when out and back (or due), to whom, what for, who lent it.
fn loan_text(loan: &Loan, lang: Lang) -> String {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let (state, kind) = match lang {
        Lang::Zh => (loan.state.label_zh(), loan.kind.label_zh()),
        Lang::En => (loan.state.code(), loan.kind.label_en()),
    };
    let back = match loan.returned_on.or(loan.lost_on) {
        Some(back) => back.to_string(),
        None => format!("({} {})", S::Due.get(lang), day(loan.due_on)),
    };
    let mut text = format!(
        "{state}  {} – {back}  {} {}  {}  {kind}",
        day(loan.out_on),
        loan.borrower.name,
        loan.borrower.unit,
        loan.purpose
    );
    if let Some(by) = &loan.handled_by {
        text.push_str(&format!("  {}: {by}", S::HandledBy.get(lang)));
    }
    if !loan.condition.is_empty() {
        text.push_str(&format!("  {}", loan.condition));
    }
    text
}

/// One record on one line: code, date, status, then the title, cut to the terminal's width when
/// printing to one (and left whole for a pipe or a file).
pub fn record_line(record: &Record, lang: Lang) -> String {
    record_line_marked(record, &[], lang)
}

/// As `record_line`, with the marked characters of the title (a search's matches) in bold and
/// underlined on a terminal, and the title cut around the first of them.
pub fn record_line_marked(record: &Record, marks: &[Range<usize>], lang: Lang) -> String {
    let status = |s: Status| label(lang, s.label_zh(), s.label_en());
    // As wide as the longest status in this language, so the titles start in one column.
    let status_columns = Status::ALL.iter().map(|s| width(&status(*s))).max();
    let date = match (&record.data.date, lang) {
        (Some(date), Lang::Zh) => date.to_chinese(),
        (Some(date), Lang::En) => date.to_string(),
        (None, _) => String::new(),
    };
    let prefix = format!(
        "{}  {}  {}  ",
        pad(&record.code.to_string(), CODE_COLUMNS),
        pad(&date, DATE_COLUMNS),
        pad(&status(record.data.status), status_columns.unwrap_or(0)),
    );
    let title = sanitize(&record.data.title, false);
    let Some(columns) = terminal_columns() else {
        return prefix + &title;
    };
    let room = columns
        .saturating_sub(width(&prefix))
        .max(MIN_TITLE_COLUMNS);
    let mut line = prefix;
    for (text, marked) in snippet(&title, marks, room) {
        if marked {
            line.push_str(&format!("\x1b[1;4m{text}\x1b[0m"));
        } else {
            line.push_str(&text);
        }
    }
    line
}

fn terminal_columns() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(columns, _)| usize::from(columns))
}
