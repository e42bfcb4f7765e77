//! `lexiscope analyze`: the share of posts per category with intervals,
//! optionally broken down (`--by`, `--every`), weighted (`--weight`),
//! deduplicated (`--dedupe`), with cluster-bootstrap intervals (`--cluster`)
//! and the co-occurrence matrix (`--cooccurrence`).
//!
//! compile lexicons → open every input (fields resolved, so a missing column
//! fails before any post is read) → for each batch: read the next batch while
//! the workers scan this one → fold per-thread tallies → report → render.
//! With `--dedupe` the per-post outcomes of a batch are folded in input
//! order instead, so "first occurrence wins" does not depend on threads.

use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use serde_json::json;

use crate::cli::{AnalyzeArgs, DedupeArg, OutputFormatArg, PeriodArg};
use crate::error::{Error, Result};
use crate::matcher::{Matcher, Overlap, Scratch};
use crate::report::html::{self, ClaimsPart};
use crate::report::{
    InputRef, Layout, LexiconRef, OutputFormat, Provenance, Report, TALLY_SCHEMA, TallyFile, chart,
};
use crate::source::date::{Period, parse_date};
use crate::source::number::{Decimal, parse_number};
use crate::source::{Batch, Decoder, Post, Source};
use crate::stats::tally::WEIGHT_SCALE;
use crate::stats::{ClusterCounts, Counts, Observation, SkipLog, Tally};

use super::kwic;
use super::{
    DECODE_CHUNK, Output, Prepared, drive, overlap_of, prepare, progress, skip_log, skipped,
    source_options, strict_error, thread_pool,
};

/// The output format: the flag, else the `-o` extension, else a table.
pub fn output_format(
    flag: Option<OutputFormatArg>,
    output: Option<&std::path::Path>,
) -> OutputFormat {
    let from_flag = flag.map(|f| match f {
        OutputFormatArg::Table => OutputFormat::Table,
        OutputFormatArg::Csv => OutputFormat::Csv,
        OutputFormatArg::Json => OutputFormat::Json,
        OutputFormatArg::Markdown => OutputFormat::Markdown,
    });
    let from_ext = || {
        let ext = output?.extension()?.to_str()?.to_lowercase();
        match ext.as_str() {
            "csv" => Some(OutputFormat::Csv),
            "json" => Some(OutputFormat::Json),
            "md" | "markdown" => Some(OutputFormat::Markdown),
            _ => None,
        }
    };
    from_flag.or_else(from_ext).unwrap_or(OutputFormat::Table)
}

/// Fields whose presence marks a repost, read when an input has them:
/// Telegram's `forwarded_from`, X API v2's `referenced_tweets` (a
/// "retweeted" entry), 4CAT's `is_retweet`.
const REPOST_FIELDS: &[&str] = &["forwarded_from", "referenced_tweets", "is_retweet"];

/// What the per-post stage needs to know beyond the matcher.
#[derive(Clone, Debug)]
struct Plan {
    /// Number of `--by` fields (the first post fields).
    by: usize,
    /// Period of `--every`, reading the post field at `date`.
    every: Option<Period>,
    date: Option<usize>,
    weight: Option<usize>,
    decimal: Decimal,
    cluster: Option<usize>,
    /// First optional (repost) field.
    reposts: Option<usize>,
    dedupe: Option<DedupeArg>,
    cooccurrence: bool,
}

impl Plan {
    fn grouped(&self) -> bool {
        self.by > 0 || self.every.is_some()
    }
}

/// State of a post's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateState {
    Ok,
    Missing,
    Invalid,
}

/// Everything one record contributes, computed by a worker thread.
#[derive(Clone, Debug)]
enum Outcome {
    Skip(SkipLog),
    Post(Box<Seen>),
}

#[derive(Clone, Debug)]
struct Seen {
    /// No token: an empty post.
    empty: bool,
    hit_categories: Vec<u32>,
    term_hits: Vec<u32>,
    tokens: usize,
    key: Vec<String>,
    date: DateState,
    weight: i128,
    weight_invalid: bool,
    weight_ambiguous: bool,
    cluster: Option<String>,
    /// Dedupe hash of the text, and whether the post is a repost.
    dedupe: Option<(u64, bool)>,
}

fn observe(matcher: &Matcher, plan: &Plan, post: &Post, scratch: &mut Scratch) -> Seen {
    matcher.scan(&post.text, scratch);
    let field = |i: Option<usize>| i.and_then(|i| post.fields.get(i)).map(|f| f.trim());
    let mut key: Vec<String> = post.fields[..plan.by]
        .iter()
        .map(|f| f.trim().to_string())
        .collect();
    let mut date = DateState::Ok;
    if let Some(period) = plan.every {
        let raw = field(plan.date).unwrap_or("");
        key.push(if raw.is_empty() {
            date = DateState::Missing;
            "(no date)".to_string()
        } else {
            match parse_date(raw) {
                Some(t) => period.bucket(t),
                None => {
                    date = DateState::Invalid;
                    "(invalid date)".to_string()
                }
            }
        });
    }
    let (mut weight, mut weight_invalid, mut weight_ambiguous) = (0, false, false);
    if plan.weight.is_some() {
        match parse_number(field(plan.weight).unwrap_or(""), plan.decimal) {
            Some(p) => {
                weight = (p.value * WEIGHT_SCALE).round() as i128;
                weight_ambiguous = p.ambiguous;
            }
            None => weight_invalid = true,
        }
    }
    let dedupe = plan.dedupe.map(|mode| {
        let (stripped, rt) = strip_retweet(&post.text);
        let repost = rt
            || plan.reposts.is_some_and(|first| {
                post.fields[first..].iter().any(|f| {
                    let f = f.trim();
                    !f.is_empty()
                        && f != "0"
                        && !f.eq_ignore_ascii_case("false")
                        && (f.contains("retweeted")
                            || !f.contains("quoted") && !f.contains("replied_to"))
                })
            });
        let mut h = std::hash::DefaultHasher::new();
        match mode {
            DedupeArg::Exact => stripped.hash(&mut h),
            DedupeArg::Normalized => {
                let norm = matcher.normalizer().normalize_to_string(stripped);
                norm.hash(&mut h)
            }
        }
        (h.finish(), repost)
    });
    let hits = scratch.hits();
    Seen {
        empty: scratch.norm.tokens.is_empty(),
        hit_categories: hits.iter().map(|h| h.category).collect(),
        term_hits: scratch.term_hits.clone(),
        tokens: scratch.norm.word_count(),
        key,
        date,
        weight,
        weight_invalid,
        weight_ambiguous,
        cluster: plan.cluster.map(|i| {
            field(Some(i))
                .filter(|v| !v.is_empty())
                .unwrap_or("(none)")
                .to_string()
        }),
        dedupe,
    }
}

/// Remove a leading `RT @user:` (X's retweet prefix); says whether it was there.
fn strip_retweet(text: &str) -> (&str, bool) {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix("RT @") {
        if let Some((_, after)) = rest.split_once(':') {
            return (after.trim_start(), true);
        }
    }
    (text, false)
}

fn record_counts(counts: &mut Counts, seen: &Seen, plan: &Plan) {
    if seen.empty {
        counts.empty();
    } else {
        counts.post(
            &Observation {
                hit_categories: &seen.hit_categories,
                term_hits: &seen.term_hits,
                tokens: seen.tokens,
                weight: seen.weight,
            },
            plan.cooccurrence,
        );
    }
}

/// Fold one outcome into a tally; `unique` is `Some(is_unique)` with `--dedupe`.
fn record(tally: &mut Tally, outcome: Outcome, plan: &Plan, fresh: &Counts, unique: Option<bool>) {
    let seen = match outcome {
        Outcome::Skip(log) => {
            tally.all.skip(log);
            return;
        }
        Outcome::Post(seen) => seen,
    };
    record_counts(&mut tally.all, &seen, plan);
    match seen.date {
        DateState::Ok => {}
        DateState::Missing => tally.dates_missing += 1,
        DateState::Invalid => tally.dates_invalid += 1,
    }
    if plan.weight.is_some() && !seen.empty {
        tally.weights_invalid += u64::from(seen.weight_invalid);
        tally.weights_ambiguous += u64::from(seen.weight_ambiguous);
    }
    if plan.grouped() {
        let group = tally
            .groups
            .entry(seen.key.clone())
            .or_insert_with(|| fresh.clone());
        record_counts(group, &seen, plan);
    }
    if let Some(name) = &seen.cluster {
        if !seen.empty {
            let c = tally
                .clusters
                .entry(name.clone())
                .or_insert_with(|| ClusterCounts {
                    category_posts: vec![0; fresh.category_posts.len()],
                    ..ClusterCounts::default()
                });
            c.posts += 1;
            let cats = &seen.hit_categories;
            for (i, &cat) in cats.iter().enumerate() {
                if !cats[..i].contains(&cat) {
                    c.category_posts[cat as usize] += 1;
                }
            }
            c.any_posts += u64::from(!cats.is_empty());
        }
    }
    match unique {
        Some(true) => {
            record_counts(
                tally.unique.get_or_insert_with(|| fresh.clone()),
                &seen,
                plan,
            );
            if plan.grouped() {
                let group = tally
                    .unique_groups
                    .entry(seen.key.clone())
                    .or_insert_with(|| fresh.clone());
                record_counts(group, &seen, plan);
            }
        }
        Some(false) => {
            tally.duplicates += 1;
            tally.unique.get_or_insert_with(|| fresh.clone());
        }
        None => {}
    }
}

/// Decode record `i` (one or more posts) and hand each outcome to `sink`.
fn outcomes_of(
    matcher: &Matcher,
    plan: &Plan,
    decoder: &Decoder,
    batch: &Batch,
    (input, i): (usize, usize),
    scratch: &mut Scratch,
    sink: &mut dyn FnMut(Outcome),
) {
    decoder.decode_each(batch, i, &mut |decoded| {
        sink(match decoded {
            Err(skip) => Outcome::Skip(skip_log(input, skip)),
            Ok(post) => Outcome::Post(Box::new(observe(matcher, plan, &post, scratch))),
        })
    });
}

/// Scan one batch in parallel and fold its tally. With `--dedupe` the
/// outcomes are folded in input order against `seen`.
fn scan_batch(
    matcher: &Matcher,
    plan: &Plan,
    decoder: &Decoder,
    batch: &Batch,
    input: usize,
    seen: &mut HashSet<u64>,
) -> Tally {
    let fresh = Counts::new(matcher.categories.len(), matcher.slots.len());
    let empty_tally = || Tally {
        all: fresh.clone(),
        ..Tally::default()
    };
    if plan.dedupe.is_some() {
        let n = batch.len();
        let chunks: Vec<Vec<Outcome>> = (0..n.div_ceil(DECODE_CHUNK))
            .into_par_iter()
            .map_init(Scratch::default, |scratch, k| {
                let mut out = Vec::with_capacity(DECODE_CHUNK);
                for i in k * DECODE_CHUNK..((k + 1) * DECODE_CHUNK).min(n) {
                    outcomes_of(
                        matcher,
                        plan,
                        decoder,
                        batch,
                        (input, i),
                        scratch,
                        &mut |o| out.push(o),
                    );
                }
                out
            })
            .collect();
        let mut tally = empty_tally();
        for outcome in chunks.into_iter().flatten() {
            let unique = match &outcome {
                Outcome::Post(s) if !s.empty => {
                    s.dedupe.map(|(hash, repost)| !repost && seen.insert(hash))
                }
                Outcome::Post(_) => Some(true),
                Outcome::Skip(_) => None,
            };
            record(&mut tally, outcome, plan, &fresh, unique);
        }
        return tally;
    }
    (0..batch.len())
        .into_par_iter()
        .with_min_len(64)
        .fold(
            || (Scratch::default(), empty_tally()),
            |(mut scratch, mut tally), i| {
                outcomes_of(
                    matcher,
                    plan,
                    decoder,
                    batch,
                    (input, i),
                    &mut scratch,
                    &mut |o| record(&mut tally, o, plan, &fresh, None),
                );
                (scratch, tally)
            },
        )
        .map(|(_, tally)| tally)
        .reduce(empty_tally, |mut a, b| {
            a += b;
            a
        })
}

/// Run `analyze`.
pub fn run(args: &AnalyzeArgs) -> Result<()> {
    if args.emit_tally.is_some() && args.dedupe.is_some() {
        return Err(Error::Usage(
            "--dedupe cannot be used with --emit-tally: duplicates across shards are not in a tally, so shards would not merge exactly"
                .into(),
        ));
    }
    // Opened first so that an unwritable output fails before the work.
    let tally_out = match args.emit_tally.as_deref() {
        Some(p) if p != std::path::Path::new("-") => Some(Output::open(Some(p))?),
        Some(_) => Some(Output::open(None)?),
        None => None,
    };
    // With --emit-tally, the report is written only where -o says.
    let output = match (&tally_out, args.output.as_deref()) {
        (Some(_), None) => None,
        (_, path) => Some(Output::open(path)?),
    };
    let pictures = Pictures::open(args)?;
    let t = count(args)?;
    if let Some(out) = tally_out {
        out.write_with(|w| {
            serde_json::to_writer(&mut *w, &t)?;
            writeln!(w)
        })?;
    }
    let report = Report::build(&t.tally, &t.layout, t.provenance);
    if let Some(output) = output {
        let format = output_format(args.format, args.output.as_deref());
        output.write_with(|out| report.render(format, out, args.raw_csv))?;
    }
    pictures.write(args, &report, None)
}

/// Characters of context on each side of a match in the HTML samples.
const KWIC_WINDOW: usize = 40;

/// The `--chart` and `--html` outputs of `analyze` (and `reproduce`,
/// `check`), opened before the work so that an unwritable path fails first.
pub struct Pictures {
    chart: Option<Output>,
    html: Option<Output>,
}

impl Pictures {
    /// Open the files of `--chart` and `--html`.
    pub fn open(args: &AnalyzeArgs) -> Result<Pictures> {
        Ok(Pictures {
            chart: args
                .chart
                .as_deref()
                .map(|p| Output::open(Some(p)))
                .transpose()?,
            html: args
                .html
                .as_deref()
                .map(|p| Output::open(Some(p)))
                .transpose()?,
        })
    }

    /// Draw the chart and write the HTML page (the page's KWIC samples take
    /// a second pass over the inputs).
    pub fn write(
        self,
        args: &AnalyzeArgs,
        report: &Report,
        claims: Option<ClaimsPart>,
    ) -> Result<()> {
        if let Some(out) = self.chart {
            let svg = chart::chart(report, "chart");
            out.write_with(|w| w.write_all(svg.as_bytes()))?;
        }
        let Some(out) = self.html else {
            return Ok(());
        };
        let mut charts = vec![("All posts".to_string(), chart::bars(report, "bars"))];
        if !report.groups.is_empty() {
            let heading = if report.period.is_some() {
                "Over time"
            } else {
                "By group"
            };
            charts.push((heading.to_string(), chart::chart(report, "breakdown")));
        }
        let samples = if args.kwic_sample == 0 {
            Err("No samples: --kwic-sample 0.".to_string())
        } else if args.input.inputs.iter().any(|i| i == "-") {
            Err("No samples: standard input cannot be read a second time; give the input as a file.".to_string())
        } else {
            Ok(kwic::sample_by_category(
                &args.input,
                args.kwic_sample,
                args.seed,
                KWIC_WINDOW,
            )?)
        };
        let page = html::Page {
            report,
            charts,
            samples,
            sample_note: format!(
                "A reproducible random sample of up to {} matches per category (--kwic-sample {}, --seed {}): the same inputs, lexicons and seed give the same lines. {} characters of context on each side; the post id and its input line come first.",
                args.kwic_sample, args.kwic_sample, args.seed, KWIC_WINDOW
            ),
            claims,
        };
        out.write_with(|w| html::render(&page, w))
    }
}

/// The analysis of `analyze` as a report (also re-run by `check` and
/// `reproduce`).
pub fn compute(args: &AnalyzeArgs) -> Result<Report> {
    let t = count(args)?;
    Ok(Report::build(&t.tally, &t.layout, t.provenance))
}

/// The counting of `analyze`: a tally with what the report needs.
pub fn count(args: &AnalyzeArgs) -> Result<TallyFile> {
    if !(args.confidence > 0.0 && args.confidence < 1.0) {
        return Err(Error::Usage(format!(
            "--confidence {}: expected a level between 0 and 1, such as 0.95",
            args.confidence
        )));
    }
    let decimal = match args.decimal.as_str() {
        "." => Decimal::Dot,
        "," => Decimal::Comma,
        other => {
            return Err(Error::Usage(format!(
                "--decimal {other:?}: expected \".\" or \",\""
            )));
        }
    };
    if args.every.is_none() && args.date.is_some() {
        return Err(Error::Usage(
            "--date names the date field of --every; add --every day|week|month|year".into(),
        ));
    }
    let overlap = overlap_of(args.input.overlap);
    // 2. Sources, fields resolved: --by fields, then date, weight, cluster.
    let mut source_opts = source_options(&args.input)?;
    let mut fields = args.by.clone();
    let slot = |name: &Option<String>, fields: &mut Vec<String>| {
        name.as_ref().map(|n| {
            fields.push(n.clone());
            fields.len() - 1
        })
    };
    // `--every` without `--date`: the input's own date field (a preset's
    // or a platform format's), resolved when the input opens.
    let date_name = match (&args.every, &args.date) {
        (Some(_), None) => Some(crate::source::DEFAULT_DATE.to_string()),
        (_, d) => d.clone(),
    };
    let date = slot(&date_name, &mut fields);
    let weight = slot(&args.weight, &mut fields);
    let cluster = slot(&args.cluster, &mut fields);
    let plan = Plan {
        by: args.by.len(),
        every: args.every.map(|p| match p {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
            PeriodArg::Year => Period::Year,
        }),
        date,
        weight,
        decimal,
        cluster,
        reposts: args.dedupe.map(|_| fields.len()),
        dedupe: args.dedupe,
        cooccurrence: args.cooccurrence,
    };
    source_opts.fields = fields;
    if args.dedupe.is_some() {
        source_opts.optional_fields = REPOST_FIELDS.iter().map(|s| s.to_string()).collect();
    }
    // 1. Lexicons compiled, then every input opened with its fields resolved.
    let Prepared {
        lexicons,
        matcher,
        mut sources,
    } = prepare(&args.input, &source_opts)?;
    let pool = thread_pool(args.input.threads)?;
    let total: Option<u64> = sources.iter().map(|s| s.info.size).sum();
    let bar = progress(total, args.input.quiet);

    // 3. Batches: read the next one while the workers scan this one.
    let mut tally = Tally {
        all: Counts::new(matcher.categories.len(), matcher.slots.len()),
        ..Tally::default()
    };
    let mut seen = HashSet::new();
    let paths: Vec<String> = sources.iter().map(|s| s.info.path.clone()).collect();
    drive(&mut sources, &pool, &bar, |idx, decoder, batch| {
        let part = scan_batch(&matcher, &plan, decoder, batch, idx, &mut seen);
        if args.input.strict {
            if let Some(first) = part.all.skip_examples.first() {
                return Err(strict_error(&paths[idx], first));
            }
        }
        tally += part;
        bar.set_message(format!(
            "{} posts",
            crate::report::thousands(tally.all.posts_read)
        ));
        Ok(())
    })?;
    debug_assert!(tally.all.is_consistent());

    // 4. What was skipped or could not be read, and where.
    if !args.input.quiet {
        warn_about(&tally, args, &sources);
    }

    // 5. Report.
    let provenance = Provenance {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        lexicons: lexicons
            .iter()
            .enumerate()
            .map(|(li, l)| LexiconRef {
                name: l.meta.name.clone(),
                version: l.meta.version.clone(),
                sha256: l.sha256.clone(),
                origin: l.origin.clone(),
                // As the matcher compiled them: one rule, in one place.
                deobfuscated: matcher
                    .deobfuscated
                    .iter()
                    .map(|&c| &matcher.categories[c as usize])
                    .filter(|c| c.lexicon == li)
                    .map(|c| c.id.clone())
                    .collect(),
            })
            .collect(),
        inputs: sources
            .iter()
            .map(|s| InputRef {
                path: s.info.path.clone(),
                bytes: s.stats.bytes.load(std::sync::atomic::Ordering::Relaxed),
                sha256: s.stats.sha256_hex(),
            })
            .collect(),
        options: options(args, &sources, overlap, decimal),
    };
    let categories: Vec<(String, String)> = matcher
        .categories
        .iter()
        .map(|c| (c.id.clone(), c.label.clone()))
        .collect();
    let slots: Vec<(u32, String)> = matcher
        .slots
        .iter()
        .map(|s| (s.category, s.term.clone()))
        .collect();
    let mut group_fields = args.by.clone();
    if let Some(p) = &plan.every {
        group_fields.push(json!(p).as_str().unwrap_or("period").to_string());
    }
    let layout = Layout {
        categories,
        slots,
        confidence: args.confidence,
        top_terms: args.top_terms,
        group_fields,
        min_posts: args.min_posts,
        weighted: args.weight.is_some(),
        bootstrap: args.cluster.as_ref().map(|_| (args.bootstrap, args.seed)),
        dedupe: args.dedupe.map(|d| match d {
            DedupeArg::Exact => "exact".to_string(),
            DedupeArg::Normalized => "normalized".to_string(),
        }),
    };
    Ok(TallyFile {
        schema: TALLY_SCHEMA.to_string(),
        provenance,
        layout,
        tally,
    })
}

fn warn_about(tally: &Tally, args: &AnalyzeArgs, sources: &[Source]) {
    let paths: Vec<String> = sources.iter().map(|s| s.info.path.clone()).collect();
    skipped(&tally.all, &paths, false);
    if tally.dates_missing + tally.dates_invalid > 0 {
        eprintln!(
            "lexiscope: warning: {} posts without a date and {} with a date that cannot be read are in the groups \"(no date)\" and \"(invalid date)\"",
            tally.dates_missing, tally.dates_invalid
        );
    }
    if tally.weights_invalid > 0 {
        eprintln!(
            "lexiscope: warning: {} posts have no readable --weight {:?} and count with weight 0",
            tally.weights_invalid,
            args.weight.as_deref().unwrap_or_default()
        );
    }
    if tally.weights_ambiguous > 0 {
        let other = if args.decimal == "." { "," } else { "." };
        eprintln!(
            "lexiscope: warning: {} weights such as \"1.234\" could be read either way; read with --decimal {:?}\n  hint: if the export writes thousands with {:?}, pass --decimal {:?}",
            tally.weights_ambiguous, args.decimal, args.decimal, other
        );
    }
}

/// Every option that changes a number, for the provenance block.
fn options(
    args: &AnalyzeArgs,
    sources: &[Source],
    overlap: Overlap,
    decimal: Decimal,
) -> BTreeMap<String, serde_json::Value> {
    let mut o = BTreeMap::new();
    o.insert("confidence".into(), json!(args.confidence));
    o.insert("interval".into(), json!("wilson"));
    o.insert("overlap".into(), json!(overlap));
    o.insert("match_urls".into(), json!(args.input.match_urls));
    o.insert("strict".into(), json!(args.input.strict));
    o.insert("top_terms".into(), json!(args.top_terms));
    if !args.by.is_empty() {
        o.insert("by".into(), json!(args.by));
    }
    if let Some(every) = args.every {
        o.insert("every".into(), json!(format!("{every:?}").to_lowercase()));
        let resolved: Vec<&String> = sources
            .iter()
            .filter_map(|s| s.info.date.as_ref())
            .collect();
        match (&args.date, resolved.first()) {
            (Some(d), _) => o.insert("date".into(), json!(d)),
            (None, Some(d)) => o.insert("date".into(), json!(d)),
            (None, None) => o.insert("date".into(), json!(null)),
        };
        o.insert("time_zone".into(), json!("UTC"));
    }
    if args.min_posts > 1 {
        o.insert("min_posts".into(), json!(args.min_posts));
    }
    if let Some(w) = &args.weight {
        o.insert("weight".into(), json!(w));
        o.insert("decimal".into(), json!(decimal));
    }
    if let Some(d) = args.dedupe {
        o.insert("dedupe".into(), json!(format!("{d:?}").to_lowercase()));
    }
    if let Some(c) = &args.cluster {
        o.insert("cluster".into(), json!(c));
        o.insert("bootstrap".into(), json!(args.bootstrap));
        o.insert("seed".into(), json!(args.seed));
    }
    if args.cooccurrence {
        o.insert("cooccurrence".into(), json!(true));
    }
    let fields: Vec<serde_json::Value> = sources
        .iter()
        .map(|s| {
            json!({
                "path": s.info.path,
                "format": s.info.format,
                "delimiter": s.info.delimiter.map(|d| (d as char).to_string()),
                "no_header": args.input.no_header,
                "text": s.info.text,
                "id": s.info.id,
                "preset": s.info.preset,
            })
        })
        .collect();
    o.insert("fields".into(), json!(fields));
    o
}
