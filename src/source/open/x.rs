//! Opening an X/Twitter API v2 input (twarc pages, stream lines, flattened
//! tweets): its fixed schema projected onto posts.

use std::io::BufRead;

use crate::error::Result;
use crate::source::input::{Decoder, ReaderKind, SourceInfo, platform_info};
use crate::source::options::{InputFormat, SourceOptions};
use crate::source::projection::Projection;
use crate::source::{jsonl, x};

pub(crate) fn open(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo)> {
    let (proj, text, id, date) = Projection::new(path, x::SCHEMA, x::DEFAULTS, opts)?;
    let mut info = platform_info(path, InputFormat::X, (text, id, date), opts.text.is_empty());
    info.note = Some(
        "full text preferred (note_tweet, retweeted tweet); API errors counted as api_error"
            .to_string(),
    );
    let rdr = jsonl::JsonlReader::new(reader, path, x::page_limit(opts.max_record()))
        .marking_invalid_utf8();
    Ok((
        ReaderKind::Jsonl(rdr),
        Decoder::X(x::XDecoder::new(proj, opts.max_record())),
        info,
    ))
}
