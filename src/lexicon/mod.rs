//! Lexicons: the in-memory model every dictionary format is read into, the
//! native TOML format, and the lexicons shipped inside the binary.
//!
//! A lexicon is metadata, options, ordered categories (each with terms and
//! exclusions) and embedded test cases. Terms keep the line they were written
//! on so that every later complaint can say `file:line`.
//!
//! Other dictionary formats (LIWC `.dic`, LIWC-22 `.dicx`, quanteda YAML,
//! WordStat `.cat`, Lexicoder `.lc3`, term lists) are read into the same
//! model and written back from it; [`LexiconFormat`] names them, and an
//! import returns [`ImportWarning`]s for the lines it could not honour.

mod cat;
mod dic;
mod dicx;
mod lc3;
pub mod lint;
mod list;
mod native;
pub mod rule;
pub mod term;
mod yaml;

use crate::digest::sha256_hex;
use crate::error::{Error, Result};

pub use cat::{parse_cat, to_cat};
pub use dic::{parse_dic, to_dic};
pub use dicx::{parse_dicx, to_dicx};
pub use lc3::{parse_lc3, to_lc3};
pub use list::{parse_list, to_list};
pub use native::{parse_native, to_native_toml};
pub use yaml::{parse_yaml, to_yaml};

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
    /// A rule over other categories and quoted terms (see [`rule`]) that
    /// defines the category instead of `terms`.
    pub rule: Option<String>,
    /// 1-based line of the `rule =` key (0 when unknown: then the
    /// category's line is used).
    pub rule_line: usize,
    /// Overrides the lexicon's `deobfuscate` option for this category.
    pub deobfuscate: Option<bool>,
    /// Line of the category's table.
    pub line: usize,
}

impl Category {
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

/// The dictionary formats lexiscope reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexiconFormat {
    /// The native TOML format (`.toml`).
    Native,
    /// LIWC 2001–2015 `.dic`.
    Dic,
    /// LIWC-22 `.dicx` (CSV, one column per category).
    Dicx,
    /// quanteda YAML (`.yml`, `.yaml`).
    Yaml,
    /// WordStat `.cat`.
    Cat,
    /// Lexicoder `.lc3`.
    Lc3,
    /// Term lists (`.tsv`, `.txt`).
    List,
}

impl LexiconFormat {
    /// Every format, in the order the README lists them.
    pub const ALL: [LexiconFormat; 7] = [
        LexiconFormat::Native,
        LexiconFormat::Dic,
        LexiconFormat::Dicx,
        LexiconFormat::Yaml,
        LexiconFormat::Cat,
        LexiconFormat::Lc3,
        LexiconFormat::List,
    ];

    /// The format a path's extension names, if any.
    pub fn from_path(path: &std::path::Path) -> Option<LexiconFormat> {
        let ext = path.extension()?.to_str()?.to_lowercase();
        Some(match ext.as_str() {
            "toml" => LexiconFormat::Native,
            "dic" => LexiconFormat::Dic,
            "dicx" => LexiconFormat::Dicx,
            "yml" | "yaml" => LexiconFormat::Yaml,
            "cat" => LexiconFormat::Cat,
            "lc3" => LexiconFormat::Lc3,
            "tsv" | "txt" | "list" => LexiconFormat::List,
            _ => return None,
        })
    }

    /// Short name, as `--lexicon-format` spells it.
    pub fn name(self) -> &'static str {
        match self {
            LexiconFormat::Native => "toml",
            LexiconFormat::Dic => "dic",
            LexiconFormat::Dicx => "dicx",
            LexiconFormat::Yaml => "yaml",
            LexiconFormat::Cat => "cat",
            LexiconFormat::Lc3 => "lc3",
            LexiconFormat::List => "tsv",
        }
    }

    /// Whether the format keeps term weights.
    pub fn has_weights(self) -> bool {
        matches!(
            self,
            LexiconFormat::Native | LexiconFormat::Dicx | LexiconFormat::Cat
        )
    }
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

/// A lexicon written in another format, and what that format could not hold.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    /// The file's text.
    pub text: String,
    /// What was dropped, one phrase each (e.g. `3 embedded test cases`).
    pub dropped: Vec<String>,
}

/// Write a lexicon in `format`, listing what the format cannot hold.
pub fn export(lex: &Lexicon, format: LexiconFormat) -> Exported {
    let (text, mut dropped) = match format {
        LexiconFormat::Native => (to_native_toml(lex), Vec::new()),
        LexiconFormat::Dic => to_dic(lex),
        LexiconFormat::Dicx => (to_dicx(lex), Vec::new()),
        LexiconFormat::Yaml => (to_yaml(lex), Vec::new()),
        LexiconFormat::Cat => (to_cat(lex), Vec::new()),
        LexiconFormat::Lc3 => (to_lc3(lex), Vec::new()),
        LexiconFormat::List => (to_list(lex), Vec::new()),
    };
    if format != LexiconFormat::Native {
        dropped.splice(0..0, common_losses(lex, format));
    }
    Exported { text, dropped }
}

/// What every format but the native one loses.
fn common_losses(lex: &Lexicon, format: LexiconFormat) -> Vec<String> {
    let mut lost = Vec::new();
    let count = |n: usize, what: &str| format!("{n} {what}");
    if !lex.tests.is_empty() {
        lost.push(count(lex.tests.len(), "embedded test cases"));
    }
    let exclusions = lex.exclude.len()
        + lex
            .categories
            .iter()
            .map(|c| c.exclude.len())
            .sum::<usize>();
    if exclusions > 0 {
        lost.push(count(exclusions, "exclusions"));
    }
    let described = lex
        .categories
        .iter()
        .filter(|c| !c.description.is_empty())
        .count();
    if described > 0 {
        lost.push(count(described, "category descriptions"));
    }
    let labelled = lex.categories.iter().filter(|c| c.label != c.id).count();
    if labelled > 0 {
        lost.push(count(labelled, "category labels (the ids are kept)"));
    }
    for (key, value) in [
        ("version", &lex.meta.version),
        ("language", &lex.meta.language),
        ("description", &lex.meta.description),
    ] {
        if !value.is_empty() {
            lost.push(format!("the lexicon's {key} {value:?}"));
        }
    }
    if !lex.options.fold_diacritics {
        lost.push("fold_diacritics = false (an import folds diacritics)".into());
    }
    if !lex.lint_allow.is_empty() {
        lost.push("the [lint] allow list".into());
    }
    let ruled = lex.categories.iter().filter(|c| c.rule.is_some()).count();
    if ruled > 0 {
        lost.push(count(
            ruled,
            "category rules (those categories are written with no terms)",
        ));
    }
    if lex.options.deobfuscate || lex.categories.iter().any(|c| c.deobfuscate.is_some()) {
        lost.push("the deobfuscate options".into());
    }
    if !format.has_weights() {
        let weighted = lex
            .categories
            .iter()
            .flat_map(|c| &c.terms)
            .filter(|t| t.weight.is_some())
            .count();
        if weighted > 0 {
            lost.push(count(weighted, "term weights"));
        }
    }
    lost
}

/// Text of a dictionary file: UTF-8 without its BOM or, when the bytes are
/// not UTF-8 (older LIWC and WordStat files are often Windows-1252), read
/// as Latin-1 with a warning.
pub(crate) fn decode_text(bytes: &[u8], origin: &str, warnings: &mut Vec<ImportWarning>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            warnings.push(ImportWarning {
                path: origin.to_string(),
                line: Some(line),
                message: "the file is not UTF-8: read as Latin-1 (ISO-8859-1); \
                          re-save it as UTF-8 if accents look wrong"
                    .into(),
            });
            bytes.iter().map(|&b| b as char).collect()
        }
    }
}

/// The lines of a text with their 1-based numbers; a CR alone, an LF and a
/// CRLF each end one line (dictionaries arrive with all three).
pub(crate) fn numbered_lines(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i, mut line) = (0, 0, 1);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                out.push((line, &text[start..i]));
                line += 1;
                i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push((line, &text[start..]));
    }
    out
}

/// A lexicon imported from another format: named after the file's stem,
/// default options, no tests.
pub(crate) fn imported(categories: Vec<Category>, origin: &str, bytes: &[u8]) -> Lexicon {
    let name = std::path::Path::new(origin)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("lexicon")
        .to_string();
    Lexicon {
        meta: Meta {
            name,
            ..Meta::default()
        },
        options: Options::default(),
        categories,
        exclude: Vec::new(),
        tests: Vec::new(),
        origin: origin.to_string(),
        sha256: sha256_hex(bytes),
        lint_allow: Vec::new(),
    }
}

/// Parse the bytes of a lexicon file in a given format.
pub fn parse_as(
    bytes: &[u8],
    origin: &str,
    format: LexiconFormat,
) -> Result<(Lexicon, Vec<ImportWarning>)> {
    match format {
        LexiconFormat::Native => Ok((parse_native(bytes, origin)?, Vec::new())),
        LexiconFormat::List => Ok((parse_list(bytes, origin)?, Vec::new())),
        LexiconFormat::Dic => parse_dic(bytes, origin),
        LexiconFormat::Dicx => parse_dicx(bytes, origin),
        LexiconFormat::Yaml => parse_yaml(bytes, origin),
        LexiconFormat::Cat => parse_cat(bytes, origin),
        LexiconFormat::Lc3 => parse_lc3(bytes, origin),
    }
}

impl Lexicon {
    /// Load a lexicon: a path to a lexicon file in any format (see
    /// [`Lexicon::load_with`]), or the name of a built-in lexicon
    /// (`narco-es`, also written `builtin:narco-es`). Import warnings are
    /// dropped; commands use [`Lexicon::load_with`] and print them.
    pub fn load(spec: &str) -> Result<Lexicon> {
        Ok(Lexicon::load_with(spec, None)?.0)
    }

    /// Load a lexicon in `format`, or in the format its extension names
    /// (`.toml`, `.dic`, `.dicx`, `.yml`/`.yaml`, `.cat`, `.lc3`,
    /// `.tsv`/`.txt`; any other extension is read as native TOML), with the
    /// warnings of the import.
    pub fn load_with(
        spec: &str,
        format: Option<LexiconFormat>,
    ) -> Result<(Lexicon, Vec<ImportWarning>)> {
        let name = spec.strip_prefix("builtin:").unwrap_or(spec);
        let path = std::path::Path::new(spec);
        if !path.exists() {
            if let Some((name, _, text)) = BUILTIN.iter().find(|(n, _, _)| *n == name) {
                let lex = parse_native(text.as_bytes(), &format!("builtin:{name}"))?;
                return Ok((lex, Vec::new()));
            }
            return Err(Error::lexicon(
                spec,
                None,
                format!(
                    "no such file, and no built-in lexicon has that name\nhint: built-in lexicons: {}",
                    BUILTIN
                        .iter()
                        .map(|(n, _, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let format = format
            .or_else(|| LexiconFormat::from_path(path))
            .unwrap_or(LexiconFormat::Native);
        parse_as(&bytes, spec, format)
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
