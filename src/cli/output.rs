//! How records look on the command line: aligned for CJK, sanitised, or as JSON.

use std::io::IsTerminal;
use std::ops::Range;

use crate::domain::Revision;
use crate::domain::{Field, Record, RecordData};
use crate::width::{pad, sanitize, snippet, width};

const LABEL_COLUMNS: usize = 10;
/// How an empty value reads in a history line.
const EMPTY: &str = "（空）";
/// Column widths of a listing: the longest code of four-digit items, `2019年12月31日`, `待整理`.
const CODE_COLUMNS: usize = 22;
const DATE_COLUMNS: usize = 14;
const STATUS_COLUMNS: usize = 6;
/// However narrow the terminal, a title keeps this much.
const MIN_TITLE_COLUMNS: usize = 12;

/// A CSV report for Excel and WPS: UTF-8 with a BOM; rows may differ in length (a summary after
/// the table).
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

fn date_text(record: &Record) -> String {
    record.data.date.map(|d| d.to_chinese()).unwrap_or_default()
}

/// Every field, then bookkeeping, provenance and the revision history.
pub fn record_detail(
    record: &Record,
    fonds_name: &str,
    imported: Option<String>,
    revisions: &[Revision],
) -> String {
    let mut out = format!("{}  {}\n", record.code, sanitize(&record.data.title, false));
    let g = &record.code.group;
    line(&mut out, "全宗号", &format!("{} {}", g.fonds, fonds_name));
    line(
        &mut out,
        "保管期限",
        &format!("{} ({})", g.retention.label_zh(), g.retention.code()),
    );
    for field in Field::ALL {
        let value = match field {
            Field::Date => date_text(record),
            _ => record.data.get(field),
        };
        line(&mut out, field.label_zh(), &value);
    }
    line(&mut out, "版本", &format!("v{}", record.version));
    line(
        &mut out,
        "创建",
        &format!("{}  {}", record.created_at, record.created_by),
    );
    line(
        &mut out,
        "修改",
        &format!("{}  {}", record.updated_at, record.updated_by),
    );
    if let Some(imported) = imported {
        line(&mut out, "来源", &imported);
    }
    if !revisions.is_empty() {
        out.push_str("  历史\n");
        let versions: Vec<&RecordData> = revisions
            .iter()
            .map(|r| &r.data)
            .chain(std::iter::once(&record.data))
            .collect();
        let shown = |text: String| {
            if text.is_empty() {
                EMPTY.to_string()
            } else {
                text
            }
        };
        for (index, revision) in revisions.iter().enumerate() {
            let (before, after) = (versions[index], versions[index + 1]);
            let heading = format!(
                "v{} → v{}  {}  {}",
                revision.version,
                revision.version + 1,
                revision.replaced_at,
                revision.replaced_by
            );
            out.push_str(&format!("    {}\n", sanitize(&heading, false)));
            for field in before.changed_fields(after) {
                let change = format!(
                    "{}: {} → {}",
                    field.label_zh(),
                    shown(before.get(field)),
                    shown(after.get(field))
                );
                out.push_str(&format!("      {}\n", sanitize(&change, false)));
            }
        }
    }
    out
}

/// One record on one line: code, date, status, then the title, cut to the terminal's width when
/// printing to one (and left whole for a pipe or a file).
pub fn record_line(record: &Record) -> String {
    record_line_marked(record, &[])
}

/// As `record_line`, with the marked characters of the title (a search's matches) in bold and
/// underlined on a terminal, and the title cut around the first of them.
pub fn record_line_marked(record: &Record, marks: &[Range<usize>]) -> String {
    let prefix = format!(
        "{}  {}  {}  ",
        pad(&record.code.to_string(), CODE_COLUMNS),
        pad(&date_text(record), DATE_COLUMNS),
        pad(record.data.status.label_zh(), STATUS_COLUMNS),
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
