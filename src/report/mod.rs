//! The report: one serde model built once from the counts, rendered as a
//! terminal table, CSV, JSON or Markdown. The JSON form is a public contract
//! (DESIGN.md §6, schema `lexiscope.report/1`): fields may be added, the
//! existing ones keep their names and meaning.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;

use std::collections::BTreeMap;
use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::stats::{Counts, wilson};

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
    /// Field → value.
    pub keys: BTreeMap<String, String>,
    /// Post counts of the group.
    pub totals: Totals,
    /// Category rows of the group.
    pub categories: Vec<CategoryRow>,
}

/// What a report is built from, besides the counts.
pub struct Layout<'a> {
    /// (id, label) of each category, in order.
    pub categories: &'a [(String, String)],
    /// Category index and term of each slot.
    pub slots: &'a [(u32, String)],
    /// Interval confidence level, e.g. 0.95.
    pub confidence: f64,
    /// How many top terms per category.
    pub top_terms: usize,
}

impl Totals {
    /// Totals of some counts.
    pub fn from_counts(c: &Counts) -> Self {
        Totals {
            posts_read: c.posts_read,
            posts_analyzed: c.posts_analyzed,
            posts_empty: c.posts_empty,
            posts_skipped: c.posts_skipped(),
            skipped_by_reason: c.skipped_by_reason.clone(),
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
    }
}

/// Category rows (then `_any`) from counts.
pub fn category_rows(c: &Counts, layout: &Layout) -> Vec<CategoryRow> {
    let n = c.posts_analyzed;
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
    rows.push(row(
        ANY_ID,
        "Any category",
        c.any_posts,
        hits,
        n,
        layout.confidence,
    ));
    rows
}

impl Report {
    /// Build the report of a run.
    pub fn build(counts: &Counts, layout: &Layout, provenance: Provenance) -> Report {
        Report {
            schema: SCHEMA.to_string(),
            provenance,
            totals: Totals::from_counts(counts),
            categories: category_rows(counts, layout),
            groups: Vec::new(),
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
