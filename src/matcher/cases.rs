//! A lexicon's test cases (`[[test]]`: a text and the categories it must
//! get) run on the compiled matcher, for `lexicon test` and the Python
//! package's `Lexicon.test()`; cases kept in a file of their own are read
//! with the native parser.

use crate::error::{Error, Result};
use crate::lexicon::{TestCase, parse_native};
use crate::matcher::{Matcher, Scratch};

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

/// Load `[[test]]` cases from a TOML file (the lexicon format without
/// categories is enough: `[[test]]` tables with text and expect).
pub fn load_cases(path: &std::path::Path) -> Result<Vec<TestCase>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    // Reuse the native parser: wrap the cases in a throwaway lexicon whose
    // categories are those the cases name, then keep only the cases.
    let raw: toml::Table = toml::from_str(&text).map_err(|e| Error::Lexicon {
        path: path.display().to_string(),
        line: None,
        msg: e.message().to_string(),
    })?;
    let mut ids: Vec<String> = Vec::new();
    if let Some(toml::Value::Array(tests)) = raw.get("test") {
        for t in tests {
            if let Some(toml::Value::Array(expect)) = t.get("expect") {
                for e in expect.iter().filter_map(|e| e.as_str()) {
                    if !ids.iter().any(|i| i == e) {
                        ids.push(e.to_string());
                    }
                }
            }
        }
    }
    let mut wrapped = String::from("[lexicon]\nname = \"cases\"\n");
    for id in ids
        .iter()
        .chain(std::iter::once(&"_placeholder".to_string()))
    {
        wrapped.push_str(&format!(
            "[[category]]\nid = {}\n",
            toml::Value::String(id.clone())
        ));
    }
    // Line numbers: the cases keep the file's own lines by parsing the text
    // with the header appended after it.
    let lex = parse_native(
        format!("{text}\n{wrapped}").as_bytes(),
        &path.display().to_string(),
    )?;
    Ok(lex.tests)
}
