//! Validation against human coding (the library side of `lexiscope
//! evaluate`): the tool's category flags against a gold sheet's codes. Per
//! compared category: the confusion counts, precision, recall, F1, Cohen's
//! kappa and accuracy, each with an interval (stats::agreement; from a
//! stratified sheet, design-weighted estimates for the corpus,
//! stats::design), the raw share of the whole input and the share
//! estimated three ways (prediction-powered, Rogan–Gladen, the coded posts
//! alone; stats::prevalence); with a second coder column (`COLUMN_2`),
//! the coders' own agreement (Cohen's kappa, Krippendorff's alpha); the
//! macro-averaged F1 with a bootstrap interval.
//!
//! prepare → the coded sheet read and its comparisons resolved (`coded`)
//! → driver (corpus shares and the predictions for
//! the coded ids) → metrics.

use std::collections::HashMap;

use serde::Serialize;

pub use super::coded::Gold;
use super::coded::{CodedSheet, Plan};
use super::driver::{Driver, Record};
use super::prepare::prepare;
use super::sheet_design::SheetDesign;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::matcher::Matcher;
use crate::observer::{Note, NoteKind};
use crate::report::ANY_ID;
use crate::stats::agreement::{
    BinaryMetrics, Confusion, Metric, binary_metrics, cohen_kappa_metric,
    krippendorff_alpha_nominal,
};
use crate::stats::bootstrap;
use crate::stats::correction::Corrected;
use crate::stats::design::{CodedPost, EstimatedConfusion, weighted_metrics};
use crate::stats::prevalence::{Prevalence, prevalence};
use crate::stats::{Counts, Observation};

/// What an evaluation found.
pub struct Evaluation {
    /// The gold sheet's path.
    pub gold: String,
    /// Coded rows in the sheet.
    pub coded: usize,
    /// Coded ids found among the input posts.
    pub found: usize,
    /// Confidence level of the intervals.
    pub confidence: f64,
    /// The counts of the whole input.
    pub counts: Counts,
    /// How the sheet's posts were drawn.
    pub design: SheetDesign,
    /// One per compared category.
    pub comparisons: Vec<Comparison>,
    /// The macro-averaged F1.
    pub macro_f1: MacroF1,
}

impl Evaluation {
    /// The JSON of `evaluate -f json`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "gold": self.gold,
            "coded": self.coded,
            "found": self.found,
            "confidence": self.confidence,
            "posts_analyzed": self.counts.posts_analyzed,
            "design": self.design,
            "comparisons": self.comparisons,
            "macro_f1": self.macro_f1,
        })
    }
}

/// Evaluate the lexicons of `config` on its inputs against `gold`; the
/// ids not found and the cells that are not codes are noted as warnings.
pub fn evaluate(config: &Config, gold: &Gold) -> Result<Evaluation> {
    let sheet = CodedSheet::read(gold, &*config.observer)?;
    let prepared = prepare(config, &config.source)?;
    let sheet = sheet.plan(gold, &prepared.matcher)?;
    let mut driver = Driver::new(prepared, config)?;
    let (predictions, counts) = predict(&mut driver, &sheet.wanted())?;
    sheet.check_found(predictions.len(), &*config.observer)?;
    let warn = |m: String| config.observer.note(&Note::new(NoteKind::Warning, m));
    let design = &sheet.design;
    if let Some(m) = design.mismatch(counts.posts_analyzed) {
        warn(format!("{}: {m}", sheet.table.path));
    }
    let matcher = driver.matcher();
    let results: Vec<Comparison> = sheet
        .comparisons
        .iter()
        .map(|c| compare(c, &sheet, &predictions, &counts, matcher, gold.confidence))
        .collect();
    for r in &results {
        if !r.unrepresented.is_empty() {
            warn(format!(
                "{:?}: no coded post in stratum {}, whose posts are then not represented in the estimates",
                r.gold,
                r.unrepresented.join(", ")
            ));
        }
        if r.unreadable > 0 {
            warn(format!(
                "{} cells of {:?} are not 0/1 codes and were left out",
                r.unreadable, r.gold
            ));
        }
    }
    let macro_f1 = macro_f1(&results, design, counts.posts_analyzed, gold.confidence);
    Ok(Evaluation {
        gold: sheet.table.path.clone(),
        coded: sheet.table.rows.len(),
        found: predictions.len(),
        confidence: gold.confidence,
        counts,
        design: sheet.design,
        comparisons: results,
        macro_f1,
    })
}

/// Per compared category, a post's (lexicon, coder) flags when compared.
type Outcomes = Vec<Option<(bool, bool)>>;

/// One comparison's results.
#[derive(Serialize)]
pub struct Comparison {
    /// The gold column (or label column).
    pub gold: String,
    /// The category compared (`_any`: any category).
    pub category: String,
    /// Posts compared (coded and found).
    pub compared: u64,
    /// Confusion counts (of the coded posts) and metrics (for the corpus:
    /// weighted by the design when the sheet is stratified).
    #[serde(flatten)]
    pub metrics: BinaryMetrics,
    /// The corpus's confusion totals estimated from a stratified sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated: Option<EstimatedConfusion>,
    /// The share of the whole input the lexicon flags.
    pub raw_share: Option<f64>,
    /// That share corrected for the measured sensitivity and specificity
    /// (Rogan–Gladen; the same as `prevalence.rogan_gladen`).
    pub corrected: Corrected,
    /// The category's share estimated three ways from the flags and the
    /// coded posts.
    pub prevalence: Prevalence,
    /// Strata with no coded post in this comparison.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unrepresented: Vec<String>,
    /// The coders' own agreement, with a second coder column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coders: Option<CoderAgreement>,
    /// Cells that are not 0/1 codes (left out).
    pub unreadable: u64,
    /// Per gold row: (lexicon, coder) when the row was compared.
    #[serde(skip)]
    outcomes: Vec<Option<(bool, bool)>>,
}

/// The macro-averaged F1 over the compared categories (`_any` left out),
/// with its bootstrap interval (stats::bootstrap::macro_f1).
#[derive(Serialize)]
pub struct MacroF1 {
    /// The value and its interval.
    #[serde(flatten)]
    pub f1: Metric,
    /// The categories averaged.
    pub categories: Vec<String>,
    /// Bootstrap resamples of the coded posts.
    pub replicates: usize,
    /// Their seed.
    pub seed: u64,
}

/// Resamples and seed of the macro-F1 interval: fixed, so a sheet and a
/// lexicon always print the same interval.
const MACRO_REPLICATES: usize = 2000;
const MACRO_SEED: u64 = 20_261_201;

fn macro_f1(
    results: &[Comparison],
    design: &SheetDesign,
    analyzed: u64,
    confidence: f64,
) -> MacroF1 {
    let used: Vec<&Comparison> = results.iter().filter(|r| r.category != ANY_ID).collect();
    let rows = used.first().map_or(0, |r| r.outcomes.len());
    let (posts, of_post): (Vec<Outcomes>, Vec<usize>) = (0..rows)
        .map(|i| {
            let p: Vec<_> = used.iter().map(|r| r.outcomes[i]).collect();
            (p, design.row_stratum.get(i).copied().unwrap_or(0))
        })
        .filter(|(p, _)| p.iter().any(Option::is_some))
        .unzip();
    // A stratum's posts each stand for N_h / m_h posts; equal weights for
    // a simple random sheet.
    let population = design.population(analyzed);
    let weight: Vec<f64> = if design.stratified() {
        (0..population.len())
            .map(|h| {
                let m = of_post.iter().filter(|&&x| x == h).count();
                if m == 0 {
                    0.0
                } else {
                    population[h] / m as f64
                }
            })
            .collect()
    } else {
        vec![1.0; population.len().max(1)]
    };
    let strata = bootstrap::Strata {
        of_post: &of_post,
        weight: &weight,
    };
    let (value, ci) =
        bootstrap::macro_f1(&posts, &strata, MACRO_REPLICATES, MACRO_SEED, confidence);
    MacroF1 {
        f1: Metric {
            value,
            ci_low: ci.map(|c| c.low),
            ci_high: ci.map(|c| c.high),
        },
        categories: used.iter().map(|r| r.category.clone()).collect(),
        replicates: MACRO_REPLICATES,
        seed: MACRO_SEED,
    }
}

/// Two coders' agreement on one column.
#[derive(Serialize)]
pub struct CoderAgreement {
    /// The second coder's column.
    pub second_column: String,
    /// Posts both coded.
    pub units: u64,
    /// Cohen's kappa.
    pub kappa: Metric,
    /// Krippendorff's alpha (nominal).
    pub krippendorff_alpha: Option<f64>,
}

/// Scan every input: the corpus counts, and the category flags of the posts
/// whose ids are coded (by index of the gold row).
fn predict(
    driver: &mut Driver,
    wanted: &HashMap<&str, usize>,
) -> Result<(HashMap<usize, Vec<bool>>, Counts)> {
    let k = driver.matcher().categories.len();
    let mut predictions: HashMap<usize, Vec<bool>> = HashMap::new();
    let mut counts = Counts::new(k, 0);
    driver.map(
        |_, _, post, scratch| {
            let mut flags = vec![false; k];
            for h in scratch.hits() {
                flags[h.category as usize] = true;
            }
            (post.id.to_string(), scratch.norm.tokens.is_empty(), flags)
        },
        |_, record| {
            let (id, empty, flags) = match record {
                Record::Skipped(log) => {
                    counts.skip(log);
                    return Ok(());
                }
                Record::Post(p) => p,
            };
            if empty {
                counts.empty();
            } else {
                let cats: Vec<u32> = (0..k as u32).filter(|&c| flags[c as usize]).collect();
                counts.post(
                    &Observation {
                        hit_categories: &cats,
                        term_hits: &[],
                        tokens: 0,
                        weight: 0,
                    },
                    false,
                );
            }
            if let Some(&g) = wanted.get(id.as_str()) {
                predictions.insert(g, flags);
            }
            Ok(())
        },
    )?;
    Ok((predictions, counts))
}

/// One comparison's metrics over the coded posts found in the input.
fn compare(
    plan: &Plan,
    sheet: &CodedSheet,
    predictions: &HashMap<usize, Vec<bool>>,
    counts: &Counts,
    matcher: &Matcher,
    confidence: f64,
) -> Comparison {
    let (name, cat) = (&plan.1, &plan.2);
    let design = &sheet.design;
    let mut confusion = Confusion::default();
    let mut unreadable = 0;
    let mut pairs: Vec<(bool, bool)> = Vec::new();
    let mut outcomes = vec![None; sheet.ids.len()];
    let mut coded: Vec<CodedPost> = Vec::new();
    for (g, outcome) in outcomes.iter_mut().enumerate() {
        let Some(flags) = predictions.get(&g) else {
            continue;
        };
        let pred = match cat {
            Some(c) => flags[*c],
            None => flags.contains(&true),
        };
        let (gold_value, second) = sheet.code(plan, g);
        match gold_value {
            Ok(Some(truth)) => {
                confusion.add(pred, truth);
                *outcome = Some((pred, truth));
                coded.push((design.row_stratum.get(g).copied().unwrap_or(0), pred, truth));
                if let Some(b) = second {
                    pairs.push((truth, b));
                }
            }
            Ok(None) => {}
            Err(()) => unreadable += 1,
        }
    }
    let positives = match cat {
        Some(c) => counts.category_posts[*c],
        None => counts.any_posts,
    };
    let n = counts.posts_analyzed;
    let coders = sheet.second_column(plan).map(|second| {
        let mut table = vec![vec![0u64; 2]; 2];
        for &(a, b) in &pairs {
            table[usize::from(a)][usize::from(b)] += 1;
        }
        let units: Vec<Vec<Option<u32>>> = pairs
            .iter()
            .map(|&(a, b)| vec![Some(u32::from(a)), Some(u32::from(b))])
            .collect();
        CoderAgreement {
            second_column: second.to_string(),
            units: pairs.len() as u64,
            kappa: cohen_kappa_metric(&table, confidence),
            krippendorff_alpha: krippendorff_alpha_nominal(&units),
        }
    });
    let population = design.population(n);
    let stratified = design.stratified();
    let (metrics, estimated) = if stratified {
        let (m, e) = weighted_metrics(&population, &coded, confidence);
        (m, Some(e))
    } else {
        (binary_metrics(&confusion, confidence), None)
    };
    let prevalence = prevalence(positives, n, &population, &coded, stratified, confidence);
    let unrepresented = if stratified {
        design
            .strata
            .iter()
            .enumerate()
            .filter(|(h, _)| !coded.iter().any(|c| c.0 == *h))
            .map(|(_, s)| s.name.clone())
            .collect()
    } else {
        Vec::new()
    };
    let rg = &prevalence.rogan_gladen;
    Comparison {
        gold: name.clone(),
        category: cat.map_or(ANY_ID.to_string(), |c| matcher.categories[c].id.clone()),
        compared: confusion.n(),
        metrics,
        estimated,
        raw_share: prevalence.raw,
        corrected: Corrected {
            prevalence: rg.value,
            ci_low: rg.ci_low,
            ci_high: rg.ci_high,
        },
        prevalence,
        unrepresented,
        coders,
        unreadable,
        outcomes,
    }
}

/// `--min-f1`: a bar for every category and bars for some by name.
#[derive(Clone, Debug, Default)]
pub struct MinF1 {
    /// `--min-f1 X`.
    pub all: Option<f64>,
    /// `--min-f1 CATEGORY=X`.
    pub by_category: Vec<(String, f64)>,
}

impl MinF1 {
    /// The bar of a category, if any.
    pub fn of(&self, category: &str) -> Option<f64> {
        self.by_category
            .iter()
            .rev()
            .find(|(c, _)| c == category)
            .map(|&(_, x)| x)
            .or(self.all)
    }
}

/// The bars of `--min-f1`, `--min-macro-f1` and `--min-kappa`.
#[derive(Clone, Debug, Default)]
pub struct Bars {
    /// F1, of every category and of some by name.
    pub min_f1: MinF1,
    /// The macro-averaged F1.
    pub min_macro_f1: Option<f64>,
    /// Kappa, of every category.
    pub min_kappa: Option<f64>,
}

impl Evaluation {
    /// Below a bar, a [`Error::CheckFailed`] that names every failure (exit
    /// 1); a bar on a category not compared is a usage error.
    pub fn gate(&self, s: &Bars) -> Result<()> {
        let (results, macro_avg) = (&self.comparisons, &self.macro_f1);
        if let Some((c, _)) = s
            .min_f1
            .by_category
            .iter()
            .find(|(c, _)| !results.iter().any(|r| &r.category == c))
        {
            let compared: Vec<&str> = results.iter().map(|r| r.category.as_str()).collect();
            return Err(Error::Usage(format!(
                "--min-f1 {c:?}: no such compared category; compared: {}",
                compared.join(", ")
            )));
        }
        let mut failures = Vec::new();
        if let Some(min) = s.min_macro_f1
            && macro_avg.f1.value.is_none_or(|v| v < min)
        {
            failures.push(format!("macro-F1 {} < {min}", fmt(macro_avg.f1.value)));
        }
        for r in results {
            if let Some(min) = s.min_f1.of(&r.category)
                && r.metrics.f1.value.is_none_or(|v| v < min)
            {
                failures.push(format!(
                    "{} F1 {} < {min}",
                    r.category,
                    fmt(r.metrics.f1.value)
                ));
            }
            if let Some(min) = s.min_kappa
                && r.metrics.kappa.value.is_none_or(|v| v < min)
            {
                failures.push(format!(
                    "{} kappa {} < {min}",
                    r.category,
                    fmt(r.metrics.kappa.value)
                ));
            }
        }
        if !failures.is_empty() {
            return Err(Error::CheckFailed(format!(
                "below the bar: {}",
                failures.join("; ")
            )));
        }
        Ok(())
    }
}

/// A metric's value with 3 decimals, `–` when undefined.
pub(crate) fn fmt(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.3}"))
}
