//! How search compares text: one folding for what is indexed, what is asked and what is
//! highlighted, so that a query finds exactly the records whose text contains it once both are
//! folded. Full-width forms and compatibility characters become their plain twins (NFKC), Latin
//! letters lose case and accents, and traditional characters become simplified ones (OpenCC's
//! character table, through zhconv), so 檔案管理 finds 档案管理 and back.
//!
//! Folding is character by character, never by phrase: the same character folds the same way
//! wherever it stands, so a substring of a folded text is the folding of a substring.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// OpenCC's traditional-to-simplified characters (its phrase entries left out, see above).
fn simplified_of() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        zhconv::tables::expand_table(zhconv::tables::ZH_HANS_TABLE)
            .filter_map(|(from, to)| {
                let mut from = from.chars();
                let mut to = to.chars();
                match (from.next(), from.next(), to.next(), to.next()) {
                    (Some(a), None, Some(b), None) if a != b => Some((a, b)),
                    _ => None,
                }
            })
            .collect()
    })
}

fn simplified(c: char) -> char {
    simplified_of().get(&c).copied().unwrap_or(c)
}

/// Combining accents, dropped so that `café` and `cafe` are the same word.
fn is_accent(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Calls `out` with what `c` folds to: usually one character, sometimes none or several (`㈠` is
/// `(一)`).
pub fn fold_char(c: char, out: &mut impl FnMut(char)) {
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
    } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        // Unified ideographs have no compatibility forms: the common case, without the normaliser.
        out(simplified(c));
    } else {
        for plain in std::iter::once(c).nfkc() {
            for base in std::iter::once(plain).nfd().filter(|d| !is_accent(*d)) {
                for lower in base.to_lowercase() {
                    out(simplified(lower));
                }
            }
        }
    }
}

/// `text` folded for search.
pub fn fold_for_search(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut |f| folded.push(f));
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::fold_for_search;

    #[test]
    fn traditional_full_width_case_and_accents_fold_alike() {
        assert_eq!(fold_for_search("檔案管理"), "档案管理");
        assert_eq!(fold_for_search("档案管理"), "档案管理");
        assert_eq!(fold_for_search("《檔案館ＯＡ系統》"), "《档案馆oa系统》");
        assert_eq!(fold_for_search("Café 臺灣"), "cafe 台湾");
        assert_eq!(fold_for_search("㈠"), "(一)");
    }

    #[test]
    fn folding_twice_changes_nothing() {
        for text in ["檔案館藏", "乾隆年間", "發展與規劃", "後來的頭髮"] {
            let once = fold_for_search(text);
            assert_eq!(fold_for_search(&once), once, "{text}");
        }
    }
}
