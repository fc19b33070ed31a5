//! The statistics screen at the desk: opened with `i`, the year changed with ← →, the fonds with
//! `f`, the panels with Tab; drawn at 80×24 and 40×12, in Chinese and English, in the default
//! theme (block bars in English, ASCII in Chinese) and in mono (ASCII, no colour at all).

mod common;

use common::desk::Desk;
use dangan::i18n::Lang;
use dangan::tui::app::App;
use dangan::tui::keymap::Keymap;
use dangan::tui::theme::Theme;
use ratatui::style::Color;

fn desk(lang: Lang, theme: &str, (width, height): (u16, u16)) -> Desk {
    let mut desk = Desk::demo(lang, width, height);
    let theme = Theme::named(theme, None).unwrap();
    desk.app = App::new(lang, theme, Keymap::default(), width, height);
    desk.login("archivist");
    desk.keys("i");
    desk
}

#[test]
fn snapshots_in_both_languages_both_themes_and_both_sizes() {
    for lang in [Lang::Zh, Lang::En] {
        for theme in ["default", "mono"] {
            for (width, height) in [(80, 24), (40, 12)] {
                let desk = desk(lang, theme, (width, height));
                let name = format!("stats_{lang:?}_{theme}_{width}x{height}").to_lowercase();
                insta::assert_snapshot!(name, desk.screen());
            }
        }
    }
}

#[test]
fn block_characters_only_in_english_and_colour_only_outside_mono() {
    let blocks = |s: &str| s.chars().any(|c| ('\u{2581}'..='\u{2588}').contains(&c));
    assert!(blocks(&desk(Lang::En, "default", (80, 24)).screen()));
    for (lang, theme) in [
        (Lang::Zh, "default"),
        (Lang::Zh, "mono"),
        (Lang::En, "mono"),
    ] {
        let screen = desk(lang, theme, (80, 24)).screen();
        assert!(!blocks(&screen), "{lang:?} {theme}\n{screen}");
        assert!(screen.contains('#'), "{lang:?} {theme}\n{screen}");
    }
    let mono = desk(Lang::Zh, "mono", (80, 24)).terminal();
    let buffer = mono.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "mono draws no colour"
    );
}

#[test]
fn the_year_the_fonds_and_the_panels_change_by_keys() {
    let mut desk = desk(Lang::Zh, "mono", (80, 24));
    let this_year = desk.screen();
    assert!(
        this_year.contains("2026 年度档案统计  全部全宗"),
        "{this_year}"
    );
    desk.keys("<Left>");
    assert!(
        desk.screen().contains("2025 年度档案统计"),
        "{}",
        desk.screen()
    );
    // No year after this one.
    desk.keys("<Right><Right><Right>");
    assert!(
        desk.screen().contains("2026 年度档案统计"),
        "{}",
        desk.screen()
    );
    desk.keys("f");
    assert!(
        desk.screen().contains("J001 市人民政府办公室"),
        "{}",
        desk.screen()
    );
    for _ in 0..7 {
        desk.keys("f");
    }
    assert!(desk.screen().contains("全部全宗"), "{}", desk.screen());
    desk.keys("<Tab><Tab><Tab><Tab>");
    let table = desk.screen();
    assert!(table.contains("按全宗") && table.contains("件"), "{table}");
    desk.keys("<PageDown><PageDown>");
    assert_ne!(desk.screen(), table, "the table scrolls");
    desk.keys("<Esc>");
    assert!(!desk.screen().contains("年度档案统计"), "{}", desk.screen());
}

#[test]
fn a_reader_sees_it_and_the_reading_room_is_refused() {
    let mut reader = Desk::demo(Lang::Zh, 80, 24);
    reader.login("reader");
    reader.keys("i");
    assert!(
        reader.screen().contains("年度档案统计"),
        "{}",
        reader.screen()
    );
    let mut visitor = Desk::demo(Lang::Zh, 80, 24);
    visitor.login("visitor");
    visitor.keys("i");
    let refused = visitor.screen();
    assert!(refused.contains("查看统计"), "{refused}");
    assert!(!refused.contains("年度档案统计"), "{refused}");
}
