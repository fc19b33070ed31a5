//! Pinyin, so that `dagl` or `dangan` find 档案管理 (../shared/notes/cjk-and-i18n.md §3.4).
//!
//! The index holds every hanzi's readings (heteronyms all: 银行 is yin-hang and yin-xing) and every
//! adjacent pair of initials, each at the character's position. A query that looks like pinyin is
//! read as syllables (the last may be cut short) or as initials, and matched as a phrase: the
//! characters spelled stand together, from any character on.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use pinyin::ToPinyinMulti;

/// The readings of one character: hanzi give their pinyin (ü as v), letters and digits themselves.
fn readings(c: char) -> Option<Vec<String>> {
    if c.is_ascii_alphanumeric() {
        return Some(vec![c.to_ascii_lowercase().to_string()]);
    }
    let multi = c.to_pinyin_multi()?;
    let mut out: Vec<String> = Vec::new();
    for reading in multi {
        let plain = reading.plain().replace('ü', "v");
        if !out.contains(&plain) {
            out.push(plain);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A syllable's initial as a query of initials spells it: its first letter (zh is z).
pub fn initial(syllable: &str) -> &str {
    syllable.get(..1).unwrap_or_default()
}

/// `readings`, remembered per thread: indexing asks for the same few thousand characters
/// millions of times.
fn cached_readings(c: char) -> Option<Rc<[String]>> {
    thread_local! {
        static KNOWN: RefCell<HashMap<char, Option<Rc<[String]>>>> = RefCell::default();
    }
    KNOWN.with(|known| {
        known
            .borrow_mut()
            .entry(c)
            .or_insert_with(|| readings(c).map(Rc::from))
            .clone()
    })
}

/// The readings of each character of `text` that is a hanzi (None for the others: letters and
/// digits are found as themselves).
pub fn hanzi_readings(text: &str) -> Vec<Option<Rc<[String]>>> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                None
            } else {
                cached_readings(c)
            }
        })
        .collect()
}

/// Whether `typed` spells, as pinyin, characters of `text` from some character on.
pub fn spells(text: &str, typed: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|start| match_length(&chars[start..], typed).is_some())
}

/// A query piece that may be pinyin: letters and digits only, at least two.
pub fn looks_like_pinyin(piece: &str) -> bool {
    piece.len() >= 2
        && piece
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// How many characters from the start of `chars` the pinyin `query` spells, as initials or as full
/// pinyin (the last syllable may be cut short, as a prefix query matches it); None if it does not.
pub fn match_length(chars: &[char], query: &str) -> Option<usize> {
    let by_initials = || {
        let mut letters = query.chars();
        let mut used = 0;
        for c in chars {
            let Some(letter) = letters.next() else { break };
            let options = readings(*c)?;
            if !options.iter().any(|r| initial(r).starts_with(letter)) {
                return None;
            }
            used += 1;
        }
        (used > 0 && letters.next().is_none()).then_some(used)
    };
    by_initials().or_else(|| full_match(chars, query))
}

fn full_match(chars: &[char], rest: &str) -> Option<usize> {
    if rest.is_empty() {
        return Some(0);
    }
    let options = readings(*chars.first()?)?;
    options.iter().find_map(|reading| {
        if let Some(after) = rest.strip_prefix(reading.as_str()) {
            full_match(&chars[1..], after).map(|n| n + 1)
        } else {
            reading.starts_with(rest).then_some(1)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(title: &str, query: &str) -> bool {
        spells(title, query)
    }

    #[test]
    fn initials_full_pinyin_and_from_any_syllable() {
        for query in ["dagl", "dangan", "danganguanli", "guanli", "gl"] {
            assert!(finds("档案管理办法", query), "{query}");
        }
        assert!(finds("人事处会议纪要", "rsc") && finds("人事处会议纪要", "hyjy"));
        assert!(!finds("档案管理办法", "caiwu"));
    }

    #[test]
    fn match_length_counts_the_characters_spelled() {
        let chars: Vec<char> = "档案管理办法".chars().collect();
        assert_eq!(match_length(&chars, "dagl"), Some(4));
        assert_eq!(match_length(&chars, "dangan"), Some(2));
        assert_eq!(match_length(&chars, "danganguan"), Some(3));
        assert_eq!(match_length(&chars, "dang"), Some(1));
        assert_eq!(match_length(&chars, "caiwu"), None);
        assert_eq!(match_length(&chars[4..], "bfx"), None);
    }

    #[test]
    fn heteronyms_are_found_by_either_reading() {
        for query in ["yinhang", "yh", "chongqing", "cq"] {
            assert!(finds("中国工商银行重庆分行", query), "{query}");
        }
        assert!(finds("女职工委员会", "nvzhigong"));
    }

    #[test]
    fn only_letters_and_digits_look_like_pinyin() {
        assert!(looks_like_pinyin("dagl") && looks_like_pinyin("2019nd"));
        assert!(
            !looks_like_pinyin("d") && !looks_like_pinyin("档案") && !looks_like_pinyin("gb/t")
        );
    }
}
