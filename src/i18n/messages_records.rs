//! Messages about records: fonds, codes, dates, fields, imports and exports.

use super::messages;
use crate::domain::{Classification, Field};

/// A controlled vocabulary, whose accepted values a message lists in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    Retention,
    Classification,
    Carrier,
    Status,
    Role,
    LoanKind,
    Openness,
    Verdict,
    AppraisalKind,
}

impl super::Arg for Vocabulary {
    fn arg(&self, lang: super::Lang) -> String {
        use crate::domain::{
            AppraisalKind, Carrier, LoanKind, Openness, Retention, Role, Status, Verdict,
        };
        macro_rules! labels {
            ($t:ty) => {
                <$t>::ALL
                    .iter()
                    .map(|v| match lang {
                        super::Lang::Zh => v.label_zh(),
                        super::Lang::En => v.label_en(),
                    })
                    .collect::<Vec<_>>()
            };
        }
        let labels = match self {
            Vocabulary::Retention => labels!(Retention),
            Vocabulary::Classification => labels!(Classification),
            Vocabulary::Carrier => labels!(Carrier),
            Vocabulary::Status => labels!(Status),
            Vocabulary::Role => labels!(Role),
            Vocabulary::LoanKind => labels!(LoanKind),
            Vocabulary::Openness => labels!(Openness),
            Vocabulary::Verdict => labels!(Verdict),
            Vocabulary::AppraisalKind => labels!(AppraisalKind),
        };
        labels.join(match lang {
            super::Lang::Zh => "、",
            super::Lang::En => ", ",
        })
    }
}

impl super::Arg for Field {
    fn arg(&self, lang: super::Lang) -> String {
        match lang {
            super::Lang::Zh => self.label_zh().to_string(),
            super::Lang::En => self.key().to_string(),
        }
    }
}

messages! {
    RecordMsg {
        FondsCode { code: String } =>
            "全宗号“{code}”应为 1–10 个字母或数字",
            "fonds code {code:?} must be 1–10 letters or digits";
        FondsNameMissing => "全宗需要一个名称（一行）", "a fonds needs a name on one line";
        FondsName { problem: Box<RecordMsg> } => "全宗名称{problem}", "the fonds name {problem}";
        FondsExists { code: String } => "全宗 {code} 已经登记", "fonds {code} already exists";
        OtherScheme { group: String, fonds: String, example: String } =>
            "{group}：全宗 {fonds} 的新档案按它的档号规则编写，如 {example}（规则可用 `dangan fonds scheme` 更改）",
            "{group}: new records of fonds {fonds} are coded in its scheme, e.g. {example} (change it with `dangan fonds scheme`)";
        CategoryScheme { category: String } =>
            "门类“{category}”可单独编为 dat22 或 dat22-no-dept（门类须为字母或数字，如 KJ）",
            "a 门类 ({category:?}) takes dat22 or dat22-no-dept of its own (a code of letters or digits, e.g. KJ)";
        TooManyForXlsx { rows: u64 } =>
            "{rows} 件超出 Excel 一张工作表的行数（1048575）：请用 --format csv 导出，或按全宗、年度分开导出",
            "{rows} records are more than an Excel sheet holds (1,048,575): export as --format csv, or by fonds and year";
        NothingToPrint { fonds: String, year: u16 } =>
            "全宗 {fonds} 的 {year} 年度没有你可见的档案，没有可打印的目录",
            "fonds {fonds} has no records for {year} that you may see: no catalogue to print";
        UnknownFonds { fonds: String } =>
            "全宗 {fonds} 尚未登记；先用 `dangan fonds add {fonds} 名称` 登记",
            "fonds {fonds} is not registered; add it first with `dangan fonds add {fonds} NAME`";
        Taken { code: String } =>
            "档号 {code} 已被占用（占用它的文件未必在您的密级之内）；不给档号则自动取下一个空号",
            "archival code {code} is taken (by a record you may or may not be cleared to see); numbering without a code gives the next free one";
        AlsoOnLine { code: String, line: u64 } =>
            "档号 {code} 在第 {line} 行也有",
            "archival code {code} is also on line {line}";
        TitleRequired => "文件需要题名", "a record needs a title (题名)";
        FieldProblem { field: Field, problem: Box<RecordMsg> } => "{field}：{problem}", "{field}: {problem}";
        LineBreak => "含有换行，此处不允许", "contains a line break, which is not allowed here";
        ControlCharacter { code: String } =>
            "含有控制字符 {code}，此处不允许",
            "contains the control character {code}, which is not allowed here";
        BidiControl { code: String } =>
            "含有双向控制字符 {code}，会使文字显示顺序错乱",
            "contains the bidirectional control {code}, which would make it display out of order";
        Undecodable =>
            "含有无法解码的字节（U+FFFD）；文件的编码对吗？",
            "contains undecodable bytes (U+FFFD); is the file's encoding right?";
        TooLong { max: u64 } => "超过 {max} 个字", "is longer than {max} characters";
        StatusByLoan =>
            "「借出」和「遗失」由借阅登记设定（`dangan loan out`、`dangan loan lost`）",
            "借出 (on loan) and 遗失 (lost) are set by the loan register (dangan loan out / lost)";
        NotOneOf { value: String, choices: Vocabulary } =>
            "“{value}”不是以下之一：{choices}",
            "{value:?} is not one of {choices}";
        NotPages { value: String } => "“{value}”不是页数（应为整数）", "{value:?} is not a page count (a whole number)";
        AboveClearance { class: Classification, clearance: Classification } =>
            "{class}高于您的密级（{clearance}）",
            "{class} is above your clearance ({clearance})";

        DateShape { input: String } =>
            "“{input}”不是日期（应如 20190312、2019-03-12、2019年3月12日、2019年3月、2019）",
            "{input:?} is not a date (expected e.g. 20190312, 2019-03-12, 2019年3月12日, 2019年3月, 2019)";
        DateCharacter { input: String, character: String } =>
            "“{input}”含有意外的字符“{character}”",
            "{input:?} has an unexpected character '{character}'";
        DateYear { input: String, year: u64 } =>
            "“{input}”：年份 {year} 超出范围（1000–2999）",
            "{input:?}: year {year} is out of range (1000–2999)";
        DateMonth { input: String, month: u64 } =>
            "“{input}”：没有 {month} 月",
            "{input:?}: there is no month {month}";
        DateDay { input: String, year: u64, month: u64, day: u64 } =>
            "“{input}”：{year}年{month}月没有 {day} 日",
            "{input:?}: {year}-{month:0>2} has no day {day}";
        DateDayWithoutMonth { input: String } =>
            "“{input}”：给了日却不知道月",
            "{input:?}: a day is given but the month is unknown";

        CodeParts { found: u64 } =>
            "档号应为 全宗号-门类·年度-保管期限-机构-件号（如 Z109-WS·2011-Y-BGS-0001，机构可省）、全宗号-年度-保管期限-机构-件号（如 J001-2019-Y-BGS-0001）或卷内文件的 全宗号-目录号-案卷号-顺序号（如 J007-001-012-0005），此处有 {found} 部分",
            "an archival code is 全宗号-门类·年度-保管期限-机构-件号 (e.g. Z109-WS·2011-Y-BGS-0001, 机构 optional), 全宗号-年度-保管期限-机构-件号 (e.g. J001-2019-Y-BGS-0001) or, inside a volume, 全宗号-目录号-案卷号-顺序号 (e.g. J007-001-012-0005); found {found} parts";
        CodeCategory { text: String } =>
            "档案门类代码“{text}”应为 1–10 个字母或数字（如 WS 文书）",
            "archival category code (门类) {text:?} must be 1–10 letters or digits (e.g. WS for 文书)";
        CodeFonds { text: String } => "全宗号“{text}”应为 1–10 个字母或数字", "fonds code (全宗号) {text:?} must be 1–10 letters or digits";
        CodeYear { text: String } => "年度“{text}”应为 1000 到 2999 之间的四位数", "year (年度) {text:?} must be four digits between 1000 and 2999";
        CodeRetention { text: String } => "保管期限“{text}”应为 Y、D30、D10（或旧的 C、D）", "retention (保管期限) {text:?} must be Y, D30, D10 (or legacy C, D)";
        DeptRequired => "须填机构（问题）代码", "the department (机构/问题) code is required";
        CodeDept { text: String } => "机构（问题）代码“{text}”应为 1–10 个字母或数字", "department (机构/问题) code {text:?} must be 1–10 letters or digits";
        CodeItem { text: String } => "件号“{text}”应为 1 到 999999 的数字", "item number (件号) {text:?} must be a number from 1 to 999999";
        CodeCatalogue { text: String } => "目录号“{text}”应为 1–10 个字母或数字（不为 0）", "catalogue number (目录号) {text:?} must be 1–10 letters or digits, not 0";
        CodeVolume { text: String } => "案卷号“{text}”应为 1 到 99999 的数字", "volume number (案卷号) {text:?} must be a number from 1 to 99999";

        ColumnsRepeat { first: String, second: String, holds: String } =>
            "“{first}”和“{second}”两列都是{holds}",
            "columns {first:?} and {second:?} both hold {holds}";
        NoTitleColumn => "没有题名列（题名 / title）", "no title column (题名 / title)";
        NoCodeColumn =>
            "没有档号列（档号 / code），也没有全宗号、年度、保管期限和机构全部各列",
            "no archival code column (档号 / code), nor all of 全宗号, 年度, 保管期限 and 机构";
        CodeEmpty =>
            "为空；请给出档号，或全宗号、年度、保管期限和机构",
            "is empty; give an archival code, or 全宗号, 年度, 保管期限 and 机构";
        Disagrees { value: String, code: String } =>
            "“{value}”与档号 {code} 不符",
            "{value:?} disagrees with the archival code {code}";
        FieldCount { found: super::Count, header: u64 } =>
            "有 {found}，但表头有 {header} 个",
            "has {found} but the header has {header}";
        RunawayQuote { line: u64 } =>
            "此行开始的引号（\"）一直延续到第 {line} 行",
            "a quote (\") opened on this line runs on to line {line}";
        MalformedCsv { detail: String } => "CSV 格式有误：{detail}", "malformed CSV: {detail}";
        EmptyFile => "文件是空的：没有表头行", "the file is empty: there is no header line";
        NotJsonObject { detail: String } => "不是 JSON 对象：{detail}", "not a JSON object: {detail}";
        JsonCell => "应为字符串、数字或 null", "must be a string, a number or null";
        ReadLine { line: u64, detail: String } => "第 {line} 行：{detail}", "line {line}: {detail}";
        ImportLine { file: String, line: u64, column: String, problem: Box<RecordMsg> } =>
            "{file}:{line}: {column}: {problem}",
            "{file}:{line}: {column}: {problem}";
        ImportMore { more: u64 } => "……另有 {more} 处错误未列出", "… and {more} more errors not listed";
        ImportRefused { file: String, total: super::Count } =>
            "{file}：共 {total}；什么都没有导入",
            "{file}: {total}; nothing was imported";
        Conflict { code: String, by: String, at: String, current: u64, base: u64 } =>
            "{code} 在您编辑第 {base} 版时已被 {by} 于 {at} 改为第 {current} 版；什么都没有保存",
            "{code} was changed by {by} at {at} (version {current}) while you edited version {base}; nothing was saved";
        ConflictField { field: Field, yours: String, theirs: String } =>
            "  {field}：您的“{yours}” · 对方的“{theirs}”",
            "  {field}: yours {yours:?} · theirs {theirs:?}";
        Theirs { value: String } => "对方已存为：{value}", "theirs: {value}";
        WritingCsv { detail: String } => "写 CSV 时出错：{detail}", "writing CSV: {detail}";
        Joined { first: Box<super::Msg>, second: Box<super::Msg> } => "{first}：{second}", "{first}: {second}";
        /// A refusal from elsewhere (a date, a code) as one line of a file's report.
        Nested { m: Box<super::Msg> } => "{m}", "{m}";
        NothingToSearch =>
            "检索词里只有标点，没有可检索的字词或条件",
            "the query is only punctuation: there is nothing to search for";
        DidYouMean { query: String } => "您是不是要找：{query}", "did you mean: {query}";
    }
}
