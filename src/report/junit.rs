//! JUnit XML for CI systems (`lexicon test --junit FILE`), in the common
//! schema: testsuites › testsuite › testcase › failure. Text goes through
//! the one XML escape of [`super::xml`].

use std::io::Write;

use super::xml::escape;

/// One suite: the cases of one lexicon.
#[derive(Clone, Debug)]
pub struct Suite {
    /// The lexicon (its origin).
    pub name: String,
    /// Its cases, in order.
    pub cases: Vec<Case>,
}

/// One test case.
#[derive(Clone, Debug)]
pub struct Case {
    /// The case's name (`line N: text…`).
    pub name: String,
    /// The file that holds the case.
    pub file: String,
    /// Its line there.
    pub line: usize,
    /// Why it failed, or `None` when it passed.
    pub failure: Option<Failure>,
}

/// A failed case.
#[derive(Clone, Debug)]
pub struct Failure {
    /// One line: what was expected and found.
    pub message: String,
    /// The case's text.
    pub text: String,
}

/// Write the suites as one JUnit XML document.
pub fn write(suites: &[Suite], out: &mut dyn Write) -> std::io::Result<()> {
    let failed = |s: &Suite| s.cases.iter().filter(|c| c.failure.is_some()).count();
    let total: usize = suites.iter().map(|s| s.cases.len()).sum();
    let failures: usize = suites.iter().map(failed).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="lexiscope lexicon test" tests="{total}" failures="{failures}" errors="0">"#
    )?;
    for suite in suites {
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="0" skipped="0">"#,
            escape(&suite.name),
            suite.cases.len(),
            failed(suite)
        )?;
        for case in &suite.cases {
            write!(
                out,
                r#"    <testcase classname="{}" name="{}" file="{}" line="{}""#,
                escape(&suite.name),
                escape(&case.name),
                escape(&case.file),
                case.line
            )?;
            match &case.failure {
                None => writeln!(out, "/>")?,
                Some(f) => {
                    writeln!(out, ">")?;
                    writeln!(
                        out,
                        r#"      <failure message="{}" type="CategoryMismatch">{}</failure>"#,
                        escape(&f.message),
                        escape(&f.text)
                    )?;
                    writeln!(out, "    </testcase>")?;
                }
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
