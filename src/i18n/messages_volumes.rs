//! Messages about volumes (案卷) and their catalogues (目录).

use super::messages;

messages! {
    VolumeMsg {
        NoSuchVolume { code: String } => "没有案卷 {code}", "no volume {code}";
        VolumeTaken { code: String } => "案卷号 {code} 已有案卷", "volume {code} already exists";
        NotByVolume { fonds: String, example: String } =>
            "全宗 {fonds} 不按案卷整理，它的档案按件编号，如 {example}（用 `dangan fonds scheme {fonds} volume` 改为按卷）",
            "fonds {fonds} is not arranged by volume; its records are numbered by item, e.g. {example} (change it with `dangan fonds scheme {fonds} volume`)";
        NotBoxed =>
            "按卷整理的档案不装盒：案卷本身上架（用 `dangan volume move` 定位置）",
            "records arranged by volume are not boxed: the volume itself stands on the shelf (place it with `dangan volume move`)";
        DatesReversed { start: String, end: String } =>
            "起止日期颠倒：止日期 {end} 早于起日期 {start}",
            "the dates run backwards: the end {end} is before the start {start}";
        ItemAboveVolume { code: String } =>
            "{code} 是案卷内的文件，它的密级由案卷决定：先修改案卷",
            "{code} is inside a volume, whose 密级 covers it: change the volume first";
        Added { code: String } => "已建案卷 {code}", "volume {code} added";
        Edited { code: String, fields: String } => "已修改案卷 {code}：{fields}", "volume {code} changed: {fields}";
        Unchanged { code: String } => "案卷 {code} 没有改变", "volume {code}: nothing changed";
        NotLowered { code: String, class: String } =>
            "{code} 的密级（{class}）不能在此降低：降密、解密要经鉴定",
            "the 密级 of {code} ({class}) is not lowered here: declassifying is an appraisal";
        Moved { code: String, to: String } => "{code} 已移到 {to}", "{code} moved to {to}";
        CatalogueLine { catalogue: String, volumes: u64, items: u64 } =>
            "目录 {catalogue}  {volumes} 卷  {items} 件",
            "catalogue {catalogue}  {volumes} volumes  {items} items";
        Line { code: String, title: String, dates: String, retention: String, items: u64, pages: String, location: String } =>
            "{code}  {title}  {dates}  {retention}  {items} 件  {pages}  {location}",
            "{code}  {title}  {dates}  {retention}  {items} items  {pages}  {location}";
        Pages { pages: u64 } => "{pages} 页", "{pages} pages";
        Show { code: String, title: String, year: u64, dates: String, retention: String, class: String, items: u64, pages: String, location: String } =>
            "{code}  {title}\n年度    {year}\n起止    {dates}\n期限    {retention}\n密级    {class}\n卷内    {items} 件  {pages}\n位置    {location}",
            "{code}  {title}\nyear      {year}\ndates     {dates}\nretention {retention}\nclass     {class}\ninside    {items} items  {pages}\nlocation  {location}";
        ItemLine { number: u64, doc_no: String, responsible: String, title: String, date: String, pages: String } =>
            "  {number:>3}  {doc_no}  {responsible}  {title}  {date}  {pages}",
            "  {number:>3}  {doc_no}  {responsible}  {title}  {date}  {pages}";
        Empty => "（卷内尚无文件）", "(nothing inside yet)";
        NoVolumes { fonds: String } => "全宗 {fonds} 没有您可见的案卷", "fonds {fonds} has no volumes you can see";
        Printed { what: String, count: u64, path: String } =>
            "已写出{what}（{count} 行）到 {path}",
            "wrote the {what} ({count} rows) to {path}";
        VolumeList => "案卷目录", "volume list (案卷目录)";
        Contents => "卷内目录", "list of contents (卷内目录)";
    }
}
