//! Excel in and out: workbooks imported with the CSV rules (all or nothing, every bad cell named
//! by file, sheet and row), and the catalogue and exports read back by a second reader.

mod common;

use calamine::{Data, Reader, open_workbook_auto};
use common::{Sandbox, fixture};
use rust_xlsxwriter::{Format, Workbook};

/// A sheet as an office makes one: a merged title row, a header of two rows (档号 over its
/// parts), numbers as numbers, a date with a date format, a date whose format was lost.
fn office_workbook(path: &std::path::Path, bad_year: bool) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("归档目录").unwrap();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 7, "市文化和旅游局2011年度归档文件目录", &plain)
        .unwrap();
    sheet.merge_range(1, 0, 1, 5, "档号", &plain).unwrap();
    sheet.write_string(1, 6, "题名").unwrap();
    sheet.write_string(1, 7, "日期").unwrap();
    for (col, name) in ["全宗号", "门类", "年度", "保管期限", "机构", "件号"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, col as u16, *name).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let rows: [(&str, f64, &str); 3] = [
        ("关于“文化惠民”工程的通知——第１号", 40703.0, "date"),
        ("《文化馆管理办法》（修订）…", 40707.0, "serial"),
        ("ERMS 系统上线报告", 0.0, "20111103"),
    ];
    for (i, (title, day, kind)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 0, "Z109").unwrap();
        sheet.write_string(row, 1, "WS").unwrap();
        match (bad_year, i) {
            (true, 1) => sheet.write_string(row, 2, "二〇一一").unwrap(),
            _ => sheet.write_number(row, 2, 2011).unwrap(),
        };
        sheet.write_string(row, 3, "永久").unwrap();
        sheet.write_string(row, 4, "BGS").unwrap();
        sheet.write_number(row, 5, (i + 1) as f64).unwrap();
        sheet.write_string(row, 6, *title).unwrap();
        match *kind {
            "date" => sheet.write_number_with_format(row, 7, *day, &date).unwrap(),
            "serial" => sheet.write_number(row, 7, *day).unwrap(),
            text => sheet.write_string(row, 7, text).unwrap(),
        };
    }
    book.save(path).unwrap();
}

#[test]
fn an_office_xlsx_imports_with_its_title_row_two_row_header_and_dates() {
    let sandbox = Sandbox::with_dat22_fonds();
    let path = sandbox.path("归档目录.xlsx");
    office_workbook(&path, false);
    sandbox.ok(&["import", "records", path.to_str().unwrap()]);
    let first = sandbox.json(&["show", "Z109-WS·2011-Y-BGS-0001", "--json"]);
    assert_eq!(first["title"], "关于“文化惠民”工程的通知——第１号");
    assert_eq!(first["date"], "2011-06-09");
    // 40707 in the date column is Excel's count of days: 2011-06-13.
    let second = sandbox.json(&["show", "Z109-WS·2011-Y-BGS-0002", "--json"]);
    assert_eq!(second["date"], "2011-06-13");
    let third = sandbox.json(&["show", "Z109-WS·2011-Y-BGS-0003", "--json"]);
    assert_eq!(third["date"], "2011-11-03");
}

#[test]
fn a_bad_cell_is_named_by_file_sheet_row_and_column_and_nothing_is_kept() {
    let sandbox = Sandbox::with_dat22_fonds();
    let path = sandbox.path("归档目录.xlsx");
    office_workbook(&path, true);
    let run = sandbox.run(&["--lang", "zh", "import", "records", path.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}", run.stdout);
    // Row 5 as the spreadsheet numbers it: the title row, two header rows, then the second
    // record.
    assert!(
        run.stderr.contains("归档目录.xlsx:归档目录:5: 年度"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("二〇一一"), "{}", run.stderr);
    assert_eq!(common::record_count(&sandbox), 0);
}

#[test]
fn an_xls_with_several_sheets_asks_which_and_reads_the_one_named() {
    let sandbox = Sandbox::with_dat22_fonds();
    let path = sandbox.write("移交目录.xls", &fixture("移交目录.xls"));
    let file = path.to_str().unwrap();
    let run = sandbox.run(&["--lang", "zh", "import", "records", file]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("移交目录、说明") && run.stderr.contains("--sheet"),
        "{}",
        run.stderr
    );
    let run = sandbox.run(&["import", "records", file, "--sheet", "没有的表"]);
    assert_eq!(run.code, 65);
    assert!(run.stderr.contains("没有的表"), "{}", run.stderr);

    sandbox.ok(&["import", "records", file, "--sheet", "移交目录"]);
    let list = sandbox.ok(&["list", "--fonds", "Z109"]);
    assert_eq!(list.matches("Z109-WS·2011-Y-BGS-").count(), 3, "{list}");
    let first = sandbox.json(&["show", "Z109-WS·2011-Y-BGS-0001", "--json"]);
    assert_eq!(first["date"], "2011-06-09");
    let third = sandbox.json(&["show", "Z109-WS·2011-Y-BGS-0003", "--json"]);
    assert_eq!(third["title"], "ERMS 系统上线报告");
    assert_eq!(third["date"], "2011-11-03");
}

fn cells(path: &std::path::Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_catalogue_reads_back_cell_by_cell_and_holds_only_what_the_user_may_see() {
    let sandbox = Sandbox::with_dat22_fonds();
    let path = sandbox.path("归档目录.xlsx");
    office_workbook(&path, false);
    sandbox.ok(&["import", "records", path.to_str().unwrap()]);
    sandbox.ok(&[
        "edit",
        "Z109-WS·2011-Y-BGS-0002",
        "--class",
        "机密",
        "--pages",
        "12",
        "--doc-no",
        "文旅发〔2011〕7号",
    ]);
    let catalogue = sandbox.path("目录.xlsx");
    let out = catalogue.to_str().unwrap();
    let said = sandbox.ok(&[
        "--lang",
        "zh",
        "print",
        "catalogue",
        "--fonds",
        "z109",
        "--year",
        "2011",
        "-o",
        out,
    ]);
    assert!(said.contains("3 件"), "{said}");
    let rows = cells(&catalogue, "永久");
    assert_eq!(
        rows[0],
        [
            "序号",
            "档号",
            "文号",
            "责任者",
            "题名",
            "日期",
            "密级",
            "页数",
            "备注"
        ]
    );
    assert_eq!(rows[1][1], "Z109-WS·2011-Y-BGS-0001");
    assert_eq!(rows[1][5], "20110609");
    assert_eq!(rows[2][0], "2");
    assert_eq!(rows[2][2], "文旅发〔2011〕7号");
    assert_eq!(rows[2][6], "机密");
    assert_eq!(rows[2][7], "12");
    let cover = cells(&catalogue, "封面");
    let flat: Vec<&String> = cover.iter().flatten().collect();
    assert!(
        flat.iter().any(|c| c.as_str() == "市文化和旅游局"),
        "{cover:?}"
    );
    // Printing a 机密 record is in the audit trail.
    let trail = sandbox.ok(&["audit", "log", "--json"]);
    assert!(trail.contains("catalogue.print"), "{trail}");

    // A user cleared to 公开 sees no record above it: the default 内部 records and the 机密 one
    // are not printed, and nothing tells they exist.
    sandbox.add_user("公开档案员", "公开档案员口令-2026", "archivist", "公开");
    let run = sandbox.run_as(
        "公开档案员",
        "公开档案员口令-2026",
        &[
            "print",
            "catalogue",
            "--fonds",
            "Z109",
            "--year",
            "2011",
            "-o",
            out,
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("0002"), "{}", run.stderr);
}

#[test]
fn an_xlsx_export_imports_again_unchanged() {
    let sandbox = Sandbox::with_dat22_fonds();
    let path = sandbox.path("归档目录.xlsx");
    office_workbook(&path, false);
    sandbox.ok(&["import", "records", path.to_str().unwrap()]);
    let exported = sandbox.path("导出.xlsx");
    sandbox.ok(&[
        "export",
        "records",
        "--format",
        "xlsx",
        "-o",
        exported.to_str().unwrap(),
    ]);
    let rows = cells(&exported, "档案");
    assert_eq!(rows[0][0], "档号");
    assert_eq!(rows.len(), 4);
    let before = sandbox.json(&["show", "Z109-WS·2011-Y-BGS-0003", "--json"]);

    let other = Sandbox::with_dat22_fonds();
    other.ok(&["import", "records", exported.to_str().unwrap()]);
    let after = other.json(&["show", "Z109-WS·2011-Y-BGS-0003", "--json"]);
    for key in [
        "title",
        "date",
        "responsible",
        "classification",
        "retention",
    ] {
        assert_eq!(before[key], after[key], "{key}");
    }
}

#[test]
fn a_paper_register_kept_in_excel_is_reconciled_line_by_row() {
    let sandbox = Sandbox::with_dat22_fonds();
    let path = sandbox.path("归档目录.xlsx");
    office_workbook(&path, false);
    sandbox.ok(&["import", "records", path.to_str().unwrap()]);

    // The paper register typed into a sheet under a title row: one line agrees, one has the
    // title as the paper writes it, one is only on paper; the third record is not on paper.
    let register = sandbox.path("登记簿.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("登记簿").unwrap();
    sheet
        .write_string(0, 0, "文书档案登记簿（2011年）")
        .unwrap();
    for (col, name) in ["档号", "题名"].iter().enumerate() {
        sheet.write_string(1, col as u16, *name).unwrap();
    }
    let lines = [
        (
            "Z109-WS·2011-Y-BGS-0001",
            "关于“文化惠民”工程的通知——第１号",
        ),
        ("Z109-WS·2011-Y-BGS-0002", "文化馆管理办法（修订）"),
        ("", "纸质独有的《群众文化活动简报》"),
    ];
    for (i, (code, title)) in lines.iter().enumerate() {
        sheet.write_string(2 + i as u32, 0, *code).unwrap();
        sheet.write_string(2 + i as u32, 1, *title).unwrap();
    }
    book.save(&register).unwrap();
    sandbox.ok(&[
        "reconcile",
        "import",
        register.to_str().unwrap(),
        "--scope",
        "Z109/2011",
    ]);
    let status = sandbox.json(&["reconcile", "status", "--json"]);
    let scope = &status["scopes"][0];
    for (key, expected) in [
        ("paper_lines", 3),
        ("agrees", 1),
        ("differs", 1),
        ("paper_only", 1),
        ("digital_only", 1),
    ] {
        assert_eq!(scope[key], expected, "{key}: {scope}");
    }
    // Lines are named by the row the spreadsheet shows: the paper-only line is row 5.
    let report = sandbox.ok(&["reconcile", "report", "Z109/2011", "--format", "csv"]);
    let paper_only = report
        .lines()
        .find(|l| l.contains("群众文化活动简报"))
        .unwrap();
    assert!(paper_only.starts_with("5,"), "{report}");
}
