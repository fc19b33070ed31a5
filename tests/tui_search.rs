//! The search screen through a working day: every hit reachable however many, where the
//! selection is among them, punctuation alone, and a typo offered the word the index holds.

mod common;

use std::collections::BTreeSet;

use common::desk::Desk;
use dangan::i18n::Lang;
use dangan::tui::app::Screen;

fn searching(desk: &mut Desk, query: &str) {
    desk.keys("/");
    desk.keys(query);
}

fn position(desk: &Desk) -> (usize, usize) {
    let Screen::Search(search) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    (search.selected, search.total())
}

fn selected_code(desk: &Desk) -> String {
    let Screen::Search(search) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let hit = search
        .selected_hit()
        .unwrap_or_else(|| panic!("{}", desk.screen()));
    hit.record.code.to_string()
}

#[test]
fn every_hit_is_reached_by_moving_and_the_header_says_which_of_how_many() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    searching(&mut desk, "year:1990..2030");
    let (_, total) = position(&desk);
    assert!(total > 300, "more hits than are fetched at once: {total}");
    assert!(
        desk.screen().contains(&format!("1 / {total} 条结果")),
        "{}",
        desk.screen()
    );
    // Step through them all: each a hit of its own, none skipped, none twice.
    let mut seen = BTreeSet::new();
    seen.insert(selected_code(&desk));
    for _ in 1..total {
        desk.keys("<Down>");
        seen.insert(selected_code(&desk));
    }
    assert_eq!(seen.len(), total);
    assert_eq!(position(&desk), (total - 1, total));
    desk.keys("<Home>");
    assert_eq!(position(&desk).0, 0);
    desk.keys("<End>");
    let screen = desk.screen();
    assert!(screen.contains(&format!("{total} / {total}")), "{screen}");
    assert!(
        !screen.lines().any(|l| l.trim() == "…"),
        "rows not fetched: {screen}"
    );
    // The caret moves with Ctrl-A; typed text goes where it stands.
    desk.keys("<C-a>");
    desk.keys("关于 ");
    let Screen::Search(search) = desk.app.screen() else {
        panic!();
    };
    assert_eq!(search.input.text(), "关于 year:1990..2030");
}

#[test]
fn punctuation_alone_lists_nothing_and_says_so() {
    for (lang, said) in [(Lang::Zh, "只有标点"), (Lang::En, "only punctuation")] {
        let mut desk = Desk::demo(lang, 80, 24);
        desk.login("archivist");
        for query in ["《", "?"] {
            searching(&mut desk, query);
            let screen = desk.screen();
            assert_eq!(position(&desk).1, 0, "{screen}");
            assert!(screen.contains(said), "{screen}");
            desk.keys("<Esc>");
        }
    }
}

#[test]
fn a_typo_is_offered_the_word_and_tab_takes_it() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    searching(&mut desk, "会以纪要");
    let screen = desk.screen();
    assert!(screen.contains("您是不是要找：会议纪要"), "{screen}");
    desk.keys("<Tab>");
    let (_, total) = position(&desk);
    assert!(total > 0, "{}", desk.screen());
    assert!(desk.screen().contains(&format!("1 / {total}")));
}

#[test]
fn a_search_shown_while_the_index_caught_up_is_searched_again_when_it_has() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    searching(&mut desk, "会议纪要");
    // The index was behind when the hits came (the title bar said how far it had got) …
    desk.app.indexing = Some(40);
    assert!(desk.screen().contains("40%"), "{}", desk.screen());
    // … and once it has caught up, the same query goes to it again.
    let effects = desk.app.reply(dangan::tui::worker::Reply::Indexed);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, dangan::tui::worker::Effect::Search { .. })),
        "{effects:?}"
    );
    desk.run(effects);
    assert!(!desk.screen().contains("40%"), "{}", desk.screen());
    // With no backlog there is nothing to search again.
    let effects = desk.app.reply(dangan::tui::worker::Reply::Indexed);
    assert!(effects.is_empty(), "{effects:?}");
}
