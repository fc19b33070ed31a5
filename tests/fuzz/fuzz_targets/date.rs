#![no_main]
//! Any text as a record date: parsed or refused, never a panic; a parsed date prints and
//! parses back to itself.

libfuzzer_sys::fuzz_target!(|text: &str| {
    if let Ok(date) = text.parse::<dangan::domain::RecordDate>() {
        let again = date.to_string().parse::<dangan::domain::RecordDate>();
        assert_eq!(again.ok(), Some(date), "{text:?}");
    }
});
