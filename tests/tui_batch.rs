//! Several records at once: marked with Space (Insert, Ctrl-T in the search box), lent to one
//! borrower and taken back together, each refusal said; exported as CSV (the marked, or all the
//! list or all the hits) and read back as Excel would; and the loan slip of a visit.

mod common;

use common::desk::Desk;
use dangan::i18n::Lang;
use dangan::tui::app::Screen;

fn status_line(desk: &Desk) -> String {
    let screen = desk.screen();
    let lines: Vec<&str> = screen.lines().collect();
    // A long message wraps onto the rows above the last.
    lines[lines.len().saturating_sub(3)..].join("")
}

fn marked_codes(desk: &Desk) -> Vec<String> {
    match desk.app.screen() {
        Screen::Records(list) => list.marked.iter().map(|c| c.to_string()).collect(),
        Screen::Search(search) => search.marked.iter().map(|c| c.to_string()).collect(),
        _ => panic!("{}", desk.screen()),
    }
}

/// J001, all years: a list of 60.
fn on_the_list(desk: &mut Desk) {
    desk.keys("<Down><Enter><Enter>");
    assert!(
        matches!(desk.app.screen(), Screen::Records(_)),
        "{}",
        desk.screen()
    );
}

#[test]
fn three_marked_records_are_lent_together_and_taken_back_together() {
    let mut desk = Desk::demo(Lang::Zh, 100, 30);
    desk.login("archivist");
    on_the_list(&mut desk);
    desk.keys("   ");
    let marked = marked_codes(&desk);
    assert_eq!(marked.len(), 3);
    let screen = desk.screen();
    assert!(screen.contains("已标记 3"), "{screen}");
    assert_eq!(
        screen.lines().filter(|l| l.starts_with("* J001")).count(),
        3,
        "{screen}"
    );
    desk.keys("l");
    assert!(desk.screen().contains("借出 3 件"), "{}", desk.screen());
    desk.keys("欧阳　明<Tab>《浙江通志》编纂室<C-s>");
    assert!(
        status_line(&desk).contains("已借出 3 件"),
        "{}",
        desk.screen()
    );
    assert!(marked_codes(&desk).is_empty(), "the marks go once done");
    for code in &marked {
        let row = desk
            .screen()
            .lines()
            .find(|l| l.contains(code.as_str()))
            .unwrap_or_else(|| panic!("{code}: {}", desk.screen()))
            .to_string();
        assert!(row.contains("借出"), "{row}");
    }
    // One more marked, already out: the others are lent, and the refusal is said.
    desk.keys("<Home> <Down><Down><Down>");
    desk.keys(" ");
    desk.keys("l司马光<C-s>");
    let said = status_line(&desk);
    assert!(
        said.contains("已借出 1 件") && said.contains("未完成"),
        "{said}"
    );
    assert!(said.contains(&marked[0]), "{said}");
    // Back together.
    desk.keys("<Home>   r<Enter>");
    assert!(
        status_line(&desk).contains("已归还 3 件"),
        "{}",
        desk.screen()
    );
}

#[test]
fn an_export_writes_the_marked_or_the_whole_list_and_never_over_a_file() {
    let mut desk = Desk::demo(Lang::Zh, 100, 30);
    desk.login("archivist");
    on_the_list(&mut desk);
    let dir = tempfile::tempdir().expect("temp dir");
    let marked_file = dir.path().join("标记的.csv");
    desk.keys("  <C-e>");
    assert!(
        desk.screen().contains("导出到文件: dangan-export-"),
        "{}",
        desk.screen()
    );
    desk.keys(&format!("<C-u>{}<Enter>", marked_file.display()));
    assert!(status_line(&desk).contains("已写出"), "{}", desk.screen());
    let rows = |path: &std::path::Path| -> Vec<csv::StringRecord> {
        let bytes = std::fs::read(path).expect("written");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
        csv::Reader::from_reader(&bytes[3..])
            .records()
            .map(|r| r.expect("a CSV row"))
            .collect()
    };
    let marked = rows(&marked_file);
    assert_eq!(marked.len(), 2);
    assert_eq!(&marked[0][0], marked_codes(&desk)[0].as_str());

    // None marked: the whole list.
    desk.keys("<Home>  ");
    assert!(marked_codes(&desk).is_empty());
    let all_file = dir.path().join("全部.csv");
    desk.keys(&format!("<C-e><C-u>{}<Enter>", all_file.display()));
    let Screen::Records(list) = desk.app.screen() else {
        panic!();
    };
    assert_eq!(rows(&all_file).len() as u64, list.total.expect("counted"));

    // Not over a file already there.
    desk.keys(&format!("<C-e><C-u>{}<Enter>", marked_file.display()));
    assert!(status_line(&desk).contains("已经存在"), "{}", desk.screen());
    assert_eq!(rows(&marked_file).len(), 2);

    // All the hits of a search, from the search box.
    let hits_file = dir.path().join("检索.csv");
    desk.keys(&format!(
        "/year:1990..2030<C-e><C-u>{}<Enter>",
        hits_file.display()
    ));
    let Screen::Search(search) = desk.app.screen() else {
        panic!();
    };
    assert_eq!(rows(&hits_file).len(), search.total());
}

#[test]
fn a_loan_slip_lists_what_the_borrower_took_that_day() {
    let mut desk = Desk::demo(Lang::Zh, 100, 30);
    desk.login("archivist");
    on_the_list(&mut desk);
    desk.keys("   l欧阳　明<Tab>《浙江通志》编纂室<C-s>");
    desk.keys("<Home><Enter>p");
    assert!(
        desk.screen()
            .contains("借阅单写到文件: 借阅单-欧阳明-2026-11-25.txt"),
        "{}",
        desk.screen()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let slip = dir.path().join("借阅单.txt");
    desk.keys(&format!("<C-u>{}<Enter>", slip.display()));
    assert!(status_line(&desk).contains("已写出"), "{}", desk.screen());
    let text = std::fs::read_to_string(&slip).expect("written");
    assert!(text.starts_with('\u{feff}') && text.contains("\r\n"));
    assert!(
        text.contains("借阅单") && text.contains("欧阳　明") && text.contains("共 3 件"),
        "{text}"
    );
    assert!(text.contains("借阅人签字"), "{text}");
}
