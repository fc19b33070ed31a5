//! Matches counted per fonds, year and status, from the fields' fast columns, in the same pass that
//! ranks them: an array slot per value in each segment, named only when the segments are merged.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::{Facets, FastColumn};

/// The collector: counts per fonds, year and status of every match.
pub(super) struct Tally;

/// One string column: its values by ordinal, and a count per ordinal.
struct StrCounts {
    column: Option<StrColumn>,
    ords: Option<FastColumn>,
    counts: Vec<u64>,
}

impl StrCounts {
    fn open(segment: &SegmentReader, field: &str) -> tantivy::Result<StrCounts> {
        let column = segment.fast_fields().str(field)?;
        let ords = column
            .as_ref()
            .map(|c| c.ords().clone().first_or_default_col(u64::MAX));
        let counts = vec![0; column.as_ref().map_or(0, |c| c.num_terms())];
        Ok(StrCounts {
            column,
            ords,
            counts,
        })
    }

    fn count(&mut self, doc: DocId) {
        if let Some(ords) = &self.ords
            && let Some(slot) = self.counts.get_mut(ords.get_val(doc) as usize)
        {
            *slot += 1;
        }
    }

    fn named(self, into: &mut BTreeMap<String, u64>) -> tantivy::Result<()> {
        let Some(column) = self.column else {
            return Ok(());
        };
        let mut name = String::new();
        for (ord, n) in self.counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
            name.clear();
            if column.ord_to_str(ord as u64, &mut name)? {
                *into.entry(name.clone()).or_default() += n;
            }
        }
        Ok(())
    }
}

pub(super) struct SegmentTally {
    fonds: StrCounts,
    status: StrCounts,
    year: Option<FastColumn>,
    /// Counts by year, from the segment's lowest year on.
    year_from: u64,
    years: Vec<u64>,
}

/// What a segment counted, with its values named.
pub(super) type Named = [BTreeMap<String, u64>; 3];

impl Collector for Tally {
    type Fruit = Facets;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let year = segment
            .fast_fields()
            .u64("year")
            .ok()
            .map(|c| c.first_or_default_col(0));
        let (year_from, span) = year.as_ref().map_or((0, 0), |c| {
            (c.min_value(), c.max_value() - c.min_value() + 1)
        });
        Ok(SegmentTally {
            fonds: StrCounts::open(segment, "fonds")?,
            status: StrCounts::open(segment, "status")?,
            year,
            year_from,
            years: vec![0; span as usize],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<tantivy::Result<Named>>) -> tantivy::Result<Facets> {
        let mut all: Named = Default::default();
        for segment in segments {
            for (into, from) in all.iter_mut().zip(segment?) {
                for (name, n) in from {
                    *into.entry(name).or_default() += n;
                }
            }
        }
        let [fonds, year, status] = all.map(|counts| counts.into_iter().collect());
        Ok(Facets {
            fonds,
            year,
            status,
        })
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = tantivy::Result<Named>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.fonds.count(doc);
        self.status.count(doc);
        if let Some(year) = &self.year
            && let Some(slot) = self
                .years
                .get_mut(year.get_val(doc).wrapping_sub(self.year_from) as usize)
        {
            *slot += 1;
        }
    }

    fn harvest(self) -> tantivy::Result<Named> {
        let mut named: Named = Default::default();
        self.fonds.named(&mut named[0])?;
        for (offset, n) in self.years.iter().enumerate().filter(|(_, n)| **n > 0) {
            named[1].insert((self.year_from + offset as u64).to_string(), *n);
        }
        self.status.named(&mut named[2])?;
        Ok(named)
    }
}
