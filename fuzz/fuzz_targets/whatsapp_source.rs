//! WhatsApp chat export reading: any bytes as an exported .txt; nothing panics and every record is a post or a counted skip.
#![no_main]
use lexiscope::source::InputFormat;
use lexiscope_fuzz::read_all;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    read_all("chat.txt", InputFormat::Whatsapp, data, false);
});
