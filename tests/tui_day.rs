//! The rest of a working day at the desk: a loan's status change as an event of its own in the
//! history, renewing and losing from the workstation, loans found by borrower or unit, the log's
//! dates, the whole title under every list, a record and the help scrolled to their ends and no
//! further, and one style of date.

mod common;

use common::desk::Desk;
use dangan::i18n::Lang;
use dangan::tui::app::Screen;

/// The first record of J001, all years: 公开 and 在库 in the seed-2019 demo.
const OPEN_FIRST_RECORD: &str = "<Down><Enter><Enter><Enter>";

fn rows_with(desk: &Desk, text: &str) -> Vec<String> {
    desk.screen()
        .lines()
        .filter(|l| l.contains(text))
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn status_line(desk: &Desk) -> String {
    desk.screen().lines().last().unwrap_or_default().to_string()
}

#[test]
fn a_loans_status_change_is_its_own_event_not_the_last_edits() {
    let mut desk = Desk::demo(Lang::Zh, 120, 40);
    desk.login("archivist");
    desk.keys(OPEN_FIRST_RECORD);
    desk.keys("e<C-u>《改过的题名》——第２版<C-s>");
    desk.keys("l欧阳明<C-s>");
    let edit = rows_with(&desk, "题名: ");
    assert_eq!(edit.len(), 1, "{}", desk.screen());
    assert!(
        !edit[0].contains("状态"),
        "the edit did not lend it: {}",
        edit[0]
    );
    let lent = rows_with(&desk, "已借出 欧阳明");
    assert_eq!(lent.len(), 1, "{}", desk.screen());
    assert!(lent[0].contains("状态: 在库 -> 借出") && lent[0].contains("archivist"));
    desk.keys("r<Enter>");
    assert!(!rows_with(&desk, "题名: ")[0].contains("状态"));
    assert_eq!(
        rows_with(&desk, "已借出 欧阳明").len(),
        1,
        "{}",
        desk.screen()
    );
    let back = rows_with(&desk, "状态: 借出 -> 在库");
    assert_eq!(back.len(), 1, "{}", desk.screen());
}

#[test]
fn renew_and_lost_from_the_loans_screen_lost_asking_first() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    desk.keys("<F6>");
    let first = |desk: &Desk| {
        let Screen::Loans(view) = desk.app.screen() else {
            panic!("{}", desk.screen());
        };
        view.loans[view.selected].clone()
    };
    let loan = first(&desk);
    desk.keys("x");
    let due = loan.due_on.expect("a due date");
    let renewed = first(&desk);
    assert_eq!(renewed.code, loan.code);
    assert!(renewed.due_on > Some(due), "{}", desk.screen());
    assert!(status_line(&desk).contains("已续借至"), "{}", desk.screen());
    // Lost cannot be undone: the prompt says so, and Esc leaves the loan as it was.
    desk.keys("d");
    assert!(desk.screen().contains("不能撤销"), "{}", desk.screen());
    desk.keys("<Esc>");
    assert_eq!(first(&desk).code, loan.code);
    desk.keys("d会议室遗失，已报告<Enter>");
    assert!(
        status_line(&desk).contains("已登记遗失"),
        "{}",
        desk.screen()
    );
    assert_ne!(first(&desk).code, loan.code, "no longer out");
    desk.keys("<Tab><Tab><Tab>");
    assert!(
        rows_with(&desk, &loan.code)
            .iter()
            .any(|r| r.contains("遗失")),
        "{}",
        desk.screen()
    );
}

#[test]
fn loans_are_found_by_borrower_unit_or_phone() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    desk.keys("<F6><Tab><Tab><Tab>");
    let Screen::Loans(view) = desk.app.screen() else {
        panic!();
    };
    let all = view.loans.len();
    let unit = view.loans[0].borrower.unit.clone();
    let wanted: String = unit.chars().take(3).collect();
    desk.keys(&format!("/{wanted}<Enter>"));
    let Screen::Loans(view) = desk.app.screen() else {
        panic!();
    };
    assert!(
        !view.loans.is_empty() && view.loans.len() < all,
        "{}",
        desk.screen()
    );
    for loan in &view.loans {
        let b = &loan.borrower;
        assert!(
            [&b.name, &b.unit, &b.contact]
                .iter()
                .any(|t| t.contains(&wanted)),
            "{wanted}: {b:?}"
        );
    }
    assert!(desk.screen().contains(&format!("筛选: {wanted}")));
    // Enter alone shows them all again.
    desk.keys("/<C-u><Enter>");
    let Screen::Loans(view) = desk.app.screen() else {
        panic!();
    };
    assert_eq!(view.loans.len(), all);
}

#[test]
fn the_log_shows_when_each_loan_went_out_and_came_back() {
    let mut desk = Desk::demo(Lang::En, 80, 24);
    desk.login("archivist");
    desk.keys("<F6><Tab><Tab><Tab>");
    let screen = desk.screen();
    assert!(
        screen.contains("Lent on") && screen.contains("Returned"),
        "{screen}"
    );
    let Screen::Loans(view) = desk.app.screen() else {
        panic!();
    };
    // Among the rows on screen.
    let back = view
        .loans
        .iter()
        .take(10)
        .find(|l| l.returned_on.is_some())
        .expect("a returned loan in the demo");
    let row = rows_with(&desk, &back.code);
    let (out, returned) = (back.out_on.expect("lent"), back.returned_on.expect("back"));
    assert!(
        row.iter()
            .any(|r| r.contains(&out.to_string()) && r.contains(&returned.to_string())),
        "{row:?} {:?}",
        (back.out_on, back.returned_on, back.state)
    );
}

/// The two rows under the list, joined.
fn detail(desk: &Desk) -> String {
    let screen = desk.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let n = lines.len();
    lines[n - 3..n - 1].iter().map(|l| l.trim()).collect()
}

#[test]
fn the_whole_title_of_the_selected_row_is_under_every_list_at_80x24() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    desk.keys("<Down><Enter><Enter>");
    // A row whose title the column cuts.
    let Screen::Records(list) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let long = (0..60)
        .find_map(|i| {
            let record = list.row(i)?;
            (record.data.title.chars().count() > 20).then_some(i)
        })
        .expect("a long title in the demo");
    for _ in 0..long {
        desk.keys("<Down>");
    }
    let Screen::Records(list) = desk.app.screen() else {
        panic!();
    };
    let title = list.selected_record().expect("selected").data.title.clone();
    assert!(detail(&desk).contains(&title), "{title}\n{}", desk.screen());
    // In the hits too.
    let words: String = title.chars().take(6).collect();
    desk.keys(&format!("/{words}"));
    assert!(detail(&desk).contains(&title) || desk.screen().contains("1 / "));
    desk.keys("<Esc><F6>");
    let Screen::Loans(view) = desk.app.screen() else {
        panic!();
    };
    let loan = view.loans[0].clone();
    let under = detail(&desk);
    let phone: String = loan.borrower.contact.split_whitespace().collect();
    let unspaced: String = under.split_whitespace().collect();
    assert!(
        under.contains(&loan.title) && unspaced.contains(&phone),
        "{under}"
    );
}

#[test]
fn a_record_and_the_help_scroll_to_their_last_row_and_no_further() {
    for lang in [Lang::Zh, Lang::En] {
        let mut desk = Desk::demo(lang, 80, 24);
        desk.login("archivist");
        desk.keys(OPEN_FIRST_RECORD);
        desk.keys("<End>");
        let screen = desk.screen();
        let lines: Vec<&str> = screen.lines().collect();
        // The body's last rows hold the record's end, not blank space.
        let body = &lines[1..lines.len() - 1];
        assert!(
            body.iter().filter(|l| !l.trim().is_empty()).count() > body.len() / 2,
            "{screen}"
        );
        let at_end = screen.clone();
        desk.keys("<PageDown><Down>");
        assert_eq!(desk.screen(), at_end, "no further than the end");
        desk.keys("<Up>");
        assert_ne!(desk.screen(), at_end, "one step back shows one row more");

        // The keys of reconciliation are more than 80×24 shows.
        desk.keys("<Esc><Esc><Esc>c<F1>");
        let first = desk.screen();
        desk.keys("<PageDown>");
        let later = desk.screen();
        assert_ne!(first, later, "the help scrolls: {later}");
        let last_binding = if lang == Lang::Zh { "退出" } else { "quit" };
        assert!(
            later.contains(last_binding) || first.contains(last_binding),
            "{later}"
        );
    }
}

#[test]
fn one_date_style_on_the_record_screen_local_time_to_the_minute() {
    let mut desk = Desk::demo(Lang::Zh, 120, 40);
    desk.login("archivist");
    desk.keys(OPEN_FIRST_RECORD);
    desk.keys("e<C-u>《一种日期》<C-s>l欧阳明<C-s>");
    let screen = desk.screen();
    assert!(
        !screen.contains("年11月") && !screen.contains("月25日"),
        "{screen}"
    );
    let utc_stamp = screen
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'T' && w[2].is_ascii_digit());
    assert!(!utc_stamp, "{screen}");
    assert!(screen.contains("2026-11-25"), "{screen}");
}
