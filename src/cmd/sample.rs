//! `lexiscope sample`: a coding sheet (CSV) for human coders — a random
//! sample of analyzed posts with an empty code column per category, ready to
//! be filled in and fed to validation against human coding.
//!
//! Plain sampling draws N posts uniformly (a simple random sample).
//! `--stratify` splits the posts into disjoint strata — one per category,
//! holding the posts whose first flagged category (in lexicon order) it is,
//! and `none` — and draws equal numbers from each (disproportionate
//! stratified sampling; a stratum with fewer posts than its share gives all
//! of them), so that rare categories get enough positives to estimate
//! precision and the unflagged posts enough to estimate recall. Every row
//! carries its design: `stratum`, `stratum_posts` (the stratum's N_h among
//! the analyzed posts) and `inclusion_probability` (n_h / N_h), which
//! `evaluate` reads to weight the coded posts back to the corpus
//! (`stats::design`). `--blind` leaves out the predictions and names the
//! strata `s1`, `s2`, … so that coders do not see what the lexicon found.
//! The draw uses per-post priority keys (`stats::sampling`): within a
//! stratum the smallest keys are a simple random sample, reproducible with
//! `--seed` and independent of threads.
//!
//! config → prepare → output opened → pipeline (candidates kept in bounded
//! heaps, one per stratum) → the draw → render.

use std::collections::BinaryHeap;

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
    let mut population = vec![0u64; strata];
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
            let st = if s.stratify {
                c.categories.iter().position(|&b| b).unwrap_or(k)
            } else {
                0
            };
            population[st] += 1;
            heaps[st].push(c);
            if heaps[st].len() > s.n {
                heaps[st].pop();
            }
            Ok(())
        },
    )?;
    let chosen = draw(s, &ids, heaps, &population, analyzed);
    let paths = driver.paths();
    output.write_with(|out| {
        let mut header: Vec<Column> = ["source", "id", "text"].map(Column::text).to_vec();
        if !s.blind {
            header.extend(ids.iter().map(|id| Column::int(format!("pred_{id}"))));
        }
        header.extend([
            Column::text("stratum"),
            Column::int("stratum_posts"),
            Column::float("inclusion_probability"),
        ]);
        // Coders fill these in: text columns (a Parquet sheet is for
        // pipelines that join the coding back).
        header.extend(ids.iter().map(|id| Column::text(format!("code_{id}"))));
        header.push(Column::text("coder_note"));
        let parquet = is_parquet_path(s.target.path.as_deref());
        let mut w = RowWriter::new(out, &header, parquet, s.target.raw_csv)?;
        for (c, d) in &chosen {
            let mut row = vec![
                format!("{}:{}", paths[c.input], c.line),
                c.id.clone(),
                c.text.clone(),
            ];
            if !s.blind {
                row.extend(c.categories.iter().map(|&b| u8::from(b).to_string()));
            }
            row.extend([
                d.stratum.clone(),
                d.posts.to_string(),
                d.probability.to_string(),
            ]);
            row.extend(std::iter::repeat_n(String::new(), ids.len() + 1));
            w.row(&row)?;
        }
        w.finish()
    })
}

/// The design of a drawn post: its stratum, the stratum's posts among
/// those analyzed, and the post's inclusion probability.
struct Drawn {
    stratum: String,
    posts: u64,
    probability: f64,
}

/// The posts of the sheet, with their design, in key order: round robin
/// over the strata, each taking its next post by key, until N posts (equal
/// shares where the strata have enough posts, the rest filled from those
/// that do). The allocation n_h depends only on the N_h, so each stratum's
/// posts are a simple random sample of n_h of its N_h.
fn draw(
    s: &SampleSettings,
    ids: &[String],
    heaps: Vec<BinaryHeap<Candidate>>,
    population: &[u64],
    analyzed: u64,
) -> Vec<(Candidate, Drawn)> {
    let names: Vec<String> = if !s.stratify {
        vec!["all".to_string()]
    } else if s.blind {
        (1..=heaps.len()).map(|h| format!("s{h}")).collect()
    } else {
        ids.iter()
            .cloned()
            .chain(std::iter::once("none".to_string()))
            .collect()
    };
    let mut queues: Vec<std::vec::IntoIter<Candidate>> = heaps
        .into_iter()
        .map(|h| h.into_sorted_vec().into_iter())
        .collect();
    let mut picked: Vec<(Candidate, usize)> = Vec::new();
    'draw: while picked.len() < s.n {
        let mut progressed = false;
        for (st, queue) in queues.iter_mut().enumerate() {
            if picked.len() == s.n {
                break 'draw;
            }
            if let Some(c) = queue.next() {
                picked.push((c, st));
                progressed = true;
            }
        }
        if !progressed {
            break;
        }
    }
    let mut per_stratum = vec![0u64; names.len()];
    for (_, st) in &picked {
        per_stratum[*st] += 1;
    }
    if s.stratify {
        let summary: Vec<String> = names
            .iter()
            .zip(per_stratum.iter().zip(population))
            .map(|(n, (k, p))| format!("{n} {k} of {p}"))
            .collect();
        s.run
            .stderr
            .info(format!("posts per stratum: {}", summary.join(", ")));
    }
    let mut chosen: Vec<(Candidate, Drawn)> = picked
        .into_iter()
        .map(|(c, st)| {
            let drawn = Drawn {
                stratum: names[st].clone(),
                posts: population[st],
                probability: per_stratum[st] as f64 / population[st] as f64,
            };
            (c, drawn)
        })
        .collect();
    chosen.sort_by_key(|(c, _)| c.key);
    s.run.stderr.info(format!(
        "{} posts drawn from {analyzed} analyzed (seed {})",
        chosen.len(),
        s.seed
    ));
    chosen
}
