//! The yearly statistics (档案统计, GB/T 39784): holdings at the year's end, what came in and
//! what was destroyed in it, its use, digital objects and the dual-track transition, all within
//! the session's sight. Read from the kept holdings counts, so a million records cost a few
//! thousand rows.

use std::collections::BTreeMap;

use chrono::{Datelike, Local, NaiveDate, TimeZone, Utc};

use crate::archive::sight::Sight;
use crate::archive::store::stats::{self, YearBounds};
use crate::archive::{Archive, Session, timestamp};
use crate::domain::Permission;
use crate::domain::register::Scope;
use crate::domain::stats::{Digital, RegisterSpan, Statistics, Transition, Used, fold_holdings};
use crate::error::{Error, Result};
use crate::i18n::StatsMsg;

/// The earliest year the statistics take: before it no archive kept a catalogue in dangan.
const FIRST_YEAR: i32 = 1900;

/// Midnight of 1 January of `year`, local time, as the store's UTC text.
fn new_year(year: i32) -> String {
    let midnight = NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| Local.from_local_datetime(&t).earliest())
        .map(|t| t.with_timezone(&Utc));
    midnight.map_or_else(|| format!("{year:04}-01-01T00:00:00Z"), timestamp)
}

fn bounds(year: i32) -> YearBounds {
    YearBounds {
        start: new_year(year),
        end: new_year(year + 1),
        first_day: format!("{year:04}-01-01"),
        last_day: format!("{year:04}-12-31"),
    }
}

/// The local year of a stored UTC timestamp.
fn local_year(at: &str) -> Option<i32> {
    let at = chrono::DateTime::parse_from_rfc3339(at).ok()?;
    Some(at.with_timezone(&Local).year())
}

impl Archive {
    /// The statistics of `year` (this year when None), of one fonds or all, as far as the
    /// session sees: no record above its clearance is counted in any figure.
    pub fn statistics(
        &self,
        session: &Session,
        year: Option<i32>,
        fonds: Option<&str>,
    ) -> Result<Statistics> {
        session.require(Permission::ReadStatistics)?;
        let sight = Sight::of(session);
        let this_year = self.today().year();
        let year = year.unwrap_or(this_year);
        if !(FIRST_YEAR..=this_year).contains(&year) {
            let (first, last) = (FIRST_YEAR, this_year);
            return Err(Error::BadInput(
                StatsMsg::YearOutside { year, first, last }.into(),
            ));
        }
        let conn = self.store.conn();
        let names: BTreeMap<String, String> = stats::fonds_names(conn)?.into_iter().collect();
        let fonds = match fonds.map(|f| crate::domain::text::fold(f).trim().to_uppercase()) {
            Some(code) if !names.contains_key(&code) => {
                return Err(Error::NotFound(StatsMsg::NoFonds { fonds: code }.into()));
            }
            other => other,
        };
        let fonds = fonds.as_deref();
        let span = bounds(year);

        let rows = stats::holdings(conn, sight, fonds)?;
        let (mut held, added, destroyed) = fold_holdings(&rows, year);
        let volumes: BTreeMap<String, u64> = stats::volumes(conn, sight, fonds, &span)?
            .into_iter()
            .collect();
        held.volumes = volumes.values().sum();
        for entry in &mut held.fonds {
            entry.name = names.get(&entry.code).cloned().unwrap_or_default();
            entry.volumes = volumes.get(&entry.code).copied().unwrap_or(0);
        }

        let today = self.today().to_string();
        let used = self.use_figures(sight, fonds, &span, &today)?;
        let [objects, records, pages, bytes, objects_added, bytes_added] =
            stats::objects(conn, sight, fonds, &span)?;
        let digital = Digital {
            objects,
            records,
            pages,
            bytes,
            objects_added,
            bytes_added,
        };

        let registers: Vec<RegisterSpan> = stats::registers(conn)?
            .into_iter()
            .filter_map(|(scope, imported, certified)| {
                let scope: Scope = scope.parse().ok()?;
                let by_year_end = |at: &str| local_year(at).is_some_and(|y| y <= year);
                Some(RegisterSpan {
                    fonds: scope.fonds,
                    years: scope.years,
                    boxes: scope.boxes.is_some(),
                    started: by_year_end(&imported),
                    certified: certified.as_deref().is_some_and(by_year_end),
                })
            })
            .collect();
        let certified: BTreeMap<String, u64> = stats::certified_records(conn, sight, fonds, &span)?
            .into_iter()
            .collect();
        let transition = Transition::reckon(&held.fonds_years, &registers, &certified);

        Ok(Statistics {
            year,
            fonds: fonds.map(str::to_string),
            ceiling: sight.ceiling(),
            fonds_names: names,
            held,
            added,
            destroyed,
            used,
            digital,
            transition,
        })
    }

    fn use_figures(
        &self,
        sight: Sight,
        fonds: Option<&str>,
        span: &YearBounds,
        today: &str,
    ) -> Result<Used> {
        let conn = self.store.conn();
        let loans = stats::loans(conn, sight, fonds, span, today)?;
        let lost = stats::lost(conn, sight, fonds, span)?;
        Ok(Used::count(&loans, lost))
    }
}
