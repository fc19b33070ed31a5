//! A record (件/卷): its descriptive fields, how each is read from text, and how it is written back.

use super::code::ArchivalCode;
use super::date::RecordDate;
use super::text::fold;
pub use super::vocab::{Carrier, Classification, Openness, Retention, Status};
use crate::i18n::{Msg, RecordMsg, Vocabulary};

/// The descriptive fields a user edits. The archival code is not among them: it is the record's
/// identity, given once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Responsible,
    DocNo,
    Date,
    Classification,
    Carrier,
    Pages,
    Location,
    Keywords,
    Notes,
    Status,
    /// 开放标识: read from files and shown, changed only by an opening review.
    Openness,
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::Title,
        Field::Responsible,
        Field::DocNo,
        Field::Date,
        Field::Classification,
        Field::Carrier,
        Field::Pages,
        Field::Location,
        Field::Keywords,
        Field::Notes,
        Field::Status,
        Field::Openness,
    ];

    /// The English name, used for JSON keys and CLI flags.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Responsible => "responsible",
            Field::DocNo => "doc_no",
            Field::Date => "date",
            Field::Classification => "classification",
            Field::Carrier => "carrier",
            Field::Pages => "pages",
            Field::Location => "location",
            Field::Keywords => "keywords",
            Field::Notes => "notes",
            Field::Status => "status",
            Field::Openness => "openness",
        }
    }

    /// The Chinese name, as in a 归档文件目录 and in exported CSV headers.
    pub fn label_zh(self) -> &'static str {
        match self {
            Field::Title => "题名",
            Field::Responsible => "责任者",
            Field::DocNo => "文号",
            Field::Date => "日期",
            Field::Classification => "密级",
            Field::Carrier => "载体",
            Field::Pages => "页数",
            Field::Location => "存放位置",
            Field::Keywords => "主题词",
            Field::Notes => "备注",
            Field::Status => "状态",
            Field::Openness => "开放标识",
        }
    }

    /// The label of the English interface.
    pub fn label_en(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Responsible => "Responsible",
            Field::DocNo => "Doc no.",
            Field::Date => "Date",
            Field::Classification => "Class",
            Field::Carrier => "Carrier",
            Field::Pages => "Pages",
            Field::Location => "Location",
            Field::Keywords => "Keywords",
            Field::Notes => "Notes",
            Field::Status => "Status",
            Field::Openness => "Access",
        }
    }

    /// Other column names met in registers and exports of other systems.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["标题", "文件题名", "案卷题名", "name"],
            Field::Responsible => &["责任单位", "发文单位", "作者", "creator", "author"],
            Field::DocNo => &[
                "发文字号",
                "文件编号",
                "docno",
                "doc no",
                "document number",
                "reference",
            ],
            Field::Date => &["文件日期", "形成日期", "成文日期", "时间"],
            Field::Classification => &["class", "security", "密级标识"],
            Field::Carrier => &["载体类型", "载体形式", "medium"],
            Field::Pages => &["页码数", "张数", "page count"],
            Field::Location => &["位置", "存址", "库位", "location code"],
            Field::Keywords => &["关键词", "关键字", "subjects", "tags"],
            Field::Notes => &["附注", "说明", "remarks", "note"],
            Field::Status => &["库存状态", "state"],
            Field::Openness => &["开放状态", "开放情况", "是否开放", "open to the public"],
        }
    }

    /// Whether a form or `edit` changes it: 开放标识 changes only through an opening review.
    pub fn editable(self) -> bool {
        self != Field::Openness
    }

    /// Fields whose value may span lines.
    fn multiline(self) -> bool {
        self == Field::Notes
    }
}

/// Why a value does not fit a field, in words for either language.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError(pub Msg);

impl FieldError {
    fn of(m: RecordMsg) -> FieldError {
        FieldError(m.into())
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for FieldError {}

/// The descriptive part of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordData {
    pub title: String,
    pub responsible: String,
    pub doc_no: String,
    pub date: Option<RecordDate>,
    pub classification: Classification,
    pub carrier: Carrier,
    pub pages: Option<u32>,
    pub location: String,
    pub keywords: String,
    pub notes: String,
    pub status: Status,
    pub openness: Openness,
}

impl Default for RecordData {
    /// Unclassified input defaults to 内部 rather than 公开: a missing value must not publish a record.
    fn default() -> Self {
        RecordData {
            title: String::new(),
            responsible: String::new(),
            doc_no: String::new(),
            date: None,
            classification: Classification::Internal,
            carrier: Carrier::Paper,
            pages: None,
            location: String::new(),
            keywords: String::new(),
            notes: String::new(),
            status: Status::InStore,
            openness: Openness::Unreviewed,
        }
    }
}

const MAX_TEXT_CHARS: usize = 2000;
const MAX_PAGES: u32 = 1_000_000;

fn clean_text(field: Field, value: &str) -> Result<String, FieldError> {
    let value = value.trim();
    check_text(value, field.multiline())?;
    Ok(value.to_string())
}

/// Text fit to keep and show: no control characters (line breaks and tabs only where `multiline`),
/// no bidirectional controls, no undecodable bytes, and not too long. Register cells are held to
/// this too, though they are otherwise kept as written.
pub fn check_text(value: &str, multiline: bool) -> Result<(), FieldError> {
    for c in value.chars() {
        if c.is_control() && !(multiline && matches!(c, '\n' | '\t')) {
            return Err(FieldError::of(match c {
                '\n' | '\r' => RecordMsg::LineBreak,
                _ => RecordMsg::ControlCharacter {
                    code: format!("U+{:04X}", c as u32),
                },
            }));
        }
        // Bidirectional overrides and isolates reorder what a terminal shows ("Trojan Source"):
        // a title could display as something other than what it says.
        if crate::width::is_bidi_control(c) {
            return Err(FieldError::of(RecordMsg::BidiControl {
                code: format!("U+{:04X}", c as u32),
            }));
        }
        if c == '\u{FFFD}' {
            return Err(FieldError::of(RecordMsg::Undecodable));
        }
        // Unicode's own line breaks are line breaks; annotation marks and non-characters are
        // no text at all. (Joiners stay: they are part of some names; they are shown as marks.)
        if matches!(c, '\u{2028}' | '\u{2029}') && !multiline {
            return Err(FieldError::of(RecordMsg::LineBreak));
        }
        if matches!(c, '\u{FFF9}'..='\u{FFFB}' | '\u{FFFE}' | '\u{FFFF}') {
            return Err(FieldError::of(RecordMsg::ControlCharacter {
                code: format!("U+{:04X}", c as u32),
            }));
        }
    }
    // A character is at least one byte, so short text needs no count.
    if value.len() > MAX_TEXT_CHARS && value.chars().count() > MAX_TEXT_CHARS {
        return Err(FieldError::of(RecordMsg::TooLong {
            max: MAX_TEXT_CHARS as u64,
        }));
    }
    Ok(())
}

fn vocabulary<T>(
    value: &str,
    parse: fn(&str) -> Option<T>,
    choices: Vocabulary,
) -> Result<T, FieldError> {
    parse(value).ok_or_else(|| {
        FieldError::of(RecordMsg::NotOneOf {
            value: value.trim().to_string(),
            choices,
        })
    })
}

impl RecordData {
    /// Sets one field from text as a user or a file gives it, validating it.
    pub fn set(&mut self, field: Field, value: &str) -> Result<(), FieldError> {
        match field {
            Field::Title => {
                let title = clean_text(field, value)?;
                if title.is_empty() {
                    return Err(FieldError::of(RecordMsg::TitleRequired));
                }
                self.title = title;
            }
            Field::Responsible => self.responsible = clean_text(field, value)?,
            Field::DocNo => self.doc_no = clean_text(field, value)?,
            Field::Location => self.location = clean_text(field, value)?,
            Field::Keywords => self.keywords = clean_text(field, value)?,
            Field::Notes => self.notes = clean_text(field, value)?,
            Field::Date => {
                self.date = match value.trim() {
                    "" => None,
                    text => Some(
                        text.parse()
                            .map_err(|e: super::date::DateError| FieldError(e.msg()))?,
                    ),
                }
            }
            Field::Pages => {
                let folded = fold(value);
                self.pages = match &*folded {
                    "" => None,
                    text => match text.parse::<u32>() {
                        Ok(n) if n <= MAX_PAGES => Some(n),
                        _ => {
                            return Err(FieldError::of(RecordMsg::NotPages {
                                value: text.to_string(),
                            }));
                        }
                    },
                }
            }
            Field::Classification => {
                self.classification =
                    vocabulary(value, Classification::parse, Vocabulary::Classification)?
            }
            Field::Carrier => {
                self.carrier = vocabulary(value, Carrier::parse, Vocabulary::Carrier)?
            }
            Field::Status => self.status = vocabulary(value, Status::parse, Vocabulary::Status)?,
            Field::Openness => {
                self.openness = vocabulary(value, Openness::parse, Vocabulary::Openness)?
            }
        }
        Ok(())
    }

    /// The value as text in its canonical form: what `set` reads back to the same value.
    pub fn get(&self, field: Field) -> String {
        match field {
            Field::Title => self.title.clone(),
            Field::Responsible => self.responsible.clone(),
            Field::DocNo => self.doc_no.clone(),
            Field::Date => self.date.map(|d| d.to_string()).unwrap_or_default(),
            Field::Classification => self.classification.label_zh().to_string(),
            Field::Carrier => self.carrier.label_zh().to_string(),
            Field::Pages => self.pages.map(|p| p.to_string()).unwrap_or_default(),
            Field::Location => self.location.clone(),
            Field::Keywords => self.keywords.clone(),
            Field::Notes => self.notes.clone(),
            Field::Status => self.status.label_zh().to_string(),
            Field::Openness => self.openness.label_zh().to_string(),
        }
    }

    /// The fields in which `other` differs from `self`.
    pub fn changed_fields(&self, other: &RecordData) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|&f| self.get(f) != other.get(f))
            .collect()
    }
}

/// A record as stored: identity, description and bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub code: ArchivalCode,
    pub data: RecordData,
    pub version: u32,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    /// The import and source line this record came from, if it was imported.
    pub imported: Option<(i64, u64)>,
}

impl Record {
    pub fn retention(&self) -> Retention {
        self.code.group.retention
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_back_what_it_writes() {
        let mut data = RecordData::default();
        let values = [
            (
                Field::Title,
                "关于印发《档案管理办法（试行）》的通知——第２版…",
            ),
            (Field::Responsible, "市档案局、市财政局"),
            (Field::DocNo, "档发〔2019〕12号"),
            (Field::Date, "2019-03-12"),
            (Field::Classification, "机密"),
            (Field::Carrier, "纸质+电子"),
            (Field::Pages, "12"),
            (Field::Location, "1号库-03柜-2层-015盒"),
            (Field::Keywords, "档案管理 制度 ISO 15489"),
            (Field::Notes, "第一行\n第二行"),
            (Field::Status, "借出"),
            (Field::Openness, "控制"),
        ];
        for (field, value) in values {
            data.set(field, value).unwrap();
            assert_eq!(data.get(field), value, "{field:?}");
        }
    }

    #[test]
    fn bad_values_say_what_is_wrong() {
        let mut data = RecordData::default();
        let err = |data: &mut RecordData, f, v| data.set(f, v).unwrap_err().to_string();
        assert!(err(&mut data, Field::Title, "  ").contains("needs a title"));
        assert!(err(&mut data, Field::Title, "两行\n标题").contains("line break"));
        assert!(err(&mut data, Field::Title, "转义\u{1b}[31m").contains("U+001B"));
        assert!(err(&mut data, Field::Title, "两段\u{2029}标题").contains("line break"));
        assert!(err(&mut data, Field::Responsible, "注\u{FFF9}释").contains("U+FFF9"));
        assert!(err(&mut data, Field::Pages, "十二页").contains("not a page count"));
        assert!(err(&mut data, Field::Classification, "绝密").contains("public"));
        assert!(err(&mut data, Field::Date, "2019年2月30日").contains("no day 30"));
        data.set(Field::Pages, "１２").unwrap();
        assert_eq!(data.pages, Some(12));
    }

    #[test]
    fn changed_fields_lists_only_what_differs() {
        let before = RecordData {
            title: "旧题名".into(),
            ..RecordData::default()
        };
        let mut after = before.clone();
        after.set(Field::Title, "新题名").unwrap();
        after.set(Field::Pages, "3").unwrap();
        assert_eq!(before.changed_fields(&after), [Field::Title, Field::Pages]);
    }
}
