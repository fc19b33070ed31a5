//! How records look on the command line: aligned for CJK, sanitised, or as JSON.

use std::io::IsTerminal;

use crate::domain::{Field, Record};
use crate::exchange::columns::Column;
use crate::store::records::Revision;
use crate::width::{pad, sanitize, truncate};

const LABEL_COLUMNS: usize = 10;
/// Titles in a listing are cut to this many columns when printing to a terminal.
const LIST_TITLE_COLUMNS: usize = 44;

pub fn print_json(value: &serde_json::Value) {
    println!(
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
    line(
        &mut out,
        Column::Fonds.label_zh(),
        &format!("{} {}", g.fonds, fonds_name),
    );
    line(
        &mut out,
        Column::Retention.label_zh(),
        &format!("{} ({})", g.retention.label_zh(), g.retention.code()),
    );
    for field in Field::ALL {
        let value = match field {
            Field::Date => date_text(record),
            _ => record.data.get(field),
        };
        line(&mut out, field.label_zh(), &value);
    }
    let bookkeeping = format!(
        "v{} · created {} by {} · updated {} by {}",
        record.version, record.created_at, record.created_by, record.updated_at, record.updated_by
    );
    line(&mut out, "版本", &sanitize(&bookkeeping, false));
    if let Some(imported) = imported {
        line(&mut out, "来源", &sanitize(&imported, false));
    }
    if !revisions.is_empty() {
        out.push_str("  历史\n");
        let versions: Vec<&crate::domain::RecordData> = revisions
            .iter()
            .map(|r| &r.data)
            .chain(std::iter::once(&record.data))
            .collect();
        for (index, revision) in revisions.iter().enumerate() {
            let (before, after) = (versions[index], versions[index + 1]);
            let changes: Vec<String> = before
                .changed_fields(after)
                .into_iter()
                .map(|f| format!("{}: {} → {}", f.label_zh(), before.get(f), after.get(f)))
                .collect();
            let entry = format!(
                "v{} → v{}  {}  {}  {}",
                revision.version,
                revision.version + 1,
                revision.replaced_at,
                revision.replaced_by,
                changes.join("; ")
            );
            out.push_str(&format!("    {}\n", sanitize(&entry, false)));
        }
    }
    out
}

/// One record on one line: code, date, retention, status, then the title (cut on a terminal).
pub fn record_line(record: &Record) -> String {
    let title = sanitize(&record.data.title, false);
    let title = if std::io::stdout().is_terminal() {
        truncate(&title, LIST_TITLE_COLUMNS)
    } else {
        title
    };
    format!(
        "{}  {}  {}  {}  {}",
        pad(&record.code.to_string(), 22),
        pad(&date_text(record), 16),
        pad(record.retention().label_zh(), 8),
        pad(record.data.status.label_zh(), 6),
        title
    )
}
