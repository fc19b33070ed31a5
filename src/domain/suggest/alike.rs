//! Whether a new record repeats one already described: the same document entered twice, or
//! listed twice in an import. Never a refusal, only a flag the clerk reads.

use crate::domain::RecordData;
use crate::domain::register::{bigrams, dice, normal};

use super::features::letters;

/// Titles of the same day this alike are the same document written with a slip.
const SAME_DAY: f64 = 0.85;

/// The numbers a title names (`第３次`, `2019年`): titles differing only in them are different
/// documents of one series, however alike the rest reads.
fn numbers(title: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut run = String::new();
    for c in letters(title).into_iter().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else if !run.is_empty() {
            found.push(std::mem::take(&mut run));
        }
    }
    found
}

fn sorted_pairs(title: &str) -> Vec<(char, char)> {
    let mut pairs = bigrams(title);
    pairs.sort_unstable();
    pairs
}

/// A new record as it is compared with each record it may repeat, worked out once: an import
/// compares every row with the records of its day and 文号.
pub struct Probe {
    doc_no: String,
    responsible: String,
    numbers: Vec<String>,
    pairs: Vec<(char, char)>,
    day: Option<u32>,
}

impl Probe {
    /// A record as compared; `numbered` says whether its 文号 tells documents apart (one that
    /// does not, a placeholder, is compared as no number at all; a stored record's is as written).
    pub fn of(new: &RecordData, numbered: bool) -> Probe {
        Probe {
            doc_no: match numbered {
                true => normal(&new.doc_no),
                false => String::new(),
            },
            responsible: normal(&new.responsible),
            numbers: numbers(&new.title),
            pairs: sorted_pairs(&new.title),
            day: new.date.filter(|d| d.day > 0).map(|d| d.sort_key()),
        }
    }

    /// The numbers its title names: records whose titles name others are never alike on the
    /// same-day path, so an import groups the records it compares by them.
    pub fn numbers(&self) -> &[String] {
        &self.numbers
    }

    /// Whether the new record looks the same as an old one (worked out as a probe too), with
    /// how alike their titles are (0 to 1): a 文号 the fonds gave already (one document entered
    /// twice, or a number mistyped; either way a clerk looks), or the same day, maker and numbers
    /// with titles this alike. The cheap differences are looked at first.
    pub fn alike(&self, old: &Probe) -> Option<f64> {
        if !self.doc_no.is_empty() && self.doc_no == old.doc_no {
            return Some(dice(&self.pairs, &old.pairs));
        }
        // Two numbers are two documents; so are two parties that made them.
        if !self.doc_no.is_empty() && !old.doc_no.is_empty() {
            return None;
        }
        if !self.responsible.is_empty()
            && !old.responsible.is_empty()
            && self.responsible != old.responsible
        {
            return None;
        }
        if self.day.is_none() || old.day != self.day || old.numbers != self.numbers {
            return None;
        }
        let similarity = dice(&self.pairs, &old.pairs);
        (similarity >= SAME_DAY).then_some(similarity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(title: &str, responsible: &str, doc_no: &str, date: &str) -> RecordData {
        let mut data = RecordData {
            title: title.into(),
            responsible: responsible.into(),
            doc_no: doc_no.into(),
            ..RecordData::default()
        };
        data.date = date.parse().ok();
        data
    }

    fn alike(new: &RecordData, old: &RecordData) -> Option<f64> {
        Probe::of(new, true).alike(&Probe::of(old, true))
    }

    #[test]
    fn the_same_document_typed_again_is_flagged_and_a_sibling_is_not() {
        let old = data(
            "关于印发《档案工作规范》的通知",
            "市档案局",
            "档发〔2019〕3号",
            "2019-03-05",
        );
        let again = data(
            "关于印发《档案工作规范》的通知。",
            "市档案局",
            "",
            "2019-03-05",
        );
        assert!(alike(&again, &old).is_some_and(|s| s > 0.9));
        // Full-width digits and a missing 书名号: the same number says it is the same document.
        let abridged = data("印发档案工作规范的通知", "", "档发〔２０１９〕３号", "");
        assert!(alike(&abridged, &old).is_some());
        let sibling = data(
            "关于印发《档案工作规范》的通知",
            "市档案局",
            "档发〔2019〕4号",
            "2019-03-05",
        );
        assert_eq!(
            alike(&sibling, &old),
            None,
            "another number, another document"
        );
        // A 文号 given already is worth a look, whatever the title: typed twice, or mistyped.
        let reused = data(
            "关于调整值班安排的通知",
            "市档案局",
            "档发〔2019〕3号",
            "2019-09-01",
        );
        assert!(alike(&reused, &old).is_some_and(|s| s < 0.5));
        // A number that numbers nothing (shared by many) is compared as none: the day decides.
        assert_eq!(
            Probe::of(&reused, false).alike(&Probe::of(&old, true)),
            None
        );
        let minutes = data("办公室２０１９年第１次工作会议纪要", "", "", "2019-03-05");
        let next = data("办公室２０１９年第２次工作会议纪要", "", "", "2019-03-05");
        assert_eq!(alike(&next, &minutes), None, "the next meeting's minutes");
        let other_day = data(
            "关于印发《档案工作规范》的通知",
            "市档案局",
            "",
            "2019-03-06",
        );
        assert_eq!(alike(&other_day, &old), None);
        let other_maker = data(
            "关于印发《档案工作规范》的通知",
            "市财政局",
            "",
            "2019-03-05",
        );
        assert_eq!(alike(&other_maker, &old), None);
    }
}
