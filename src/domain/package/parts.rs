//! The XML parts of an Office package, read as they inflate, for what makes a document act when
//! opened: relationships to a macro project, controls, embedded or linked OLE objects and remote
//! templates or frames; content types that declare them (whatever the part is named); and DDE
//! fields, whose code Word runs as a command line, however the field code is split into runs or
//! spelt with character references.

use crate::i18n::FileMsg;

/// A tag longer than this is not one an Office application writes; it cannot be judged whole.
const MAX_TAG: usize = 64 << 10;
/// Enough of a field code to know what field it is.
const MAX_FIELD: usize = 256;

/// Reads one part. Parts that do not start as XML are left alone.
#[derive(Default)]
pub(super) struct PartReader {
    /// None until the first byte that is not white space: XML or not.
    xml: Option<bool>,
    /// Inside `< … >`: the tag so far (lower case), and the quote of a value being read, since
    /// an attribute value may hold `>`.
    tag: Option<Vec<u8>>,
    quote: Option<u8>,
    /// The field code being assembled from `instrText` runs, between a field's begin and its
    /// separator.
    field: Option<Vec<u8>>,
    in_instruction: bool,
    pub(super) unchecked: Option<FileMsg>,
}

impl PartReader {
    pub(super) fn feed(&mut self, bytes: &[u8], found: &mut Vec<FileMsg>) {
        for &byte in bytes {
            if self.xml.is_none() {
                if byte.is_ascii_whitespace() || b"\xEF\xBB\xBF".contains(&byte) {
                    continue;
                }
                self.xml = Some(byte == b'<');
            }
            if self.xml != Some(true) {
                return;
            }
            self.byte(byte.to_ascii_lowercase(), found);
        }
    }

    /// False once the part shows it is not XML: the rest need not be inflated for it.
    pub(super) fn wants_more(&self) -> bool {
        self.xml != Some(false)
    }

    fn byte(&mut self, byte: u8, found: &mut Vec<FileMsg>) {
        let Some(tag) = &mut self.tag else {
            if byte == b'<' {
                self.tag = Some(Vec::new());
            } else if self.in_instruction
                && let Some(field) = &mut self.field
                && field.len() < MAX_FIELD
            {
                field.push(byte);
            }
            return;
        };
        // A comment or a CDATA section runs to its own end, quotes and `>` included; the text of
        // a CDATA section is text like any other.
        if tag.starts_with(b"!--") || tag.starts_with(b"![cdata[") {
            tag.push(byte);
            let comment = tag.starts_with(b"!--");
            if comment && tag.len() > 5 && tag.ends_with(b"-->") {
                self.tag = None;
            } else if !comment && tag.ends_with(b"]]>") {
                let text = tag[8..tag.len() - 3].to_vec();
                self.tag = None;
                if self.in_instruction
                    && let Some(field) = &mut self.field
                {
                    field.extend(text.iter().take(MAX_FIELD.saturating_sub(field.len())));
                }
            } else if tag.len() > MAX_TAG {
                self.unchecked.get_or_insert(FileMsg::OfficeUnreadable);
                self.tag = None;
            }
            return;
        }
        match (self.quote, byte) {
            (Some(quote), b) if b == quote => self.quote = None,
            (None, b'"' | b'\'') => self.quote = Some(byte),
            (None, b'>') => {
                let tag = std::mem::take(tag);
                self.tag = None;
                self.element(&tag, found);
                return;
            }
            _ => {}
        }
        if tag.len() < MAX_TAG {
            tag.push(byte);
        } else {
            self.unchecked.get_or_insert(FileMsg::OfficeUnreadable);
        }
    }

    /// A whole tag, `<` and `>` left off.
    fn element(&mut self, tag: &[u8], found: &mut Vec<FileMsg>) {
        let closing = tag.starts_with(b"/");
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/' && !closing)
            .unwrap_or(tag.len());
        let name = local(tag[usize::from(closing)..name_end].as_ref());
        let self_closing = tag.ends_with(b"/");
        match (name, closing) {
            (b"relationship", false) => relationship(tag, found),
            (b"override" | b"default", false) => {
                let kind = attribute(tag, b"contenttype").unwrap_or_default();
                content_type(&kind, found);
            }
            (b"fldchar", false) => match attribute(tag, b"fldchartype").as_deref() {
                Some("begin") => self.field = Some(Vec::new()),
                Some("separate" | "end") => {
                    if let Some(code) = self.field.take() {
                        field(&decode(&code), found);
                    }
                }
                _ => {}
            },
            (b"instrtext", false) => self.in_instruction = !self_closing,
            (b"instrtext", true) => self.in_instruction = false,
            (b"fldsimple", false) => field(&attribute(tag, b"instr").unwrap_or_default(), found),
            (b"ddelink", false) => add(found, FileMsg::OfficeDde),
            _ => {}
        }
    }
}

fn add(found: &mut Vec<FileMsg>, reason: FileMsg) {
    if !found.contains(&reason) {
        found.push(reason);
    }
}

/// The name without its namespace prefix: any prefix may stand for the Office namespaces.
fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// An attribute's value, found by its local name, with character references decoded.
fn attribute(tag: &[u8], wanted: &[u8]) -> Option<String> {
    let mut at = 0;
    while at < tag.len() {
        let rest = &tag[at..];
        let equals = rest.iter().position(|&b| b == b'=')?;
        let name_start = rest[..equals]
            .iter()
            .rposition(|b| b.is_ascii_whitespace())
            .map_or(0, |p| p + 1);
        let name = local(rest[name_start..equals].trim_ascii());
        let after = &rest[equals + 1..];
        let skipped = after.len() - after.trim_ascii_start().len();
        let after = after.trim_ascii_start();
        let quote = *after.first()?;
        if !matches!(quote, b'"' | b'\'') {
            return None;
        }
        let end = after[1..].iter().position(|&b| b == quote)? + 1;
        if name == wanted {
            return Some(decode(&after[1..end]));
        }
        at += equals + 1 + skipped + end + 1;
    }
    None
}

/// Character references (`&#68;`, `&#x44;`, `&amp;` …) decoded, as an XML reader does.
fn decode(text: &[u8]) -> String {
    let text = String::from_utf8_lossy(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = after;
            continue;
        };
        let reference = &after[..end];
        let decoded = match reference {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => reference
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| reference.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => out.extend(c.to_lowercase()),
            None => out.push('&'),
        }
        rest = if decoded.is_some() {
            &after[end + 1..]
        } else {
            after
        };
    }
    out.push_str(rest);
    out
}

/// A field code Word would run: DDE and DDEAUTO start another program.
fn field(code: &str, found: &mut Vec<FileMsg>) {
    let code = code.trim_start_matches(|c: char| c.is_whitespace() || c == '\\');
    if code.starts_with("dde") {
        add(found, FileMsg::OfficeDde);
    }
}

fn content_type(kind: &str, found: &mut Vec<FileMsg>) {
    if kind.contains("vbaproject") || kind.contains("macroenabled") {
        add(found, FileMsg::OfficeMacros);
    } else if kind.contains("activex") {
        add(found, FileMsg::OfficeActiveX);
    } else if kind.contains("oleobject") {
        let name = "oleObject".to_string();
        add(found, FileMsg::OfficeEmbedded { name });
    }
}

/// A target another host serves: fetching it hands over the reader's Windows credentials, or
/// loads what that host chooses (a template with macros, a page).
fn remote(target: &str) -> bool {
    let target = target.trim();
    let schemes = ["http:", "https:", "ftp:", "mhtml:", "smb:", "\\\\", "//"];
    schemes.iter().any(|s| target.starts_with(s))
        || target
            .strip_prefix("file://")
            .is_some_and(|rest| !rest.starts_with('/'))
}

/// Relationships that fetch their target when the document opens, as read (lower case) and as
/// Office names them.
const LINKS_OUT: [(&str, &str); 5] = [
    ("attachedtemplate", "attachedTemplate"),
    ("frame", "frame"),
    ("subdocument", "subDocument"),
    ("externallinkpath", "externalLinkPath"),
    ("afchunk", "aFChunk"),
];

fn relationship(tag: &[u8], found: &mut Vec<FileMsg>) {
    let kind = attribute(tag, b"type").unwrap_or_default();
    let kind = kind.rsplit('/').next().unwrap_or_default();
    let external = attribute(tag, b"targetmode").is_some_and(|m| m.trim() == "external");
    let target = attribute(tag, b"target").unwrap_or_default();
    match kind {
        "vbaproject" => add(found, FileMsg::OfficeMacros),
        "control" | "activexcontrol" | "activexcontrolbinary" => {
            add(found, FileMsg::OfficeActiveX);
        }
        "oleobject" if external => add(
            found,
            FileMsg::OfficeLinks {
                kind: "oleObject".into(),
            },
        ),
        "oleobject" => {
            let name = target.rsplit(['/', '\\']).next().unwrap_or_default();
            add(
                found,
                FileMsg::OfficeEmbedded {
                    name: name.to_string(),
                },
            );
        }
        _ if external && remote(&target) => {
            if let Some((_, kind)) = LINKS_OUT.iter().find(|(lower, _)| *lower == kind) {
                let kind = kind.to_string();
                add(found, FileMsg::OfficeLinks { kind });
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Vec<FileMsg> {
        let mut found = Vec::new();
        for chunk in [1, 5, usize::MAX] {
            let mut reader = PartReader::default();
            let mut each = Vec::new();
            for piece in xml.as_bytes().chunks(chunk) {
                reader.feed(piece, &mut each);
            }
            if chunk == 1 {
                found = each;
            } else {
                assert_eq!(each, found, "chunks of {chunk}");
            }
        }
        found
    }

    const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    #[test]
    fn remote_templates_and_linked_objects_are_found_local_ones_kept() {
        let remote = format!(
            r#"<Relationships><Relationship Id="r1" Type="{RELS}/attachedTemplate" Target="https://x.example/t.dotm" TargetMode="External"/></Relationships>"#
        );
        let links = |kind: &str| FileMsg::OfficeLinks { kind: kind.into() };
        assert_eq!(read(&remote), vec![links("attachedTemplate")]);
        let local = remote.replace("https://x.example/t.dotm", "file:///C:/模板/公文.dotx");
        assert_eq!(read(&local), vec![]);
        let unc = remote.replace("https://x.example/t.dotm", "file://host/share/t.dotm");
        assert_eq!(read(&unc), vec![links("attachedTemplate")]);
        let follina = format!(
            r#"<Relationship Type='{RELS}/oleObject' Target='mhtml:http://x/!x' TargetMode='&#69;xternal'/>"#
        );
        assert_eq!(read(&follina), vec![links("oleObject")]);
        let renamed =
            format!(r#"<Relationship Type="{RELS}/oleObject" Target="media/image1.emf"/>"#);
        assert_eq!(
            read(&renamed),
            vec![FileMsg::OfficeEmbedded {
                name: "image1.emf".into()
            }]
        );
    }

    #[test]
    fn dde_fields_are_found_however_their_code_is_split() {
        let split = r#"<w:document><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> D</w:instrText></w:r><w:r><w:instrText>&#68;EAUTO c:\\windows\\system32\\cmd.exe "/k calc"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p></w:document>"#;
        assert_eq!(read(split), vec![FileMsg::OfficeDde]);
        let hidden = r#"<!-- don't --><w:fldChar w:fldCharType="begin"/><w:instrText><![CDATA[ DDEAUTO "x>y" ]]></w:instrText><w:fldChar w:fldCharType="end"/>"#;
        assert_eq!(read(hidden), vec![FileMsg::OfficeDde]);
        let simple = r#"<w:fldSimple w:instr=" DDE cmd &quot;/c calc&quot;"/>"#;
        assert_eq!(read(simple), vec![FileMsg::OfficeDde]);
        let page = r#"<w:fldChar w:fldCharType="begin"/><w:instrText> PAGE </w:instrText><w:fldChar w:fldCharType="end"/><w:t>《第１页》</w:t>"#;
        assert_eq!(read(page), vec![]);
    }

    #[test]
    fn a_macro_project_is_found_by_its_content_type_whatever_its_name() {
        let types = r#"<Types><Override PartName="/word/media/logo.png" ContentType="application/vnd.ms-office.vbaProject"/></Types>"#;
        assert_eq!(read(types), vec![FileMsg::OfficeMacros]);
        // A part that is not XML is not read.
        assert_eq!(
            read("\u{89}PNG <Relationship Type=\"x/vbaProject\"/>"),
            vec![]
        );
    }
}
