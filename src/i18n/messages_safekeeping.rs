//! Messages of safekeeping (保存): encrypted backups, the register of backup media, restore
//! drills, the policy and its routine, and alarms.

use super::messages;

messages! {
    SafekeepingMsg {
        NotARecipientLine { path: String, line: u64 } =>
            "{path} 第 {line} 行不是 age 公钥（age1 加 58 个字母数字，照 `dangan keygen` 打印的抄，一字不差）",
            "{path}, line {line}: not an age public key (age1 and 58 letters and digits, exactly as `dangan keygen` prints it)";
        NotARecipient { which: usize, key: String } =>
            "第 {which} 个 --recipient「{key}」不是 age 公钥（age1 加 58 个字母数字，照 `dangan keygen` 打印的抄，一字不差）",
            "--recipient number {which} \"{key}\" is not an age public key (age1 and 58 letters and digits, exactly as `dangan keygen` prints it)";
        SecretNotPublic { path: String } =>
            "{path} 里是私钥，不是公钥：服务器上只放公钥（`dangan keygen` 打印的 age1…），私钥应离开服务器保管",
            "{path} holds a secret key, not a public one: only the public key (the age1… `dangan keygen` prints) belongs on the server; keep the secret key off it";
        NotAbsolute { key: String, value: String } =>
            "{key} 须是绝对路径（以 / 开头），不是「{value}」",
            "{key} must be an absolute path (starting with /), not \"{value}\"";
        NotANumber { key: String, value: String, max: u32 } =>
            "{key} 须是 1 到 {max} 之间的整数，不是「{value}」",
            "{key} must be a whole number from 1 to {max}, not \"{value}\"";
        IsABackup { dir: String } =>
            "{dir} 是备份，不是档案库：用 `dangan --archive 新目录 restore {dir}` 恢复后再用",
            "{dir} is a backup, not an archive: restore it with `dangan --archive NEW-DIR restore {dir}` to use it";
        NotARecipientsFile { path: String } =>
            "{path} 不是公钥文件（应是每行一个 age1… 公钥的小文本文件）",
            "{path} is not a file of public keys (a small text file, one age1… key a line)";
        NotOurLayout { path: String } =>
            "{path} 能解密，但里面不是 dangan 写的备份（路径、链接或重复的文件名不对）；什么都没有恢复",
            "{path} decrypts, but what it holds is not a backup dangan wrote (paths, links or names repeated); nothing was restored";
        NoteTooLong => "说明太长（最多 2000 字）", "the note is too long (2,000 characters at most)";
        MediumBad => "介质说明须是一行、不超过 200 字、没有控制字符", "the medium must be one line of at most 200 characters, without control characters";
        NoBackupAt { path: String } => "{path} 没有备份", "no backup at {path}";
        NoBackupPlace { dir: String } =>
            "备份的位置 {dir} 不存在（磁盘没有挂载？）；dangan 不会替它新建目录，以免备份写到服务器自己的磁盘上",
            "the backup place {dir} is not there (is the disk mounted?); dangan does not make it, lest the backup land on the server's own disk";
        InsideArchive { dir: String } =>
            "{dir} 在被备份的档案库里面；备份须放在档案库之外",
            "{dir} is inside the archive it backs up; a backup goes outside it";
        NotDescribed =>
            "备份的 backup.json 没有说明它有多少档案和数字对象，无从核对",
            "the backup's backup.json does not say how many records and objects it holds: nothing to compare";
        HeadNotFound =>
            "备份记载的审计链头不在恢复出的审计链中",
            "the audit head the backup records is not in the restored trail";
        NotOurBackup { path: String } =>
            "{path} 不在本档案库的备份登记中：请对做出它的档案库演练",
            "{path} is not in this archive's backup register: drill it against the archive that made it";
        NoteNeeded =>
            "确认告警须说明做了什么（--note）",
            "acknowledging an alarm needs a note of what was done (--note)";
        NotDueUntil { at: String } =>
            "下一次备份在 {at} 之后",
            "the next backup is due after {at}";
        BackedUpPlain { dest: String } =>
            "已备份到 {dest}（未加密：设置 safekeeping.recipients 以加密）",
            "backed up to {dest} (unencrypted: set safekeeping.recipients to encrypt)";
        AckedBy { by: String, at: String, note: String } =>
            "（{by} 于 {at} 确认：{note}）",
            " (acknowledged by {by} at {at}: {note})";
        FailedOn { dir: String, detail: String } => "{dir}：{detail}", "{dir}: {detail}";
        SealedToPolicy =>
            "按策略 safekeeping.recipients 加密（不加密用 --plain）",
            "encrypted to the policy's safekeeping.recipients (--plain for none)";
        NoRecipients => "没有给出公钥，无法加密", "no public key given to encrypt to";
        NotAnIdentityFile { path: String } =>
            "{path} 不是 age 私钥文件（`dangan keygen` 或 `age-keygen` 生成，含 AGE-SECRET-KEY-1…）",
            "{path} is not an age identity file (as `dangan keygen` or `age-keygen` write, holding AGE-SECRET-KEY-1…)";
        NeedsPassphrase { path: String } =>
            "{path} 是用口令加密的：在终端输入口令，或设置环境变量 DANGAN_BACKUP_PASSPHRASE",
            "{path} is encrypted to a passphrase: type it at a terminal or set DANGAN_BACKUP_PASSPHRASE";
        NeedsIdentity { path: String } =>
            "{path} 是用公钥加密的：用 `--identity 私钥文件` 给出对应的私钥",
            "{path} is encrypted to public keys: give the matching secret key with `--identity FILE`";
        WrongKey { path: String } =>
            "给出的口令或私钥打不开 {path}；什么都没有写入",
            "the passphrase or key given does not open {path}; nothing was written";
        NotSealed { path: String } =>
            "{path} 不是 dangan 的加密备份（age 格式）",
            "{path} is not an encrypted dangan backup (age format)";
        TooMuchWork { path: String } =>
            "{path} 的口令强度参数过高，本机解密需要太久；请在更快的机器上恢复",
            "{path} asks for more passphrase work than this machine does in reasonable time; restore it on a faster one";
        Damaged { path: String } =>
            "{path} 已损坏或被改动（解密校验失败）；什么都没有恢复",
            "{path} is damaged or was altered (it fails authentication); nothing was restored";
        NoPassphrase =>
            "加密备份需要口令：在终端运行以输入，或设置环境变量 DANGAN_BACKUP_PASSPHRASE，或用 --recipient 给出公钥",
            "an encrypted backup needs a passphrase: run at a terminal to type it, set DANGAN_BACKUP_PASSPHRASE, or give public keys with --recipient";
        PassphrasesDiffer => "两次输入的口令不一致；没有备份", "the two passphrases differ; nothing was backed up";
        PassphrasePrompt => "备份口令：", "backup passphrase: ";
        PassphraseAgain => "再输入一次：", "again: ";
        KeyWritten { path: String, public: String } =>
            "私钥已写到 {path}，仅本人可读。把它移出服务器（纸上或保险柜里的 U 盘，另一人再保管一份），服务器上只留下面的公钥；丢失私钥则用它加密的备份再也无法恢复。公钥：\n{public}",
            "secret key written to {path}, readable by you only. Move it off the server (on paper or a USB key in the safe, a copy with a second person) and leave only the public key below there; lose the secret key and the backups encrypted to it can never be restored. Public key:\n{public}";
        SealedHead { head: String } =>
            "审计链头 {head}（也记在备份登记中）：`dangan audit verify --head {head}` 核对档案库的审计记录是否仍包含它",
            "audit head {head} (kept in the backup register too): `dangan audit verify --head {head}` checks the archive's trail still holds it";
        SealedToKeys { dest: String, file: String } =>
            "已加密：{dest}/{file}；恢复时需要对应的私钥（--identity）",
            "encrypted: {dest}/{file}; restoring needs a matching secret key (--identity)";
        SealedToPassphrase { dest: String, file: String } =>
            "已加密：{dest}/{file}；恢复时需要这个口令，请记在安全处",
            "encrypted: {dest}/{file}; restoring needs this passphrase: keep it somewhere safe";
        DrillPassed { src: String, records: u64, objects: u64, seconds: String } =>
            "恢复演练通过：{src} 恢复出 {records} 份文件、{objects} 个数字对象，检查无误，用时 {seconds} 秒；已记入备份登记",
            "restore drill passed: {src} restored {records} records and {objects} digital objects, checked sound, in {seconds} s; entered in the backup register";
        DrillFailed { src: String } =>
            "恢复演练未通过：{src}；已记入备份登记",
            "restore drill failed: {src}; entered in the backup register";
        DrillRecords { found: u64, said: u64 } =>
            "档案：恢复出 {found} 份，备份记载 {said} 份",
            "records: {found} restored, the backup says {said}";
        DrillObjects { found: u64, said: u64 } =>
            "数字对象：恢复出 {found} 个，备份记载 {said} 个",
            "digital objects: {found} restored, the backup says {said}";
        DrillNeedsArchive =>
            "演练要记入档案库的备份登记：用 --archive 指明档案库",
            "a drill is entered in an archive's backup register: name the archive with --archive";
        ColNo => "序号", "no.";
        ColKind => "类别", "kind";
        ColAt => "时间", "at";
        ColBy => "操作人", "by";
        ColLocation => "位置", "location";
        ColMedium => "介质", "medium";
        ColEncrypted => "加密", "encrypted";
        ColManifest => "清单 SHA-256", "manifest SHA-256";
        ColHead => "审计链头", "audit head";
        ColRecords => "档案数", "records";
        ColOutcome => "结果", "outcome";
        KindBackup => "备份", "backup";
        KindDrill => "演练", "drill";
        Ok => "成功", "ok";
        Failed => "失败", "failed";
        Pruned { at: String } => "已按策略删除 {at}", "pruned {at}";
        Yes => "是", "yes";
        No => "否", "no";
        AlarmDiskLow => "磁盘空间不足", "low disk space";
        AlarmBackupMissing => "备份缺失", "backup missing";
        AlarmBackupFailed => "备份失败", "backup failed";
        AlarmFixity => "数字对象校验失败", "fixity failure";
        AlarmAuditChain => "审计链校验失败", "audit chain broken";
        AlarmCheckFailed => "档案库检查发现问题", "check found problems";
        AlarmFailedLogins => "登录失败过多", "repeated failed log-ins";
        DiskLow { path: String, free_mb: u64, min_mb: u64 } =>
            "{path} 所在磁盘只剩 {free_mb} MiB，低于策略的 {min_mb} MiB",
            "the disk holding {path} has {free_mb} MiB free, under the policy's {min_mb} MiB";
        BackupOverdue { days: u32, last: String } =>
            "超过 {days} 天没有成功的备份（上次：{last}）",
            "no good backup for more than {days} days (last: {last})";
        NoBackupEver => "还没有成功的备份", "no good backup yet";
        CauseGone { at: String } => "（{at} 后未再出现）", " (not seen since {at})";
        ChainBroken { detail: String } => "审计链校验失败：{detail}", "the audit chain fails to verify: {detail}";
        ManyFailedLogins { failed: u64 } =>
            "24 小时内登录失败 {failed} 次",
            "{failed} failed log-ins within 24 hours";
        Watched => "已检查磁盘空间、备份时限、审计链和登录失败", "watched disk space, backup age, the audit chain and failed log-ins";
        CheckFound { findings: usize } => "档案库检查发现 {findings} 个问题：运行 `dangan check` 查看", "the check found {findings} problems: run `dangan check` to see them";
        Checked => "档案库检查无误", "the archive checked sound";
        BackedUp { dest: String } => "已备份到 {dest}", "backed up to {dest}";
        BackupFailedAt { dest: String, detail: String } => "备份到 {dest} 失败：{detail}", "the backup to {dest} failed: {detail}";
        PrunedBackup { dest: String } => "已按保留份数删除旧备份 {dest}", "removed the old backup {dest} (past the number kept)";
        FixityShare { count: usize, total: usize } =>
            "已重新校验 {count} 个数字对象（共 {total} 个），无误",
            "re-hashed {count} of {total} digital objects, all sound";
        FixityFailed { failed: usize, first: String } =>
            "{failed} 个数字对象缺失或与记录的 SHA-256 不符（首个 {first}）：运行 `dangan check`",
            "{failed} digital objects are missing or differ from their recorded SHA-256 (first {first}): run `dangan check`";
        NoSuchAlarm { id: i64 } => "没有待确认的告警 {id}", "no alarm {id} waiting for acknowledgement";
        BadNote => "说明中有不能保存的控制字符", "the note holds control characters that cannot be kept";
        NeedsAttention =>
            "有步骤失败或告警待确认（见上）",
            "a step failed or an alarm waits (see above)";
        NoAlarms => "没有待确认的告警", "no alarms waiting";
        AlarmLine { id: i64, name: String, raised: String, times: u64, detail: String } =>
            "告警 {id}  {name}  {raised} 起（{times} 次）  {detail}",
            "alarm {id}  {name}  since {raised} ({times} times)  {detail}";
        AlarmsWaitingTui { count: usize } =>
            "有 {count} 个告警待确认：按 v 查看并确认",
            "alarms waiting: {count}; press v to see and acknowledge them";
        AlarmAcknowledged { id: i64 } => "告警 {id} 已确认", "alarm {id} acknowledged";
        AlarmsWaiting { count: usize } =>
            "有 {count} 个告警待确认：`dangan status` 查看，`dangan alarms ack 编号` 确认",
            "alarms waiting: {count}; `dangan status` shows them, `dangan alarms ack ID --note …` acknowledges";
        StatusArchive { dir: String } => "档案库 {dir}", "archive {dir}";
        StatusLastBackup { at: String, location: String } => "  最近的备份：{at}  {location}", "  last backup: {at}  {location}";
        StatusNoBackup => "  还没有成功的备份", "  no good backup yet";
        StatusLastDrill { at: String, outcome: String } => "  最近的恢复演练：{at}  {outcome}", "  last restore drill: {at}  {outcome}";
        StatusNoDrill => "  还没有做过恢复演练：`dangan restore --drill 备份`", "  no restore drill yet: `dangan restore --drill BACKUP`";
        StatusPolicy { to: String, days: u32, keep: u32, check: u32, fixity: u32 } =>
            "  策略：每 {days} 天备份到 {to}，保留 {keep} 份；每 {check} 天检查；{fixity} 天内重新校验每个数字对象",
            "  policy: back up every {days} days to {to}, keep {keep}; check every {check} days; re-hash every object within {fixity} days";
        StatusNoPlace { check: u32, fixity: u32 } =>
            "  策略：未设置备份位置（safekeeping.backup_to），例行任务不做备份；每 {check} 天检查；{fixity} 天内重新校验每个数字对象",
            "  policy: no backup place set (safekeeping.backup_to), so the routine makes no backup; check every {check} days; re-hash every object within {fixity} days";
        EmptyRegister =>
            "备份登记为空：还没有做过备份或恢复演练",
            "the backup register is empty: no backup or drill yet";
    }
}
