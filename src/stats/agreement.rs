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
mod tests;
