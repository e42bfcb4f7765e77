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
//! categories are then evaluated over the hit positions (`rule_eval`). All
//! buffers live in a [`Scratch`] owned by the calling thread, so a scan of a
//! post without rule matches allocates nothing once warm.

//!
//! Files: `types` (the compiled matcher and what a scan yields, shared by
//! the rest), `scratch` (per-thread buffers), `compile` (lexicons →
//! automaton and tables), `scan` (one post), `rule_eval` (rule categories
//! over the hits of a post; their syntax is `lexicon::rule_syntax`),
//! [`reference`](mod@reference) (the slow reference the tests hold the scan against),
//! [`cases`] (a lexicon's test cases run on the matcher).

pub mod cases;
mod compile;
pub mod reference;
mod rule_eval;
mod scan;
mod scratch;
#[cfg(test)]
mod tests;
mod types;

pub use crate::lexicon::term::REGEX_PREFIX;
pub use compile::compile;
pub use scratch::Scratch;
pub use types::{CategoryInfo, Hit, MatchOptions, Matcher, Overlap, Part, PartSource, Slot};
