//! Browsing a long list without reading it all: windows of records fetched by keyset (the code of
//! the row next to the window) rather than OFFSET, so the millionth row costs what the first does.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::records::{
    CODE_ORDER, COLUMNS, clearance_term, code_tuple, record_from_row, where_clause,
};
use crate::archive::sight::Sight;
use crate::domain::{Anchor, ArchivalCode, Record, RecordQuery};
use crate::error::Result;

const CODE_TUPLE: &str = "(fonds, category, year, retention, dept, catalogue, volume, item)";

/// The order of the filter's rows, and the columns and values that place a code in it. The items
/// of one volume go by 顺序号 alone: a code typed to jump to does not know the volume's year.
fn ordering(
    filter: &RecordQuery,
    code: Option<&ArchivalCode>,
) -> (&'static str, String, Vec<Value>) {
    if filter.volume.is_some() {
        let item = code.map(|c| Value::Integer(c.item.into()));
        return ("(item)", "item".to_string(), item.into_iter().collect());
    }
    let values = code.map(code_tuple).unwrap_or_default();
    (CODE_TUPLE, CODE_ORDER.to_string(), values)
}

/// Up to `limit` records of the filter at the anchor, in archival-code order.
pub fn window(
    conn: &Connection,
    filter: &RecordQuery,
    sight: Sight,
    anchor: &Anchor,
    limit: u64,
) -> Result<Vec<Record>> {
    let (mut clause, mut values) = where_clause(filter, sight);
    let descending = matches!(anchor, Anchor::Last | Anchor::Before(_));
    let comparison = match anchor {
        Anchor::First | Anchor::Last => None,
        Anchor::After(code) => Some((">", code)),
        Anchor::Before(code) => Some(("<", code)),
        Anchor::AtOrAfter(code) => Some((">=", code)),
    };
    let (tuple, order, place) = ordering(filter, comparison.map(|(_, code)| code));
    if let Some((op, _)) = comparison {
        let marks = vec!["?"; place.len()].join(", ");
        clause.push_str(&format!(" AND {tuple} {op} ({marks})"));
        values.extend(place);
    }
    let order = if descending {
        order.replace(',', " DESC,") + " DESC"
    } else {
        order
    };
    values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    let sql = format!("SELECT {COLUMNS} FROM records {clause} ORDER BY {order} LIMIT ?");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), record_from_row)?;
    let mut records: Vec<Record> = rows.collect::<rusqlite::Result<_>>()?;
    if descending {
        records.reverse();
    }
    Ok(records)
}

/// How many records of the filter come before `code`: its row number, counted from 0.
pub fn position(
    conn: &Connection,
    filter: &RecordQuery,
    sight: Sight,
    code: &ArchivalCode,
) -> Result<u64> {
    let (mut clause, mut values) = where_clause(filter, sight);
    let (tuple, _, place) = ordering(filter, Some(code));
    let marks = vec!["?"; place.len()].join(", ");
    clause.push_str(&format!(" AND {tuple} < ({marks})"));
    values.extend(place);
    let sql = format!("SELECT COUNT(*) FROM records {clause}");
    Ok(conn.query_row(&sql, params_from_iter(values), |r| r.get(0))?)
}

/// The years of a fonds with the number of records in each that the clearance may see.
pub fn years(conn: &Connection, fonds: &str, sight: Sight) -> Result<Vec<(u16, u64)>> {
    let (visible, mut values) = clearance_term(sight);
    values.push(Value::Text(fonds.to_string()));
    let sql = format!(
        "SELECT year, SUM(n) FROM record_counts WHERE {visible} AND fonds = ? \
         GROUP BY year HAVING SUM(n) > 0 ORDER BY year DESC"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
