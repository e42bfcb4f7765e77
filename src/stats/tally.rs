//! Mergeable counts: what every thread folds its posts into and what shards
//! add up to. Integers only (weights are fixed-point micro-units), so the
//! merged result never depends on the order of merging or on the number of
//! threads.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use serde::{Deserialize, Serialize};

/// How many skipped-record locations are kept (the smallest positions).
pub const SKIP_EXAMPLES: usize = 5;

/// Fixed-point scale of weights: micro-units.
pub const WEIGHT_SCALE: f64 = 1e6;

/// Where a record was skipped and why.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SkipLog {
    /// Index of the input in the run.
    pub input: usize,
    /// 1-based line (or record start line) in that input.
    pub line: u64,
    /// Reason key, e.g. `invalid_json`.
    pub reason: String,
    /// Human detail.
    pub detail: String,
}

/// What one analyzed post contributes.
#[derive(Clone, Copy, Debug)]
pub struct Observation<'a> {
    /// The category of each hit (repeats allowed).
    pub hit_categories: &'a [u32],
    /// Term slots credited.
    pub term_hits: &'a [u32],
    /// Word tokens.
    pub tokens: usize,
    /// Weight in micro-units (0 without `--weight`).
    pub weight: i128,
}

/// Counts of one run, one thread's share of a run, one group or one shard.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// Records read from the inputs.
    pub posts_read: u64,
    /// Posts with text, the denominator of every share.
    pub posts_analyzed: u64,
    /// Posts whose text is empty after normalization (no token).
    pub posts_empty: u64,
    /// Records not analyzed, by reason.
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// The first few skipped records.
    pub skip_examples: Vec<SkipLog>,
    /// Posts with at least one hit in any category.
    pub any_posts: u64,
    /// Posts with at least one hit, per category.
    pub category_posts: Vec<u64>,
    /// Hits (resolved spans), per category.
    pub category_hits: Vec<u64>,
    /// Hits per (category, term) slot.
    pub term_hits: Vec<u64>,
    /// Word tokens over analyzed posts.
    pub tokens: u64,
    /// Sum of weights of analyzed posts (micro-units).
    pub weight: i128,
    /// Sum of weights of posts with a hit, per category (micro-units).
    pub category_weight: Vec<i128>,
    /// Sum of weights of posts with any hit (micro-units).
    pub any_weight: i128,
    /// Posts with both categories i and j, row-major n×n (empty unless asked).
    pub cooccurrence: Vec<u64>,
}

impl Counts {
    /// Empty counts for `categories` categories and `slots` term slots.
    pub fn new(categories: usize, slots: usize) -> Self {
        Counts {
            category_posts: vec![0; categories],
            category_hits: vec![0; categories],
            term_hits: vec![0; slots],
            category_weight: vec![0; categories],
            ..Counts::default()
        }
    }

    /// Records skipped in all.
    pub fn posts_skipped(&self) -> u64 {
        self.skipped_by_reason.values().sum()
    }

    /// Count one skipped record.
    pub fn skip(&mut self, log: SkipLog) {
        self.posts_read += 1;
        *self
            .skipped_by_reason
            .entry(log.reason.clone())
            .or_default() += 1;
        if self.skip_examples.len() < SKIP_EXAMPLES || self.skip_examples.last() > Some(&log) {
            self.skip_examples.push(log);
            self.skip_examples.sort();
            self.skip_examples.truncate(SKIP_EXAMPLES);
        }
    }

    /// Count one post with no text.
    pub fn empty(&mut self) {
        self.posts_read += 1;
        self.posts_empty += 1;
    }

    /// Count one analyzed post; `cooccurrence` also counts category pairs.
    pub fn post(&mut self, obs: &Observation, cooccurrence: bool) {
        self.posts_read += 1;
        self.posts_analyzed += 1;
        self.tokens += obs.tokens as u64;
        self.weight += obs.weight;
        let cats = obs.hit_categories;
        if !cats.is_empty() {
            self.any_posts += 1;
            self.any_weight += obs.weight;
        }
        let n = self.category_posts.len();
        if cooccurrence && self.cooccurrence.len() != n * n {
            self.cooccurrence = vec![0; n * n];
        }
        for &cat in cats {
            self.category_hits[cat as usize] += 1;
        }
        let distinct = distinct_categories(cats, n);
        for &c in &distinct {
            let c = c as usize;
            self.category_posts[c] += 1;
            self.category_weight[c] += obs.weight;
            if cooccurrence {
                for &other in &distinct {
                    self.cooccurrence[c * n + other as usize] += 1;
                }
            }
        }
        for &slot in obs.term_hits {
            let slot = slot as usize;
            if slot >= self.term_hits.len() {
                // A group's term counts grow as its terms are hit.
                self.term_hits.resize(slot + 1, 0);
            }
            self.term_hits[slot] += 1;
        }
    }

    /// Add the skipped records of `other` (and only those): their reasons and
    /// first locations.
    pub fn add_skips(&mut self, other: &Counts) {
        self.posts_read += other.posts_skipped();
        for (k, v) in &other.skipped_by_reason {
            *self.skipped_by_reason.entry(k.clone()).or_default() += v;
        }
        self.merge_skip_examples(&other.skip_examples);
    }

    /// Keep the first [`SKIP_EXAMPLES`] locations of both lists.
    fn merge_skip_examples(&mut self, other: &[SkipLog]) {
        self.skip_examples.extend(other.iter().cloned());
        self.skip_examples.sort();
        self.skip_examples.dedup();
        self.skip_examples.truncate(SKIP_EXAMPLES);
    }

    /// posts read = analyzed + empty + skipped (DESIGN.md §7).
    pub fn is_consistent(&self) -> bool {
        self.posts_read == self.posts_analyzed + self.posts_empty + self.posts_skipped()
    }
}

/// Each category of a post's hits once, in order of first appearance
/// (`n` categories in all). Linear in the hits: one post of 151,660 rule hits
/// made a pairwise check quadratic (55% of a 3.2 MB post's time under
/// `perf`).
pub(crate) fn distinct_categories(cats: &[u32], n: usize) -> Vec<u32> {
    if cats.len() <= 16 {
        let mut out = Vec::with_capacity(cats.len());
        for &c in cats {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        return out;
    }
    let mut seen = vec![false; n];
    cats.iter()
        .copied()
        .filter(|&c| !std::mem::replace(&mut seen[c as usize], true))
        .collect()
}

fn add_vec<T: Copy + Default + AddAssign>(a: &mut Vec<T>, b: &[T]) {
    if a.len() < b.len() {
        a.resize(b.len(), T::default());
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x += *y;
    }
}

impl AddAssign<&Counts> for Counts {
    fn add_assign(&mut self, other: &Counts) {
        self.posts_read += other.posts_read;
        self.posts_analyzed += other.posts_analyzed;
        self.posts_empty += other.posts_empty;
        for (k, v) in &other.skipped_by_reason {
            *self.skipped_by_reason.entry(k.clone()).or_default() += v;
        }
        self.merge_skip_examples(&other.skip_examples);
        self.any_posts += other.any_posts;
        add_vec(&mut self.category_posts, &other.category_posts);
        add_vec(&mut self.category_hits, &other.category_hits);
        add_vec(&mut self.term_hits, &other.term_hits);
        self.tokens += other.tokens;
        self.weight += other.weight;
        add_vec(&mut self.category_weight, &other.category_weight);
        self.any_weight += other.any_weight;
        add_vec(&mut self.cooccurrence, &other.cooccurrence);
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        *self += &other;
    }
}

/// Posts of one cluster (`--cluster`): the unit the bootstrap resamples.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterCounts {
    /// Analyzed posts.
    pub posts: u64,
    /// Posts with a hit, per category.
    pub category_posts: Vec<u64>,
    /// Posts with any hit.
    pub any_posts: u64,
}

impl AddAssign<&ClusterCounts> for ClusterCounts {
    fn add_assign(&mut self, other: &ClusterCounts) {
        self.posts += other.posts;
        add_vec(&mut self.category_posts, &other.category_posts);
        self.any_posts += other.any_posts;
    }
}

/// Everything a run counts: the whole, the groups of `--by`/`--every`, and
/// the clusters of `--cluster`, for all posts and (with `--dedupe`) for
/// unique posts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// All posts.
    pub all: Counts,
    /// Per group key (values of the `--by` fields, then the period).
    #[serde(with = "pairs")]
    pub groups: BTreeMap<Vec<String>, Counts>,
    /// Unique posts (with `--dedupe`).
    pub unique: Option<Counts>,
    /// Unique posts per group (with `--dedupe`).
    #[serde(with = "pairs")]
    pub unique_groups: BTreeMap<Vec<String>, Counts>,
    /// Per cluster (with `--cluster`).
    pub clusters: BTreeMap<String, ClusterCounts>,
    /// Dates that were missing (with `--date`).
    pub dates_missing: u64,
    /// Dates that could not be parsed (with `--date`).
    pub dates_invalid: u64,
    /// The first few dates that could not be parsed, as written.
    #[serde(default)]
    pub date_examples: Vec<String>,
    /// Numeric dates that only read day first (`25/04/2021`).
    #[serde(default)]
    pub dates_dayfirst: u64,
    /// Numeric dates that only read month first (`04/25/2021`).
    #[serde(default)]
    pub dates_monthfirst: u64,
    /// Numeric dates that read either way (`05/04/2021`), grouped under a
    /// provisional key until the run's order is known.
    #[serde(default)]
    pub dates_ambiguous: u64,
    /// Weights that were missing or not numbers (counted as 0).
    pub weights_invalid: u64,
    /// Weights that read differently under the other decimal rule.
    pub weights_ambiguous: u64,
    /// Duplicates and reposts left out of the unique counts.
    pub duplicates: u64,
    /// Posts counted in the group `(other groups)` because their group was
    /// first seen after `--max-groups` others.
    #[serde(default)]
    pub groups_folded: u64,
    /// The first and last days of the dated posts (days since 1970-01-01),
    /// with `--every`: a first or last period they do not cover whole is
    /// partial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_day: Option<i32>,
    /// See `first_day`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_day: Option<i32>,
}

/// A map with non-string keys as a JSON list of `[key, value]` pairs.
mod pairs {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<K: Serialize, V: Serialize, S: Serializer>(
        map: &BTreeMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.iter())
    }

    pub fn deserialize<'de, K, V, D>(d: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Ok(Vec::<(K, V)>::deserialize(d)?.into_iter().collect())
    }
}

impl AddAssign<&Tally> for Tally {
    fn add_assign(&mut self, other: &Tally) {
        self.all += &other.all;
        for (k, v) in &other.groups {
            *self.groups.entry(k.clone()).or_default() += v;
        }
        match (&mut self.unique, &other.unique) {
            (Some(a), Some(b)) => *a += b,
            (None, Some(b)) => self.unique = Some(b.clone()),
            _ => {}
        }
        for (k, v) in &other.unique_groups {
            *self.unique_groups.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.clusters {
            *self.clusters.entry(k.clone()).or_default() += v;
        }
        self.add_days(other.first_day, other.last_day);
        self.dates_missing += other.dates_missing;
        self.dates_invalid += other.dates_invalid;
        self.add_date_examples(&other.date_examples);
        self.dates_dayfirst += other.dates_dayfirst;
        self.dates_monthfirst += other.dates_monthfirst;
        self.dates_ambiguous += other.dates_ambiguous;
        self.weights_invalid += other.weights_invalid;
        self.weights_ambiguous += other.weights_ambiguous;
        self.duplicates += other.duplicates;
        self.groups_folded += other.groups_folded;
    }
}

/// How many unreadable dates are kept as examples.
pub const DATE_EXAMPLES: usize = 3;

impl Tally {
    /// Widen the span of dated posts to `first`..`last`.
    pub fn add_days(&mut self, first: Option<i32>, last: Option<i32>) {
        if let Some(f) = first {
            self.first_day = Some(self.first_day.map_or(f, |d| d.min(f)));
        }
        if let Some(l) = last {
            self.last_day = Some(self.last_day.map_or(l, |d| d.max(l)));
        }
    }

    /// Keep the first [`DATE_EXAMPLES`] distinct unreadable dates (in sorted
    /// order, so that merging never depends on the order of threads).
    pub fn add_date_examples(&mut self, more: &[String]) {
        for d in more {
            if !self.date_examples.contains(d) {
                self.date_examples.push(d.clone());
            }
        }
        self.date_examples.sort();
        self.date_examples.truncate(DATE_EXAMPLES);
    }

    /// Map the last part of every group key through `f` (groups that end up
    /// with the same key are added up), for the whole and the unique posts.
    pub fn rekey_last(&mut self, f: impl Fn(&str) -> Option<String>) {
        for groups in [&mut self.groups, &mut self.unique_groups] {
            let old = std::mem::take(groups);
            for (mut key, counts) in old {
                if let Some(new) = key.last().and_then(|k| f(k)) {
                    *key.last_mut().expect("a last part") = new;
                }
                *groups.entry(key).or_default() += &counts;
            }
        }
    }
}

impl AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        *self += &other;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs<'a>(cats: &'a [u32], weight: i128) -> Observation<'a> {
        Observation {
            hit_categories: cats,
            term_hits: &[],
            tokens: 3,
            weight,
        }
    }

    #[test]
    fn counts_posts_once_and_pairs() {
        let mut c = Counts::new(3, 0);
        c.post(&obs(&[0, 2, 0], 5), true);
        c.post(&obs(&[], 1), true);
        assert_eq!(c.category_posts, [1, 0, 1]);
        assert_eq!(c.category_hits, [2, 0, 1]);
        assert_eq!(c.category_weight, [5, 0, 5]);
        assert_eq!(c.weight, 6);
        assert_eq!(c.cooccurrence, [1, 0, 1, 0, 0, 0, 1, 0, 1]);
        assert_eq!(c.any_posts, 1);
    }

    #[test]
    fn merging_is_addition() {
        let mut a = Counts::new(2, 0);
        a.post(&obs(&[1], 0), false);
        let mut b = Counts::new(2, 0);
        b.empty();
        b.skip(SkipLog {
            input: 0,
            line: 3,
            reason: "invalid_json".into(),
            detail: String::new(),
        });
        a += &b;
        assert_eq!(a.posts_read, 3);
        assert!(a.is_consistent());
    }
}
