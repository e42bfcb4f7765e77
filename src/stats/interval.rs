//! Confidence intervals for a proportion.
//!
//! The Wilson score interval (Wilson 1927, "Probable inference, the law of
//! succession, and statistical inference", JASA 22:209–212) is used for every
//! share: unlike the Wald interval it stays inside [0, 1] and keeps close to
//! its nominal coverage for small counts and shares near 0 or 1 (Brown, Cai
//! & DasGupta 2001, "Interval estimation for a binomial proportion",
//! Statistical Science 16:101–133).
//!
//! The normal quantile comes from Wichura's algorithm AS 241 (1988, Applied
//! Statistics 37:477–484, PPND16, relative accuracy about 1e-16), written out
//! here because it is forty lines and the statistics crates that offer it pull
//! in linear-algebra dependencies.

use serde::{Deserialize, Serialize};

/// A two-sided interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

/// Wilson score interval for `successes` out of `n` at `confidence` (e.g.
/// 0.95); `None` when `n` is 0.
pub fn wilson(successes: u64, n: u64, confidence: f64) -> Option<Interval> {
    if n == 0 {
        return None;
    }
    wilson_effective(successes as f64 / n as f64, n as f64, confidence)
}

/// Wilson score interval for an estimated proportion `p` with an effective
/// sample size `n` (not necessarily whole): for a survey estimate, n is
/// p(1 − p) / its design variance (Kish's effective sample size), the
/// approach of Korn & Graubard (1998, "Confidence intervals for proportions
/// with small expected number of positive counts estimated from survey
/// data", Survey Methodology 24:193–201) with Wilson's interval in place of
/// Clopper–Pearson's, as compared by Dean & Pagano (2015, "Evaluating
/// confidence interval methods for binomial proportions in clustered
/// surveys", Journal of Survey Statistics and Methodology 3:484–503).
/// `None` when n is not positive or p is not a proportion.
pub fn wilson_effective(p: f64, n: f64, confidence: f64) -> Option<Interval> {
    if !(n > 0.0 && (0.0..=1.0).contains(&p) && confidence > 0.0 && confidence < 1.0) {
        return None;
    }
    let z = normal_quantile(1.0 - (1.0 - confidence) / 2.0);
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // The exact bounds at 0 and 1 are 0 and 1; clamp rounding noise.
    let low = if p == 0.0 {
        0.0
    } else {
        (center - half).clamp(0.0, p)
    };
    let high = if p == 1.0 {
        1.0
    } else {
        (center + half).clamp(p, 1.0)
    };
    Some(Interval { low, high })
}

/// The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (AS 241, PPND16).
// The coefficients are AS 241's, kept digit for digit as published.
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    debug_assert!(p > 0.0 && p < 1.0, "p = {p}");
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q
            * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r
                + 67265.770927008700853)
                * r
                + 45921.953931549871457)
                * r
                + 13731.693765509461125)
                * r
                + 1971.5909503065514427)
                * r
                + 133.14166789178437745)
                * r
                + 3.387132872796366608)
            / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r
                + 39307.89580009271061)
                * r
                + 21213.794301586595867)
                * r
                + 5394.1960214247511077)
                * r
                + 687.1870074920579083)
                * r
                + 42.313330701600911252)
                * r
                + 1.0);
    }
    let mut r = if q < 0.0 { p } else { 1.0 - p };
    r = (-r.ln()).sqrt();
    let value = if r <= 5.0 {
        r -= 1.6;
        (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r
            + 0.24178072517745061177)
            * r
            + 1.27045825245236838258)
            * r
            + 3.64784832476320460504)
            * r
            + 5.7694972214606914055)
            * r
            + 4.6303378461565452959)
            * r
            + 1.42343711074968357734)
            / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r
                + 0.0151986665636164571966)
                * r
                + 0.14810397642748007459)
                * r
                + 0.68976733498510000455)
                * r
                + 1.6763848301838038494)
                * r
                + 2.05319162663775882187)
                * r
                + 1.0)
    } else {
        r -= 5.0;
        (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r
            + 0.0012426609473880784386)
            * r
            + 0.026532189526576123093)
            * r
            + 0.29656057182850489123)
            * r
            + 1.7848265399172913358)
            * r
            + 5.4637849111641143699)
            * r
            + 6.6579046435011037772)
            / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r
                + 1.8463183175100546818e-5)
                * r
                + 7.868691311456132591e-4)
                * r
                + 0.0148753612908506148525)
                * r
                + 0.13692988092273580531)
                * r
                + 0.59983220655588793769)
                * r
                + 1.0)
    };
    if q < 0.0 { -value } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn quantiles() {
        assert_abs_diff_eq!(normal_quantile(0.975), 1.959963984540054, epsilon = 1e-12);
        assert_abs_diff_eq!(normal_quantile(0.5), 0.0, epsilon = 1e-15);
        assert_abs_diff_eq!(normal_quantile(0.995), 2.5758293035489, epsilon = 1e-12);
        assert_abs_diff_eq!(normal_quantile(1e-10), -6.361340902404056, epsilon = 1e-9);
    }

    #[test]
    fn wilson_matches_published_values() {
        // Brown, Cai & DasGupta style check; values from R's
        // prop.test(10, 100, correct = FALSE)$conf.int: 0.05522914 0.17436566
        let i = wilson(10, 100, 0.95).unwrap();
        assert_abs_diff_eq!(i.low, 0.05522914, epsilon = 1e-7);
        assert_abs_diff_eq!(i.high, 0.17436566, epsilon = 1e-7);
        let i = wilson(0, 20, 0.95).unwrap();
        assert_eq!(i.low, 0.0);
        assert_abs_diff_eq!(i.high, 0.1611252, epsilon = 1e-6);
        assert_eq!(wilson(5, 5, 0.95).unwrap().high, 1.0);
        assert!(wilson(0, 0, 0.95).is_none());
    }
}
