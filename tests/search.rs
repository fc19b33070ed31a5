//! Search through the library: substring recall in Chinese, full-width input, every filter,
//! several handles on one archive, a deleted index rebuilt, and clearance in hits and counts.

use dangan::archive::records::NewCode;
use dangan::domain::{Classification, CodeScheme, Field, RecordData, Role};
use dangan::{Archive, Session};

const PASSWORD: &str = "口令-2026-测试";

/// (code, title, responsible, classification, status)
const RECORDS: [(&str, &str, &str, &str, &str); 10] = [
    (
        "J001-2019-Y-BGS-0001",
        "关于2019年度农民工务工就业工作的通知",
        "市人力资源和社会保障局",
        "公开",
        "在库",
    ),
    (
        "J001-2019-Y-BGS-0002",
        "关于驻京办事处撤并的请示",
        "市人民政府办公室",
        "内部",
        "在库",
    ),
    (
        "J001-2019-D30-CWK-0001",
        "2019年财务预算工作总结——财务科",
        "市财政局",
        "公开",
        "待整理",
    ),
    (
        "J001-2018-D10-CWK-0001",
        "财务科2018年第４次工作会议纪要",
        "市财政局",
        "公开",
        "在库",
    ),
    (
        "J001-2015-Y-XCK-0001",
        "关于开展“国际档案日”宣传活动的通知",
        "市档案馆",
        "公开",
        "在库",
    ),
    (
        "J002-2017-Y-BGS-0001",
        "GB/T 18894—2016《电子文件归档与电子档案管理规范》培训材料",
        "市档案馆",
        "公开",
        "在库",
    ),
    (
        "J002-2016-D30-BGS-0001",
        "关于档案数字化工作的实施方案（草稿）",
        "市档案馆",
        "内部",
        "在库",
    ),
    (
        "J002-2016-D30-BGS-0002",
        "关于档案数字化工作的实施方案",
        "市档案馆",
        "秘密",
        "借出",
    ),
    (
        "J002-2019-Y-BGS-0001",
        "机密：关于绝密档案迁移的方案",
        "市档案馆",
        "机密",
        "在库",
    ),
    (
        "J002-2012-D10-RSK-0001",
        "人事科关于职称评审的批复",
        "市人事局",
        "公开",
        "在库",
    ),
];

fn archive() -> (tempfile::TempDir, Archive, Session) {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::init(&dir.path().join("a")).unwrap();
    let admin = archive
        .create_first_admin("admin", "张管理", PASSWORD)
        .unwrap();
    archive
        .add_fonds(&admin, "J001", "市人民政府办公室", CodeScheme::Plain)
        .unwrap();
    archive
        .add_fonds(&admin, "J002", "市档案馆", CodeScheme::Plain)
        .unwrap();
    for (code, title, responsible, class, status) in RECORDS {
        let mut data = RecordData::default();
        for (field, value) in [
            (Field::Title, title),
            (Field::Responsible, responsible),
            (Field::Classification, class),
            (Field::Status, status),
        ] {
            data.set(field, value).unwrap();
        }
        archive
            .add_record(&admin, NewCode::Exact(code.parse().unwrap()), &data)
            .unwrap();
    }
    (dir, archive, admin)
}

fn codes(archive: &mut Archive, session: &Session, query: &str) -> Vec<String> {
    let results = archive.search(session, query, 50).unwrap();
    assert_eq!(
        results.total,
        results.hits.len(),
        "{query}: all hits fit in the page here"
    );
    let mut codes: Vec<String> = results
        .hits
        .iter()
        .map(|f| f.record.code.to_string())
        .collect();
    codes.sort();
    codes
}

#[test]
fn substrings_that_cross_word_boundaries_are_found() {
    let (_dir, mut archive, admin) = archive();
    // jieba segments 农民工/务工/就业 and 驻京/办事处: 务工 and 事处 are substrings it would miss alone.
    assert_eq!(
        codes(&mut archive, &admin, "务工"),
        ["J001-2019-Y-BGS-0001"]
    );
    assert_eq!(
        codes(&mut archive, &admin, "事处"),
        ["J001-2019-Y-BGS-0002"]
    );
    assert_eq!(
        codes(&mut archive, &admin, "档"),
        codes(&mut archive, &admin, "档")
    );
    assert_eq!(
        codes(&mut archive, &admin, "人力资源"),
        ["J001-2019-Y-BGS-0001"],
        "other fields are searched"
    );
    assert_eq!(
        codes(&mut archive, &admin, "GB/T"),
        ["J002-2017-Y-BGS-0001"]
    );
    assert_eq!(
        codes(&mut archive, &admin, "J002-2012"),
        ["J002-2012-D10-RSK-0001"],
        "codes are searched"
    );
}

#[test]
fn full_width_input_finds_half_width_text_and_back() {
    let (_dir, mut archive, admin) = archive();
    assert_eq!(
        codes(&mut archive, &admin, "ＧＢ／Ｔ　１８８９４"),
        ["J002-2017-Y-BGS-0001"]
    );
    assert_eq!(
        codes(&mut archive, &admin, "第4次"),
        ["J001-2018-D10-CWK-0001"],
        "the title has 第４次"
    );
}

#[test]
fn every_filter_narrows_and_combines() {
    let (_dir, mut archive, admin) = archive();
    let mut search = |q: &str| codes(&mut archive, &admin, q);
    assert_eq!(search("财务 year:2019"), ["J001-2019-D30-CWK-0001"]);
    assert_eq!(search("财务 year:2015..2018"), ["J001-2018-D10-CWK-0001"]);
    assert_eq!(search("fonds:J002 dept:RSK"), ["J002-2012-D10-RSK-0001"]);
    assert_eq!(
        search("retention:D30 status:待整理"),
        ["J001-2019-D30-CWK-0001"]
    );
    assert_eq!(search("档案数字化 class:秘密"), ["J002-2016-D30-BGS-0002"]);
    assert_eq!(search("档案数字化 -草稿"), ["J002-2016-D30-BGS-0002"]);
    assert_eq!(search("“国际档案日”"), ["J001-2015-Y-XCK-0001"]);
    assert_eq!(search("status:借出").len(), 1);
    assert_eq!(
        search("年度：2019 全宗：J001").len(),
        3,
        "Chinese keys and a full-width colon"
    );
    assert!(search("不存在的词").is_empty());
    for odd in ["year:abc", "(财务", "\"未闭合", "class:绝密 OR"] {
        assert!(
            archive.search(&admin, odd, 5).is_ok(),
            "{odd} is not an error"
        );
    }
    // Nothing to search by is said, not answered with every record.
    for nothing in ["-", "：："] {
        assert!(archive.search(&admin, nothing, 5).is_err(), "{nothing}");
    }
}

#[test]
fn clearance_limits_hits_and_totals() {
    let (_dir, mut archive, admin) = archive();
    archive
        .add_user(
            &admin,
            "reader",
            "",
            PASSWORD,
            Role::Reader,
            Classification::Internal,
        )
        .unwrap();
    let reader = archive.login("reader", PASSWORD).unwrap();
    assert_eq!(archive.search(&admin, "方案", 50).unwrap().total, 3);
    let results = archive.search(&reader, "方案", 50).unwrap();
    assert_eq!(results.total, 1, "秘密 and 机密 are not counted");
    assert!(
        results
            .hits
            .iter()
            .all(|f| f.record.data.classification <= Classification::Internal)
    );
    assert!(codes(&mut archive, &reader, "绝密").is_empty());
}

#[test]
fn a_change_in_one_handle_is_found_through_another() {
    let (dir, mut first, admin) = archive();
    let mut second = Archive::open(&dir.path().join("a")).unwrap();
    let other = second.login("admin", PASSWORD).unwrap();
    assert!(codes(&mut second, &other, "档案移交清册").is_empty());
    first
        .edit_record(
            &admin,
            &"J001-2015-Y-XCK-0001".parse().unwrap(),
            &[(Field::Title, "档案移交清册".into())],
            None,
        )
        .unwrap();
    assert_eq!(
        codes(&mut second, &other, "档案移交清册"),
        ["J001-2015-Y-XCK-0001"]
    );
    assert!(
        codes(&mut second, &other, "国际档案日").is_empty(),
        "the old title is gone from the index"
    );
}

#[test]
fn an_index_deleted_and_rebuilt_gives_the_same_results() {
    let (dir, mut archive, admin) = archive();
    let queries = ["务工", "档案", "财务 year:2019", "方案 -草稿", "GB/T"];
    let before: Vec<Vec<String>> = queries
        .iter()
        .map(|q| codes(&mut archive, &admin, q))
        .collect();
    drop(archive);
    std::fs::remove_dir_all(dir.path().join("a/index")).unwrap();
    let mut reopened = Archive::open(&dir.path().join("a")).unwrap();
    let admin = reopened.login("admin", PASSWORD).unwrap();
    let mut progress = Vec::new();
    assert_eq!(
        reopened
            .reindex(&admin, &mut |percent| progress.push(percent))
            .unwrap(),
        10
    );
    assert_eq!(progress.last(), Some(&100), "progress in percent, to 100");
    let after: Vec<Vec<String>> = queries
        .iter()
        .map(|q| codes(&mut reopened, &admin, q))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn pinyin_initials_and_full_pinyin_find_chinese_titles() {
    let (_dir, mut archive, admin) = archive();
    assert_eq!(
        codes(&mut archive, &admin, "wugong"),
        ["J001-2019-Y-BGS-0001"]
    );
    assert_eq!(
        codes(&mut archive, &admin, "zjbsc"),
        ["J001-2019-Y-BGS-0002"],
        "驻京办事处 by initials"
    );
    assert_eq!(
        codes(&mut archive, &admin, "dangan shuzihua"),
        ["J002-2016-D30-BGS-0001", "J002-2016-D30-BGS-0002"]
    );
    assert_eq!(
        codes(&mut archive, &admin, "zcps"),
        ["J002-2012-D10-RSK-0001"],
        "职称评审"
    );
    assert!(codes(&mut archive, &admin, "zzzz").is_empty());
}

#[test]
fn pinyin_finds_what_the_characters_find_in_keywords_notes_and_responsible() {
    let (_dir, mut archive, admin) = archive();
    let mut data = RecordData::default();
    for (field, value) in [
        (Field::Title, "２０２０年度工作报告（Q4）"),
        (Field::Keywords, "档案管理；移交"),
        (Field::Notes, "附件为“扫描件”……另存光盘"),
        (Field::Responsible, "市统计局"),
    ] {
        data.set(field, value).unwrap();
    }
    let code = "J001-2020-Y-BGS-0001";
    archive
        .add_record(&admin, NewCode::Exact(code.parse().unwrap()), &data)
        .unwrap();
    for (chinese, pinyin) in [
        ("档案管理", "dagl"),
        ("扫描件", "saomiaojian"),
        ("统计局", "tjj"),
    ] {
        let by_characters = codes(&mut archive, &admin, chinese);
        assert!(by_characters.contains(&code.to_string()), "{chinese}");
        let by_pinyin = codes(&mut archive, &admin, pinyin);
        for found in &by_characters {
            assert!(
                by_pinyin.contains(found),
                "{pinyin} misses {found} that {chinese} finds"
            );
        }
    }
}

#[test]
fn counts_per_fonds_year_and_status_cover_all_matches_within_clearance() {
    let (_dir, mut archive, admin) = archive();
    let facets = archive
        .search_with_counts(&admin, "档案", 1)
        .unwrap()
        .facets;
    let count = |values: &[(String, u64)], key: &str| {
        values.iter().find(|(v, _)| v == key).map_or(0, |(_, n)| *n)
    };
    // 档案 is in J001-2015 (国际档案日) and J002: 2017, 2016 ×2, 2019 (机密).
    assert_eq!(
        (count(&facets.fonds, "J001"), count(&facets.fonds, "J002")),
        (1, 4)
    );
    assert_eq!(count(&facets.year, "2016"), 2);
    assert_eq!(count(&facets.status, "on_loan"), 1);

    archive
        .add_user(
            &admin,
            "reader",
            "",
            PASSWORD,
            Role::Reader,
            Classification::Internal,
        )
        .unwrap();
    let reader = archive.login("reader", PASSWORD).unwrap();
    let facets = archive
        .search_with_counts(&reader, "档案", 1)
        .unwrap()
        .facets;
    assert_eq!(
        count(&facets.fonds, "J002"),
        2,
        "the 秘密 and 机密 ones are not counted"
    );
    assert_eq!(count(&facets.status, "on_loan"), 0);
}

#[test]
fn results_sort_by_relevance_or_by_archival_code() {
    let (_dir, mut archive, admin) = archive();
    let order = |archive: &mut Archive, q: &str| -> Vec<String> {
        archive
            .search(&admin, q, 50)
            .unwrap()
            .hits
            .iter()
            .map(|f| f.record.code.to_string())
            .collect()
    };
    let by_code = order(&mut archive, "档案 sort:code");
    let mut sorted = by_code.clone();
    sorted.sort();
    assert_eq!(by_code, sorted);
    assert_eq!(by_code.len(), 5);
    let by_relevance = order(&mut archive, "档案");
    assert_eq!(by_relevance.len(), 5);
    let scores: Vec<f32> = archive
        .search(&admin, "档案", 50)
        .unwrap()
        .hits
        .iter()
        .map(|f| f.score)
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn a_query_of_punctuation_alone_finds_nothing_and_says_why() {
    let (_dir, mut archive, admin) = archive();
    for query in ["《", "?", "《》“”——……、", "sort:code"] {
        let error = match archive.search(&admin, query, 50) {
            Ok(results) => panic!("{query}: {} hits", results.total),
            Err(error) => error,
        };
        assert_eq!(error.kind(), dangan::error::Kind::BadInput, "{query}");
        let said = error.text(dangan::i18n::Lang::Zh);
        assert!(said.contains("只有标点"), "{query}: {said}");
    }
    assert_eq!(archive.search(&admin, "-草稿", 50).unwrap().total, 9);
}

#[test]
fn a_typo_is_offered_a_word_the_index_holds_but_never_one_only_hidden_records_hold() {
    let (_dir, mut archive, admin) = archive();
    let offered = |archive: &mut Archive, session: &Session, query: &str| {
        let results = archive.search(session, query, 50).unwrap();
        assert_eq!(results.total, 0, "{query}");
        results.suggestion
    };
    assert_eq!(
        offered(&mut archive, &admin, "会以纪要").as_deref(),
        Some("会议纪要")
    );
    assert_eq!(
        offered(&mut archive, &admin, "档按数字化 year:2016").as_deref(),
        Some("档案数字化 year:2016")
    );
    // The first character wrong, too.
    assert_eq!(
        offered(&mut archive, &admin, "材务预算").as_deref(),
        Some("财务预算")
    );
    // 迁移 is a word only of a 机密 record: offered to the administrator, never to a reader.
    assert_eq!(
        offered(&mut archive, &admin, "档案迁多").as_deref(),
        Some("档案迁移")
    );
    archive
        .add_user(
            &admin,
            "reader",
            "",
            PASSWORD,
            Role::Reader,
            Classification::Public,
        )
        .unwrap();
    let reader = archive.login("reader", PASSWORD).unwrap();
    assert_eq!(offered(&mut archive, &reader, "档案迁多"), None);
    assert_eq!(
        offered(&mut archive, &reader, "会以纪要").as_deref(),
        Some("会议纪要")
    );
}
