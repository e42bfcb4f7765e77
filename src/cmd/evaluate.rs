//! `lexiscope evaluate --gold CODED.csv INPUT…`: the tool's category flags
//! against human coding (the metrics are `pipeline::evaluate`'s): per
//! compared category the confusion counts, precision, recall, F1, kappa and
//! accuracy with intervals, the raw and corrected shares, the coders' own
//! agreement; `--min-f1` and `--min-kappa` gate the exit code.
//!
//! config → evaluation (the gold sheet read, the inputs driven) → render →
//! gates.

use std::io::Write;

use super::output::Output;
use super::settings::EvaluateSettings;
use crate::error::Result;
use crate::pipeline::evaluate::{Bars, Comparison, Evaluation, Gold, MacroF1, evaluate, fmt};
use crate::report::{ci, pct, thousands};
use crate::stats::agreement::Metric;
use crate::stats::prevalence::Prevalence;

/// Run `evaluate`.
pub fn run(s: &EvaluateSettings) -> Result<()> {
    let config = &s.run.config;
    let gold = Gold {
        path: s.gold.clone(),
        id: s.gold_id.clone(),
        pairs: s.pairs.clone(),
        labels: s.labels.clone(),
        confidence: s.confidence,
    };
    let e = evaluate(config, &gold)?;
    let output = Output::open(s.target.path.as_deref())?;
    output.write_with(|out| {
        if s.json {
            serde_json::to_writer_pretty(&mut *out, &e.to_json())?;
            writeln!(out)
        } else {
            render(&e, out, s.target.width)
        }
    })?;
    e.gate(&Bars {
        min_f1: s.min_f1.clone(),
        min_macro_f1: s.min_macro_f1,
        min_kappa: s.min_kappa,
    })
}

fn metric(m: &Metric) -> String {
    match (m.value, m.ci_low, m.ci_high) {
        (Some(v), Some(l), Some(h)) => format!("{v:.3} [{l:.3}, {h:.3}]"),
        (Some(v), _, _) => format!("{v:.3}"),
        _ => "–".into(),
    }
}

fn render(e: &Evaluation, out: &mut dyn Write, width: usize) -> std::io::Result<()> {
    writeln!(
        out,
        "{}: {} coded posts, {} found in the input ({} posts analyzed). {}% intervals.",
        e.gold,
        thousands(e.coded as u64),
        thousands(e.found as u64),
        thousands(e.counts.posts_analyzed),
        crate::report::pct_label(e.confidence)
    )?;
    let d = &e.design;
    if d.stratified() {
        writeln!(
            out,
            "Design: stratified, {} strata (sizes from {}); the metrics are estimates for the corpus, each coded post weighted by the posts of its stratum it stands for.",
            d.strata.len(),
            d.weights_from
        )?;
    } else {
        writeln!(out, "Design: a simple random sample of the analyzed posts.")?;
    }
    summary(&e.comparisons, &e.macro_f1, e.confidence, out, width)?;
    for r in &e.comparisons {
        let c = &r.metrics.confusion;
        writeln!(
            out,
            "\n{} vs gold {:?} ({} compared): TP {} FP {} FN {} TN {}",
            r.category, r.gold, r.compared, c.tp, c.fp, c.fn_, c.tn
        )?;
        if let Some(t) = &r.estimated {
            writeln!(
                out,
                "  in the corpus (estimated): TP {} FP {} FN {} TN {}",
                thousands(t.tp.round() as u64),
                thousands(t.fp.round() as u64),
                thousands(t.fn_.round() as u64),
                thousands(t.tn.round() as u64)
            )?;
        }
        writeln!(out, "  precision  {}", metric(&r.metrics.precision))?;
        writeln!(out, "  recall     {}", metric(&r.metrics.recall))?;
        writeln!(out, "  F1         {}", metric(&r.metrics.f1))?;
        writeln!(out, "  kappa      {}", metric(&r.metrics.kappa))?;
        writeln!(out, "  accuracy   {}", metric(&r.metrics.accuracy))?;
        prevalence(&r.prevalence, out)?;
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

/// The share three ways, each with its note when it has one.
fn prevalence(p: &Prevalence, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "  share      {} raw (the lexicon's flags on every post)",
        pct(p.raw)
    )?;
    for (e, what) in [
        (
            &p.prediction_powered,
            "prediction-powered (flags + coded posts)",
        ),
        (
            &p.rogan_gladen,
            "Rogan–Gladen (flags corrected by sensitivity and specificity)",
        ),
        (&p.coded_sample, "coded posts alone"),
    ] {
        writeln!(
            out,
            "             {} [{}] {what}",
            pct(e.value),
            ci(e.ci_low, e.ci_high)
        )?;
        if let Some(n) = &e.note {
            writeln!(out, "               note: {n}")?;
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
    width: usize,
) -> std::io::Result<()> {
    let mut table = crate::report::table::new_table(
        vec![
            "Category".to_string(),
            "Positive/coded".to_string(),
            "Precision".to_string(),
            "Recall".to_string(),
            format!("F1 [{}% CI]", crate::report::pct_label(conf)),
            "Kappa".to_string(),
        ],
        width,
    );
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
