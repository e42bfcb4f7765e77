//! `lexiscope lexicon test|show`: run the test cases embedded in lexicons,
//! print a lexicon in the native format.

use crate::cli::{LexiconShowArgs, LexiconTestArgs};
use crate::error::Error;
use crate::lexicon::{BUILTIN, Lexicon, TestCase, to_native_toml};
use crate::matcher::{self, MatchOptions, Matcher, Scratch};

/// The outcome of one test case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseResult {
    /// Expected category ids, sorted.
    pub expected: Vec<String>,
    /// Found category ids, sorted.
    pub found: Vec<String>,
}

impl CaseResult {
    /// True when found = expected.
    pub fn passed(&self) -> bool {
        self.expected == self.found
    }
}

/// Run one case against a compiled lexicon.
pub fn run_case(matcher: &Matcher, case: &TestCase, scratch: &mut Scratch) -> CaseResult {
    let mut expected = case.expect.clone();
    expected.sort();
    expected.dedup();
    let mut found: Vec<String> = matcher
        .categories_of(&case.text, scratch)
        .into_iter()
        .map(|i| matcher.categories[i].id.clone())
        .collect();
    found.sort();
    CaseResult { expected, found }
}

fn short(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    if one_line.chars().count() > 70 {
        format!("{}…", one_line.chars().take(69).collect::<String>())
    } else {
        one_line
    }
}

/// Run `lexicon test`.
pub fn test(args: &LexiconTestArgs) -> anyhow::Result<()> {
    let specs: Vec<String> = if args.lexicons.is_empty() {
        BUILTIN.iter().map(|(n, _, _)| n.to_string()).collect()
    } else {
        args.lexicons.clone()
    };
    let mut failed_total = 0;
    let mut cases_total = 0;
    for spec in &specs {
        let lex = Lexicon::load(spec)?;
        let matcher = matcher::compile(std::slice::from_ref(&lex), &MatchOptions::default())?;
        let mut scratch = Scratch::default();
        let mut failed = 0;
        for case in &lex.tests {
            let r = run_case(&matcher, case, &mut scratch);
            if r.passed() {
                if args.verbose {
                    println!("ok    {}:{}  {}", lex.origin, case.line, short(&case.text));
                }
                continue;
            }
            failed += 1;
            let missing: Vec<&String> =
                r.expected.iter().filter(|e| !r.found.contains(e)).collect();
            let extra: Vec<&String> = r.found.iter().filter(|f| !r.expected.contains(f)).collect();
            println!(
                "FAIL  {}:{}  {:?}",
                lex.origin,
                case.line,
                short(&case.text)
            );
            println!("      expected: [{}]", r.expected.join(", "));
            println!("      found:    [{}]", r.found.join(", "));
            if !missing.is_empty() {
                println!("      missing:  {}", join(&missing));
            }
            if !extra.is_empty() {
                println!("      unexpected: {}", join(&extra));
            }
            if let Some(note) = &case.note {
                println!("      note: {note}");
            }
        }
        println!(
            "{}: {} cases, {} passed, {} failed",
            lex.origin,
            lex.tests.len(),
            lex.tests.len() - failed,
            failed
        );
        failed_total += failed;
        cases_total += lex.tests.len();
    }
    if failed_total > 0 {
        return Err(Error::CheckFailed(format!(
            "{failed_total} of {cases_total} lexicon test cases failed"
        ))
        .into());
    }
    Ok(())
}

fn join(ids: &[&String]) -> String {
    ids.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Run `lexicon show`.
pub fn show(args: &LexiconShowArgs) -> anyhow::Result<()> {
    let name = args
        .lexicon
        .strip_prefix("builtin:")
        .unwrap_or(&args.lexicon);
    // A built-in lexicon is printed as shipped, comments and all.
    if !std::path::Path::new(&args.lexicon).exists() {
        if let Some((_, _, text)) = BUILTIN.iter().find(|(n, _, _)| *n == name) {
            print!("{text}");
            return Ok(());
        }
    }
    let lex = Lexicon::load(&args.lexicon)?;
    print!("{}", to_native_toml(&lex));
    Ok(())
}
