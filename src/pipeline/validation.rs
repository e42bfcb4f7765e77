//! `analyze --validation SHEET`, the pipeline side: the coded sheet opened
//! with the analysis (`coded`), the coded posts caught as the analysis
//! counts them (their flags and group keys, [`Seen`]), and the
//! [`ValidationInput`] the report corrects its shares with
//! (`report::corrected`).

use std::collections::HashMap;

use super::coded::{CodedSheet, Gold};
use super::driver::Folded;
use crate::config::{Config, Validation};
use crate::error::Result;
use crate::matcher::Matcher;
use crate::observer::{Note, NoteKind};
use crate::report::{ANY_ID, CodedComparison, ValidationInput};
use crate::stats::{Counts, PostTally, Tally};

/// A coded post met among the inputs.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The sheet row that codes it.
    row: usize,
    /// Its flagged categories.
    categories: Vec<u32>,
    /// Its group key.
    key: Vec<String>,
    /// No token: not analyzed.
    empty: bool,
}

impl Seen {
    /// What the analysis saw of the post of sheet row `row`.
    pub fn of(row: usize, post: &PostTally) -> Seen {
        Seen {
            row,
            categories: post.hit_categories.clone(),
            key: post.key.clone(),
            empty: post.empty,
        }
    }
}

/// A thread's part of the analysis: its tally and the coded posts it met
/// (in input order within a batch, so the first of a repeated id wins).
pub struct Part {
    /// The counts.
    pub tally: Tally,
    /// The coded posts met.
    pub seen: Vec<Seen>,
}

impl Part {
    /// An empty part.
    pub fn new(tally: Tally) -> Part {
        Part {
            tally,
            seen: Vec::new(),
        }
    }
}

impl Folded for Part {
    fn merge(&mut self, other: Self) {
        self.tally += other.tally;
        self.seen.extend(other.seen);
    }
    fn counts(&self) -> &Counts {
        &self.tally.all
    }
}

/// How the sheet of `v` is read.
pub fn gold(v: &Validation, config: &Config) -> Gold {
    Gold {
        path: v.path.clone(),
        id: v.id.clone(),
        pairs: v.pairs.clone(),
        labels: None,
        confidence: config.analysis.confidence,
    }
}

/// The coded posts per compared category, from the posts `seen`; warnings
/// for ids not found, coded posts that are empty, cells that are not codes
/// and strata that do not add up to the posts `analyzed`.
pub fn input(
    sheet: &CodedSheet,
    seen: &[Seen],
    matcher: &Matcher,
    analyzed: u64,
    config: &Config,
) -> Result<ValidationInput> {
    let warn = |m: String| config.observer.note(&Note::new(NoteKind::Warning, m));
    let mut first: HashMap<usize, &Seen> = HashMap::new();
    for s in seen {
        first.entry(s.row).or_insert(s);
    }
    sheet.check_found(first.len(), &*config.observer)?;
    let path = &sheet.table.path;
    let empty = first.values().filter(|s| s.empty).count();
    if empty > 0 {
        warn(format!(
            "{path}: {empty} coded posts have no text to analyze and are left out"
        ));
    }
    let design = &sheet.design;
    if let Some(m) = design.mismatch(analyzed) {
        warn(format!("{path}: {m}"));
    }
    let mut rows: Vec<&Seen> = first.into_values().filter(|s| !s.empty).collect();
    rows.sort_by_key(|s| s.row);
    let mut comparisons = Vec::new();
    let mut compared = Vec::new();
    for plan in &sheet.comparisons {
        let category = plan.2;
        let mut c = CodedComparison {
            category: category.map_or(ANY_ID.to_string(), |i| matcher.categories[i].id.clone()),
            ..CodedComparison::default()
        };
        let mut unreadable = 0;
        for s in &rows {
            let pred = match category {
                Some(i) => s.categories.contains(&(i as u32)),
                None => !s.categories.is_empty(),
            };
            match sheet.code(plan, s.row).0 {
                Ok(Some(truth)) => {
                    let stratum = design.row_stratum.get(s.row).copied().unwrap_or(0);
                    c.posts.push((stratum, pred, truth));
                    c.keys.push(s.key.clone());
                }
                Ok(None) => {}
                Err(()) => unreadable += 1,
            }
        }
        if unreadable > 0 {
            warn(format!(
                "{path}: {unreadable} cells of {:?} are not 0/1 codes and were left out",
                plan.1
            ));
        }
        compared.push(format!("{} ← {}", c.category, plan.1));
        comparisons.push(c);
    }
    Ok(ValidationInput {
        summary: crate::report::Validation {
            sheet: path.clone(),
            sha256: std::fs::read(path)
                .ok()
                .map(|b| crate::digest::sha256_hex(&b)),
            design: design.kind.to_string(),
            method: crate::report::CORRECTION_METHOD.to_string(),
            coded_rows: sheet.table.rows.len() as u64,
            found: rows.len() as u64,
            compared,
            min_coded: config
                .analysis
                .validation
                .as_ref()
                .map_or(crate::config::DEFAULT_MIN_CODED, |v| v.min_coded),
            groups_without: 0,
        },
        population: design.population(analyzed),
        stratified: design.stratified(),
        comparisons,
    })
}
