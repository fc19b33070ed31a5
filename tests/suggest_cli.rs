//! `dangan suggest` as a process: the list read back with the csv crate and calamine, missing
//! keywords written above a threshold, a user cleared to 公开 over 机密 records, and bad input
//! said clearly with nothing written.

mod common;

use calamine::{Data, Reader};
use common::Sandbox;

const LOW_PASSWORD: &str = "low-口令-2026";

fn sandbox() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    let list = sandbox.write(
        "目录.csv",
        "档号,题名,责任者,日期,密级,主题词\n\
         J001-2019-Y-BGS-0001,办公室２０１９年第１次工作会议纪要,市人民政府办公室,2019-01-08,公开,会议纪要\n\
         J001-2019-Y-BGS-0002,办公室２０１９年第２次工作会议纪要,市人民政府办公室,2019-02-12,公开,会议纪要\n\
         J001-2019-D30-CWK-0001,关于“三公”经费预算执行情况的报告,市财政局,2019-07-01,内部,预算\n\
         J001-2019-D30-CWK-0002,２０１９年度部门预算编制说明,市财政局,2019-01-15,内部,预算\n\
         J001-2019-Y-HYJ-0001,核应急预案（第一版）,市核应急办,2019-07-01,机密,核应急\n\
         J001-2019-Y-HYJ-0002,核应急演练方案,市核应急办,2019-07-02,机密,核应急\n\
         J001-2020-Y-BGS-0001,办公室２０２０年第１次工作会议纪要,市人民政府办公室,2020-01-09,公开,\n\
         J001-2020-D30-CWK-0001,关于２０２０年度预算执行的报告,市财政局,2020-03-09,内部,\n\
         J001-2020-Y-HYJ-0001,核应急值守制度,市核应急办,2020-04-01,机密,\n"
            .as_bytes(),
    );
    sandbox.ok(&["import", "records", list.to_str().unwrap()]);
    sandbox.add_user("low", LOW_PASSWORD, "archivist", "public");
    sandbox
}

/// The keywords `show` prints for a record.
fn keywords(sandbox: &Sandbox, code: &str) -> String {
    let shown = sandbox.ok(&["--lang", "en", "show", code]);
    let line = shown
        .lines()
        .find(|l| l.trim_start().starts_with("Keywords"));
    line.map(|l| l.trim_start()["Keywords".len()..].trim().to_string())
        .unwrap_or_default()
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_list_reads_back_as_csv_and_xlsx_and_nothing_is_written_without_the_flag() {
    let sandbox = sandbox();
    let out = sandbox.ok(&[
        "--lang", "zh", "suggest", "--fonds", "J001", "--year", "2020", "--format", "csv",
    ]);
    let rows = csv_rows(&out);
    assert_eq!(
        rows[0],
        ["档号", "题名", "著录项", "现值", "建议值", "把握", "已写入"]
    );
    let proposed = |code: &str| {
        rows.iter()
            .find(|r| r[0] == code && r[2] == "主题词")
            .map(|r| (r[4].clone(), r[6].clone()))
    };
    assert_eq!(
        proposed("J001-2020-Y-BGS-0001"),
        Some(("会议纪要".into(), "否".into()))
    );
    assert!(proposed("J001-2020-Y-HYJ-0001").is_some_and(|(k, _)| k.contains("核应急")));
    assert_eq!(
        keywords(&sandbox, "J001-2020-Y-BGS-0001"),
        "",
        "listed, not written"
    );

    let path = sandbox.path("建议.xlsx");
    sandbox.ok(&[
        "--lang",
        "zh",
        "suggest",
        "--fonds",
        "J001",
        "--year",
        "2020",
        "-o",
        path.to_str().unwrap(),
    ]);
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let sheet = book.worksheet_range("著录建议").unwrap();
    let cells: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(cells[1][0], Data::String("档号".into()));
    let row = cells
        .iter()
        .find(|r| r[0] == Data::String("J001-2020-Y-BGS-0001".into()))
        .expect("the minutes' row");
    assert_eq!(row[4], Data::String("会议纪要".into()));
    assert!(
        matches!(row[5], Data::Float(c) if c > 0.5 && c <= 1.0),
        "{:?}",
        row[5]
    );
}

#[test]
fn apply_above_writes_missing_keywords_as_audited_edits() {
    let sandbox = sandbox();
    let run = sandbox.run(&[
        "suggest",
        "--fonds",
        "J001",
        "--year",
        "2020",
        "--apply-above",
        "0.5",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(report["applied"].as_u64().unwrap() >= 2, "{report}");
    assert!(keywords(&sandbox, "J001-2020-Y-BGS-0001").starts_with("会议纪要"));
    let trail = sandbox.ok(&["audit", "log"]);
    assert!(trail.contains("record.suggested"), "{trail}");
}

#[test]
fn a_user_cleared_to_public_sees_no_confidential_record_or_word() {
    let sandbox = sandbox();
    let run = sandbox.run_as(
        "low",
        LOW_PASSWORD,
        &[
            "suggest",
            "--fonds",
            "J001",
            "--year",
            "2020",
            "--apply-above",
            "0",
            "--format",
            "csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for hidden in ["HYJ", "核应急", "CWK", "预算"] {
        assert!(
            !run.stdout.contains(hidden) && !run.stderr.contains(hidden),
            "{hidden}:\n{}{}",
            run.stdout,
            run.stderr
        );
    }
    // Nothing was written over the 机密 record.
    assert_eq!(keywords(&sandbox, "J001-2020-Y-HYJ-0001"), "");
}

#[test]
fn bad_input_is_said_with_a_non_zero_exit_and_nothing_written() {
    let sandbox = sandbox();
    let out = sandbox.path("不应存在.csv");
    let path = out.to_str().unwrap();
    for (args, said) in [
        (
            vec!["--fonds", "J001", "--year", "2020", "--apply-above", "1.5"],
            "--apply-above",
        ),
        (
            vec!["--fonds", "J001", "--year", "2020", "--apply-above", "很高"],
            "很高",
        ),
        (
            vec!["--fonds", "J999", "--year", "2020", "--apply-above", "0"],
            "J999",
        ),
        (vec!["--fonds", "J001", "--year", "二〇二〇"], "二〇二〇"),
        (
            vec!["--fonds", "J001", "--year", "2020", "--format", "pdf"],
            "pdf",
        ),
    ] {
        let mut full = vec!["suggest", "-o", path];
        full.extend(args);
        let run = sandbox.run(&full);
        assert_ne!(run.code, 0, "{full:?}");
        assert!(run.stderr.contains(said), "{full:?}: {}", run.stderr);
        assert!(!out.exists(), "{full:?} wrote a file");
    }
    assert_eq!(keywords(&sandbox, "J001-2020-Y-BGS-0001"), "");
}
