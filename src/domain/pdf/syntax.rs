//! PDF syntax as a reader lexes it: names with their `#xx` escapes decoded, and strings and
//! comments, inside which a keyword is not one.

use crate::i18n::FileMsg;

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

/// Strings `( … )`, nested and with escapes, and `< … >` in hex, and comments from `%` to the end
/// of the line. A string's text is kept (its start) to be judged when it ends.
#[derive(Default)]
pub(super) struct Lexer {
    string_depth: u32,
    escaped: bool,
    /// Octal digits of an escape being read (`\134` is a backslash), with their value.
    octal: Option<(u8, u8)>,
    /// After `<`: a dictionary if `<` follows, else a hex string.
    angle: bool,
    hex: Option<Vec<u8>>,
    comment: bool,
    text: Vec<u8>,
}

/// What a byte is to the lexer.
pub(super) enum Lexed {
    /// Syntax in the open.
    Open,
    /// Inside a string or a comment.
    Inside,
    /// The end of a string, with (the start of) its text.
    StringEnd(Vec<u8>),
}

/// Enough of a string to judge where it leads.
const STRING_START: usize = 256;

impl Lexer {
    pub(super) fn feed(&mut self, byte: u8) -> Lexed {
        if self.comment {
            self.comment = !matches!(byte, b'\r' | b'\n');
            return Lexed::Inside;
        }
        if let Some(digits) = &mut self.hex {
            if byte == b'>' {
                let text = hex_text(&std::mem::take(digits));
                self.hex = None;
                return Lexed::StringEnd(text);
            }
            if byte.is_ascii_hexdigit() && digits.len() < 2 * STRING_START {
                digits.push(byte);
            }
            return Lexed::Inside;
        }
        if self.string_depth > 0 {
            return self.in_string(byte);
        }
        if std::mem::take(&mut self.angle) {
            if byte == b'<' {
                // `<<`: a dictionary opens.
                return Lexed::Open;
            }
            self.hex = Some(Vec::new());
            return self.feed(byte);
        }
        match byte {
            b'(' => {
                self.string_depth = 1;
                self.text.clear();
            }
            b'%' => self.comment = true,
            b'<' => {
                self.angle = true;
                return Lexed::Open;
            }
            _ => return Lexed::Open,
        }
        Lexed::Inside
    }

    fn keep(&mut self, byte: u8) {
        if self.text.len() < STRING_START {
            self.text.push(byte);
        }
    }

    fn in_string(&mut self, byte: u8) -> Lexed {
        if let Some((value, digits)) = self.octal {
            if (b'0'..=b'7').contains(&byte) && digits < 3 {
                self.octal = Some((value.wrapping_mul(8).wrapping_add(byte - b'0'), digits + 1));
                return Lexed::Inside;
            }
            self.octal = None;
            self.keep(value);
        }
        if std::mem::take(&mut self.escaped) {
            match byte {
                b'0'..=b'7' => self.octal = Some((byte - b'0', 1)),
                b'n' => self.keep(b'\n'),
                b'r' => self.keep(b'\r'),
                b't' => self.keep(b'\t'),
                b'\r' | b'\n' => {}
                other => self.keep(other),
            }
            return Lexed::Inside;
        }
        match byte {
            b'\\' => self.escaped = true,
            b'(' => {
                self.string_depth += 1;
                self.keep(byte);
            }
            b')' => {
                self.string_depth -= 1;
                if self.string_depth == 0 {
                    return Lexed::StringEnd(std::mem::take(&mut self.text));
                }
                self.keep(byte);
            }
            other => self.keep(other),
        }
        Lexed::Inside
    }
}

fn hex_text(digits: &[u8]) -> Vec<u8> {
    digits
        .chunks(2)
        .map(|pair| {
            let high = hex_value(pair[0]).unwrap_or(0);
            let low = pair.get(1).and_then(|&b| hex_value(b)).unwrap_or(0);
            high << 4 | low
        })
        .collect()
}

/// Where a string leads that a document must not: a path on another host (opening or following
/// it hands the reader's Windows credentials to that host), or a script or protocol-handler URL.
pub(super) fn leads_out(text: &[u8]) -> Option<FileMsg> {
    // A text string may be UTF-16 (what a reader prefers for a file's name) or carry a mark.
    let text = match text {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => String::from_utf8_lossy(text).into_owned(),
    };
    let text = text.to_lowercase().replace('\\', "/");
    let text = text.trim_start();
    let path = text
        .strip_prefix("file:")
        .or_else(|| text.strip_prefix("smb:"))
        .unwrap_or(text);
    if path.starts_with("//") && !path.starts_with("///") {
        let path = text.chars().take(40).collect();
        return Some(FileMsg::PdfNetwork { path });
    }
    let script = ["javascript:", "vbscript:"]
        .iter()
        .find(|s| text.starts_with(*s));
    script
        .map(|s| s.to_string())
        .or_else(|| crate::domain::markup::handler_scheme(text))
        .map(|scheme| FileMsg::PdfHandler { scheme })
}
