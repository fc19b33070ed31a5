//! Receiving transfer packages (接收): `dangan package` then `dangan receive`, each check failing
//! once with its reason in the receipt, nothing written by a refused package, a package received
//! once however often it is sent, and the register within each reader's clearance.

mod common;

use common::Sandbox;
use common::transfer::*;

#[test]
fn a_packaged_folder_is_received_whole_with_its_files_and_a_receipt() {
    let sandbox = Sandbox::with_archive();
    let source = standard(&sandbox);
    let zip = package(&sandbox, &source, "财政局-2019.zip");
    let (run, receipt) = receipt_json(&sandbox, &zip);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(receipt["outcome"], "accepted");
    assert_eq!(receipt["records"], 3);
    assert_eq!(receipt["files"], 3);
    assert_eq!(
        receipt["received"][1]["title"],
        "《局务会议纪要》（扫描件）…"
    );
    assert!(
        run.stdout.contains("J001-2019-Y-BGS-0003"),
        "{}",
        run.stdout
    );
    let unprocessed = sandbox.json(&["list", "--status", "待整理", "--json"]);
    assert_eq!(
        unprocessed["total"], 3,
        "received records wait to be arranged"
    );
    let objects = sandbox.ok(&["show", "J001-2019-Y-BGS-0002"]);
    assert!(objects.contains("扫描件.jpg"), "{objects}");
    assert_eq!(common::stored_files(&sandbox).len(), 3);
    // Found by search at once: the receipt indexed what it brought.
    let hits = sandbox.ok(&["search", "局务会议"]);
    assert!(hits.contains("J001-2019-Y-BGS-0002"), "{hits}");
    let audit = sandbox.ok(&["audit", "log"]);
    assert!(audit.contains("transfer.receive"), "{audit}");
    assert_eq!(sandbox.run(&["audit", "verify"]).code, 0);
    let register = sandbox.ok(&["receive", "list", "--lang", "zh"]);
    assert!(
        register.contains("市档案局") && register.contains("接收"),
        "{register}"
    );
}

#[test]
fn a_folder_package_and_a_zip_of_it_are_the_same_package() {
    let sandbox = Sandbox::with_archive();
    let source = standard(&sandbox);
    let folder = package(&sandbox, &source, "package-folder");
    assert!(folder.join("bagit.txt").is_file() && folder.join("data/移交清单.csv").is_file());
    let zip = package(&sandbox, &source, "package.zip");
    assert_eq!(receive(&sandbox, &folder, &[]).code, 0);
    // Sent again, as a zip after a dropped link: received once.
    let again = receive(&sandbox, &zip, &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("nothing was received twice"),
        "{}",
        again.stderr
    );
    assert_eq!(common::record_count(&sandbox), 3);
    assert_eq!(
        sandbox
            .json(&["receive", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn every_check_refuses_with_its_reason_and_nothing_is_written() {
    let sandbox = Sandbox::with_archive();
    let source = standard(&sandbox);
    // Tampered after packaging: one file changed, one taken out, one slipped in.
    let bag = package(&sandbox, &source, "tampered");
    // The scan cut short in copying: changed, and no longer a whole PNG.
    let png = std::fs::read(fixture("扫描件.png")).unwrap();
    std::fs::write(bag.join("data/电子档案/扫描件.png"), &png[..200]).unwrap();
    std::fs::remove_file(bag.join("data/电子档案/扫描件.jpg")).unwrap();
    std::fs::copy(fixture("tool.exe"), bag.join("data/电子档案/setup.exe")).unwrap();
    let (run, receipt) = receipt_json(&sandbox, &bag);
    assert_eq!(run.code, 65, "{}", run.stdout);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(receipt["outcome"], "refused");
    let reasons = refusals(&receipt);
    let has = |check: &str, text: &str| reasons.iter().any(|(c, r)| c == check && r.contains(text));
    assert!(has("authenticity", "扫描件.png: SHA-256 is"), "{reasons:?}");
    assert!(
        has(
            "authenticity",
            "setup.exe: in the package but not in manifest"
        ),
        "{reasons:?}"
    );
    assert!(
        has(
            "integrity",
            "扫描件.jpg is listed in manifest-sha256.txt but not in the package"
        ),
        "{reasons:?}"
    );
    assert!(has("integrity", "Payload-Oxum"), "{reasons:?}");
    assert!(
        has(
            "integrity",
            "data/移交清单.csv:3: the file 电子档案/扫描件.jpg is not"
        ),
        "{reasons:?}"
    );
    assert!(
        has("security", "setup.exe: an executable program"),
        "{reasons:?}"
    );
    assert!(
        has("usability", "扫描件.png: PNG ends early"),
        "{reasons:?}"
    );
    assert_eq!(common::record_count(&sandbox), 0);
    assert_eq!(
        common::stored_files(&sandbox).len(),
        0,
        "nothing staged or kept"
    );
    let stats = sandbox.json(&["receive", "stats", "--json"]);
    assert_eq!(stats[0]["refused"], 1);
    assert_eq!(stats[0]["refused_by"]["authenticity"], 1);
}

#[test]
fn the_description_counts_and_numbering_are_checked_too() {
    let sandbox = Sandbox::with_archive();
    let source = department(
        &sandbox,
        &[
            (
                "J001-2019-Y-BGS-0001",
                "关于“档案日”的通知",
                "电子档案/关于“档案日”的通知.pdf",
            ),
            ("J001-2019-Y-BGS-0004", "《会议纪要》", ""),
        ],
    );
    let bag = package(&sandbox, &source, "gap");
    // The declared count and the department named are the package's own words.
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    std::fs::write(
        bag.join("bag-info.txt"),
        info.replace("Record-Count: 2", "Record-Count: 5"),
    )
    .unwrap();
    let list = bag.join("data/移交清单.csv");
    let text = std::fs::read_to_string(&list).unwrap();
    std::fs::write(
        &list,
        text.replace("2019-06-03,公开,\n", "2019-13-45,公开,\n"),
    )
    .unwrap();
    let (run, receipt) = receipt_json(&sandbox, &bag);
    assert_eq!(run.code, 65);
    let reasons = refusals(&receipt);
    // The list was changed after packaging: its hash no longer matches either.
    assert!(
        reasons
            .iter()
            .any(|(c, r)| c == "authenticity" && r.contains("移交清单.csv")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|(c, r)| c == "description" && r.starts_with("data/移交清单.csv:3: ")),
        "{reasons:?}"
    );

    let bag = package(&sandbox, &source, "gap2");
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    std::fs::write(
        bag.join("bag-info.txt"),
        info.replace("Record-Count: 2", "Record-Count: 5"),
    )
    .unwrap();
    let other = sandbox.run(&["receive", &bag.display().to_string(), "--from", "市财政局"]);
    assert_eq!(other.code, 65);
    assert!(
        other
            .stdout
            .contains("the package says it is from \"市档案局\""),
        "{}",
        other.stdout
    );
    let (_, receipt) = receipt_json(&sandbox, &bag);
    let reasons = refusals(&receipt);
    assert!(
        reasons
            .iter()
            .any(|(_, r)| r.contains("Record-Count 5, the transfer list holds 2")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|(_, r)| r.contains("J001-2019-Y-BGS") && r.contains("0002–0003 missing")),
        "{reasons:?}"
    );
    assert_eq!(common::record_count(&sandbox), 0);
}

#[test]
fn package_refuses_a_bad_list_before_anything_is_written() {
    let sandbox = Sandbox::with_archive();
    let source = department(
        &sandbox,
        &[("J001-2019-Y-BGS-0001", "通知", "电子档案/不存在.pdf")],
    );
    std::fs::copy(fixture("扫描件.jpg"), source.join("多余.jpg")).unwrap();
    let out = sandbox.path("out.zip");
    let run = package_run(&sandbox, &source, &out, &["--lang", "zh"]);
    assert_eq!(run.code, 65, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("data/移交清单.csv:2：文件 电子档案/不存在.pdf 不在包的 data/ 中"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("data/多余.jpg：在包里，但移交清单没有哪一件列出它"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(sandbox.path("."))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".dangan-package")
        })
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn the_register_keeps_within_each_readers_clearance() {
    let sandbox = Sandbox::with_archive();
    sandbox.add_user("clerk", "clerk-password-2019", "archivist", "公开");
    sandbox.add_user("auditor", "auditor-password-2019", "auditor", "公开");
    let source = standard(&sandbox);
    let list = source.join("移交清单.csv");
    let text = std::fs::read_to_string(&list).unwrap();
    std::fs::write(&list, text.replacen("公开", "机密", 1)).unwrap();
    let zip = package(&sandbox, &source, "secret.zip");
    // A clerk cleared to 公开 cannot receive what is above it, and is told which line.
    let path = zip.display().to_string();
    let run = sandbox.run_as(
        "clerk",
        "clerk-password-2019",
        &["receive", &path, "--from", FROM],
    );
    assert_eq!(run.code, 65);
    assert!(run.stdout.contains("data/移交清单.csv:2"), "{}", run.stdout);
    // The admin receives it; the clerk and the auditor cleared to 公开 see no trace of it.
    assert_eq!(receive(&sandbox, &zip, &[]).code, 0);
    for user in [
        ("clerk", "clerk-password-2019"),
        ("auditor", "auditor-password-2019"),
    ] {
        let list = sandbox.run_as(user.0, user.1, &["receive", "list", "--json"]);
        let rows: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
        assert!(
            rows.as_array()
                .unwrap()
                .iter()
                .all(|t| t["outcome"] == "refused"),
            "{}",
            list.stdout
        );
        let stats = sandbox.run_as(user.0, user.1, &["receive", "stats", "--json"]);
        assert!(
            !stats.stdout.contains("\"accepted\": 1"),
            "{}",
            stats.stdout
        );
        let accepted = rows_of(&sandbox.json(&["receive", "list", "--json"]), "accepted");
        let show = sandbox.run_as(user.0, user.1, &["receive", "show", &accepted.to_string()]);
        assert_eq!(show.code, 1, "{}", show.stdout);
        assert!(
            show.stderr.contains(&format!("no transfer {accepted}")),
            "{}",
            show.stderr
        );
    }
}

/// The id of the first transfer with this outcome.
fn rows_of(rows: &serde_json::Value, outcome: &str) -> i64 {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|t| t["outcome"] == outcome)
        .and_then(|t| t["transfer"].as_i64())
        .unwrap()
}

#[test]
fn a_bag_cannot_point_outside_itself_or_be_changed_behind_its_tag_manifest() {
    let sandbox = Sandbox::with_archive();
    let source = standard(&sandbox);
    // data/ a link to another folder: refused, and nothing of that folder is named.
    let linked = package(&sandbox, &source, "linked");
    let elsewhere = sandbox.path("elsewhere");
    std::fs::rename(linked.join("data"), &elsewhere).unwrap();
    std::fs::write(elsewhere.join("secret-plan.txt"), "机密").unwrap();
    std::os::unix::fs::symlink(&elsewhere, linked.join("data")).unwrap();
    let run = receive(&sandbox, &linked, &[]);
    assert_eq!(run.code, 65);
    assert!(
        run.stdout.contains("data: data is not a regular file"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("secret-plan"), "{}", run.stdout);
    // bag-info.txt changed after the tag manifest was made.
    let stale = package(&sandbox, &source, "stale");
    let info = std::fs::read_to_string(stale.join("bag-info.txt")).unwrap();
    let changed = info.replace("Bagging-Date: ", "Bagging-Date: 1999-01-01\nX-Was: ");
    std::fs::write(stale.join("bag-info.txt"), changed).unwrap();
    let (run, receipt) = receipt_json(&sandbox, &stale);
    assert_eq!(run.code, 65);
    let reasons = refusals(&receipt);
    assert!(
        reasons
            .iter()
            .any(|(c, r)| c == "authenticity" && r.starts_with("bag-info.txt: SHA-256 is")),
        "{reasons:?}"
    );
    // A list with no records is no transfer.
    let empty = sandbox.path("空");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(
        empty.join("移交清单.csv"),
        "档号,题名,责任者,日期,密级,文件\n",
    )
    .unwrap();
    let run = package_run(&sandbox, &empty, &sandbox.path("空.zip"), &[]);
    assert_eq!(run.code, 65);
    assert!(
        run.stderr.contains("the transfer list holds no records"),
        "{}",
        run.stderr
    );
    assert_eq!(common::record_count(&sandbox), 0);
    // The tag manifest is held against the tag files' bytes, not against their text read as UTF-8.
    let raw = package(&sandbox, &source, "raw");
    let mut info = std::fs::read(raw.join("bag-info.txt")).unwrap();
    info.extend_from_slice(b"X-Note: \xff\n");
    std::fs::write(raw.join("bag-info.txt"), &info).unwrap();
    let tags = std::fs::read_to_string(raw.join("tagmanifest-sha256.txt")).unwrap();
    let hash = |bytes: &[u8]| -> String {
        use sha2::Digest;
        sha2::Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let fixed: String = tags
        .lines()
        .map(|line| match line.split_once("  ") {
            Some((_, "bag-info.txt")) => format!("{}  bag-info.txt\n", hash(&info)),
            _ => format!("{line}\n"),
        })
        .collect();
    std::fs::write(raw.join("tagmanifest-sha256.txt"), fixed).unwrap();
    let run = receive(&sandbox, &raw, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(common::record_count(&sandbox), 3);
}
