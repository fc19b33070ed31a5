//! Transfer packages are BagIt bags (RFC 8493), the form Archivematica and the Library of
//! Congress tools write: `bagit.txt`, `bag-info.txt`, a SHA-256 manifest of every payload file
//! and the payload under `data/`. This reads and writes their tag files; no I/O here.

use sha2::{Digest, Sha256};

use crate::domain::format::hex;
use crate::i18n::ReceiveMsg;

pub const BAGIT_TXT: &str = "bagit.txt";
pub const BAG_INFO: &str = "bag-info.txt";
pub const MANIFEST: &str = "manifest-sha256.txt";
pub const TAG_MANIFEST: &str = "tagmanifest-sha256.txt";
pub const PAYLOAD: &str = "data";
/// bag-info.txt labels dangan reads and writes.
pub const SOURCE: &str = "Source-Organization";
pub const OXUM: &str = "Payload-Oxum";
pub const RECORD_COUNT: &str = "Record-Count";
pub const BAGGING_DATE: &str = "Bagging-Date";

/// `bagit.txt` as dangan writes it, and as RFC 8493 §2.1.1 asks.
pub const BAGIT_DECLARATION: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/// A problem in a tag file, at the line an editor shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TagProblem {
    pub file: &'static str,
    pub line: u64,
    pub what: Box<ReceiveMsg>,
}

/// Checks `bagit.txt`: a version dangan reads and UTF-8 tag files.
pub fn check_declaration(text: &str) -> Result<(), TagProblem> {
    let problem = |line: u64| TagProblem {
        file: BAGIT_TXT,
        line,
        what: Box::new(ReceiveMsg::Declaration),
    };
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let version = lines.next().and_then(|l| l.strip_prefix("BagIt-Version:"));
    if !matches!(version.map(str::trim), Some("1.0" | "0.97")) {
        return Err(problem(1));
    }
    let encoding = lines
        .next()
        .and_then(|l| l.strip_prefix("Tag-File-Character-Encoding:"));
    if !encoding.is_some_and(|e| e.trim().eq_ignore_ascii_case("UTF-8")) {
        return Err(problem(2));
    }
    Ok(())
}

/// The labels of `bag-info.txt` in order; a line starting with white space continues the
/// value above it (RFC 8493 §2.2.2).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BagInfo {
    pub labels: Vec<(String, String)>,
}

impl BagInfo {
    pub fn parse(text: &str) -> Result<BagInfo, TagProblem> {
        let mut labels: Vec<(String, String)> = Vec::new();
        for (index, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
            let number = index as u64 + 1;
            let problem = || TagProblem {
                file: BAG_INFO,
                line: number,
                what: Box::new(ReceiveMsg::InfoLine),
            };
            if line.trim().is_empty() {
                continue;
            }
            if line.starts_with([' ', '\t']) {
                let (_, value) = labels.last_mut().ok_or_else(problem)?;
                value.push(' ');
                value.push_str(line.trim());
                continue;
            }
            let (label, value) = line.split_once(':').ok_or_else(problem)?;
            if label.trim().is_empty() {
                return Err(problem());
            }
            labels.push((label.trim().to_string(), value.trim().to_string()));
        }
        Ok(BagInfo { labels })
    }

    /// The first value of a label, compared without case.
    pub fn get(&self, label: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(label))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        for (label, value) in &self.labels {
            out.push_str(label);
            out.push_str(": ");
            out.push_str(value);
            out.push('\n');
        }
        out
    }
}

/// `Payload-Oxum`: the payload's bytes and files, `octets.streams`.
pub fn parse_oxum(value: &str) -> Option<(u64, u64)> {
    let (octets, streams) = value.trim().split_once('.')?;
    Some((octets.parse().ok()?, streams.parse().ok()?))
}

/// One line of the manifest: a payload file and its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub sha256: String,
    /// Relative to the bag, `/`-separated, starting `data/`.
    pub path: String,
    pub line: u64,
}

/// Reads `manifest-sha256.txt`; every bad line is reported.
pub fn parse_manifest(text: &str) -> Result<Vec<Entry>, Vec<TagProblem>> {
    parse_lines(text, MANIFEST, true)
}

/// Reads `tagmanifest-sha256.txt`: the tag files' hashes, at the top of the bag.
pub fn parse_tag_manifest(text: &str) -> Result<Vec<Entry>, Vec<TagProblem>> {
    parse_lines(text, TAG_MANIFEST, false)
}

/// `payload`: every path under `data/`; else every path a file at the top, outside `data/`.
fn parse_lines(
    text: &str,
    file: &'static str,
    payload: bool,
) -> Result<Vec<Entry>, Vec<TagProblem>> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (index, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let number = index as u64 + 1;
        let mut problem = |what| {
            problems.push(TagProblem {
                file,
                line: number,
                what: Box::new(what),
            })
        };
        if line.trim().is_empty() {
            continue;
        }
        let Some((hash, path)) = line.split_once([' ', '\t']) else {
            problem(ReceiveMsg::ManifestLine);
            continue;
        };
        let hash = hash.trim().to_ascii_lowercase();
        let path = unescape_path(path.trim_start_matches([' ', '\t']));
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            problem(ReceiveMsg::ManifestLine);
            continue;
        }
        let placed = if payload {
            path.starts_with("data/")
        } else {
            !path.contains('/')
        };
        if !is_safe_path(&path) || !placed {
            problem(ReceiveMsg::UnsafePath { path });
            continue;
        }
        if let Some(first) = seen.insert(path.clone(), number) {
            problem(ReceiveMsg::ListedTwice { path, first });
            continue;
        }
        entries.push(Entry {
            sha256: hash,
            path,
            line: number,
        });
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

/// The manifest text for these entries, in path order, paths escaped as RFC 8493 §2.1.3 asks.
pub fn manifest_text(entries: &[Entry]) -> String {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out = String::new();
    for entry in sorted {
        out.push_str(&entry.sha256);
        out.push_str("  ");
        out.push_str(&escape_path(&entry.path));
        out.push('\n');
    }
    out
}

/// What identifies a package whatever its container (a folder, a zip) or its tag files say:
/// the SHA-256 of its manifest written in path order. A package sent again has the same one.
pub fn package_hash(entries: &[Entry]) -> String {
    hex(&Sha256::digest(manifest_text(entries).as_bytes()))
}

fn escape_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn unescape_path(path: &str) -> String {
    path.replace("%0D", "\r")
        .replace("%0d", "\r")
        .replace("%0A", "\n")
        .replace("%0a", "\n")
        .replace("%25", "%")
}

/// A path inside the bag that cannot lead out of it or hide what it is: relative, `/`-separated,
/// no `.` or `..` part, no empty part, no control characters, no backslash or drive letter.
pub fn is_safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && !path.contains(':')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declaration_needs_a_version_and_utf8() {
        assert!(check_declaration(BAGIT_DECLARATION).is_ok());
        assert!(
            check_declaration("BagIt-Version: 0.97\r\nTag-File-Character-Encoding: utf-8\r\n")
                .is_ok()
        );
        let wrong = check_declaration("BagIt-Version: 1.0\nTag-File-Character-Encoding: GBK\n");
        assert_eq!(wrong.map_err(|p| p.line), Err(2));
        assert_eq!(check_declaration("").map_err(|p| p.line), Err(1));
    }

    #[test]
    fn bag_info_reads_continued_values_and_reports_the_bad_line() {
        let info = BagInfo::parse(
            "Source-Organization: 市财政局\nExternal-Description: 2019 年度文书档案\n  （第一批）\nRecord-Count: 20\n",
        )
        .unwrap();
        assert_eq!(info.get("source-organization"), Some("市财政局"));
        assert_eq!(
            info.get("External-Description"),
            Some("2019 年度文书档案 （第一批）")
        );
        let bad = BagInfo::parse("Record-Count: 2\n没有冒号的一行\n").unwrap_err();
        assert_eq!((bad.file, bad.line), (BAG_INFO, 2));
    }

    #[test]
    fn manifest_lines_are_checked_and_paths_kept_inside() {
        let hash = "a".repeat(64);
        let text = format!(
            "{hash}  data/电子档案/《通知》 2019.pdf\n{hash} data/a%0Ab.txt\nxyz data/c.pdf\n{hash}  data/../etc/passwd\n{hash}  /etc/passwd\n{hash}  data/电子档案/《通知》 2019.pdf\n"
        );
        let problems = parse_manifest(&text).unwrap_err();
        // A line break in a name (%0A) is refused like any control character.
        let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6]);
        let good = parse_manifest(&format!("{hash}  data/进度100%25.txt\n")).unwrap();
        assert_eq!(good[0].path, "data/进度100%.txt");
        assert_eq!(
            manifest_text(&good),
            format!("{hash}  data/进度100%25.txt\n")
        );
    }

    #[test]
    fn the_package_hash_does_not_depend_on_line_order() {
        let entry = |c: char, p: &str| Entry {
            sha256: c.to_string().repeat(64),
            path: p.into(),
            line: 1,
        };
        let one = [entry('a', "data/x"), entry('b', "data/y")];
        let two = [entry('b', "data/y"), entry('a', "data/x")];
        assert_eq!(package_hash(&one), package_hash(&two));
        assert_ne!(package_hash(&one), package_hash(&one[..1]));
    }

    #[test]
    fn unsafe_paths_are_refused() {
        for bad in [
            "",
            "/x",
            "data/../x",
            "data//x",
            "data/./x",
            "C:x",
            "data\\x",
            "data/\u{1b}x",
        ] {
            assert!(!is_safe_path(bad), "{bad:?}");
        }
        assert!(is_safe_path("data/电子档案/“会议”纪要…（１）.pdf"));
        assert_eq!(parse_oxum("1024.3"), Some((1024, 3)));
        assert_eq!(parse_oxum("1024"), None);
    }
}
