//! Estimates for a corpus from a coded sample drawn by stratified simple
//! random sampling without replacement (a simple random sample is the case
//! of one stratum), as `lexiscope sample` draws it: each stratum h has N_h
//! posts in the corpus, m_h of them coded, and a coded post stands for
//! N_h / m_h posts (the inverse of its inclusion probability).
//!
//! Totals are Horvitz–Thompson estimates (Horvitz & Thompson 1952, "A
//! generalization of sampling without replacement from a finite universe",
//! JASA 47:663–685), T̂ = Σ_h N_h ȳ_h, with the stratified variance
//! Σ_h N_h² (1 − m_h/N_h) S_h / m_h (Cochran 1977, Sampling Techniques,
//! 3rd ed., §5.3; S_h the within-stratum sample covariance). A metric that is
//! a smooth function of totals (precision, recall, F1, kappa, a share) gets
//! its variance by linearization, ∇gᵀ Cov(T̂) ∇g (Woodruff 1971, "A simple
//! method for approximating the variance of a complicated estimate", JASA
//! 66:411–414; Särndal, Swensson & Wretman 1992, Model Assisted Survey
//! Sampling, §5.5). Proportions get a Wilson interval on the effective
//! sample size (`interval::wilson_effective`), kappa a normal interval.
//!
//! A stratum with a single coded post contributes no variance (none can be
//! estimated from one post); a stratum with none contributes nothing at all,
//! which the caller reports, since its posts are then not represented.

use serde::{Deserialize, Serialize};

use super::agreement::{BinaryMetrics, Confusion, Metric};
use super::interval::{normal_quantile, wilson_effective};

/// Estimated totals of D quantities over the corpus, and their covariance.
#[derive(Clone, Debug, PartialEq)]
pub struct Totals<const D: usize> {
    /// Σ_h N_h ȳ_h for each quantity.
    pub total: [f64; D],
    /// The estimated covariance matrix of `total`.
    pub cov: [[f64; D]; D],
    /// Coded posts used.
    pub units: usize,
    /// Every stratum with a coded post is coded in full (m_h ≥ N_h): the
    /// totals are exact, not estimates.
    pub census: bool,
}

/// Estimated totals from coded `units` (stratum index, values) of strata of
/// `population[h]` posts each.
pub fn totals<const D: usize>(population: &[f64], units: &[(usize, [f64; D])]) -> Totals<D> {
    let strata = population.len();
    let mut count = vec![0usize; strata];
    let mut sum = vec![[0.0; D]; strata];
    for (h, y) in units {
        count[*h] += 1;
        for d in 0..D {
            sum[*h][d] += y[d];
        }
    }
    let mean: Vec<[f64; D]> = (0..strata)
        .map(|h| {
            let m = count[h].max(1) as f64;
            sum[h].map(|s| s / m)
        })
        .collect();
    let mut dev = vec![[[0.0; D]; D]; strata];
    for (h, y) in units {
        for a in 0..D {
            for b in 0..D {
                dev[*h][a][b] += (y[a] - mean[*h][a]) * (y[b] - mean[*h][b]);
            }
        }
    }
    let mut total = [0.0; D];
    let mut cov = [[0.0; D]; D];
    let mut census = !units.is_empty();
    for h in 0..strata {
        let (n_h, m) = (population[h], count[h] as f64);
        if count[h] == 0 {
            continue;
        }
        for d in 0..D {
            total[d] += n_h * mean[h][d];
        }
        census &= m >= n_h;
        if count[h] < 2 {
            continue;
        }
        let fpc = (1.0 - m / n_h).max(0.0);
        for a in 0..D {
            for b in 0..D {
                cov[a][b] += n_h * n_h * fpc * dev[h][a][b] / (m - 1.0) / m;
            }
        }
    }
    Totals {
        total,
        cov,
        units: units.len(),
        census,
    }
}

impl<const D: usize> Totals<D> {
    /// The linearized variance of a function with gradient `grad` at the
    /// estimated totals.
    pub fn variance(&self, grad: &[f64; D]) -> f64 {
        let mut v = 0.0;
        for a in 0..D {
            for b in 0..D {
                v += grad[a] * self.cov[a][b] * grad[b];
            }
        }
        v.max(0.0)
    }

    /// The ratio (u·T) / (v·T) and its linearized variance; `None` when the
    /// denominator is not positive.
    pub fn ratio(&self, u: [f64; D], v: [f64; D]) -> Option<(f64, f64)> {
        let num: f64 = (0..D).map(|d| u[d] * self.total[d]).sum();
        let den: f64 = (0..D).map(|d| v[d] * self.total[d]).sum();
        if den <= 0.0 {
            return None;
        }
        let g = num / den;
        let grad: [f64; D] = std::array::from_fn(|d| (u[d] - g * v[d]) / den);
        Some((g, self.variance(&grad)))
    }
}

/// A proportion estimated with design variance `var`, with the Wilson
/// interval on its effective sample size; `units` (the coded posts in its
/// denominator) stands in for the effective size when the variance is 0,
/// as at an estimate of 0 or 1. From a `census` the value is exact and its
/// interval has no width.
pub fn proportion(
    estimate: Option<(f64, f64)>,
    units: u64,
    census: bool,
    confidence: f64,
) -> Metric {
    let Some((p, var)) = estimate else {
        return Metric::UNDEFINED;
    };
    let p = p.clamp(0.0, 1.0);
    if census {
        return Metric {
            value: Some(p),
            ci_low: Some(p),
            ci_high: Some(p),
        };
    }
    let n_eff = if var > 0.0 && p > 0.0 && p < 1.0 {
        p * (1.0 - p) / var
    } else {
        units as f64
    };
    let interval = wilson_effective(p, n_eff, confidence);
    Metric {
        value: Some(p),
        ci_low: interval.map(|i| i.low),
        ci_high: interval.map(|i| i.high),
    }
}

/// The four estimated corpus totals of a confusion matrix.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EstimatedConfusion {
    /// Lexicon positive, coder positive.
    pub tp: f64,
    /// Lexicon positive, coder negative.
    pub fp: f64,
    /// Lexicon negative, coder positive (`fn` in serialized form).
    #[serde(rename = "fn")]
    pub fn_: f64,
    /// Lexicon negative, coder negative.
    pub tn: f64,
}

/// A coded post of a comparison: its stratum, the lexicon's flag, the
/// coder's code.
pub type CodedPost = (usize, bool, bool);

/// The cell indicators (tp, fp, fn, tn) of a coded post.
pub fn cells(pred: bool, gold: bool) -> [f64; 4] {
    let mut y = [0.0; 4];
    y[usize::from(!pred) * 2 + usize::from(!gold)] = 1.0;
    y
}

/// Precision, recall, specificity, F1, kappa and accuracy for the corpus,
/// estimated from a stratified coded sample (see the module doc), with the
/// sample's own counts in `confusion` and the estimated corpus totals.
pub fn weighted_metrics(
    population: &[f64],
    posts: &[CodedPost],
    confidence: f64,
) -> (BinaryMetrics, EstimatedConfusion) {
    let units: Vec<(usize, [f64; 4])> = posts
        .iter()
        .map(|&(h, pred, gold)| (h, cells(pred, gold)))
        .collect();
    let mut confusion = Confusion::default();
    for &(_, pred, gold) in posts {
        confusion.add(pred, gold);
    }
    let t = totals(population, &units);
    let c = &confusion;
    let recall = proportion(
        t.ratio([1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0]),
        c.tp + c.fn_,
        t.census,
        confidence,
    );
    let metrics = BinaryMetrics {
        confusion,
        precision: proportion(
            t.ratio([1.0, 0.0, 0.0, 0.0], [1.0, 1.0, 0.0, 0.0]),
            c.tp + c.fp,
            t.census,
            confidence,
        ),
        recall,
        sensitivity: recall,
        specificity: proportion(
            t.ratio([0.0, 0.0, 0.0, 1.0], [0.0, 1.0, 0.0, 1.0]),
            c.tn + c.fp,
            t.census,
            confidence,
        ),
        f1: proportion(
            t.ratio([2.0, 0.0, 0.0, 0.0], [2.0, 1.0, 1.0, 0.0]),
            c.tp + c.fp + c.fn_,
            t.census,
            confidence,
        ),
        kappa: kappa(&t, confidence),
        accuracy: proportion(
            t.ratio([1.0, 0.0, 0.0, 1.0], [1.0; 4]),
            c.n(),
            t.census,
            confidence,
        ),
    };
    let [tp, fp, fn_, tn] = t.total;
    (metrics, EstimatedConfusion { tp, fp, fn_, tn })
}

/// Cohen's kappa of the estimated totals (a, b, c, d) = (tp, fp, fn, tn):
/// κ = (p_o − p_e)/(1 − p_e) with p_o = (a + d)/n and
/// p_e = S/n², S = (a + b)(a + c) + (c + d)(b + d); its gradient by the
/// chain rule, dκ = dp_o/(1 − p_e) + (p_o − 1) dp_e/(1 − p_e)², and a normal
/// interval clamped to [-1, 1].
fn kappa(t: &Totals<4>, confidence: f64) -> Metric {
    let [a, b, c, d] = t.total;
    let n = a + b + c + d;
    if n <= 0.0 {
        return Metric::UNDEFINED;
    }
    let po = (a + d) / n;
    let s = (a + b) * (a + c) + (c + d) * (b + d);
    let pe = s / (n * n);
    if pe >= 1.0 - 1e-12 {
        return Metric::UNDEFINED;
    }
    let k = (po - pe) / (1.0 - pe);
    let ds = [
        2.0 * a + b + c,
        a + 2.0 * c + d,
        a + 2.0 * b + d,
        b + c + 2.0 * d,
    ];
    let diagonal = [1.0, 0.0, 0.0, 1.0];
    let grad: [f64; 4] = std::array::from_fn(|j| {
        let dpo = (diagonal[j] - po) / n;
        let dpe = ds[j] / (n * n) - 2.0 * s / (n * n * n);
        dpo / (1.0 - pe) + (po - 1.0) * dpe / ((1.0 - pe) * (1.0 - pe))
    });
    let se = t.variance(&grad).sqrt();
    let (low, high) = if confidence > 0.0 && confidence < 1.0 {
        let z = normal_quantile((1.0 + confidence) / 2.0);
        (
            Some((k - z * se).clamp(-1.0, 1.0)),
            Some((k + z * se).clamp(-1.0, 1.0)),
        )
    } else {
        (None, None)
    };
    Metric {
        value: Some(k),
        ci_low: low,
        ci_high: high,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::agreement::binary_metrics;
    use approx::assert_abs_diff_eq;

    /// Two strata worked by hand: stratum 0 (N = 100) codes 1, 1, 0, 0
    /// (mean 0.5, S² = 1/3), stratum 1 (N = 900) codes 0, 0, 0, 1
    /// (mean 0.25, S² = 1/4). T̂ = 100·0.5 + 900·0.25 = 275;
    /// Var = 100²·(1 − 4/100)·(1/3)/4 + 900²·(1 − 4/900)·(1/4)/4
    ///     = 800 + 50400 = 51200.
    #[test]
    fn stratified_total_by_hand() {
        let units: Vec<(usize, [f64; 1])> = [(0, 1.), (0, 1.), (0, 0.), (0, 0.)]
            .into_iter()
            .chain([(1, 0.), (1, 0.), (1, 0.), (1, 1.)])
            .map(|(h, y)| (h, [y]))
            .collect();
        let t = totals(&[100.0, 900.0], &units);
        assert_abs_diff_eq!(t.total[0], 275.0, epsilon = 1e-9);
        assert_abs_diff_eq!(t.cov[0][0], 51200.0, epsilon = 1e-6);
    }

    /// With one stratum whose N is huge, the weighted metrics are the
    /// unweighted ones (the weights are equal).
    #[test]
    fn one_stratum_gives_the_plain_metrics() {
        let mut posts = Vec::new();
        for (pred, gold, k) in [
            (true, true, 40),
            (true, false, 10),
            (false, true, 8),
            (false, false, 42),
        ] {
            posts.extend(std::iter::repeat_n((0, pred, gold), k));
        }
        let (w, est) = weighted_metrics(&[1e12], &posts, 0.95);
        let plain = binary_metrics(&w.confusion, 0.95);
        for (a, b) in [
            (w.precision, plain.precision),
            (w.recall, plain.recall),
            (w.f1, plain.f1),
            (w.kappa, plain.kappa),
            (w.accuracy, plain.accuracy),
        ] {
            assert_abs_diff_eq!(a.value.unwrap(), b.value.unwrap(), epsilon = 1e-12);
        }
        assert_abs_diff_eq!(est.tp / est.fp, 4.0, epsilon = 1e-9);
        // Precision 0.8 of 50 flagged posts: the linearized variance of a
        // ratio under SRS is p(1 − p)/m · (m/(m − 1)) · n/n… close to the
        // binomial, so the interval is close to Wilson's on 50.
        let (lo, hi) = (w.precision.ci_low.unwrap(), w.precision.ci_high.unwrap());
        assert!((lo - plain.precision.ci_low.unwrap()).abs() < 0.01, "{lo}");
        assert!((hi - plain.precision.ci_high.unwrap()).abs() < 0.01, "{hi}");
    }

    /// Stratified by the lexicon's flag: flagged stratum N = 200 with 10
    /// coded (8 true), unflagged N = 1800 with 10 coded (1 true).
    /// TP̂ = 200·0.8 = 160, FP̂ = 40, FN̂ = 1800·0.1 = 180, TN̂ = 1620:
    /// precision 0.8, recall 160/340, specificity 1620/1660.
    #[test]
    fn stratified_metrics_by_hand() {
        let mut posts = Vec::new();
        posts.extend(std::iter::repeat_n((0, true, true), 8));
        posts.extend(std::iter::repeat_n((0, true, false), 2));
        posts.push((1, false, true));
        posts.extend(std::iter::repeat_n((1, false, false), 9));
        let (m, est) = weighted_metrics(&[200.0, 1800.0], &posts, 0.95);
        assert_abs_diff_eq!(est.tp, 160.0, epsilon = 1e-9);
        assert_abs_diff_eq!(est.fn_, 180.0, epsilon = 1e-9);
        assert_abs_diff_eq!(m.precision.value.unwrap(), 0.8, epsilon = 1e-12);
        assert_abs_diff_eq!(m.recall.value.unwrap(), 160.0 / 340.0, epsilon = 1e-12);
        assert_abs_diff_eq!(
            m.specificity.value.unwrap(),
            1620.0 / 1660.0,
            epsilon = 1e-12
        );
        assert_abs_diff_eq!(m.f1.value.unwrap(), 320.0 / 540.0, epsilon = 1e-12);
        // Unweighted recall would be 8/9: the weights matter.
        assert_eq!(m.confusion.tp + m.confusion.fn_, 9);
        // Recall's variance by hand: g = 160/340, ∇ over (tp, fp, fn, tn) =
        // ((1 − g)/340, 0, −g/340, 0); only stratum-internal variation
        // counts: tp varies in stratum 0 (S² = 0.8·0.2·10/9), fn in
        // stratum 1 (S² = 0.1·0.9·10/9).
        let g: f64 = 160.0 / 340.0;
        let v0 = 200.0_f64.powi(2) * (1.0 - 10.0 / 200.0) * (0.16 * 10.0 / 9.0) / 10.0;
        let v1 = 1800.0_f64.powi(2) * (1.0 - 10.0 / 1800.0) * (0.09 * 10.0 / 9.0) / 10.0;
        let var = ((1.0 - g) / 340.0).powi(2) * v0 + (g / 340.0).powi(2) * v1;
        let n_eff = g * (1.0 - g) / var;
        let w = wilson_effective(g, n_eff, 0.95).unwrap();
        assert_abs_diff_eq!(m.recall.ci_low.unwrap(), w.low, epsilon = 1e-12);
        assert_abs_diff_eq!(m.recall.ci_high.unwrap(), w.high, epsilon = 1e-12);
    }

    /// The analytic kappa gradient against central differences.
    #[test]
    fn kappa_gradient_matches_differences() {
        let kap = |[a, b, c, d]: [f64; 4]| {
            let n = a + b + c + d;
            let po = (a + d) / n;
            let pe = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n);
            (po - pe) / (1.0 - pe)
        };
        let t0 = [30.0, 7.0, 11.0, 52.0];
        // A covariance of the identity makes the variance the squared norm
        // of the gradient, one coordinate at a time.
        for j in 0..4 {
            let mut cov = [[0.0; 4]; 4];
            cov[j][j] = 1.0;
            let t = Totals {
                total: t0,
                cov,
                units: 1,
                census: false,
            };
            let m = kappa(&t, 0.95);
            let mut up = t0;
            up[j] += 1e-5;
            let mut down = t0;
            down[j] -= 1e-5;
            let numeric = (kap(up) - kap(down)) / 2e-5;
            let half = m.ci_high.unwrap() - m.value.unwrap();
            assert_abs_diff_eq!(half / 1.959963984540054, numeric.abs(), epsilon = 1e-7);
        }
    }
}
