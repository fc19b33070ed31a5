//! Every screen rendered into a TestBackend and compared with its snapshot: at 80×24 and 40×12, in
//! zh-CN and en, on demo data full of 《》“”—…, full-width digits and mixed Latin; and the
//! "terminal too small" notice.

mod common;

use common::desk::Desk;
use dangan::i18n::Lang;
use ratatui::style::{Color, Modifier};

/// Each screen, reached by keys from the log-in screen.
const SCREENS: [(&str, &str); 15] = [
    ("login", "archivist"),
    ("fonds", ""),
    ("years", "<Down><Enter>"),
    ("records", "<Down><Enter><Down><Enter><Down><Down>"),
    ("search", "/档案 会议"),
    ("record", "<Down><Enter><Down><Enter><Enter>"),
    ("form", "<F3>"),
    ("help", "<F1>"),
    // The overdue tab: days late and the borrower's contact.
    ("loans", "<F6><Tab><Tab>"),
    ("lend", "<Down><Enter><Enter><Enter>l"),
    // Three rows marked, the title bar counting them.
    ("marked", "<Down><Enter><Enter>   "),
    // What is due for appraisal by fonds and year, and one year's records, two marked.
    ("appraise", "d"),
    ("appraise_group", "d<Down><Down><Down><Enter> "),
    // As the demo auditor: the trail, newest first.
    ("audit", "a"),
    // The shelves walked, two codes scanned (one a record's label, one unknown), a third typed.
    (
        "stocktake",
        "s1号库-03<Enter>J001-2019-Y-BGS-0001<Enter>Ｘ９－不明标签…<Enter>J001-2019-Y",
    ),
];

fn reach(lang: Lang, width: u16, height: u16, name: &str, keys: &str) -> Desk {
    let mut desk = Desk::demo(lang, width, height);
    match name {
        "login" => {}
        "audit" => desk.login("auditor"),
        _ => desk.login("archivist"),
    }
    desk.keys(keys);
    desk
}

#[test]
fn every_screen_at_80x24_and_40x12_in_both_languages() {
    let mut settings = insta::Settings::clone_current();
    // Moments are shown in local time, to the minute.
    settings.add_filter(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "[time]");
    settings.bind(|| {
        for (lang, tag) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
            for (width, height) in [(80, 24), (40, 12)] {
                for (name, keys) in SCREENS {
                    let desk = reach(lang, width, height, name, keys);
                    insta::assert_snapshot!(
                        format!("{name}_{tag}_{width}x{height}"),
                        desk.screen()
                    );
                }
            }
        }
    });
}

#[test]
fn below_40x10_only_a_bilingual_notice() {
    let mut desk = reach(Lang::En, 80, 24, "records", SCREENS[3].1);
    desk.app.resize(39, 9);
    insta::assert_snapshot!("too_small_39x9", desk.screen());
    assert!(desk.screen().contains("终端窗口太小 / Terminal too small"));
    // Growing again shows the list where it was.
    desk.app.resize(80, 24);
    assert!(desk.screen().contains("J001-"), "{}", desk.screen());
}

#[test]
fn no_wide_character_is_cut_and_columns_line_up() {
    for width in [40, 57, 80, 101, 120] {
        // All years of J001: a full screen of records.
        let desk = reach(Lang::Zh, width, 24, "records", "<Down><Enter><Enter>");
        let screen = desk.screen();
        let rows: Vec<&str> = screen.lines().skip(2).take(10).collect();
        for row in &rows {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(*row),
                usize::from(width),
                "{row}"
            );
        }
        // The title column starts at the same display column on every row: after the 22-column code.
        for row in rows {
            let (code, _) = row.split_at(23);
            assert!(code.starts_with("J001-") && code.ends_with(' '), "{row}");
        }
    }
}

#[test]
fn the_selected_row_is_reverse_video_and_mono_has_no_colour() {
    let desk = reach(Lang::Zh, 80, 24, "records", SCREENS[3].1);
    let terminal = desk.terminal();
    let buffer = terminal.backend().buffer();
    // Rows: title bar, column header, then the list; the third record is selected.
    let selected = &buffer[(0, 4)];
    assert!(selected.modifier.contains(Modifier::REVERSED));
    assert!(!buffer[(0, 3)].modifier.contains(Modifier::REVERSED));
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
}

#[test]
fn a_title_holding_an_escape_sequence_renders_inert() {
    let mut desk = reach(Lang::Zh, 80, 24, "form", "<Down><Enter><Down><Enter><F3>");
    desk.keys("BGS<Tab><Tab>");
    // Pasted text is how a control character reaches a field; the field makes it a space.
    desk.app.paste("红\u{1b}[31m字\u{7}");
    let screen = desk.screen();
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{7}'),
        "{screen:?}"
    );
    assert!(screen.contains("红 [31m字"), "{screen}");
}
