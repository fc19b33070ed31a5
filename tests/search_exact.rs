//! Exact search: a query finds the records whose text contains it (after folding full-width,
//! case and traditional characters), no more and no fewer, in hits and in every count.

use dangan::archive::records::NewCode;
use dangan::domain::folding::fold_for_search;
use dangan::domain::{Classification, CodeScheme, Field, RecordData, Role};
use dangan::{Archive, Session};

const PASSWORD: &str = "口令-2026-测试";

fn data(title: &str, responsible: &str, class: &str) -> RecordData {
    let mut data = RecordData::default();
    for (field, value) in [
        (Field::Title, title),
        (Field::Responsible, responsible),
        (Field::Classification, class),
    ] {
        data.set(field, value).unwrap();
    }
    data
}

fn archive(records: &[(&str, &str, &str)]) -> (tempfile::TempDir, Archive, Session) {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::init(&dir.path().join("a")).unwrap();
    let admin = archive
        .create_first_admin("admin", "张管理", PASSWORD)
        .unwrap();
    archive
        .add_fonds(&admin, "J001", "市人民政府办公室", CodeScheme::Plain)
        .unwrap();
    for (i, (title, responsible, class)) in records.iter().enumerate() {
        let code = format!("J001-2019-Y-BGS-{:04}", i + 1);
        archive
            .add_record(
                &admin,
                NewCode::Exact(code.parse().unwrap()),
                &data(title, responsible, class),
            )
            .unwrap();
    }
    (dir, archive, admin)
}

fn titles(archive: &mut Archive, session: &Session, query: &str) -> Vec<String> {
    let results = archive.search_with_counts(session, query, 100).unwrap();
    assert_eq!(results.total, results.hits.len(), "{query}");
    let counted: u64 = results.facets.fonds.iter().map(|(_, n)| n).sum();
    assert_eq!(counted as usize, results.total, "{query}: fonds counts");
    let mut titles: Vec<String> = results
        .hits
        .into_iter()
        .map(|f| f.record.data.title)
        .collect();
    titles.sort();
    titles
}

#[test]
fn pairs_held_apart_are_not_a_hit_in_the_list_or_the_counts() {
    let (_dir, mut archive, admin) = archive(&[
        ("关于市政建设工程的通知", "市建设局", "公开"),
        // 政建, 建设 and 设工 are all here, but never together.
        ("行政建制调整与建设工作", "市民政局", "公开"),
        ("研究研究再说", "市政府", "公开"),
        ("研究一下，再研究", "市政府", "公开"),
        ("关于整理档案", "馆藏部", "公开"),
    ]);
    assert_eq!(
        titles(&mut archive, &admin, "政建设工"),
        ["关于市政建设工程的通知"]
    );
    assert_eq!(titles(&mut archive, &admin, "研究研究"), ["研究研究再说"]);
    assert!(
        titles(&mut archive, &admin, "档案馆").is_empty(),
        "the end of the title and the start of the next field are not adjacent"
    );
    assert_eq!(
        titles(&mut archive, &admin, "建设 -政建设工"),
        ["行政建制调整与建设工作"],
        "an exclusion is exact too"
    );
}

#[test]
fn traditional_and_simplified_find_each_other() {
    let (_dir, mut archive, admin) = archive(&[
        ("《臺灣地區檔案管理辦法》", "檔案館", "公开"),
        ("关于档案管理规定的通知", "市档案馆", "公开"),
        ("档案数字化方案", "市档案馆", "公开"),
    ]);
    let both = ["《臺灣地區檔案管理辦法》", "关于档案管理规定的通知"];
    assert_eq!(titles(&mut archive, &admin, "档案管理"), both);
    assert_eq!(titles(&mut archive, &admin, "檔案管理"), both);
    assert_eq!(
        titles(&mut archive, &admin, "台湾"),
        ["《臺灣地區檔案管理辦法》"]
    );
}

#[test]
fn counts_never_include_records_above_the_clearance() {
    let (_dir, mut archive, admin) = archive(&[
        ("关于市政建设工程的通知", "市建设局", "公开"),
        ("市政建设工程保密方案", "市建设局", "机密"),
        ("行政建制调整与建设工作", "市民政局", "公开"),
    ]);
    archive
        .add_user(
            &admin,
            "reader",
            "李阅览",
            PASSWORD,
            Role::Reader,
            Classification::Public,
        )
        .unwrap();
    let reader = archive.login("reader", PASSWORD).unwrap();
    assert_eq!(titles(&mut archive, &admin, "政建设工").len(), 2);
    let seen = archive.search_with_counts(&reader, "政建设工", 20).unwrap();
    assert_eq!(seen.total, 1);
    assert_eq!(seen.facets.fonds, [("J001".to_string(), 1)]);
    assert_eq!(seen.facets.year, [("2019".to_string(), 1)]);
}

/// A small generator with a fixed seed: titles over a few characters, so that many queries hold
/// pairs that occur apart.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

#[test]
fn every_total_equals_a_scan_of_the_folded_text() {
    // 檔 folds to 档 and １ to 1: the scan folds as the index does. No Latin letters, which
    // would also be read as pinyin.
    let alphabet: Vec<char> = "政建设工程档檔案１1".chars().collect();
    let mut random = Lcg(2019);
    let owned: Vec<(String, String)> = (0..120)
        .map(|_| {
            let title_length = 6 + random.below(8);
            let mut word = |length: usize| -> String {
                (0..length)
                    .map(|_| alphabet[random.below(alphabet.len())])
                    .collect()
            };
            (word(title_length), word(3))
        })
        .collect();
    let records: Vec<(&str, &str, &str)> = owned
        .iter()
        .map(|(t, r)| (t.as_str(), r.as_str(), "公开"))
        .collect();
    let (_dir, mut archive, admin) = archive(&records);
    // The archival code is searched too: J001-2019-Y-BGS-0001 holds 1s.
    let folded: Vec<String> = owned
        .iter()
        .enumerate()
        .map(|(i, (t, r))| fold_for_search(&format!("{t}\n{r}\nJ001-2019-Y-BGS-{:04}", i + 1)))
        .collect();
    let mut queries: Vec<String> = Vec::new();
    for (title, _) in owned.iter().take(20) {
        let chars: Vec<char> = title.chars().collect();
        for length in 1..=6.min(chars.len()) {
            let start = random.below(chars.len() - length + 1);
            queries.push(chars[start..start + length].iter().collect());
        }
    }
    for query in queries {
        let needle = fold_for_search(&query);
        let expected = folded.iter().filter(|text| text.contains(&needle)).count();
        let found = archive.search_with_counts(&admin, &query, 1).unwrap();
        assert_eq!(found.total, expected, "{query}");
        let counted: u64 = found.facets.fonds.iter().map(|(_, n)| n).sum();
        assert_eq!(counted as usize, expected, "{query}: counts per fonds");
    }
}
