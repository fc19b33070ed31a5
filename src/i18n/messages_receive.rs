//! Messages about receiving transfer packages (接收): the package's tag files, the four checks at
//! receipt, the transfer register and the receipt (回执).

use super::messages;

impl ReceiveMsg {
    /// What a transfer came to, as a register's list names it.
    pub fn outcome(accepted: bool) -> ReceiveMsg {
        if accepted {
            ReceiveMsg::OutcomeAccepted
        } else {
            ReceiveMsg::OutcomeRefused
        }
    }
}

messages! {
    ReceiveMsg {
        Declaration =>
            "应为 BagIt-Version: 1.0 与 Tag-File-Character-Encoding: UTF-8",
            "should be BagIt-Version: 1.0 and Tag-File-Character-Encoding: UTF-8";
        InfoLine => "不是「标签: 值」的一行", "not a `Label: value` line";
        ManifestLine =>
            "应为「64 位十六进制 SHA-256、空格、data/ 下的路径」",
            "should be a 64-digit hexadecimal SHA-256, a space and a path under data/";
        UnsafePath { path: String } =>
            "路径「{path}」不安全（绝对路径、..、控制字符或不在 data/ 下）",
            "the path \"{path}\" is unsafe (absolute, .., control characters, or outside data/)";
        ListedTwice { path: String, first: u64 } =>
            "{path} 已在第 {first} 行列出",
            "{path} is already listed on line {first}";
        AtLine { file: String, line: u64, what: Box<ReceiveMsg> } =>
            "{file} 第 {line} 行：{what}", "{file}:{line}: {what}";
        InColumn { column: String, problem: Box<super::Msg> } => "{column}：{problem}", "{column}: {problem}";
        NotAPackage { missing: String } =>
            "不是移交包：缺少 {missing}（移交包的格式见 README「移交包」一节）",
            "not a transfer package: {missing} is missing (the package format is in the README, “Transfer packages”)";
        NotInManifest =>
            "在包里，但 manifest-sha256.txt 没有列出",
            "in the package but not in manifest-sha256.txt";
        MissingFile { path: String } =>
            "{path} 列在 manifest-sha256.txt 中，包里却没有",
            "{path} is listed in manifest-sha256.txt but not in the package";
        HashDiffers { listed: String, read: String } =>
            "SHA-256 为 {read}，manifest-sha256.txt 写的是 {listed}：文件已被改动或损坏",
            "SHA-256 is {read}, manifest-sha256.txt says {listed}: the file was changed or damaged";
        Oxum { declared: String, found: String } =>
            "Payload-Oxum 声明 {declared}（字节数.文件数），实有 {found}",
            "Payload-Oxum declares {declared} (bytes.files), the package holds {found}";
        NoRecordCount =>
            "bag-info.txt 没有声明 Record-Count（件数）",
            "bag-info.txt declares no Record-Count (the number of records)";
        RecordCount { declared: String, found: u64 } =>
            "bag-info.txt 声明 Record-Count {declared} 件，移交清单有 {found} 件",
            "bag-info.txt declares Record-Count {declared}, the transfer list holds {found}";
        OtherSource { declared: String, given: String } =>
            "包声明来自「{declared}」（Source-Organization），但 --from 为「{given}」",
            "the package says it is from \"{declared}\" (Source-Organization), but --from is \"{given}\"";
        NoRecords => "移交清单中没有档案", "the transfer list holds no records";
        NoList =>
            "data/ 中没有移交清单（移交清单.csv、.xlsx 或 .jsonl）",
            "data/ holds no transfer list (移交清单.csv, .xlsx or .jsonl)";
        SeveralLists { names: String } =>
            "data/ 中有多份移交清单：{names}",
            "data/ holds several transfer lists: {names}";
        FileNotInPackage { file: String } =>
            "文件 {file} 不在包的 data/ 中",
            "the file {file} is not in the package's data/";
        FileNotListed =>
            "在包里，但移交清单没有哪一件列出它",
            "in the package, but no record of the transfer list names it";
        FileNamedTwice { file: String, first: u64 } =>
            "文件 {file} 已由第 {first} 行列出",
            "the file {file} is already named on line {first}";
        ItemGap { group: String, missing: String } =>
            "{group} 的件号不连续：缺 {missing}",
            "the item numbers of {group} have a gap: {missing} missing";
        NotRegular { path: String } =>
            "{path} 不是普通文件（符号链接、设备或管道），拒收",
            "{path} is not a regular file (a link, a device or a pipe); refused";
        ZipUnsafeName { name: String } =>
            "压缩包中的「{name}」会写到包外（..、绝对路径或符号链接），拒收",
            "\"{name}\" in the zip would be written outside the package (.., an absolute path or a link); refused";
        ZipTooLarge { max: u64 } =>
            "解压后超过 {max} 字节的上限（receive.max_mb），已停止解压",
            "the zip inflates past the limit of {max} bytes (receive.max_mb); inflating stopped";
        ZipTooMany { max: u64 } =>
            "压缩包里的条目超过 {max} 个，拒收",
            "the zip holds more than {max} entries; refused";
        ZipTwice =>
            "压缩包中有同名的条目：不同的软件会解出不同的文件，拒收",
            "the zip holds two entries of the same name: different tools would unpack different files; refused";
        ZipNamedOtherwise { name: String } =>
            "压缩包中的「{name}」在本地文件头中另有名称：不同的软件会解出不同的文件，拒收",
            "\"{name}\" in the zip has another name in its local header: different tools would unpack different files; refused";
        ZipBadName { name: String } =>
            "压缩包中的「{name}」名称含控制字符，拒收",
            "\"{name}\" in the zip has control characters in its name; refused";
        ZipEncrypted { name: String } =>
            "压缩包中的「{name}」已加密，无法检查，拒收",
            "\"{name}\" in the zip is encrypted and cannot be checked; refused";
        ZipBroken { detail: String } =>
            "压缩包已损坏或不是 zip：{detail}",
            "the zip is damaged or not a zip: {detail}";
        Authenticity => "真实性", "authenticity";
        Integrity => "完整性", "integrity";
        Usability => "可用性", "usability";
        Security => "安全性", "security";
        Description => "著录", "description";
        Refusal { check: Box<ReceiveMsg>, place: String, reason: Box<super::Msg> } =>
            "  {check}｜{place}：{reason}", "  {check} | {place}: {reason}";
        AlreadyReceived { id: i64, at: String, by: String } =>
            "此包已于 {at} 由 {by} 接收，为第 {id} 号移交；这次没有重复接收",
            "this package was received at {at} by {by} as transfer {id}; nothing was received twice";
        AlreadyReceivedUnseen =>
            "此包已经接收过；这次没有重复接收",
            "this package was received before; nothing was received twice";
        Refused { id: i64, reasons: super::Count } =>
            "第 {id} 号移交被拒收（原因 {reasons}，见回执）；档案库中什么都没有写入",
            "transfer {id} refused ({reasons}, see the receipt); nothing was written to the archive";
        ReceiptTitle { id: i64 } => "移交回执　第 {id} 号", "Receipt for transfer {id}";
        ReceiptFrom { from: String } => "移交单位：{from}", "From: {from}";
        ReceiptWhen { at: String, by: String } => "接收时间：{at}　接收人：{by}", "Received: {at} by {by}";
        ReceiptPackage { name: String } => "移交包：{name}", "Package: {name}";
        ReceiptHash { hash: String } => "SHA-256：{hash}", "SHA-256: {hash}";
        ReceiptAccepted { records: super::Count, files: super::Count, bytes: super::Count } =>
            "结论：接收。档案 {records}，文件 {files}，共 {bytes}；四性检测全部通过，档案状态为“待整理”。",
            "Outcome: accepted. {records}, {files}, {bytes}; all four checks passed; the records are “unprocessed” until arranged.";
        ReceiptRefused { reasons: super::Count } =>
            "结论：拒收（原因 {reasons}）。什么都没有接收；请改正后重新移交整个包。",
            "Outcome: refused ({reasons}). Nothing was received; correct them and transfer the whole package again.";
        ReceiptRecord { line: u64, code: String, title: String, files: super::Count } =>
            "  清单第 {line} 行　{code}　{title}　（文件 {files}）",
            "  list line {line}  {code}  {title}  ({files})";
        ReceiptReasons => "拒收原因：", "Reasons for refusal:";
        ReceiptRecords => "接收的档案：", "Records received:";
        PackageWritten { out: String, records: super::Count, files: super::Count, bytes: super::Count, hash: String } =>
            "已写出移交包 {out}：档案 {records}，文件 {files}，{bytes}\nSHA-256：{hash}",
            "wrote the transfer package {out}: {records}, {files}, {bytes}\nSHA-256: {hash}";
        NoSuchTransfer { id: i64 } => "没有第 {id} 号移交", "no transfer {id}";
        OutcomeAccepted => "接收", "accepted";
        OutcomeRefused => "拒收", "refused";
        TransferLine { id: i64, at: String, from: String, outcome: String, records: super::Count, files: super::Count } =>
            "{id}  {at}  {from}  {outcome}  档案 {records}  文件 {files}",
            "{id}  {at}  {from}  {outcome}  {records}  {files}";
        StatsLine { from: String, submitted: u64, accepted: u64, refused: u64, rate: String } =>
            "{from}  提交 {submitted}，接收 {accepted}，拒收 {refused}，接收率 {rate}",
            "{from}  submitted {submitted}, accepted {accepted}, refused {refused}, success rate {rate}";
        StatsReason { check: Box<ReceiveMsg>, count: u64 } =>
            "    因{check}拒收 {count} 次", "    refused for {check}: {count}";
        BadSource =>
            "--from 须为移交单位的名称：一行文字，1 至 100 字，不含控制字符",
            "--from must name the transferring department: one line of 1 to 100 characters, no control characters";
        ServeTooLarge { max: u64 } =>
            "请求体超过 {max} 字节的上限（receive.max_mb），已停止接收",
            "the body is larger than the limit of {max} bytes (receive.max_mb); reading stopped";
        ServeStalled { seconds: u64 } =>
            "{seconds} 秒内没有收到数据，连接已断开",
            "nothing arrived for {seconds} seconds; the upload was dropped";
        ServeBusy =>
            "同时上传的包已达上限，请稍后重试",
            "as many packages are being uploaded as the service takes at once; try again shortly";
        ServeBroken { detail: String } => "上传中断：{detail}", "the upload broke off: {detail}";
        ServeInternal =>
            "服务内部出错，详情见服务日志",
            "internal error in the service; the service's log has the details";
        ServeNoToken =>
            "缺少令牌：请在 Authorization: Bearer 头中给出",
            "no token: give it in an Authorization: Bearer header";
        ServeListening { address: String } =>
            "`dangan serve` 在 http://{address}/ 上服务（接口说明：/openapi.json）",
            "dangan serve listening on http://{address}/ (the interface: /openapi.json)";
        TokenIssued { name: String, token: String } =>
            "{name} 的新令牌（只显示这一次，旧令牌已作废）：\n{token}",
            "a new token for {name} (shown this once; any earlier one no longer works):\n{token}";
        NoTransfers => "还没有移交", "no transfers yet";
    }
}
