//! `lexiscope analyze`: the share of posts per category with intervals.
//!
//! compile lexicons → open every input (fields resolved, so a missing column
//! fails before any post is read) → for each batch: read the next batch while
//! the workers scan this one → fold per-thread counts → report → render.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::json;

use crate::cli::{AnalyzeArgs, InputFormatArg, OutputFormatArg, OverlapArg};
use crate::error::{Error, Result};
use crate::matcher::{self, MatchOptions, Matcher, Overlap, Scratch};
use crate::report::{InputRef, Layout, LexiconRef, OutputFormat, Provenance, Report};
use crate::source::{Batch, Decoder, InputFormat, Source, SourceOptions};
use crate::stats::{Counts, SkipLog};

use super::{Output, load_lexicons, progress};

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

/// Scan one batch in parallel and fold its counts.
pub fn scan_batch(matcher: &Matcher, decoder: &Decoder, batch: &Batch, input: usize) -> Counts {
    let (ncat, nslots) = (matcher.categories.len(), matcher.slots.len());
    (0..batch.len())
        .into_par_iter()
        .with_min_len(64)
        .fold(
            || (Scratch::default(), Counts::new(ncat, nslots)),
            |(mut scratch, mut counts), i| {
                match decoder.decode(batch, i) {
                    Err(skip) => counts.skip(SkipLog {
                        input,
                        line: skip.line,
                        reason: skip.reason.to_string(),
                        detail: skip.detail,
                    }),
                    Ok(post) => {
                        matcher.scan(&post.text, &mut scratch);
                        if scratch.norm.tokens.is_empty() {
                            counts.empty();
                        } else {
                            let hits = scratch.hits().iter().map(|h| h.category);
                            counts.post(hits, &scratch.term_hits, scratch.norm.word_count());
                        }
                    }
                }
                (scratch, counts)
            },
        )
        .map(|(_, counts)| counts)
        .reduce(
            || Counts::new(ncat, nslots),
            |mut a, b| {
                a += b;
                a
            },
        )
}

/// Run `analyze`.
pub fn run(args: &AnalyzeArgs) -> Result<()> {
    if !(args.confidence > 0.0 && args.confidence < 1.0) {
        return Err(Error::Usage(format!(
            "--confidence {}: expected a level between 0 and 1, such as 0.95",
            args.confidence
        )));
    }
    let overlap = match args.overlap {
        OverlapArg::LeftmostLongest => Overlap::LeftmostLongest,
        OverlapArg::PerCategory => Overlap::PerCategory,
    };
    // 1. Lexicons, compiled before any input is opened.
    let lexicons = load_lexicons(&args.lexicons)?;
    let matcher = matcher::compile(
        &lexicons,
        &MatchOptions {
            overlap,
            match_urls: args.match_urls,
        },
    )?;
    if !args.quiet {
        for w in &matcher.warnings {
            eprintln!("lexiscope: warning: {w}");
        }
    }
    // 2. Sources, fields resolved.
    let source_opts = SourceOptions {
        format: args.input_format.map(|f| match f {
            InputFormatArg::Csv => InputFormat::Csv,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
        }),
        delimiter: args.delimiter.as_deref().map(parse_delimiter).transpose()?,
        no_header: args.no_header,
        text: args.text.clone(),
        id: args.id.clone(),
        fields: Vec::new(),
    };
    let mut sources = args
        .inputs
        .iter()
        .map(|p| Source::open(p, &source_opts))
        .collect::<Result<Vec<_>>>()?;
    if !args.quiet {
        for s in &sources {
            eprintln!("lexiscope: reading {}", s.info.describe());
        }
    }
    let output = Output::open(args.output.as_deref())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    let total: Option<u64> = sources.iter().map(|s| s.info.size).sum();
    let bar = progress(total, args.quiet);

    // 3. Batches: read the next one while the workers scan this one.
    let mut counts = Counts::new(matcher.categories.len(), matcher.slots.len());
    let mut done_bytes = 0;
    for (idx, src) in sources.iter_mut().enumerate() {
        let mut cur = Batch::default();
        let mut next = Batch::default();
        src.fill(&mut cur)?;
        while !cur.is_empty() {
            let Source {
                reader, decoder, ..
            } = &mut *src;
            let (read, part) = pool.install(|| {
                rayon::join(
                    || reader.fill(&mut next),
                    || scan_batch(&matcher, decoder, &cur, idx),
                )
            });
            if args.strict {
                if let Some(first) = part.skip_examples.first() {
                    return Err(Error::Input {
                        location: format!("{}:{}", src.info.path, first.line),
                        msg: format!(
                            "{} ({}); --strict stops at the first malformed record",
                            first.detail, first.reason
                        ),
                    });
                }
            }
            counts += part;
            read?;
            std::mem::swap(&mut cur, &mut next);
            bar.set_position(
                done_bytes + src.stats.bytes.load(std::sync::atomic::Ordering::Relaxed),
            );
            bar.set_message(format!(
                "{} posts",
                crate::report::thousands(counts.posts_read)
            ));
        }
        done_bytes += src.stats.bytes.load(std::sync::atomic::Ordering::Relaxed);
    }
    bar.finish_and_clear();
    debug_assert!(counts.is_consistent());

    // 4. What was skipped, where.
    if counts.posts_skipped() > 0 && !args.quiet {
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
                sources[s.input].info.path, s.line, s.reason, s.detail
            );
        }
        eprintln!("  hint: --strict makes the first malformed record an error");
    }

    // 5. Report.
    let provenance = Provenance {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        lexicons: lexicons
            .iter()
            .map(|l| LexiconRef {
                name: l.meta.name.clone(),
                version: l.meta.version.clone(),
                sha256: l.sha256.clone(),
                origin: l.origin.clone(),
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
        options: options(args, &sources, overlap),
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
    let layout = Layout {
        categories: &categories,
        slots: &slots,
        confidence: args.confidence,
        top_terms: args.top_terms,
    };
    let report = Report::build(&counts, &layout, provenance);
    let format = output_format(args.format, args.output.as_deref());
    output.write_with(|out| report.render(format, out, args.raw_csv))
}

/// Every option that changes a number, for the provenance block.
fn options(
    args: &AnalyzeArgs,
    sources: &[Source],
    overlap: Overlap,
) -> BTreeMap<String, serde_json::Value> {
    let mut o = BTreeMap::new();
    o.insert("confidence".into(), json!(args.confidence));
    o.insert("interval".into(), json!("wilson"));
    o.insert("overlap".into(), json!(overlap));
    o.insert("match_urls".into(), json!(args.match_urls));
    o.insert("strict".into(), json!(args.strict));
    o.insert("top_terms".into(), json!(args.top_terms));
    let fields: Vec<serde_json::Value> = sources
        .iter()
        .map(|s| {
            json!({
                "path": s.info.path,
                "format": s.info.format,
                "delimiter": s.info.delimiter.map(|d| (d as char).to_string()),
                "no_header": args.no_header,
                "text": s.info.text,
                "id": s.info.id,
            })
        })
        .collect();
    o.insert("fields".into(), json!(fields));
    o
}
