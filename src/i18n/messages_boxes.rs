//! Messages about boxes (盒), the stacks and stocktakes.

use super::messages;

messages! {
    BoxMsg {
        NoSuchBox { code: String } => "没有盒 {code}", "no box {code}";
        NoBoxes { group: String } => "{group} 还没有装盒", "{group} has no boxes yet";
        NothingToBox { group: String } =>
            "{group} 没有尚未装盒的档案",
            "{group} has no records left to box";
        LocationRequired =>
            "位置（库房-列-节-层，如 1号库-03-02-4）不能为空，且只能是一行",
            "a location (库房-列-节-层, e.g. 1号库-03-02-4) is required, on one line";
        ReasonRequired =>
            "出库要写明事由（借阅、数字化、修裱……）",
            "taking a box out needs a reason (借阅, 数字化, 修裱 …)";
        BadNote => "备考表各项只能是一行文字", "each item of the 备考表 is one line of text";
        AlreadyOut { code: String, why: String } =>
            "{code} 已出库（{why}），入库后才能再出库",
            "{code} is out of the stacks already ({why}); bring it back first";
        NotOut { code: String } => "{code} 在库，没有出库", "{code} is in the stacks, not out";
        BadGroup { text: String } =>
            "“{text}”不是档号的分组（如 J001-2019-Y-BGS 或 Z109-WS·2011-Y）",
            "{text:?} is not a code group (e.g. J001-2019-Y-BGS or Z109-WS·2011-Y)";
        Made { count: u64, first: String, last: String, location: String } =>
            "已装 {count} 盒：{first} … {last}，放在 {location}",
            "made {count} boxes: {first} … {last}, at {location}";
        MadeOne { code: String, location: String } =>
            "已装 1 盒：{code}，放在 {location}",
            "made 1 box: {code}, at {location}";
        Moved { code: String, to: String } => "{code} 已移到 {to}", "{code} moved to {to}";
        Noted { code: String } => "{code} 的备考表已填写", "{code}: 备考表 filled in";
        TakenOut { code: String } => "{code} 已出库", "{code} is out of the stacks";
        BroughtBack { code: String } => "{code} 已入库", "{code} is back in the stacks";
        Line { code: String, items: String, count: u64, pages: u64, location: String, out: String } =>
            "{code}  件号 {items}  {count} 件 {pages} 页  {location}{out}",
            "{code}  items {items}  {count} records {pages} pages  {location}{out}";
        ShowBox { code: String, location: String, items: String, count: u64, pages: u64 } =>
            "{code}\n位置    {location}\n件号    {items}（{count} 件，{pages} 页）",
            "{code}\nlocation  {location}\nitems     {items} ({count} records, {pages} pages)";
        ShowNote { note: String, arranged_by: String, checked_by: String, date: String } =>
            "备考表  盒内情况说明：{note}；整理人：{arranged_by}；检查人：{checked_by}；日期：{date}",
            "备考表  contents: {note}; arranged by: {arranged_by}; checked by: {checked_by}; date: {date}";
        ShowMove { from: String, to: String, at: String, by: String } =>
            "移架    {at}  {by}：{from} → {to}",
            "moved    {at}  {by}: {from} → {to}";
        ShowStack { out: String, reason: String, at: String, by: String } =>
            "{out}    {at}  {by}  {reason}",
            "{out}  {at}  {by}  {reason}";
        WentOut => "出库", "out";
        CameIn => "入库", "in ";
        OutFor { why: String } => "  已出库：{why}", "  out: {why}";
        Stocktaken { stretch: String, expected: u64, found: u64, missing: u64, misplaced: u64, unknown: u64 } =>
            "清点 {stretch}：应在 {expected}（盒、卷），见到 {found}；缺 {missing}，错架 {misplaced}，不明 {unknown}",
            "stocktake of {stretch}: {expected} boxes and volumes expected, {found} seen; {missing} missing, {misplaced} misplaced, {unknown} unknown";
        Missing { code: String } => "缺    {code}", "missing    {code}";
        Misplaced { code: String, at: String } =>
            "错架  {code}（登记在 {at}）",
            "misplaced  {code} (recorded at {at})";
        Unknown { code: String } => "不明  {code}", "unknown    {code}";
    }
}
