//! `lexiscope evaluate --gold CODED.csv INPUT…`: the tool's category flags
//! against human coding. Per compared category: the confusion counts,
//! precision, recall, F1, Cohen's kappa and accuracy, each with an interval
//! (stats::agreement), the raw share of the whole input and the share
//! corrected for the measured sensitivity and specificity (Rogan–Gladen,
//! with the Lang–Reiczigel interval; stats::correction); with a second coder
//! column (`COLUMN_2`), the coders' own agreement (Cohen's kappa,
//! Krippendorff's alpha). `--min-f1` and `--min-kappa` gate the exit code.
//!
//! The gold sheet holds an id column and either 0/1 columns (named as the
//! category, as `code_<category>` from `lexiscope sample`, or paired with
//! `--pair COLUMN=CATEGORY`) or one label column mapped with `--map`.
//! Values 1/0, true/false, yes/no, x/empty are read; an empty cell leaves
//! the post out of that comparison.

//!
//! config → the gold sheet read (through the CSV opener of inputs) → prepare
//! → the comparisons resolved → pipeline (corpus shares and the predictions
//! for the coded ids) → metrics → render → gates.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use super::output::Output;
use super::settings::EvaluateSettings;
use crate::error::{Error, Result};
use crate::matcher::Matcher;
use crate::pipeline::{Driver, Record, prepare};
use crate::report::{ANY_ID, ci, pct, thousands};
use crate::source::fields;
use crate::source::table::{Table, read_table};
use crate::stats::agreement::{
    BinaryMetrics, Confusion, Metric, binary_metrics, cohen_kappa_metric,
    krippendorff_alpha_nominal,
};
use crate::stats::bootstrap;
use crate::stats::correction::{Corrected, corrected_prevalence};
use crate::stats::{Counts, Observation};

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

/// One comparison: the gold side, its name, the category (`None` = any).
type Plan = (GoldSide, String, Option<usize>);

/// One comparison's results.
#[derive(Serialize)]
struct Comparison {
    gold: String,
    category: String,
    compared: u64,
    #[serde(flatten)]
    metrics: BinaryMetrics,
    raw_share: Option<f64>,
    corrected: Corrected,
    #[serde(skip_serializing_if = "Option::is_none")]
    coders: Option<CoderAgreement>,
    unreadable: u64,
    /// Per gold row: (lexicon, coder) when the row was compared.
    #[serde(skip)]
    outcomes: Vec<Option<(bool, bool)>>,
}

/// The macro-averaged F1 over the compared categories (`_any` left out),
/// with its bootstrap interval (stats::bootstrap::macro_f1).
#[derive(Serialize)]
struct MacroF1 {
    #[serde(flatten)]
    f1: Metric,
    categories: Vec<String>,
    replicates: usize,
    seed: u64,
}

/// Resamples and seed of the macro-F1 interval: fixed, so a sheet and a
/// lexicon always print the same interval.
const MACRO_REPLICATES: usize = 2000;
const MACRO_SEED: u64 = 20_261_201;

fn macro_f1(results: &[Comparison], confidence: f64) -> MacroF1 {
    let used: Vec<&Comparison> = results.iter().filter(|r| r.category != ANY_ID).collect();
    let rows = used.first().map_or(0, |r| r.outcomes.len());
    let posts: Vec<Vec<Option<(bool, bool)>>> = (0..rows)
        .map(|i| used.iter().map(|r| r.outcomes[i]).collect::<Vec<_>>())
        .filter(|p| p.iter().any(Option::is_some))
        .collect();
    let (value, ci) = bootstrap::macro_f1(&posts, MACRO_REPLICATES, MACRO_SEED, confidence);
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

#[derive(Serialize)]
struct CoderAgreement {
    second_column: String,
    units: u64,
    kappa: Metric,
    krippendorff_alpha: Option<f64>,
}

/// Run `evaluate`.
pub fn run(s: &EvaluateSettings) -> Result<()> {
    let gold = read_table(&s.gold)?;
    let id_col = fields::find(&gold.header, &s.gold_id, false)
        .ok_or_else(|| Error::missing_field(&gold.path, &s.gold_id, &gold.header))?;
    let config = &s.run.config;
    let prepared = prepare(config, &config.source)?;
    let comparisons = plan(s, &gold, &prepared.matcher)?;
    let ids: Vec<&str> = gold
        .rows
        .iter()
        .map(|r| r.cells.get(id_col).map_or("", String::as_str))
        .collect();
    let mut driver = Driver::new(prepared, config)?;
    let (predictions, counts) = predict(&mut driver, &ids)?;
    let missing = gold.rows.len() - predictions.len();
    if missing > 0 {
        s.run.stderr.warn(format!(
            "{missing} of {} coded ids are not among the input posts (check --id and --gold-id)",
            gold.rows.len()
        ));
    }
    if predictions.is_empty() {
        return Err(Error::input(
            &gold.path,
            None,
            "no coded id was found among the input posts\nhint: --id names the input's id field, --gold-id the sheet's",
        ));
    }
    let matcher = driver.matcher();
    let results: Vec<Comparison> = comparisons
        .iter()
        .map(|c| compare(c, &gold, &predictions, &counts, matcher, s.confidence))
        .collect();
    for r in &results {
        if r.unreadable > 0 {
            s.run.stderr.warn(format!(
                "{} cells of {:?} are not 0/1 codes and were left out",
                r.unreadable, r.gold
            ));
        }
    }
    let macro_avg = macro_f1(&results, s.confidence);
    let output = Output::open(s.target.path.as_deref())?;
    output.write_with(|out| {
        if s.json {
            serde_json::to_writer_pretty(
                &mut *out,
                &serde_json::json!({
                    "gold": gold.path,
                    "coded": gold.rows.len(),
                    "found": predictions.len(),
                    "confidence": s.confidence,
                    "posts_analyzed": counts.posts_analyzed,
                    "comparisons": results,
                    "macro_f1": macro_avg,
                }),
            )?;
            writeln!(out)
        } else {
            render(
                &results,
                &macro_avg,
                out,
                &gold,
                predictions.len(),
                &counts,
                s.confidence,
            )
        }
    })?;
    gates(s, &results, &macro_avg)
}

/// The comparisons: `--label-column` with `--map`, else `--pair`, else every
/// category with a gold column of its name (or `code_<name>`).
fn plan(s: &EvaluateSettings, gold: &Table, matcher: &Matcher) -> Result<Vec<Plan>> {
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

/// Scan every input: the corpus counts, and the category flags of the posts
/// whose ids are coded (by index of the gold row).
fn predict(driver: &mut Driver, ids: &[&str]) -> Result<(HashMap<usize, Vec<bool>>, Counts)> {
    let wanted: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
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
    Comparison {
        gold: name.clone(),
        category: cat.map_or(ANY_ID.to_string(), |c| matcher.categories[c].id.clone()),
        compared: confusion.n(),
        metrics: binary_metrics(&confusion, confidence),
        raw_share: (n > 0).then(|| positives as f64 / n as f64),
        corrected: corrected_prevalence(positives, n, &confusion, confidence),
        coders,
        unreadable,
        outcomes,
    }
}

/// `--min-f1`, `--min-macro-f1` and `--min-kappa`: exit 1 below the bar.
fn gates(s: &EvaluateSettings, results: &[Comparison], macro_avg: &MacroF1) -> Result<()> {
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

fn fmt(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.3}"))
}

fn metric(m: &Metric) -> String {
    match (m.value, m.ci_low, m.ci_high) {
        (Some(v), Some(l), Some(h)) => format!("{v:.3} [{l:.3}, {h:.3}]"),
        (Some(v), _, _) => format!("{v:.3}"),
        _ => "–".into(),
    }
}

fn render(
    results: &[Comparison],
    macro_avg: &MacroF1,
    out: &mut dyn Write,
    gold: &Table,
    found: usize,
    counts: &Counts,
    conf: f64,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: {} coded posts, {} found in the input ({} posts analyzed). {}% intervals.",
        gold.path,
        thousands(gold.rows.len() as u64),
        thousands(found as u64),
        thousands(counts.posts_analyzed),
        crate::report::pct_label(conf)
    )?;
    summary(results, macro_avg, conf, out)?;
    for r in results {
        let c = &r.metrics.confusion;
        writeln!(
            out,
            "\n{} vs gold {:?} ({} compared): TP {} FP {} FN {} TN {}",
            r.category, r.gold, r.compared, c.tp, c.fp, c.fn_, c.tn
        )?;
        writeln!(out, "  precision  {}", metric(&r.metrics.precision))?;
        writeln!(out, "  recall     {}", metric(&r.metrics.recall))?;
        writeln!(out, "  F1         {}", metric(&r.metrics.f1))?;
        writeln!(out, "  kappa      {}", metric(&r.metrics.kappa))?;
        writeln!(out, "  accuracy   {}", metric(&r.metrics.accuracy))?;
        writeln!(
            out,
            "  share      {} raw; {} corrected (Rogan–Gladen) {}",
            pct(r.raw_share),
            pct(r.corrected.prevalence),
            ci(r.corrected.ci_low, r.corrected.ci_high)
        )?;
        if let Some(a) = &r.coders {
            writeln!(
                out,
                "  coders     {:?} vs {:?} on {} posts: kappa {}, Krippendorff's alpha {}",
                r.gold,
                a.second_column,
                a.units,
                metric(&a.kappa),
                fmt(a.krippendorff_alpha)
            )?;
        }
    }
    Ok(())
}

/// The table of every comparison, then the macro-averaged F1.
fn summary(
    results: &[Comparison],
    macro_avg: &MacroF1,
    conf: f64,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut table = crate::report::table::new_table(vec![
        "Category".to_string(),
        "Positive/coded".to_string(),
        "Precision".to_string(),
        "Recall".to_string(),
        format!("F1 [{}% CI]", crate::report::pct_label(conf)),
        "Kappa".to_string(),
    ]);
    let short = |m: &Metric| match (m.value, m.ci_low, m.ci_high) {
        (Some(v), Some(l), Some(h)) => format!("{v:.2} [{l:.2}–{h:.2}]"),
        (Some(v), _, _) => format!("{v:.2}"),
        _ => "–".into(),
    };
    let value = |m: &Metric| m.value.map_or_else(|| "–".into(), |v| format!("{v:.2}"));
    for r in results {
        let c = &r.metrics.confusion;
        table.add_row(vec![
            r.category.clone(),
            format!("{}/{}", thousands(c.tp + c.fn_), thousands(r.compared)),
            value(&r.metrics.precision),
            value(&r.metrics.recall),
            short(&r.metrics.f1),
            value(&r.metrics.kappa),
        ]);
    }
    writeln!(out, "{table}")?;
    if !macro_avg.categories.is_empty() {
        writeln!(
            out,
            "macro-F1 {} over {} categories ({} resamples of the coded posts, percentile interval)",
            short(&macro_avg.f1),
            macro_avg.categories.len(),
            thousands(macro_avg.replicates as u64)
        )?;
    }
    Ok(())
}
