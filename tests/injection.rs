//! Text from outside (file names, column headers, fonds and user names, arguments) never reaches
//! the terminal raw, and nothing dangan writes for a spreadsheet runs as a formula when Excel or
//! WPS opens it, while every export still imports back unchanged. Line numbers are the file's
//! lines as an editor shows them, whatever the line ends.

mod common;

use common::Sandbox;

const ESCAPE: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}";

fn assert_clean(run: &common::Run, what: &str) {
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        !all.contains('\u{1b}') && !all.contains('\u{7}') && !all.contains('\u{202E}'),
        "{what}: {all:?}"
    );
}

#[test]
fn escape_sequences_from_files_names_and_arguments_are_never_printed_raw() {
    let sandbox = Sandbox::with_archive();
    // An ignored column whose header carries an escape sequence, in a file whose name does too.
    let name = format!("目录{ESCAPE}.csv");
    let file = sandbox.write(
        &name,
        format!("档号,题名,序号{ESCAPE}\nJ001-2019-Y-BGS-0001,关于《档案法》的通知,1\n").as_bytes(),
    );
    let run = sandbox.run(&["import", "records", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("ignored columns"), "{}", run.stdout);
    assert_clean(&run, "import");
    let bad = sandbox.write(
        &format!("坏{ESCAPE}.csv"),
        "档号,题名\n坏档号,\n".as_bytes(),
    );
    let run = sandbox.run(&["import", "records", bad.to_str().unwrap()]);
    assert_eq!(run.code, 65);
    assert_clean(&run, "import refusal");

    // An attach refused, naming a file whose name holds an escape sequence.
    #[rustfmt::skip]
    sandbox.ok(&["edit", "J001-2019-Y-BGS-0001", "--responsible", "市档案馆", "--date", "2019"]);
    let program = sandbox.write(&format!("程序{ESCAPE}.exe"), b"MZ\x90\x00\x03\x00");
    let run = sandbox.run(&["attach", "J001-2019-Y-BGS-0001", program.to_str().unwrap()]);
    assert_eq!(run.code, 65);
    assert_clean(&run, "attach refusal");

    // Arguments echoed in an error.
    let run = sandbox.run(&["show", &format!("J001{ESCAPE}")]);
    assert_ne!(run.code, 0);
    assert_clean(&run, "show");
    // A value the command line itself refuses, quoted back by its parser.
    let run = sandbox.run(&["search", "--sort", &format!("x{ESCAPE}"), "档案"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--sort"), "{}", run.stderr);
    assert_clean(&run, "usage error");

    // A file name with a line break, stored as where the records came from.
    let file = sandbox.write(
        "第一行\n第二行.csv",
        "档号,题名\nJ001-2019-Y-BGS-0002,关于《档案法》的通知（二）\n".as_bytes(),
    );
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    let shown = sandbox.ok(&["show", "J001-2019-Y-BGS-0002"]);
    let origin = shown
        .lines()
        .find(|l| l.contains("第一行"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(origin.contains("第二行"), "the origin on one line: {shown}");
}

#[test]
fn fonds_and_user_names_refuse_control_and_bidirectional_characters() {
    let sandbox = Sandbox::with_archive();
    for name in [
        "市\u{202E}府办公室",
        "市政府\u{1b}[31m办公室",
        "市政府\u{2066}办公室",
    ] {
        let run = sandbox.run(&["fonds", "add", "J009", name]);
        assert_eq!(run.code, 65, "{name:?}");
        assert_clean(&run, "fonds add");
    }
    let run = sandbox.run_with_input(
        "合格的口令-2026\n",
        &[
            "user",
            "add",
            "王\u{202E}明",
            "--role",
            "reader",
            "--password-stdin",
        ],
    );
    assert_eq!(run.code, 65);
    let run = sandbox.run_with_input(
        "合格的口令-2026\n",
        &[
            "user",
            "add",
            "王明",
            "--role",
            "reader",
            "--display-name",
            "王\u{1b}[8m明",
            "--password-stdin",
        ],
    );
    assert_eq!(run.code, 65);
    assert_clean(&run, "user add");
    let list = sandbox.ok(&["fonds", "list"]);
    assert!(!list.contains("J009"), "{list}");
}

/// Cells as a spreadsheet reads them: BOM dropped, CSV parsed.
fn cells(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

const FORMULAS: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example\",\"点击查看《通知》\")",
    "+86-571-8702",
    "-2+3",
    "@SUM(A1:A9)",
    "'=看似已防护",
];

#[test]
fn exported_cells_never_start_a_formula_and_import_back_unchanged() {
    let sandbox = Sandbox::with_archive();
    for (i, title) in FORMULAS.iter().enumerate() {
        let code = format!("J001-2019-Y-BGS-{:04}", i + 1);
        let (title, responsible) = (format!("--title={title}"), format!("--responsible={title}"));
        sandbox.ok(&["add", "--code", &code, &title, &responsible]);
    }
    let csv = sandbox.ok(&["export", "records"]);
    for row in cells(&csv).iter().skip(1) {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    // The export imports into another archive as the same titles.
    let file = sandbox.write("导出.csv", csv.as_bytes());
    let other = sandbox.path("另一个档案");
    let init = sandbox
        .command()
        .arg("--archive")
        .arg(&other)
        .args(["init", "--admin", common::ADMIN, "--password-stdin"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("{}\n", common::ADMIN_PASSWORD).as_bytes())?;
            child.wait()
        })
        .unwrap();
    assert!(init.success());
    sandbox.run_on(&other, &["fonds", "add", "J001", "市人民政府办公室"]);
    let run = sandbox.run_on(&other, &["import", "records", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let back = sandbox.run_on(&other, &["list", "--json"]);
    let back: serde_json::Value = serde_json::from_str(&back.stdout).unwrap();
    let titles: Vec<&str> = back["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, FORMULAS);
}

#[test]
fn the_use_register_and_the_reconcile_report_are_guarded_too() {
    let sandbox = Sandbox::with_archive();
    #[rustfmt::skip]
    sandbox.ok(&["add", "--code", "J001-2019-Y-BGS-0001", "--title", "=1+1", "--responsible", "@某单位"]);
    #[rustfmt::skip]
    sandbox.ok(&["loan", "out", "J001-2019-Y-BGS-0001", "--borrower", "=cmd|' /C calc'!A0",
        "--unit", "+市志办", "--purpose", "学术研究"]);
    let register = sandbox.ok(&[
        "loan",
        "register",
        "--from",
        "2000-01-01",
        "--to",
        "2099-12-31",
        "--format",
        "csv",
    ]);
    let paper = sandbox.write(
        "台账.csv",
        "档号,题名,责任者\nJ001-2019-Y-BGS-0001,-2+3,@某单位\n".as_bytes(),
    );
    #[rustfmt::skip]
    sandbox.ok(&["reconcile", "import", paper.to_str().unwrap(), "--scope", "J001/2019"]);
    let report = sandbox.ok(&["reconcile", "report", "J001/2019", "--format", "csv"]);
    for (what, csv) in [("use register", register), ("reconcile report", report)] {
        let rows = cells(&csv);
        assert!(rows.len() > 1, "{what}");
        for cell in rows.iter().flatten() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{what}: {cell:?}");
        }
        assert!(
            csv.contains("'=1+1") || csv.contains("'-2+3"),
            "{what}: {csv}"
        );
    }
}

#[test]
fn line_numbers_are_the_lines_an_editor_shows_for_lf_crlf_and_cr() {
    let sandbox = Sandbox::with_archive();
    let rows = [
        "档号,题名,日期",
        "J001-2019-Y-BGS-0001,关于《档案法》的通知,2019",
        "J001-2019-Y-BGS-0002,坏日期,20190231",
        "\"J001-2019-Y-BGS-0003\",\"跨行的\n题名\",2019",
        "J001-2019-Y-BGS-0004,又一个坏日期,2019-13",
    ];
    for (name, end) in [("lf.csv", "\n"), ("crlf.csv", "\r\n")] {
        let text = rows.join(end).replace('\n', end).replace("\r\r", "\r") + end;
        let file = sandbox.write(name, text.as_bytes());
        let run = sandbox.run(&["import", "records", file.to_str().unwrap()]);
        assert_eq!(run.code, 65);
        for expected in [":3: 日期", ":4: 题名", ":6: 日期"] {
            assert!(
                run.stderr.contains(&format!("{name}{expected}")),
                "{name}: {expected}: {}",
                run.stderr
            );
        }
    }
    let cr = sandbox.write("cr.csv", rows[..3].join("\r").as_bytes());
    let run = sandbox.run(&["import", "records", cr.to_str().unwrap()]);
    assert!(run.stderr.contains("cr.csv:3: 日期"), "{}", run.stderr);

    // A good CRLF file: each record remembers the line it came from.
    let good = "档号,题名\r\nJ001-2019-Y-BGS-0001,第一件\r\nJ001-2019-Y-BGS-0002,第二件\r\n";
    let file = sandbox.write("好.csv", good.as_bytes());
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    let shown = sandbox.ok(&["show", "J001-2019-Y-BGS-0002"]);
    assert!(shown.contains("line 3"), "{shown}");

    // A CRLF register: deciding line 3 decides the line the editor shows as 3.
    let register = "档号,题名\r\nJ001-2019-Y-BGS-0001,第一件\r\n,仅在纸上的文件\r\nJ001-2019-Y-BGS-0002,第二件\r\n";
    let file = sandbox.write("台账.csv", register.as_bytes());
    #[rustfmt::skip]
    sandbox.ok(&["reconcile", "import", file.to_str().unwrap(), "--scope", "J001/2019"]);
    #[rustfmt::skip]
    sandbox.ok(&["reconcile", "resolve", "J001/2019", "3", "missing_in_digital", "--note", "确认"]);
    let report = cells(&sandbox.ok(&["reconcile", "report", "J001/2019", "--format", "csv"]));
    let decided = report
        .iter()
        .find(|row| row.iter().any(|c| c == "仅在纸上的文件"))
        .unwrap();
    assert!(decided.iter().any(|c| c == "3"), "{decided:?}");
    assert!(decided.iter().any(|c| c.contains("确认")), "{decided:?}");
}
