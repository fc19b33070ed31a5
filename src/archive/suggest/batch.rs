//! Suggestions for a backlog (`dangan suggest`): for every record of a fonds-year, the keywords
//! it lacks, and the 机构/问题 code, retention or 密级 the rest of the catalogue would have given
//! it where that differs from what it has. Each record is judged by the others only (it is
//! forgotten by the learner while it is judged). Only missing keywords are ever written, as
//! versioned edits audited as suggested; the rest is for a person to review, as the code is the
//! record's identity and 密级 is changed by a review.

use crate::archive::records::edit_with;
use crate::archive::sight::Sight;
use crate::archive::store::records;
use crate::archive::{Archive, Session};
use crate::domain::suggest::{Example, Guess, Learner, Suggestions};
use crate::domain::{ArchivalCode, Field, Permission, Record, RecordQuery, Status};
use crate::error::Result;

/// A keyword this likely joins the suggested set.
const KEYWORD_FLOOR: f64 = 0.3;
/// At most this many keywords are proposed for one record.
const KEYWORDS: usize = 3;
/// A value the record does not have is proposed for review only when the learner is this sure.
const REVIEW_FLOOR: f64 = 0.8;

/// What a backlog run proposes for one field of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub code: ArchivalCode,
    pub title: String,
    /// `Field::Keywords`, or `None` for a part of the archival code (机构/问题 or retention).
    pub field: Option<Field>,
    /// The code part's name (`dept`, `retention`) or the field's key.
    pub key: &'static str,
    pub current: String,
    pub suggested: String,
    pub confidence: f64,
    /// Written as a versioned edit.
    pub applied: bool,
}

/// A backlog run: how many records were looked at and what is proposed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    pub records: u64,
    pub proposals: Vec<Proposal>,
    pub applied: u64,
}

/// The proposals for one record from what the learner suggests. Keywords are the likeliest and
/// those at least `KEYWORD_FLOOR` sure; with `apply_above`, those at least that sure are a row of
/// their own (what is written), so that every row says exactly what was written.
fn proposals(record: &Record, suggested: Suggestions, apply_above: Option<f64>) -> Vec<Proposal> {
    let propose = |field: Option<Field>, key, current: String, guess: Guess<String>| Proposal {
        code: record.code.clone(),
        title: record.data.title.clone(),
        field,
        key,
        current,
        suggested: guess.value,
        confidence: guess.confidence,
        applied: false,
    };
    let mut found = Vec::new();
    if record.data.keywords.trim().is_empty() {
        let offered: Vec<Guess<String>> = suggested
            .keywords
            .into_iter()
            .enumerate()
            .filter(|(at, g)| *at == 0 || g.confidence >= KEYWORD_FLOOR)
            .map(|(_, g)| g)
            .take(KEYWORDS)
            .collect();
        // With a threshold, those above it (to be written) and the rest (to review) apart.
        let (sure, rest): (Vec<_>, Vec<_>) = offered
            .into_iter()
            .partition(|g| apply_above.is_some_and(|floor| g.confidence >= floor));
        for chosen in [sure, rest] {
            let Some(least) = chosen.iter().map(|g| g.confidence).reduce(f64::min) else {
                continue;
            };
            let terms: Vec<String> = chosen.into_iter().map(|g| g.value).collect();
            let guess = Guess {
                value: terms.join(" "),
                confidence: least,
            };
            found.push(propose(
                Some(Field::Keywords),
                "keywords",
                String::new(),
                guess,
            ));
        }
    }
    let group = &record.code.group;
    let differs = |current: &str, guess: &Guess<String>| {
        guess.value != current && guess.confidence >= REVIEW_FLOOR
    };
    if let Some(guess) = suggested.dept.filter(|g| differs(&group.dept, g)) {
        found.push(propose(None, "dept", group.dept.clone(), guess));
    }
    let retention = suggested.retention.map(|g| Guess {
        value: g.value.code().to_string(),
        confidence: g.confidence,
    });
    if let Some(guess) = retention.filter(|g| differs(group.retention.code(), g)) {
        let current = group.retention.code().to_string();
        found.push(propose(None, "retention", current, guess));
    }
    let class = record.data.classification;
    let classification = suggested.classification.map(|g| Guess {
        value: g.value.label_zh().to_string(),
        confidence: g.confidence,
    });
    // Only a 密级 above the record's is worth a reviewer's look here: lowering one is what the
    // declassification review (解密审核) decides, on the record itself, not on its likes.
    let above = |g: &Guess<String>| {
        crate::domain::Classification::parse(&g.value).is_some_and(|c| c > class)
    };
    if let Some(guess) = classification.filter(|g| differs(class.label_zh(), g) && above(g)) {
        let current = class.label_zh().to_string();
        found.push(propose(
            Some(Field::Classification),
            "classification",
            current,
            guess,
        ));
    }
    found
}

impl Archive {
    /// Proposes values for the records of `fonds` and `year` the session sees (destroyed ones
    /// left alone); with `apply_above`, writes the missing keywords proposed at least that
    /// surely, in one transaction, each as a versioned edit audited as `record.suggested`.
    /// `progress` hears the records learned, then the records judged.
    pub fn suggest_batch(
        &mut self,
        session: &Session,
        fonds: &str,
        year: u16,
        apply_above: Option<f64>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Batch> {
        session.require(Permission::WriteRecords)?;
        let mut learner: Learner = self.learner(session, progress)?;
        let query = RecordQuery {
            fonds: Some(fonds.to_string()),
            year: Some(year),
            ..RecordQuery::default()
        };
        let mut batch = Batch::default();
        records::for_each(self.store.conn(), &query, Sight::of(session), |record| {
            if record.data.status == Status::Disposed {
                return Ok(());
            }
            batch.records += 1;
            let example = Example::of(&record);
            learner.forget(&example);
            let suggested = learner.suggest(&example.described);
            learner.learn(&example);
            batch
                .proposals
                .extend(proposals(&record, suggested, apply_above));
            Ok(())
        })?;
        let Some(floor) = apply_above else {
            return Ok(batch);
        };
        let applied = self.audited(session.name(), |tx, stamp| {
            let mut applied = 0;
            for proposal in &mut batch.proposals {
                if proposal.field != Some(Field::Keywords) || proposal.confidence < floor {
                    continue;
                }
                let change = [(Field::Keywords, proposal.suggested.clone())];
                let changed = edit_with(
                    tx,
                    stamp,
                    session,
                    &proposal.code,
                    &change,
                    None,
                    "record.suggested",
                )?;
                proposal.applied = !changed.is_empty();
                applied += u64::from(proposal.applied);
            }
            Ok(applied)
        })?;
        batch.applied = applied;
        Ok(batch)
    }
}
