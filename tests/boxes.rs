//! Boxes on the shelves: records boxed in item order, moves kept, the stack register, a
//! stocktake with missing, misplaced and unknown codes — and all of it through the clearance of
//! whoever asks.

mod common;

use common::Sandbox;

/// J001-2019-Y-BGS with `n` records of 30 pages each; the ones in `secret` are 机密.
fn group(sandbox: &Sandbox, n: u32, secret: &[u32]) {
    let mut csv = String::from("档号,题名,页数,密级\n");
    for item in 1..=n {
        let class = if secret.contains(&item) {
            "机密"
        } else {
            "公开"
        };
        csv.push_str(&format!(
            "J001-2019-Y-BGS-{item:04},关于《第{item}号》事项的通知——“装盒”,30,{class}\n"
        ));
    }
    let file = sandbox.write("装盒.csv", csv.as_bytes());
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
}

#[test]
fn records_are_boxed_in_order_moved_taken_out_and_brought_back() {
    let sandbox = Sandbox::with_archive();
    group(&sandbox, 7, &[]);
    let said = sandbox.ok(&[
        "--lang",
        "zh",
        "box",
        "make",
        "j001-2019-y-bgs",
        "--pages",
        "100",
        "--location",
        "1号库-03-02-4",
    ]);
    assert!(said.contains("已装 3 盒"), "{said}");
    assert!(said.contains("J001-2019-Y-BGS-H001") && said.contains("J001-2019-Y-BGS-H003"));
    let list = sandbox.json(&["box", "list", "J001-2019-Y-BGS", "--json"]);
    let items: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &b["items"])
        .collect();
    assert_eq!(items[0], &serde_json::json!([1, 2, 3]));
    assert_eq!(items[2], &serde_json::json!([7]));

    // Two more records later: a fourth box numbered on, nothing reboxed.
    let more = sandbox.write(
        "补充.csv",
        "档号,题名\nJ001-2019-Y-BGS-0008,补充件一\nJ001-2019-Y-BGS-0009,补充件二\n".as_bytes(),
    );
    sandbox.ok(&["import", "records", more.to_str().unwrap()]);
    sandbox.ok(&[
        "box",
        "make",
        "J001-2019-Y-BGS",
        "--location",
        "1号库-03-02-5",
    ]);
    let again = sandbox.run(&[
        "--lang",
        "zh",
        "box",
        "make",
        "J001-2019-Y-BGS",
        "--location",
        "x",
    ]);
    assert_eq!(again.code, 65);
    assert!(
        again.stderr.contains("没有尚未装盒的档案"),
        "{}",
        again.stderr
    );

    sandbox.ok(&["box", "move", "J001-2019-Y-BGS-H2", "2号库-01-01-1"]);
    sandbox.ok(&[
        "box",
        "note",
        "J001-2019-Y-BGS-H002",
        "--note",
        "第５件有破损，已修裱",
        "--arranged-by",
        "李档案",
        "--checked-by",
        "张管理",
        "--date",
        "2026年12月1日",
    ]);
    sandbox.ok(&["box", "out", "J001-2019-Y-BGS-H002", "--reason", "数字化"]);
    let twice = sandbox.run(&[
        "--lang",
        "zh",
        "box",
        "out",
        "J001-2019-Y-BGS-H002",
        "--reason",
        "借阅",
    ]);
    assert_eq!(twice.code, 65);
    assert!(
        twice.stderr.contains("已出库（数字化）"),
        "{}",
        twice.stderr
    );
    let shown = sandbox.ok(&["--lang", "zh", "box", "show", "J001-2019-Y-BGS-H002"]);
    for said in [
        "2号库-01-01-1",
        "1号库-03-02-4 → 2号库-01-01-1",
        "第５件有破损",
        "出库",
        "数字化",
        "2026-12-01",
    ] {
        assert!(shown.contains(said), "{said}:\n{shown}");
    }
    sandbox.ok(&["box", "in", "J001-2019-Y-BGS-H002"]);
    let view = sandbox.json(&["box", "show", "J001-2019-Y-BGS-H002", "--json"]);
    assert_eq!(view["out"], serde_json::Value::Null);
    assert_eq!(view["register"].as_array().unwrap().len(), 2);
    // The spine labels and 备考表, read back by a second reader.
    let labels = sandbox.path("盒.xlsx");
    let said = sandbox.ok(&[
        "--lang",
        "zh",
        "print",
        "boxes",
        "J001-2019-Y-BGS",
        "-o",
        labels.to_str().unwrap(),
    ]);
    assert!(said.contains("4 盒"), "{said}");
    let mut book = calamine::open_workbook_auto(&labels).unwrap();
    use calamine::Reader;
    // The third row of a sheet (box 2 under the header), as text.
    let mut third_row = |sheet: &str| -> Vec<String> {
        let range = book.worksheet_range(sheet).unwrap();
        let row = range.rows().nth(2).unwrap();
        row.iter().map(|c| c.to_string()).collect()
    };
    assert_eq!(
        third_row("盒脊"),
        [
            "002",
            "J001",
            "2019",
            "永久",
            "BGS",
            "0004–0006",
            "3",
            "2号库-01-01-1"
        ]
    );
    assert_eq!(
        third_row("备考表"),
        [
            "J001-2019-Y-BGS-H002",
            "第５件有破损，已修裱",
            "李档案",
            "张管理",
            "2026-12-01"
        ]
    );

    assert_eq!(
        third_row("盒封面"),
        ["J001-2019-Y-BGS-H002", "市人民政府办公室"]
    );
    // The stack register: out for 数字化, then back, in the order it happened.
    let register = sandbox.path("出入库.xlsx");
    #[rustfmt::skip]
    sandbox.ok(&["print", "stack-register", "-o", register.to_str().unwrap()]);
    let mut book = calamine::open_workbook_auto(&register).unwrap();
    let range = book.worksheet_range("出入库登记").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0],
        ["时间", "盒 / 案卷", "出入", "事由", "经办人", "存放位置"]
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1][1..4], ["J001-2019-Y-BGS-H002", "出库", "数字化"]);
    assert_eq!(rows[2][1..3], ["J001-2019-Y-BGS-H002", "入库"]);

    let trail = sandbox.ok(&["audit", "log", "--json"]);
    for action in ["boxes.make", "box.move", "box.note", "box.out", "box.in"] {
        assert!(trail.contains(action), "{action}");
    }
}

#[test]
fn a_stocktake_names_missing_misplaced_and_unknown_from_scanned_codes() {
    let sandbox = Sandbox::with_archive();
    group(&sandbox, 6, &[]);
    sandbox.ok(&[
        "box",
        "make",
        "J001-2019-Y-BGS",
        "--items",
        "2",
        "--location",
        "1号库-03-01-1",
    ]);
    sandbox.ok(&["box", "move", "J001-2019-Y-BGS-H003", "1号库-04-01-1"]);
    // The clerk walks column 3: box 1 by its spine, box 3 (recorded in column 4) found here,
    // item 0004 (in box 2) by its own label, a label nobody knows; box 2 twice.
    let scanned = "J001-2019-Y-BGS-H001\nJ001-2019-Y-BGS-H003\nj001-2019-y-bgs-0004\n\nX9-不明标签\nJ001-2019-Y-BGS-H001\n";
    let file = sandbox.write("扫描.txt", scanned.as_bytes());
    let result = sandbox.json(&["stocktake", "1号库-03", file.to_str().unwrap(), "--json"]);
    assert_eq!(result["expected"], 2);
    assert_eq!(
        result["found"],
        serde_json::json!(["J001-2019-Y-BGS-H001", "J001-2019-Y-BGS-H002"])
    );
    assert_eq!(result["missing"], serde_json::json!([]));
    assert_eq!(
        result["misplaced"],
        serde_json::json!([["J001-2019-Y-BGS-H003", "1号库-04-01-1"]])
    );
    assert_eq!(result["unknown"], serde_json::json!(["X9-不明标签"]));

    // The same walk again, its result also written for printing (清点检查记录).
    let printed = sandbox.path("清点.xlsx");
    #[rustfmt::skip]
    sandbox.ok(&["stocktake", "1号库-03", file.to_str().unwrap(), "-o", printed.to_str().unwrap()]);
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&printed).unwrap();
    let cover = book.worksheet_range("封面").unwrap();
    let cover: Vec<String> = cover
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    for line in ["清点位置|1号库-03", "应在|2", "见到|2", "错架|1", "不明|1"] {
        assert!(cover.contains(&line.to_string()), "{line}: {cover:?}");
    }
    let rows = book.worksheet_range("清点结果").unwrap();
    let rows: Vec<Vec<String>> = rows
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[1], ["错架", "J001-2019-Y-BGS-H003", "1号库-04-01-1"]);
    assert_eq!(rows[2], ["不明", "X9-不明标签", ""]);

    // Scanned from standard input, as a scanner types: nothing found means every box missing.
    let run = sandbox.run_with_input("\n", &["--lang", "zh", "stocktake", "1号库-03"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("应在 2（盒、卷），见到 0；缺 2"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_clerk_cleared_to_public_never_learns_of_boxes_or_items_above_it() {
    let sandbox = Sandbox::with_archive();
    // Box 1 holds items 1–2 (public), box 2 items 3–4 (机密), box 3 items 5 (public) and 6 (机密).
    group(&sandbox, 6, &[3, 4, 6]);
    sandbox.ok(&[
        "box",
        "make",
        "J001-2019-Y-BGS",
        "--items",
        "2",
        "--location",
        "1号库-03-01-1",
    ]);
    sandbox.add_user("公开档案员", "公开档案员口令-2026", "archivist", "公开");
    let clerk = |args: &[&str]| sandbox.run_as("公开档案员", "公开档案员口令-2026", args);

    let list = clerk(&["box", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["J001-2019-Y-BGS-H001", "J001-2019-Y-BGS-H003"]);
    assert_eq!(list[1]["items"], serde_json::json!([5]));

    for args in [
        &["box", "show", "J001-2019-Y-BGS-H002"][..],
        &["box", "move", "J001-2019-Y-BGS-H002", "2号库"],
        &["box", "out", "J001-2019-Y-BGS-H002", "--reason", "借阅"],
    ] {
        let run = clerk(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        let other: Vec<String> = args.iter().map(|a| a.replace("H002", "H009")).collect();
        let other: Vec<&str> = other.iter().map(String::as_str).collect();
        let nonexistent = clerk(&other);
        assert_eq!(
            run.stderr.replace("H002", "H009"),
            nonexistent.stderr,
            "the same words as for a box that does not exist"
        );
    }
    // Scanning the 机密 box's spine or a 机密 item: unknown, as any code that names nothing.
    let file = sandbox.write(
        "扫描.txt",
        "J001-2019-Y-BGS-H002\nJ001-2019-Y-BGS-0004\nJ001-2019-Y-BGS-H001\n".as_bytes(),
    );
    let run = clerk(&["stocktake", "1号库-03", file.to_str().unwrap(), "--json"]);
    let result: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(result["expected"], 2);
    assert_eq!(
        result["unknown"],
        serde_json::json!(["J001-2019-Y-BGS-H002", "J001-2019-Y-BGS-0004"])
    );
    assert_eq!(
        result["missing"],
        serde_json::json!(["J001-2019-Y-BGS-H003"])
    );
}
