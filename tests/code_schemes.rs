//! The shapes of 档号 a fonds may use: DA/T 22-2015 as written (门类·年度, with or without the
//! 机构 part) beside the older shape, each fonds numbering, validating and importing in its own.

mod common;

use common::Sandbox;

fn add(sandbox: &Sandbox, args: &[&str]) -> common::Run {
    let mut all = vec!["add"];
    all.extend_from_slice(args);
    sandbox.run(&all)
}

#[test]
fn a_da_t_22_fonds_numbers_its_records_with_the_category_and_refuses_the_older_shape() {
    let sandbox = Sandbox::with_archive();
    let said = sandbox.ok(&[
        "--lang",
        "zh",
        "fonds",
        "add",
        "Z109",
        "市文化和旅游局",
        "--scheme",
        "dat22",
    ]);
    assert!(said.contains("Z109-WS·2011-Y-BGS-0001"), "{said}");

    let title = "关于《“十四五”文化事业规划》的请示——第１号";
    let group = [
        "--fonds",
        "z109",
        "--category",
        "ws",
        "--year",
        "２０１１",
        "--retention",
        "永久",
        "--dept",
        "BGS",
    ];
    let mut args = group.to_vec();
    args.extend(["--title", title, "--json"]);
    let first = add(&sandbox, &args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let record: serde_json::Value = serde_json::from_str(&first.stdout).unwrap();
    assert_eq!(record["code"], "Z109-WS·2011-Y-BGS-0001");
    assert_eq!(record["category"], "WS");
    let second = add(&sandbox, &[&group[..], &["--title", "第二件"]].concat());
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(second.stdout.contains("Z109-WS·2011-Y-BGS-0002"));

    // Typed as a clerk types it: a full stop for the dot, full-width, lower case.
    let shown = sandbox.json(&["show", "ｚ109-ws.2011-y-bgs-1", "--json"]);
    assert_eq!(shown["title"], title);

    // The older shape is not this fonds' way: refused, saying how its codes look.
    let wrong = sandbox.run(&[
        "--lang",
        "zh",
        "add",
        "--code",
        "Z109-2011-Y-BGS-0009",
        "--title",
        "旧式档号",
    ]);
    assert_eq!(wrong.code, 65, "{}", wrong.stdout);
    assert!(
        wrong.stderr.contains("全宗 Z109") && wrong.stderr.contains("Z109-WS·2011-Y-BGS-0001"),
        "{}",
        wrong.stderr
    );
    // And a plain fonds refuses the DA/T 22 shape.
    let other = add(
        &sandbox,
        &["--code", "J001-WS·2011-Y-BGS-0001", "--title", "x"],
    );
    assert_eq!(other.code, 65, "{}", other.stdout);
    assert!(
        other.stderr.contains("J001-2019-Y-BGS-0001"),
        "{}",
        other.stderr
    );

    // Search filters by 门类, and the code's own text finds the record.
    let hits = sandbox.ok(&["search", "门类:WS 规划"]);
    assert!(hits.contains("Z109-WS·2011-Y-BGS-0001"), "{hits}");
    assert!(!hits.contains("0002"), "{hits}");
}

#[test]
fn a_fonds_without_the_department_part_and_a_scheme_changed_for_new_records() {
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&[
        "fonds",
        "add",
        "Z110",
        "市档案馆",
        "--scheme",
        "dat22-no-dept",
    ]);
    let run = add(
        &sandbox,
        &[
            "--fonds",
            "Z110",
            "--category",
            "WS",
            "--year",
            "2020",
            "--retention",
            "D30",
            "--title",
            "《档案开放审核办法》…征求意见稿",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Z110-WS·2020-D30-0001"),
        "{}",
        run.stdout
    );

    // J001 held records in the older shape; from now on it codes new ones as DA/T 22.
    sandbox.ok(&["add", "--code", "J001-2015-Y-BGS-0001", "--title", "旧件"]);
    let said = sandbox.ok(&["--lang", "zh", "fonds", "scheme", "J001", "dat22"]);
    assert!(said.contains("已有档案的档号不变"), "{said}");
    sandbox.ok(&[
        "add",
        "--code",
        "J001-WS·2016-Y-BGS-0001",
        "--title",
        "新件",
    ]);
    assert_eq!(
        sandbox.json(&["show", "J001-2015-Y-BGS-0001", "--json"])["title"],
        "旧件"
    );
    let list = sandbox.ok(&["list", "--fonds", "J001"]);
    let old = list.find("J001-2015-Y-BGS-0001").unwrap();
    let new = list.find("J001-WS·2016-Y-BGS-0001").unwrap();
    assert!(old < new, "codes without 门类 sort first:\n{list}");
    let fonds = sandbox.json(&["fonds", "list", "--json"]);
    let j001 = fonds
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "J001")
        .unwrap();
    assert_eq!(j001["scheme"], "dat22");

    let bad = sandbox.run(&["--lang", "zh", "fonds", "scheme", "J001", "DA/T 9705"]);
    assert_eq!(bad.code, 65);
    assert!(
        bad.stderr.contains("plain, dat22, dat22-no-dept"),
        "{}",
        bad.stderr
    );
    // The scheme change is in the audit trail, with what it was.
    let trail = sandbox.ok(&["audit", "log", "--json"]);
    assert!(
        trail.contains("fonds.scheme") && trail.contains("\"was\""),
        "{trail}"
    );
}

#[test]
fn an_import_gives_the_category_as_a_column_or_in_the_code_and_names_the_bad_row() {
    let sandbox = Sandbox::with_dat22_fonds();
    let file = sandbox.write(
        "移交目录.csv",
        "全宗号,门类,年度,保管期限,机构,件号,题名\n\
         Z109,WS,2011,永久,BGS,,关于“文化惠民”工程的通知\n\
         Z109,WS,2011,永久,BGS,,《文化馆管理办法》（修订）\n"
            .as_bytes(),
    );
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    let list = sandbox.ok(&["list", "--fonds", "Z109"]);
    assert!(list.contains("Z109-WS·2011-Y-BGS-0001"), "{list}");
    assert!(list.contains("Z109-WS·2011-Y-BGS-0002"), "{list}");

    // A row in the older shape is named by file, line and column; nothing of the file is kept.
    let file = sandbox.write(
        "混合.csv",
        "档号,题名\nZ109-WS·2012-Y-BGS-0001,新式\nZ109-2012-Y-BGS-0002,旧式\n".as_bytes(),
    );
    let run = sandbox.run(&["--lang", "zh", "import", "records", file.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}", run.stdout);
    assert!(run.stderr.contains("混合.csv:3"), "{}", run.stderr);
    assert!(run.stderr.contains("档号"), "{}", run.stderr);
    assert!(!sandbox.ok(&["list", "--fonds", "Z109"]).contains("2012"));
}

#[test]
fn a_category_of_a_fonds_takes_a_scheme_of_its_own() {
    let sandbox = Sandbox::with_dat22_fonds();
    // 科技 (KJ) records of Z109 leave the 机构 part out; 文书 (WS) keep it.
    #[rustfmt::skip]
    let said = sandbox.ok(&["fonds", "scheme", "Z109", "dat22-no-dept", "--category", "ｋｊ"]);
    assert!(said.contains("Z109-KJ·2011-Y-0001"), "{said}");
    let listed = sandbox.ok(&["fonds", "list"]);
    assert!(
        listed.contains("Z109-WS·2011-Y-BGS-0001; Z109-KJ·2011-Y-0001"),
        "{listed}"
    );
    let title = "《实验楼》施工图——第１卷";
    #[rustfmt::skip]
    sandbox.ok(&["add", "--fonds", "Z109", "--category", "KJ", "--year", "2011", "--retention", "Y",
        "--title", title]);
    sandbox.ok(&["show", "Z109-KJ·2011-Y-0001"]);
    // A KJ code with a 机构 part is not in its 门类's shape; a WS code without one neither.
    let run = add(
        &sandbox,
        &["--code", "Z109-KJ·2011-Y-BGS-0001", "--title", title],
    );
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("e.g. Z109-WS·2011-Y-0001"),
        "{}",
        run.stderr
    );
    let run = add(
        &sandbox,
        &["--code", "Z109-WS·2011-Y-0002", "--title", title],
    );
    assert!(
        run.stderr.contains("e.g. Z109-WS·2011-Y-BGS-0001"),
        "{}",
        run.stderr
    );
    // An import follows the 门类's scheme too.
    let file = sandbox.write(
        "科技.csv",
        "档号,题名\nZ109-KJ·2011-Y-0002,《设备》验收报告\nZ109-KJ·2011-Y-XXK-0003,带机构的\n"
            .as_bytes(),
    );
    let run = sandbox.run(&["import", "records", file.to_str().unwrap()]);
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(run.stderr.contains("科技.csv:3: 档号"), "{}", run.stderr);
    // Only the schemes with a 门类 in the code are chosen per 门类.
    let run = sandbox.run(&["fonds", "scheme", "Z109", "volume", "--category", "KJ"]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("takes dat22 or dat22-no-dept"),
        "{}",
        run.stderr
    );
}
