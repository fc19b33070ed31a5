//! Suggestions in the entry form: as the title (and 责任者, 文号) is typed, the learner's values
//! for 机构(问题), retention, 密级 and keywords stand beside those fields; Ctrl-Y (F4) takes the
//! focused field's, or all of them where the focused field has none. Nothing is filled without
//! that key. Leaving the title, date, 责任者 or 文号 asks for the records it looks the same as.

use super::{Form, FormKind, Slot};
use crate::domain::suggest::{Described, Learner};
use crate::domain::text::fold;
use crate::domain::{Classification, Field, RecordData, Retention};
use crate::tui::input::LineInput;
use crate::tui::worker::Effect;

/// A keyword this likely joins the suggested ones (the first is always offered).
const KEYWORD_FLOOR: f64 = 0.3;
/// At most this many keywords are suggested at once.
const KEYWORDS: usize = 3;

/// The slots a suggestion stands beside.
const SUGGESTED: [Slot; 4] = [
    Slot::Dept,
    Slot::Retention,
    Slot::Data(Field::Classification),
    Slot::Data(Field::Keywords),
];

impl Form {
    fn fonds_typed(&self) -> String {
        fold(self.value(Slot::Fonds)).to_uppercase()
    }

    /// The suggestions afresh from what the form says now. Only a new record is suggested for:
    /// an edit keeps what was decided.
    pub fn refresh_suggestions(&mut self, learner: Option<&Learner>) {
        let (FormKind::New { .. }, Some(learner)) = (&self.kind, learner) else {
            return;
        };
        let fonds = self.fonds_typed();
        self.suggestions = learner.suggest(&Described {
            fonds: &fonds,
            title: self.value(Slot::Data(Field::Title)),
            responsible: self.value(Slot::Data(Field::Responsible)),
            doc_no: self.value(Slot::Data(Field::DocNo)),
        });
    }

    /// The suggestion for a slot as the field would hold it, with how sure it is, when the
    /// field does not hold it already.
    pub fn suggestion(&self, slot: Slot) -> Option<(String, f64)> {
        if !self.slots.iter().any(|(s, _, _)| *s == slot) {
            return None;
        }
        let text = self.value(slot);
        let s = &self.suggestions;
        match slot {
            Slot::Dept => s
                .dept
                .as_ref()
                .filter(|g| fold(text).to_uppercase() != g.value)
                .map(|g| (g.value.clone(), g.confidence)),
            Slot::Retention => s
                .retention
                .as_ref()
                .filter(|g| Retention::parse(text) != Some(g.value))
                .map(|g| (g.value.code().to_string(), g.confidence)),
            Slot::Data(Field::Classification) => s
                .classification
                .as_ref()
                .filter(|g| Classification::parse(text) != Some(g.value))
                .map(|g| (g.value.label_zh().to_string(), g.confidence)),
            Slot::Data(Field::Keywords) => {
                let held: Vec<&str> = crate::domain::suggest::keyword_terms(text).collect();
                let new: Vec<&crate::domain::suggest::Guess<String>> = s
                    .keywords
                    .iter()
                    .enumerate()
                    .filter(|(at, g)| *at == 0 || g.confidence >= KEYWORD_FLOOR)
                    .map(|(_, g)| g)
                    .take(KEYWORDS)
                    .filter(|g| !held.contains(&g.value.as_str()))
                    .collect();
                let first = new.first()?.confidence;
                let terms: Vec<&str> = new.iter().map(|g| g.value.as_str()).collect();
                Some((terms.join(" "), first))
            }
            _ => None,
        }
    }

    /// Whether any field has a suggestion it does not hold.
    pub fn has_suggestion(&self) -> bool {
        SUGGESTED
            .iter()
            .any(|slot| self.suggestion(*slot).is_some())
    }

    /// Ctrl-Y: the focused field takes its suggestion, or, where it has none, every field
    /// takes its own. The fields that took one.
    pub fn take_suggestion(&mut self) -> Vec<Slot> {
        let focused = self.slots[self.focus].0;
        let slots: Vec<Slot> = match self.suggestion(focused) {
            Some(_) => vec![focused],
            None => SUGGESTED.to_vec(),
        };
        let mut taken = Vec::new();
        for slot in slots {
            let Some((value, _)) = self.suggestion(slot) else {
                continue;
            };
            let Some(index) = self.slots.iter().position(|(s, _, _)| *s == slot) else {
                continue;
            };
            let value = match slot {
                // Keywords are added to those already there.
                Slot::Data(Field::Keywords) if !self.value(slot).trim().is_empty() => {
                    format!("{} {value}", self.value(slot).trim())
                }
                _ => value,
            };
            self.slots[index].1 = LineInput::with_text(&value);
            self.check(index);
            taken.push(slot);
        }
        if !taken.is_empty() {
            self.dirty = true;
            self.replace_on_type = false;
            self.picking = None;
        }
        taken
    }

    /// Whether leaving the focused field is a moment to look for look-alikes.
    pub fn leaves_a_described_field(&self) -> bool {
        matches!(self.kind, FormKind::New { .. })
            && matches!(
                self.slots[self.focus].0,
                Slot::Data(Field::Title | Field::Date | Field::Responsible | Field::DocNo)
            )
    }

    /// The look for look-alikes of what the form describes, once it has a title and a fonds.
    pub fn look_alikes_effect(&self) -> Option<Effect> {
        let mut data = RecordData::default();
        for field in [Field::Title, Field::Date, Field::Responsible, Field::DocNo] {
            // A date that does not read yet is no date to compare.
            let _ = data.set(field, self.value(Slot::Data(field)));
        }
        let fonds = self.fonds_typed();
        if data.title.trim().is_empty() || fonds.is_empty() {
            return None;
        }
        Some(Effect::LookAlikes {
            fonds,
            data: Box::new(data),
            except: None,
        })
    }
}
