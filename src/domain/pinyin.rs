//! Pinyin keys, so that `dagl` or `dangan` find 档案管理 (../shared/notes/cjk-and-i18n.md §3.4).
//!
//! For every position in a run of hanzi and letters/digits, the joined full pinyin and the joined
//! initials from there on, capped in length: 档案管理 gives `danganguanli`, `anguanli`, …, `dagl`,
//! `agl`, …. A query that looks like pinyin matches a key by prefix. Heteronyms (银行 yinhang /
//! yinxing, 重庆 chongqing) get a few extra variants rather than every combination.

use pinyin::ToPinyinMulti;

/// Key length caps, in letters: enough for four to six syllables, and bounded index growth.
const FULL_CAP: usize = 24;
const INITIALS_CAP: usize = 8;
/// How many characters into a key alternative readings are tried.
const HETERONYM_REACH: usize = 4;

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

fn initial(syllable: &str) -> &str {
    syllable.get(..1).unwrap_or_default()
}

/// Every key of a text.
pub fn keys(text: &str) -> Vec<String> {
    let chars: Vec<Option<Vec<String>>> = text.chars().map(readings).collect();
    let mut out: Vec<String> = Vec::new();
    let mut push = |key: String| {
        if key.len() >= 2 && !out.contains(&key) {
            out.push(key);
        }
    };
    for start in 0..chars.len() {
        if chars[start].is_none() {
            continue;
        }
        let run: Vec<&Vec<String>> = chars[start..].iter().map_while(|c| c.as_ref()).collect();
        // The first reading everywhere, then one alternative at a time near the start.
        let mut variants: Vec<Vec<&str>> = vec![run.iter().map(|r| r[0].as_str()).collect()];
        for (position, options) in run.iter().enumerate().take(HETERONYM_REACH) {
            for alternative in options.iter().skip(1) {
                let mut variant = variants[0].clone();
                variant[position] = alternative;
                variants.push(variant);
            }
        }
        for variant in variants {
            let full: String = variant.concat().chars().take(FULL_CAP).collect();
            let initials: String = variant
                .iter()
                .map(|s| initial(s))
                .collect::<String>()
                .chars()
                .take(INITIALS_CAP)
                .collect();
            push(full);
            push(initials);
        }
    }
    out
}

/// A query piece that may be pinyin: letters and digits only, at least two.
pub fn looks_like_pinyin(piece: &str) -> bool {
    piece.len() >= 2
        && piece
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The prefix a query piece is matched with (keys are capped, so longer queries match on their start).
pub fn query_prefix(piece: &str) -> &str {
    &piece[..piece.len().min(FULL_CAP)]
}

/// How many characters from the start of `chars` the pinyin `query` spells, as initials or as full
/// pinyin (the last syllable may be cut short, as a prefix query matches it); None if it does not.
pub fn match_length(chars: &[char], query: &str) -> Option<usize> {
    let query = query_prefix(query);
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
        keys(title)
            .iter()
            .any(|k| k.starts_with(query_prefix(query)))
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
