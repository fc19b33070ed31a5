//! `dangan show` as a clerk reads it: every field labelled in the language asked for, the
//! history of edits, and the loans — a loan's status change listed as the loan's, not the edit's.

mod common;

use common::Sandbox;

const CODE: &str = "J001-2019-D30-BGS-0001";

fn lent_and_back() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&[
        "add",
        "--code",
        CODE,
        "--title",
        "关于印发《档案管理办法》的通知——修订版…",
        "--status",
        "在库",
    ]);
    sandbox.ok(&[
        "edit",
        CODE,
        "--title",
        "关于印发《档案管理办法》的通知（第２版）",
    ]);
    sandbox.ok(&[
        "loan",
        "out",
        CODE,
        "--borrower",
        "欧阳　明",
        "--unit",
        "《浙江通志》编纂室",
        "--purpose",
        "编史修志",
    ]);
    sandbox.ok(&["loan", "return", CODE, "--condition", "第３页有折痕"]);
    sandbox
}

#[test]
fn show_lists_the_loans_and_credits_the_edit_only_with_what_it_changed() {
    let sandbox = lent_and_back();
    let zh = sandbox.ok(&["--lang", "zh", "show", CODE]);
    assert!(zh.contains("借阅记录"), "{zh}");
    let loan = zh
        .lines()
        .find(|l| l.contains("欧阳　明"))
        .unwrap_or_else(|| panic!("{zh}"));
    assert!(
        loan.contains("已还") && loan.contains("编史修志") && loan.contains("第３页有折痕"),
        "{loan}"
    );
    // The edit changed the title; lending and returning are not the edit's.
    assert!(zh.contains("题名: "), "{zh}");
    assert!(!zh.contains("状态: "), "{zh}");

    let json: serde_json::Value =
        serde_json::from_str(&sandbox.ok(&["show", CODE, "--json"])).expect("json");
    let loans = json["loans"].as_array().expect("loans");
    assert_eq!(loans.len(), 1);
    assert_eq!(loans[0]["borrower"], "欧阳　明");
}

#[test]
fn show_speaks_the_language_asked_for() {
    let sandbox = lent_and_back();
    let en = sandbox.ok(&["--lang", "en", "show", CODE]);
    for label in [
        "Fonds",
        "Retention",
        "Title",
        "version",
        "Created",
        "Loans",
        "internal",
    ] {
        assert!(en.contains(label), "{label}: {en}");
    }
    for chinese in [
        "全宗",
        "保管期限",
        "题名",
        "借阅记录",
        "版本",
        "内部",
        "在库",
        "阅览",
    ] {
        assert!(!en.contains(chinese), "{chinese}: {en}");
    }
    let zh = sandbox.ok(&["--lang", "zh", "show", CODE]);
    for label in ["全宗", "保管期限", "题名", "版本", "借阅记录"] {
        assert!(zh.contains(label), "{label}: {zh}");
    }
    assert!(!zh.contains("version") && !zh.contains("internal"), "{zh}");
}

#[test]
fn every_command_of_a_clerks_day_answers_in_chinese_when_asked() {
    let sandbox = Sandbox::with_archive();
    let zh = |args: &[&str]| {
        let mut all = vec!["--lang", "zh"];
        all.extend_from_slice(args);
        sandbox.ok(&all)
    };
    let said = [
        zh(&[
            "add",
            "--code",
            CODE,
            "--title",
            "关于《档案法》宣传周的通知",
        ]),
        zh(&[
            "edit",
            CODE,
            "--title",
            "关于《档案法》宣传周的通知（修订）",
        ]),
        zh(&[
            "edit",
            CODE,
            "--title",
            "关于《档案法》宣传周的通知（修订）",
        ]),
        zh(&[
            "loan",
            "out",
            CODE,
            "--borrower",
            "欧阳　明",
            "--purpose",
            "编史修志",
        ]),
        zh(&["loan", "renew", CODE]),
        zh(&["loan", "list"]),
        zh(&["loan", "return", CODE]),
        zh(&["list", "--fonds", "J001"]),
        zh(&["search", "宣传周"]),
        zh(&["audit", "verify"]),
    ];
    for (n, text) in said.iter().enumerate() {
        // A command to type, in backquotes, is not a sentence.
        let prose: String = text.split('`').step_by(2).collect();
        let english: Vec<&str> = prose
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase()))
            .filter(|w| !["dangan", "loan"].contains(w))
            .collect();
        assert!(
            english.is_empty(),
            "command {n} said English {english:?}:\n{text}"
        );
        assert!(!text.trim().is_empty(), "command {n} said nothing");
    }
}
