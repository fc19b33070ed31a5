//! Messages about the command line's own arguments.

use super::messages;
use super::messages_records::Vocabulary;

messages! {
    CliMsg {
        ScopeCounts { lines: u64, agrees: u64, differs: u64, paper_only: u64, duplicate: u64,
                      digital_only: u64, resolved: u64, open: u64 } =>
            "纸质 {lines} 行  一致 {agrees}  不一致 {differs}  仅纸质 {paper_only}  重复 {duplicate}  仅电子 {digital_only}  已处理 {resolved}  待处理 {open}",
            "lines {lines}  agrees {agrees}  differs {differs}  paper_only {paper_only}  duplicate {duplicate}  digital_only {digital_only}  resolved {resolved}  open {open}";
        CertifiedBy { at: String, by: String } => "  已由 {by} 于 {at} 认证单轨", "  certified {at} by {by}";
        AccountDisabled => "已停用", "disabled";
        LockedUntil { until: String } => "锁定至 {until}", "locked until {until}";
        BackupWritten { dest: String, records: u64, objects: usize, files: usize, bytes: u64, manifest: String } =>
            "备份已写到 {dest}：{records} 份文件、{objects} 个数字对象、{files} 个文件、{bytes} 字节；在该目录中用 `sha256sum -c {manifest}` 核验",
            "backup written to {dest}: {records} records, {objects} digital objects, {files} files, {bytes} bytes; verify with `sha256sum -c {manifest}` in that directory";
        BackupHead { head: String, dest: String } =>
            "审计链头 {head}：`dangan audit verify --against {dest}` 核对档案库的审计记录是否仍包含它",
            "audit head {head}: `dangan audit verify --against {dest}` checks the archive's trail still holds it";
        Restored { files: usize, src: String, dest: String } =>
            "已从 {src} 恢复 {files} 个文件到 {dest}，索引已重建。恢复后的档案库检查如下：",
            "restored {files} files from {src} into {dest}; the index was rebuilt. Check of the restored archive:";
        DemoReady { dir: String, records: u64, seed: u64, seconds: String } =>
            "演示档案库：{dir}（{records} 份文件，种子 {seed}，{seconds} 秒就绪）",
            "demo archive: {dir} ({records} records, seed {seed}, ready in {seconds} s)";
        FondsLine { code: String, name: String, records: u64 } =>
            "  {code}  {name}  {records} 份", "  {code}  {name}  {records} records";
        DemoUsers => "\n用户（口令）：", "\nusers (password):";
        DemoUser { name: String, display: String, role: String, clearance: String, password: String } =>
            "  {name}  {display}  {role}  可阅至{clearance}  （{password}）",
            "  {name}  {display}  {role}  cleared to {clearance}  ({password})";
        DemoNext { program: String } =>
            "\n在终端中用 `{program} demo` 打开工作站；或以档案员身份：",
            "\nopen the workstation in a terminal with `{program} demo`; or, as the archivist:";
        UserAdded { name: String, role: String, clearance: String } =>
            "已添加用户 {name}（{role}，可阅至{clearance}）",
            "added user {name} ({role}, cleared to {clearance})";
        PasswordChanged { name: String } => "{name} 的口令已更改", "password of {name} changed";
        Disabled { name: String } => "{name} 已不能登录", "{name} can no longer log in";
        Enabled { name: String } => "{name} 又可以登录了", "{name} can log in again";
        RoleChanged { name: String, role: String, clearance: String } =>
            "{name} 现为{role}，可阅至{clearance}",
            "{name} is now {role}, cleared to {clearance}";
        AuditIntact { entries: u64 } => "审计记录完好：{entries} 条", "audit trail intact: {entries} entries";
        AuditIntactLast { entries: u64, at: String } =>
            "审计记录完好：{entries} 条，最后一条记于 {at}",
            "audit trail intact: {entries} entries, the last at {at}";
        AnchorsHeld { anchors: usize } => "包含所给的 {anchors} 个锚点", "holds the {anchors} anchor(s) given";
        AuditHead { head: String } =>
            "链头 {head}（请另处保存；`audit verify --head {head}` 据此核对）",
            "head {head} (keep it elsewhere; `audit verify --head {head}` checks against it)";
        Numbered { n: u64 } => "，其中 {n} 份按顺序编了件号", ", {n} given the next item number";
        DryRun { file: String, rows: u64, numbered: String } =>
            "{file}：已检查 {rows} 份文件{numbered}，全部无误（试运行：什么都没有写入）",
            "{file}: {rows} records checked{numbered}, all good (dry run: nothing written)";
        Imported { file: String, rows: u64, numbered: String } =>
            "{file}：已导入 {rows} 份文件{numbered}",
            "{file}: imported {rows} records{numbered}";
        ReadAs { encoding: String } => "  按 {encoding} 编码读取", "  read as {encoding}";
        IgnoredColumns { columns: String } => "  未使用的列：{columns}", "  ignored columns: {columns}";
        Exported { count: u64, path: String } => "已导出 {count} 份文件到 {path}", "exported {count} records to {path}";
        LentTo { code: String, name: String, due: String } =>
            "已借出 {code} 给 {name}（应还 {due}）",
            "lent {code} to {name} (due {due})";
        RenewedFor { code: String, name: String, due: String, times: u32 } =>
            "已续借 {code}（{name}，第 {times} 次，应还 {due}）",
            "renewed (×{times}) {code} to {name} (due {due})";
        RequestedLoan { code: String, id: i64 } =>
            "已申请借阅 {code}（申请号 {id}）；由档案员用 `dangan loan out` 借出",
            "requested {code} (request {id}); an archivist lends it with `dangan loan out`";
        ReturnedFrom { code: String, name: String } => "已归还 {code}（借阅人 {name}）", "returned {code} from {name}";
        LostFrom { code: String, name: String } =>
            "{code} 已登记遗失（借给了 {name}）",
            "{code} marked lost (was lent to {name})";
        LoansCount { n: usize } => "共 {n} 条借阅", "{n} loans";
        LoansBetween { n: usize, from: String, to: String } =>
            "{from} 至 {to} 共 {n} 条借阅",
            "{n} loans from {from} to {to}";
        NoRegisters =>
            "还没有台账；用 `dangan reconcile import FILE --scope J001/2019` 导入一份",
            "no registers yet; bring one in with `dangan reconcile import FILE --scope J001/2019`";
        FourChecks { files: usize } =>
            "四性检测通过（真实性、完整性、可用性、安全性）：{files} 个文件",
            "four checks passed (authenticity, integrity, usability, security): {files} file(s)";
        RecordAdded { code: String, title: String } => "已添加 {code}  {title}", "added {code}  {title}";
        Page { page: u64, pages: u64, total: u64, shown: String } =>
            "第 {page}/{pages} 页，共 {total} 份，{shown}",
            "page {page} of {pages} · {total} records · {shown}";
        NoneShown => "本页没有", "none shown";
        NoChange { code: String } => "{code}：没有改动", "{code}: no change";
        Changed { code: String, fields: String, version: u32 } =>
            "{code}：已修改 {fields}（现为第 {version} 版）",
            "{code}: changed {fields} (now version {version})";
        FondsAdded { code: String, name: String, example: String } =>
            "已登记全宗 {code} {name}；新档案的档号形如 {example}",
            "registered fonds {code} {name}; its new records are coded like {example}";
        FondsScheme { code: String, example: String } =>
            "全宗 {code} 的新档案今后编为形如 {example} 的档号；已有档案的档号不变",
            "new records of fonds {code} are now coded like {example}; its records keep their codes";
        FondsListed { code: String, name: String, records: u64, example: String } =>
            "{code}  {name}  {records} 份  档号形如 {example}",
            "{code}  {name}  {records} records  coded like {example}";
        UnknownScheme { text: String, known: String } =>
            "档号规则“{text}”：请用 {known} 之一",
            "code scheme {text:?}: use one of {known}";
        PrintedRegister { count: u64, path: String } =>
            "已写出出入库登记（{count} 条）到 {path}",
            "wrote the stack register ({count} entries) to {path}";
        PrintedBoxes { count: u64, path: String } =>
            "已把 {count} 盒的盒封面、盒脊和备考表写入 {path}",
            "wrote the covers, spine labels and 备考表 of {count} boxes to {path}";
        Printed { count: u64, path: String } =>
            "已把 {count} 件写入 {path}",
            "wrote {count} records to {path}";
        Checking { step: String } => "正在检查 {step}…", "checking {step}…";
        CreatedArchive { dir: String, admin: String } =>
            "已在 {dir} 新建档案库，管理员 {admin}",
            "created an archive in {dir} with admin {admin}";
        NextSteps =>
            "下一步：`dangan fonds add J001 全宗名称`，然后 `dangan add` 或 `dangan import records 文件`",
            "next: `dangan fonds add J001 NAME`, then `dangan add` or `dangan import records FILE`";
        UsingDemo { dir: String } => "使用 {dir} 中已有的演示档案库", "using the demo archive already in {dir}";
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
            "请给 --code，或给 --fonds、--year、--retention 和 --dept（DA/T 22 全宗加 --category）以自动编号，或给 --volume 放入案卷；只能给其中一种",
            "give either --code, or --fonds, --year, --retention and --dept (and --category in a DA/T 22 fonds) for the next number, or --volume to put it in a volume; only one of these";
        NeedCode =>
            "档案需要 --code，或 --fonds、--year、--retention 和 --dept（DA/T 22 全宗为 --category，机构可省）全部给出以自动编号，或 --volume 放入案卷",
            "a record needs --code, or all of --fonds, --year, --retention and --dept (in a DA/T 22 fonds --category, 机构 optional) to be numbered, or --volume to go into a volume";
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
