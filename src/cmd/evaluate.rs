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

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use crate::cli::{EvalFormatArg, EvaluateArgs};
use crate::error::{Error, Result};
use crate::report::{ANY_ID, ci, pct, thousands};
use crate::source::csv::{sniff_delimiter, sniff_quoting};
use crate::source::fields;
use crate::stats::Counts;
use crate::stats::agreement::{
    BinaryMetrics, Confusion, Metric, binary_metrics, cohen_kappa_metric,
    krippendorff_alpha_nominal,
};
use crate::stats::correction::{Corrected, corrected_prevalence};

use super::{
    Output, drive, map_batch, prepare, progress, skipped, source_options, strict_error, thread_pool,
};

/// The human coding, by post id.
struct Gold {
    header: Vec<String>,
    rows: Vec<(String, Vec<String>)>,
    path: String,
}

fn read_gold(path: &str) -> Result<Gold> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let lower = path.to_lowercase();
    let delimiter = if lower.ends_with(".tsv") || lower.ends_with(".tab") {
        b'\t'
    } else {
        sniff_delimiter(bytes)
    };
    let quoting = sniff_quoting(&bytes[..bytes.len().min(1 << 18)], delimiter);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(quoting)
        .flexible(true)
        .from_reader(bytes);
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| Error::Input {
            path: path.to_string(),
            line: None,
            msg: format!("cannot read the header: {e}"),
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| Error::Input {
            path: path.to_string(),
            line: Some(i as u64 + 2),
            msg: e.to_string(),
        })?;
        rows.push((
            String::new(),
            rec.iter().map(|c| c.trim().to_string()).collect(),
        ));
    }
    Ok(Gold {
        header,
        rows,
        path: path.to_string(),
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
}

#[derive(Serialize)]
struct CoderAgreement {
    second_column: String,
    units: u64,
    kappa: Metric,
    krippendorff_alpha: Option<f64>,
}

/// Run `evaluate`.
pub fn run(args: &EvaluateArgs) -> anyhow::Result<()> {
    if !(args.confidence > 0.0 && args.confidence < 1.0) {
        return Err(Error::Usage(format!(
            "--confidence {}: expected a level between 0 and 1",
            args.confidence
        ))
        .into());
    }
    let mut gold = read_gold(&args.gold)?;
    let id_col = fields::find(&gold.header, &args.gold_id, false)
        .ok_or_else(|| Error::missing_field(&gold.path, &args.gold_id, &gold.header))?;
    for row in &mut gold.rows {
        row.0 = row.1.get(id_col).cloned().unwrap_or_default();
    }
    let source_opts = source_options(&args.input)?;
    let mut prepared = prepare(&args.input, &source_opts)?;
    let matcher = &prepared.matcher;
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
    // The comparisons: (gold side, gold name, category index or None = any).
    let mut comparisons: Vec<(GoldSide, String, Option<usize>)> = Vec::new();
    let second = |col: &str| {
        [format!("{col}_2"), format!("{col}.2")]
            .iter()
            .find_map(|c| fields::find(&gold.header, c, false))
    };
    if let Some(label_col) = &args.label_column {
        let col = fields::find(&gold.header, label_col, false)
            .ok_or_else(|| Error::missing_field(&gold.path, label_col, &gold.header))?;
        let mut by_cat: Vec<(String, Vec<String>)> = Vec::new();
        for m in &args.maps {
            let (label, cat) = m
                .split_once('=')
                .ok_or_else(|| Error::Usage(format!("--map {m:?}: expected LABEL=CATEGORY")))?;
            match by_cat.iter_mut().find(|(c, _)| c == cat) {
                Some((_, labels)) => labels.push(label.to_lowercase()),
                None => by_cat.push((cat.to_string(), vec![label.to_lowercase()])),
            }
        }
        for (cat, labels) in by_cat {
            let idx = cat_index(&cat)?;
            comparisons.push((GoldSide::Labels(col, labels), label_col.clone(), idx));
        }
    } else if !args.pairs.is_empty() {
        for p in &args.pairs {
            let (col, cat) = p
                .split_once('=')
                .ok_or_else(|| Error::Usage(format!("--pair {p:?}: expected COLUMN=CATEGORY")))?;
            let c = fields::find(&gold.header, col, false)
                .ok_or_else(|| Error::missing_field(&gold.path, col, &gold.header))?;
            comparisons.push((
                GoldSide::Column(c, second(col)),
                col.to_string(),
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
        return Err(Error::Usage(format!(
            "{}: no gold column to compare; columns: {}\nhint: name columns after the categories ({}), or use --pair COLUMN=CATEGORY or --label-column with --map",
            gold.path,
            gold.header.join(", "),
            matcher.categories.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
        ))
        .into());
    }
    // Scan every input: corpus shares, and predictions for the coded ids.
    let wanted: HashMap<&str, usize> = gold
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.0.as_str(), i))
        .collect();
    let k = matcher.categories.len();
    let mut predictions: HashMap<usize, Vec<bool>> = HashMap::new();
    let mut counts = Counts::new(k, 0);
    let pool = thread_pool(args.input.threads)?;
    let total: Option<u64> = prepared.sources.iter().map(|s| s.info.size).sum();
    let bar = progress(total, args.input.quiet);
    let paths: Vec<String> = prepared
        .sources
        .iter()
        .map(|s| s.info.path.clone())
        .collect();
    drive(&mut prepared.sources, &pool, &bar, |idx, decoder, batch| {
        let rows = map_batch(matcher, decoder, batch, idx, |post, scratch| {
            let mut flags = vec![false; k];
            for h in scratch.hits() {
                flags[h.category as usize] = true;
            }
            (post.id.to_string(), scratch.norm.tokens.is_empty(), flags)
        });
        for row in rows {
            match row {
                Err(log) => {
                    if args.input.strict {
                        return Err(strict_error(&paths[idx], &log));
                    }
                    counts.skip(log);
                }
                Ok((id, empty, flags)) => {
                    if empty {
                        counts.empty();
                    } else {
                        let cats: Vec<u32> = (0..k as u32).filter(|&c| flags[c as usize]).collect();
                        counts.post(
                            &crate::stats::Observation {
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
                }
            }
        }
        Ok(())
    })?;
    skipped(&counts, &paths, args.input.quiet);
    let missing = gold.rows.len() - predictions.len();
    if missing > 0 && !args.input.quiet {
        eprintln!(
            "lexiscope: warning: {missing} of {} coded ids are not among the input posts (check --id and --gold-id)",
            gold.rows.len()
        );
    }
    if predictions.is_empty() {
        return Err(Error::Usage("no coded id was found among the input posts\nhint: --id names the input's id field, --gold-id the sheet's".into()).into());
    }
    let mut results = Vec::new();
    for (side, name, cat) in &comparisons {
        let mut confusion = Confusion::default();
        let mut unreadable = 0;
        let mut pairs: Vec<(bool, bool)> = Vec::new();
        let mut second_col = None;
        for (g, row) in gold.rows.iter().enumerate() {
            let Some(flags) = predictions.get(&g) else {
                continue;
            };
            let pred = match cat {
                Some(c) => flags[*c],
                None => flags.contains(&true),
            };
            let gold_value = match side {
                GoldSide::Column(c, c2) => {
                    second_col = *c2;
                    if let (Some(c2), Ok(Some(a))) = (c2, code(&row.1[*c])) {
                        if let Ok(Some(b)) = code(row.1.get(*c2).map_or("", String::as_str)) {
                            pairs.push((a, b));
                        }
                    }
                    code(row.1.get(*c).map_or("", String::as_str))
                }
                GoldSide::Labels(c, labels) => {
                    let cell = row.1.get(*c).map_or("", String::as_str).to_lowercase();
                    let set: Vec<&str> = cell.split([';', ',', '|']).map(str::trim).collect();
                    Ok(Some(labels.iter().any(|l| set.contains(&l.as_str()))))
                }
            };
            match gold_value {
                Ok(Some(truth)) => confusion.add(pred, truth),
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
                kappa: cohen_kappa_metric(&table, args.confidence),
                krippendorff_alpha: krippendorff_alpha_nominal(&units),
            }
        });
        results.push(Comparison {
            gold: name.clone(),
            category: cat.map_or(ANY_ID.to_string(), |c| matcher.categories[c].id.clone()),
            compared: confusion.n(),
            metrics: binary_metrics(&confusion, args.confidence),
            raw_share: (n > 0).then(|| positives as f64 / n as f64),
            corrected: corrected_prevalence(positives, n, &confusion, args.confidence),
            coders,
            unreadable,
        });
    }
    for r in &results {
        if r.unreadable > 0 && !args.input.quiet {
            eprintln!(
                "lexiscope: warning: {} cells of {:?} are not 0/1 codes and were left out",
                r.unreadable, r.gold
            );
        }
    }
    let output = Output::open(args.output.as_deref())?;
    output.write_with(|out| match args.format {
        EvalFormatArg::Json => {
            serde_json::to_writer_pretty(
                &mut *out,
                &serde_json::json!({
                    "gold": gold.path,
                    "coded": gold.rows.len(),
                    "found": predictions.len(),
                    "confidence": args.confidence,
                    "posts_analyzed": counts.posts_analyzed,
                    "comparisons": results,
                }),
            )?;
            writeln!(out)
        }
        EvalFormatArg::Table => render(
            &results,
            out,
            &gold,
            predictions.len(),
            &counts,
            args.confidence,
        ),
    })?;
    // Gates.
    let mut failures = Vec::new();
    for r in &results {
        if let Some(min) = args.min_f1 {
            if r.metrics.f1.value.is_none_or(|v| v < min) {
                failures.push(format!(
                    "{} F1 {} < {min}",
                    r.category,
                    fmt(r.metrics.f1.value)
                ));
            }
        }
        if let Some(min) = args.min_kappa {
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
        return Err(Error::CheckFailed(format!("below the bar: {}", failures.join("; "))).into());
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
    out: &mut dyn Write,
    gold: &Gold,
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
