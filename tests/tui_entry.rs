//! Faster entry: pick lists filtered by what is typed (Chinese, English, pinyin initials), the
//! borrowers seen before offered and their details brought in, and quick entry keeping what the
//! clerk chooses for the next record.

mod common;

use common::desk::Desk;
use dangan::i18n::Lang;
use dangan::tui::app::Screen;
use dangan::tui::app::form::Slot;

fn field(desk: &Desk, label: &str) -> String {
    desk.screen()
        .lines()
        .find_map(|l| l.strip_prefix(label).map(|v| v.trim().to_string()))
        .unwrap_or_else(|| panic!("no {label}:\n{}", desk.screen()))
}

fn focus_on(desk: &mut Desk, label: &str) {
    for _ in 0..30 {
        let Screen::Form(form) = desk.app.screen() else {
            panic!("{}", desk.screen());
        };
        if form.slots[form.focus].0.label(Lang::Zh) == label {
            return;
        }
        desk.keys("<Tab>");
    }
    panic!("no field {label}");
}

#[test]
fn a_field_of_set_values_offers_them_and_takes_a_beginning_pinyin_or_english() {
    let mut desk = Desk::demo(Lang::Zh, 100, 30);
    desk.login("archivist");
    desk.keys("<Down><Enter><Enter>n");
    focus_on(&mut desk, "密级");
    let row = field(&desk, "密级");
    assert!(row.contains("可选: 公开 内部 秘密 机密"), "{row}");
    // Pinyin initials, then leaving the field: the value it leads to.
    desk.keys("gk");
    assert!(
        field(&desk, "密级").contains("可选: 公开"),
        "{}",
        desk.screen()
    );
    desk.keys("<Tab>");
    assert!(
        field(&desk, "密级").starts_with("公开"),
        "{}",
        desk.screen()
    );
    // English, and Ctrl-N steps through the offers.
    focus_on(&mut desk, "载体");
    desk.keys("e<C-n>");
    assert_eq!(field(&desk, "载体").split_whitespace().next(), Some("电子"));
    focus_on(&mut desk, "状态");
    desk.keys("<C-n><C-n>");
    let Screen::Form(form) = desk.app.screen() else {
        panic!();
    };
    let shown = form.slots[form.focus].1.text().to_string();
    assert!(
        ["在库", "借出", "待整理", "遗失", "销毁", "移交"].contains(&shown.as_str()),
        "{shown}"
    );
}

#[test]
fn a_borrower_seen_before_is_offered_and_brings_their_unit_and_contact() {
    let mut desk = Desk::demo(Lang::Zh, 100, 30);
    desk.login("archivist");
    desk.keys("<Down><Enter><Enter><Enter>l陈志");
    assert!(
        field(&desk, "借阅人").contains("可选: 陈志远"),
        "{}",
        desk.screen()
    );
    desk.keys("<Tab>");
    assert!(field(&desk, "借阅人").starts_with("陈志远"));
    assert!(
        field(&desk, "单位").starts_with("市志办"),
        "{}",
        desk.screen()
    );
    assert!(
        field(&desk, "联系方式").starts_with("0571-8702 1134"),
        "{}",
        desk.screen()
    );
    // Someone new stays as typed.
    desk.keys("<Esc>y");
    desk.keys("l司马　光<Tab>");
    assert!(field(&desk, "借阅人").starts_with("司马　光"));
    // An empty unit offers the units seen before; nothing is filled in.
    assert!(
        field(&desk, "单位").starts_with("可选:"),
        "{}",
        desk.screen()
    );
}

#[test]
fn quick_entry_keeps_what_the_clerk_chooses() {
    let mut desk = Desk::demo(Lang::Zh, 100, 30);
    desk.login("archivist");
    desk.keys("<Down><Enter><Enter><F3>2023<Down><Down>BGS<Down><Down>《第一份》");
    // 责任者 and 存放位置 are kept by default; the title is kept too once marked.
    assert!(desk.screen().contains("责任者*"), "{}", desk.screen());
    desk.keys("<C-k><Down>市档案馆");
    focus_on(&mut desk, "存放位置");
    desk.keys("<C-u>2号库-03柜<C-s>");
    assert!(desk.screen().contains("已保存"), "{}", desk.screen());
    let Screen::Form(form) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let value = |slot: Slot| {
        form.slots
            .iter()
            .find(|(s, _, _)| *s == slot)
            .map(|(_, input, _)| input.text().to_string())
            .unwrap_or_default()
    };
    use dangan::domain::Field;
    assert_eq!(value(Slot::Data(Field::Title)), "《第一份》");
    assert_eq!(value(Slot::Data(Field::Responsible)), "市档案馆");
    assert_eq!(value(Slot::Data(Field::Location)), "2号库-03柜");
    assert_eq!(value(Slot::Data(Field::DocNo)), "");
    // The demo holds J001-2023-Y-BGS-0001: this was 0002, and the next is numbered on.
    assert!(
        desk.screen().contains("J001-2023-Y-BGS-0002"),
        "{}",
        desk.screen()
    );
    assert_eq!(value(Slot::Item), "3");
}

#[test]
fn a_reader_asking_for_a_record_is_offered_no_one_elses_name() {
    let mut desk = Desk::demo(Lang::Zh, 100, 30);
    desk.login("reader");
    desk.keys("<Down><Enter><Enter><Enter>l陈");
    assert!(!desk.screen().contains("陈志远"), "{}", desk.screen());
    desk.keys("<Tab>");
    assert!(!desk.screen().contains("市志办"), "{}", desk.screen());
}
