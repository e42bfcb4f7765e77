//! Folding one post into a [`Tally`]: the whole, the groups of
//! `--by`/`--every`, the clusters of `--cluster`, and (with `--dedupe`) the
//! unique posts. The pipeline computes a [`PostTally`] per post on the
//! worker threads and folds it here, per thread; tallies then merge by
//! addition ([`Tally`]'s `AddAssign`), so no figure depends on the order of
//! folding or on the number of threads.

use std::collections::{BTreeMap, HashSet};

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
    /// The post's UTC day, as days since 1970-01-01, when its date was read.
    pub day: Option<i32>,
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
}

/// The cap of `--max-groups`, on *series*: a group key without its period
/// (with `--every`, the key's last part), so that a series kept has every
/// one of its periods, and the provisional period of a date that reads
/// either way never takes a place. The first `max` series met are kept;
/// the posts of later ones are counted in [`OTHER_GROUP`] (with their
/// period). Held by the fold, not by the tally: it is the run's state, and
/// a merged tally is never capped again.
#[derive(Clone, Debug)]
pub struct GroupCap {
    max: usize,
    periodic: bool,
    kept: HashSet<Vec<String>>,
}

impl GroupCap {
    /// At most `max` series; `periodic`: a key's last part is its period.
    pub fn new(max: usize, periodic: bool) -> GroupCap {
        GroupCap {
            max,
            periodic,
            kept: HashSet::new(),
        }
    }

    /// The key the posts of group `key` are counted under: `None` for
    /// their own, or the key of [`OTHER_GROUP`] (with the same period).
    /// The first call for a series decides; later calls agree with it.
    pub fn fold(&mut self, key: &[String]) -> Option<Vec<String>> {
        let series = if self.periodic && !key.is_empty() {
            &key[..key.len() - 1]
        } else {
            key
        };
        if self.kept.contains(series) {
            return None;
        }
        if self.kept.len() < self.max {
            self.kept.insert(series.to_vec());
            return None;
        }
        let mut other = vec![OTHER_GROUP.to_string(); series.len()];
        other.extend_from_slice(&key[series.len()..]);
        Some(other)
    }
}

/// The counts of group `key`, new ones empty (a look-up, then a copy of
/// the key only for a new group).
fn group_of<'a>(
    groups: &'a mut BTreeMap<Vec<String>, Counts>,
    key: &[String],
    shape: &TallyShape,
) -> &'a mut Counts {
    if !groups.contains_key(key) {
        groups.insert(key.to_vec(), shape.fresh_group());
    }
    groups.get_mut(key).expect("just inserted")
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
    /// under the cap of `--max-groups`. Within the batch that reaches the
    /// cap, new series are taken in sorted order of their keys, so the
    /// groups kept never depend on threads. A unique post's group is
    /// folded when its group is.
    pub fn absorb(&mut self, mut part: Tally, cap: &mut GroupCap) {
        let groups = std::mem::take(&mut part.groups);
        let unique_groups = std::mem::take(&mut part.unique_groups);
        *self += &part;
        for (key, counts) in groups {
            let folded = cap.fold(&key);
            if folded.is_some() {
                self.groups_folded += counts.posts_read;
            }
            *self.groups.entry(folded.unwrap_or(key)).or_default() += &counts;
        }
        for (key, counts) in unique_groups {
            let folded = cap.fold(&key);
            *self.unique_groups.entry(folded.unwrap_or(key)).or_default() += &counts;
        }
    }

    /// Count one skipped record.
    pub fn add_skip(&mut self, log: SkipLog) {
        self.all.skip(log);
    }

    /// Fold one post; `unique` is `Some(is_unique)` with `--dedupe`; its
    /// groups under `cap` (`None`: the part of a batch, capped when it is
    /// absorbed).
    pub fn add_post(
        &mut self,
        post: &PostTally,
        shape: &TallyShape,
        unique: Option<bool>,
        cap: Option<&mut GroupCap>,
    ) {
        let fresh = &shape.fresh;
        self.all.add_post(post, shape.cooccurrence);
        self.add_days(post.day, post.day);
        match post.date {
            DateState::Ok => {}
            DateState::Missing => self.dates_missing += 1,
            DateState::Invalid => {
                self.dates_invalid += 1;
                if let Some(raw) = &post.date_raw
                    && (self.date_examples.len() < super::tally::DATE_EXAMPLES
                        || self.date_examples.last() > Some(raw))
                {
                    self.add_date_examples(std::slice::from_ref(raw));
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
        let folded = match cap {
            Some(cap) if shape.grouped => cap.fold(&post.key),
            _ => None,
        };
        let key = folded.as_ref().unwrap_or(&post.key);
        if shape.grouped {
            self.groups_folded += u64::from(folded.is_some());
            group_of(&mut self.groups, key, shape).add_post(post, shape.cooccurrence);
        }
        if let Some(name) = &post.cluster
            && !post.empty
        {
            self.clusters
                .entry(name.clone())
                .or_insert_with(|| ClusterCounts {
                    category_posts: vec![0; fresh.category_posts.len()],
                    ..ClusterCounts::default()
                })
                .add_post(&post.hit_categories);
        }
        match unique {
            Some(true) => {
                self.unique
                    .get_or_insert_with(|| fresh.clone())
                    .add_post(post, shape.cooccurrence);
                if shape.grouped {
                    group_of(&mut self.unique_groups, key, shape)
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
        t.add_post(&post("a", vec![0, 0]), &shape, Some(true), None);
        t.add_post(&post("b", vec![1]), &shape, Some(false), None);
        t.add_post(
            &PostTally {
                empty: true,
                key: vec!["a".into()],
                date: DateState::Missing,
                ..PostTally::default()
            },
            &shape,
            Some(true),
            None,
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

    fn keyed(key: &[&str]) -> PostTally {
        PostTally {
            hit_categories: vec![0],
            tokens: 1,
            key: key.iter().map(|k| k.to_string()).collect(),
            ..PostTally::default()
        }
    }

    fn keys(groups: &BTreeMap<Vec<String>, Counts>) -> Vec<String> {
        groups.keys().map(|k| k.join("/")).collect()
    }

    #[test]
    fn the_cap_counts_series_and_keeps_their_periods() {
        let shape = shape();
        let mut cap = GroupCap::new(2, true);
        let mut t = shape.empty_tally();
        for key in [
            ["a", "2021-01"],
            ["b", "2021-01"],
            ["a", "\u{1}2021-05-04"],
            ["c", "2021-01"],
            ["a", "2021-02"],
            ["c", "2021-02"],
        ] {
            t.add_post(&keyed(&key), &shape, Some(true), Some(&mut cap));
        }
        // a and b are kept with every period (the provisional one takes no
        // place); c goes to the other group, period by period.
        let o = OTHER_GROUP;
        assert_eq!(
            keys(&t.groups),
            [
                format!("{o}/2021-01"),
                format!("{o}/2021-02"),
                "a/\u{1}2021-05-04".into(),
                "a/2021-01".into(),
                "a/2021-02".into(),
                "b/2021-01".into(),
            ]
        );
        assert_eq!(t.groups_folded, 2);
        // Unique posts are grouped under the same keys.
        assert_eq!(keys(&t.unique_groups), keys(&t.groups));
    }

    #[test]
    fn absorbed_parts_fold_unique_groups_with_their_groups() {
        let shape = shape();
        let mut cap = GroupCap::new(1, false);
        let mut total = shape.empty_tally();
        for key in ["b", "a"] {
            let mut part = shape.empty_tally();
            part.add_post(&keyed(&[key]), &shape, Some(true), None);
            total.absorb(part, &mut cap);
        }
        assert_eq!(keys(&total.groups), ["(other groups)", "b"]);
        assert_eq!(keys(&total.unique_groups), keys(&total.groups));
        assert_eq!(total.groups_folded, 1);
    }
}
