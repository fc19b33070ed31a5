//! Import and export as an archivist uses them: Excel files in either encoding, all-or-nothing
//! imports with every bad line reported, and exports that import back unchanged.

mod common;

use common::{Sandbox, fixture};

/// The fixture as Excel on Chinese Windows saves it: GB18030 (GBK), no BOM.
fn gb18030_fixture() -> Vec<u8> {
    let text = String::from_utf8(fixture("records_zh.csv")).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text.trim_start_matches('\u{feff}'));
    assert!(!unmappable);
    bytes.into_owned()
}

fn total(sandbox: &Sandbox) -> u64 {
    sandbox.json(&["list", "--json"])["total"].as_u64().unwrap()
}

#[test]
fn an_excel_utf8_file_imports_with_every_field() {
    let sandbox = Sandbox::with_archive();
    let file = sandbox.write("records.csv", &fixture("records_zh.csv"));
    let out = sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    assert!(out.contains("imported 6 records"), "{out}");
    assert!(out.contains("ignored columns: 序号"), "{out}");
    assert!(out.contains("UTF-8"), "{out}");

    let quoted = sandbox.json(&["show", "J001-2019-D30-BGS-0001", "--json"]);
    assert_eq!(
        quoted["title"],
        "市财政局、市教育局关于2019年度预算调整的请示…（附件３份）"
    );
    assert_eq!(quoted["notes"], "原件破损，已修复\n附件另存");
    assert_eq!(quoted["keywords"], "预算, 调整");
    assert_eq!(quoted["classification"], "secret");
    assert_eq!(quoted["date"], "2019-03-12");

    let partial = sandbox.json(&["show", "J001-2019-D10-CWK-0001", "--json"]);
    assert_eq!(partial["date"], "2019-03");
    assert_eq!(partial["status"], "unprocessed");
    assert_eq!(partial["carrier"], "electronic");
    assert_eq!(
        sandbox.json(&["show", "J002-2018-Y-BGS-0007", "--json"])["date"],
        "2018-12-31"
    );
    assert_eq!(
        sandbox.json(&["show", "J002-2018-Y-BGS-0008", "--json"])["date"],
        "[1998]"
    );

    let shown = sandbox.ok(&["show", "J001-2019-Y-BGS-0002"]);
    assert!(
        shown.contains("imported from records.csv line 3"),
        "{shown}"
    );
}

#[test]
fn a_gb18030_file_from_chinese_excel_is_detected_and_imports_the_same() {
    let gbk = Sandbox::with_archive();
    let file = gbk.write("gbk.csv", &gb18030_fixture());
    let out = gbk.ok(&["import", "records", file.to_str().unwrap()]);
    assert!(
        out.contains("imported 6 records") && out.contains("gb18030"),
        "{out}"
    );

    let utf8 = Sandbox::with_archive();
    let file = utf8.write("utf8.csv", &fixture("records_zh.csv"));
    utf8.ok(&["import", "records", file.to_str().unwrap()]);
    let export = |s: &Sandbox| s.ok(&["export", "records", "--format", "jsonl"]);
    assert_eq!(export(&gbk), export(&utf8));
}

#[test]
fn forcing_the_wrong_encoding_is_refused_and_writes_nothing() {
    let sandbox = Sandbox::with_archive();
    let file = sandbox.write("gbk.csv", &gb18030_fixture());
    let run = sandbox.run(&[
        "import",
        "records",
        file.to_str().unwrap(),
        "--encoding",
        "utf-8",
    ]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("nothing was imported"),
        "{}",
        run.stderr
    );
    assert_eq!(total(&sandbox), 0);
}

#[test]
fn excel_unicode_text_utf16_tab_separated_imports() {
    let sandbox = Sandbox::with_archive();
    let text =
        "档号\t题名\t日期\nJ001-2020-Y-BGS-0001\t《关于２０２０年工作的报告》\t2020年1月6日\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let file = sandbox.write("unicode.txt", &bytes);
    let out = sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    assert!(
        out.contains("imported 1 records") && out.contains("UTF-16LE"),
        "{out}"
    );
    assert_eq!(
        sandbox.json(&["show", "J001-2020-Y-BGS-0001", "--json"])["title"],
        "《关于２０２０年工作的报告》"
    );
    // UTF-16 whose header has commas and no tabs (saved by another program) is comma-separated.
    let text = "档号,题名\nJ001-2020-Y-BGS-0002,\"《报告》，第２号\"\n";
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let file = sandbox.write("commas.csv", &bytes);
    let out = sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    assert!(out.contains("imported 1 records"), "{out}");
    assert_eq!(
        sandbox.json(&["show", "J001-2020-Y-BGS-0002", "--json"])["title"],
        "《报告》，第２号"
    );
}

#[test]
fn blank_lines_between_rows_keep_the_line_numbers_an_editor_shows() {
    let sandbox = Sandbox::with_archive();
    for (name, eol) in [("lf.csv", "\n"), ("crlf.csv", "\r\n"), ("cr.csv", "\r")] {
        let csv = [
            "档号,题名",
            "",
            "J001-2019-Y-BGS-0001,",
            "",
            "",
            "J001-2019-X,坏档号",
            "",
        ]
        .join(eol);
        let file = sandbox.write(name, csv.as_bytes());
        let run = sandbox.run(&["import", "records", file.to_str().unwrap()]);
        assert_eq!(run.code, 65, "{}", run.stderr);
        let path = file.display().to_string();
        assert!(
            run.stderr.contains(&format!("{path}:3: 题名: ")),
            "{name}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("{path}:6: 档号: ")),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn three_bad_lines_are_all_reported_by_line_and_column_and_nothing_is_written() {
    let sandbox = Sandbox::with_archive();
    let csv = "档号,题名,日期,备注\n\
               J001-2019-Y-BGS-0001,好的一行,20190312,\"两行\n备注\"\n\
               J001-2019-Y-BGS-0002,日期不对,2019年2月30日,\n\
               J001-2019-Y-BGS-0003,好的,2019,\n\
               J001-2019-X-BGS-0004,期限不对,2019,\n\
               J001-2019-Y-BGS-0005,,2019,\n";
    let file = sandbox.write("bad.csv", csv.as_bytes());
    let run = sandbox.run(&["import", "records", file.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let path = file.display().to_string();
    assert!(
        lines[0].starts_with(&format!("error: {path}:4: 日期: ")),
        "{}",
        run.stderr
    );
    assert!(lines[0].contains("no day 30"), "{}", run.stderr);
    assert!(
        lines[1].starts_with(&format!("{path}:6: 档号: ")) && lines[1].contains("retention"),
        "{}",
        run.stderr
    );
    assert!(
        lines[2].starts_with(&format!("{path}:7: 题名: ")) && lines[2].contains("title"),
        "{}",
        run.stderr
    );
    assert!(
        lines[3].contains("3 errors; nothing was imported"),
        "{}",
        run.stderr
    );
    assert_eq!(total(&sandbox), 0);
}

#[test]
fn duplicate_codes_in_the_file_or_in_the_archive_are_errors() {
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0001",
        "--title",
        "已有的记录",
    ]);
    let csv =
        "档号,题名\nJ001-2019-Y-BGS-0002,甲\nJ001-2019-Y-BGS-0001,乙\nJ001-2019-Y-BGS-0002,丙\n";
    let file = sandbox.write("dup.csv", csv.as_bytes());
    let run = sandbox.run(&["import", "records", file.to_str().unwrap()]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr
            .contains(":3: 档号: archival code J001-2019-Y-BGS-0001 is taken"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(":4: 档号: archival code J001-2019-Y-BGS-0002 is also on line 2"),
        "{}",
        run.stderr
    );
    assert_eq!(total(&sandbox), 1);
}

#[test]
fn a_dry_run_checks_everything_and_writes_nothing() {
    let sandbox = Sandbox::with_archive();
    let file = sandbox.write("records.csv", &fixture("records_zh.csv"));
    let out = sandbox.ok(&["import", "records", file.to_str().unwrap(), "--dry-run"]);
    assert!(
        out.contains("6 records checked") && out.contains("nothing written"),
        "{out}"
    );
    assert_eq!(total(&sandbox), 0);
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    assert_eq!(total(&sandbox), 6);
}

#[test]
fn rows_without_a_code_are_numbered_after_the_highest_item_of_their_group() {
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&["add", "--code", "J001-2021-D30-RSK-0007", "--title", "已有"]);
    let csv = "全宗号,年度,保管期限,机构,件号,题名\n\
               J001,2021,定期30年,RSK,,第一份\n\
               J001,2021,D30,rsk,,第二份\n\
               J001,2021,D30,RSK,20,指定件号\n\
               J001,2022,Y,RSK,,新的一组\n";
    let file = sandbox.write("numbered.csv", csv.as_bytes());
    let out = sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    assert!(out.contains("3 given the next item number"), "{out}");
    for (code, title) in [
        ("J001-2021-D30-RSK-0008", "第一份"),
        ("J001-2021-D30-RSK-0009", "第二份"),
        ("J001-2021-D30-RSK-0020", "指定件号"),
        ("J001-2022-Y-RSK-0001", "新的一组"),
    ] {
        assert_eq!(
            sandbox.json(&["show", code, "--json"])["title"],
            title,
            "{code}"
        );
    }
}

#[test]
fn an_unregistered_fonds_is_reported_with_the_way_to_add_it() {
    let sandbox = Sandbox::with_archive();
    let file = sandbox.write(
        "fonds.csv",
        "档号,题名\nJ009-2019-Y-BGS-0001,未登记全宗\n".as_bytes(),
    );
    let run = sandbox.run(&["import", "records", file.to_str().unwrap()]);
    assert_eq!(run.code, 65);
    assert!(run.stderr.contains(
        ":2: 档号: fonds J009 is not registered; add it first with `dangan fonds add J009"
    ));
}

#[test]
fn csv_export_opens_in_excel_and_imports_back_unchanged() {
    let first = Sandbox::with_archive();
    let file = first.write("records.csv", &fixture("records_zh.csv"));
    first.ok(&["import", "records", file.to_str().unwrap()]);
    first.ok(&[
        "edit",
        "J001-2019-Y-BGS-0001",
        "--notes",
        "修订后的备注，含“引号”和,逗号",
    ]);
    let exported = first.path("export.csv");
    first.ok(&["export", "records", "--output", exported.to_str().unwrap()]);
    let bytes = std::fs::read(&exported).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF\xE6\xA1\xA3\xE5\x8F\xB7"),
        "BOM then 档号"
    );

    let second = Sandbox::with_archive();
    second.ok(&["import", "records", exported.to_str().unwrap()]);
    let again = second.path("again.csv");
    second.ok(&["export", "records", "--output", again.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8(std::fs::read(&again).unwrap()).unwrap(),
        String::from_utf8(bytes).unwrap()
    );
}

#[test]
fn jsonl_export_imports_back_unchanged() {
    let first = Sandbox::with_archive();
    let file = first.write("records.csv", &fixture("records_zh.csv"));
    first.ok(&["import", "records", file.to_str().unwrap()]);
    let jsonl = first.ok(&["export", "records", "--format", "jsonl"]);
    assert_eq!(jsonl.lines().count(), 6);

    let second = Sandbox::with_archive();
    let file = second.write("records.jsonl", jsonl.as_bytes());
    second.ok(&["import", "records", file.to_str().unwrap()]);
    assert_eq!(
        second.ok(&["export", "records", "--format", "jsonl"]),
        jsonl
    );
}

#[test]
fn export_filters_by_fonds_and_year() {
    let sandbox = Sandbox::with_archive();
    let file = sandbox.write("records.csv", &fixture("records_zh.csv"));
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    let j002 = sandbox.ok(&["export", "records", "--format", "jsonl", "--fonds", "j002"]);
    assert_eq!(j002.lines().count(), 2);
    assert!(j002.lines().all(|l| l.contains("\"code\":\"J002-")));
    let none = sandbox.ok(&["export", "records", "--format", "jsonl", "--year", "2000"]);
    assert!(none.is_empty());
}
