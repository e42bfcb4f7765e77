//! How inputs are read ([`SourceOptions`], resolved from the configuration
//! before any input is opened) and the names of the formats.

use super::preset;
use crate::error::Error;

/// The input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Comma-, tab-, semicolon- or pipe-separated values.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// A JSON document: an array of records, or an object holding one.
    Json,
    /// Apache Parquet.
    Parquet,
    /// Arrow record batches in memory (a DataFrame from the Python package).
    Arrow,
    /// X/Twitter API v2 as twarc writes it: response pages or one tweet per line.
    X,
    /// Telegram Desktop `result.json` (one chat or a full-account export).
    Telegram,
    /// WhatsApp "Export chat" text (Android and iOS layouts).
    Whatsapp,
}

impl InputFormat {
    /// The name used by `--input-format` and in messages.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Csv => "csv",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Json => "json",
            InputFormat::Parquet => "parquet",
            InputFormat::Arrow => "arrow",
            InputFormat::X => "x",
            InputFormat::Telegram => "telegram",
            InputFormat::Whatsapp => "whatsapp",
        }
    }
}

/// The field name a command asks for when it wants "the date field of this
/// input" (`analyze --every` without `--date`): resolved to the preset's or
/// the platform format's date field, an error otherwise.
pub const DEFAULT_DATE: &str = "@date";

/// Which CSV preset applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PresetChoice {
    /// Detected from the header.
    #[default]
    Auto,
    /// No preset (`--preset none`).
    Off,
    /// This one (`--preset NAME`).
    Forced(preset::Preset),
}

/// How inputs are read; resolved from the command line.
#[derive(Clone, Debug, Default)]
pub struct SourceOptions {
    /// Force a format instead of detecting it.
    pub format: Option<InputFormat>,
    /// Force a CSV delimiter.
    pub delimiter: Option<u8>,
    /// The CSV input has no header row (columns are named 1, 2, …).
    pub no_header: bool,
    /// Text fields (joined with a line break); empty = auto-detect.
    pub text: Vec<String>,
    /// Id field; `None` = auto-detect, else the record's line number.
    pub id: Option<String>,
    /// Other fields the command needs, in order.
    pub fields: Vec<String>,
    /// Fields read when the input has them (empty otherwise), after `fields`.
    pub optional_fields: Vec<String>,
    /// Longest record (JSON line, CSV record) read; 0 = the default.
    pub max_record_bytes: usize,
    /// CSV preset (CrowdTangle, Meta Content Library, 4CAT).
    pub preset: PresetChoice,
    /// WhatsApp dates: `Some(true)` day first, `Some(false)` month first,
    /// `None` detected per file.
    pub dayfirst: Option<bool>,
    /// The character encoding (`--encoding`); `None` = sniffed per input
    /// ([`crate::text::encoding`]).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Where a JSON document holds its records (`--records`, dotted keys);
    /// `None` = detected.
    pub records: Option<String>,
}

/// The default of `--max-field-bytes`: 16 MiB, far above any real post and
/// low enough that a hostile or broken input cannot exhaust memory.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 16 << 20;

impl SourceOptions {
    pub(crate) fn max_record(&self) -> usize {
        if self.max_record_bytes == 0 {
            DEFAULT_MAX_RECORD_BYTES
        } else {
            self.max_record_bytes
        }
    }
}

/// Parse `--delimiter`: one ASCII character, or `tab`, `\t`.
pub fn parse_delimiter(s: &str) -> crate::error::Result<u8> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(Error::Usage(format!(
            "--delimiter {s:?}: expected one ASCII character or \"tab\""
        ))),
    }
}

/// The error of `--every` without `--date` on an input that names no
/// date field.
pub(crate) fn no_default_date(path: &str, what: &str) -> Error {
    Error::input(
        path,
        None,
        format!(
            "--every needs --date FIELD: {what} names no date field\nhint: add --date FIELD (CSV presets and the X, Telegram and WhatsApp formats have a default)"
        ),
    )
}
