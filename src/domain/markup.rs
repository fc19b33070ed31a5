//! Script in markup (HTML, SVG, XML), found the way a browser would run it: a `<script>` or an
//! element that loads other content into the page, an event attribute (`onload=`, `onerror=`…),
//! and a script URL (`javascript:`) even when spelt with character references or broken by tabs
//! and newlines (`jav&#x61;script:`, `java&#9;script:`), since a browser decodes and drops those.
//! Fed the file in chunks, byte by byte; nothing is held but a few bytes of state.

use crate::i18n::FileMsg;

/// Elements that run script or pull other content (pages, plug-ins) into the page.
const SCRIPT_ELEMENTS: [&[u8]; 3] = [b"script", b"handler", b"listener"];
const EMBEDDING_ELEMENTS: [&[u8]; 5] = [b"iframe", b"frame", b"object", b"embed", b"applet"];
/// URL schemes a browser runs as script, or renders as a page of its own.
const SCRIPT_SCHEMES: [&[u8]; 4] = [
    b"javascript:",
    b"vbscript:",
    b"livescript:",
    b"data:text/html",
];
/// Kept of the decoded text: the longest scheme.
const SCHEME_WINDOW: usize = 16;
/// Element and attribute names longer than this are not ones a browser acts on.
const MAX_NAME: usize = 32;
/// A character reference longer than this is not one (`&#x0000000061;` is still read: zeros
/// are skipped, not counted).
const MAX_REFERENCE: usize = 10;

#[derive(Default)]
enum Tag {
    /// Between tags.
    #[default]
    Text,
    /// After `<`: the element's name so far.
    Name(Vec<u8>),
    /// Inside a start tag: the attribute name so far, whether it has ended (a space or `/`
    /// after it), and the quote of a value being read.
    Attributes {
        attribute: Vec<u8>,
        ended: bool,
        quote: Option<u8>,
    },
}

#[derive(Default)]
pub struct MarkupScanner {
    tag: Tag,
    /// The text as a browser reads a URL: references decoded, tabs and newlines dropped.
    decoded: Vec<u8>,
    /// A character reference being read (after `&`).
    reference: Option<Vec<u8>>,
    found: Vec<FileMsg>,
}

impl MarkupScanner {
    pub fn feed(&mut self, chunk: &[u8]) {
        for &byte in chunk {
            let byte = byte.to_ascii_lowercase();
            self.markup(byte);
            self.text(byte);
        }
    }

    /// What was found, each reason once.
    pub fn finish(mut self) -> Vec<FileMsg> {
        if let Some(reference) = self.reference.take() {
            self.decode(&reference);
        }
        self.found
    }

    fn find(&mut self, reason: FileMsg) {
        if !self.found.contains(&reason) {
            self.found.push(reason);
        }
    }

    /// Tags and attributes, read from the bytes as written (a reference in text is not a tag).
    fn markup(&mut self, byte: u8) {
        let name_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':');
        match &mut self.tag {
            Tag::Text => {
                if byte == b'<' {
                    self.tag = Tag::Name(Vec::new());
                }
            }
            Tag::Name(name) => {
                let starts = name.is_empty() && byte.is_ascii_alphabetic();
                if (starts || (!name.is_empty() && name_byte(byte))) && name.len() < MAX_NAME {
                    name.push(byte);
                    return;
                }
                if name.is_empty() {
                    // `</`, `<!--`, `<?`, or a lone `<`: nothing a browser starts.
                    self.tag = if byte == b'<' {
                        Tag::Name(Vec::new())
                    } else {
                        Tag::Text
                    };
                    return;
                }
                let element = std::mem::take(name);
                // An SVG or XML element may carry a prefix (`svg:script`): the local name acts.
                let local = element.rsplit(|&b| b == b':').next().unwrap_or(&element);
                if SCRIPT_ELEMENTS.contains(&local) {
                    self.find(FileMsg::MarkupScript);
                } else if EMBEDDING_ELEMENTS.contains(&local) {
                    self.find(FileMsg::MarkupEmbeds {
                        element: String::from_utf8_lossy(local).into_owned(),
                    });
                }
                self.tag = Tag::Attributes {
                    attribute: Vec::new(),
                    ended: false,
                    quote: None,
                };
                self.markup(byte);
            }
            Tag::Attributes {
                attribute,
                ended,
                quote,
            } => {
                if let Some(open) = *quote {
                    if byte == open {
                        *quote = None;
                    }
                    return;
                }
                match byte {
                    b'>' => self.tag = Tag::Text,
                    b'"' | b'\'' => {
                        *quote = Some(byte);
                        attribute.clear();
                    }
                    b'=' => {
                        // `on` and at least two letters: every event attribute, present and future.
                        if attribute.len() >= 4
                            && attribute.starts_with(b"on")
                            && attribute[2..].iter().all(u8::is_ascii_alphabetic)
                        {
                            let name = String::from_utf8_lossy(attribute).into_owned();
                            self.find(FileMsg::MarkupEvent { name });
                        } else {
                            attribute.clear();
                        }
                    }
                    b if b.is_ascii_whitespace() || b == b'/' => *ended = !attribute.is_empty(),
                    b => {
                        if *ended {
                            attribute.clear();
                            *ended = false;
                        }
                        if attribute.len() < MAX_NAME {
                            attribute.push(b);
                        }
                    }
                }
            }
        }
    }

    /// The text as decoded, for script URLs.
    fn text(&mut self, byte: u8) {
        if let Some(reference) = &mut self.reference {
            // A numeric reference ends at its first non-digit, `;` or not.
            let more = match reference.as_slice() {
                [] => byte.is_ascii_alphanumeric() || byte == b'#',
                [b'#'] => byte.is_ascii_digit() || byte == b'x',
                [b'#', b'x', ..] => byte.is_ascii_hexdigit(),
                [b'#', ..] => byte.is_ascii_digit(),
                _ => byte.is_ascii_alphanumeric(),
            };
            if more && reference.len() < MAX_REFERENCE {
                let leading_zero = byte == b'0' && matches!(reference.as_slice(), b"#" | b"#x");
                if !leading_zero {
                    reference.push(byte);
                }
                return;
            }
            let reference = std::mem::take(reference);
            self.reference = None;
            self.decode(&reference);
            if byte == b';' {
                return;
            }
        }
        if byte == b'&' {
            self.reference = Some(Vec::new());
            return;
        }
        self.decoded_byte(byte);
    }

    fn decode(&mut self, reference: &[u8]) {
        let number = |digits: &[u8], radix| {
            std::str::from_utf8(digits)
                .ok()
                .and_then(|d| u32::from_str_radix(d, radix).ok())
        };
        let code = match reference {
            [b'#', b'x', hex @ ..] => number(hex, 16),
            [b'#', decimal @ ..] => number(decimal, 10),
            b"colon" => Some(u32::from(b':')),
            b"tab" => Some(u32::from(b'\t')),
            b"newline" => Some(u32::from(b'\n')),
            b"sol" => Some(u32::from(b'/')),
            _ => None,
        };
        match code.and_then(|c| u8::try_from(c).ok()).filter(u8::is_ascii) {
            Some(byte) => self.decoded_byte(byte.to_ascii_lowercase()),
            // An unknown reference stands for something that is not part of a scheme.
            None => self.decoded_byte(b'&'),
        }
    }

    fn decoded_byte(&mut self, byte: u8) {
        if matches!(byte, b'\t' | b'\n' | b'\r') {
            return;
        }
        self.decoded.push(byte);
        if self.decoded.len() > 2 * SCHEME_WINDOW {
            self.decoded.drain(..SCHEME_WINDOW);
        }
        if SCRIPT_SCHEMES.iter().any(|s| self.decoded.ends_with(s)) {
            self.find(FileMsg::MarkupScript);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str, chunk: usize) -> Vec<FileMsg> {
        let mut scanner = MarkupScanner::default();
        for piece in text.as_bytes().chunks(chunk) {
            scanner.feed(piece);
        }
        scanner.finish()
    }

    fn found(text: &str) -> Vec<FileMsg> {
        let whole = scan(text, usize::MAX);
        for chunk in [1, 3, 7] {
            assert_eq!(scan(text, chunk), whole, "chunks of {chunk}: {text}");
        }
        whole
    }

    #[test]
    fn event_attributes_are_found_however_they_are_written() {
        let event = |name: &str| FileMsg::MarkupEvent { name: name.into() };
        let cases = [
            (r#"<img src="x.png" onerror="alert(1)">"#, "onerror"),
            ("<svg/onload=alert(1)>", "onload"),
            ("<BODY ONLOAD = 'x()'>", "onload"),
            ("<p>通知</p><div\nonmouseover=x>", "onmouseover"),
            (r#"<a title="x" onClick="y">《关于》</a>"#, "onclick"),
        ];
        for (text, name) in cases {
            assert_eq!(found(text), vec![event(name)], "{text}");
        }
    }

    #[test]
    fn script_urls_are_found_through_references_and_tabs() {
        for text in [
            r#"<a href="javascript:alert(1)">"#,
            r#"<a href="jav&#x61;script:x">"#,
            r#"<a href="jav&#97script&colon;x">"#,
            "<a href=\"java\tscript:x\">",
            r#"<a href="java&#x09;scr&#x0000069;pt:x">"#,
            r#"<iframe src="data:text/html,<p>">"#,
        ] {
            assert!(found(text).contains(&FileMsg::MarkupScript), "{text}");
        }
    }

    #[test]
    fn script_and_embedding_elements_are_named() {
        assert_eq!(
            found("<svg:script>x</svg:script>"),
            vec![FileMsg::MarkupScript]
        );
        assert_eq!(
            found(r#"<p>附件</p><embed src="x.swf">"#),
            vec![FileMsg::MarkupEmbeds {
                element: "embed".into()
            }]
        );
    }

    #[test]
    fn words_that_only_look_like_markup_are_not_refused() {
        for text in [
            "《关于 onload 事件的说明》——第１号",
            "a < b and c > d; only=1",
            "&lt;script&gt; 是一个标签的写法",
            r#"<p class="one" title="on=off">javascript 教程</p>"#,
            "<option value=1>一</option><once=2>",
            "<a href=\"https://example.org/?on=1&amp;x=2\">链接</a>",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }
}
