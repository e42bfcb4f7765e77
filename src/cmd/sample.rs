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
//! predictions and strata. The draw uses per-post priority keys
//! (`stats::sampling`), so it is reproducible with `--seed` and does not
//! depend on threads.
//!
//! config → prepare → output opened → pipeline (candidates kept in bounded
//! heaps, one per stratum) → the draw → render.

use std::collections::{BinaryHeap, HashSet};

use super::output::Output;
use super::settings::SampleSettings;
use crate::error::Result;
use crate::pipeline::{Driver, Record, prepare};
use crate::report::rows::{Column, RowWriter, is_parquet_path};
use crate::stats::sampling::priority;

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
pub fn run(s: &SampleSettings) -> Result<()> {
    let config = &s.run.config;
    let prepared = prepare(config, &config.source)?;
    let ids = prepared.matcher.category_ids();
    let k = ids.len();
    let output = Output::open(s.target.path.as_deref())?;
    let mut driver = Driver::new(prepared, config)?;
    // Strata: one per category, then "none"; or a single one.
    let strata = if s.stratify { k + 1 } else { 1 };
    let mut heaps: Vec<BinaryHeap<Candidate>> = vec![BinaryHeap::new(); strata];
    let mut analyzed = 0u64;
    driver.map(
        |_, origin, post, scratch| {
            if scratch.norm.tokens.is_empty() {
                return None;
            }
            let mut categories = vec![false; k];
            for h in scratch.hits() {
                categories[h.category as usize] = true;
            }
            Some(Candidate {
                key: priority(s.seed, origin.input, post.line, 0),
                input: origin.input,
                line: post.line,
                id: post.id.to_string(),
                text: post.text.to_string(),
                categories,
            })
        },
        |_, record| {
            let Record::Post(Some(c)) = record else {
                return Ok(());
            };
            analyzed += 1;
            let mut push = |st: usize, c: Candidate| {
                heaps[st].push(c);
                if heaps[st].len() > s.n {
                    heaps[st].pop();
                }
            };
            if !s.stratify {
                push(0, c);
            } else if !c.categories.contains(&true) {
                push(k, c);
            } else {
                for st in 0..k {
                    if c.categories[st] {
                        push(st, c.clone());
                    }
                }
            }
            Ok(())
        },
    )?;
    let chosen = draw(s, &ids, heaps, analyzed);
    let paths = driver.paths();
    output.write_with(|out| {
        let mut header: Vec<Column> = ["source", "id", "text"].map(Column::text).to_vec();
        if !s.blind {
            header.push(Column::text("stratum"));
            header.extend(ids.iter().map(|id| Column::int(format!("pred_{id}"))));
        }
        // Coders fill these in: text columns (a Parquet sheet is for
        // pipelines that join the coding back).
        header.extend(ids.iter().map(|id| Column::text(format!("code_{id}"))));
        header.push(Column::text("coder_note"));
        let parquet = is_parquet_path(s.target.path.as_deref());
        let mut w = RowWriter::new(out, &header, parquet, s.target.raw_csv)?;
        for (c, stratum) in &chosen {
            let mut row = vec![
                format!("{}:{}", paths[c.input], c.line),
                c.id.clone(),
                c.text.clone(),
            ];
            if !s.blind {
                row.push(stratum.clone());
                row.extend(c.categories.iter().map(|&b| u8::from(b).to_string()));
            }
            row.extend(std::iter::repeat_n(String::new(), ids.len() + 1));
            w.row(&row)?;
        }
        w.finish()
    })
}

/// The posts of the sheet, with their strata, in key order: round robin
/// over the strata, each taking its next post by key that no other stratum
/// took, until N posts (equal shares where the strata have enough posts,
/// the rest filled from those that do).
fn draw(
    s: &SampleSettings,
    ids: &[String],
    heaps: Vec<BinaryHeap<Candidate>>,
    analyzed: u64,
) -> Vec<(Candidate, String)> {
    let names: Vec<String> = if s.stratify {
        ids.iter()
            .cloned()
            .chain(std::iter::once("none".to_string()))
            .collect()
    } else {
        vec!["all".to_string()]
    };
    let mut per_stratum = vec![0usize; heaps.len()];
    let mut queues: Vec<std::vec::IntoIter<Candidate>> = heaps
        .into_iter()
        .map(|h| h.into_sorted_vec().into_iter())
        .collect();
    let mut chosen: Vec<(Candidate, String)> = Vec::new();
    let mut taken: HashSet<(usize, u64)> = HashSet::new();
    'draw: while chosen.len() < s.n {
        let mut progressed = false;
        for (st, queue) in queues.iter_mut().enumerate() {
            if chosen.len() == s.n {
                break 'draw;
            }
            if let Some(c) = queue.find(|c| !taken.contains(&(c.input, c.line))) {
                taken.insert((c.input, c.line));
                chosen.push((c, names[st].clone()));
                per_stratum[st] += 1;
                progressed = true;
            }
        }
        if !progressed {
            break;
        }
    }
    if s.stratify {
        let summary: Vec<String> = names
            .iter()
            .zip(&per_stratum)
            .map(|(n, k)| format!("{n} {k}"))
            .collect();
        s.run
            .stderr
            .info(format!("posts per stratum: {}", summary.join(", ")));
    }
    chosen.sort_by_key(|(c, _)| c.key);
    s.run.stderr.info(format!(
        "{} posts drawn from {analyzed} analyzed (seed {})",
        chosen.len(),
        s.seed
    ));
    chosen
}
