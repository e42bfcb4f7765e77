//! Misclassification-corrected prevalence: the share of posts that truly
//! belong to a category, given the share the lexicon flags in the corpus and
//! the lexicon's sensitivity and specificity measured against human coding
//! (a [`Confusion`] matrix from `lexiscope evaluate`).
//!
//! The point estimate is Rogan & Gladen's (1978, "Estimating prevalence from
//! the results of a screening test", American Journal of Epidemiology
//! 107:71–76). The interval is the adjusted Wald interval of Lang &
//! Reiczigel (2014, "Confidence limits for prevalence of disease adjusted
//! for estimated sensitivity and specificity", Preventive Veterinary
//! Medicine 113:13–22), which carries the sampling error of all three
//! estimated proportions.
//!
//! Assumption: the corpus counts and the two halves of the validation sample
//! (coder-positive and coder-negative posts) are independent binomial
//! samples. When the validation posts are drawn from the corpus this holds
//! approximately, the better the smaller the validation share.

use serde::{Deserialize, Serialize};

use super::agreement::Confusion;
use super::interval::normal_quantile;

/// Rogan–Gladen corrected prevalence (p + sp − 1) / (se + sp − 1), clamped
/// to [0, 1].
///
/// `None` when se + sp − 1 ≤ 0 (the classifier is no better than chance,
/// so nothing can be corrected) or an input is not a proportion in [0, 1].
pub fn rogan_gladen(apparent: f64, sensitivity: f64, specificity: f64) -> Option<f64> {
    let is_share = |x: f64| (0.0..=1.0).contains(&x);
    if !(is_share(apparent) && is_share(sensitivity) && is_share(specificity)) {
        return None;
    }
    let youden = sensitivity + specificity - 1.0;
    if youden <= 0.0 {
        return None;
    }
    Some(((apparent + specificity - 1.0) / youden).clamp(0.0, 1.0))
}

/// A corrected prevalence with its confidence interval; all `None` when it
/// is undefined, the bounds alone `None` when no interval can be given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corrected {
    /// Rogan–Gladen estimate in [0, 1].
    pub prevalence: Option<f64>,
    /// Lower bound (Lang & Reiczigel 2014).
    pub ci_low: Option<f64>,
    /// Upper bound (Lang & Reiczigel 2014).
    pub ci_high: Option<f64>,
}

impl Corrected {
    /// An undefined estimate.
    pub const UNDEFINED: Corrected = Corrected {
        prevalence: None,
        ci_low: None,
        ci_high: None,
    };
}

/// Corrected prevalence of a category flagged in `positives` of `n` corpus
/// posts, with sensitivity tp / (tp + fn) and specificity tn / (tn + fp)
/// from the validation `confusion`, and an interval at `confidence`.
///
/// The point is [`rogan_gladen`] of the observed shares. The interval is
/// Lang & Reiczigel's (2014) adjusted Wald interval, as given in their paper
/// and the authors' R script:
///
/// 1. add z²/2 successes and z²/2 failures to the corpus count (Agresti–Coull)
///    and one of each to the sensitivity and specificity samples, giving
///    p′, se′, sp′ on n′ = n + z², n_se′ = n_se + 2, n_sp′ = n_sp + 2;
/// 2. π′ = (p′ + sp′ − 1) / (se′ + sp′ − 1);
/// 3. delta-method standard error
///    s = √[p′(1 − p′)/n′ + π′² se′(1 − se′)/n_se′ + (1 − π′)² sp′(1 − sp′)/n_sp′]
///    / |se′ + sp′ − 1|;
/// 4. shift d = 2z² [π′ se′(1 − se′)/n_se′ − (1 − π′) sp′(1 − sp′)/n_sp′];
/// 5. limits π′ + d ± z·s, clamped to [0, 1].
///
/// Two guards of our own: no interval when the adjusted Youden index
/// se′ + sp′ − 1 is not positive (possible with tiny validation samples
/// even when the observed one is), and a bound is moved out to the point
/// estimate in the rare small-sample case where the shifted interval would
/// miss it, so a report never shows a point outside its interval.
///
/// Undefined when `n` is 0, `positives > n`, the validation sample has no
/// coder-positive or no coder-negative post, or se + sp ≤ 1.
pub fn corrected_prevalence(
    positives: u64,
    n: u64,
    confusion: &Confusion,
    confidence: f64,
) -> Corrected {
    let n_se = confusion.tp + confusion.fn_;
    let n_sp = confusion.tn + confusion.fp;
    corrected_from(
        positives,
        n,
        (confusion.tp as f64, n_se as f64),
        (confusion.tn as f64, n_sp as f64),
        confidence,
    )
}

/// [`corrected_prevalence`] with the sensitivity and specificity samples
/// as (successes, trials).
fn corrected_from(
    positives: u64,
    n: u64,
    sens: (f64, f64),
    spec: (f64, f64),
    confidence: f64,
) -> Corrected {
    if n == 0 || positives > n || sens.1 <= 0.0 || spec.1 <= 0.0 {
        return Corrected::UNDEFINED;
    }
    let apparent = positives as f64 / n as f64;
    let sensitivity = sens.0 / sens.1;
    let specificity = spec.0 / spec.1;
    let Some(prevalence) = rogan_gladen(apparent, sensitivity, specificity) else {
        return Corrected::UNDEFINED;
    };
    let bounds = lang_reiczigel((positives as f64, n as f64), sens, spec, confidence)
        .map(|(low, high)| (low.min(prevalence), high.max(prevalence)));
    Corrected {
        prevalence: Some(prevalence),
        ci_low: bounds.map(|b| b.0),
        ci_high: bounds.map(|b| b.1),
    }
}

/// Lang & Reiczigel (2014) limits from (successes, trials) of the corpus,
/// the sensitivity sample and the specificity sample; steps as listed at
/// [`corrected_prevalence`].
fn lang_reiczigel(
    corpus: (f64, f64),
    sens: (f64, f64),
    spec: (f64, f64),
    confidence: f64,
) -> Option<(f64, f64)> {
    if !(confidence > 0.0 && confidence < 1.0) {
        return None;
    }
    let z = normal_quantile((1.0 + confidence) / 2.0);
    let z2 = z * z;
    // Step 1: the adjusted samples.
    let n_p = corpus.1 + z2;
    let p = (corpus.0 + z2 / 2.0) / n_p;
    let n_se = sens.1 + 2.0;
    let se = (sens.0 + 1.0) / n_se;
    let n_sp = spec.1 + 2.0;
    let sp = (spec.0 + 1.0) / n_sp;
    let youden = se + sp - 1.0;
    if youden <= 0.0 {
        return None;
    }
    // Step 2: the adjusted point.
    let pi = (p + sp - 1.0) / youden;
    // Step 3: delta-method standard error.
    let var_se = se * (1.0 - se) / n_se;
    let var_sp = sp * (1.0 - sp) / n_sp;
    let s =
        (p * (1.0 - p) / n_p + pi * pi * var_se + (1.0 - pi) * (1.0 - pi) * var_sp).sqrt() / youden;
    // Step 4: the shift.
    let d = 2.0 * z2 * (pi * var_se - (1.0 - pi) * var_sp);
    // Step 5.
    let center = pi + d;
    Some((
        (center - z * s).clamp(0.0, 1.0),
        (center + z * s).clamp(0.0, 1.0),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn confusion(tp: u64, fp: u64, fn_: u64, tn: u64) -> Confusion {
        Confusion { tp, fp, fn_, tn }
    }

    /// Rogan & Gladen (1978) textbook case: apparent 0.30, se 0.90,
    /// sp 0.95 → (0.30 + 0.95 − 1)/(0.90 + 0.95 − 1) = 0.25/0.85 = 0.294118.
    #[test]
    fn rogan_gladen_textbook() {
        assert_abs_diff_eq!(
            rogan_gladen(0.3, 0.9, 0.95).unwrap(),
            0.25 / 0.85,
            epsilon = 1e-12
        );
        // A perfect classifier leaves the share unchanged.
        assert_abs_diff_eq!(rogan_gladen(0.42, 1.0, 1.0).unwrap(), 0.42, epsilon = 1e-15);
    }

    #[test]
    fn rogan_gladen_edges() {
        // Below the false-positive floor 1 − sp: clamped to 0.
        assert_eq!(rogan_gladen(0.02, 0.9, 0.95), Some(0.0));
        // Above se: clamped to 1 ((0.99 + 0.95 − 1)/0.85 = 1.106).
        assert_eq!(rogan_gladen(0.99, 0.9, 0.95), Some(1.0));
        // No better than chance.
        assert_eq!(rogan_gladen(0.3, 0.5, 0.5), None);
        assert_eq!(rogan_gladen(0.3, 0.2, 0.6), None);
        // Not proportions.
        assert_eq!(rogan_gladen(f64::NAN, 0.9, 0.9), None);
        assert_eq!(rogan_gladen(0.3, 1.2, 0.9), None);
        assert_eq!(rogan_gladen(-0.1, 0.9, 0.9), None);
    }

    /// Reference values from a line-by-line Python port of Lang & Reiczigel's
    /// R script (CI4TruePrevalence, 2013): corpus 300/1000, sensitivity
    /// 90/100, specificity 190/200 → RG 0.294118, 95% CI 0.246939–0.342619.
    #[test]
    fn lang_reiczigel_reference() {
        let c = corrected_prevalence(300, 1000, &confusion(90, 10, 10, 190), 0.95);
        assert_abs_diff_eq!(c.prevalence.unwrap(), 0.25 / 0.85, epsilon = 1e-12);
        assert_abs_diff_eq!(c.ci_low.unwrap(), 0.24693863128574853, epsilon = 1e-9);
        assert_abs_diff_eq!(c.ci_high.unwrap(), 0.34261927719487206, epsilon = 1e-9);
        // Same shares, smaller samples (30/100, 45/50, 95/100): wider.
        let c = corrected_prevalence(30, 100, &confusion(45, 5, 5, 95), 0.95);
        assert_abs_diff_eq!(c.ci_low.unwrap(), 0.18412550570520525, epsilon = 1e-9);
        assert_abs_diff_eq!(c.ci_high.unwrap(), 0.42115251397252684, epsilon = 1e-9);
    }

    /// The "Boticas" data of Reiczigel, Földi & Ózsvári (2010, Table 2):
    /// 2 positives of 78, se 0.5 (50/100), sp 0.995 (199/200). RG =
    /// (2/78 + 0.995 − 1)/0.495 = 0.041699; the lower limit clamps to 0;
    /// upper 0.177704 from the Python port of the authors' script.
    #[test]
    fn lang_reiczigel_low_prevalence() {
        let c = corrected_prevalence(2, 78, &confusion(50, 1, 50, 199), 0.95);
        assert_abs_diff_eq!(c.prevalence.unwrap(), 0.04169904169904172, epsilon = 1e-12);
        assert_eq!(c.ci_low, Some(0.0));
        assert_abs_diff_eq!(c.ci_high.unwrap(), 0.17770427363217536, epsilon = 1e-9);
    }

    #[test]
    fn corrected_edges() {
        let good = confusion(9, 1, 1, 9);
        assert_eq!(
            corrected_prevalence(0, 0, &good, 0.95),
            Corrected::UNDEFINED
        );
        assert_eq!(
            corrected_prevalence(5, 4, &good, 0.95),
            Corrected::UNDEFINED
        );
        // No coder-positive post: sensitivity unknown.
        assert_eq!(
            corrected_prevalence(3, 10, &confusion(0, 1, 0, 9), 0.95),
            Corrected::UNDEFINED
        );
        // No coder-negative post: specificity unknown.
        assert_eq!(
            corrected_prevalence(3, 10, &confusion(5, 0, 5, 0), 0.95),
            Corrected::UNDEFINED
        );
        // se + sp = 1.
        assert_eq!(
            corrected_prevalence(3, 10, &confusion(5, 5, 5, 5), 0.95),
            Corrected::UNDEFINED
        );
        // No flagged post at all: point 0, interval from 0.
        let c = corrected_prevalence(0, 50, &confusion(9, 0, 1, 10), 0.95);
        assert_eq!(c.prevalence, Some(0.0));
        assert_eq!(c.ci_low, Some(0.0));
        assert_abs_diff_eq!(c.ci_high.unwrap(), 0.1108581693156947, epsilon = 1e-9);
        // Invalid confidence: point only.
        let c = corrected_prevalence(30, 100, &good, 0.0);
        assert!(c.prevalence.is_some());
        assert_eq!((c.ci_low, c.ci_high), (None, None));
        // Observed Youden 0.3 > 0 but adjusted Youden ≤ 0: se = 1/1 →
        // se′ = 2/3; sp = 30/100 → sp′ = 31/102; 2/3 + 31/102 − 1 < 0.
        let c = corrected_prevalence(30, 100, &confusion(1, 70, 0, 30), 0.95);
        assert_abs_diff_eq!(c.prevalence.unwrap(), 0.0, epsilon = 1e-12);
        assert_eq!((c.ci_low, c.ci_high), (None, None));
    }

    /// lo ≤ point ≤ hi inside [0, 1] over a grid of small samples.
    #[test]
    fn interval_contains_point() {
        for positives in 0..=10 {
            for tp in 0..=5 {
                for fn_ in 0..=3 {
                    for tn in 0..=5 {
                        for fp in 0..=3 {
                            let c = corrected_prevalence(
                                positives,
                                10,
                                &confusion(tp, fp, fn_, tn),
                                0.95,
                            );
                            if let (Some(p), Some(lo), Some(hi)) =
                                (c.prevalence, c.ci_low, c.ci_high)
                            {
                                assert!(0.0 <= lo && lo <= p && p <= hi && hi <= 1.0, "{c:?}");
                            }
                        }
                    }
                }
            }
        }
    }
}
