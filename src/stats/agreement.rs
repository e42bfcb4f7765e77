//! Agreement between the lexicon and human coding, and between coders: the
//! numbers behind `lexiscope evaluate`. Inputs are integer counts (a
//! [`Confusion`] matrix, a k×k table, coded units), so results do not depend
//! on the order in which posts were merged.
//!
//! Methods, each cited again next to its formula:
//! - precision, recall (sensitivity), specificity and accuracy are
//!   proportions with a Wilson score interval (Wilson 1927, see
//!   [`super::interval`]);
//! - F1 uses the delta-method variance of Takahashi, Yamamoto, Kuchiba &
//!   Koyama (2022, "Confidence interval for micro-averaged F1 and
//!   macro-averaged F1 scores", Applied Intelligence 52:4961–4972), turned
//!   into a score (Wilson) interval through F1's link to the Jaccard index so
//!   that it stays inside [0, 1] and never has zero width at F1 = 0 or 1;
//! - Cohen's kappa (Cohen 1960, "A coefficient of agreement for nominal
//!   scales", Educational and Psychological Measurement 20:37–46) with the
//!   large-sample standard error of Fleiss, Cohen & Everitt (1969, "Large
//!   sample standard errors of kappa and weighted kappa", Psychological
//!   Bulletin 72:323–327) and a normal interval;
//! - Krippendorff's alpha for nominal data with any number of coders and
//!   missing values (Krippendorff 2011, "Computing Krippendorff's
//!   Alpha-Reliability", Annenberg School for Communication, University of
//!   Pennsylvania).
//!
//! Invariants: every value is `None` when it is undefined (an empty
//! denominator) rather than NaN; every interval contains its point value;
//! proportions and F1 stay in [0, 1], kappa in [-1, 1].

use std::collections::BTreeMap;
use std::ops::AddAssign;

use serde::{Deserialize, Serialize};

use super::interval::{Interval, normal_quantile, wilson};

/// 2×2 counts of lexicon decisions (`pred`) against human coding (`gold`)
/// for one category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confusion {
    /// Lexicon positive, coder positive.
    pub tp: u64,
    /// Lexicon positive, coder negative.
    pub fp: u64,
    /// Lexicon negative, coder positive (`fn` in serialized form).
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// Lexicon negative, coder negative.
    pub tn: u64,
}

impl Confusion {
    /// Counts one coded post.
    pub fn add(&mut self, pred: bool, gold: bool) {
        match (pred, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// Number of coded posts.
    pub fn n(&self) -> u64 {
        self.tp + self.fp + self.fn_ + self.tn
    }

    /// The matrix as a 2×2 table, rows = lexicon (positive first), columns =
    /// coder, for [`cohen_kappa`].
    fn table(&self) -> [Vec<u64>; 2] {
        [vec![self.tp, self.fp], vec![self.fn_, self.tn]]
    }
}

impl AddAssign for Confusion {
    fn add_assign(&mut self, other: Confusion) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.tn += other.tn;
    }
}

/// A point estimate with its confidence interval. All three are `None` when
/// the quantity is undefined; the bounds alone are `None` when no interval
/// can be given (e.g. an invalid confidence level).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// Point estimate.
    pub value: Option<f64>,
    /// Lower confidence bound.
    pub ci_low: Option<f64>,
    /// Upper confidence bound.
    pub ci_high: Option<f64>,
}

impl Metric {
    /// An undefined metric (empty denominator).
    pub const UNDEFINED: Metric = Metric {
        value: None,
        ci_low: None,
        ci_high: None,
    };

    fn new(value: f64, interval: Option<Interval>) -> Metric {
        Metric {
            value: Some(value),
            ci_low: interval.map(|i| i.low),
            ci_high: interval.map(|i| i.high),
        }
    }
}

/// Validation metrics of one category against human coding.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BinaryMetrics {
    /// The counts the metrics come from.
    pub confusion: Confusion,
    /// tp / (tp + fp), Wilson interval.
    pub precision: Metric,
    /// tp / (tp + fn), Wilson interval.
    pub recall: Metric,
    /// Same as `recall`, under the name used for prevalence correction.
    pub sensitivity: Metric,
    /// tn / (tn + fp), Wilson interval.
    pub specificity: Metric,
    /// 2tp / (2tp + fp + fn); interval described at [`binary_metrics`].
    pub f1: Metric,
    /// Cohen's kappa with the Fleiss–Cohen–Everitt (1969) normal interval.
    pub kappa: Metric,
    /// (tp + tn) / n, Wilson interval.
    pub accuracy: Metric,
}

/// The two-sided normal quantile for `confidence`, `None` unless
/// 0 < confidence < 1 (so user input never reaches the quantile's assert).
fn z_for(confidence: f64) -> Option<f64> {
    (confidence > 0.0 && confidence < 1.0).then(|| normal_quantile(1.0 - (1.0 - confidence) / 2.0))
}

/// A proportion with its Wilson (1927) score interval.
fn proportion(successes: u64, n: u64, confidence: f64) -> Metric {
    if n == 0 {
        return Metric::UNDEFINED;
    }
    let interval = z_for(confidence).and_then(|_| wilson(successes, n, confidence));
    Metric::new(successes as f64 / n as f64, interval)
}

/// F1 with a score interval.
///
/// Takahashi et al. (2022) give the delta-method (Wald) variance of binary
/// F1 under multinomial sampling of (tp, fp, fn, tn); with S = 2tp + fp + fn
/// and F = 2tp / S it reads
///
///   Var(F) = [4 tp (1 − F)² + (fp + fn) F²] / S²  =  F (1 − F) (2 − F) / S.
///
/// (Derivation: F is homogeneous of degree 0 in the cell shares a, b, c of
/// tp, fp, fn, so Σ gᵢpᵢ = 0 for the gradient g = (2(b + c), −2a, −2a) / D²,
/// D = 2a + b + c, and Var = Σ gᵢ²pᵢ / n; substitute tp = FS/2,
/// fp + fn = S(1 − F).) A Wald interval F ± z·√Var has zero width at F = 0
/// and F = 1 — exactly the small, clean validation samples this tool sees —
/// and can leave [0, 1].
///
/// So the interval is built on the Jaccard index J = tp / (tp + fp + fn),
/// which is tp's share of the m = tp + fp + fn posts that either side calls
/// positive: given m, tp is binomial(m, J), and F = 2J / (1 + J) is
/// increasing in J. The Wilson interval for J, mapped through that function,
/// is a score interval for F. Its delta-method variance is
/// (2 / (1 + J)²)² · J(1 − J) / m, which equals Takahashi's F(1 − F)(2 − F)/S,
/// so for large counts the two intervals coincide (tested below).
fn f1_metric(c: &Confusion, confidence: f64) -> Metric {
    let m = c.tp + c.fp + c.fn_;
    if m == 0 {
        // Neither the lexicon nor the coder found a positive: F1 is 0/0.
        return Metric::UNDEFINED;
    }
    let value = 2.0 * c.tp as f64 / (2 * c.tp + c.fp + c.fn_) as f64;
    let to_f1 = |j: f64| 2.0 * j / (1.0 + j);
    let interval = z_for(confidence)
        .and_then(|_| wilson(c.tp, m, confidence))
        .map(|j| Interval {
            low: to_f1(j.low),
            high: to_f1(j.high),
        });
    Metric::new(value, interval)
}

/// Precision, recall, specificity, F1, Cohen's kappa and accuracy of one
/// category, each with an interval at `confidence` (e.g. 0.95).
///
/// Proportions use the Wilson score interval (Wilson 1927). F1 uses a score
/// interval consistent with the delta-method variance of Takahashi et al.
/// (2022); see the comment on its helper in the source. Kappa uses the
/// large-sample non-null standard error of Fleiss, Cohen & Everitt (1969)
/// and a normal interval clamped to [-1, 1]; like every Wald interval it has
/// zero width when agreement is perfect. A metric whose denominator is zero
/// is [`Metric::UNDEFINED`]; kappa is also undefined when the expected
/// agreement is 1 (both sides put every post in the same class).
pub fn binary_metrics(c: &Confusion, confidence: f64) -> BinaryMetrics {
    let recall = proportion(c.tp, c.tp + c.fn_, confidence);
    BinaryMetrics {
        confusion: *c,
        precision: proportion(c.tp, c.tp + c.fp, confidence),
        recall,
        sensitivity: recall,
        specificity: proportion(c.tn, c.tn + c.fp, confidence),
        f1: f1_metric(c, confidence),
        kappa: cohen_kappa_metric(&c.table(), confidence),
        accuracy: proportion(c.tp + c.tn, c.n(), confidence),
    }
}

/// Marginals and agreement of a square table, or `None` when the table is
/// not square or empty.
struct Table {
    k: usize,
    n: u64,
    diagonal: u64,
    rows: Vec<u64>,
    cols: Vec<u64>,
}

impl Table {
    fn new(table: &[Vec<u64>]) -> Option<Table> {
        let k = table.len();
        if k == 0 || table.iter().any(|row| row.len() != k) {
            return None;
        }
        let rows: Vec<u64> = table.iter().map(|row| row.iter().sum()).collect();
        let cols: Vec<u64> = (0..k)
            .map(|j| table.iter().map(|row| row[j]).sum())
            .collect();
        let n = rows.iter().sum();
        let diagonal = (0..k).map(|i| table[i][i]).sum();
        Some(Table {
            k,
            n,
            diagonal,
            rows,
            cols,
        })
    }
}

/// Cohen's kappa (Cohen 1960) for two coders on a k×k table (`table[i][j]` =
/// units coder 1 put in category i and coder 2 in category j):
/// κ = (p_o − p_e) / (1 − p_e) with p_o = Σ p_ii and p_e = Σ p_i· p_·i.
///
/// `None` when the table is empty or not square, has no units, or the
/// expected agreement p_e is 1.
pub fn cohen_kappa(table: &[Vec<u64>]) -> Option<f64> {
    kappa_parts(&Table::new(table)?)
}

/// κ computed in integers as (n·Σ n_ii − Σ n_i· n_·i) / (n² − Σ n_i· n_·i),
/// so p_e = 1 is detected exactly.
fn kappa_parts(t: &Table) -> Option<f64> {
    let n = u128::from(t.n);
    let chance: u128 = (0..t.k)
        .map(|i| u128::from(t.rows[i]) * u128::from(t.cols[i]))
        .sum();
    let denom = n * n - chance;
    if denom == 0 {
        return None;
    }
    let numer = (n * u128::from(t.diagonal)) as f64 - chance as f64;
    Some(numer / denom as f64)
}

/// Cohen's kappa of a k×k table (as in [`cohen_kappa`]) with a normal
/// interval from the large-sample standard error under the non-null
/// hypothesis (Fleiss, Cohen & Everitt 1969):
///
///   Var(κ) = { Σᵢ pᵢᵢ [(1 − p_e) − (pᵢ· + p·ᵢ)(1 − p_o)]²
///            + (1 − p_o)² Σ_{i≠j} pᵢⱼ (p·ᵢ + pⱼ·)²
///            − (p_o p_e − 2 p_e + p_o)² } / (n (1 − p_e)⁴).
///
/// The bounds are clamped to [-1, 1].
pub fn cohen_kappa_metric(table: &[Vec<u64>], confidence: f64) -> Metric {
    let Some(t) = Table::new(table) else {
        return Metric::UNDEFINED;
    };
    let Some(kappa) = kappa_parts(&t) else {
        return Metric::UNDEFINED;
    };
    let n = t.n as f64;
    let share = |x: u64| x as f64 / n;
    let p_o = share(t.diagonal);
    let p_e: f64 = (0..t.k).map(|i| share(t.rows[i]) * share(t.cols[i])).sum();
    let mut diagonal_term = 0.0;
    let mut off_diagonal_term = 0.0;
    for (i, row) in table.iter().enumerate() {
        for (j, &count) in row.iter().enumerate() {
            let p = share(count);
            if i == j {
                let w = (1.0 - p_e) - (share(t.rows[i]) + share(t.cols[i])) * (1.0 - p_o);
                diagonal_term += p * w * w;
            } else {
                let w = share(t.cols[i]) + share(t.rows[j]);
                off_diagonal_term += p * w * w;
            }
        }
    }
    let last = p_o * p_e - 2.0 * p_e + p_o;
    let variance = (diagonal_term + (1.0 - p_o).powi(2) * off_diagonal_term - last * last)
        / (n * (1.0 - p_e).powi(4));
    // Rounding can leave a tiny negative number where the variance is 0.
    let se = variance.max(0.0).sqrt();
    let interval = z_for(confidence).map(|z| Interval {
        low: (kappa - z * se).max(-1.0),
        high: (kappa + z * se).min(1.0),
    });
    Metric::new(kappa, interval)
}

/// Krippendorff's alpha for nominal data (Krippendorff 2011): any number of
/// coders, missing values allowed.
///
/// Each unit is the list of values the coders gave it (`None` = not coded).
/// Units with fewer than two values are unpairable and skipped. With the
/// coincidence matrix o_ck = Σ_u (number of c–k pairs of values in u from
/// different coders) / (m_u − 1), n_c = Σ_k o_ck and n = Σ_c n_c,
///
///   α = 1 − D_o / D_e = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k.
///
/// For nominal data Σ_{c≠k} o_ck of one unit is (m_u² − Σ_c n_uc²) / (m_u − 1)
/// and Σ_{c≠k} n_c n_k = n² − Σ_c n_c², which is what is computed.
///
/// `None` when no unit is pairable or all pairable values are equal (D_e = 0,
/// where alpha is 0/0).
pub fn krippendorff_alpha_nominal(units: &[Vec<Option<u32>>]) -> Option<f64> {
    let mut totals: BTreeMap<u32, u64> = BTreeMap::new();
    let mut unit_counts: BTreeMap<u32, u64> = BTreeMap::new();
    let mut observed = 0.0;
    for unit in units {
        unit_counts.clear();
        for &value in unit.iter().flatten() {
            *unit_counts.entry(value).or_insert(0) += 1;
        }
        let m_u: u64 = unit_counts.values().sum();
        if m_u < 2 {
            continue;
        }
        let same: u64 = unit_counts.values().map(|c| c * c).sum();
        observed += (m_u * m_u - same) as f64 / (m_u - 1) as f64;
        for (&value, &count) in &unit_counts {
            *totals.entry(value).or_insert(0) += count;
        }
    }
    let n: u64 = totals.values().sum();
    let same: u64 = totals.values().map(|c| c * c).sum();
    let expected = n * n - same;
    if expected == 0 {
        return None;
    }
    Some(1.0 - (n - 1) as f64 * observed / expected as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    fn confusion(tp: u64, fp: u64, fn_: u64, tn: u64) -> Confusion {
        Confusion { tp, fp, fn_, tn }
    }

    fn assert_metric(m: Metric, value: f64, low: f64, high: f64) {
        assert_abs_diff_eq!(m.value.unwrap(), value, epsilon = 1e-12);
        assert_abs_diff_eq!(m.ci_low.unwrap(), low, epsilon = 1e-9);
        assert_abs_diff_eq!(m.ci_high.unwrap(), high, epsilon = 1e-9);
    }

    #[test]
    fn add_and_n() {
        let mut c = Confusion::default();
        c.add(true, true);
        c.add(true, false);
        c.add(true, false);
        c.add(false, true);
        c.add(false, false);
        assert_eq!(c, confusion(1, 2, 1, 1));
        assert_eq!(c.n(), 5);
        let mut d = c;
        d += c;
        assert_eq!(d, confusion(2, 4, 2, 2));
    }

    #[test]
    fn serde_names_fn_field() {
        let c = confusion(40, 10, 20, 30);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, r#"{"tp":40,"fp":10,"fn":20,"tn":30}"#);
        assert_eq!(serde_json::from_str::<Confusion>(&json).unwrap(), c);
        let m = binary_metrics(&c, 0.95);
        let back: BinaryMetrics =
            serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }

    /// tp = 40, fp = 10, fn = 20, tn = 30 (n = 100), worked by hand:
    /// precision 40/50 = 0.8; recall 40/60 = 0.6667; specificity 30/40 = 0.75;
    /// accuracy 70/100 = 0.7; F1 = 80/(80 + 10 + 20) = 0.72727;
    /// kappa: p_o = 0.7, lexicon positive 50, coder positive 60,
    /// p_e = (50·60 + 50·40)/100² = 0.5, κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    /// Interval bounds were computed independently in Python 3 (stdlib
    /// only): Wilson from its closed form with z = NormalDist().inv_cdf(0.975);
    /// the kappa variance both from the Fleiss–Cohen–Everitt formula and from
    /// a numerical-gradient multinomial delta method (both 0.008064, se
    /// 0.0897998); the F1 bounds as 2j/(1 + j) of Wilson(40, 70).
    #[test]
    fn hand_computed_confusion() {
        let m = binary_metrics(&confusion(40, 10, 20, 30), 0.95);
        assert_metric(m.precision, 0.8, 0.6696289406777459, 0.887562499842239);
        assert_metric(m.recall, 2.0 / 3.0, 0.5405686645211968, 0.7727073847647731);
        assert_eq!(m.sensitivity, m.recall);
        assert_metric(m.specificity, 0.75, 0.5980603857923198, 0.8581288136090369);
        assert_metric(m.accuracy, 0.7, 0.6041514536665333, 0.7810511470506722);
        assert_metric(m.f1, 8.0 / 11.0, 0.6252201384798629, 0.8099820452042832);
        assert_metric(m.kappa, 0.4, 0.22399567070643564, 0.5760043292935642);
    }

    /// The delta-method variance of Takahashi et al. (2022),
    /// [4tp(1 − F)² + (fp + fn)F²] / S², its compact form F(1 − F)(2 − F)/S,
    /// and the Wald interval it gives, which the score interval must approach
    /// for large counts.
    #[test]
    fn f1_interval_agrees_with_takahashi_wald_for_large_counts() {
        let (tp, fp, fn_) = (4000.0, 1000.0, 2000.0);
        let s = 2.0 * tp + fp + fn_;
        let f = 2.0 * tp / s;
        let takahashi = (4.0 * tp * (1.0 - f) * (1.0 - f) + (fp + fn_) * f * f) / (s * s);
        assert_abs_diff_eq!(takahashi, f * (1.0 - f) * (2.0 - f) / s, epsilon = 1e-15);
        let z = normal_quantile(0.975);
        let m = binary_metrics(&confusion(4000, 1000, 2000, 3000), 0.95).f1;
        assert_abs_diff_eq!(m.value.unwrap(), f, epsilon = 1e-15);
        assert_abs_diff_eq!(m.ci_low.unwrap(), f - z * takahashi.sqrt(), epsilon = 2e-4);
        assert_abs_diff_eq!(m.ci_high.unwrap(), f + z * takahashi.sqrt(), epsilon = 2e-4);
        // Python: 0.7177840184937898 0.7365594956665295.
        assert_abs_diff_eq!(m.ci_low.unwrap(), 0.7177840184937898, epsilon = 1e-9);
        assert_abs_diff_eq!(m.ci_high.unwrap(), 0.7365594956665295, epsilon = 1e-9);
    }

    /// Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, both
    /// readers yes 20, A yes/B no 5, A no/B yes 10, both no 15:
    /// p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
    #[test]
    fn kappa_wikipedia_example() {
        assert_abs_diff_eq!(
            cohen_kappa(&[vec![20, 5], vec![10, 15]]).unwrap(),
            0.4,
            epsilon = 1e-12
        );
    }

    /// Wikipedia, "Cohen's kappa", "same percentages but different numbers":
    /// both tables have p_o = 0.60. [[45, 15], [25, 15]]: p_e = 0.6·0.7 +
    /// 0.4·0.3 = 0.54, κ = 0.06/0.46 = 0.1304; [[25, 35], [5, 35]]: p_e =
    /// 0.6·0.3 + 0.4·0.7 = 0.46, κ = 0.14/0.54 = 0.2593.
    #[test]
    fn kappa_same_agreement_different_marginals() {
        let a = cohen_kappa(&[vec![45, 15], vec![25, 15]]).unwrap();
        let b = cohen_kappa(&[vec![25, 35], vec![5, 35]]).unwrap();
        assert_abs_diff_eq!(a, 0.06 / 0.46, epsilon = 1e-12);
        assert_abs_diff_eq!(b, 0.14 / 0.54, epsilon = 1e-12);
    }

    /// 3×3 by hand: n = 50, diagonal 37, p_o = 0.74; rows 14, 18, 18;
    /// columns 13, 17, 20; p_e = (182 + 306 + 360)/2500 = 0.3392;
    /// κ = 0.4008/0.6608 = 0.606537530266...
    #[test]
    fn kappa_three_categories() {
        let t = [vec![10, 3, 1], vec![2, 12, 4], vec![1, 2, 15]];
        assert_abs_diff_eq!(cohen_kappa(&t).unwrap(), 0.4008 / 0.6608, epsilon = 1e-12);
    }

    /// Fleiss–Cohen–Everitt variance against an independent numerical
    /// multinomial delta method (Python, central differences on the nine cell
    /// shares): Var = 0.0076918080, se = 0.0877029535, κ = 0.6764705882.
    #[test]
    fn kappa_standard_error_three_categories() {
        let t = [vec![75, 1, 4], vec![5, 4, 1], vec![0, 0, 10]];
        let m = cohen_kappa_metric(&t, 0.95);
        let kappa = 0.676470588235294;
        let se = 0.007691808048275292_f64.sqrt();
        let z = normal_quantile(0.975);
        assert_metric(m, kappa, kappa - z * se, kappa + z * se);
    }

    #[test]
    fn kappa_edge_cases() {
        assert_eq!(cohen_kappa(&[]), None);
        assert_eq!(cohen_kappa(&[vec![1, 2]]), None);
        assert_eq!(cohen_kappa(&[vec![0, 0], vec![0, 0]]), None);
        // Both coders always say the same single class: p_e = 1.
        assert_eq!(cohen_kappa(&[vec![9, 0], vec![0, 0]]), None);
        assert_eq!(cohen_kappa(&[vec![5, 0], vec![0, 5]]), Some(1.0));
        // Systematic disagreement with balanced marginals: κ = −1.
        assert_eq!(cohen_kappa(&[vec![0, 5], vec![5, 0]]), Some(-1.0));
        let m = cohen_kappa_metric(&[vec![0, 5], vec![5, 0]], 0.95);
        assert!(m.ci_low.unwrap() >= -1.0);
    }

    #[test]
    fn binary_edge_cases() {
        let empty = binary_metrics(&Confusion::default(), 0.95);
        for m in [
            empty.precision,
            empty.recall,
            empty.specificity,
            empty.f1,
            empty.kappa,
            empty.accuracy,
        ] {
            assert_eq!(m, Metric::UNDEFINED);
        }

        let perfect = binary_metrics(&confusion(10, 0, 0, 10), 0.95);
        assert_eq!(perfect.f1.value, Some(1.0));
        assert_eq!(perfect.f1.ci_high, Some(1.0));
        // The score interval keeps width where a Wald interval would not:
        // Wilson(10, 10) low = 0.7224672, F1 low = 2·0.7224672/1.7224672
        // = 0.8388748 (Python).
        assert_abs_diff_eq!(
            perfect.f1.ci_low.unwrap(),
            0.8388748419471806,
            epsilon = 1e-9
        );
        assert_eq!(perfect.kappa.value, Some(1.0));
        assert_eq!(perfect.kappa.ci_low, Some(1.0));

        // Everything positive on both sides: F1 = 1, kappa undefined.
        let all_positive = binary_metrics(&confusion(7, 0, 0, 0), 0.95);
        assert_eq!(all_positive.f1.value, Some(1.0));
        assert_eq!(all_positive.kappa, Metric::UNDEFINED);
        assert_eq!(all_positive.specificity, Metric::UNDEFINED);

        // Only negatives: precision, recall, F1 undefined; accuracy 1.
        let all_negative = binary_metrics(&confusion(0, 0, 0, 12), 0.95);
        assert_eq!(all_negative.precision, Metric::UNDEFINED);
        assert_eq!(all_negative.f1, Metric::UNDEFINED);
        assert_eq!(all_negative.accuracy.value, Some(1.0));

        // No hit at all: F1 = 0 with a positive-width interval.
        let missed = binary_metrics(&confusion(0, 3, 4, 5), 0.95);
        assert_eq!(missed.f1.value, Some(0.0));
        assert_eq!(missed.f1.ci_low, Some(0.0));
        assert!(missed.f1.ci_high.unwrap() > 0.0);

        // An invalid confidence level keeps the values and drops the bounds.
        let bad = binary_metrics(&confusion(4, 1, 2, 3), 1.0);
        assert_eq!(bad.precision.value, Some(0.8));
        assert_eq!(bad.precision.ci_low, None);
        assert_eq!(bad.f1.ci_high, None);
        assert_eq!(bad.kappa.ci_low, None);
    }

    /// Every interval contains its value and stays in range, for every
    /// confusion matrix with cells 0..=4.
    #[test]
    fn intervals_contain_values() {
        for tp in 0..=4 {
            for fp in 0..=4 {
                for fn_ in 0..=4 {
                    for tn in 0..=4 {
                        let m = binary_metrics(&confusion(tp, fp, fn_, tn), 0.9);
                        for (metric, floor) in [
                            (m.precision, 0.0),
                            (m.recall, 0.0),
                            (m.specificity, 0.0),
                            (m.accuracy, 0.0),
                            (m.f1, 0.0),
                            (m.kappa, -1.0),
                        ] {
                            if let Some(v) = metric.value {
                                let (lo, hi) = (metric.ci_low.unwrap(), metric.ci_high.unwrap());
                                assert!(floor <= lo && lo <= v && v <= hi && hi <= 1.0, "{m:?}");
                            }
                        }
                    }
                }
            }
        }
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    /// section C (nominal data, 4 observers × 12 units, missing values):
    /// published α = 0.743. Unit 12 has one value and is unpairable, n = 40,
    /// n_c = 9, 13, 10, 5, 3; exactly α = 113/152 = 0.74342.
    #[test]
    fn krippendorff_published_example() {
        // The paper's reliability data, one row per observer, "." = missing.
        let rows = [
            "1 2 3 3 2 1 4 1 2 . . .", // observer A
            "1 2 3 3 2 2 4 1 2 5 . 3", // observer B
            ". 3 3 3 2 3 4 2 2 5 1 .", // observer C
            "1 2 3 3 2 4 4 1 2 5 1 .", // observer D
        ];
        let coded: Vec<Vec<Option<u32>>> = rows
            .iter()
            .map(|row| row.split(' ').map(|v| v.parse().ok()).collect())
            .collect();
        let units: Vec<Vec<Option<u32>>> = (0..12)
            .map(|u| coded.iter().map(|row| row[u]).collect())
            .collect();
        let alpha = krippendorff_alpha_nominal(&units).unwrap();
        assert_abs_diff_eq!(alpha, 113.0 / 152.0, epsilon = 1e-12);
        assert_abs_diff_eq!(alpha, 0.743, epsilon = 5e-4);
    }

    /// With two coders and no missing values, nominal alpha is Scott's pi
    /// with a small-sample correction: for [[20, 5], [10, 15]] (Wikipedia's
    /// kappa example) n = 100 values, n_yes = 55, n_no = 45, 15 disagreeing
    /// units give Σ o_ck = 30, so α = 1 − 99·30/(2·55·45) = 0.4.
    #[test]
    fn krippendorff_two_coders() {
        let mut units = Vec::new();
        for (x, y, count) in [(1, 1, 20), (1, 0, 5), (0, 1, 10), (0, 0, 15)] {
            for _ in 0..count {
                units.push(vec![Some(x), Some(y)]);
            }
        }
        let alpha = krippendorff_alpha_nominal(&units).unwrap();
        assert_abs_diff_eq!(
            alpha,
            1.0 - 99.0 * 30.0 / (2.0 * 55.0 * 45.0),
            epsilon = 1e-12
        );
    }

    #[test]
    fn krippendorff_edge_cases() {
        assert_eq!(krippendorff_alpha_nominal(&[]), None);
        assert_eq!(
            krippendorff_alpha_nominal(&[vec![None, None], vec![Some(1), None]]),
            None
        );
        // No variation at all: D_e = 0.
        assert_eq!(
            krippendorff_alpha_nominal(&[vec![Some(2), Some(2)], vec![Some(2), Some(2)]]),
            None
        );
        // Perfect agreement with variation; the single-value unit is skipped.
        let units = [
            vec![Some(1), Some(1), None],
            vec![Some(2), Some(2), Some(2)],
            vec![Some(3), None, None],
        ];
        assert_eq!(krippendorff_alpha_nominal(&units), Some(1.0));
    }
}
