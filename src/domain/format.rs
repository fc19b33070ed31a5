//! What a file is, judged by its content, never by its name: the format, whether it looks
//! complete enough to open, and whether it carries executable content. Fed the file in chunks, so
//! a large scan is never held in memory.

use sha2::{Digest, Sha256};

use super::formula::FormulaScanner;
use super::markup::MarkupScanner;
use super::package::{self, PackageScanner};
use super::pdf::PdfScanner;
use super::signature::Verdict;
use crate::i18n::FileMsg;

/// Bytes kept from the start and the end of the file: magic numbers live at the start; a PDF's
/// `%%EOF`, a PNG's `IEND`, a JPEG's end marker and a ZIP's directory at the end.
const HEAD: usize = 8 << 10;
const TAIL: usize = 256 << 10;
/// What an Office 97–2003 file holds that acts, by the names of its storages (UTF-16 in its
/// directory) and by field codes in its text (UTF-16 or single-byte, a field opening with 0x13),
/// compared in lower case anywhere in the file: a VBA project (Excel's and Word's), Word's macro
/// storage, an OLE package (a file shown as an icon, run on a double click), and DDE fields.
/// Script in markup, a PDF's active content and an Office package's parts are found by their
/// own scanners (`markup`, `pdf`, `package`), which read the file as its reader does.
const LEGACY_MARKERS: [(&[u8], Legacy); 7] = [
    (b"_\0v\0b\0a\0_\0p\0r\0o\0j\0e\0c\0t\0", Legacy::Macros),
    (b"m\0a\0c\0r\0o\0s\0\0\0", Legacy::Macros),
    (
        b"\x01\0o\0l\0e\x001\x000\0n\0a\0t\0i\0v\0e\0",
        Legacy::Package,
    ),
    (b"d\0d\0e\0a\0u\0t\0o\0", Legacy::Dde),
    (b"ddeauto", Legacy::Dde),
    (b"\x13 dde ", Legacy::Dde),
    (b"\x13\0 \0d\0d\0e\0 \0", Legacy::Dde),
];
/// The longest marker: kept of one chunk to search again with the next.
const LEGACY_CARRY: usize = 24;
const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

#[derive(Clone, Copy, PartialEq)]
enum Legacy {
    Macros,
    Package,
    Dde,
}

impl Legacy {
    fn reason(self) -> FileMsg {
        match self {
            Legacy::Macros => FileMsg::OfficeMacros,
            Legacy::Package => FileMsg::OfficeEmbedded {
                name: "Ole10Native".into(),
            },
            Legacy::Dde => FileMsg::OfficeDde,
        }
    }
}
const BOM: &[u8] = b"\xEF\xBB\xBF";
const KEPT: &str = "PDF, OFD, JPEG, PNG, TIFF, text, Office";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Ofd,
    Jpeg,
    Png,
    Tiff,
    Text,
    Docx,
    Xlsx,
    Pptx,
    /// Office 97–2003 (doc, xls, ppt): one OLE2 container for all three.
    OfficeLegacy,
}

impl Format {
    /// The extensions a file of the format is kept under: a desktop opens it as this format.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Pdf => &["pdf"],
            Format::Ofd => &["ofd"],
            Format::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            Format::Png => &["png"],
            Format::Tiff => &["tif", "tiff"],
            Format::Text => &[
                "txt", "text", "csv", "md", "log", "json", "xml", "html", "htm", "xhtml", "svg",
            ],
            Format::Docx => &["docx"],
            Format::Xlsx => &["xlsx"],
            Format::Pptx => &["pptx"],
            // WPS Office's own names for the same containers.
            Format::OfficeLegacy => &["doc", "xls", "ppt", "wps", "et", "dps"],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Ofd => "OFD",
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Tiff => "TIFF",
            Format::Text => "text",
            Format::Docx => "DOCX",
            Format::Xlsx => "XLSX",
            Format::Pptx => "PPTX",
            Format::OfficeLegacy => "Office 97-2003",
        }
    }
}

/// What was found in a file: its hash and size, its format if known, and every reason it
/// cannot be kept as an electronic record (empty when it can).
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    pub sha256: String,
    pub size: u64,
    pub format: Option<Format>,
    /// Why the format is not usable (unidentified, truncated, unreadable).
    pub unusable: Vec<FileMsg>,
    /// Executable or active content.
    pub unsafe_content: Vec<FileMsg>,
}

impl Inspection {
    /// A file refused before it was read whole (not a regular file, over the size limit).
    pub fn refused(reason: FileMsg) -> Inspection {
        Inspection {
            sha256: String::new(),
            size: 0,
            format: None,
            unusable: Vec::new(),
            unsafe_content: vec![reason],
        }
    }
}

/// Fed the file's bytes in order; `finish` judges them.
pub struct Sniffer {
    hasher: Sha256,
    size: u64,
    head: Vec<u8>,
    tail: Vec<u8>,
    /// In an Office 97–2003 file, the markers seen anywhere (one may straddle two chunks, so
    /// the end of the previous chunk is searched again with the next).
    legacy: Vec<Legacy>,
    carry: Vec<u8>,
    /// Dropped once the head holds a NUL byte: the file is not text, so not markup.
    markup: Option<MarkupScanner>,
    formulas: FormulaScanner,
    /// In a file that starts as text, the first control character past the head (text has
    /// none; a decoder may drop one out of a tag name), and a Ctrl-Z, allowed as the last byte.
    control: Option<u64>,
    substitute: Option<u64>,
    /// Started once the head shows a PDF.
    pdf: Option<PdfScanner>,
    /// Started once the head shows a ZIP (an Office document, maybe).
    package: Option<PackageScanner>,
}

impl Default for Sniffer {
    fn default() -> Self {
        Sniffer {
            hasher: Sha256::new(),
            size: 0,
            head: Vec::with_capacity(HEAD),
            tail: Vec::new(),
            legacy: Vec::new(),
            carry: Vec::new(),
            markup: Some(MarkupScanner::default()),
            formulas: FormulaScanner::default(),
            control: None,
            substitute: None,
            pdf: None,
            package: None,
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

impl Sniffer {
    pub fn feed(&mut self, chunk: &[u8]) {
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
        let room = HEAD - self.head.len();
        self.head.extend_from_slice(&chunk[..room.min(chunk.len())]);
        self.tail.extend_from_slice(chunk);
        if self.tail.len() > 2 * TAIL {
            self.tail.drain(..self.tail.len() - TAIL);
        }
        if self.head.starts_with(OLE) {
            let mut window = std::mem::take(&mut self.carry);
            window.extend(chunk.iter().map(u8::to_ascii_lowercase));
            for (marker, kind) in LEGACY_MARKERS {
                if !self.legacy.contains(&kind) && contains(&window, marker) {
                    self.legacy.push(kind);
                }
            }
            self.carry = window[window.len().saturating_sub(LEGACY_CARRY)..].to_vec();
        }
        // Judged on the head, as `is_text` judges: a NUL further on does not stop the scan.
        if self.markup.is_some() && self.head.contains(&0) {
            self.markup = None;
        }
        if let Some(markup) = &mut self.markup {
            markup.feed(chunk);
            self.formulas.feed(chunk);
            let start = self.size - chunk.len() as u64;
            for (i, &byte) in chunk.iter().enumerate() {
                if self.control.is_some() {
                    break;
                }
                if let Some(at) = self.substitute.take() {
                    self.control = Some(at);
                } else if is_control(byte) {
                    let at = start + i as u64;
                    if byte == SUBSTITUTE {
                        self.substitute = Some(at);
                    } else {
                        self.control = Some(at);
                    }
                }
            }
        }
        // Each scanner starts once the head shows its format, fed the head so far first: this
        // chunk is part of it.
        let before = (self.size - chunk.len() as u64) as usize;
        let earlier = &self.head[..before.min(self.head.len())];
        match &mut self.pdf {
            Some(pdf) => pdf.feed(chunk),
            None if self.head.starts_with(b"%PDF-") => {
                let mut pdf = PdfScanner::default();
                pdf.feed(earlier);
                pdf.feed(chunk);
                self.pdf = Some(pdf);
            }
            None => {}
        }
        match &mut self.package {
            Some(package) => package.feed(chunk),
            None if self.head.starts_with(b"PK\x03\x04") => {
                let mut package = PackageScanner::default();
                package.feed(earlier);
                package.feed(chunk);
                self.package = Some(package);
            }
            None => {}
        }
    }

    /// Judges the file: what its signature says it is, its format checks, and active content.
    /// (The size limit is the reader's to keep: it stops reading there.)
    pub fn finish(mut self, signature: Verdict) -> Inspection {
        if self.tail.len() > TAIL {
            self.tail.drain(..self.tail.len() - TAIL);
        }
        let sha256 = hex(&self.hasher.finalize_reset());
        let (head, tail) = (&self.head[..], &self.tail[..]);
        let mut unusable = Vec::new();
        let mut unsafe_content = Vec::new();
        // A byte-order mark hides nothing: "\u{feff}#!/bin/sh" runs as a script all the same.
        let unmarked = head.strip_prefix(BOM).unwrap_or(head);
        if let Some(kind) = executable(unmarked) {
            unsafe_content.push(FileMsg::Executable {
                kind: kind.to_string(),
            });
        }
        match signature {
            Verdict::Runs(what) if unsafe_content.is_empty() => unsafe_content.push(what),
            Verdict::Foreign(name) => unusable.push(FileMsg::Foreign {
                name,
                kept: KEPT.into(),
            }),
            _ => {}
        }
        let format = identify(head, tail, self.size, &mut unusable, &mut unsafe_content);
        // Each finding counts only in the format it belongs to: "<script" in a PDF is just bytes.
        if format == Some(Format::OfficeLegacy) {
            unsafe_content.extend(self.legacy.iter().map(|kind| kind.reason()));
        }
        if let Some(markup) = self.markup.take().filter(|_| format == Some(Format::Text)) {
            unsafe_content.extend(markup.finish());
            if let Some(offset) = self.control {
                unsafe_content.push(FileMsg::TextControl { offset });
            }
            if std::mem::take(&mut self.formulas).finish() {
                unsafe_content.push(FileMsg::TextDde);
            }
        }
        if let Some(pdf) = self.pdf.take().filter(|_| format == Some(Format::Pdf)) {
            let (found, unchecked) = pdf.finish();
            unsafe_content.extend(found);
            if let Some(reason) = unchecked {
                unsafe_content.push(FileMsg::PdfUnchecked {
                    reason: Box::new(reason),
                });
            }
        }
        let office = matches!(
            format,
            Some(Format::Docx | Format::Xlsx | Format::Pptx | Format::Ofd)
        );
        if let Some(package) = self.package.take().filter(|_| office) {
            let (found, unchecked, mut walked) = package.finish();
            for reason in found {
                if !unsafe_content.contains(&reason) {
                    unsafe_content.push(reason);
                }
            }
            let mut listed = package::directory(tail, self.size).unwrap_or_default();
            walked.sort();
            listed.sort();
            if let Some(reason) = unchecked {
                unsafe_content.push(reason);
            } else if walked != listed {
                unsafe_content.push(FileMsg::OfficeEntries);
            }
        }
        if format.is_none() && unsafe_content.is_empty() && unusable.is_empty() {
            unusable.push(FileMsg::NotIdentified { kept: KEPT.into() });
        }
        Inspection {
            sha256,
            size: self.size,
            format,
            unusable,
            unsafe_content,
        }
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn executable(head: &[u8]) -> Option<&'static str> {
    let magic: [(&[u8], &str); 7] = [
        (b"\x7fELF", "ELF"),
        (b"MZ", "Windows PE"),
        (b"\xfe\xed\xfa\xce", "Mach-O"),
        (b"\xfe\xed\xfa\xcf", "Mach-O"),
        (b"\xce\xfa\xed\xfe", "Mach-O"),
        (b"\xcf\xfa\xed\xfe", "Mach-O"),
        (b"#!", "script"),
    ];
    magic
        .iter()
        .find(|(m, _)| head.starts_with(m))
        .map(|(_, kind)| *kind)
}

fn identify(
    head: &[u8],
    tail: &[u8],
    size: u64,
    unusable: &mut Vec<FileMsg>,
    unsafe_content: &mut Vec<FileMsg>,
) -> Option<Format> {
    let mut need = |ok: bool, what: FileMsg| {
        if !ok {
            unusable.push(what);
        }
    };
    let ends_early = |format: &str, missing: &str| FileMsg::EndsEarly {
        format: format.into(),
        missing: missing.into(),
    };
    if head.starts_with(b"%PDF-") {
        need(contains(tail, b"%%EOF"), ends_early("PDF", "%%EOF"));
        return Some(Format::Pdf);
    }
    if head.starts_with(b"\xff\xd8\xff") {
        let end = tail.len().saturating_sub(64);
        need(
            contains(&tail[end..], b"\xff\xd9"),
            ends_early("JPEG", "FFD9"),
        );
        return Some(Format::Jpeg);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        need(contains(tail, b"IEND"), ends_early("PNG", "IEND"));
        return Some(Format::Png);
    }
    if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        let offset = head.get(4..8).map(|b| {
            let b = [b[0], b[1], b[2], b[3]];
            if head[0] == b'I' {
                u32::from_le_bytes(b)
            } else {
                u32::from_be_bytes(b)
            }
        });
        need(
            offset.is_some_and(|o| o >= 8 && u64::from(o) < size),
            FileMsg::TiffDirectory,
        );
        return Some(Format::Tiff);
    }
    if head.starts_with(OLE) {
        need(size >= 1536, FileMsg::OfficeEndsEarly);
        return Some(Format::OfficeLegacy);
    }
    if head.starts_with(b"PK\x03\x04") {
        let Some(directory) = package::directory(tail, size) else {
            unusable.push(FileMsg::ZipDirectory);
            return None;
        };
        let names: Vec<String> = directory.into_iter().map(|(name, _)| name).collect();
        unsafe_content.extend(package::active_part_names(&names));
        let has = |name: &str| names.iter().any(|n| n == name);
        let under = |dir: &str| names.iter().any(|n| n.starts_with(dir));
        return if has("OFD.xml") {
            Some(Format::Ofd)
        } else if has("[Content_Types].xml") && under("word/") {
            Some(Format::Docx)
        } else if has("[Content_Types].xml") && under("xl/") {
            Some(Format::Xlsx)
        } else if has("[Content_Types].xml") && under("ppt/") {
            Some(Format::Pptx)
        } else {
            None
        };
    }
    is_text(head, size).then_some(Format::Text)
}

const SUBSTITUTE: u8 = 0x1a;

/// A byte no text holds: NUL and the control characters but tab, line feed, form feed and
/// carriage return.
fn is_control(byte: u8) -> bool {
    byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Text: no NUL and no stray control characters in the first bytes, and they decode as UTF-8
/// (a character cut at the end of the sample allowed) or as GB18030.
fn is_text(head: &[u8], size: u64) -> bool {
    // A Ctrl-Z at the very end marks the end of file to old DOS editors.
    let head = match head.strip_suffix(&[SUBSTITUTE]) {
        Some(rest) if size == head.len() as u64 => rest,
        _ => head,
    };
    if size == 0 || head.iter().any(|&b| is_control(b)) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) if e.error_len().is_none() && size > head.len() as u64 => true,
        Err(_) => {
            let (_, _, malformed) = encoding_rs::GB18030.decode(head);
            !malformed
        }
    }
}
