//! The workstation driven by key sequences, headless, on a real demo archive: what a clerk does in
//! a day, checked by what the screen then shows.

mod common;

use common::desk::Desk;
use dangan::i18n::Lang;
use dangan::tui::app::Screen;

#[test]
fn log_in_and_browse_fonds_years_to_a_record() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    let screen = desk.screen();
    assert!(
        screen.contains("全部全宗") && screen.contains("J001"),
        "{screen}"
    );
    assert!(screen.contains("archivist (档案员)"), "{screen}");

    // J001, then its newest year, then the first record.
    desk.keys("<Down><Enter>");
    assert!(desk.screen().contains("全部年度"), "{}", desk.screen());
    desk.keys("<Down><Enter>");
    let list = desk.screen();
    assert!(list.contains("档号") && list.contains("题名"), "{list}");
    let Screen::Records(records) = desk.app.screen() else {
        panic!("not on the record list:\n{list}");
    };
    let first = records
        .selected_record()
        .expect("a record")
        .code
        .to_string();
    assert!(list.contains(&first), "{list}");
    desk.keys("<Enter>");
    let record = desk.screen();
    assert!(record.contains(&format!("档案 {first}")), "{record}");
    assert!(record.contains("修改记录"), "{record}");
    // Back to the list, where we were.
    desk.keys("<Esc>");
    assert!(desk.screen().contains(&first));
}

#[test]
fn an_archival_code_typed_on_the_fonds_menu_opens_that_record() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    // A code that exists: the first of J001's newest year, then back to the fonds menu.
    desk.keys("<Down><Enter><Down><Enter>");
    let Screen::Records(records) = desk.app.screen() else {
        panic!("not on the record list:\n{}", desk.screen());
    };
    let code = records
        .selected_record()
        .expect("a record")
        .code
        .to_string();
    desk.keys("<Esc><Esc>");
    // Typed full-width, as a Chinese IME may give it.
    let wide: String = code
        .chars()
        .map(|c| match c {
            'A'..='Z' | '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => c,
        })
        .collect();
    desk.keys(&format!("g{wide}<Enter>"));
    let record = desk.screen();
    assert!(record.contains(&format!("档案 {code}")), "{record}");
    // A code with no record says so and stays where it was.
    desk.keys("<Esc>gJ002-2019-D10-BGS-9999<Enter>");
    let screen = desk.screen();
    let title = screen.lines().next().unwrap_or_default();
    assert!(!title.contains("J002-2019-D10-BGS-9999"), "{screen}");
    let status = screen.lines().last().unwrap_or_default();
    assert!(status.contains("J002-2019-D10-BGS-9999"), "{screen}");
}

#[test]
fn a_wrong_password_is_a_message_not_an_exit() {
    let mut desk = Desk::demo(Lang::En, 80, 24);
    desk.keys("archivist<Enter>wrong-password<Enter>");
    assert!(!desk.app.quit);
    let screen = desk.screen();
    assert!(matches!(desk.app.screen(), Screen::Login(_)), "{screen}");
    let last = screen.lines().last().unwrap_or_default().to_lowercase();
    assert!(last.contains("password"), "{screen}");
    // The password typed is gone from memory and never shown.
    assert!(!screen.contains("wrong-password"));
    desk.keys("demo-archivist-2019<Enter>");
    assert!(desk.screen().contains("All fonds"), "{}", desk.screen());
}

#[test]
fn search_as_you_type_then_open_a_hit() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("reader");
    desk.keys("/档");
    desk.keys("案");
    let screen = desk.screen();
    assert!(screen.contains("条结果"), "{screen}");
    let Screen::Search(search) = desk.app.screen() else {
        panic!("not searching:\n{screen}");
    };
    let results = search.results.as_ref().expect("results");
    assert!(results.total > 0);
    let hit = results.hits[0].record.code.to_string();
    assert!(
        results.hits[0].record.data.title.contains("档案"),
        "{}",
        results.hits[0].record.data.title
    );
    // The caret follows the two wide characters typed: after "检索: " (6 columns) and 4 more.
    let mut terminal = desk.terminal();
    let cursor = terminal.get_cursor_position().expect("cursor");
    assert_eq!((cursor.x, cursor.y), (10, 1));
    desk.keys("<Enter>");
    assert!(
        desk.screen().contains(&format!("档案 {hit}")),
        "{}",
        desk.screen()
    );
}

#[test]
fn a_filter_chip_narrows_the_search() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    desk.keys("/会议");
    let Screen::Search(search) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let before = search.results.as_ref().expect("results").total;
    let chip = dangan::tui::app::chips(search.results.as_ref().expect("results"))
        .into_iter()
        .next()
        .expect("a fonds chip");
    assert_eq!(chip.kind, "fonds");
    // Tab picks the first chip, Enter adds it to the query.
    desk.keys("<Tab><Enter>");
    let Screen::Search(search) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    assert_eq!(search.input.text(), format!("会议 fonds:{}", chip.value));
    let results = search.results.as_ref().expect("results");
    assert_eq!(results.total as u64, chip.count);
    assert!(results.total < before);
    assert!(
        results
            .hits
            .iter()
            .all(|f| f.record.code.group.fonds == chip.value)
    );
}

fn form_value(desk: &Desk, label: &str) -> String {
    let Screen::Form(form) = desk.app.screen() else {
        panic!("not on a form:\n{}", desk.screen());
    };
    form.slots
        .iter()
        .find(|(slot, _, _)| slot.label(Lang::Zh) == label)
        .map(|(_, input, _)| input.text().to_string())
        .expect("field")
}

#[test]
fn quick_entry_of_three_records_then_an_edit_with_its_revision() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    // J002, year 2019 from the years menu.
    desk.keys("<Down><Down><Enter>");
    let Screen::Years(years) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let row = years
        .menu
        .rows
        .iter()
        .position(|(y, _)| *y == 2019)
        .expect("2019");
    for _ in 0..=row {
        desk.keys("<Down>");
    }
    desk.keys("<Enter><F3>");
    assert_eq!(form_value(&desk, "全宗"), "J002");
    assert_eq!(form_value(&desk, "年度"), "2019");
    // The form opens on the first empty field, the department; then an item number of our
    // own choosing; then the title.
    desk.keys("DAJ<Tab>900<Tab>《关于“档案日”活动的通知》—第１号<C-s>");
    let saved = desk.screen();
    assert!(saved.contains("J002-2019-Y-DAJ-0900 已保存"), "{saved}");
    // The next item is numbered, the code parts kept, and the cursor is on the title again.
    assert_eq!(form_value(&desk, "件号"), "901");
    assert_eq!(form_value(&desk, "机构(问题)"), "DAJ");
    assert_eq!(form_value(&desk, "题名"), "");
    desk.keys("２０１９年度工作总结……<C-s>");
    desk.keys("第三件：GB/T 18894 培训<C-s>");
    assert!(
        desk.screen().contains("J002-2019-Y-DAJ-0902"),
        "{}",
        desk.screen()
    );

    // A bad value is marked beside its field, and nothing is saved.
    desk.keys("无效<Tab><Tab><Tab>2019年13月<C-s>");
    let screen = desk.screen();
    assert!(screen.contains("请先更正"), "{screen}");
    desk.keys("<Esc>");
    assert!(
        desk.screen().contains("放弃未保存的修改"),
        "{}",
        desk.screen()
    );
    desk.keys("y<Esc><Esc>");

    // Search finds the new one; edit its title; the record shows the revision.
    desk.keys("/档案日<Enter>");
    assert!(
        desk.screen().contains("档案 J002-2019-Y-DAJ-0900"),
        "{}",
        desk.screen()
    );
    desk.keys("e<C-u>《关于“国际档案日”活动的通知》<C-s>");
    let record = desk.screen();
    assert!(record.contains("国际档案日"), "{record}");
    assert!(record.contains("版本 2"), "{record}");
    assert!(record.contains("archivist"), "{record}");
    assert!(record.contains("题名:"), "{record}");
}

#[test]
fn quitting_with_unsaved_entry_asks_first() {
    let mut desk = Desk::demo(Lang::En, 80, 24);
    desk.login("archivist");
    desk.keys("<Down><Enter><Enter>n");
    desk.keys("BGS<Tab><Tab>《未保存的题名》");
    desk.key(
        crossterm::event::KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    assert!(!desk.app.quit, "asked, not quit");
    assert!(
        desk.screen().contains("Discard unsaved changes?"),
        "{}",
        desk.screen()
    );
    desk.keys("n");
    assert!(desk.screen().contains("《未保存的题名》"), "still editing");
    desk.key(
        crossterm::event::KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    desk.keys("y");
    assert!(desk.app.quit);
}

#[test]
fn a_reader_cannot_open_the_entry_form() {
    let mut desk = Desk::demo(Lang::En, 80, 24);
    desk.login("reader");
    desk.keys("n");
    assert!(matches!(desk.app.screen(), Screen::Fonds(_)));
    assert!(
        desk.screen().contains("cannot change records"),
        "{}",
        desk.screen()
    );
}

#[test]
fn esc_and_backspace_stop_at_the_top_and_q_asks_below_it() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    // Into a fonds' years, then back out past the top: the workstation stays.
    desk.keys("<Down><Enter>");
    assert!(matches!(desk.app.screen(), Screen::Years(_)));
    desk.keys("<Esc><Esc><Backspace><Esc>");
    assert!(
        !desk.app.quit,
        "Esc and Backspace never leave the workstation"
    );
    assert!(matches!(desk.app.screen(), Screen::Fonds(_)));
    assert!(desk.screen().contains("已在最上层"), "{}", desk.screen());
    // Below the top, q asks; n stays where it was.
    desk.keys("<Down><Enter>q");
    assert!(!desk.app.quit);
    assert!(
        desk.screen().contains("退出档案工作站？"),
        "{}",
        desk.screen()
    );
    desk.keys("n");
    assert!(!desk.app.quit && matches!(desk.app.screen(), Screen::Years(_)));
    desk.keys("qy");
    assert!(desk.app.quit);
}

#[test]
fn q_quits_from_the_top_and_ctrl_c_at_once_when_nothing_would_be_lost() {
    let mut desk = Desk::demo(Lang::En, 80, 24);
    desk.login("archivist");
    desk.keys("q");
    assert!(desk.app.quit, "q on the top screen quits");

    let mut desk = Desk::demo(Lang::En, 80, 24);
    desk.login("archivist");
    desk.keys("<Down><Enter><Enter>");
    desk.key(
        crossterm::event::KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    assert!(desk.app.quit, "nothing typed: Ctrl-C leaves at once");

    // Register lines typed and not stored: Ctrl-C asks first.
    let mut desk = Desk::demo(Lang::En, 80, 24);
    desk.login("archivist");
    desk.keys("ceJ001/2014<Enter>J001-2014-Y-BGS-0999 | “纸质独有”登记—第１号 | 市人民政府办公室 | 2014<Enter>");
    desk.key(
        crossterm::event::KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    );
    assert!(!desk.app.quit);
    assert!(desk.screen().contains("would be lost"), "{}", desk.screen());
    desk.keys("<Esc>");
    assert!(!desk.app.quit);
}

#[test]
fn the_status_line_offers_only_what_the_role_may_do() {
    let hints = |user: &str| {
        let mut desk = Desk::demo(Lang::Zh, 120, 30);
        desk.login(user);
        desk.keys("<Down><Enter><Enter><Enter>");
        let record = desk.screen().lines().last().unwrap_or_default().to_string();
        desk.keys("<F6>");
        let loans = desk.screen().lines().last().unwrap_or_default().to_string();
        (record, loans)
    };
    let (record, loans) = hints("archivist");
    assert!(
        record.contains("修改") && record.contains("归还"),
        "{record}"
    );
    assert!(loans.contains("续借") && loans.contains("归还"), "{loans}");
    let (record, loans) = hints("reader");
    assert!(
        !record.contains("修改") && !record.contains("归还"),
        "{record}"
    );
    assert!(record.contains("借出"), "a reader asks to borrow: {record}");
    assert!(
        !loans.contains("续借") && !loans.contains("归还"),
        "{loans}"
    );
}

#[test]
fn a_jump_to_another_fonds_opens_its_record_and_a_jump_near_the_end_keeps_the_page_full() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    // J002's first record, from the list of J001.
    desk.keys("<Down><Down><Enter><Enter><Enter>");
    let Screen::Record(view) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let elsewhere = view.record.as_ref().expect("loaded").code.to_string();
    desk.keys("<Esc><Esc><Esc><Down><Enter><Enter>");
    desk.keys(&format!("g{elsewhere}<Enter>"));
    let Screen::Record(view) = desk.app.screen() else {
        panic!("the jump was ignored:\n{}", desk.screen());
    };
    assert_eq!(
        view.record.as_ref().expect("loaded").code.to_string(),
        elsewhere
    );

    // The last code of the list, jumped to from the top: the page is full, not one row.
    desk.keys("<Esc><End>");
    let Screen::Records(list) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let last = list.selected_record().expect("a row").code.to_string();
    desk.keys(&format!("<Home>g{last}<Enter>"));
    let screen = desk.screen();
    let fonds = &last[..5];
    let rows = screen.lines().filter(|l| l.starts_with(fonds)).count();
    assert_eq!(rows as u64, desk.app.list_height(), "{screen}");
    assert!(screen.contains(&last));
}
