//! `lexiscope kwic`: keyword-in-context lines from the original text, for
//! reading what a category or term really catches; `--sample N --seed S`
//! keeps a reproducible random sample.
//!
//! The sample is drawn by priority: every line gets a pseudo-random key
//! from (seed, input, line, hit) and the N smallest keys are kept in a
//! bounded heap, so the sample does not depend on the number of threads and
//! memory stays bounded whatever the corpus size.

use std::collections::BinaryHeap;

use crate::cli::{InputArgs, KwicArgs, KwicFormatArg};
use crate::error::{Error, Result};
use crate::report::csv::SafeWriter;
pub use crate::report::{FiredTerm, KwicLine, one_line};
use crate::stats::Counts;
use crate::stats::bootstrap::SplitMix64;

use super::{
    Output, Prepared, drive, fired_terms, map_batch, prepare, progress, skipped, source_options,
    strict_error, thread_pool,
};

/// The sampling key of a line.
pub fn priority(seed: u64, input: usize, line: u64, hit: usize) -> u64 {
    let mut rng = SplitMix64::new(
        seed ^ (input as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ line.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ (hit as u64).wrapping_mul(0x1656_67B1_9E37_79F9),
    );
    rng.next_u64()
}

/// The last `n` characters before `end` and the first `n` from `start`.
fn context(text: &str, start: usize, end: usize, n: usize) -> (String, String) {
    let left_start = text[..start]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let right_end = text[end..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| end + i);
    (
        text[left_start..start].to_string(),
        text[end..right_end].to_string(),
    )
}

/// What [`collect`] keeps.
pub struct KwicPlan<'a> {
    /// Per pattern slot: are its hits shown?
    pub wanted: &'a [bool],
    /// Characters of context on each side.
    pub window: usize,
    /// Keep a reproducible sample of this many lines (per category with
    /// `per_category`), else every line.
    pub sample: Option<usize>,
    /// Seed of the sample.
    pub seed: u64,
    /// Sample each category on its own.
    pub per_category: bool,
    /// Fail on the first malformed record.
    pub strict: bool,
}

/// Read every input of `prepared` and return its KWIC lines in input order
/// (input, line, offset), the counts of records read and skipped, and the
/// input paths.
pub fn collect(
    prepared: &mut Prepared,
    plan: &KwicPlan,
    input: &InputArgs,
) -> Result<(Vec<KwicLine>, Counts, Vec<String>)> {
    let matcher = &prepared.matcher;
    let pool = thread_pool(input.threads)?;
    let total: Option<u64> = prepared.sources.iter().map(|s| s.info.size).sum();
    let bar = progress(total, input.quiet);
    let paths: Vec<String> = prepared
        .sources
        .iter()
        .map(|s| s.info.path.clone())
        .collect();
    let mut counts = Counts::default();
    let mut all: Vec<KwicLine> = Vec::new();
    let heaps_n = if plan.per_category {
        matcher.categories.len()
    } else {
        1
    };
    let mut heaps: Vec<BinaryHeap<(u64, KwicLine)>> = vec![BinaryHeap::new(); heaps_n];
    let window = plan.window;
    drive(&mut prepared.sources, &pool, &bar, |idx, decoder, batch| {
        let results = map_batch(matcher, decoder, batch, idx, |post, scratch| {
            scratch
                .hits()
                .iter()
                .enumerate()
                .filter(|(_, h)| plan.wanted[h.slot as usize])
                .map(|(k, h)| {
                    let (left, right) = context(&post.text, h.orig_start, h.orig_end, window);
                    let slot = &matcher.slots[h.slot as usize];
                    (
                        priority(plan.seed, idx, post.line, k),
                        slot.category as usize,
                        KwicLine {
                            input: paths[idx].clone(),
                            line: post.line,
                            id: post.id.to_string(),
                            start: h.orig_start,
                            end: h.orig_end,
                            left,
                            matched: post.text[h.orig_start..h.orig_end].to_string(),
                            right,
                            category: matcher.categories[slot.category as usize].id.clone(),
                            term: slot.term.clone(),
                            fired: fired_terms(matcher, scratch, k, &post.text),
                        },
                    )
                })
                .collect::<Vec<_>>()
        });
        for r in results {
            match r {
                Err(log) => {
                    if plan.strict {
                        return Err(strict_error(&paths[idx], &log));
                    }
                    counts.skip(log);
                }
                Ok(lines) => {
                    counts.posts_read += 1;
                    for (key, category, line) in lines {
                        match plan.sample {
                            None => all.push(line),
                            Some(n) => {
                                let heap = &mut heaps[if plan.per_category { category } else { 0 }];
                                heap.push((key, line));
                                if heap.len() > n {
                                    heap.pop();
                                }
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    })?;
    let mut lines: Vec<KwicLine> = if plan.sample.is_some() {
        heaps
            .into_iter()
            .flat_map(|h| h.into_iter().map(|(_, l)| l))
            .collect()
    } else {
        all
    };
    lines.sort_by(|a, b| (&a.input, a.line, a.start).cmp(&(&b.input, b.line, b.start)));
    Ok((lines, counts, paths))
}

/// A reproducible sample of `n` KWIC lines per category (the HTML report's
/// samples): a second pass over the inputs of `input`, quiet. Returns
/// `(category id, lines)` in the lexicon's order.
pub fn sample_by_category(
    input: &InputArgs,
    n: usize,
    seed: u64,
    window: usize,
) -> Result<Vec<(String, Vec<KwicLine>)>> {
    let mut input = input.clone();
    input.quiet = true;
    let source_opts = source_options(&input)?;
    let mut prepared = prepare(&input, &source_opts)?;
    let wanted = vec![true; prepared.matcher.slots.len()];
    let plan = KwicPlan {
        wanted: &wanted,
        window,
        sample: Some(n),
        seed,
        per_category: true,
        strict: input.strict,
    };
    let ids: Vec<String> = prepared
        .matcher
        .categories
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let (lines, _, _) = collect(&mut prepared, &plan, &input)?;
    Ok(ids
        .into_iter()
        .map(|id| {
            let of: Vec<KwicLine> = lines.iter().filter(|l| l.category == id).cloned().collect();
            (id, of)
        })
        .collect())
}

/// Run `kwic`.
pub fn run(args: &KwicArgs) -> Result<()> {
    let source_opts = source_options(&args.input)?;
    let mut prepared = prepare(&args.input, &source_opts)?;
    let matcher = &prepared.matcher;
    for c in &args.category {
        if !matcher.categories.iter().any(|k| &k.id == c) {
            let ids: Vec<&str> = matcher.categories.iter().map(|k| k.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "--category {c:?}: no such category; the lexicon has: {}",
                ids.join(", ")
            )));
        }
    }
    let norm = matcher.normalizer();
    let wanted_terms: Vec<String> = args
        .term
        .iter()
        .map(|t| norm.normalize_to_string(t))
        .collect();
    // Which slots (category, term) are shown.
    let by_term: Vec<bool> = matcher
        .slots
        .iter()
        .map(|s| {
            args.term.contains(&s.term) || wanted_terms.contains(&norm.normalize_to_string(&s.term))
        })
        .collect();
    let wanted: Vec<bool> = matcher
        .slots
        .iter()
        .zip(&by_term)
        .map(|(s, &t)| {
            t || args
                .category
                .contains(&matcher.categories[s.category as usize].id)
        })
        .collect();
    if !args.term.is_empty() && !by_term.iter().any(|&t| t) {
        return Err(Error::Usage(format!(
            "--term {:?}: no term of the lexicon is written so",
            args.term
        )));
    }
    let output = Output::open(args.output.as_deref())?;
    let plan = KwicPlan {
        wanted: &wanted,
        window: args.window,
        sample: args.sample,
        seed: args.seed,
        per_category: false,
        strict: args.input.strict,
    };
    let (lines, counts, paths) = collect(&mut prepared, &plan, &args.input)?;
    let window = args.window;
    skipped(&counts, &paths, args.input.quiet);
    if !args.input.quiet {
        eprintln!("lexiscope: {} lines", lines.len());
    }
    output.write_with(|out| match args.format {
        KwicFormatArg::Json => {
            serde_json::to_writer_pretty(&mut *out, &lines)?;
            writeln!(out)
        }
        KwicFormatArg::Csv => {
            let mut w = SafeWriter::new(out, args.raw_csv);
            w.row([
                "input", "line", "id", "left", "match", "right", "category", "term", "fired",
                "start", "end",
            ])?;
            for l in &lines {
                w.row([
                    l.input.clone(),
                    l.line.to_string(),
                    l.id.clone(),
                    l.left.clone(),
                    l.matched.clone(),
                    l.right.clone(),
                    l.category.clone(),
                    l.term.clone(),
                    FiredTerm::join(&l.fired),
                    l.start.to_string(),
                    l.end.to_string(),
                ])?;
            }
            w.flush()
        }
        KwicFormatArg::Table => {
            let id_width = lines
                .iter()
                .map(|l| l.id.chars().count())
                .max()
                .unwrap_or(0)
                .min(12);
            for l in &lines {
                let id: String = l.id.chars().take(12).collect();
                let left = one_line(&l.left);
                let fired = if l.fired.is_empty() {
                    String::new()
                } else {
                    format!(" ⇐ {}", FiredTerm::join(&l.fired))
                };
                writeln!(
                    out,
                    "{id:>id_width$}  {left:>window$} [{}] {}  ({}: {}{fired})",
                    one_line(&l.matched),
                    one_line(&l.right),
                    l.category,
                    l.term
                )?;
            }
            Ok(())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_counts_characters() {
        let text = "ñañaña el CJNG llegó ayer";
        let start = text.find("CJNG").unwrap();
        let (l, r) = context(text, start, start + 4, 5);
        assert_eq!(l, "a el ");
        assert_eq!(r, " lleg");
        let (l, r) = context(text, 0, 2, 50);
        assert_eq!((l.as_str(), r.len()), ("", text.len() - 2));
    }

    #[test]
    fn priority_is_deterministic() {
        assert_eq!(priority(1, 0, 5, 0), priority(1, 0, 5, 0));
        assert_ne!(priority(1, 0, 5, 0), priority(2, 0, 5, 0));
        assert_ne!(priority(1, 0, 5, 0), priority(1, 0, 6, 0));
    }
}
