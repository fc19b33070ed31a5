#![no_main]
//! Any text as an archival code: parsed or refused, never a panic; a parsed code prints and
//! parses back to itself.

libfuzzer_sys::fuzz_target!(|text: &str| {
    if let Ok(code) = text.parse::<dangan::domain::ArchivalCode>() {
        let again = code.to_string().parse::<dangan::domain::ArchivalCode>();
        assert_eq!(again.ok(), Some(code), "{text:?}");
    }
});
