//! Keyword-in-context lines from the original text, for reading what a
//! category or term really catches (`kwic`, and the samples of the HTML
//! report). A reproducible random sample keeps the lines with the smallest
//! priority keys (`stats::sampling`) in bounded heaps, so it does not depend
//! on the number of threads and memory stays bounded whatever the corpus
//! size.

use std::collections::BinaryHeap;

use super::driver::{Driver, Record};
use super::prepare::prepare;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::matcher::{Matcher, Scratch};
use crate::report::{FiredTerm, KwicLine};
use crate::stats::sampling::priority;

/// The most characters of context on each side (`--window`): a larger
/// window would copy whole posts into every line.
pub const MAX_WINDOW: usize = 10_000;

/// What [`lines`] keeps.
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
}

/// The last `n` characters before `start` and the first `n` from `end`.
pub fn context(text: &str, start: usize, end: usize, n: usize) -> (String, String) {
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

/// The term hits that made the rule of hit `index` fire (empty for a term
/// category's hit), for `kwic` and `annotate`.
pub fn fired_terms(
    matcher: &Matcher,
    scratch: &Scratch,
    index: usize,
    text: &str,
) -> Vec<FiredTerm> {
    scratch.rule_parts(index).map_or_else(Vec::new, |parts| {
        parts
            .iter()
            .map(|p| FiredTerm {
                term: matcher.part_term(p).to_string(),
                matched: text[p.orig_start..p.orig_end].to_string(),
                start: p.orig_start,
                end: p.orig_end,
            })
            .collect()
    })
}

/// Per pattern slot of `matcher`: is it shown, its category (`--category`)
/// or its term (`--term`, as written or as normalized) asked for? An
/// unknown or helper category, or a term the lexicon lacks, is a usage error.
pub fn wanted_slots(
    matcher: &Matcher,
    categories: &[String],
    terms: &[String],
) -> Result<Vec<bool>> {
    for c in categories {
        if matcher.helpers.iter().any(|k| &k.id == c) {
            return Err(Error::Usage(format!(
                "--category {c:?} is a helper category (a vocabulary for rules, not reported)\n\
                 hint: add --helpers to read its matches"
            )));
        }
        if !matcher.categories.iter().any(|k| &k.id == c) {
            let ids: Vec<&str> = matcher.categories.iter().map(|k| k.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "--category {c:?}: no such category; the lexicon has: {}",
                ids.join(", ")
            )));
        }
    }
    let norm = matcher.normalizer();
    let wanted_terms: Vec<String> = terms.iter().map(|t| norm.normalize_to_string(t)).collect();
    let by_term: Vec<bool> = matcher
        .slots
        .iter()
        .map(|s| {
            terms.contains(&s.term) || wanted_terms.contains(&norm.normalize_to_string(&s.term))
        })
        .collect();
    if !terms.is_empty() && !by_term.iter().any(|&t| t) {
        return Err(Error::Usage(format!(
            "--term {terms:?}: no term of the lexicon is written so"
        )));
    }
    Ok(matcher
        .slots
        .iter()
        .zip(&by_term)
        .map(|(s, &t)| t || categories.contains(&matcher.categories[s.category as usize].id))
        .collect())
}

/// Drive every input and return its KWIC lines in input order (input,
/// line, offset).
pub fn lines(driver: &mut Driver, plan: &KwicPlan) -> Result<Vec<KwicLine>> {
    let categories = driver.matcher().categories.len();
    let mut all: Vec<KwicLine> = Vec::new();
    let heaps_n = if plan.per_category { categories } else { 1 };
    let mut heaps: Vec<BinaryHeap<(u64, KwicLine)>> = vec![BinaryHeap::new(); heaps_n];
    driver.map(
        |matcher, origin, post, scratch| {
            scratch
                .hits()
                .iter()
                .enumerate()
                .filter(|(_, h)| plan.wanted[h.slot as usize])
                .map(|(k, h)| {
                    let (left, right) = context(&post.text, h.orig_start, h.orig_end, plan.window);
                    let slot = &matcher.slots[h.slot as usize];
                    (
                        priority(plan.seed, origin.input, post.line, k),
                        slot.category as usize,
                        KwicLine {
                            input: origin.path.to_string(),
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
        },
        |_, record| {
            let Record::Post(found) = record else {
                return Ok(());
            };
            for (key, category, line) in found {
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
            Ok(())
        },
    )?;
    let mut lines: Vec<KwicLine> = if plan.sample.is_some() {
        heaps
            .into_iter()
            .flat_map(|h| h.into_iter().map(|(_, l)| l))
            .collect()
    } else {
        all
    };
    lines.sort_by(|a, b| (&a.input, a.line, a.start).cmp(&(&b.input, b.line, b.start)));
    Ok(lines)
}

/// A reproducible sample of `n` KWIC lines per category (the HTML report's
/// samples): a silent pass over the inputs of `config`. Returns
/// `(category id, lines)` in the lexicon's order.
pub fn sample_by_category(
    config: &Config,
    n: usize,
    seed: u64,
    window: usize,
) -> Result<Vec<(String, Vec<KwicLine>)>> {
    let config = config.silent();
    let prepared = prepare(&config, &config.source)?;
    let wanted = vec![true; prepared.matcher.slots.len()];
    let ids = prepared.matcher.category_ids();
    let plan = KwicPlan {
        wanted: &wanted,
        window,
        sample: Some(n),
        seed,
        per_category: true,
    };
    let lines = lines(&mut Driver::new(prepared, &config)?, &plan)?;
    Ok(ids
        .into_iter()
        .map(|id| {
            let of: Vec<KwicLine> = lines.iter().filter(|l| l.category == id).cloned().collect();
            (id, of)
        })
        .collect())
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
}
