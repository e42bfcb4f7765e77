//! What the source fuzz targets share: read every record of some bytes as
//! one input format, decoding each on this thread.

use lexiscope::source::{Batch, InputFormat, Source, SourceOptions};

/// Read `data` as the file `name` in `format`; nothing may panic, and every
/// post has a line number.
pub fn read_all(name: &str, format: InputFormat, data: &[u8], no_header: bool) {
    let opts = SourceOptions {
        format: Some(format),
        no_header,
        text: if no_header { vec!["1".into()] } else { Vec::new() },
        max_record_bytes: 1 << 16,
        ..SourceOptions::default()
    };
    let Ok(mut src) = Source::from_bytes(name, data.to_vec(), &opts) else {
        return;
    };
    let mut batch = Batch::default();
    while let Ok(n) = src.fill(&mut batch) {
        if n == 0 {
            break;
        }
        for i in 0..batch.len() {
            src.decoder.decode_each(&batch, i, &mut |post| {
                if let Ok(post) = post {
                    assert!(post.line >= 1, "a post without a line number");
                }
            });
        }
    }
}
