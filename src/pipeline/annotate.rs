//! Annotation (the library side of `lexiscope annotate`): one record per
//! input record, in input order — categories, matched terms with their
//! offsets in the original text, the token count and the percent of tokens
//! per category (as LIWC reports percent of words).
//!
//! Offsets are given twice: `start`/`end` in UTF-8 bytes (Rust, Go, jq's
//! `@text` slicing of bytes) and `char_start`/`char_end` in Unicode code
//! points (Python and R string indexing). `text[start..end]` is exactly the
//! matched surface text.
//!
//! [`annotate`] gives the annotations of a configuration as an iterator,
//! batch by batch, through the one batch driver.

use std::collections::VecDeque;

use serde::Serialize;

use super::driver::{Driver, Record};
use super::kwic::fired_terms;
use super::prepare::prepare;
use crate::config::Config;
use crate::error::Result;
use crate::matcher::{Matcher, Scratch};
use crate::report::FiredTerm;
use crate::source::Post;
use crate::stats::SkipLog;

/// One matched span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Match {
    /// Category id.
    pub category: String,
    /// The term as written in the lexicon (a rule category: its rule).
    pub term: String,
    /// For a rule category's match, the term hits that made it fire.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fired: Vec<FiredTerm>,
    /// Byte offset in the post text.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// Code-point offset in the post text.
    pub char_start: usize,
    /// Code-point offset just past the match.
    pub char_end: usize,
    /// The matched text as written.
    pub text: String,
}

/// One annotated post (or the record of a skipped one).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Annotation {
    /// Input path.
    pub input: String,
    /// 1-based line of the record.
    pub line: u64,
    /// Post id (absent for a skipped record).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `ok`, `empty`, or `skipped`.
    pub status: &'static str,
    /// Why the record was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// Categories with at least one hit, in lexicon order.
    pub categories: Vec<String>,
    /// Every resolved hit.
    pub matches: Vec<Match>,
    /// Tokens (words and emoji) of the normalized text.
    pub tokens: usize,
    /// Per category: tokens inside its hits ÷ tokens × 100.
    pub percent: serde_json::Map<String, serde_json::Value>,
    /// Per category, when the lexicon has weights: Σ weights of the matched
    /// terms (1 for a term without one) ÷ tokens × 100 (JSONL only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_score: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Annotation {
    /// Keep only the categories `keep` says (`--categories`): their ids,
    /// matches and percentages; the others' are left out.
    pub fn retain_categories(&mut self, keep: impl Fn(&str) -> bool) {
        self.categories.retain(|c| keep(c));
        self.matches.retain(|m| keep(&m.category));
        self.percent.retain(|c, _| keep(c));
        if let Some(w) = &mut self.weighted_score {
            w.retain(|c, _| keep(c));
        }
    }
}

/// Tokens covered per category by (category, start, end) spans, each
/// token once.
fn covered_tokens(mut spans: Vec<(u32, u32, u32)>, categories: usize) -> Vec<usize> {
    spans.sort_unstable();
    let mut covered = vec![0usize; categories];
    let mut last: Option<(u32, u32)> = None; // (category, end covered so far)
    for (cat, start, end) in spans {
        let from = match last {
            Some((c, covered_end)) if c == cat => start.max(covered_end),
            _ => start,
        };
        if end > from {
            covered[cat as usize] += (end - from) as usize;
        }
        let covered_end = match last {
            Some((c, e)) if c == cat => e.max(end),
            _ => end,
        };
        last = Some((cat, covered_end));
    }
    covered
}

/// Annotate one scanned post of input `input`.
pub fn annotate_post(matcher: &Matcher, input: &str, post: &Post, scratch: &Scratch) -> Annotation {
    let text = &post.text;
    let hits = scratch.hits();
    let tokens = scratch.norm.tokens.len();
    // Token spans per category: a term hit's tokens, or the terms that made
    // a rule fire (not the words between them); overlapping spans (rule
    // matches can share terms) count each token once.
    let mut spans: Vec<(u32, u32, u32)> = Vec::with_capacity(hits.len());
    let mut weighted = vec![0f64; matcher.categories.len()];
    let mut matches = Vec::with_capacity(hits.len());
    // Code-point offsets by walking the text once, in hit order.
    let mut chars_before = 0;
    let mut byte_pos = 0;
    let mut char_at = |b: usize| {
        if b < byte_pos {
            chars_before = text[..b].chars().count();
        } else {
            chars_before += text[byte_pos..b].chars().count();
        }
        byte_pos = b;
        chars_before
    };
    for (k, h) in hits.iter().enumerate() {
        match scratch.rule_parts(k) {
            Some(parts) => spans.extend(parts.iter().map(|p| (h.category, p.tok_start, p.tok_end))),
            None => spans.push((h.category, h.tok_start, h.tok_end)),
        }
        let slot = &matcher.slots[h.slot as usize];
        weighted[h.category as usize] += slot.weight.unwrap_or(1.0);
        let char_start = char_at(h.orig_start);
        let char_end = char_at(h.orig_end);
        matches.push(Match {
            category: matcher.categories[h.category as usize].id.clone(),
            term: slot.term.clone(),
            fired: fired_terms(matcher, scratch, k, text),
            start: h.orig_start,
            end: h.orig_end,
            char_start,
            char_end,
            text: text[h.orig_start..h.orig_end].to_string(),
        });
    }
    let covered = covered_tokens(spans, matcher.categories.len());
    let categories = matcher
        .categories
        .iter()
        .zip(&covered)
        .filter(|(_, n)| **n > 0)
        .map(|(c, _)| c.id.clone())
        .collect();
    let percent = matcher
        .categories
        .iter()
        .zip(&covered)
        .map(|(c, &n)| {
            let p = if tokens == 0 {
                0.0
            } else {
                n as f64 * 100.0 / tokens as f64
            };
            (c.id.clone(), serde_json::json!((p * 100.0).round() / 100.0))
        })
        .collect();
    let weighted_score = matcher.slots.iter().any(|s| s.weight.is_some()).then(|| {
        matcher
            .categories
            .iter()
            .zip(&weighted)
            .map(|(c, &w)| {
                let score = if tokens == 0 {
                    0.0
                } else {
                    w * 100.0 / tokens as f64
                };
                (
                    c.id.clone(),
                    serde_json::json!((score * 100.0).round() / 100.0),
                )
            })
            .collect()
    });
    Annotation {
        input: input.to_string(),
        line: post.line,
        id: Some(post.id.to_string()),
        status: if tokens == 0 { "empty" } else { "ok" },
        skipped: None,
        categories,
        matches,
        tokens,
        percent,
        weighted_score,
    }
}

/// The record of a skipped input record of `input`.
pub fn skipped_annotation(input: &str, log: &SkipLog) -> Annotation {
    Annotation {
        input: input.to_string(),
        line: log.line,
        id: None,
        status: "skipped",
        skipped: Some(format!("{}: {}", log.reason, log.detail)),
        categories: Vec::new(),
        matches: Vec::new(),
        tokens: 0,
        percent: serde_json::Map::new(),
        weighted_score: None,
    }
}

/// The annotations of every record of a configuration's inputs, in input
/// order (skipped records included, with their reason; under `strict` the
/// first one ends the iteration with an error).
pub fn annotate(config: &Config) -> Result<Annotations> {
    let prepared = prepare(config, &config.source)?;
    Ok(Annotations {
        driver: Driver::new(prepared, config)?,
        queue: VecDeque::new(),
        done: false,
    })
}

/// The iterator of [`annotate`]: one batch is read and annotated in parallel
/// whenever the annotations of the previous one are used up.
pub struct Annotations {
    driver: Driver,
    queue: VecDeque<Annotation>,
    done: bool,
}

impl Annotations {
    /// The category ids, in lexicon order (the columns of a CSV sheet).
    pub fn category_ids(&self) -> Vec<String> {
        self.driver.matcher().category_ids()
    }
}

impl Iterator for Annotations {
    type Item = Result<Annotation>;

    fn next(&mut self) -> Option<Result<Annotation>> {
        loop {
            if let Some(a) = self.queue.pop_front() {
                return Some(Ok(a));
            }
            if self.done {
                return None;
            }
            let paths = self.driver.paths().to_vec();
            match self
                .driver
                .map_next(|m, origin, post, scratch| annotate_post(m, origin.path, post, scratch))
            {
                None => self.done = true,
                Some(Err(err)) => {
                    self.done = true;
                    return Some(Err(err));
                }
                Some(Ok(records)) => self.queue.extend(records.into_iter().map(|r| match r {
                    Record::Post(a) => a,
                    Record::Skipped(log) => skipped_annotation(&paths[log.input], &log),
                })),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covered_tokens_count_each_token_once() {
        // Category 0: 0..2 and 1..4 overlap (4 tokens); category 1: 5..6.
        assert_eq!(
            covered_tokens(vec![(0, 1, 4), (1, 5, 6), (0, 0, 2)], 3),
            [4, 1, 0]
        );
        assert_eq!(
            covered_tokens(vec![(0, 0, 2), (0, 0, 2), (0, 3, 4)], 1),
            [3]
        );
    }
}
