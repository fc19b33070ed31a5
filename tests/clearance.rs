//! Records above a user's clearance do not exist for that user: not in lists, counts, exports,
//! reports or error messages. Every command is walked as users cleared to 公开 over an archive that
//! holds 机密 records, and nothing of those records may show.

mod common;

use common::Sandbox;

/// Items of J001-2019-Y-BGS that are 机密: 28 of 70. J002-2020 holds 3 more, all 机密.
fn secret_item(item: u32) -> bool {
    matches!(item % 10, 2 | 3 | 5 | 6)
}

const SECRET_ADMIN: (&str, &str) = ("机密管理员", "机密管理员口令-2026");
const SECRET_ARCHIVIST: (&str, &str) = ("机密档案员", "机密档案员口令-2026");
const READER: (&str, &str) = ("公开读者", "公开读者口令-2026");
const ARCHIVIST: (&str, &str) = ("公开档案员", "公开档案员口令-2026");
const AUDITOR: (&str, &str) = ("公开审计员", "公开审计员口令-2026");
const INTERNAL_ADMIN: (&str, &str) = ("内部管理员", "内部管理员口令-2026");

/// Words only the 机密 records carry, in any of their fields, their files, their loans and the
/// register that lists them.
const SECRET_WORDS: [&str; 9] = [
    "绝密台账",
    "纸上独有的核心档案",
    "绝密方案",
    "机要室",
    "密不示人",
    "核心机密",
    "绝密附件",
    "秘密借阅人",
    "保密局",
];
/// Counts that include the 机密 records: all records, the 机密 ones, J001's and J001's 机密 ones.
const SECRET_COUNTS: [u64; 4] = [73, 31, 70, 28];

fn code(item: u32) -> String {
    format!("J001-2019-Y-BGS-{item:04}")
}

fn secret_codes() -> Vec<String> {
    let mut codes: Vec<String> = (1..=70).filter(|i| secret_item(*i)).map(code).collect();
    codes.extend((1..=3).map(|i| format!("J002-2020-Y-BGS-{i:04}")));
    codes
}

fn catalogue() -> String {
    let mut csv = String::from("档号,题名,责任者,日期,密级,主题词,备注\n");
    for item in 1..=70 {
        if secret_item(item) {
            csv.push_str(&format!(
                "{},“绝密方案”第{item}号——《机要》…（１）,机要室,20190312,机密,核心机密,密不示人\n",
                code(item)
            ));
        } else {
            csv.push_str(&format!(
                "{},关于《公开事项第{item}号》的通知,市政府办公室,20190312,公开,公开,\n",
                code(item)
            ));
        }
    }
    for item in 1..=3 {
        csv.push_str(&format!(
            "J002-2020-Y-BGS-{item:04},绝密方案（财政）第{item}号,机要室,2020,机密,核心机密,密不示人\n"
        ));
    }
    csv
}

/// The register of J001/2019, kept in `绝密台账.csv`: file lines 2 and 5 public, 3, 4 and 7 机密
/// (4 differs from its record), 6 only on paper with no 密级 (so 内部), 8 only on paper and
/// marked 机密 there.
const REGISTER: &str = "档号,题名,责任者,日期,密级
J001-2019-Y-BGS-0001,关于《公开事项第1号》的通知,市政府办公室,20190312,
J001-2019-Y-BGS-0002,“绝密方案”第2号——《机要》…（１）,机要室,20190312,机密
J001-2019-Y-BGS-0003,“绝密方案”第3号（纸质本）,机要室,20190312,机密
J001-2019-Y-BGS-0004,关于《公开事项第4号》的通知（纸质）,市政府办公室,20190312,
,纸质独有的公开文件,市政府办公室,20190401,
J001-2019-Y-BGS-0005,“绝密方案”第5号——《机要》…（１）,机要室,20190312,机密
J001-2019-Y-BGS-0071,纸上独有的核心档案,机要室,20190401,机密
";

struct Walk<'a> {
    sandbox: &'a Sandbox,
    seen: String,
}

impl Walk<'_> {
    /// Runs a command and keeps what it printed (not the command: its arguments are the user's).
    fn run(&mut self, who: (&str, &str), args: &[&str]) -> common::Run {
        let run = self.sandbox.run_as(who.0, who.1, args);
        let mut text = format!("\n{}{}", run.stdout, run.stderr);
        if args.starts_with(&["audit", "log"]) {
            text = without_sequence_numbers(&text);
        }
        self.seen.push_str(&text);
        run
    }

    /// Runs the command for `hidden` and for `other`, which the user cannot see either for an
    /// ordinary reason; the two answers must read the same once the codes are swapped.
    /// The code given is echoed back as given, for the hidden code as for any other: that echo
    /// is the user's own words, so it is blanked before the answer is kept.
    fn same_answer(&mut self, who: (&str, &str), args: &[&str], hidden: &str, other: &str) {
        let a = self.sandbox.run_as(who.0, who.1, args);
        let swapped: Vec<&str> = args
            .iter()
            .map(|arg| if *arg == hidden { other } else { arg })
            .collect();
        let b = self.sandbox.run_as(who.0, who.1, &swapped);
        for run in [&a, &b] {
            let text = format!("\n{}{}", run.stdout, run.stderr);
            self.seen
                .push_str(&text.replace(hidden, "·").replace(other, "·"));
        }
        assert_eq!(a.code, b.code, "{args:?}: {}\n{}", a.stderr, b.stderr);
        assert_eq!(
            (a.stdout.replace(hidden, "·"), a.stderr.replace(hidden, "·")),
            (b.stdout.replace(other, "·"), b.stderr.replace(other, "·")),
            "{args:?}: the hidden {hidden} must read like {other}"
        );
    }
}

/// An audit log with its entries' sequence numbers taken out: they number entries, not records.
fn without_sequence_numbers(log: &str) -> String {
    log.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix("\"seq\": ") {
                return format!(
                    "\"seq\": ·{}",
                    rest.trim_start_matches(|c: char| c.is_ascii_digit())
                );
            }
            let digits = trimmed.len()
                - trimmed
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len();
            if digits > 0 && trimmed[digits..].starts_with("  ") {
                return format!("·{}", &trimmed[digits..]);
            }
            line.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Digit runs standing as numbers (not parts of dates, times, codes or hashes, nor zero-padded).
fn standalone_numbers(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let before = start.checked_sub(1).map(|p| chars[p]);
        let after = chars.get(i).copied();
        let glued = |c: Option<char>| {
            c.is_some_and(|c| c.is_ascii_alphanumeric() || "-/年月日第号._T·".contains(c))
        };
        let time = |c: Option<char>, beyond: Option<char>| {
            c == Some(':') && beyond.is_some_and(|b| b.is_ascii_digit())
        };
        let before_beyond = start.checked_sub(2).map(|p| chars[p]);
        if glued(before)
            || glued(after)
            || time(before, before_beyond)
            || time(after, chars.get(i + 1).copied())
        {
            continue;
        }
        let digits: String = chars[start..i].iter().collect();
        // A count is never written zero-padded; an item number (AtoM's identifier `0031`) is.
        if digits.len() > 1 && digits.starts_with('0') {
            continue;
        }
        if let Ok(n) = digits.parse() {
            out.push(n);
        }
    }
    out
}

fn as_strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

fn archive_with_secrets() -> Sandbox {
    let sandbox = Sandbox::with_archive();
    for (user, role) in [(SECRET_ADMIN, "admin"), (SECRET_ARCHIVIST, "archivist")] {
        sandbox.add_user(user.0, user.1, role, "机密");
    }
    sandbox.add_user(READER.0, READER.1, "reader", "公开");
    sandbox.add_user(ARCHIVIST.0, ARCHIVIST.1, "archivist", "公开");
    sandbox.add_user(AUDITOR.0, AUDITOR.1, "auditor", "公开");
    sandbox.add_user(INTERNAL_ADMIN.0, INTERNAL_ADMIN.1, "admin", "内部");
    let file = sandbox.write("目录.csv", catalogue().as_bytes());
    let secret = |args: &[&str]| {
        let run = sandbox.run_as(SECRET_ADMIN.0, SECRET_ADMIN.1, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    };
    secret(&["import", "records", file.to_str().unwrap()]);
    secret(&[
        "edit",
        &code(2),
        "--pages",
        "12",
        "--doc-no",
        "机发〔2019〕1号",
    ]);
    let attachment = sandbox.write("绝密附件.txt", "绝密方案正文\n".as_bytes());
    secret(&["attach", &code(2), attachment.to_str().unwrap()]);
    #[rustfmt::skip]
    secret(&["loan", "out", &code(3), "--borrower", "秘密借阅人", "--unit", "保密局",
        "--purpose", "工作查考", "--approver", SECRET_ARCHIVIST.0]);
    secret(&[
        "loan",
        "out",
        &code(1),
        "--borrower",
        "公开借阅人",
        "--purpose",
        "学术研究",
    ]);
    let register = sandbox.write("绝密台账.csv", REGISTER.as_bytes());
    #[rustfmt::skip]
    secret(&["reconcile", "import", register.to_str().unwrap(), "--scope", "J001/2019"]);
    sandbox
}

#[test]
fn users_cleared_to_public_meet_no_trace_of_confidential_records() {
    let sandbox = archive_with_secrets();
    let mut walk = Walk {
        sandbox: &sandbox,
        seen: String::new(),
    };
    let hidden = code(2);
    let missing = code(99);
    let visible_taken = code(1);
    // A declassification review that holds a 机密 record: appraisal 1.
    let review = format!("档号,决定,再审年度,理由\n{hidden},继续保密,2040,仍涉核心机密\n");
    let review = sandbox.write("解密审核.csv", review.as_bytes());
    let proposed = sandbox.run_as(
        SECRET_ARCHIVIST.0,
        SECRET_ARCHIVIST.1,
        &[
            "appraise",
            "propose",
            review.to_str().unwrap(),
            "--kind",
            "declassification",
        ],
    );
    assert_eq!(proposed.code, 0, "{}", proposed.stderr);
    let sheet = sandbox.path("待审.csv");

    for who in [READER, ARCHIVIST, AUDITOR] {
        for args in [
            &["list"][..],
            &["list", "--json", "--per-page", "100"],
            &["list", "--fonds", "J002", "--json"],
            &[
                "list", "--fonds", "J001", "--year", "2019", "--status", "借出",
            ],
            &["fonds", "list"],
            &["fonds", "list", "--json"],
            &["search", "绝密"],
            &["search", "jmfa"],
            &["search", "方案", "--json"],
            &["search", "通知", "--json", "--limit", "100"],
            &["search", "机要室"],
            &["search", "J001-2019-Y-BGS-0002"],
            &["export", "records"],
            &["export", "records", "--format", "jsonl"],
            &["export", "ead", "--fonds", "J001"],
            &["export", "ead", "--fonds", "J002", "--series-only"],
            &["export", "atom", "--fonds", "J001"],
            &["loan", "list"],
            &["loan", "list", "--json"],
            &["loan", "list", "--borrower", "秘密借阅人"],
            &[
                "loan",
                "register",
                "--from",
                "2000-01-01",
                "--to",
                "2099-12-31",
            ],
            &[
                "loan",
                "register",
                "--from",
                "2000-01-01",
                "--to",
                "2099-12-31",
                "--format",
                "csv",
            ],
            &["reconcile", "status"],
            &["reconcile", "status", "J001/2019", "--json"],
            &["reconcile", "report", "J001/2019"],
            &["reconcile", "report", "J001/2019", "--format", "csv"],
            &["reconcile", "report", "J001/2019", "--open"],
            &["reconcile", "certify", "J001/2019"],
            &["audit", "log"],
            &["audit", "log", "--json", "--limit", "1000"],
            &["audit", "verify"],
            // 机密 records of 2019 come up for declassification in 2039, for opening in 2044.
            &[
                "appraise",
                "due",
                "--kind",
                "declassification",
                "--as-of",
                "2040",
            ],
            &[
                "appraise", "due", "--kind", "opening", "--as-of", "2045", "--json",
            ],
            &[
                "appraise", "due", "--kind", "opening", "--as-of", "2045", "--fonds", "J001",
            ],
            &[
                "appraise",
                "due",
                "--kind",
                "opening",
                "--as-of",
                "2045",
                "--sheet",
                sheet.to_str().unwrap(),
            ],
            &["appraise", "list"],
            &["appraise", "list", "--json"],
            &["stats"],
            &["stats", "--format", "json"],
            &["stats", "--format", "csv", "--fonds", "J001"],
            &["stats", "--year", "2019", "--format", "csv"],
            &["suggest", "--fonds", "J001", "--year", "2019"],
            &[
                "suggest", "--fonds", "J001", "--year", "2019", "--format", "json",
            ],
            &[
                "suggest",
                "--fonds",
                "J001",
                "--year",
                "2019",
                "--apply-above",
                "0",
            ],
        ] {
            walk.run(who, args);
        }
        if let Ok(written) = std::fs::read_to_string(&sheet) {
            walk.seen.push_str(&written);
        }
        walk.same_answer(who, &["appraise", "show", "1"], "1", "99");
        walk.same_answer(who, &["appraise", "show", "1", "--json"], "1", "99");
        walk.same_answer(who, &["appraise", "approve", "1"], "1", "99");
        walk.same_answer(
            who,
            &["appraise", "destroy", "1", "--witness", "某人", "--yes"],
            "1",
            "99",
        );
        let out = sandbox.path("清册.csv");
        let print = ["appraise", "print", "1", "-o", out.to_str().unwrap()];
        walk.same_answer(who, &print, "1", "99");
        assert!(
            !out.exists(),
            "nothing written of an appraisal the user may not see"
        );
        for args in [
            &["show", "CODE"][..],
            &["show", "CODE", "--json"],
            &["edit", "CODE", "--pages", "3"],
            &["loan", "list", "--record", "CODE"],
            &["loan", "return", "CODE"],
            &["loan", "renew", "CODE"],
            &["loan", "lost", "CODE"],
            &[
                "loan",
                "out",
                "CODE",
                "--borrower",
                "某人",
                "--purpose",
                "学术研究",
            ],
            &[
                "loan",
                "request",
                "CODE",
                "--borrower",
                "某人",
                "--purpose",
                "学术研究",
            ],
            &["audit", "log", "--object", "CODE"],
            &["audit", "log", "--object", "CODE", "--json"],
            &[
                "reconcile",
                "resolve",
                "J001/2019",
                "CODE",
                "missing_on_paper",
            ],
            &["reconcile", "pick", "J001/2019", "6", "CODE"],
            &["reconcile", "reopen", "J001/2019", "CODE"],
            &["appraise", "propose", "SHEET", "--kind", "opening"],
        ] {
            if args.contains(&"SHEET") {
                // A sheet naming the hidden record, and one naming a record that is not there.
                let sheet = |code: &str| {
                    let name = format!("{code}.csv");
                    let text = format!("档号,决定\n{code},开放\n");
                    let path = sandbox.write(&name, text.as_bytes());
                    path.to_str().unwrap().to_string()
                };
                let (a, b) = (sheet(&hidden), sheet(&missing));
                let with = |file: &str| {
                    args.iter()
                        .map(|x| {
                            if *x == "SHEET" {
                                file.to_string()
                            } else {
                                x.to_string()
                            }
                        })
                        .collect::<Vec<String>>()
                };
                let run = |args: Vec<String>| sandbox.run_as(who.0, who.1, &as_strs(&args));
                let (ra, rb) = (run(with(&a)), run(with(&b)));
                assert_eq!(ra.code, rb.code);
                // The code in the sheet is the user's own, echoed: blanked before it is kept.
                let (ta, tb) = (
                    ra.stderr.replace(&hidden, "·"),
                    rb.stderr.replace(&missing, "·"),
                );
                assert_eq!(ta, tb);
                walk.seen.push_str(&ta);
                continue;
            }
            let args: Vec<&str> = args
                .iter()
                .map(|a| if *a == "CODE" { hidden.as_str() } else { a })
                .collect();
            walk.same_answer(who, &args, &hidden, &missing);
        }
        // Line 3 of the paper register is a 机密 record's: as absent as a line that is not there.
        for resolution in ["accept_digital", "correct_digital", "note"] {
            let args = ["reconcile", "resolve", "J001/2019", "3", resolution];
            walk.same_answer(who, &args, "3", "99");
        }
        walk.same_answer(who, &["reconcile", "reopen", "J001/2019", "3"], "3", "99");
    }

    // Taking a code a 机密 record holds reads like taking any code already used.
    let adding = ["add", "--code", hidden.as_str(), "--title", "新文件"];
    walk.same_answer(ARCHIVIST, &adding, &hidden, &visible_taken);
    let attach = sandbox.write("附件.txt", "正文\n".as_bytes());
    let attaching = ["attach", hidden.as_str(), attach.to_str().unwrap()];
    walk.same_answer(ARCHIVIST, &attaching, &hidden, &missing);
    let taken = |name: &str, code: &str| {
        let file = sandbox.write(name, format!("档号,题名\n{code},新文件\n").as_bytes());
        file.to_str().unwrap().to_string()
    };
    let (hidden_file, visible_file) = (taken("a.csv", &hidden), taken("b.csv", &visible_taken));
    let a = walk.run(ARCHIVIST, &["import", "records", &hidden_file]);
    let b = walk.run(ARCHIVIST, &["import", "records", &visible_file]);
    assert_eq!(a.code, 65);
    assert_eq!(
        a.stderr.replace(&hidden, "·").replace("a.csv", "·"),
        b.stderr.replace(&visible_taken, "·").replace("b.csv", "·")
    );

    // The due list a 公开 archivist sees: J001's 42 public records of 2019.
    let args = [
        "appraise", "due", "--kind", "opening", "--as-of", "2045", "--json",
    ];
    let due: serde_json::Value = serde_json::from_str(&walk.run(ARCHIVIST, &args).stdout).unwrap();
    assert_eq!(due["groups"].as_array().map(Vec::len), Some(1), "{due}");
    assert_eq!(due["groups"][0]["records"], 42, "{due}");

    // The numbers a 公开 user sees leave the 机密 records out.
    let list: serde_json::Value =
        serde_json::from_str(&walk.run(READER, &["list", "--json"]).stdout).unwrap();
    assert_eq!(list["total"], 42);
    let status = walk.run(READER, &["reconcile", "status", "J001/2019", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let status = &status["scopes"][0];
    assert_eq!(
        (
            &status["paper_lines"],
            &status["agrees"],
            &status["differs"],
            &status["paper_only"],
            &status["digital_only"]
        ),
        // The line only on paper states no 密级: 内部, above a 公开 reader.
        (&2.into(), &1.into(), &1.into(), &0.into(), &40.into()),
        "{status}"
    );

    let seen = walk.seen;
    for code in secret_codes() {
        assert!(!seen.contains(&code), "{code} shown:\n{seen}");
    }
    for word in SECRET_WORDS {
        assert!(!seen.contains(word), "{word} shown:\n{seen}");
    }
    // Item numbers in JSON are parts of codes, not counts.
    let numbers = standalone_numbers(&seen.replace("\"item\": ", "\"item\": ·"));
    for count in SECRET_COUNTS {
        assert!(
            !numbers.contains(&count),
            "a count that includes 机密 records ({count}) shown:\n{seen}"
        );
    }
}

#[test]
fn a_register_is_brought_in_only_by_someone_who_sees_its_whole_fonds() {
    let sandbox = archive_with_secrets();
    // Lines of 机密 records would vanish from the importer's own report: which ones would tell.
    let probe = sandbox.write(
        "探测.csv",
        "档号,题名\nJ001-2019-Y-BGS-0002,“绝密方案”第2号——《机要》…（１）\n".as_bytes(),
    );
    let archivist = |args: &[&str]| sandbox.run_as(ARCHIVIST.0, ARCHIVIST.1, args);
    let import = |file: &std::path::Path, scope: &str| {
        archivist(&[
            "reconcile",
            "import",
            file.to_str().unwrap(),
            "--scope",
            scope,
        ])
    };
    let run = import(&probe, "J001/2018-2019");
    assert_eq!(run.code, 77, "{}", run.stdout);
    assert!(!run.stderr.contains("绝密"), "{}", run.stderr);
    // Nor does a narrower scope answer differently: a year or box of J001 without a 机密 record
    // is refused alike, or the refusals would map where such records lie.
    sandbox.ok(&[
        "add",
        "--code",
        "J001-2018-Y-BGS-0001",
        "--title",
        "公开的文件",
        "--class",
        "公开",
    ]);
    let own = sandbox.write(
        "公开台账.csv",
        "档号,题名\nJ001-2018-Y-BGS-0001,公开的文件\n".as_bytes(),
    );
    let narrow = import(&own, "J001/2018");
    assert_eq!(narrow.code, 77, "{}", narrow.stdout);
    assert_eq!(
        narrow.stderr.replace("2018", "SCOPE"),
        run.stderr.replace("2018-2019", "SCOPE")
    );
    // A fonds with nothing above the archivist's clearance is theirs to reconcile.
    sandbox.ok(&["fonds", "add", "J009", "公开全宗"]);
    sandbox.ok(&[
        "add",
        "--code",
        "J009-2018-Y-BGS-0001",
        "--title",
        "公开的文件",
        "--class",
        "公开",
    ]);
    let public = sandbox.write(
        "公开全宗台账.csv",
        "档号,题名\nJ009-2018-Y-BGS-0001,公开的文件\n".as_bytes(),
    );
    let run = import(&public, "J009/2018");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_paper_line_that_states_no_classification_is_internal() {
    let sandbox = archive_with_secrets();
    // Line 6 of the register is only on paper and leaves 密级 blank.
    let paper_only = "纸质独有的公开文件";
    let report = |who: (&str, &str)| {
        let run = sandbox.run_as(who.0, who.1, &["reconcile", "report", "J001/2019"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    assert!(!report(READER).contains(paper_only));
    assert!(report(INTERNAL_ADMIN).contains(paper_only));
}

#[test]
fn a_paper_line_marked_confidential_is_made_a_confidential_record() {
    let sandbox = archive_with_secrets();
    let made = "J001-2019-Y-BGS-0071";
    let secret = |args: &[&str]| sandbox.run_as(SECRET_ADMIN.0, SECRET_ADMIN.1, args);
    let run = secret(&["reconcile", "resolve", "J001/2019", "8", "create_record"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown = secret(&["show", made, "--json"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let record: serde_json::Value = serde_json::from_str(&shown.stdout).expect("show --json");
    assert_eq!(
        record["classification"], "confidential",
        "the paper said 机密, the record must too"
    );
    let reader = |args: &[&str]| sandbox.run_as(READER.0, READER.1, args);
    assert_ne!(reader(&["show", made]).code, 0);
    let report = reader(&["reconcile", "report", "J001/2019"]);
    assert!(!report.stdout.contains("核心档案"), "{}", report.stdout);
}

#[test]
fn the_walk_would_see_a_leak() {
    // The same walk as a user cleared to 机密 sees all of it: the markers and counts are real.
    let sandbox = archive_with_secrets();
    let mut walk = Walk {
        sandbox: &sandbox,
        seen: String::new(),
    };
    walk.run(SECRET_ADMIN, &["list", "--json", "--per-page", "1"]);
    walk.run(SECRET_ADMIN, &["search", "绝密", "--json"]);
    walk.run(SECRET_ADMIN, &["loan", "list"]);
    walk.run(SECRET_ADMIN, &["show", &code(2)]);
    let numbers = standalone_numbers(&walk.seen);
    assert!(
        numbers.contains(&73) && numbers.contains(&31),
        "{}",
        walk.seen
    );
    for word in ["绝密方案", "机要室", "绝密附件", "秘密借阅人"] {
        assert!(walk.seen.contains(word), "{word}");
    }
}

#[test]
fn an_admin_cannot_reach_above_their_own_clearance() {
    let sandbox = archive_with_secrets();
    let internal = |args: &[&str]| sandbox.run_as(INTERNAL_ADMIN.0, INTERNAL_ADMIN.1, args);
    #[rustfmt::skip]
    let refused = [
        vec!["user", "role", INTERNAL_ADMIN.0, "admin", "--clearance", "机密"],
        vec!["user", "role", READER.0, "reader", "--clearance", "秘密"],
        vec!["user", "role", SECRET_ADMIN.0, "reader", "--clearance", "公开"],
        vec!["user", "disable", SECRET_ADMIN.0],
        vec!["user", "add", "新机密用户", "--role", "reader", "--clearance", "机密", "--password-stdin"],
        vec!["user", "passwd", SECRET_ADMIN.0, "--password-stdin"],
    ];
    for args in refused {
        let run = sandbox
            .command()
            .env("DANGAN_USER", INTERNAL_ADMIN.0)
            .env("DANGAN_PASSWORD", INTERNAL_ADMIN.1)
            .arg("--archive")
            .arg(sandbox.archive())
            .args(&args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child
                    .stdin
                    .take()
                    .expect("stdin")
                    .write_all("被拒的新口令-2026\n".as_bytes())?;
                child.wait_with_output()
            })
            .expect("run dangan");
        assert_eq!(
            run.status.code(),
            Some(77),
            "{args:?}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    // The 机密 admin's password still works and nothing changed.
    let list = sandbox.run_as(
        SECRET_ADMIN.0,
        SECRET_ADMIN.1,
        &["--lang", "zh", "user", "list"],
    );
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(
        list.stdout
            .lines()
            .any(|l| l.contains(INTERNAL_ADMIN.0) && l.contains("内部"))
    );
    // Within their clearance an 内部 admin still manages users.
    let run = internal(&["user", "role", READER.0, "reader", "--clearance", "内部"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn search_scores_do_not_count_records_above_the_clearance() {
    let sandbox = Sandbox::with_archive();
    sandbox.add_user(READER.0, READER.1, "reader", "公开");
    let add = |code: &str, title: &str, class: &str| {
        sandbox.ok(&["add", "--code", code, "--title", title, "--class", class]);
    };
    add("J001-2019-Y-BGS-0001", "关于“导弹”试验场的通知", "公开");
    add("J001-2019-Y-BGS-0002", "关于“火箭”试验场的通知", "公开");
    for item in 3..=9 {
        let code = format!("J001-2019-Y-BGS-{item:04}");
        add(&code, "导弹部署机密方案", "机密");
    }
    let score = |word: &str| {
        let run = sandbox.run_as(READER.0, READER.1, &["search", word, "--json"]);
        let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(found["total"], 1, "{word}: {}", run.stdout);
        found["hits"][0]["score"].as_f64().unwrap()
    };
    // The two public titles differ only in the word; seven hidden records hold one of the words.
    assert_eq!(score("导弹"), score("火箭"));
}

#[test]
fn declassifying_a_record_does_not_open_what_its_trail_said_while_it_was_confidential() {
    let sandbox = archive_with_secrets();
    let secret = code(12);
    #[rustfmt::skip]
    let run = sandbox.run_as(SECRET_ADMIN.0, SECRET_ADMIN.1, &["edit", &secret,
        "--title", "关于《公开事项第12号》的通知", "--responsible", "市政府办公室"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Declassified by a review: proposed by one, approved by another.
    let review = format!("档号,决定,新密级\n{secret},解密,公开\n");
    let review = sandbox.write("解密.csv", review.as_bytes());
    let review = review.to_str().unwrap();
    #[rustfmt::skip]
    let run = sandbox.run_as(SECRET_ARCHIVIST.0, SECRET_ARCHIVIST.1,
        &["appraise", "propose", review, "--kind", "declassification"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = sandbox.run_as(
        SECRET_ADMIN.0,
        SECRET_ADMIN.1,
        &["appraise", "approve", "1"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let auditor = |args: &[&str]| sandbox.run_as(AUDITOR.0, AUDITOR.1, args);
    let reader = |args: &[&str]| sandbox.run_as(READER.0, READER.1, args);
    // The record is public now, its present face readable by all.
    assert_eq!(reader(&["show", &secret]).code, 0);
    for args in [
        vec!["audit", "log", "--object", &secret],
        vec!["audit", "log", "--json", "--limit", "1000"],
        vec!["show", &secret],
        vec!["show", &secret, "--json"],
    ] {
        let run = auditor(&args);
        for word in ["绝密方案", "机要室"] {
            assert!(!run.stdout.contains(word), "{args:?}: {}", run.stdout);
        }
    }
}
