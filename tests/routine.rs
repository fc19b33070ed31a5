//! The safekeeping routine on a fake clock: a backup when one is due and not before, old backups
//! pruned past the number kept, a rotating share of the objects re-hashed; and each alarm raised
//! by its own cause, counted while it lasts, and cleared only by a person's acknowledgement.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, TimeZone, Utc};
use dangan::archive::records::NewCode;
use dangan::archive::safekeeping::AlarmKind;
use dangan::domain::{Classification, CodeGroup, CodeScheme, RecordData, Role};
use dangan::i18n::Lang;
use dangan::{Archive, Error, Session};

const PASSWORD: &str = "保管-口令-2026";

struct Fixture {
    dir: tempfile::TempDir,
    archive: Archive,
    admin: Session,
    clock: Arc<Mutex<DateTime<Utc>>>,
}

impl Fixture {
    fn at(&self, later: Duration) {
        *self.clock.lock().unwrap() += later;
    }

    fn set(&mut self, key: &str, value: &str) {
        self.archive.set_setting(&self.admin, key, value).unwrap();
    }

    fn open_alarms(&self) -> Vec<(AlarmKind, u64)> {
        let alarms = self.archive.alarms(false).unwrap();
        alarms.iter().map(|a| (a.kind, a.times)).collect()
    }
}

/// An archive of three records, each with a file, and a policy that raises no alarm by itself.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::init(&dir.path().join("市档案馆")).unwrap();
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 2, 30, 0).unwrap();
    let clock = Arc::new(Mutex::new(start));
    let shared = clock.clone();
    archive.set_clock(move || *shared.lock().unwrap());
    let admin = archive
        .create_first_admin("admin", "张馆长", PASSWORD)
        .unwrap();
    archive
        .add_fonds(&admin, "J001", "某市人民政府", CodeScheme::Plain)
        .unwrap();
    for n in 1..=3 {
        let data = RecordData {
            title: format!("关于“第{n}号”文件——《档案工作规范》…（１）"),
            responsible: "市档案馆".into(),
            date: "2019-03-12".parse().ok(),
            ..RecordData::default()
        };
        let group = CodeGroup::new("J001", "2019", "D30", "BGS").unwrap();
        let code = archive
            .add_record(&admin, NewCode::Next(group), &data)
            .unwrap()
            .code;
        let file = dir.path().join(format!("正文{n}.txt"));
        std::fs::write(&file, format!("第{n}号正文 Scan")).unwrap();
        archive.attach(&admin, &code, &[file], None).unwrap();
    }
    let mut fixture = Fixture {
        dir,
        archive,
        admin,
        clock,
    };
    fixture.set("safekeeping.min_free_mb", "0");
    fixture
}

fn backups_on_disk(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("MANIFEST.sha256").is_file())
        .collect();
    found.sort();
    found
}

fn said(report: &[dangan::i18n::Msg]) -> String {
    report
        .iter()
        .map(|m| m.text(Lang::En))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_routine_backs_up_when_due_prunes_past_the_kept_and_rehashes_a_share() {
    let mut f = fixture();
    let to = f.dir.path().join("备份");
    std::fs::create_dir(&to).unwrap();
    f.set("safekeeping.backup_to", to.to_str().unwrap());
    f.set("safekeeping.keep", "2");
    f.set("safekeeping.fixity_days", "4");
    f.set("safekeeping.medium", "NAS 机房二");

    let first = f.archive.routine().unwrap();
    let done = said(&first.done);
    assert!(first.failed.is_empty(), "{:?}", said(&first.failed));
    assert!(done.contains("backed up to"), "{done}");
    assert!(done.contains("re-hashed 3 of 3"), "{done}");
    assert!(done.contains("checked sound"), "{done}");
    assert_eq!(backups_on_disk(&to).len(), 1);

    // Two hours on: nothing is due but the share of a twelfth of a day.
    f.at(Duration::hours(2));
    let again = f.archive.routine().unwrap();
    let done = said(&again.done);
    assert!(!done.contains("backed up"), "{done}");
    assert!(!done.contains("checked sound"), "not a week yet: {done}");
    assert!(done.contains("re-hashed 1 of 3"), "{done}");
    assert_eq!(backups_on_disk(&to).len(), 1);

    for _ in 0..3 {
        f.at(Duration::days(1));
        let day = f.archive.routine().unwrap();
        assert!(said(&day.done).contains("backed up to"));
        assert!(day.failed.is_empty(), "{:?}", said(&day.failed));
    }
    // Four made, two kept; the register keeps all four and says which were removed.
    let on_disk = backups_on_disk(&to);
    assert_eq!(on_disk.len(), 2, "{on_disk:?}");
    let register = f.archive.backup_register().unwrap();
    assert_eq!(register.len(), 4);
    let pruned: Vec<bool> = register.iter().map(|e| e.pruned_at().is_some()).collect();
    assert_eq!(pruned, [false, false, true, true]);
    assert!(
        register
            .iter()
            .all(|e| e.medium() == "NAS 机房二" && e.ok())
    );
    for kept in &register[..2] {
        assert!(on_disk.contains(&PathBuf::from(kept.location())));
    }
    assert!(f.open_alarms().is_empty(), "{:?}", f.open_alarms());

    // Routine over: every object was re-hashed within the four days.
    f.at(Duration::days(8));
    let late = f.archive.routine().unwrap();
    assert!(said(&late.done).contains("re-hashed 3 of 3"));
    assert!(said(&late.done).contains("checked sound"));
}

fn stored_object(dir: &Path) -> PathBuf {
    let objects = dir.join("objects");
    let prefixes = std::fs::read_dir(&objects).unwrap().flatten();
    let first = prefixes
        .filter(|prefix| prefix.path().is_dir())
        .find_map(|prefix| std::fs::read_dir(prefix.path()).unwrap().flatten().next());
    first.expect("an object stored").path()
}

#[test]
fn each_alarm_is_raised_by_its_cause_and_kept_until_acknowledged() {
    let mut f = fixture();
    // No backup ever, and the disk always too small.
    f.set("safekeeping.min_free_mb", "999999999");
    let mut report = Default::default();
    f.archive.watch(&mut report).unwrap();
    f.archive.watch(&mut report).unwrap();
    assert_eq!(
        f.open_alarms(),
        [(AlarmKind::DiskLow, 2), (AlarmKind::BackupMissing, 2)]
    );
    let disk = &f.archive.alarms(false).unwrap()[0];
    assert!(disk.detail(Lang::Zh).contains("低于策略的 999999999 MiB"));

    // A backup place that is a file: the backup fails, is registered, and raises its alarm.
    let not_a_dir = f.dir.path().join("不是目录");
    std::fs::write(&not_a_dir, "x").unwrap();
    f.set("safekeeping.backup_to", not_a_dir.to_str().unwrap());
    // An object altered on disk.
    let object = stored_object(f.archive.dir());
    std::fs::write(&object, "被改动的内容").unwrap();
    // Failed log-ins past the threshold.
    f.set("safekeeping.failed_logins", "3");
    for _ in 0..3 {
        assert!(f.archive.login("nobody", "猜的口令").is_err());
    }
    let report = f.archive.routine().unwrap();
    let failed = said(&report.failed);
    assert!(failed.contains("the backup to"), "{failed}");
    assert!(
        failed.contains("differ from their recorded SHA-256"),
        "{failed}"
    );
    let register = f.archive.backup_register().unwrap();
    assert!(!register[0].ok() && !register[0].detail(Lang::Zh).is_empty());
    let kinds: Vec<AlarmKind> = f.open_alarms().into_iter().map(|(k, _)| k).collect();
    for kind in [
        AlarmKind::DiskLow,
        AlarmKind::BackupMissing,
        AlarmKind::BackupFailed,
        AlarmKind::Fixity,
        AlarmKind::CheckFailed,
        AlarmKind::FailedLogins,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} not raised: {kinds:?}");
    }
    assert!(!kinds.contains(&AlarmKind::AuditChain));

    // The audit chain altered behind the archive's back.
    let db = rusqlite::Connection::open(f.archive.dir().join("dangan.db")).unwrap();
    db.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET detail = '{}' WHERE seq = 2;")
        .unwrap();
    drop(db);
    let mut report = Default::default();
    f.archive.watch(&mut report).unwrap();
    assert!(
        f.open_alarms()
            .iter()
            .any(|(k, _)| *k == AlarmKind::AuditChain)
    );

    // Only an admin acknowledges; each acknowledgement is kept with who and what was done.
    f.archive
        .add_user(
            &f.admin,
            "reader",
            "",
            PASSWORD,
            Role::Reader,
            Classification::Public,
        )
        .unwrap();
    let reader = f.archive.login("reader", PASSWORD).unwrap();
    let first = f.archive.alarms(false).unwrap()[0].id;
    assert!(matches!(
        f.archive.acknowledge_alarm(&reader, first, ""),
        Err(Error::Refused(_))
    ));
    for alarm in f.archive.alarms(false).unwrap() {
        f.archive
            .acknowledge_alarm(&f.admin, alarm.id, "已更换磁盘，重新备份")
            .unwrap();
    }
    assert!(f.open_alarms().is_empty());
    assert!(matches!(
        f.archive.acknowledge_alarm(&f.admin, first, "again"),
        Err(Error::NotFound(_))
    ));
    let all = f.archive.alarms(true).unwrap();
    assert!(
        all.iter()
            .all(|a| a.acknowledged.as_ref().is_some_and(|(_, by)| by == "admin"))
    );
    // The cause still there: raised again, a new alarm.
    let mut report = Default::default();
    f.archive.watch(&mut report).unwrap();
    assert!(f.open_alarms().contains(&(AlarmKind::DiskLow, 1)));
}

#[test]
fn pruning_removes_only_what_the_routine_wrote_and_never_counts_a_backup_gone() {
    let mut f = fixture();
    let to = f.dir.path().join("备份");
    std::fs::create_dir(&to).unwrap();
    f.set("safekeeping.backup_to", to.to_str().unwrap());
    f.set("safekeeping.keep", "1");
    f.archive.routine().unwrap();
    let first = backups_on_disk(&to).remove(0);
    // Someone keeps a file of their own in it; a backup made by hand sits beside it.
    std::fs::write(first.join("珍贵的说明.doc"), "不是备份的一部分").unwrap();
    let by_hand = to.join("手工备份");
    let options = dangan::archive::backup::BackupOptions::default();
    f.archive.backup(&by_hand, "张馆长", &options).unwrap();

    f.at(Duration::days(1));
    let report = f.archive.routine().unwrap();
    assert!(said(&report.done).contains("removed the old backup"));
    // The routine's files went; the stranger's file and the directory holding it stayed.
    let left: Vec<String> = std::fs::read_dir(&first)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["珍贵的说明.doc"]);
    assert!(
        by_hand.join("MANIFEST.sha256").is_file(),
        "made by hand, kept"
    );

    // The newest routine backup taken away (a medium rotated out): it is no backup any more,
    // so nothing older is pruned for it, and a new one is due.
    let newest = f.archive.last_good_backup().unwrap().unwrap();
    std::fs::remove_dir_all(newest.location()).unwrap();
    f.at(Duration::hours(1));
    let report = f.archive.routine().unwrap();
    let done = said(&report.done);
    assert!(done.contains("backed up to"), "{done}");
    assert!(!done.contains("removed"), "{done}");
    assert!(by_hand.join("MANIFEST.sha256").is_file());
}
