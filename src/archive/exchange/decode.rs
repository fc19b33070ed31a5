//! Reading text files in the encodings Chinese offices produce: UTF-8 with or without BOM (Excel's
//! "CSV UTF-8"), GBK/GB18030 without BOM (Excel's plain "CSV" on Chinese Windows), UTF-16 with BOM
//! (Excel's "Unicode text", tab-separated).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use encoding_rs_io::DecodeReaderBytesBuilder;

use crate::error::{Error, Result};
use crate::i18n::{Msg, RecordMsg};

/// Enough of a file to tell UTF-8 from GB18030: Chinese headers alone settle it.
const SNIFF_BYTES: usize = 64 * 1024;
const DECODE_BUFFER: usize = 64 * 1024;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// An encoding from a name a user may type, including Windows code-page names encoding_rs lacks.
pub fn encoding_by_name(name: &str) -> Option<&'static Encoding> {
    let lower = name.trim().to_ascii_lowercase();
    let label = match lower.as_str() {
        "cp936" | "936" | "ms936" | "windows-936" | "gbk" | "gb2312" | "gb18030" => "gb18030",
        "utf8" | "utf-8-sig" | "utf8-bom" => "utf-8",
        "utf16" | "utf-16" | "unicode" => "utf-16le",
        "cp950" | "950" => "big5",
        other => other,
    };
    Encoding::for_label(label.as_bytes())
}

/// BOM first; then UTF-8 if the head of the file is UTF-8, or mostly is (a UTF-8 file with a
/// damaged line, whose bad bytes are then reported where they are); otherwise GB18030, the
/// superset of GBK and GB2312.
pub fn detect(head: &[u8]) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return encoding;
    }
    let (characters, malformed) = utf8_tally(head);
    // GBK text reads as a valid UTF-8 character for about one Chinese character in ten.
    if malformed == 0 || characters > malformed {
        UTF_8
    } else {
        GB18030
    }
}

/// How many multi-byte UTF-8 characters `bytes` holds, and how many malformed sequences; a
/// character cut by the end of the sniff window is neither.
fn utf8_tally(mut bytes: &[u8]) -> (usize, usize) {
    // Only lead bytes of multi-byte sequences start with 11.
    let leads = |valid: &[u8]| valid.iter().filter(|&&b| b >= 0xC0).count();
    let (mut characters, mut malformed) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return (characters + leads(bytes), malformed),
            Err(e) => {
                characters += leads(&bytes[..e.valid_up_to()]);
                let Some(bad) = e.error_len() else {
                    return (characters, malformed);
                };
                malformed += 1;
                bytes = &bytes[e.valid_up_to() + bad..];
            }
        }
    }
}

pub fn is_utf16(encoding: &'static Encoding) -> bool {
    encoding == UTF_16LE || encoding == UTF_16BE
}

/// A file opened as UTF-8 text, with the encoding it was read in. Undecodable bytes become
/// U+FFFD, which field validation refuses, so a wrong guess shows up as errors, never as stored mojibake.
pub struct DecodedFile {
    /// UTF-8 files are read as they are (past any BOM), the rest through a transcoder.
    pub reader: Box<dyn Read>,
    pub encoding: &'static Encoding,
    /// The decoded start of the file, for sniffing the delimiter.
    pub head: String,
    /// The line, as an editor numbers it, of each byte `reader` gives.
    pub lines: LineIndex,
}

/// Where the line breaks of a stream fell, so a byte offset can be told as a line number the way
/// an editor shows it: LF, CRLF (Excel on Windows) and a lone CR each end one line, and a quoted
/// cell that spans lines counts every line it spans.
#[derive(Default)]
struct Breaks {
    /// Breaks not yet passed by a lookup: where each fell, and whether the line it ended was
    /// empty.
    ahead: VecDeque<(u64, bool)>,
    passed: u64,
    offset: u64,
    after_cr: bool,
    /// Where the line being read began.
    line_start: u64,
}

#[derive(Clone, Default)]
pub struct LineIndex(Rc<RefCell<Breaks>>);

impl LineIndex {
    /// The line of the byte at `offset`, from 1. Offsets are asked in order, as a reader reads.
    pub fn line_at(&self, offset: u64) -> u64 {
        let mut breaks = self.0.borrow_mut();
        while breaks.ahead.front().is_some_and(|&(at, _)| at < offset) {
            breaks.ahead.pop_front();
            breaks.passed += 1;
        }
        breaks.passed + 1
    }

    /// The line a CSV record begins on, given the offset the reader gives it: that offset is
    /// where the previous record ended, so blank lines between the two come first and are
    /// stepped over.
    pub fn record_line(&self, offset: u64) -> u64 {
        self.line_at(offset);
        let mut breaks = self.0.borrow_mut();
        while breaks.ahead.front().is_some_and(|&(_, empty)| empty) {
            breaks.ahead.pop_front();
            breaks.passed += 1;
        }
        breaks.passed + 1
    }
}

/// Passes a stream through, noting its line breaks in a `LineIndex`.
struct Counting {
    inner: Box<dyn Read>,
    breaks: LineIndex,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut breaks = self.breaks.0.borrow_mut();
        let start = breaks.offset;
        for (i, &byte) in buf[..n].iter().enumerate() {
            let at = start + i as u64;
            if byte == b'\r' || (byte == b'\n' && !breaks.after_cr) {
                let empty = at == breaks.line_start;
                breaks.ahead.push_back((at, empty));
            }
            if byte == b'\r' || byte == b'\n' {
                breaks.line_start = at + 1;
            }
            breaks.after_cr = byte == b'\r';
        }
        breaks.offset += n as u64;
        Ok(n)
    }
}

pub fn open(path: &Path, requested: Option<&'static Encoding>) -> Result<DecodedFile> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    let encoding = requested.unwrap_or_else(|| detect(&head));
    let (head_text, _, _) = encoding.decode(&head);
    let reader: Box<dyn Read> = if encoding == UTF_8 {
        let bom = if head.starts_with(UTF8_BOM) {
            UTF8_BOM.len() as u64
        } else {
            0
        };
        file.seek(SeekFrom::Start(bom))
            .map_err(|e| Error::io(path, e))?;
        Box::new(file)
    } else {
        file.seek(SeekFrom::Start(0))
            .map_err(|e| Error::io(path, e))?;
        let transcoder = DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .bom_override(requested.is_none())
            .strip_bom(true)
            .build_with_buffer(file, vec![0; DECODE_BUFFER])
            .map_err(|e| Error::io(path, e))?;
        Box::new(transcoder)
    };
    let lines = LineIndex::default();
    let reader = Box::new(Counting {
        inner: reader,
        breaks: lines.clone(),
    });
    Ok(DecodedFile {
        reader,
        encoding,
        head: head_text.into_owned(),
        lines,
    })
}

/// Tab for `.tsv`, for files whose header line has tabs but no commas, and for UTF-16 text (Excel's
/// "Unicode text") unless its header has commas but no tabs; comma otherwise.
pub fn delimiter(path: &Path, file: &DecodedFile) -> u8 {
    let first_line = file.head.lines().next().unwrap_or_default();
    let tsv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let (tabs, commas) = (first_line.contains('\t'), first_line.contains(','));
    let commas_only = commas && !tabs;
    if tsv || (tabs && !commas) || (is_utf16(file.encoding) && !commas_only) {
        b'\t'
    } else {
        b','
    }
}

/// A quote left open swallows the line breaks after it, so a line error would point at the wrong
/// thing: where the quote runs on to, if a cell of this row spans lines. `start` is the row's
/// line, `next_line` the line the reader has reached.
pub fn runaway_quote(record: &csv::ByteRecord, start: u64, next_line: u64) -> Option<Msg> {
    record.iter().any(|c| c.contains(&b'\n')).then(|| {
        let line = next_line.saturating_sub(1).max(start);
        RecordMsg::RunawayQuote { line }.into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_follows_bom_then_utf8_then_gb18030() {
        assert_eq!(detect("档号,题名\n".as_bytes()), UTF_8);
        assert_eq!(detect(b"\xEF\xBB\xBFcode"), UTF_8);
        assert_eq!(detect(b"\xFF\xFEa\x00"), UTF_16LE);
        let (gbk, _, _) = GB18030.encode("档号,题名\n张三");
        assert_eq!(detect(&gbk), GB18030);
        // A UTF-8 character cut by the sniff window is still UTF-8.
        let cut = &"档案".as_bytes()[..4];
        assert_eq!(detect(cut), UTF_8);
        // A UTF-8 file with one damaged line stays UTF-8; its bad bytes are reported there.
        let mut damaged = "档号,题名,日期\nJ001,".as_bytes().to_vec();
        damaged.extend_from_slice(b"\xff\xfe\xc3(\x80\n");
        assert_eq!(detect(&damaged), UTF_8);
        // GBK text whose first characters happen to be valid UTF-8 (全 is C8 AB) is still GBK.
        let (gbk, _, _) = GB18030.encode("全宗号,题名,责任者\n全宗号J001");
        assert!(std::str::from_utf8(&gbk[..2]).is_ok());
        assert_eq!(detect(&gbk), GB18030);
    }

    #[test]
    fn code_page_names_resolve() {
        assert_eq!(encoding_by_name("cp936"), Some(GB18030));
        assert_eq!(encoding_by_name("GBK"), Some(GB18030));
        assert_eq!(encoding_by_name("utf-8"), Some(UTF_8));
        assert_eq!(encoding_by_name("klingon"), None);
    }
}
