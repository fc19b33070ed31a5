//! The entry and edit form. Each field is checked as the clerk leaves it, and the message stands
//! beside the field; nothing is sent to the archive until every field reads.

use crate::domain::{ArchivalCode, CodeGroup, Field, Record, RecordData};
use crate::tui::i18n::{Lang, S};
use crate::tui::input::LineInput;
use crate::tui::worker::Effect;

/// A field of the form: a part of the archival code, or a descriptive field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Fonds,
    Year,
    Retention,
    Dept,
    Item,
    Data(Field),
}

impl Slot {
    pub fn label(self, lang: Lang) -> String {
        match self {
            Slot::Fonds => S::Fonds.get(lang).into(),
            Slot::Year => S::Year.get(lang).into(),
            Slot::Retention => S::Retention.get(lang).into(),
            Slot::Dept => S::Dept.get(lang).into(),
            Slot::Item => S::Item.get(lang).into(),
            Slot::Data(field) => match lang {
                Lang::Zh => field.label_zh().into(),
                Lang::En => field.key().replace('_', " "),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    New { quick: bool },
    Edit(ArchivalCode),
}

#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub slots: Vec<(Slot, LineInput, Option<String>)>,
    pub focus: usize,
    pub dirty: bool,
    pub confirm_discard: bool,
    /// The discard was asked for by quitting: the program ends once it is confirmed.
    pub quitting: bool,
    pub saving: bool,
}

const CODE_SLOTS: [Slot; 5] = [
    Slot::Fonds,
    Slot::Year,
    Slot::Retention,
    Slot::Dept,
    Slot::Item,
];

impl Form {
    /// A new record; `fonds` and `year` come from where the clerk was browsing.
    pub fn new_record(quick: bool, fonds: Option<&str>, year: Option<u16>) -> Form {
        let defaults = RecordData::default();
        let mut slots: Vec<(Slot, LineInput, Option<String>)> = CODE_SLOTS
            .iter()
            .map(|slot| {
                let text = match slot {
                    Slot::Fonds => fonds.unwrap_or_default().to_string(),
                    Slot::Year => year.map(|y| y.to_string()).unwrap_or_default(),
                    Slot::Retention => "Y".into(),
                    _ => String::new(),
                };
                (*slot, LineInput::with_text(&text), None)
            })
            .collect();
        slots.extend(Field::ALL.iter().map(|f| {
            (
                Slot::Data(*f),
                LineInput::with_text(&defaults.get(*f)),
                None,
            )
        }));
        let focus = slots
            .iter()
            .position(|(_, input, _)| input.text().is_empty())
            .unwrap_or(0);
        Form {
            kind: FormKind::New { quick },
            slots,
            focus,
            dirty: false,
            confirm_discard: false,
            quitting: false,
            saving: false,
        }
    }

    pub fn edit(record: &Record) -> Form {
        let slots = Field::ALL
            .iter()
            .map(|f| {
                (
                    Slot::Data(*f),
                    LineInput::with_text(&record.data.get(*f)),
                    None,
                )
            })
            .collect();
        Form {
            kind: FormKind::Edit(record.code.clone()),
            slots,
            focus: 0,
            dirty: false,
            confirm_discard: false,
            quitting: false,
            saving: false,
        }
    }

    pub fn focused(&mut self) -> &mut LineInput {
        &mut self.slots[self.focus].1
    }

    fn value(&self, slot: Slot) -> &str {
        self.slots
            .iter()
            .find(|(s, _, _)| *s == slot)
            .map_or("", |(_, input, _)| input.text())
    }

    /// Checks one field alone; the message is kept beside it.
    fn check(&mut self, index: usize) {
        let (slot, input, _) = &self.slots[index];
        let text = input.text();
        let problem = match slot {
            Slot::Fonds | Slot::Year | Slot::Retention | Slot::Dept => {
                let part = |s: Slot| {
                    if s == *slot {
                        text.to_string()
                    } else {
                        // The other parts as something valid, so only this one is judged.
                        match s {
                            Slot::Fonds => "J001".into(),
                            Slot::Year => "2000".into(),
                            Slot::Retention => "Y".into(),
                            _ => "BGS".into(),
                        }
                    }
                };
                CodeGroup::new(
                    &part(Slot::Fonds),
                    &part(Slot::Year),
                    &part(Slot::Retention),
                    &part(Slot::Dept),
                )
                .err()
                .map(|e| e.to_string())
            }
            Slot::Item => {
                let folded = crate::domain::text::fold(text);
                (!folded.is_empty() && !folded.parse::<u32>().is_ok_and(|n| n > 0))
                    .then(|| format!("{folded:?}: 1–999999"))
            }
            Slot::Data(field) => RecordData::default()
                .set(*field, text)
                .err()
                .map(|e| e.to_string()),
        };
        self.slots[index].2 = problem;
    }

    pub fn move_focus(&mut self, step: isize) {
        self.check(self.focus);
        let count = self.slots.len() as isize;
        self.focus = (self.focus as isize + step).rem_euclid(count) as usize;
    }

    /// The save, if every field reads; else the first bad field gets the focus.
    pub fn save(&mut self) -> Option<Effect> {
        for index in 0..self.slots.len() {
            self.check(index);
        }
        if let Some(bad) = self.slots.iter().position(|(_, _, e)| e.is_some()) {
            self.focus = bad;
            return None;
        }
        let changes: Vec<(Field, String)> = self
            .slots
            .iter()
            .filter_map(|(slot, input, _)| match slot {
                Slot::Data(field) => Some((*field, input.text().to_string())),
                _ => None,
            })
            .collect();
        let effect = match &self.kind {
            FormKind::Edit(code) => Effect::SaveEdit {
                code: code.clone(),
                changes,
            },
            FormKind::New { quick } => {
                let group = CodeGroup::new(
                    self.value(Slot::Fonds),
                    self.value(Slot::Year),
                    self.value(Slot::Retention),
                    self.value(Slot::Dept),
                )
                .ok()?;
                let mut data = RecordData::default();
                for (field, value) in &changes {
                    data.set(*field, value).ok()?;
                }
                let item = crate::domain::text::fold(self.value(Slot::Item))
                    .parse::<u32>()
                    .ok();
                Effect::SaveNew {
                    group,
                    item,
                    data,
                    quick: *quick,
                }
            }
        };
        self.saving = true;
        Some(effect)
    }

    /// After a quick-entry save: keep fonds, year, retention and department, number the next
    /// item, clear the rest, and start again at the title.
    pub fn next_of(&mut self, saved: &Record) {
        let mut fresh = Form::new_record(
            true,
            Some(&saved.code.group.fonds),
            Some(saved.code.group.year),
        );
        for (slot, input, _) in &mut fresh.slots {
            match slot {
                Slot::Retention => *input = LineInput::with_text(saved.code.group.retention.code()),
                Slot::Dept => *input = LineInput::with_text(&saved.code.group.dept),
                Slot::Item => *input = LineInput::with_text(&(saved.code.item + 1).to_string()),
                _ => {}
            }
        }
        fresh.focus = fresh
            .slots
            .iter()
            .position(|(s, _, _)| *s == Slot::Data(Field::Title))
            .unwrap_or(0);
        *self = fresh;
    }
}
