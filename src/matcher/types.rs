//! The matcher's shared types: the compiled [`Matcher`] and the tables
//! behind it (entries, rules), and what a scan produces (hits, the parts of
//! a rule's match). A leaf of `matcher`: `compile` builds these, `scan` and
//! `rule_eval` read them, and none of the three imports another.

use aho_corasick::AhoCorasick;

use crate::lexicon::rule_syntax::Placement;
use crate::lexicon::term::TokPat;
use crate::text::Normalizer;

/// Options of the matcher that come from the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatchOptions {
    /// How overlapping matches are resolved.
    pub overlap: Overlap,
    /// Match inside URLs.
    pub match_urls: bool,
    /// Report helper categories (`helper = true`) like the others, for
    /// auditing a lexicon; by default their hits only feed the rules. Either
    /// way they are matched alike, so no other category's number changes.
    pub show_helpers: bool,
    /// `--fold-diacritics on|off`: overrides every lexicon's
    /// `fold_diacritics` (off is how quanteda and LIWC match: `cártel` ≠
    /// `cartel`); `None` leaves each lexicon's own.
    pub fold_diacritics: Option<bool>,
}

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
    pub(crate) ac: AhoCorasick,
    /// Opt-in regex terms (`re:…`) and their entries.
    pub(crate) regexes: Vec<(regex::Regex, u32)>,
    /// The same patterns as one set, with two or more: one pass over a
    /// post says which of them to run (most posts match none).
    pub(crate) regex_set: Option<regex::RegexSet>,
    pub(crate) by_literal: Vec<Vec<u32>>,
    pub(crate) entries: Vec<Entry>,
    /// Categories in report order: the reported ones, then (with
    /// `show_helpers`) the helpers. Category ids index this list.
    pub categories: Vec<CategoryInfo>,
    /// Helper categories that are not reported (empty with
    /// `show_helpers`); their ids follow those of [`Matcher::categories`].
    pub helpers: Vec<CategoryInfo>,
    /// Every (category, term) pair of [`Matcher::categories`]; the slots
    /// of hidden helpers follow (see [`Matcher::slot`]).
    pub slots: Vec<Slot>,
    /// The slots of hidden helpers, numbered after [`Matcher::slots`].
    pub(crate) hidden_slots: Vec<Slot>,
    /// The category of every slot, hidden ones included (the hot path).
    pub(crate) slot_category: Vec<u32>,
    /// Ids at and above this are helper categories (shown or not): they
    /// resolve their overlaps each on its own.
    pub(crate) helper_from: u32,
    pub(crate) normalizer: Normalizer,
    pub(crate) overlap: Overlap,
    pub(crate) has_exclusions: bool,
    /// Problems found while compiling (terms that normalize to nothing, …).
    pub warnings: Vec<String>,
    /// Some entry is searched in the plain view.
    pub(crate) has_plain: bool,
    /// Some entry is searched in the deobfuscated view.
    pub(crate) has_deob: bool,
    /// The categories matched on the deobfuscated view.
    pub deobfuscated: Vec<u32>,
    /// Rule categories, each after the rules it uses.
    pub(crate) rules: Vec<CompiledRule>,
    /// For each rule (same order), the slots its top terms are counted in.
    pub(crate) rule_terms: Vec<RuleTerms>,
    /// The quoted terms of rules, as written.
    pub operands: Vec<String>,
}

impl Matcher {
    /// The category ids, in report order.
    pub fn category_ids(&self) -> Vec<String> {
        self.categories.iter().map(|c| c.id.clone()).collect()
    }

    /// The normalizer text must go through for this matcher.
    pub fn normalizer(&self) -> Normalizer {
        self.normalizer
    }

    /// A slot by id, a hidden helper's included (the parts of a rule's
    /// match may name one).
    pub fn slot(&self, id: u32) -> &Slot {
        let id = id as usize;
        self.slots
            .get(id)
            .unwrap_or_else(|| &self.hidden_slots[id - self.slots.len()])
    }

    /// Every category the matcher numbers, hidden helpers last.
    pub(crate) fn category_count(&self) -> usize {
        self.categories.len() + self.helpers.len()
    }

    /// Whether some helper's hits are dropped after the rules ran.
    pub(crate) fn hides_helpers(&self) -> bool {
        !self.helpers.is_empty()
    }
}

/// What a matched entry does.
#[derive(Clone, Debug)]
pub(crate) enum Action {
    /// Credits these slots.
    Term(Vec<u32>),
    /// Wins its span for these categories.
    Exclude(Vec<u32>),
    /// An occurrence of these quoted terms of rules.
    Operand(Vec<u32>),
}

/// A term or exclusion as the scanner sees it.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) toks: Vec<TokPat>,
    /// The literal does not cover every token: check the rest by hand.
    pub(crate) verify: bool,
    /// Searched in the deobfuscated view (its tokens carry runs).
    pub(crate) deob: bool,
    pub(crate) action: Action,
}

/// A compiled rule node: category and operand ids resolved.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    Category(u32),
    Operand(u32),
    Or(Box<Node>, Box<Node>),
    And {
        left: Box<Node>,
        right: Box<Node>,
        negate: bool,
        sentence: bool,
    },
    Window {
        left: Box<Node>,
        right: Box<Node>,
        placement: Placement,
        n: u32,
        negate: bool,
        sentence: bool,
    },
}

impl Node {
    /// Whether the rule reads some category flagged in `flags`.
    pub(crate) fn uses_categories(&self, flags: &[bool]) -> bool {
        match self {
            Node::Category(c) => flags[*c as usize],
            Node::Operand(_) => false,
            Node::Or(l, r) => l.uses_categories(flags) || r.uses_categories(flags),
            Node::And { left, right, .. } | Node::Window { left, right, .. } => {
                left.uses_categories(flags) || right.uses_categories(flags)
            }
        }
    }

    /// Whether the rule has quoted terms of its own.
    pub(crate) fn uses_operands(&self) -> bool {
        match self {
            Node::Category(_) => false,
            Node::Operand(_) => true,
            Node::Or(l, r) => l.uses_operands() || r.uses_operands(),
            Node::And { left, right, .. } | Node::Window { left, right, .. } => {
                left.uses_operands() || right.uses_operands()
            }
        }
    }

    pub(crate) fn uses_sentences(&self) -> bool {
        match self {
            Node::Category(_) | Node::Operand(_) => false,
            Node::Or(l, r) => l.uses_sentences() || r.uses_sentences(),
            Node::And {
                left,
                right,
                sentence,
                ..
            }
            | Node::Window {
                left,
                right,
                sentence,
                ..
            } => *sentence || left.uses_sentences() || right.uses_sentences(),
        }
    }
}

/// The top-term slots of one rule category: for each term a part of its
/// match can stand for (a category's slot or a quoted term), the slot of
/// the rule category that counts it.
#[derive(Clone, Debug, Default)]
pub(crate) struct RuleTerms {
    /// By the part's slot.
    pub by_slot: Vec<u32>,
    /// By the part's quoted-term (operand) id.
    pub by_operand: Vec<u32>,
}

impl RuleTerms {
    pub(crate) fn slot_of(&self, source: PartSource) -> u32 {
        match source {
            PartSource::Slot(s) => self.by_slot[s as usize],
            PartSource::Operand(o) => self.by_operand[o as usize],
        }
    }
}

/// A rule category ready to evaluate.
#[derive(Clone, Debug)]
pub(crate) struct CompiledRule {
    pub category: u32,
    pub slot: u32,
    pub node: Node,
    pub sentences: bool,
}

impl CompiledRule {
    pub fn new(category: u32, slot: u32, node: Node) -> Self {
        CompiledRule {
            category,
            slot,
            sentences: node.uses_sentences(),
            node,
        }
    }
}

/// Where a term inside a rule's match came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartSource {
    /// A hit of a category: its (category, term) slot.
    Slot(u32),
    /// An occurrence of a quoted term of a rule: its index in
    /// [`Matcher::operands`].
    Operand(u32),
}

/// A term hit inside a rule's match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// First token.
    pub tok_start: u32,
    /// One past the last token.
    pub tok_end: u32,
    /// Byte span in the original text.
    pub orig_start: usize,
    /// End of the byte span in the original text.
    pub orig_end: usize,
    /// The term.
    pub source: PartSource,
}

/// The parts of one rule hit: `hit` indexes [`Scratch::hits`], the range
/// indexes the scratch's part list.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fired {
    pub hit: u32,
    pub parts: (u32, u32),
}

/// A resolved hit: one category counts one span once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Category index.
    pub category: u32,
    /// The slot (category, term) credited first; tied terms are in
    /// [`Scratch::term_hits`](super::Scratch::term_hits).
    pub slot: u32,
    /// First token of the span.
    pub tok_start: u32,
    /// One past the last token of the span.
    pub tok_end: u32,
    /// Byte offset of the span in the original text.
    pub orig_start: usize,
    /// Byte offset just past the span in the original text.
    pub orig_end: usize,
}
