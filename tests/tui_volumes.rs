//! Browsing a fonds arranged by volume in the workstation: fonds → catalogues (目录) → volumes
//! (案卷) → the items inside, a new item put into the volume being browsed, and what a reader
//! cleared below a volume's 密级 sees — in Chinese at 80×24 and English at 120×40.

mod common;

use common::desk::Desk;
use dangan::i18n::Lang;
use dangan::tui::app::Screen;

/// The fonds menu's row of J007, the demo's fonds arranged by volume (row 0 is "all fonds").
const J007_ROW: usize = 7;

fn to_volumes(desk: &mut Desk, user: &str) {
    desk.login(user);
    for _ in 0..J007_ROW {
        desk.keys("<Down>");
    }
    desk.keys("<Enter>");
}

#[test]
fn a_volume_fonds_is_browsed_by_catalogue_volume_and_item() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    to_volumes(&mut desk, "archivist");
    let screen = desk.screen();
    assert!(screen.contains("J007 市计划委员会"), "{screen}");
    assert!(screen.contains("目录号 001"), "{screen}");
    assert!(screen.contains("目录号 003"), "{screen}");
    desk.keys("<Enter>");
    let screen = desk.screen();
    insta::assert_snapshot!("volumes_zh_80x24", screen);
    assert!(screen.contains("全宗 > J007 > 目录号 001"), "{screen}");
    let Screen::Volumes(volumes) = desk.app.screen() else {
        panic!("{screen}");
    };
    let first = volumes.menu.rows[0].clone();
    desk.keys("<Enter>");
    let screen = desk.screen();
    assert!(screen.contains("J007-001-001-0001"), "{screen}");
    let Screen::Records(list) = desk.app.screen() else {
        panic!("{screen}");
    };
    // Every item of the volume and nothing else, in 顺序号 order.
    assert_eq!(list.total, Some(first.items));
    // A code typed to jump to lands on its row, however it is typed.
    desk.keys("gj007-1-1-3<Enter>");
    let Screen::Records(list) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let selected = list.selected_record().map(|r| r.code.to_string());
    assert_eq!(
        selected.as_deref(),
        Some("J007-001-001-0003"),
        "{}",
        desk.screen()
    );
    desk.keys("<Home>");
    desk.keys("<Enter>");
    // The record names the volume it is inside.
    let screen = desk.screen();
    assert!(screen.contains("所在案卷"), "{screen}");
    assert!(
        screen.contains(&format!("所在案卷    {}", first.code)),
        "{screen}"
    );
    let title: String = first.data.title.chars().take(8).collect();
    assert!(screen.contains(&title), "{screen}");
    assert!(
        desk.screen().contains("J007-001-001-0001"),
        "{}",
        desk.screen()
    );
    // Back up to the catalogues.
    desk.keys("<Esc><Esc><Esc>");
    assert!(desk.screen().contains("目录号 002"), "{}", desk.screen());
}

#[test]
fn a_new_record_made_while_in_a_volume_goes_into_it_by_the_next_order_number() {
    let mut desk = Desk::demo(Lang::En, 120, 40);
    to_volumes(&mut desk, "archivist");
    desk.keys("<Down><Enter>");
    insta::assert_snapshot!("volumes_en_120x40", desk.screen());
    let Screen::Volumes(volumes) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let volume = volumes.menu.rows[0].clone();
    desk.keys("<Enter>");
    desk.keys("<F2>");
    let screen = desk.screen();
    assert!(screen.contains("Catalogue"), "{screen}");
    assert!(screen.contains("Volume"), "{screen}");
    assert!(
        !screen.contains("Dept"),
        "a volume's item has no 机构 part:\n{screen}"
    );
    // Fonds, catalogue and volume are filled in; the title is typed after the item number.
    desk.keys("<Tab>关于“计划”编制的补充报告——１９８２<C-s>");
    desk.answer();
    let expected = format!("{}-{:04}", volume.code, volume.items + 1);
    let screen = desk.screen();
    assert!(
        screen.contains(&expected),
        "{expected} not saved:\n{screen}"
    );
}

#[test]
fn a_reader_sees_only_the_volumes_within_their_clearance() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    to_volumes(&mut desk, "reader");
    desk.keys("<Enter>");
    let Screen::Volumes(volumes) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    assert!(!volumes.menu.rows.is_empty());
    for volume in &volumes.menu.rows {
        assert!(
            volume.data.classification <= dangan::domain::Classification::Internal,
            "{} is {:?}",
            volume.code,
            volume.data.classification
        );
    }
}

#[test]
fn catalogues_print_from_where_the_clerk_is_browsing() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    to_volumes(&mut desk, "archivist");
    // On a catalogue: its 案卷目录, to the file name offered.
    desk.keys("p");
    let screen = desk.screen();
    assert!(screen.contains("打印到文件"), "{screen}");
    assert!(screen.contains("案卷目录-J007-001.xlsx"), "{screen}");
    let list = desk.dir.path().join("案卷目录.xlsx");
    let path = list.to_str().unwrap();
    // The offered name replaced by a path of the clerk's own.
    for _ in 0.."案卷目录-J007-001.xlsx".chars().count() {
        desk.keys("<Backspace>");
    }
    desk.keys(&format!("{path}<Enter>"));
    desk.answer();
    assert!(list.is_file(), "{}", desk.screen());
    assert!(desk.screen().contains("案卷目录.xlsx"), "{}", desk.screen());
    // In a volume: its cover and 卷内目录; a file already there is not written over.
    desk.keys("<Enter>");
    desk.keys("p");
    assert!(
        desk.screen().contains("卷内目录-J007-001-001.xlsx"),
        "{}",
        desk.screen()
    );
    for _ in 0.."卷内目录-J007-001-001.xlsx".chars().count() {
        desk.keys("<Backspace>");
    }
    let before = std::fs::read(&list).unwrap();
    desk.keys(&format!("{path}<Enter>"));
    desk.answer();
    assert_eq!(std::fs::read(&list).unwrap(), before);
    // The fonds menu has nothing of its own to print: said so.
    desk.keys("<Esc><Esc><Esc>");
    desk.keys("p");
    assert!(
        desk.screen().contains("这里没有可打印的目录"),
        "{}",
        desk.screen()
    );
}
