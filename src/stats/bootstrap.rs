//! Bootstrap intervals: for a share over clustered posts (`--cluster
//! FIELD`), and for the macro-averaged F1 of `evaluate`.
//!
//! Posts of one account are not independent, so the Wilson interval, which
//! treats every post as a separate draw, is too narrow when a few prolific
//! accounts dominate. The cluster (or "block") bootstrap resamples whole
//! clusters with replacement and recomputes the ratio estimator
//! Σ hits / Σ posts each time (Davison & Hinkley 1997, *Bootstrap Methods
//! and their Application*, §3.8; Field & Welsh 2007, "Bootstrapping
//! clustered data", JRSS B 69:369–390). The interval is the percentile
//! interval of the replicates, with type-7 (linear) quantiles.
//!
//! The random stream is SplitMix64 (Steele, Lea & Flood 2014), written out
//! here so that a seed gives the same interval in every version of
//! lexiscope, which no general-purpose RNG crate promises.

use super::interval::Interval;

/// SplitMix64: a small, fast, fully specified generator.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (Lemire's multiply-shift, bias < 2⁻³²
    /// for the cluster counts used here).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

/// Type-7 quantile of sorted values.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Percentile cluster-bootstrap interval of Σ hits / Σ posts over clusters
/// given as (posts, hits); `None` with fewer than two clusters or no post.
pub fn cluster_bootstrap(
    clusters: &[(u64, u64)],
    replicates: usize,
    seed: u64,
    confidence: f64,
) -> Option<Interval> {
    let k = clusters.len();
    if k < 2 || replicates < 2 || clusters.iter().all(|c| c.0 == 0) {
        return None;
    }
    let mut rng = SplitMix64::new(seed);
    let mut stats = Vec::with_capacity(replicates);
    while stats.len() < replicates {
        let (mut posts, mut hits) = (0u64, 0u64);
        for _ in 0..k {
            let (p, h) = clusters[rng.below(k as u64) as usize];
            posts += p;
            hits += h;
        }
        if posts > 0 {
            stats.push(hits as f64 / posts as f64);
        }
    }
    stats.sort_by(f64::total_cmp);
    let alpha = (1.0 - confidence) / 2.0;
    Some(Interval {
        low: quantile(&stats, alpha),
        high: quantile(&stats, 1.0 - alpha),
    })
}

/// F1 of one comparison from (weighted) counts, 2·TP / (2·TP + FP + FN);
/// `None` when no post is positive on either side.
fn f1(tp: f64, fp: f64, fn_: f64) -> Option<f64> {
    let d = 2.0 * tp + fp + fn_;
    (d > 0.0).then(|| 2.0 * tp / d)
}

/// Macro-averaged F1: the mean of the comparisons' F1 (those defined).
fn macro_of(counts: &[[f64; 3]]) -> Option<f64> {
    let f: Vec<f64> = counts.iter().filter_map(|c| f1(c[0], c[1], c[2])).collect();
    (!f.is_empty()).then(|| f.iter().sum::<f64>() / f.len() as f64)
}

/// The coded posts' sampling design for [`macro_f1`]: each post's stratum
/// and each stratum's weight (its posts in the corpus per coded post). A
/// simple random sample is one stratum of weight 1.
pub struct Strata<'a> {
    /// Per post, its stratum.
    pub of_post: &'a [usize],
    /// Per stratum, the weight of its posts.
    pub weight: &'a [f64],
}

/// Macro-averaged F1 of several comparisons over the same coded posts, with
/// a percentile bootstrap interval: the posts are resampled with
/// replacement within their strata, every comparison's (weighted) confusion
/// is recounted on the resample, and the F1 are averaged again (Efron &
/// Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13; resampling
/// within strata as the design drew them, Rao & Wu 1988, "Resampling
/// inference with complex survey data", JASA 83:231–241; resampling whole
/// posts keeps the dependence between the categories of one post).
/// `posts[i][k]` is post `i`'s (lexicon, coder) flags in comparison `k`,
/// `None` when that comparison left it out. The point estimate is on the
/// posts themselves; the interval is `None` with fewer than two posts.
pub fn macro_f1(
    posts: &[Vec<Option<(bool, bool)>>],
    strata: &Strata,
    replicates: usize,
    seed: u64,
    confidence: f64,
) -> (Option<f64>, Option<Interval>) {
    let k = posts.iter().map(Vec::len).max().unwrap_or(0);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); strata.weight.len()];
    for (i, &h) in strata.of_post.iter().enumerate().take(posts.len()) {
        members[h].push(i);
    }
    let count = |pick: &mut dyn FnMut(usize) -> usize| {
        let mut c = vec![[0.0; 3]; k];
        for (h, m) in members.iter().enumerate() {
            let w = strata.weight[h];
            for _ in 0..m.len() {
                for (j, o) in posts[m[pick(m.len())]].iter().enumerate() {
                    match o {
                        Some((true, true)) => c[j][0] += w,
                        Some((true, false)) => c[j][1] += w,
                        Some((false, true)) => c[j][2] += w,
                        _ => {}
                    }
                }
            }
        }
        macro_of(&c)
    };
    let n = posts.len();
    let mut i = 0;
    let point = count(&mut |len| {
        i += 1;
        (i - 1) % len
    });
    if n < 2 || replicates < 2 || point.is_none() {
        return (point, None);
    }
    let mut rng = SplitMix64::new(seed);
    let mut stats = Vec::with_capacity(replicates);
    for _ in 0..replicates * 2 {
        if stats.len() == replicates {
            break;
        }
        if let Some(m) = count(&mut |len| rng.below(len as u64) as usize) {
            stats.push(m);
        }
    }
    if stats.len() < 2 {
        return (point, None);
    }
    stats.sort_by(f64::total_cmp);
    let alpha = (1.0 - confidence) / 2.0;
    (
        point,
        Some(Interval {
            low: quantile(&stats, alpha),
            high: quantile(&stats, 1.0 - alpha),
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn srs(n: usize) -> Strata<'static> {
        Strata {
            of_post: Box::leak(vec![0; n].into_boxed_slice()),
            weight: &[1.0],
        }
    }

    #[test]
    fn macro_f1_point_and_interval() {
        // Comparison 0: TP 2, FP 1, FN 1 → F1 2/3; comparison 1: all right → 1.
        let mut posts = vec![
            vec![Some((true, true)), Some((true, true))],
            vec![Some((true, true)), Some((false, false))],
            vec![Some((true, false)), None],
            vec![Some((false, true)), Some((false, false))],
            vec![Some((false, false)), Some((true, true))],
        ];
        let (point, ci) = macro_f1(&posts, &srs(5), 500, 7, 0.95);
        approx::assert_relative_eq!(point.unwrap(), (2.0 / 3.0 + 1.0) / 2.0);
        let ci = ci.unwrap();
        assert!(ci.low <= point.unwrap() && point.unwrap() <= ci.high);
        assert_eq!(macro_f1(&posts, &srs(5), 500, 7, 0.95), (point, Some(ci)));
        // A comparison with no positive on either side does not count.
        for p in &mut posts {
            p[1] = Some((false, false));
        }
        approx::assert_relative_eq!(macro_f1(&posts, &srs(5), 0, 7, 0.95).0.unwrap(), 2.0 / 3.0);
        assert_eq!(macro_f1(&[], &srs(0), 10, 1, 0.95), (None, None));
    }

    #[test]
    fn splitmix_reference_values() {
        // First outputs for seed 1234567 from the reference C implementation
        // (Vigna, xoshiro/splitmix64.c).
        let mut r = SplitMix64::new(1234567);
        assert_eq!(r.next_u64(), 6457827717110365317);
        assert_eq!(r.next_u64(), 3203168211198807973);
    }

    #[test]
    fn reproducible_and_sensible() {
        let clusters: Vec<(u64, u64)> = (0..50u64).map(|i| (10 + i % 7, i % 5)).collect();
        let a = cluster_bootstrap(&clusters, 500, 42, 0.95).unwrap();
        let b = cluster_bootstrap(&clusters, 500, 42, 0.95).unwrap();
        assert_eq!(a, b);
        let (p, n): (u64, u64) = clusters
            .iter()
            .fold((0, 0), |acc, c| (acc.0 + c.1, acc.1 + c.0));
        let share = p as f64 / n as f64;
        assert!(a.low < share && share < a.high, "{a:?} {share}");
        assert!(cluster_bootstrap(&clusters[..1], 500, 42, 0.95).is_none());
    }

    #[test]
    fn clustering_widens_the_interval() {
        // Same 1,000 posts and 100 hits: spread evenly over 100 accounts, or
        // concentrated in a few accounts.
        let even: Vec<(u64, u64)> = (0..100).map(|_| (10, 1)).collect();
        let lumpy: Vec<(u64, u64)> = (0..100)
            .map(|i| (10, if i < 10 { 10 } else { 0 }))
            .collect();
        let e = cluster_bootstrap(&even, 1000, 7, 0.95).unwrap();
        let l = cluster_bootstrap(&lumpy, 1000, 7, 0.95).unwrap();
        assert!(l.high - l.low > 2.0 * (e.high - e.low), "{e:?} {l:?}");
    }
}
