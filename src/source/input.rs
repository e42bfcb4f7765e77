//! An opened input ([`Source`]): its sequential reader, the decoder the
//! worker threads share, and what was resolved about it ([`SourceInfo`]).

use std::sync::Arc;

use super::decompress::{Compression, ReadStats};
use super::options::InputFormat;
use super::post::{Batch, Post, Skip};
use super::{arrow, csv, jsondoc, jsonl, preset, telegram, whatsapp, x};
use crate::error::Result;
use crate::text::encoding::Transcoding;

/// Decodes records of one input into posts; `Sync`, shared by all threads.
#[derive(Clone, Debug)]
pub enum Decoder {
    /// CSV columns.
    Csv(csv::CsvDecoder),
    /// JSON paths (JSONL lines and the records of JSON documents).
    Jsonl(jsonl::JsonDecoder),
    /// X API v2 lines: a page expands into its tweets.
    X(x::XDecoder),
    /// Telegram messages.
    Telegram(telegram::TelegramDecoder),
    /// WhatsApp messages (split by the reader).
    Whatsapp(whatsapp::WhatsappDecoder),
}

impl Decoder {
    /// Decode record `i` of `batch` into its posts (or skips), handed to
    /// `emit` in input order: one for CSV, JSONL, Telegram and WhatsApp
    /// records, any number for an X response page (its tweets, then its
    /// error entries). Runs on the worker threads.
    ///
    /// A post whose text is a third or more NUL bytes is skipped as
    /// `nul_text`, whatever the format: it is UTF-16 or UTF-32 read as
    /// UTF-8 (`--encoding utf-8` on a UTF-16 file, or a head that did not
    /// tell), and no term could match it.
    pub fn decode_each<'a>(
        &self,
        batch: &'a Batch,
        i: usize,
        emit: &mut dyn FnMut(Result<Post<'a>, Skip>),
    ) {
        let emit = &mut |decoded: Result<Post<'a>, Skip>| match decoded {
            Ok(post) if is_wide_text(&post.text) => emit(Err(Skip {
                line: post.line,
                reason: "nul_text",
                detail: "a third or more of the text is NUL bytes: UTF-16 or UTF-32 read as UTF-8"
                    .to_string(),
            })),
            other => emit(other),
        };
        match self {
            Decoder::Csv(d) => emit(d.decode(batch, i)),
            Decoder::Jsonl(d) => emit(d.decode(batch, i)),
            Decoder::X(d) => d.decode_each(batch, i, emit),
            Decoder::Telegram(d) => emit(d.decode(batch, i)),
            Decoder::Whatsapp(d) => emit(d.decode(batch, i)),
        }
    }
}

/// Whether `text` is mostly characters of a wider encoding seen byte by
/// byte: at least 4 bytes, a third or more of them NUL. A stray NUL (a
/// separator in a damaged export) is not.
fn is_wide_text(text: &str) -> bool {
    let nuls = text.bytes().filter(|&b| b == 0).count();
    text.len() >= 4 && nuls * 3 >= text.len()
}

pub(crate) enum ReaderKind {
    Csv(csv::CsvReader),
    Jsonl(jsonl::JsonlReader),
    JsonDoc(jsondoc::JsonDocReader),
    Arrow(Box<arrow::ArrowRows>),
    Telegram(telegram::TelegramReader),
    Whatsapp(whatsapp::WhatsappReader),
}

/// The sequential half of a source: reads batches of raw records.
pub struct SourceReader(pub(crate) ReaderKind);

impl SourceReader {
    /// Read the next batch; returns the number of records (0 at the end).
    pub fn fill(&mut self, batch: &mut Batch) -> Result<usize> {
        match &mut self.0 {
            ReaderKind::Csv(r) => r.fill(batch, BATCH_RECORDS),
            ReaderKind::Jsonl(r) => r.fill(batch, BATCH_RECORDS, BATCH_BYTES),
            ReaderKind::JsonDoc(r) => r.fill(batch, BATCH_RECORDS, BATCH_BYTES),
            ReaderKind::Arrow(r) => r.fill(batch, BATCH_RECORDS),
            ReaderKind::Telegram(r) => r.fill(batch, BATCH_RECORDS),
            ReaderKind::Whatsapp(r) => r.fill(batch, BATCH_RECORDS),
        }
    }

    /// A warning about what only the whole input showed, once it is read
    /// (WhatsApp: dates against the file's order).
    pub fn closing_note(&self) -> Option<String> {
        match &self.0 {
            ReaderKind::Whatsapp(r) => r.closing_note(),
            _ => None,
        }
    }
}

/// What was resolved about an input, for the user and for provenance.
#[derive(Clone, Debug)]
pub struct SourceInfo {
    /// The path as given (`-` for stdin).
    pub path: String,
    /// Detected or forced format.
    pub format: InputFormat,
    /// CSV delimiter.
    pub delimiter: Option<u8>,
    /// Whether `"` quotes CSV fields (off for unquoted TSV).
    pub quoting: bool,
    /// Compression.
    pub compression: Compression,
    /// Text fields used.
    pub text: Vec<String>,
    /// Whether the text field was auto-detected.
    pub text_detected: bool,
    /// Id field used.
    pub id: Option<String>,
    /// Size of the raw file.
    pub size: Option<u64>,
    /// The CSV preset that applies.
    pub preset: Option<preset::Preset>,
    /// The date field resolved for [`DEFAULT_DATE`](super::DEFAULT_DATE), when it was asked for.
    pub date: Option<String>,
    /// A note for stderr about what the format reads (e.g. day-first dates).
    pub note: Option<String>,
    /// The encoding the input was transcoded from (`None`: UTF-8).
    pub encoding: Option<Transcoding>,
    /// The platform format of JSON records (`reddit-comments`, …).
    pub platform: Option<&'static str>,
    /// Lines end in a carriage return alone (classic Mac OS, some
    /// exporters), read as line ends.
    pub cr_line_ends: bool,
}

impl SourceInfo {
    /// One line for stderr: what is read and how.
    pub fn describe(&self) -> String {
        let mut s = format!("{}: ", self.path);
        s.push_str(match self.format {
            InputFormat::Csv => "CSV",
            InputFormat::Jsonl => "JSONL",
            InputFormat::Json => "JSON document",
            InputFormat::Parquet => "Parquet",
            InputFormat::Arrow => "Arrow table",
            InputFormat::X => "X/Twitter API v2 (twarc)",
            InputFormat::Telegram => "Telegram Desktop export",
            InputFormat::Whatsapp => "WhatsApp chat export",
        });
        if let Some(p) = self.preset {
            s.push_str(&format!(", preset {}", p.name()));
        }
        match self.delimiter {
            Some(b'\t') => s.push_str(" (tab-separated)"),
            Some(b',') | None => {}
            Some(d) => s.push_str(&format!(" ({:?}-separated)", d as char)),
        }
        if !self.quoting {
            s.push_str(", unquoted (a leading \" is text)");
        }
        match self.compression {
            Compression::Gzip => s.push_str(", gzip"),
            Compression::Zstd => s.push_str(", zstd"),
            Compression::None => {}
        }
        let quoted: Vec<String> = self
            .text
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| format!("{t:?}"))
            .collect();
        if quoted.is_empty() {
            // An empty file: no column to name.
            s.push_str(", no text field (the input has no column)");
        } else {
            s.push_str(&format!(
                ", text field {}{}",
                quoted.join(" + "),
                if self.text_detected {
                    " (auto-detected; --text to choose)"
                } else {
                    ""
                }
            ));
        }
        if let Some(id) = &self.id {
            s.push_str(&format!(", id field {id:?}"));
        }
        if let Some(date) = &self.date {
            s.push_str(&format!(", date field {date:?}"));
        }
        if let Some(p) = self.preset {
            s.push_str(&p.offers());
        }
        if let Some(note) = &self.note {
            s.push_str(&format!("; {note}"));
        }
        if self.cr_line_ends {
            s.push_str("; lines end in CR alone (classic Mac), read as line ends");
        }
        s
    }
}

/// The info of an input whose fields are names (JSON paths, or the fixed
/// schema of a platform format): no delimiter, no preset.
pub(crate) fn platform_info(
    path: &str,
    format: InputFormat,
    resolved: (Vec<String>, Option<String>, Option<String>),
    text_detected: bool,
) -> SourceInfo {
    let (text, id, date) = resolved;
    SourceInfo {
        path: path.to_string(),
        format,
        delimiter: None,
        quoting: true,
        compression: Compression::None,
        text,
        text_detected,
        id,
        size: None,
        preset: None,
        date,
        note: None,
        encoding: None,
        platform: None,
        cr_line_ends: false,
    }
}

/// An opened input, header read and fields resolved.
pub struct Source {
    /// Reads batches of raw records.
    pub reader: SourceReader,
    /// Decoder for this input's records.
    pub decoder: Decoder,
    /// What was resolved.
    pub info: SourceInfo,
    /// Bytes read and hash.
    pub stats: Arc<ReadStats>,
}

/// How many records a batch holds at most, and roughly how many bytes.
pub const BATCH_RECORDS: usize = 8192;
const BATCH_BYTES: usize = 8 << 20;

impl Source {
    /// Read the next batch; returns the number of records (0 at the end).
    pub fn fill(&mut self, batch: &mut Batch) -> Result<usize> {
        self.reader.fill(batch)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn wide_text_is_mostly_nuls() {
        assert!(super::is_wide_text("a\0r\0m\0a\0"));
        assert!(!super::is_wide_text("arma\0"));
        assert!(!super::is_wide_text("\0\0"));
        assert!(!super::is_wide_text("arma"));
    }
}
