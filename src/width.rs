//! All display-width arithmetic: a CJK character takes two terminal columns, and a string is never
//! cut inside a character.

use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

use std::ops::Range;

pub fn width(text: &str) -> usize {
    text.width()
}

/// Pads with spaces to `columns` display columns (never shortens).
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        columns.saturating_sub(width(text)),
    ));
    out
}

/// Cuts to at most `columns` display columns, ending in `…` when anything was cut.
pub fn truncate(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let budget = columns.saturating_sub(1);
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    if columns > 0 {
        out.push('…');
    }
    out
}

/// Columns of context kept before the first match when a snippet must start inside the text.
const SNIPPET_LEAD: usize = 6;

/// A window of `text` at most `columns` wide that shows its first marked stretch, as segments
/// (text, marked). `marks` are character ranges. Cut ends show `…`; nothing is cut in half.
pub fn snippet(text: &str, marks: &[Range<usize>], columns: usize) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let is_marked = |i: usize| marks.iter().any(|r| r.contains(&i));
    let char_width = |c: char| c.width().unwrap_or(0);
    let mut start = 0;
    // Below four columns there is no room for two ellipses and a character between them.
    if width(text) > columns
        && columns >= 4
        && let Some(first) = marks.first()
    {
        // Start early enough for a little context, late enough for the mark to fit.
        let before: usize = chars[..first.start.min(chars.len())]
            .iter()
            .map(|c| char_width(*c))
            .sum();
        let mut skip = before.saturating_sub(SNIPPET_LEAD);
        while start < first.start && skip > 0 {
            skip = skip.saturating_sub(char_width(chars[start]));
            start += 1;
        }
        // Near the end, start earlier rather than leave the window half empty.
        let tail = |from: usize| -> usize { chars[from..].iter().map(|c| char_width(*c)).sum() };
        while start > 1 && tail(start - 1) < columns {
            start -= 1;
        }
    }
    let lead = if start > 0 { "…" } else { "" };
    let mut budget = columns.saturating_sub(width(lead));
    let rest_width: usize = chars[start..].iter().map(|c| char_width(*c)).sum();
    if rest_width > budget {
        budget = budget.saturating_sub(1);
    }
    let mut segments: Vec<(String, bool)> = Vec::new();
    if start > 0 && columns > 0 {
        segments.push((lead.to_string(), false));
    }
    let mut used = 0;
    for (i, c) in chars.iter().enumerate().skip(start) {
        let w = char_width(*c);
        if used + w > budget {
            segments.push(("…".to_string(), false));
            break;
        }
        used += w;
        let marked = is_marked(i);
        match segments.last_mut() {
            Some((run, m)) if *m == marked => run.push(*c),
            _ => segments.push((c.to_string(), marked)),
        }
    }
    segments
}

/// Text broken into lines of at most `columns` display columns, a wide character never cut:
/// between any two characters (Chinese has no spaces to break at), but a Latin word is kept
/// whole.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > columns {
            // A Latin word is not split: it moves to the next line whole, if the break at the
            // space before it leaves at least half of this line.
            let in_word = c.is_ascii_alphanumeric()
                && line
                    .chars()
                    .last()
                    .is_some_and(|l| l.is_ascii_alphanumeric());
            let space = line
                .rfind(' ')
                .filter(|&at| in_word && width(&line[..at]) * 2 >= columns);
            match space {
                Some(at) => {
                    let rest = line[at + 1..].to_string();
                    line.truncate(at);
                    lines.push(std::mem::take(&mut line));
                    line = rest;
                }
                None => lines.push(std::mem::take(&mut line).trim_end().to_string()),
            }
            used = width(&line);
            if c == ' ' && line.is_empty() {
                continue;
            }
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Bidirectional overrides, embeddings and isolates: a terminal that honours them shows text in
/// another order than it is stored ("Trojan Source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters terminals draw otherwise than their width says (joiners, line and paragraph
/// separators, annotation marks, non-characters): left in, they shift the rest of a row.
fn drawn_unlike_measured(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{FFFE}'
            | '\u{FFFF}'
    )
}

/// Replaces control characters (escape sequences above all), bidirectional controls and what
/// terminals draw unlike its width, so that text from a record can never drive the terminal,
/// reorder what it shows or shift a row. Line breaks are kept only where asked.
pub fn sanitize(text: &str, keep_newlines: bool) -> String {
    text.chars()
        .map(|c| {
            let bidi_mark = matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}');
            if (c.is_control() && !(keep_newlines && c == '\n'))
                || is_bidi_control(c)
                || bidi_mark
                || drawn_unlike_measured(c)
            {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_never_cut_a_wide_character() {
        let text = "录入的台账行尚未保存，退出就会丢失。仍然退出？y 退出，n 留下";
        for columns in [7, 10, 20, 80] {
            let lines = wrap(text, columns);
            assert!(
                lines.iter().all(|l| width(l) <= columns),
                "{columns}: {lines:?}"
            );
            // A break at a space takes the space; nothing else is lost.
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
        let english = "The register lines typed are not stored and would be lost. Quit anyway?";
        let lines = wrap(english, 40);
        assert_eq!(lines[0], "The register lines typed are not stored");
        assert_eq!(lines.join(" "), english);
    }

    #[test]
    fn joiners_separators_and_non_characters_never_reach_the_terminal() {
        let title = "关于\u{200D}活动\u{2028}的\u{FEFF}方案\u{FFFE}";
        let shown = sanitize(title, false);
        assert_eq!(shown, "关于\u{FFFD}活动\u{FFFD}的\u{FFFD}方案\u{FFFD}");
        // What is measured is what is drawn: one column for each mark.
        assert_eq!(width(&shown), 7 * 2 + 4);
    }

    #[test]
    fn wide_characters_are_never_cut_in_half() {
        assert_eq!(truncate("《档案法》实施", 7), "《档案…");
        assert_eq!(width(&truncate("《档案法》实施", 7)), 7);
        assert_eq!(truncate("档案ab", 6), "档案ab");
        assert_eq!(truncate("档案abc", 6), "档案a…");
        assert_eq!(pad("题名", 8), "题名    ");
        assert_eq!(width(&pad("保管期限", 8)), 8);
    }

    fn joined(segments: &[(String, bool)]) -> (String, Vec<String>) {
        let text = segments.iter().map(|(s, _)| s.as_str()).collect();
        let marked = segments
            .iter()
            .filter(|(_, m)| *m)
            .map(|(s, _)| s.clone())
            .collect();
        (text, marked)
    }

    #[test]
    fn a_snippet_shows_the_match_within_the_width() {
        let title = "关于印发《二〇一九年度机关档案管理工作要点》的通知";
        let marks = [Range { start: 15, end: 19 }];
        let (text, marked) = joined(&snippet(title, &marks, 20));
        assert_eq!(marked, ["管理工作"]);
        assert!(width(&text) <= 20, "{text}");
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        // Fits whole: shown whole, marks where they were.
        let (text, marked) = joined(&snippet("《档案法》", &[1..3, 4..4], 20));
        assert_eq!(
            (text.as_str(), marked),
            ("《档案法》", vec!["档案".to_string()])
        );
        // Odd widths never split a wide character.
        for columns in 1..24 {
            let (text, _) = joined(&snippet(title, &marks, columns));
            assert!(width(&text) <= columns, "{columns}: {text}");
        }
    }

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        assert_eq!(sanitize("红\u{1b}[31m字", false), "红\u{FFFD}[31m字");
        assert_eq!(sanitize("一\n二", true), "一\n二");
        assert_eq!(sanitize("一\n二", false), "一\u{FFFD}二");
        assert_eq!(
            sanitize("《合同》\u{202E}fdp.exe", false),
            "《合同》\u{FFFD}fdp.exe"
        );
        assert_eq!(
            sanitize("甲\u{2067}乙\u{200F}", false),
            "甲\u{FFFD}乙\u{FFFD}"
        );
    }
}
