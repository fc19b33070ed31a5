//! The statistics as a list of figures, each one number with what it is, its unit and where it
//! belongs: the one shape the table, CSV, xlsx, JSON and the workstation's table all print.

use super::transition::percent;
use super::{Statistics, Track};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Holdings,
    Additions,
    Destructions,
    Use,
    Digital,
    Transition,
}

impl Section {
    pub fn code(self) -> &'static str {
        match self {
            Section::Holdings => "holdings",
            Section::Additions => "additions",
            Section::Destructions => "destructions",
            Section::Use => "use",
            Section::Digital => "digital",
            Section::Transition => "transition",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Total,
    ByFonds,
    VolumesByFonds,
    ByCategory,
    ByRetention,
    ByCarrier,
    ByClass,
    ByOpenness,
    ByVia,
    ByPurpose,
    VisitsByPurpose,
    ByKind,
    ByUnit,
    ByMonth,
    Spans,
    ShareByFonds,
}

impl Group {
    pub fn code(self) -> &'static str {
        match self {
            Group::Total => "total",
            Group::ByFonds => "by_fonds",
            Group::VolumesByFonds => "volumes_by_fonds",
            Group::ByCategory => "by_category",
            Group::ByRetention => "by_retention",
            Group::ByCarrier => "by_carrier",
            Group::ByClass => "by_classification",
            Group::ByOpenness => "by_openness",
            Group::ByVia => "by_source",
            Group::ByPurpose => "by_purpose",
            Group::VisitsByPurpose => "visits_by_purpose",
            Group::ByKind => "by_kind",
            Group::ByUnit => "by_unit",
            Group::ByMonth => "by_month",
            Group::Spans => "fonds_years",
            Group::ShareByFonds => "share_by_fonds",
        }
    }
}

/// What a figure counts: a total of its section, or one value of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Records,
    Loose,
    InVolumes,
    Volumes,
    Pages,
    FondsCount,
    Added,
    Destroyed,
    Loans,
    Visits,
    Overdue,
    Lost,
    Objects,
    Digitised,
    DigitisedPages,
    Bytes,
    ObjectsAdded,
    BytesAdded,
    Certified,
    Share,
    YearsIn(Track),
    Fonds(String),
    Category(String),
    Retention(String),
    Carrier(String),
    Class(String),
    Openness(String),
    Via(String),
    Purpose(String),
    Kind(String),
    Unit(String),
    Month(u32),
    Span {
        fonds: String,
        from: i32,
        to: i32,
        track: Track,
    },
}

impl Key {
    /// The figure's key for programs: a total's name, or the breakdown's value as stored.
    pub fn code(&self) -> String {
        match self {
            Key::Records => "records".into(),
            Key::Loose => "items".into(),
            Key::InVolumes => "items_in_volumes".into(),
            Key::Volumes => "volumes".into(),
            Key::Pages => "pages".into(),
            Key::FondsCount => "fonds".into(),
            Key::Added => "added".into(),
            Key::Destroyed => "destroyed".into(),
            Key::Loans => "loans".into(),
            Key::Visits => "visits".into(),
            Key::Overdue => "overdue".into(),
            Key::Lost => "lost".into(),
            Key::Objects => "objects".into(),
            Key::Digitised => "digitised_records".into(),
            Key::DigitisedPages => "digitised_pages".into(),
            Key::Bytes => "bytes".into(),
            Key::ObjectsAdded => "objects_added".into(),
            Key::BytesAdded => "bytes_added".into(),
            Key::Certified => "certified_records".into(),
            Key::Share => "certified_share".into(),
            Key::YearsIn(track) => format!("fonds_years_{}", track.code()),
            Key::Fonds(s)
            | Key::Category(s)
            | Key::Retention(s)
            | Key::Carrier(s)
            | Key::Class(s)
            | Key::Openness(s)
            | Key::Via(s)
            | Key::Purpose(s)
            | Key::Kind(s)
            | Key::Unit(s) => s.clone(),
            Key::Month(m) => m.to_string(),
            Key::Span {
                fonds, from, to, ..
            } if from == to => format!("{fonds}/{from}"),
            Key::Span {
                fonds, from, to, ..
            } => format!("{fonds}/{from}-{to}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Record,
    Volume,
    Page,
    Fonds,
    Use,
    Visit,
    Object,
    Byte,
    Percent,
    FondsYear,
}

impl Unit {
    pub fn code(self) -> &'static str {
        match self {
            Unit::Record => "record",
            Unit::Volume => "volume",
            Unit::Page => "page",
            Unit::Fonds => "fonds",
            Unit::Use => "use",
            Unit::Visit => "visit",
            Unit::Object => "object",
            Unit::Byte => "byte",
            Unit::Percent => "percent",
            Unit::FondsYear => "fonds_year",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Count(u64),
    /// Per cent, to one decimal.
    Percent(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub section: Section,
    pub group: Group,
    pub key: Key,
    pub value: Number,
    pub unit: Unit,
}

struct Out(Vec<Figure>);

impl Out {
    fn put(&mut self, section: Section, group: Group, key: Key, n: u64, unit: Unit) {
        let value = Number::Count(n);
        self.0.push(Figure {
            section,
            group,
            key,
            value,
            unit,
        });
    }

    fn tally(
        &mut self,
        (section, group, unit): (Section, Group, Unit),
        rows: &[(String, u64)],
        key: fn(String) -> Key,
    ) {
        for (k, n) in rows {
            self.put(section, group, key(k.clone()), *n, unit);
        }
    }
}

impl Statistics {
    /// Every figure, in the order the yearly forms take them: totals first, then breakdowns.
    pub fn figures(&self) -> Vec<Figure> {
        use {Group as G, Key as K, Section as S, Unit as U};
        let mut out = Out(Vec::new());
        let held = &self.held;
        let h = S::Holdings;
        out.put(
            h,
            G::Total,
            K::FondsCount,
            held.fonds.len() as u64,
            U::Fonds,
        );
        out.put(h, G::Total, K::Records, held.records, U::Record);
        out.put(h, G::Total, K::Loose, held.loose, U::Record);
        out.put(h, G::Total, K::InVolumes, held.in_volumes, U::Record);
        out.put(h, G::Total, K::Volumes, held.volumes, U::Volume);
        out.put(h, G::Total, K::Pages, held.pages, U::Page);
        for f in &held.fonds {
            out.put(
                h,
                G::ByFonds,
                K::Fonds(f.code.clone()),
                f.records,
                U::Record,
            );
        }
        for f in held.fonds.iter().filter(|f| f.volumes > 0) {
            let key = K::Fonds(f.code.clone());
            out.put(h, G::VolumesByFonds, key, f.volumes, U::Volume);
        }
        out.tally(
            (h, G::ByCategory, U::Record),
            &held.by_category,
            K::Category,
        );
        out.tally(
            (h, G::ByRetention, U::Record),
            &held.by_retention,
            K::Retention,
        );
        out.tally((h, G::ByCarrier, U::Record), &held.by_carrier, K::Carrier);
        out.tally((h, G::ByClass, U::Record), &held.by_class, K::Class);
        out.tally(
            (h, G::ByOpenness, U::Record),
            &held.by_openness,
            K::Openness,
        );

        let added: u64 = self.added.iter().map(|(_, n)| n).sum();
        out.put(S::Additions, G::Total, K::Added, added, U::Record);
        out.tally((S::Additions, G::ByVia, U::Record), &self.added, K::Via);
        let destroyed: u64 = self.destroyed.iter().map(|(_, n)| n).sum();
        out.put(
            S::Destructions,
            G::Total,
            K::Destroyed,
            destroyed,
            U::Record,
        );
        out.tally(
            (S::Destructions, G::ByFonds, U::Record),
            &self.destroyed,
            K::Fonds,
        );

        let used = &self.used;
        let u = S::Use;
        out.put(u, G::Total, K::Visits, used.visits, U::Visit);
        out.put(u, G::Total, K::Loans, used.loans, U::Use);
        out.put(u, G::Total, K::Overdue, used.overdue, U::Use);
        out.put(u, G::Total, K::Lost, used.lost, U::Record);
        for (purpose, loans, _) in &used.by_purpose {
            out.put(u, G::ByPurpose, K::Purpose(purpose.clone()), *loans, U::Use);
        }
        for (purpose, _, visits) in &used.by_purpose {
            out.put(
                u,
                G::VisitsByPurpose,
                K::Purpose(purpose.clone()),
                *visits,
                U::Visit,
            );
        }
        out.tally((u, G::ByKind, U::Use), &used.by_kind, K::Kind);
        out.tally((u, G::ByUnit, U::Use), &used.by_unit, K::Unit);
        for (month, n) in (1..).zip(used.by_month) {
            out.put(u, G::ByMonth, K::Month(month), n, U::Use);
        }

        let d = &self.digital;
        let s = S::Digital;
        out.put(s, G::Total, K::Objects, d.objects, U::Object);
        out.put(s, G::Total, K::Digitised, d.records, U::Record);
        out.put(s, G::Total, K::DigitisedPages, d.pages, U::Page);
        out.put(s, G::Total, K::Bytes, d.bytes, U::Byte);
        out.put(s, G::Total, K::ObjectsAdded, d.objects_added, U::Object);
        out.put(s, G::Total, K::BytesAdded, d.bytes_added, U::Byte);

        let t = &self.transition;
        let x = S::Transition;
        out.put(x, G::Total, K::Records, t.records(), U::Record);
        out.put(x, G::Total, K::Certified, t.certified(), U::Record);
        let share = Number::Percent(percent(t.certified(), t.records()));
        out.0.push(Figure {
            section: x,
            group: G::Total,
            key: K::Share,
            value: share,
            unit: U::Percent,
        });
        for track in Track::ALL {
            out.put(
                x,
                G::Total,
                K::YearsIn(*track),
                t.years_in(*track),
                U::FondsYear,
            );
        }
        for f in &t.fonds {
            out.0.push(Figure {
                section: x,
                group: G::ShareByFonds,
                key: K::Fonds(f.code.clone()),
                value: Number::Percent(percent(f.certified, f.records)),
                unit: U::Percent,
            });
        }
        for f in &t.fonds {
            for span in &f.spans {
                let key = K::Span {
                    fonds: f.code.clone(),
                    from: span.from,
                    to: span.to,
                    track: span.track,
                };
                out.put(x, G::Spans, key, span.records, U::Record);
            }
        }
        out.0
    }
}
