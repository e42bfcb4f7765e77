//! The in-memory model every dictionary format is read into: a lexicon is
//! metadata, options, ordered categories (each with terms and exclusions)
//! and embedded test cases. Terms keep the line they were written on so that
//! every later complaint can say `file:line`. A leaf of `lexicon`: the
//! readers, writers and the linter all work on these types.

use crate::error::{Error, Result};

/// A whole lexicon.
#[derive(Clone, Debug, PartialEq)]
pub struct Lexicon {
    /// Name, version, language, description.
    pub meta: Meta,
    /// Options that change normalization.
    pub options: Options,
    /// Categories in the order they are reported.
    pub categories: Vec<Category>,
    /// Exclusions that apply to every category.
    pub exclude: Vec<Term>,
    /// Embedded test cases.
    pub tests: Vec<TestCase>,
    /// Where it was loaded from (a path, or `builtin:NAME`).
    pub origin: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// Lint checks this lexicon silences on purpose (`[lint] allow = [...]`).
    pub lint_allow: Vec<String>,
}

/// Descriptive metadata.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// Short name.
    pub name: String,
    /// Version string.
    pub version: String,
    /// BCP 47 language tag, e.g. `es-MX`.
    pub language: String,
    /// What the lexicon measures.
    pub description: String,
}

/// Options that change how text and terms are normalized.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Strip accents (keeping ñ). Default true.
    pub fold_diacritics: bool,
    /// Match every category on the deobfuscated view of the text
    /// (`c.j.n.g`, `4rm4s`, `amenazaaa`) unless it says otherwise. Default
    /// false.
    pub deobfuscate: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fold_diacritics: true,
            deobfuscate: false,
        }
    }
}

/// The category id a lexicon may not use: the report's own "any
/// category" row.
pub const RESERVED_ID: &str = "_any";

/// One category.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Category {
    /// Stable identifier used in outputs.
    pub id: String,
    /// Human label.
    pub label: String,
    /// Coding instructions and sources.
    pub description: String,
    /// Terms that flag a post.
    pub terms: Vec<Term>,
    /// Phrases that win their span and count for nothing in this category.
    pub exclude: Vec<Term>,
    /// A rule over other categories and quoted terms (see [`rule_syntax`](super::rule_syntax)) that
    /// defines the category instead of `terms`.
    pub rule: Option<String>,
    /// 1-based line of the `rule =` key (0 when unknown: then the
    /// category's line is used).
    pub rule_line: usize,
    /// Overrides the lexicon's `deobfuscate` option for this category.
    pub deobfuscate: Option<bool>,
    /// A helper category (`helper = true`): a vocabulary for rules. It is
    /// compiled and its hits feed the rules, but it is not reported (see
    /// `MatchOptions::show_helpers`), and it resolves its overlaps on its
    /// own, so a helper's long phrase never takes a span from another
    /// category.
    pub helper: bool,
    /// Line of the category's table.
    pub line: usize,
}

impl Category {
    /// What every lexicon format must respect (checked when a lexicon is
    /// compiled, whatever its format): the id [`RESERVED_ID`] is the
    /// report's own row, and a weight is a share of a post's evidence, so
    /// a negative or non-finite one (a weighted share of −10) is refused.
    /// `origin` names the lexicon in the error.
    pub fn check(&self, origin: &str) -> Result<()> {
        if self.id == RESERVED_ID {
            return Err(Error::Lexicon {
                path: origin.to_string(),
                line: Some(self.line),
                msg: format!(
                    "category id {:?} is reserved for the report's \"any category\" row; rename the category",
                    self.id
                ),
            });
        }
        if let Some(t) = self
            .terms
            .iter()
            .find(|t| t.weight.is_some_and(|w| !(w >= 0.0 && w.is_finite())))
        {
            return Err(Error::Lexicon {
                path: origin.to_string(),
                line: Some(if t.line > 0 { t.line } else { self.line }),
                msg: format!(
                    "term {:?} of category {:?} has weight {}; weights must be finite and not negative",
                    t.text,
                    self.id,
                    t.weight.unwrap_or_default()
                ),
            });
        }
        Ok(())
    }

    /// Whether this category is matched on the deobfuscated view, given its
    /// lexicon's options.
    pub fn deobfuscated(&self, options: &Options) -> bool {
        self.deobfuscate.unwrap_or(options.deobfuscate)
    }

    /// The line a complaint about the category's rule should name.
    pub fn rule_line(&self) -> usize {
        if self.rule_line > 0 {
            self.rule_line
        } else {
            self.line
        }
    }
}

/// A term (or exclusion phrase) as written, with the line it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// The term, with its `*` wildcards.
    pub text: String,
    /// Weight from a weighted dictionary format, when it has one.
    pub weight: Option<f64>,
    /// 1-based line in the lexicon file (0 when unknown).
    pub line: usize,
}

impl Term {
    /// A term with no weight and no known line.
    pub fn new(text: impl Into<String>) -> Self {
        Term {
            text: text.into(),
            weight: None,
            line: 0,
        }
    }
}

/// An embedded test: this text must flag exactly these categories.
#[derive(Clone, Debug, PartialEq)]
pub struct TestCase {
    /// The post text.
    pub text: String,
    /// Category ids expected (exact set).
    pub expect: Vec<String>,
    /// Why the case exists.
    pub note: Option<String>,
    /// Line of the `[[test]]` table.
    pub line: usize,
}

/// Something an importer read but could not honour (a LIWC2007 conditional
/// entry, a quanteda `?` glob…): the lexicon still loads, and the command
/// prints these on stderr.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportWarning {
    /// The lexicon file.
    pub path: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What was not honoured and what was done instead.
    pub message: String,
}

impl std::fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl Lexicon {
    /// Index of a category by id.
    pub fn category_index(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id)
    }
}
