//! Lexicons: the in-memory model every dictionary format is read into, the
//! native TOML format, and the lexicons shipped inside the binary.
//!
//! A lexicon is metadata, options, ordered categories (each with terms and
//! exclusions) and embedded test cases. Terms keep the line they were written
//! on so that every later complaint can say `file:line`.

pub mod lint;
mod list;
mod native;
pub mod term;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub use list::parse_list;
pub use native::{parse_native, to_native_toml};

/// Lexicons compiled into the binary: (name, file name, TOML text).
pub const BUILTIN: &[(&str, &str, &str)] = &[(
    "narco-es",
    "lexicons/narco-es.toml",
    include_str!("../../lexicons/narco-es.toml"),
)];

/// The lexicon used when no `-l` is given.
pub const DEFAULT_LEXICON: &str = "narco-es";

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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fold_diacritics: true,
        }
    }
}

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
    /// Line of the category's table.
    pub line: usize,
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

impl Lexicon {
    /// Load a lexicon: a path to a native TOML file (`.toml`) or a term list
    /// (`.tsv`, `.txt`), or the name of a built-in lexicon (`narco-es`, also
    /// written `builtin:narco-es`).
    pub fn load(spec: &str) -> Result<Lexicon> {
        let name = spec.strip_prefix("builtin:").unwrap_or(spec);
        let path = std::path::Path::new(spec);
        if !path.exists() {
            if let Some((name, file, text)) = BUILTIN.iter().find(|(n, _, _)| *n == name) {
                let _ = file;
                return parse_native(text.as_bytes(), &format!("builtin:{name}"));
            }
            return Err(Error::Usage(format!(
                "lexicon {spec:?}: no such file, and no built-in lexicon has that name\nhint: built-in lexicons: {}",
                BUILTIN
                    .iter()
                    .map(|(n, _, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "tsv" | "txt" | "list" => parse_list(&bytes, spec),
            _ => parse_native(&bytes, spec),
        }
    }

    /// The built-in default lexicon.
    pub fn builtin_default() -> Lexicon {
        Lexicon::load(DEFAULT_LEXICON).expect("the built-in lexicon is tested to parse")
    }

    /// Index of a category by id.
    pub fn category_index(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id)
    }
}

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lowercase hex of a byte slice.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_lexicon_parses() {
        for (name, _, _) in BUILTIN {
            let lex = Lexicon::load(name).unwrap();
            assert!(!lex.categories.is_empty(), "{name} has no category");
        }
    }

    #[test]
    fn unknown_lexicon_is_a_usage_error() {
        let err = Lexicon::load("no-such-lexicon").unwrap_err();
        assert!(err.to_string().contains("built-in lexicons"), "{err}");
    }
}
