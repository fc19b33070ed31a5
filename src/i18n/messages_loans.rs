//! Messages about loans (借阅).

use super::messages;
use crate::domain::{Classification, Status};

messages! {
    LoanMsg {
        Required { field: super::S } => "{field}不能为空", "{field} is required";
        OneLine { field: super::S } =>
            "{field}：一行，最多 100 个字",
            "{field}: one line of at most 100 characters";
        Purpose { standard: String, max: u64 } =>
            "利用目的应为 {standard} 之一，或自拟不超过 {max} 个字",
            "a purpose (利用目的) is one of {standard} or up to {max} characters of your own";
        DueBeforeToday { due: String, today: String } =>
            "应还日期 {due} 早于今天（{today}）",
            "the due date {due} is before today ({today})";
        AlreadyOut { code: String } => "{code} 已借出，归还后才能再借", "{code} is out on loan already";
        NotInStore { code: String, status: Status } =>
            "{code} 的状态是“{status}”，不在库",
            "{code} is {status}, not in the store";
        NeedsApprover { code: String, class: Classification } =>
            "{code} 为{class}：借出需要批准人（--approver 姓名）",
            "{code} is {class}: lending it needs an approver (--approver NAME)";
        ApproverIsLender =>
            "批准人必须是借出人以外的人",
            "the approver must be someone other than the one lending";
        NotAnApprover { name: String } =>
            "{name} 不是可以批准的档案员或管理员",
            "{name} is not an archivist or admin who can approve";
        NoSuchLoan { id: i64 } => "没有借阅记录 {id}", "no loan {id}";
        NotOut { code: String } => "{code} 没有借出", "{code} is not out on loan";
        RenewalTooEarly { current: String } =>
            "续借必须把应还日期推到 {current} 之后",
            "a renewal must move the due date past {current}";
        NoDay { text: String } => "“{text}”须给出日", "{text:?} must give the day";
        KindUnknown { text: String, choices: super::messages_records::Vocabulary } =>
            "利用方式“{text}”：应为 {choices}",
            "--kind {text:?}: use {choices}";
    }
}
