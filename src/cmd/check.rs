//! `lexiscope check --baseline BASE.json INPUT…`: re-run an analysis and
//! fail (exit 1) when any category share moves more than `--tolerance`
//! percentage points from a saved JSON report — a regression test for a
//! lexicon or a pipeline in CI. Prints what moved and the terms whose hits
//! changed most; `-o FILE` writes the new report (to update the baseline).
//!
//! config → baseline read → outputs opened → the analysis re-run (the
//! library's) → the comparison printed → the new report, pictures → gate.

use std::collections::BTreeMap;

use std::fmt::Write as _;

use super::output::Output;
use super::pictures::Pictures;
use super::settings::CheckSettings;
use crate::error::{Error, Result};
use crate::pipeline::analyze;
use crate::report::{Report, SCHEMA, TermCount, thousands};

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
pub fn run(s: &CheckSettings) -> Result<()> {
    let base = load_report(&s.baseline)?;
    let a = &s.analyze;
    let output = match &a.report {
        Some(target) => Some(Output::open(target.path.as_deref())?),
        None => None,
    };
    let pictures = Pictures::open(&a.pictures)?;
    let now = analyze(&a.run.config)?;
    pictures.write(&now, Some(&a.run.config), None)?;
    let mut moved = 0;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "baseline {}: {} posts analyzed; now: {}",
        s.baseline.display(),
        thousands(base.totals.posts_analyzed),
        thousands(now.totals.posts_analyzed)
    );
    let _ = writeln!(
        text,
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
                (if d.abs() > s.tolerance { "DRIFT" } else { "ok" }, Some(d))
            }
            _ if old.is_none() => ("NEW", None),
            _ if new.is_none() => ("GONE", None),
            _ => ("ok", None),
        };
        if status != "ok" {
            moved += 1;
        }
        let _ = writeln!(
            text,
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
                let _ = writeln!(
                    text,
                    "    terms (hits, among the reported top terms): {}",
                    list.join(", ")
                );
            }
        }
    }
    if moved == 0 {
        let _ = writeln!(text, "all shares within {} percentage points", s.tolerance);
    }
    Output::open(None)?.write_with(|out| out.write_all(text.as_bytes()))?;
    if let (Some(output), Some(target)) = (output, &a.report) {
        output.write_with(|out| now.render(a.format, out, target.options()))?;
    }
    if moved > 0 {
        return Err(Error::CheckFailed(format!(
            "{moved} categories moved more than {} percentage points from {}",
            s.tolerance,
            s.baseline.display()
        )));
    }
    Ok(())
}
