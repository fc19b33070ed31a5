//! A one-line text field. The caret is a byte offset on a character boundary; the screen cursor is
//! put at the caret's display column, so a Chinese IME's candidate window opens where the text goes.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthChar;

use crate::width::width;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    caret: usize,
}

impl LineInput {
    pub fn with_text(text: &str) -> LineInput {
        // One line: pasted line breaks and control characters become spaces.
        let text: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        LineInput {
            caret: text.len(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn insert(&mut self, text: &str) {
        let clean = LineInput::with_text(text).text;
        self.text.insert_str(self.caret, &clean);
        self.caret += clean.len();
    }

    fn previous_boundary(&self) -> usize {
        self.text[..self.caret]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.caret..]
            .chars()
            .next()
            .map_or(self.caret, |c| self.caret + c.len_utf8())
    }

    /// Applies an editing key; false if the key is not one (it is then the keymap's).
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain => {
                let mut buffer = [0; 4];
                self.insert(c.encode_utf8(&mut buffer));
            }
            KeyCode::Char('u') if key.modifiers == KeyModifiers::CONTROL => {
                self.text.replace_range(..self.caret, "");
                self.caret = 0;
            }
            KeyCode::Backspace => {
                let start = self.previous_boundary();
                self.text.replace_range(start..self.caret, "");
                self.caret = start;
            }
            KeyCode::Delete => {
                let end = self.next_boundary();
                self.text.replace_range(self.caret..end, "");
            }
            KeyCode::Left => self.caret = self.previous_boundary(),
            KeyCode::Right => self.caret = self.next_boundary(),
            KeyCode::Home => self.caret = 0,
            KeyCode::End => self.caret = self.text.len(),
            // As in a shell: where Home and End move in a list, these still move the caret.
            KeyCode::Char('a') if key.modifiers == KeyModifiers::CONTROL => self.caret = 0,
            KeyCode::Char('e') if key.modifiers == KeyModifiers::CONTROL => {
                self.caret = self.text.len()
            }
            _ => return false,
        }
        true
    }

    /// The part to show in `columns` and the caret's column within it: the text scrolls so that
    /// the caret is always visible, and never starts or ends inside a wide character.
    pub fn view(&self, columns: usize) -> (String, usize) {
        let columns = columns.max(1);
        let before = width(&self.text[..self.caret]);
        let mut skip = (before + 1).saturating_sub(columns);
        let mut start = 0;
        for (i, c) in self.text.char_indices() {
            if skip == 0 {
                start = i;
                break;
            }
            skip = skip.saturating_sub(c.width().unwrap_or(0));
            start = i + c.len_utf8();
        }
        let start = start.min(self.caret);
        let mut shown = String::new();
        let mut used = 0;
        for c in self.text[start..].chars() {
            let w = c.width().unwrap_or(0);
            if used + w > columns {
                break;
            }
            used += w;
            shown.push(c);
        }
        (shown, width(&self.text[start..self.caret]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[KeyCode]) -> LineInput {
        let mut input = LineInput::default();
        for code in keys {
            input.edit(&KeyEvent::new(*code, KeyModifiers::NONE));
        }
        input
    }

    #[test]
    fn the_caret_sits_after_wide_characters_by_their_width() {
        let mut input = LineInput::with_text("《档案法》");
        assert_eq!(input.view(40), ("《档案法》".to_string(), 10));
        input.edit(&KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        input.edit(&KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        assert_eq!(input.view(40).1, 6);
        input.insert("实施");
        assert_eq!(input.text(), "《档案实施法》");
        assert_eq!(input.view(40).1, 10);
    }

    #[test]
    fn editing_never_splits_a_character() {
        let mut input = typed(&[
            KeyCode::Char('第'),
            KeyCode::Char('１'),
            KeyCode::Char('号'),
            KeyCode::Backspace,
            KeyCode::Home,
            KeyCode::Delete,
        ]);
        assert_eq!(input.text(), "１");
        input.insert("a\nb");
        assert_eq!(input.text(), "a b１");
    }

    #[test]
    fn long_text_scrolls_to_keep_the_caret_in_view() {
        let input = LineInput::with_text("关于二〇一九年度档案工作的报告");
        let (shown, caret) = input.view(9);
        assert!(width(&shown) <= 9, "{shown}");
        assert!(shown.ends_with("报告"), "{shown}");
        assert!(caret < 9 && caret == width(&shown));
    }
}
