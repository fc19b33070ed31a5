//! The audit screen: an auditor reads the latest entries of the trail, newest first, and opens
//! the record an entry names; a reader is refused; an auditor cleared below a record never sees
//! an entry about it.

mod common;

use common::desk::Desk;
use dangan::domain::{Classification, Field, RecordQuery, Role};
use dangan::i18n::Lang;
use dangan::tui::app::Screen;

fn seqs(desk: &Desk) -> Vec<i64> {
    let Screen::Audit(view) = desk.app.screen() else {
        panic!("not the audit screen:\n{}", desk.screen());
    };
    view.entries.iter().map(|e| e.seq).collect()
}

#[test]
fn an_auditor_reads_the_latest_entries_first_and_opens_a_record_from_one() {
    let mut desk = Desk::demo(Lang::Zh, 100, 30);
    desk.login("auditor");
    desk.keys("a");
    let shown = seqs(&desk);
    assert!(shown.len() > 10, "{}", desk.screen());
    assert!(shown.windows(2).all(|w| w[0] > w[1]), "newest first");
    let screen = desk.screen();
    assert!(
        screen.contains("审计记录") && screen.contains("操作"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("#{}", shown[0])),
        "the entry whole below: {screen}"
    );
    // Down to an entry about a record, and Enter opens it.
    let Screen::Audit(view) = desk.app.screen() else {
        panic!();
    };
    let at = view
        .entries
        .iter()
        .position(|e| e.object.starts_with('J') && e.object.len() > 15)
        .expect("an entry naming a record");
    let code = view.entries[at].object.clone();
    for _ in 0..at {
        desk.keys("<Down>");
    }
    desk.keys("<Enter>");
    let Screen::Record(record) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    assert_eq!(
        record.record.as_ref().expect("loaded").code.to_string(),
        code
    );
}

#[test]
fn a_reader_is_refused_the_audit_screen_and_not_offered_it() {
    let mut auditor = Desk::demo(Lang::Zh, 160, 30);
    auditor.login("auditor");
    assert!(
        auditor.screen().contains("a 审计记录"),
        "{}",
        auditor.screen()
    );
    let mut desk = Desk::demo(Lang::Zh, 160, 30);
    desk.login("reader");
    assert!(!desk.screen().contains("审计记录"), "{}", desk.screen());
    desk.keys("a");
    assert!(matches!(desk.app.screen(), Screen::Fonds(_)));
    assert!(
        desk.screen().contains("不能查阅审计记录"),
        "{}",
        desk.screen()
    );
}

#[test]
fn an_auditor_cleared_below_a_record_never_sees_its_entries() {
    let mut desk = Desk::demo(Lang::Zh, 100, 30);
    let mut other = dangan::Archive::open(&desk.dir.path().join("demo")).expect("open");
    let admin = other.login("admin", "demo-admin-2019").expect("login");
    other
        .add_user(
            &admin,
            "low",
            "低密级审计员",
            "demo-low-2019",
            Role::Auditor,
            Classification::Public,
        )
        .expect("user");
    let (records, _) = other
        .list(&admin, &RecordQuery::default(), 400, 0)
        .expect("list");
    let secret = records
        .iter()
        .find(|r| r.data.classification == Classification::Confidential)
        .expect("a 机密 record in the demo")
        .code
        .clone();
    let title = "《绝密工程》——审计员不该看到的题名";
    other
        .edit_record(&admin, &secret, &[(Field::Title, title.into())], None)
        .expect("edit");
    desk.login("low");
    desk.keys("a");
    let Screen::Audit(view) = desk.app.screen() else {
        panic!("{}", desk.screen());
    };
    assert!(!view.entries.is_empty());
    assert!(
        view.entries
            .iter()
            .all(|e| e.object != secret.to_string() && !e.detail.contains("绝密工程")),
        "{}",
        desk.screen()
    );
    assert!(!desk.screen().contains(&secret.to_string()));
}
