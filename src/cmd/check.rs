//! `lexiscope check --baseline BASE.json INPUT…`: re-run an analysis and
//! fail (exit 1) when any category share moves more than `--tolerance`
//! percentage points from a saved JSON report — a regression test for a
//! lexicon or a pipeline in CI. Prints what moved and the terms whose hits
//! changed most; `-o FILE` writes the new report (to update the baseline).

use std::collections::BTreeMap;

use crate::cli::CheckArgs;
use crate::error::{Error, Result};
use crate::report::{Report, SCHEMA, TermCount, thousands};

use super::Output;
use super::analyze::{Pictures, compute, output_format};

/// Read a saved JSON report.
pub fn load_report(path: &std::path::Path) -> Result<Report> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let report = Report::from_json(&text).map_err(|e| Error::Input {
        path: path.display().to_string(),
        line: Some(e.line() as u64),
        msg: format!("not a lexiscope JSON report ({e})\nhint: save one with `lexiscope analyze … -f json -o base.json`"),
    })?;
    if report.schema != SCHEMA {
        return Err(Error::Input {
            path: path.display().to_string(),
            line: None,
            msg: format!("report schema {:?}, expected {SCHEMA:?}", report.schema),
        });
    }
    Ok(report)
}

fn pp(share: Option<f64>) -> String {
    share.map_or_else(|| "–".into(), |s| format!("{:.2}%", s * 100.0))
}

/// Terms whose hits changed most between two top-term lists.
fn responsible(old: &[TermCount], new: &[TermCount]) -> Vec<(String, i64)> {
    let mut delta: BTreeMap<&str, i64> = BTreeMap::new();
    for t in old {
        *delta.entry(&t.term).or_default() -= t.hits as i64;
    }
    for t in new {
        *delta.entry(&t.term).or_default() += t.hits as i64;
    }
    let mut out: Vec<(String, i64)> = delta
        .into_iter()
        .filter(|(_, d)| *d != 0)
        .map(|(t, d)| (t.to_string(), d))
        .collect();
    out.sort_by(|a, b| b.1.abs().cmp(&a.1.abs()).then_with(|| a.0.cmp(&b.0)));
    out.truncate(5);
    out
}

/// Run `check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<()> {
    if args.tolerance.is_nan() || args.tolerance < 0.0 {
        return Err(Error::Usage(format!(
            "--tolerance {}: expected percentage points ≥ 0",
            args.tolerance
        ))
        .into());
    }
    let base = load_report(&args.baseline)?;
    let output = args
        .analyze
        .output
        .as_deref()
        .map(|p| Output::open(Some(p)))
        .transpose()?;
    let pictures = Pictures::open(&args.analyze)?;
    let now = compute(&args.analyze)?;
    pictures.write(&args.analyze, &now, None)?;
    let mut moved = 0;
    println!(
        "baseline {}: {} posts analyzed; now: {}",
        args.baseline.display(),
        thousands(base.totals.posts_analyzed),
        thousands(now.totals.posts_analyzed)
    );
    println!(
        "{:<24} {:>9} {:>9} {:>9}  status",
        "category", "baseline", "now", "Δ pp"
    );
    let ids: Vec<&str> = base
        .categories
        .iter()
        .map(|c| c.id.as_str())
        .chain(
            now.categories
                .iter()
                .map(|c| c.id.as_str())
                .filter(|id| !base.categories.iter().any(|b| b.id == *id)),
        )
        .collect();
    for id in ids {
        let old = base.categories.iter().find(|c| c.id == id);
        let new = now.categories.iter().find(|c| c.id == id);
        let (status, delta) = match (old.and_then(|c| c.share), new.and_then(|c| c.share)) {
            (Some(a), Some(b)) => {
                let d = (b - a) * 100.0;
                (
                    if d.abs() > args.tolerance {
                        "DRIFT"
                    } else {
                        "ok"
                    },
                    Some(d),
                )
            }
            _ if old.is_none() => ("NEW", None),
            _ if new.is_none() => ("GONE", None),
            _ => ("ok", None),
        };
        if status != "ok" {
            moved += 1;
        }
        println!(
            "{id:<24} {:>9} {:>9} {:>9}  {status}",
            pp(old.and_then(|c| c.share)),
            pp(new.and_then(|c| c.share)),
            delta.map_or_else(|| "–".into(), |d| format!("{d:+.2}"))
        );
        if status == "DRIFT" {
            let terms = responsible(
                old.map(|c| c.top_terms.as_slice()).unwrap_or_default(),
                new.map(|c| c.top_terms.as_slice()).unwrap_or_default(),
            );
            if !terms.is_empty() {
                let list: Vec<String> = terms.iter().map(|(t, d)| format!("{t} {d:+}")).collect();
                println!(
                    "    terms (hits, among the reported top terms): {}",
                    list.join(", ")
                );
            }
        }
    }
    if let Some(output) = output {
        let format = output_format(args.analyze.format, args.analyze.output.as_deref());
        output.write_with(|out| now.render(format, out, args.analyze.raw_csv))?;
    }
    if moved > 0 {
        return Err(Error::CheckFailed(format!(
            "{moved} categories moved more than {} percentage points from {}",
            args.tolerance,
            args.baseline.display()
        ))
        .into());
    }
    println!("all shares within {} percentage points", args.tolerance);
    Ok(())
}
