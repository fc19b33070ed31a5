//! Which characters of a title matched the query, for a highlighted snippet. Worked out again from
//! the title as the store has it (the index stores no text), the way the index matched: a piece as a
//! substring (folded for search: full-width, case, traditional characters), or as pinyin initials or full pinyin from any character.

use std::ops::Range;

use super::folding::{fold_char, fold_for_search};
use super::pinyin;
use super::query::SearchQuery;

/// One title character as the index compares it, which may be several chars or none.
fn folded(c: char) -> Vec<char> {
    let mut out = Vec::with_capacity(1);
    fold_char(c, &mut |f| out.push(f));
    out
}

/// Ranges of `title` to highlight, in characters (not bytes: they survive sanitising and mean the
/// same to a JSON reader in any language), sorted and merged.
pub fn highlight(title: &str, query: &SearchQuery) -> Vec<Range<usize>> {
    let chars: Vec<char> = title.chars().collect();
    let mut marked = vec![false; chars.len()];
    // The folded title, with the title character each folded char came from.
    let mut flat: Vec<char> = Vec::with_capacity(chars.len());
    let mut origin: Vec<usize> = Vec::with_capacity(chars.len());
    for (i, c) in chars.iter().enumerate() {
        for f in folded(*c) {
            flat.push(f);
            origin.push(i);
        }
    }
    for piece in &query.pieces {
        let needle: Vec<char> = fold_for_search(piece)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if needle.is_empty() {
            continue;
        }
        for start in 0..flat.len().saturating_sub(needle.len() - 1) {
            if flat[start..start + needle.len()] == needle[..] {
                for &i in &origin[start..start + needle.len()] {
                    marked[i] = true;
                }
            }
        }
        if pinyin::looks_like_pinyin(piece) {
            for start in 0..chars.len() {
                if let Some(length) = pinyin::match_length(&chars[start..], piece) {
                    marked[start..start + length].fill(true);
                }
            }
        }
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for i in (0..chars.len()).filter(|i| marked[*i]) {
        match ranges.last_mut() {
            Some(last) if last.end == i => last.end = i + 1,
            _ => ranges.push(i..i + 1),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(title: &str, query: &str) -> Vec<String> {
        let chars: Vec<char> = title.chars().collect();
        highlight(title, &SearchQuery::parse(query))
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn substrings_are_marked_wherever_they_occur() {
        assert_eq!(
            marked("《农民工务工管理办法》——务工人员", "务工"),
            ["务工", "务工"]
        );
        assert_eq!(
            marked("关于“档案管理”的通知", "档案 通知 year:2019"),
            ["档案", "通知"]
        );
        assert!(marked("财务预算", "规划").is_empty());
    }

    #[test]
    fn full_width_and_case_are_folded_as_the_index_folds_them() {
        assert_eq!(
            marked("ＧＢ／Ｔ １８８９４—２０１６ 电子文件归档", "gb/t 18894"),
            ["ＧＢ／Ｔ", "１８８９４"]
        );
        assert_eq!(marked("２０１９年度报告", "2019"), ["２０１９"]);
    }

    #[test]
    fn traditional_and_simplified_mark_each_other() {
        assert_eq!(marked("《臺灣檔案管理》通則", "档案管理"), ["檔案管理"]);
        assert_eq!(marked("关于档案管理的通知", "檔案"), ["档案"]);
    }

    #[test]
    fn pinyin_marks_the_characters_it_spells() {
        assert_eq!(marked("关于档案管理的规定", "dagl"), ["档案管理"]);
        assert_eq!(marked("关于档案管理的规定", "dangan"), ["档案"]);
        assert_eq!(marked("中国工商银行分行", "yinhang"), ["银行"]);
    }
}
