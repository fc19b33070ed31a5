//! Suggestions in the entry form at the desk: a title typed brings the learner's 机构(问题),
//! retention, 密级 and keywords beside their fields; Ctrl-Y (F4) takes them; a record typed
//! again is flagged on the form's last row; at 80×24, in Chinese and English.

mod common;

use common::desk::Desk;
use dangan::domain::{Field, RecordQuery};
use dangan::i18n::Lang;
use dangan::tui::app::Screen;
use dangan::tui::app::form::Slot;

/// A new-record form of J001, 2019, with the focus on the title.
fn form(lang: Lang) -> Desk {
    let mut desk = Desk::demo(lang, 80, 24);
    desk.login("archivist");
    assert!(
        desk.app.learner.is_some(),
        "the catalogue was learned at log-in"
    );
    desk.keys("nJ001<Tab><Tab>2019<Tab><Tab><Tab><Tab>");
    desk
}

fn value(desk: &Desk, slot: Slot) -> String {
    let Screen::Form(form) = desk.app.screen() else {
        panic!("not a form:\n{}", desk.screen());
    };
    let (_, input, _) = form
        .slots
        .iter()
        .find(|(s, _, _)| *s == slot)
        .expect("slot");
    input.text().to_string()
}

#[test]
fn a_typed_title_brings_suggestions_beside_their_fields_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let mut desk = form(lang);
        desk.keys("关于2019年度防汛抗旱工作的通知");
        let screen = desk.screen();
        let word = match lang {
            Lang::Zh => "建议",
            Lang::En => "suggest",
        };
        let keywords = screen
            .lines()
            .find(|l| l.contains("防汛抗旱 ") || l.contains("防汛抗旱 通知"));
        assert!(screen.contains(word), "{screen}");
        assert!(keywords.is_some_and(|l| l.contains(word)), "{screen}");
        insta::assert_snapshot!(
            format!("suggest_form_{lang:?}_80x24").to_lowercase(),
            screen
        );
        // Nothing is filled without the key.
        assert_eq!(value(&desk, Slot::Data(Field::Keywords)), "");
    }
}

#[test]
fn one_key_takes_every_suggestion_and_the_focused_fields_own_first() {
    let mut desk = form(Lang::Zh);
    desk.keys("关于2019年度防汛抗旱工作的通知");
    let Screen::Form(before) = desk.app.screen() else {
        panic!()
    };
    let dept = before.suggestion(Slot::Dept);
    // On the title, which has none, Ctrl-Y takes them all.
    desk.keys("<C-y>");
    let keywords = value(&desk, Slot::Data(Field::Keywords));
    assert!(keywords.contains("防汛抗旱"), "{keywords}");
    if let Some((code, _)) = dept {
        assert_eq!(value(&desk, Slot::Dept), code);
    }
    // F4 on 主题词 with its suggestion taken already adds nothing twice.
    desk.keys("<Down><Down><Down><Down><Down><Down><Down><Down><F4>");
    assert_eq!(value(&desk, Slot::Data(Field::Keywords)), keywords);
    // The form saves with what was taken.
    desk.keys("<C-s>");
    assert!(
        !matches!(desk.app.screen(), Screen::Form(_)),
        "{}",
        desk.screen()
    );
}

#[test]
fn a_record_typed_again_is_flagged_on_the_form_and_still_saves() {
    let mut desk = form(Lang::Zh);
    let mut archive = dangan::Archive::open(&desk.dir.path().join("demo")).unwrap();
    let admin = archive.login("archivist", "demo-archivist-2019").unwrap();
    let query = RecordQuery {
        fonds: Some("J001".into()),
        year: Some(2019),
        ..RecordQuery::default()
    };
    let (records, _) = archive.list(&admin, &query, 100, 0).unwrap();
    let old = records
        .iter()
        .find(|r| r.data.date.is_some_and(|d| d.day > 0))
        .expect("a record dated to the day");
    let date = old.data.date.unwrap().to_string();
    // The title, past 责任者, the 文号 as the record has it, the date, and on.
    desk.keys(&format!(
        "{}<Tab><Tab>{}<Tab>{date}<Tab>",
        old.data.title, old.data.doc_no
    ));
    let screen = desk.screen();
    let last = screen.lines().nth(22).unwrap_or_default().to_string();
    assert!(
        last.contains("可能重复") && last.contains(&old.code.to_string()),
        "{screen}"
    );
    // Saved without the 机构 the code needs: the field is marked and focused, nothing sent.
    desk.keys("<C-s>");
    let screen = desk.screen();
    let dept_row = screen
        .lines()
        .find(|l| l.starts_with("机构(问题)"))
        .unwrap_or_default();
    assert!(dept_row.contains("须填机构（问题）代码"), "{screen}");
    assert_eq!(value(&desk, Slot::Dept), "");
    // On the title, which has no suggestion of its own, Ctrl-Y takes them all (the 机构 the code
    // needs among them); the save goes through.
    desk.keys("<Down><Down><C-y><C-s>");
    assert!(
        !matches!(desk.app.screen(), Screen::Form(_)),
        "never blocking:\n{}",
        desk.screen()
    );
}
