//! `lexiscope reproduce CLAIMS.toml INPUT…`: published figures against the
//! corpus. A claims file names its source and lists claims (category,
//! claimed share, statement, tolerance); each claim gets the measured share,
//! its interval and a verdict. A claim is *consistent* when the claimed
//! share lies inside the measured interval widened by the tolerance, in
//! percentage points as for `check --tolerance` (by default half a point:
//! the rounding of a published whole percentage). Exit 1 when any claim is
//! not consistent.
//!
//! config → claims read → outputs opened → the analysis (the library's) →
//! verdicts → pictures → render → gate.
//!
//! ```toml
//! [source]
//! title = "Report on cartels on Facebook and WhatsApp"
//! url = "https://…"
//!
//! [[claim]]
//! category = "capability"
//! share = 0.10                # or: percent = 10
//! statement = "10% of the content showed guns, piles of money and drugs"
//! tolerance = 0.5             # optional, in percentage points
//! ```

use super::output::Output;
use super::pictures::Pictures;
use super::settings::ReproduceSettings;
use crate::error::{Error, Result};
use crate::pipeline::analyze;
use crate::report::claims::{Claims, fraction_like_tolerances, judge, points};
use crate::report::table::wrap;
use crate::report::{ci, pct};

/// Read and check a claims file.
pub fn load_claims(path: &std::path::Path) -> Result<Claims> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let claims: Claims = toml::from_str(&text).map_err(|e| Error::Input {
        path: path.display().to_string(),
        line: e
            .span()
            .map(|s| text[..s.start].matches('\n').count() as u64 + 1),
        msg: e.message().trim().to_string(),
    })?;
    for c in &claims.claims {
        if c.tolerance.is_some_and(|t| !(0.0..=100.0).contains(&t)) {
            return Err(Error::Input {
                path: path.display().to_string(),
                line: None,
                msg: format!(
                    "claim on {:?}: tolerance = {}: expected percentage points from 0 to 100",
                    c.category,
                    c.tolerance.unwrap_or_default()
                ),
            });
        }
        match (c.share, c.percent) {
            (Some(s), None) if (0.0..=1.0).contains(&s) => {}
            (None, Some(p)) if (0.0..=100.0).contains(&p) => {}
            _ => {
                return Err(Error::Input {
                    path: path.display().to_string(),
                    line: None,
                    msg: format!(
                        "claim on {:?}: give either `share` (0–1) or `percent` (0–100)",
                        c.category
                    ),
                });
            }
        }
    }
    Ok(claims)
}

/// Run `reproduce`.
pub fn run(s: &ReproduceSettings) -> Result<()> {
    let claims = load_claims(&s.claims)?;
    let a = &s.analyze;
    for warning in fraction_like_tolerances(&claims) {
        a.run
            .stderr
            .warn(format!("{}: {warning}", s.claims.display()));
    }
    let output = Output::open(a.report.as_ref().and_then(|t| t.path.as_deref()))?;
    let pictures = Pictures::open(&a.pictures)?;
    let report = analyze(&a.run.config)?;
    let verdicts = judge(&claims, &s.claims, &report)?;
    pictures.write(
        &report,
        Some(&a.run.config),
        Some((&claims.source, verdicts.as_slice())),
    )?;
    let json = a.json;
    let width = a
        .report
        .as_ref()
        .map_or(crate::report::table::DEFAULT_WIDTH, |t| t.width);
    output.write_with(|out| {
        if json {
            serde_json::to_writer_pretty(
                &mut *out,
                &serde_json::json!({
                    "source": claims.source,
                    "verdicts": verdicts,
                    "report": report,
                }),
            )?;
            return writeln!(out);
        }
        writeln!(out, "{}", claims.source.title)?;
        if !claims.source.url.is_empty() {
            writeln!(out, "{}", claims.source.url)?;
        }
        if let Some(missing) = claims.source.missing() {
            writeln!(out, "{}", wrap(&missing, width))?;
        }
        // The statements go under the table, numbered: beside six short
        // columns they would wrap a word per line at 80 columns.
        let mut table = crate::report::table::new_table(
            [
                "#".to_string(),
                "Category".to_string(),
                "Claimed".to_string(),
                "Measured".to_string(),
                format!("{}% CI", crate::report::pct_label(report.confidence)),
                "Tol.".to_string(),
                "Verdict".to_string(),
            ]
            .to_vec(),
            width,
        );
        for (i, v) in verdicts.iter().enumerate() {
            table.add_row(vec![
                (i + 1).to_string(),
                v.claim.category.clone(),
                pct(Some(v.claimed)),
                pct(v.measured),
                ci(v.ci_low, v.ci_high),
                points(v.tolerance),
                if v.consistent { "consistent".into() } else { "NOT consistent".into() },
            ]);
        }
        writeln!(out, "{table}")?;
        for (i, v) in verdicts.iter().enumerate() {
            let line = format!("{}. {}", i + 1, v.claim.statement);
            writeln!(out, "{}", wrap(&line, width))?;
        }
        let note = format!(
            "A claim is consistent when it lies inside the measured interval widened by its tolerance, in percentage points (default ±0.5, the rounding of a published whole percentage). {}",
            report.denominator_note()
        );
        writeln!(out, "{}", wrap(&note, width))?;
        if let Some(note) = report.input_note() {
            writeln!(out, "{}", wrap(&note, width))?;
        }
        Ok(())
    })?;
    let failed = verdicts.iter().filter(|v| !v.consistent).count();
    if failed > 0 {
        return Err(Error::CheckFailed(format!(
            "{failed} of {} claims are not consistent with the corpus",
            verdicts.len()
        )));
    }
    Ok(())
}
