//! One file per subcommand; each reads like the pipeline: compile the lexicon
//! (fail before reading data) → open sources → read a batch → scan in
//! parallel → merge the tally → build the report → render. This file holds
//! the dispatch and what the commands share: loading lexicons, the progress
//! bar and writing an output file whole or not at all.

pub mod analyze;
pub mod annotate;
pub mod check;
pub mod evaluate;
pub mod formats;
pub mod kwic;
pub mod lexicon;
pub mod merge;
pub mod reproduce;
pub mod sample;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{
    Cli, Command, InputArgs, InputFormatArg, LexiconCommand, LexiconFormatArg, OverlapArg,
    PresetArg,
};
use crate::error::{Error, Result};
use crate::lexicon::{Lexicon, LexiconFormat};
use crate::matcher::Scratch;
use crate::matcher::{self, MatchOptions, Matcher, Overlap};
use crate::source::preset::Preset;
use crate::source::{Batch, Decoder, Post, Source};
use crate::source::{InputFormat, PresetChoice, SourceOptions};
use crate::stats::SkipLog;
use std::sync::atomic::Ordering;

/// Temporary output files not yet renamed into place: an interrupted run
/// (Ctrl-C, SIGTERM) removes them, so it leaves no half-written output.
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// On SIGINT/SIGTERM: remove pending temporary outputs, exit 130.
fn handle_interrupts() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(paths) = PENDING.lock() {
            for p in paths.iter() {
                let _ = std::fs::remove_file(p);
            }
        }
        eprintln!("lexiscope: interrupted; no output was written");
        std::process::exit(130);
    });
}

fn pending(path: &Path, add: bool) {
    if let Ok(mut paths) = PENDING.lock() {
        if add {
            paths.push(path.to_path_buf());
        } else {
            paths.retain(|p| p != path);
        }
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    handle_interrupts();
    match cli.command {
        Command::Analyze(args) => analyze::run(&args).context("analyze"),
        Command::Kwic(args) => kwic::run(&args).context("kwic"),
        Command::Annotate(args) => annotate::run(&args).context("annotate"),
        Command::Sample(args) => sample::run(&args).context("sample"),
        Command::Evaluate(args) => evaluate::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Reproduce(args) => reproduce::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::Formats => formats::run(),
        Command::Lexicon(LexiconCommand::Test(args)) => lexicon::test(&args),
        Command::Lexicon(LexiconCommand::Lint(args)) => lexicon::lint(&args),
        Command::Lexicon(LexiconCommand::Diff(args)) => lexicon::diff(&args),
        Command::Lexicon(LexiconCommand::Show(args)) => lexicon::show(&args),
        Command::Lexicon(LexiconCommand::Convert(args)) => lexicon::convert(&args),
    }
}

/// The lexicon format of a flag.
pub fn lexicon_format_of(arg: LexiconFormatArg) -> LexiconFormat {
    match arg {
        LexiconFormatArg::Toml => LexiconFormat::Native,
        LexiconFormatArg::Dic => LexiconFormat::Dic,
        LexiconFormatArg::Dicx => LexiconFormat::Dicx,
        LexiconFormatArg::Yaml => LexiconFormat::Yaml,
        LexiconFormatArg::Cat => LexiconFormat::Cat,
        LexiconFormatArg::Lc3 => LexiconFormat::Lc3,
        LexiconFormatArg::Tsv => LexiconFormat::List,
    }
}

/// How many import warnings of one lexicon are printed before a count.
const MAX_IMPORT_WARNINGS: usize = 10;

/// Load one lexicon (file or built-in name) and print its import warnings
/// on stderr unless `quiet`.
pub fn load_lexicon(spec: &str, format: Option<LexiconFormat>, quiet: bool) -> Result<Lexicon> {
    let (lex, warnings) = Lexicon::load_with(spec, format)?;
    if !quiet {
        for w in warnings.iter().take(MAX_IMPORT_WARNINGS) {
            eprintln!("lexiscope: warning: {w}");
        }
        if warnings.len() > MAX_IMPORT_WARNINGS {
            eprintln!(
                "lexiscope: warning: {}: {} more import warnings",
                lex.origin,
                warnings.len() - MAX_IMPORT_WARNINGS
            );
        }
    }
    Ok(lex)
}

/// Load the lexicons named on the command line (in `format`, or each by its
/// extension), or the built-in default; import warnings go to stderr.
pub fn load_lexicons(
    specs: &[String],
    format: Option<LexiconFormatArg>,
    quiet: bool,
) -> Result<Vec<Lexicon>> {
    if specs.is_empty() {
        return Ok(vec![Lexicon::builtin_default()]);
    }
    let format = format.map(lexicon_format_of);
    specs
        .iter()
        .map(|s| load_lexicon(s, format, quiet))
        .collect()
}

/// The overlap policy of a flag.
pub fn overlap_of(arg: OverlapArg) -> Overlap {
    match arg {
        OverlapArg::LeftmostLongest => Overlap::LeftmostLongest,
        OverlapArg::PerCategory => Overlap::PerCategory,
    }
}

/// Source options from the common input flags (the command adds its fields).
pub fn source_options(args: &InputArgs) -> Result<SourceOptions> {
    Ok(SourceOptions {
        format: args.input_format.map(|f| match f {
            InputFormatArg::Csv => InputFormat::Csv,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::X => InputFormat::X,
            InputFormatArg::Telegram => InputFormat::Telegram,
            InputFormatArg::Whatsapp => InputFormat::Whatsapp,
        }),
        delimiter: args.delimiter.as_deref().map(parse_delimiter).transpose()?,
        no_header: args.no_header,
        text: args.text.clone(),
        id: args.id.clone(),
        fields: Vec::new(),
        optional_fields: Vec::new(),
        max_record_bytes: args.max_field_bytes,
        preset: match args.preset {
            None => PresetChoice::Auto,
            Some(PresetArg::None) => PresetChoice::Off,
            Some(PresetArg::Crowdtangle) => PresetChoice::Forced(Preset::CrowdTangle),
            Some(PresetArg::Meta) => PresetChoice::Forced(Preset::Meta),
            Some(PresetArg::FourCat) => PresetChoice::Forced(Preset::FourCat),
        },
        dayfirst: if args.dayfirst {
            Some(true)
        } else if args.monthfirst {
            Some(false)
        } else {
            None
        },
    })
}

/// Parse `--delimiter`: one ASCII character, or `tab`, `\t`.
pub fn parse_delimiter(s: &str) -> Result<u8> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(Error::Usage(format!(
            "--delimiter {s:?}: expected one ASCII character or \"tab\""
        ))),
    }
}

/// Lexicons, their matcher and the opened inputs: what every command that
/// reads posts starts from.
pub struct Prepared {
    /// The lexicons, in order.
    pub lexicons: Vec<Lexicon>,
    /// Their compiled matcher.
    pub matcher: Matcher,
    /// The inputs, fields resolved.
    pub sources: Vec<Source>,
}

/// Compile the lexicons (a bad one fails before any input is touched), then
/// open every input and resolve its fields; say on stderr what is read.
pub fn prepare(args: &InputArgs, source_opts: &SourceOptions) -> Result<Prepared> {
    let lexicons = load_lexicons(&args.lexicons, args.lexicon_format, args.quiet)?;
    let matcher = matcher::compile(
        &lexicons,
        &MatchOptions {
            overlap: overlap_of(args.overlap),
            match_urls: args.match_urls,
        },
    )?;
    if !args.quiet {
        for w in &matcher.warnings {
            eprintln!("lexiscope: warning: {w}");
        }
    }
    let sources = args
        .inputs
        .iter()
        .map(|p| Source::open(p, source_opts))
        .collect::<Result<Vec<_>>>()?;
    if !args.quiet {
        for s in &sources {
            eprintln!("lexiscope: reading {}", s.info.describe());
        }
    }
    Ok(Prepared {
        lexicons,
        matcher,
        sources,
    })
}

/// A progress bar on stderr over `total` input bytes, drawn only when stderr
/// is a terminal and the user did not ask for quiet.
pub fn progress(total: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let style = ProgressStyle::with_template(
        "{spinner} {bytes}/{total_bytes} [{bar:30}] {binary_bytes_per_sec} ETA {eta} {msg}",
    )
    .expect("the template is valid")
    .progress_chars("█▌ ");
    bar.set_style(style);
    bar
}

/// The worker pool (`-j`; 0 = all cores).
pub fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(Error::Threads)
}

/// Read every source batch by batch and hand each batch to `work` (with the
/// input's index and decoder), reading the next batch while `work` runs.
pub fn drive<F>(
    sources: &mut [Source],
    pool: &rayon::ThreadPool,
    bar: &ProgressBar,
    mut work: F,
) -> Result<()>
where
    F: FnMut(usize, &Decoder, &Batch) -> Result<()> + Send,
{
    let mut done_bytes = 0;
    for (idx, src) in sources.iter_mut().enumerate() {
        let Source {
            reader,
            decoder,
            stats,
            ..
        } = src;
        let mut cur = Batch::default();
        let mut next = Batch::default();
        reader.fill(&mut cur)?;
        while !cur.is_empty() {
            let (read, worked) = pool
                .install(|| rayon::join(|| reader.fill(&mut next), || work(idx, decoder, &cur)));
            worked?;
            read?;
            std::mem::swap(&mut cur, &mut next);
            bar.set_position(done_bytes + stats.bytes.load(Ordering::Relaxed));
        }
        done_bytes += stats.bytes.load(Ordering::Relaxed);
    }
    bar.finish_and_clear();
    Ok(())
}

/// The term hits that made the rule of hit `index` fire (empty for a
/// term category's hit), for `kwic` and `annotate`.
pub fn fired_terms(
    matcher: &Matcher,
    scratch: &Scratch,
    index: usize,
    text: &str,
) -> Vec<crate::report::FiredTerm> {
    scratch.rule_parts(index).map_or_else(Vec::new, |parts| {
        parts
            .iter()
            .map(|p| crate::report::FiredTerm {
                term: matcher.part_term(p).to_string(),
                matched: text[p.orig_start..p.orig_end].to_string(),
                start: p.orig_start,
                end: p.orig_end,
            })
            .collect()
    })
}

/// Decode, scan and turn every post of a batch into a `T` in parallel,
/// then hand the results to `sink` in input order. Skipped records come as
/// `Err`, with the skip already logged.
pub fn map_batch<T, F>(
    matcher: &Matcher,
    decoder: &Decoder,
    batch: &Batch,
    input: usize,
    per_post: F,
) -> Vec<std::result::Result<T, SkipLog>>
where
    T: Send,
    F: Fn(&Post, &Scratch) -> T + Sync,
{
    use rayon::prelude::*;
    // Records are decoded in chunks so that a record holding several posts
    // (an X page) needs no allocation of its own; chunks keep input order.
    let n = batch.len();
    let chunks: Vec<Vec<std::result::Result<T, SkipLog>>> = (0..n.div_ceil(DECODE_CHUNK))
        .into_par_iter()
        .map_init(Scratch::default, |scratch, k| {
            let mut out = Vec::with_capacity(DECODE_CHUNK);
            for i in k * DECODE_CHUNK..((k + 1) * DECODE_CHUNK).min(n) {
                decoder.decode_each(batch, i, &mut |decoded| {
                    out.push(match decoded {
                        Err(skip) => Err(skip_log(input, skip)),
                        Ok(post) => {
                            matcher.scan(&post.text, scratch);
                            Ok(per_post(&post, scratch))
                        }
                    })
                });
            }
            out
        })
        .collect();
    chunks.into_iter().flatten().collect()
}

/// Records decoded by one task of the pool.
pub const DECODE_CHUNK: usize = 64;

/// The log entry of a skipped record of input `input`.
pub fn skip_log(input: usize, skip: crate::source::Skip) -> SkipLog {
    SkipLog {
        input,
        line: skip.line,
        reason: skip.reason.to_string(),
        detail: skip.detail,
    }
}

/// Report skipped records on stderr (the first few), or fail under `--strict`.
pub fn skipped(counts: &crate::stats::Counts, paths: &[String], quiet: bool) {
    if counts.posts_skipped() == 0 || quiet {
        return;
    }
    eprintln!(
        "lexiscope: warning: {} records skipped ({}); first ones:",
        counts.posts_skipped(),
        counts
            .skipped_by_reason
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for s in &counts.skip_examples {
        eprintln!(
            "  {}:{}: {}: {}",
            paths[s.input], s.line, s.reason, s.detail
        );
    }
    eprintln!("  hint: --strict makes the first malformed record an error");
}

/// The error `--strict` turns a skipped record into.
pub fn strict_error(path: &str, first: &SkipLog) -> Error {
    Error::Input {
        path: path.to_string(),
        line: Some(first.line),
        msg: format!(
            "{} ({}); --strict stops at the first malformed record",
            first.detail, first.reason
        ),
    }
}

/// Where a command's output goes: stdout, or a file written through a
/// temporary sibling and renamed at the end, so an interrupted run leaves no
/// half-written file.
pub struct Output {
    target: Option<(PathBuf, tempfile::NamedTempFile)>,
}

impl Output {
    /// Open `path`, or stdout when `None`.
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(path) = path else {
            return Ok(Output { target: None });
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".lexiscope-")
            .tempfile_in(dir)
            .map_err(|e| Error::io(path, e))?;
        pending(tmp.path(), true);
        Ok(Output {
            target: Some((path.to_path_buf(), tmp)),
        })
    }

    /// Write with `f`, then commit (rename into place, or flush stdout).
    pub fn write_with(
        self,
        f: impl FnOnce(&mut (dyn Write + Send)) -> std::io::Result<()>,
    ) -> Result<()> {
        match self.target {
            None => {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
                f(&mut out)
                    .and_then(|()| out.flush())
                    .map_err(|e| Error::io("<stdout>", e))
            }
            Some((path, tmp)) => {
                let mut out = std::io::BufWriter::new(tmp.as_file());
                f(&mut out)
                    .and_then(|()| out.flush())
                    .map_err(|e| Error::io(&path, e))?;
                drop(out);
                let tmp_path = tmp.path().to_path_buf();
                let result = tmp.persist(&path).map_err(|e| Error::io(&path, e.error));
                pending(&tmp_path, false);
                result.map(|_| ())
            }
        }
    }
}
