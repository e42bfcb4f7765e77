//! The date parser and period buckets on any string.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lexiscope::source::date::{Period, parse_date};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Some(t) = parse_date(s) {
        for p in [Period::Day, Period::Week, Period::Month, Period::Year] {
            assert!(!p.bucket(t).is_empty());
        }
    }
});
