//! Command-line interface (clap derive): commands, flags and value enums.
//! No logic lives here; `cmd::config` turns these raw arguments into a
//! resolved configuration before any post is read, and no file below it
//! sees these types.
//!
//! This file: the examples of every `--help` page and the command list.
//! `input`: the flags every command that reads posts takes ([`InputArgs`],
//! grouped under the headings Input, Lexicons and matching, Run) and their
//! value enums; `commands`: each command's own arguments; `lexicon`: the
//! `lexicon …` subcommands. The same thing has the same flag everywhere:
//! `-o` output file, `-f` format (`table` for the human one), `-n/--sample`
//! sample size, `--seed`, `--raw-csv`.

use clap::{Parser, Subcommand};

mod commands;
mod input;
mod lexicon;

pub use commands::*;
pub use input::*;
pub use lexicon::*;

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
