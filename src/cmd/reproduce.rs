//! `lexiscope reproduce CLAIMS.toml INPUT…`: published figures against the
//! corpus. A claims file names its source and lists claims (category,
//! claimed share, statement, tolerance); each claim gets the measured share,
//! its interval and a verdict. A claim is *consistent* when the claimed
//! share lies inside the measured interval widened by the tolerance (by
//! default half a percentage point: the rounding of a published whole
//! percentage). Exit 1 when any claim is not consistent.
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
//! tolerance = 0.005           # optional, as a fraction
//! ```

use serde::{Deserialize, Serialize};

use super::output::Output;
use super::pictures::Pictures;
use super::settings::ReproduceSettings;
use crate::error::{Error, Result};
use crate::pipeline::analyze;
use crate::report::html::{ClaimRow, ClaimsPart};
use crate::report::{Report, ci, pct};

/// The default tolerance: half a percentage point.
pub const DEFAULT_TOLERANCE: f64 = 0.005;

/// A claims file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// Where the claims were published.
    pub source: ClaimSource,
    /// The claims.
    #[serde(rename = "claim")]
    pub claims: Vec<Claim>,
}

/// The publication.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ClaimSource {
    /// Title.
    pub title: String,
    /// Address.
    #[serde(default)]
    pub url: String,
    /// Authors or publisher.
    #[serde(default)]
    pub publisher: String,
    /// Date of publication.
    #[serde(default)]
    pub date: String,
    /// Notes on how the claims map onto the lexicon.
    #[serde(default)]
    pub note: String,
}

/// One claim.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Category id of the lexicon (or `_any`).
    pub category: String,
    /// Claimed share as a fraction.
    #[serde(default)]
    pub share: Option<f64>,
    /// Claimed share in percent.
    #[serde(default)]
    pub percent: Option<f64>,
    /// The sentence as published.
    #[serde(default)]
    pub statement: String,
    /// Allowed distance outside the interval, as a fraction.
    #[serde(default)]
    pub tolerance: Option<f64>,
}

/// A claim measured.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    /// The claim.
    pub claim: Claim,
    /// Claimed share (fraction).
    pub claimed: f64,
    /// Measured share.
    pub measured: Option<f64>,
    /// Interval of the measured share.
    pub ci_low: Option<f64>,
    /// Interval of the measured share.
    pub ci_high: Option<f64>,
    /// Tolerance used.
    pub tolerance: f64,
    /// Whether the claim is consistent with the corpus.
    pub consistent: bool,
}

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

/// Measure each claim (of the claims file `path`) against a report.
pub fn judge(claims: &Claims, path: &std::path::Path, report: &Report) -> Result<Vec<Verdict>> {
    claims
        .claims
        .iter()
        .map(|c| {
            let row = report
                .categories
                .iter()
                .find(|r| r.id == c.category)
                .ok_or_else(|| {
                    let ids: Vec<&str> = report.categories.iter().map(|r| r.id.as_str()).collect();
                    Error::input(
                        path.display().to_string(),
                        None,
                        format!(
                            "claim on {:?}: the lexicon has no such category; it has: {}",
                            c.category,
                            ids.join(", ")
                        ),
                    )
                })?;
            let claimed = c.share.or(c.percent.map(|p| p / 100.0)).unwrap_or_default();
            let tolerance = c.tolerance.unwrap_or(DEFAULT_TOLERANCE);
            let consistent = match (row.ci_low, row.ci_high) {
                (Some(lo), Some(hi)) => claimed >= lo - tolerance && claimed <= hi + tolerance,
                _ => false,
            };
            Ok(Verdict {
                claim: c.clone(),
                claimed,
                measured: row.share,
                ci_low: row.ci_low,
                ci_high: row.ci_high,
                tolerance,
                consistent,
            })
        })
        .collect()
}

/// The claims section of the HTML report.
fn claims_part(claims: &Claims, verdicts: &[Verdict]) -> ClaimsPart {
    let s = &claims.source;
    ClaimsPart {
        title: s.title.clone(),
        url: s.url.clone(),
        publisher: s.publisher.clone(),
        date: s.date.clone(),
        note: s.note.clone(),
        rows: verdicts
            .iter()
            .map(|v| ClaimRow {
                statement: v.claim.statement.clone(),
                category: v.claim.category.clone(),
                claimed: v.claimed,
                measured: v.measured,
                ci_low: v.ci_low,
                ci_high: v.ci_high,
                tolerance: v.tolerance,
                consistent: v.consistent,
            })
            .collect(),
    }
}

/// Run `reproduce`.
pub fn run(s: &ReproduceSettings) -> Result<()> {
    let claims = load_claims(&s.claims)?;
    let a = &s.analyze;
    let output = Output::open(a.report.as_ref().and_then(|t| t.path.as_deref()))?;
    let pictures = Pictures::open(&a.pictures)?;
    let report = analyze(&a.run.config)?;
    let verdicts = judge(&claims, &s.claims, &report)?;
    pictures.write(
        &report,
        Some(&a.run.config),
        Some(claims_part(&claims, &verdicts)),
    )?;
    let json = a.json;
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
        let mut table = comfy_table::Table::new();
        table
            .load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
            .force_no_tty()
            .set_width(crate::report::table::WIDTH)
            .set_header(vec!["Claim", "Category", "Claimed", "Measured", "95% CI", "Verdict"]);
        for v in &verdicts {
            table.add_row(vec![
                v.claim.statement.clone(),
                v.claim.category.clone(),
                pct(Some(v.claimed)),
                pct(v.measured),
                ci(v.ci_low, v.ci_high),
                if v.consistent { "consistent".into() } else { "NOT consistent".into() },
            ]);
        }
        writeln!(out, "{table}")?;
        let note = format!(
            "A claim is consistent when it lies inside the measured interval widened by its tolerance (default ±0.5 points). {}",
            report.denominator_note()
        );
        writeln!(out, "{}", crate::report::table::wrap(&note, crate::report::table::WIDTH as usize))
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
