//! The demo's check-out book: a few weeks of loans before "now", some returned, some still out and
//! some of those overdue, so the loans screen and the register have something to show.

use std::collections::BTreeSet;

use chrono::{DateTime, Days, Utc};

use super::Rng;
use crate::archive::Archive;
use crate::archive::loans::LoanRequest;
use crate::archive::sight::Sight;
use crate::archive::store::records;
use crate::domain::loan::Borrower;
use crate::domain::loan::{LoanKind, PURPOSES};
use crate::domain::{Classification, Status};
use crate::error::Result;

/// Name, unit, contact: made-up people of the offices that use a city archive.
const BORROWERS: &[(&str, &str, &str)] = &[
    ("陈志远", "市志办", "0571-8702 1134"),
    ("刘晓梅", "市财政局预算处", "138 0571 2290"),
    ("Zhou Wen（周文）", "浙江大学历史系", "zhouwen@zju.edu.cn"),
    ("黄建国", "市自然资源和规划局", "0571-８５１２ ３３０１"),
    ("孙丽", "市档案馆利用科", "分机 6021"),
    ("马骏", "市民", "139 5802 7716"),
];

/// One loan to make: the record, when it went out and, if it has come back, when.
struct Planned {
    record_id: i64,
    out_days_ago: u64,
    back_days_ago: Option<u64>,
}

/// Lends a twentieth of the demo's `records` (at most 200) over the 45 days before `now`, as the
/// demo archivist, and returns about a third of them. Events happen in date order with the
/// archive's clock set to each; afterwards the clock is the real one again.
pub fn lend_some(
    archive: &mut Archive,
    records: u64,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<usize> {
    let wanted = (records / 20).min(200);
    let mut rng = Rng(seed ^ 0x4C4F_414E);
    let mut taken = BTreeSet::new();
    let mut plans = Vec::new();
    let conn = archive.store.conn();
    for _ in 0..wanted * 4 {
        if plans.len() as u64 == wanted || records == 0 {
            break;
        }
        let record_id = 1 + rng.below(records as usize) as i64;
        let Some(record) = records::by_id(conn, record_id, Sight::whole_archive())? else {
            continue;
        };
        // Secret records need a second person's approval; the demo keeps to the plain ones.
        if record.data.status != Status::InStore
            || record.data.classification > Classification::Internal
            || !taken.insert(record_id)
        {
            continue;
        }
        let out_days_ago = rng.below(45) as u64;
        let back_days_ago = (rng.percent() < 35 && out_days_ago > 0)
            .then(|| out_days_ago - 1 - rng.below(out_days_ago as usize) as u64);
        plans.push(Planned {
            record_id,
            out_days_ago,
            back_days_ago,
        });
    }

    let (name, password) = ("archivist", "demo-archivist-2019");
    archive.set_clock(move || now);
    let session = archive.login(name, password)?;
    // (days ago, is a return, which plan): oldest first, lending before returning on a day.
    let mut events: Vec<(u64, bool, usize)> = Vec::new();
    for (i, plan) in plans.iter().enumerate() {
        events.push((plan.out_days_ago, false, i));
        if let Some(back) = plan.back_days_ago {
            events.push((back, true, i));
        }
    }
    events.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (days_ago, is_return, i) in events {
        let at = now - Days::new(days_ago);
        archive.set_clock(move || at);
        let Some(record) = records::by_id(
            archive.store.conn(),
            plans[i].record_id,
            Sight::whole_archive(),
        )?
        else {
            continue;
        };
        if is_return {
            archive.return_loan(&session, &record.code, "完好")?;
        } else {
            let (name, unit, contact) = BORROWERS[i % BORROWERS.len()];
            let kind = match i % 5 {
                0 => LoanKind::ReadingRoom,
                1 => LoanKind::Copy,
                _ => LoanKind::TakeOut,
            };
            let request = LoanRequest {
                borrower: Borrower {
                    name: name.into(),
                    unit: unit.into(),
                    id_no: String::new(),
                    contact: contact.into(),
                },
                purpose: PURPOSES[i % PURPOSES.len()].to_string(),
                kind,
                due: None,
                approver: None,
            };
            archive.lend(&session, &record.code, &request)?;
        }
    }
    archive.set_clock(Utc::now);
    Ok(plans.len())
}
