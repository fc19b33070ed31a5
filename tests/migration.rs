//! An archive made by the first schema opens in this dangan: data intact, schema brought forward.

mod common;

use common::{Sandbox, fixture};

#[test]
fn an_archive_made_by_the_first_schema_is_upgraded_and_keeps_its_records() {
    let sandbox = Sandbox::new();
    let archive = sandbox.archive();
    std::fs::create_dir_all(archive.join("objects")).unwrap();
    let db = archive.join("dangan.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(&String::from_utf8(fixture("schema_v1.sql")).unwrap())
            .unwrap();
    }

    // The first schema had no accounts: nothing opens until a first admin is made.
    let locked = sandbox.run(&["show", "J001-2019-Y-BGS-0001"]);
    assert_eq!(locked.code, 77, "{}", locked.stderr);
    let bootstrap = sandbox.run(&["user", "add", common::ADMIN, "--role", "admin"]);
    assert_eq!(bootstrap.code, 0, "{}", bootstrap.stderr);
    let again = sandbox.run(&["user", "add", "冒名者", "--role", "admin"]);
    assert_ne!(again.code, 0, "only the first admin needs no log-in");

    let record = sandbox.json(&["show", "J001-2019-Y-BGS-0001", "--json"]);
    assert_eq!(record["title"], "关于印发《档案管理办法》的通知");
    assert_eq!(record["version"], 2);
    assert_eq!(
        record["revisions"][0]["title"],
        "关于印发档案管理办法的通知"
    );
    assert_eq!(record["revisions"][0]["replaced_by"], "老用户");

    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(version > 1, "schema brought forward, found {version}");

    // What the newer schema added works on the upgraded archive.
    let file = sandbox.write(
        "new.csv",
        "档号,题名\nJ001-2019-Y-BGS-0002,升级后导入的记录\n".as_bytes(),
    );
    sandbox.ok(&["import", "records", file.to_str().unwrap()]);
    assert!(
        sandbox
            .ok(&["show", "J001-2019-Y-BGS-0002"])
            .contains("imported from new.csv line 2")
    );
    // Its fonds keep the shape of code they had; a DA/T 22 code beside them is another record.
    let fonds = sandbox.json(&["fonds", "list", "--json"]);
    assert_eq!(fonds[0]["scheme"], "plain", "{fonds}");
    sandbox.ok(&["fonds", "scheme", "J001", "dat22"]);
    sandbox.ok(&[
        "add",
        "--code",
        "J001-WS·2019-Y-BGS-0001",
        "--title",
        "新规则下的第一件",
    ]);
    assert_eq!(
        sandbox.json(&["show", "J001-2019-Y-BGS-0001", "--json"])["title"],
        "关于印发《档案管理办法》的通知"
    );
    sandbox.ok(&["edit", "J001-2019-Y-BGS-0001", "--pages", "13"]);
    assert_eq!(
        sandbox.json(&["show", "J001-2019-Y-BGS-0001", "--json"])["version"],
        3
    );
    // And the fonds can turn to volumes for its older records: a volume and its first item.
    sandbox.ok(&["fonds", "scheme", "J001", "volume"]);
    #[rustfmt::skip]
    sandbox.ok(&["volume", "add", "J001-001-001", "--title", "一九五八年“文书”案卷",
        "--retention", "永久", "--year", "1958"]);
    sandbox.ok(&["add", "--volume", "J001-001-001", "--title", "卷内第一件"]);
    let view = sandbox.json(&["volume", "show", "J001-001-001", "--json"]);
    assert_eq!(view["contents"][0]["code"], "J001-001-001-0001");
    assert_eq!(view["contents"][0]["year"], 1958);
    // The statistics count what the old archive held and what came after, as `check` agrees.
    let stats = sandbox.json(&["stats", "--format", "json"]);
    let records = stats["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["section"] == "holdings" && f["key"] == "records")
        .unwrap();
    let total = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM records", [], |r| r.get::<_, i64>(0))
        .unwrap();
    assert_eq!(records["value"], total, "{stats}");
    let check = sandbox.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn an_archive_from_a_newer_dangan_is_refused_untouched() {
    let sandbox = Sandbox::new();
    let archive = sandbox.archive();
    std::fs::create_dir_all(&archive).unwrap();
    let db = archive.join("dangan.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999;")
        .unwrap();
    let run = sandbox.run(&["list"]);
    assert_eq!(run.code, 69);
    assert!(
        run.stderr.contains("newer dangan (schema 999)"),
        "{}",
        run.stderr
    );
}
