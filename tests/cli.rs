//! The command line as a user meets it: creating an archive, adding, numbering, listing, editing
//! with history, the demo, and clear failures with distinct exit codes.

mod common;

use common::Sandbox;

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
#[cfg(unix)]
fn init_creates_a_private_archive_and_never_overwrites_one() {
    let sandbox = Sandbox::new();
    let run = sandbox.init();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let archive = sandbox.archive();
    assert_eq!(mode(&archive), 0o700);
    assert_eq!(mode(&archive.join("objects")), 0o700);
    assert_eq!(mode(&archive.join("dangan.db")), 0o600);
    assert_eq!(mode(&archive.join("audit.key")), 0o600);
    sandbox.ok(&["fonds", "add", "J001", "市档案馆"]);
    sandbox.ok(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0001",
        "--title",
        "不可覆盖",
    ]);

    let again = sandbox.run(&["init", "--admin", "另一位"]);
    assert_eq!(again.code, 73);
    assert!(
        again.stderr.contains("already holds an archive"),
        "{}",
        again.stderr
    );
    assert_eq!(sandbox.json(&["list", "--json"])["total"], 1);

    let occupied = sandbox.path("occupied");
    std::fs::create_dir(&occupied).unwrap();
    std::fs::write(occupied.join("私人文件.txt"), "x").unwrap();
    let run = sandbox.run_on(&occupied, &["init", "--admin", "另一位"]);
    assert_eq!(run.code, 73);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
}

#[test]
fn init_without_an_admin_or_a_terminal_says_what_to_give_and_creates_nothing() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["init"]);
    assert_eq!(run.code, 65);
    assert!(run.stderr.contains("--admin NAME"), "{}", run.stderr);
    let short = sandbox.run_with_input("短\n", &["init", "--admin", "甲", "--password-stdin"]);
    assert!(
        short.stderr.contains("at least 8 characters"),
        "{}",
        short.stderr
    );
    assert!(!sandbox.archive().exists());
}

#[test]
fn a_missing_archive_says_how_to_make_one() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["list"]);
    assert_eq!(run.code, 66);
    assert!(run.stderr.contains("dangan init"), "{}", run.stderr);
}

#[test]
fn the_archive_comes_from_the_flag_then_the_environment_then_the_data_dir() {
    let sandbox = Sandbox::new();
    let from_env = sandbox.path("env-archive");
    let run = sandbox
        .command()
        .env("DANGAN_ARCHIVE", &from_env)
        .args(["init", "--admin", "甲"])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(from_env.join("dangan.db").is_file());

    let run = sandbox
        .command()
        .args(["init", "--admin", "甲"])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(sandbox.path("xdg/dangan/archive/dangan.db").is_file());

    let flag = sandbox.path("flag-archive");
    let mut run = sandbox.command();
    run.env("DANGAN_ARCHIVE", &from_env).args([
        "--archive",
        flag.to_str().unwrap(),
        "init",
        "--admin",
        "甲",
    ]);
    assert!(run.output().unwrap().status.success());
    assert!(flag.join("dangan.db").is_file());
}

#[test]
fn records_are_numbered_within_their_group() {
    let sandbox = Sandbox::with_archive();
    let numbered = [
        "--fonds",
        "j001",
        "--year",
        "２０１９",
        "--retention",
        "永久",
        "--dept",
        "BGS",
    ];
    let add = |title: &str| {
        let mut args = vec!["add", "--title", title];
        args.extend(numbered);
        sandbox.ok(&args)
    };
    assert!(add("第一份《通知》").contains("added J001-2019-Y-BGS-0001"));
    assert!(add("第二份“报告”").contains("added J001-2019-Y-BGS-0002"));
    sandbox.ok(&["add", "--code", "J001-2019-Y-BGS-0010", "--title", "跳号"]);
    assert!(add("第三份").contains("added J001-2019-Y-BGS-0011"));
    let other = sandbox.ok(&[
        "add",
        "--title",
        "另一组",
        "--fonds",
        "J001",
        "--year",
        "2019",
        "--retention",
        "D30",
        "--dept",
        "BGS",
    ]);
    assert!(other.contains("added J001-2019-D30-BGS-0001"), "{other}");

    let taken = sandbox.run(&["add", "--code", "J001-2019-Y-BGS-0002", "--title", "重复"]);
    assert_eq!(taken.code, 65);
    assert!(taken.stderr.contains("J001-2019-Y-BGS-0002 is taken"));
    let both = sandbox.run(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0003",
        "--fonds",
        "J001",
        "--title",
        "x",
    ]);
    assert_eq!(both.code, 65);
    let unknown = sandbox.run(&[
        "add",
        "--code",
        "J404-2019-Y-BGS-0001",
        "--title",
        "未知全宗",
    ]);
    assert!(
        unknown.stderr.contains("fonds J404 is not registered"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn add_takes_one_flag_per_field_and_show_prints_them() {
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&[
        "add",
        "--code",
        "J001-2019-D30-BGS-0001",
        "--title",
        "关于印发《档案管理办法》的通知——修订版…",
        "--responsible",
        "市人民政府办公室",
        "--doc-no",
        "政办发〔2019〕12号",
        "--date",
        "二〇一九年三月十二日",
        "--class",
        "机密",
        "--carrier",
        "纸质+电子",
        "--pages",
        "１２",
        "--location",
        "1号库-03柜-2层-015盒",
        "--keywords",
        "档案 管理",
        "--notes",
        "原件一份",
        "--status",
        "待整理",
    ]);
    let json = sandbox.json(&["show", "J001-2019-D30-BGS-0001", "--json"]);
    assert_eq!(json["date"], "2019-03-12");
    assert_eq!(json["pages"], 12);
    assert_eq!(json["classification"], "confidential");
    assert_eq!(json["carrier"], "both");
    assert_eq!(json["status"], "unprocessed");
    assert_eq!(json["retention"], "D30");
    assert_eq!(json["created_by"], "档案员甲");

    let text = sandbox.ok(&["--lang", "zh", "show", "j001-2019-d30-bgs-1"]);
    assert!(
        text.starts_with("J001-2019-D30-BGS-0001  关于印发《档案管理办法》的通知——修订版…\n"),
        "{text}"
    );
    // Labels padded to one width, the longest English one ("Responsible") with room after it.
    assert!(text.contains("  日期        2019年3月12日\n"), "{text}");
    assert!(text.contains("  保管期限    定期30年 (D30)\n"), "{text}");
    assert!(
        text.contains("  文号        政办发〔2019〕12号\n"),
        "{text}"
    );

    let bad = sandbox.run(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0002",
        "--title",
        "坏",
        "--date",
        "2019-02-30",
        "--pages",
        "很多",
    ]);
    assert_eq!(bad.code, 65);
    assert!(
        bad.stderr.contains("--date:") && bad.stderr.contains("--pages:"),
        "{}",
        bad.stderr
    );
    assert_eq!(sandbox.run(&["show", "J001-2019-Y-BGS-0002"]).code, 1);
}

#[test]
fn every_edit_keeps_the_previous_version_with_who_and_when() {
    let sandbox = Sandbox::with_archive();
    sandbox.ok(&[
        "add",
        "--code",
        "J001-2019-Y-BGS-0001",
        "--title",
        "旧题名",
        "--pages",
        "3",
    ]);
    let out = sandbox.ok(&[
        "edit",
        "J001-2019-Y-BGS-0001",
        "--title",
        "新题名《修订》",
        "--pages",
        "4",
    ]);
    assert!(
        out.contains("changed Title, Pages (now version 2)"),
        "{out}"
    );
    sandbox.add_user("档案员乙", "乙的口令-2026", "archivist", "内部");
    let edit = ["edit", "J001-2019-Y-BGS-0001", "--notes", "补充说明"];
    let out = sandbox.run_as("档案员乙", "乙的口令-2026", &edit).stdout;
    assert!(out.contains("now version 3"), "{out}");
    assert!(
        sandbox
            .ok(&["edit", "J001-2019-Y-BGS-0001", "--pages", "4"])
            .contains("no change")
    );

    let json = sandbox.json(&["show", "J001-2019-Y-BGS-0001", "--json"]);
    assert_eq!(json["version"], 3);
    assert_eq!(json["updated_by"], "档案员乙");
    let revisions = json["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[0]["title"], "旧题名");
    assert_eq!(revisions[0]["replaced_by"], "档案员甲");
    assert_eq!(revisions[1]["replaced_by"], "档案员乙");

    let text = sandbox.ok(&["--lang", "zh", "show", "J001-2019-Y-BGS-0001"]);
    assert!(
        text.contains("v1 → v2")
            && text.contains("题名: 旧题名 → 新题名《修订》")
            && text.contains("页数: 3 → 4"),
        "{text}"
    );
    assert!(
        text.contains("v2 → v3") && text.contains("      备注: （空） → 补充说明\n"),
        "{text}"
    );

    let bad = sandbox.run(&[
        "edit",
        "J001-2019-Y-BGS-0001",
        "--date",
        "2019年13月",
        "--title",
        "不该保存",
    ]);
    assert_eq!(bad.code, 65);
    assert!(bad.stderr.contains("no month 13"));
    assert_eq!(
        sandbox.json(&["show", "J001-2019-Y-BGS-0001", "--json"])["version"],
        3
    );
}

#[test]
fn list_pages_and_filters() {
    let sandbox = Sandbox::with_archive();
    for (code, status) in [
        ("J001-2018-Y-BGS-0001", "在库"),
        ("J001-2019-Y-BGS-0001", "在库"),
        ("J001-2019-Y-BGS-0002", "待整理"),
        ("J001-2019-D10-BGS-0001", "在库"),
        ("J002-2019-Y-CWK-0001", "在库"),
    ] {
        sandbox.ok(&[
            "add",
            "--code",
            code,
            "--title",
            &format!("题名{code}"),
            "--status",
            status,
        ]);
    }
    let page = sandbox.json(&["list", "--json", "--per-page", "2", "--page", "3"]);
    assert_eq!(
        (page["total"].as_u64(), page["pages"].as_u64()),
        (Some(5), Some(3))
    );
    assert_eq!(page["records"][0]["code"], "J002-2019-Y-CWK-0001");

    let codes = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["list", "--json"];
        full.extend(args);
        let json = sandbox.json(&full);
        json["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        codes(&["--fonds", "J001", "--year", "2019"]),
        [
            "J001-2019-D10-BGS-0001",
            "J001-2019-Y-BGS-0001",
            "J001-2019-Y-BGS-0002"
        ]
    );
    assert_eq!(
        codes(&["--status", "unprocessed"]),
        ["J001-2019-Y-BGS-0002"]
    );
    assert_eq!(
        codes(&["--status", "在库", "--fonds", "J002"]),
        ["J002-2019-Y-CWK-0001"]
    );

    let text = sandbox.ok(&["list", "--year", "2018"]);
    assert!(text.starts_with("J001-2018-Y-BGS-0001  "), "{text}");
    assert!(text.ends_with("page 1 of 1 · 1 records · 1–1\n"), "{text}");
    assert_eq!(sandbox.run(&["list", "--status", "作废中"]).code, 65);
}

#[test]
fn the_demo_is_deterministic_for_a_seed_and_reused_when_unchanged() {
    let one = Sandbox::new();
    let out = one
        .command()
        .args(["demo", "--records", "400", "--seed", "7"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let demo_dir = one.path("xdg/dangan/demo");
    assert!(
        demo_dir.join("dangan.db").is_file(),
        "demo goes under the data dir"
    );
    let export = |s: &Sandbox, dir: &std::path::Path| {
        s.run_on_as(
            dir,
            "admin",
            "demo-admin-2019",
            &["export", "records", "--format", "jsonl"],
        )
        .stdout
    };
    let first = export(&one, &demo_dir);
    // The 400 件-level records and the items inside the volumes of the fonds arranged by volume.
    let volume_items = first
        .lines()
        .filter(|l| l.contains("\"code\":\"J007-"))
        .count();
    assert!(volume_items > 0, "no items inside volumes");
    assert_eq!(first.lines().count(), 400 + volume_items);
    assert!(first.contains('《') && first.contains('“') && first.contains('—'));

    let again = one
        .command()
        .args(["demo", "--records", "400", "--seed", "7"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("using the demo archive already"));

    let two = Sandbox::new();
    let dir = two.path("elsewhere");
    let seeded = two.run_on(&dir, &["demo", "--records", "400", "--seed", "7"]);
    assert_eq!(seeded.code, 0, "{}", seeded.stderr);
    assert_eq!(export(&two, &dir), first);

    let seeded = two.run_on(&dir, &["demo", "--records", "400", "--seed", "8"]);
    assert_eq!(seeded.code, 0, "{}", seeded.stderr);
    assert_ne!(export(&two, &dir), first);
}

#[test]
fn a_demo_made_before_accounts_is_made_anew() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("old-demo");
    assert_eq!(sandbox.run_on(&dir, &["demo", "--records", "50"]).code, 0);
    // As an earlier dangan left it: no accounts.
    let conn = rusqlite::Connection::open(dir.join("dangan.db")).unwrap();
    conn.execute("DELETE FROM users", []).unwrap();
    drop(conn);
    let again = sandbox.run_on(&dir, &["demo", "--records", "50"]);
    assert!(
        !again.stdout.contains("using the demo archive already"),
        "{}",
        again.stdout
    );
    assert_eq!(
        sandbox
            .run_on_as(&dir, "reader", "demo-reader-2019", &["list"])
            .code,
        0
    );
}

#[test]
fn the_demo_never_touches_a_real_archive() {
    let sandbox = Sandbox::with_archive();
    let run = sandbox.run(&["demo", "--records", "10"]);
    assert_eq!(run.code, 65);
    assert!(run.stderr.contains("not a demo"), "{}", run.stderr);
    assert_eq!(
        sandbox
            .json(&["fonds", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
#[cfg(unix)]
fn output_cut_short_by_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let sandbox = Sandbox::new();
    let dir = sandbox.path("demo");
    assert_eq!(sandbox.run_on(&dir, &["demo", "--records", "3000"]).code, 0);
    let mut child = sandbox
        .command()
        .args([
            "--archive",
            dir.to_str().unwrap(),
            "list",
            "--per-page",
            "3000",
        ])
        .env("DANGAN_USER", "admin")
        .env("DANGAN_PASSWORD", "demo-admin-2019")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the reader went away, as `| head` does.
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn search_and_reindex_from_the_command_line() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path("demo");
    assert_eq!(sandbox.run_on(&dir, &["demo", "--records", "2000"]).code, 0);
    let search = |args: &[&str]| sandbox.run_on_as(&dir, "reader", "demo-reader-2019", args);

    let found = search(&["search", "务工", "--json", "--limit", "5"]);
    assert_eq!(found.code, 0, "{}", found.stderr);
    let json: serde_json::Value = serde_json::from_str(&found.stdout).unwrap();
    let hits = json["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5);
    assert!(json["total"].as_u64().unwrap() >= hits.len() as u64);
    for hit in hits {
        assert!(hit["title"].as_str().unwrap().contains("务工"), "{hit}");
        // The characters to highlight, counted in characters, not bytes.
        let title: Vec<char> = hit["title"].as_str().unwrap().chars().collect();
        let marked: Vec<String> = hit["title_marks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let (start, end) = (m[0].as_u64().unwrap(), m[1].as_u64().unwrap());
                title[start as usize..end as usize].iter().collect()
            })
            .collect();
        assert!(marked.iter().all(|m| m == "务工"), "{marked:?}");
        assert!(!marked.is_empty(), "{hit}");
        assert!(
            ["public", "internal"].contains(&hit["classification"].as_str().unwrap()),
            "reader's clearance"
        );
    }

    let text = search(&["search", "“农民工", "year:abc"]);
    assert_eq!(
        text.code, 0,
        "odd input is searched, not refused: {}",
        text.stderr
    );
    assert!(text.stdout.ends_with(" matches\n"), "{}", text.stdout);
    // Only punctuation: said so, not every record listed.
    let nothing = search(&["search", "《"]);
    assert_eq!(nothing.code, 65, "{}", nothing.stdout);
    assert!(
        nothing.stderr.contains("only punctuation"),
        "{}",
        nothing.stderr
    );
    assert!(nothing.stdout.is_empty());
    // A typo: offered the word the index holds, in the language asked for.
    let typo = search(&["--lang", "zh", "search", "会以纪要"]);
    assert_eq!(typo.code, 0, "{}", typo.stderr);
    assert!(
        typo.stdout.contains("共 0 条结果") && typo.stdout.contains("您是不是要找：会议纪要"),
        "{}",
        typo.stdout
    );

    // The counts under the hits, in the language asked for; traditional characters find the
    // simplified titles.
    let en = search(&["--lang", "en", "search", "檔案"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert!(
        en.stdout.contains("  Fonds J0") && en.stdout.contains("  Status "),
        "{}",
        en.stdout
    );
    let first = en.stdout.lines().next().unwrap_or_default();
    assert!(
        first.contains("in store") && first.contains("-"),
        "an English status and an ISO date: {first}"
    );
    let counts: Vec<&str> = en.stdout.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(counts.len(), 3, "{}", en.stdout);
    assert!(
        counts
            .iter()
            .all(|l| !l.contains("全宗") && !l.contains("在库"))
    );
    let zh = search(&["--lang", "zh", "search", "檔案"]);
    assert!(
        zh.stdout.contains("  全宗 J0") && zh.stdout.contains("  状态 在库"),
        "{}",
        zh.stdout
    );

    // A rebuild is the work of those who bring records in.
    let refused = sandbox.run_on_as(&dir, "reader", "demo-reader-2019", &["reindex"]);
    assert_eq!(refused.code, 77, "{}", refused.stderr);
    let rebuilt = sandbox.run_on_as(&dir, "admin", "demo-admin-2019", &["reindex"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    let listed = sandbox.run_on_as(&dir, "admin", "demo-admin-2019", &["list", "--json"]);
    let total = serde_json::from_str::<serde_json::Value>(&listed.stdout).unwrap()["total"].clone();
    assert_eq!(rebuilt.stdout, format!("index rebuilt: {total} records\n"));
    assert_eq!(
        search(&["search", "务工", "--json", "--limit", "5"]).stdout,
        found.stdout,
        "same results after a rebuild"
    );
}

#[test]
fn errors_speak_the_language_asked_for() {
    let sandbox = Sandbox::with_archive();
    let missing = ["show", "J001-2019-Y-BGS-0999"];
    let zh = sandbox.run(&["--lang", "zh", missing[0], missing[1]]);
    assert_eq!(zh.code, 1);
    assert_eq!(zh.stderr.trim(), "错误：没有档案 J001-2019-Y-BGS-0999");
    let from_locale = sandbox
        .command()
        .env("LANG", "zh_CN.UTF-8")
        .arg("--archive")
        .arg(sandbox.archive())
        .args([
            "add",
            "--code",
            "J001-2019-Y-BGS-0001",
            "--title",
            "日期不对",
            "--date",
            "20190230",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&from_locale.stderr);
    assert_eq!(from_locale.status.code(), Some(65));
    assert!(stderr.contains("2019年2月没有 30 日"), "{stderr}");
    let en = sandbox.run(&["--lang", "en", missing[0], missing[1]]);
    assert_eq!(en.stderr.trim(), "error: no record J001-2019-Y-BGS-0999");
}
