//! The records of one fonds in the order of its finding aid: 件-level groups by 门类·年度, 保管期限
//! and 机构, then items inside volumes by 目录号 and 案卷号; with a tally of every group.

use rusqlite::{Connection, params_from_iter};

use super::records::{COLUMNS, record_from_row, where_clause};
use crate::archive::sight::Sight;
use crate::domain::volume::VolumeNo;
use crate::domain::{Record, RecordQuery, Retention};
use crate::error::{Error, Result};

/// Loose items first, then volumes: a catalogue's volumes stay together whatever their years.
const TREE_ORDER: &str = "volume > 0, catalogue, volume, category, year, retention, dept, item";

/// What the sight takes in of one group of records (the items of one code group or one volume).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTally {
    pub category: String,
    pub year: u16,
    pub retention: Retention,
    pub dept: String,
    pub volume: Option<VolumeNo>,
    pub records: u64,
    /// Earliest and latest dates as `RecordDate::sort_key`s, where any record is dated.
    pub first: Option<u32>,
    pub last: Option<u32>,
    pub pages: u64,
}

/// The groups of a fonds in finding-aid order, as far as `sight` takes in.
pub fn tallies(conn: &Connection, fonds: &str, sight: Sight) -> Result<Vec<GroupTally>> {
    let filter = RecordQuery {
        fonds: Some(fonds.to_string()),
        ..RecordQuery::default()
    };
    let (clause, values) = where_clause(&filter, sight);
    let sql = format!(
        "SELECT category, year, retention, dept, catalogue, volume, COUNT(*), MIN(date_sort), \
         MAX(date_sort), COALESCE(SUM(pages), 0) FROM records {clause} \
         GROUP BY category, year, retention, dept, catalogue, volume ORDER BY {TREE_ORDER}"
    );
    let sql = sql.replace(", item", "");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    let mut tallies = Vec::new();
    while let Some(row) = rows.next()? {
        let retention: String = row.get(2)?;
        let retention = Retention::from_code_part(&retention).ok_or_else(|| {
            Error::Internal(format!("stored retention {retention:?} is not valid"))
        })?;
        let number: u32 = row.get(5)?;
        tallies.push(GroupTally {
            category: row.get(0)?,
            year: row.get(1)?,
            retention,
            dept: row.get(3)?,
            volume: (number > 0)
                .then(|| row.get(4).map(|catalogue| VolumeNo { catalogue, number }))
                .transpose()?,
            records: row.get(6)?,
            first: row.get(7)?,
            last: row.get(8)?,
            pages: row.get(9)?,
        });
    }
    Ok(tallies)
}

/// Visits the records of a fonds the sight takes in, in the order of `tallies`.
pub fn for_each(
    conn: &Connection,
    fonds: &str,
    sight: Sight,
    mut visit: impl FnMut(Record) -> Result<()>,
) -> Result<()> {
    let filter = RecordQuery {
        fonds: Some(fonds.to_string()),
        ..RecordQuery::default()
    };
    let (clause, values) = where_clause(&filter, sight);
    let sql = format!("SELECT {COLUMNS} FROM records {clause} ORDER BY {TREE_ORDER}");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(row) = rows.next()? {
        visit(record_from_row(row)?)?;
    }
    Ok(())
}
