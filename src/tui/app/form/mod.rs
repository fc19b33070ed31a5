//! The entry and edit form. Each field is checked as the clerk leaves it, and the message stands
//! beside the field; nothing is sent to the archive until every field reads.

use crate::archive::loans::LoanRequest;
use crate::domain::loan::Borrower;
use crate::domain::loan::{self, LoanKind};
use crate::domain::volume::{VolumeNo, parse_catalogue};
use crate::domain::{ArchivalCode, CodeGroup, CodeScheme, Field, Record, RecordData};
use crate::i18n::{Lang, Msg, RecordMsg, S};
use crate::tui::input::LineInput;
use crate::tui::worker::Effect;

pub mod act;
mod choices;
mod code;
mod lend;
mod suggest;
pub mod view;

pub use lend::LoanSlot;
use lend::due;

/// A field of the form: a part of the archival code, or a descriptive field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Fonds,
    /// 档案门类代码, for a fonds coded as DA/T 22-2015 writes it (empty: the older shape).
    Category,
    Year,
    Retention,
    Dept,
    /// 目录号 and 案卷号, for a fonds arranged by volume.
    Catalogue,
    Volume,
    Item,
    Data(Field),
    Loan(LoanSlot),
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
            Slot::Category => S::Category.get(lang).into(),
            Slot::Year => S::Year.get(lang).into(),
            Slot::Retention => S::Retention.get(lang).into(),
            Slot::Dept => S::Dept.get(lang).into(),
            Slot::Catalogue => S::CatalogueNo.get(lang).into(),
            Slot::Volume => S::VolumeNo.get(lang).into(),
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
    /// Lending one record, or the several marked, to one borrower.
    Lend(Vec<ArchivalCode>),
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
    /// Borrowers of loans before (a lend form offers them).
    pub borrowers: Vec<Borrower>,
    /// Stepping through the focused field's offers: what was typed, and which offer is shown.
    pub picking: Option<(String, usize)>,
    /// Quick entry: the fields whose values the next record keeps.
    pub kept: Vec<Slot>,
    /// What the learner suggests for the record as described so far.
    pub suggestions: crate::domain::suggest::Suggestions,
    /// Records of the archive this one looks the same as (a flag, never a refusal).
    pub look_alikes: Vec<crate::archive::suggest::LookAlike>,
}

/// What quick entry keeps for the next record unless the clerk says otherwise: the code's
/// group, and who made the records and where they are kept, which a batch shares.
const KEPT_BY_DEFAULT: [Slot; 9] = [
    Slot::Fonds,
    Slot::Category,
    Slot::Year,
    Slot::Retention,
    Slot::Dept,
    Slot::Catalogue,
    Slot::Volume,
    Slot::Data(Field::Responsible),
    Slot::Data(Field::Location),
];

const CODE_SLOTS: [Slot; 6] = [
    Slot::Fonds,
    Slot::Category,
    Slot::Year,
    Slot::Retention,
    Slot::Dept,
    Slot::Item,
];

/// The code of an item inside a volume: its volume, then its 顺序号.
const VOLUME_SLOTS: [Slot; 4] = [Slot::Fonds, Slot::Catalogue, Slot::Volume, Slot::Item];

/// Where a new record starts: the fonds and its scheme, the year or the volume being browsed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Start<'a> {
    pub fonds: Option<(&'a str, CodeScheme)>,
    pub year: Option<u16>,
    pub volume: Option<&'a VolumeNo>,
}

impl Form {
    /// A new record; `fonds`, its scheme and `year` come from where the clerk was browsing. A
    /// fonds coded as DA/T 22-2015 writes it starts with the 门类 of 文书 (WS), the records that
    /// standard arranges.
    pub fn new_record(quick: bool, start: Start) -> Form {
        let Start {
            fonds,
            year,
            volume,
        } = start;
        let defaults = RecordData::default();
        let code_slots: &[Slot] = match fonds {
            Some((_, CodeScheme::Volume)) => &VOLUME_SLOTS,
            _ => &CODE_SLOTS,
        };
        let mut slots: Vec<(Slot, LineInput, Option<Msg>)> = code_slots
            .iter()
            .map(|slot| {
                let text = match slot {
                    Slot::Fonds => fonds.map_or("", |(code, _)| code).to_string(),
                    Slot::Category => match fonds {
                        Some((_, CodeScheme::Dat22 | CodeScheme::Dat22NoDept)) => "WS".into(),
                        _ => String::new(),
                    },
                    Slot::Year => year.map(|y| y.to_string()).unwrap_or_default(),
                    Slot::Retention => "Y".into(),
                    Slot::Catalogue => volume.map(|v| v.catalogue.clone()).unwrap_or_default(),
                    Slot::Volume => volume.map(|v| v.number.to_string()).unwrap_or_default(),
                    _ => String::new(),
                };
                (*slot, LineInput::with_text(&text), None)
            })
            .collect();
        slots.extend(Field::ALL.iter().filter(|f| f.editable()).map(|f| {
            (
                Slot::Data(*f),
                LineInput::with_text(&defaults.get(*f)),
                None,
            )
        }));
        // The first field to fill in, but for the parts the fonds' scheme leaves out.
        let left_out = |slot: &Slot| match slot {
            Slot::Category => true,
            Slot::Dept => matches!(fonds, Some((_, CodeScheme::Dat22NoDept))),
            _ => false,
        };
        let focus = slots
            .iter()
            .position(|(slot, input, _)| input.text().is_empty() && !left_out(slot))
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
            .filter(|f| f.editable())
            .map(|f| (Slot::Data(*f), LineInput::with_text(""), None))
            .collect();
        Form::with_slots(FormKind::Edit { code, version }, slots)
    }

    /// Lending records: borrower first; purpose and kind filled with the commonest.
    pub fn lend(codes: &[ArchivalCode]) -> Form {
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
        Form::with_slots(FormKind::Lend(codes.to_vec()), slots)
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
            borrowers: Vec::new(),
            picking: None,
            kept: KEPT_BY_DEFAULT.to_vec(),
            suggestions: Default::default(),
            look_alikes: Vec::new(),
        }
    }

    /// What the focused field offers for what is typed (a pick list, or borrowers seen before).
    pub fn offers(&self) -> Vec<String> {
        let (slot, input, _) = &self.slots[self.focus];
        // A value the next key replaces is not a filter: all the values are offered.
        let typed = match &self.picking {
            Some((typed, _)) => typed.as_str(),
            None if self.replace_on_type => "",
            None => input.text(),
        };
        choices::offers(*slot, typed, &self.borrowers)
    }

    /// Ctrl-N / Ctrl-P: the next or previous offer for what was typed, in the field.
    pub fn step_offer(&mut self, step: isize) {
        let offers = self.offers();
        if offers.is_empty() {
            return;
        }
        let typed = self.focused().text().to_string();
        let (base, at) = match self.picking.take() {
            Some((base, at)) => (base, (at as isize + step).rem_euclid(offers.len() as isize)),
            // The first step shows the first offer, unless it is already the value.
            None => {
                let first = usize::from(offers[0] == typed && offers.len() > 1);
                let at = if step < 0 { offers.len() - 1 } else { first };
                (typed, at as isize)
            }
        };
        *self.focused() = LineInput::with_text(&offers[at as usize]);
        self.picking = Some((base, at as usize));
        self.dirty = true;
        self.replace_on_type = false;
    }

    /// Leaving a field: a typed beginning becomes the value it leads to; a borrower seen before
    /// brings the unit, ID and contact they gave last time into the fields still empty.
    fn settle(&mut self, index: usize) {
        self.picking = None;
        let (slot, input, _) = &self.slots[index];
        let slot = *slot;
        if let Some(value) = choices::settled(slot, input.text(), &self.borrowers) {
            self.slots[index].1 = LineInput::with_text(&value);
        }
        if slot != Slot::Loan(LoanSlot::Borrower) {
            return;
        }
        let name = self.slots[index].1.text().to_string();
        let Some(known) = self.borrowers.iter().find(|b| b.name == name).cloned() else {
            return;
        };
        for (slot, input, _) in &mut self.slots {
            let value = match slot {
                Slot::Loan(LoanSlot::Unit) => &known.unit,
                Slot::Loan(LoanSlot::IdNo) => &known.id_no,
                Slot::Loan(LoanSlot::Contact) => &known.contact,
                _ => continue,
            };
            if input.text().is_empty() {
                *input = LineInput::with_text(value);
            }
        }
    }

    /// Quick entry: the focused field is kept for the next record, or no longer.
    pub fn toggle_kept(&mut self) {
        let slot = self.slots[self.focus].0;
        if slot == Slot::Item {
            return;
        }
        match self.kept.iter().position(|s| *s == slot) {
            Some(at) => {
                self.kept.remove(at);
            }
            None => self.kept.push(slot),
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
            Slot::Fonds | Slot::Category | Slot::Year | Slot::Retention | Slot::Dept => {
                let part = |s: Slot| {
                    if s == *slot {
                        text.to_string()
                    } else {
                        // The other parts as something valid, so only this one is judged (a
                        // 机构 left out is found at the save, when the clerk is done).
                        match s {
                            Slot::Fonds => "J001".into(),
                            Slot::Category => "WS".into(),
                            Slot::Year => "2000".into(),
                            Slot::Retention => "Y".into(),
                            _ => "BGS".into(),
                        }
                    }
                };
                CodeGroup::parts(
                    &part(Slot::Fonds),
                    &part(Slot::Category),
                    &part(Slot::Year),
                    &part(Slot::Retention),
                    &part(Slot::Dept),
                )
                .err()
                .map(|e| e.msg())
            }
            Slot::Catalogue => parse_catalogue(text).err().map(|e| e.msg()),
            Slot::Volume => VolumeNo::parse("1", text).err().map(|e| e.msg()),
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
        self.settle(self.focus);
        self.check(self.focus);
        let count = self.slots.len() as isize;
        self.focus = (self.focus as isize + step).rem_euclid(count) as usize;
        self.replace_on_type =
            self.slots[self.focus].0.is_choice() && !self.focused().text().is_empty();
    }

    /// The save, if every field reads; else the first bad field gets the focus.
    pub fn save(&mut self) -> Option<Effect> {
        self.settle(self.focus);
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
            FormKind::Lend(codes) => Effect::Lend {
                codes: codes.clone(),
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
                let Some(group) = self.group() else {
                    // Each part reads alone, but not together (no 机构 where the code needs
                    // one): the part at fault is marked, as a field that does not read is.
                    self.mark_code_problem();
                    return None;
                };
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
}
