//! Dual-track reconciliation from the command line: a hand-made paper register with every kind of
//! line against a hand-made catalogue, each line's expected outcome, the decisions and what they do
//! to records, and certification.

mod common;

use common::Sandbox;

/// The catalogue: fonds J001, 2019, plus one record of 2018 and one of J002 outside the scope.
const CATALOGUE: &str = "\
档号,题名,责任者,日期
J001-2019-Y-BGS-0001,关于印发《档案管理办法》的通知,市人民政府办公室,2019-03-12
J001-2019-Y-BGS-0002,关于做好２０１９年防汛抗汗工作的通知,市人民政府办公室,2019-05-20
J001-2019-Y-BGS-0003,2019年第１次党组会议纪要——办公室,市人民政府办公室,2019-01-15
J001-2019-D30-CWK-0001,关于“三公”经费预算执行情况的报告,市人民政府办公室财务科,2019-07-01
J001-2019-D10-RSK-0001,关于2019年度职称评审工作的意见,市人民政府办公室人事科,2019-09-09
J001-2019-Y-BGS-0004,关于ISO 9001质量管理体系认证的批复,市人民政府办公室,2019-11-30
J001-2018-Y-BGS-0003,2018年工作总结,市人民政府办公室,2018-12-20
J002-2019-Y-CWK-0001,关于印发《档案管理办法》的通知,市财政局,2019-03-12
";

/// The paper register of J001/2019 as a clerk typed it, with its expected classification.
const REGISTER: &str = "\
序号,档号,题名,责任者,日期
1,J001-2019-Y-BGS-0001,关于印发《档案管理办法》的通知,市人民政府办公室,2019年3月12日
2,J001-2019-Y-BGS-0002,关于做好2019年防汛抗旱工作的通知,市人民政府办公室,2019.5.20
3,J001-2018-Y-BGS-0003,2019年第1次党组会议纪要——办公室,市人民政府办公室,20190115
4,,关于“三公”经费预算执行情况的报告,市人民政府办公室财务科,2019-07-01
5,J001-2019-D10-RSK-0001,关于2019年度职称评审工作的意见,市人民政府办公室人事科,2019-09-19
6,J001-2019-Y-BGS-0009,关于开展“国际档案日”宣传活动的通知,市人民政府办公室,2019-06-09
7,J001-2019-Y-BGS-0001,关于印发《档案管理办法》的通知,市人民政府办公室,2019-03-12
";

/// (file line, kind, record matched, differing fields).
const EXPECTED: [(u64, &str, &str, &str); 7] = [
    (2, "agrees", "J001-2019-Y-BGS-0001", ""),
    (3, "differs", "J001-2019-Y-BGS-0002", "title"),
    (4, "differs", "J001-2019-Y-BGS-0003", "code"),
    (5, "differs", "J001-2019-D30-CWK-0001", "code"),
    (6, "differs", "J001-2019-D10-RSK-0001", "date"),
    (7, "paper_only", "", ""),
    (8, "duplicate", "J001-2019-Y-BGS-0001", ""),
];

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

fn sandbox_with_register() -> (Sandbox, std::path::PathBuf) {
    let sandbox = Sandbox::with_archive();
    let catalogue = sandbox.write("catalogue.csv", CATALOGUE.as_bytes());
    sandbox.ok(&["import", "records", catalogue.to_str().unwrap()]);
    let register = sandbox.write("台账.csv", &gb18030(REGISTER));
    let out = sandbox.ok(&[
        "reconcile",
        "import",
        register.to_str().unwrap(),
        "--scope",
        "ｊ001/2019",
    ]);
    assert!(out.starts_with("J001/2019"), "{out}");
    (sandbox, register)
}

/// The report as CSV rows (BOM dropped), cells split.
fn report(sandbox: &Sandbox) -> Vec<Vec<String>> {
    let csv = sandbox.ok(&["reconcile", "report", "J001/2019", "--format", "csv"]);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn every_kind_of_line_is_classified_as_a_person_would() {
    let (sandbox, _) = sandbox_with_register();
    let rows = report(&sandbox);
    assert_eq!(rows[0][0], "纸质行号");
    for (line, kind, record, differs) in EXPECTED {
        let row = rows
            .iter()
            .find(|r| r[0] == line.to_string())
            .unwrap_or_else(|| panic!("no line {line}: {rows:?}"));
        let label = dangan::domain::register::LineKind::parse(kind)
            .unwrap()
            .label_zh();
        assert_eq!(
            (row[3].as_str(), row[5].as_str(), row[6].as_str()),
            (record, label, differs),
            "line {line}: {row:?}"
        );
    }
    // The one record of the scope no line has; the 2018 and J002 records are outside it.
    let digital: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.len() > 5 && r[5] == "仅电子")
        .collect();
    assert_eq!(digital.len(), 1, "{digital:?}");
    assert_eq!(digital[0][3], "J001-2019-Y-BGS-0004");

    // The line only on paper offers what it might be, with a score.
    let paper_only = rows.iter().find(|r| r[0] == "7").expect("line 7");
    assert!(
        paper_only[10].starts_with("J001-2019-") && paper_only[10].contains("(0."),
        "{paper_only:?}"
    );

    let status = sandbox.json(&["reconcile", "status", "--json"]);
    let scope = &status["scopes"][0];
    let counts: Vec<u64> = [
        "paper_lines",
        "agrees",
        "differs",
        "paper_only",
        "duplicate",
        "digital_only",
        "resolved",
        "open",
    ]
    .iter()
    .map(|k| scope[k].as_u64().unwrap())
    .collect();
    assert_eq!(counts, [7, 1, 4, 1, 1, 1, 0, 7]);
    assert!(scope["certified_at"].is_null());
}

#[test]
fn decisions_change_records_and_certification_closes_the_scope() {
    let (sandbox, register) = sandbox_with_register();
    let refused = sandbox.run(&["reconcile", "certify", "J001/2019"]);
    assert_eq!(refused.code, 65);
    assert!(
        refused.stderr.contains("7 open lines"),
        "{}",
        refused.stderr
    );

    // A decision that does not fit the line is refused and changes nothing.
    let misfit = sandbox.run(&["reconcile", "resolve", "J001/2019", "7", "accept_digital"]);
    assert_eq!(misfit.code, 65, "{}", misfit.stderr);
    // One record answers one line.
    let taken = sandbox.run(&[
        "reconcile",
        "pick",
        "J001/2019",
        "5",
        "J001-2019-Y-BGS-0001",
    ]);
    assert!(
        taken.stderr.contains("already matched to line 2"),
        "{}",
        taken.stderr
    );

    for (line, decision, note) in [
        ("3", "correct_digital", ""),
        ("4", "accept_digital", "纸质档号年度笔误"),
        ("5", "以电子为准", ""),
        ("6", "correct_digital", ""),
        ("7", "create_record", ""),
        ("8", "note", "纸质台账重复登记"),
        ("J001-2019-Y-BGS-0004", "missing_on_paper", "纸质台账漏记"),
    ] {
        let run = sandbox.run(&[
            "reconcile",
            "resolve",
            "J001/2019",
            line,
            decision,
            "--note",
            note,
        ]);
        assert_eq!(run.code, 0, "line {line}: {}", run.stderr);
    }
    // A decision that changed no record can be taken back, and taken again; one that wrote
    // into a record cannot.
    let reopened = sandbox.ok(&["reconcile", "reopen", "J001/2019", "8"]);
    assert!(reopened.contains("open 1"), "{reopened}");
    let written = sandbox.run(&["reconcile", "reopen", "J001/2019", "3"]);
    assert_eq!(written.code, 65, "{}", written.stderr);
    assert!(
        written.stderr.contains("edit the record itself"),
        "{}",
        written.stderr
    );
    #[rustfmt::skip]
    sandbox.ok(&["reconcile", "resolve", "J001/2019", "8", "note", "--note", "纸质台账重复登记"]);
    // Corrected from paper: a new version each, the old one kept.
    let flood = sandbox.json(&["show", "J001-2019-Y-BGS-0002", "--json"]);
    assert_eq!(flood["title"], "关于做好2019年防汛抗旱工作的通知");
    assert_eq!(flood["version"], 2);
    let review = sandbox.json(&["show", "J001-2019-D10-RSK-0001", "--json"]);
    assert_eq!(review["date"], "2019-09-19");
    // Created from the paper line.
    let created = sandbox.json(&["show", "J001-2019-Y-BGS-0009", "--json"]);
    assert_eq!(created["title"], "关于开展“国际档案日”宣传活动的通知");

    let certificate: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["reconcile", "certify", "J001/2019"])).unwrap();
    let bytes = std::fs::read(&register).unwrap();
    assert_eq!(certificate["register"]["sha256"], {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(&bytes);
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    });
    assert_eq!(certificate["counts"]["open"], 0);
    assert_eq!(certificate["resolutions"]["correct_digital"], 2);
    assert_eq!(certificate["certified_by"], common::ADMIN);

    // Closed: no more decisions, no second certificate; the report carries the certificate.
    let late = sandbox.run(&[
        "reconcile",
        "resolve",
        "J001/2019",
        "4",
        "note",
        "--note",
        "再议",
    ]);
    assert!(late.stderr.contains("certified"), "{}", late.stderr);
    assert_ne!(sandbox.run(&["reconcile", "certify", "J001/2019"]).code, 0);
    let rows = report(&sandbox);
    assert!(rows.iter().any(|r| r[0] == "单轨认证"), "{rows:?}");
    let audit = sandbox.ok(&["audit", "log"]);
    for action in [
        "register.import",
        "register.resolve",
        "register.reopen",
        "register.certify",
    ] {
        assert!(audit.contains(action), "{action}: {audit}");
    }
}

#[test]
fn a_register_without_titles_or_a_second_one_for_a_scope_is_refused() {
    let (sandbox, register) = sandbox_with_register();
    let again = sandbox.run(&[
        "reconcile",
        "import",
        register.to_str().unwrap(),
        "--scope",
        "J001/2019",
    ]);
    assert_eq!(again.code, 65);
    assert!(
        again.stderr.contains("already has a register"),
        "{}",
        again.stderr
    );

    let untitled = sandbox.write(
        "no-title.csv",
        "档号,日期\nJ001-2019-Y-BGS-0001,2019-03-12\n".as_bytes(),
    );
    let run = sandbox.run(&[
        "reconcile",
        "import",
        untitled.to_str().unwrap(),
        "--scope",
        "J001/2018",
    ]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr
            .contains("no-title.csv:1: header: no title column"),
        "{}",
        run.stderr
    );
    assert!(
        sandbox.ok(&["reconcile", "status"]).lines().count() == 1,
        "nothing half-written"
    );
    let bad_scope = sandbox.run(&["reconcile", "status", "J001/2019-2015"]);
    assert!(
        bad_scope.stderr.contains("not a scope"),
        "{}",
        bad_scope.stderr
    );
}
