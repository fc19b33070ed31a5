//! The appraisal screen at the desk: an archivist marks records of a year whose retention has run
//! out and proposes their destruction; an admin at another desk approves it and carries it out
//! before a witness; in Chinese and in English at 80×24. A reader is refused the screen.

mod common;

use common::desk::Desk;
use dangan::i18n::Lang;

/// How far down the due list the first fonds-year with three records or more stands.
fn first_group_of_three(desk: &Desk) -> usize {
    let mut archive = dangan::archive::Archive::open(&desk.dir.path().join("demo")).unwrap();
    let session = archive.login("archivist", "demo-archivist-2019").unwrap();
    let due = archive
        .appraisal_due(
            &session,
            dangan::domain::AppraisalKind::Retention,
            (None, None),
            None,
            0,
        )
        .unwrap();
    due.groups.iter().position(|g| g.records >= 3).unwrap()
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    // Moments are shown in local time, to the minute.
    settings.add_filter(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "[time]");
    settings
}

#[test]
fn a_destruction_list_from_the_due_list_to_carried_out_in_chinese() {
    let mut clerk = Desk::demo(Lang::Zh, 80, 24);
    clerk.login("archivist");
    clerk.keys("d");
    let due = clerk.screen();
    assert!(due.contains("到期鉴定") && due.contains("全宗"), "{due}");
    // The first fonds-year with three records or more due: mark two and propose them.
    let downs = first_group_of_three(&clerk);
    clerk.keys(&format!("{}<Enter>  <C-s>", "<Down>".repeat(downs)));
    let asked = clerk.screen();
    assert!(asked.contains("2 件拟「销毁」"), "{asked}");
    clerk.keys("y");
    let proposed = clerk.screen();
    assert!(proposed.contains("已提出鉴定单 1（2 件）"), "{proposed}");
    // The proposer may not approve: the refusal says so.
    clerk.keys("<Tab><Tab><Tab>");
    let listed = clerk.screen();
    assert!(listed.contains("待审批"), "{listed}");
    clerk.keys("a");
    assert!(
        clerk.screen().contains("不能审批鉴定"),
        "{}",
        clerk.screen()
    );

    let mut admin = Desk::beside(&clerk, Lang::Zh, 80, 24);
    admin.login("admin");
    admin.keys("d<Tab><Tab><Tab><Enter>");
    settings().bind(|| insta::assert_snapshot!("appraisal_opened_zh_80x24", admin.screen()));
    admin.keys("a");
    assert!(
        admin.screen().contains("批准鉴定单 1（2 件）"),
        "{}",
        admin.screen()
    );
    admin.keys("y");
    assert!(
        admin.screen().contains("鉴定单 1 已批准"),
        "{}",
        admin.screen()
    );
    // The witness is someone else than the one carrying it out.
    admin.keys("w");
    assert!(admin.screen().contains("监销人姓名"), "{}", admin.screen());
    admin.keys("admin<Enter>");
    assert!(admin.screen().contains("不能撤销"), "{}", admin.screen());
    admin.keys("y");
    assert!(admin.screen().contains("另一人"), "{}", admin.screen());
    admin.keys("w王监销<Enter>");
    assert!(
        admin.screen().contains("监销人 王监销？"),
        "{}",
        admin.screen()
    );
    admin.keys("y");
    let done = admin.screen();
    assert!(done.contains("2 件档案已销毁"), "{done}");
    assert!(done.contains("监销人 王监销"), "{done}");
    assert!(done.contains("已执行"), "{done}");
}

#[test]
fn the_appraisal_screen_in_english_with_the_opening_and_declassification_tabs() {
    let mut clerk = Desk::demo(Lang::En, 80, 24);
    clerk.login("archivist");
    clerk.keys("d<Tab>");
    let opening = clerk.screen();
    assert!(opening.contains("opening"), "{opening}");
    clerk.keys("<Tab>");
    let secret = clerk.screen();
    assert!(secret.contains("declassification"), "{secret}");
    assert!(
        !secret.contains("到期") && !secret.contains("件数"),
        "{secret}"
    );
    clerk.keys("<Enter><C-s>");
    let asked = clerk.screen();
    assert!(asked.contains("declassify"), "{asked}");
    clerk.keys("n");
    assert!(!clerk.screen().contains("proposed appraisal"));
}

#[test]
fn a_reader_is_refused_the_appraisal_screen() {
    let mut reader = Desk::demo(Lang::Zh, 80, 24);
    reader.login("reader");
    reader.keys("d");
    let screen = reader.screen();
    assert!(screen.contains("不能鉴定档案"), "{screen}");
    assert!(!screen.contains("到期鉴定"), "{screen}");
}
