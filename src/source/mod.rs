//! Inputs: format detection, decompression, field picking, and batches of raw
//! records decoded into [`Post`]s.
//!
//! Reading is sequential ([`Source::fill`] fills a reused [`Batch`]); decoding
//! a record into a post ([`Decoder::decode_each`]) is cheap, borrows from the batch
//! and is done by the worker threads, so JSON parsing runs in parallel. A
//! record that cannot be decoded comes back as a [`Skip`] with its line and
//! reason; nothing is dropped without being counted.

pub mod csv;
pub mod date;
pub mod decompress;
pub mod fields;
pub mod jsonl;
pub mod number;
pub mod preset;
pub mod telegram;
pub mod whatsapp;
pub mod x;

use std::borrow::Cow;
use std::io::BufRead;
use std::sync::Arc;

use crate::error::{Error, Result};
use decompress::{Compression, ReadStats};

/// The input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Comma-, tab-, semicolon- or pipe-separated values.
    Csv,
    /// One JSON object per line.
    Jsonl,
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
}

/// The default of `--max-field-bytes`: 16 MiB, far above any real post and
/// low enough that a hostile or broken input cannot exhaust memory.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 16 << 20;

impl SourceOptions {
    fn max_record(&self) -> usize {
        if self.max_record_bytes == 0 {
            DEFAULT_MAX_RECORD_BYTES
        } else {
            self.max_record_bytes
        }
    }
}

/// One post, borrowed from its batch where possible.
#[derive(Clone, Debug)]
pub struct Post<'a> {
    /// Id (the id field, or the line number).
    pub id: Cow<'a, str>,
    /// Text (several text fields joined by `\n`).
    pub text: Cow<'a, str>,
    /// The requested other fields, then the optional ones, in order (empty
    /// string when absent).
    pub fields: Vec<Cow<'a, str>>,
    /// 1-based line where the record starts.
    pub line: u64,
}

/// A record that was not turned into a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// 1-based line where the record starts.
    pub line: u64,
    /// Reason key: `invalid_json`, `invalid_utf8`, `csv_field_count`,
    /// `api_error` (X), `service_message` (Telegram), `system_message`,
    /// `media_omitted` (WhatsApp), `not_a_post`.
    pub reason: &'static str,
    /// Human detail.
    pub detail: String,
}

/// Raw records of one batch, reused across batches.
///
/// A record is a JSON line or object (`spans` into `buf`, with a `tags`
/// entry per span for Telegram's chat), a CSV record (`recs`), or a row
/// already split by the reader (`rows`, WhatsApp). One record may hold
/// several posts (an X response page): [`Decoder::decode_each`] expands it.
#[derive(Default)]
pub struct Batch {
    buf: Vec<u8>,
    spans: Vec<(usize, usize, u64)>,
    tags: Vec<u32>,
    recs: Vec<::csv::ByteRecord>,
    nrecs: usize,
    /// Index of a CSV record whose quote never closes.
    unclosed: Option<usize>,
    rows: Vec<whatsapp::Row>,
}

impl Batch {
    fn clear(&mut self) {
        self.buf.clear();
        self.spans.clear();
        self.tags.clear();
        self.nrecs = 0;
        self.unclosed = None;
        self.rows.clear();
    }

    /// Number of records in the batch (a record may hold several posts).
    pub fn len(&self) -> usize {
        self.spans.len().max(self.nrecs).max(self.rows.len())
    }

    /// True when the batch holds no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Decodes records of one input into posts; `Sync`, shared by all threads.
#[derive(Clone, Debug)]
pub enum Decoder {
    /// CSV columns.
    Csv(csv::CsvDecoder),
    /// JSON paths.
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
    pub fn decode_each<'a>(
        &self,
        batch: &'a Batch,
        i: usize,
        emit: &mut dyn FnMut(Result<Post<'a>, Skip>),
    ) {
        match self {
            Decoder::Csv(d) => emit(d.decode(batch, i)),
            Decoder::Jsonl(d) => emit(d.decode(batch, i)),
            Decoder::X(d) => d.decode_each(batch, i, emit),
            Decoder::Telegram(d) => emit(d.decode(batch, i)),
            Decoder::Whatsapp(d) => emit(d.decode(batch, i)),
        }
    }
}

/// A projection with the text names, id name and resolved date name.
type Resolved = (Projection, Vec<String>, Option<String>, Option<String>);

/// Turns a platform record, already split into the values of a fixed
/// schema of field names, into a post: which values are the text, the id
/// and the fields a command asked for. Resolved once when the input opens.
#[derive(Clone, Debug)]
pub struct Projection {
    text: Vec<usize>,
    id: Option<usize>,
    fields: Vec<Option<usize>>,
}

impl Projection {
    /// Resolve `opts` against `schema`; `default_text`, `default_id` and
    /// `default_date` are the format's choices. Returns the projection, the
    /// text names, the id name and the resolved date name (if asked).
    fn new(
        path: &str,
        schema: &[&str],
        defaults: (&str, &str, &str),
        opts: &SourceOptions,
    ) -> Result<Resolved> {
        let available: Vec<String> = schema.iter().map(|s| s.to_string()).collect();
        let (default_text, default_id, default_date) = defaults;
        let text_names = if opts.text.is_empty() {
            vec![default_text.to_string()]
        } else {
            opts.text.clone()
        };
        let text = fields::resolve_all(path, &available, &text_names, false)?;
        let id_name = opts.id.clone().unwrap_or_else(|| default_id.to_string());
        let id = fields::resolve_all(path, &available, std::slice::from_ref(&id_name), false)?[0];
        let mut date = None;
        let mut wanted = Vec::new();
        for f in &opts.fields {
            let name = if f == DEFAULT_DATE {
                date = Some(default_date.to_string());
                default_date.to_string()
            } else {
                f.clone()
            };
            wanted.push(Some(
                fields::resolve_all(path, &available, std::slice::from_ref(&name), false)?[0],
            ));
        }
        wanted.extend(
            opts.optional_fields
                .iter()
                .map(|f| fields::find(&available, f, false)),
        );
        let names = text.iter().map(|&i| available[i].clone()).collect();
        Ok((
            Projection {
                text,
                id: Some(id),
                fields: wanted,
            },
            names,
            Some(available[id].clone()),
            date,
        ))
    }

    /// The post of one record's values (taken out of `values`).
    fn post<'a>(&self, values: &mut [Cow<'a, str>], line: u64) -> Post<'a> {
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        for &i in &self.text {
            match std::mem::take(&mut values[i]) {
                Cow::Borrowed(b) => csv::join_text(&mut text, b),
                Cow::Owned(o) => {
                    if !o.is_empty() {
                        if text.is_empty() {
                            text = Cow::Owned(o);
                        } else {
                            text.to_mut().push('\n');
                            text.to_mut().push_str(&o);
                        }
                    }
                }
            }
        }
        let id = match self.id {
            Some(i) if !values[i].is_empty() => values[i].clone(),
            _ => Cow::Owned(line.to_string()),
        };
        let fields = self
            .fields
            .iter()
            .map(|f| f.map_or(Cow::Borrowed(""), |i| values[i].clone()))
            .collect();
        Post {
            id,
            text,
            fields,
            line,
        }
    }
}

enum ReaderKind {
    Csv(csv::CsvReader),
    Jsonl(jsonl::JsonlReader),
    Telegram(telegram::TelegramReader),
    Whatsapp(whatsapp::WhatsappReader),
}

/// The sequential half of a source: reads batches of raw records.
pub struct SourceReader(ReaderKind);

impl SourceReader {
    /// Read the next batch; returns the number of records (0 at the end).
    pub fn fill(&mut self, batch: &mut Batch) -> Result<usize> {
        match &mut self.0 {
            ReaderKind::Csv(r) => r.fill(batch, BATCH_RECORDS),
            ReaderKind::Jsonl(r) => r.fill(batch, BATCH_RECORDS, BATCH_BYTES),
            ReaderKind::Telegram(r) => r.fill(batch, BATCH_RECORDS),
            ReaderKind::Whatsapp(r) => r.fill(batch, BATCH_RECORDS),
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
    /// The date field resolved for [`DEFAULT_DATE`], when it was asked for.
    pub date: Option<String>,
    /// A note for stderr about what the format reads (e.g. day-first dates).
    pub note: Option<String>,
}

impl SourceInfo {
    /// One line for stderr: what is read and how.
    pub fn describe(&self) -> String {
        let mut s = format!("{}: ", self.path);
        s.push_str(match self.format {
            InputFormat::Csv => "CSV",
            InputFormat::Jsonl => "JSONL",
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
        let quoted: Vec<String> = self.text.iter().map(|t| format!("{t:?}")).collect();
        s.push_str(&format!(
            ", text field {}{}",
            quoted.join(" + "),
            if self.text_detected {
                " (auto-detected; --text to choose)"
            } else {
                ""
            }
        ));
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
        s
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
    /// Open an input and resolve its fields: fails (exit 2) before any post
    /// is read when the file or a requested field is missing.
    pub fn open(path: &str, opts: &SourceOptions) -> Result<Source> {
        Source::from_opened(path, decompress::open(path)?, opts)
    }

    /// Open bytes in memory as if they were the file `name` (the name's
    /// extension guides format detection): for tests and fuzzing.
    pub fn from_bytes(name: &str, bytes: Vec<u8>, opts: &SourceOptions) -> Result<Source> {
        let size = bytes.len() as u64;
        let opened =
            decompress::open_reader(name, Box::new(std::io::Cursor::new(bytes)), Some(size))?;
        Source::from_opened(name, opened, opts)
    }

    fn from_opened(path: &str, opened: decompress::Opened, opts: &SourceOptions) -> Result<Source> {
        let mut reader = opened.reader;
        let format = match opts.format {
            Some(f) => f,
            None => detect_format(path, &mut reader)?,
        };
        let (reader, decoder, info) = match format {
            InputFormat::Csv => open_csv(path, reader, opts)?,
            InputFormat::Jsonl => open_jsonl(path, reader, opts)?,
            InputFormat::X => open_x(path, reader, opts)?,
            InputFormat::Telegram => open_telegram(path, reader, opts)?,
            InputFormat::Whatsapp => open_whatsapp(path, reader, opts)?,
        };
        Ok(Source {
            reader: SourceReader(reader),
            decoder,
            info: SourceInfo {
                compression: opened.compression,
                size: opened.size,
                ..info
            },
            stats: opened.stats,
        })
    }

    /// Read the next batch; returns the number of records (0 at the end).
    pub fn fill(&mut self, batch: &mut Batch) -> Result<usize> {
        self.reader.fill(batch)
    }
}

/// The format from the content first (JSON documents, X lines, WhatsApp
/// lines are recognized whatever the extension), then the extension, then
/// `{` → JSONL, else CSV.
fn detect_format(path: &str, reader: &mut Box<dyn BufRead + Send>) -> Result<InputFormat> {
    let name = decompress::logical_name(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
    Ok(detect_content(head, ext))
}

/// Format detection on the first bytes of an input and its extension.
pub fn detect_content(head: &[u8], ext: &str) -> InputFormat {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = head.iter().position(|b| !b.is_ascii_whitespace());
    let is_json_ext = matches!(ext, "jsonl" | "ndjson" | "json");
    if first.is_some_and(|i| head[i] == b'{') {
        let start = first.unwrap_or(0);
        let line_end = head[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(head.len(), |i| start + i);
        let line = &head[start..line_end];
        if telegram::looks_like(line, head) {
            return InputFormat::Telegram;
        }
        if x::looks_like(line) {
            return InputFormat::X;
        }
        if is_json_ext || !matches!(ext, "csv" | "tsv" | "tab") {
            return InputFormat::Jsonl;
        }
    }
    if !is_json_ext && whatsapp::looks_like(head) {
        return InputFormat::Whatsapp;
    }
    match ext {
        "jsonl" | "ndjson" | "json" => InputFormat::Jsonl,
        _ => InputFormat::Csv,
    }
}

fn open_csv(
    path: &str,
    mut reader: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo)> {
    let name = decompress::logical_name(path);
    let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
    let crlf = csv::is_crlf(head);
    let delimiter = match opts.delimiter {
        Some(d) => d,
        None if name.ends_with(".tsv") || name.ends_with(".tab") => b'\t',
        None => csv::sniff_delimiter(head),
    };
    let quoting = csv::sniff_quoting(head, delimiter);
    let (rdr, names) = csv::CsvReader::new(
        reader,
        path,
        delimiter,
        quoting,
        !opts.no_header,
        opts.max_record(),
    )?;
    let numbered = opts.no_header;
    let preset = match opts.preset {
        PresetChoice::Auto => preset::Preset::detect(&names),
        PresetChoice::Off => None,
        PresetChoice::Forced(p) => Some(p),
    };
    let preset_text: Vec<usize> = preset.map_or_else(Vec::new, |p| p.text_columns(&names));
    let (text, text_detected) = if opts.text.is_empty() && !preset_text.is_empty() {
        (preset_text, true)
    } else if opts.text.is_empty() {
        match fields::detect(&names, fields::TEXT_CANDIDATES) {
            Some(i) => (vec![i], true),
            None if names.is_empty() => (vec![0], true),
            None => {
                return Err(Error::input(
                    path,
                    None,
                    format!(
                        "cannot tell which column holds the text; columns: {}\nhint: name it with --text COLUMN{}",
                        names.join(", "),
                        if numbered {
                            " (a 1-based number without a header)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        }
    } else {
        (fields::resolve_all(path, &names, &opts.text, true)?, false)
    };
    let id = match &opts.id {
        Some(n) => Some(fields::resolve_all(path, &names, std::slice::from_ref(n), true)?[0]),
        None if numbered => None,
        None => preset
            .and_then(|p| fields::find(&names, p.id_column(), false))
            .or_else(|| fields::detect(&names, fields::ID_CANDIDATES)),
    };
    let mut date = None;
    let mut wanted = Vec::with_capacity(opts.fields.len());
    for f in &opts.fields {
        if f == DEFAULT_DATE {
            let Some(name) = preset.map(|p| p.date_column()) else {
                return Err(no_default_date(path, "a CSV input without a preset"));
            };
            date = Some(name.to_string());
            wanted.push(name.to_string());
        } else {
            wanted.push(f.clone());
        }
    }
    let mut extra: Vec<Option<usize>> = fields::resolve_all(path, &names, &wanted, true)?
        .into_iter()
        .map(Some)
        .collect();
    extra.extend(
        opts.optional_fields
            .iter()
            .map(|f| fields::find(&names, f, false)),
    );
    let info = SourceInfo {
        path: path.to_string(),
        format: InputFormat::Csv,
        delimiter: Some(delimiter),
        quoting,
        compression: Compression::None,
        text: text
            .iter()
            .map(|&i| names.get(i).cloned().unwrap_or_default())
            .collect(),
        text_detected,
        id: id.map(|i| names[i].clone()),
        size: None,
        preset,
        date,
        note: None,
    };
    let decoder = Decoder::Csv(csv::CsvDecoder {
        width: names.len(),
        text,
        id,
        fields: extra,
        crlf,
    });
    Ok((ReaderKind::Csv(rdr), decoder, info))
}

/// How many leading lines are parsed to detect and check JSON fields.
const SAMPLE_LINES: usize = 50;

fn open_jsonl(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo)> {
    let mut rdr = jsonl::JsonlReader::new(reader, path, opts.max_record());
    // Peek at the first lines without losing them: they are read into a
    // batch that the reader hands out first.
    let mut first = Batch::default();
    rdr.fill(&mut first, SAMPLE_LINES, usize::MAX)?;
    let sample: Vec<serde_json::Value> = first
        .spans
        .iter()
        .filter(|&&(s, _, _)| s != jsonl::TOO_LARGE)
        .filter_map(|&(s, e, _)| serde_json::from_slice::<serde_json::Value>(&first.buf[s..e]).ok())
        .filter(|v| v.is_object())
        .collect();
    let mut available: Vec<String> = Vec::new();
    for v in &sample {
        for p in jsonl::paths_of(v) {
            if !available.contains(&p) {
                available.push(p);
            }
        }
    }
    let check = |name: &String| -> Result<()> {
        if sample.is_empty()
            || available
                .iter()
                .any(|a| a == name || a.starts_with(&format!("{name}.")))
        {
            Ok(())
        } else {
            Err(Error::missing_field(path, name, &available))
        }
    };
    let (text, text_detected) = if opts.text.is_empty() {
        let found = fields::detect(&available, fields::TEXT_CANDIDATES).or_else(|| {
            // One level down: `data.text`, `post.body`, …
            available.iter().position(|a| {
                a.split_once('.').is_some_and(|(_, leaf)| {
                    !leaf.contains('.')
                        && fields::TEXT_CANDIDATES.contains(&leaf.to_lowercase().as_str())
                })
            })
        });
        match found {
            Some(i) => (vec![available[i].clone()], true),
            None if sample.is_empty() => (vec!["text".to_string()], true),
            None => {
                return Err(Error::input(
                    path,
                    None,
                    format!(
                        "cannot tell which field holds the text; fields: {}\nhint: name it with --text FIELD (dotted paths such as data.text work)",
                        available.join(", ")
                    ),
                ));
            }
        }
    } else {
        for t in &opts.text {
            check(t)?;
        }
        (opts.text.clone(), false)
    };
    let id = match &opts.id {
        Some(n) => {
            check(n)?;
            Some(n.clone())
        }
        None => fields::detect(&available, fields::ID_CANDIDATES).map(|i| available[i].clone()),
    };
    for f in &opts.fields {
        if f == DEFAULT_DATE {
            return Err(no_default_date(path, "a JSONL input"));
        }
        check(f)?;
    }
    let all_fields: Vec<String> = opts
        .fields
        .iter()
        .chain(&opts.optional_fields)
        .cloned()
        .collect();
    let decoder = Decoder::Jsonl(jsonl::JsonDecoder::new(&text, id.as_ref(), &all_fields));
    let info = SourceInfo {
        path: path.to_string(),
        format: InputFormat::Jsonl,
        delimiter: None,
        quoting: true,
        compression: Compression::None,
        text,
        text_detected,
        id,
        size: None,
        preset: None,
        date: None,
        note: None,
    };
    Ok((ReaderKind::Jsonl(rdr.with_pending(first)), decoder, info))
}

fn no_default_date(path: &str, what: &str) -> Error {
    Error::input(
        path,
        None,
        format!(
            "--every needs --date FIELD: {what} names no date field\nhint: add --date FIELD (CSV presets and the X, Telegram and WhatsApp formats have a default)"
        ),
    )
}

/// The info of a platform format (fixed schema).
fn platform_info(
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
    }
}

fn open_x(
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
    let rdr = jsonl::JsonlReader::new(reader, path, opts.max_record());
    Ok((
        ReaderKind::Jsonl(rdr),
        Decoder::X(x::XDecoder::new(proj)),
        info,
    ))
}

fn open_telegram(
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

fn open_whatsapp(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo)> {
    let (proj, text, id, date) = Projection::new(path, whatsapp::SCHEMA, whatsapp::DEFAULTS, opts)?;
    let rdr = whatsapp::WhatsappReader::new(reader, path, opts.dayfirst)?;
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
