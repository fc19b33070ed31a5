//! Lists shown afresh: after this session's own work, within a check after another session's,
//! and on Ctrl-L, the selected record kept; a message does not follow the user to another screen.

mod common;

use common::desk::Desk;
use dangan::domain::{ArchivalCode, Field};
use dangan::i18n::Lang;
use dangan::tui::app::Screen;
use dangan::tui::worker::Effect;

/// The record list of the first fonds' first year, the third row selected.
fn on_a_list(desk: &mut Desk) -> ArchivalCode {
    desk.keys("<Down><Enter><Down><Enter><Down><Down>");
    let Screen::Records(list) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    list.selected_record().expect("a row").code.clone()
}

fn selected(desk: &Desk) -> ArchivalCode {
    let Screen::Records(list) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    list.selected_record().expect("a row").code.clone()
}

#[test]
fn another_sessions_edit_shows_within_a_check_and_the_selection_stays() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    let code = on_a_list(&mut desk);
    desk.run(vec![Effect::CheckChanges]);
    // Another clerk, another connection, retitles the selected record.
    let mut other = dangan::Archive::open(&desk.dir.path().join("demo")).expect("open");
    let session = other.login("admin", "demo-admin-2019").expect("login");
    let title = "《档案日》——另一位改过";
    other
        .edit_record(&session, &code, &[(Field::Title, title.into())], None)
        .expect("edit");
    assert!(!desk.screen().contains("《档案日》——另一位改过"));
    desk.run(vec![Effect::CheckChanges]);
    assert!(
        desk.screen().contains("《档案日》——另一位改过"),
        "{}",
        desk.screen()
    );
    assert_eq!(selected(&desk), code);
}

#[test]
fn an_own_edit_shows_in_the_list_under_the_record_and_the_message_stays_behind() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    let code = on_a_list(&mut desk);
    desk.keys("<Enter>e<C-u>《本场会话改过的题名》<C-s>");
    assert!(desk.screen().contains("已保存"), "{}", desk.screen());
    desk.keys("<Esc>");
    let screen = desk.screen();
    assert!(screen.contains("《本场会话改过的题名》"), "{screen}");
    assert_eq!(selected(&desk), code);
    // The record screen's "saved" is not carried back to the list: its key hints show.
    assert!(!screen.contains("已保存"), "{screen}");
}

#[test]
fn quick_entry_counts_show_in_the_years_and_fonds_when_gone_back_to() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    let count_of = |desk: &Desk, label: &str| -> u64 {
        let screen = desk.screen();
        let row = screen
            .lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("{label}:\n{screen}"))
            .to_string();
        row.split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{row}"))
    };
    let before = count_of(&desk, "全部全宗");
    desk.keys("<Down><Enter><Enter><F3>2023<Down><Down>BGS<Down><Down>《快速著录的文件》<C-s>");
    assert!(desk.screen().contains("已保存"), "{}", desk.screen());
    desk.keys("<Esc>");
    desk.keys("<Esc><Esc>");
    assert!(
        matches!(desk.app.screen(), Screen::Fonds(_)),
        "{}",
        desk.screen()
    );
    assert_eq!(count_of(&desk, "全部全宗"), before + 1, "{}", desk.screen());
}

#[test]
fn a_screen_gone_past_before_its_answer_came_is_not_left_loading() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    // Quicker than the archive: into J001's years and on into its list before either answers.
    desk.slow();
    desk.keys("<Down><Enter><Enter>");
    desk.answer();
    assert!(!desk.screen().contains("读取中"), "{}", desk.screen());
    desk.keys("<Esc>");
    assert!(matches!(desk.app.screen(), Screen::Years(_)));
    let screen = desk.screen();
    assert!(
        !screen.contains("读取中") && screen.contains("2023"),
        "{screen}"
    );
}
