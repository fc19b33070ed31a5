//! Hostile input: every malformed or malicious file is a clear error naming where it is wrong,
//! the process does not panic, and nothing is imported. Plus property tests of the parsers that
//! face typed or imported text (the fuzz targets in tests/fuzz run the same entry points longer).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::Sandbox;
use dangan::archive::Archive;
use dangan::archive::import::ImportOptions;
use dangan::domain::{ArchivalCode, RecordDate};
use dangan::error::Error;
use proptest::prelude::*;

/// Each file of `tests/fixtures/hostile/`, what `import records` must say of it, and what
/// `reconcile import` must say of it as a paper register (None: spreadsheets only, or accepted —
/// a register may have short rows, since a clerk leaves the last cells of a line empty).
const CORPUS: &[(&str, &str, Option<&str>)] = &[
    (
        "bidi.csv",
        "bidi.csv:2: 题名: contains the bidirectional control U+202E",
        Some("bidi.csv:2: 题名: contains the bidirectional control U+202E"),
    ),
    (
        "bom-only.csv",
        "bom-only.csv:1: header: the file is empty",
        Some("bom-only.csv:1: header: no title column"),
    ),
    ("deep.jsonl", "deep.jsonl:1: -: not a JSON object", None),
    (
        "duplicate-header.csv",
        "duplicate-header.csv:1: header: columns \"题名\" and \"题名\"",
        Some("duplicate-header.csv:1: header: columns \"题名\" and \"题名\""),
    ),
    (
        "empty.csv",
        "empty.csv:1: header: the file is empty",
        Some("empty.csv:1: header: no title column"),
    ),
    (
        "escape.csv",
        "escape.csv:2: 题名: contains the control character U+001B",
        Some("escape.csv:2: 题名: contains the control character U+001B"),
    ),
    (
        "huge-field.csv",
        "huge-field.csv:2: 题名: is longer than 2000 characters",
        Some("huge-field.csv:2: 题名: is longer than 2000 characters"),
    ),
    (
        "invalid-gb18030.csv",
        "invalid-gb18030.csv:2: 题名: contains undecodable bytes",
        Some("invalid-gb18030.csv:2: 题名: contains undecodable bytes"),
    ),
    (
        "invalid-utf8.csv",
        "invalid-utf8.csv:2: 题名: contains undecodable bytes",
        Some("invalid-utf8.csv:2: 题名: contains undecodable bytes"),
    ),
    (
        "not-object.jsonl",
        "not-object.jsonl:1: -: not a JSON object",
        None,
    ),
    (
        "nul.csv",
        "nul.csv:2: 题名: contains the control character U+0000",
        Some("nul.csv:2: 题名: contains the control character U+0000"),
    ),
    (
        "ragged.csv",
        "ragged.csv:3: -: has 2 fields but the header has 4",
        None,
    ),
    (
        "unterminated-quote.csv",
        "unterminated-quote.csv:3: -: has 2 fields but the header has 4: a quote (\") opened on this line runs on to line 4",
        Some("unterminated-quote.csv:3: -: a quote (\") opened on this line runs on to line 4"),
    ),
    (
        "utf16-odd.csv",
        "utf16-odd.csv:2: -: has 1 field but the header has 4",
        Some("utf16-odd.csv:2: 档号: contains undecodable bytes"),
    ),
    (
        "wide-header.csv",
        "wide-header.csv:1: header: no title column",
        Some("wide-header.csv:1: header: no title column"),
    ),
    (
        "wide.csv",
        "wide.csv:2: -: has 10000 fields but the header has 4",
        Some("wide.csv:2: -: has 10000 fields but the header has 4"),
    ),
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn encoding_for(name: &str) -> &'static [&'static str] {
    // Declared, since a GB18030 file with a bad byte could be sniffed as something else.
    if name == "invalid-gb18030.csv" {
        &["--encoding", "gb18030"]
    } else {
        &[]
    }
}

/// Runs `args` + the file and checks the refusal is clear, in place, and raw bytes stay out.
fn assert_refused(sandbox: &Sandbox, args: &[&str], name: &str, expected: &str) {
    let path = corpus_dir().join(name);
    let mut all = args.to_vec();
    all.push(path.to_str().unwrap());
    all.extend(encoding_for(name));
    let run = sandbox.run(&all);
    let what = format!("{} {name}", args.join(" "));
    assert_eq!(
        run.code, 65,
        "{what}: exit {}\n{}{}",
        run.code, run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{what}: {}", run.stderr);
    assert!(
        run.stderr.contains(expected),
        "{what}: expected {expected:?} in\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nothing was imported"),
        "{what}: {}",
        run.stderr
    );
    // Raw control bytes from the file never reach the terminal.
    assert!(!run.stderr.contains('\x1b'), "{what}: escape echoed");
    assert!(
        !run.stderr.contains('\u{202E}'),
        "{what}: bidi control echoed"
    );
    assert!(
        run.stderr.len() < 20_000,
        "{what}: {} bytes of message",
        run.stderr.len()
    );
}

#[test]
fn the_corpus_is_all_accounted_for() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = CORPUS.iter().map(|(n, ..)| n.to_string()).collect();
    assert_eq!(
        on_disk, listed,
        "a hostile file without an expected message"
    );
}

#[test]
fn every_hostile_file_is_a_clear_error_and_imports_nothing() {
    let sandbox = Sandbox::with_archive();
    for (name, expected, _) in CORPUS {
        assert_refused(&sandbox, &["import", "records"], name, expected);
    }
    let listed = sandbox.ok(&["list"]);
    assert!(listed.contains("0 records"), "{listed}");
    let check = sandbox.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn a_hostile_register_is_refused_with_its_line_and_column() {
    let sandbox = Sandbox::with_archive();
    for (name, _, register) in CORPUS {
        let Some(expected) = register else { continue };
        let args = ["reconcile", "import", "--scope", "J001/2019"];
        assert_refused(&sandbox, &args, name, expected);
    }
    let status = sandbox.ok(&["reconcile", "status"]);
    assert!(
        status.contains("no registers yet"),
        "a register was stored:\n{status}"
    );
}

/// A cell of a generated import file: fine, or wrong in a way that must be reported.
#[derive(Debug, Clone)]
enum Cell {
    Good(String),
    Bad(String, &'static str),
}

impl Cell {
    fn text(&self) -> &str {
        match self {
            Cell::Good(t) | Cell::Bad(t, _) => t,
        }
    }
}

fn title() -> impl Strategy<Value = Cell> {
    let fixed = prop::sample::select(vec![
        "关于印发《档案管理办法》的通知",
        "“十四五”规划纲要（征求意见稿）——第１稿",
        "会议纪要，2019年第３期…",
        "GB/T 18894—2016《电子文件归档与电子档案管理规范》",
        "市政府办公室、市档案局联合发文",
        "\"引号\" 与, 逗号的题名",
    ])
    .prop_map(|t| Cell::Good(t.to_string()));
    let typed = "[\u{4e00}-\u{9fa5}《》“”—…、，０-９A-Za-z \",]{0,30}"
        .prop_map(|t| Cell::Good(format!("档{t}")));
    let bad = prop::sample::select(vec![
        ("题名\0带空字符".to_string(), "U+0000"),
        ("《标题》\x1b[2J\x1b]0;pwned\x07".to_string(), "U+001B"),
        ("《合同》\u{202E}fdp.exe".to_string(), "U+202E"),
        ("\u{2067}隔离\u{2069}".to_string(), "U+2067"),
        ("坏\u{FFFD}字".to_string(), "undecodable"),
        ("  ".to_string(), "needs a title"),
        ("档".repeat(2001), "longer than 2000"),
    ])
    .prop_map(|(t, why)| Cell::Bad(t, why));
    prop_oneof![4 => fixed, 4 => typed, 1 => bad]
}

fn date() -> impl Strategy<Value = Cell> {
    let good = prop::sample::select(vec![
        "20190312",
        "2019-3-12",
        "2019年3月12日",
        "２０１９年３月１２日",
        "二〇一九年三月十二日",
        "2019年3月",
        "[2019年3月]",
        "",
    ])
    .prop_map(|d| Cell::Good(d.to_string()));
    let bad = prop::sample::select(vec![
        ("20190229", "no day 29"),
        ("2019年13月", "no month 13"),
        ("2019-02-30", "no day 30"),
    ])
    .prop_map(|(d, why)| Cell::Bad(d.to_string(), why));
    prop_oneof![8 => good, 1 => bad]
}

fn csv_file(rows: &[(Cell, Cell)]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["档号", "题名", "责任者", "日期"])
        .unwrap();
    for (n, (title, date)) in rows.iter().enumerate() {
        let code = format!("J001-2019-Y-BGS-{:04}", n + 1);
        let record = [code.as_str(), title.text(), "市档案馆", date.text()];
        writer.write_record(record).unwrap();
    }
    writer.into_inner().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_date_text_is_refused_or_reads_back_as_itself(text in "\\PC{0,24}") {
        if let Ok(date) = text.parse::<RecordDate>() {
            prop_assert_eq!(date.to_string().parse::<RecordDate>().ok(), Some(date), "{:?}", text);
        }
    }

    #[test]
    fn a_date_reads_the_same_in_every_written_form(y in 1000u16..2999, m in 1u8..=12, d in 1u8..=28) {
        let forms = [
            format!("{y}{m:02}{d:02}"),
            format!("{y}-{m:02}-{d:02}"),
            format!("{y}年{m}月{d}日"),
        ];
        let parsed: Vec<_> = forms.iter().map(|f| f.parse::<RecordDate>().ok()).collect();
        prop_assert!(parsed[0].is_some(), "{}", forms[0]);
        prop_assert!(parsed.iter().all(|p| *p == parsed[0]), "{forms:?}");
    }

    #[test]
    fn any_code_text_is_refused_or_reads_back_as_itself(text in "\\PC{0,40}") {
        if let Ok(code) = text.parse::<ArchivalCode>() {
            prop_assert_eq!(code.to_string().parse::<ArchivalCode>().ok(), Some(code), "{:?}", text);
        }
    }

    #[test]
    fn a_valid_code_survives_printing_and_parsing(
        fonds in "[A-Z][0-9]{3}",
        year in 1000u16..2999,
        retention in prop::sample::select(vec!["Y", "D30", "D10"]),
        dept in "[A-Z]{2,4}",
        item in 1u32..9999,
    ) {
        let text = format!("{fonds}-{year}-{retention}-{dept}-{item:04}");
        let code: ArchivalCode = text.parse().map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(code.to_string(), text.clone());
        prop_assert_eq!(code.to_string().parse::<ArchivalCode>().ok(), Some(code));
    }

    /// Any bytes behind the start of a PDF, a ZIP or a page: judged, never a panic, and judged
    /// the same however the file is cut into chunks as it is read.
    #[test]
    fn any_bytes_are_judged_alike_in_any_chunks(
        start in prop::sample::select(vec![&b"PK\x03\x04"[..], b"%PDF-1.7\n", b"<html><p ", b""]),
        body in prop::collection::vec(any::<u8>(), 0..600),
        chunk in 1usize..64,
    ) {
        use dangan::domain::format::Sniffer;
        use dangan::domain::signature::Verdict;
        let mut bytes = start.to_vec();
        bytes.extend(body);
        let judge = |size: usize| {
            let mut sniffer = Sniffer::default();
            for piece in bytes.chunks(size.max(1)) {
                sniffer.feed(piece);
            }
            sniffer.finish(Verdict::Open)
        };
        prop_assert_eq!(judge(chunk), judge(bytes.len()));
    }

    #[test]
    fn any_query_builds_and_marks_inside_the_title(text in "\\PC{0,60}") {
        let title = "《关于“国际档案日”活动的通知》—第１号";
        let query = dangan::domain::query::SearchQuery::parse(&text);
        for mark in dangan::domain::highlight::highlight(title, &query) {
            prop_assert!(mark.start < mark.end && mark.end <= title.chars().count(), "{mark:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any bytes given as a CSV file: a report or an error, never a panic, never a record.
    #[test]
    fn any_bytes_as_a_csv_import_are_refused_or_rehearsed(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let (mut archive, path) = fixture("bytes.csv", &bytes);
        let session = archive.login("admin", "demo-admin-2019").unwrap();
        let options = ImportOptions { dry_run: true, ..Default::default() };
        let _ = archive.import_records(&session, &path, &options);
        prop_assert_eq!(archive.list(&session, &Default::default(), 1, 0).unwrap().1, 0);
    }

    /// A spreadsheet with bad cells here and there: refused exactly when one is bad, every bad cell
    /// named by its line and column with the reason, and no good cell blamed.
    #[test]
    fn every_bad_cell_is_reported_where_it_is_and_no_other(
        rows in prop::collection::vec((title(), date()), 1..12)
    ) {
        let (mut archive, path) = fixture("cells.csv", &csv_file(&rows));
        let session = archive.login("admin", "demo-admin-2019").unwrap();
        let options = ImportOptions { dry_run: true, ..Default::default() };
        let mut expected = BTreeSet::new();
        for (n, (title, date)) in rows.iter().enumerate() {
            for (column, cell) in [("题名", title), ("日期", date)] {
                if let Cell::Bad(_, why) = cell {
                    expected.insert((n as u64 + 2, column.to_string(), *why));
                }
            }
        }
        match archive.import_records(&session, &path, &options) {
            Ok(report) => {
                prop_assert!(expected.is_empty(), "accepted with bad cells {expected:?}");
                prop_assert_eq!(report.rows, rows.len() as u64);
            }
            Err(Error::Import(failure)) => {
                let found: BTreeSet<(u64, String)> =
                    failure.errors.iter().map(|e| (e.line, e.column.clone())).collect();
                let wanted: BTreeSet<(u64, String)> =
                    expected.iter().map(|(l, c, _)| (*l, c.clone())).collect();
                prop_assert_eq!(found, wanted);
                for (line, column, why) in &expected {
                    let error = failure.errors.iter().find(|e| e.line == *line && e.column == *column);
                    prop_assert!(error.is_some_and(|e| e.message.to_string().contains(why)), "{line} {column}: {error:?}");
                }
            }
            Err(other) => prop_assert!(false, "not a line report: {other}"),
        }
    }
}

/// One empty demo archive shared by every case (making one per case would take the argon2
/// hashing of its accounts each time), and `bytes` written as its input file.
fn fixture(name: &str, bytes: &[u8]) -> (std::sync::MutexGuard<'static, Archive>, PathBuf) {
    type Shared = (tempfile::TempDir, std::sync::Mutex<Archive>);
    static FIXTURE: std::sync::OnceLock<Shared> = std::sync::OnceLock::new();
    let (dir, archive) = FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let archive = dangan::archive::demo::build(&dir.path().join("a"), 0, 1).unwrap();
        (dir, std::sync::Mutex::new(archive))
    });
    // Taken first: the cases of one test share the input file name.
    let archive = archive
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (archive, path)
}
