//! Messages about reconciling paper registers (双轨核对).

use super::messages;
use crate::domain::register::{LineKind, Resolution};

impl super::Arg for Resolution {
    fn arg(&self, lang: super::Lang) -> String {
        match lang {
            super::Lang::Zh => self.label_zh().to_string(),
            super::Lang::En => self.code().to_string(),
        }
    }
}

impl super::Arg for LineKind {
    fn arg(&self, lang: super::Lang) -> String {
        match lang {
            super::Lang::Zh => self.label_zh().to_string(),
            super::Lang::En => self.code().to_string(),
        }
    }
}

messages! {
    ReconcileMsg {
        NoRegister { scope: String } =>
            "{scope} 还没有纸质台账；用 `dangan reconcile import 文件 --scope {scope}` 导入",
            "no register for {scope}; bring one in with `dangan reconcile import FILE --scope {scope}`";
        EmptyRegister => "台账至少需要一行", "a register needs at least one line";
        HasRegister { scope: String } =>
            "{scope} 已有台账；一个范围只对照一本台账",
            "{scope} already has a register; a scope is reconciled against one register";
        NoLine { line: u64, scope: String } =>
            "{scope} 的台账里没有第 {line} 行",
            "no line {line} in the register of {scope}";
        NotDigitalOnly { code: String, scope: String } =>
            "{code} 不在 {scope} 的仅电子记录中",
            "{code} is not among the digital-only records of {scope}";
        Closed { scope: String } =>
            "{scope} 已认证单轨，台账已关闭",
            "{scope} is certified single-track; its register is closed";
        DoesNotApply { resolution: Resolution, kind: LineKind } =>
            "“{resolution}”不适用于“{kind}”的行",
            "{resolution} does not apply to a line that is {kind}";
        AskCertify { scope: String } =>
            "认证 {scope} 为单轨？认证后台账不能再改动。y 认证，n 取消",
            "Certify {scope} as single-track? Nothing in its register can change afterwards. y certifies, n cancels";
        AskCorrect { fields: String, code: String } =>
            "把纸质的{fields}写入 {code}（存为新版本）？y 写入，n 取消",
            "Write the paper's {fields} into {code} (as a new version)? y writes, n cancels";
        AskCreate { line: u64, code: String } =>
            "按纸质第 {line} 行新建档案 {code}？y 新建，n 取消",
            "Make record {code} from paper line {line}? y makes it, n cancels";
        NotDecided => "这一行还没有决定，无可撤销", "this line has no decision to take back";
        ChangedARecord { resolution: Resolution } =>
            "“{resolution}”已改动档案，不能撤销；请直接修改该档案",
            "“{resolution}” changed a record and cannot be taken back; edit the record itself";
        NoteOneLine => "备注：一行文字", "the note: one line of text";
        DigitalOnlyHasNoLine => "仅电子的记录没有纸质行", "a digital-only record has no paper line";
        MatchedElsewhere { code: String, line: u64 } =>
            "{code} 已与第 {line} 行对应；一件档案只对应一行",
            "{code} is already matched to line {line}; one record answers one line";
        MatchedTo { line: u64 } => "已改配到第 {line} 行", "matched to line {line}";
        LineRecordGone { line: u64 } => "第 {line} 行对应的档案", "the record of line {line}";
        OnlyCodeDiffers { line: u64 } =>
            "第 {line} 行：只有档号不同；档号不按纸质更正",
            "line {line}: only the code differs; a code is not corrected from paper";
        LineCode { line: u64, problem: Box<super::Msg> } =>
            "第 {line} 行：补录需要纸质上的有效档号（{problem}）",
            "line {line}: a record needs a valid code from the paper ({problem})";
        LineOtherFonds { line: u64, code: String, fonds: String } =>
            "第 {line} 行：{code} 不属于全宗 {fonds}",
            "line {line}: {code} is not in fonds {fonds}";
        LineField { line: u64, problem: Box<super::Msg> } => "第 {line} 行：{problem}", "line {line}: {problem}";
        AlreadyCertified { scope: String, by: String, at: String } =>
            "{scope} 已由 {by} 于 {at} 认证",
            "{scope} was certified by {by} at {at}";
        OpenLines { scope: String, open: super::Count, first: super::msg::List } =>
            "{scope} 还有 {open}（{first}……）；全部处理后才能认证",
            "{scope} has {open} ({first}…); decide them before certifying";
        ADigitalOnlyRecord => "一件仅电子的档案", "a digital-only record";
        LineNumber { line: u64 } => "第 {line} 行", "line {line}";
        RegisterNeedsSight { scope: String } =>
            "为 {scope} 导入纸质台账需要能看到该全宗全部档案的密级",
            "bringing in a register for {scope} needs a clearance that sees every record of its fonds";
        CertifyNeedsSight { scope: String } =>
            "认证 {scope} 需要能看到该全宗及其台账全部档案的密级",
            "certifying {scope} needs a clearance that sees every record of its fonds and register";
        NotLineRef { text: String } =>
            "“{text}”既不是行号，也不是档号",
            "{text:?} is neither a line number nor an archival code";
        NotScope { text: String } =>
            "“{text}”不是范围：应写作 全宗[/年度 或 年度-年度][/盒起-止]，如 J001/2019",
            "{text:?} is not a scope: write FONDS[/YEAR or YEAR-YEAR][/盒FROM-TO], e.g. J001/2019";
        NotDecision { text: String, choices: String } =>
            "“{text}”不是处理方式：{choices}",
            "{text:?} is not a decision: {choices}";
    }
}
