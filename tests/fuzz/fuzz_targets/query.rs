#![no_main]
//! Any text typed into search: a query is built and a title highlighted, never a panic.

libfuzzer_sys::fuzz_target!(|text: &str| {
    let query = dangan::domain::query::SearchQuery::parse(text);
    let marks = dangan::domain::highlight::highlight("《关于“国际档案日”活动的通知》—第１号 GB/T", &query);
    for mark in marks {
        assert!(mark.start <= mark.end);
    }
});
