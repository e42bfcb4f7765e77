//! Unit tests of the parent module.

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
    let back: BinaryMetrics = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
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
