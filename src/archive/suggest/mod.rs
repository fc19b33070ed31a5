//! Smart description (智能著录) for the front ends: a learner of the catalogue as the session sees
//! it, the records a new one may repeat, the records related to one, and suggestions for a
//! backlog (`batch`). Every read takes the session's sight, so a suggestion, a look-alike or a
//! relation never comes from a record its user cannot see.

mod batch;

pub use batch::{Batch, Proposal};

use crate::archive::browse::readable;
use crate::archive::records::no_record;
use crate::archive::sight::Sight;
use crate::archive::store::{records, suggest};
use crate::archive::{Archive, Session};
use crate::domain::suggest::{Learner, Probe, series};
use crate::domain::{ArchivalCode, Permission, Record, RecordData};
use crate::error::Result;

/// At most this many look-alikes are named for one record, and related records per relation.
const NAMED: usize = 5;

/// An existing record a new one looks the same as.
#[derive(Debug, Clone, PartialEq)]
pub struct LookAlike {
    pub code: ArchivalCode,
    pub title: String,
    /// How alike the titles are, 0.5 to 1.
    pub similarity: f64,
}

/// Records related to one: by subject (its keywords), by 文号 series and year, by 责任者.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Related {
    pub subject: Vec<Record>,
    pub series: Vec<Record>,
    pub responsible: Vec<Record>,
}

impl Related {
    pub fn is_empty(&self) -> bool {
        self.subject.is_empty() && self.series.is_empty() && self.responsible.is_empty()
    }
}

/// A 文号 shared by more records of a fonds than this is no number that tells documents apart
/// (a placeholder such as `1号`, or a series written without its year).
const NUMBER_SHARED: usize = 3;

/// At most this many records of one day are compared with a record typed in the form.
const DAY_READ: usize = 200;

/// A record about to be compared with those it may repeat.
pub(in crate::archive) struct Compared {
    pub probe: Probe,
    /// Its day (a `YYYYMMDD` key), when the date names one.
    pub day: Option<u32>,
    /// Its 文号 when that tells documents apart.
    pub number: Option<String>,
    /// The records `sight` takes in that carry that 文号.
    pub same_number: Vec<suggest::Candidate>,
}

/// How `data` is compared in `fonds` (`id` its own row once written), or None when it cannot
/// be: a record with no title, or with neither a day nor a 文号.
pub(in crate::archive) fn compared(
    conn: &rusqlite::Connection,
    sight: Sight,
    fonds: &str,
    data: &RecordData,
    id: Option<i64>,
) -> Result<Option<Compared>> {
    let day = data.date.filter(|d| d.day > 0).map(|d| d.sort_key());
    // A 文号 without a digit (`无`, `-`) numbers nothing.
    let number = data.doc_no.trim();
    let numbered = crate::domain::register::normal(number)
        .chars()
        .any(|c| c.is_ascii_digit());
    if data.title.trim().is_empty() || (day.is_none() && !numbered) {
        return Ok(None);
    }
    let mut same_number = Vec::new();
    let mut telling = numbered;
    if numbered {
        let sharing = suggest::by_number(conn, sight, (fonds, id), number, NUMBER_SHARED + 1)?;
        telling = sharing.len() <= NUMBER_SHARED;
        if telling {
            same_number = sharing;
        }
    }
    Ok(Some(Compared {
        probe: Probe::of(data, telling),
        day,
        number: telling.then(|| number.to_string()),
        same_number,
    }))
}

/// The look-alikes of a record being written in `tx`, as `sight` takes them in; `id` is its own
/// row once written.
fn look_alikes_in(
    conn: &rusqlite::Connection,
    sight: Sight,
    fonds: &str,
    data: &RecordData,
    id: Option<i64>,
) -> Result<Vec<LookAlike>> {
    let Some(compared) = compared(conn, sight, fonds, data, id)? else {
        return Ok(Vec::new());
    };
    let mut candidates = compared.same_number;
    if let Some(day) = compared.day {
        let number = compared.number.as_deref();
        let by_day = suggest::by_day(conn, sight, (fonds, id), (day, number), DAY_READ)?;
        for candidate in by_day {
            if !candidates
                .iter()
                .any(|c: &suggest::Candidate| c.id == candidate.id)
            {
                candidates.push(candidate);
            }
        }
    }
    let probe = compared.probe;
    let mut alike: Vec<(i64, f64)> = candidates
        .into_iter()
        .filter_map(|c| {
            let similarity = probe.alike(&Probe::of(&c.data, true))?;
            Some((c.id, similarity))
        })
        .collect();
    alike.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut found = Vec::new();
    // Only the few found are read whole, for their codes.
    for (id, similarity) in alike.into_iter().take(NAMED) {
        if let Some(record) = records::by_id(conn, id, sight)? {
            found.push(LookAlike {
                code: record.code,
                title: record.data.title,
                similarity,
            });
        }
    }
    Ok(found)
}

impl Archive {
    /// A learner of every record the session sees, for describing new ones; `progress` hears
    /// how many records were learned so far. Building it reads the whole catalogue once.
    pub fn learner(&self, session: &Session, progress: &mut dyn FnMut(u64)) -> Result<Learner> {
        session.require(Permission::WriteRecords)?;
        let mut learner = Learner::new();
        suggest::learn(
            self.store.conn(),
            Sight::of(session),
            &mut learner,
            progress,
        )?;
        Ok(learner)
    }

    /// Records of `fonds` the session sees that `data` looks the same as (the same day or 文号,
    /// alike titles); `except` is the record being edited.
    pub fn look_alikes(
        &self,
        session: &Session,
        fonds: &str,
        data: &RecordData,
        except: Option<&ArchivalCode>,
    ) -> Result<Vec<LookAlike>> {
        let sight = readable(session)?;
        let conn = self.store.conn();
        let id = match except {
            Some(code) => records::by_code(conn, code, sight)?.map(|r| r.id),
            None => None,
        };
        look_alikes_in(conn, sight, fonds, data, id)
    }

    /// The records related to one, as the session sees them.
    pub fn related(&mut self, session: &Session, code: &ArchivalCode) -> Result<Related> {
        let sight = readable(session)?;
        let record =
            records::by_code(self.store.conn(), code, sight)?.ok_or_else(|| no_record(code))?;
        let conn = self.store.conn();
        let responsible = if record.data.responsible.trim().is_empty() {
            Vec::new()
        } else {
            suggest::by_responsible(conn, sight, &record, NAMED)?
        };
        let series = match series_and_year(&record.data.doc_no) {
            Some(prefix) => suggest::by_doc_series(conn, sight, &record, &prefix, NAMED)?,
            None => Vec::new(),
        };
        let subject = self.same_subject(session, &record)?;
        Ok(Related {
            subject,
            series,
            responsible,
        })
    }

    /// Records sharing the record's keywords (its first three), found by the search index: those
    /// holding them all first, then those holding more of them.
    fn same_subject(&mut self, session: &Session, record: &Record) -> Result<Vec<Record>> {
        // Quoted, so that a keyword is looked for as it is and never read as a filter.
        let terms: Vec<String> = crate::domain::suggest::keyword_terms(&record.data.keywords)
            .take(3)
            .map(|t| format!("\"{}\"", t.replace(['"', '“', '”'], "")))
            .collect();
        let mut queries = vec![(terms.join(" "), terms.len())];
        if terms.len() > 1 {
            queries.extend(terms.iter().map(|t| (t.clone(), 1)));
        }
        let mut shared: Vec<(Record, usize)> = Vec::new();
        for (query, weight) in queries.into_iter().filter(|(q, _)| !q.is_empty()) {
            let found = match self.search(session, &query, NAMED + 1) {
                Ok(found) => found,
                // A keyword the query language cannot read finds nothing related, not an error.
                Err(crate::Error::BadInput(_)) => continue,
                Err(e) => return Err(e),
            };
            for hit in found.hits.into_iter().filter(|h| h.record.id != record.id) {
                match shared.iter_mut().find(|(r, _)| r.id == hit.record.id) {
                    Some((_, n)) => *n += weight,
                    None => shared.push((hit.record, weight)),
                }
            }
        }
        // Stable: among those sharing as much, the search's order stands.
        shared.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        Ok(shared.into_iter().take(NAMED).map(|(r, _)| r).collect())
    }
}

/// A 文号's series and year as it is written before the number (`京政发〔2019〕` of
/// `京政发〔2019〕12号`); `None` when it names no series.
fn series_and_year(doc_no: &str) -> Option<String> {
    let trimmed = doc_no.trim();
    if series(trimmed).is_empty() {
        return None;
    }
    // Up to the bracket closing the year, or else up to the number.
    let end = trimmed
        .char_indices()
        .find(|(_, c)| matches!(c, '〕' | ']' | ')' | '）' | '】'))
        .map(|(at, c)| at + c.len_utf8())
        .or_else(|| trimmed.find(|c: char| c.is_ascii_digit()))?;
    Some(trimmed[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::series_and_year;

    #[test]
    fn a_series_is_its_issuer_and_year() {
        assert_eq!(
            series_and_year("京政发〔2019〕12号").as_deref(),
            Some("京政发〔2019〕")
        );
        assert_eq!(series_and_year("档字12号").as_deref(), Some("档字"));
        assert_eq!(series_and_year("12号"), None);
        assert_eq!(series_and_year(""), None);
    }
}
