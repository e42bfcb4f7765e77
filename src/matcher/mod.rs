//! The matcher: compiled lexicons scanned over normalized post text.
//!
//! Contract (DESIGN.md §4): terms match whole tokens (`word*` / `*word` open
//! one end, a `*` may end any word of a phrase); emoji are tokens of their own;
//! exclusions win their span for the categories they belong to; overlapping
//! matches are resolved leftmost-longest over the whole lexicon (default) or
//! for each category on its own (`--overlap per-category`, as quanteda's
//! `nested_scope = "key"`). When several terms match the same winning span,
//! each of their categories counts the span once.
//!
//! The scan finds every literal occurrence with one overlapping Aho–Corasick
//! pass, turns each into a token span, drops the (span, category) pairs an
//! exclusion covers, and resolves the rest. Categories with `deobfuscate`
//! are searched by the same automaton in the deobfuscated view of the text
//! (`text::deob`), their matches carried back to the plain tokens; rule
//! categories are then evaluated over the hit positions (`rules`). All
//! buffers live in a [`Scratch`] owned by the calling thread, so a scan of a
//! post without rule matches allocates nothing once warm.

mod compile;
pub mod reference;
mod rules;
mod scan;
#[cfg(test)]
mod tests;

pub use crate::lexicon::term::REGEX_PREFIX;
pub use compile::{MatchOptions, compile};
pub use rules::{Part, PartSource};
pub use scan::{Hit, Scratch};

use aho_corasick::AhoCorasick;

use crate::text::Normalizer;

/// How overlapping matches are resolved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Overlap {
    /// Leftmost-longest, non-overlapping over the whole lexicon.
    #[default]
    LeftmostLongest,
    /// Leftmost-longest within each category separately.
    PerCategory,
}

/// A category as the matcher numbers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryInfo {
    /// Category id.
    pub id: String,
    /// Human label.
    pub label: String,
    /// Index of the lexicon it comes from.
    pub lexicon: usize,
}

/// A (category, term) pair: the unit of term hit counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    /// Index into [`Matcher::categories`].
    pub category: u32,
    /// The term as first written in the lexicon.
    pub term: String,
    /// Its weight, for weighted dictionaries.
    pub weight: Option<f64>,
}

/// Compiled lexicons, shared by every thread.
#[derive(Clone, Debug)]
pub struct Matcher {
    ac: AhoCorasick,
    /// Opt-in regex terms (`re:…`) and their entries.
    regexes: Vec<(regex::Regex, u32)>,
    by_literal: Vec<Vec<u32>>,
    entries: Vec<compile::Entry>,
    /// Categories in report order.
    pub categories: Vec<CategoryInfo>,
    /// Every (category, term) pair.
    pub slots: Vec<Slot>,
    normalizer: Normalizer,
    overlap: Overlap,
    has_exclusions: bool,
    /// Problems found while compiling (terms that normalize to nothing, …).
    pub warnings: Vec<String>,
    /// Some entry is searched in the plain view.
    has_plain: bool,
    /// Some entry is searched in the deobfuscated view.
    has_deob: bool,
    /// The categories matched on the deobfuscated view.
    pub deobfuscated: Vec<u32>,
    /// Rule categories, each after the rules it uses.
    rules: Vec<rules::CompiledRule>,
    /// The quoted terms of rules, as written.
    pub operands: Vec<String>,
}

impl Matcher {
    /// The normalizer text must go through for this matcher.
    pub fn normalizer(&self) -> Normalizer {
        self.normalizer
    }

    /// Indices of the categories `text` falls in, sorted (for tests and
    /// lexicon test cases).
    pub fn categories_of(&self, text: &str, scratch: &mut Scratch) -> Vec<usize> {
        self.scan(text, scratch);
        let mut cats: Vec<usize> = scratch.hits().iter().map(|h| h.category as usize).collect();
        cats.sort_unstable();
        cats.dedup();
        cats
    }
}
