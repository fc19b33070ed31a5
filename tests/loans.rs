//! Loans through the library and the command line: the state rules, due dates and overdues across
//! month ends and leap days, clearance and approval, and the use register's counts.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::Sandbox;
use dangan::archive::loans::LoanRequest;
use dangan::domain::loan::LoanKind;
use dangan::domain::loan::{Borrower, LoanFilter};
use dangan::domain::{ArchivalCode, Field};
use dangan::{Archive, Session};

fn at(y: i32, m: u32, d: u32) -> impl Fn() -> chrono::DateTime<Utc> + Send + 'static {
    move || Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn request(name: &str, unit: &str, purpose: &str, kind: LoanKind) -> LoanRequest {
    LoanRequest {
        borrower: Borrower {
            name: name.into(),
            unit: unit.into(),
            id_no: String::new(),
            contact: "0571-８８８８".into(),
        },
        purpose: purpose.into(),
        kind,
        due: None,
        approver: None,
    }
}

/// A demo archive and its first few public, in-store records of J001.
fn desk() -> (tempfile::TempDir, Archive, Session, Vec<ArchivalCode>) {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = dangan::archive::demo::build(&dir.path().join("demo"), 300, 5).unwrap();
    let archivist = archive.login("archivist", "demo-archivist-2019").unwrap();
    let filter = dangan::domain::RecordQuery {
        fonds: Some("J001".into()),
        status: Some(dangan::domain::Status::InStore),
        ..Default::default()
    };
    let reader = archive.login("reader", "demo-reader-2019").unwrap();
    let (records, _) = archive.list(&reader, &filter, 8, 0).unwrap();
    let codes = records.into_iter().map(|r| r.code).collect();
    (dir, archive, archivist, codes)
}

#[test]
fn a_record_out_cannot_be_lent_again_and_status_follows() {
    let (_dir, mut archive, archivist, codes) = desk();
    archive.set_clock(at(2024, 1, 31));
    let code = &codes[0];
    let loan = archive
        .lend(
            &archivist,
            code,
            &request("王小明", "市志办", "编史修志", LoanKind::TakeOut),
        )
        .unwrap();
    // Take-out: 30 days, across February of a leap year.
    assert_eq!(loan.due_on, Some(day(2024, 3, 1)));
    let status = |archive: &Archive| archive.record(&archivist, code).unwrap().data.status;
    assert_eq!(status(&archive).label_zh(), "借出");
    let again = archive.lend(
        &archivist,
        code,
        &request("李四", "", "学术研究", LoanKind::ReadingRoom),
    );
    assert!(
        again
            .unwrap_err()
            .to_string()
            .contains("out on loan already")
    );

    let renewed = archive.renew(&archivist, code, None).unwrap();
    assert_eq!(
        (renewed.renewals, renewed.due_on),
        (1, Some(day(2024, 3, 31)))
    );
    let renewed = archive
        .renew(&archivist, code, Some(day(2024, 4, 10)))
        .unwrap();
    assert_eq!(renewed.renewals, 2);
    assert!(
        archive
            .renew(&archivist, code, Some(day(2024, 4, 1)))
            .is_err(),
        "backwards"
    );

    archive.return_loan(&archivist, code, "完好").unwrap();
    assert_eq!(status(&archive).label_zh(), "在库");
    let twice = archive.return_loan(&archivist, code, "");
    assert!(twice.unwrap_err().to_string().contains("not out on loan"));

    // Lent again, then lost.
    archive
        .lend(
            &archivist,
            code,
            &request("赵六", "", "其他", LoanKind::Copy),
        )
        .unwrap();
    let lost = archive
        .mark_lost(&archivist, code, "借阅人搬迁，无法联系")
        .unwrap();
    assert_eq!(lost.state.code(), "lost");
    assert_eq!(status(&archive).label_zh(), "遗失");
    assert!(
        archive
            .lend(
                &archivist,
                code,
                &request("钱七", "", "其他", LoanKind::Copy)
            )
            .is_err(),
        "a lost record is not in the store"
    );
    // The whole history is kept, newest first.
    let record_id = archive.record(&archivist, code).unwrap().id;
    let history = archive
        .loans(
            &archivist,
            &LoanFilter {
                record_id: Some(record_id),
                ..LoanFilter::default()
            },
        )
        .unwrap();
    let borrowers: Vec<&str> = history.iter().map(|l| l.borrower.name.as_str()).collect();
    assert_eq!(borrowers, ["赵六", "王小明"]);
}

#[test]
fn overdues_are_counted_in_calendar_days() {
    let (_dir, mut archive, archivist, codes) = desk();
    archive.set_clock(at(2023, 1, 31));
    archive
        .lend(
            &archivist,
            &codes[0],
            &request("甲", "", "工作查考", LoanKind::TakeOut),
        )
        .unwrap();
    archive
        .lend(
            &archivist,
            &codes[1],
            &request("乙", "", "工作查考", LoanKind::Copy),
        )
        .unwrap();
    // 2023 is not a leap year: Jan 31 + 30 days = Mar 2; the copy is due Feb 7.
    archive.set_clock(at(2023, 3, 3));
    let overdue = archive
        .loans(
            &archivist,
            &LoanFilter {
                overdue_on: Some(archive.today()),
                ..LoanFilter::default()
            },
        )
        .unwrap();
    let late: Vec<(String, i64)> = overdue
        .iter()
        .map(|l| {
            let due = l.due_on.unwrap();
            (
                l.borrower.name.clone(),
                dangan::domain::loan::days_overdue(due, day(2023, 3, 3)),
            )
        })
        .collect();
    assert_eq!(late, [("乙".to_string(), 24), ("甲".to_string(), 1)]);
}

#[test]
fn clearance_and_approval_govern_lending() {
    let (_dir, mut archive, archivist, codes) = desk();
    let admin = archive.login("admin", "demo-admin-2019").unwrap();
    let reader = archive.login("reader", "demo-reader-2019").unwrap();
    // A reader may ask, not lend.
    let asked = request("王读者", "研究所", "学术研究", LoanKind::ReadingRoom);
    assert!(archive.lend(&reader, &codes[0], &asked).is_err());
    archive.request_loan(&reader, &codes[0], &asked).unwrap();
    let open = archive
        .loans(
            &archivist,
            &LoanFilter {
                states: vec![dangan::domain::loan::LoanState::Requested],
                ..LoanFilter::default()
            },
        )
        .unwrap();
    assert_eq!(open.len(), 1);
    // Lending grants the request: one loan, not two.
    let lent = archive.lend(&archivist, &codes[0], &asked).unwrap();
    assert_eq!(lent.id, open[0].id);
    assert_eq!(lent.requested_by.as_deref(), Some("reader"));

    // A 秘密 record: invisible to the reader, and lent only with another's approval.
    archive
        .edit_record(
            &admin,
            &codes[1],
            &[(Field::Classification, "秘密".into())],
            None,
        )
        .unwrap();
    assert!(archive.request_loan(&reader, &codes[1], &asked).is_err());
    let mut secret = request("孙", "纪委", "工作查考", LoanKind::ReadingRoom);
    let refused = archive.lend(&archivist, &codes[1], &secret).unwrap_err();
    assert!(refused.to_string().contains("approver"), "{refused}");
    secret.approver = Some("archivist".into());
    assert!(
        archive.lend(&archivist, &codes[1], &secret).is_err(),
        "not oneself"
    );
    secret.approver = Some("admin".into());
    let loan = archive.lend(&archivist, &codes[1], &secret).unwrap();
    assert_eq!(loan.approver.as_deref(), Some("admin"));
    // And the reader's lists do not show it.
    let seen = archive.loans(&reader, &LoanFilter::default()).unwrap();
    assert!(seen.iter().all(|l| l.code != codes[1].to_string()));
}

#[test]
fn the_use_register_counts_by_purpose_kind_and_unit() {
    let (_dir, mut archive, archivist, codes) = desk();
    // Hand-made: six loans in March 2026, one in April (outside), one returned.
    let plan = [
        (1, "市志办", "编史修志", LoanKind::ReadingRoom),
        (2, "市志办", "编史修志", LoanKind::Copy),
        (5, "财政局", "工作查考", LoanKind::TakeOut),
        (9, "大学历史系", "学术研究", LoanKind::ReadingRoom),
        (9, "大学历史系", "学术研究", LoanKind::Copy),
        (31, "", "落实政策", LoanKind::ReadingRoom),
    ];
    for (i, (d, unit, purpose, kind)) in plan.iter().enumerate() {
        archive.set_clock(at(2026, 3, *d));
        archive
            .lend(
                &archivist,
                &codes[i],
                &request("借阅人", unit, purpose, *kind),
            )
            .unwrap();
    }
    archive.return_loan(&archivist, &codes[0], "完好").unwrap();
    archive.set_clock(at(2026, 4, 1));
    archive
        .lend(
            &archivist,
            &codes[6],
            &request("四月", "财政局", "工作查考", LoanKind::Copy),
        )
        .unwrap();

    let register = archive
        .register(&archivist, day(2026, 3, 1), day(2026, 3, 31))
        .unwrap();
    assert_eq!(register.loans.len(), 6);
    let purposes: Vec<(&str, u64)> = register
        .by_purpose
        .iter()
        .map(|(p, n)| (p.as_str(), *n))
        .collect();
    assert_eq!(
        purposes,
        [
            ("学术研究", 2),
            ("编史修志", 2),
            ("工作查考", 1),
            ("落实政策", 1)
        ]
    );
    let kinds: Vec<(&str, u64)> = register
        .by_kind
        .iter()
        .map(|(k, n)| (k.label_zh(), *n))
        .collect();
    assert_eq!(kinds, [("阅览", 3), ("复制", 2), ("外借", 1)]);
    let units: Vec<(&str, u64)> = register
        .by_unit
        .iter()
        .map(|(u, n)| (u.as_str(), *n))
        .collect();
    assert_eq!(
        units,
        [("大学历史系", 2), ("市志办", 2), ("", 1), ("财政局", 1)]
    );
}

#[test]
fn the_command_line_lends_lists_and_exports_the_register() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("demo");
    assert_eq!(sandbox.run_on(&dir, &["demo", "--records", "300"]).code, 0);
    let as_archivist =
        |args: &[&str]| sandbox.run_on_as(&dir, "archivist", "demo-archivist-2019", args);
    let listed = as_archivist(&["list", "--fonds", "J002", "--status", "在库", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let code = json["records"][0]["code"].as_str().unwrap().to_string();

    let out = as_archivist(&[
        "loan",
        "out",
        &code,
        "--borrower",
        "王小明",
        "--unit",
        "市档案局",
        "--purpose",
        "工作查考",
        "--kind",
        "外借",
        "--due",
        "２０９９年１２月３１日",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("due 2099-12-31"), "{}", out.stdout);
    let again = as_archivist(&[
        "loan",
        "out",
        &code,
        "--borrower",
        "李四",
        "--purpose",
        "其他",
    ]);
    assert_eq!(again.code, 65);
    assert!(
        again.stderr.contains("out on loan already"),
        "{}",
        again.stderr
    );
    let bad = as_archivist(&[
        "loan",
        "out",
        &code,
        "--borrower",
        "李四",
        "--purpose",
        "其他",
        "--due",
        "2026-02-30",
    ]);
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("--due"), "{}", bad.stderr);

    let list = as_archivist(&["loan", "list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(json["loans"][0]["code"], code.as_str());
    assert_eq!(json["loans"][0]["purpose"], "工作查考");

    let reader = sandbox.run_on_as(
        &dir,
        "reader",
        "demo-reader-2019",
        &["loan", "return", &code],
    );
    assert_eq!(
        reader.code, 77,
        "a reader cannot take back: {}",
        reader.stderr
    );
    assert_eq!(
        as_archivist(&["loan", "return", &code, "--condition", "完好"]).code,
        0
    );

    let csv = as_archivist(&[
        "loan",
        "register",
        "--from",
        "2000-01-01",
        "--to",
        "2099-12-31",
        "--format",
        "csv",
    ]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert!(
        lines[0].starts_with("\u{feff}借出日期,档号"),
        "{}",
        lines[0]
    );
    // The demo's own loans are in the period too: find ours, and check the total against the rows.
    let rows: Vec<&&str> = lines[1..]
        .iter()
        .take_while(|l| l.starts_with("20"))
        .collect();
    let ours = rows
        .iter()
        .find(|l| l.contains(&code))
        .unwrap_or_else(|| panic!("{}", csv.stdout));
    assert!(ours.contains("王小明") && ours.contains("已还"), "{ours}");
    assert!(
        lines.contains(&format!("合计,,{}", rows.len()).as_str()),
        "{}",
        csv.stdout
    );
    let purpose = rows.iter().filter(|l| l.contains(",工作查考,")).count();
    assert!(
        lines.contains(&format!("利用目的,工作查考,{purpose}").as_str()),
        "{}",
        csv.stdout
    );
}

#[test]
fn due_days_per_kind_are_a_setting_an_admin_changes() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("demo");
    assert_eq!(sandbox.run_on(&dir, &["demo", "--records", "300"]).code, 0);
    let as_admin = |args: &[&str]| sandbox.run_on_as(&dir, "admin", "demo-admin-2019", args);
    let shown = as_admin(&["settings", "show"]);
    assert!(
        shown.stdout.contains("loan.days.take_out") && shown.stdout.contains("(default: 30 days)"),
        "{}",
        shown.stdout
    );
    let too_long = as_admin(&["settings", "set", "loan.days.take_out", "400"]);
    assert_ne!(too_long.code, 0);
    assert!(
        too_long.stderr.contains("loan.days.take_out"),
        "{}",
        too_long.stderr
    );
    let archivist = sandbox.run_on_as(
        &dir,
        "archivist",
        "demo-archivist-2019",
        &["settings", "set", "loan.days.take_out", "14"],
    );
    assert_eq!(archivist.code, 77, "only an admin: {}", archivist.stderr);
    assert_eq!(
        as_admin(&["settings", "set", "loan.days.take_out", "14"]).code,
        0
    );

    let listed = as_admin(&["list", "--fonds", "J003", "--status", "在库", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let code = json["records"][0]["code"].as_str().unwrap().to_string();
    let out = as_admin(&[
        "loan",
        "out",
        &code,
        "--borrower",
        "刘晓梅",
        "--purpose",
        "编史修志",
        "--kind",
        "外借",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let due = chrono::Local::now().date_naive() + chrono::Days::new(14);
    assert!(out.stdout.contains(&format!("due {due}")), "{}", out.stdout);
}
