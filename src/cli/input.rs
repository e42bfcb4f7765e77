//! The flags every command that reads posts takes ([`InputArgs`]) and the
//! value enums they and the commands share.

use clap::{Args, ValueEnum};

use super::LexiconFormatArg;

/// Input format names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// Comma/tab/semicolon-separated values.
    Csv,
    /// One JSON object per line (also NDJSON).
    Jsonl,
    /// A JSON document: an array of records, or an object holding one.
    Json,
    /// Apache Parquet (detected by its PAR1 magic).
    Parquet,
    /// X/Twitter API v2 as twarc writes it (pages, stream lines, flattened).
    X,
    /// Telegram Desktop result.json (one chat or a full-account export).
    Telegram,
    /// WhatsApp "Export chat" .txt (Android and iOS layouts).
    Whatsapp,
}

/// CSV presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PresetArg {
    /// CrowdTangle CSV (Message + Image Text + Link Text + Description; URL; Post Created).
    Crowdtangle,
    /// Meta Content Library CSV (text; id; creation_time).
    Meta,
    /// 4CAT CSV (body; id; timestamp).
    #[value(name = "4cat")]
    FourCat,
    /// No preset: plain column auto-detection.
    None,
}

/// Output format names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormatArg {
    /// A table for the terminal.
    Table,
    /// CSV, one row per category.
    Csv,
    /// The JSON report (schema lexiscope.report/1).
    Json,
    /// A Markdown table.
    Markdown,
    /// An Excel workbook (.xlsx), one sheet per table, numbers as numbers.
    Xlsx,
}

/// A switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    /// On.
    On,
    /// Off.
    Off,
}

/// Overlap policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OverlapArg {
    /// Longest match wins its span over the whole lexicon.
    LeftmostLongest,
    /// Each category resolves its own overlaps (quanteda's nested_scope = "key").
    PerCategory,
}

/// What every command that reads posts takes: inputs, lexicons, fields,
/// matching options, threads.
#[derive(Clone, Debug, Args)]
pub struct InputArgs {
    /// Input files: CSV/TSV, JSONL/NDJSON, X/Twitter (twarc), Telegram
    /// result.json, WhatsApp .txt, optionally .gz or .zst; `-` is stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,

    /// Lexicon file (native TOML, LIWC .dic/.dicx, quanteda .yml, WordStat
    /// .cat, Lexicoder .lc3, or a .tsv/.txt term list) or built-in name;
    /// repeatable. Default: the built-in narco-es lexicon.
    #[arg(
        short,
        long = "lexicon",
        value_name = "FILE|NAME",
        help_heading = "Lexicons and matching"
    )]
    pub lexicons: Vec<String>,

    /// Format of the -l files (default: from each extension: .toml, .dic,
    /// .dicx, .yml/.yaml, .cat, .lc3, .tsv/.txt).
    #[arg(
        long,
        value_enum,
        value_name = "FORMAT",
        help_heading = "Lexicons and matching"
    )]
    pub lexicon_format: Option<LexiconFormatArg>,

    /// A lexicon that is a table with a header row (HurtLex's TSV, a
    /// spreadsheet): which columns hold the category, the term and
    /// optionally a weight, by name or 1-based number.
    #[arg(
        long,
        value_name = "category=COL,term=COL[,weight=COL]",
        help_heading = "Lexicons and matching"
    )]
    pub lexicon_columns: Option<String>,

    /// Field holding the text (repeatable: fields are joined). CSV column name
    /// or 1-based number, or a dotted JSON path such as note_tweet.text.
    /// Default: auto-detected (text, full_text, body, message, content, …).
    #[arg(long, value_name = "FIELD", help_heading = "Input")]
    pub text: Vec<String>,

    /// Field holding the post id (default: auto-detected, else the line number).
    #[arg(long, value_name = "FIELD", help_heading = "Input")]
    pub id: Option<String>,

    /// Input format (default: from the extension, else from the content).
    #[arg(long, value_enum, value_name = "FORMAT", help_heading = "Input")]
    pub input_format: Option<InputFormatArg>,

    /// Where a JSON document keeps its records: dotted keys such as
    /// `data.videos` (`.` for a top-level array). Default: the document if
    /// it is an array, else the first array of objects in it.
    #[arg(long, value_name = "PATH", help_heading = "Input")]
    pub records: Option<String>,

    /// CSV delimiter: one character, or `tab` (default: .tsv → tab, else sniffed).
    #[arg(long, value_name = "CHAR", help_heading = "Input")]
    pub delimiter: Option<String>,

    /// The CSV input has no header row; columns are numbered from 1.
    #[arg(long, help_heading = "Input")]
    pub no_header: bool,

    /// CSV preset: which columns are text, id and date (default: detected
    /// from the header; `none` turns detection off).
    #[arg(long, value_enum, value_name = "PRESET", help_heading = "Input")]
    pub preset: Option<PresetArg>,

    /// Numeric dates are day first (01/02/19 = 1 February), in WhatsApp
    /// exports and in any --date field; default: the order the dates show
    /// (a field above 12), else day first.
    #[arg(long, conflicts_with = "monthfirst", help_heading = "Input")]
    pub dayfirst: bool,

    /// Numeric dates are month first (01/02/19 = 2 January).
    #[arg(long, help_heading = "Input")]
    pub monthfirst: bool,

    /// Character encoding of the inputs, as a WHATWG label (windows-1252,
    /// latin1, utf-16le, …). Default: a byte-order mark, else sniffed;
    /// non-UTF-8 inputs are transcoded and the encoding is named on stderr.
    #[arg(long, value_name = "NAME", help_heading = "Input")]
    pub encoding: Option<String>,

    /// How overlapping matches are resolved.
    #[arg(
        long,
        value_enum,
        default_value = "leftmost-longest",
        help_heading = "Lexicons and matching"
    )]
    pub overlap: OverlapArg,

    /// Fold diacritics (`cártel` = `cartel`) for every lexicon, or not
    /// (`off`: as quanteda and LIWC match); default: each lexicon's
    /// `fold_diacritics` (on for the shipped one and for imports).
    #[arg(
        long,
        value_enum,
        value_name = "on|off",
        help_heading = "Lexicons and matching"
    )]
    pub fold_diacritics: Option<OnOff>,

    /// Match terms inside URLs too (by default URLs are skipped).
    #[arg(long, help_heading = "Lexicons and matching")]
    pub match_urls: bool,

    /// Report the lexicons' helper categories (`helper = true`) as rows of
    /// their own, for auditing the rules they feed; no other number changes.
    #[arg(long, help_heading = "Lexicons and matching")]
    pub helpers: bool,

    /// Fail on the first malformed record instead of skipping and counting it.
    #[arg(long, help_heading = "Run")]
    pub strict: bool,

    /// Longest record read (a JSON line, a CSV record), in bytes: a longer
    /// JSON line is skipped and counted; a longer CSV record stops the run.
    /// 0 means the default.
    #[arg(long, default_value_t = crate::source::DEFAULT_MAX_RECORD_BYTES, value_name = "BYTES", help_heading = "Input")]
    pub max_field_bytes: usize,

    /// Worker threads (default: all cores; at most 4 per core, with a
    /// warning).
    #[arg(short = 'j', long, value_name = "N", help_heading = "Run")]
    pub threads: Option<usize>,

    /// No progress bar and no notes on stderr (errors are still printed).
    #[arg(short, long, help_heading = "Run")]
    pub quiet: bool,
}
