//! The report model: one serde [`Report`] built once from the counts and
//! read by every renderer, and the tally file of a shard. The JSON form is a
//! public contract (DESIGN.md §6, schema `lexiscope.report/1`): fields may be
//! added, the existing ones keep their names and meaning.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::stats::Tally;

/// The schema tag of a tally file.
pub const TALLY_SCHEMA: &str = "lexiscope.tally/1";

/// A tally file (`analyze --emit-tally`): counts only, plus what is needed
/// to build the report from them and to check that shards belong together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TallyFile {
    /// `lexiscope.tally/1`.
    pub schema: String,
    /// Provenance of the shard (its own inputs).
    pub provenance: Provenance,
    /// How the report is laid out.
    pub layout: Layout,
    /// The counts.
    pub tally: Tally,
    /// The coded posts of `--validation`, for the report only (a tally
    /// file does not carry them).
    #[serde(skip)]
    pub validation: Option<ValidationInput>,
}

/// The coded posts of `analyze --validation`, from the pipeline to the
/// report, which corrects its shares with them (`report::corrected`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidationInput {
    /// What the report says of the validation.
    pub summary: Validation,
    /// The sheet's strata sizes N_h.
    pub population: Vec<f64>,
    /// The sheet was drawn by strata.
    pub stratified: bool,
    /// One per compared category.
    pub comparisons: Vec<CodedComparison>,
}

/// The coded posts of one compared category.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodedComparison {
    /// The category id (`_any`: any category).
    pub category: String,
    /// Per coded post found among the analyzed posts: stratum, flag, code.
    pub posts: Vec<crate::stats::design::CodedPost>,
    /// Per coded post, its group key (the `--by` values, then the period).
    pub keys: Vec<Vec<String>>,
}

/// `--validation` in the report: the sheet, how it was drawn and read, and
/// the method of the corrected shares.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    /// The sheet's path.
    pub sheet: String,
    /// SHA-256 of the sheet's bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// `simple random` or `stratified`.
    pub design: String,
    /// The estimator of the corrected shares.
    pub method: String,
    /// Rows of the sheet.
    pub coded_rows: u64,
    /// Coded ids found among the analyzed posts.
    pub found: u64,
    /// `category ← column` of each comparison.
    pub compared: Vec<String>,
    /// Coded posts a group needs for its corrected share.
    pub min_coded: u64,
    /// Groups whose corrected shares are left out for want of coded posts.
    pub groups_without: u64,
}

/// A category's share corrected by the coded posts (`--validation`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CorrectedShare {
    /// The corrected share (null when it cannot be estimated).
    pub share: Option<f64>,
    /// Lower bound.
    pub ci_low: Option<f64>,
    /// Upper bound.
    pub ci_high: Option<f64>,
    /// Coded posts it rests on.
    pub coded: u64,
    /// Why it is missing or uninformative, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The schema tag of the JSON report.
pub const SCHEMA: &str = "lexiscope.report/1";

/// Id of the "any category" row (no lexicon may use it).
pub const ANY_ID: &str = crate::lexicon::RESERVED_ID;

/// The first and last days of the dated posts, `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSpan {
    /// The first day.
    pub first: String,
    /// The last day.
    pub last: String,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// A table for the terminal.
    Table,
    /// CSV, one row per category.
    Csv,
    /// The JSON report.
    Json,
    /// A Markdown table.
    Markdown,
    /// An `.xlsx` workbook, one sheet per table.
    Xlsx,
}

/// One concordance line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct KwicLine {
    /// Input path.
    pub input: String,
    /// 1-based line of the record.
    pub line: u64,
    /// Post id.
    pub id: String,
    /// Byte offset of the match in the post text.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// Context before the match.
    pub left: String,
    /// The matched text, as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// Context after the match.
    pub right: String,
    /// Category id.
    pub category: String,
    /// The term as written in the lexicon (a rule category: its rule).
    pub term: String,
    /// For a rule category's line, the term hits that made the rule fire.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fired: Vec<FiredTerm>,
}

/// A term hit inside a rule category's match (`kwic`, `annotate`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FiredTerm {
    /// The term as written in the lexicon (or quoted in the rule).
    pub term: String,
    /// The text it matched, as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// Byte offset in the post text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

impl FiredTerm {
    /// `term + term`, for one-line displays.
    pub fn join(fired: &[FiredTerm]) -> String {
        fired
            .iter()
            .map(|f| f.term.as_str())
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

/// A whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `lexiscope.report/1`.
    pub schema: String,
    /// What produced the numbers.
    pub provenance: Provenance,
    /// Post counts.
    pub totals: Totals,
    /// One row per category, then the `_any` row.
    pub categories: Vec<CategoryRow>,
    /// Breakdowns (`--by`, `--every`); empty without them.
    pub groups: Vec<Group>,
    /// Groups left out by `--min-posts`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub groups_hidden: u64,
    /// Unique posts (`--dedupe`): the same rows over unique posts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique: Option<UniquePart>,
    /// Category × category matrix of posts (`--cooccurrence`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooccurrence: Option<Cooccurrence>,
    /// The coded sheet that corrects the shares (`--validation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Validation>,
    /// Confidence level of the intervals (in the JSON as
    /// `provenance.options.confidence`).
    #[serde(skip, default = "default_confidence")]
    pub confidence: f64,
    /// The period of the groups (`day`, `week`, `month`, `year`) when they
    /// are a breakdown over time (in the JSON as `provenance.options.every`).
    #[serde(skip)]
    pub period: Option<String>,
    /// The first and last days of the dated posts (`--every`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<DateSpan>,
    /// The first or last periods the posts do not cover whole (a month
    /// whose posts start on the 12th): their shares rest on part of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial_periods: Vec<String>,
}

fn default_confidence() -> f64 {
    0.95
}

impl Report {
    /// Read a JSON report (`analyze -f json`); the typed fields that the
    /// JSON holds in the provenance options are restored from there.
    pub fn from_json(text: &str) -> serde_json::Result<Report> {
        let mut report: Report = serde_json::from_str(text)?;
        let options = &report.provenance.options;
        report.confidence = options
            .get("confidence")
            .and_then(|v| v.as_f64())
            .unwrap_or_else(default_confidence);
        report.period = options
            .get("every")
            .and_then(|v| v.as_str())
            .map(String::from);
        Ok(report)
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The unique-post figures of `--dedupe`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UniquePart {
    /// `exact` or `normalized`.
    pub mode: String,
    /// Posts left out as duplicates or reposts.
    pub duplicates: u64,
    /// Counts over unique posts.
    pub totals: Totals,
    /// Category rows over unique posts.
    pub categories: Vec<CategoryRow>,
}

/// Posts in both categories of each pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cooccurrence {
    /// Category ids, the order of rows and columns.
    pub categories: Vec<String>,
    /// `posts[i][j]`: posts with a hit in both i and j (the diagonal: in i).
    pub posts: Vec<Vec<u64>>,
    /// `posts[i][j]` / posts analyzed.
    pub share: Vec<Vec<Option<f64>>>,
}

/// Tool, lexicons, inputs and options: enough to reproduce the numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// lexiscope's version.
    pub tool_version: String,
    /// Lexicons used.
    pub lexicons: Vec<LexiconRef>,
    /// Inputs read.
    pub inputs: Vec<InputRef>,
    /// Every option that changes a number.
    pub options: BTreeMap<String, serde_json::Value>,
}

/// A lexicon in the provenance block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LexiconRef {
    /// Name.
    pub name: String,
    /// Version.
    pub version: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// File path or `builtin:NAME`.
    pub origin: String,
    /// Categories matched on the deobfuscated view (`deobfuscate = true`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deobfuscated: Vec<String>,
}

/// An input in the provenance block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputRef {
    /// Path as given (`-` for stdin).
    pub path: String,
    /// Raw bytes read.
    pub bytes: u64,
    /// SHA-256 of the raw bytes.
    pub sha256: String,
    /// What lexiscope knows of this input (its own synthetic example
    /// corpus is recognised by its digest and said to be so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Post counts: read = analyzed + empty + skipped.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Records read.
    pub posts_read: u64,
    /// Posts with text: the denominator.
    pub posts_analyzed: u64,
    /// Posts without any token.
    pub posts_empty: u64,
    /// Records skipped.
    pub posts_skipped: u64,
    /// Skipped records by reason.
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// Sum of weights of analyzed posts (`--weight`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// One category's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryRow {
    /// Category id (`_any` for the any-category row).
    pub id: String,
    /// Label.
    pub label: String,
    /// Posts with at least one hit.
    pub posts: u64,
    /// posts / posts analyzed (null when nothing was analyzed).
    pub share: Option<f64>,
    /// Lower bound of the interval.
    pub ci_low: Option<f64>,
    /// Upper bound of the interval.
    pub ci_high: Option<f64>,
    /// Resolved hits.
    pub hits: u64,
    /// Most frequent terms.
    pub top_terms: Vec<TermCount>,
    /// Share of the weight (`--weight`): Σ weight of posts with a hit / Σ weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighted_share: Option<f64>,
    /// Cluster-bootstrap interval (`--cluster`), lower bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_ci_low: Option<f64>,
    /// Cluster-bootstrap interval (`--cluster`), upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_ci_high: Option<f64>,
    /// The share corrected by a coded sheet (`--validation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<CorrectedShare>,
}

/// A term and its hits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCount {
    /// The term as written in the lexicon.
    pub term: String,
    /// Hits credited to it.
    pub hits: u64,
}

/// A breakdown group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Field → value (the period under the name of `--every`, e.g. `month`).
    pub keys: BTreeMap<String, String>,
    /// Post counts of the group.
    pub totals: Totals,
    /// Category rows of the group.
    pub categories: Vec<CategoryRow>,
    /// The same over unique posts (`--dedupe`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique: Option<UniquePart>,
}

/// What a report is built from, besides the counts; travels with a tally
/// (`--emit-tally`) so that `merge` builds the same report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// (id, label) of each category, in order.
    pub categories: Vec<(String, String)>,
    /// Category index and term of each slot.
    pub slots: Vec<(u32, String)>,
    /// Interval confidence level, e.g. 0.95.
    pub confidence: f64,
    /// How many top terms per category.
    pub top_terms: usize,
    /// Names of the group key parts (`--by` fields, then the period name).
    pub group_fields: Vec<String>,
    /// Hide groups with fewer analyzed posts.
    pub min_posts: u64,
    /// Report weighted shares.
    pub weighted: bool,
    /// Cluster bootstrap: (replicates, seed), with `--cluster`.
    pub bootstrap: Option<(usize, u64)>,
    /// `--dedupe` mode name.
    pub dedupe: Option<String>,
}
