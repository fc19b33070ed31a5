//! The demo's arrangement beyond the 件-level records: a fonds arranged by volume, as records
//! filed before the 件-level rules are (J007: catalogues by retention, volumes of a year's
//! papers, items inside by 顺序号), its volumes on the shelves of 2号库; and the boxes of the
//! older groups of two fonds on the shelves of 1号库. Drawn from their own stream of the seed,
//! so the 件-level records are the same with or without them.

use rusqlite::Transaction;

use super::{DEPTS, Rng, TOPICS, record};
use crate::archive::sight::Sight;
use crate::archive::store::records::{self, Origin};
use crate::archive::store::{boxes, fonds, volumes};
use crate::domain::boxing::{BoxCode, split_into_boxes};
use crate::domain::volume::{VolumeCode, VolumeData, VolumeNo};
use crate::domain::{Carrier, Classification, CodeGroup, CodeScheme, Openness, Retention};
use crate::error::Result;

pub(super) const VOLUME_FONDS: (&str, &str, &str) = ("J007", "市计划委员会", "计委发");
/// Besides the demo's records, one item in this many is made inside a volume.
const VOLUME_SHARE: u64 = 10;
/// Enough for a few volumes in every catalogue of a small demo.
const MIN_ITEMS: u64 = 60;
/// The volumes of these years and before have been through an opening review (开放审核).
const OPENED_BEFORE: u16 = 1989;

/// Fonds whose groups of these years and before stand boxed on the shelves.
const BOXED_FONDS: [&str; 2] = ["J004", "J005"];
const BOXED_UNTIL: u16 = 2012;
const ITEMS_PER_BOX: u32 = 20;

/// Catalogues as older fonds kept them: one per retention period, 长期 and 短期 included.
const CATALOGUES: [(&str, Retention); 3] = [
    ("001", Retention::Permanent),
    ("002", Retention::Long),
    ("003", Retention::Short),
];

/// A place on the shelves: 库房-列-节-层, filling each shelf with `per_shelf` before the next.
fn shelf(stack: &str, n: u64, per_shelf: u64) -> String {
    let shelf = n / per_shelf;
    let (layer, section, column) = (shelf % 5 + 1, shelf / 5 % 6 + 1, shelf / 30 + 1);
    format!("{stack}-{column:02}-{section:02}-{layer}")
}

/// What a volume is about: one topic, or two different ones.
fn topics(rng: &mut Rng) -> String {
    let first = rng.pick(TOPICS);
    let second = rng.pick(TOPICS);
    if first == second || rng.percent() < 30 {
        first.to_string()
    } else {
        format!("{first}、{second}")
    }
}

/// The volume-arranged fonds: about one item for every `VOLUME_SHARE` records, a dozen a volume.
pub(super) fn volume_fonds(
    tx: &Transaction,
    seed: u64,
    records: u64,
    origin: &Origin,
) -> Result<()> {
    let (code, name, _) = VOLUME_FONDS;
    fonds::add(tx, code, name, CodeScheme::Volume, origin.at)?;
    let mut rng = Rng(seed ^ 0x5eed_0a5e_u64);
    let mut items_left = match records {
        0 => 0,
        _ => (records / VOLUME_SHARE).max(MIN_ITEMS),
    };
    let mut numbers = [0u32; CATALOGUES.len()];
    // The last 文号 number of each year.
    let mut numbered = std::collections::BTreeMap::<u16, u32>::new();
    let mut shelved = 0;
    while items_left > 0 {
        let which = rng.below(CATALOGUES.len());
        let (catalogue, retention) = CATALOGUES[which];
        numbers[which] += 1;
        let no = VolumeNo {
            catalogue: catalogue.to_string(),
            number: numbers[which],
        };
        let year = 1978 + rng.below(20) as u16;
        let (dept, dept_name) = *rng.pick(DEPTS);
        let count = (6 + rng.below(13) as u64).min(items_left);
        items_left -= count;
        let location = shelf("2号库", shelved, 40);
        shelved += 1;
        // The papers first, then the volume that holds them: its dates, pages and 密级 are theirs.
        let naming = CodeGroup {
            fonds: code.to_string(),
            category: String::new(),
            year,
            retention,
            dept: dept.to_string(),
            volume: None,
        };
        // A volume is filed at one 密级 (most are open or internal); nothing inside is above it.
        let ceiling = match rng.percent() {
            0..=39 => Classification::Public,
            40..=84 => Classification::Internal,
            85..=96 => Classification::Secret,
            _ => Classification::Confidential,
        };
        let mut papers: Vec<_> = (0..count)
            .map(|_| {
                let last = numbered.entry(year).or_default();
                let mut data = record(&mut rng, &naming, &VOLUME_FONDS, last);
                data.carrier = Carrier::Paper;
                data.location = location.clone();
                data.classification = data.classification.min(ceiling);
                // The 1980s were reviewed for opening: what was public then is open now.
                if year <= OPENED_BEFORE && data.classification == Classification::Public {
                    data.openness = Openness::Open;
                }
                data
            })
            .collect();
        papers.sort_by_key(|d| d.date.map(|d| d.sort_key()));
        let data = VolumeData {
            title: format!(
                "{name}{dept_name}{year}年关于{}的请示、报告和批复",
                topics(&mut rng)
            ),
            year,
            retention,
            classification: papers
                .iter()
                .map(|d| d.classification)
                .max()
                .unwrap_or_default(),
            start: papers.first().and_then(|d| d.date),
            end: papers.last().and_then(|d| d.date),
            pages: Some(papers.iter().filter_map(|d| d.pages).sum()),
            notes: String::new(),
        };
        let volume = VolumeCode {
            fonds: code.to_string(),
            no: no.clone(),
        };
        volumes::insert(tx, &volume, &data, &location, (origin.at, origin.by))?;
        let mut group = CodeGroup::in_volume(code, no);
        (group.year, group.retention) = (year, retention);
        for (item, paper) in papers.iter().enumerate() {
            records::insert(tx, &group.with_item(item as u32 + 1), paper, origin)?;
        }
    }
    Ok(())
}

/// The older groups of `BOXED_FONDS` in boxes of `ITEMS_PER_BOX`, shelved in code order.
pub(super) fn boxed_groups(tx: &Transaction, origin: &Origin) -> Result<()> {
    let mut shelved = 0;
    for group in boxes::groups_until(tx, &BOXED_FONDS, BOXED_UNTIL)? {
        let items = boxes::items(tx, &group, (1, u32::MAX), Sight::whole_archive())?;
        for (number, range) in split_into_boxes(&items, ITEMS_PER_BOX, None)
            .into_iter()
            .enumerate()
        {
            let code = BoxCode {
                group: group.clone(),
                number: number as u32 + 1,
            };
            let location = shelf("1号库", shelved, 30);
            shelved += 1;
            boxes::insert(tx, &code, range, &location, origin.at, origin.by)?;
        }
    }
    Ok(())
}
