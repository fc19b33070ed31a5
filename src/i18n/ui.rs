//! The workstation's words: labels, key hints, prompts, in zh-CN and en, from this one table.

use super::Lang;

macro_rules! strings {
    ($($key:ident => $zh:expr, $en:expr;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S { $($key),+ }

        impl S {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((S::$key, Lang::Zh) => $zh, (S::$key, Lang::En) => $en,)+
                }
            }

            #[cfg(test)]
            pub const ALL: &'static [S] = &[$(S::$key),+];
        }
    };
}

strings! {
    AppName => "档案工作站", "dangan records workstation";
    ErrorPrefix => "错误：", "error: ";
    TooSmall => "终端窗口太小", "Terminal too small";
    Need => "至少需要", "need at least";
    LoginTitle => "登录", "Log in";
    Name => "用户名", "Name";
    Password => "口令", "Password";
    LoginHint => "Enter 下一项  Tab 切换  Esc 退出", "Enter next  Tab switch  Esc quit";
    LoggingIn => "正在登录…", "Logging in…";
    Fonds => "全宗", "Fonds";
    Years => "年度", "Years";
    Records => "文件", "Records";
    AllYears => "全部年度", "All years";
    AllFonds => "全部全宗", "All fonds";
    Count => "件数", "Count";
    Code => "档号", "Code";
    Title => "题名", "Title";
    Responsible => "责任者", "Responsible";
    Date => "日期", "Date";
    Retention => "保管期限", "Retention";
    Status => "状态", "Status";
    Loading => "读取中…", "Loading…";
    Empty => "（无）", "(none)";
    Blank => "（空）", "(empty)";
    Search => "检索", "Search";
    SearchHint => "输入词语、拼音或 fonds:J001 year:2015..2019 -排除", "words, pinyin, or fonds:J001 year:2015..2019 -exclude";
    Matches => "条结果", "matches";
    Showing => "显示前", "showing first";
    Record => "档案", "Record";
    History => "修改记录", "Revision history";
    Objects => "数字对象", "Digital objects";
    Appraisals => "鉴定与处置", "Appraisal";
    Loans => "借阅", "Loans";
    Version => "版本", "version";
    Created => "建档", "Created";
    NewRecord => "著录新文件", "New record";
    QuickEntry => "连续著录", "Quick entry";
    EditRecord => "修改", "Edit";
    Item => "件号", "Item";
    CatalogueNo => "目录号", "Catalogue";
    VolumeNo => "案卷号", "Volume";
    VolumeCount => "案卷", "Volumes";
    InVolume => "所在案卷", "In volume";
    VolumeTitle => "案卷题名", "Volume title";
    Dates => "起止日期", "Dates";
    Dept => "机构(问题)", "Dept";
    Category => "门类", "Category";
    Year => "年度", "Year";
    Saved => "已保存", "Saved";
    SavedNext => "已保存，可继续著录下一件", "Saved; type the next record";
    NoChange => "没有修改", "Nothing changed";
    DraftRestored => "已恢复断线时未保存的表单（Ctrl-S 保存，Esc 放弃），保留于", "Restored the form left unsaved when the link dropped (Ctrl-S saves, Esc discards), kept at";
    DraftUnusable => "断线时留下的草稿无法恢复（格式不符）", "The draft left when the link dropped could not be restored";
    ChangedMeanwhile => "未保存：编辑期间已被另一会话改为", "not saved: meanwhile another session saved";
    SaveOverTheirs => "（字段旁为对方的值；再按 Ctrl-S 以本表覆盖，Esc 放弃）", "(their values beside the fields; Ctrl-S again saves yours over theirs, Esc discards)";
    Discard => "放弃未保存的修改？ y 放弃 / n 继续编辑", "Discard unsaved changes? y discard / n keep editing";
    Fix => "请先更正标出的字段", "Correct the marked fields first";
    Required => "必填", "required";
    Help => "帮助", "Help";
    HelpClose => "按 Esc 或 F1 关闭", "Esc or F1 closes";
    JumpTo => "跳到档号", "Jump to code";
    Row => "行", "row";
    Of => "共", "of";
    Indexing => "正在更新索引", "Updating the search index";
    Quit => "退出", "Quit";
    User => "用户", "User";
    NotFound => "没有找到", "Not found";
    ReadOnly => "当前角色不能修改档案", "Your role cannot change records";
    CannotTypeRegister => "当前角色不能录入纸质台账", "Your role cannot enter paper registers";
    Screen => "界面", "Screen";
    Keys => "按键", "Keys";
    ActQuit => "退出", "quit";
    ActInterrupt => "退出", "quit";
    ReturnCondition => "归还状况（回车＝完好，Esc 不还）", "Condition on return (Enter: as lent, Esc: not now)";
    ActUndo => "撤销上一个决定", "take the last decision back";
    NothingToUndo => "这里还没有可撤销的决定", "No decision here to take back";
    AtTop => "已在最上层；按 q 退出工作站", "At the top; press q to quit the workstation";
    AskQuit => "退出档案工作站？y 退出，n 留下", "Quit the workstation? y quits, n stays";
    AskQuitUnsaved =>
        "录入的台账行尚未保存，退出就会丢失。仍然退出？y 退出，n 留下",
        "The register lines typed are not stored and would be lost. Quit anyway? y quits, n stays";
    ActHelp => "帮助", "help";
    ActRedraw => "重绘屏幕", "redraw the screen";
    ActUp => "上移", "up";
    ActDown => "下移", "down";
    ActPageUp => "上一页", "page up";
    ActPageDown => "下一页", "page down";
    ActHome => "到开头", "to the start";
    ActEnd => "到末尾", "to the end";
    ActOpen => "打开", "open";
    ActBack => "返回", "back";
    ActSearch => "检索", "search";
    ActJump => "按档号跳转", "jump to an archival code";
    ActNewRecord => "著录新文件", "new record";
    ActQuickEntry => "连续著录", "quick entry";
    ActEdit => "修改", "edit";
    ActSave => "保存", "save";
    ActNextField => "下一字段", "next field";
    ActPrevField => "上一字段", "previous field";
    ActSort => "切换排序（相关度/档号）", "sort by relevance / code";
    ActNextChip => "选择筛选项（Enter 加入检索）", "pick a filter (Enter adds it)";
    ActLoans => "借阅登记", "loans";
    ActLend => "借出", "lend";
    ActReturn => "归还", "return";
    ActBatchReturn => "批量归还（逐个输入档号）", "batch return (type codes one by one)";
    ActRenew => "续借", "renew";
    ActMark => "标记（可多选）", "mark (several)";
    ActExport => "导出 CSV（标记的，或全部）", "export CSV (marked, or all)";
    ActSlip => "打印借阅单", "print loan slip";
    ActPrint => "打印目录（.xlsx）", "print catalogue (.xlsx)";
    ActShelves => "书架：盒与案卷的位置", "shelves: where boxes and volumes stand";
    ActMoveShelved => "移架", "move";
    ActTakeOut => "出库", "take out of the stacks";
    ActBringBack => "入库", "bring back into the stacks";
    MoveTo => "移到（库房-列-节-层）", "Move to (store-row-section-shelf)";
    OutReason => "出库事由（借阅、数字化、修裱等）", "Why it goes out (loan, digitisation, repair)";
    AlreadyOutHere => "已出库", "is out of the stacks already";
    NotOutHere => "在库，没有出库", "is in the stacks, not out";
    Location => "位置", "Location";
    BoxOrVolume => "盒 / 案卷", "Box / volume";
    Holds => "内容", "Holds";
    OutOfStacks => "出库", "Out";
    NothingShelved => "没有您可见的盒或案卷", "no box or volume you may see";
    PrintTo => "打印到文件", "Print to file";
    NothingToPrint =>
        "这里没有可打印的目录：请在年度、目录、案卷或其中的文件列表处打印",
        "nothing to print here: print from a year, a catalogue, a volume or its list of items";
    ActAudit => "审计记录", "audit trail";
    ActReceipts => "接收登记", "transfers received";
    TransferNo => "号", "No.";
    FiguresByDepartment => "按移交单位（Tab 回到登记）", "By department (Tab: back to the register)";
    FiguresByAccount => "按提交账户（调用系统）", "By submitting account (calling systems)";
    TransferWhen => "接收时间", "Received";
    TransferFrom => "移交单位", "From";
    TransferOutcome => "结论", "Outcome";
    TransferCounts => "件 / 文件", "Records / files";
    ActStocktake => "清点检查", "stocktake";
    ActAppraise => "鉴定处置", "appraisal";
    ActPropose => "提出鉴定", "propose";
    ActApprove => "批准", "approve";
    ActReject => "否决或撤回", "reject or withdraw";
    ActCarryOut => "执行销毁", "carry out";
    TabAppraisals => "鉴定单", "appraisals";
    ActStatistics => "统计", "statistics";
    ActPrevYear => "上一年", "previous year";
    ActNextYear => "下一年", "next year";
    ActNextFonds => "换全宗", "next fonds";
    PanelOverview => "概览", "overview";
    PanelByYear => "馆藏按年度", "holdings by year";
    PanelByMonth => "利用按月", "uses by month";
    PanelTransition => "双轨进度", "transition";
    PanelTable => "全部数字", "all figures";
    ChartByYear => "馆藏按档案年度（件）", "Holdings by the records' year";
    ChartByMonth => "本年利用按月（件次）", "Uses by month";
    ChartTransition => "单轨认证比例按全宗", "Certified single-track, by fonds";
    NoFigures => "没有可统计的档案", "nothing to count";
    MoreFonds => "个全宗见「双轨进度」", "more fonds: see transition";
    DueFonds => "全宗", "Fonds";
    DueYear => "年度", "Year";
    DueRecords => "件数", "Records";
    DuePages => "页数", "Pages";
    DueIn => "到期", "Due";
    Decision => "鉴定意见", "Decision";
    AppraisalNo => "鉴定单", "Appraisal";
    AppraisalState => "状态", "State";
    ProposedBy => "提出", "Proposed";
    WitnessName => "监销人姓名（执行销毁，不能撤销；Esc 取消）", "Witness's name (carries out the destruction, cannot be undone; Esc: not now)";
    Stretch => "清点位置", "Shelves";
    ScanCode => "条码", "Code";
    Scanned => "已扫描", "Scanned";
    StretchFirst => "先输入清点的位置（库房-列，如 1号库-03），按 Enter", "Type the shelves walked (库房-列, e.g. 1号库-03) and Enter first";
    Comparing => "正在比对", "Comparing";
    DropScans => "放弃已扫描的", "Drop the";
    DropScansAgain => "个条码？再按 Esc 放弃，按其他键继续", "codes scanned? Esc again drops them, any other key goes on";
    AuditTime => "时间", "Time";
    AuditUser => "用户", "User";
    AuditAction => "操作", "Action";
    AuditObject => "对象", "Object";
    ReturnMarked => "归还标记的档案，状况（回车＝完好，Esc 不还）", "Return the marked, condition (Enter: as lent, Esc: not now)";
    ExportTo => "导出到文件", "Export to file";
    SlipTo => "借阅单写到文件", "Loan slip to file";
    NoLoanHere => "这里没有借阅可打印借阅单", "no loan here to print a slip of";
    Written => "已写出", "Written";
    NotDone => "未完成", "not done";
    Marked => "已标记", "marked";
    ActNextChoice => "下一个可选值", "next choice";
    ActPrevChoice => "上一个可选值", "previous choice";
    ActKeepField => "连续著录时保留此项", "keep this field for the next record";
    ActTakeSuggestion => "采用建议", "take suggestions";
    ActSafekeeping => "保存与告警", "safekeeping";
    ActAcknowledge => "确认告警", "acknowledge";
    AlarmKind => "告警", "alarm";
    AlarmSince => "起始", "since";
    AlarmTimes => "次数", "times";
    AlarmWhat => "情况", "what";
    AlarmNote => "处理说明", "what was done";
    Suggested => "建议", "suggest";
    TookSuggestions => "已采用建议：", "took the suggestions for ";
    NoSuggestion => "没有可采用的建议", "no suggestion to take";
    ListSeparator => "、", ", ";
    LooksLike => "可能重复", "looks the same as";
    Related => "相关档案", "Related records";
    RelatedSubject => "同主题", "same subject";
    RelatedSeries => "同文号系列", "same document series";
    RelatedResponsible => "同责任者", "same responsible party";
    Choices => "可选", "choices";
    Pieces => "件", "records";
    ListGap => "、", ", ";
    SlipTitle => "借阅单", "Loan slip";
    Number => "序号", "No.";
    Total => "共", "Total";
    BorrowerSigns => "借阅人签字", "Borrower";
    ClerkSigns => "经办人签字", "Clerk";
    PrintedOn => "打印于", "Printed on";
    KeptMark => "保留", "kept";
    ActMarkLost => "登记遗失", "mark lost";
    ActFilterLoans => "按借阅人、单位或电话筛选", "filter by borrower, unit or phone";
    ActNextTab => "下一标签", "next tab";
    ActReconcile => "台账核对", "reconcile a paper register";
    ActNextOpen => "下一条待处理", "next open line";
    ActOpenOnly => "只看待处理", "open lines only";
    ActAcceptDigital => "以电子为准", "accept digital";
    ActCorrectDigital => "按纸质更正", "correct from paper";
    ActCreateRecord => "据纸质补录", "create record from line";
    ActMissingOnPaper => "纸质缺记", "missing on paper";
    ActMissingInDigital => "电子缺失", "missing in digital";
    ActResolveNote => "备注说明", "note";
    ActPick => "改配其他档案", "pick another record";
    ActCertify => "认证单轨", "certify single-track";
    ActTypeRegister => "录入纸质台账", "type in a paper register";
    TypeScope => "台账范围（如 J001/2019）", "Register scope (e.g. J001/2019)";
    TypeLine => "台账行（空行保存）", "Register line (empty saves)";
    TypeFormat => "档号｜题名｜责任者｜日期", "code | title | responsible | date";
    Reconcile => "台账核对", "Reconcile";
    NoRegisters => "还没有纸质台账：e 逐行录入，或用 dangan reconcile import 导入", "No paper registers yet: e types one in, or dangan reconcile import brings a file";
    TypedNotStored => "录入的台账行尚未保存：e 继续（空行保存），再按 Esc 放弃", "Typed lines are not stored: e goes on (an empty line stores), Esc again drops them";
    Paper => "纸质", "Paper";
    Digital => "电子", "Digital";
    NoteFor => "备注（可空）", "Note (optional)";
    PickCode => "改配档号", "Match to code";
    Candidates => "候选（p 改配）:", "Candidates (p picks):";
    Agreed => "一致", "agree";
    Resolved => "已处理", "resolved";
    Open => "待处理", "open";
    Certified => "已认证单轨", "certified single-track";
    AllDecided => "没有待处理的行", "No open line left";
    SingleTrack => "单轨", "single-track";
    PartlySingleTrack => "部分单轨", "partly single-track";
    TabOut => "借出中", "Out";
    TabDueSoon => "本周到期", "Due this week";
    TabOverdue => "逾期", "Overdue";
    TabLog => "借阅记录", "Log";
    Borrower => "借阅人", "Borrower";
    Unit => "单位", "Unit";
    IdNo => "证件号", "ID no.";
    Contact => "联系方式", "Contact";
    Condition => "状况", "Condition";
    Purpose => "利用目的", "Purpose";
    Kind => "利用方式", "Kind";
    Due => "应还日期", "Due";
    Updated => "修改", "Updated";
    Source => "来源", "Source";
    HandledBy => "经办", "handled by";
    OutOn => "借出日期", "Lent on";
    ReturnedOn => "归还日期", "Returned";
    Approver => "批准人", "Approver";
    LendTitle => "借出", "Lend";
    Lent => "已借出", "Lent";
    AlreadyOut => "已借出，归还后才能再借", "is out on loan; it can be lent again once returned";
    Requested => "已申请借阅", "Requested";
    Returned => "已归还", "Returned";
    Renewed => "已续借至", "Renewed until";
    MarkedLost => "已登记遗失", "Marked lost";
    LostNote => "登记遗失：档案状态将改为「遗失」，不能撤销。说明（Esc 不登记）", "Mark lost: the record's status becomes lost, which cannot be undone. Note (Esc: not now)";
    LoanWho => "借阅人、单位或电话（回车＝全部）", "Borrower, unit or phone (Enter alone: all)";
    FilteredBy => "筛选", "Filter";
    ReturnCodes => "归还档号", "Return code";
    LoanHistory => "借阅记录", "Loans";
    SortRelevance => "按相关度", "by relevance";
    SortCode => "按档号", "by code";
    TabTakesIt => "Tab 改用此检索", "Tab searches for it";
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn interface_strings_hold_no_ambiguous_width_characters() {
        // Terminals set to "ambiguous = wide" would misalign them (see notes §4.1); … is allowed
        // only at the end of a line, where nothing follows to be pushed out of place.
        for key in S::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let text = key.get(lang).trim_end_matches('…');
                assert_eq!(text.width(), text.width_cjk(), "{key:?} {lang:?}: {text}");
            }
        }
    }
}
