//! Two sessions editing the same record: the later save is refused with both versions shown,
//! never written over the other's.

mod common;

use common::Sandbox;
use common::desk::Desk;
use dangan::Error;
use dangan::archive::Archive;
use dangan::domain::Field;
use dangan::i18n::Lang;

const CODE: &str = "J001-2019-Y-BGS-0001";

#[test]
fn an_edit_from_an_old_version_is_refused_with_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a");
    let mut first = dangan::archive::demo::build(&path, 50, 7).unwrap();
    let mut second = Archive::open(&path).unwrap();
    let a = first.login("archivist", "demo-archivist-2019").unwrap();
    let b = second.login("admin", "demo-admin-2019").unwrap();
    let code = first.list(&a, &Default::default(), 1, 0).unwrap().0[0]
        .code
        .clone();
    let start = first.record(&a, &code).unwrap();

    let title_a = "《关于“国际档案日”的通知》—第１号";
    first
        .edit_record(
            &a,
            &code,
            &[(Field::Title, title_a.into())],
            Some(start.version),
        )
        .unwrap();
    let audit_before = first.audit_log(&b, &Default::default(), 10_000).unwrap();

    let title_b = "２０１９年度工作总结（修订）…";
    let refused = second
        .edit_record(
            &b,
            &code,
            &[
                (Field::Title, title_b.into()),
                (Field::Notes, "另附说明".into()),
            ],
            Some(start.version),
        )
        .unwrap_err();
    let Error::Conflict(conflict) = &refused else {
        panic!("expected a conflict, got {refused}");
    };
    assert_eq!(conflict.base, start.version);
    assert_eq!(conflict.current, start.version + 1);
    assert_eq!(conflict.by, "archivist");
    assert_eq!(
        conflict.fields,
        [
            (Field::Title, title_b.to_string(), title_a.to_string()),
            (
                Field::Notes,
                "另附说明".to_string(),
                start.data.notes.clone()
            ),
        ]
    );
    let message = refused.to_string();
    assert!(
        message.contains(title_a) && message.contains(title_b),
        "{message}"
    );

    // Nothing of the refused edit landed, not even an audit entry.
    let now = second.record(&b, &code).unwrap();
    assert_eq!(now.data.title, title_a);
    assert_eq!(now.version, start.version + 1);
    let audit_after = second.audit_log(&b, &Default::default(), 10_000).unwrap();
    assert_eq!(audit_after.len(), audit_before.len());

    // From the version now stored, the same edit goes through.
    second
        .edit_record(
            &b,
            &code,
            &[(Field::Title, title_b.into())],
            Some(now.version),
        )
        .unwrap();
    assert_eq!(second.record(&b, &code).unwrap().data.title, title_b);
}

#[test]
fn the_command_line_refuses_a_stale_if_version_and_shows_both_values() {
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&[
        "add",
        "--code",
        CODE,
        "--title",
        "《会议纪要》",
        "--responsible",
        "办公室",
    ]);
    sandbox.ok(&[
        "edit",
        CODE,
        "--title",
        "《会议纪要》（第二稿）",
        "--if-version",
        "1",
    ]);
    let stale = sandbox.run(&[
        "edit",
        CODE,
        "--title",
        "《会议纪要》—定稿",
        "--if-version",
        "1",
    ]);
    assert_eq!(stale.code, 75, "{}", stale.stderr);
    assert!(
        stale.stderr.contains("while you edited version 1"),
        "{}",
        stale.stderr
    );
    assert!(
        stale.stderr.contains("《会议纪要》—定稿"),
        "{}",
        stale.stderr
    );
    assert!(
        stale.stderr.contains("《会议纪要》（第二稿）"),
        "{}",
        stale.stderr
    );
    let shown = sandbox.ok(&["show", CODE]);
    assert!(
        shown.contains("（第二稿）") && !shown.contains("定稿"),
        "{shown}"
    );
}

#[test]
fn the_workstation_keeps_the_form_and_shows_theirs_beside_the_field() {
    let mut desk = Desk::demo(Lang::Zh, 100, 40);
    desk.login("archivist");
    desk.keys("/会议<Enter>");
    let Some(code) = desk.screen().lines().find_map(|line| {
        line.split_whitespace()
            .find(|word| word.starts_with("J0") && word.matches('-').count() == 4)
            .map(str::to_string)
    }) else {
        panic!("no record opened:\n{}", desk.screen());
    };
    desk.keys("e");

    // Meanwhile, another session saves a new title.
    let mut other = Archive::open(&desk.dir.path().join("demo")).unwrap();
    let admin = other.login("admin", "demo-admin-2019").unwrap();
    let theirs = "《会议纪要》（他人修改）";
    other
        .edit_record(
            &admin,
            &code.parse().unwrap(),
            &[(Field::Title, theirs.into())],
            None,
        )
        .unwrap();

    desk.keys("<C-u>《会议纪要》（本人修改）<C-s>");
    let screen = desk.screen();
    assert!(screen.contains("未保存"), "{screen}");
    assert!(
        screen.contains(&format!("对方已存为：{theirs}")),
        "{screen}"
    );
    assert!(
        screen.contains("（本人修改）"),
        "the form keeps mine:\n{screen}"
    );
    let record = other.record(&admin, &code.parse().unwrap()).unwrap();
    assert_eq!(record.data.title, theirs);

    // Having seen theirs, a second Ctrl-S saves mine over it.
    desk.keys("<C-s>");
    let record = other.record(&admin, &code.parse().unwrap()).unwrap();
    assert_eq!(record.data.title, "《会议纪要》（本人修改）");
    assert!(desk.screen().contains("版本 3"), "{}", desk.screen());
}

#[test]
fn a_form_left_by_a_dropped_link_is_offered_at_the_next_log_in() {
    use dangan::tui::app::App;
    use dangan::tui::keymap::Keymap;
    use dangan::tui::theme::Theme;

    let mut desk = Desk::demo(Lang::Zh, 100, 40);
    let archive_dir = desk.dir.path().join("demo");
    desk.login("archivist");
    desk.keys("<Down><Down><Enter>n");
    desk.keys("2019<Tab><Tab>BGS<Tab><Tab>《断线前录入的文件》——第１号…<Tab>市档案馆");
    // What the SIGHUP handler does before the program ends.
    dangan::tui::keep_draft(&archive_dir, &desk.app);
    let drafts = std::fs::read_dir(archive_dir.join("drafts"))
        .unwrap()
        .count();
    assert_eq!(drafts, 1);

    // A new workstation, the same user: the form is back, with what was typed.
    desk.app = App::new(Lang::Zh, Theme::mono(), Keymap::default(), 100, 40);
    desk.login("archivist");
    let screen = desk.screen();
    assert!(screen.contains("已恢复断线时未保存的表单"), "{screen}");
    assert!(screen.contains("《断线前录入的文件》——第１号…"), "{screen}");
    desk.keys("<C-s>");
    let screen = desk.screen();
    assert!(screen.contains("已保存"), "{screen}");
    assert!(screen.contains("《断线前录入的文件》"), "{screen}");
    assert_eq!(
        std::fs::read_dir(archive_dir.join("drafts"))
            .unwrap()
            .count(),
        0,
        "a restored draft is not offered twice"
    );
}
