//! What `dangan check` (and a restore, which ends with one) reports: each check's name, what it
//! saw, and each thing found wrong.

use super::messages;

messages! {
    CheckMsg {
        Database => "数据库", "database";
        References => "引用", "references";
        Audit => "审计链", "audit";
        Objects => "数字对象", "objects";
        Index => "检索索引", "index";
        Counts => "统计计数", "counts";
        CountsChecked =>
            "统计用的馆藏计数与档案逐组重算相符",
            "the statistics' kept holdings counts agree with the records counted afresh";
        CountsDisagree { groups: u64 } =>
            "统计用的馆藏计数有 {groups} 组与档案不符（有人绕过 dangan 改了数据库）；`dangan check --repair-index` 会按档案重算",
            "{groups} groups of the statistics' kept holdings counts disagree with the records (the database was changed behind dangan's back); `dangan check --repair-index` counts them again";
        CountsRecounted { groups: u64 } =>
            "统计用的馆藏计数有 {groups} 组不符，已按档案重算",
            "{groups} groups of the statistics' kept counts disagreed; counted again from the records";
        RebuildingIndex => "重建检索索引", "rebuilding the index";

        Passed => "正常", "ok";
        Failed => "有误", "FAIL";
        Note => "提示", "note";

        IntegrityCheck => "SQLite 完整性检查（integrity_check）", "SQLite integrity_check";
        ForeignKeyCheck => "SQLite 外键检查（foreign_key_check）", "SQLite foreign_key_check";
        SqliteSaid { text: String } => "SQLite 报告：{text}", "SQLite reports: {text}";
        MissingReference { table: String, row: i64, parent: String } =>
            "{table} 表第 {row} 行引用的 {parent} 记录不存在",
            "{table} row {row} refers to a missing row of {parent}";
        ChainIntact { entries: u64 } =>
            "{entries} 条审计记录，链完整",
            "{entries} entries, chain intact";
        ChainBroken => "审计链断裂", "chain broken";
        Rehashed { files: u64, bytes: u64 } =>
            "已重新计算 {files} 个文件、{bytes} 字节的 SHA-256",
            "{files} files, {bytes} bytes re-hashed (SHA-256)";
        Altered { path: String, size: u64, hash: String, recorded_size: u64, recorded: String } =>
            "{path}：已被改动（现为 {size} 字节，SHA-256 {hash}；登记为 {recorded_size} 字节，{recorded}）",
            "{path}: altered (now {size} bytes, SHA-256 {hash}; recorded {recorded_size} bytes, {recorded})";
        Unreadable { sha256: String, detail: String } =>
            "{sha256}：缺失或无法读取（{detail}）",
            "{sha256}: missing or unreadable ({detail})";
        Unattached { path: String } =>
            "{path}：没有挂接到任何档案（中断的挂接留下的），可以删除",
            "{path}: not attached to any record (left by an interrupted attach); safe to delete";
        IndexRebuilt { found: super::msg::List } =>
            "检索索引与库不一致（{found}），已重建",
            "the index disagreed ({found}) and was rebuilt";
        IndexBusy =>
            "未比较：另一个会话一直占用着索引写入",
            "not compared: another session held the index writer throughout";
        IndexCount { indexed: u64, total: u64 } =>
            "索引中有 {indexed} 条档案，库中有 {total} 条",
            "the index holds {indexed} records, the store {total}";
        IndexedTimes { code: String, entries: usize } =>
            "{code} 在索引中出现 {entries} 次",
            "{code} is in the index {entries} times";
        IndexWrongInAll { wrong: usize, sampled: u64 } =>
            "… 抽查的 {sampled} 条中共 {wrong} 条有误",
            "… {wrong} of {sampled} sampled records in all";
        IndexAgrees { indexed: u64, total: u64, sampled: u64 } =>
            "已索引 {indexed} / {total} 条档案；抽查 {sampled} 条",
            "{indexed} of {total} records indexed; {sampled} sampled";
    }
}
