//! The yearly statistics through the library, on a hand-made archive whose every figure was
//! counted by hand: holdings at two year ends, additions by how they came, a destruction, loans
//! by purpose, kind and month with 人次 and overdues, a lost record, a digital object, and the
//! transition before and after a scope is certified; then the same year as a user cleared only
//! to 公开, who must learn nothing of the records above it.

use chrono::{TimeZone, Utc};
use dangan::archive::appraisal::Proposal;
use dangan::archive::import::ImportOptions;
use dangan::archive::loans::LoanRequest;
use dangan::archive::records::NewCode;
use dangan::domain::appraisal::Decision;
use dangan::domain::loan::{Borrower, LoanKind};
use dangan::domain::register::Scope;
use dangan::domain::stats::{Group, Key, Number, Section, Statistics, Track};
use dangan::domain::{
    AppraisalKind, ArchivalCode, Carrier, Classification, CodeGroup, CodeScheme, RecordData, Role,
    Verdict,
};
use dangan::{Archive, Session};

const PASSWORD: &str = "统计-口令-2026";

fn at(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
}

struct Fixture {
    dir: tempfile::TempDir,
    archive: Archive,
    admin: Session,
    archivist: Session,
}

impl Fixture {
    fn add(
        &mut self,
        fonds: &str,
        year: &str,
        ret: &str,
        title: &str,
        about: (Classification, Carrier, u32),
    ) -> ArchivalCode {
        let group = CodeGroup::new(fonds, year, ret, "BGS").unwrap();
        let data = RecordData {
            title: title.into(),
            responsible: "市人民政府办公室".into(),
            classification: about.0,
            carrier: about.1,
            pages: Some(about.2),
            date: format!("{year}-03-12").parse().ok(),
            ..RecordData::default()
        };
        self.archive
            .add_record(&self.archivist, NewCode::Next(group), &data)
            .unwrap()
            .code
    }

    fn lend(&mut self, code: &ArchivalCode, who: (&str, &str), purpose: &str, kind: LoanKind) {
        let request = LoanRequest {
            borrower: Borrower {
                name: who.0.into(),
                unit: who.1.into(),
                id_no: String::new(),
                contact: String::new(),
            },
            purpose: purpose.into(),
            kind,
            due: None,
            approver: None,
        };
        self.archive.lend(&self.archivist, code, &request).unwrap();
    }

    fn file(&self, name: &str, text: &str) -> std::path::PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// The archive of the figures below, its clock left at 1 August 2026.
fn fixture() -> (Fixture, Vec<ArchivalCode>) {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::init(&dir.path().join("a")).unwrap();
    archive.set_clock(|| at(2025, 5, 1));
    let admin = archive
        .create_first_admin("admin", "张馆长", PASSWORD)
        .unwrap();
    for (name, role, clearance) in [
        ("archivist", Role::Archivist, Classification::Confidential),
        ("low", Role::Archivist, Classification::Public),
        ("visitor", Role::Public, Classification::Public),
        ("reader", Role::Reader, Classification::Internal),
    ] {
        archive
            .add_user(&admin, name, "", PASSWORD, role, clearance)
            .unwrap();
    }
    for (code, name) in [("J001", "市人民政府办公室"), ("J002", "市财政局")] {
        archive
            .add_fonds(&admin, code, name, CodeScheme::Plain)
            .unwrap();
    }
    let archivist = archive.login("archivist", PASSWORD).unwrap();
    let mut f = Fixture {
        dir,
        archive,
        admin,
        archivist,
    };
    use {Carrier as C, Classification as K};
    // Entered in 2025: the one record destroyed in 2026.
    let b1 = f.add(
        "J001",
        "2010",
        "D10",
        "关于2010年度“安全生产”检查的通知",
        (K::Public, C::Paper, 2),
    );
    f.archive.set_clock(|| at(2026, 6, 1));
    let a1 = f.add(
        "J001",
        "2019",
        "Y",
        "关于印发《档案管理办法》的通知",
        (K::Public, C::Paper, 3),
    );
    let a2 = f.add(
        "J001",
        "2019",
        "Y",
        "２０１９年第１次党组会议纪要——办公室",
        (K::Internal, C::Electronic, 5),
    );
    let a3 = f.add(
        "J001",
        "2019",
        "Y",
        "关于ISO 9001认证的批复…",
        (K::Confidential, C::Both, 7),
    );
    let b2 = f.add(
        "J001",
        "2010",
        "D10",
        "2010年保密工作检查",
        (K::Secret, C::Paper, 4),
    );
    let list = f.file(
        "移交目录.csv",
        "档号,题名,责任者,日期,页数,密级\n\
         J002-2019-Y-CWK-0001,关于“三公”经费预算执行情况的报告,市财政局,2019-07-01,1,公开\n\
         J002-2019-Y-CWK-0002,2019年决算说明,市财政局,2019-12-20,1,公开\n",
    );
    f.archive
        .import_records(&f.archivist, &list, &ImportOptions::default())
        .unwrap();
    let c1: ArchivalCode = "J002-2019-Y-CWK-0001".parse().unwrap();
    // Loans on 1 June: 陈志远 twice that day (one visit), Zhou Wen once.
    f.lend(&a1, ("陈志远", "市志办"), "编史修志", LoanKind::ReadingRoom);
    f.lend(&a2, ("陈志远", "市志办"), "编史修志", LoanKind::Copy);
    f.lend(
        &c1,
        ("Zhou Wen（周文）", "浙江大学历史系"),
        "学术研究",
        LoanKind::TakeOut,
    );
    let archivist = f.archivist.clone();
    f.archive.return_loan(&archivist, &a1, "完好").unwrap();
    // A digital object of 13 bytes on a1.
    let scan = f.file("说明.txt", "档案说明\n");
    f.archive.attach(&archivist, &a1, &[scan], None).unwrap();
    // The 2010 D10 record ran out in 2021: destroyed before a witness.
    let proposal = Proposal {
        line: None,
        code: b1.clone(),
        decision: Decision {
            verdict: Verdict::Destroy,
            period: None,
            until: None,
            new_class: None,
            reason: String::new(),
        },
    };
    let id = f
        .archive
        .propose_appraisal(
            &archivist,
            AppraisalKind::Retention,
            "2026 年到期鉴定",
            &[proposal],
        )
        .unwrap();
    let admin = f.admin.clone();
    f.archive.approve_appraisal(&admin, id, "同意").unwrap();
    f.archive
        .carry_out_destruction(&archivist, id, "张馆长")
        .unwrap();
    f.archive.set_clock(|| at(2026, 8, 1));
    f.archive.mark_lost(&archivist, &c1, "借阅人报失").unwrap();
    (f, vec![a1, a2, a3, b1, b2])
}

fn figure(stats: &Statistics, section: Section, group: Group, key: Key) -> Number {
    let found = stats
        .figures()
        .into_iter()
        .find(|f| f.section == section && f.group == group && f.key == key);
    found
        .map(|f| f.value)
        .unwrap_or_else(|| panic!("no {section:?} {group:?} {key:?}"))
}

fn count(stats: &Statistics, section: Section, group: Group, key: Key) -> u64 {
    match figure(stats, section, group, key) {
        Number::Count(n) => n,
        other => panic!("not a count: {other:?}"),
    }
}

fn tally(rows: &[(String, u64)]) -> Vec<(&str, u64)> {
    rows.iter().map(|(k, n)| (k.as_str(), *n)).collect()
}

#[test]
fn every_figure_of_the_year_as_counted_by_hand() {
    let (f, _) = fixture();
    let s = f.archive.statistics(&f.admin, Some(2026), None).unwrap();
    let h = &s.held;
    assert_eq!(
        (h.records, h.loose, h.in_volumes, h.volumes, h.pages),
        (6, 6, 0, 0, 21)
    );
    let fonds: Vec<(&str, u64)> = h
        .fonds
        .iter()
        .map(|f| (f.code.as_str(), f.records))
        .collect();
    assert_eq!(fonds, [("J001", 4), ("J002", 2)]);
    assert_eq!(tally(&h.by_retention), [("Y", 5), ("D10", 1)]);
    assert_eq!(
        tally(&h.by_carrier),
        [("paper", 4), ("electronic", 1), ("both", 1)]
    );
    assert_eq!(
        tally(&h.by_class),
        [
            ("public", 3),
            ("internal", 1),
            ("secret", 1),
            ("confidential", 1)
        ]
    );
    assert_eq!(tally(&h.by_openness), [("unreviewed", 6)]);
    assert_eq!(h.by_year, [(2010, 1), (2019, 5)]);
    assert_eq!(tally(&s.added), [("entry", 4), ("import", 2)]);
    assert_eq!(tally(&s.destroyed), [("J001", 1)]);

    let u = &s.used;
    assert_eq!((u.loans, u.visits, u.overdue, u.lost), (3, 2, 1, 1));
    let purposes: Vec<(&str, u64, u64)> = u
        .by_purpose
        .iter()
        .map(|(p, l, v)| (p.as_str(), *l, *v))
        .collect();
    assert_eq!(purposes, [("编史修志", 2, 1), ("学术研究", 1, 1)]);
    assert_eq!(
        tally(&u.by_kind),
        [("copy", 1), ("reading_room", 1), ("take_out", 1)]
    );
    assert_eq!(u.by_month[5], 3);
    assert_eq!(u.by_month.iter().sum::<u64>(), 3);

    let d = &s.digital;
    assert_eq!((d.objects, d.records, d.pages, d.bytes), (1, 1, 3, 13));
    assert_eq!((d.objects_added, d.bytes_added), (1, 13));

    // The year before: only the record entered in 2025, still held at its end.
    let before = f.archive.statistics(&f.admin, Some(2025), None).unwrap();
    assert_eq!((before.held.records, before.held.pages), (1, 2));
    assert_eq!(tally(&before.added), [("entry", 1)]);
    assert!(before.destroyed.is_empty());
    assert_eq!((before.used.loans, before.digital.objects), (0, 0));

    // One fonds.
    let j002 = f
        .archive
        .statistics(&f.admin, Some(2026), Some("j002"))
        .unwrap();
    assert_eq!(
        (j002.held.records, j002.used.loans, j002.used.lost),
        (2, 1, 1)
    );
    assert_eq!(j002.fonds.as_deref(), Some("J002"));
}

#[test]
fn the_transition_moves_when_a_scope_is_certified() {
    let (mut f, _) = fixture();
    let s = f.archive.statistics(&f.admin, None, None).unwrap();
    assert_eq!(s.year, 2026);
    assert_eq!(s.transition.years_in(Track::NotStarted), 3);
    assert_eq!(
        figure(&s, Section::Transition, Group::Total, Key::Share),
        Number::Percent(0.0)
    );

    let register = f.file(
        "台账.csv",
        "序号,档号,题名,责任者,日期\n\
         1,J002-2019-Y-CWK-0001,关于“三公”经费预算执行情况的报告,市财政局,2019-07-01\n\
         2,J002-2019-Y-CWK-0002,2019年决算说明,市财政局,2019-12-20\n",
    );
    let scope: Scope = "J002/2019".parse().unwrap();
    let archivist = f.archivist.clone();
    f.archive
        .import_register(&archivist, &register, &scope, None, None)
        .unwrap();
    let s = f.archive.statistics(&f.admin, None, None).unwrap();
    assert_eq!(s.transition.years_in(Track::Reconciling), 1);
    assert_eq!(s.transition.certified(), 0);

    f.archive.certify_scope(&archivist, &scope).unwrap();
    let s = f.archive.statistics(&f.admin, None, None).unwrap();
    assert_eq!(s.transition.years_in(Track::Certified), 1);
    assert_eq!(s.transition.years_in(Track::NotStarted), 2);
    assert_eq!(s.transition.certified(), 2);
    assert_eq!(
        figure(&s, Section::Transition, Group::Total, Key::Share),
        Number::Percent(33.3)
    );
    let share = figure(
        &s,
        Section::Transition,
        Group::ShareByFonds,
        Key::Fonds("J002".into()),
    );
    assert_eq!(share, Number::Percent(100.0));
    // The year before, nothing had been imported or certified.
    let before = f.archive.statistics(&f.admin, Some(2025), None).unwrap();
    assert_eq!(before.transition.years_in(Track::Certified), 0);
}

#[test]
fn a_user_cleared_to_public_learns_nothing_of_the_records_above() {
    let (mut f, _) = fixture();
    let low = f.archive.login("low", PASSWORD).unwrap();
    let s = f.archive.statistics(&low, Some(2026), None).unwrap();
    assert_eq!(s.ceiling, Classification::Public);
    assert_eq!((s.held.records, s.held.pages), (3, 5));
    assert_eq!(tally(&s.held.by_class), [("public", 3)]);
    assert_eq!(tally(&s.held.by_retention), [("Y", 3)]);
    assert_eq!(tally(&s.added), [("entry", 1), ("import", 2)]);
    // The destroyed record was 公开.
    assert_eq!(tally(&s.destroyed), [("J001", 1)]);
    // 陈志远's copy of the 内部 record is not seen: one loan of his, and no overdue.
    let u = &s.used;
    assert_eq!((u.loans, u.visits, u.overdue, u.lost), (2, 2, 0, 1));
    assert_eq!(tally(&u.by_kind), [("reading_room", 1), ("take_out", 1)]);
    assert_eq!(s.transition.years_in(Track::NotStarted), 2);
    // No figure anywhere names a classification above 公开.
    for figure in s.figures() {
        let key = figure.key.code();
        assert!(
            !["internal", "secret", "confidential"].contains(&key.as_str()),
            "{figure:?}"
        );
    }
    // A fonds that holds only what the user cannot see reads as one that holds nothing.
    let code = f.add(
        "J002",
        "2020",
        "Y",
        "机密预算",
        (Classification::Confidential, Carrier::Paper, 9),
    );
    let after = f
        .archive
        .statistics(&low, Some(2026), Some("J002"))
        .unwrap();
    assert_eq!(after.held.records, 2, "{code}");
    assert_eq!(
        count(&after, Section::Holdings, Group::Total, Key::Records),
        2
    );
}

#[test]
fn who_may_read_them_and_what_years_there_are() {
    let (mut f, _) = fixture();
    let visitor = f.archive.login("visitor", PASSWORD).unwrap();
    let refused = f.archive.statistics(&visitor, None, None).unwrap_err();
    assert!(refused.to_string().contains("statistics"), "{refused}");
    let reader = f.archive.login("reader", PASSWORD).unwrap();
    let s = f.archive.statistics(&reader, None, None).unwrap();
    assert_eq!(s.held.records, 4);
    let later = f
        .archive
        .statistics(&f.admin, Some(2027), None)
        .unwrap_err();
    assert!(later.to_string().contains("2027"), "{later}");
    let unknown = f
        .archive
        .statistics(&f.admin, None, Some("J009"))
        .unwrap_err();
    assert!(unknown.to_string().contains("J009"), "{unknown}");
}
