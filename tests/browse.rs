//! Browsing through the library: keyset windows agree with plain pages, and the kept counts per
//! fonds and year follow every change, within each user's clearance.

use dangan::archive::demo;
use dangan::domain::Anchor;
use dangan::domain::Field;
use dangan::domain::RecordQuery;

fn codes(records: &[dangan::domain::Record]) -> Vec<String> {
    records.iter().map(|r| r.code.to_string()).collect()
}

#[test]
fn windows_by_keyset_match_pages_by_offset() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = demo::build(&dir.path().join("demo"), 600, 7).unwrap();
    let admin = archive.login("admin", "demo-admin-2019").unwrap();
    let filter = RecordQuery {
        fonds: Some("J002".into()),
        ..RecordQuery::default()
    };
    let (all, total) = archive.list(&admin, &filter, 1000, 0).unwrap();
    assert_eq!(all.len() as u64, total);
    assert!(total > 60, "{total}");

    let first = archive.window(&admin, &filter, &Anchor::First, 20).unwrap();
    assert_eq!(codes(&first), codes(&all[..20]));
    let after = Anchor::After(all[19].code.clone());
    let next = archive.window(&admin, &filter, &after, 20).unwrap();
    assert_eq!(codes(&next), codes(&all[20..40]));
    let before = Anchor::Before(all[40].code.clone());
    let back = archive.window(&admin, &filter, &before, 20).unwrap();
    assert_eq!(codes(&back), codes(&all[20..40]), "in list order");
    let last = archive.window(&admin, &filter, &Anchor::Last, 5).unwrap();
    assert_eq!(codes(&last), codes(&all[all.len() - 5..]));

    let middle = &all[33].code;
    let at = archive
        .window(&admin, &filter, &Anchor::AtOrAfter(middle.clone()), 1)
        .unwrap();
    assert_eq!(&at[0].code, middle);
    assert_eq!(
        archive.position(&admin, &filter, middle).unwrap(),
        (33, total)
    );
}

#[test]
fn counts_per_fonds_and_year_follow_changes_and_clearance() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = demo::build(&dir.path().join("demo"), 300, 11).unwrap();
    let admin = archive.login("admin", "demo-admin-2019").unwrap();
    let reader = archive.login("reader", "demo-reader-2019").unwrap();
    let count_of = |archive: &dangan::Archive, session, fonds: &str| -> (u64, u64) {
        let listed = archive
            .fonds(session)
            .unwrap()
            .into_iter()
            .find(|f| f.code == fonds)
            .unwrap()
            .records;
        let by_year: u64 = archive
            .years(session, fonds)
            .unwrap()
            .iter()
            .map(|(_, n)| n)
            .sum();
        assert_eq!(listed, by_year, "fonds total = sum of its years");
        let filter = RecordQuery {
            fonds: Some(fonds.into()),
            ..RecordQuery::default()
        };
        let (_, total) = archive.list(session, &filter, 1, 0).unwrap();
        assert_eq!(listed, total, "list total = fonds count");
        (listed, by_year)
    };
    let (admin_before, _) = count_of(&archive, &admin, "J001");
    let (reader_before, _) = count_of(&archive, &reader, "J001");
    assert!(
        reader_before < admin_before,
        "secret records are not counted for a reader"
    );

    // A public record made 机密: the reader's count drops by one, the admin's stays.
    let filter = RecordQuery {
        fonds: Some("J001".into()),
        ..RecordQuery::default()
    };
    let (visible, _) = archive.list(&reader, &filter, 1, 0).unwrap();
    let code = visible[0].code.clone();
    archive
        .edit_record(
            &admin,
            &code,
            &[(Field::Classification, "机密".into())],
            None,
        )
        .unwrap();
    assert_eq!(count_of(&archive, &admin, "J001").0, admin_before);
    assert_eq!(count_of(&archive, &reader, "J001").0, reader_before - 1);
}
