//! Folding one post into a [`Tally`]: the whole, the groups of
//! `--by`/`--every`, the clusters of `--cluster`, and (with `--dedupe`) the
//! unique posts. The pipeline computes a [`PostTally`] per post on the
//! worker threads and folds it here, per thread; tallies then merge by
//! addition ([`Tally`]'s `AddAssign`), so no figure depends on the order of
//! folding or on the number of threads.

use std::collections::BTreeMap;

use super::tally::{ClusterCounts, Counts, Observation, SkipLog, Tally, distinct_categories};
use crate::config::OTHER_GROUP;

/// The state of a post's date under `--every`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateState {
    /// Read (or not asked for).
    #[default]
    Ok,
    /// The field is empty: the group `(no date)`.
    Missing,
    /// The field cannot be read as a date: the group `(invalid date)`.
    Invalid,
    /// A numeric date that only one order reads (`true`: day first).
    Ordered(bool),
    /// A numeric date that reads either way, keyed provisionally.
    Ambiguous,
}

/// Everything one post contributes to a tally.
#[derive(Clone, Debug, Default)]
pub struct PostTally {
    /// No token: an empty post.
    pub empty: bool,
    /// The category of each hit (repeats allowed).
    pub hit_categories: Vec<u32>,
    /// Term slots credited.
    pub term_hits: Vec<u32>,
    /// Word tokens.
    pub tokens: usize,
    /// Group key: the values of the `--by` fields, then the period.
    pub key: Vec<String>,
    /// The date of `--every`.
    pub date: DateState,
    /// The date as written, when it cannot be read.
    pub date_raw: Option<String>,
    /// Weight in micro-units (0 without `--weight`).
    pub weight: i128,
    /// The weight is missing or not a number (counted as 0).
    pub weight_invalid: bool,
    /// The weight reads differently under the other decimal rule.
    pub weight_ambiguous: bool,
    /// The value of the `--cluster` field.
    pub cluster: Option<String>,
}

/// What a tally keeps besides the whole: its shape, fixed for a run.
#[derive(Clone, Debug)]
pub struct TallyShape {
    /// Empty counts of the run's categories and term slots.
    pub fresh: Counts,
    /// Posts are grouped (`--by`, `--every`).
    pub grouped: bool,
    /// Posts carry weights (`--weight`).
    pub weighted: bool,
    /// Category pairs are counted (`--cooccurrence`).
    pub cooccurrence: bool,
    /// Distinct groups counted one by one (`--max-groups`); later ones go
    /// to [`OTHER_GROUP`].
    pub max_groups: usize,
}

impl TallyShape {
    /// An empty tally of this shape.
    pub fn empty_tally(&self) -> Tally {
        Tally {
            all: self.fresh.clone(),
            ..Tally::default()
        }
    }

    /// Empty counts of a group: its term counts grow as terms are hit, so
    /// that a group costs a few hundred bytes, not a count per term slot.
    pub fn fresh_group(&self) -> Counts {
        Counts::new(self.fresh.category_posts.len(), 0)
    }

    /// The same shape with no cap on groups: for the part of one batch,
    /// whose groups are capped when it is added in input order
    /// ([`Tally::absorb`]), so the groups kept never depend on threads.
    pub fn uncapped(&self) -> TallyShape {
        TallyShape {
            max_groups: usize::MAX,
            ..self.clone()
        }
    }
}

/// The key a post of group `key` is counted under in `groups`: its own,
/// or, once `max` groups are counted and `key` is not one of them,
/// [`OTHER_GROUP`] in every part.
fn capped_key(groups: &BTreeMap<Vec<String>, Counts>, key: &[String], max: usize) -> Vec<String> {
    if groups.len() >= max && !groups.contains_key(key) {
        vec![OTHER_GROUP.to_string(); key.len()]
    } else {
        key.to_vec()
    }
}

/// Add `counts` to group `key` of `groups`, under the cap of `max`
/// groups; returns whether they went to [`OTHER_GROUP`].
pub(crate) fn add_group(
    groups: &mut BTreeMap<Vec<String>, Counts>,
    key: Vec<String>,
    counts: &Counts,
    max: usize,
) -> bool {
    let capped = capped_key(groups, &key, max);
    let folded = capped != key;
    *groups.entry(capped).or_default() += counts;
    folded
}

impl Counts {
    /// Count one post: empty, or analyzed with its hits.
    pub fn add_post(&mut self, post: &PostTally, cooccurrence: bool) {
        if post.empty {
            self.empty();
        } else {
            self.post(
                &Observation {
                    hit_categories: &post.hit_categories,
                    term_hits: &post.term_hits,
                    tokens: post.tokens,
                    weight: post.weight,
                },
                cooccurrence,
            );
        }
    }
}

impl ClusterCounts {
    /// Count one analyzed post of the cluster with the categories of its hits.
    pub fn add_post(&mut self, hit_categories: &[u32]) {
        self.posts += 1;
        for cat in distinct_categories(hit_categories, self.category_posts.len()) {
            self.category_posts[cat as usize] += 1;
        }
        self.any_posts += u64::from(!hit_categories.is_empty());
    }
}

impl Tally {
    /// Add the tally of the next batch (batches come in input order),
    /// keeping at most `max_groups` groups: a group new once the cap is
    /// reached is counted in [`OTHER_GROUP`]. Within the batch that reaches
    /// the cap, new groups are taken in sorted order of their keys, so the
    /// groups kept never depend on threads.
    pub fn absorb(&mut self, mut part: Tally, max_groups: usize) {
        let groups = std::mem::take(&mut part.groups);
        let unique_groups = std::mem::take(&mut part.unique_groups);
        *self += &part;
        for (key, counts) in groups {
            if add_group(&mut self.groups, key, &counts, max_groups) {
                self.groups_folded += counts.posts_read;
            }
        }
        for (key, counts) in unique_groups {
            add_group(&mut self.unique_groups, key, &counts, max_groups);
        }
    }

    /// Count one skipped record.
    pub fn add_skip(&mut self, log: SkipLog) {
        self.all.skip(log);
    }

    /// Fold one post; `unique` is `Some(is_unique)` with `--dedupe`.
    pub fn add_post(&mut self, post: &PostTally, shape: &TallyShape, unique: Option<bool>) {
        let fresh = &shape.fresh;
        self.all.add_post(post, shape.cooccurrence);
        match post.date {
            DateState::Ok => {}
            DateState::Missing => self.dates_missing += 1,
            DateState::Invalid => {
                self.dates_invalid += 1;
                if let Some(raw) = &post.date_raw {
                    if self.date_examples.len() < super::tally::DATE_EXAMPLES
                        || self.date_examples.last() > Some(raw)
                    {
                        self.add_date_examples(std::slice::from_ref(raw));
                    }
                }
            }
            DateState::Ordered(true) => self.dates_dayfirst += 1,
            DateState::Ordered(false) => self.dates_monthfirst += 1,
            DateState::Ambiguous => self.dates_ambiguous += 1,
        }
        if shape.weighted && !post.empty {
            self.weights_invalid += u64::from(post.weight_invalid);
            self.weights_ambiguous += u64::from(post.weight_ambiguous);
        }
        if shape.grouped {
            let key = capped_key(&self.groups, &post.key, shape.max_groups);
            if key != post.key {
                self.groups_folded += 1;
            }
            self.groups
                .entry(key)
                .or_insert_with(|| shape.fresh_group())
                .add_post(post, shape.cooccurrence);
        }
        if let Some(name) = &post.cluster {
            if !post.empty {
                self.clusters
                    .entry(name.clone())
                    .or_insert_with(|| ClusterCounts {
                        category_posts: vec![0; fresh.category_posts.len()],
                        ..ClusterCounts::default()
                    })
                    .add_post(&post.hit_categories);
            }
        }
        match unique {
            Some(true) => {
                self.unique
                    .get_or_insert_with(|| fresh.clone())
                    .add_post(post, shape.cooccurrence);
                if shape.grouped {
                    let key = capped_key(&self.unique_groups, &post.key, shape.max_groups);
                    self.unique_groups
                        .entry(key)
                        .or_insert_with(|| shape.fresh_group())
                        .add_post(post, shape.cooccurrence);
                }
            }
            Some(false) => {
                self.duplicates += 1;
                self.unique.get_or_insert_with(|| fresh.clone());
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape() -> TallyShape {
        TallyShape {
            fresh: Counts::new(2, 0),
            grouped: true,
            weighted: false,
            cooccurrence: false,
            max_groups: usize::MAX,
        }
    }

    #[test]
    fn groups_clusters_and_unique_posts() {
        let shape = shape();
        let mut t = shape.empty_tally();
        let post = |key: &str, cats: Vec<u32>| PostTally {
            hit_categories: cats,
            tokens: 2,
            key: vec![key.to_string()],
            cluster: Some("acc".into()),
            ..PostTally::default()
        };
        t.add_post(&post("a", vec![0, 0]), &shape, Some(true));
        t.add_post(&post("b", vec![1]), &shape, Some(false));
        t.add_post(
            &PostTally {
                empty: true,
                key: vec!["a".into()],
                date: DateState::Missing,
                ..PostTally::default()
            },
            &shape,
            Some(true),
        );
        assert_eq!(t.all.posts_read, 3);
        assert_eq!(t.all.category_posts, [1, 1]);
        assert_eq!(t.groups[&vec!["a".to_string()]].posts_read, 2);
        assert_eq!(t.clusters["acc"].posts, 2);
        assert_eq!(t.clusters["acc"].category_posts, [1, 1]);
        assert_eq!(t.duplicates, 1);
        assert_eq!(t.unique.as_ref().map(|u| u.posts_read), Some(2));
        assert_eq!(t.dates_missing, 1);
        assert!(t.all.is_consistent());
    }
}
