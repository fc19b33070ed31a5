//! A demo archive of realistic Chinese records: several fonds, twenty years, departments and
//! retention periods, deterministic for a seed.

mod arranged;
mod loans;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::archive::Archive;
use crate::archive::accounts::SYSTEM_DEMO;
use crate::archive::store::audit::Stamp;
use crate::archive::store::records::{self, Origin};
use crate::archive::store::{fonds, settings};
use crate::domain::{
    Carrier, Classification, CodeGroup, CodeScheme, Openness, RecordData, RecordDate, Retention,
    Role, Status,
};
use crate::error::Result;

pub const SETTING_RECORDS: &str = "demo.records";
pub const SETTING_SEED: &str = "demo.seed";
/// What a demo holds besides its records; a demo of an older layout is made anew.
pub const SETTING_LAYOUT: &str = "demo.layout";
/// 2: with a fonds arranged by volume and boxes on the shelves; 3: keywords from the titles;
/// 4: each fonds numbers its 文号 through the year, as an issuer does.
pub const LAYOUT: &str = "4";

/// One account of every role: name, display name, role, clearance, password. The passwords are
/// printed by `dangan demo`; a demo archive holds nothing secret.
pub const USERS: [(&str, &str, Role, Classification, &str); 5] = [
    (
        "admin",
        "张管理",
        Role::Admin,
        Classification::Confidential,
        "demo-admin-2019",
    ),
    (
        "archivist",
        "李档案",
        Role::Archivist,
        Classification::Confidential,
        "demo-archivist-2019",
    ),
    (
        "reader",
        "王查阅",
        Role::Reader,
        Classification::Internal,
        "demo-reader-2019",
    ),
    (
        "auditor",
        "赵审计",
        Role::Auditor,
        Classification::Confidential,
        "demo-auditor-2019",
    ),
    (
        "visitor",
        "阅览室",
        Role::Public,
        Classification::Public,
        "demo-visitor-2019",
    ),
];

/// SplitMix64: tiny, and its sequence for a seed never changes with a crate upgrade. Public for
/// the benches, whose data must be the same on every run.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn percent(&mut self) -> usize {
        self.below(100)
    }
}

const FONDS: &[(&str, &str, &str)] = &[
    ("J001", "市人民政府办公室", "政办发"),
    ("J002", "市财政局", "财预"),
    ("J003", "市教育局", "教发"),
    ("J004", "市档案馆", "档发"),
    ("J005", "市人力资源和社会保障局", "人社发"),
    ("J006", "市自然资源和规划局", "自然资规"),
];

/// The fonds whose records the demo codes as DA/T 22-2015 writes them, with a 门类 (WS: 文书);
/// the others keep the older shape without one, as archives arranged before 2016 do.
const DA_T_22_FONDS: &str = "J006";
const DA_T_22_CATEGORY: &str = "WS";

const DEPTS: &[(&str, &str)] = &[
    ("BGS", "办公室"),
    ("RSK", "人事科"),
    ("CWK", "财务科"),
    ("ZCK", "政策法规科"),
    ("XCK", "宣传科"),
    ("YWK", "业务科"),
];

const TOPICS: &[&str] = &[
    "财务预算",
    "档案管理",
    "安全生产",
    "人才引进",
    "信息化建设",
    "党风廉政建设",
    "政务公开",
    "防汛抗旱",
    "乡村振兴",
    "招商引资",
    "电子文件归档",
    "档案数字化",
    "保密工作",
    "职称评审",
    "固定资产清查",
    "节能减排",
    "义务教育均衡发展",
    "社会保险扩面征缴",
    "农民工务工就业",
    "驻京办事处撤并",
    "国土空间规划",
    "公务接待管理",
];

const DOC_KINDS: &[&str] = &[
    "通知",
    "报告",
    "请示",
    "批复",
    "意见",
    "函",
    "通报",
    "决定",
    "实施方案",
    "总结",
];

const PLANS: &[&str] = &[
    "档案管理办法（试行）",
    "机关文件材料归档范围和文书档案保管期限表",
    "电子文件归档与电子档案管理规范",
    "政府信息公开实施细则",
    "安全生产责任制考核办法",
    "财政资金绩效评价管理暂行办法",
];

const LATIN_TITLES: &[&str] = &[
    "关于推进ISO 9001质量管理体系认证工作的通知",
    "关于做好OA系统与电子档案管理系统（ERMS）对接的通知",
    "GB/T 18894—2016《电子文件归档与电子档案管理规范》培训材料",
    "关于采购PDF/A格式转换软件的请示",
    "关于启用OFD版式文件归档的通知",
    "DA/T 22—2015《归档文件整理规则》宣贯会议纪要",
];

const CAMPAIGNS: &[&str] = &[
    "国际档案日",
    "档案进万家",
    "书香机关",
    "安全生产月",
    "优化营商环境",
];

const NOTES: &[&str] = &[
    "原件破损，已修复",
    "附件：会议签到表",
    "含照片３张",
    "复印件，原件存市委办",
    "字迹褪色，已数字化",
    "与纸质原件核对无误",
];

const FULL_WIDTH_DIGITS: &[&str] = &[
    "１", "２", "３", "４", "５", "６", "７", "８", "９", "１０", "１１", "１２",
];

/// A title, and the subject and kind of document it names, which an indexer takes as its
/// keywords (主题词); `None` where the title names none.
fn title(
    rng: &mut Rng,
    year: u16,
    fonds_name: &str,
    dept_name: &str,
) -> (String, Option<&'static str>, Option<&'static str>) {
    let topic = *rng.pick(TOPICS);
    let kind = *rng.pick(DOC_KINDS);
    match rng.below(10) {
        0 => (
            format!("关于印发《{}》的通知", rng.pick(PLANS)),
            None,
            Some("通知"),
        ),
        1 => (
            format!(
                "{dept_name}{year}年第{}次工作会议纪要",
                rng.pick(FULL_WIDTH_DIGITS)
            ),
            None,
            Some("会议纪要"),
        ),
        2 => (
            format!("关于开展“{}”主题活动的实施方案", rng.pick(CAMPAIGNS)),
            None,
            Some("实施方案"),
        ),
        3 => (
            format!("{year}年{topic}工作总结——{dept_name}"),
            Some(topic),
            Some("总结"),
        ),
        4 => (
            format!("转发省政府《关于加强{topic}的意见》的通知"),
            Some(topic),
            Some("通知"),
        ),
        5 => (
            format!("{fonds_name}关于{topic}有关问题的{kind}"),
            Some(topic),
            Some(kind),
        ),
        6 => (
            format!(
                "关于{topic}、{}等事项的说明…（附件{}份）",
                rng.pick(TOPICS),
                rng.pick(FULL_WIDTH_DIGITS)
            ),
            Some(topic),
            None,
        ),
        7 if rng.percent() < 40 => (rng.pick(LATIN_TITLES).to_string(), None, None),
        _ => (
            format!("关于{year}年度{topic}工作的{kind}"),
            Some(topic),
            Some(kind),
        ),
    }
}

/// A record of `group`; `numbered` is the last 文号 number its fonds gave in its year.
fn record(
    rng: &mut Rng,
    group: &CodeGroup,
    fonds: &(&str, &str, &str),
    numbered: &mut u32,
) -> RecordData {
    let (_, fonds_name, doc_prefix) = *fonds;
    let dept_name = DEPTS
        .iter()
        .find(|(code, _)| *code == group.dept)
        .map_or("", |(_, name)| *name);
    let (title, named_topic, named_kind) = title(rng, group.year, fonds_name, dept_name);
    let month = 1 + rng.below(12) as u8;
    let days = crate::domain::date::days_in_month(group.year.into(), month.into());
    let day = 1 + rng.below(days as usize) as u8;
    let date = match rng.percent() {
        0..=3 => RecordDate {
            year: group.year,
            month,
            day: 0,
            estimated: false,
        },
        4 => RecordDate {
            year: group.year,
            month,
            day: 0,
            estimated: true,
        },
        _ => RecordDate {
            year: group.year,
            month,
            day,
            estimated: false,
        },
    };
    let carrier = match rng.percent() {
        0..=59 => Carrier::Paper,
        60..=84 => Carrier::Both,
        _ => Carrier::Electronic,
    };
    let location = if carrier == Carrier::Electronic {
        String::new()
    } else {
        format!(
            "{}号库-{:02}柜-{}层-{:03}盒",
            1 + rng.below(3),
            1 + rng.below(40),
            1 + rng.below(6),
            1 + rng.below(300)
        )
    };
    let status = match rng.percent() {
        0..=3 => Status::Unprocessed,
        // Records are destroyed only through an appraisal (`appraise`): the demo leaves them due.
        _ => Status::InStore,
    };
    RecordData {
        doc_no: if title.contains("纪要") || rng.percent() < 15 {
            String::new()
        } else {
            // Drawn still, so the records after it stay as they were; an issuer numbers on.
            let _ = rng.below(150);
            *numbered += 1;
            format!("{doc_prefix}〔{}〕{}号", group.year, numbered)
        },
        responsible: if rng.percent() < 10 {
            let partner = FONDS
                .iter()
                .map(|f| f.1)
                .filter(|name| *name != fonds_name)
                .nth(rng.below(FONDS.len() - 1));
            format!("{fonds_name}、{}", partner.unwrap_or_default())
        } else if rng.percent() < 30 {
            format!("{fonds_name}{dept_name}")
        } else {
            fonds_name.to_string()
        },
        date: Some(date),
        classification: match rng.percent() {
            0..=54 => Classification::Public,
            55..=89 => Classification::Internal,
            90..=97 => Classification::Secret,
            _ => Classification::Confidential,
        },
        carrier,
        pages: Some(1 + rng.below(40) as u32),
        location,
        // As an indexer gives them: what the title names, else a subject of the indexer's own.
        keywords: {
            let (topic, kind): (&str, &str) = (*rng.pick(TOPICS), *rng.pick(DOC_KINDS));
            format!(
                "{} {}",
                named_topic.unwrap_or(topic),
                named_kind.unwrap_or(kind)
            )
        },
        notes: if rng.percent() < 8 {
            rng.pick(NOTES).to_string()
        } else {
            String::new()
        },
        status,
        openness: Openness::Unreviewed,
        title,
    }
}

/// How many records each group gets: drawn first, so records can then be written in code order.
fn group_sizes(rng: &mut Rng, records: u64) -> BTreeMap<(usize, CodeGroup), u32> {
    let mut sizes = BTreeMap::new();
    for _ in 0..records {
        let fonds_index = rng.below(FONDS.len());
        let retention = match rng.percent() {
            0..=29 => Retention::Permanent,
            30..=69 => Retention::ThirtyYears,
            _ => Retention::TenYears,
        };
        let fonds = FONDS[fonds_index].0;
        let category = match fonds {
            DA_T_22_FONDS => DA_T_22_CATEGORY,
            _ => "",
        };
        let group = CodeGroup {
            fonds: fonds.to_string(),
            category: category.to_string(),
            year: 2005 + rng.below(20) as u16,
            retention,
            dept: rng.pick(DEPTS).0.to_string(),
            volume: None,
        };
        *sizes.entry((fonds_index, group)).or_insert(0) += 1;
    }
    sizes
}

/// Creates a demo archive in `dir` (new or empty) with `records` records made from `seed`.
pub fn build(dir: &Path, records: u64, seed: u64) -> Result<Archive> {
    build_at(dir, records, seed, chrono::Utc::now())
}

/// `build`, the records entered at `now` (so that what depends on when records came in, the
/// statistics of a year, reads the same on every day a test runs); the clock is the real one
/// afterwards.
fn build_at(dir: &Path, records: u64, seed: u64, now: DateTime<Utc>) -> Result<Archive> {
    let mut archive = Archive::init(dir)?;
    archive.set_clock(move || now);
    for (name, display_name, role, clearance, password) in USERS {
        archive.insert_user(name, display_name, password, role, clearance, SYSTEM_DEMO)?;
    }
    let mut rng = Rng(seed);
    let at = archive.now();
    let key = archive.audit_key.clone();
    let stamp = Stamp {
        key: &key,
        at: &at,
        user: SYSTEM_DEMO,
    };
    archive.store.write(|tx| {
        for (code, name, _) in FONDS {
            let scheme = match *code {
                DA_T_22_FONDS => CodeScheme::Dat22,
                _ => CodeScheme::Plain,
            };
            fonds::add(tx, code, name, scheme, &at)?;
        }
        let detail = serde_json::json!({"records": records, "seed": seed});
        let seq = stamp.append(tx, "demo.build", "records", detail)?;
        let origin = Origin {
            at: &at,
            by: SYSTEM_DEMO,
            import: None,
            audit_seq: Some(seq),
        };
        let mut numbered: BTreeMap<(usize, u16), u32> = BTreeMap::new();
        for ((fonds_index, group), size) in group_sizes(&mut rng, records) {
            for item in 1..=size {
                let last = numbered.entry((fonds_index, group.year)).or_default();
                let data = record(&mut rng, &group, &FONDS[fonds_index], last);
                records::insert(tx, &group.with_item(item), &data, &origin)?;
            }
        }
        arranged::volume_fonds(tx, seed, records, &origin)?;
        arranged::boxed_groups(tx, &origin)?;
        settings::set(tx, SETTING_RECORDS, &records.to_string())?;
        settings::set(tx, SETTING_LAYOUT, LAYOUT)?;
        settings::set(tx, SETTING_SEED, &seed.to_string())
    })?;
    archive.set_clock(chrono::Utc::now);
    Ok(archive)
}

/// A demo archive as `dangan demo` makes it: the records, then a few weeks of loans up to `now`.
pub fn build_with_loans(
    dir: &Path,
    records: u64,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<Archive> {
    let mut archive = build_at(dir, records, seed, now)?;
    loans::lend_some(&mut archive, records, seed, now)?;
    Ok(archive)
}
