//! Where a record's code is in SQL: the terms that find a code or its group, and the values that
//! page from a stored code in code order.

use rusqlite::types::Value;

use crate::domain::{ArchivalCode, CodeGroup};

/// A `WHERE` term that finds the records of a code group, with its values. Items inside a volume
/// are found by the volume alone: a code read from text does not know the volume's year.
pub(super) fn group_match(g: &CodeGroup) -> (&'static str, Vec<Value>) {
    let fonds = Value::Text(g.fonds.clone());
    match &g.volume {
        Some(volume) => (
            "fonds = ? AND catalogue = ? AND volume = ? AND volume > 0",
            vec![
                fonds,
                Value::Text(volume.catalogue.clone()),
                Value::Integer(volume.number.into()),
            ],
        ),
        None => (
            "fonds = ? AND category = ? AND year = ? AND retention = ? AND dept = ? \
             AND catalogue = '' AND volume = 0",
            vec![
                fonds,
                Value::Text(g.category.clone()),
                Value::Integer(g.year.into()),
                Value::Text(g.retention.code().into()),
                Value::Text(g.dept.clone()),
            ],
        ),
    }
}

/// A `WHERE` term that finds the record of a code, with its values.
pub(super) fn code_match(code: &ArchivalCode) -> (String, Vec<Value>) {
    let (term, mut values) = group_match(&code.group);
    values.push(Value::Integer(code.item.into()));
    (format!("{term} AND item = ?"), values)
}

/// The values of `CODE_ORDER` for a stored record's code, to page from it.
pub(super) fn code_tuple(code: &ArchivalCode) -> Vec<Value> {
    let g = &code.group;
    let (catalogue, volume) = g
        .volume
        .as_ref()
        .map_or((String::new(), 0), |v| (v.catalogue.clone(), v.number));
    vec![
        Value::Text(g.fonds.clone()),
        Value::Text(g.category.clone()),
        Value::Integer(g.year.into()),
        Value::Text(g.retention.code().into()),
        Value::Text(g.dept.clone()),
        Value::Text(catalogue),
        Value::Integer(volume.into()),
        Value::Integer(code.item.into()),
    ]
}
