//! Messages about accounts, log-in, settings and the audit trail.

use super::messages;
use crate::domain::{Classification, Permission, Role};

impl super::Arg for Permission {
    fn arg(&self, lang: super::Lang) -> String {
        match (self, lang) {
            (_, super::Lang::En) => self.describe().to_string(),
            (Permission::ReadRecords, _) => "查阅档案".into(),
            (Permission::WriteRecords, _) => "著录或修改档案".into(),
            (Permission::ImportRecords, _) => "导入档案".into(),
            (Permission::ExportRecords, _) => "导出档案".into(),
            (Permission::ManageFonds, _) => "登记全宗".into(),
            (Permission::ManageUsers, _) => "管理用户".into(),
            (Permission::ReadAudit, _) => "查阅审计记录".into(),
            (Permission::ManageSettings, _) => "更改档案库设置".into(),
            (Permission::Lend, _) => "办理借出和归还".into(),
            (Permission::Appraise, _) => "鉴定档案".into(),
            (Permission::ApproveAppraisal, _) => "审批鉴定".into(),
            (Permission::ReadStatistics, _) => "查看统计".into(),
        }
    }
}

messages! {
    AccountMsg {
        BadLogin => "用户名或口令不对", "wrong user name or password";
        PublicClearance =>
            "公众（阅览室）账户的密级只能是公开，它只看得到向社会开放的档案",
            "a public (reading-room) account is cleared to 公开 only; it sees the records opened to the public";
        NotLoggedIn => "尚未登录", "not logged in";
        NotAllowed { name: String, role: Role, permission: Permission } =>
            "{name}（{role}）不能{permission}",
            "{name} ({role}) may not {permission}";
        CannotClassify { name: String, clearance: Classification, class: Classification } =>
            "{name} 的密级为{clearance}，不能把档案定为{class}",
            "{name} is cleared to {clearance} and cannot classify a record {class}";
        CannotGrant { name: String, clearance: Classification, grant: Classification } =>
            "{name} 的密级为{clearance}，不能授予{grant}密级",
            "{name} is cleared to {clearance} and cannot grant the clearance {grant}";
        CannotManage { user: String, name: String } =>
            "{user} 的密级高于 {name}；只有同等密级的管理员才能更改该账户",
            "{user} is cleared above {name}; only an admin cleared as high may change that account";
        UserName { name: String } =>
            "用户名“{name}”应为 1–32 个字符，不含空格",
            "user name {name:?} must be 1–32 characters without spaces";
        UserNameText { problem: Box<super::Msg> } => "用户名{problem}", "the user name {problem}";
        DisplayNameText { problem: Box<super::Msg> } => "显示名{problem}", "the display name {problem}";
        HasAccounts =>
            "此档案库已有账户；由管理员添加用户",
            "this archive already has accounts; an admin adds users";
        UserExists { name: String } => "用户 {name} 已存在", "user {name} already exists";
        NoSuchUser { name: String } => "没有用户 {name}", "no user {name}";
        OwnAdminRole => "管理员不能取消自己的管理员角色", "an admin cannot take away their own admin role";
        OwnAccount => "不能停用自己的账户", "you cannot disable your own account";
        UnknownSetting { key: String, known: String } =>
            "没有设置“{key}”；可设置的有 {known}",
            "unknown setting {key:?}; settings are {known}";
        BadSetting { value: String, key: String } =>
            "“{value}”不是 {key} 的有效值",
            "{value:?} is not a valid value for {key}";
        ShortPassword { min: u64 } => "口令至少需要 {min} 个字符", "a password needs at least {min} characters";
        Hashing { detail: String } => "无法计算口令的散列：{detail}", "could not hash the password: {detail}";
        PasswordsDiffer => "两次输入的口令不同；什么都没有改", "the two passwords differ; nothing was changed";
        FirstMustBeAdmin =>
            "此档案库还没有用户；第一个必须是管理员",
            "this archive has no users yet; the first must be an admin";
        NotRole { text: String, choices: super::messages_records::Vocabulary } =>
            "“{text}”不是角色：{choices}",
            "{text:?} is not a role: {choices}";
        NotClearance { text: String, choices: super::messages_records::Vocabulary } =>
            "“{text}”不是密级：{choices}",
            "{text:?} is not a clearance: {choices}";
        KeyMissing { path: String } =>
            "{path} 不见了：没有它审计记录无法保持或核验，dangan 也不会在现有数据上新建一个；请从备份恢复",
            "{path} is missing: the audit trail cannot be kept or verified without it, and dangan will not make a new one over this archive's data; restore it from a backup";
        KeyForeign { path: String } =>
            "{path} 不是本档案库的密钥（与档案库记下的指纹不符）；请从备份恢复本库自己的密钥",
            "{path} is not this archive's key (its fingerprint differs from the one the archive recorded); restore the archive's own key from a backup";
        KeyUnreadable { path: String } => "{path} 不是审计密钥", "{path} is not an audit key";
        NoRandomness { detail: String } => "无法取得随机数来生成审计密钥：{detail}", "no randomness for the audit key: {detail}";
        Tampered { reason: Box<AccountMsg> } =>
            "审计记录被篡改：{reason}",
            "the audit trail has been tampered with: {reason}";
        EntryMissing { expected: i64, found: i64 } =>
            "第 {expected} 条记录不见了（下一条是 {found}）：有记录被删除",
            "entry {expected} is missing (the next is {found}): entries were removed";
        EntryUnlinked { seq: i64 } =>
            "第 {seq} 条记录接不上前一条：有记录被删除或插入",
            "entry {seq} does not follow the entry before it: an entry was removed or inserted";
        EntryAltered { seq: i64 } =>
            "第 {seq} 条记录与其散列不符：被改动，或是绕过 dangan 插入的",
            "entry {seq} does not match its hash: it was altered, or inserted behind dangan's back";
        Shortened { last: i64, named: i64, table: String } =>
            "审计记录止于第 {last} 条，但 {table} 中有一行指向第 {named} 条：末尾的记录被删除了",
            "the trail ends at entry {last}, but a row of {table} names entry {named}: entries were removed from its end";
        BeforeAnchor { last: i64, anchor: i64 } =>
            "审计记录止于第 {last} 条，但另处保存的锚点指向第 {anchor} 条：有记录被删除",
            "the trail ends at entry {last}, but the anchor kept elsewhere names entry {anchor}: entries were removed";
        UnlikeAnchor { seq: i64 } =>
            "第 {seq} 条记录与另处保存的锚点不符：审计记录被改写",
            "entry {seq} is not the entry the anchor kept elsewhere names: the trail was rewritten";
        NotAnchor { text: String } =>
            "“{text}”不是锚点：应写作 序号:散列，如 42:00000000…",
            "{text:?} is not an anchor: SEQ:HASH, e.g. 42:00000000…";
        NoHeadRecorded { path: String } =>
            "{path} 没有记下审计记录的头（dangan 记录它之前做的备份）",
            "{path} records no audit head (a backup made before dangan kept one)";
        NotJson { path: String, detail: String } => "{path}：不是 JSON（{detail}）", "{path}: not JSON ({detail})";
    }
}
