//! The estimators of `evaluate` and `analyze --validation` checked by
//! simulation (issue 19): seeded corpora with known prevalence and a lexicon
//! of known sensitivity and specificity, a simple random and a stratified
//! coded sample of each, and the coverage and bias of every interval and
//! estimate. Slow (behind `--ignored`, run by .ci/run in the optimized
//! `slow` profile); the figures it prints are those of docs/semantics.md.

use lexiscope::stats::bootstrap::SplitMix64;
use lexiscope::stats::design::{CodedPost, weighted_metrics};
use lexiscope::stats::prevalence::{Estimate, prevalence};

const REPETITIONS: usize = 2000;
const POSTS: usize = 20_000;
const PREVALENCE: f64 = 0.15;
const SENSITIVITY: f64 = 0.80;
const SPECIFICITY: f64 = 0.95;
/// Coded posts per sheet: all drawn at random, or half from the flagged
/// posts and half from the others.
const CODED: usize = 1000;

fn uniform(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// `k` distinct indices of `0..n`, uniformly (partial Fisher–Yates).
fn draw(rng: &mut SplitMix64, pool: &mut [usize], k: usize) -> Vec<usize> {
    for i in 0..k {
        let j = i + rng.below((pool.len() - i) as u64) as usize;
        pool.swap(i, j);
    }
    pool[..k].to_vec()
}

/// Coverage and bias of one estimator over the repetitions.
#[derive(Default)]
struct Record {
    covered: usize,
    runs: usize,
    errors: Vec<f64>,
}

impl Record {
    fn add(&mut self, value: Option<f64>, low: Option<f64>, high: Option<f64>, truth: f64) {
        let (v, lo, hi) = (value.unwrap(), low.unwrap(), high.unwrap());
        self.runs += 1;
        self.covered += usize::from(lo <= truth && truth <= hi);
        self.errors.push(v - truth);
    }

    fn estimate(&mut self, e: &Estimate, truth: f64) {
        self.add(e.value, e.ci_low, e.ci_high, truth);
    }

    fn coverage(&self) -> f64 {
        self.covered as f64 / self.runs as f64
    }

    /// Mean error and its Monte Carlo standard error.
    fn bias(&self) -> (f64, f64) {
        let n = self.errors.len() as f64;
        let mean = self.errors.iter().sum::<f64>() / n;
        let var = self.errors.iter().map(|e| (e - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (mean, (var / n).sqrt())
    }
}

#[test]
#[ignore = "slow: 2,000 simulated corpora"]
fn intervals_cover_and_estimates_are_unbiased() {
    let mut rng = SplitMix64::new(20_261_203);
    let names = [
        "prediction-powered, simple random",
        "Rogan-Gladen, simple random",
        "coded sample, simple random",
        "prediction-powered, stratified",
        "Rogan-Gladen, stratified",
        "coded sample, stratified",
        "precision, stratified (weighted)",
        "recall, stratified (weighted)",
    ];
    let mut records: Vec<Record> = names.iter().map(|_| Record::default()).collect();
    for _ in 0..REPETITIONS {
        // A corpus: each post's truth, then the lexicon's flag.
        let posts: Vec<(bool, bool)> = (0..POSTS)
            .map(|_| {
                let truth = uniform(&mut rng) < PREVALENCE;
                let flag = if truth {
                    uniform(&mut rng) < SENSITIVITY
                } else {
                    uniform(&mut rng) >= SPECIFICITY
                };
                (flag, truth)
            })
            .collect();
        let count = |f: &dyn Fn(&(bool, bool)) -> bool| posts.iter().filter(|p| f(p)).count();
        let share = count(&|p| p.1) as f64 / POSTS as f64;
        let flagged = count(&|p| p.0);
        let tp = count(&|p| p.0 && p.1) as f64;
        let precision = tp / flagged as f64;
        let recall = tp / count(&|p| p.1) as f64;

        // A simple random sheet.
        let mut pool: Vec<usize> = (0..POSTS).collect();
        let coded: Vec<CodedPost> = draw(&mut rng, &mut pool, CODED)
            .into_iter()
            .map(|i| (0, posts[i].0, posts[i].1))
            .collect();
        let p = prevalence(
            flagged as u64,
            POSTS as u64,
            &[POSTS as f64],
            &coded,
            false,
            0.95,
        );
        records[0].estimate(&p.prediction_powered, share);
        records[1].estimate(&p.rogan_gladen, share);
        records[2].estimate(&p.coded_sample, share);

        // A stratified sheet: half flagged posts, half the others.
        let (mut on, mut off): (Vec<usize>, Vec<usize>) = (0..POSTS).partition(|&i| posts[i].0);
        let sizes = [on.len() as f64, off.len() as f64];
        let mut coded: Vec<CodedPost> = Vec::new();
        for (h, pool) in [&mut on, &mut off].into_iter().enumerate() {
            for i in draw(&mut rng, pool, CODED / 2) {
                coded.push((h, posts[i].0, posts[i].1));
            }
        }
        let p = prevalence(flagged as u64, POSTS as u64, &sizes, &coded, true, 0.95);
        records[3].estimate(&p.prediction_powered, share);
        records[4].estimate(&p.rogan_gladen, share);
        records[5].estimate(&p.coded_sample, share);
        let (m, _) = weighted_metrics(&sizes, &coded, 0.95);
        records[6].add(
            m.precision.value,
            m.precision.ci_low,
            m.precision.ci_high,
            precision,
        );
        records[7].add(m.recall.value, m.recall.ci_low, m.recall.ci_high, recall);
    }
    let mut failures = Vec::new();
    eprintln!(
        "{REPETITIONS} corpora of {POSTS} posts, prevalence {PREVALENCE}, sensitivity {SENSITIVITY}, specificity {SPECIFICITY}, {CODED} coded posts"
    );
    for (name, r) in names.iter().zip(&records) {
        let cover = r.coverage();
        let (bias, mc) = r.bias();
        eprintln!("{name:36} coverage {cover:.3}  bias {bias:+.5} (MC s.e. {mc:.5})");
        if !(0.93..=0.97).contains(&cover) {
            failures.push(format!("{name}: coverage {cover:.3}"));
        }
        if bias.abs() > 3.0 * mc {
            failures.push(format!("{name}: bias {bias:+.5} > 3 × {mc:.5}"));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
