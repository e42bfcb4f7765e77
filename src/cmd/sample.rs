//! `lexiscope sample`: a coding sheet (CSV) for human coders — a random
//! sample of analyzed posts with an empty code column per category, ready to
//! be filled in and fed to validation against human coding.
//!
//! Plain sampling draws N posts uniformly. `--stratify` draws equal numbers
//! from the posts of each category and from the posts with no category
//! (disproportionate stratified sampling), so that rare categories get
//! enough positives to estimate precision and enough negatives to estimate
//! recall; the `stratum` column says where each post came from, so that
//! estimates can be reweighted to the corpus. `--blind` leaves out the
//! predictions and strata. The draw uses per-post priority keys (see `kwic`),
//! so it is reproducible with `--seed` and does not depend on threads.

use std::collections::{BinaryHeap, HashSet};

use crate::cli::SampleArgs;
use crate::error::{Error, Result};
use crate::report::csv::SafeWriter;
use crate::stats::Counts;

use super::kwic::priority;
use super::{
    Output, drive, map_batch, prepare, progress, skipped, source_options, strict_error, thread_pool,
};

/// A post that may go on the sheet.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    key: u64,
    input: usize,
    line: u64,
    id: String,
    text: String,
    categories: Vec<bool>,
}

/// Run `sample`.
pub fn run(args: &SampleArgs) -> Result<()> {
    if args.n == 0 {
        return Err(Error::Usage("--n 0: ask for at least one post".into()));
    }
    let source_opts = source_options(&args.input)?;
    let mut prepared = prepare(&args.input, &source_opts)?;
    let matcher = &prepared.matcher;
    let k = matcher.categories.len();
    // Strata: one per category, then "none"; or a single one.
    let strata = if args.stratify { k + 1 } else { 1 };
    let mut heaps: Vec<BinaryHeap<Candidate>> = vec![BinaryHeap::new(); strata];
    let output = Output::open(args.output.as_deref())?;
    let pool = thread_pool(args.input.threads)?;
    let total: Option<u64> = prepared.sources.iter().map(|s| s.info.size).sum();
    let bar = progress(total, args.input.quiet);
    let paths: Vec<String> = prepared
        .sources
        .iter()
        .map(|s| s.info.path.clone())
        .collect();
    let mut counts = Counts::default();
    drive(&mut prepared.sources, &pool, &bar, |idx, decoder, batch| {
        let rows = map_batch(matcher, decoder, batch, idx, |post, scratch| {
            if scratch.norm.tokens.is_empty() {
                return None;
            }
            let mut categories = vec![false; k];
            for h in scratch.hits() {
                categories[h.category as usize] = true;
            }
            Some(Candidate {
                key: priority(args.seed, idx, post.line, 0),
                input: idx,
                line: post.line,
                id: post.id.to_string(),
                text: post.text.to_string(),
                categories,
            })
        });
        for row in rows {
            match row {
                Err(log) => {
                    if args.input.strict {
                        return Err(strict_error(&paths[idx], &log));
                    }
                    counts.skip(log);
                }
                Ok(None) => counts.empty(),
                Ok(Some(c)) => {
                    counts.posts_read += 1;
                    counts.posts_analyzed += 1;
                    let mut push = |s: usize, c: Candidate| {
                        heaps[s].push(c);
                        if heaps[s].len() > args.n {
                            heaps[s].pop();
                        }
                    };
                    if !args.stratify {
                        push(0, c);
                    } else if !c.categories.contains(&true) {
                        push(k, c);
                    } else {
                        for s in 0..k {
                            if c.categories[s] {
                                push(s, c.clone());
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    })?;
    skipped(&counts, &paths, args.input.quiet);

    // Round robin over the strata, each taking its next post by key that no
    // other stratum took, until N posts: equal shares where the strata have
    // enough posts, the rest filled from those that do.
    let names: Vec<String> = if args.stratify {
        matcher
            .categories
            .iter()
            .map(|c| c.id.clone())
            .chain(std::iter::once("none".to_string()))
            .collect()
    } else {
        vec!["all".to_string()]
    };
    let mut queues: Vec<std::vec::IntoIter<Candidate>> = heaps
        .into_iter()
        .map(|h| h.into_sorted_vec().into_iter())
        .collect();
    let mut chosen: Vec<(Candidate, String)> = Vec::new();
    let mut taken: HashSet<(usize, u64)> = HashSet::new();
    let mut per_stratum = vec![0usize; strata];
    'draw: while chosen.len() < args.n {
        let mut progressed = false;
        for (s, queue) in queues.iter_mut().enumerate() {
            if chosen.len() == args.n {
                break 'draw;
            }
            if let Some(c) = queue.find(|c| !taken.contains(&(c.input, c.line))) {
                taken.insert((c.input, c.line));
                chosen.push((c, names[s].clone()));
                per_stratum[s] += 1;
                progressed = true;
            }
        }
        if !progressed {
            break;
        }
    }
    if args.stratify && !args.input.quiet {
        let summary: Vec<String> = names
            .iter()
            .zip(&per_stratum)
            .map(|(n, k)| format!("{n} {k}"))
            .collect();
        eprintln!("lexiscope: posts per stratum: {}", summary.join(", "));
    }
    chosen.sort_by_key(|(c, _)| c.key);
    if !args.input.quiet {
        eprintln!(
            "lexiscope: {} posts drawn from {} analyzed (seed {})",
            chosen.len(),
            counts.posts_analyzed,
            args.seed
        );
    }
    let ids: Vec<&str> = matcher.categories.iter().map(|c| c.id.as_str()).collect();
    output.write_with(|out| {
        let mut w = SafeWriter::new(out, args.raw_csv);
        let mut header: Vec<String> = vec!["source".into(), "id".into(), "text".into()];
        if !args.blind {
            header.push("stratum".into());
            header.extend(ids.iter().map(|id| format!("pred_{id}")));
        }
        header.extend(ids.iter().map(|id| format!("code_{id}")));
        header.push("coder_note".into());
        w.row(&header)?;
        for (c, stratum) in &chosen {
            let mut row = vec![
                format!("{}:{}", paths[c.input], c.line),
                c.id.clone(),
                c.text.clone(),
            ];
            if !args.blind {
                row.push(stratum.clone());
                row.extend(c.categories.iter().map(|&b| u8::from(b).to_string()));
            }
            row.extend(std::iter::repeat_n(String::new(), ids.len() + 1));
            w.row(&row)?;
        }
        w.flush()
    })
}
