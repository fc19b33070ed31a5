//! `dangan check` while other sessions add records and search: the index is compared with the
//! store at one moment, so what the others write meanwhile is never reported as a disagreement.
//!
//! The writers are this test binary run again as child processes (`DANGAN_WRITE_CHILD` set).

use std::path::Path;
use std::process::{Command, Stdio};

use dangan::archive::Archive;
use dangan::archive::records::NewCode;
use dangan::domain::{CodeGroup, RecordData, Retention};

const CHILD: &str = "DANGAN_WRITE_CHILD";
const ADDS: usize = 120;

/// Adds records one by one and searches now and then, so the index moves too.
fn child(spec: &str) {
    let (me, dir) = spec.split_once(':').unwrap();
    let mut archive = Archive::open(Path::new(dir)).unwrap();
    let session = archive.login("archivist", "demo-archivist-2019").unwrap();
    let group = CodeGroup {
        fonds: "J001".into(),
        category: String::new(),
        year: 2026,
        retention: Retention::TenYears,
        dept: format!("W{me}"),
        volume: None,
    };
    for n in 0..ADDS {
        let data = RecordData {
            title: format!("《检查期间写入的文件》第{n}号——写入者{me}"),
            ..RecordData::default()
        };
        archive
            .add_record(&session, NewCode::Next(group.clone()), &data)
            .unwrap();
        if n % 10 == 0 {
            archive.search(&session, "检查期间", 5).unwrap();
        }
    }
}

#[test]
fn check_reports_no_disagreement_while_others_write() {
    if let Ok(spec) = std::env::var(CHILD) {
        child(&spec);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let archive_dir = dir.path().join("demo");
    drop(dangan::archive::demo::build(&archive_dir, 2000, 2019).unwrap());
    let dangan = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_dangan"))
            .arg("--archive")
            .arg(&archive_dir)
            .args(args)
            .env("DANGAN_USER", "archivist")
            .env("DANGAN_PASSWORD", "demo-archivist-2019")
            .env("DANGAN_SYSLOG", "off")
            .env("LANG", "C")
            .output()
            .unwrap()
    };
    assert!(dangan(&["reindex"]).status.success());
    let listed: serde_json::Value =
        serde_json::from_slice(&dangan(&["list", "--json"]).stdout).unwrap();
    let before = listed["total"].as_u64().unwrap();

    let me = std::env::current_exe().unwrap();
    let mut writers: Vec<_> = (0..3)
        .map(|n| {
            Command::new(&me)
                .args([
                    "--exact",
                    "check_reports_no_disagreement_while_others_write",
                ])
                .env(CHILD, format!("{n}:{}", archive_dir.display()))
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut checks = 0;
    loop {
        let run = dangan(&["check"]);
        let out = String::from_utf8_lossy(&run.stdout).into_owned();
        assert!(
            run.status.success(),
            "check {checks} found a problem:\n{out}"
        );
        assert!(out.contains("records indexed"), "{out}");
        checks += 1;
        let running = writers.iter_mut().any(|w| w.try_wait().unwrap().is_none());
        if !running && checks >= 3 {
            break;
        }
    }
    for mut writer in writers {
        assert!(writer.wait().unwrap().success());
    }
    let last = dangan(&["check"]);
    let out = String::from_utf8_lossy(&last.stdout);
    assert!(last.status.success(), "{out}");
    assert!(
        out.contains(&format!(
            "{0} of {0} records indexed",
            before + 3 * ADDS as u64
        )),
        "{out}"
    );
}
