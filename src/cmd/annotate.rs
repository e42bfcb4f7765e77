//! `lexiscope annotate`: one record per input record, in input order —
//! categories, matched terms with their offsets in the original text, the
//! token count and the percent of tokens per category (as LIWC reports
//! percent of words). Reads stdin and writes stdout, so it works as a stream
//! filter (Spark's `RDD.pipe`, Hadoop Streaming, shell pipes).
//!
//! Offsets are given twice: `start`/`end` in UTF-8 bytes (Rust, Go, jq's
//! `@text` slicing of bytes) and `char_start`/`char_end` in Unicode code
//! points (Python and R string indexing). `text[start..end]` is exactly the
//! matched surface text.

use std::io::Write;

use serde::Serialize;

use crate::cli::{AnnotateArgs, AnnotateFormatArg};
use crate::error::Result;
use crate::matcher::Matcher;
use crate::matcher::Scratch;
use crate::report::FiredTerm;
use crate::report::csv::SafeWriter;
use crate::source::Post;
use crate::stats::Counts;

use super::{
    Output, drive, fired_terms, map_batch, prepare, progress, skipped, source_options,
    strict_error, thread_pool,
};

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

/// Annotate one scanned post.
pub fn annotate(matcher: &Matcher, input: &str, post: &Post, scratch: &Scratch) -> Annotation {
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

/// Where annotations go.
enum Sink<'a> {
    Csv(Box<SafeWriter<&'a mut (dyn Write + Send)>>),
    Jsonl(&'a mut (dyn Write + Send), Vec<u8>),
}

/// Run `annotate`.
pub fn run(args: &AnnotateArgs) -> Result<()> {
    let source_opts = source_options(&args.input)?;
    let mut prepared = prepare(&args.input, &source_opts)?;
    let matcher = &prepared.matcher;
    let output = Output::open(args.output.as_deref())?;
    let pool = thread_pool(args.input.threads)?;
    let total: Option<u64> = prepared.sources.iter().map(|s| s.info.size).sum();
    let bar = progress(total, args.input.quiet);
    let paths: Vec<String> = prepared
        .sources
        .iter()
        .map(|s| s.info.path.clone())
        .collect();
    let ids: Vec<String> = matcher.categories.iter().map(|c| c.id.clone()).collect();
    let mut counts = Counts::default();
    output.write_with(|out| {
        let mut sink = match args.format {
            AnnotateFormatArg::Csv => {
                let mut w = SafeWriter::new(out, args.raw_csv);
                let mut header: Vec<String> = [
                    "input",
                    "line",
                    "id",
                    "status",
                    "categories",
                    "terms",
                    "matches",
                    "tokens",
                ]
                .map(String::from)
                .to_vec();
                header.extend(ids.iter().map(|id| format!("pct_{id}")));
                w.row(&header)?;
                Sink::Csv(Box::new(w))
            }
            AnnotateFormatArg::Jsonl => Sink::Jsonl(out, Vec::new()),
        };
        let result = drive(&mut prepared.sources, &pool, &bar, |idx, decoder, batch| {
            let rows = map_batch(matcher, decoder, batch, idx, |post, scratch| {
                annotate(matcher, &paths[idx], post, scratch)
            });
            for row in rows {
                let a = match row {
                    Ok(a) => {
                        counts.posts_read += 1;
                        a
                    }
                    Err(log) => {
                        if args.input.strict {
                            return Err(strict_error(&paths[idx], &log));
                        }
                        let a = Annotation {
                            input: paths[idx].clone(),
                            line: log.line,
                            id: None,
                            status: "skipped",
                            skipped: Some(format!("{}: {}", log.reason, log.detail)),
                            categories: Vec::new(),
                            matches: Vec::new(),
                            tokens: 0,
                            percent: serde_json::Map::new(),
                            weighted_score: None,
                        };
                        counts.skip(log);
                        a
                    }
                };
                let io = |e: std::io::Error| crate::Error::io("<output>", e);
                match &mut sink {
                    Sink::Csv(w) => {
                        let terms: Vec<String> = a
                            .matches
                            .iter()
                            .map(|m| match m.fired.as_slice() {
                                [] => m.term.clone(),
                                fired => format!("{} ⇐ {}", m.term, FiredTerm::join(fired)),
                            })
                            .collect();
                        let mut row = vec![
                            a.input.clone(),
                            a.line.to_string(),
                            a.id.clone().unwrap_or_default(),
                            a.skipped
                                .clone()
                                .map_or(a.status.to_string(), |s| format!("skipped: {s}")),
                            a.categories.join(";"),
                            terms.join(";"),
                            a.matches.len().to_string(),
                            a.tokens.to_string(),
                        ];
                        row.extend(ids.iter().map(|id| {
                            a.percent.get(id).map(|v| v.to_string()).unwrap_or_default()
                        }));
                        w.row(&row).map_err(io)?;
                    }
                    Sink::Jsonl(out, buf) => {
                        buf.clear();
                        serde_json::to_writer(&mut *buf, &a).map_err(|e| io(e.into()))?;
                        buf.push(b'\n');
                        out.write_all(buf).map_err(io)?;
                    }
                }
            }
            Ok(())
        });
        if let Sink::Csv(mut w) = sink {
            w.flush()?;
        }
        result.map_err(std::io::Error::other)
    })?;
    skipped(&counts, &paths, args.input.quiet);
    Ok(())
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
