//! X/Twitter API v2 (twarc) reading: any bytes as a twarc file, every record decoded; nothing
//! panics and every record is a post or a counted skip.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lexiscope::source::{Batch, InputFormat, Source, SourceOptions};

fuzz_target!(|data: &[u8]| {
    for no_header in [false] {
        let opts = SourceOptions {
            format: Some(InputFormat::X),
            no_header,
            text: if no_header { vec!["1".into()] } else { Vec::new() },
            max_record_bytes: 1 << 16,
            ..SourceOptions::default()
        };
        let Ok(mut src) = Source::from_bytes("fuzz.jsonl", data.to_vec(), &opts) else { return };
        let mut batch = Batch::default();
        while let Ok(n) = src.fill(&mut batch) {
            if n == 0 {
                break;
            }
            for i in 0..batch.len() {
                src.decoder.decode_each(&batch, i, &mut |post| {
                    if let Ok(post) = post {
                        assert!(post.line >= 1 || batch.is_empty());
                    }
                });
            }
        }
    }
});
