//! Mergeable counts: what every thread folds its posts into and what shards
//! add up to. Integer counts only, so the merged result never depends on the
//! order of merging or on the number of threads.

use std::collections::BTreeMap;
use std::ops::AddAssign;

use serde::{Deserialize, Serialize};

/// How many skipped-record locations are kept (the smallest positions).
pub const SKIP_EXAMPLES: usize = 5;

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

/// Counts of one run, one thread's share of a run, or one shard.
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
}

impl Counts {
    /// Empty counts for `categories` categories and `slots` term slots.
    pub fn new(categories: usize, slots: usize) -> Self {
        Counts {
            category_posts: vec![0; categories],
            category_hits: vec![0; categories],
            term_hits: vec![0; slots],
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

    /// Count one analyzed post: the category of each of its hits, the term
    /// slots credited, and its word count.
    pub fn post<I>(&mut self, hit_categories: I, term_hits: &[u32], tokens: usize)
    where
        I: Iterator<Item = u32> + Clone,
    {
        self.posts_read += 1;
        self.posts_analyzed += 1;
        self.tokens += tokens as u64;
        let mut any = false;
        for (i, cat) in hit_categories.clone().enumerate() {
            any = true;
            self.category_hits[cat as usize] += 1;
            if !hit_categories.clone().take(i).any(|p| p == cat) {
                self.category_posts[cat as usize] += 1;
            }
        }
        if any {
            self.any_posts += 1;
        }
        for &slot in term_hits {
            self.term_hits[slot as usize] += 1;
        }
    }

    /// posts read = analyzed + empty + skipped (DESIGN.md §7).
    pub fn is_consistent(&self) -> bool {
        self.posts_read == self.posts_analyzed + self.posts_empty + self.posts_skipped()
    }
}

fn add_vec(a: &mut Vec<u64>, b: &[u64]) {
    if a.len() < b.len() {
        a.resize(b.len(), 0);
    }
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
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
        self.skip_examples
            .extend(other.skip_examples.iter().cloned());
        self.skip_examples.sort();
        self.skip_examples.dedup();
        self.skip_examples.truncate(SKIP_EXAMPLES);
        self.any_posts += other.any_posts;
        add_vec(&mut self.category_posts, &other.category_posts);
        add_vec(&mut self.category_hits, &other.category_hits);
        add_vec(&mut self.term_hits, &other.term_hits);
        self.tokens += other.tokens;
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        *self += &other;
    }
}
