//! Look-alikes within an import. A list often gives one day to many rows (a transfer list dated
//! at its registration): reading that day's records from the store again for each row made a
//! 50,000-row list fifteen times slower to import. Each day is read once instead, and the rows
//! written are kept beside it as compared, grouped by the numbers their titles name (rows naming
//! other numbers are never alike on that path).

use std::collections::HashMap;

use rusqlite::Transaction;

use super::Alike;
use crate::archive::sight::Sight;
use crate::archive::store::{imports, records, suggest};
use crate::archive::suggest::compared;
use crate::domain::RecordData;
use crate::domain::suggest::Probe;
use crate::error::Result;

/// At most this many records of a day already in the archive are compared with an import's
/// rows of that day.
const DAY_READ: usize = 5_000;

/// A day's records as compared, by the numbers their titles name.
type Day = HashMap<Vec<String>, Vec<(i64, Probe)>>;

#[derive(Default)]
pub(super) struct ImportAlikes {
    days: HashMap<(String, u32), Day>,
}

impl ImportAlikes {
    /// What the row just written as `id` (line `line`'s `data`, in `fonds`) looks the same as,
    /// if anything: the likest record `sight` takes in, or the likest line before it.
    pub(super) fn check(
        &mut self,
        (tx, sight, import_id): (&Transaction, Sight, i64),
        fonds: &str,
        data: &RecordData,
        id: i64,
    ) -> Result<Option<Alike>> {
        let Some(compared) = compared(tx, sight, fonds, data, Some(id))? else {
            return Ok(None);
        };
        let probe = compared.probe;
        let mut likest: Option<(i64, f64)> = None;
        let mut consider = |other: i64, similarity: Option<f64>| {
            if let Some(similarity) = similarity
                && likest.is_none_or(|(_, best)| similarity > best)
            {
                likest = Some((other, similarity));
            }
        };
        for candidate in &compared.same_number {
            consider(candidate.id, probe.alike(&Probe::of(&candidate.data, true)));
        }
        if let Some(day) = compared.day {
            let key = (fonds.to_string(), day);
            if !self.days.contains_key(&key) {
                // Read when the import first meets the day: none of its rows carry it yet.
                let stored = suggest::by_day(tx, sight, (fonds, Some(id)), (day, None), DAY_READ)?;
                let mut read = Day::new();
                for candidate in stored {
                    let old = Probe::of(&candidate.data, true);
                    read.entry(old.numbers().to_vec())
                        .or_default()
                        .push((candidate.id, old));
                }
                self.days.insert(key.clone(), read);
            }
            let group = self
                .days
                .entry(key)
                .or_default()
                .entry(probe.numbers().to_vec())
                .or_default();
            for (other, old) in group.iter() {
                consider(*other, probe.alike(old));
            }
            group.push((id, probe));
        }
        let Some((likest, _)) = likest else {
            return Ok(None);
        };
        let Some(record) = records::by_id(tx, likest, sight)? else {
            return Ok(None);
        };
        Ok(Some(match imports::origin(tx, &record.code)? {
            Some((import, line)) if import == import_id => Alike::Line(line),
            _ => Alike::Record(record.code.to_string()),
        }))
    }
}
