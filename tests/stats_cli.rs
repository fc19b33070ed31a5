//! `dangan stats` as a process: the table, CSV read back with the csv crate, the .xlsx read back
//! cell by cell with calamine, JSON with serde; a user cleared to 公开 over 机密 records; and
//! bad input said clearly, with nothing written.

mod common;

use calamine::{Data, Reader};
use common::Sandbox;

const LOW_PASSWORD: &str = "low-口令-2026";

/// J001 with a 公开, an 内部 and a 机密 record of 2019, J002 with two 公开 ones of 2020.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    let list = sandbox.write(
        "目录.csv",
        "档号,题名,责任者,日期,页数,密级,载体\n\
         J001-2019-Y-BGS-0001,关于印发《档案管理办法》的通知,市人民政府办公室,2019-03-12,3,公开,纸质\n\
         J001-2019-Y-BGS-0002,２０１９年第１次党组会议纪要——办公室,市人民政府办公室,2019-01-15,5,内部,电子\n\
         J001-2019-Y-BGS-0003,关于ISO 9001认证的批复…,市人民政府办公室,2019-11-30,7,机密,纸质\n\
         J002-2020-D30-CWK-0001,关于“三公”经费预算执行情况的报告,市财政局,2020-07-01,2,公开,纸质\n\
         J002-2020-D30-CWK-0002,2020年决算说明,市财政局,2020-12-20,2,公开,纸质\n"
            .as_bytes(),
    );
    sandbox.ok(&["import", "records", list.to_str().unwrap()]);
    sandbox.add_user("low", LOW_PASSWORD, "archivist", "public");
    sandbox
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

/// The value of the row whose key column is `key`.
fn value_of<'a>(rows: &'a [Vec<String>], key: &str) -> &'a str {
    let row = rows.iter().find(|r| r[6] == key);
    &row.unwrap_or_else(|| panic!("no row {key}"))[3]
}

#[test]
fn csv_in_chinese_says_what_each_figure_counts() {
    let sandbox = sandbox();
    let out = sandbox.ok(&["--lang", "zh", "stats", "--format", "csv"]);
    let rows = csv_rows(&out);
    assert_eq!(
        rows[0],
        [
            "部分",
            "分组",
            "项目",
            "数值",
            "单位",
            "统计口径",
            "代码",
            "年度",
            "范围",
            "密级上限"
        ]
    );
    assert_eq!(value_of(&rows, "holdings.total.records"), "5");
    assert_eq!(value_of(&rows, "holdings.total.pages"), "19");
    assert_eq!(
        value_of(&rows, "holdings.by_classification.confidential"),
        "1"
    );
    assert_eq!(value_of(&rows, "holdings.by_fonds.J002"), "2");
    assert_eq!(value_of(&rows, "additions.by_source.import"), "5");
    let fonds = rows
        .iter()
        .find(|r| r[6] == "holdings.by_fonds.J001")
        .unwrap();
    assert_eq!(fonds[2], "J001 市人民政府办公室");
    assert_eq!(fonds[4], "件");
    assert!(fonds[5].contains("年底在馆"), "{fonds:?}");
    // Every row says what it counts, and whose figures they are.
    assert!(rows.iter().all(|r| r.len() == 10 && !r[5].is_empty()));
    assert_eq!(fonds[8..], ["全部全宗", "机密"]);
}

#[test]
fn a_user_cleared_to_public_sees_no_count_of_what_is_above() {
    let sandbox = sandbox();
    let low = sandbox.run_as("low", LOW_PASSWORD, &["stats", "--format", "csv"]);
    assert_eq!(low.code, 0, "{}", low.stderr);
    let rows = csv_rows(&low.stdout);
    assert_eq!(value_of(&rows, "holdings.total.records"), "3");
    assert!(
        rows.iter().skip(1).all(|r| r[9] == "public"),
        "each row says whose view"
    );
    assert_eq!(value_of(&rows, "holdings.total.pages"), "7");
    for secret in ["internal", "confidential", "内部", "机密"] {
        assert!(!low.stdout.contains(&format!(".{secret}\n")), "{secret}");
        assert!(!rows.iter().any(|r| r[2] == secret), "{secret}");
    }
    let table = sandbox.run_as("low", LOW_PASSWORD, &["--lang", "zh", "stats"]);
    assert!(table.stdout.contains("密级公开及以下"), "{}", table.stdout);
    assert!(!table.stdout.contains("机密 "), "{}", table.stdout);
    let json = sandbox.run_as("low", LOW_PASSWORD, &["stats", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["clearance"], "public");
    let held = value["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["section"] == "holdings" && f["key"] == "records")
        .unwrap();
    assert_eq!(held["value"], 3);
}

#[test]
fn the_xlsx_reads_back_cell_by_cell() {
    let sandbox = sandbox();
    let path = sandbox.path("2026年统计.xlsx");
    let out = sandbox.ok(&["--lang", "zh", "stats", "-o", path.to_str().unwrap()]);
    assert!(out.contains("已写出统计"), "{out}");
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("统计").unwrap();
    let title = range.get((0, 0)).unwrap().to_string();
    assert!(
        title.contains("年度档案统计  全部全宗  密级机密及以下"),
        "{title}"
    );
    let header: Vec<String> = (0..10)
        .map(|c| range.get((1, c)).unwrap().to_string())
        .collect();
    assert_eq!(
        header[..7],
        ["部分", "分组", "项目", "数值", "单位", "统计口径", "代码"]
    );
    let csv = csv_rows(&sandbox.ok(&["--lang", "zh", "stats", "--format", "csv"]));
    // Every figure of the CSV is in the workbook at the same place, numbers as numbers.
    assert_eq!(range.height(), csv.len() + 1);
    for (i, row) in csv.iter().enumerate().skip(1) {
        let at = i as u32 + 1;
        for (col, text) in row.iter().enumerate() {
            let cell = range.get((at as usize, col)).unwrap();
            match (col, cell) {
                (3, Data::Float(n)) => assert_eq!(Ok(*n), text.parse::<f64>(), "row {at}"),
                (3, other) => panic!("row {at}: value not a number: {other:?}"),
                (_, cell) => assert_eq!(cell.to_string(), *text, "row {at} col {col}"),
            }
        }
    }
}

#[test]
fn bad_input_is_said_and_nothing_is_written() {
    let sandbox = sandbox();
    let future = sandbox.run(&["--lang", "zh", "stats", "--year", "2999"]);
    assert_ne!(future.code, 0);
    assert!(future.stderr.contains("2999"), "{}", future.stderr);
    let fonds = sandbox.run(&["stats", "--fonds", "J404"]);
    assert_ne!(fonds.code, 0);
    assert!(fonds.stderr.contains("J404"), "{}", fonds.stderr);
    let format = sandbox.run(&["stats", "--format", "pdf"]);
    assert!(format.stderr.contains("pdf"), "{}", format.stderr);
    let binary = sandbox.run(&["stats", "--format", "xlsx"]);
    assert_ne!(binary.code, 0);
    assert!(binary.stderr.contains("-o"), "{}", binary.stderr);
    let path = sandbox.path("统计.xlsx");
    let refused = sandbox.run(&["stats", "--fonds", "J404", "-o", path.to_str().unwrap()]);
    assert_ne!(refused.code, 0);
    assert!(!path.exists());
    // Full-width digits are a year too.
    let year = sandbox.ok(&["stats", "--year", "２０２６", "--format", "json"]);
    assert!(year.contains("\"year\": 2026"), "{year}");
}

#[test]
fn kept_counts_changed_behind_dangans_back_are_found_by_check_and_counted_again() {
    let sandbox = sandbox();
    assert_eq!(sandbox.run(&["check"]).code, 0);
    let conn = common::tamper(&sandbox);
    conn.execute(
        "UPDATE holdings SET n = n + 40 WHERE fonds = 'J002' AND classification = 'public'",
        [],
    )
    .unwrap();
    drop(conn);
    let forged = sandbox.run(&["stats", "--format", "csv"]);
    assert_eq!(
        value_of(&csv_rows(&forged.stdout), "holdings.total.records"),
        "45"
    );
    let check = sandbox.run(&["--lang", "zh", "check"]);
    assert_ne!(check.code, 0);
    assert!(
        check.stdout.contains("统计用的馆藏计数有 1 组与档案不符"),
        "{}",
        check.stdout
    );
    let repaired = sandbox.run(&["check", "--repair-index"]);
    assert_eq!(repaired.code, 0, "{}{}", repaired.stdout, repaired.stderr);
    let csv = csv_rows(&sandbox.ok(&["stats", "--format", "csv"]));
    assert_eq!(value_of(&csv, "holdings.total.records"), "5");
}

#[test]
fn output_goes_into_links_and_pipes_and_never_into_an_archive() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = sandbox();
    // Into the archive's own files: refused, and they stay whole.
    let db = sandbox.archive().join("dangan.db");
    let into = sandbox.run(&["stats", "--format", "csv", "-o", db.to_str().unwrap()]);
    assert_ne!(into.code, 0);
    assert!(into.stderr.contains("archive directory"), "{}", into.stderr);
    assert_eq!(sandbox.run(&["check"]).code, 0);
    // A folder is not a file.
    let folder = sandbox.run(&[
        "stats",
        "-o",
        sandbox.path("").to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(folder.stderr.contains("is a folder"), "{}", folder.stderr);
    // A link is written through, and its file keeps who may read it.
    let target = sandbox.write("统计.csv", b"old");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    let link = sandbox.path("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    sandbox.ok(&["stats", "-o", link.to_str().unwrap()]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("holdings.total.records"), "{written}");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
    // `-` is standard output.
    let out = sandbox.ok(&["stats", "--format", "json", "-o", "-"]);
    assert!(out.contains("\"figures\""), "{out}");
    assert!(!sandbox.path("-").exists());
}
