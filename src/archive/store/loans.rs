//! Loans as stored. Dates are ISO `YYYY-MM-DD` text, so they sort and compare as text.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use super::records::{code_text, seen_as};
use crate::archive::sight::Sight;
use crate::domain::loan::{Borrower, Loan, LoanFilter, LoanKind, LoanState};
use crate::error::Result;

const SELECT: &str = concat!(
    "SELECT l.id, l.record_id, ",
    code_text!(),
    ", r.title, l.state, l.borrower, l.unit, l.borrower_id, l.contact, l.purpose, l.kind, l.requested_by, \
    l.out_on, l.due_on, l.approver, l.handled_by, l.renewals, l.returned_on, l.condition, l.lost_on \
    FROM loans l JOIN records r ON r.id = l.record_id"
);

fn date(row: &Row, column: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(column)?;
    text.map(|t| {
        t.parse().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(
                column,
                rusqlite::types::Type::Text,
                format!("stored date {t:?} is not valid").into(),
            )
        })
    })
    .transpose()
}

fn loan_from_row(row: &Row) -> rusqlite::Result<Loan> {
    let bad = |column: usize, what: &str, found: String| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("stored {what} {found:?} is not valid").into(),
        )
    };
    let state: String = row.get(4)?;
    let kind: String = row.get(10)?;
    Ok(Loan {
        id: row.get(0)?,
        record_id: row.get(1)?,
        code: row.get(2)?,
        title: row.get(3)?,
        state: LoanState::parse(&state).ok_or_else(|| bad(4, "loan state", state.clone()))?,
        borrower: Borrower {
            name: row.get(5)?,
            unit: row.get(6)?,
            id_no: row.get(7)?,
            contact: row.get(8)?,
        },
        purpose: row.get(9)?,
        kind: LoanKind::parse(&kind).ok_or_else(|| bad(10, "loan kind", kind.clone()))?,
        requested_by: row.get(11)?,
        out_on: date(row, 12)?,
        due_on: date(row, 13)?,
        approver: row.get(14)?,
        handled_by: row.get(15)?,
        renewals: row.get(16)?,
        returned_on: date(row, 17)?,
        condition: row.get(18)?,
        lost_on: date(row, 19)?,
    })
}

pub struct NewLoan<'a> {
    pub record_id: i64,
    pub state: LoanState,
    pub borrower: &'a Borrower,
    pub purpose: &'a str,
    pub kind: LoanKind,
    pub requested_by: Option<&'a str>,
    pub out_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub approver: Option<&'a str>,
    pub handled_by: Option<&'a str>,
}

pub fn insert(conn: &Connection, loan: &NewLoan) -> Result<i64> {
    let b = loan.borrower;
    conn.execute(
        "INSERT INTO loans (record_id, state, borrower, unit, borrower_id, contact, purpose, kind, \
         requested_by, out_on, due_on, approver, handled_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            loan.record_id,
            loan.state.code(),
            b.name,
            b.unit,
            b.id_no,
            b.contact,
            loan.purpose,
            loan.kind.code(),
            loan.requested_by,
            loan.out_on.map(|d| d.to_string()),
            loan.due_on.map(|d| d.to_string()),
            loan.approver,
            loan.handled_by,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The loan of a record that is out now, if any.
pub fn out_of(conn: &Connection, record_id: i64) -> Result<Option<Loan>> {
    let sql = format!("{SELECT} WHERE l.record_id = ?1 AND l.state = 'out'");
    Ok(conn
        .query_row(&sql, [record_id], loan_from_row)
        .optional()?)
}

/// The oldest open request for a record, if any.
pub fn request_of(conn: &Connection, record_id: i64) -> Result<Option<Loan>> {
    let sql =
        format!("{SELECT} WHERE l.record_id = ?1 AND l.state = 'requested' ORDER BY l.id LIMIT 1");
    Ok(conn
        .query_row(&sql, [record_id], loan_from_row)
        .optional()?)
}

/// Turns a request into a loan out.
pub fn grant(conn: &Connection, id: i64, loan: &NewLoan) -> Result<()> {
    let b = loan.borrower;
    conn.execute(
        "UPDATE loans SET state = 'out', borrower = ?2, unit = ?3, borrower_id = ?4, contact = ?5, \
         purpose = ?6, kind = ?7, out_on = ?8, due_on = ?9, approver = ?10, handled_by = ?11 \
         WHERE id = ?1",
        params![
            id,
            b.name,
            b.unit,
            b.id_no,
            b.contact,
            loan.purpose,
            loan.kind.code(),
            loan.out_on.map(|d| d.to_string()),
            loan.due_on.map(|d| d.to_string()),
            loan.approver,
            loan.handled_by,
        ],
    )?;
    Ok(())
}

/// Closes a loan that is out; false if it is not out (any more).
pub fn close(
    conn: &Connection,
    id: i64,
    state: LoanState,
    on: NaiveDate,
    condition: &str,
) -> Result<bool> {
    let column = if state == LoanState::Lost {
        "lost_on"
    } else {
        "returned_on"
    };
    let changed = conn.execute(
        &format!(
            "UPDATE loans SET state = ?2, {column} = ?3, condition = ?4 WHERE id = ?1 AND state = 'out'"
        ),
        params![id, state.code(), on.to_string(), condition],
    )?;
    Ok(changed == 1)
}

/// Moves the due date of a loan that is out; false if it is not out (any more).
pub fn renew(conn: &Connection, id: i64, due: NaiveDate) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE loans SET due_on = ?2, renewals = renewals + 1 WHERE id = ?1 AND state = 'out'",
        params![id, due.to_string()],
    )?;
    Ok(changed == 1)
}

/// One loan, if the sight takes in its record.
pub fn by_id(conn: &Connection, id: i64, sight: Sight) -> Result<Option<Loan>> {
    let (visible, mut values) = seen_as(sight, "r.");
    values.insert(0, Value::Integer(id));
    let sql = format!("{SELECT} WHERE l.id = ? AND {visible}");
    Ok(conn
        .query_row(&sql, params_from_iter(values), loan_from_row)
        .optional()?)
}

pub fn list(conn: &Connection, filter: &LoanFilter, sight: Sight) -> Result<Vec<Loan>> {
    let (visible, mut values) = seen_as(sight, "r.");
    let mut terms = vec![visible];
    if !filter.states.is_empty() {
        let marks = vec!["?"; filter.states.len()].join(", ");
        terms.push(format!("l.state IN ({marks})"));
        values.extend(filter.states.iter().map(|s| Value::Text(s.code().into())));
    }
    let mut date_term = |term: &str, date: Option<NaiveDate>| {
        if let Some(date) = date {
            terms.push(term.to_string());
            values.push(Value::Text(date.to_string()));
        }
    };
    date_term("l.state = 'out' AND l.due_on < ?", filter.overdue_on);
    date_term("l.state = 'out' AND l.due_on <= ?", filter.due_by);
    date_term("l.state = 'out' AND l.due_on >= ?", filter.due_from);
    date_term("l.out_on >= ?", filter.from);
    date_term("l.out_on <= ?", filter.to);
    if let Some(borrower) = &filter.borrower {
        terms.push("l.borrower = ?".into());
        values.push(Value::Text(borrower.clone()));
    }
    if let Some(who) = filter
        .who
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        // Typed text, matched as text: % and _ are not wildcards.
        let escaped = who
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = Value::Text(format!("%{escaped}%"));
        let columns = ["l.borrower", "l.unit", "l.contact"];
        let each: Vec<String> = columns
            .iter()
            .map(|c| format!("{c} LIKE ? ESCAPE '\\'"))
            .collect();
        terms.push(format!("({})", each.join(" OR ")));
        values.extend(columns.iter().map(|_| pattern.clone()));
    }
    if let Some(record_id) = filter.record_id {
        terms.push("l.record_id = ?".into());
        values.push(Value::Integer(record_id));
    }
    let order = if filter.from.is_some() || filter.to.is_some() {
        "l.out_on, l.id"
    } else if filter.overdue_on.is_some() || filter.due_by.is_some() || filter.due_from.is_some() {
        "l.due_on, l.id"
    } else {
        "l.id DESC"
    };
    let sql = format!("{SELECT} WHERE {} ORDER BY {order}", terms.join(" AND "));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), loan_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
