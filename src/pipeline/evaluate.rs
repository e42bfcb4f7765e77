//! Validation against human coding (the library side of `lexiscope
//! evaluate`): the tool's category flags against a gold sheet's codes. Per
//! compared category: the confusion counts, precision, recall, F1, Cohen's
//! kappa and accuracy, each with an interval (stats::agreement), the raw
//! share of the whole input and the share corrected for the measured
//! sensitivity and specificity (Rogan–Gladen, with the Lang–Reiczigel
//! interval; stats::correction); with a second coder column (`COLUMN_2`),
//! the coders' own agreement (Cohen's kappa, Krippendorff's alpha); the
//! macro-averaged F1 with a bootstrap interval.
//!
//! The gold sheet holds an id column and either 0/1 columns (named as the
//! category, as `code_<category>` from `lexiscope sample`, or paired as
//! `COLUMN=CATEGORY`) or one label column mapped `LABEL=CATEGORY`. Values
//! 1/0, true/false, yes/no, x/empty are read; an empty cell leaves the post
//! out of that comparison.
//!
//! gold sheet read (through the CSV opener of inputs) → prepare → the
//! comparisons resolved → driver (corpus shares and the predictions for
//! the coded ids) → metrics.

use std::collections::HashMap;

use serde::Serialize;

use super::driver::{Driver, Record};
use super::prepare::prepare;
use super::sheet_design::{SheetDesign, read_design};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::matcher::Matcher;
use crate::observer::{Note, NoteKind, Observer};
use crate::report::ANY_ID;
use crate::source::fields;
use crate::source::table::{Table, read_table};
use crate::stats::agreement::{
    BinaryMetrics, Confusion, Metric, binary_metrics, cohen_kappa_metric,
    krippendorff_alpha_nominal,
};
use crate::stats::bootstrap;
use crate::stats::correction::Corrected;
use crate::stats::design::{CodedPost, EstimatedConfusion, weighted_metrics};
use crate::stats::prevalence::{Prevalence, prevalence};
use crate::stats::{Counts, Observation};
use crate::text::sheet::unguard;

/// The gold side of an evaluation: the sheet and how it is read.
#[derive(Clone, Debug, PartialEq)]
pub struct Gold {
    /// The human-coded sheet (CSV, TSV, …).
    pub path: String,
    /// Its id column (matched against the inputs' post ids).
    pub id: String,
    /// `COLUMN=CATEGORY` pairs; empty = columns named after the categories.
    pub pairs: Vec<(String, String)>,
    /// A label column and its `LABEL=CATEGORY` map, instead of pairs.
    pub labels: Option<(String, Vec<(String, String)>)>,
    /// Confidence level of the intervals.
    pub confidence: f64,
}

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
    let sheet = read_table(&gold.path)?;
    let id_col = fields::find(&sheet.header, &gold.id, false)
        .ok_or_else(|| Error::missing_field(&sheet.path, &gold.id, &sheet.header))?;
    let design = read_design(&sheet)?;
    let prepared = prepare(config, &config.source)?;
    let comparisons = plan(gold, &sheet, &prepared.matcher)?;
    let ids: Vec<&str> = sheet
        .rows
        .iter()
        .map(|r| unguard(r.cells.get(id_col).map_or("", String::as_str)))
        .collect();
    note_repeated_ids(&ids, &sheet, &*config.observer);
    let mut driver = Driver::new(prepared, config)?;
    let (predictions, counts) = predict(&mut driver, &ids)?;
    let warn = |m: String| config.observer.note(&Note::new(NoteKind::Warning, m));
    let unique = ids.iter().collect::<std::collections::HashSet<_>>().len();
    let missing = unique - predictions.len();
    if missing > 0 {
        warn(format!(
            "{missing} of {unique} coded ids are not among the input posts (check --id and --gold-id)"
        ));
    }
    if predictions.is_empty() {
        return Err(Error::input(
            &sheet.path,
            None,
            "no coded id was found among the input posts\nhint: --id names the input's id field, --gold-id the sheet's",
        ));
    }
    if let Some(m) = design.mismatch(counts.posts_analyzed) {
        warn(format!("{}: {m}", sheet.path));
    }
    let matcher = driver.matcher();
    let results: Vec<Comparison> = comparisons
        .iter()
        .map(|c| {
            compare(
                c,
                &sheet,
                &design,
                &predictions,
                &counts,
                matcher,
                gold.confidence,
            )
        })
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
    let macro_f1 = macro_f1(&results, &design, counts.posts_analyzed, gold.confidence);
    Ok(Evaluation {
        gold: sheet.path.clone(),
        coded: sheet.rows.len(),
        found: predictions.len(),
        confidence: gold.confidence,
        counts,
        design,
        comparisons: results,
        macro_f1,
    })
}

/// A gold cell as a code: `Some(bool)`, or `None` when empty or unreadable.
fn code(cell: &str) -> std::result::Result<Option<bool>, ()> {
    match cell.trim().to_lowercase().as_str() {
        "" | "na" | "n/a" => Ok(None),
        "1" | "true" | "yes" | "y" | "x" | "sí" | "si" => Ok(Some(true)),
        "0" | "false" | "no" | "n" => Ok(Some(false)),
        _ => Err(()),
    }
}

/// How the gold side of one comparison is read.
enum GoldSide {
    Column(usize, Option<usize>),
    Labels(usize, Vec<String>),
}

/// Per compared category, a post's (lexicon, coder) flags when compared.
type Outcomes = Vec<Option<(bool, bool)>>;

/// One comparison: the gold side, its name, the category (`None` = any).
type Plan = (GoldSide, String, Option<usize>);

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

/// The comparisons: `--label-column` with `--map`, else `--pair`, else every
/// category with a gold column of its name (or `code_<name>`).
fn plan(s: &Gold, gold: &Table, matcher: &Matcher) -> Result<Vec<Plan>> {
    let cat_index = |name: &str| -> Result<Option<usize>> {
        if name == ANY_ID {
            return Ok(None);
        }
        matcher
            .categories
            .iter()
            .position(|c| c.id == name)
            .map(Some)
            .ok_or_else(|| {
                let ids: Vec<&str> = matcher.categories.iter().map(|c| c.id.as_str()).collect();
                Error::Usage(format!(
                    "no category {name:?}; the lexicon has: {}, and _any",
                    ids.join(", ")
                ))
            })
    };
    let column = |name: &str| {
        fields::find(&gold.header, name, false)
            .ok_or_else(|| Error::missing_field(&gold.path, name, &gold.header))
    };
    let second = |col: &str| {
        [format!("{col}_2"), format!("{col}.2")]
            .iter()
            .find_map(|c| fields::find(&gold.header, c, false))
    };
    let mut comparisons: Vec<Plan> = Vec::new();
    if let Some((label_col, maps)) = &s.labels {
        let col = column(label_col)?;
        let mut by_cat: Vec<(String, Vec<String>)> = Vec::new();
        for (label, cat) in maps {
            match by_cat.iter_mut().find(|(c, _)| c == cat) {
                Some((_, labels)) => labels.push(label.to_lowercase()),
                None => by_cat.push((cat.clone(), vec![label.to_lowercase()])),
            }
        }
        for (cat, labels) in by_cat {
            let idx = cat_index(&cat)?;
            comparisons.push((GoldSide::Labels(col, labels), label_col.clone(), idx));
        }
    } else if !s.pairs.is_empty() {
        for (col, cat) in &s.pairs {
            let c = column(col)?;
            comparisons.push((
                GoldSide::Column(c, second(col)),
                col.clone(),
                cat_index(cat)?,
            ));
        }
    } else {
        for (i, c) in matcher.categories.iter().enumerate() {
            for name in [c.id.clone(), format!("code_{}", c.id)] {
                if let Some(col) = fields::find(&gold.header, &name, false) {
                    comparisons.push((GoldSide::Column(col, second(&name)), name, Some(i)));
                    break;
                }
            }
        }
    }
    if comparisons.is_empty() {
        return Err(Error::input(
            &gold.path,
            None,
            format!(
                "no gold column to compare; columns: {}\nhint: name columns after the categories ({}), or use --pair COLUMN=CATEGORY or --label-column with --map",
                gold.header.join(", "),
                matcher
                    .categories
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(comparisons)
}

/// An id coded on more than one row: the first row counts (the others are
/// left out of every comparison), and when the rows' cells differ the
/// sheet disagrees with itself, which is said.
fn note_repeated_ids(ids: &[&str], sheet: &Table, observer: &dyn Observer) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let (mut repeated, mut conflicting) = (0usize, Vec::new());
    for (i, id) in ids.iter().enumerate() {
        match first.get(id) {
            None => {
                first.insert(id, i);
            }
            Some(&j) => {
                repeated += 1;
                if sheet.rows[i].cells != sheet.rows[j].cells && conflicting.len() < 5 {
                    conflicting.push(*id);
                }
            }
        }
    }
    if repeated > 0 {
        let detail = if conflicting.is_empty() {
            String::new()
        } else {
            format!(
                "; coded differently on their rows: {}",
                conflicting.join(", ")
            )
        };
        observer.note(&Note::new(
            NoteKind::Warning,
            format!(
                "{}: {repeated} rows repeat an id coded on an earlier row; only the first row of each id counts{detail}",
                sheet.path
            ),
        ));
    }
}

/// Scan every input: the corpus counts, and the category flags of the posts
/// whose ids are coded (by index of the gold row).
fn predict(driver: &mut Driver, ids: &[&str]) -> Result<(HashMap<usize, Vec<bool>>, Counts)> {
    // The first row of an id counts (`note_repeated_ids` says so).
    let mut wanted: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        wanted.entry(*id).or_insert(i);
    }
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
    (side, name, cat): &Plan,
    gold: &Table,
    design: &SheetDesign,
    predictions: &HashMap<usize, Vec<bool>>,
    counts: &Counts,
    matcher: &Matcher,
    confidence: f64,
) -> Comparison {
    let mut confusion = Confusion::default();
    let mut unreadable = 0;
    let mut pairs: Vec<(bool, bool)> = Vec::new();
    let mut second_col = None;
    let mut outcomes = vec![None; gold.rows.len()];
    let mut coded: Vec<CodedPost> = Vec::new();
    for (g, row) in gold.rows.iter().enumerate() {
        let Some(flags) = predictions.get(&g) else {
            continue;
        };
        let pred = match cat {
            Some(c) => flags[*c],
            None => flags.contains(&true),
        };
        let cell = |c: usize| row.cells.get(c).map_or("", String::as_str);
        let gold_value = match side {
            GoldSide::Column(c, c2) => {
                second_col = *c2;
                if let (Some(c2), Ok(Some(a))) = (c2, code(cell(*c))) {
                    if let Ok(Some(b)) = code(cell(*c2)) {
                        pairs.push((a, b));
                    }
                }
                code(cell(*c))
            }
            GoldSide::Labels(c, labels) => {
                let cell = cell(*c).to_lowercase();
                let set: Vec<&str> = cell.split([';', ',', '|']).map(str::trim).collect();
                Ok(Some(labels.iter().any(|l| set.contains(&l.as_str()))))
            }
        };
        match gold_value {
            Ok(Some(truth)) => {
                confusion.add(pred, truth);
                outcomes[g] = Some((pred, truth));
                coded.push((design.row_stratum.get(g).copied().unwrap_or(0), pred, truth));
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
    let coders = second_col.map(|c2| {
        let mut table = vec![vec![0u64; 2]; 2];
        for &(a, b) in &pairs {
            table[usize::from(a)][usize::from(b)] += 1;
        }
        let units: Vec<Vec<Option<u32>>> = pairs
            .iter()
            .map(|&(a, b)| vec![Some(u32::from(a)), Some(u32::from(b))])
            .collect();
        CoderAgreement {
            second_column: gold.header[c2].clone(),
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
        if let Some(min) = s.min_macro_f1 {
            if macro_avg.f1.value.is_none_or(|v| v < min) {
                failures.push(format!("macro-F1 {} < {min}", fmt(macro_avg.f1.value)));
            }
        }
        for r in results {
            if let Some(min) = s.min_f1.of(&r.category) {
                if r.metrics.f1.value.is_none_or(|v| v < min) {
                    failures.push(format!(
                        "{} F1 {} < {min}",
                        r.category,
                        fmt(r.metrics.f1.value)
                    ));
                }
            }
            if let Some(min) = s.min_kappa {
                if r.metrics.kappa.value.is_none_or(|v| v < min) {
                    failures.push(format!(
                        "{} kappa {} < {min}",
                        r.category,
                        fmt(r.metrics.kappa.value)
                    ));
                }
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
