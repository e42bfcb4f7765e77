//! The native TOML lexicon parser and the linter on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lexiscope::lexicon::{lint::lint, parse_native, to_native_toml};

fuzz_target!(|data: &[u8]| {
    if let Ok(lex) = parse_native(data, "fuzz.toml") {
        let _ = lint(&lex);
        // What we write, we read back.
        let again = parse_native(to_native_toml(&lex).as_bytes(), "again.toml").expect("round trip");
        assert_eq!(lex.categories.len(), again.categories.len());
    }
});
