//! `dangan appraise` as a process: the due list written as a sheet and proposed back filled in
//! (from Excel's GB18030 CSV with CRLF too), a sheet's mistakes reported at their file, line and
//! column with nothing proposed, a destruction that asks first, and the destruction list read
//! back from .xlsx and .csv as another program would.

mod common;

use calamine::{Data, Reader};
use common::Sandbox;

const SECOND_ADMIN: (&str, &str) = ("馆长乙", "馆长乙口令-2026");
const ARCHIVIST: (&str, &str) = ("档案员丙", "档案员丙口令-2026");

/// J001 with four records of 2010 kept ten years (due since 2021), one of 2020 (due 2031) and one
/// permanent.
fn archive() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    sandbox.add_user(SECOND_ADMIN.0, SECOND_ADMIN.1, "admin", "机密");
    sandbox.add_user(ARCHIVIST.0, ARCHIVIST.1, "archivist", "机密");
    let records = "档号,题名,责任者,日期,密级,页数\n\
        J001-2010-D10-BGS-0001,关于2010年度“安全生产月”活动的通知,市政府办公室,20100312,公开,3\n\
        J001-2010-D10-BGS-0002,《会议纪要》第１期——节能减排…,市政府办公室,20100415,内部,12\n\
        J001-2010-D10-BGS-0003,关于ISO 9001认证工作的请示,市政府办公室,201005,公开,5\n\
        J001-2010-D10-BGS-0004,2010年度“菜篮子”工程总结,市政府办公室,2010,秘密,40\n\
        J001-2020-D10-BGS-0001,2020年工作要点,市政府办公室,20200110,公开,2\n\
        J001-2010-Y-BGS-0001,市政府2010年工作报告,市政府办公室,20100201,公开,30\n";
    let file = sandbox.write("目录.csv", records.as_bytes());
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    sandbox
}

fn as_archivist(sandbox: &Sandbox, args: &[&str]) -> common::Run {
    sandbox.run_as(ARCHIVIST.0, ARCHIVIST.1, args)
}

#[test]
fn the_due_sheet_comes_back_filled_in_as_an_appraisal() {
    let sandbox = archive();
    let due = sandbox.json(&["appraise", "due", "--json"]);
    assert_eq!(due["groups"][0]["fonds"], "J001");
    assert_eq!(due["groups"][0]["year"], 2010);
    assert_eq!(due["groups"][0]["records"], 4, "{due}");
    assert_eq!(due["groups"][0]["pages"], 60);
    let ahead = sandbox.json(&["appraise", "due", "--as-of", "2031", "--json"]);
    assert_eq!(ahead["groups"].as_array().unwrap().len(), 2, "{ahead}");

    let sheet = sandbox.path("待鉴定.csv");
    let run = as_archivist(
        &sandbox,
        &[
            "appraise",
            "due",
            "--sheet",
            sheet.to_str().unwrap(),
            "--lang",
            "zh",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("已写出 4 件"), "{}", run.stdout);
    // Read as a spreadsheet program would: the header, and 决定 filled with 销毁.
    let text = std::fs::read_to_string(&sheet).unwrap();
    let mut rows: Vec<Vec<String>> =
        csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1][1], "《会议纪要》第１期——节能减排…");
    assert!(rows.iter().all(|r| r[6] == "销毁"));
    // The group keeps one: 续存 30 years with a reason; one is left undecided for now.
    rows[2][6] = "续存".into();
    rows[2][7] = "D30".into();
    rows[2][10] = "涉及质量认证，仍有查考价值".into();
    rows[3][6] = String::new();
    let mut filled =
        String::from("档号,题名,日期,页数,密级,到期年度,决定,新保管期限,再审年度,新密级,理由\r\n");
    for row in &rows {
        filled.push_str(
            &row.iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(","),
        );
        filled.push_str("\r\n");
    }
    // Saved by Excel in a Chinese locale: GB18030.
    let (bytes, _, _) = encoding_rs::GB18030.encode(&filled);
    let filled = sandbox.write("鉴定意见.csv", &bytes);
    let run = as_archivist(
        &sandbox,
        &[
            "appraise",
            "propose",
            filled.to_str().unwrap(),
            "--note",
            "2026年到期鉴定",
            "--lang",
            "zh",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("已提出鉴定单 1（3 件）"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("未填「决定」的 1 行没有列入"),
        "{}",
        run.stdout
    );
    let shown = sandbox.json(&["appraise", "show", "1", "--json"]);
    let items = shown["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[2]["verdict"], "keep");
    assert_eq!(items[2]["period"], "D30");
    assert_eq!(shown["proposed_by"], ARCHIVIST.0);
}

#[test]
fn a_sheet_with_mistakes_says_where_each_is_and_proposes_nothing() {
    let sandbox = archive();
    let sheet = "档号,决定,新保管期限,再审年度,理由\r\n\
        J001-2010-D10-BGS-0001,销毁,,,\r\n\
        J001-2010-D10-BGS-0002,毁掉,,,\r\n\
        J001-2010-D10-BGS-0003,续存,D30,,\r\n\
        J001-2020-D10-BGS-0001,销毁,,,\r\n\
        J001-2010-Y-BGS-0001,销毁,,,\r\n\
        J001-2010-D10-BGS-9999,销毁,,,\r\n\
        J001-2010-D10-BGS-0004,续存,D30,三一年,仍有价值\r\n";
    let path = sandbox.write("有误的鉴定意见.csv", sheet.as_bytes());
    let run = as_archivist(&sandbox, &["appraise", "propose", path.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    let err = run.stderr;
    for expected in [
        "有误的鉴定意见.csv:3: 决定: \"毁掉\" is not one of",
        "有误的鉴定意见.csv:4: 理由: J001-2010-D10-BGS-0003: keeping, keeping closed and keeping classified each need a reason",
        "有误的鉴定意见.csv:5: 决定: J001-2020-D10-BGS-0001: its retention runs until 2031",
        "有误的鉴定意见.csv:6: 决定: J001-2010-Y-BGS-0001: kept permanently",
        "有误的鉴定意见.csv:7: 档号: no record J001-2010-D10-BGS-9999",
        "有误的鉴定意见.csv:8: 再审年度: \"三一年\" is not a year",
        "nothing was proposed",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert!(!err.contains(":2:"), "line 2 is right:\n{err}");
    assert_eq!(
        sandbox.json(&["appraise", "list", "--json"]),
        serde_json::json!([])
    );

    // A sheet without 决定, and one whose quote runs on.
    let no_column = sandbox.write(
        "无决定列.csv",
        "档号,理由\nJ001-2010-D10-BGS-0001,过期\n".as_bytes(),
    );
    let run = as_archivist(
        &sandbox,
        &["appraise", "propose", no_column.to_str().unwrap()],
    );
    assert_eq!(run.code, 65);
    assert!(
        run.stderr
            .contains("无决定列.csv:1: header: the column \"决定\" is missing"),
        "{}",
        run.stderr
    );
    let runaway =
        "档号,决定,理由\nJ001-2010-D10-BGS-0001,销毁,\"未闭合\nJ001-2010-D10-BGS-0003,销毁,\n";
    let runaway = sandbox.write("引号.csv", runaway.as_bytes());
    let run = as_archivist(
        &sandbox,
        &["appraise", "propose", runaway.to_str().unwrap()],
    );
    assert_eq!(run.code, 65);
    assert!(run.stderr.contains("引号.csv:2:"), "{}", run.stderr);
    assert_eq!(
        sandbox.json(&["appraise", "list", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn destruction_asks_first_and_its_list_reads_back_as_a_spreadsheet() {
    let sandbox = archive();
    let attachment = sandbox.write(
        "通知正文.txt",
        "2010年“安全生产月”活动通知正文\n".as_bytes(),
    );
    sandbox.ok(&[
        "attach",
        "J001-2010-D10-BGS-0001",
        attachment.to_str().unwrap(),
    ]);
    let sheet = "档号,决定\nJ001-2010-D10-BGS-0001,销毁\nJ001-2010-D10-BGS-0002,销毁\n";
    let sheet = sandbox.write("销毁.csv", sheet.as_bytes());
    assert_eq!(
        as_archivist(&sandbox, &["appraise", "propose", sheet.to_str().unwrap()]).code,
        0
    );
    let approve = sandbox.run_as(
        SECOND_ADMIN.0,
        SECOND_ADMIN.1,
        &["appraise", "approve", "1", "--note", "同意"],
    );
    assert_eq!(approve.code, 0, "{}", approve.stderr);
    // No terminal to ask at: refused until --yes.
    let run = as_archivist(
        &sandbox,
        &["appraise", "destroy", "1", "--witness", "王监销"],
    );
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    let shown = sandbox.json(&["show", "J001-2010-D10-BGS-0001", "--json"]);
    assert_eq!(shown["status"], "in_store");
    let run = as_archivist(
        &sandbox,
        &[
            "appraise",
            "destroy",
            "1",
            "--witness",
            "王监销",
            "--yes",
            "--lang",
            "zh",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("2 件档案已销毁，删除 1 个文件"),
        "{}",
        run.stdout
    );
    let shown = sandbox.json(&["show", "J001-2010-D10-BGS-0001", "--json"]);
    assert_eq!(shown["status"], "disposed");
    assert_eq!(shown["objects"], serde_json::json!([]));
    assert_eq!(shown["appraisals"][0]["witness"], "王监销");
    assert_eq!(shown["title"], "关于2010年度“安全生产月”活动的通知");
    let check = sandbox.run(&["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert_eq!(sandbox.run(&["audit", "verify"]).code, 0);

    let xlsx = sandbox.path("销毁清册.xlsx");
    sandbox.ok(&["appraise", "print", "1", "-o", xlsx.to_str().unwrap()]);
    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    let cover = book.worksheet_range("封面").unwrap();
    let cover: Vec<String> = cover.cells().map(|(_, _, c)| c.to_string()).collect();
    for expected in [
        "档案销毁清册",
        "王监销",
        SECOND_ADMIN.0,
        ARCHIVIST.0,
        "同意",
    ] {
        assert!(
            cover.iter().any(|c| c == expected),
            "{expected} in {cover:?}"
        );
    }
    let list = book.worksheet_range("清册").unwrap();
    let rows: Vec<Vec<Data>> = list.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows[0][1].to_string(), "档号");
    assert_eq!(rows[1][1].to_string(), "J001-2010-D10-BGS-0001");
    assert_eq!(rows[2][2].to_string(), "《会议纪要》第１期——节能减排…");
    assert_eq!(rows[2][4], Data::Float(12.0));
    assert_eq!(rows[2][5].to_string(), "内部");
    assert_eq!(rows[2][6].to_string(), "销毁");
    let csv_out = sandbox.path("销毁清册.csv");
    sandbox.ok(&["appraise", "print", "1", "-o", csv_out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv_out).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let read: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(read.len(), 2);
    assert_eq!(&read[0][3], "20100312");
}

#[test]
fn a_destroyed_record_is_not_missing_from_a_paper_register() {
    let sandbox = archive();
    let sheet = sandbox.write(
        "销毁.csv",
        "档号,决定\nJ001-2010-D10-BGS-0001,销毁\n".as_bytes(),
    );
    assert_eq!(
        as_archivist(&sandbox, &["appraise", "propose", sheet.to_str().unwrap()]).code,
        0
    );
    let approve = sandbox.run_as(
        SECOND_ADMIN.0,
        SECOND_ADMIN.1,
        &["appraise", "approve", "1"],
    );
    assert_eq!(approve.code, 0, "{}", approve.stderr);
    let run = as_archivist(
        &sandbox,
        &["appraise", "destroy", "1", "--witness", "王监销", "--yes"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The paper register of 2010, struck of the destroyed record as its book is.
    let register = "档号,题名\n\
        J001-2010-D10-BGS-0002,《会议纪要》第１期——节能减排…\n\
        J001-2010-D10-BGS-0003,关于ISO 9001认证工作的请示\n\
        J001-2010-D10-BGS-0004,2010年度“菜篮子”工程总结\n\
        J001-2010-Y-BGS-0001,市政府2010年工作报告\n";
    let register = sandbox.write("2010年登记簿.csv", register.as_bytes());
    sandbox.ok(&[
        "reconcile",
        "import",
        register.to_str().unwrap(),
        "--scope",
        "J001/2010",
    ]);
    let status = sandbox.json(&["reconcile", "status", "J001/2010", "--json"]);
    assert_eq!(status["scopes"][0]["digital_only"], 0, "{status}");
}
