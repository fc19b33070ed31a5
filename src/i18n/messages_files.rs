//! Messages about files: digital objects and their four checks (四性检测), backups, restores,
//! the workstation's own files.

use super::messages;

messages! {
    FileMsg {
        NoFile => "没有要挂接的文件", "no file to attach";
        IsFolder { path: String } =>
            "{path} 是文件夹：请给出要写的文件名",
            "{path} is a folder: give the name of a file to write";
        IntoArchive { dir: String } =>
            "不写进档案库目录 {dir}：导出、报表和打印请写到档案库以外",
            "nothing is written inside the archive directory {dir}: write exports, reports and prints outside it";
        ChecksFailed { reasons: Vec<super::Msg> } =>
            "四性检测未通过，什么都没有挂接：\n{reasons}",
            "四性检测未通过 (ingest checks failed); nothing was attached:\n{reasons}";
        Integrity { detail: Box<FileMsg> } => "  完整性：{detail}", "  integrity: {detail}";
        Usability { file: String, detail: Box<FileMsg> } => "  可用性：{file}：{detail}", "  usability: {file}: {detail}";
        Security { file: String, detail: Box<FileMsg> } => "  安全性：{file}：{detail}", "  security: {file}: {detail}";
        Authenticity { file: String, stored: String, read: String } =>
            "真实性：{file} 存入后为 {stored}，读入时为 {read}；未挂接",
            "authenticity: {file} was stored as {stored} but read as {read}; not attached";
        Lacks { code: String, missing: String } => "{code} 缺少 {missing}", "{code} lacks {missing}";
        Declared { declared: u64, present: u64, already: u64 } =>
            "移交清单声明 {declared} 个文件，实有 {present} 个（已挂接 {already} 个）",
            "{declared} files declared, {present} present ({already} already attached)";
        NotRegular => "不是普通文件（设备、管道或目录）", "not a regular file (a device, a pipe or a directory)";
        TooLarge { max: u64 } =>
            "超过 {max} 字节的上限（objects.max_mb），已停止读取",
            "larger than the limit of {max} bytes (objects.max_mb); reading stopped there";
        Executable { kind: String } => "可执行程序（{kind}）", "an executable program ({kind})";
        Script { name: String } => "脚本（{name}）", "a script ({name})";
        Package { name: String } => "软件安装包（{name}）", "a software package ({name})";
        RunnableName { extension: String } =>
            "打开即会运行的文件名（.{extension}）",
            "a name that runs when opened (.{extension})";
        NameNotFormat { extension: String, format: String } =>
            "文件名 .{extension} 与其内容（{format}）不符：打开时会被当作别的格式",
            "the name .{extension} does not suit what it holds ({format}): it would open as something else";
        Foreign { name: String, kept: String } =>
            "{name}（按文件签名）不在保存的格式之列：{kept}",
            "{name} (by its signature) is not among the formats kept: {kept}";
        NotIdentified { kept: String } => "无法识别格式（{kept}）", "format not identified ({kept})";
        EndsEarly { format: String, missing: String } =>
            "{format} 不完整（缺少 {missing}）",
            "{format} ends early (no {missing})";
        TextControl { offset: u64 } =>
            "文本在第 {offset} 字节处有控制字符（文本中不该有，解码时可能被丢弃而拼出标签）",
            "text with a control character at byte {offset} (text has none; a decoder may drop it and join a tag)";
        TextDde =>
            "含会启动其他程序的表格公式的文本（DDE，如 `=cmd|…`）",
            "text with a spreadsheet formula that starts another program (DDE, like `=cmd|…`)";
        TiffDirectory => "TIFF 缺少目录", "TIFF directory missing";
        OfficeEndsEarly => "Office 文件不完整", "Office file ends early";
        ZipDirectory => "ZIP 容器的目录无法读取", "ZIP container without a readable directory";
        OfficeMacros => "含宏的 Office 文档", "Office document with macros";
        MarkupScript =>
            "含脚本的标记文件（浏览器会执行的 HTML、SVG 或 XML）",
            "markup with script (HTML, SVG or XML a browser would run)";
        MarkupEvent { name: String } =>
            "含事件脚本的标记文件（{name}=）",
            "markup with an event script ({name}=)";
        MarkupEmbeds { element: String } =>
            "嵌入外部内容的标记文件（<{element}>）",
            "markup that embeds other content (<{element}>)";
        MarkupReaches { what: String } =>
            "指向网络共享或本机程序的标记文件（{what}）",
            "markup that reaches a network share or a program on the reader's machine ({what})";
        MarkupEntities =>
            "自定义实体的标记文件（<!ENTITY>，浏览器会把它展开成内容）",
            "markup that defines its own entities (<!ENTITY>, which a browser expands into content)";
        MarkupStylesheet =>
            "带样式表程序的标记文件（<?xml-stylesheet?>，浏览器会运行它生成页面）",
            "markup with a stylesheet program (<?xml-stylesheet?>, which a browser runs to make the page)";
        OfficeAsText =>
            "以 XML 或 HTML 写成的 Office 文档（无法像 DOCX、XLSX 那样检查；请存为这两种格式）",
            "an Office document written as XML or HTML (it cannot be checked as DOCX or XLSX are; save it as one of those)";
        OfficeActiveX => "含 ActiveX 控件的 Office 文档", "Office document with ActiveX controls";
        OfficeEmbedded { name: String } =>
            "含嵌入对象的 Office 文档（{name}）",
            "Office document with an embedded object ({name})";
        OfficeLinks { kind: String } =>
            "含外部链接的 Office 文档（{kind}：打开时会从别处取来内容）",
            "Office document that links out ({kind}: opening it fetches content from elsewhere)";
        OfficeDde =>
            "含 DDE 字段的 Office 文档（打开时会运行其他程序）",
            "Office document with a DDE field (opening it runs another program)";
        OfficeRuns =>
            "含点击或悬停即运行程序或宏的动作的 Office 文档（`ppaction://program`）",
            "Office document with an action that runs a program or a macro when clicked or hovered (ppaction://program)";
        OfficeComputedField =>
            "含由内层字段拼出代码的字段的 Office 文档（可以拼成 DDE）",
            "Office document with a field whose code is made by a field inside it (it can spell DDE)";
        OfdActive { name: String } =>
            "含主动内容的 OFD（{name}）",
            "OFD with active content ({name})";
        OfficeUnreadable =>
            "无法检查的 Office 文档（其 ZIP 条目无法逐一读出）",
            "Office document that cannot be checked (its ZIP entries cannot be read one by one)";
        OfficeEntries =>
            "Office 文档的 ZIP 条目与其目录不符，无法检查",
            "Office document whose ZIP entries differ from its directory: it cannot be checked";
        PdfActive { name: String } => "含主动内容的 PDF（/{name}）", "PDF with active content (/{name})";
        PdfUnchecked { reason: Box<FileMsg> } => "无法检查的 PDF：{reason}", "PDF that cannot be checked: {reason}";
        PdfFilter { filter: String } =>
            "对象流用 /{filter} 编码，无法检查",
            "an object stream encoded with /{filter} cannot be checked";
        PdfIndirect =>
            "对象流的编码写在另一个对象里，无法检查",
            "an object stream whose encoding is given in another object cannot be checked";
        PdfNetwork { path: String } =>
            "指向网络共享的 PDF（{path}：打开或点击时会把 Windows 凭据交给对方主机）",
            "PDF that points to a network share ({path}: opening or following it hands Windows credentials to that host)";
        PdfHandler { scheme: String } =>
            "含启动脚本或本机程序的链接的 PDF（{scheme}）",
            "PDF with a link that starts a script or a program on the reader's machine ({scheme})";
        PdfInflates { max: u64 } => "对象流解压后超过 {max} MiB", "its object streams inflate past {max} MiB";
        PdfDamaged => "对象流已损坏", "an object stream is damaged";

        NotDirectoryName { path: String } => "{path} 不是目录名", "{path} is not a directory name";
        CopyDiffers { path: String, found: String, recorded: String } =>
            "{path}：SHA-256 为 {found}，档案库记录的是 {recorded}；请运行 `dangan check`",
            "{path}: SHA-256 is {found}, the archive records {recorded}; run `dangan check`";
        ManifestLine { path: String, line: u64 } =>
            "{path} 第 {line} 行：不是“SHA-256  路径”",
            "{path} line {line}: not \"SHA-256  path\"";
        Altered { name: String, found: String, listed: String } =>
            "{name}：已被改动（SHA-256 {found}，清单为 {listed}）",
            "{name}: altered (SHA-256 {found}, manifest {listed})";
        Missing { name: String } => "{name}：缺失", "{name}: missing";
        LinkInBackup { name: String } => "{name}：不是普通文件（链接或设备），不予恢复", "{name}: not a regular file (a link or a device), not restored";
        NotInManifest { name: String } => "{name}：不在清单中", "{name}: not in the manifest";
        ManifestMismatch { dir: String, problems: Vec<super::Msg> } =>
            "{dir} 与其清单不符；什么都没有恢复：\n{problems}",
            "{dir} does not match its manifest; nothing was restored:\n{problems}";
        Workbook { path: String, detail: String } =>
            "{path}：无法作为电子表格读取（{detail}）",
            "{path}: cannot be read as a spreadsheet ({detail})";
        NoSuchSheet { sheet: String, sheets: String } =>
            "没有名为“{sheet}”的工作表；工作簿中有：{sheets}",
            "no sheet named {sheet:?}; the workbook has: {sheets}";
        WhichSheet { sheets: String } =>
            "工作簿中有多个填了内容的工作表（{sheets}）：用 --sheet 名称 选一个",
            "the workbook has several sheets with content ({sheets}): choose one with --sheet NAME";
        NoHome =>
            "找不到主目录；请用 --archive 目录 指定档案库",
            "no home directory found; give the archive with --archive DIR";
        ConfigFile { path: String, detail: Box<super::Msg> } => "{path}：{detail}", "{path}: {detail}";
        ThemeBars { value: String } =>
            "`bars = \"{value}\"` 不可用：写 `auto`、`ascii` 或 `blocks`",
            "bars = \"{value}\" is not known: write auto, ascii or blocks";
        TomlSyntax { line: usize, column: usize, detail: String } =>
            "第 {line} 行第 {column} 列：不是有效的 TOML（{detail}）",
            "line {line}, column {column}: not valid TOML ({detail})";
        NoSuchMode { mode: String, modes: String } =>
            "[{mode}]：没有这个模式（可用：{modes}）",
            "[{mode}]: no such mode (there are {modes})";
        ModeNotTable { mode: String } =>
            "[{mode}] 应是“\"键\" = \"动作\"”的表",
            "[{mode}] must be a table of \"key\" = \"action\"";
        UnknownKeyName { mode: String, key: String } =>
            "[{mode}] “{key}”：不认识的按键",
            "[{mode}] \"{key}\": unknown key";
        NoSuchAction { mode: String, key: String, name: String } =>
            "[{mode}] “{key}”：没有动作“{name}”",
            "[{mode}] \"{key}\": no action \"{name}\"";
        PrintableKey { mode: String, key: String } =>
            "[{mode}] “{key}”：此模式有文本框，可打印的键用来输入文字",
            "[{mode}] \"{key}\": in a mode with a text field, printable keys type text";
        StyleNotTable { role: String } =>
            "{role}：样式应是表，例如 {{ fg = \"red\" }}",
            "{role}: a style is a table such as {{ fg = \"red\" }}";
        NoColour { role: String, key: String, name: String } =>
            "{role}.{key}：没有颜色“{name}”",
            "{role}.{key}: no colour \"{name}\"";
        NoModifier { role: String, name: String } =>
            "{role}.modifiers：没有修饰“{name}”（可用：bold、dim、italic、underlined、reversed）",
            "{role}.modifiers: no modifier \"{name}\" (there are bold, dim, italic, underlined, reversed)";
        UnknownStyleKey { role: String, key: String } =>
            "{role}：不认识的项“{key}”（可用：fg、bg、modifiers）",
            "{role}: unknown key \"{key}\" (there are fg, bg, modifiers)";
        NoTheme { name: String, themes: String } =>
            "没有主题“{name}”（内置：{themes}）",
            "no theme \"{name}\" (built in: {themes})";
        Language { tag: String } => "语言“{tag}”：请用 zh 或 en", "language {tag:?}: use zh or en";
        Signals { detail: String } => "无法接收信号：{detail}", "signals: {detail}";
        WorkerStopped => "档案库工作线程已停止", "the archive worker stopped";
        Draft { detail: String } => "草稿：{detail}", "draft: {detail}";
        NotATerminal =>
            "工作站需要终端；脚本请用命令（`dangan --help`）",
            "the workstation needs a terminal; for scripts use the commands (`dangan --help`)";
        NotDemo { dir: String } =>
            "{dir} 中的档案库不是演示库；`dangan demo` 不会动它",
            "{dir} holds an archive that is not a demo; `dangan demo` will not touch it";
        UnknownEncoding { name: String } =>
            "不认识的编码“{name}”；可试 utf-8、gb18030、utf-16le 或 big5",
            "unknown encoding {name:?}; try utf-8, gb18030, utf-16le or big5";
    }
}
