//! A category's true share of the corpus from the lexicon's flags on every
//! post plus a coded sample, three ways, each with its interval and, when it
//! is uninformative, a sentence that says why:
//!
//! - **prediction-powered** (Angelopoulos, Bates, Fannjiang, Jordan & Zrnic
//!   2023, "Prediction-powered inference", Science 382:669–674, the
//!   mean-estimation case): the raw share plus the rectifier, the coded
//!   sample's mean of (code − flag), θ̂ = p_raw + Δ̄, with the normal
//!   interval θ̂ ± z·SE(Δ̄). The stratified form weights the rectifier by
//!   stratum, Δ̄ = Σ_h (N_h/N) Δ̄_h (`stats::design`). The flags of every post
//!   are computed, so p_raw is the corpus's own share and carries no sampling
//!   error for it: the paper's σ²_f/N term is zero for this estimand (the
//!   share of *these* posts), and the rectifier's variance has the
//!   finite-population correction. Never wider than the coded sample's own
//!   interval by much, and much narrower when the lexicon agrees with the
//!   coders. When no coded post disagrees with the lexicon the rectifier
//!   has no sample variance, and the interval is the raw share ± the Wilson
//!   upper bound of the disagreement rate (the share can differ from the
//!   raw one by no more than that rate).
//! - **Rogan–Gladen** (`stats::correction`): the raw share corrected by the
//!   sample's sensitivity and specificity, Lang–Reiczigel interval; from a
//!   stratified sheet, the design-weighted sensitivity and specificity and
//!   a linearized interval (see `weighted_rogan_gladen`).
//! - **coded sample alone**: the design-based (Horvitz–Thompson) share of
//!   the coded posts, Wilson interval on the effective sample size; it does
//!   not use the lexicon at all.
//!
//! All three assume the coded posts are a probability sample of the
//! analyzed posts (a sheet from `lexiscope sample` on the same inputs).

use serde::Serialize;

use super::correction::{Corrected, corrected_prevalence, rogan_gladen};
use super::design::{CodedPost, cells, proportion, totals};
use super::interval::{normal_quantile, wilson_effective};
use crate::stats::agreement::Confusion;

/// An interval wider than this (as a fraction) tells a reader next to
/// nothing, and its note says so.
pub const UNINFORMATIVE_WIDTH: f64 = 0.5;

/// One estimate of a category's share.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Estimate {
    /// The share in [0, 1]; `None` when it cannot be estimated.
    pub value: Option<f64>,
    /// Lower bound.
    pub ci_low: Option<f64>,
    /// Upper bound.
    pub ci_high: Option<f64>,
    /// Why the estimate is undefined or uninformative, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Estimate {
    fn new(value: Option<f64>, low: Option<f64>, high: Option<f64>) -> Estimate {
        Estimate {
            value,
            ci_low: low,
            ci_high: high,
            note: None,
        }
    }

    fn noted(mut self, note: Option<String>) -> Estimate {
        self.note = note;
        self
    }

    /// The interval's width, when there is one.
    pub fn width(&self) -> Option<f64> {
        Some(self.ci_high? - self.ci_low?)
    }
}

/// A category's share from the flags and a coded sample, three ways.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Prevalence {
    /// The share of analyzed posts the lexicon flags.
    pub raw: Option<f64>,
    /// Prediction-powered estimate (Angelopoulos et al. 2023).
    pub prediction_powered: Estimate,
    /// Rogan–Gladen estimate with the Lang–Reiczigel interval.
    pub rogan_gladen: Estimate,
    /// Design-based estimate from the coded posts alone.
    pub coded_sample: Estimate,
    /// Coded posts used.
    pub coded_posts: u64,
}

/// The estimates for a category the lexicon flags in `positives` of `n`
/// analyzed posts, from coded `posts` (stratum, flag, code) of strata of
/// `population[h]` posts; `stratified` says whether the sheet was drawn by
/// strata (else `population` is one stratum and Rogan–Gladen uses plain
/// counts).
pub fn prevalence(
    positives: u64,
    n: u64,
    population: &[f64],
    posts: &[CodedPost],
    stratified: bool,
    confidence: f64,
) -> Prevalence {
    let size: f64 = population.iter().sum();
    estimate(
        positives, n, size, population, posts, None, stratified, confidence,
    )
}

/// [`prevalence`] in a domain of the corpus (a `--by` group, a period) of
/// `n` analyzed posts, `positives` of them flagged: the coded posts are the
/// whole sheet, `member[i]` saying whether post i is in the domain, so that
/// the variance is that of a domain estimate under the sheet's design
/// (Särndal, Swensson & Wretman 1992, §10.3: a member's values, zero
/// outside the domain, divided by the domain's known size).
#[allow(clippy::too_many_arguments)]
pub fn prevalence_in(
    positives: u64,
    n: u64,
    population: &[f64],
    posts: &[CodedPost],
    member: &[bool],
    stratified: bool,
    confidence: f64,
) -> Prevalence {
    estimate(
        positives,
        n,
        n as f64,
        population,
        posts,
        Some(member),
        stratified,
        confidence,
    )
}

#[allow(clippy::too_many_arguments)]
fn estimate(
    positives: u64,
    n: u64,
    size: f64,
    population: &[f64],
    posts: &[CodedPost],
    member: Option<&[bool]>,
    stratified: bool,
    confidence: f64,
) -> Prevalence {
    let raw = (n > 0).then(|| positives as f64 / n as f64);
    let inside = |i: usize| member.is_none_or(|m| m[i]);
    let mut confusion = Confusion::default();
    for (i, &(_, pred, gold)) in posts.iter().enumerate() {
        if inside(i) {
            confusion.add(pred, gold);
        }
    }
    let m = confusion.n();
    let coded_positive = confusion.tp + confusion.fn_;
    let units: Vec<(usize, [f64; 2])> = posts
        .iter()
        .enumerate()
        .map(|(i, &(h, pred, gold))| {
            let y = f64::from(u8::from(gold && inside(i)));
            (h, [y, y - f64::from(u8::from(pred && inside(i)))])
        })
        .collect();
    let t = totals(population, &units);
    let defined = m > 0 && size > 0.0;
    let var_of = |d: usize| t.cov[d][d] / (size * size);

    // The coded sample alone.
    let coded_sample = if defined {
        let share = proportion(
            Some((t.total[0] / size, var_of(0))),
            m,
            t.census,
            confidence,
        );
        let e = Estimate::new(share.value, share.ci_low, share.ci_high);
        let note = if coded_positive == 0 {
            Some(format!(
                "none of the {m} coded posts is positive: the estimate is 0 and its upper bound rests on the sample size alone"
            ))
        } else {
            wide(&e).then(|| format!("uninformative: {m} coded posts are too few"))
        };
        e.noted(note)
    } else {
        Estimate::default().noted(Some("no coded post".into()))
    };

    // Prediction-powered.
    let prediction_powered = match raw {
        Some(raw) if defined => {
            let theta = (raw + t.total[1] / size).clamp(0.0, 1.0);
            let disagreements = confusion.fp + confusion.fn_;
            let valid = confidence > 0.0 && confidence < 1.0;
            // With no coded post that disagrees, the rectifier's sample
            // variance is 0 and a Wald interval has no width. The share
            // differs from the raw one by at most the disagreement rate, so
            // the interval is then ± its Wilson upper bound, z²/(m + z²).
            let half = if !valid {
                None
            } else if disagreements == 0 && !t.census {
                wilson_effective(0.0, m as f64, confidence).map(|w| w.high)
            } else {
                Some(normal_quantile((1.0 + confidence) / 2.0) * var_of(1).sqrt())
            };
            let e = Estimate::new(
                Some(theta),
                half.map(|h| (theta - h).clamp(0.0, 1.0)),
                half.map(|h| (theta + h).clamp(0.0, 1.0)),
            );
            let note = if t.census {
                None
            } else if disagreements == 0 {
                Some(format!(
                    "no coded post of {m} disagrees with the lexicon: the interval is the raw share ± the upper bound of the disagreement rate"
                ))
            } else if wide(&e) {
                Some(format!(
                    "uninformative: {disagreements} of {m} coded posts disagree with the lexicon, too many for so small a sample"
                ))
            } else if coded_sample
                .width()
                .is_some_and(|w| e.width().is_some_and(|p| p > 1.05 * w))
            {
                // (Within 5% the two are the same estimator with intervals
                // of other shapes, as from a sheet stratified by this
                // category's own flag.)
                Some(
                    "no tighter than the coded sample alone: the lexicon's flags agree too little with the coding to sharpen it"
                        .into(),
                )
            } else {
                None
            };
            e.noted(note)
        }
        _ => Estimate::default().noted(Some(if n == 0 {
            "no analyzed post".into()
        } else {
            "no coded post".into()
        })),
    };

    // Rogan–Gladen.
    let corrected = if stratified {
        weighted_rogan_gladen(positives, n, population, posts, member, confidence)
    } else {
        corrected_prevalence(positives, n, &confusion, confidence)
    };
    let rogan_gladen = Estimate::new(corrected.prevalence, corrected.ci_low, corrected.ci_high)
        .noted(rogan_gladen_note(&corrected, &confusion, raw).or_else(|| {
            t.census.then(|| {
                "every analyzed post is coded, so the coded share is exact; this interval treats the posts as a sample of a larger population".into()
            })
        }));
    Prevalence {
        raw,
        prediction_powered,
        rogan_gladen,
        coded_sample,
        coded_posts: m,
    }
}

fn wide(e: &Estimate) -> bool {
    e.width().is_some_and(|w| w >= UNINFORMATIVE_WIDTH)
}

/// Rogan–Gladen from a stratified sheet. Lang & Reiczigel's interval is
/// built for independent binomial samples of sensitivity and specificity,
/// which a stratified sheet is not (both come from the same strata, and
/// their errors are correlated: simulated, it covered 98% at 95%). So the
/// point is the same estimator on the design-weighted sensitivity
/// a/(a + c) and specificity d/(b + d) of the estimated totals (a, b, c, d)
/// = (tp, fp, fn, tn), and its interval is the linearized design variance
/// (`stats::design`) with the corpus share p as known:
/// RG = (p + sp − 1)/J, J = se + sp − 1, ∂RG/∂se = −RG/J,
/// ∂RG/∂sp = (1 − RG)/J; a normal interval clamped to [0, 1].
fn weighted_rogan_gladen(
    positives: u64,
    n: u64,
    population: &[f64],
    posts: &[CodedPost],
    member: Option<&[bool]>,
    confidence: f64,
) -> Corrected {
    let units: Vec<(usize, [f64; 4])> = posts
        .iter()
        .enumerate()
        .map(|(i, &(h, pred, gold))| {
            let y = if member.is_none_or(|m| m[i]) {
                cells(pred, gold)
            } else {
                [0.0; 4]
            };
            (h, y)
        })
        .collect();
    let t = totals(population, &units);
    let [a, b, c, d] = t.total;
    if n == 0 || positives > n || a + c <= 0.0 || b + d <= 0.0 {
        return Corrected::UNDEFINED;
    }
    let apparent = positives as f64 / n as f64;
    let (se, sp) = (a / (a + c), d / (b + d));
    let Some(point) = rogan_gladen(apparent, se, sp) else {
        return Corrected::UNDEFINED;
    };
    let j = se + sp - 1.0;
    let raw = (apparent + sp - 1.0) / j;
    let (d_se, d_sp) = (-raw / j, (1.0 - raw) / j);
    let grad = [
        d_se * c / (a + c).powi(2),
        -d_sp * d / (b + d).powi(2),
        -d_se * a / (a + c).powi(2),
        d_sp * b / (b + d).powi(2),
    ];
    let half = (confidence > 0.0 && confidence < 1.0)
        .then(|| normal_quantile((1.0 + confidence) / 2.0) * t.variance(&grad).sqrt());
    Corrected {
        prevalence: Some(point),
        ci_low: half.map(|h| (point - h).clamp(0.0, 1.0)),
        ci_high: half.map(|h| (point + h).clamp(0.0, 1.0)),
    }
}

/// Why a Rogan–Gladen estimate is undefined or uninformative, if it is.
fn rogan_gladen_note(c: &Corrected, confusion: &Confusion, raw: Option<f64>) -> Option<String> {
    let n_se = confusion.tp + confusion.fn_;
    let n_sp = confusion.tn + confusion.fp;
    if n_se == 0 {
        return Some("undefined: no coded post is positive, so sensitivity is unknown".into());
    }
    if n_sp == 0 {
        return Some("undefined: no coded post is negative, so specificity is unknown".into());
    }
    let se = confusion.tp as f64 / n_se as f64;
    let sp = confusion.tn as f64 / n_sp as f64;
    let youden = se + sp - 1.0;
    if c.prevalence.is_none() {
        return Some(format!(
            "undefined: sensitivity {se:.2} + specificity {sp:.2} ≤ 1, the lexicon does no better than chance on the coded posts"
        ));
    }
    if c.ci_low.is_none() {
        return Some("no interval: too few coded posts for the adjusted estimate".into());
    }
    let width = c.ci_high? - c.ci_low?;
    if width < UNINFORMATIVE_WIDTH {
        return None;
    }
    let points = width * 100.0;
    let why = if youden < 0.25 {
        let weak = if se < sp {
            format!("the lexicon finds few of the coded positives (sensitivity {se:.2})")
        } else {
            format!("the lexicon also flags most coded negatives (specificity {sp:.2})")
        };
        format!("{weak}, and the correction divides by sensitivity + specificity − 1 = {youden:.2}")
    } else if n_se < 10 {
        format!("only {n_se} coded posts are positive to measure sensitivity")
    } else if raw.is_some_and(|r| 1.0 - sp >= r / 2.0) {
        format!(
            "false positives (1 − specificity = {:.1}%) are as common as the raw share ({:.1}%)",
            (1.0 - sp) * 100.0,
            raw.unwrap_or(0.0) * 100.0
        )
    } else {
        format!("{} coded posts are too few", n_se + n_sp)
    };
    Some(format!(
        "uninformative (the interval spans {points:.0} points): {why}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::interval::wilson_effective;
    use approx::assert_abs_diff_eq;

    fn posts(cells: &[(usize, bool, bool, usize)]) -> Vec<CodedPost> {
        cells
            .iter()
            .flat_map(|&(h, pred, gold, k)| std::iter::repeat_n((h, pred, gold), k))
            .collect()
    }

    /// The worked example of docs/semantics.md, by hand. 1,000 posts, 200
    /// flagged (raw 0.2); a simple random sample of 10 coded: 2 flagged and
    /// positive, 1 flagged and negative, 1 unflagged and positive, 6 neither.
    #[test]
    fn worked_example_simple_random() {
        let coded = posts(&[
            (0, true, true, 2),
            (0, true, false, 1),
            (0, false, true, 1),
            (0, false, false, 6),
        ]);
        let p = prevalence(200, 1000, &[1000.0], &coded, false, 0.95);
        let z = 1.959963984540054;
        assert_eq!(p.raw, Some(0.2));
        // Coded sample: 3/10; S² = (3·0.7² + 7·0.3²)/9 = 2.1/9;
        // Var = (1 − 10/1000)·S²/10 = 0.0231; n_eff = 0.21/0.0231.
        let e = &p.coded_sample;
        assert_abs_diff_eq!(e.value.unwrap(), 0.3, epsilon = 1e-12);
        let w = wilson_effective(0.3, 0.21 / 0.0231, 0.95).unwrap();
        assert_abs_diff_eq!(e.ci_low.unwrap(), w.low, epsilon = 1e-9);
        assert_abs_diff_eq!(e.ci_high.unwrap(), w.high, epsilon = 1e-9);
        assert!(
            e.note.as_deref().unwrap().starts_with("uninformative"),
            "{e:?}"
        );
        // Prediction-powered: rectifiers 0, 0, −1, +1, 0 × 6: mean 0, so
        // θ = 0.2; S²_Δ = 2/9; SE = √(0.99 · (2/9) / 10) = 0.148324.
        let e = &p.prediction_powered;
        assert_abs_diff_eq!(e.value.unwrap(), 0.2, epsilon = 1e-12);
        let se = (0.99_f64 * 2.0 / 9.0 / 10.0).sqrt();
        assert_abs_diff_eq!(se, 0.148_323_969_741_913, epsilon = 1e-12);
        assert_eq!(e.ci_low, Some(0.0));
        assert_abs_diff_eq!(e.ci_high.unwrap(), 0.2 + z * se, epsilon = 1e-9);
        assert_eq!(e.note, None, "narrower than the coded sample's");
        // Rogan–Gladen: se = 2/3, sp = 6/7:
        // (0.2 + 6/7 − 1)/(2/3 + 6/7 − 1) = 0.109091.
        let e = &p.rogan_gladen;
        let rg = (0.2 + 6.0 / 7.0 - 1.0) / (2.0 / 3.0 + 6.0 / 7.0 - 1.0);
        assert_abs_diff_eq!(rg, 0.109_090_909_090_909, epsilon = 1e-12);
        assert_abs_diff_eq!(e.value.unwrap(), rg, epsilon = 1e-12);
        assert!(
            e.note
                .as_deref()
                .unwrap()
                .contains("only 3 coded posts are positive"),
            "{e:?}"
        );
    }

    /// Stratified by the flag: 200 flagged posts (5 coded, 4 positive) and
    /// 800 unflagged (5 coded, 1 positive). Coded sample:
    /// (200·0.8 + 800·0.2)/1000 = 0.32. Prediction-powered: rectifier means
    /// −0.2 and +0.2, 0.2 + (200·(−0.2) + 800·0.2)/1000 = 0.32, the same
    /// estimate with the same variance, since the flag is constant within a
    /// stratum. Weighted sensitivity 160/(160 + 160) = 0.5, specificity
    /// 640/680: Rogan–Gladen (0.2 + 640/680 − 1)/(0.5 + 640/680 − 1) = 0.32.
    #[test]
    fn worked_example_stratified() {
        let coded = posts(&[
            (0, true, true, 4),
            (0, true, false, 1),
            (1, false, true, 1),
            (1, false, false, 4),
        ]);
        let p = prevalence(200, 1000, &[200.0, 800.0], &coded, true, 0.95);
        // Var = [200²·(1 − 5/200)·0.2/5 + 800²·(1 − 5/800)·0.2/5]/1000²
        //     = (1560 + 25440)/10⁶ = 0.027.
        let var = 0.027;
        let e = &p.coded_sample;
        assert_abs_diff_eq!(e.value.unwrap(), 0.32, epsilon = 1e-12);
        let w = wilson_effective(0.32, 0.32 * 0.68 / var, 0.95).unwrap();
        assert_abs_diff_eq!(e.ci_low.unwrap(), w.low, epsilon = 1e-9);
        assert_abs_diff_eq!(e.ci_high.unwrap(), w.high, epsilon = 1e-9);
        let e = &p.prediction_powered;
        assert_abs_diff_eq!(e.value.unwrap(), 0.32, epsilon = 1e-12);
        // The same estimator as the coded sample's: not "no tighter" (but
        // 10 coded posts leave it uninformative).
        assert!(
            e.note.as_deref().unwrap().starts_with("uninformative"),
            "{e:?}"
        );
        let half = 1.959963984540054 * f64::sqrt(var);
        // 0.32 − 0.322: clamped to 0.
        assert_eq!(e.ci_low, Some(0.0));
        assert_abs_diff_eq!(e.ci_high.unwrap(), 0.32 + half, epsilon = 1e-9);
        // Rogan–Gladen from these strata is the same function of the
        // totals, so its linearized interval is the same too.
        let e = &p.rogan_gladen;
        assert_abs_diff_eq!(e.value.unwrap(), 0.32, epsilon = 1e-12);
        assert_eq!(e.ci_low, Some(0.0));
        assert_abs_diff_eq!(e.ci_high.unwrap(), 0.32 + half, epsilon = 1e-9);
    }

    /// A lexicon that finds almost nothing the coders code (HatEval's
    /// case): Rogan–Gladen spans most of [0, 1] and says why.
    #[test]
    fn uninformative_correction_says_why() {
        let coded = posts(&[
            (0, true, true, 1),
            (0, false, true, 40),
            (0, false, false, 59),
        ]);
        let p = prevalence(1, 5000, &[5000.0], &coded, false, 0.95);
        let note = p.rogan_gladen.note.as_deref().unwrap();
        assert!(note.contains("finds few of the coded positives"), "{note}");
        // The coded sample is informative on its own: 41/100.
        assert_eq!(p.coded_sample.note, None);
        assert_abs_diff_eq!(p.coded_sample.value.unwrap(), 0.41, epsilon = 1e-12);
        // HatEval's HurtLex list against HS: sensitivity 0.85, specificity
        // 0.22 (most negatives flagged too).
        let coded = posts(&[
            (0, true, true, 189),
            (0, true, false, 216),
            (0, false, true, 33),
            (0, false, false, 62),
        ]);
        let p = prevalence(405, 500, &[1e6], &coded, false, 0.95);
        let note = p.rogan_gladen.note.as_deref().unwrap();
        assert!(
            note.contains("flags most coded negatives (specificity 0.22)"),
            "{note}"
        );
        // No coded post: undefined with a reason, no panic.
        let p = prevalence(1, 5000, &[5000.0], &[], false, 0.95);
        assert_eq!(p.prediction_powered.value, None);
        assert_eq!(p.coded_sample.note.as_deref(), Some("no coded post"));
        assert!(p.rogan_gladen.note.is_some());
    }

    #[test]
    fn perfect_agreement_is_flagged() {
        let coded = posts(&[(0, true, true, 5), (0, false, false, 45)]);
        let p = prevalence(100, 1000, &[1000.0], &coded, false, 0.95);
        assert_eq!(p.prediction_powered.value, Some(0.1));
        let e = &p.prediction_powered;
        assert!(e.note.as_deref().unwrap().contains("disagrees"));
        // ± z²/(50 + z²), the Wilson upper bound of 0 disagreements in 50.
        let z2 = 1.959963984540054_f64.powi(2);
        assert_abs_diff_eq!(e.ci_high.unwrap() - 0.1, z2 / (50.0 + z2), epsilon = 1e-12);
    }
}
