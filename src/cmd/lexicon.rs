//! `lexiscope lexicon test|lint|diff|show|convert`: run the test cases of
//! lexicons (with JUnit XML for CI), lint them, list the posts whose
//! categories change between two versions, print a lexicon in the native
//! format, convert it between dictionary formats.
//!
//! Each reads config → lexicons loaded (and compiled) → cases, findings or
//! posts (`diff` through the batch driver) → render → gate.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::output::Output;
use super::settings::{
    ConvertSettings, DiffSettings, LintSettings, ListFormat, ShowSettings, Target, TestSettings,
};
use super::stderr::Stderr;
use crate::error::{Error, Result};
use crate::lexicon::lint::{Finding, Level, lint as lint_lexicon};
use crate::lexicon::{
    BUILTIN, Lexicon, LexiconFormat, ReadOptions, TestCase, export, to_native_toml,
};
use crate::matcher::cases::{CaseResult, load_cases, run_case};
use crate::matcher::{self, MatchOptions, Matcher, Scratch};
use crate::pipeline::{Driver, Prepared, Record, load_lexicon, open_sources};
use crate::report::clip;
use crate::report::csv::SafeWriter;
use crate::report::junit;

/// Load a lexicon, its import warnings on stderr.
fn load(spec: &str, read: &ReadOptions, quiet: bool) -> Result<Lexicon> {
    load_lexicon(spec, read, &Stderr::new(quiet))
}

/// Write `text` to the target (stdout by default).
fn write_text(target: &Target, text: &str) -> Result<()> {
    Output::open(target.path.as_deref())?.write_with(|out| out.write_all(text.as_bytes()))
}

fn short(text: &str) -> String {
    clip(&text.replace(['\n', '\r'], " "), 70)
}

/// One lexicon's test results, for the console and JUnit.
struct SuiteResult {
    name: String,
    cases: Vec<(TestCase, String, CaseResult)>,
}

/// Run `lexicon test`.
pub fn test(args: &TestSettings) -> Result<()> {
    let specs: Vec<String> = if args.lexicons.is_empty() {
        BUILTIN.iter().map(|(n, _, _)| n.to_string()).collect()
    } else {
        args.lexicons.clone()
    };
    let mut extra: Vec<(TestCase, String)> = Vec::new();
    for path in &args.cases {
        for case in load_cases(path)? {
            extra.push((case, path.display().to_string()));
        }
    }
    let mut suites = Vec::new();
    for spec in &specs {
        let lex = load(spec, &ReadOptions::default(), false)?;
        let matcher = matcher::compile(std::slice::from_ref(&lex), &MatchOptions::default())?;
        let mut scratch = Scratch::default();
        let cases: Vec<(TestCase, String)> = lex
            .tests
            .iter()
            .cloned()
            .map(|c| (c, lex.origin.clone()))
            .chain(extra.iter().cloned())
            .collect();
        let mut results = Vec::new();
        for (case, origin) in cases {
            // A case naming a category the lexicon lacks is a failure, not a panic.
            let r = run_case(&matcher, &case, &mut scratch);
            results.push((case, origin, r));
        }
        suites.push(SuiteResult {
            name: lex.origin.clone(),
            cases: results,
        });
    }
    let mut failed_total = 0;
    let mut cases_total = 0;
    let mut text = String::new();
    for suite in &suites {
        let mut failed = 0;
        for (case, origin, r) in &suite.cases {
            if r.passed() {
                if args.verbose {
                    let _ = writeln!(text, "ok    {origin}:{}  {}", case.line, short(&case.text));
                }
                continue;
            }
            failed += 1;
            print_failure(&mut text, origin, case, r);
        }
        let _ = writeln!(
            text,
            "{}: {} cases, {} passed, {} failed",
            suite.name,
            suite.cases.len(),
            suite.cases.len() - failed,
            failed
        );
        failed_total += failed;
        cases_total += suite.cases.len();
    }
    write_text(&args.target, &text)?;
    if let Some(path) = &args.junit {
        let output = Output::open(Some(path))?;
        output.write_with(|out| junit::write(&junit_suites(&suites), out))?;
    }
    if failed_total > 0 {
        return Err(Error::CheckFailed(format!(
            "{failed_total} of {cases_total} lexicon test cases failed"
        )));
    }
    Ok(())
}

fn print_failure(text: &mut String, origin: &str, case: &TestCase, r: &CaseResult) {
    let missing: Vec<&String> = r.expected.iter().filter(|e| !r.found.contains(e)).collect();
    let extra: Vec<&String> = r.found.iter().filter(|f| !r.expected.contains(f)).collect();
    let _ = writeln!(
        text,
        "FAIL  {origin}:{}  {:?}",
        case.line,
        short(&case.text)
    );
    let _ = writeln!(text, "      expected: [{}]", r.expected.join(", "));
    let _ = writeln!(text, "      found:    [{}]", r.found.join(", "));
    if !missing.is_empty() {
        let _ = writeln!(text, "      missing:  {}", join(&missing));
    }
    if !extra.is_empty() {
        let _ = writeln!(text, "      unexpected: {}", join(&extra));
    }
    if let Some(note) = &case.note {
        let _ = writeln!(text, "      note: {note}");
    }
}

/// The JUnit suites of the results.
fn junit_suites(suites: &[SuiteResult]) -> Vec<junit::Suite> {
    suites
        .iter()
        .map(|suite| junit::Suite {
            name: suite.name.clone(),
            cases: suite
                .cases
                .iter()
                .map(|(case, origin, r)| junit::Case {
                    name: format!("line {}: {}", case.line, short(&case.text)),
                    file: origin.clone(),
                    line: case.line,
                    failure: (!r.passed()).then(|| junit::Failure {
                        message: format!(
                            "expected [{}], found [{}]",
                            r.expected.join(", "),
                            r.found.join(", ")
                        ),
                        text: case.text.clone(),
                    }),
                })
                .collect(),
        })
        .collect()
}

/// How many findings of one kind (per lexicon) the table shows.
const LINT_PER_KIND: usize = 20;

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
    }
}

/// Run `lexicon lint`.
pub fn lint(args: &LintSettings) -> Result<()> {
    let specs: Vec<String> = if args.lexicons.is_empty() {
        BUILTIN.iter().map(|(n, _, _)| n.to_string()).collect()
    } else {
        args.lexicons.clone()
    };
    let mut findings = Vec::new();
    for spec in &specs {
        let lex = load(spec, &args.read, false)?;
        findings.extend(lint_lexicon(&lex));
        // What compiling refuses (a regex that does not compile, a negative
        // weight, the reserved id) is an error here too, not a surprise at
        // the first `analyze`.
        if let Err(err) = matcher::compile(std::slice::from_ref(&lex), &MatchOptions::default()) {
            let (line, message) = match &err {
                Error::Lexicon { line, msg, .. } => (line.unwrap_or(0), msg.clone()),
                other => (0, other.to_string()),
            };
            findings.push(Finding {
                path: lex.origin.clone(),
                line,
                level: Level::Error,
                code: "invalid",
                category: None,
                message,
            });
        }
    }
    let mut text = String::new();
    if args.json {
        let json = serde_json::to_string_pretty(&findings).expect("findings serialize");
        let _ = writeln!(text, "{json}");
    } else {
        // The first findings of each kind per lexicon, then a count: a
        // defect-ridden file stays readable (JSON and --all list them all).
        let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for f in &findings {
            let n = seen.entry((f.path.as_str(), f.code)).or_default();
            *n += 1;
            if !args.all && *n > LINT_PER_KIND {
                continue;
            }
            let _ = writeln!(
                text,
                "{}:{}: {}: [{}] {}",
                f.path,
                f.line,
                level_name(f.level),
                f.code,
                f.message
            );
        }
        for ((path, code), n) in &seen {
            if !args.all && *n > LINT_PER_KIND {
                let _ = writeln!(
                    text,
                    "{path}: … and {} more [{code}] findings (--all or -f json lists them all)",
                    n - LINT_PER_KIND
                );
            }
        }
    }
    write_text(&args.target, &text)?;
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    let warnings = findings.len() - errors;
    Stderr::new(false).info(format!(
        "{} lexicon(s): {errors} errors, {warnings} warnings",
        specs.len()
    ));
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        return Err(Error::CheckFailed(format!(
            "lint found {errors} errors and {warnings} warnings{}",
            if errors == 0 {
                " (--deny-warnings)"
            } else {
                ""
            }
        )));
    }
    Ok(())
}

/// A post whose categories differ between two lexicons.
#[derive(Clone, Debug, serde::Serialize)]
struct Changed {
    input: String,
    line: u64,
    id: String,
    text: String,
    added: Vec<String>,
    removed: Vec<String>,
}

/// Run `lexicon diff`.
pub fn diff(args: &DiffSettings) -> Result<()> {
    let config = &args.run.config;
    let opts = config.matching;
    let read = &config.lexicon_read;
    let old = load(&args.old, read, args.quiet)?;
    let new = load(&args.new, read, args.quiet)?;
    let m_old = matcher::compile(std::slice::from_ref(&old), &opts)?;
    let m_new = matcher::compile(std::slice::from_ref(&new), &opts)?;
    let sources = open_sources(config, &config.source)?;
    let output = Output::open(args.target.path.as_deref())?;
    let mut driver = Driver::new(
        Prepared {
            lexicons: vec![new.clone()],
            matcher: m_new,
            sources,
        },
        config,
    )?;
    let ids = |m: &Matcher, scratch: &Scratch| -> Vec<String> {
        let mut cats: Vec<usize> = scratch.hits().iter().map(|h| h.category as usize).collect();
        cats.sort_unstable();
        cats.dedup();
        cats.into_iter()
            .map(|c| m.categories[c].id.clone())
            .collect()
    };
    let mut posts_read = 0u64;
    let mut changed: Vec<Changed> = Vec::new();
    let mut summary: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    driver.map(
        |m_new, origin, post, scratch| {
            let after = ids(m_new, scratch);
            let mut own = Scratch::default();
            m_old.scan(&post.text, &mut own);
            let before = ids(&m_old, &own);
            (before != after).then(|| Changed {
                input: origin.path.to_string(),
                line: post.line,
                id: post.id.to_string(),
                text: post.text.to_string(),
                added: after
                    .iter()
                    .filter(|c| !before.contains(c))
                    .cloned()
                    .collect(),
                removed: before
                    .iter()
                    .filter(|c| !after.contains(c))
                    .cloned()
                    .collect(),
            })
        },
        |_, record| {
            // Skipped records are read records too.
            posts_read += 1;
            if let Record::Post(Some(c)) = record {
                {
                    for a in &c.added {
                        summary.entry(a.clone()).or_default().0 += 1;
                    }
                    for r in &c.removed {
                        summary.entry(r.clone()).or_default().1 += 1;
                    }
                    changed.push(c);
                }
            }
            Ok(())
        },
    )?;
    let n_changed = changed.len();
    if args.limit > 0 {
        changed.truncate(args.limit);
    }
    output.write_with(|out| match args.format {
        ListFormat::Json => {
            let summary: Vec<serde_json::Value> = summary
                .iter()
                .map(|(c, (a, r))| serde_json::json!({"category": c, "gained": a, "lost": r}))
                .collect();
            serde_json::to_writer_pretty(
                &mut *out,
                &serde_json::json!({
                    "old": {"name": old.meta.name, "version": old.meta.version, "sha256": old.sha256},
                    "new": {"name": new.meta.name, "version": new.meta.version, "sha256": new.sha256},
                    "posts_read": posts_read,
                    "posts_changed": n_changed,
                    "categories": summary,
                    "changed": changed,
                }),
            )?;
            writeln!(out)
        }
        ListFormat::Csv => {
            let mut w = SafeWriter::new(out, args.target.raw_csv);
            w.row(["input", "line", "id", "added", "removed", "text"])?;
            for c in &changed {
                w.row([
                    c.input.clone(),
                    c.line.to_string(),
                    c.id.clone(),
                    c.added.join(";"),
                    c.removed.join(";"),
                    c.text.clone(),
                ])?;
            }
            w.flush()
        }
        ListFormat::Table => {
            writeln!(
                out,
                "{} {} → {} {}: {} of {} posts change category",
                old.meta.name, old.meta.version, new.meta.name, new.meta.version, n_changed, posts_read
            )?;
            for (c, (a, r)) in &summary {
                writeln!(out, "  {c}: +{a} −{r}")?;
            }
            for c in &changed {
                let mut delta: Vec<String> = c.added.iter().map(|a| format!("+{a}")).collect();
                delta.extend(c.removed.iter().map(|r| format!("−{r}")));
                writeln!(
                    out,
                    "{}:{}  [{}]  {}",
                    c.input,
                    c.line,
                    delta.join(" "),
                    short(&c.text)
                )?;
            }
            if n_changed > changed.len() {
                writeln!(out, "… {} more (--limit 0 shows all)", n_changed - changed.len())?;
            }
            Ok(())
        }
    })
}

fn join(ids: &[&String]) -> String {
    ids.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Run `lexicon show`.
pub fn show(args: &ShowSettings) -> Result<()> {
    let name = args
        .lexicon
        .strip_prefix("builtin:")
        .unwrap_or(&args.lexicon);
    // A built-in lexicon is printed as shipped, comments and all.
    if !std::path::Path::new(&args.lexicon).exists()
        && let Some((_, _, text)) = BUILTIN.iter().find(|(n, _, _)| *n == name)
    {
        return write_text(&args.target, text);
    }
    let lex = load(&args.lexicon, &args.read, false)?;
    write_text(&args.target, &to_native_toml(&lex))
}

/// Run `lexicon convert`: read a lexicon in one format, write it in another,
/// and say on stderr what the target format could not hold.
pub fn convert(args: &ConvertSettings) -> Result<()> {
    let lex = load(&args.input, &args.read, args.quiet)?;
    let stderr = Stderr::new(args.quiet);
    let to_stdout = args.output.as_os_str() == "-";
    let format = match args.to {
        Some(f) => f,
        None => LexiconFormat::from_path(&args.output).ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell a lexicon format from {:?}\nhint: name it .toml, .dic, .dicx, .yml, .cat, .lc3 or .tsv, or pass --to",
                args.output.display().to_string()
            ))
        })?,
    };
    let exported = export(&lex, format);
    if !exported.dropped.is_empty() {
        stderr.warn(format!(
            "the {} format cannot hold these, which were dropped: {}",
            format.name(),
            exported.dropped.join("; ")
        ));
    }
    let output = Output::open((!to_stdout).then_some(args.output.as_path()))?;
    output.write_with(|out| out.write_all(exported.text.as_bytes()))?;
    if !to_stdout {
        let terms: usize = lex.categories.iter().map(|c| c.terms.len()).sum();
        stderr.info(format!(
            "wrote {} categories and {terms} terms to {} ({})",
            lex.categories.len(),
            args.output.display(),
            format.name()
        ));
    }
    Ok(())
}
