//! Active content in a PDF, found the way a PDF reader would find it: names are read with their
//! `#xx` escapes decoded (`/J#61vaScript` is `/JavaScript`), and compressed object streams are
//! inflated, since a dictionary inside one is a dictionary all the same. Fed the file in chunks;
//! what it inflates is bounded, so a bomb costs a refusal, not the memory of the server.

use flate2::{Decompress, FlushDecompress, Status};

use crate::i18n::FileMsg;

/// Names that make a PDF act on its own when opened, each with the name a refusal gives: the
/// actions PDF/A forbids (ISO 19005-1 §6.6.1: JavaScript, Launch, Sound, Movie, ImportData), XFA
/// forms (which carry script), embedded files and rich media, and the actions that send data out
/// or open another file (SubmitForm; GoToR and GoToE, which reach a remote or embedded file: a
/// path on a network share hands the reader's Windows credentials to that host). A link to a web
/// page (URI) opens only when clicked, and is kept.
const ACTIVE: [(&[u8], &str); 14] = [
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
];
/// Filters an object stream may carry that this scanner can undo.
const INFLATE: &[u8] = b"FlateDecode";
const FILTERS: [&[u8]; 8] = [
    b"ASCIIHexDecode",
    b"ASCII85Decode",
    b"LZWDecode",
    b"RunLengthDecode",
    b"CCITTFaxDecode",
    b"JBIG2Decode",
    b"DCTDecode",
    b"JPXDecode",
];
/// The most all object streams of one file may inflate to before the file is refused unread.
const MAX_INFLATED: u64 = 64 << 20;
/// Longer names are not names a reader acts on; they are cut, not collected.
const MAX_NAME: usize = 127;
/// The names before a `stream` keyword that say what the stream is.
const RECENT: usize = 24;

/// Reads names out of PDF syntax, byte by byte, across chunk boundaries.
#[derive(Default)]
struct Names {
    current: Option<Vec<u8>>,
}

fn is_delimiter(byte: u8) -> bool {
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
    fn feed(&mut self, byte: u8) -> Option<Vec<u8>> {
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

enum Mode {
    /// Objects in the open: names are read, `stream` keywords watched for.
    Objects { eat_line_feed: bool },
    /// Inside a compressed object stream.
    Inflating(Box<Decompress>, Names),
    /// Inside any other stream's data, until `endstream`.
    Skipping,
}

/// Fed a PDF in order; `finish` names the active content found and what could not be checked.
pub struct PdfScanner {
    names: Names,
    recent: Vec<Vec<u8>>,
    window: Vec<u8>,
    mode: Mode,
    inflated: u64,
    found: Vec<&'static str>,
    unchecked: Option<FileMsg>,
}

impl Default for PdfScanner {
    fn default() -> Self {
        PdfScanner {
            names: Names::default(),
            recent: Vec::new(),
            window: Vec::new(),
            mode: Mode::Objects {
                eat_line_feed: false,
            },
            inflated: 0,
            found: Vec::new(),
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
                Mode::Skipping => self.skip(chunk),
            };
        }
    }

    /// Active content found, and why part of the file could not be read.
    pub fn finish(self) -> (Vec<FileMsg>, Option<FileMsg>) {
        let found = self
            .found
            .iter()
            .map(|name| FileMsg::PdfActive {
                name: name.to_string(),
            })
            .collect();
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
                self.recent.push(name);
                if self.recent.len() > RECENT {
                    self.recent.remove(0);
                }
            }
            if matches!(byte, b'\r' | b'\n') && self.window.ends_with(b"stream") {
                let before = self.window.len().checked_sub(7).map(|i| self.window[i]);
                if !before.is_some_and(|b| b.is_ascii_alphabetic()) {
                    self.begin_stream(byte == b'\r');
                    return &chunk[i + 1..];
                }
            }
            self.remember(byte);
        }
        &[]
    }

    /// A stream's data follows: an object stream is read inside, anything else passed over.
    fn begin_stream(&mut self, after_carriage_return: bool) {
        let has = |name: &[u8]| self.recent.iter().any(|n| n == name);
        let object_stream = has(b"ObjStm");
        let other_filter = FILTERS.iter().find(|f| has(f));
        self.mode = if !object_stream {
            Mode::Skipping
        } else if let Some(filter) = other_filter {
            self.unchecked.get_or_insert_with(|| FileMsg::PdfFilter {
                filter: String::from_utf8_lossy(filter).into_owned(),
            });
            Mode::Skipping
        } else if has(INFLATE) {
            Mode::Inflating(Box::new(Decompress::new(true)), Names::default())
        } else {
            Mode::Objects {
                eat_line_feed: after_carriage_return,
            }
        };
        if matches!(self.mode, Mode::Inflating(..)) && after_carriage_return {
            // The line feed of "stream\r\n" is not data; a zlib stream never starts with one.
            self.window.clear();
        }
        self.recent.clear();
        self.window.clear();
    }

    fn inflate<'a>(&mut self, chunk: &'a [u8]) -> &'a [u8] {
        let Mode::Inflating(decompress, names) = &mut self.mode else {
            return chunk;
        };
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
        }
        self.inflated += produced as u64;
        let over = self.inflated > MAX_INFLATED;
        if over {
            self.unchecked.get_or_insert(FileMsg::PdfInflates {
                max: MAX_INFLATED >> 20,
            });
        }
        match status {
            Ok(Status::StreamEnd) => self.mode = Mode::Skipping,
            Ok(_) if over => self.mode = Mode::Skipping,
            // No progress with input left: the stream wants more than this chunk had.
            Ok(_) if used == 0 && produced == 0 => return &[],
            Ok(_) => {}
            Err(_) => {
                self.unchecked.get_or_insert(FileMsg::PdfDamaged);
                self.mode = Mode::Skipping;
            }
        }
        &chunk[offset + used..]
    }

    /// Passes over stream data until `endstream`; returns the rest.
    fn skip<'a>(&mut self, chunk: &'a [u8]) -> &'a [u8] {
        for (i, &byte) in chunk.iter().enumerate() {
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
mod tests {
    use super::*;
    use std::io::Write;

    fn scan(pdf: &[u8], chunk: usize) -> (Vec<String>, Option<String>) {
        let mut scanner = PdfScanner::default();
        for piece in pdf.chunks(chunk) {
            scanner.feed(piece);
        }
        let (found, unchecked) = scanner.finish();
        let found = found.iter().map(|f| f.to_string()).collect();
        (found, unchecked.map(|u| u.to_string()))
    }

    fn object_stream(objects: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(objects).unwrap();
        let data = encoder.finish().unwrap();
        let mut pdf =
            b"%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
                .to_vec();
        pdf.extend(format!("{} >>\nstream\r\n", data.len()).as_bytes());
        pdf.extend(&data);
        pdf.extend(b"\r\nendstream\nendobj\n%%EOF\n");
        pdf
    }

    #[test]
    fn escaped_names_read_as_the_names_they_spell() {
        for chunk in [1, 3, 4096] {
            let (found, _) = scan(
                b"%PDF-1.4\n1 0 obj << /S /J#61vaScript /JS (app.alert(1)) >> endobj",
                chunk,
            );
            assert!(
                found.contains(&"PDF with active content (/JavaScript)".to_string()),
                "{chunk}"
            );
            let (found, _) = scan(b"%PDF-1.4\n<</Type/Action/S/L#61unch/F(calc.exe)>>", chunk);
            assert_eq!(
                found,
                vec!["PDF with active content (/Launch)".to_string()],
                "{chunk}"
            );
        }
        let (found, _) = scan(
            b"%PDF-1.4\n<</Title (JavaScript in a string is text)/Kids[]>>",
            7,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn script_inside_a_compressed_object_stream_is_found() {
        let pdf = object_stream(b"6 0 << /S /JavaScript /JS (app.alert('x')) >>");
        for chunk in [1, 5, 64, 1 << 20] {
            let (found, unchecked) = scan(&pdf, chunk);
            assert!(
                found.contains(&"PDF with active content (/JavaScript)".to_string()),
                "{chunk}: {found:?}"
            );
            assert_eq!(unchecked, None);
        }
        let harmless = object_stream(b"6 0 << /Type /Page /Parent 2 0 R >>");
        assert_eq!(scan(&harmless, 17), (vec![], None));
    }

    #[test]
    fn image_data_is_passed_over_and_other_object_stream_filters_are_named() {
        let mut pdf = b"%PDF-1.4\n<< /Subtype /Image /Length 20 >>\nstream\n".to_vec();
        pdf.extend(b"/JavaScript-like junk");
        pdf.extend(b"\nendstream\n<< /S /GoTo >>");
        assert_eq!(scan(&pdf, 3).0, Vec::<String>::new());
        let lzw = b"%PDF-1.4\n<< /Type /ObjStm /Filter /LZWDecode >>\nstream\n\x80\x0b\nendstream";
        let (_, unchecked) = scan(lzw, 8);
        assert!(unchecked.unwrap().contains("/LZWDecode"));
    }
}
