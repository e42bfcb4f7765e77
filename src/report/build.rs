//! Building the [`Report`] from a tally: shares with Wilson intervals
//! (Wilson 1927, `stats::interval`), weighted shares, cluster-bootstrap
//! intervals, groups, unique posts and the co-occurrence matrix.

use std::collections::BTreeMap;

use super::model::{
    ANY_ID, CategoryRow, Cooccurrence, DateSpan, Group, Layout, Provenance, Report, SCHEMA,
    TallyFile, TermCount, Totals, UniquePart,
};
// The calendar (a leaf module over chrono) names the periods for the
// report as it does for the pipeline.
use crate::source::date::Period;
use crate::stats::bootstrap::cluster_bootstrap;
use crate::stats::tally::WEIGHT_SCALE;
use crate::stats::{ClusterCounts, Counts, Tally, wilson};

impl Totals {
    /// Totals of some counts.
    pub fn from_counts(c: &Counts, weighted: bool) -> Self {
        Totals {
            posts_read: c.posts_read,
            posts_analyzed: c.posts_analyzed,
            posts_empty: c.posts_empty,
            posts_skipped: c.posts_skipped(),
            skipped_by_reason: c.skipped_by_reason.clone(),
            weight: weighted.then(|| c.weight as f64 / WEIGHT_SCALE),
        }
    }
}

fn row(id: &str, label: &str, posts: u64, hits: u64, n: u64, conf: f64) -> CategoryRow {
    let ci = wilson(posts, n, conf);
    CategoryRow {
        id: id.to_string(),
        label: label.to_string(),
        posts,
        share: (n > 0).then(|| posts as f64 / n as f64),
        ci_low: ci.map(|i| i.low),
        ci_high: ci.map(|i| i.high),
        hits,
        top_terms: Vec::new(),
        weighted_share: None,
        cluster_ci_low: None,
        cluster_ci_high: None,
        corrected: None,
    }
}

fn weighted(part: i128, total: i128) -> Option<f64> {
    (total > 0).then(|| part as f64 / total as f64)
}

/// Category rows (then `_any`) from counts; `clusters` adds the cluster
/// bootstrap interval.
pub fn category_rows(
    c: &Counts,
    layout: &Layout,
    clusters: Option<&BTreeMap<String, ClusterCounts>>,
) -> Vec<CategoryRow> {
    let n = c.posts_analyzed;
    let boot = |hits_of: &dyn Fn(&ClusterCounts) -> u64| {
        let (reps, seed) = layout.bootstrap?;
        let pairs: Vec<(u64, u64)> = clusters?.values().map(|k| (k.posts, hits_of(k))).collect();
        cluster_bootstrap(&pairs, reps, seed, layout.confidence)
    };
    // The terms hit, by category: one pass over the counts (a group's are
    // only as long as its last term hit), not one over every slot per
    // category (which made a million groups take minutes).
    let mut hit_terms: Vec<Vec<TermCount>> = vec![Vec::new(); layout.categories.len()];
    for (s, &hits) in c.term_hits.iter().enumerate() {
        if let (true, Some((cat, term))) = (hits > 0, layout.slots.get(s))
            && let Some(terms) = hit_terms.get_mut(*cat as usize)
        {
            terms.push(TermCount {
                term: term.clone(),
                hits,
            });
        }
    }
    let mut rows: Vec<CategoryRow> = layout
        .categories
        .iter()
        .zip(hit_terms)
        .enumerate()
        .map(|(i, ((id, label), mut terms))| {
            let mut r = row(
                id,
                label,
                c.category_posts.get(i).copied().unwrap_or(0),
                c.category_hits.get(i).copied().unwrap_or(0),
                n,
                layout.confidence,
            );
            if layout.weighted {
                r.weighted_share =
                    weighted(c.category_weight.get(i).copied().unwrap_or(0), c.weight);
            }
            if let Some(ci) = boot(&|k| k.category_posts.get(i).copied().unwrap_or(0)) {
                r.cluster_ci_low = Some(ci.low);
                r.cluster_ci_high = Some(ci.high);
            }
            terms.sort_by(|a, b| b.hits.cmp(&a.hits).then_with(|| a.term.cmp(&b.term)));
            terms.truncate(layout.top_terms);
            r.top_terms = terms;
            r
        })
        .collect();
    let hits = c.category_hits.iter().sum();
    let mut any = row(
        ANY_ID,
        "Any category",
        c.any_posts,
        hits,
        n,
        layout.confidence,
    );
    if layout.weighted {
        any.weighted_share = weighted(c.any_weight, c.weight);
    }
    if let Some(ci) = boot(&|k| k.any_posts) {
        any.cluster_ci_low = Some(ci.low);
        any.cluster_ci_high = Some(ci.high);
    }
    rows.push(any);
    rows
}

fn unique_part(c: &Counts, layout: &Layout, duplicates: u64) -> Option<UniquePart> {
    Some(UniquePart {
        mode: layout.dedupe.clone()?,
        duplicates,
        totals: Totals::from_counts(c, layout.weighted),
        categories: category_rows(c, layout, None),
    })
}

impl Report {
    /// Build the report of a run.
    pub fn build(tally: &Tally, layout: &Layout, provenance: Provenance) -> Report {
        let counts = &tally.all;
        let clusters = (!tally.clusters.is_empty()).then_some(&tally.clusters);
        let mut groups = Vec::new();
        let mut groups_hidden = 0;
        for (key, c) in &tally.groups {
            if c.posts_analyzed < layout.min_posts {
                groups_hidden += 1;
                continue;
            }
            let unique = tally
                .unique_groups
                .get(key)
                .and_then(|u| unique_part(u, layout, c.posts_read.saturating_sub(u.posts_read)));
            groups.push(Group {
                keys: layout
                    .group_fields
                    .iter()
                    .cloned()
                    .zip(key.iter().cloned())
                    .collect(),
                totals: Totals::from_counts(c, layout.weighted),
                categories: category_rows(c, layout, None),
                unique,
            });
        }
        let k = layout.categories.len();
        let cooccurrence = (k > 0 && counts.cooccurrence.len() == k * k).then(|| {
            let posts: Vec<Vec<u64>> = (0..k)
                .map(|i| counts.cooccurrence[i * k..(i + 1) * k].to_vec())
                .collect();
            let n = counts.posts_analyzed;
            Cooccurrence {
                categories: layout.categories.iter().map(|(id, _)| id.clone()).collect(),
                share: posts
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|&p| (n > 0).then(|| p as f64 / n as f64))
                            .collect()
                    })
                    .collect(),
                posts,
            }
        });
        let period = provenance_period(&provenance);
        let (dates, partial_periods) = date_span(tally, period.as_deref());
        Report {
            schema: SCHEMA.to_string(),
            provenance,
            totals: Totals::from_counts(counts, layout.weighted),
            categories: category_rows(counts, layout, clusters),
            groups,
            groups_hidden,
            unique: tally
                .unique
                .as_ref()
                .and_then(|u| unique_part(u, layout, tally.duplicates)),
            cooccurrence,
            validation: None,
            confidence: layout.confidence,
            // The options of the provenance are written by the pipeline from
            // the typed configuration; the period is read back once, here.
            period,
            dates,
            partial_periods,
        }
    }
}

impl TallyFile {
    /// The report of this tally (what `analyze` prints; what `merge` prints
    /// for the sum of shards).
    pub fn report(&self) -> Report {
        let mut report = Report::build(&self.tally, &self.layout, self.provenance.clone());
        if let Some(v) = &self.validation {
            report.correct(v, &self.layout.group_fields);
        }
        report
    }
}

/// The span of the dated posts, and the first or last periods it does not
/// cover whole.
fn date_span(tally: &Tally, period: Option<&str>) -> (Option<DateSpan>, Vec<String>) {
    let day = |d: i32| {
        chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|e| e.checked_add_signed(chrono::TimeDelta::days(i64::from(d))))
    };
    let (Some(first), Some(last)) = (tally.first_day.and_then(day), tally.last_day.and_then(day))
    else {
        return (None, Vec::new());
    };
    let span = DateSpan {
        first: first.format("%Y-%m-%d").to_string(),
        last: last.format("%Y-%m-%d").to_string(),
    };
    let Some(period) = period.and_then(Period::from_name) else {
        return (Some(span), Vec::new());
    };
    let label = |d: chrono::NaiveDate| period.bucket(d.and_time(chrono::NaiveTime::MIN).and_utc());
    let mut partial = Vec::new();
    if period.bounds(first).0 < first {
        partial.push(label(first));
    }
    if last < period.bounds(last).1 && !partial.contains(&label(last)) {
        partial.push(label(last));
    }
    (Some(span), partial)
}

fn provenance_period(provenance: &Provenance) -> Option<String> {
    provenance
        .options
        .get("every")
        .and_then(|v| v.as_str())
        .map(String::from)
}
