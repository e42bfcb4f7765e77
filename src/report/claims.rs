//! Published figures against a report (`reproduce`): a claims file names
//! its source and lists claims (category, claimed share, statement,
//! tolerance); each claim gets the measured share, its interval and a
//! verdict. A claim is *consistent* when the claimed share lies inside the
//! measured interval widened by the tolerance (by default half a percentage
//! point: the rounding of a published whole percentage).

use serde::{Deserialize, Serialize};

use super::model::Report;
use crate::error::{Error, Result};

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
