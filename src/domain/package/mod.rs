//! An Office Open XML package (a ZIP) read as it streams by: every entry's local header in turn,
//! and the XML parts inflated and read (`parts`), whatever they are named, since Office finds a
//! part by its relationships and content type, not by its name. The entries walked must be the
//! ones the central directory lists, at the same offsets, or the file is not what Office would
//! read and cannot be checked.

mod parts;
mod rules;

use flate2::{Decompress, FlushDecompress, Status};

use self::parts::PartReader;
use super::signature::runnable_name;
use crate::i18n::FileMsg;

const LOCAL: &[u8] = b"PK\x03\x04";
const CENTRAL: &[u8] = b"PK\x01\x02";
const DESCRIPTOR: &[u8] = b"PK\x07\x08";
const LOCAL_HEADER: usize = 30;
/// The most all parts of one package may inflate to: past it, a bomb, refused unread.
const MAX_INFLATED: u64 = 1 << 30;
/// Flag bits of a local header.
const ENCRYPTED: u16 = 1;
const SIZES_AFTER: u16 = 1 << 3;

enum State {
    /// At a local header (or the central directory, which ends the walk).
    Header,
    /// Passing over `left` bytes of an entry's data.
    Skip { left: u64 },
    /// Reading `left` bytes of a stored part.
    Stored { left: u64, part: PartReader },
    /// Inflating an entry: its part read if it is XML; `left` is its size if the header gave it.
    Deflated {
        inflater: Box<Decompress>,
        part: PartReader,
        left: Option<u64>,
    },
    /// After an entry whose sizes follow its data: the sizes it had, to know the descriptor.
    Descriptor { compressed: u64, size: u64 },
    /// The central directory is reached.
    End,
    /// The walk cannot go on: not what Office would read, so not checked.
    Lost,
}

pub struct PackageScanner {
    state: State,
    /// Bytes not yet used, from `at`; `offset` is the file offset of `pending[at]`.
    pending: Vec<u8>,
    at: usize,
    offset: u64,
    entries: Vec<(String, u64)>,
    inflated: u64,
    found: Vec<FileMsg>,
    unchecked: Option<FileMsg>,
}

impl Default for PackageScanner {
    fn default() -> Self {
        PackageScanner {
            state: State::Header,
            pending: Vec::new(),
            at: 0,
            offset: 0,
            entries: Vec::new(),
            inflated: 0,
            found: Vec::new(),
            unchecked: None,
        }
    }
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

/// The compressed size in a ZIP64 extra field (after the size), where the header's is
/// 0xFFFFFFFF.
fn zip64_compressed(extra: &[u8]) -> Option<u64> {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let (id, len) = (u16_at(extra, at), usize::from(u16_at(extra, at + 2)));
        if id == 1 && len >= 16 && at + 4 + 16 <= extra.len() {
            return Some(u64_at(extra, at + 12));
        }
        at += 4 + len;
    }
    None
}

impl PackageScanner {
    pub fn feed(&mut self, chunk: &[u8]) {
        if matches!(self.state, State::End | State::Lost) {
            return;
        }
        self.pending.drain(..self.at);
        self.at = 0;
        self.pending.extend_from_slice(chunk);
        while self.step() {}
    }

    /// What the parts say, what could not be checked, and the entries walked (name, offset).
    pub fn finish(mut self) -> (Vec<FileMsg>, Option<FileMsg>, Vec<(String, u64)>) {
        if !matches!(self.state, State::End) {
            self.unchecked.get_or_insert(FileMsg::OfficeUnreadable);
        }
        (self.found, self.unchecked, self.entries)
    }

    fn available(&self) -> &[u8] {
        &self.pending[self.at..]
    }

    fn consume(&mut self, n: usize) {
        self.at += n;
        self.offset += n as u64;
    }

    fn lose(&mut self) -> bool {
        self.state = State::Lost;
        false
    }

    /// One step of the walk; false when it needs more bytes or has ended.
    fn step(&mut self) -> bool {
        match std::mem::replace(&mut self.state, State::Lost) {
            State::Header => self.header(),
            State::Skip { left } => {
                let n = left.min(self.available().len() as u64);
                self.consume(n as usize);
                self.state = if n == left {
                    State::Header
                } else {
                    State::Skip { left: left - n }
                };
                n == left
            }
            State::Stored { left, mut part } => {
                let n = left.min(self.available().len() as u64) as usize;
                part.feed(&self.pending[self.at..self.at + n], &mut self.found);
                self.consume(n);
                if let Some(reason) = part.unchecked.take() {
                    self.unchecked.get_or_insert(reason);
                }
                self.state = if n as u64 == left {
                    State::Header
                } else {
                    State::Stored {
                        left: left - n as u64,
                        part,
                    }
                };
                n as u64 == left
            }
            State::Deflated {
                inflater,
                part,
                left,
            } => self.inflate(inflater, part, left),
            State::Descriptor { compressed, size } => self.descriptor(compressed, size),
            State::End => {
                self.state = State::End;
                false
            }
            State::Lost => false,
        }
    }

    fn header(&mut self) -> bool {
        let bytes = self.available();
        if bytes.len() < 4 {
            self.state = State::Header;
            return false;
        }
        if bytes.starts_with(CENTRAL) {
            self.state = State::End;
            return false;
        }
        if !bytes.starts_with(LOCAL) {
            return self.lose();
        }
        if bytes.len() < LOCAL_HEADER {
            self.state = State::Header;
            return false;
        }
        let flags = u16_at(bytes, 6);
        let method = u16_at(bytes, 8);
        let mut compressed = u64::from(u32_at(bytes, 18));
        let name_len = usize::from(u16_at(bytes, 26));
        let extra_len = usize::from(u16_at(bytes, 28));
        let whole = LOCAL_HEADER + name_len + extra_len;
        if bytes.len() < whole {
            self.state = State::Header;
            return false;
        }
        let name =
            String::from_utf8_lossy(&bytes[LOCAL_HEADER..LOCAL_HEADER + name_len]).into_owned();
        let extra = &bytes[LOCAL_HEADER + name_len..whole];
        if compressed == u64::from(u32::MAX)
            && let Some(big) = zip64_compressed(extra)
        {
            compressed = big;
        }
        self.entries.push((name, self.offset));
        self.consume(whole);
        let sizes_after = flags & SIZES_AFTER != 0;
        self.state = match (method, sizes_after) {
            _ if flags & ENCRYPTED != 0 => {
                // An encrypted part cannot be read; Office does not write one.
                self.unchecked.get_or_insert(FileMsg::OfficeUnreadable);
                if sizes_after {
                    return self.lose();
                }
                State::Skip { left: compressed }
            }
            (8, _) => State::Deflated {
                inflater: Box::new(Decompress::new(false)),
                part: PartReader::default(),
                left: (!sizes_after).then_some(compressed),
            },
            (0, false) => State::Stored {
                left: compressed,
                part: PartReader::default(),
            },
            (_, false) => {
                self.unchecked.get_or_insert(FileMsg::OfficeUnreadable);
                State::Skip { left: compressed }
            }
            // Stored, or another method, with no size: where it ends cannot be known.
            (_, true) => return self.lose(),
        };
        true
    }

    fn inflate(
        &mut self,
        mut inflater: Box<Decompress>,
        mut part: PartReader,
        left: Option<u64>,
    ) -> bool {
        let available = self.available().len() as u64;
        let input_len = left.map_or(available, |l| l.min(available)) as usize;
        let input = &self.pending[self.at..self.at + input_len];
        let mut out = vec![0u8; 64 << 10];
        let (before_in, before_out) = (inflater.total_in(), inflater.total_out());
        let status = inflater.decompress(input, &mut out, FlushDecompress::None);
        let used = (inflater.total_in() - before_in) as usize;
        let produced = (inflater.total_out() - before_out) as usize;
        if part.wants_more() {
            part.feed(&out[..produced], &mut self.found);
            if let Some(reason) = part.unchecked.take() {
                self.unchecked.get_or_insert(reason);
            }
        }
        self.inflated += produced as u64;
        self.consume(used);
        let left = left.map(|l| l - used as u64);
        if self.inflated > MAX_INFLATED {
            self.unchecked.get_or_insert(FileMsg::OfficeUnreadable);
            return self.lose();
        }
        match status {
            Ok(Status::StreamEnd) => {
                self.state = match left {
                    // Sizes in the header: whatever is left of the entry is passed over.
                    Some(left) => State::Skip { left },
                    None => State::Descriptor {
                        compressed: inflater.total_in(),
                        size: inflater.total_out(),
                    },
                };
                true
            }
            // The part is not XML and its size is known: no need to inflate the rest.
            Ok(_) if !part.wants_more() && left.is_some() => {
                self.state = State::Skip {
                    left: left.unwrap_or_default(),
                };
                true
            }
            Ok(_) if left == Some(0) => {
                // The entry's data ended before its deflate stream did.
                self.unchecked.get_or_insert(FileMsg::OfficeUnreadable);
                self.state = State::Header;
                true
            }
            Ok(_) => {
                let progressed = used > 0 || produced > 0;
                self.state = State::Deflated {
                    inflater,
                    part,
                    left,
                };
                progressed
            }
            Err(_) => {
                self.unchecked.get_or_insert(FileMsg::OfficeUnreadable);
                match left {
                    Some(left) => {
                        self.state = State::Skip { left };
                        true
                    }
                    None => self.lose(),
                }
            }
        }
    }

    /// The sizes after an entry's data: with or without their own signature, in 32 or 64 bits.
    fn descriptor(&mut self, compressed: u64, size: u64) -> bool {
        let bytes = self.available();
        if bytes.len() < 24 {
            self.state = State::Descriptor { compressed, size };
            return false;
        }
        let signed = usize::from(bytes.starts_with(DESCRIPTOR)) * 4;
        let sizes = signed + 4;
        let narrow = u64::from(u32_at(bytes, sizes)) == compressed
            && u64::from(u32_at(bytes, sizes + 4)) == size;
        let wide = u64_at(bytes, sizes) == compressed && u64_at(bytes, sizes + 8) == size;
        let length = match (narrow, wide) {
            (true, _) => sizes + 8,
            (_, true) => sizes + 16,
            _ => return self.lose(),
        };
        self.consume(length);
        self.state = State::Header;
        true
    }
}

/// What the names of a package's parts say it runs: a macro project or macro sheets (a `.docx`
/// renamed from `.docm` keeps them), ActiveX controls, embedded OLE objects, and files that run,
/// wherever they lie (an OLE package shows its payload as an icon and runs it on a double click;
/// an OFD may carry any file as an attachment). Embedded documents of kept formats (a chart's
/// workbook) are left to be.
pub fn active_part_names(names: &[String]) -> Vec<FileMsg> {
    let mut found = Vec::new();
    for name in names
        .iter()
        .map(|n| n.to_ascii_lowercase().replace('\\', "/"))
    {
        let file = name.rsplit('/').next().unwrap_or(&name);
        let reason = if file.starts_with("vbaproject")
            || file == "vbadata.xml"
            || name.contains("macrosheets/")
        {
            FileMsg::OfficeMacros
        } else if name.contains("activex/") {
            FileMsg::OfficeActiveX
        } else if (name.contains("embeddings/") && file.starts_with("oleobject"))
            || runnable_name(file).is_some()
        {
            FileMsg::OfficeEmbedded {
                name: file.to_string(),
            }
        } else {
            continue;
        };
        if !found.contains(&reason) {
            found.push(reason);
        }
    }
    found
}

/// The entries of a ZIP's central directory (name, offset of its local header), read from the
/// end of the file; None if the directory is missing, damaged or not within the tail kept.
pub fn directory(tail: &[u8], size: u64) -> Option<Vec<(String, u64)>> {
    let end = (0..tail.len().checked_sub(22)? + 1)
        .rev()
        .find(|&i| tail[i..].starts_with(b"PK\x05\x06"))?;
    let u16_in = |i: usize| tail.get(i..i + 2).map(|_| u16_at(tail, i));
    let u32_in = |i: usize| tail.get(i..i + 4).map(|_| u32_at(tail, i));
    let entries = u16_in(end + 10)?;
    let offset = u64::from(u32_in(end + 16)?);
    let tail_start = size.checked_sub(tail.len() as u64)?;
    let mut at = usize::try_from(offset.checked_sub(tail_start)?).ok()?;
    let mut out = Vec::with_capacity(usize::from(entries));
    for _ in 0..entries {
        if tail.get(at..at + 4)? != CENTRAL {
            return None;
        }
        let name_len = usize::from(u16_in(at + 28)?);
        let extra = usize::from(u16_in(at + 30)?);
        let comment = usize::from(u16_in(at + 32)?);
        let local = u64::from(u32_in(at + 42)?);
        let name = tail.get(at + 46..at + 46 + name_len)?;
        out.push((String::from_utf8_lossy(name).into_owned(), local));
        at += 46 + name_len + extra + comment;
    }
    Some(out)
}
