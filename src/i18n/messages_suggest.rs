//! Messages of smart description (智能著录): suggestions, look-alikes, related records and the
//! backlog run of `dangan suggest`.

use super::messages;

messages! {
    SuggestMsg {
        FieldDept => "机构（问题）", "department";
        FieldRetention => "保管期限", "retention";
        FieldClass => "密级", "classification";
        FieldKeywords => "主题词", "keywords";
        ColCode => "档号", "code";
        ColTitle => "题名", "title";
        ColField => "著录项", "field";
        ColCurrent => "现值", "current";
        ColSuggested => "建议值", "suggested";
        ColConfidence => "把握", "confidence";
        ColApplied => "已写入", "applied";
        Yes => "是", "yes";
        No => "否", "no";
        SheetName => "著录建议", "suggestions";
        Title { fonds: String, year: u16 } =>
            "{fonds} {year} 年度著录建议", "Description suggestions for {fonds} {year}";
        Summary { records: u64, proposals: usize, applied: u64 } =>
            "看了 {records} 件档案，建议 {proposals} 项，写入 {applied} 项",
            "looked at {records} records, {proposals} suggestions, {applied} applied";
        ReviewOnly =>
            "只有缺少的主题词会写入；机构（问题）、保管期限和密级的建议供人工复核，不会自动修改",
            "only missing keywords are written; department, retention and classification are for review and never changed";
        Learning { records: u64 } => "正在学习已著录的档案：{records} 件", "learning from described records: {records}";
        Written { path: String } => "已写出著录建议：{path}", "suggestions written to {path}";
        Threshold { text: String } =>
            "`--apply-above` 须是 0 到 1 之间的数（如 0.9），不是「{text}」",
            "--apply-above must be a number from 0 to 1 (such as 0.9), not \"{text}\"";
        LooksLike { line: u64, like: String } =>
            "第 {line} 行与 {like} 相似，请核对是否重复",
            "line {line} looks the same as {like}; check it is not a duplicate";
        LooksLikeLine { line: u64, other: u64 } =>
            "第 {line} 行与第 {other} 行相似，请核对是否重复",
            "line {line} looks the same as line {other}; check it is not a duplicate";
        LookAlikesUpTo { rows: u64 } =>
            "只有前 {rows} 行与已有档案比对过是否重复",
            "only the first {rows} rows were compared with the archive for look-alikes";
        MoreLookAlikes { more: usize } => "另有 {more} 行相似，未列出", "{more} more lines look alike, not listed";
        UnknownFonds { fonds: String } => "没有全宗 {fonds}", "no fonds {fonds}";
        AppliedNotListed { applied: u64 } =>
            "已写入 {applied} 项主题词（见审计日志 `record.suggested`），但清单没能写出：",
            "{applied} keywords were written (see `record.suggested` in the audit log), but the list could not be:";
        LackKeywords { records: u64, fonds: String, year: u16 } =>
            "  {fonds} {year} 年有 {records} 件没有主题词：`dangan suggest --fonds {fonds} --year {year}` 给出建议",
            "  {records} records of {fonds} {year} have no keywords: `dangan suggest --fonds {fonds} --year {year}` suggests them";
    }
}
