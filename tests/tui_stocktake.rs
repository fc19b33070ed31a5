//! The stocktake screen: the shelves walked, codes as a barcode scanner types them (each a code
//! and Enter, nothing sent to the archive per scan), then Ctrl-S compares and shows what is
//! missing, misplaced and unknown — in Chinese and English, at 80×24; and the shelves screen,
//! where boxes and volumes are listed by place, moved, and boxes taken out and brought back.

mod common;

use common::desk::Desk;
use dangan::domain::{Anchor, RecordQuery};
use dangan::i18n::Lang;
use dangan::tui::app::Screen;

/// Boxes every group of J001 into boxes of five on 1号库-03, then moves the first box to
/// column 4; returns the box codes in order.
fn boxed(desk: &Desk) -> Vec<String> {
    let mut archive = dangan::Archive::open(&desk.dir.path().join("demo")).expect("open");
    let admin = archive.login("admin", "demo-admin-2019").expect("admin");
    let query = RecordQuery {
        fonds: Some("J001".into()),
        ..RecordQuery::default()
    };
    let records = archive
        .window(&admin, &query, &Anchor::First, 1000)
        .expect("records");
    let mut groups: Vec<_> = records.iter().map(|r| r.code.group.clone()).collect();
    groups.dedup();
    for group in &groups {
        archive
            .make_boxes(&admin, group, 5, None, "1号库-03-01-1")
            .expect("boxes");
    }
    // The demo's own boxes (of other fonds, on other shelves) left aside.
    let boxes: Vec<String> = archive
        .boxes(&admin, None)
        .expect("boxes")
        .into_iter()
        .map(|b| b.code)
        .filter(|code| code.starts_with("J001-"))
        .collect();
    let first = boxes[0].parse().expect("box code");
    archive
        .move_box(&admin, &first, "1号库-04-01-1")
        .expect("move");
    boxes
}

#[test]
fn a_scanned_stretch_is_compared_at_the_end_and_each_scan_is_only_a_line() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    let boxes = boxed(&desk);
    assert!(boxes.len() >= 3, "{boxes:?}");
    desk.login("archivist");
    desk.keys("s");
    assert!(desk.screen().contains("清点位置:"), "{}", desk.screen());
    // Nothing to compare before the shelves are given.
    desk.keys("<C-s>");
    assert!(
        desk.screen().contains("先输入清点的位置"),
        "{}",
        desk.screen()
    );
    desk.keys("1号库-03<Enter>");
    // The misplaced box 1 (now in column 4), box 2, an unknown label, box 2 again.
    for code in [&boxes[0], &boxes[1], "X9-不明标签", &boxes[1]] {
        desk.keys(code);
        desk.keys("<Enter>");
    }
    let screen = desk.screen();
    assert!(screen.contains("已扫描 4"), "{screen}");
    assert!(screen.contains("X9-不明标签"), "{screen}");

    // Esc once warns that the scans would be lost; any other key goes on.
    desk.keys("<Esc>");
    assert!(
        desk.screen().contains("放弃已扫描的 4 个条码"),
        "{}",
        desk.screen()
    );
    desk.keys("<C-s>");
    let Screen::Stocktake(view) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let result = view.result.as_ref().expect("compared");
    assert_eq!(result.misplaced.len(), 1, "{result:?}");
    assert_eq!(result.misplaced[0].0, boxes[0]);
    assert_eq!(result.unknown, ["X9-不明标签"]);
    assert_eq!(result.missing.len(), boxes.len() - 2);
    let screen = desk.screen();
    assert!(
        screen.contains(&format!("缺    {}", result.missing[0])),
        "{screen}"
    );
    // A result longer than the screen scrolls to its end.
    let last = result.missing.last().cloned().unwrap_or_default();
    assert!(!screen.contains(&last), "{screen}");
    desk.keys("<End>");
    let screen = desk.screen();
    assert!(screen.contains(&last), "{screen}");
    assert!(screen.contains("错架"), "{screen}");
    assert!(screen.contains("不明  X9-不明标签"), "{screen}");
    desk.keys("<Esc>");
    assert!(!matches!(desk.app.screen(), Screen::Stocktake(_)));
}

#[test]
fn a_reader_is_not_offered_a_stocktake_and_is_refused_one() {
    let mut desk = Desk::demo(Lang::En, 80, 24);
    desk.login("reader");
    assert!(!desk.screen().contains("stocktake"), "{}", desk.screen());
    desk.keys("s");
    assert!(!matches!(desk.app.screen(), Screen::Stocktake(_)));
    assert!(desk.screen().contains("reader"), "{}", desk.screen());
}

#[test]
fn the_shelves_list_boxes_and_volumes_by_place_and_move_take_out_and_bring_back() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    desk.keys("b");
    let Screen::Shelves(view) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    // The demo's boxes on 1号库 and its volumes on 2号库, in order of place.
    assert!(view.rows.iter().any(|r| r.is_box) && view.rows.iter().any(|r| !r.is_box));
    let places: Vec<&str> = view.rows.iter().map(|r| r.location.as_str()).collect();
    assert!(places.windows(2).all(|w| w[0] <= w[1]), "{places:?}");
    let first = view.rows[0].clone();
    assert!(first.is_box, "{first:?}");
    let screen = desk.screen();
    assert!(
        screen.contains("位置") && screen.contains(&first.code),
        "{screen}"
    );

    // Moved: the place offered is where it stands; typed over, it goes to the end of the list.
    desk.keys("m");
    assert!(
        desk.screen()
            .contains(&format!("移到（库房-列-节-层）: {}", first.location)),
        "{}",
        desk.screen()
    );
    for _ in 0..first.location.chars().count() {
        desk.keys("<Backspace>");
    }
    desk.keys("9号库-01-01-1<Enter>");
    desk.answer();
    let screen = desk.screen();
    assert!(
        screen.contains(&format!("{} 已移到 9号库-01-01-1", first.code)),
        "{screen}"
    );
    let Screen::Shelves(view) = desk.app.screen() else {
        panic!("{screen}");
    };
    assert_eq!(
        view.rows[view.selected].code, first.code,
        "the selection follows it"
    );
    assert_eq!(view.rows[view.selected].location, "9号库-01-01-1");

    // Out for 数字化, refused a second time, then back.
    desk.keys("o数字化<Enter>");
    desk.answer();
    assert!(desk.screen().contains("已出库"), "{}", desk.screen());
    desk.keys("o");
    assert!(desk.screen().contains("已出库"), "{}", desk.screen());
    desk.keys("i");
    desk.answer();
    assert!(
        desk.screen().contains(&format!("{} 已入库", first.code)),
        "{}",
        desk.screen()
    );
    // A volume goes out and comes back as a box does.
    let Screen::Shelves(view) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let volume = view.rows.iter().position(|r| !r.is_box).expect("a volume");
    desk.keys("<Home>");
    for _ in 0..volume {
        desk.keys("<Down>");
    }
    desk.keys("o数字化<Enter>");
    desk.answer();
    let Screen::Shelves(view) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let row = view.rows[view.selected].clone();
    assert!(
        !row.is_box && row.out.as_deref() == Some("数字化"),
        "{row:?}"
    );
    desk.keys("i");
    desk.answer();
    let said = format!("{} 已入库", row.code);
    assert!(desk.screen().contains(&said), "{}", desk.screen());
}

#[test]
fn a_reader_sees_the_shelves_but_may_not_move_anything() {
    let mut desk = Desk::demo(Lang::En, 120, 40);
    desk.login("reader");
    desk.keys("<F5>");
    assert!(
        matches!(desk.app.screen(), Screen::Shelves(_)),
        "{}",
        desk.screen()
    );
    desk.keys("m");
    assert!(desk.app.prompt.is_none(), "no prompt for a reader");
    assert!(desk.screen().contains("may not"), "{}", desk.screen());
}
