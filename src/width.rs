//! All display-width arithmetic: a CJK character takes two terminal columns, and a string is never
//! cut inside a character.

use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

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

/// Replaces control characters (escape sequences above all) so that text from a record can never
/// drive the terminal. Line breaks are kept only where asked.
pub fn sanitize(text: &str, keep_newlines: bool) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && !(keep_newlines && c == '\n') {
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
    fn wide_characters_are_never_cut_in_half() {
        assert_eq!(truncate("《档案法》实施", 7), "《档案…");
        assert_eq!(width(&truncate("《档案法》实施", 7)), 7);
        assert_eq!(truncate("档案ab", 6), "档案ab");
        assert_eq!(truncate("档案abc", 6), "档案a…");
        assert_eq!(pad("题名", 8), "题名    ");
        assert_eq!(width(&pad("保管期限", 8)), 8);
    }

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        assert_eq!(sanitize("红\u{1b}[31m字", false), "红\u{FFFD}[31m字");
        assert_eq!(sanitize("一\n二", true), "一\n二");
        assert_eq!(sanitize("一\n二", false), "一\u{FFFD}二");
    }
}
