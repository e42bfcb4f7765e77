//! Adding up the tally files of shards (`analyze --emit-tally`) into the
//! tally one run over all the shards would have given. Counts are integers
//! (weights in fixed point), so the sum is exact and does not depend on the
//! order of the shards; the provenance lists every shard's inputs in the
//! order the tallies are given. Shards must agree on everything that shapes
//! the numbers: the lexicons (by SHA-256), the categories and terms, the
//! breakdown fields, and the options.

use super::model::{Layout, TallyFile};
use crate::error::{Error, Result};
use crate::stats::{Counts, Tally};

/// Largest count one tally may hold (2^48, some 2.8 × 10^14 posts,
/// tokens or hits): with at most [`MAX_SHARDS`] tallies the sums stay far
/// below `u64::MAX`, so adding them up can never wrap.
pub const MAX_COUNT: u64 = 1 << 48;

/// Most tallies added up at once (2^15).
pub const MAX_SHARDS: usize = 1 << 15;

/// Largest weight sum one tally may hold, in micro-units (2^100).
const MAX_WEIGHT: i128 = 1 << 100;

/// Add up tallies that belong together, each named (for messages) by its
/// location.
pub fn merge(tallies: Vec<(String, TallyFile)>) -> Result<TallyFile> {
    if tallies.len() > MAX_SHARDS {
        return Err(Error::Usage(format!(
            "{} tallies: merge adds up at most {MAX_SHARDS} at once; merge them in groups, then merge the results",
            tallies.len()
        )));
    }
    for (name, t) in &tallies {
        validate(t).map_err(|msg| {
            Error::input(
                name,
                None,
                format!("{msg}: this is not a tally lexiscope wrote (edited or damaged?)"),
            )
        })?;
    }
    let mut iter = tallies.into_iter();
    let Some((first_name, mut total)) = iter.next() else {
        return Err(Error::Usage("no tally to merge".into()));
    };
    let options_without_fields = |t: &TallyFile| {
        let mut o = t.provenance.options.clone();
        o.remove("fields");
        o
    };
    let base_options = options_without_fields(&total);
    for (name, t) in iter {
        let differs = |what: &str| {
            Error::input(
                &name,
                None,
                format!("differs from {first_name} in {what}: they are not shards of one analysis"),
            )
        };
        let sha = |t: &TallyFile| {
            t.provenance
                .lexicons
                .iter()
                .map(|l| l.sha256.clone())
                .collect::<Vec<_>>()
        };
        if sha(&t) != sha(&total) {
            return Err(differs("their lexicons"));
        }
        if t.layout != total.layout {
            return Err(differs(
                "their categories, terms, breakdowns or statistics options",
            ));
        }
        if options_without_fields(&t) != base_options {
            return Err(differs("their options"));
        }
        // Skipped-record locations point at inputs of the merged list.
        let offset = total.provenance.inputs.len();
        let mut tally = t.tally;
        for log in &mut tally.all.skip_examples {
            log.input += offset;
        }
        total.tally += tally;
        total.provenance.inputs.extend(t.provenance.inputs);
        if let (Some(serde_json::Value::Array(a)), Some(serde_json::Value::Array(b))) = (
            total.provenance.options.get("fields").cloned(),
            t.provenance.options.get("fields"),
        ) {
            let mut all = a;
            all.extend(b.iter().cloned());
            total
                .provenance
                .options
                .insert("fields".into(), serde_json::Value::Array(all));
        }
    }
    Ok(total)
}

/// The warning a merged tally calls for when shards folded groups
/// (`--max-groups`): a group's figures then leave out what another shard
/// folded.
pub fn folded_warning(t: &Tally) -> Option<String> {
    (t.groups_folded > 0).then(|| {
        format!(
            "{} posts of the shards are in the group {:?} (their --by values came after --max-groups others in their shard): a group's figures leave out the posts another shard folded; re-run the shards with a larger --max-groups",
            t.groups_folded,
            crate::config::OTHER_GROUP
        )
    })
}

/// What every tally `analyze --emit-tally` writes satisfies: counts of the
/// layout's shape, posts read = analyzed + empty + skipped, no category
/// (and no group) with more posts than were analyzed, counts small enough
/// to add up without wrapping, a confidence level between 0 and 1 (the
/// same in the provenance).
pub fn validate(t: &TallyFile) -> std::result::Result<(), String> {
    let layout = &t.layout;
    if !(layout.confidence > 0.0 && layout.confidence < 1.0) {
        return Err(format!("confidence level {}", layout.confidence));
    }
    // The provenance repeats the level; a report must not print one level
    // and compute with another.
    if let Some(said) = t.provenance.options.get("confidence")
        && said.as_f64() != Some(layout.confidence)
    {
        return Err(format!(
            "the provenance gives the confidence level {said}, the layout {}",
            layout.confidence
        ));
    }
    if layout
        .slots
        .iter()
        .any(|(c, _)| *c as usize >= layout.categories.len())
    {
        return Err("a term slot of a category the layout does not have".into());
    }
    check_counts(&t.tally.all, layout, "all posts", Terms::Every)?;
    if let Some(u) = &t.tally.unique {
        check_counts(u, layout, "unique posts", Terms::Every)?;
        if u.posts_analyzed > t.tally.all.posts_analyzed {
            return Err("more unique posts than posts".into());
        }
    }
    check_groups(&t.tally, layout)?;
    let analyzed = t.tally.all.posts_analyzed;
    let mut in_clusters = 0u64;
    for (name, c) in &t.tally.clusters {
        if c.category_posts.len() != layout.categories.len() {
            return Err(format!("cluster {name:?} has counts of another layout"));
        }
        if c.any_posts > c.posts || c.category_posts.iter().any(|&n| n > c.posts) {
            return Err(format!(
                "cluster {name:?} has more posts with a hit than posts"
            ));
        }
        in_clusters = in_clusters.saturating_add(c.posts);
    }
    if !t.tally.clusters.is_empty() && in_clusters > analyzed {
        return Err(format!(
            "{in_clusters} posts in clusters, but {analyzed} analyzed"
        ));
    }
    for n in [
        t.tally.dates_missing,
        t.tally.dates_invalid,
        t.tally.weights_invalid,
        t.tally.duplicates,
        t.tally.groups_folded,
    ] {
        if n > t.tally.all.posts_read {
            return Err(format!(
                "{n} dates, weights, duplicates or folded posts counted, but {} posts read",
                t.tally.all.posts_read
            ));
        }
    }
    Ok(())
}

fn check_groups(t: &Tally, layout: &Layout) -> std::result::Result<(), String> {
    for (key, c) in t.groups.iter().chain(&t.unique_groups) {
        if key.len() != layout.group_fields.len() {
            return Err(format!("group {key:?} has a key of another breakdown"));
        }
        check_counts(c, layout, &format!("group {key:?}"), Terms::Hit)?;
    }
    Ok(())
}

/// The term counts a set of counts holds: one per term slot (the whole and
/// the unique posts), or (a group's, which grow as terms are hit) at most
/// one per slot.
#[derive(Clone, Copy, PartialEq)]
enum Terms {
    Every,
    Hit,
}

fn check_counts(
    c: &Counts,
    layout: &Layout,
    what: &str,
    terms: Terms,
) -> std::result::Result<(), String> {
    let n = layout.categories.len();
    let terms_fit = match terms {
        Terms::Every => c.term_hits.len() == layout.slots.len(),
        Terms::Hit => c.term_hits.len() <= layout.slots.len(),
    };
    if c.category_posts.len() != n
        || c.category_hits.len() != n
        || c.category_weight.len() != n
        || !terms_fit
        || !(c.cooccurrence.is_empty() || c.cooccurrence.len() == n * n)
    {
        return Err(format!("{what}: counts of another layout"));
    }
    let skipped = c
        .skipped_by_reason
        .values()
        .try_fold(0u64, |a, &b| a.checked_add(b));
    let counts = [
        c.posts_read,
        c.posts_analyzed,
        c.posts_empty,
        c.any_posts,
        c.tokens,
    ]
    .into_iter()
    .chain(c.category_posts.iter().copied())
    .chain(c.category_hits.iter().copied())
    .chain(c.term_hits.iter().copied())
    .chain(c.cooccurrence.iter().copied())
    .chain(skipped);
    if skipped.is_none() || counts.into_iter().any(|v| v > MAX_COUNT) {
        return Err(format!("{what}: a count above {MAX_COUNT}"));
    }
    let weights = [c.weight, c.any_weight]
        .into_iter()
        .chain(c.category_weight.iter().copied());
    if weights.into_iter().any(|w| w.abs() > MAX_WEIGHT) {
        return Err(format!("{what}: a weight sum out of range"));
    }
    let skipped = skipped.unwrap_or_default();
    if c.posts_read != c.posts_analyzed + c.posts_empty + skipped {
        return Err(format!(
            "{what}: {} posts read, but {} analyzed + {} empty + {skipped} skipped",
            c.posts_read, c.posts_analyzed, c.posts_empty
        ));
    }
    let analyzed = c.posts_analyzed;
    if c.any_posts > analyzed {
        return Err(format!(
            "{what}: {} posts with a hit, but {analyzed} analyzed",
            c.any_posts
        ));
    }
    for (i, (&posts, &hits)) in c.category_posts.iter().zip(&c.category_hits).enumerate() {
        let id = &layout.categories[i].0;
        if posts > c.any_posts || hits < posts {
            return Err(format!(
                "{what}: category {id:?} has {posts} posts and {hits} hits, with {} posts with any hit",
                c.any_posts
            ));
        }
    }
    // Weights are not negative, so the weight of a category's posts is at
    // most that of the posts with any hit, which is at most the total.
    if c.weight < 0 || c.any_weight < 0 || c.any_weight > c.weight {
        return Err(format!(
            "{what}: a weight of {} for the posts with a hit, of {} in all",
            c.any_weight, c.weight
        ));
    }
    for (i, &w) in c.category_weight.iter().enumerate() {
        if w < 0 || w > c.any_weight {
            return Err(format!(
                "{what}: category {:?} has a weight of {w}, over the {} of the posts with any hit",
                layout.categories[i].0, c.any_weight
            ));
        }
    }
    Ok(())
}
