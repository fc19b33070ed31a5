//! The loan slip (借阅单): what one borrower took in one visit, to print and sign. Plain text,
//! UTF-8 with a BOM and CRLF line ends, so Notepad and WPS on the desk's Windows machine open and
//! print it as it is; columns aligned by display width.

use chrono::NaiveDate;

use crate::domain::loan::Loan;
use crate::i18n::{Lang, S};
use crate::width::{pad, sanitize};

/// A DA/T 22 code with a 机构 part (25 columns) and two spaces.
const CODE_COLUMNS: usize = 27;

/// The slip of `loans` (one borrower, one day), printed on `today`.
pub fn render(loans: &[Loan], today: NaiveDate, lang: Lang) -> String {
    let t = |s: S| s.get(lang);
    let mut lines: Vec<String> = vec![t(S::SlipTitle).to_string(), String::new()];
    if let Some(first) = loans.first() {
        let b = &first.borrower;
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let (kind, purpose) = match lang {
            Lang::Zh => (first.kind.label_zh(), first.purpose.as_str()),
            Lang::En => (first.kind.label_en(), first.purpose.as_str()),
        };
        for pairs in [
            [(S::Borrower, b.name.as_str()), (S::Unit, b.unit.as_str())],
            [
                (S::IdNo, b.id_no.as_str()),
                (S::Contact, b.contact.as_str()),
            ],
            [(S::Purpose, purpose), (S::Kind, kind)],
        ] {
            let [(a, x), (b, y)] = pairs;
            lines.push(format!(
                "{}  {}",
                pad(&format!("{}: {}", t(a), sanitize(x, false)), 36),
                format_args!("{}: {}", t(b), sanitize(y, false))
            ));
        }
        lines.push(format!(
            "{}  {}",
            pad(&format!("{}: {}", t(S::OutOn), day(first.out_on)), 36),
            format_args!("{}: {}", t(S::Due), day(first.due_on))
        ));
        if let Some(by) = &first.handled_by {
            lines.push(format!("{}: {}", t(S::HandledBy), sanitize(by, false)));
        }
    }
    lines.push(String::new());
    lines.push(format!(
        "{}  {}  {}",
        pad(t(S::Number), 4),
        pad(t(S::Code), CODE_COLUMNS),
        t(S::Title)
    ));
    for (n, loan) in loans.iter().enumerate() {
        lines.push(format!(
            "{}  {}  {}",
            pad(&(n + 1).to_string(), 4),
            pad(&loan.code, CODE_COLUMNS),
            sanitize(&loan.title, false)
        ));
    }
    lines.push(String::new());
    lines.push(format!("{} {} {}", t(S::Total), loans.len(), t(S::Pieces)));
    lines.push(String::new());
    lines.push(format!(
        "{}: ____________    {}: ____________    {}: ____________",
        t(S::BorrowerSigns),
        t(S::ClerkSigns),
        t(S::ReturnedOn)
    ));
    lines.push(format!("{} {today}", t(S::PrintedOn)));
    let mut text = String::from("\u{feff}");
    for line in lines {
        text.push_str(line.trim_end());
        text.push_str("\r\n");
    }
    text
}

/// `借阅单-欧阳明-2026-11-25.txt`: the borrower's name kept to what every file system takes.
pub fn file_name(loan: &Loan) -> String {
    let name: String = loan
        .borrower
        .name
        .chars()
        .filter(|c| !c.is_control() && !"/\\:*?\"<>|".contains(*c) && !c.is_whitespace())
        .take(20)
        .collect();
    let day = loan.out_on.map(|d| d.to_string()).unwrap_or_default();
    format!("借阅单-{name}-{day}.txt")
}
