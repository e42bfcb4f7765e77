//! The one batch driver every run over posts goes through: read a batch
//! of raw records sequentially, and while the worker threads decode, scan
//! and turn its posts into results, read the next one (`rayon::join` on
//! the run's own pool); report progress; apply `--strict`; count and note
//! what was skipped.
//!
//! Two ways to consume a batch:
//! - [`Driver::map`]: one result per record, handed to a sink in input
//!   order (kwic, annotate, sample, evaluate, lexicon diff, analyze with
//!   `--dedupe`, whose "first occurrence wins" must not depend on threads);
//! - [`Driver::fold`]: per-thread accumulators merged once per batch
//!   (analyze), so nothing is allocated per post for the merge.
//!
//! Records are decoded in chunks of [`DECODE_CHUNK`] so that a record
//! holding several posts (an X page) needs no allocation of its own, and
//! the output order, like every number, is the same whatever the number of
//! threads.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use rayon::prelude::*;

use super::prepare::Prepared;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::matcher::{Matcher, Scratch};
use crate::observer::{Note, NoteKind, Observer};
use crate::source::{Batch, Decoder, Post, Skip, Source};
use crate::stats::{Counts, SkipLog, Tally};

/// Records decoded by one task of the pool.
pub const DECODE_CHUNK: usize = 64;

/// Where a post comes from: the index and path of its input.
#[derive(Clone, Copy, Debug)]
pub struct Origin<'a> {
    /// Index of the input in the run.
    pub input: usize,
    /// Its path as given.
    pub path: &'a str,
}

/// One record as a sink sees it.
#[derive(Clone, Debug)]
pub enum Record<T> {
    /// A post, turned into a result by the worker threads.
    Post(T),
    /// A record that is not a post, and why (never under `--strict`).
    Skipped(SkipLog),
}

/// An accumulator of [`Driver::fold`]: mergeable, with the counts that
/// hold its skipped records.
pub trait Folded: Send + Sized {
    /// Add another thread's accumulator.
    fn merge(&mut self, other: Self);
    /// The counts with the skipped records.
    fn counts(&self) -> &Counts;
}

impl Folded for Tally {
    fn merge(&mut self, other: Self) {
        *self += other;
    }
    fn counts(&self) -> &Counts {
        &self.all
    }
}

/// Where the reading stands.
#[derive(Default)]
struct Cursor {
    input: usize,
    cur: Batch,
    next: Batch,
    /// `cur` holds the first batch of the current input.
    primed: bool,
    /// Bytes of the inputs already finished.
    done_bytes: u64,
    started: bool,
    finished: bool,
}

/// Drives the batches of a prepared run.
pub struct Driver {
    prepared: Prepared,
    pool: rayon::ThreadPool,
    observer: Arc<dyn Observer>,
    cursor: Cursor,
    paths: Vec<String>,
    state: State,
}

/// What the driver keeps across batches besides the reading.
struct State {
    strict: bool,
    /// Every skipped record so far (reasons and first locations).
    skipped: Counts,
    /// Records read so far, told to the observer after each batch when
    /// `report_posts` is set.
    posts_read: u64,
    report_posts: bool,
    /// The skipped records were noted (once, at the end).
    noted: bool,
}

impl State {
    /// One record of input `origin`: under `--strict` a skipped record is an
    /// error; otherwise it is counted. The one place the strict rule of a
    /// record is applied.
    fn admit<T>(
        &mut self,
        origin: Origin,
        rec: std::result::Result<T, SkipLog>,
    ) -> Result<Record<T>> {
        self.posts_read += 1;
        match rec {
            Ok(t) => Ok(Record::Post(t)),
            Err(log) if self.strict => Err(strict_error(origin.path, &log)),
            Err(log) => {
                self.skipped.skip(log.clone());
                Ok(Record::Skipped(log))
            }
        }
    }

    /// The counts of a folded batch of input `origin`, with the same rule.
    fn admit_batch(&mut self, origin: Origin, counts: &Counts) -> Result<()> {
        if let Some(first) = counts.skip_examples.first() {
            if self.strict {
                return Err(strict_error(origin.path, first));
            }
            self.skipped.add_skips(counts);
        }
        self.posts_read += counts.posts_read;
        Ok(())
    }
}

impl Driver {
    /// A driver over `prepared` with the pool, strictness and observer of
    /// `config`.
    pub fn new(prepared: Prepared, config: &Config) -> Result<Driver> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(worker_threads(config))
            .build()?;
        let paths = prepared
            .sources
            .iter()
            .map(|s| s.info.path.clone())
            .collect();
        Ok(Driver {
            prepared,
            pool,
            observer: Arc::clone(&config.observer),
            cursor: Cursor::default(),
            paths,
            state: State {
                strict: config.strict,
                skipped: Counts::default(),
                posts_read: 0,
                report_posts: false,
                noted: false,
            },
        })
    }

    /// Tell the observer how many records were read after each batch.
    pub fn reporting_posts(mut self) -> Driver {
        self.state.report_posts = true;
        self
    }

    /// The lexicons, matcher and inputs.
    pub fn prepared(&self) -> &Prepared {
        &self.prepared
    }

    /// The compiled lexicons.
    pub fn matcher(&self) -> &Matcher {
        &self.prepared.matcher
    }

    /// The input paths, in order.
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    /// The skipped records so far.
    pub fn skipped(&self) -> &Counts {
        &self.state.skipped
    }

    /// The prepared run back, once it is driven.
    pub fn into_prepared(self) -> Prepared {
        self.prepared
    }

    /// Every record in input order: `per_post` turns each post (scanned)
    /// into a `T` on the worker threads, `sink` takes the records in order
    /// while the next batch is read.
    pub fn map<T, F, S>(&mut self, per_post: F, mut sink: S) -> Result<()>
    where
        T: Send,
        F: Fn(&Matcher, Origin, &Post, &Scratch) -> T + Sync,
        S: FnMut(Origin, Record<T>) -> Result<()> + Send,
    {
        while let Some(step) = self.next(|m, origin, dec, batch, state| {
            for rec in map_batch(m, dec, batch, origin, &per_post) {
                sink(origin, state.admit(origin, rec)?)?;
            }
            Ok(())
        }) {
            step?;
        }
        Ok(())
    }

    /// The results of the next batch in input order, or `None` at the end
    /// (the pull form of [`Driver::map`], for iterators).
    pub fn map_next<T, F>(&mut self, per_post: F) -> Option<Result<Vec<Record<T>>>>
    where
        T: Send,
        F: Fn(&Matcher, Origin, &Post, &Scratch) -> T + Sync,
    {
        self.next(|m, origin, dec, batch, state| {
            map_batch(m, dec, batch, origin, &per_post)
                .into_iter()
                .map(|rec| state.admit(origin, rec))
                .collect()
        })
    }

    /// Every record folded into per-thread accumulators (`init`, then
    /// `per_record` with the post scanned, or the skipped record); each
    /// batch's merged accumulator goes to `batch_done`.
    pub fn fold<A, I, F, D>(&mut self, init: I, per_record: F, mut batch_done: D) -> Result<()>
    where
        A: Folded,
        I: Fn() -> A + Sync + Send,
        F: Fn(&mut A, &Matcher, std::result::Result<(&Post, &Scratch), SkipLog>) + Sync + Send,
        D: FnMut(A) -> Result<()> + Send,
    {
        while let Some(step) = self.next(|m, origin, dec, batch, state| {
            let part = fold_batch(m, dec, batch, origin.input, &init, &per_record);
            state.admit_batch(origin, part.counts())?;
            batch_done(part)
        }) {
            step?;
        }
        Ok(())
    }

    /// The next batch through `work`; after it, the records read so far to
    /// the observer (when asked), and at the end the skipped records.
    fn next<R: Send>(
        &mut self,
        work: impl FnOnce(&Matcher, Origin, &Decoder, &Batch, &mut State) -> Result<R> + Send,
    ) -> Option<Result<R>> {
        let Driver {
            prepared,
            pool,
            observer,
            cursor,
            paths,
            state,
        } = self;
        let next = step(prepared, cursor, pool, &**observer, |m, idx, dec, batch| {
            let origin = Origin {
                input: idx,
                path: &paths[idx],
            };
            work(m, origin, dec, batch, state)
        });
        match next {
            None if !self.state.noted => {
                self.state.noted = true;
                self.note_skipped();
            }
            Some(_) if self.state.report_posts => self.observer.posts(self.state.posts_read),
            _ => {}
        }
        next
    }

    /// Note the skipped records, the first few with their `file:line`.
    fn note_skipped(&self) {
        let counts = &self.state.skipped;
        if counts.posts_skipped() == 0 {
            return;
        }
        let mut msg = format!(
            "{} records skipped ({}); first ones:",
            counts.posts_skipped(),
            counts
                .skipped_by_reason
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for s in &counts.skip_examples {
            msg.push_str(&format!(
                "\n  {}:{}: {}: {}",
                self.paths[s.input], s.line, s.reason, s.detail
            ));
        }
        if counts.skipped_by_reason.contains_key("invalid_utf8") {
            // The head looked like UTF-8 (often plain ASCII) but later bytes
            // are not: an Excel or legacy export whose accents start late.
            msg.push_str(
                "\n  hint: posts that are not UTF-8 are often Windows-1252 or Latin-1 \
                 (Excel on Windows): re-run with --encoding windows-1252, or re-save as UTF-8",
            );
        }
        if counts.skipped_by_reason.contains_key("nul_text") {
            msg.push_str(
                "\n  hint: text full of NUL bytes is UTF-16 read as UTF-8: re-run with \
                 --encoding utf-16le (or utf-16be), or re-save the file as UTF-8",
            );
        }
        msg.push_str("\n  hint: --strict makes the first malformed record an error");
        self.observer.note(&Note::new(NoteKind::Skipped, msg));
    }
}

/// Read the next batch of the run and give it to `work` while the batch
/// after it is read; `None` when every input is read. The only place that
/// reads batches.
fn step<R: Send>(
    prepared: &mut Prepared,
    cursor: &mut Cursor,
    pool: &rayon::ThreadPool,
    observer: &dyn Observer,
    work: impl FnOnce(&Matcher, usize, &Decoder, &Batch) -> Result<R> + Send,
) -> Option<Result<R>> {
    let Prepared {
        matcher, sources, ..
    } = prepared;
    let matcher = &*matcher;
    if !cursor.started {
        cursor.started = true;
        observer.start(sources.iter().map(|s| s.info.size).sum());
    }
    loop {
        let idx = cursor.input;
        let Some(Source {
            reader,
            decoder,
            stats,
            info,
        }) = sources.get_mut(idx)
        else {
            if !cursor.finished {
                cursor.finished = true;
                observer.finish();
            }
            return None;
        };
        if !cursor.primed {
            cursor.primed = true;
            if let Err(err) = reader.fill(&mut cursor.cur) {
                return Some(Err(err));
            }
        }
        if cursor.cur.is_empty() {
            if let Some(msg) = reader.closing_note() {
                observer.note(&Note::new(
                    NoteKind::Warning,
                    format!("{}: {msg}", info.path),
                ));
            }
            cursor.done_bytes += stats.bytes.load(Ordering::Relaxed);
            cursor.input += 1;
            cursor.primed = false;
            continue;
        }
        let (cur, next) = (&cursor.cur, &mut cursor.next);
        let decoder = &*decoder;
        let (read, worked) =
            pool.install(|| rayon::join(|| reader.fill(next), || work(matcher, idx, decoder, cur)));
        let result = match (worked, read) {
            (Err(err), _) | (Ok(_), Err(err)) => Err(err),
            (Ok(r), Ok(_)) => Ok(r),
        };
        std::mem::swap(&mut cursor.cur, &mut cursor.next);
        observer.progress(cursor.done_bytes + stats.bytes.load(Ordering::Relaxed));
        return Some(result);
    }
}

/// The error `--strict` turns a skipped record into.
fn strict_error(path: &str, first: &SkipLog) -> Error {
    Error::input(
        path,
        Some(first.line),
        format!(
            "{} ({}); --strict stops at the first malformed record",
            first.detail, first.reason
        ),
    )
}

/// The log entry of a skipped record of input `input`.
fn skip_log(input: usize, skip: Skip) -> SkipLog {
    SkipLog {
        input,
        line: skip.line,
        reason: skip.reason.to_string(),
        detail: skip.detail,
    }
}

/// Decode, scan and turn every post of a batch into a `T` in parallel, in
/// input order; skipped records come as `Err`.
fn map_batch<T, F>(
    matcher: &Matcher,
    decoder: &Decoder,
    batch: &Batch,
    origin: Origin,
    per_post: &F,
) -> Vec<std::result::Result<T, SkipLog>>
where
    T: Send,
    F: Fn(&Matcher, Origin, &Post, &Scratch) -> T + Sync,
{
    let n = batch.len();
    let chunks: Vec<Vec<std::result::Result<T, SkipLog>>> = (0..n.div_ceil(DECODE_CHUNK))
        .into_par_iter()
        .map_init(Scratch::default, |scratch, k| {
            let mut out = Vec::with_capacity(DECODE_CHUNK);
            for i in k * DECODE_CHUNK..((k + 1) * DECODE_CHUNK).min(n) {
                decoder.decode_each(batch, i, &mut |decoded| {
                    out.push(match decoded {
                        Err(skip) => Err(skip_log(origin.input, skip)),
                        Ok(post) => {
                            matcher.scan(&post.text, scratch);
                            Ok(per_post(matcher, origin, &post, scratch))
                        }
                    })
                });
            }
            out
        })
        .collect();
    chunks.into_iter().flatten().collect()
}

/// Decode, scan and fold every post of a batch into per-thread
/// accumulators, merged once.
fn fold_batch<A, I, F>(
    matcher: &Matcher,
    decoder: &Decoder,
    batch: &Batch,
    input: usize,
    init: &I,
    per_record: &F,
) -> A
where
    A: Folded,
    I: Fn() -> A + Sync,
    F: Fn(&mut A, &Matcher, std::result::Result<(&Post, &Scratch), SkipLog>) + Sync,
{
    (0..batch.len())
        .into_par_iter()
        .with_min_len(DECODE_CHUNK)
        .fold(
            || (Scratch::default(), init()),
            |(mut scratch, mut acc), i| {
                decoder.decode_each(batch, i, &mut |decoded| match decoded {
                    Err(skip) => per_record(&mut acc, matcher, Err(skip_log(input, skip))),
                    Ok(post) => {
                        matcher.scan(&post.text, &mut scratch);
                        per_record(&mut acc, matcher, Ok((&post, &scratch)));
                    }
                });
                (scratch, acc)
            },
        )
        .map(|(_, acc)| acc)
        .reduce(init, |mut a, b| {
            a.merge(b);
            a
        })
}

/// Worker threads per core at most: matching is CPU-bound, so more threads
/// than this only add memory and scheduling (`-j 20000` started 20,000
/// threads and loaded the machine to 2,000).
pub const MAX_THREADS_PER_CORE: usize = 4;

/// The pool size for `config.threads`: `0` (rayon's default, one per
/// core) when none is asked, the number asked up to
/// [`MAX_THREADS_PER_CORE`] × the cores, with a warning when capped.
fn worker_threads(config: &Config) -> usize {
    let Some(asked) = config.threads else {
        return 0;
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cap = cores * MAX_THREADS_PER_CORE;
    if asked > cap {
        config.observer.note(&Note::new(
            NoteKind::Warning,
            format!(
                "-j {asked}: this machine has {cores} core(s); using {cap} threads \
                 ({MAX_THREADS_PER_CORE} per core at most)"
            ),
        ));
        return cap;
    }
    asked
}
