//! Reconciling at the desk: a register of one year of J001 in the demo archive, walked with `n`,
//! decided with one key and a note, then certified with F8.

mod common;

use common::desk::Desk;
use dangan::domain::register::Scope;
use dangan::i18n::Lang;
use dangan::tui::app::Screen;

/// Brings in a register for the J001 year with the most records: the first record copied, the
/// second with a wrong character in its title, and a line only on paper; the rest of the year
/// stays only digital. Returns the scope.
fn with_register(desk: &Desk) -> String {
    let dir = desk.dir.path().join("demo");
    let mut archive = dangan::Archive::open(&dir).expect("open");
    let admin = archive.login("admin", "demo-admin-2019").expect("login");
    let filter = dangan::domain::RecordQuery {
        fonds: Some("J001".into()),
        ..Default::default()
    };
    let (all, _) = archive.list(&admin, &filter, 1000, 0).expect("list");
    let mut years = std::collections::BTreeMap::<u16, Vec<_>>::new();
    for record in all {
        years
            .entry(record.code.group.year)
            .or_default()
            .push(record);
    }
    let (year, records) = years
        .into_iter()
        .max_by_key(|(_, r)| r.len())
        .expect("a year");
    assert!(records.len() >= 3, "{year}: {}", records.len());
    let typo: String = records[1]
        .data
        .title
        .chars()
        .enumerate()
        .map(|(i, c)| if i == 2 { '某' } else { c })
        .collect();
    let csv = format!(
        "档号,题名\n{},{}\n{},{}\nJ001-{year}-Y-BGS-0999,“纸质独有”登记—第１号\n",
        records[0].code, records[0].data.title, records[1].code, typo
    );
    let path = desk.dir.path().join("台账.csv");
    std::fs::write(&path, csv).expect("write register");
    let scope: Scope = format!("J001/{year}").parse().expect("scope");
    archive
        .import_register(&admin, &path, &scope, None, None)
        .expect("import register");
    scope.to_string()
}

/// The status line, and the rows above it a long message wraps onto.
fn status_line(desk: &Desk) -> String {
    let screen = desk.screen();
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(3)..].concat()
}

fn open_lines(desk: &Desk) -> u64 {
    let Screen::Reconcile(view) = desk.app.screen() else {
        panic!("not reconciling:\n{}", desk.screen());
    };
    view.status.as_ref().expect("status").open
}

#[test]
fn walk_decide_and_certify_a_register_at_the_desk() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    let scope = with_register(&desk);
    desk.login("archivist");
    // One register: `c` goes straight to it.
    desk.keys("c");
    let screen = desk.screen();
    assert!(screen.contains(&format!("台账核对 {scope}")), "{screen}");
    let before = open_lines(&desk);
    assert!(before >= 2, "{screen}");

    // `n`: the first open line, the title typo, paper beside digital.
    desk.keys("n");
    insta::assert_snapshot!("reconcile_zh_80x24", desk.screen());
    let screen = desk.screen();
    assert!(
        screen.contains("不一致") && screen.contains('某'),
        "{screen}"
    );

    // Certifying now is refused and says why.
    desk.keys("<F8>");
    assert!(status_line(&desk).contains("待处理"), "{}", desk.screen());

    // `c` (correct from paper), Enter without a note: it asks first, naming what it writes.
    desk.keys("c<Enter>");
    assert_eq!(open_lines(&desk), before, "nothing written before y");
    let asked = status_line(&desk);
    assert!(
        asked.contains("把纸质的题名写入") && asked.contains("y 写入"),
        "{asked}"
    );
    desk.keys("n");
    assert_eq!(open_lines(&desk), before);
    desk.keys("c<Enter>y");
    assert_eq!(open_lines(&desk), before - 1);
    // The paper-only line: missing in digital, with a note.
    desk.keys("x原件遗失，待查<Enter>");
    assert_eq!(open_lines(&desk), before - 2);
    let Screen::Reconcile(view) = desk.app.screen() else {
        panic!();
    };
    assert!(view.lines.iter().any(|(l, _)| l.note == "原件遗失，待查"));
    // The rest are only digital: missing on paper, one key each.
    for _ in 0..before - 2 {
        desk.keys("m<Enter>");
    }
    assert_eq!(open_lines(&desk), 0, "{}", desk.screen());
    desk.keys("n");
    assert!(
        status_line(&desk).contains("没有待处理的行"),
        "{}",
        desk.screen()
    );

    // Certifying asks first: nothing can change afterwards.
    desk.keys("<F8>");
    assert!(
        status_line(&desk).contains("认证后台账不能再改动"),
        "{}",
        desk.screen()
    );
    desk.keys("y");
    assert!(
        status_line(&desk).contains(&format!("已认证单轨 {scope}")),
        "{}",
        desk.screen()
    );
    // Closed: a further decision is an error in the status line, not an exit.
    desk.keys("t<Enter>");
    assert!(
        status_line(&desk).contains("台账已关闭"),
        "{}",
        desk.screen()
    );
    assert!(!desk.app.quit);

    // Browse shows the year single-track; the other years do not.
    desk.keys("<Esc><Down><Enter>");
    let screen = desk.screen();
    let year = scope.trim_start_matches("J001/");
    let row = |y: &str| {
        screen
            .lines()
            .find(|l| l.starts_with(y))
            .unwrap_or_else(|| panic!("no {y}:\n{screen}"))
            .to_string()
    };
    assert!(row(year).contains("单轨"), "{screen}");
    let other = if year == "2005" { "2006" } else { "2005" };
    assert!(!row(other).contains("单轨"), "{screen}");
}

#[test]
fn the_reconcile_screen_in_english() {
    let mut desk = Desk::demo(Lang::En, 80, 24);
    with_register(&desk);
    desk.login("archivist");
    desk.keys("cn");
    insta::assert_snapshot!("reconcile_en_80x24", desk.screen());
    // Only the open lines, then Enter opens the record of the selected line.
    desk.keys("o<Enter>");
    assert!(
        matches!(desk.app.screen(), Screen::Record(_)),
        "{}",
        desk.screen()
    );
}

#[test]
fn a_clerk_types_a_register_in_line_by_line() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("archivist");
    desk.keys("c");
    assert!(
        status_line(&desk).contains("还没有纸质台账"),
        "{}",
        desk.screen()
    );
    // The first J001 record of 2014 as the demo has it, and a line only on paper.
    let dir = desk.dir.path().join("demo");
    let mut archive = dangan::Archive::open(&dir).expect("open");
    let admin = archive.login("admin", "demo-admin-2019").expect("login");
    let filter = dangan::domain::RecordQuery {
        fonds: Some("J001".into()),
        year: Some(2014),
        ..Default::default()
    };
    let (records, _) = archive.list(&admin, &filter, 1, 0).expect("list");
    let first = &records[0];

    desk.keys("eＪ001/2014<Enter>");
    let date = first.data.get(dangan::domain::Field::Date);
    desk.keys(&format!(
        "{}｜{}｜{}｜{date}<Enter>",
        first.code, first.data.title, first.data.responsible
    ));
    desk.keys(
        "J001-2014-Y-BGS-0999 | “纸质独有”登记—第１号 | 市人民政府办公室 | 2014年6月9日<Enter>",
    );
    // Both lines are on the screen while typing, numbered as on paper.
    let screen = desk.screen();
    assert!(
        screen.contains("J001/2014  档号｜题名｜责任者｜日期"),
        "{screen}"
    );
    assert!(screen.contains("2     J001-2014-Y-BGS-0999"), "{screen}");
    // An empty line stores the register and shows it reconciled.
    desk.keys("<Enter>");
    let Screen::Reconcile(view) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let status = view.status.as_ref().expect("status");
    assert_eq!(
        (
            status.scope.as_str(),
            status.paper_lines,
            status.agrees,
            status.paper_only
        ),
        ("J001/2014", 2, 1, 1),
        "{}",
        desk.screen()
    );
    assert!(view.typing.is_none());
    assert!(desk.app.prompt.is_none());

    // The same scope again is refused, and what was typed is kept to go on with.
    desk.keys("eJ001/2014<Enter>J001-2014-Y-BGS-0998｜补登<Enter><Enter>");
    assert!(status_line(&desk).contains("已有台账"), "{}", desk.screen());
    let Screen::Reconcile(view) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    let (_, typed) = view.typing.as_ref().expect("typed lines kept");
    assert_eq!(typed[0].code, "J001-2014-Y-BGS-0998");
    // Leaving asks first; a second Esc drops the lines.
    desk.keys("<Esc>");
    assert!(matches!(desk.app.screen(), Screen::Reconcile(_)));
    assert!(status_line(&desk).contains("尚未保存"), "{}", desk.screen());
}

#[test]
fn a_reader_is_told_at_once_that_registers_are_not_theirs_to_type() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    desk.login("reader");
    desk.keys("ce");
    assert!(
        status_line(&desk).contains("当前角色不能录入纸质台账"),
        "{}",
        desk.screen()
    );
    // No scope was asked for: what is typed next goes nowhere.
    desk.keys("J001/2014<Enter>");
    assert!(!desk.screen().contains("台账范围"), "{}", desk.screen());
}

#[test]
fn a_decision_moves_on_once_and_u_takes_it_back() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    with_register(&desk);
    desk.login("archivist");
    desk.keys("cn");
    let before = open_lines(&desk);
    let line_of = |desk: &Desk| {
        let Screen::Reconcile(view) = desk.app.screen() else {
            panic!("not reconciling");
        };
        let (line, record) = view.current().expect("a line").clone();
        (line.paper.line_no, record.map(|r| r.code.to_string()))
    };
    let first = line_of(&desk);
    // Accepted as it is: the selection moves on to the next open line by itself...
    desk.keys("a<Enter>");
    assert_eq!(open_lines(&desk), before - 1);
    let second = line_of(&desk);
    assert_ne!(first, second);
    // ...and `n` then stays there: one decision, one move.
    desk.keys("n");
    assert_eq!(line_of(&desk), second, "{}", desk.screen());
    // `u` takes the decision back: the first line is open and selected again.
    desk.keys("u");
    assert_eq!(open_lines(&desk), before);
    assert_eq!(line_of(&desk), first, "{}", desk.screen());
    // Nothing more to take back.
    desk.keys("u");
    assert!(
        status_line(&desk).contains("没有可撤销的决定"),
        "{}",
        desk.screen()
    );
}
