//! Column names in Chinese or English, mapped to what dangan stores, and a row of cells turned
//! into a record with every bad cell named.

use crate::archive::records::NewCode;
use crate::domain::code::parse_year;
use crate::domain::text::fold;
use crate::domain::volume::{VolumeNo, parse_catalogue};
use crate::domain::{ArchivalCode, CodeError, CodeGroup, Field, RecordData, Retention};
use crate::i18n::{Msg, RecordMsg};

/// What a column of an import file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Code,
    Fonds,
    /// 档案门类代码 (DA/T 22-2015), e.g. WS.
    Category,
    Year,
    Retention,
    Dept,
    /// 目录号 and 案卷号 of a fonds arranged by volume.
    Catalogue,
    Volume,
    Item,
    Data(Field),
}

impl Column {
    /// The English key (JSON) and the Chinese header (CSV) dangan itself writes.
    pub fn key(self) -> &'static str {
        match self {
            Column::Code => "code",
            Column::Fonds => "fonds",
            Column::Category => "category",
            Column::Year => "year",
            Column::Retention => "retention",
            Column::Dept => "dept",
            Column::Catalogue => "catalogue",
            Column::Volume => "volume",
            Column::Item => "item",
            Column::Data(field) => field.key(),
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Column::Code => "档号",
            Column::Fonds => "全宗号",
            Column::Category => "门类",
            Column::Year => "年度",
            Column::Retention => "保管期限",
            Column::Dept => "机构",
            Column::Catalogue => "目录号",
            Column::Volume => "案卷号",
            Column::Item => "件号",
            Column::Data(field) => field.label_zh(),
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Code => &["档案号", "archival code", "reference code"],
            Column::Fonds => &["全宗", "全宗代码", "全宗编号"],
            Column::Category => &["档案门类", "门类代码", "档案门类代码", "archival category"],
            Column::Year => &["年份", "归档年度"],
            Column::Retention => &["期限", "retention period"],
            Column::Dept => &[
                "机构(问题)",
                "机构代码",
                "机构(问题)代码",
                "问题",
                "department",
                "部门",
            ],
            Column::Catalogue => &["案卷目录号", "catalogue number", "catalog"],
            Column::Volume => &["卷号", "file number", "volume number"],
            Column::Item => &["item number", "件次号", "顺序号", "卷内顺序号", "卷内件号"],
            Column::Data(field) => field.aliases(),
        }
    }

    fn all() -> impl Iterator<Item = Column> {
        CODE_COLUMNS
            .into_iter()
            .chain(Field::ALL.into_iter().map(Column::Data))
    }
}

/// Case, width, spaces and underscores do not matter in a header: `Doc No`, `doc_no`, `ＤＯＣ＿ＮＯ`.
fn header_key(name: &str) -> String {
    fold(name)
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .collect()
}

pub fn column_for(header: &str) -> Option<Column> {
    let key = header_key(header);
    Column::all().find(|c| {
        header_key(c.key()) == key
            || header_key(c.label_zh()) == key
            || c.aliases().iter().any(|a| header_key(a) == key)
    })
}

/// Two headers that hold the same thing (题名 and title, say): which value counts is anyone's guess.
pub fn repeated_column(headers: &[String]) -> Option<Msg> {
    let mapped: Vec<Option<Column>> = headers.iter().map(|h| column_for(h)).collect();
    mapped.iter().enumerate().find_map(|(i, column)| {
        let first = mapped[..i]
            .iter()
            .position(|seen| seen.is_some() && seen == column)?;
        let label = column.map_or("", Column::label_zh);
        Some(
            RecordMsg::ColumnsRepeat {
                first: headers[first].trim().to_string(),
                second: headers[i].trim().to_string(),
                holds: label.to_string(),
            }
            .into(),
        )
    })
}

/// The column of a transfer list naming each record's files, relative to the package's `data/`;
/// an import of a plain list leaves it aside.
pub fn is_files_header(header: &str) -> bool {
    matches!(
        header.trim().to_lowercase().as_str(),
        "文件" | "电子文件" | "电子档案名称" | "files"
    )
}

/// How the columns of one file map to what dangan stores.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Per column of the file: its header as written and what it holds (None: ignored).
    pub columns: Vec<(String, Option<Column>)>,
    /// Where each column of a code is, looked up once rather than per row.
    code_columns: [Option<usize>; 9],
}

pub const CODE_COLUMNS: [Column; 9] = [
    Column::Code,
    Column::Fonds,
    Column::Category,
    Column::Year,
    Column::Retention,
    Column::Dept,
    Column::Catalogue,
    Column::Volume,
    Column::Item,
];

impl Layout {
    /// Maps the headers; errors when a column appears twice or the file cannot give a title and a code.
    pub fn new(headers: &[String]) -> Result<Layout, Msg> {
        if let Some(message) = repeated_column(headers) {
            return Err(message);
        }
        let columns: Vec<(String, Option<Column>)> = headers
            .iter()
            .map(|h| (h.trim().to_string(), column_for(h)))
            .collect();
        let position = |c: Column| columns.iter().position(|(_, seen)| *seen == Some(c));
        let code_columns = CODE_COLUMNS.map(position);
        let layout = Layout {
            columns,
            code_columns,
        };
        if layout.index(Column::Data(Field::Title)).is_none() {
            return Err(RecordMsg::NoTitleColumn.into());
        }
        // Without a 档号 column, its parts: a 机构 column unless there is a 门类 one (DA/T 22
        // leaves 机构 to the fonds).
        let dept = match layout.index(Column::Category) {
            Some(_) => Column::Fonds,
            None => Column::Dept,
        };
        let group = [Column::Fonds, Column::Year, Column::Retention, dept];
        let volume = [Column::Fonds, Column::Catalogue, Column::Volume];
        let has_all = |columns: &[Column]| columns.iter().all(|&c| layout.index(c).is_some());
        if layout.index(Column::Code).is_none() && !has_all(&group) && !has_all(&volume) {
            return Err(RecordMsg::NoCodeColumn.into());
        }
        Ok(layout)
    }

    /// A layout given column by column, for files whose own headers are not dangan's (AtoM's).
    pub fn mapped(columns: Vec<(String, Option<Column>)>) -> Layout {
        let code_columns =
            CODE_COLUMNS.map(|c| columns.iter().position(|(_, seen)| *seen == Some(c)));
        Layout {
            columns,
            code_columns,
        }
    }

    pub fn index(&self, column: Column) -> Option<usize> {
        self.columns.iter().position(|(_, c)| *c == Some(column))
    }

    pub fn ignored(&self) -> Vec<String> {
        self.columns
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(h, _)| h.clone())
            .collect()
    }

    fn header(&self, column: Column) -> String {
        self.index(column).map_or_else(
            || column.label_zh().to_string(),
            |i| self.columns[i].0.clone(),
        )
    }

    /// Reads one row. `cells[i]` is the text of column `i` (missing trailing cells count as empty).
    /// On failure, every bad cell as (header, message).
    pub fn read_row(&self, cells: &[&str]) -> Result<(NewCode, RecordData), Vec<(String, Msg)>> {
        let cell = |c: Column| {
            let slot = CODE_COLUMNS.iter().position(|&k| k == c);
            let index = slot.and_then(|s| self.code_columns[s]);
            index.and_then(|i| cells.get(i)).map_or("", |s| s.trim())
        };
        let mut problems = Vec::new();
        let mut data = RecordData::default();
        for (index, (header, column)) in self.columns.iter().enumerate() {
            if let Some(Column::Data(field)) = column {
                let value = cells.get(index).copied().unwrap_or("");
                // Absent values keep the defaults, except the title, which is required.
                if (!value.trim().is_empty() || *field == Field::Title)
                    && let Err(e) = data.set(*field, value)
                {
                    problems.push((header.clone(), e.0));
                }
            }
        }
        let code = self.read_code(&cell, &mut problems);
        match code {
            Some(code) if problems.is_empty() => Ok((code, data)),
            _ => Err(problems),
        }
    }

    fn read_code<'c>(
        &self,
        cell: &dyn Fn(Column) -> &'c str,
        problems: &mut Vec<(String, Msg)>,
    ) -> Option<NewCode> {
        let code_text = cell(Column::Code);
        if !code_text.is_empty() {
            let code: ArchivalCode = match code_text.parse() {
                Ok(code) => code,
                Err(e) => {
                    problems.push((self.header(Column::Code), e.msg()));
                    return None;
                }
            };
            self.check_agrees(&code, cell, problems);
            return Some(NewCode::Exact(code));
        }
        let (catalogue, volume) = (cell(Column::Catalogue), cell(Column::Volume));
        if !catalogue.is_empty() || !volume.is_empty() {
            return self.read_volume_code(cell, problems);
        }
        let [fonds, category, year, retention, dept] = [
            Column::Fonds,
            Column::Category,
            Column::Year,
            Column::Retention,
            Column::Dept,
        ]
        .map(cell);
        let needed = [
            fonds,
            year,
            retention,
            if category.is_empty() { dept } else { "-" },
        ];
        if needed.iter().any(|p| p.is_empty()) {
            problems.push((self.header(Column::Code), RecordMsg::CodeEmpty.into()));
            return None;
        }
        let retention = Retention::parse(retention).map_or(retention, |r| r.code());
        let group = match CodeGroup::parts(fonds, category, year, retention, dept) {
            Ok(group) => group,
            Err(e) => {
                // The part's own column, where the file has one.
                let column = match e {
                    CodeError::Fonds(_) => Column::Fonds,
                    CodeError::Category(_) => Column::Category,
                    CodeError::Year(_) => Column::Year,
                    CodeError::Retention(_) => Column::Retention,
                    CodeError::Dept(_) => Column::Dept,
                    CodeError::Catalogue(_) => Column::Catalogue,
                    CodeError::Volume(_) => Column::Volume,
                    CodeError::Item(_) | CodeError::PartCount(_) => Column::Code,
                };
                let column = match self.index(column) {
                    Some(_) => column,
                    None => Column::Code,
                };
                problems.push((self.header(column), e.msg()));
                return None;
            }
        };
        match cell(Column::Item) {
            "" => Some(NewCode::Next(group)),
            item => match format!("{group}-{item}").parse::<ArchivalCode>() {
                Ok(code) => Some(NewCode::Exact(code)),
                Err(e) => {
                    problems.push((self.header(Column::Item), e.msg()));
                    None
                }
            },
        }
    }

    /// The code of an item inside a volume, from 全宗号, 目录号, 案卷号 and 顺序号 columns.
    fn read_volume_code<'c>(
        &self,
        cell: &dyn Fn(Column) -> &'c str,
        problems: &mut Vec<(String, Msg)>,
    ) -> Option<NewCode> {
        let parts = [Column::Fonds, Column::Catalogue, Column::Volume];
        if let Some(&empty) = parts.iter().find(|&&c| cell(c).is_empty()) {
            problems.push((self.header(empty), RecordMsg::CodeEmpty.into()));
            return None;
        }
        let [fonds, catalogue, volume] = parts.map(cell);
        let mut failed = |column: Column, e: CodeError| {
            problems.push((self.header(column), e.msg()));
            None
        };
        let fonds = match CodeGroup::parts(fonds, "", "2000", "Y", "X") {
            Ok(group) => group.fonds,
            Err(e) => return failed(Column::Fonds, e),
        };
        let volume = match VolumeNo::parse(catalogue, volume) {
            Ok(volume) => volume,
            Err(e @ CodeError::Catalogue(_)) => return failed(Column::Catalogue, e),
            Err(e) => return failed(Column::Volume, e),
        };
        let group = CodeGroup::in_volume(&fonds, volume);
        match cell(Column::Item) {
            "" => Some(NewCode::Next(group)),
            item => match format!("{group}-{item}").parse::<ArchivalCode>() {
                Ok(code) => Some(NewCode::Exact(code)),
                Err(e) => failed(Column::Item, e),
            },
        }
    }

    /// Where a file gives both a code and its parts, they must agree: a mismatch is a typo somewhere.
    fn check_agrees<'c>(
        &self,
        code: &ArchivalCode,
        cell: &dyn Fn(Column) -> &'c str,
        problems: &mut Vec<(String, Msg)>,
    ) {
        let g = &code.group;
        let (catalogue, volume) = g
            .volume
            .as_ref()
            .map_or(("", 0), |v| (v.catalogue.as_str(), v.number));
        let in_volume = g.volume.is_some();
        let checks: [(Column, bool); 8] = [
            (
                Column::Fonds,
                fold(cell(Column::Fonds)).eq_ignore_ascii_case(&g.fonds),
            ),
            (
                Column::Category,
                fold(cell(Column::Category)).eq_ignore_ascii_case(&g.category),
            ),
            // An item's year and retention are its volume's, checked when the volume is known.
            (
                Column::Year,
                in_volume || parse_year(&fold(cell(Column::Year))) == Some(g.year),
            ),
            (
                Column::Retention,
                in_volume || Retention::parse(cell(Column::Retention)) == Some(g.retention),
            ),
            (
                Column::Catalogue,
                parse_catalogue(cell(Column::Catalogue)).ok().as_deref() == Some(catalogue),
            ),
            (
                Column::Volume,
                fold(cell(Column::Volume)).parse::<u32>().ok() == Some(volume),
            ),
            (
                Column::Dept,
                fold(cell(Column::Dept)).eq_ignore_ascii_case(&g.dept),
            ),
            (
                Column::Item,
                fold(cell(Column::Item)).parse::<u32>().ok() == Some(code.item),
            ),
        ];
        for (column, agrees) in checks {
            let value = cell(column);
            if !value.is_empty() && !agrees {
                let disagrees = RecordMsg::Disagrees {
                    value: value.to_string(),
                    code: code.to_string(),
                };
                problems.push((self.header(column), disagrees.into()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn chinese_english_and_variant_headers_map_to_the_same_columns() {
        assert_eq!(column_for("档号"), Some(Column::Code));
        assert_eq!(column_for(" Code "), Some(Column::Code));
        assert_eq!(column_for("题名"), Some(Column::Data(Field::Title)));
        assert_eq!(column_for("文件题名"), Some(Column::Data(Field::Title)));
        assert_eq!(column_for("Doc No"), Some(Column::Data(Field::DocNo)));
        assert_eq!(column_for("发文字号"), Some(Column::Data(Field::DocNo)));
        assert_eq!(column_for("机构（问题）代码"), Some(Column::Dept));
        assert_eq!(column_for("序号"), None);
    }

    #[test]
    fn a_layout_needs_a_title_and_a_way_to_a_code() {
        assert!(
            Layout::new(&headers(&["档号", "责任者"]))
                .unwrap_err()
                .to_string()
                .contains("title")
        );
        assert!(
            Layout::new(&headers(&["题名", "全宗号", "年度"]))
                .unwrap_err()
                .to_string()
                .contains("archival code")
        );
        assert!(
            Layout::new(&headers(&["题名", "标题", "档号"]))
                .unwrap_err()
                .to_string()
                .contains("both hold 题名")
        );
        let layout = Layout::new(&headers(&["序号", "档号", "题名"])).unwrap();
        assert_eq!(layout.ignored(), ["序号"]);
    }

    #[test]
    fn a_row_reports_every_bad_cell() {
        let layout = Layout::new(&headers(&["档号", "题名", "日期", "保管期限", "页数"])).unwrap();
        let problems = layout
            .read_row(&["J001-2019-Y-BGS-0001", "", "2019年2月30日", "D30", "x"])
            .unwrap_err();
        let named: Vec<&str> = problems.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(named, ["题名", "日期", "页数", "保管期限"]);
    }

    #[test]
    fn a_row_without_a_code_is_numbered_in_its_group() {
        let layout =
            Layout::new(&headers(&["全宗号", "年度", "保管期限", "机构", "题名"])).unwrap();
        let (code, data) = layout
            .read_row(&["J001", "２０１９", "永久", "bgs", "《通知》"])
            .unwrap();
        assert!(matches!(code, NewCode::Next(ref g) if g.to_string() == "J001-2019-Y-BGS"));
        assert_eq!(data.title, "《通知》");
    }
}
