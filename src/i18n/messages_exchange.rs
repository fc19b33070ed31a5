//! Messages of the exchange with other archive software: OAI-PMH harvests and their accounts.

use super::messages;

messages! {
    ExchangeMsg {
        OaiBadVerb =>
            "verb 缺失、重复或不是 OAI-PMH 2.0 的六个动词之一",
            "the verb is missing, repeated, or not one of the six verbs of OAI-PMH 2.0";
        OaiBadArgument { argument: String } =>
            "参数 {argument} 缺失、重复、格式不对，或不属于这个动词",
            "the argument {argument} is missing, repeated, malformed, or not one this verb takes";
        OaiBadToken =>
            "resumptionToken 无效：不是本库给出的，或已无法续取；请从头再取",
            "the resumptionToken is not valid: not one this repository gave, or no longer usable; start the list again";
        OaiCannotDisseminate { prefixes: String } =>
            "该条目（或本库）没有这种元数据格式；可用的有 {prefixes}",
            "this item (or repository) is not available in that metadata format; available: {prefixes}";
        OaiNoSuchId { identifier: String } => "本库没有条目 {identifier}", "no item {identifier} in this repository";
        OaiNoRecords => "没有符合条件的条目", "no items match the request";
        OaiNoSets => "本库还没有全宗，因此没有集合", "this repository holds no fonds yet, so no sets";
        AtomNoColumn { column: String } =>
            "不是完整的 AtoM CSV：缺少 {column} 列（列名按 AtoM 的 ISAD(G) 模板，区分大小写）",
            "not a complete AtoM CSV: the {column} column is missing (column names as in AtoM's ISAD(G) template, case-sensitive)";
        AtomEmpty { column: String } => "{column} 为空", "{column} is empty";
        AtomSlug =>
            "qubitParentSlug 指向某个 AtoM 数据库里的著录，dangan 无从查找；请改用 parentId 指向本文件中的行",
            "qubitParentSlug points to a description in an AtoM database, which dangan cannot look up; use parentId to point to a row of this file";
        AtomNoParent { parent: String } =>
            "parentId「{parent}」不是本文件中任何一行的 legacyId",
            "parentId \"{parent}\" is not the legacyId of any row of this file";
        AtomLoop => "parentId 绕成了圈（或层级过深）", "the parentId chain loops (or goes too deep)";
        HarvestAccount { name: String } =>
            "匿名采集以账户 {name} 的身份运行，它必须是公众（阅览室）账户：只有经开放审核向社会开放的档案可以交给不具名的采集者",
            "anonymous harvests run as the account {name}, which must be a public (reading-room) account: only records opened to the public by an opening review may go to harvesters who give no name";
    }
}
