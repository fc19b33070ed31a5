//! Whether a new record repeats one already described: the same document entered twice, or
//! listed twice in an import. Never a refusal, only a flag the clerk reads.

use crate::domain::RecordData;
use crate::domain::register::{meaningful, normal, title_similarity};

/// Titles of the same day this alike are the same document written with a slip.
const SAME_DAY: f64 = 0.85;
/// With the same 文号, titles need only this much in common (one may be abridged).
const SAME_NUMBER: f64 = 0.5;

/// The numbers a title names (`第３次`, `2019年`): titles differing only in them are different
/// documents of one series, however alike the rest reads.
fn numbers(title: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut run = String::new();
    for c in meaningful(title).into_iter().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else if !run.is_empty() {
            found.push(std::mem::take(&mut run));
        }
    }
    found
}

/// How alike a new record is to an old one, if it looks the same: 0.5 to 1 (the title's
/// similarity), else `None`.
pub fn alike(new: &RecordData, old: &RecordData) -> Option<f64> {
    let (new_no, old_no) = (normal(&new.doc_no), normal(&old.doc_no));
    // Two numbers are two documents; so are two parties that made them.
    if !new_no.is_empty() && !old_no.is_empty() && new_no != old_no {
        return None;
    }
    let (new_by, old_by) = (normal(&new.responsible), normal(&old.responsible));
    if !new_by.is_empty() && !old_by.is_empty() && new_by != old_by {
        return None;
    }
    if numbers(&new.title) != numbers(&old.title) {
        return None;
    }
    let similarity = title_similarity(&new.title, &old.title);
    let same_number = !new_no.is_empty() && new_no == old_no;
    let same_day = match (new.date, old.date) {
        (Some(a), Some(b)) => a.sort_key() == b.sort_key() && a.day > 0,
        _ => false,
    };
    let alike = (same_number && similarity >= SAME_NUMBER) || (same_day && similarity >= SAME_DAY);
    alike.then_some(similarity)
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
