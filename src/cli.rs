//! Command-line interface (clap derive): commands, flags and value enums.
//! No logic lives here; `cmd::config` turns these raw arguments into a
//! resolved configuration before any post is read, and no file below it
//! sees these types.
//!
//! Order: the examples of every `--help` page; the commands; the flags every
//! command that reads posts takes ([`InputArgs`], grouped under the
//! headings Input, Lexicons and matching, Run); then each command's own
//! arguments and value enums. The same thing has the same flag everywhere:
//! `-o` output file, `-f` format (`table` for the human one), `-n/--sample`
//! sample size, `--seed`, `--raw-csv`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

// The examples that end every `--help` page.
const EX_TOP: &str = "Examples:\n  lexiscope analyze examples/cartel-posts.csv\n  lexiscope analyze posts.csv --text body --every month -f csv -o shares.csv\n  lexiscope kwic posts.csv --category threats --sample 20";
const EX_ANALYZE: &str = "Examples:\n  lexiscope analyze examples/cartel-posts.csv\n  lexiscope analyze posts.csv --text body --by author --every month -f csv -o shares.csv\n  lexiscope analyze posts.csv -l mylex.toml --chart shares.svg --html report.html";
const EX_KWIC: &str = "Examples:\n  lexiscope kwic posts.csv --category threats --sample 20 --seed 1\n  lexiscope kwic posts.csv --term \"cuerno* de chivo\" --window 60 -f csv -o audit.csv";
const EX_ANNOTATE: &str = "Examples:\n  lexiscope annotate posts.jsonl -o annotated.jsonl\n  cat posts.jsonl | lexiscope annotate - -l mylex.toml -f csv";
const EX_SAMPLE: &str = "Examples:\n  lexiscope sample posts.csv -n 200 --seed 1 -o coding-sheet.csv\n  lexiscope sample posts.csv -n 300 --stratify --blind -o blind-sheet.csv";
const EX_EVALUATE: &str = "Examples:\n  lexiscope evaluate --gold coded.csv posts.csv\n  lexiscope evaluate --gold coded.csv posts.csv --pair hate=insults --min-f1 0.7";
const EX_CHECK: &str = "Examples:\n  lexiscope analyze posts.csv -f json -o base.json\n  lexiscope check --baseline base.json posts.csv --tolerance 0.5";
const EX_REPRODUCE: &str = "Examples:\n  lexiscope reproduce examples/claims-report.toml examples/cartel-posts.csv\n  lexiscope reproduce claims.toml posts.csv --html claims.html";
const EX_MERGE: &str = "Examples:\n  lexiscope analyze part-1.jsonl --emit-tally t1.json\n  lexiscope merge t1.json t2.json t3.json -f json -o report.json\n  cat tallies.jsonl | lexiscope merge - --chart shares.svg";
const EX_FORMATS: &str =
    "Examples:\n  lexiscope formats\n  lexiscope analyze export.csv --preset none --text body";
const EX_LEXICON: &str = "Examples:\n  lexiscope lexicon test mylex.toml --junit report.xml\n  lexiscope lexicon show > mylex.toml";
const EX_LEXICON_TEST: &str = "Examples:\n  lexiscope lexicon test\n  lexiscope lexicon test mylex.toml --cases more-cases.toml --junit report.xml";
const EX_LEXICON_LINT: &str = "Examples:\n  lexiscope lexicon lint mylex.toml\n  lexiscope lexicon lint mylex.toml --deny-warnings -f json -o lint.json";
const EX_LEXICON_DIFF: &str = "Examples:\n  lexiscope lexicon diff old.toml new.toml posts.csv\n  lexiscope lexicon diff old.toml new.toml posts.csv --limit 0 -f csv -o changed.csv";
const EX_LEXICON_SHOW: &str = "Examples:\n  lexiscope lexicon show > mylex.toml\n  lexiscope lexicon show mydict.dic -o mydict.toml";
const EX_LEXICON_CONVERT: &str = "Examples:\n  lexiscope lexicon convert mydict.dic mylex.toml\n  lexiscope lexicon convert mylex.toml - --to yaml";

/// Category lexicons over social-media exports: what share of posts mentions
/// each category, with confidence intervals.
#[derive(Debug, Parser)]
#[command(name = "lexiscope", version, about, long_about = None, after_help = EX_TOP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
// Parsed once per process: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Share of posts per lexicon category, with confidence intervals.
    #[command(after_help = EX_ANALYZE)]
    Analyze(AnalyzeArgs),
    /// Keyword-in-context lines for a category or a term, optionally a
    /// reproducible random sample of them.
    #[command(after_help = EX_KWIC)]
    Kwic(KwicArgs),
    /// One record per post: categories, matched terms with offsets, percent
    /// of tokens per category (JSONL or CSV; a stdin → stdout filter).
    #[command(after_help = EX_ANNOTATE)]
    Annotate(AnnotateArgs),
    /// A coding sheet for human coders: a random (stratified) sample of posts.
    #[command(after_help = EX_SAMPLE)]
    Sample(SampleArgs),
    /// Compare the tool's categories with human coding: precision, recall,
    /// F1, kappa with intervals, and the misclassification-corrected share.
    #[command(after_help = EX_EVALUATE)]
    Evaluate(EvaluateArgs),
    /// Re-run an analysis and fail when a share drifts from a saved JSON report.
    #[command(after_help = EX_CHECK)]
    Check(CheckArgs),
    /// Claimed vs measured shares from a claims file, with verdicts.
    #[command(after_help = EX_REPRODUCE)]
    Reproduce(ReproduceArgs),
    /// Add up tally files of shards into the report of the whole corpus.
    #[command(after_help = EX_MERGE)]
    Merge(MergeArgs),
    /// List the input formats, CSV presets and lexicon formats: how each is
    /// detected and which fields it reads.
    #[command(after_help = EX_FORMATS)]
    Formats,
    /// Work with lexicons: test, lint, diff, convert, show.
    #[command(subcommand, after_help = EX_LEXICON)]
    Lexicon(LexiconCommand),
}

/// `lexiscope lexicon …`
#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Run the [[test]] cases embedded in lexicons (exit 1 on a failure).
    #[command(after_help = EX_LEXICON_TEST)]
    Test(LexiconTestArgs),
    /// Check lexicons for defects (exit 1 on errors, or warnings with --deny-warnings).
    #[command(after_help = EX_LEXICON_LINT)]
    Lint(LexiconLintArgs),
    /// Posts whose categories change between two versions of a lexicon.
    #[command(after_help = EX_LEXICON_DIFF)]
    Diff(LexiconDiffArgs),
    /// Print a lexicon in the native TOML format (default: the built-in one).
    #[command(after_help = EX_LEXICON_SHOW)]
    Show(LexiconShowArgs),
    /// Convert a lexicon between formats (LIWC .dic/.dicx, quanteda YAML,
    /// WordStat .cat, Lexicoder .lc3, term lists, native TOML).
    #[command(after_help = EX_LEXICON_CONVERT)]
    Convert(LexiconConvertArgs),
}

/// Arguments of `lexicon convert`.
#[derive(Debug, Args)]
pub struct LexiconConvertArgs {
    /// The lexicon to read (a file, or a built-in name).
    pub input: String,
    /// The file to write (`-` for stdout).
    pub output: PathBuf,
    /// Format of OUTPUT (default: from its extension).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub to: Option<LexiconFormatArg>,
    /// Format of INPUT (default: from its extension).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<LexiconFormatArg>,
    /// No warnings on stderr (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Lexicon file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LexiconFormatArg {
    /// Native TOML (.toml).
    Toml,
    /// LIWC 2001–2015 (.dic).
    Dic,
    /// LIWC-22 (.dicx, CSV).
    Dicx,
    /// quanteda YAML (.yml, .yaml).
    Yaml,
    /// WordStat (.cat).
    Cat,
    /// Lexicoder (.lc3).
    Lc3,
    /// Term list, `category<TAB>term…` or one term per line (.tsv, .txt).
    Tsv,
}

/// Arguments of `lexicon lint`.
#[derive(Debug, Args)]
pub struct LexiconLintArgs {
    /// Lexicon files or built-in names; none = every built-in lexicon.
    pub lexicons: Vec<String>,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: LintFormatArg,
    /// Write the findings to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Lint output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormatArg {
    /// `file:line: level: [code] message` lines (`text` is an old spelling).
    #[value(alias = "text")]
    Table,
    /// A JSON array of findings.
    Json,
}

/// Arguments of `lexicon diff`.
#[derive(Debug, Args)]
pub struct LexiconDiffArgs {
    /// The lexicon before the change (file or built-in name).
    pub old: String,
    /// The lexicon after the change.
    pub new: String,
    /// Inputs and fields (-l is not used: the two lexicons are OLD and NEW).
    #[command(flatten)]
    pub input: InputArgs,
    /// Show at most this many changed posts (0 = all); the summary counts all.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// Output format of the changed posts.
    #[arg(short, long, value_enum, default_value = "table")]
    pub format: KwicFormatArg,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write CSV cells as they are (no `'` before a leading = + - @).
    #[arg(long)]
    pub raw_csv: bool,
}

/// Arguments of `lexicon test`.
#[derive(Debug, Args)]
pub struct LexiconTestArgs {
    /// Lexicon files or built-in names; none = every built-in lexicon.
    pub lexicons: Vec<String>,
    /// More cases from a TOML file of [[test]] tables (run against every lexicon given).
    #[arg(long, value_name = "FILE")]
    pub cases: Vec<PathBuf>,
    /// Also write the results as JUnit XML for CI systems.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Print passing cases too.
    #[arg(short, long)]
    pub verbose: bool,
    /// Write the results to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `lexicon show`.
#[derive(Debug, Args)]
pub struct LexiconShowArgs {
    /// A lexicon file or built-in name.
    #[arg(default_value = crate::lexicon::DEFAULT_LEXICON)]
    pub lexicon: String,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Input format names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// Comma/tab/semicolon-separated values.
    Csv,
    /// One JSON object per line (also NDJSON).
    Jsonl,
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

    /// WhatsApp dates are day first (01/02/19 = 1 February); default:
    /// detected per file from a field above 12.
    #[arg(long, conflicts_with = "monthfirst", help_heading = "Input")]
    pub dayfirst: bool,

    /// WhatsApp dates are month first (01/02/19 = 2 January).
    #[arg(long, help_heading = "Input")]
    pub monthfirst: bool,

    /// How overlapping matches are resolved.
    #[arg(
        long,
        value_enum,
        default_value = "leftmost-longest",
        help_heading = "Lexicons and matching"
    )]
    pub overlap: OverlapArg,

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
    #[arg(long, default_value_t = crate::source::DEFAULT_MAX_RECORD_BYTES, value_name = "BYTES", help_heading = "Input")]
    pub max_field_bytes: usize,

    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N", help_heading = "Run")]
    pub threads: Option<usize>,

    /// No progress bar and no notes on stderr (errors are still printed).
    #[arg(short, long, help_heading = "Run")]
    pub quiet: bool,
}

/// Arguments of `analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Inputs, lexicons, fields and matching.
    #[command(flatten)]
    pub input: InputArgs,

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

    /// Bootstrap replicates for --cluster.
    #[arg(
        long,
        default_value_t = 1000,
        value_name = "N",
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

    /// Show hits of this category (repeatable).
    #[arg(long, value_name = "ID", required_unless_present = "term")]
    pub category: Vec<String>,

    /// Show hits of this term, as written in the lexicon (repeatable).
    #[arg(long, value_name = "TERM")]
    pub term: Vec<String>,

    /// Characters of context on each side.
    #[arg(long, default_value_t = 40, value_name = "N")]
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
