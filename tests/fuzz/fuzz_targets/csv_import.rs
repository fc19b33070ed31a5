#![no_main]
//! Any bytes as a CSV file to import (rehearsed, so nothing is written): a report or an error
//! with its line, never a panic, never a record.

use std::sync::{Mutex, OnceLock};

use dangan::archive::import::ImportOptions;
use dangan::archive::{Archive, Session};

struct Fixture {
    dir: tempfile::TempDir,
    /// Logged in once: an argon2 log-in per input would make the fuzzer crawl.
    archive: Mutex<(Archive, Session)>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut archive = dangan::archive::demo::build(&dir.path().join("a"), 0, 1).expect("archive");
        let session = archive.login("admin", "demo-admin-2019").expect("log in");
        Fixture {
            dir,
            archive: Mutex::new((archive, session)),
        }
    })
}

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let fixture = fixture();
    let path = fixture.dir.path().join("input.csv");
    std::fs::write(&path, bytes).expect("write input");
    let mut guard = fixture.archive.lock().expect("archive");
    let (archive, session) = &mut *guard;
    let options = ImportOptions {
        dry_run: true,
        ..Default::default()
    };
    if let Err(dangan::error::Error::Import(failure)) = archive.import_records(session, &path, &options) {
        // Every refusal names a line of the file (1 for the header).
        let breaks = |byte: u8| bytes.iter().filter(|&&b| b == byte).count() as u64;
        let lines = breaks(b'\n') + breaks(b'\r') + 1;
        for error in &failure.errors {
            assert!((1..=lines).contains(&error.line), "line {} of {lines}", error.line);
        }
    }
    let (_, total) = archive.list(session, &Default::default(), 1, 0).expect("list");
    assert_eq!(total, 0);
});
