//! PDF syntax as a reader lexes it: names with their `#xx` escapes decoded, and strings and
//! comments, inside which a keyword is not one.

/// Longer names are not names a reader acts on; they are cut, not collected.
const MAX_NAME: usize = 127;

/// Reads names out of PDF syntax, byte by byte, across chunk boundaries.
#[derive(Default)]
pub(super) struct Names {
    current: Option<Vec<u8>>,
}

pub(super) fn is_delimiter(byte: u8) -> bool {
    byte.is_ascii_whitespace() || b"/[]<>(){}%".contains(&byte) || byte == 0
}

fn hex_value(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

/// A name with its `#xx` escapes decoded, as a reader compares it.
fn decoded(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match (
            raw[i],
            raw.get(i + 1).copied().and_then(hex_value),
            raw.get(i + 2).copied().and_then(hex_value),
        ) {
            (b'#', Some(high), Some(low)) => {
                out.push(high << 4 | low);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

impl Names {
    /// Feeds one byte; returns a name when one ends.
    pub(super) fn feed(&mut self, byte: u8) -> Option<Vec<u8>> {
        let ended = match &mut self.current {
            Some(name) if !is_delimiter(byte) => {
                if name.len() < MAX_NAME {
                    name.push(byte);
                }
                return None;
            }
            Some(_) => self.current.take().map(|raw| decoded(&raw)),
            None => None,
        };
        if byte == b'/' {
            self.current = Some(Vec::new());
        }
        ended
    }
}

/// Strings `( … )`, nested and with escapes, and comments from `%` to the end of the line.
#[derive(Default)]
pub(super) struct Lexer {
    string_depth: u32,
    escaped: bool,
    comment: bool,
}

impl Lexer {
    /// Feeds one byte; true if it is syntax in the open (not inside a string or a comment).
    pub(super) fn feed(&mut self, byte: u8) -> bool {
        if self.comment {
            self.comment = !matches!(byte, b'\r' | b'\n');
            return false;
        }
        if self.string_depth > 0 {
            match byte {
                _ if std::mem::take(&mut self.escaped) => {}
                b'\\' => self.escaped = true,
                b'(' => self.string_depth += 1,
                b')' => self.string_depth -= 1,
                _ => {}
            }
            return false;
        }
        match byte {
            b'(' => self.string_depth = 1,
            b'%' => self.comment = true,
            _ => return true,
        }
        false
    }
}
