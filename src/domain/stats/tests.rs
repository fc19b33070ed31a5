use super::*;

fn row(
    fonds: &str,
    year: i32,
    retention: &str,
    in_volume: bool,
    added: i32,
    gone: i32,
    n: u64,
) -> HoldingRow {
    HoldingRow {
        fonds: fonds.into(),
        year,
        category: String::new(),
        retention: retention.into(),
        carrier: "paper".into(),
        classification: "public".into(),
        openness: "unreviewed".into(),
        in_volume,
        added,
        via: if added == 2026 {
            "import".into()
        } else {
            "entry".into()
        },
        gone,
        n,
        pages: n * 3,
    }
}

#[test]
fn holdings_at_a_year_end_take_what_came_before_and_leave_what_went_before() {
    let rows = [
        row("J001", 2019, "Y", false, 2020, 0, 10),
        row("J001", 2010, "D10", false, 2020, 2025, 4),
        row("J002", 1985, "Y", true, 2026, 0, 7),
        row("J002", 1985, "D30", false, 2024, 2026, 2),
    ];
    let (held, added, destroyed) = fold_holdings(&rows, 2025);
    // 10 held; the 4 went in 2025; the 7 came in 2026; the 2 went in 2026, after.
    assert_eq!((held.records, held.loose, held.in_volumes), (12, 12, 0));
    assert_eq!(held.pages, 36);
    assert_eq!(held.by_retention, vec![("Y".into(), 10), ("D30".into(), 2)]);
    assert!(added.is_empty());
    assert_eq!(destroyed, vec![("J001".into(), 4)]);
    let (held, added, destroyed) = fold_holdings(&rows, 2026);
    assert_eq!((held.records, held.in_volumes), (17, 7));
    assert_eq!(added, vec![("import".into(), 7)]);
    assert_eq!(destroyed, vec![("J002".into(), 2)]);
    assert_eq!(held.by_year, vec![(1985, 7), (2019, 10)]);
}

#[test]
fn a_fonds_year_is_certified_only_by_a_certified_register_over_all_its_boxes() {
    let years: BTreeMap<(String, i32), u64> = [
        (("J001".into(), 2017), 5),
        (("J001".into(), 2018), 6),
        (("J001".into(), 2019), 7),
        (("J001".into(), 2021), 1),
        (("J002".into(), 2019), 3),
    ]
    .into_iter()
    .collect();
    let registers = [
        RegisterSpan {
            fonds: "J001".into(),
            years: Some((2017, 2018)),
            boxes: false,
            started: true,
            certified: true,
        },
        RegisterSpan {
            fonds: "J001".into(),
            years: Some((2019, 2019)),
            boxes: true,
            started: true,
            certified: true,
        },
        RegisterSpan {
            fonds: "J002".into(),
            years: None,
            boxes: false,
            started: false,
            certified: false,
        },
    ];
    let certified = [("J001".to_string(), 13)].into_iter().collect();
    let t = Transition::reckon(&years, &registers, &certified);
    let j001 = &t.fonds[0];
    let spans: Vec<(i32, i32, Track, u64)> = j001
        .spans
        .iter()
        .map(|s| (s.from, s.to, s.track, s.records))
        .collect();
    assert_eq!(
        spans,
        vec![
            (2017, 2018, Track::Certified, 11),
            (2019, 2019, Track::Reconciling, 7),
            (2021, 2021, Track::NotStarted, 1),
        ]
    );
    assert_eq!(t.fonds[1].spans[0].track, Track::NotStarted);
    assert_eq!((t.records(), t.certified()), (22, 13));
    assert_eq!(t.years_in(Track::Certified), 2);
    assert_eq!(t.years_in(Track::NotStarted), 2);
    assert_eq!(percent(13, 22), 59.1);
    assert_eq!(percent(1, 0), 0.0);
}
