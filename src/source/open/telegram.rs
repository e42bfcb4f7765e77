//! Opening a Telegram Desktop `result.json`: the document read whole, its
//! messages projected onto posts.

use std::io::BufRead;

use crate::error::Result;
use crate::source::input::{Decoder, ReaderKind, SourceInfo, platform_info};
use crate::source::options::{InputFormat, SourceOptions};
use crate::source::projection::Projection;
use crate::source::telegram;

pub(crate) fn open(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo)> {
    let (proj, text, id, date) = Projection::new(path, telegram::SCHEMA, telegram::DEFAULTS, opts)?;
    let rdr = telegram::TelegramReader::new(reader, path)?;
    let mut info = platform_info(
        path,
        InputFormat::Telegram,
        (text, id, date),
        opts.text.is_empty(),
    );
    info.note = Some(format!(
        "{} chat(s), {} messages; service messages counted as service_message",
        rdr.chats.len(),
        rdr.len()
    ));
    let decoder = Decoder::Telegram(telegram::TelegramDecoder::new(proj, rdr.chats.clone()));
    Ok((ReaderKind::Telegram(rdr), decoder, info))
}
