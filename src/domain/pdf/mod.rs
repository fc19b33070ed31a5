//! Active content in a PDF, found the way a PDF reader would find it: names are read with their
//! `#xx` escapes decoded (`/J#61vaScript` is `/JavaScript`), and compressed object streams are
//! inflated, since a dictionary inside one is a dictionary all the same. Fed the file in chunks;
//! what it inflates is bounded, so a bomb costs a refusal, not the memory of the server.

mod syntax;

use flate2::{Decompress, FlushDecompress, Status};

use self::syntax::{Lexed, Lexer, Names, is_delimiter, leads_out};

use crate::i18n::FileMsg;

/// Names that make a PDF act on its own when opened, each with the name a refusal gives: the
/// actions PDF/A forbids (ISO 19005-1 §6.6.1: JavaScript, Launch, Sound, Movie, ImportData), XFA
/// forms (which carry script), embedded files and rich media, and the actions that send data out
/// or open another file (SubmitForm; GoToR and GoToE, which reach a remote or embedded file: a
/// path on a network share hands the reader's Windows credentials to that host). A link to a web
/// page (URI) opens only when clicked, and is kept.
const ACTIVE: [(&[u8], &str); 15] = [
    (b"JavaScript", "JavaScript"),
    (b"JS", "JS"),
    (b"Launch", "Launch"),
    (b"EmbeddedFile", "EmbeddedFile"),
    (b"EmbeddedFiles", "EmbeddedFile"),
    (b"RichMedia", "RichMedia"),
    (b"RichMediaExecute", "RichMediaExecute"),
    (b"XFA", "XFA"),
    (b"Sound", "Sound"),
    (b"Movie", "Movie"),
    (b"ImportData", "ImportData"),
    (b"SubmitForm", "SubmitForm"),
    (b"GoToR", "GoToR"),
    (b"GoToE", "GoToE"),
    (b"Rendition", "Rendition"),
];
/// The filter an object stream may carry that this scanner can undo, with its abbreviation
/// (meant for inline images, but some readers take it anywhere).
const INFLATE: [&[u8]; 2] = [b"FlateDecode", b"Fl"];
/// Filters it cannot, full and abbreviated, and the parameters that change what inflating
/// gives (a PNG predictor).
const FILTERS: [&[u8]; 16] = [
    b"ASCIIHexDecode",
    b"AHx",
    b"ASCII85Decode",
    b"A85",
    b"LZWDecode",
    b"LZW",
    b"RunLengthDecode",
    b"RL",
    b"CCITTFaxDecode",
    b"CCF",
    b"JBIG2Decode",
    b"DCTDecode",
    b"DCT",
    b"JPXDecode",
    b"Crypt",
    b"Predictor",
];
/// Names that mark a stream as one a reader may take objects from: its type, or the offset of
/// its first object (a reader needs only that, not the type).
const OBJECT_STREAM: [&[u8]; 2] = [b"ObjStm", b"First"];
/// In data passed over (an image, a font), only names this long count: random bytes spell a
/// short name like `/JS` often enough in a large file, a long one never. An object hidden in
/// such data, reached by the cross-reference table, still shows its `/JavaScript`.
const MIN_NAME_IN_DATA: usize = 4;
/// The most all object streams of one file may inflate to before the file is refused unread.
const MAX_INFLATED: u64 = 64 << 20;
enum Mode {
    /// Objects in the open: names are read, `stream` keywords watched for.
    Objects { eat_line_feed: bool },
    /// Inside a compressed object stream.
    Inflating(Box<Decompress>, Box<(Names, Lexer)>),
    /// Inside any other stream's data, until `endstream`: only long names are read.
    Skipping(Names),
}

/// Fed a PDF in order; `finish` names the active content found and what could not be checked.
pub struct PdfScanner {
    names: Names,
    /// What the names since the last object began say of a stream that may follow.
    dict: StreamDict,
    /// Where in the syntax the bytes in the open are: a keyword inside a string or a comment
    /// is not one.
    lexer: Lexer,
    window: Vec<u8>,
    mode: Mode,
    inflated: u64,
    found: Vec<&'static str>,
    /// A string that leads to a network share or starts a program.
    leads_out: Option<FileMsg>,
    unchecked: Option<FileMsg>,
}

#[derive(Default)]
struct StreamDict {
    object_stream: bool,
    inflates: usize,
    other_filter: Option<&'static [u8]>,
    /// The filter or its parameters given by reference (`/Filter 20 0 R`): known only by
    /// reading another object.
    indirect: bool,
    /// Reading the value of `/Filter` or `/DecodeParms`: the depth of `<<` inside an array
    /// (`[<< /Columns 4 >>]`), where a number is not a reference.
    value: Option<Value>,
}

#[derive(Clone, Copy)]
enum Value {
    Start,
    Array { nested: u32 },
}

/// Keys whose value says how a stream is encoded.
const ENCODING_KEYS: [&[u8]; 4] = [b"Filter", b"DecodeParms", b"DP", b"F"];

impl StreamDict {
    /// A byte of syntax in the open, after the names are read: a number where a filter or its
    /// parameters are expected is a reference.
    fn value_byte(&mut self, byte: u8) {
        let Some(value) = self.value else { return };
        self.value = match (value, byte) {
            (_, b) if b.is_ascii_whitespace() => Some(value),
            (Value::Start, b'[') => Some(Value::Array { nested: 0 }),
            (Value::Start, b) => {
                self.indirect |= b.is_ascii_digit();
                None
            }
            (Value::Array { .. }, b']') => None,
            (Value::Array { nested }, b'<') => Some(Value::Array { nested: nested + 1 }),
            (Value::Array { nested }, b'>') => Some(Value::Array {
                nested: nested.saturating_sub(1),
            }),
            (Value::Array { nested }, b) => {
                self.indirect |= nested == 0 && b.is_ascii_digit();
                Some(value)
            }
        };
    }

    fn note(&mut self, name: &[u8]) {
        if ENCODING_KEYS.contains(&name) {
            self.value = Some(Value::Start);
        }
        self.object_stream |= OBJECT_STREAM.contains(&name);
        if INFLATE.contains(&name) {
            self.inflates += 1;
        }
        if let Some(filter) = FILTERS.iter().find(|f| **f == name) {
            self.other_filter.get_or_insert(filter);
        }
    }
}

impl Default for PdfScanner {
    fn default() -> Self {
        PdfScanner {
            names: Names::default(),
            dict: StreamDict::default(),
            lexer: Lexer::default(),
            window: Vec::new(),
            mode: Mode::Objects {
                eat_line_feed: false,
            },
            inflated: 0,
            found: Vec::new(),
            leads_out: None,
            unchecked: None,
        }
    }
}

fn note(found: &mut Vec<&'static str>, name: &[u8]) {
    if let Some((_, refusal)) = ACTIVE.iter().find(|(active, _)| *active == name)
        && !found.contains(refusal)
    {
        found.push(refusal);
    }
}

impl PdfScanner {
    pub fn feed(&mut self, mut chunk: &[u8]) {
        while !chunk.is_empty() {
            chunk = match &mut self.mode {
                Mode::Objects { .. } => self.objects(chunk),
                Mode::Inflating(..) => self.inflate(chunk),
                Mode::Skipping(..) => self.skip(chunk),
            };
        }
    }

    /// Active content found, and why part of the file could not be read.
    pub fn finish(self) -> (Vec<FileMsg>, Option<FileMsg>) {
        let mut found: Vec<FileMsg> = self
            .found
            .iter()
            .map(|name| FileMsg::PdfActive {
                name: name.to_string(),
            })
            .collect();
        found.extend(self.leads_out);
        (found, self.unchecked)
    }

    fn remember(&mut self, byte: u8) {
        self.window.push(byte);
        if self.window.len() > 16 {
            self.window.remove(0);
        }
    }

    /// Reads bytes in the open until a stream begins; returns the rest.
    fn objects<'a>(&mut self, chunk: &'a [u8]) -> &'a [u8] {
        for (i, &byte) in chunk.iter().enumerate() {
            if let Mode::Objects { eat_line_feed } = &mut self.mode
                && std::mem::take(eat_line_feed)
                && byte == b'\n'
            {
                continue;
            }
            if let Some(name) = self.names.feed(byte) {
                note(&mut self.found, &name);
                self.dict.note(&name);
            }
            let open = match self.lexer.feed(byte) {
                Lexed::Open => true,
                Lexed::Inside => false,
                Lexed::StringEnd(text) => {
                    self.string(&text);
                    false
                }
            };
            if open {
                self.dict.value_byte(byte);
            }
            let keyword = |window: &[u8], word: &[u8]| {
                let before = window.len().checked_sub(word.len() + 1).map(|i| window[i]);
                window.ends_with(word) && !before.is_some_and(|b| b.is_ascii_alphabetic())
            };
            if open && is_delimiter(byte) && keyword(&self.window, b"obj") {
                // A new object: what came before says nothing of its stream.
                self.dict = StreamDict::default();
            }
            if open && matches!(byte, b'\r' | b'\n') && keyword(&self.window, b"stream") {
                self.begin_stream(byte == b'\r');
                return &chunk[i + 1..];
            }
            if open {
                self.remember(byte);
            } else {
                // A keyword is never spelt across a string or a comment.
                self.window.clear();
            }
        }
        &[]
    }

    fn string(&mut self, text: &[u8]) {
        if let Some(reason) = leads_out(text) {
            self.leads_out.get_or_insert(reason);
        }
    }

    /// A stream's data follows: an object stream is read inside, anything else passed over.
    fn begin_stream(&mut self, after_carriage_return: bool) {
        let dict = std::mem::take(&mut self.dict);
        // A filter chained after inflating (twice, or with a predictor), or one given in
        // another object, would leave the objects unread: refused as unchecked, not passed as
        // harmless.
        let unreadable = match (dict.other_filter, dict.inflates) {
            _ if dict.indirect => Some(FileMsg::PdfIndirect),
            (Some(filter), _) => Some(FileMsg::PdfFilter {
                filter: String::from_utf8_lossy(filter).into_owned(),
            }),
            (None, n) if n > 1 => Some(FileMsg::PdfFilter {
                filter: vec!["FlateDecode"; n].join(" /"),
            }),
            _ => None,
        };
        self.mode = if !dict.object_stream {
            Mode::Skipping(Names::default())
        } else if let Some(reason) = unreadable {
            self.unchecked.get_or_insert(reason);
            Mode::Skipping(Names::default())
        } else if dict.inflates == 1 {
            let syntax = (Names::default(), Lexer::default());
            Mode::Inflating(Box::new(Decompress::new(true)), Box::new(syntax))
        } else {
            Mode::Objects {
                eat_line_feed: after_carriage_return,
            }
        };
        if matches!(self.mode, Mode::Inflating(..)) && after_carriage_return {
            // The line feed of "stream\r\n" is not data; a zlib stream never starts with one.
            self.window.clear();
        }
        self.window.clear();
    }

    fn inflate<'a>(&mut self, chunk: &'a [u8]) -> &'a [u8] {
        let Mode::Inflating(decompress, syntax) = &mut self.mode else {
            return chunk;
        };
        let (names, lexer) = syntax.as_mut();
        let input = if decompress.total_in() == 0 {
            chunk.strip_prefix(b"\n").unwrap_or(chunk)
        } else {
            chunk
        };
        let offset = chunk.len() - input.len();
        let mut out = vec![0u8; 64 << 10];
        let before_in = decompress.total_in();
        let before_out = decompress.total_out();
        let status = decompress.decompress(input, &mut out, FlushDecompress::None);
        let used = (decompress.total_in() - before_in) as usize;
        let produced = (decompress.total_out() - before_out) as usize;
        for &byte in &out[..produced] {
            if let Some(name) = names.feed(byte) {
                note(&mut self.found, &name);
            }
            if let Lexed::StringEnd(text) = lexer.feed(byte)
                && let Some(reason) = leads_out(&text)
            {
                self.leads_out.get_or_insert(reason);
            }
        }
        self.inflated += produced as u64;
        let over = self.inflated > MAX_INFLATED;
        if over {
            self.unchecked.get_or_insert(FileMsg::PdfInflates {
                max: MAX_INFLATED >> 20,
            });
        }
        match status {
            Ok(Status::StreamEnd) => self.mode = Mode::Skipping(Names::default()),
            Ok(_) if over => self.mode = Mode::Skipping(Names::default()),
            // No progress with input left: the stream wants more than this chunk had.
            Ok(_) if used == 0 && produced == 0 => return &[],
            Ok(_) => {}
            Err(_) => {
                self.unchecked.get_or_insert(FileMsg::PdfDamaged);
                self.mode = Mode::Skipping(Names::default());
            }
        }
        &chunk[offset + used..]
    }

    /// Passes over stream data until `endstream`; returns the rest.
    fn skip<'a>(&mut self, chunk: &'a [u8]) -> &'a [u8] {
        for (i, &byte) in chunk.iter().enumerate() {
            if let Mode::Skipping(names) = &mut self.mode
                && let Some(name) = names.feed(byte)
                && name.len() >= MIN_NAME_IN_DATA
            {
                note(&mut self.found, &name);
            }
            self.remember(byte);
            if self.window.ends_with(b"endstream") {
                self.window.clear();
                self.mode = Mode::Objects {
                    eat_line_feed: false,
                };
                return &chunk[i + 1..];
            }
        }
        &[]
    }
}

#[cfg(test)]
mod tests;
