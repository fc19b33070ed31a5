//! Smart description through the library, on a hand-made catalogue with plain habits: minutes of
//! the office kept for ever, budgets of finance kept 30 years, appointments filed 秘密, and a 机密
//! series on 核应急 that a user cleared to 公开 must never learn of — not from a suggestion, a
//! look-alike, a related record, nor a backlog run.

use dangan::archive::import::{Alike, ImportOptions};
use dangan::archive::records::NewCode;
use dangan::domain::suggest::Described;
use dangan::domain::{
    ArchivalCode, Classification, CodeGroup, CodeScheme, Field, RecordData, Retention, Role,
};
use dangan::{Archive, Session};

const PASSWORD: &str = "著录-口令-2026";

struct Fixture {
    dir: tempfile::TempDir,
    archive: Archive,
    archivist: Session,
    low: Session,
}

/// (year, retention, dept, title, responsible, 文号, date, 密级, keywords)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Classification,
    &'static str,
);

const ROWS: &[Row] = &[
    (
        "2019",
        "Y",
        "BGS",
        "办公室２０１９年第１次工作会议纪要",
        "市人民政府办公室",
        "",
        "2019-01-08",
        Classification::Public,
        "会议纪要 办公室",
    ),
    (
        "2019",
        "Y",
        "BGS",
        "办公室２０１９年第２次工作会议纪要",
        "市人民政府办公室",
        "",
        "2019-02-12",
        Classification::Public,
        "会议纪要",
    ),
    (
        "2019",
        "Y",
        "BGS",
        "办公室关于“五一”值班安排的会议纪要",
        "市人民政府办公室",
        "",
        "2019-04-20",
        Classification::Public,
        "会议纪要 值班",
    ),
    (
        "2019",
        "D30",
        "CWK",
        "２０１９年度部门预算编制说明",
        "市财政局",
        "财预〔2019〕3号",
        "2019-01-15",
        Classification::Internal,
        "预算",
    ),
    (
        "2019",
        "D30",
        "CWK",
        "关于调整２０１９年度预算的请示",
        "市财政局",
        "财预〔2019〕7号",
        "2019-06-03",
        Classification::Internal,
        "预算 请示",
    ),
    (
        "2019",
        "D30",
        "CWK",
        "财务科预算执行情况报告…（附表３份）",
        "市财政局",
        "财预〔2019〕9号",
        "2019-09-30",
        Classification::Internal,
        "预算",
    ),
    (
        "2019",
        "Y",
        "RSK",
        "关于张三同志任职的通知",
        "中共某市委组织部",
        "组干〔2019〕1号",
        "2019-03-01",
        Classification::Secret,
        "任免 人事",
    ),
    (
        "2019",
        "Y",
        "RSK",
        "关于李四同志任职的通知",
        "中共某市委组织部",
        "组干〔2019〕2号",
        "2019-03-02",
        Classification::Secret,
        "任免",
    ),
    (
        "2019",
        "Y",
        "RSK",
        "关于王五同志免职的通知",
        "中共某市委组织部",
        "组干〔2019〕4号",
        "2019-05-11",
        Classification::Secret,
        "任免",
    ),
    (
        "2019",
        "Y",
        "HYJ",
        "核应急预案（第一版）",
        "市核应急办",
        "核应急〔2019〕1号",
        "2019-07-01",
        Classification::Confidential,
        "核应急 预案",
    ),
    (
        "2019",
        "Y",
        "HYJ",
        "核应急演练方案",
        "市核应急办",
        "核应急〔2019〕2号",
        "2019-07-02",
        Classification::Confidential,
        "核应急 演练",
    ),
    (
        "2019",
        "Y",
        "HYJ",
        "核应急物资储备清单",
        "市核应急办",
        "核应急〔2019〕3号",
        "2019-07-03",
        Classification::Confidential,
        "核应急",
    ),
    (
        "2020",
        "Y",
        "BGS",
        "办公室２０２０年第１次工作会议纪要",
        "市人民政府办公室",
        "",
        "2020-01-09",
        Classification::Public,
        "",
    ),
    (
        "2020",
        "D30",
        "CWK",
        "关于２０２０年度预算执行的报告",
        "市财政局",
        "财预〔2020〕2号",
        "2020-03-09",
        Classification::Internal,
        "",
    ),
];

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::init(&dir.path().join("a")).unwrap();
    let admin = archive
        .create_first_admin("admin", "张馆长", PASSWORD)
        .unwrap();
    for (name, clearance) in [
        ("archivist", Classification::Confidential),
        ("low", Classification::Public),
    ] {
        archive
            .add_user(&admin, name, "", PASSWORD, Role::Archivist, clearance)
            .unwrap();
    }
    archive
        .add_user(
            &admin,
            "reader",
            "",
            PASSWORD,
            Role::Reader,
            Classification::Confidential,
        )
        .unwrap();
    archive
        .add_fonds(&admin, "J001", "某市人民政府", CodeScheme::Plain)
        .unwrap();
    let archivist = archive.login("archivist", PASSWORD).unwrap();
    for (year, retention, dept, title, responsible, doc_no, date, classification, keywords) in ROWS
    {
        let data = RecordData {
            title: (*title).into(),
            responsible: (*responsible).into(),
            doc_no: (*doc_no).into(),
            date: date.parse().ok(),
            classification: *classification,
            keywords: (*keywords).into(),
            ..RecordData::default()
        };
        let group = CodeGroup::new("J001", year, retention, dept).unwrap();
        archive
            .add_record(&archivist, NewCode::Next(group), &data)
            .unwrap();
    }
    let low = archive.login("low", PASSWORD).unwrap();
    Fixture {
        dir,
        archive,
        archivist,
        low,
    }
}

fn described(title: &'static str) -> Described<'static> {
    Described {
        fonds: "J001",
        title,
        responsible: "",
        doc_no: "",
    }
}

#[test]
fn a_new_title_is_given_the_values_of_the_records_like_it() {
    let f = fixture();
    let learner = f.archive.learner(&f.archivist, &mut |_| {}).unwrap();
    assert_eq!(learner.examples(), ROWS.len() as u64);
    let minutes = learner.suggest(&described("办公室２０２１年第３次工作会议纪要"));
    assert_eq!(minutes.dept.unwrap().value, "BGS");
    assert_eq!(minutes.retention.unwrap().value, Retention::Permanent);
    assert_eq!(
        minutes.classification.unwrap().value,
        Classification::Public
    );
    assert_eq!(minutes.keywords[0].value, "会议纪要");
    let budget = learner.suggest(&described("关于２０２２年度预算调整的请示"));
    assert_eq!(budget.dept.unwrap().value, "CWK");
    assert_eq!(budget.retention.unwrap().value, Retention::ThirtyYears);
    let terms: Vec<&str> = budget
        .keywords
        .iter()
        .take(2)
        .map(|g| g.value.as_str())
        .collect();
    assert!(
        terms.contains(&"预算") && terms.contains(&"请示"),
        "{terms:?}"
    );
    // The 文号 series alone says who files it.
    let by_number = learner.suggest(&Described {
        fonds: "J001",
        title: "关于赵六同志的通知",
        responsible: "中共某市委组织部",
        doc_no: "组干〔2021〕9号",
    });
    assert_eq!(by_number.dept.unwrap().value, "RSK");
    assert_eq!(
        by_number.classification.unwrap().value,
        Classification::Secret
    );
    let nuclear = learner.suggest(&described("核应急值守制度"));
    assert_eq!(nuclear.dept.unwrap().value, "HYJ");
    assert_eq!(
        nuclear.classification.unwrap().value,
        Classification::Confidential
    );
    assert_eq!(nuclear.keywords[0].value, "核应急");
}

#[test]
fn a_user_cleared_to_public_learns_nothing_from_records_above_it() {
    let mut f = fixture();
    let learner = f.archive.learner(&f.low, &mut |_| {}).unwrap();
    let public = ROWS
        .iter()
        .filter(|r| r.7 == Classification::Public)
        .count();
    assert_eq!(learner.examples(), public as u64);
    let nuclear = learner.suggest(&Described {
        fonds: "J001",
        title: "核应急值守制度",
        responsible: "市核应急办",
        doc_no: "核应急〔2021〕1号",
    });
    let said = format!("{nuclear:?}");
    for hidden in [
        "HYJ",
        "RSK",
        "CWK",
        "核应急",
        "任免",
        "Confidential",
        "Secret",
        "Internal",
    ] {
        assert!(!said.contains(hidden), "{hidden} in {said}");
    }
    // A reader may not describe records, so gets no learner at all.
    let reader = f.archive.login("reader", PASSWORD).unwrap();
    assert!(f.archive.learner(&reader, &mut |_| {}).is_err());
}

#[test]
fn a_record_typed_again_is_flagged_but_not_above_the_clearance() {
    let f = fixture();
    let again = RecordData {
        title: "核应急演练方案。".into(),
        date: "2019-07-02".parse().ok(),
        ..RecordData::default()
    };
    let found = f
        .archive
        .look_alikes(&f.archivist, "J001", &again, None)
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code.to_string(), "J001-2019-Y-HYJ-0002");
    assert!(
        f.archive
            .look_alikes(&f.low, "J001", &again, None)
            .unwrap()
            .is_empty()
    );
    // The next meeting's minutes on the same day are another document.
    let next = RecordData {
        title: "办公室２０１９年第３次工作会议纪要".into(),
        date: "2019-02-12".parse().ok(),
        ..RecordData::default()
    };
    assert!(
        f.archive
            .look_alikes(&f.archivist, "J001", &next, None)
            .unwrap()
            .is_empty()
    );
    // A record is not its own look-alike when it is edited.
    let own: ArchivalCode = "J001-2019-Y-HYJ-0002".parse().unwrap();
    assert!(
        f.archive
            .look_alikes(&f.archivist, "J001", &again, Some(&own))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn related_records_share_a_series_a_maker_or_a_subject_within_the_clearance() {
    let mut f = fixture();
    let budget: ArchivalCode = "J001-2019-D30-CWK-0002".parse().unwrap();
    let related = f.archive.related(&f.archivist, &budget).unwrap();
    let codes = |records: &[dangan::domain::Record]| -> Vec<String> {
        records.iter().map(|r| r.code.to_string()).collect()
    };
    assert_eq!(
        codes(&related.series),
        ["J001-2019-D30-CWK-0003", "J001-2019-D30-CWK-0001"]
    );
    assert_eq!(codes(&related.responsible).len(), 3);
    assert!(codes(&related.subject).contains(&"J001-2019-D30-CWK-0001".to_string()));
    assert!(!codes(&related.subject).contains(&budget.to_string()));
    let minutes: ArchivalCode = "J001-2019-Y-BGS-0001".parse().unwrap();
    let seen_low = f.archive.related(&f.low, &minutes).unwrap();
    let all = [seen_low.subject, seen_low.series, seen_low.responsible].concat();
    assert!(
        all.iter()
            .all(|r| r.data.classification == Classification::Public)
    );
    // A record above the clearance has no relations to tell: it is not found.
    let nuclear: ArchivalCode = "J001-2019-Y-HYJ-0001".parse().unwrap();
    assert!(f.archive.related(&f.low, &nuclear).is_err());
}

#[test]
fn a_backlog_run_proposes_missing_keywords_and_writes_them_above_the_threshold() {
    let mut f = fixture();
    let listed = f
        .archive
        .suggest_batch(&f.archivist, "J001", 2020, None, &mut |_| {})
        .unwrap();
    assert_eq!(listed.records, 2);
    assert_eq!(listed.applied, 0);
    let keywords: Vec<(&str, String)> = listed
        .proposals
        .iter()
        .filter(|p| p.field == Some(Field::Keywords))
        .map(|p| (p.suggested.as_str(), p.code.to_string()))
        .collect();
    assert!(
        keywords
            .iter()
            .any(|(k, c)| k.starts_with("会议纪要") && c == "J001-2020-Y-BGS-0001"),
        "{keywords:?}"
    );
    assert!(
        keywords
            .iter()
            .any(|(k, c)| k.starts_with("预算") && c == "J001-2020-D30-CWK-0001")
    );
    let untouched = f
        .archive
        .record(&f.archivist, &"J001-2020-Y-BGS-0001".parse().unwrap())
        .unwrap();
    assert_eq!(untouched.data.keywords, "");
    let done = f
        .archive
        .suggest_batch(&f.archivist, "J001", 2020, Some(0.5), &mut |_| {})
        .unwrap();
    assert!(done.applied >= 1);
    let written = f
        .archive
        .record(&f.archivist, &"J001-2020-Y-BGS-0001".parse().unwrap())
        .unwrap();
    assert!(written.data.keywords.contains("会议纪要"));
    assert_eq!(written.version, 2, "a versioned edit");
    let admin = f.archive.login("admin", PASSWORD).unwrap();
    let trail = f
        .archive
        .audit_latest(&admin, &dangan::domain::audit::AuditFilter::default(), 20)
        .unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.action == "record.suggested" && e.object == "J001-2020-Y-BGS-0001"),
        "audited as suggested"
    );
    // Run again: nothing is missing any more, nothing is written twice.
    let again = f
        .archive
        .suggest_batch(&f.archivist, "J001", 2020, Some(0.5), &mut |_| {})
        .unwrap();
    assert_eq!(again.applied, 0);
    // The 公开 user's run never sees, proposes for or writes a record above 公开.
    let low = f
        .archive
        .suggest_batch(&f.low, "J001", 2019, Some(0.0), &mut |_| {})
        .unwrap();
    assert_eq!(low.records, 3);
    assert!(low.proposals.iter().all(|p| p.code.group.dept == "BGS"));
}

#[test]
fn an_import_flags_rows_that_repeat_a_record_or_each_other_and_still_imports() {
    let mut f = fixture();
    let path = f.dir.path().join("列表.csv");
    std::fs::write(
        &path,
        "档号,题名,责任者,文号,日期,密级\n\
         J001-2019-Y-BGS-0101,办公室２０１９年第２次工作会议纪要,市人民政府办公室,,2019-02-12,公开\n\
         J001-2019-Y-BGS-0102,关于印发《档案工作规范》的通知,市档案局,档发〔2019〕3号,2019-03-05,公开\n\
         J001-2019-Y-BGS-0103,关于印发《档案工作规范》的通知。,市档案局,档发〔２０１９〕３号,2019-03-05,公开\n\
         J001-2019-Y-BGS-0104,核应急演练方案,,,2019-07-02,公开\n",
    )
    .unwrap();
    let report = f
        .archive
        .import_records(&f.low, &path, &ImportOptions::default())
        .unwrap();
    assert_eq!(report.rows, 4);
    // Neither names a row's own code (numbered on import, it would count hidden records).
    let flagged: Vec<(u64, Alike)> = report
        .look_alikes
        .iter()
        .map(|a| (a.line, a.like.clone()))
        .collect();
    // Line 5 repeats a 机密 record the importer cannot see: not named to them.
    assert_eq!(
        flagged,
        [
            (2, Alike::Record("J001-2019-Y-BGS-0002".into())),
            (4, Alike::Line(3)),
        ]
    );
}

#[test]
fn a_long_list_of_one_day_is_compared_row_by_row_and_a_number_is_one_in_either_width() {
    let mut f = fixture();
    let mut list = String::from("档号,题名,责任者,文号,日期,密级\n");
    let row = |n: usize, title: &str, doc_no: &str, date: &str| {
        format!(
            "J001-2019-D30-BGS-{:04},{title},市档案局,{doc_no},{date},公开\n",
            n + 500
        )
    };
    // A transfer list dated at its registration: 250 documents of one day, none alike.
    let title = |n: usize| format!("关于“第{n}号”档案——《移交清册》…（１）");
    for n in 1..=250 {
        list.push_str(&row(n, &title(n), "", "2019-05-20"));
    }
    // Line 252 repeats line 231 (past the 200 a form compares), ending in a stop.
    list.push_str(&row(251, &format!("{}。", title(230)), "", "2019-05-20"));
    // Lines 253 and 254: one 文号, typed full-width and then half-width, weeks apart.
    let numbered = [
        (
            "关于开展档案安全检查的通知",
            "档发〔２０２０〕５号",
            "2020-01-02",
        ),
        (
            "关于开展档案安全检查工作的通知",
            "档发〔2020〕5号",
            "2020-03-04",
        ),
    ];
    for (n, (title, doc_no, date)) in numbered.into_iter().enumerate() {
        list.push_str(&row(252 + n, title, doc_no, date));
    }
    let path = f.dir.path().join("移交清册.csv");
    std::fs::write(&path, list).unwrap();
    let report = f
        .archive
        .import_records(&f.archivist, &path, &ImportOptions::default())
        .unwrap();
    assert_eq!(report.rows, 253);
    let flagged: Vec<(u64, Alike)> = report
        .look_alikes
        .iter()
        .map(|a| (a.line, a.like.clone()))
        .collect();
    assert_eq!(flagged, [(252, Alike::Line(231)), (254, Alike::Line(253))]);
}
