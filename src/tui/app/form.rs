//! The entry and edit form. Each field is checked as the clerk leaves it, and the message stands
//! beside the field; nothing is sent to the archive until every field reads.

use chrono::NaiveDate;

use crate::archive::loans::LoanRequest;
use crate::domain::loan::Borrower;
use crate::domain::loan::{self, LoanKind};
use crate::domain::{ArchivalCode, CodeGroup, Field, Record, RecordData};
use crate::i18n::{Lang, LoanMsg, Msg, RecordMsg, S, Vocabulary};
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
    Loan(LoanSlot),
}

/// The fields of the lend form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanSlot {
    Borrower,
    Unit,
    IdNo,
    Contact,
    Purpose,
    Kind,
    Due,
    Approver,
}

impl LoanSlot {
    const ALL: [LoanSlot; 8] = [
        LoanSlot::Borrower,
        LoanSlot::Unit,
        LoanSlot::IdNo,
        LoanSlot::Contact,
        LoanSlot::Purpose,
        LoanSlot::Kind,
        LoanSlot::Due,
        LoanSlot::Approver,
    ];

    fn label(self) -> S {
        match self {
            LoanSlot::Borrower => S::Borrower,
            LoanSlot::Unit => S::Unit,
            LoanSlot::IdNo => S::IdNo,
            LoanSlot::Contact => S::Contact,
            LoanSlot::Purpose => S::Purpose,
            LoanSlot::Kind => S::Kind,
            LoanSlot::Due => S::Due,
            LoanSlot::Approver => S::Approver,
        }
    }

    /// A message if the value cannot be used.
    fn check(self, text: &str) -> Option<Msg> {
        match self {
            LoanSlot::Borrower if text.trim().is_empty() => {
                Some(LoanMsg::Required { field: S::Borrower }.into())
            }
            LoanSlot::Purpose => loan::purpose(text).err(),
            LoanSlot::Kind => LoanKind::parse(text).is_none().then(|| {
                LoanMsg::KindUnknown {
                    text: text.to_string(),
                    choices: Vocabulary::LoanKind,
                }
                .into()
            }),
            LoanSlot::Due if !text.trim().is_empty() => due(text).err(),
            _ => None,
        }
    }
}

/// A due date typed any way a record date may be written, to the day.
fn due(text: &str) -> Result<NaiveDate, Msg> {
    let date: crate::domain::RecordDate = text
        .parse()
        .map_err(|e: crate::domain::DateError| e.msg())?;
    NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into()).ok_or_else(|| {
        LoanMsg::NoDay {
            text: text.to_string(),
        }
        .into()
    })
}

impl Slot {
    /// Fields that take one of a few set values (密级, 载体, 利用方式…).
    fn is_choice(self) -> bool {
        matches!(
            self,
            Slot::Retention
                | Slot::Data(Field::Classification | Field::Carrier | Field::Status)
                | Slot::Loan(LoanSlot::Purpose | LoanSlot::Kind)
        )
    }

    pub fn label(self, lang: Lang) -> String {
        match self {
            Slot::Fonds => S::Fonds.get(lang).into(),
            Slot::Year => S::Year.get(lang).into(),
            Slot::Retention => S::Retention.get(lang).into(),
            Slot::Dept => S::Dept.get(lang).into(),
            Slot::Item => S::Item.get(lang).into(),
            Slot::Data(field) => match lang {
                Lang::Zh => field.label_zh().into(),
                Lang::En => field.label_en().into(),
            },
            Slot::Loan(slot) => slot.label().get(lang).into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    New {
        quick: bool,
    },
    /// Editing a record, from the version the form was filled with.
    Edit {
        code: ArchivalCode,
        version: u32,
    },
    Lend(ArchivalCode),
}

#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub slots: Vec<(Slot, LineInput, Option<Msg>)>,
    pub focus: usize,
    pub dirty: bool,
    pub confirm_discard: bool,
    /// The discard was asked for by quitting: the program ends once it is confirmed.
    pub quitting: bool,
    pub saving: bool,
    /// Set when the focus lands on a field of a few set values: the first character typed
    /// replaces the value, as if it were selected; any other key keeps it.
    pub replace_on_type: bool,
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
        let mut slots: Vec<(Slot, LineInput, Option<Msg>)> = CODE_SLOTS
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
            focus,
            ..Form::with_slots(FormKind::New { quick }, slots)
        }
    }

    pub fn edit(record: &Record) -> Form {
        let mut form = Form::for_edit(record.code.clone(), record.version);
        for (slot, input, _) in &mut form.slots {
            if let Slot::Data(field) = slot {
                *input = LineInput::with_text(&record.data.get(*field));
            }
        }
        form
    }

    /// An edit form with empty fields, from `version` of the record.
    pub fn for_edit(code: ArchivalCode, version: u32) -> Form {
        let slots = Field::ALL
            .iter()
            .map(|f| (Slot::Data(*f), LineInput::with_text(""), None))
            .collect();
        Form::with_slots(FormKind::Edit { code, version }, slots)
    }

    /// Lending a record: borrower first; purpose and kind filled with the commonest.
    pub fn lend(code: &ArchivalCode) -> Form {
        let slots = LoanSlot::ALL
            .iter()
            .map(|slot| {
                let text = match slot {
                    LoanSlot::Purpose => loan::PURPOSES[1],
                    LoanSlot::Kind => LoanKind::ReadingRoom.label_zh(),
                    _ => "",
                };
                (Slot::Loan(*slot), LineInput::with_text(text), None)
            })
            .collect();
        Form::with_slots(FormKind::Lend(code.clone()), slots)
    }

    fn with_slots(kind: FormKind, slots: Vec<(Slot, LineInput, Option<Msg>)>) -> Form {
        Form {
            kind,
            slots,
            focus: 0,
            dirty: false,
            confirm_discard: false,
            quitting: false,
            saving: false,
            replace_on_type: false,
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
                .map(|e| e.msg())
            }
            Slot::Item => {
                let folded = crate::domain::text::fold(text);
                (!folded.is_empty() && !folded.parse::<u32>().is_ok_and(|n| n > 0)).then(|| {
                    RecordMsg::CodeItem {
                        text: folded.into(),
                    }
                    .into()
                })
            }
            Slot::Data(field) => RecordData::default().set(*field, text).err().map(|e| e.0),
            Slot::Loan(slot) => slot.check(text),
        };
        self.slots[index].2 = problem;
    }

    pub fn move_focus(&mut self, step: isize) {
        self.check(self.focus);
        let count = self.slots.len() as isize;
        self.focus = (self.focus as isize + step).rem_euclid(count) as usize;
        self.replace_on_type =
            self.slots[self.focus].0.is_choice() && !self.focused().text().is_empty();
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
        let loan_value = |slot: LoanSlot| self.value(Slot::Loan(slot)).trim().to_string();
        let effect = match &self.kind {
            FormKind::Lend(code) => Effect::Lend {
                code: code.clone(),
                request: Box::new(LoanRequest {
                    borrower: Borrower {
                        name: loan_value(LoanSlot::Borrower),
                        unit: loan_value(LoanSlot::Unit),
                        id_no: loan_value(LoanSlot::IdNo),
                        contact: loan_value(LoanSlot::Contact),
                    },
                    purpose: loan_value(LoanSlot::Purpose),
                    kind: LoanKind::parse(&loan_value(LoanSlot::Kind))?,
                    due: Some(loan_value(LoanSlot::Due))
                        .filter(|d| !d.is_empty())
                        .and_then(|d| due(&d).ok()),
                    approver: Some(loan_value(LoanSlot::Approver)).filter(|a| !a.is_empty()),
                }),
            },
            FormKind::Edit { code, version } => Effect::SaveEdit {
                code: code.clone(),
                version: *version,
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
