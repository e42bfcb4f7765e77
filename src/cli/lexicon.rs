//! Arguments of the `lexicon …` subcommands: test, lint, diff, show, convert.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{InputArgs, KwicFormatArg};

const EX_LEXICON_TEST: &str = "Examples:\n  lexiscope lexicon test\n  lexiscope lexicon test mylex.toml --cases more-cases.toml --junit report.xml";
const EX_LEXICON_LINT: &str = "Examples:\n  lexiscope lexicon lint mylex.toml\n  lexiscope lexicon lint mylex.toml --deny-warnings -f json -o lint.json";
const EX_LEXICON_DIFF: &str = "Examples:\n  lexiscope lexicon diff old.toml new.toml posts.csv\n  lexiscope lexicon diff old.toml new.toml posts.csv --limit 0 -f csv -o changed.csv";
const EX_LEXICON_SHOW: &str = "Examples:\n  lexiscope lexicon show > mylex.toml\n  lexiscope lexicon show mydict.dic -o mydict.toml";
const EX_LEXICON_CONVERT: &str = "Examples:\n  lexiscope lexicon convert mydict.dic mylex.toml\n  lexiscope lexicon convert mylex.toml - --to yaml";

/// `lexiscope lexicon …`
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
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
    /// A lexicon that is a table with a header row (HurtLex's TSV, a
    /// spreadsheet): which columns hold the category, the term and
    /// optionally a weight, by name or 1-based number.
    #[arg(long, value_name = "category=COL,term=COL[,weight=COL]")]
    pub lexicon_columns: Option<String>,
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
    /// List every finding (the table shows the first 20 of each kind per
    /// lexicon, then a count).
    #[arg(long)]
    pub all: bool,
    /// A lexicon that is a table with a header row (HurtLex's TSV, a
    /// spreadsheet): which columns hold the category, the term and
    /// optionally a weight, by name or 1-based number.
    #[arg(long, value_name = "category=COL,term=COL[,weight=COL]")]
    pub lexicon_columns: Option<String>,

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
    /// A lexicon that is a table with a header row (HurtLex's TSV, a
    /// spreadsheet): which columns hold the category, the term and
    /// optionally a weight, by name or 1-based number.
    #[arg(long, value_name = "category=COL,term=COL[,weight=COL]")]
    pub lexicon_columns: Option<String>,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
