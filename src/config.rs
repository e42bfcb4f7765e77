//! The resolved configuration of a run: typed settings, validated once,
//! that the pipeline works from. The command line builds one from its flags
//! (`cmd::config`, the only place that sees clap); a library user or a
//! binding builds one directly:
//!
//! ```
//! use lexiscope::{Config, Input};
//!
//! let mut config = Config::new([Input::bytes("posts.csv", "id,text\n1,hola\n")]);
//! config.analysis.confidence = 0.99;
//! config.analysis.by.push("author".into());
//! assert!(config.analysis.validate().is_ok());
//! ```
//!
//! Nothing here reads a file: inputs and lexicons are named (or given in
//! memory) and opened by `pipeline::prepare`.

use std::fmt;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::lexicon::{Lexicon, ReadOptions};
use crate::matcher::MatchOptions;
use crate::observer::{Observer, Silent};
use crate::source::SourceOptions;
use crate::source::arrow::ArrowInput;
use crate::source::date::Period;
use crate::source::number::Decimal;

/// Everything a run over posts needs.
#[derive(Clone)]
pub struct Config {
    /// The inputs, read in order and counted together.
    pub inputs: Vec<Input>,
    /// The lexicons, their categories concatenated in order; empty = the
    /// built-in default lexicon.
    pub lexicons: Vec<LexiconSpec>,
    /// How the named lexicons are read: one format for all (default: by
    /// extension) and the columns of a table.
    pub lexicon_read: ReadOptions,
    /// How the inputs are read: format, delimiter, text and id fields, …
    /// (the fields a run needs besides are added by the pipeline).
    pub source: SourceOptions,
    /// Overlap policy and URL matching.
    pub matching: MatchOptions,
    /// Fail on the first malformed record instead of skipping and counting it.
    pub strict: bool,
    /// Worker threads (`None`: all cores).
    pub threads: Option<usize>,
    /// What `analyze` computes besides the shares.
    pub analysis: Analysis,
    /// Who hears the notes and the progress (default: nobody).
    pub observer: Arc<dyn Observer>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: Vec::new(),
            lexicons: Vec::new(),
            lexicon_read: ReadOptions::default(),
            source: SourceOptions::default(),
            matching: MatchOptions::default(),
            strict: false,
            threads: None,
            analysis: Analysis::default(),
            observer: Arc::new(Silent),
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("inputs", &self.inputs)
            .field("lexicons", &self.lexicons)
            .field("lexicon_read", &self.lexicon_read)
            .field("source", &self.source)
            .field("matching", &self.matching)
            .field("strict", &self.strict)
            .field("threads", &self.threads)
            .field("analysis", &self.analysis)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// A configuration over `inputs` with every default: the built-in
    /// lexicon, detected formats and fields, no notes.
    pub fn new<I: Into<Input>>(inputs: impl IntoIterator<Item = I>) -> Config {
        Config {
            inputs: inputs.into_iter().map(Into::into).collect(),
            ..Config::default()
        }
    }

    /// The same configuration with nobody listening (a second pass over the
    /// inputs, such as the samples of the HTML report, says nothing).
    pub fn silent(&self) -> Config {
        Config {
            observer: Arc::new(Silent),
            ..self.clone()
        }
    }

    /// Whether an input can be read only once (standard input, an Arrow
    /// stream).
    pub fn reads_once(&self) -> bool {
        self.inputs
            .iter()
            .any(|i| matches!(i, Input::Path(p) if p == "-") || matches!(i, Input::Arrow(_)))
    }
}

/// One input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file, or `-` for standard input.
    Path(String),
    /// Bytes in memory, read as if they were the file `name` (whose
    /// extension guides format detection).
    Bytes {
        /// The name used in messages and in the provenance.
        name: String,
        /// The content.
        bytes: Arc<[u8]>,
    },
    /// Arrow record batches in memory (a DataFrame handed over by the
    /// Python package), read once, like standard input.
    Arrow(ArrowInput),
}

impl Input {
    /// Bytes in memory named `name`.
    pub fn bytes(name: impl Into<String>, bytes: impl AsRef<[u8]>) -> Input {
        Input::Bytes {
            name: name.into(),
            bytes: Arc::from(bytes.as_ref()),
        }
    }

    /// The path or name.
    pub fn name(&self) -> &str {
        match self {
            Input::Path(p) => p,
            Input::Bytes { name, .. } => name,
            Input::Arrow(table) => table.name(),
        }
    }
}

impl From<&str> for Input {
    fn from(path: &str) -> Input {
        Input::Path(path.to_string())
    }
}

impl From<String> for Input {
    fn from(path: String) -> Input {
        Input::Path(path)
    }
}

/// One lexicon.
#[derive(Clone, Debug, PartialEq)]
pub enum LexiconSpec {
    /// A file in any dictionary format, or the name of a built-in lexicon.
    Named(String),
    /// A lexicon already in memory.
    Loaded(Box<Lexicon>),
}

impl From<&str> for LexiconSpec {
    fn from(spec: &str) -> LexiconSpec {
        LexiconSpec::Named(spec.to_string())
    }
}

impl From<String> for LexiconSpec {
    fn from(spec: String) -> LexiconSpec {
        LexiconSpec::Named(spec)
    }
}

impl From<Lexicon> for LexiconSpec {
    fn from(lexicon: Lexicon) -> LexiconSpec {
        LexiconSpec::Loaded(Box::new(lexicon))
    }
}

/// `--dedupe` modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dedupe {
    /// Identical text (after removing an `RT @user:` prefix).
    Exact,
    /// Identical normalized text (case, accents, punctuation, URLs ignored).
    Normalized,
}

impl Dedupe {
    /// The mode's name, as the report writes it.
    pub fn name(self) -> &'static str {
        match self {
            Dedupe::Exact => "exact",
            Dedupe::Normalized => "normalized",
        }
    }
}

/// The most bootstrap replicates (`--bootstrap`): more would only cost
/// memory and time (the interval's Monte Carlo error is already far below
/// its width at 10,000).
pub const MAX_BOOTSTRAP: usize = 100_000;

/// The default of `--max-groups`: the distinct series of a breakdown (the
/// values of the `--by` fields; with `--every`, each with all its periods)
/// counted one by one before the rest are folded into [`OTHER_GROUP`]. A
/// group costs a few hundred bytes to a few KB, so 10,000 of them stay
/// well under 100 MB; a `--by` over a million account ids would otherwise
/// take GBs.
pub const DEFAULT_MAX_GROUPS: usize = 10_000;

/// The largest `--max-groups`: 10⁸ groups would take tens of GB.
pub const MAX_GROUPS: usize = 100_000_000;

/// The group that posts of groups beyond `--max-groups` are counted in
/// (every part of its key).
pub const OTHER_GROUP: &str = "(other groups)";

/// What `analyze` computes: intervals, breakdowns, weights, unique posts,
/// clustered intervals, co-occurrence.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Confidence level of the intervals, in (0, 1).
    pub confidence: f64,
    /// Most frequent terms reported per category.
    pub top_terms: usize,
    /// Break the figures down by these fields (one group per combination).
    pub by: Vec<String>,
    /// Break the figures down by period of the date field.
    pub every: Option<Period>,
    /// The date field of `every` (default: the input's own date field).
    pub date: Option<String>,
    /// Hide groups with fewer analyzed posts (they still count in totals).
    pub min_posts: u64,
    /// Distinct series (values of `by`, each with all its periods) counted
    /// one by one (the first met, batch by batch of input; see
    /// [`crate::stats::GroupCap`]); the posts of later ones are counted in
    /// [`OTHER_GROUP`].
    pub max_groups: usize,
    /// Also report the share of this weight per category.
    pub weight: Option<String>,
    /// Decimal mark of the weights.
    pub decimal: Decimal,
    /// Also count unique posts.
    pub dedupe: Option<Dedupe>,
    /// Cluster-bootstrap intervals over the values of this field.
    pub cluster: Option<String>,
    /// Bootstrap replicates.
    pub bootstrap: usize,
    /// Seed of the bootstrap (and of the HTML report's samples).
    pub seed: u64,
    /// Report the category × category matrix of posts.
    pub cooccurrence: bool,
    /// Correct the shares with a human-coded sheet.
    pub validation: Option<Validation>,
    /// The categories the report shows (`--categories`,
    /// `--exclude-categories`); every category is still matched.
    pub select: crate::report::CategoryFilter,
}

/// Coded posts a group needs for its corrected share (fewer: a note).
pub const DEFAULT_MIN_CODED: u64 = 30;

/// `analyze --validation`: a human-coded sheet of posts of the inputs
/// (from `lexiscope sample`, or any sheet with an id column and 0/1 codes)
/// whose codes correct each category's share (`stats::prevalence`).
#[derive(Clone, Debug, PartialEq)]
pub struct Validation {
    /// The sheet.
    pub path: String,
    /// Its id column.
    pub id: String,
    /// `COLUMN=CATEGORY` pairs; empty = columns named after the categories
    /// (or `code_<category>`).
    pub pairs: Vec<(String, String)>,
    /// Coded posts a group of a breakdown needs for its corrected share.
    pub min_coded: u64,
}

impl Default for Analysis {
    fn default() -> Self {
        Analysis {
            confidence: 0.95,
            top_terms: 5,
            by: Vec::new(),
            every: None,
            date: None,
            min_posts: 1,
            max_groups: DEFAULT_MAX_GROUPS,
            weight: None,
            decimal: Decimal::Dot,
            dedupe: None,
            cluster: None,
            bootstrap: 1000,
            seed: 1,
            cooccurrence: false,
            validation: None,
            select: crate::report::CategoryFilter::default(),
        }
    }
}

impl Analysis {
    /// Check the values that do not hold by construction.
    pub fn validate(&self) -> Result<()> {
        if !(self.confidence > 0.0 && self.confidence < 1.0) {
            return Err(Error::Usage(format!(
                "--confidence {}: expected a level between 0 and 1, such as 0.95",
                self.confidence
            )));
        }
        if !(1..=MAX_BOOTSTRAP).contains(&self.bootstrap) {
            return Err(Error::Usage(format!(
                "--bootstrap {}: expected 1 to {MAX_BOOTSTRAP} replicates",
                self.bootstrap
            )));
        }
        if !(1..=MAX_GROUPS).contains(&self.max_groups) {
            return Err(Error::Usage(format!(
                "--max-groups {}: expected 1 to {MAX_GROUPS} groups",
                self.max_groups
            )));
        }
        if self.every.is_none() && self.date.is_some() {
            return Err(Error::Usage(
                "--date names the date field of --every; add --every day|week|month|year".into(),
            ));
        }
        Ok(())
    }
}
