//! Messages of the yearly statistics (统计): the names of sections, breakdowns and figures, their
//! units, and what each figure counts.

use super::{Lang, messages};
use crate::domain::stats::{Figure, Group, Key, Section, Statistics, Unit};
use crate::domain::{Carrier, Classification, LoanKind, Openness, Retention};

messages! {
    StatsMsg {
        YearOutside { year: i32, first: i32, last: i32 } =>
            "没有 {year} 年的统计：年度须在 {first} 至 {last} 之间",
            "no statistics for {year}: the year must be from {first} to {last}";
        Title { year: i32, scope: String, ceiling: Classification } =>
            "{year} 年度档案统计  {scope}  密级{ceiling}及以下",
            "Archive statistics {year}  {scope}  up to {ceiling}";
        AllFonds => "全部全宗", "all fonds";
        ColSection => "部分", "section";
        ColGroup => "分组", "breakdown";
        ColItem => "项目", "item";
        ColValue => "数值", "value";
        ColUnit => "单位", "unit";
        ColCounts => "统计口径", "what it counts";
        ColKey => "代码", "key";
        SheetName => "统计", "statistics";
        Written { path: String } => "已写出统计：{path}", "statistics written to {path}";
        Format { format: String } =>
            "不认识的格式「{format}」：可用 `table`、`csv`、`xlsx`、`json`",
            "unknown format \"{format}\": use table, csv, xlsx or json";
        XlsxNeedsFile =>
            "xlsx 是二进制文件，须用 `-o 文件.xlsx` 写到文件",
            "xlsx is a binary file; write it to a file with `-o FILE.xlsx`";
        Holdings { year: i32 } => "馆藏（{year} 年底）", "Holdings (end of {year})";
        Additions { year: i32 } => "{year} 年接收进馆", "Added in {year}";
        Destructions { year: i32 } => "{year} 年销毁", "Destroyed in {year}";
        Use { year: i32 } => "{year} 年利用", "Use in {year}";
        Digital { year: i32 } => "数字档案（{year} 年底）", "Digital objects (end of {year})";
        Transition { year: i32 } => "双轨过渡（{year} 年底）", "Dual-track transition (end of {year})";
        Total => "合计", "totals";
        ByFonds => "按全宗", "by fonds";
        VolumesByFonds => "案卷按全宗", "volumes by fonds";
        ByCategory => "按门类", "by category";
        ByRetention => "按保管期限", "by retention";
        ByCarrier => "按载体", "by carrier";
        ByClass => "按密级", "by classification";
        ByOpenness => "按开放标识", "by openness";
        ByVia => "按来源", "by source";
        ByPurpose => "按利用目的（件次）", "by purpose (uses)";
        VisitsByPurpose => "按利用目的（人次）", "by purpose (visits)";
        ByKind => "按利用方式", "by kind of use";
        ByUnit => "按利用单位", "by borrower's unit";
        ByMonth => "按月份", "by month";
        Spans => "全宗年度进度", "fonds-years";
        ShareByFonds => "单轨认证比例按全宗", "certified share by fonds";
        Records => "档案文件", "records";
        Loose => "其中按件整理", "of which arranged as items";
        InVolumes => "其中卷内文件", "of which inside volumes";
        Volumes => "案卷", "volumes";
        Pages => "页数", "pages";
        FondsCount => "全宗", "fonds";
        Added => "接收进馆", "added";
        Destroyed => "销毁", "destroyed";
        Loans => "利用档案", "records used";
        Visits => "利用人次", "visits";
        Overdue => "逾期", "overdue";
        Lost => "遗失", "lost";
        Objects => "数字对象", "digital objects";
        Digitised => "有数字对象的档案", "records with objects";
        DigitisedPages => "其著录页数", "their declared pages";
        Bytes => "容量", "size";
        ObjectsAdded => "本年挂接的数字对象", "objects attached in the year";
        BytesAdded => "本年挂接的容量", "size attached in the year";
        Held => "在馆档案", "records held";
        Certified => "已认证单轨范围内的档案", "records under certified scopes";
        Share => "单轨认证比例", "certified share";
        YearsIn { track: crate::domain::stats::Track } => "{track}的全宗年度", "fonds-years {track}";
        NoUnit => "（未填单位）", "(no unit given)";
        NoCategory => "（不分门类）", "(no category)";
        Month { month: u32 } => "{month} 月", "month {month}";
        UnitRecord => "件", "records";
        UnitVolume => "卷", "volumes";
        UnitPage => "页", "pages";
        UnitFonds => "个", "fonds";
        UnitUse => "件次", "uses";
        UnitVisit => "人次", "visits";
        UnitObject => "个", "objects";
        UnitByte => "字节", "bytes";
        UnitPercent => "%", "%";
        UnitFondsYear => "个", "fonds-years";
        WhatFonds => "年底有在馆档案的全宗", "fonds with records held at the year's end";
        WhatRecords =>
            "年底在馆的档案文件（件），含卷内文件；已销毁的不计",
            "records held at the year's end, those inside volumes too; destroyed ones not counted";
        WhatLoose => "不在案卷中的文件（按件整理）", "records not inside a volume (arranged as items)";
        WhatInVolumes => "案卷中的文件（卷内文件）", "records inside volumes";
        WhatVolumes => "年底前已建的案卷", "volumes made by the year's end";
        WhatPages => "在馆档案著录的页数之和", "the pages the records held declare, added up";
        WhatBreakdown =>
            "年底在馆的档案文件（件）；密级、开放标识等按档案现在的著录",
            "records held at the year's end; classification, openness and the rest as described now";
        WhatAdded =>
            "本年著录、导入或接收进馆的档案文件（件），其后销毁的也计",
            "records entered, imported or received in the year, counted even if destroyed since";
        WhatDestroyed =>
            "本年按已批准的销毁清册销毁的档案文件（件）",
            "records destroyed in the year by an approved destruction list";
        WhatVisits =>
            "本年借出、阅览、复制的人次：同一人同一天计一次",
            "people served in the year: one person on one day counts once";
        WhatLoans =>
            "本年借出、阅览、复制的档案件次；未批准的申请不计",
            "records lent, read or copied in the year; requests not granted are not counted";
        WhatOverdue =>
            "本年借出的档案中逾期归还或至今逾期未还的件次",
            "of the year's loans, those returned after their due date or still out past it";
        WhatLost => "本年登记遗失的档案（件）", "records marked lost in the year";
        WhatVisitsByPurpose =>
            "本年各利用目的的人次：同一人同一天计一次；同一天为两个目的利用的，两个目的各计一次",
            "people served for each purpose: one person on one day counts once; one served for two purposes that day counts under each";
        NoFonds { fonds: String } => "没有全宗 {fonds}", "there is no fonds {fonds}";
        FormatFromName { path: String } =>
            "看不出要把 {path} 写成什么格式：文件名以 .csv、.xlsx、.json 或 .txt 结尾，或用 --format",
            "cannot tell which format {path} is to be: end its name in .csv, .xlsx, .json or .txt, or give --format";
        ColYear => "年度", "year";
        ColScope => "范围", "scope";
        ColCeiling => "密级上限", "up to";
        WhatPurpose =>
            "本年利用按登记的利用目的",
            "the year's uses by the purpose recorded";
        WhatObjects =>
            "年底在馆档案挂接的数字对象（同一文件挂在两件档案上计两次）",
            "digital objects attached to records held at the year's end (a file on two records counts twice)";
        WhatDigitised => "至少挂接一个数字对象的档案（件）", "records with at least one digital object";
        WhatDigitisedPages =>
            "这些档案著录的页数之和（数字化页数）",
            "the pages those records declare, added up (pages digitised)";
        WhatBytes => "数字对象的字节数之和", "the bytes of the digital objects, added up";
        WhatObjectsAdded => "本年挂接的数字对象及其字节数", "objects attached in the year, and their bytes";
        WhatHeld => "年底在馆的档案文件（件）", "records held at the year's end";
        WhatCertified =>
            "已认证为单轨的台账范围内核对过的档案（件）",
            "records reconciled within paper registers certified single-track";
        WhatShare =>
            "已认证单轨的档案占在馆档案的比例",
            "records under certified scopes as a share of the records held";
        WhatYears =>
            "有在馆档案的全宗年度：已认证、对账中（已导入台账）或未开始",
            "fonds-years holding records: certified, in reconciliation (a register imported) or not started";
        WhatSpans =>
            "连续年度同一进度合为一行，数值为其中在馆档案（件）",
            "consecutive years in the same state on one line, with the records they hold";
    }
}

impl Section {
    pub fn name(self, year: i32) -> StatsMsg {
        match self {
            Section::Holdings => StatsMsg::Holdings { year },
            Section::Additions => StatsMsg::Additions { year },
            Section::Destructions => StatsMsg::Destructions { year },
            Section::Use => StatsMsg::Use { year },
            Section::Digital => StatsMsg::Digital { year },
            Section::Transition => StatsMsg::Transition { year },
        }
    }
}

impl Group {
    pub fn name(self) -> StatsMsg {
        match self {
            Group::Total => StatsMsg::Total,
            Group::ByFonds => StatsMsg::ByFonds,
            Group::VolumesByFonds => StatsMsg::VolumesByFonds,
            Group::ByCategory => StatsMsg::ByCategory,
            Group::ByRetention => StatsMsg::ByRetention,
            Group::ByCarrier => StatsMsg::ByCarrier,
            Group::ByClass => StatsMsg::ByClass,
            Group::ByOpenness => StatsMsg::ByOpenness,
            Group::ByVia => StatsMsg::ByVia,
            Group::ByPurpose => StatsMsg::ByPurpose,
            Group::VisitsByPurpose => StatsMsg::VisitsByPurpose,
            Group::ByKind => StatsMsg::ByKind,
            Group::ByUnit => StatsMsg::ByUnit,
            Group::ByMonth => StatsMsg::ByMonth,
            Group::Spans => StatsMsg::Spans,
            Group::ShareByFonds => StatsMsg::ShareByFonds,
        }
    }
}

impl Unit {
    pub fn name(self) -> StatsMsg {
        match self {
            Unit::Record => StatsMsg::UnitRecord,
            Unit::Volume => StatsMsg::UnitVolume,
            Unit::Page => StatsMsg::UnitPage,
            Unit::Fonds => StatsMsg::UnitFonds,
            Unit::Use => StatsMsg::UnitUse,
            Unit::Visit => StatsMsg::UnitVisit,
            Unit::Object => StatsMsg::UnitObject,
            Unit::Byte => StatsMsg::UnitByte,
            Unit::Percent => StatsMsg::UnitPercent,
            Unit::FondsYear => StatsMsg::UnitFondsYear,
        }
    }
}

/// A vocabulary value by its name in the language, or the stored text if it is none of them.
fn named<V: super::Arg>(code: &str, parse: fn(&str) -> Option<V>, lang: Lang) -> String {
    parse(code).map_or_else(|| code.to_string(), |v| v.arg(lang))
}

/// What a figure is, in words: a total's name, or the breakdown's value (a fonds with its name).
pub fn figure_label(figure: &Figure, stats: &Statistics, lang: Lang) -> String {
    let text = |m: StatsMsg| m.text(lang);
    match &figure.key {
        Key::Records if figure.section == Section::Transition => text(StatsMsg::Held),
        Key::Records => text(StatsMsg::Records),
        Key::Loose => text(StatsMsg::Loose),
        Key::InVolumes => text(StatsMsg::InVolumes),
        Key::Volumes => text(StatsMsg::Volumes),
        Key::Pages => text(StatsMsg::Pages),
        Key::FondsCount => text(StatsMsg::FondsCount),
        Key::Added => text(StatsMsg::Added),
        Key::Destroyed => text(StatsMsg::Destroyed),
        Key::Loans => text(StatsMsg::Loans),
        Key::Visits => text(StatsMsg::Visits),
        Key::Overdue => text(StatsMsg::Overdue),
        Key::Lost => text(StatsMsg::Lost),
        Key::Objects => text(StatsMsg::Objects),
        Key::Digitised => text(StatsMsg::Digitised),
        Key::DigitisedPages => text(StatsMsg::DigitisedPages),
        Key::Bytes => text(StatsMsg::Bytes),
        Key::ObjectsAdded => text(StatsMsg::ObjectsAdded),
        Key::BytesAdded => text(StatsMsg::BytesAdded),
        Key::Certified => text(StatsMsg::Certified),
        Key::Share => text(StatsMsg::Share),
        Key::YearsIn(track) => text(StatsMsg::YearsIn { track: *track }),
        Key::Fonds(code) => match stats.fonds_names.get(code) {
            Some(name) => format!("{code} {name}"),
            None => code.clone(),
        },
        Key::Category(code) if code == "-" => text(StatsMsg::NoCategory),
        Key::Category(code) => code.clone(),
        Key::Purpose(purpose) if lang == Lang::En => {
            crate::domain::loan::purpose_en(purpose).map_or(purpose.clone(), str::to_string)
        }
        Key::Purpose(purpose) => purpose.clone(),
        Key::Unit(unit) if unit.is_empty() => text(StatsMsg::NoUnit),
        Key::Unit(unit) => unit.clone(),
        Key::Retention(code) => named(code, Retention::from_code_part, lang),
        Key::Carrier(code) => named(code, Carrier::parse, lang),
        Key::Class(code) => named(code, Classification::parse, lang),
        Key::Openness(code) => named(code, Openness::parse, lang),
        Key::Kind(code) => named(code, LoanKind::parse, lang),
        Key::Via(code) => named(code, crate::domain::stats::Via::parse, lang),
        Key::Month(month) => text(StatsMsg::Month { month: *month }),
        Key::Span {
            fonds,
            from,
            to,
            track,
        } => {
            let years = match from == to {
                true => from.to_string(),
                false => format!("{from}-{to}"),
            };
            let track = super::Arg::arg(track, lang);
            format!("{fonds} {years} {track}")
        }
    }
}

/// What a figure counts, for the 说明 column.
pub fn figure_counts(figure: &Figure) -> StatsMsg {
    use {Group as G, Key as K, Section as S};
    match (figure.section, figure.group, &figure.key) {
        (S::Holdings, G::Total, K::FondsCount) => StatsMsg::WhatFonds,
        (S::Holdings, G::Total, K::Records) => StatsMsg::WhatRecords,
        (S::Holdings, G::Total, K::Loose) => StatsMsg::WhatLoose,
        (S::Holdings, G::Total, K::InVolumes) => StatsMsg::WhatInVolumes,
        (S::Holdings, G::Total, K::Pages) => StatsMsg::WhatPages,
        (S::Holdings, G::Total | G::VolumesByFonds, _) => StatsMsg::WhatVolumes,
        (S::Holdings, _, _) => StatsMsg::WhatBreakdown,
        (S::Additions, _, _) => StatsMsg::WhatAdded,
        (S::Destructions, _, _) => StatsMsg::WhatDestroyed,
        (S::Use, G::Total, K::Visits) => StatsMsg::WhatVisits,
        (S::Use, G::VisitsByPurpose, _) => StatsMsg::WhatVisitsByPurpose,
        (S::Use, G::Total, K::Overdue) => StatsMsg::WhatOverdue,
        (S::Use, G::Total, K::Lost) => StatsMsg::WhatLost,
        (S::Use, G::ByPurpose, _) => StatsMsg::WhatPurpose,
        (S::Use, _, _) => StatsMsg::WhatLoans,
        (S::Digital, _, K::Objects) => StatsMsg::WhatObjects,
        (S::Digital, _, K::Digitised) => StatsMsg::WhatDigitised,
        (S::Digital, _, K::DigitisedPages) => StatsMsg::WhatDigitisedPages,
        (S::Digital, _, K::Bytes) => StatsMsg::WhatBytes,
        (S::Digital, _, _) => StatsMsg::WhatObjectsAdded,
        (S::Transition, G::Total, K::Records) => StatsMsg::WhatHeld,
        (S::Transition, G::Total, K::Certified) => StatsMsg::WhatCertified,
        (S::Transition, G::Total, K::YearsIn(_)) => StatsMsg::WhatYears,
        (S::Transition, G::Spans, _) => StatsMsg::WhatSpans,
        (S::Transition, _, _) => StatsMsg::WhatShare,
    }
}
