//! Lending and returning from the workstation: from a record in three keys, the loans screen and
//! its tabs, a reader's request, and a batch return of a stack of codes typed one after another.

mod common;

use common::desk::Desk;
use dangan::i18n::Lang;
use dangan::tui::app::Screen;

/// The first record of J001, all years: 公开 and 在库 in the seed-2019 demo.
const OPEN_FIRST_RECORD: &str = "<Down><Enter><Enter><Enter>";

fn status_line(desk: &Desk) -> String {
    desk.screen().lines().last().unwrap_or_default().to_string()
}

/// The line of the record's loan history that names the borrower.
fn loan_history(desk: &Desk, borrower: &str) -> String {
    let screen = desk.screen();
    screen
        .lines()
        .find(|l| l.contains(borrower))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no loan to {borrower}:\n{screen}"))
}

fn record_field(desk: &Desk, label: &str) -> String {
    desk.screen()
        .lines()
        .find_map(|l| l.strip_prefix(label).map(|v| v.trim().to_string()))
        .unwrap_or_else(|| panic!("no {label}:\n{}", desk.screen()))
}

#[test]
fn lend_from_a_record_in_three_keys_then_return_it() {
    let mut desk = Desk::demo(Lang::Zh, 100, 40);
    desk.login("archivist");
    desk.keys(OPEN_FIRST_RECORD);
    let code = record_field(&desk, "档号");
    assert_eq!(record_field(&desk, "状态"), "在库");

    // l, the borrower, Ctrl-S: the rest of the form has sensible defaults.
    desk.keys("l");
    insta::assert_snapshot!("lend_form_zh_100x40", desk.screen());
    desk.keys("欧阳　明<Tab>《浙江通志》编纂室<Tab><Tab>１３９ ０５７１ ２２９０<C-s>");
    assert!(
        status_line(&desk).contains(&format!("已借出 {code}  欧阳　明")),
        "{}",
        desk.screen()
    );
    assert!(matches!(desk.app.screen(), Screen::Record(_)));
    assert_eq!(record_field(&desk, "状态"), "借出");
    // The loan history under the record: a reading-room loan is due the same day.
    let history = loan_history(&desk, "欧阳　明");
    assert!(
        history.contains("2026-11-25") && history.contains("阅览"),
        "{history}"
    );

    // Lent twice: refused at once in the status line, before any form.
    desk.keys("l");
    assert!(matches!(desk.app.screen(), Screen::Record(_)));
    assert!(
        status_line(&desk).contains(&format!("{code} 已借出，归还后才能再借")),
        "{}",
        desk.screen()
    );
    assert_eq!(record_field(&desk, "状态"), "借出");

    // Taking back asks the record's condition first; Esc leaves it out on loan.
    desk.keys("r");
    assert!(status_line(&desk).contains("归还状况"), "{}", desk.screen());
    desk.keys("<Esc>");
    assert_eq!(record_field(&desk, "状态"), "借出");
    desk.keys("r第３页有折痕<Enter>");
    assert!(
        status_line(&desk).contains(&format!("已归还 {code}  欧阳　明")),
        "{}",
        desk.screen()
    );
    assert_eq!(record_field(&desk, "状态"), "在库");
    let history = desk.screen();
    assert!(
        history.contains("第３页有折痕"),
        "the condition is kept: {history}"
    );
    // Returning what is not out is an error message, not an exit.
    desk.keys("r");
    assert!(matches!(desk.app.screen(), Screen::Record(_)));
    // In the Chinese interface, in Chinese.
    assert!(status_line(&desk).contains("没有借出"), "{}", desk.screen());
}

#[test]
fn a_due_date_before_today_keeps_the_form_open_and_says_why() {
    let mut desk = Desk::demo(Lang::En, 80, 24);
    desk.login("archivist");
    desk.keys(OPEN_FIRST_RECORD);
    desk.keys("l");
    desk.keys("Zhou Wen<Tab><Tab><Tab><Tab><Tab><Tab>2026-11-24<C-s>");
    assert!(matches!(desk.app.screen(), Screen::Form(_)));
    assert!(
        status_line(&desk).contains("before today (2026-11-25)"),
        "{}",
        desk.screen()
    );
}

#[test]
fn a_reader_requests_a_record_and_nothing_leaves_the_store_room() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("reader");
    desk.keys(OPEN_FIRST_RECORD);
    let code = record_field(&desk, "档号");
    desk.keys("l王小二<C-s>");
    assert!(
        status_line(&desk).contains(&format!("已申请借阅 {code}  王小二")),
        "{}",
        desk.screen()
    );
    // A request moves nothing out of the store room.
    assert_eq!(record_field(&desk, "状态"), "在库");
}

/// The codes on the loans screen, top to bottom.
fn listed(desk: &Desk) -> Vec<String> {
    let Screen::Loans(view) = desk.app.screen() else {
        panic!("not on the loans screen:\n{}", desk.screen());
    };
    view.loans.iter().map(|l| l.code.clone()).collect()
}

#[test]
fn the_loans_screen_tabs_and_a_batch_return() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    desk.keys("<F6>");
    let out = listed(&desk);
    assert!(out.len() >= 6, "{}", desk.screen());

    // Due this week is what falls due, not what is already late; overdue is oldest due first
    // with days late.
    desk.keys("<Tab>");
    let due_soon = listed(&desk);
    let late_rows = |screen: String| {
        screen
            .lines()
            .filter(|l| l.contains("逾期") && l.contains("天"))
            .count()
    };
    assert_eq!(late_rows(desk.screen()), 0, "{}", desk.screen());
    desk.keys("<Tab>");
    let overdue = listed(&desk);
    assert!(!overdue.is_empty());
    assert!(
        overdue
            .iter()
            .all(|c| !due_soon.contains(c) && out.contains(c))
    );
    assert_eq!(
        late_rows(desk.screen()),
        overdue.len().min(16),
        "{}",
        desk.screen()
    );
    assert!(due_soon.iter().all(|c| out.contains(c)));
    let screen = desk.screen();
    let first = screen
        .lines()
        .find(|l| l.starts_with(&overdue[0]))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(first.contains("逾期27天"), "{first}");
    assert!(
        first.contains("0571-8702"),
        "the contact, to chase: {first}"
    );

    // A stack comes back: codes typed one after another, a bad one in between.
    desk.keys("<Tab><Tab>b");
    assert_eq!(listed(&desk).len(), out.len());
    desk.keys(&format!("{}<Enter>J001-2005<Enter>", out[0]));
    assert!(
        status_line(&desk).contains("J001-2005"),
        "{}",
        desk.screen()
    );
    desk.keys(&format!("{}<Enter>", out[1]));
    assert!(
        status_line(&desk).contains(&format!("已归还 {}", out[1])),
        "{}",
        desk.screen()
    );
    // The prompt stays open for the next code; Esc closes it.
    assert!(desk.app.prompt.is_some());
    desk.keys("<Esc>");
    assert!(desk.app.prompt.is_none());
    assert_eq!(listed(&desk), out[2..].to_vec());
}

#[test]
fn typing_on_a_choice_field_replaces_its_default() {
    let mut desk = Desk::demo(Lang::Zh, 100, 40);
    desk.login("archivist");
    desk.keys(OPEN_FIRST_RECORD);
    // Tab to 利用方式 (prefilled 阅览): the first character typed replaces the value.
    desk.keys("l欧阳明<Tab><Tab><Tab><Tab><Tab>外借");
    assert_eq!(
        desk.screen()
            .lines()
            .find_map(|l| l.strip_prefix("利用方式"))
            .and_then(|v| v.split_whitespace().next()),
        Some("外借"),
        "{}",
        desk.screen()
    );
    desk.keys("<C-s>");
    let history = loan_history(&desk, "欧阳明");
    // Take-out: due in 30 days, across the month end.
    assert!(
        history.contains("外借") && history.contains("2026-12-25"),
        "{history}"
    );
}

#[test]
fn lending_from_a_search_hit_shows_its_new_status_in_the_hits() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    desk.keys("/档案");
    let Screen::Search(search) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let hit = search.results.as_ref().expect("results").hits[0]
        .record
        .clone();
    assert_eq!(hit.data.status, dangan::domain::Status::InStore);
    desk.keys("<F7>陈志远<C-s>");
    let screen = desk.screen();
    let row = screen
        .lines()
        .find(|l| l.starts_with(&hit.code.to_string()))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.trim_end().ends_with("借出"), "{row}");
    // F8 on the same hit takes it back, as lent.
    desk.keys("<F8><Enter>");
    assert!(
        status_line(&desk).contains(&format!("已归还 {}", hit.code)),
        "{}",
        desk.screen()
    );
}
