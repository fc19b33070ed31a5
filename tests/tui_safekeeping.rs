//! Safekeeping at the desk: an admin is told at log-in that alarms wait, `v` shows the policy,
//! the last backup and drill and the alarms, and `a` acknowledges the selected one with a note;
//! anyone else is refused. At 80×24, in Chinese and English.

mod common;

use common::desk::{Desk, now};
use dangan::archive::Archive;
use dangan::archive::safekeeping::AlarmKind;
use dangan::i18n::Lang;

/// A demo desk whose archive has two alarms waiting: no backup ever, and failed log-ins.
fn alarmed(lang: Lang) -> Desk {
    let desk = Desk::demo(lang, 80, 24);
    let mut archive = Archive::open(&desk.dir.path().join("demo")).unwrap();
    archive.set_clock(now);
    let admin = archive.login("admin", "demo-admin-2019").unwrap();
    archive
        .set_setting(&admin, "safekeeping.min_free_mb", "0")
        .unwrap();
    archive
        .set_setting(&admin, "safekeeping.failed_logins", "3")
        .unwrap();
    for _ in 0..3 {
        assert!(archive.login("陌生人", "猜的口令").is_err());
    }
    archive.watch(&mut Default::default()).unwrap();
    desk
}

#[test]
fn an_admin_is_told_at_log_in_and_acknowledges_an_alarm_at_the_desk() {
    for lang in [Lang::Zh, Lang::En] {
        let mut desk = alarmed(lang);
        desk.login("admin");
        let told = desk.screen();
        let waiting = match lang {
            Lang::Zh => "有 2 个告警待确认",
            Lang::En => "alarms waiting: 2",
        };
        assert!(told.contains(waiting), "{told}");
        desk.keys("v");
        let screen = desk.screen();
        insta::assert_snapshot!(format!("safekeeping_{lang:?}_80x24").to_lowercase(), screen);
        // The second alarm (failed log-ins), acknowledged with a note.
        desk.keys("ja已核实：同事输错口令");
        let asked = desk.screen();
        let label = match lang {
            Lang::Zh => "处理说明",
            Lang::En => "what was done",
        };
        assert!(asked.contains(label), "{asked}");
        desk.keys("<Enter>");
        let after = desk.screen();
        let gone = match lang {
            Lang::Zh => "24 小时内",
            Lang::En => "within 24 hours",
        };
        assert!(!after.contains(gone), "{after}");
        let archive = Archive::open(&desk.dir.path().join("demo")).unwrap();
        let all = archive.alarms(true).unwrap();
        let done: Vec<(AlarmKind, bool)> = all
            .iter()
            .map(|a| (a.kind, a.acknowledged.is_some()))
            .collect();
        assert_eq!(
            done,
            [
                (AlarmKind::BackupMissing, false),
                (AlarmKind::FailedLogins, true)
            ]
        );
        assert_eq!(all[1].acknowledged.as_ref().unwrap().1, "admin");
    }
}

#[test]
fn only_an_admin_sees_the_safekeeping_screen() {
    let mut desk = alarmed(Lang::Zh);
    desk.login("archivist");
    let screen = desk.screen();
    assert!(!screen.contains("告警待确认"), "{screen}");
    desk.keys("v");
    let screen = desk.screen();
    assert!(!screen.contains("还没有成功的备份"), "{screen}");
    assert!(screen.contains("archivist"), "refused, by name: {screen}");
}
