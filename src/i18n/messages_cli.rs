//! Messages about the command line's own arguments.

use super::messages;
use super::messages_records::Vocabulary;

messages! {
    CliMsg {
        ImportedFrom { file: String, line: u64, at: String } =>
            "导入自 {file} 第 {line} 行，{at}",
            "imported from {file} line {line} at {at}";
        MatchesShown { shown: usize, total: usize } =>
            "共 {total} 条结果，显示 {shown} 条",
            "{shown} of {total} matches";
        Reindexed { count: u64 } => "索引已重建：{count} 份文件", "index rebuilt: {count} records";
        WhoAreYou => "您是谁？请用 --user 用户名 或设置 DANGAN_USER", "who are you? give --user NAME or set DANGAN_USER";
        StdinEmpty =>
            "--password-stdin：标准输入已没有更多行",
            "--password-stdin: standard input has no more lines";
        NoPassword =>
            "没有口令：请用 --password-stdin 或 DANGAN_PASSWORD，或在终端中运行",
            "no password: use --password-stdin or DANGAN_PASSWORD, or run in a terminal";
        FirstAdmin =>
            "请用 --admin 用户名（以及 --password-stdin）给出第一位管理员",
            "give the first admin with --admin NAME (and --password-stdin)";
        StatusUnknown { text: String, choices: Vocabulary } =>
            "--status “{text}”不是以下之一：{choices}",
            "--status {text:?} is not one of {choices}";
        CodeOrGroup =>
            "请给 --code，或给 --fonds、--year、--retention 和 --dept 以自动编号；二者不能同时给",
            "give either --code, or --fonds, --year, --retention and --dept for the next number; not both";
        NeedCode =>
            "文件需要 --code，或 --fonds、--year、--retention 和 --dept 全部给出以自动编号",
            "a record needs --code, or all of --fonds, --year, --retention and --dept to be numbered";
        NeedTitle => "文件需要 --title（题名）", "a record needs --title (题名)";
        NothingToChange =>
            "没有要改的：请给出一个或多个字段参数，如 --title",
            "nothing to change: give one or more field flags, e.g. --title";
        Argument { text: String, problem: Box<super::Msg> } => "“{text}”：{problem}", "{text:?}: {problem}";
        Flag { flag: String, problem: Box<super::Msg> } => "{flag}：{problem}", "{flag}: {problem}";
    }
}

impl CliMsg {
    /// The accepted values of `--status`.
    pub fn status_unknown(text: &str) -> super::Msg {
        CliMsg::StatusUnknown {
            text: text.to_string(),
            choices: Vocabulary::Status,
        }
        .into()
    }
}
