//! Messages of appraisal and disposition (鉴定与处置): due lists, decisions, approval,
//! destruction.

use super::messages;
use crate::domain::appraisal::Decision;
use crate::domain::{AppraisalKind, AppraisalState, Verdict};

/// A decision in words: the verdict with what goes with it (the new period, the year of the next
/// review, the classification it takes).
pub fn decision_msg(d: &Decision) -> AppraisalMsg {
    match (d.verdict, d.period, d.until, d.new_class) {
        (Verdict::Keep, Some(period), _, _) => AppraisalMsg::KeepFor { period },
        (Verdict::KeepClosed | Verdict::KeepClassified, _, Some(year), _) => {
            AppraisalMsg::ReviewIn {
                verdict: d.verdict,
                year,
            }
        }
        (Verdict::Declassify, _, _, Some(class)) => AppraisalMsg::DeclassifyTo { class },
        (verdict, ..) => AppraisalMsg::Verdict { verdict },
    }
}

messages! {
    AppraisalMsg {
        OpennessByReview =>
            "开放标识只能经开放审核更改（`dangan appraise`）",
            "开放标识 (open to the public) changes only through an opening review (dangan appraise)";
        DestroyedByList =>
            "「已销毁」只能由执行已批准的销毁清册设定",
            "已销毁 (destroyed) is set only by carrying out an approved destruction list";
        StaysDestroyed { code: String } =>
            "{code} 已销毁：其著录作为销毁的凭证保持原样，不能再改，也不能再挂接文件",
            "{code} has been destroyed: its description stays as the evidence of what was destroyed, unchanged and with no files attached";
        VolumeHoldsDestroyed { code: String } =>
            "案卷 {code} 中有已销毁的档案：其年度和保管期限是销毁清册的凭证，不能再改",
            "volume {code} holds destroyed records: its year and retention are what their destruction list gives, and stay";
        WithdrawnBy { by: String, at: String } => "  撤回：{by}，{at}", "  withdrawn by {by} at {at}";
        AskWithdraw { id: i64 } => "撤回鉴定单 {id}？(y/n)", "withdraw appraisal {id}? (y/n)";
        AskCarryOut { id: i64, witness: String } =>
            "执行鉴定单 {id} 的销毁，监销人 {witness}？档案将标为已销毁、文件删除，不能撤销 (y/n)",
            "carry out appraisal {id} before {witness}? The records become destroyed and their files go; this cannot be undone (y/n)";
        DeclassifyByReview =>
            "秘密、机密档案的密级只能经解密审核降低（`dangan appraise`）",
            "the classification of a 秘密 or 机密 record is lowered only through a declassification review (dangan appraise)";
        AtLine { line: u64, what: Box<super::Msg> } => "第 {line} 行：{what}", "line {line}: {what}";
        ForRecord { code: String, what: Box<AppraisalMsg> } => "{code}：{what}", "{code}: {what}";
        NoSuchRecord { code: String } => "没有档案 {code}", "no record {code}";
        NeedsPeriod =>
            "续存需写明新的保管期限（D10、D30、Y）",
            "keeping needs the new retention period (D10, D30, Y)";
        NeedsUntil =>
            "需写明到哪一年再审（如 2031）",
            "needs the year of the next review (e.g. 2031)";
        UntilNotLater { year: i32 } =>
            "再审年度须晚于今年（{year}）",
            "the year of the next review must be after this year ({year})";
        NeedsClass =>
            "解密需写明解密后的密级（公开或内部）",
            "declassifying needs the classification it takes (公开 or 内部)";
        ClassNotLower =>
            "解密后的密级须为公开或内部，且低于现密级",
            "the classification after declassifying must be 公开 or 内部, below the present one";
        NeedsReason =>
            "续存、延期开放和继续保密都需写明理由",
            "keeping, keeping closed and keeping classified each need a reason";
        Unused { verdict: Verdict } =>
            "「{verdict}」不用填这一列；请清空它",
            "\"{verdict}\" takes nothing in this column; leave it empty";
        StillClassified =>
            "仍属涉密档案：先经解密审核，再审开放",
            "still classified: it is declassified first, then reviewed for opening";
        WrongKind { verdict: Verdict, kind: AppraisalKind } =>
            "「{verdict}」不是{kind}的决定",
            "\"{verdict}\" is not a decision of {kind}";
        NotDue { due: i32 } =>
            "保管期限到 {due} 年才满，还不能销毁",
            "its retention runs until {due}; it cannot be destroyed yet";
        NotInStore { status: crate::domain::Status } =>
            "{status}，不在库中，不能销毁", "{status}: not in the store, it cannot be destroyed";
        KeptForGood => "永久保存，不能销毁", "kept permanently; it cannot be destroyed";
        NotClassified => "不是涉密档案，无需解密审核", "not classified; there is nothing to declassify";
        AlreadyOpen => "已开放", "already open";
        Pending { id: i64 } => "已在鉴定单 {id} 中", "already on appraisal {id}";
        Twice => "在本鉴定单中出现两次", "appears twice in this appraisal";
        Destroyed => "已销毁", "destroyed already";
        Empty => "鉴定单中没有档案", "the appraisal holds no records";
        NoAppraisal { id: i64 } => "没有鉴定单 {id}", "no appraisal {id}";
        SamePerson { name: String } =>
            "{name} 提出了这份鉴定，不能自己审批：须由另一人（管理员）审批",
            "{name} proposed this appraisal and cannot approve it: another person (an admin) must";
        NotProposed { id: i64, state: AppraisalState } =>
            "鉴定单 {id} {state}，不能再审批",
            "appraisal {id} is {state}; it can no longer be approved or rejected";
        Closed { id: i64, state: AppraisalState } =>
            "鉴定单 {id} {state}，不能再撤回或否决",
            "appraisal {id} is {state}; it can no longer be withdrawn or rejected";
        ChangedSince { id: i64 } =>
            "以上档案在提出鉴定单 {id} 后已有变化：请否决（或撤回）后重新提出",
            "these records changed after appraisal {id} was proposed: reject (or withdraw) it and propose again";
        NotApproved { id: i64, state: AppraisalState } =>
            "鉴定单 {id} {state}，只有已批准的销毁清册才能执行",
            "appraisal {id} is {state}; only an approved destruction list can be carried out";
        NothingToDestroy { id: i64 } =>
            "鉴定单 {id} 没有待执行的销毁",
            "appraisal {id} has no destruction to carry out";
        NeedsWitness =>
            "执行销毁须写明监销人（--witness）",
            "carrying out a destruction needs a witness (--witness)";
        WitnessIsExecutor =>
            "监销人须是执行销毁者以外的另一人",
            "the witness must be someone other than the person carrying out the destruction";
        AboveSight =>
            "鉴定单中有超出您密级的档案",
            "the appraisal holds records above your clearance";
        BadYear { text: String } => "「{text}」不是年度", "\"{text}\" is not a year";
        KeepFor { period: crate::domain::Retention } => "续存（{period}）", "keep ({period})";
        ReviewIn { verdict: Verdict, year: i32 } => "{verdict}（{year} 年再审）", "{verdict} (review in {year})";
        DeclassifyTo { class: crate::domain::Classification } => "解密（{class}）", "declassify ({class})";
        Verdict { verdict: Verdict } => "{verdict}", "{verdict}";
        DueHeading { kind: AppraisalKind, year: i32 } =>
            "{kind}：截至 {year} 年到期的档案", "{kind}: records due by {year}";
        DueTotal { records: u64, pages: u64 } => "共 {records} 件，{pages} 页", "{records} records, {pages} pages in all";
        NothingDue { kind: AppraisalKind, year: i32 } =>
            "截至 {year} 年没有需要{kind}的档案", "nothing is due for {kind} by {year}";
        DueShown { shown: u64, total: u64 } =>
            "列出 {shown} 件，共 {total} 件（--limit 可列出更多）",
            "{shown} of {total} records listed (--limit lists more)";
        SheetWritten { records: u64, path: String } =>
            "已写出 {records} 件待鉴定档案到 {path}；填好「决定」等列后用 `dangan appraise propose` 提出",
            "wrote {records} records due to {path}; fill in 决定 and the other columns, then `dangan appraise propose` it";
        Proposed { id: i64, records: u64 } =>
            "已提出鉴定单 {id}（{records} 件）；须由另一人审批：`dangan appraise approve` {id}",
            "proposed appraisal {id} ({records} records); another person must approve it: dangan appraise approve {id}";
        ProposedHere { id: i64, records: u64 } =>
            "已提出鉴定单 {id}（{records} 件），须由另一人（管理员）批准",
            "proposed appraisal {id} ({records} records), for another person (an admin) to approve";
        ApprovedHere { id: i64 } =>
            "鉴定单 {id} 已批准；在监销人在场时按 w 执行销毁",
            "appraisal {id} approved; carry out the destruction with w, before a witness";
        DestroyedHere { id: i64, records: u64, files: u64 } =>
            "鉴定单 {id} 已执行：{records} 件档案已销毁，删除 {files} 个文件；销毁清册永久保存",
            "appraisal {id} carried out: {records} records destroyed, {files} files removed; the destruction list is kept";
        LeftOut { rows: u64 } => "未填「决定」的 {rows} 行没有列入", "{rows} rows with no 决定 were left out";
        ApprovedNow { id: i64 } => "鉴定单 {id} 已批准并生效", "appraisal {id} approved and in effect";
        ApprovedToDestroy { id: i64 } =>
            "鉴定单 {id} 已批准；销毁须在监销人在场时执行：`dangan appraise destroy` {id} `--witness` 姓名",
            "appraisal {id} approved; carry out the destruction before a witness: dangan appraise destroy {id} --witness NAME";
        RejectedNow { id: i64, state: AppraisalState } =>
            "鉴定单 {id} {state}，其中的档案可重新提出", "appraisal {id} {state}; its records may be proposed again";
        AskDestroy { id: i64, records: u64 } =>
            "将执行鉴定单 {id}：{records} 件档案标为已销毁，其电子文件从 objects/ 删除（其他档案也用到的文件保留）。此操作不能撤销。输入 yes 确认：",
            "about to carry out appraisal {id}: {records} records become 已销毁 (destroyed) and their files leave objects/ (files other records also hold stay). This cannot be undone. Type yes to confirm: ";
        NeedsYes =>
            "销毁不能撤销：在终端上确认，或加 --yes",
            "destruction cannot be undone: confirm at a terminal, or add --yes";
        NotConfirmed => "未确认，什么都没有做", "not confirmed; nothing was done";
        DestroyedNow { id: i64, records: u64, files: u64, bytes: u64 } =>
            "鉴定单 {id} 已执行：{records} 件档案已销毁，删除 {files} 个文件（{bytes} 字节）；销毁清册永久保存：`dangan appraise print` {id}",
            "appraisal {id} carried out: {records} records destroyed, {files} files ({bytes} bytes) removed; the destruction list is kept: dangan appraise print {id}";
        NoAppraisals => "还没有鉴定单", "no appraisals yet";
        Summary { id: i64, kind: AppraisalKind, state: AppraisalState, records: u64, by: String, at: String } =>
            "鉴定单 {id}  {kind}  {state}  {records} 件  {by} 提出于 {at}",
            "appraisal {id}  {kind}  {state}  {records} records  proposed by {by} at {at}";
        DecidedBy { by: String, at: String } => "  审批：{by}，{at}", "  decided by {by} at {at}";
        CarriedOutBy { by: String, at: String, witness: String } =>
            "  执行：{by}，{at}，监销人 {witness}", "  carried out by {by} at {at}, witness {witness}";
        Printed { records: u64, path: String } => "已写出 {records} 件到 {path}", "wrote {records} records to {path}";
        OnRecord { id: i64, kind: AppraisalKind, state: AppraisalState, decision: Box<AppraisalMsg>, at: String } =>
            "鉴定单 {id}（{kind}，{state}，{at}）：{decision}",
            "appraisal {id} ({kind}, {state}, {at}): {decision}";
        AskPropose { records: u64, verdict: Verdict } =>
            "提出鉴定单：{records} 件拟「{verdict}」，交由另一人审批？(y/n)",
            "propose an appraisal: {verdict} {records} records, for another person to approve? (y/n)";
        AskApprove { id: i64, records: u64 } =>
            "批准鉴定单 {id}（{records} 件）？除销毁外的决定立即生效 (y/n)",
            "approve appraisal {id} ({records} records)? All but destruction takes effect now (y/n)";
        AskReject { id: i64 } => "不批准鉴定单 {id}？(y/n)", "reject appraisal {id}? (y/n)";
        SheetLine { file: String, line: u64, column: String, what: Box<super::Msg> } =>
            "{file}:{line}: {column}: {what}", "{file}:{line}: {column}: {what}";
        SheetRefused { file: String, errors: u64 } =>
            "{file}：{errors} 处错误；没有提出任何鉴定", "{file}: {errors} errors; nothing was proposed";
        SheetEmpty { file: String } => "{file} 中没有决定", "{file} holds no decisions";
        PrintFormat { path: String } =>
            "{path}：鉴定单只能写成 .xlsx 或 .csv", "{path}: an appraisal is written as .xlsx or .csv";
        Note { note: String } => "  说明：{note}", "  note: {note}";
        NoColumn { column: String } =>
            "缺少「{column}」列",
            "the column \"{column}\" is missing";
    }
}
