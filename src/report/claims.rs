//! Published figures against a report (`reproduce`): a claims file names
//! its source and lists claims (category, claimed share, statement,
//! tolerance); each claim gets the measured share, its interval and a
//! verdict. A claim is *consistent* when the claimed share lies inside the
//! measured interval widened by the tolerance, in percentage points like
//! `check --tolerance` (by default half a point: the rounding of a published
//! whole percentage).

use serde::{Deserialize, Serialize};

use super::model::Report;
use crate::error::{Error, Result};

/// The default tolerance, in percentage points: half a point.
pub const DEFAULT_TOLERANCE: f64 = 0.5;

/// A tolerance under this many points is probably a fraction written where
/// points are meant (0.005 for half a point): it gets a warning.
const FRACTION_LIKE: f64 = 0.1;

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

impl ClaimSource {
    /// What the `[source]` table leaves out of where the claims were
    /// published (publisher, date, url), as a sentence; `None` when it has
    /// all three.
    pub fn missing(&self) -> Option<String> {
        let missing: Vec<&str> = [
            ("publisher", &self.publisher),
            ("date", &self.date),
            ("url", &self.url),
        ]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(k, _)| k)
        .collect();
        (!missing.is_empty()).then(|| {
            let what = match missing.len() {
                3 => "say who published the figures, when or where (its [source] has no publisher, date or url)".to_string(),
                _ => format!("give the publication's {} (in its [source])", missing.join(" or ")),
            };
            format!(
                "The claims file does not {what}: the verdicts compare the claimed figures with this corpus, not with a checked source."
            )
        })
    }
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
    /// Allowed distance outside the interval, in percentage points.
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
    /// Tolerance used, in percentage points.
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
            let margin = tolerance / 100.0;
            let consistent = match (row.ci_low, row.ci_high) {
                (Some(lo), Some(hi)) => claimed >= lo - margin && claimed <= hi + margin,
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

/// The tolerances of a claims file that look like fractions written where
/// percentage points are meant, one warning each.
pub fn fraction_like_tolerances(claims: &Claims) -> Vec<String> {
    claims
        .claims
        .iter()
        .filter_map(|c| {
            let t = c.tolerance?;
            (t > 0.0 && t < FRACTION_LIKE).then(|| {
                format!(
                    "claim on {:?}: tolerance = {t} is read as percentage points (±{t} points); \
                     a tolerance is in points, as for `check --tolerance`: half a point is 0.5",
                    c.category
                )
            })
        })
        .collect()
}

/// A tolerance as printed: `±0.5 pt`.
pub fn points(tolerance: f64) -> String {
    format!("±{tolerance} pt")
}
