//! The resolved settings of each command, built from the flags by
//! `cmd::config`: typed values only (no clap type), so that a command reads
//! what to do, not how it was spelled.

pub use crate::pipeline::evaluate::MinF1;
use std::path::PathBuf;
use std::sync::Arc;

use super::stderr::Stderr;
use crate::config::Config;
use crate::lexicon::{LexiconFormat, ReadOptions};
use crate::report::OutputFormat;

/// A run over posts as the command line asked for it.
pub struct Run {
    /// The library configuration.
    pub config: Config,
    /// Where notes go (also `config.observer`).
    pub stderr: Arc<Stderr>,
}

/// Where a report or listing is written.
#[derive(Clone, Debug)]
pub struct Target {
    /// The file (`None`: stdout).
    pub path: Option<PathBuf>,
    /// Write CSV cells as they are.
    pub raw_csv: bool,
    /// Columns a table is fitted to ([`super::terminal::width`]).
    pub width: usize,
}

impl Target {
    /// Output to `path` (`None`: stdout), fitted to where it goes.
    pub fn new(path: Option<PathBuf>, raw_csv: bool) -> Self {
        let width = super::terminal::width(path.as_deref());
        Target {
            path,
            raw_csv,
            width,
        }
    }

    /// How a report is rendered to it.
    pub fn options(&self) -> crate::report::RenderOptions {
        crate::report::RenderOptions {
            raw_csv: self.raw_csv,
            width: self.width,
        }
    }
}

/// The pictures of `analyze`, `check`, `reproduce` and `merge`.
#[derive(Clone, Debug, Default)]
pub struct PictureSettings {
    /// `--chart FILE`.
    pub chart: Option<PathBuf>,
    /// `--html FILE`.
    pub html: Option<PathBuf>,
    /// KWIC lines sampled per category for the HTML page.
    pub kwic_sample: usize,
    /// Title, subtitle, source and note of the chart and the page.
    pub text: crate::report::chart::ChartText,
    /// Seed of the samples.
    pub seed: u64,
}

/// `analyze` (and the analysis that `check` and `reproduce` re-run).
pub struct AnalyzeSettings {
    /// The run.
    pub run: Run,
    /// The report's format.
    pub format: OutputFormat,
    /// JSON was asked for with `-f json` or `-o FILE.json` (what
    /// `reproduce` writes its verdicts as).
    pub json: bool,
    /// Where the report goes (`None` with `--emit-tally` and no `-o`).
    pub report: Option<Target>,
    /// `--emit-tally FILE` (`-` = stdout).
    pub emit_tally: Option<PathBuf>,
    /// `--chart`, `--html`.
    pub pictures: PictureSettings,
}

/// Output formats of lists of posts or lines (`kwic`, `lexicon diff`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    /// Aligned lines for the terminal.
    Table,
    /// CSV.
    Csv,
    /// JSON.
    Json,
}

/// `kwic`.
pub struct KwicSettings {
    /// The run.
    pub run: Run,
    /// Show hits of these categories…
    pub categories: Vec<String>,
    /// Categories whose lines are left out (`--exclude-categories`).
    pub exclude: Vec<String>,
    /// …and of these terms.
    pub terms: Vec<String>,
    /// Characters of context on each side.
    pub window: usize,
    /// Keep a reproducible sample of this many lines.
    pub sample: Option<usize>,
    /// Seed of the sample.
    pub seed: u64,
    /// Output format.
    pub format: ListFormat,
    /// Where the lines go.
    pub target: Target,
}

/// `annotate`.
pub struct AnnotateSettings {
    /// The run.
    pub run: Run,
    /// The categories written (`--categories`, `--exclude-categories`).
    pub select: crate::report::CategoryFilter,
    /// CSV instead of JSONL.
    pub csv: bool,
    /// Where the annotations go.
    pub target: Target,
}

/// `sample`.
pub struct SampleSettings {
    /// The run.
    pub run: Run,
    /// Posts on the sheet.
    pub n: usize,
    /// Seed of the draw.
    pub seed: u64,
    /// Draw from each category and from the posts with none.
    pub stratify: bool,
    /// Leave out predictions and strata.
    pub blind: bool,
    /// Where the sheet goes.
    pub target: Target,
}

/// `evaluate`.
pub struct EvaluateSettings {
    /// The run.
    pub run: Run,
    /// The human-coded sheet.
    pub gold: String,
    /// Its id column.
    pub gold_id: String,
    /// `COLUMN=CATEGORY` pairs.
    pub pairs: Vec<(String, String)>,
    /// A label column and its `LABEL=CATEGORY` map.
    pub labels: Option<(String, Vec<(String, String)>)>,
    /// Gate on F1: the bar of every category, and of some by name.
    pub min_f1: MinF1,
    /// Gate on the macro-averaged F1.
    pub min_macro_f1: Option<f64>,
    /// Gate on kappa.
    pub min_kappa: Option<f64>,
    /// Confidence level of the intervals.
    pub confidence: f64,
    /// JSON instead of tables.
    pub json: bool,
    /// Where the results go.
    pub target: Target,
}

/// `check`.
pub struct CheckSettings {
    /// The analysis re-run.
    pub analyze: AnalyzeSettings,
    /// The saved report.
    pub baseline: PathBuf,
    /// Largest allowed move, in percentage points.
    pub tolerance: f64,
}

/// `reproduce`.
pub struct ReproduceSettings {
    /// The analysis that measures the claims.
    pub analyze: AnalyzeSettings,
    /// The claims file.
    pub claims: PathBuf,
}

/// `merge`.
pub struct MergeSettings {
    /// The tally files (`-` = stdin).
    pub tallies: Vec<PathBuf>,
    /// The report's format.
    pub format: OutputFormat,
    /// Where the report goes.
    pub target: Target,
    /// `--chart`, `--html`.
    pub pictures: PictureSettings,
}

/// `lexicon test`.
pub struct TestSettings {
    /// Lexicons (empty: every built-in one).
    pub lexicons: Vec<String>,
    /// More case files.
    pub cases: Vec<PathBuf>,
    /// JUnit XML file.
    pub junit: Option<PathBuf>,
    /// Print passing cases too.
    pub verbose: bool,
    /// Where the results go.
    pub target: Target,
}

/// `lexicon lint`.
pub struct LintSettings {
    /// Lexicons (empty: every built-in one).
    pub lexicons: Vec<String>,
    /// How the lexicon files are read (a table's columns).
    pub read: ReadOptions,
    /// Fail on warnings too.
    pub deny_warnings: bool,
    /// Every finding in the table, not the first of each kind.
    pub all: bool,
    /// JSON instead of lines.
    pub json: bool,
    /// Where the findings go.
    pub target: Target,
}

/// `lexicon diff`.
pub struct DiffSettings {
    /// The inputs (the lexicons of the run are OLD and NEW).
    pub run: Run,
    /// The lexicon before the change.
    pub old: String,
    /// The lexicon after it.
    pub new: String,
    /// Show at most this many changed posts (0 = all).
    pub limit: usize,
    /// No import warnings.
    pub quiet: bool,
    /// Output format.
    pub format: ListFormat,
    /// Where the posts go.
    pub target: Target,
}

/// `lexicon show`.
pub struct ShowSettings {
    /// A file or built-in name.
    pub lexicon: String,
    /// How it is read (a table's columns).
    pub read: ReadOptions,
    /// Where the TOML goes.
    pub target: Target,
}

/// `lexicon convert`.
pub struct ConvertSettings {
    /// The lexicon read.
    pub input: String,
    /// Its format (default: by extension) and a table's columns.
    pub read: ReadOptions,
    /// The file written (`-`: stdout).
    pub output: PathBuf,
    /// Its format (default: by extension).
    pub to: Option<LexiconFormat>,
    /// No warnings.
    pub quiet: bool,
}
