//! Opening a WhatsApp "Export chat" text: messages split by the reader as
//! it streams, day/month order decided per file.

use std::io::BufRead;

use crate::error::Result;
use crate::source::input::{Decoder, ReaderKind, SourceInfo, platform_info};
use crate::source::options::{InputFormat, SourceOptions};
use crate::source::projection::Projection;
use crate::source::whatsapp;

pub(crate) fn open(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo)> {
    let (proj, text, id, date) = Projection::new(path, whatsapp::SCHEMA, whatsapp::DEFAULTS, opts)?;
    let rdr = whatsapp::WhatsappReader::new(reader, path, opts.dayfirst, opts.max_record())?;
    let mut info = platform_info(
        path,
        InputFormat::Whatsapp,
        (text, id, date),
        opts.text.is_empty(),
    );
    info.note = Some(rdr.describe());
    Ok((
        ReaderKind::Whatsapp(rdr),
        Decoder::Whatsapp(whatsapp::WhatsappDecoder::new(proj)),
        info,
    ))
}
