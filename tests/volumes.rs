//! Volume-level arrangement (案卷, DA/T 13 and GB/T 9705) through the command line: a fonds
//! arranged by volume, volumes and the items inside them, catalogues, imports of a 卷内目录, a
//! volume-arranged paper register reconciled, and what a reader cleared to 公开 sees of it.

mod common;

use calamine::{Data, Reader, open_workbook_auto};
use common::Sandbox;

fn cells(path: &std::path::Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let text = |c: &Data| match c {
        Data::Empty => String::new(),
        Data::Float(f) => format!("{f}"),
        other => other.to_string(),
    };
    range
        .rows()
        .map(|row| row.iter().map(text).collect())
        .collect()
}

const READER: (&str, &str) = ("公开读者", "公开读者口令-2026");

/// J007 arranged by volume, with catalogue 001 holding volumes 012 (内部, two items, the first
/// 秘密) and 013 (公开, one item).
fn volume_fonds() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    #[rustfmt::skip]
    sandbox.ok(&["fonds", "add", "J007", "县革命委员会", "--scheme", "volume"]);
    #[rustfmt::skip]
    sandbox.ok(&["volume", "add", "ｊ００７－１－１２", "--title",
        "关于《农田水利》建设的请示、批复——１９８５年", "--retention", "永久",
        "--start", "1985-03-02", "--end", "1985年11月30日", "--pages", "86"]);
    #[rustfmt::skip]
    sandbox.ok(&["volume", "add", "J007-001-013", "--title", "县志办公室“大事记”…Draft", 
        "--retention", "D30", "--year", "1986", "--class", "公开", "--location", "2号库-01-01-1"]);
    #[rustfmt::skip]
    sandbox.ok(&["add", "--volume", "J007-001-012", "--title", "关于兴修水利的请示",
        "--responsible", "县水利局", "--date", "1985-03-02", "--pages", "4", "--class", "秘密"]);
    #[rustfmt::skip]
    sandbox.ok(&["add", "--code", "J007-1-12-2", "--title", "关于兴修水利的批复",
        "--date", "19850410", "--class", "公开"]);
    #[rustfmt::skip]
    sandbox.ok(&["add", "--volume", "J007-001-013", "--title", "一九八六年大事记（初稿）",
        "--class", "公开"]);
    sandbox
}

#[test]
fn a_volume_holds_its_items_by_order_number_and_takes_its_year_and_retention_to_them() {
    let sandbox = volume_fonds();
    let view = sandbox.json(&["volume", "show", "J007-001-012", "--json"]);
    assert_eq!(view["code"], "J007-001-012");
    assert_eq!(
        view["title"],
        "关于《农田水利》建设的请示、批复——１９８５年"
    );
    assert_eq!(
        (&view["start"], &view["end"]),
        (&"1985-03-02".into(), &"1985-11-30".into())
    );
    // The 秘密 item raised the volume, made 内部, to cover it.
    assert_eq!(view["classification"], "secret");
    assert_eq!(view["items"], 2);
    let contents = view["contents"].as_array().unwrap();
    let codes: Vec<&str> = contents
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["J007-001-012-0001", "J007-001-012-0002"]);
    for item in contents {
        assert_eq!(
            (&item["year"], &item["retention"]),
            (&1985.into(), &"Y".into())
        );
        assert_eq!(
            (&item["catalogue"], &item["volume"]),
            (&"001".into(), &12.into())
        );
    }
    // The item is found by its code however it is typed.
    let shown = sandbox.ok(&["show", "ｊ００７－００１－０１２－１", "--lang", "zh"]);
    assert!(
        shown.contains("J007-001-012-0001  关于兴修水利的请示"),
        "{shown}"
    );
    assert!(shown.contains("永久"), "{shown}");
    let catalogues = sandbox.json(&["volume", "list", "J007", "--json"]);
    assert_eq!(
        catalogues,
        serde_json::json!([{"catalogue": "001", "volumes": 2, "items": 3}])
    );
    let listed = sandbox.ok(&["volume", "list", "J007", "--catalogue", "1", "--lang", "zh"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert!(
        lines[0].starts_with("J007-001-012  关于《农田水利》"),
        "{listed}"
    );
    assert!(lines[1].contains("定期30年  1 件"), "{listed}");
    assert!(
        lines[1].ends_with("2号库-01-01-1"),
        "shelved as it was made: {listed}"
    );
}

#[test]
fn volumes_and_their_items_refuse_what_does_not_fit() {
    let sandbox = volume_fonds();
    let fails = |args: &[&str], says: &str| {
        let run = sandbox.run(args);
        assert_ne!(run.code, 0, "{args:?} succeeded");
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    };
    #[rustfmt::skip]
    fails(&["volume", "add", "J001-001-001", "--title", "卷", "--retention", "Y", "--year", "1990"],
        "fonds J001 is not arranged by volume");
    #[rustfmt::skip]
    fails(&["volume", "add", "J007-001-012", "--title", "卷", "--retention", "Y", "--year", "1990"],
        "volume J007-001-012 already exists");
    #[rustfmt::skip]
    fails(&["volume", "add", "J007-001-020", "--title", "卷", "--retention", "Y",
        "--start", "1990-05-01", "--end", "1990-01-01"], "the end 1990-01-01 is before the start 1990-05-01");
    #[rustfmt::skip]
    fails(&["volume", "add", "J007-000-020", "--title", "卷", "--retention", "Y", "--year", "1990"],
        "catalogue number (目录号) \"000\"");
    #[rustfmt::skip]
    fails(&["volume", "add", "J007-001-021", "--title", "卷", "--retention", "D20", "--year", "1990"],
        "retention (保管期限) \"D20\"");
    fails(
        &["add", "--volume", "J007-001-099", "--title", "无处可放"],
        "no volume J007-001-099",
    );
    // A fonds arranged by volume takes no 件-level codes, and the other way round.
    #[rustfmt::skip]
    fails(&["add", "--fonds", "J007", "--year", "1985", "--retention", "Y", "--dept", "BGS",
        "--title", "按件"], "coded in its scheme, e.g. J007-001-012-0001");
    fails(
        &["add", "--code", "J001-001-001-0001", "--title", "按卷"],
        "coded in its scheme, e.g. J001-2019-Y-BGS-0001",
    );
    // Boxes are for 件-level groups: a volume stands on the shelf itself.
    #[rustfmt::skip]
    fails(&["box", "make", "J007-001-012", "--location", "1号库-01-01-1"], "not boxed");
    assert!(sandbox.ok(&["volume", "list", "J007"]).contains("3 items"));
}

#[test]
fn a_volume_moves_on_the_shelves_with_its_history_kept_and_audited() {
    let sandbox = volume_fonds();
    sandbox.ok(&["volume", "move", "J007-001-012", "2号库-05-03-2"]);
    sandbox.ok(&["volume", "move", "J007-001-012", "2号库-05-04-1"]);
    let view = sandbox.json(&["volume", "show", "J007-001-012", "--json"]);
    assert_eq!(view["location"], "2号库-05-04-1");
    let moves = view["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 2);
    assert_eq!(
        (&moves[1][0], &moves[1][1]),
        (&"2号库-05-03-2".into(), &"2号库-05-04-1".into())
    );
    // Out for 数字化 and back: the stack register, printed with the boxes'.
    sandbox.ok(&["volume", "out", "J007-001-012", "--reason", "数字化"]);
    let twice = sandbox.run(&["volume", "out", "J007-001-012", "--reason", "借阅"]);
    assert!(
        twice.stderr.contains("out of the stacks already (数字化)"),
        "{}",
        twice.stderr
    );
    assert_eq!(
        sandbox.json(&["volume", "show", "J007-001-012", "--json"])["out"],
        "数字化"
    );
    sandbox.ok(&["volume", "in", "J007-001-012"]);
    let register = sandbox.path("出入库.xlsx");
    sandbox.ok(&["print", "stack-register", "-o", register.to_str().unwrap()]);
    let rows = cells(&register, "出入库登记");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1][1..4], ["J007-001-012", "出库", "数字化"]);
    assert_eq!(rows[2][1..3], ["J007-001-012", "入库"]);
    let audit = sandbox.ok(&["audit", "log", "--json"]);
    for action in [
        "volume.add",
        "volume.move",
        "volume.classify",
        "volume.out",
        "volume.in",
    ] {
        assert!(audit.contains(action), "{action} not audited:\n{audit}");
    }
}

#[test]
fn a_catalogue_of_items_imports_from_its_part_columns_all_or_nothing() {
    let sandbox = volume_fonds();
    let good = sandbox.write(
        "卷内目录.csv",
        "全宗号,目录号,案卷号,顺序号,责任者,题名,日期,页数\n\
         J007,1,13,,县志办,“大事记”二稿,1986-06-01,12\n\
         J007,001,012,3,县水利局,关于《水库》验收的报告—１９８５,19851101,3\n"
            .as_bytes(),
    );
    sandbox.ok(&["import", "records", good.to_str().unwrap()]);
    let view = sandbox.json(&["volume", "show", "J007-001-013", "--json"]);
    let codes: Vec<&str> = view["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["J007-001-013-0001", "J007-001-013-0002"]);
    let bad = sandbox.write(
        "坏目录.csv",
        "全宗号,目录号,案卷号,顺序号,题名\n\
         J007,1,12,4,好的一行\n\
         J007,1,1a,1,案卷号写错\n\
         J007,1,77,1,没有这一卷\n"
            .as_bytes(),
    );
    let run = sandbox.run(&["import", "records", bad.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(
        run.stderr.contains("坏目录.csv:3: 案卷号"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("坏目录.csv:4: 全宗号: no volume J007-001-077"),
        "{}",
        run.stderr
    );
    // Nothing of the file landed, the good line neither.
    assert!(sandbox.run(&["show", "J007-001-012-0004"]).code != 0);
}

#[test]
fn a_volume_arranged_paper_register_is_reconciled_line_by_line() {
    let sandbox = volume_fonds();
    let register = sandbox.write(
        "卷内目录台账.csv",
        "全宗号,目录号,案卷号,顺序号,题名,日期\n\
         J007,1,12,1,关于兴修水利的请示,1985-03-02\n\
         J007,1,12,2,关于兴修水利的批覆,1985-04-10\n\
         J007,1,12,3,纸质目录上才有的一件,1985-05-01\n"
            .as_bytes(),
    );
    #[rustfmt::skip]
    sandbox.ok(&["reconcile", "import", register.to_str().unwrap(), "--scope", "J007/1985"]);
    let status = sandbox.json(&["reconcile", "status", "J007/1985", "--json"]);
    let status = &status["scopes"][0];
    assert_eq!(
        (
            &status["paper_lines"],
            &status["agrees"],
            &status["differs"],
            &status["paper_only"],
            &status["digital_only"]
        ),
        (&3.into(), &1.into(), &1.into(), &1.into(), &0.into()),
        "{status}"
    );
    let report = sandbox.ok(&["reconcile", "report", "J007/1985", "--format", "csv"]);
    assert!(report.contains("J007-001-012-0002"), "{report}");
    assert!(report.contains("批覆"), "{report}");
}

#[test]
fn a_reader_cleared_to_public_sees_only_public_volumes_and_never_learns_of_the_others() {
    let sandbox = volume_fonds();
    let (name, password) = READER;
    sandbox.add_user(name, password, "reader", "公开");
    let reader = |args: &[&str]| sandbox.run_as(name, password, args);
    let catalogues = reader(&["volume", "list", "J007", "--json"]);
    let catalogues: serde_json::Value = serde_json::from_str(&catalogues.stdout).unwrap();
    assert_eq!(
        catalogues,
        serde_json::json!([{"catalogue": "001", "volumes": 1, "items": 1}])
    );
    let listed = reader(&["volume", "list", "J007", "--catalogue", "001"]).stdout;
    assert!(
        listed.contains("J007-001-013") && !listed.contains("农田水利"),
        "{listed}"
    );
    // The 秘密 volume answers as one that does not exist, in words and exit code.
    let hidden = reader(&["volume", "show", "J007-001-012"]);
    let missing = reader(&["volume", "show", "J007-001-099"]);
    assert_eq!(hidden.code, missing.code);
    assert_eq!(hidden.stderr.replace("012", "099"), missing.stderr);
    let json = reader(&["volume", "show", "J007-001-012", "--json"]);
    assert!(json.stdout.is_empty() && !json.stderr.contains("农田水利"));
    // An auditor cleared to 公开 reads the trail of the public volume, not of the 秘密 one.
    let (auditor, auditor_password) = ("公开审计员", "公开审计员口令-2026");
    sandbox.add_user(auditor, auditor_password, "auditor", "公开");
    let trail = sandbox.run_as(auditor, auditor_password, &["audit", "log", "--json"]);
    assert_eq!(trail.code, 0, "{}", trail.stderr);
    assert!(trail.stdout.contains("J007-001-013"), "{}", trail.stdout);
    assert!(!trail.stdout.contains("J007-001-012\""), "{}", trail.stdout);
    assert!(!trail.stdout.contains("农田水利"), "{}", trail.stdout);
    // Its public item is the reader's to see, alone.
    let item = reader(&["show", "J007-001-012-0002"]);
    assert_eq!(item.code, 0, "{}", item.stderr);
    assert_ne!(reader(&["show", "J007-001-012-0001"]).code, 0);
}

#[test]
fn the_volume_list_and_a_volume_s_contents_print_and_read_back_cell_by_cell() {
    let sandbox = volume_fonds();
    #[rustfmt::skip]
    sandbox.ok(&["add", "--volume", "J007-001-012", "--title", "关于《水库》验收的报告", 
        "--doc-no", "水字〔1985〕第１２号", "--pages", "7", "--class", "公开"]);
    let list = sandbox.path("案卷目录.xlsx");
    let said = sandbox.ok(&[
        "print",
        "volumes",
        "--fonds",
        "j007",
        "-o",
        list.to_str().unwrap(),
    ]);
    assert!(said.contains("(2 rows)"), "{said}");
    let rows = cells(&list, "目录001");
    assert_eq!(
        rows[0],
        [
            "序号",
            "档号",
            "案卷题名",
            "起止日期",
            "卷内件数",
            "页数",
            "保管期限",
            "密级",
            "备注"
        ]
    );
    assert_eq!(
        rows[1],
        [
            "1",
            "J007-001-012",
            "关于《农田水利》建设的请示、批复——１９８５年",
            "19850302—19851130",
            "3",
            "86",
            "永久",
            "秘密",
            ""
        ]
    );
    assert_eq!(
        rows[2][..4],
        ["2", "J007-001-013", "县志办公室“大事记”…Draft", ""]
    );
    let contents = sandbox.path("卷内目录.xlsx");
    #[rustfmt::skip]
    sandbox.ok(&["print", "contents", "J007-001-012", "-o", contents.to_str().unwrap()]);
    let cover = cells(&contents, "封面");
    assert!(
        cover.iter().any(|r| r[..2] == ["档号", "J007-001-012"]),
        "{cover:?}"
    );
    let rows = cells(&contents, "卷内目录");
    assert_eq!(
        rows[0],
        ["顺序号", "文号", "责任者", "题名", "日期", "页号", "备注"]
    );
    assert_eq!(
        rows[1],
        [
            "1",
            "",
            "县水利局",
            "关于兴修水利的请示",
            "19850302",
            "1",
            ""
        ]
    );
    // The second item's pages are not known: the page numbers stop there.
    assert_eq!(
        rows[2][..6],
        ["2", "", "", "关于兴修水利的批复", "19850410", "5"]
    );
    assert_eq!(
        rows[3][..6],
        [
            "3",
            "水字〔1985〕第１２号",
            "",
            "关于《水库》验收的报告",
            "",
            ""
        ]
    );

    // A clerk cleared to 公开 prints the public volume only, and not the other's contents.
    let (name, password) = ("公开档案员", "公开档案员口令-2026");
    sandbox.add_user(name, password, "archivist", "公开");
    let theirs = sandbox.path("公开的案卷目录.xlsx");
    #[rustfmt::skip]
    sandbox.run_as(name, password, &["print", "volumes", "--fonds", "J007", "-o", theirs.to_str().unwrap()]);
    let rows = cells(&theirs, "目录001");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][1], "J007-001-013");
    let hidden = sandbox.path("秘密卷.xlsx");
    #[rustfmt::skip]
    let run = sandbox.run_as(name, password, &["print", "contents", "J007-001-012", "-o", hidden.to_str().unwrap()]);
    assert_ne!(run.code, 0);
    assert!(!hidden.exists(), "nothing half-written");
    assert!(!run.stderr.contains("农田水利"), "{}", run.stderr);
}

#[test]
fn a_stocktake_counts_the_volumes_standing_on_the_shelves() {
    let sandbox = volume_fonds();
    sandbox.ok(&["volume", "move", "J007-001-012", "3号库-01-02-1"]);
    sandbox.ok(&["volume", "move", "J007-001-013", "3号库-02-01-1"]);
    // Column 1 walked: volume 012 by the label of an item inside, 013 (recorded in column 2)
    // by its spine as typed, and a volume that does not exist.
    let file = sandbox.write(
        "扫描.txt",
        "J007-001-012-0002\nj007-1-13\nJ007-001-099\n".as_bytes(),
    );
    let result = sandbox.json(&["stocktake", "3号库-01", file.to_str().unwrap(), "--json"]);
    assert_eq!(result["expected"], 1);
    assert_eq!(result["found"], serde_json::json!(["J007-001-012"]));
    assert_eq!(
        result["misplaced"],
        serde_json::json!([["J007-001-013", "3号库-02-01-1"]])
    );
    assert_eq!(result["unknown"], serde_json::json!(["J007-001-099"]));
    // A clerk cleared to 公开 does not know the 秘密 volume is there: not expected, and its label unknown.
    let (name, password) = ("公开档案员", "公开档案员口令-2026");
    sandbox.add_user(name, password, "archivist", "公开");
    #[rustfmt::skip]
    let run = sandbox.run_as(name, password, &["stocktake", "3号库-01", file.to_str().unwrap(), "--json"]);
    let result: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(result["expected"], 0);
    assert_eq!(
        result["unknown"],
        serde_json::json!(["J007-001-012-0002", "J007-001-099"])
    );
}

#[test]
fn a_volume_is_described_anew_and_its_items_follow_its_retention() {
    let sandbox = volume_fonds();
    #[rustfmt::skip]
    let said = sandbox.ok(&["volume", "edit", "J007-001-012", "--title", "关于《农田水利》建设的请示、批复（更正）",
        "--retention", "D30", "--end", ""]);
    assert!(
        said.contains("volume J007-001-012 changed: title, retention, end"),
        "{said}"
    );
    let view = sandbox.json(&["volume", "show", "J007-001-012", "--json"]);
    assert_eq!(view["title"], "关于《农田水利》建设的请示、批复（更正）");
    assert_eq!(
        (&view["retention"], &view["end"]),
        (&"D30".into(), &serde_json::Value::Null)
    );
    assert_eq!(view["start"], "1985-03-02", "what was not given stays");
    for item in view["contents"].as_array().unwrap() {
        assert_eq!(item["retention"], "D30", "{item}");
    }
    // Found by the retention filter of search, which the index took from the change.
    let found = sandbox.ok(&["search", "兴修水利", "保管期限:D30", "--json"]);
    assert!(found.contains("J007-001-012-0001"), "{found}");
    assert!(
        sandbox
            .ok(&["volume", "edit", "J007-001-012", "--pages", "86"])
            .contains("nothing changed")
    );
    // Lowering a 密级 is declassification, an appraisal: refused here.
    let run = sandbox.run(&["volume", "edit", "J007-001-012", "--class", "公开"]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(
        run.stderr.contains("declassifying is an appraisal"),
        "{}",
        run.stderr
    );
    let trail = sandbox.ok(&["audit", "log", "--json"]);
    assert!(trail.contains("volume.edit"), "{trail}");
    // A clerk cleared to 公开 cannot touch the 秘密 volume: it is not there for them.
    let (name, password) = ("公开档案员", "公开档案员口令-2026");
    sandbox.add_user(name, password, "archivist", "公开");
    #[rustfmt::skip]
    let run = sandbox.run_as(name, password, &["volume", "edit", "J007-001-012", "--title", "改"]);
    assert!(
        run.stderr.contains("no volume J007-001-012"),
        "{}",
        run.stderr
    );
}

#[test]
fn search_filters_by_catalogue_and_by_volume() {
    let sandbox = volume_fonds();
    let codes = |query: &str| -> Vec<String> {
        let found = sandbox.json(&["search", query, "--json"]);
        let mut codes: Vec<String> = found["hits"]
            .as_array()
            .unwrap_or_else(|| panic!("{found}"))
            .iter()
            .map(|h| h["code"].as_str().unwrap_or_default().to_string())
            .collect();
        codes.sort();
        codes
    };
    assert_eq!(
        codes("案卷:j007-1-12 sort:code"),
        ["J007-001-012-0001", "J007-001-012-0002"]
    );
    assert_eq!(codes("目录号:1 大事记"), ["J007-001-013-0001"]);
    assert_eq!(codes("volume:J007-001-013"), ["J007-001-013-0001"]);
}
