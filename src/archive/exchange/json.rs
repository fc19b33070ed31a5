//! The JSON form of a record: language-neutral codes for vocabularies (`"in_store"`, `"Y"`), the
//! canonical date text, numbers as numbers. `dangan export --format jsonl` writes it and
//! `dangan import` reads it back.

use serde_json::{Map, Value};

use super::columns::Column;
use crate::domain::{Field, Record, RecordData};

/// The columns of an export, in order. Retention comes from the code but is spelled out so that a
/// spreadsheet can filter on it.
pub const EXPORT_COLUMNS: [Column; 14] = [
    Column::Code,
    Column::Data(Field::Title),
    Column::Data(Field::Responsible),
    Column::Data(Field::DocNo),
    Column::Data(Field::Date),
    Column::Retention,
    Column::Data(Field::Classification),
    Column::Data(Field::Carrier),
    Column::Data(Field::Pages),
    Column::Data(Field::Location),
    Column::Data(Field::Keywords),
    Column::Data(Field::Notes),
    Column::Data(Field::Status),
    Column::Data(Field::Openness),
];

fn data_value(data: &RecordData, field: Field) -> Value {
    match field {
        Field::Date => data
            .date
            .map_or(Value::Null, |d| Value::String(d.to_string())),
        Field::Pages => data.pages.map_or(Value::Null, Value::from),
        Field::Classification => Value::from(data.classification.code()),
        Field::Carrier => Value::from(data.carrier.code()),
        Field::Status => Value::from(data.status.code()),
        Field::Openness => Value::from(data.openness.code()),
        _ => Value::String(data.get(field)),
    }
}

/// The catalogue description only: what an export carries and an import reads.
pub fn catalogue(record: &Record) -> Map<String, Value> {
    EXPORT_COLUMNS
        .iter()
        .map(|&column| {
            let value = match column {
                Column::Code => Value::String(record.code.to_string()),
                Column::Retention => Value::from(record.retention().code()),
                Column::Data(field) => data_value(&record.data, field),
                Column::Fonds
                | Column::Category
                | Column::Year
                | Column::Dept
                | Column::Catalogue
                | Column::Volume
                | Column::Item => Value::Null,
            };
            (column.key().to_string(), value)
        })
        .collect()
}

/// The catalogue description with its bookkeeping, for `--json` output.
pub fn full(record: &Record) -> Value {
    let mut map = catalogue(record);
    let g = &record.code.group;
    map.insert("fonds".into(), Value::from(g.fonds.as_str()));
    map.insert("category".into(), Value::from(g.category.as_str()));
    map.insert("year".into(), Value::from(g.year));
    map.insert("dept".into(), Value::from(g.dept.as_str()));
    if let Some(volume) = &g.volume {
        map.insert("catalogue".into(), Value::from(volume.catalogue.as_str()));
        map.insert("volume".into(), Value::from(volume.number));
    }
    map.insert("item".into(), Value::from(record.code.item));
    map.insert("version".into(), Value::from(record.version));
    map.insert("created_at".into(), Value::from(record.created_at.as_str()));
    map.insert("created_by".into(), Value::from(record.created_by.as_str()));
    map.insert("updated_at".into(), Value::from(record.updated_at.as_str()));
    map.insert("updated_by".into(), Value::from(record.updated_by.as_str()));
    Value::Object(map)
}

/// A JSON value as the text of a cell: strings as they are, numbers printed, null empty.
pub fn cell_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Null => Some(String::new()),
        Value::Bool(_) | Value::Array(_) | Value::Object(_) => None,
    }
}
