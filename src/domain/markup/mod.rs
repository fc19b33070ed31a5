//! Script in markup (HTML, SVG, XML), found the way a browser would run it: a `<script>` or an
//! element that loads other content into the page, an event attribute (`onload=`, `onerror=`…),
//! and a script URL (`javascript:`) in an attribute even when spelt with character references or
//! broken by tabs and newlines (`jav&#x61;script:`, `java&#9;script:`), since a browser decodes
//! and drops those. Quotes count only where a browser takes them as quotes (after `=`), and
//! raw-text elements and comments end where a browser ends them, so nothing hides in a place
//! the scanner skips but a browser reads. Fed the file in chunks, byte by byte.

use crate::i18n::FileMsg;

/// Elements that run script or pull other content (pages, plug-ins) into the page.
const SCRIPT_ELEMENTS: [&[u8]; 3] = [b"script", b"handler", b"listener"];
const EMBEDDING_ELEMENTS: [&[u8]; 5] = [b"iframe", b"frame", b"object", b"embed", b"applet"];
/// HTML elements whose content is text up to their end tag, whatever it looks like: a `<p
/// title="</style><img onerror=…>">` inside `<style>` ends the style and starts an image.
const RAW_TEXT_ELEMENTS: [&[u8]; 10] = [
    b"script",
    b"style",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
    b"textarea",
    b"title",
    b"plaintext",
];
/// URL schemes a browser runs as script, or renders as a page of its own.
const SCRIPT_SCHEMES: [&[u8]; 4] = [
    b"javascript:",
    b"vbscript:",
    b"livescript:",
    b"data:text/html",
];
/// URL schemes that start a program on the reader's machine (Windows protocol handlers: the
/// `ms-` family, search, the help and archive readers) rather than open a page.
const HANDLER_SCHEMES: [&str; 7] = ["search-ms", "search", "mhtml", "mk", "its", "hcp", "jar"];
/// Kept of the start of an attribute value, for where it leads.
const VALUE_START: usize = 256;
/// Kept of a decoded attribute value: the longest scheme.
const SCHEME_WINDOW: usize = 16;
/// Element and attribute names longer than this are not ones a browser acts on.
const MAX_NAME: usize = 32;
/// A character reference longer than this is not one (`&#x0000000061;` is still read: leading
/// zeros are skipped, not counted).
const MAX_REFERENCE: usize = 10;

/// How a file is read. A file of markup may be opened as HTML (raw-text elements, comments) or
/// as XML (SVG, XHTML, where neither is special): both readings are made, and what either
/// would run counts.
#[derive(Clone, Copy, PartialEq)]
enum Reading {
    Html,
    Xml,
}

#[derive(Default)]
enum Value {
    #[default]
    None,
    /// After `=`, before the value.
    Next,
    Quoted(u8),
    Unquoted,
}

#[derive(Default)]
enum Tag {
    /// Between tags.
    #[default]
    Text,
    /// After `<`: the element's name so far.
    Name(Vec<u8>),
    /// Inside a start tag: the attribute name so far, whether it has ended (a space or `/`
    /// after it), and the value being read.
    Attributes {
        element: Vec<u8>,
        attribute: Vec<u8>,
        ended: bool,
        value: Value,
    },
    /// HTML: the content of a raw-text element, up to `</element`; `seen` is the end of it.
    RawText { element: Vec<u8>, seen: Vec<u8> },
    /// HTML: after `<!`, before knowing whether a comment starts.
    Declaration(Vec<u8>),
    /// HTML: inside `<!-- … -->`: how many bytes, and the last three.
    Comment { length: usize, last: [u8; 3] },
    /// HTML: `<!…>` or `<?…>` that is not a comment, up to `>`.
    Bogus,
}

/// Reads tags one way; what it finds goes to `found`.
struct Reader {
    reading: Reading,
    tag: Tag,
    /// The attribute value being read, as a browser reads a URL: character references
    /// decoded, tabs and line breaks dropped.
    decoded: Vec<u8>,
    /// A character reference being read (after `&`) in a value.
    reference: Option<Vec<u8>>,
    /// The start of the value, decoded, for where it leads.
    value_start: Vec<u8>,
}

/// Declarations that make a browser or Office build the document from the file's own program
/// or definitions, found anywhere (in lower case): what they would make cannot be checked here.
const DECLARATIONS: [(&[u8], FileMsg); 4] = [
    (b"<!entity", FileMsg::MarkupEntities),
    (b"<?xml-stylesheet", FileMsg::MarkupStylesheet),
    (b"<?mso-application", FileMsg::OfficeAsText),
    (b"urn:schemas-microsoft-com:office:", FileMsg::OfficeAsText),
];
/// Kept of one chunk for the next, for a declaration cut between them.
const CARRY: usize = 40;

#[derive(Default)]
pub struct MarkupScanner {
    readers: Option<[Reader; 2]>,
    carry: Vec<u8>,
    found: Vec<FileMsg>,
}

impl MarkupScanner {
    pub fn feed(&mut self, chunk: &[u8]) {
        let readers = self
            .readers
            .get_or_insert_with(|| [Reader::new(Reading::Html), Reader::new(Reading::Xml)]);
        for reader in readers.iter_mut() {
            for &byte in chunk {
                reader.feed(byte.to_ascii_lowercase(), &mut self.found);
            }
        }
        let mut window = std::mem::take(&mut self.carry);
        window.extend(chunk.iter().map(u8::to_ascii_lowercase));
        for (declaration, reason) in &DECLARATIONS {
            if window.windows(declaration.len()).any(|w| w == *declaration) {
                find(&mut self.found, reason.clone());
            }
        }
        self.carry = window[window.len().saturating_sub(CARRY)..].to_vec();
    }

    /// What was found, each reason once.
    pub fn finish(mut self) -> Vec<FileMsg> {
        for reader in self.readers.iter_mut().flatten() {
            reader.end_reference(&mut self.found);
        }
        self.found
    }
}

fn find(found: &mut Vec<FileMsg>, reason: FileMsg) {
    if !found.contains(&reason) {
        found.push(reason);
    }
}

fn attributes(element: Vec<u8>) -> Tag {
    Tag::Attributes {
        element,
        attribute: Vec::new(),
        ended: false,
        value: Value::None,
    }
}

/// Where a URL leads that a page must not: a network share (`\\\\host\\share`, `//host/`, or
/// `file://host/`, which hand the reader's Windows credentials to that host), or a protocol
/// handler that starts a program.
fn reaches_out(target: &str) -> Option<String> {
    let target = target.trim_start_matches(|c: char| c.is_whitespace() || c == '\'' || c == '"');
    let network = target.starts_with("\\\\")
        || target.starts_with("//")
        || target.starts_with("\\/")
        || target.starts_with("/\\")
        || target.strip_prefix("file:").is_some_and(|rest| {
            let rest = rest.replace('\\', "/");
            rest.starts_with("//") && !rest.starts_with("///")
        });
    if network {
        return Some(target.chars().take(40).collect());
    }
    handler_scheme(target)
}

/// The scheme of a URL that starts a program through a Windows protocol handler, if it does.
pub(crate) fn handler_scheme(target: &str) -> Option<String> {
    let target = target.trim().to_lowercase();
    let (scheme, _) = target.split_once(':')?;
    let is_scheme = scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let handler = scheme.starts_with("ms-") || HANDLER_SCHEMES.contains(&scheme);
    (is_scheme && handler).then(|| format!("{scheme}:"))
}

/// An element's local name: an SVG or XML element may carry a prefix (`svg:script`).
fn local(element: &[u8]) -> &[u8] {
    element.rsplit(|&b| b == b':').next().unwrap_or(element)
}

/// `on` and at least two letters: every event attribute, present and future.
fn is_event(attribute: &[u8]) -> bool {
    attribute.len() >= 4
        && attribute.starts_with(b"on")
        && attribute[2..].iter().all(u8::is_ascii_alphabetic)
}

impl Reader {
    fn new(reading: Reading) -> Reader {
        Reader {
            reading,
            tag: Tag::Text,
            decoded: Vec::new(),
            reference: None,
            value_start: Vec::new(),
        }
    }

    fn feed(&mut self, byte: u8, found: &mut Vec<FileMsg>) {
        let html = self.reading == Reading::Html;
        match &mut self.tag {
            Tag::Text => {
                if byte == b'<' {
                    self.tag = Tag::Name(Vec::new());
                }
            }
            Tag::Name(name) => {
                let name_byte = byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b':');
                let starts = name.is_empty() && byte.is_ascii_alphabetic();
                if (starts || (!name.is_empty() && name_byte)) && name.len() < MAX_NAME {
                    name.push(byte);
                    return;
                }
                if name.is_empty() {
                    // `</`, `<!`, `<?`, or a lone `<`. HTML makes `<!` and `<?` comments; an
                    // XML reading looks on inside them (a browser of old ran conditional ones).
                    self.tag = match byte {
                        b'<' => Tag::Name(Vec::new()),
                        b'!' if html => Tag::Declaration(Vec::new()),
                        b'?' if html => Tag::Bogus,
                        _ => Tag::Text,
                    };
                    return;
                }
                let element = std::mem::take(name);
                // An SVG or XML element may carry a prefix (`svg:script`): the local name acts.
                let local = local(&element);
                if SCRIPT_ELEMENTS.contains(&local) {
                    find(found, FileMsg::MarkupScript);
                } else if EMBEDDING_ELEMENTS.contains(&local) {
                    let element = String::from_utf8_lossy(local).into_owned();
                    find(found, FileMsg::MarkupEmbeds { element });
                }
                self.tag = attributes(element);
                self.feed(byte, found);
            }
            Tag::Attributes { .. } => self.attribute(byte, found),
            Tag::RawText { element, seen } => {
                if seen.len() == element.len() + 2 {
                    // `</element` read: it ends here if the name does.
                    if byte.is_ascii_whitespace() || matches!(byte, b'/' | b'>') {
                        self.tag = Tag::Text;
                        return;
                    }
                    seen.clear();
                }
                let expected = match seen.len() {
                    0 => b'<',
                    1 => b'/',
                    n => element[n - 2],
                };
                if byte == expected {
                    seen.push(byte);
                } else {
                    seen.clear();
                    if byte == b'<' {
                        seen.push(byte);
                    }
                }
            }
            Tag::Declaration(start) => {
                start.push(byte);
                if start.as_slice() == b"--" {
                    self.tag = Tag::Comment {
                        length: 0,
                        last: [0; 3],
                    };
                } else if byte == b'>' {
                    self.tag = Tag::Text;
                } else if !b"--".starts_with(start) {
                    self.tag = Tag::Bogus;
                }
            }
            Tag::Comment { length, last } => {
                // `<!-->` and `<!--->` end at once; otherwise `-->` or `--!>` ends it.
                let ends = byte == b'>'
                    && (*length == 0
                        || (*length == 1 && last[2] == b'-')
                        || last[1..] == *b"--"
                        || *last == *b"--!");
                if ends {
                    self.tag = Tag::Text;
                } else {
                    *length += 1;
                    *last = [last[1], last[2], byte];
                }
            }
            Tag::Bogus => {
                if byte == b'>' {
                    self.tag = Tag::Text;
                }
            }
        }
    }

    fn attribute(&mut self, byte: u8, found: &mut Vec<FileMsg>) {
        let html = self.reading == Reading::Html;
        let Tag::Attributes {
            attribute,
            ended,
            value,
            ..
        } = &mut self.tag
        else {
            return;
        };
        let unquoted = matches!(value, Value::Unquoted);
        match value {
            Value::Quoted(quote) if byte == *quote => {
                *value = Value::None;
                self.end_value(found);
            }
            Value::Quoted(_) => self.value_byte(byte, found),
            Value::Unquoted if byte.is_ascii_whitespace() => {
                *value = Value::None;
                self.end_value(found);
            }
            Value::Unquoted if byte != b'>' => self.value_byte(byte, found),
            Value::Next if byte.is_ascii_whitespace() => {}
            Value::Next if matches!(byte, b'"' | b'\'') => {
                *value = Value::Quoted(byte);
                self.start_value();
            }
            Value::Next if byte != b'>' => {
                *value = Value::Unquoted;
                self.start_value();
                self.value_byte(byte, found);
            }
            _ => match byte {
                b'>' => {
                    if unquoted {
                        self.end_value(found);
                    }
                    let Tag::Attributes { element, .. } = &mut self.tag else {
                        return;
                    };
                    let element = std::mem::take(element);
                    let local = local(&element);
                    self.tag = if html && RAW_TEXT_ELEMENTS.contains(&local) {
                        Tag::RawText {
                            element: local.to_vec(),
                            seen: Vec::new(),
                        }
                    } else {
                        Tag::Text
                    };
                }
                b'=' if !attribute.is_empty() => {
                    if is_event(attribute) {
                        let name = String::from_utf8_lossy(attribute).into_owned();
                        find(found, FileMsg::MarkupEvent { name });
                    }
                    attribute.clear();
                    *ended = false;
                    *value = Value::Next;
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
            },
        }
    }

    fn start_value(&mut self) {
        self.decoded.clear();
        self.value_start.clear();
        self.reference = None;
    }

    /// A whole attribute value: where it leads, from its start (or after a refresh's `url=`).
    fn end_value(&mut self, found: &mut Vec<FileMsg>) {
        self.end_reference(found);
        let value = String::from_utf8_lossy(&self.value_start).into_owned();
        // SVG's <use> draws the document a data: URL holds, script and all.
        if let Tag::Attributes { element, .. } = &self.tag
            && local(element) == b"use"
            && value.trim_start().starts_with("data:")
        {
            find(found, FileMsg::MarkupScript);
        }
        let after_url = value.split_once("url=").map(|(_, rest)| rest);
        for target in [Some(value.as_str()), after_url].into_iter().flatten() {
            if let Some(what) = reaches_out(target) {
                find(found, FileMsg::MarkupReaches { what });
            }
        }
        self.value_start.clear();
    }

    /// A byte of an attribute value, read for script URLs with its references decoded.
    fn value_byte(&mut self, byte: u8, found: &mut Vec<FileMsg>) {
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
            self.end_reference(found);
            if byte == b';' {
                return;
            }
        }
        if byte == b'&' {
            self.reference = Some(Vec::new());
            return;
        }
        self.decoded_byte(byte, found);
    }

    fn end_reference(&mut self, found: &mut Vec<FileMsg>) {
        let Some(reference) = self.reference.take() else {
            return;
        };
        let number = |digits: &[u8], radix| {
            std::str::from_utf8(digits)
                .ok()
                .and_then(|d| u32::from_str_radix(d, radix).ok())
        };
        let code = match reference.as_slice() {
            [b'#', b'x', hex @ ..] => number(hex, 16),
            [b'#', decimal @ ..] => number(decimal, 10),
            b"colon" => Some(u32::from(b':')),
            b"tab" => Some(u32::from(b'\t')),
            b"newline" => Some(u32::from(b'\n')),
            b"sol" => Some(u32::from(b'/')),
            _ => None,
        };
        match code.and_then(|c| u8::try_from(c).ok()).filter(u8::is_ascii) {
            Some(byte) => self.decoded_byte(byte.to_ascii_lowercase(), found),
            // An unknown reference stands for something that is not part of a scheme.
            None => self.decoded_byte(b'&', found),
        }
    }

    fn decoded_byte(&mut self, byte: u8, found: &mut Vec<FileMsg>) {
        if matches!(byte, b'\t' | b'\n' | b'\r') {
            return;
        }
        if self.value_start.len() < VALUE_START {
            self.value_start.push(byte);
        }
        self.decoded.push(byte);
        if self.decoded.len() > 2 * SCHEME_WINDOW {
            self.decoded.drain(..SCHEME_WINDOW);
        }
        if SCRIPT_SCHEMES.iter().any(|s| self.decoded.ends_with(s)) {
            find(found, FileMsg::MarkupScript);
        }
    }
}

#[cfg(test)]
mod tests;
