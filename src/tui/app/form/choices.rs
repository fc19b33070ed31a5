//! Pick lists: a field of a few set values (保管期限, 密级, 载体, 状态, 利用目的, 利用方式) offers
//! them as the clerk types, filtered by what is typed — Chinese, an English name or code, or
//! pinyin initials — and the borrower fields of a loan offer the borrowers seen before. Nothing
//! is picked by a key an IME uses while composing: leaving the field takes the first offer if
//! what is typed is not a value itself, and Ctrl-N / Ctrl-P step through the offers.

use super::{LoanSlot, Slot};
use crate::domain::loan::{self, Borrower, LoanKind};
use crate::domain::{Carrier, Classification, Field, Retention, Status};
use crate::domain::{pinyin, text::fold};

/// At most this many offers are shown.
const MAX_OFFERS: usize = 8;

/// A set value: as stored (and shown in Chinese), with its English name and code.
struct Choice {
    zh: &'static str,
    en: &'static str,
    code: &'static str,
}

macro_rules! all_of {
    ($t:ty) => {
        <$t>::ALL
            .iter()
            .map(|v| Choice {
                zh: v.label_zh(),
                en: v.label_en(),
                code: v.code(),
            })
            .collect()
    };
}

fn set_values(slot: Slot) -> Vec<Choice> {
    match slot {
        Slot::Retention => all_of!(Retention),
        Slot::Data(Field::Classification) => all_of!(Classification),
        Slot::Data(Field::Carrier) => all_of!(Carrier),
        Slot::Data(Field::Status) => all_of!(Status),
        Slot::Loan(LoanSlot::Kind) => all_of!(LoanKind),
        Slot::Loan(LoanSlot::Purpose) => loan::PURPOSES
            .iter()
            .map(|p| Choice {
                zh: p,
                en: "",
                code: "",
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether `typed` leads to `value`: its start, a part of it, or the start of its pinyin.
fn leads_to(typed: &str, zh: &str, other: &[&str]) -> bool {
    let typed = fold(typed).to_lowercase();
    if typed.is_empty() {
        return true;
    }
    zh.contains(&typed)
        || other
            .iter()
            .any(|o| !o.is_empty() && o.to_lowercase().starts_with(&typed))
        || (typed.is_ascii() && pinyin::spells(zh, &typed))
}

/// What the field offers for what is typed, best first.
pub fn offers(slot: Slot, typed: &str, borrowers: &[Borrower]) -> Vec<String> {
    let mut found: Vec<String> = match slot {
        Slot::Loan(LoanSlot::Borrower) => borrowers
            .iter()
            .filter(|b| !typed.trim().is_empty() && leads_to(typed, &b.name, &[]))
            .map(|b| b.name.clone())
            .collect(),
        Slot::Loan(LoanSlot::Unit) => borrowers
            .iter()
            .filter(|b| !b.unit.is_empty() && leads_to(typed, &b.unit, &[]))
            .map(|b| b.unit.clone())
            .collect(),
        _ => set_values(slot)
            .iter()
            .filter(|c| leads_to(typed, c.zh, &[c.en, c.code]))
            .map(|c| c.zh.to_string())
            .collect(),
    };
    let mut seen = std::collections::HashSet::new();
    found.retain(|v| seen.insert(v.clone()));
    found.truncate(MAX_OFFERS);
    found
}

/// What leaving the field makes of what is typed: the value itself if it is one (or free text
/// where free text is allowed), else the first offer.
pub fn settled(slot: Slot, typed: &str, borrowers: &[Borrower]) -> Option<String> {
    let values = set_values(slot);
    let is_value = values.iter().any(|c| {
        let folded = fold(typed);
        c.zh == folded || c.en.eq_ignore_ascii_case(&folded) || c.code.eq_ignore_ascii_case(&folded)
    });
    if typed.trim().is_empty() || is_value {
        return None;
    }
    let offered = offers(slot, typed, borrowers);
    match slot {
        // A borrower or unit not seen before is new, not a typo.
        Slot::Loan(LoanSlot::Borrower | LoanSlot::Unit) if offered.len() != 1 => None,
        Slot::Loan(LoanSlot::Borrower | LoanSlot::Unit) => {
            let only = &offered[0];
            only.starts_with(typed.trim()).then(|| only.clone())
        }
        _ => offered.into_iter().next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_chinese_english_a_code_or_pinyin_initials_finds_the_value() {
        let class = Slot::Data(Field::Classification);
        assert_eq!(offers(class, "机", &[]), ["机密"]);
        assert_eq!(offers(class, "conf", &[]), ["机密"]);
        assert_eq!(offers(class, "gk", &[]), ["公开"]);
        assert_eq!(offers(class, "", &[]).len(), Classification::ALL.len());
        assert_eq!(settled(class, "gk", &[]).as_deref(), Some("公开"));
        assert_eq!(settled(class, "公开", &[]), None, "already a value");
        let kind = Slot::Loan(LoanSlot::Kind);
        assert_eq!(settled(kind, "外", &[]).as_deref(), Some("外借"));
        let purpose = Slot::Loan(LoanSlot::Purpose);
        assert_eq!(settled(purpose, "编史", &[]).as_deref(), Some("编史修志"));
        // Own words stay own words.
        assert_eq!(settled(purpose, "《浙江通志》编纂", &[]), None);
    }

    #[test]
    fn borrowers_seen_before_are_offered_but_a_new_one_stays_new() {
        let seen = |name: &str, unit: &str| Borrower {
            name: name.into(),
            unit: unit.into(),
            id_no: String::new(),
            contact: String::new(),
        };
        let borrowers = [
            seen("欧阳明", "《浙江通志》编纂室"),
            seen("欧阳　晓", "市志办"),
            seen("Zhou Wen（周文）", "浙江大学"),
        ];
        let name = Slot::Loan(LoanSlot::Borrower);
        assert_eq!(offers(name, "欧阳", &borrowers).len(), 2);
        assert_eq!(
            settled(name, "欧阳", &borrowers),
            None,
            "two fit: not guessed"
        );
        assert_eq!(
            settled(name, "Zhou", &borrowers).as_deref(),
            Some("Zhou Wen（周文）")
        );
        assert_eq!(settled(name, "王小二", &borrowers), None);
        let unit = Slot::Loan(LoanSlot::Unit);
        assert_eq!(
            offers(unit, "浙江", &borrowers),
            ["《浙江通志》编纂室", "浙江大学"]
        );
    }
}
