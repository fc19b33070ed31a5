//! The code a new record's fields spell, and quick entry: the next record after a save keeps
//! the fields marked kept and numbers on in the same group.

use super::{CodeScheme, Form, LineInput, Slot, Start};
use crate::domain::volume::VolumeNo;
use crate::domain::{CodeGroup, Field, Record};

impl Form {
    /// Whether this form codes an item inside a volume.
    pub fn by_volume(&self) -> bool {
        self.slots.iter().any(|(s, _, _)| *s == Slot::Catalogue)
    }

    /// The code group the fields spell, if they read.
    pub(super) fn group(&self) -> Option<CodeGroup> {
        if !self.by_volume() {
            return CodeGroup::parts(
                self.value(Slot::Fonds),
                self.value(Slot::Category),
                self.value(Slot::Year),
                self.value(Slot::Retention),
                self.value(Slot::Dept),
            )
            .ok();
        }
        let fonds = CodeGroup::parts(self.value(Slot::Fonds), "", "2000", "Y", "X").ok()?;
        let volume = VolumeNo::parse(self.value(Slot::Catalogue), self.value(Slot::Volume)).ok()?;
        Some(CodeGroup::in_volume(&fonds.fonds, volume))
    }

    /// Marks the part of the code that keeps the parts from reading together, and focuses it.
    pub(super) fn mark_code_problem(&mut self) {
        use crate::domain::code::CodeError;
        let error = CodeGroup::parts(
            self.value(Slot::Fonds),
            self.value(Slot::Category),
            self.value(Slot::Year),
            self.value(Slot::Retention),
            self.value(Slot::Dept),
        )
        .err();
        let slot = match &error {
            Some(CodeError::Fonds(_)) => Slot::Fonds,
            Some(CodeError::Category(_)) => Slot::Category,
            Some(CodeError::Year(_)) => Slot::Year,
            Some(CodeError::Retention(_)) => Slot::Retention,
            Some(CodeError::Dept(_)) => Slot::Dept,
            _ => return,
        };
        if let (Some(error), Some(at)) = (error, self.slots.iter().position(|(s, _, _)| *s == slot))
        {
            self.slots[at].2 = Some(error.msg());
            self.focus = at;
        }
    }

    /// After a quick-entry save: keep the fields marked kept (by default the code's group,
    /// 责任者 and 存放位置), number the next item, clear the rest, and start again at the title.
    pub fn next_of(&mut self, saved: &Record) {
        let g = &saved.code.group;
        let scheme = g.volume.as_ref().map(|_| ("", CodeScheme::Volume));
        let mut fresh = Form::new_record(
            true,
            Start {
                fonds: scheme,
                ..Start::default()
            },
        );
        fresh.kept = std::mem::take(&mut self.kept);
        let group_slots: Vec<Slot> = fresh
            .slots
            .iter()
            .map(|(s, _, _)| *s)
            .filter(|s| !matches!(s, Slot::Item | Slot::Data(_)))
            .collect();
        for (slot, input, _) in &mut fresh.slots {
            if *slot == Slot::Item {
                // The next number of the same group: the archive finds it if the group changes.
                let same_group = group_slots.iter().all(|s| fresh.kept.contains(s));
                let next = (saved.code.item + 1).to_string();
                *input = LineInput::with_text(if same_group { &next } else { "" });
                continue;
            }
            if !fresh.kept.contains(slot) {
                continue;
            }
            let value = match slot {
                Slot::Fonds => g.fonds.clone(),
                Slot::Category => g.category.clone(),
                Slot::Year => g.year.to_string(),
                Slot::Retention => g.retention.code().to_string(),
                Slot::Dept => g.dept.clone(),
                Slot::Catalogue => g
                    .volume
                    .as_ref()
                    .map(|v| v.catalogue.clone())
                    .unwrap_or_default(),
                Slot::Volume => g
                    .volume
                    .as_ref()
                    .map(|v| v.number.to_string())
                    .unwrap_or_default(),
                Slot::Data(field) => saved.data.get(*field),
                _ => continue,
            };
            *input = LineInput::with_text(&value);
        }
        fresh.focus = fresh
            .slots
            .iter()
            .position(|(s, _, _)| *s == Slot::Data(Field::Title))
            .unwrap_or(0);
        *self = fresh;
    }
}
