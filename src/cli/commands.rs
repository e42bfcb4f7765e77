//! Each command's own arguments (`analyze`, `merge`, `kwic`, `annotate`,
//! `sample`, `check`, `reproduce`, `evaluate`) and their value enums.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{InputArgs, OutputFormatArg};

/// `--categories` and `--exclude-categories`: the categories an output
/// shows (every category is still matched, so no number changes).
#[derive(Debug, Args, Clone, Default)]
pub struct CategoryArgs {
    /// Show only these categories (comma-separated ids, repeatable); every
    /// category is still matched, so no shown number changes.
    #[arg(
        long,
        value_name = "ID,…",
        value_delimiter = ',',
        help_heading = "Output"
    )]
    pub categories: Vec<String>,

    /// Leave these categories out of the output (comma-separated ids,
    /// repeatable).
    #[arg(
        long,
        value_name = "ID,…",
        value_delimiter = ',',
        help_heading = "Output"
    )]
    pub exclude_categories: Vec<String>,
}

/// `--title`, `--subtitle`, `--source`, `--note`: the words a publisher
/// sets on the chart and the HTML report.
#[derive(Debug, Args, Clone, Default)]
pub struct ChartTextArgs {
    /// Title of the chart and the HTML report (default: what they show).
    #[arg(long, value_name = "TEXT", help_heading = "Pictures")]
    pub title: Option<String>,

    /// Subtitle (default: the any-category share and the posts analyzed).
    #[arg(long, value_name = "TEXT", help_heading = "Pictures")]
    pub subtitle: Option<String>,

    /// Source line, first in the caption: `Source: TEXT.`
    #[arg(long, value_name = "TEXT", help_heading = "Pictures")]
    pub source: Option<String>,

    /// Note in the caption, after the source: `Note: TEXT.`
    #[arg(long, value_name = "TEXT", help_heading = "Pictures")]
    pub note: Option<String>,
}

/// Arguments of `analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Inputs, lexicons, fields and matching.
    #[command(flatten)]
    pub input: InputArgs,

    /// Which categories are shown.
    #[command(flatten)]
    pub select: CategoryArgs,

    /// Confidence level of the intervals.
    #[arg(
        long,
        default_value_t = 0.95,
        value_name = "LEVEL",
        help_heading = "Statistics"
    )]
    pub confidence: f64,

    /// Number of most frequent terms reported per category.
    #[arg(long, default_value_t = 5, value_name = "N", help_heading = "Output")]
    pub top_terms: usize,

    /// Output format (default: from the -o extension, else table).
    #[arg(short, long, value_enum, help_heading = "Output")]
    pub format: Option<OutputFormatArg>,

    /// Write the report to this file instead of stdout (written whole or not at all).
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Write CSV cells as they are (no `'` before a leading = + - @).
    #[arg(long, help_heading = "Output")]
    pub raw_csv: bool,

    /// Break the figures down by this field (repeatable: one group per
    /// combination of values).
    #[arg(long, value_name = "FIELD", help_heading = "Breakdowns")]
    pub by: Vec<String>,

    /// Break the figures down by period of the --date field (default: the
    /// date field of the preset or platform format).
    #[arg(long, value_enum, value_name = "PERIOD", help_heading = "Breakdowns")]
    pub every: Option<PeriodArg>,

    /// Field holding the post's date (ISO 8601, CrowdTangle `… EDT`, Unix
    /// seconds or milliseconds, X's legacy `Wed Oct 10 20:19:24 +0000 2018`).
    #[arg(long, value_name = "FIELD", help_heading = "Breakdowns")]
    pub date: Option<String>,

    /// Hide groups with fewer analyzed posts than this (they still count in the totals).
    #[arg(
        long,
        default_value_t = 1,
        value_name = "N",
        help_heading = "Breakdowns"
    )]
    pub min_posts: u64,

    /// Distinct --by values counted one by one (the first met, batch by
    /// batch, the same whatever the threads; with --every, each with all
    /// its periods); the posts of later values are counted in the group
    /// "(other groups)" (and said on stderr). Bounds the memory of a --by
    /// over millions of values.
    #[arg(
        long,
        default_value_t = crate::config::DEFAULT_MAX_GROUPS,
        value_name = "N",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=crate::config::MAX_GROUPS as u64),
        help_heading = "Breakdowns"
    )]
    pub max_groups: usize,

    /// Also report the share of this weight (e.g. interactions) per category.
    #[arg(long, value_name = "FIELD", help_heading = "Statistics")]
    pub weight: Option<String>,

    /// Decimal mark of --weight numbers: `.` (1,234.5) or `,` (1.234,5).
    #[arg(
        long,
        default_value = ".",
        value_name = "MARK",
        help_heading = "Statistics"
    )]
    pub decimal: String,

    /// Also count unique posts: exact or normalized-text duplicates and
    /// reposts (RT @…, X retweets, Telegram forwards) counted once.
    #[arg(long, value_enum, value_name = "MODE", help_heading = "Statistics")]
    pub dedupe: Option<DedupeArg>,

    /// Cluster-bootstrap intervals over the values of this field (e.g. the account).
    #[arg(long, value_name = "FIELD", help_heading = "Statistics")]
    pub cluster: Option<String>,

    /// Bootstrap replicates for --cluster (1 to 100,000: past a few
    /// thousand the interval no longer moves, and each replicate costs
    /// memory).
    #[arg(
        long,
        default_value_t = 1000,
        value_name = "N",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=crate::config::MAX_BOOTSTRAP as u64),
        help_heading = "Statistics"
    )]
    pub bootstrap: usize,

    /// Seed of the bootstrap and of the --html KWIC samples.
    #[arg(
        long,
        default_value_t = 1,
        value_name = "N",
        help_heading = "Statistics"
    )]
    pub seed: u64,

    /// Report the category × category matrix of posts.
    #[arg(long, help_heading = "Statistics")]
    pub cooccurrence: bool,

    /// A human-coded sheet of posts of these inputs (as `lexiscope sample`
    /// writes, coded): adds each category's share corrected by the codes
    /// (prediction-powered inference) beside the raw share, in every output.
    #[arg(long, value_name = "SHEET", help_heading = "Validation")]
    pub validation: Option<String>,

    /// Id column of the --validation sheet.
    #[arg(
        long,
        default_value = "id",
        value_name = "COLUMN",
        help_heading = "Validation"
    )]
    pub validation_id: String,

    /// Compare this sheet column with this category (repeatable). Default:
    /// every category with a column of its name or `code_<category>`.
    #[arg(long, value_name = "COLUMN=CATEGORY", help_heading = "Validation")]
    pub validation_pair: Vec<String>,

    /// Coded posts a --by or --every group needs for its corrected share.
    #[arg(
        long,
        default_value_t = crate::config::DEFAULT_MIN_CODED,
        value_name = "N",
        help_heading = "Validation"
    )]
    pub min_coded: u64,

    /// Write the counts as a tally file (JSON; `-` = stdout) for `lexiscope
    /// merge`; the report is then written only with -o.
    #[arg(long, value_name = "FILE", help_heading = "Scale-out")]
    pub emit_tally: Option<PathBuf>,

    /// Also draw an SVG chart: bars with intervals; one panel per group with
    /// --by; lines over time with --every.
    #[arg(long, value_name = "FILE", help_heading = "Pictures")]
    pub chart: Option<PathBuf>,

    /// Also write a self-contained HTML report: shares, charts, a sample of
    /// matches per category, provenance.
    #[arg(long, value_name = "FILE", help_heading = "Pictures")]
    pub html: Option<PathBuf>,

    /// Matches (KWIC lines) sampled per category for --html (0 = none).
    #[arg(
        long,
        default_value_t = 10,
        value_name = "N",
        help_heading = "Pictures"
    )]
    pub kwic_sample: usize,

    /// The chart's and the report's title, subtitle, source and note.
    #[command(flatten)]
    pub chart_text: ChartTextArgs,
}

/// Arguments of `merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Tally files from `analyze --emit-tally` (`-` = stdin, one JSON per line).
    #[arg(required = true)]
    pub tallies: Vec<PathBuf>,

    /// Output format (default: from the -o extension, else table).
    #[arg(short, long, value_enum)]
    pub format: Option<OutputFormatArg>,

    /// Write the report to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write CSV cells as they are (no `'` before a leading = + - @).
    #[arg(long)]
    pub raw_csv: bool,

    /// Also draw an SVG chart of the merged report (as `analyze --chart`).
    #[arg(long, value_name = "FILE", help_heading = "Pictures")]
    pub chart: Option<PathBuf>,

    /// Also write a self-contained HTML report (as `analyze --html`; a
    /// tally holds no posts, so it has no samples of matches).
    #[arg(long, value_name = "FILE", help_heading = "Pictures")]
    pub html: Option<PathBuf>,

    /// The chart's and the report's title, subtitle, source and note.
    #[command(flatten)]
    pub chart_text: ChartTextArgs,
}

/// KWIC output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KwicFormatArg {
    /// Aligned concordance lines.
    Table,
    /// CSV.
    Csv,
    /// A JSON array.
    Json,
}

/// Arguments of `kwic`.
#[derive(Debug, Args)]
pub struct KwicArgs {
    /// Inputs, lexicons, fields and matching.
    #[command(flatten)]
    pub input: InputArgs,

    /// Show hits of this category (repeatable; `--categories a,b` alike).
    #[arg(
        long,
        visible_alias = "categories",
        value_name = "ID",
        value_delimiter = ',',
        required_unless_present = "term"
    )]
    pub category: Vec<String>,

    /// Leave out the lines of these categories (comma-separated ids; with
    /// --term, say).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub exclude_categories: Vec<String>,

    /// Show hits of this term, as written in the lexicon (repeatable).
    #[arg(long, value_name = "TERM")]
    pub term: Vec<String>,

    /// Characters of context on each side (at most 10,000).
    #[arg(
        long,
        default_value_t = 40,
        value_name = "N",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=crate::pipeline::MAX_WINDOW as u64)
    )]
    pub window: usize,

    /// Keep a reproducible random sample of N lines.
    #[arg(short = 'n', long, value_name = "N")]
    pub sample: Option<usize>,

    /// Seed of --sample.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,

    /// Output format.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: KwicFormatArg,

    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write CSV cells as they are (no `'` before a leading = + - @).
    #[arg(long)]
    pub raw_csv: bool,
}

/// Annotation formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AnnotateFormatArg {
    /// One JSON object per line (also `json`).
    #[value(alias = "json")]
    Jsonl,
    /// CSV, one row per post.
    Csv,
}

/// Arguments of `annotate`.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Inputs, lexicons, fields and matching.
    #[command(flatten)]
    pub input: InputArgs,

    /// Which categories are written.
    #[command(flatten)]
    pub select: CategoryArgs,

    /// Output format.
    #[arg(short, long, value_enum, default_value = "jsonl")]
    pub format: AnnotateFormatArg,

    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write CSV cells as they are (no `'` before a leading = + - @).
    #[arg(long)]
    pub raw_csv: bool,
}

/// Arguments of `sample`.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Inputs, lexicons, fields and matching.
    #[command(flatten)]
    pub input: InputArgs,

    /// Number of posts in the sheet (`--n` is an old spelling).
    #[arg(short = 'n', long, alias = "n", value_name = "N")]
    pub sample: usize,

    /// Seed of the random draw.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,

    /// Draw equally from the posts of each category and from posts with no
    /// category, so that rare categories get enough posts to validate.
    #[arg(long)]
    pub stratify: bool,

    /// Leave out the tool's predictions and the strata, so coders are blind to them.
    #[arg(long)]
    pub blind: bool,

    /// Output format (a coding sheet is CSV).
    #[arg(short, long, value_enum, default_value = "csv")]
    pub format: SheetFormatArg,

    /// Write the sheet to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write CSV cells as they are (no `'` before a leading = + - @).
    #[arg(long)]
    pub raw_csv: bool,
}

/// Coding-sheet formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SheetFormatArg {
    /// CSV, one row per post.
    Csv,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The saved JSON report (`analyze -f json`) to compare with.
    #[arg(long, value_name = "FILE")]
    pub baseline: PathBuf,
    /// Largest allowed move of a share, in percentage points.
    #[arg(long, default_value_t = 0.5, value_name = "PP")]
    pub tolerance: f64,
    /// The analysis to re-run.
    #[command(flatten)]
    pub analyze: AnalyzeArgs,
}

/// Arguments of `reproduce`.
#[derive(Debug, Args)]
pub struct ReproduceArgs {
    /// The claims file (TOML): a `[source]` table and `[[claim]]` tables.
    pub claims: PathBuf,
    /// The analysis that measures the claims.
    #[command(flatten)]
    pub analyze: AnalyzeArgs,
}

/// Arguments of `evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// The human-coded sheet (CSV/TSV): an id column and one 0/1 column per
    /// category (named as the category, or `code_<category>` as `sample` writes).
    #[arg(long, value_name = "FILE")]
    pub gold: String,
    /// Id column of the gold sheet.
    #[arg(long, default_value = "id", value_name = "COLUMN")]
    pub gold_id: String,
    /// Compare this gold column with this category (`_any` = any category);
    /// repeatable. Default: every category with a gold column of its name.
    #[arg(long = "pair", value_name = "COLUMN=CATEGORY")]
    pub pairs: Vec<String>,
    /// Gold labels in one column (e.g. "hate;threat") instead of 0/1 columns…
    #[arg(long, value_name = "COLUMN")]
    pub label_column: Option<String>,
    /// …mapped to categories: LABEL=CATEGORY (repeatable).
    #[arg(long = "map", value_name = "LABEL=CATEGORY", requires = "label_column")]
    pub maps: Vec<String>,
    /// Exit 1 when an F1 is below the bar: `X` for every category,
    /// `CATEGORY=X` for one (repeatable; a category's own bar wins).
    #[arg(long, value_name = "[CATEGORY=]X")]
    pub min_f1: Vec<String>,
    /// Exit 1 when the macro-averaged F1 (over the compared categories,
    /// `_any` left out) is below this.
    #[arg(long, value_name = "X")]
    pub min_macro_f1: Option<f64>,
    /// Exit 1 when a category's kappa is below this.
    #[arg(long, value_name = "X")]
    pub min_kappa: Option<f64>,
    /// Confidence level of the intervals.
    #[arg(long, default_value_t = 0.95, value_name = "LEVEL")]
    pub confidence: f64,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: EvalFormatArg,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The posts (the inputs whose ids the gold sheet codes), lexicons, fields.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Output formats of `evaluate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormatArg {
    /// Tables for the terminal.
    Table,
    /// JSON.
    Json,
}

/// `--every` periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Calendar day (UTC).
    Day,
    /// ISO week (UTC).
    Week,
    /// Calendar month (UTC).
    Month,
    /// Calendar year (UTC).
    Year,
}

/// `--dedupe` modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DedupeArg {
    /// Identical text (after removing an `RT @user:` prefix).
    Exact,
    /// Identical normalized text (case, accents, punctuation, URLs ignored).
    Normalized,
}
