//! The Chinese workstation tells every refusal in Chinese: a wrong password, a malformed or
//! missing archival code, a bad date beside its field, a return of what is not out, a decision
//! that does not apply. (They came through in English before, cut at 80 columns.)

mod common;

use common::desk::Desk;
use dangan::i18n::Lang;

/// Runs of four or more Latin letters: English words, where codes (J001, BGS) are shorter.
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4)
        .map(str::to_string)
        .collect()
}

fn status_line(desk: &Desk) -> String {
    desk.screen()
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn assert_chinese(desk: &Desk, expected: &str) {
    let status = status_line(desk);
    assert!(status.contains(expected), "{expected}: {}", desk.screen());
    assert!(
        english_words(&status).is_empty(),
        "English in the zh interface: {status}"
    );
}

#[test]
fn refusals_in_the_chinese_workstation_are_chinese() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.keys("archivist<Enter>不对的口令<Enter>");
    assert_chinese(&desk, "用户名或口令不对");
    desk.keys("<Esc>");
    desk.login("archivist");

    desk.keys("gJ001-19-Y-BGS-1<Enter>");
    assert_chinese(&desk, "年度");
    desk.keys("gJ002-2019-D10-BGS-9999<Enter>");
    assert_chinese(&desk, "没有档案 J002-2019-D10-BGS-9999");

    // A record in the store: returning it is refused.
    desk.keys("<Down><Enter><Down><Enter><Enter>");
    desk.keys("r");
    assert_chinese(&desk, "没有借出");

    // A date that does not exist, beside its field, in Chinese.
    desk.keys("<F4><Tab><Tab><Tab><C-u>2019年2月30日<Tab>");
    let screen = desk.screen();
    let date_line = screen
        .lines()
        .find(|l| l.contains("2019年2月30日"))
        .unwrap_or_default();
    assert!(date_line.contains("没有 30 日"), "{screen}");
    assert!(english_words(date_line).is_empty(), "{date_line}");
    desk.keys("<C-s>");
    assert_chinese(&desk, "请先更正");
}

#[test]
fn the_same_refusals_in_english_are_english() {
    let mut desk = Desk::demo(Lang::En, 80, 24);
    desk.keys("archivist<Enter>wrong-password<Enter>");
    assert!(
        status_line(&desk).contains("wrong user name or password"),
        "{}",
        desk.screen()
    );
    desk.keys("<Esc>");
    desk.login("archivist");
    desk.keys("gJ002-2019-D10-BGS-9999<Enter>");
    assert!(
        status_line(&desk).contains("no record J002-2019-D10-BGS-9999"),
        "{}",
        desk.screen()
    );
}
