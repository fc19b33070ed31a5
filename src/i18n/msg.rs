//! The messages of errors and commands, in zh-CN and en: the ones every part shares here, and
//! those of each area (records, loans, reconciliation, accounts, files, the command line) in
//! their own enums, each a `Msg` through `From`.

use super::messages;
pub use super::messages_accounts::AccountMsg;
pub use super::messages_appraisal::AppraisalMsg;
pub use super::messages_boxes::BoxMsg;
pub use super::messages_check::CheckMsg;
pub use super::messages_cli::CliMsg;
pub use super::messages_exchange::ExchangeMsg;
pub use super::messages_files::FileMsg;
pub use super::messages_loans::LoanMsg;
pub use super::messages_receive::ReceiveMsg;
pub use super::messages_reconcile::ReconcileMsg;
pub use super::messages_records::RecordMsg;
pub use super::messages_safekeeping::SafekeepingMsg;
pub use super::messages_stats::StatsMsg;
pub use super::messages_suggest::SuggestMsg;
pub use super::messages_volumes::VolumeMsg;

messages! {
    /// A message a person reads: an error, a refusal, a report line.
    Msg {
        Records { m: RecordMsg } => "{m}", "{m}";
        Loans { m: LoanMsg } => "{m}", "{m}";
        Reconcile { m: ReconcileMsg } => "{m}", "{m}";
        Accounts { m: AccountMsg } => "{m}", "{m}";
        Files { m: FileMsg } => "{m}", "{m}";
        Check { m: CheckMsg } => "{m}", "{m}";
        Boxes { m: BoxMsg } => "{m}", "{m}";
        /// Boxed: a receipt's lines carry several counts and names.
        Receive { m: Box<ReceiveMsg> } => "{m}", "{m}";
        /// Boxed, as `Cli` is: a volume's description has many fields.
        Volumes { m: Box<VolumeMsg> } => "{m}", "{m}";
        /// Boxed: what the commands say has many fields, and every error would carry its size.
        Cli { m: Box<CliMsg> } => "{m}", "{m}";
        Exchange { m: Box<ExchangeMsg> } => "{m}", "{m}";
        Appraisal { m: Box<AppraisalMsg> } => "{m}", "{m}";
        Stats { m: Box<StatsMsg> } => "{m}", "{m}";
        Suggest { m: Box<SuggestMsg> } => "{m}", "{m}";
        Safekeeping { m: Box<SafekeepingMsg> } => "{m}", "{m}";
        /// Several messages, one a line.
        Lines { lines: Vec<Msg> } => "{lines}", "{lines}";
        /// Text that is not dangan's to translate (a name, a path), said as it is.
        Verbatim { text: String } => "{text}", "{text}";

        NoSuchRecord { code: String } => "没有档案 {code}", "no record {code}";
        NoArchive { dir: std::path::PathBuf } =>
            "{dir} 没有档案库；用 `dangan init` 新建（或用 `dangan demo` 建演示库）",
            "no archive at {dir}; create one with `dangan init` (or `dangan demo` for a demo archive)";
        ArchiveExists { dir: std::path::PathBuf } =>
            "{dir} 已有档案库；dangan 不会覆盖它",
            "{dir} already holds an archive; dangan will not overwrite it";
        NotEmpty { dir: std::path::PathBuf } =>
            "{dir} 不是空目录；新档案库需要新的或空的目录",
            "{dir} is not empty; a new archive needs an empty or new directory";
        NewerSchema { found: i64, known: i64 } =>
            "此档案库由更新版本的 dangan 写成（结构版本 {found}）；本版本只能读到 {known}",
            "this archive was written by a newer dangan (schema {found}); this one reads up to schema {known}";
        CheckFailed { problems: super::Count } =>
            "检查发现 {problems}，详见上面的报告",
            "the check found {problems}; see the report above";
        DiskFull =>
            "磁盘已满（或已达文件大小上限）；什么都没有保存",
            "the disk is full (or the file size limit was reached); nothing was saved";
        ReadOnlyArchive =>
            "此处的档案库是只读的（数据库文件不能写）；什么都没有保存",
            "the archive is read-only here (its database file cannot be written); nothing was saved";
        WriteFailed { detail: String } =>
            "无法写入档案库（磁盘已满、文件大小上限或读写错误：{detail}）；什么都没有保存",
            "could not write the archive (disk full, file size limit or I/O error: {detail}); nothing was saved";
        DatabaseDamaged { detail: String } =>
            "档案库的数据库已损坏（{detail}）；请运行 `dangan check`，并从备份恢复",
            "the archive's database is damaged ({detail}); run `dangan check`, and restore from a backup";
        DatabaseError { detail: String } => "数据库错误：{detail}", "database error: {detail}";
        IoNotFound { path: String } => "{path}：没有这个文件或目录", "{path}: No such file or directory";
        IoPermission { path: String } => "{path}：没有权限（Permission denied）", "{path}: Permission denied";
        IoExists { path: String } => "{path}：已经存在", "{path}: already exists";
        IoFull { path: String } => "{path}：磁盘已满或超出文件大小上限", "{path}: the disk is full or the file is too large";
        IoOther { path: String, detail: String } => "{path}：读写失败（{detail}）", "{path}: {detail}";
        Internal { detail: String } =>
            "dangan 内部错误（请报告）：{detail}",
            "internal error in dangan (please report it): {detail}";
    }
}

impl super::Arg for Vec<Msg> {
    fn arg(&self, lang: super::Lang) -> String {
        self.iter()
            .map(|m| m.text(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Messages in a run, as a list in a sentence: 、 between them in Chinese, commas in English.
#[derive(Debug, Clone, PartialEq)]
pub struct List(pub Vec<Msg>);

impl super::Arg for List {
    fn arg(&self, lang: super::Lang) -> String {
        let separator = match lang {
            super::Lang::Zh => "、",
            super::Lang::En => ", ",
        };
        self.0
            .iter()
            .map(|m| m.text(lang))
            .collect::<Vec<_>>()
            .join(separator)
    }
}

macro_rules! area {
    ($($area:ident => $variant:ident),*) => {
        $(impl From<$area> for Msg {
            fn from(m: $area) -> Msg {
                Msg::$variant { m }
            }
        })*
    };
}
area!(RecordMsg => Records, LoanMsg => Loans, ReconcileMsg => Reconcile,
      AccountMsg => Accounts, FileMsg => Files, CheckMsg => Check, BoxMsg => Boxes);

impl From<ReceiveMsg> for Msg {
    fn from(m: ReceiveMsg) -> Msg {
        Msg::Receive { m: Box::new(m) }
    }
}

impl From<ExchangeMsg> for Msg {
    fn from(m: ExchangeMsg) -> Msg {
        Msg::Exchange { m: Box::new(m) }
    }
}

impl From<AppraisalMsg> for Msg {
    fn from(m: AppraisalMsg) -> Msg {
        Msg::Appraisal { m: Box::new(m) }
    }
}

impl From<StatsMsg> for Msg {
    fn from(m: StatsMsg) -> Msg {
        Msg::Stats { m: Box::new(m) }
    }
}

impl From<SuggestMsg> for Msg {
    fn from(m: SuggestMsg) -> Msg {
        Msg::Suggest { m: Box::new(m) }
    }
}

impl From<SafekeepingMsg> for Msg {
    fn from(m: SafekeepingMsg) -> Msg {
        Msg::Safekeeping { m: Box::new(m) }
    }
}

impl From<CliMsg> for Msg {
    fn from(m: CliMsg) -> Msg {
        Msg::Cli { m: Box::new(m) }
    }
}

impl From<VolumeMsg> for Msg {
    fn from(m: VolumeMsg) -> Msg {
        Msg::Volumes { m: Box::new(m) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

    #[test]
    fn every_message_has_both_languages_and_no_english_in_chinese() {
        let tables = [
            Msg::templates(),
            RecordMsg::templates(),
            LoanMsg::templates(),
            ReconcileMsg::templates(),
            AccountMsg::templates(),
            FileMsg::templates(),
            CliMsg::templates(),
            CheckMsg::templates(),
            BoxMsg::templates(),
            VolumeMsg::templates(),
            ReceiveMsg::templates(),
            ExchangeMsg::templates(),
            AppraisalMsg::templates(),
            StatsMsg::templates(),
            SuggestMsg::templates(),
            SafekeepingMsg::templates(),
        ];
        for (zh, en) in tables.iter().flat_map(|t| t.iter()) {
            assert!(!zh.is_empty() && !en.is_empty());
            // Chinese text with no Chinese in it is English left untranslated; placeholders,
            // codes, commands and flags excepted.
            let plain: String = zh
                .split(['{', '}', '`'])
                .enumerate()
                .filter(|(i, _)| i % 2 == 0)
                .map(|(_, s)| s)
                .collect();
            let has_chinese = plain
                .chars()
                .any(|c| c.width_cjk() == Some(2) && c > '\u{2E80}');
            // Flags (--password-stdin) and settings (auth.max_failures) are what is typed.
            let words: String = plain
                .split_whitespace()
                .filter(|w| !w.contains("--") && !w.contains('.') && !w.contains('_'))
                .collect::<Vec<_>>()
                .join(" ");
            let english_words = words
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase()))
                .count();
            assert!(
                has_chinese || plain.trim().is_empty() || zh == en,
                "untranslated: {zh}"
            );
            assert!(english_words <= 1 || zh == en, "English words in zh: {zh}");
            assert!(zh.width() > 0);
        }
    }
}
