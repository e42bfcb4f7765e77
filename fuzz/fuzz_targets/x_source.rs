//! X/Twitter API v2 (twarc) reading: any bytes as a twarc file; nothing panics and every record is a post or a counted skip.
#![no_main]
use lexiscope::source::InputFormat;
use lexiscope_fuzz::read_all;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    read_all("fuzz.jsonl", InputFormat::X, data, false);
});
