//! The dictionary formats lexiscope reads and writes ([`LexiconFormat`]):
//! reading bytes in a given format ([`parse_as`]) and writing a lexicon in
//! one, with what the format could not hold ([`export`]).

use super::cat::{parse_cat, to_cat};
use super::decode::decode_text;
use super::dic::{parse_dic, to_dic};
use super::dicx::{parse_dicx, to_dicx};
use super::lc3::{parse_lc3, to_lc3};
use super::list::{parse_list, parse_list_with, to_list};
use super::model::{ImportWarning, Lexicon};
use super::native::{parse_native, to_native_toml};
use super::table::TableColumns;
use super::yaml::{parse_yaml, to_yaml};
use crate::digest::sha256_hex;
use crate::error::Result;

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
            "tsv" | "txt" | "list" | "csv" => LexiconFormat::List,
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

/// How lexicon files are read: the format (default: each file's
/// extension) and, for a table with a header row, its columns.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// `--lexicon-format`.
    pub format: Option<LexiconFormat>,
    /// `--lexicon-columns` (a table is then read whatever its extension).
    pub columns: Option<TableColumns>,
}

/// Parse the bytes of a lexicon file in a given format.
pub fn parse_as(
    bytes: &[u8],
    origin: &str,
    format: LexiconFormat,
) -> Result<(Lexicon, Vec<ImportWarning>)> {
    parse_as_with(bytes, origin, format, None)
}

/// [`parse_as`] with the columns of a table.
pub fn parse_as_with(
    bytes: &[u8],
    origin: &str,
    format: LexiconFormat,
    columns: Option<&TableColumns>,
) -> Result<(Lexicon, Vec<ImportWarning>)> {
    if columns.is_some() {
        return parse_list_with(bytes, origin, columns);
    }
    match format {
        LexiconFormat::Native => {
            // A TOML file saved as UTF-16 or Windows-1252 is transcoded like
            // every other format; its digest stays that of the file.
            let mut warnings = Vec::new();
            let text = decode_text(bytes, origin, &mut warnings);
            if warnings.is_empty() {
                return Ok((parse_native(bytes, origin)?, warnings));
            }
            let mut lex = parse_native(text.as_bytes(), origin)?;
            lex.sha256 = sha256_hex(bytes);
            Ok((lex, warnings))
        }
        LexiconFormat::List => parse_list(bytes, origin),
        LexiconFormat::Dic => parse_dic(bytes, origin),
        LexiconFormat::Dicx => parse_dicx(bytes, origin),
        LexiconFormat::Yaml => parse_yaml(bytes, origin),
        LexiconFormat::Cat => parse_cat(bytes, origin),
        LexiconFormat::Lc3 => parse_lc3(bytes, origin),
    }
}
