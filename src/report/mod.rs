//! The report: one serde model built once from the counts, rendered as a
//! terminal table, CSV, JSON or Markdown, and as SVG charts and a
//! self-contained HTML page. The JSON form is a public contract
//! (DESIGN.md §6, schema `lexiscope.report/1`): fields may be added, the
//! existing ones keep their names and meaning.

pub mod chart;
pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod svg;
pub mod table;

use std::collections::BTreeMap;
use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::stats::bootstrap::cluster_bootstrap;
use crate::stats::tally::WEIGHT_SCALE;
use crate::stats::{ClusterCounts, Counts, Tally, wilson};

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
}

/// The schema tag of the JSON report.
pub const SCHEMA: &str = "lexiscope.report/1";

/// Id of the "any category" row.
pub const ANY_ID: &str = "_any";

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

impl Totals {
    /// Totals of some counts.
    pub fn from_counts(c: &Counts, weighted: bool) -> Self {
        Totals {
            posts_read: c.posts_read,
            posts_analyzed: c.posts_analyzed,
            posts_empty: c.posts_empty,
            posts_skipped: c.posts_skipped(),
            skipped_by_reason: c.skipped_by_reason.clone(),
            weight: weighted.then(|| c.weight as f64 / WEIGHT_SCALE),
        }
    }
}

fn row(id: &str, label: &str, posts: u64, hits: u64, n: u64, conf: f64) -> CategoryRow {
    let ci = wilson(posts, n, conf);
    CategoryRow {
        id: id.to_string(),
        label: label.to_string(),
        posts,
        share: (n > 0).then(|| posts as f64 / n as f64),
        ci_low: ci.map(|i| i.low),
        ci_high: ci.map(|i| i.high),
        hits,
        top_terms: Vec::new(),
        weighted_share: None,
        cluster_ci_low: None,
        cluster_ci_high: None,
    }
}

fn weighted(part: i128, total: i128) -> Option<f64> {
    (total > 0).then(|| part as f64 / total as f64)
}

/// Category rows (then `_any`) from counts; `clusters` adds the cluster
/// bootstrap interval.
pub fn category_rows(
    c: &Counts,
    layout: &Layout,
    clusters: Option<&BTreeMap<String, ClusterCounts>>,
) -> Vec<CategoryRow> {
    let n = c.posts_analyzed;
    let boot = |hits_of: &dyn Fn(&ClusterCounts) -> u64| {
        let (reps, seed) = layout.bootstrap?;
        let pairs: Vec<(u64, u64)> = clusters?.values().map(|k| (k.posts, hits_of(k))).collect();
        cluster_bootstrap(&pairs, reps, seed, layout.confidence)
    };
    let mut rows: Vec<CategoryRow> = layout
        .categories
        .iter()
        .enumerate()
        .map(|(i, (id, label))| {
            let mut r = row(
                id,
                label,
                c.category_posts.get(i).copied().unwrap_or(0),
                c.category_hits.get(i).copied().unwrap_or(0),
                n,
                layout.confidence,
            );
            if layout.weighted {
                r.weighted_share =
                    weighted(c.category_weight.get(i).copied().unwrap_or(0), c.weight);
            }
            if let Some(ci) = boot(&|k| k.category_posts.get(i).copied().unwrap_or(0)) {
                r.cluster_ci_low = Some(ci.low);
                r.cluster_ci_high = Some(ci.high);
            }
            let mut terms: Vec<TermCount> = layout
                .slots
                .iter()
                .enumerate()
                .filter(|(_, (cat, _))| *cat as usize == i)
                .map(|(s, (_, term))| TermCount {
                    term: term.clone(),
                    hits: c.term_hits.get(s).copied().unwrap_or(0),
                })
                .filter(|t| t.hits > 0)
                .collect();
            terms.sort_by(|a, b| b.hits.cmp(&a.hits).then_with(|| a.term.cmp(&b.term)));
            terms.truncate(layout.top_terms);
            r.top_terms = terms;
            r
        })
        .collect();
    let hits = c.category_hits.iter().sum();
    let mut any = row(
        ANY_ID,
        "Any category",
        c.any_posts,
        hits,
        n,
        layout.confidence,
    );
    if layout.weighted {
        any.weighted_share = weighted(c.any_weight, c.weight);
    }
    if let Some(ci) = boot(&|k| k.any_posts) {
        any.cluster_ci_low = Some(ci.low);
        any.cluster_ci_high = Some(ci.high);
    }
    rows.push(any);
    rows
}

fn unique_part(c: &Counts, layout: &Layout, duplicates: u64) -> Option<UniquePart> {
    Some(UniquePart {
        mode: layout.dedupe.clone()?,
        duplicates,
        totals: Totals::from_counts(c, layout.weighted),
        categories: category_rows(c, layout, None),
    })
}

impl Report {
    /// Build the report of a run.
    pub fn build(tally: &Tally, layout: &Layout, provenance: Provenance) -> Report {
        let counts = &tally.all;
        let clusters = (!tally.clusters.is_empty()).then_some(&tally.clusters);
        let mut groups = Vec::new();
        let mut groups_hidden = 0;
        for (key, c) in &tally.groups {
            if c.posts_analyzed < layout.min_posts {
                groups_hidden += 1;
                continue;
            }
            let unique = tally
                .unique_groups
                .get(key)
                .and_then(|u| unique_part(u, layout, c.posts_read.saturating_sub(u.posts_read)));
            groups.push(Group {
                keys: layout
                    .group_fields
                    .iter()
                    .cloned()
                    .zip(key.iter().cloned())
                    .collect(),
                totals: Totals::from_counts(c, layout.weighted),
                categories: category_rows(c, layout, None),
                unique,
            });
        }
        let k = layout.categories.len();
        let cooccurrence = (k > 0 && counts.cooccurrence.len() == k * k).then(|| {
            let posts: Vec<Vec<u64>> = (0..k)
                .map(|i| counts.cooccurrence[i * k..(i + 1) * k].to_vec())
                .collect();
            let n = counts.posts_analyzed;
            Cooccurrence {
                categories: layout.categories.iter().map(|(id, _)| id.clone()).collect(),
                share: posts
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|&p| (n > 0).then(|| p as f64 / n as f64))
                            .collect()
                    })
                    .collect(),
                posts,
            }
        });
        Report {
            schema: SCHEMA.to_string(),
            provenance,
            totals: Totals::from_counts(counts, layout.weighted),
            categories: category_rows(counts, layout, clusters),
            groups,
            groups_hidden,
            unique: tally
                .unique
                .as_ref()
                .and_then(|u| unique_part(u, layout, tally.duplicates)),
            cooccurrence,
        }
    }

    /// Render in `format` to `out`.
    pub fn render(
        &self,
        format: OutputFormat,
        out: &mut dyn Write,
        raw_csv: bool,
    ) -> std::io::Result<()> {
        match format {
            OutputFormat::Table => table::render(self, out),
            OutputFormat::Csv => csv::render(self, out, raw_csv),
            OutputFormat::Json => json::render(self, out),
            OutputFormat::Markdown => markdown::render(self, out),
        }
    }

    /// The sentence under every human rendering: the denominator and what
    /// was left out.
    pub fn denominator_note(&self) -> String {
        let t = &self.totals;
        let mut s = format!(
            "Share = posts with at least one match / {} posts analyzed (read {}, empty {}, skipped {}",
            thousands(t.posts_analyzed),
            thousands(t.posts_read),
            thousands(t.posts_empty),
            thousands(t.posts_skipped),
        );
        if !t.skipped_by_reason.is_empty() {
            let reasons: Vec<String> = t
                .skipped_by_reason
                .iter()
                .map(|(k, v)| format!("{k} {}", thousands(*v)))
                .collect();
            s.push_str(": ");
            s.push_str(&reasons.join(", "));
        }
        s.push(')');
        let conf = self
            .provenance
            .options
            .get("confidence")
            .and_then(|v| v.as_f64())
            .unwrap_or(0.95);
        s.push_str(&format!(". {}% Wilson score intervals.", pct_label(conf)));
        let lexicons: Vec<String> = self
            .provenance
            .lexicons
            .iter()
            .map(|l| format!("{} {}", l.name, l.version))
            .collect();
        if !lexicons.is_empty() {
            s.push_str(&format!(" Lexicon: {}.", lexicons.join(", ")));
        }
        s
    }
}

/// Control characters (line breaks, tabs) as spaces.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `0.95` → `95`, `0.999` → `99.9`.
pub fn pct_label(conf: f64) -> String {
    let s = format!("{:.3}", conf * 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// 1234567 → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Decimals that keep two significant digits of a small percentage (one
/// decimal from 1% up, so 10.2% but 0.033%).
fn decimals(percent: f64) -> usize {
    if percent == 0.0 || percent >= 1.0 {
        1
    } else {
        ((-percent.log10()).floor() as usize + 2).min(6)
    }
}

/// A share as a percentage (`10.2%`, `0.033%`), `–` when undefined.
pub fn pct(share: Option<f64>) -> String {
    share.map_or_else(
        || "–".to_string(),
        |s| format!("{:.*}%", decimals(s * 100.0), s * 100.0),
    )
}

/// An interval as `8.5–12.2%`, with the precision its lower end needs.
pub fn ci(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) => {
            let d = decimals(if l > 0.0 { l * 100.0 } else { h * 100.0 });
            format!("{:.*}–{:.*}%", d, l * 100.0, d, h * 100.0)
        }
        _ => "–".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_061_631), "1,061,631");
        assert_eq!(thousands(100), "100");
        assert_eq!(pct(Some(0.1)), "10.0%");
        assert_eq!(pct(Some(0.000325)), "0.033%");
        assert_eq!(pct(Some(0.0)), "0.0%");
        assert_eq!(ci(Some(0.0003), Some(0.0004)), "0.030–0.040%");
        assert_eq!(pct_label(0.95), "95");
        assert_eq!(pct_label(0.999), "99.9");
    }
}
