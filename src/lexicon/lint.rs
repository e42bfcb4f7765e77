//! `lexicon lint`: defects a lexicon can have, found without any corpus.
//!
//! Each finding has a code, so a lexicon can silence a check it breaks on
//! purpose with `[lint] allow = ["shared-term"]`:
//!
//! | code | level | what |
//! |---|---|---|
//! | `empty-category` | error | a category without terms measures nothing |
//! | `empty-term` | error | a term that normalizes to nothing never matches |
//! | `invalid-char` | error | control, replacement (U+FFFD), zero-width or direction characters |
//! | `punctuation` | warning | leading or trailing punctuation is a separator: `.45` matches "45 minutes" |
//! | `duplicate` | warning | two terms of a category normalize alike (`cártel`, `cartel`) |
//! | `shared-term` | warning | the same term in two categories |
//! | `wildcard-swallows` | warning | a wildcard of one category matches another category's term |
//! | `short-wildcard` | warning | a wildcard on one or two characters matches almost anything |
//! | `dead-exclusion` | warning | an exclusion that covers no term of its category never wins anything |
//! | `unused-helper` | warning | a helper category (`helper = true`) that no rule reads is matched for nothing |
//! | `invalid` | error | what compiling the lexicon refuses (a regex that does not compile, a negative or non-finite weight, the reserved id `_any`); reported by `lexiscope lexicon lint`, which compiles each lexicon |
//! | `regex-runs-over` | warning | a regex term with an unbounded repetition of anything that matches a space (`.*`, `.+`, `.{2,}`, `[^x]*`, `[\s\S]*`, `\s+`): the regex is greedy, runs past the end of the word, and a match must end on a word boundary, so it matches almost nothing |
//! | `regex-ends-outside-word` | warning | a regex term whose every match ends on a space, punctuation or the end of the text (`armas\W+`, `armas(\s\|$)`, a trailing space): it never ends where a word ends, so it matches nothing |
//! | `dead-rule` | warning | a rule that can never fire: it needs a category with no usable term, or negates what it asks for (`a AND NOT a`, `a NOT NEAR/3 b` when every term of `a` is a term of `b`) |
//!
//! Helper categories resolve their overlaps each on its own and are read
//! only by rules, so `shared-term` and `wildcard-swallows` do not apply
//! between a helper and another category.
//!
//! Every check works on the terms as the matcher sees them: normalized
//! token sequences with open starts and ends ([`super::term`]).

use regex_syntax::hir::{Class, Hir, HirKind, Look};
use serde::Serialize;

use super::model::Lexicon;
use super::rule_syntax::{self, Expr, Placement};
use super::term::{TokPat, compile_term};
use crate::text::{Normalizer, is_invisible};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth a look; fails only with `--deny-warnings`.
    Warning,
    /// The lexicon is broken.
    Error,
}

/// One defect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The lexicon file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// Error or warning.
    pub level: Level,
    /// Check code (see the module docs).
    pub code: &'static str,
    /// Category id, when the finding is about one.
    pub category: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// A term of the lexicon as the checks see it.
struct Entry<'a> {
    category: Option<usize>,
    text: &'a str,
    line: usize,
    pattern: Option<Vec<TokPat>>,
}

/// Does `pattern` match the token sequence `toks` starting at `at`?
fn matches_at(pattern: &[TokPat], toks: &[String], at: usize) -> bool {
    at + pattern.len() <= toks.len()
        && pattern
            .iter()
            .enumerate()
            .all(|(i, p)| p.accepts(&toks[at + i]))
}

/// The tokens a literal term stands for (wildcard ends ignored).
fn tokens(pattern: &[TokPat]) -> Vec<String> {
    pattern.iter().map(|p| p.text.clone()).collect()
}

fn is_wild(pattern: &[TokPat]) -> bool {
    pattern.iter().any(|p| p.open_start || p.open_end)
}

/// Lint one lexicon.
pub fn lint(lex: &Lexicon) -> Vec<Finding> {
    let norm = Normalizer {
        fold_diacritics: lex.options.fold_diacritics,
        match_urls: false,
    };
    let mut out = Vec::new();
    let mut push = |line: usize,
                    level: Level,
                    code: &'static str,
                    category: Option<usize>,
                    message: String| {
        if !lex.lint_allow.iter().any(|a| a == code) {
            out.push(Finding {
                path: lex.origin.clone(),
                line,
                level,
                code,
                category: category.map(|c| lex.categories[c].id.clone()),
                message,
            });
        }
    };
    let mut terms: Vec<Entry> = Vec::new();
    let mut exclusions: Vec<Entry> = Vec::new();
    for (ci, c) in lex.categories.iter().enumerate() {
        if c.terms.is_empty() && c.rule.is_none() {
            push(
                c.line,
                Level::Error,
                "empty-category",
                Some(ci),
                format!("category {:?} has no terms", c.id),
            );
        }
        for t in &c.terms {
            terms.push(Entry {
                category: Some(ci),
                text: &t.text,
                line: t.line,
                pattern: compile_term(&norm, &t.text),
            });
        }
        for t in &c.exclude {
            exclusions.push(Entry {
                category: Some(ci),
                text: &t.text,
                line: t.line,
                pattern: compile_term(&norm, &t.text),
            });
        }
    }
    for t in &lex.exclude {
        exclusions.push(Entry {
            category: None,
            text: &t.text,
            line: t.line,
            pattern: compile_term(&norm, &t.text),
        });
    }
    // Regex terms compile when the lexicon is compiled (a pattern that
    // does not is an `invalid` error of `lexicon lint`); here the patterns
    // that can never start and end on the edges of words are flagged.
    for e in terms.iter().chain(&exclusions) {
        let Some(pattern) = e.text.strip_prefix(super::term::REGEX_PREFIX) else {
            continue;
        };
        let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else {
            continue;
        };
        if runs_over(&hir) {
            push(
                e.line,
                Level::Warning,
                "regex-runs-over",
                e.category,
                format!(
                    "regex term {:?}: an unbounded repetition that also matches a space (`.*`, `.+`, `[^x]*`, `[\\s\\S]*`, `\\s+`) runs on past the end of the word, and a match must end where a word ends, so it matches almost nothing; use \\w* (letters and digits) or [^ ]* instead",
                    e.text
                ),
            );
        } else if ends_outside_word(&hir) {
            push(
                e.line,
                Level::Warning,
                "regex-ends-outside-word",
                e.category,
                format!(
                    "regex term {:?}: every match ends on a space, a punctuation mark or the end of the text (`\\s`, `\\W`, `$`, a trailing space), and a match must end where a word ends, so it matches nothing; end the pattern on the word (`\\b` if needed)",
                    e.text
                ),
            );
        }
    }
    terms.retain(|e| !e.text.starts_with(super::term::REGEX_PREFIX));
    exclusions.retain(|e| !e.text.starts_with(super::term::REGEX_PREFIX));
    // Per term: characters and normalization.
    for e in terms.iter().chain(&exclusions) {
        if let Some(bad) = e
            .text
            .chars()
            .find(|&ch| (ch.is_control() && ch != '\t') || ch == '\u{FFFD}' || is_invisible(ch))
        {
            push(
                e.line,
                Level::Error,
                "invalid-char",
                e.category,
                format!(
                    "{:?} contains the invisible or invalid character U+{:04X}",
                    e.text, bad as u32
                ),
            );
        }
        let Some(pattern) = &e.pattern else {
            push(
                e.line,
                Level::Error,
                "empty-term",
                e.category,
                format!("{:?} normalizes to nothing and never matches", e.text),
            );
            continue;
        };
        for word in e.text.split_whitespace() {
            let core = word.trim_matches('*');
            let is_sep = |ch: char| {
                norm.normalize_to_string(&ch.to_string()).is_empty() && !ch.is_whitespace()
            };
            let edge = core
                .chars()
                .next()
                .filter(|&ch| is_sep(ch))
                .or_else(|| core.chars().last().filter(|&ch| is_sep(ch)));
            if let (Some(ch), false) = (edge, core.is_empty()) {
                push(
                    e.line,
                    Level::Warning,
                    "punctuation",
                    e.category,
                    format!(
                        "{:?}: {ch:?} is a separator, so the term matches {:?}",
                        e.text,
                        pattern
                            .iter()
                            .map(|p| p.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                );
                break;
            }
        }
        if is_wild(pattern)
            && pattern
                .iter()
                .any(|p| (p.open_end || p.open_start) && p.text.chars().count() <= 2)
        {
            push(
                e.line,
                Level::Warning,
                "short-wildcard",
                e.category,
                format!(
                    "{:?}: a wildcard on so short a word matches almost anything",
                    e.text
                ),
            );
        }
    }
    // Pairs of terms.
    let helper = |c: Option<usize>| c.is_some_and(|c| lex.categories[c].helper);
    for (i, a) in terms.iter().enumerate() {
        let Some(pa) = &a.pattern else { continue };
        for b in &terms[..i] {
            let Some(pb) = &b.pattern else { continue };
            if a.category != b.category && (helper(a.category) || helper(b.category)) {
                continue;
            }
            if pa == pb {
                if a.category == b.category {
                    push(
                        a.line,
                        Level::Warning,
                        "duplicate",
                        a.category,
                        format!(
                            "{:?} normalizes like {:?} (line {})",
                            a.text, b.text, b.line
                        ),
                    );
                } else {
                    push(
                        a.line,
                        Level::Warning,
                        "shared-term",
                        a.category,
                        format!(
                            "{:?} is also a term of {:?} (line {})",
                            a.text,
                            lex.categories[b.category.unwrap_or(0)].id,
                            b.line
                        ),
                    );
                }
                continue;
            }
            if a.category == b.category {
                continue;
            }
            for (w, pw, other, po) in [(a, pa, b, pb), (b, pb, a, pa)] {
                if is_wild(pw)
                    && !is_wild(po)
                    && pw.len() == po.len()
                    && matches_at(pw, &tokens(po), 0)
                {
                    push(
                        w.line,
                        Level::Warning,
                        "wildcard-swallows",
                        w.category,
                        format!(
                            "{:?} also matches {:?}, a term of {:?} (line {})",
                            w.text,
                            other.text,
                            lex.categories[other.category.unwrap_or(0)].id,
                            other.line
                        ),
                    );
                }
            }
        }
    }
    // Exclusions must cover a term of their category.
    for e in &exclusions {
        let Some(pe) = &e.pattern else { continue };
        let toks = tokens(pe);
        let covers = terms.iter().any(|t| {
            (e.category.is_none() || t.category == e.category)
                && t.pattern
                    .as_ref()
                    .is_some_and(|p| (0..toks.len()).any(|at| matches_at(p, &toks, at)))
        });
        if !covers {
            push(
                e.line,
                Level::Warning,
                "dead-exclusion",
                e.category,
                format!(
                    "exclusion {:?} covers no term of its category, so it never excludes anything",
                    e.text
                ),
            );
        }
    }
    // Helpers that no rule reads.
    let read: Vec<String> = lex
        .categories
        .iter()
        .filter_map(|c| c.rule.as_deref().and_then(|r| rule_syntax::parse(r).ok()))
        .flat_map(|e| {
            e.categories()
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    for (ci, c) in lex.categories.iter().enumerate() {
        if c.helper && !read.contains(&c.id) {
            push(
                c.line,
                Level::Warning,
                "unused-helper",
                Some(ci),
                format!(
                    "helper category {:?} is read by no rule, so it is matched for nothing",
                    c.id
                ),
            );
        }
    }
    // Rules that can never fire.
    let patterns: Vec<Vec<&Vec<TokPat>>> = (0..lex.categories.len())
        .map(|ci| {
            terms
                .iter()
                .filter(|t| t.category == Some(ci))
                .filter_map(|t| t.pattern.as_ref())
                .collect()
        })
        .collect();
    let dead = Dead {
        lex,
        norm: &norm,
        patterns: &patterns,
    };
    for (ci, c) in lex.categories.iter().enumerate() {
        let Some(expr) = c.rule.as_deref().and_then(|r| rule_syntax::parse(r).ok()) else {
            continue;
        };
        if let Some(why) = dead.why(&expr, 0) {
            push(
                c.rule_line(),
                Level::Warning,
                "dead-rule",
                Some(ci),
                format!(
                    "the rule of {:?} can never fire: {why}\n  rule: {}",
                    c.id,
                    c.rule.as_deref().unwrap_or_default()
                ),
            );
        }
    }
    out.sort_by(|a, b| (a.line, a.code).cmp(&(b.line, b.code)));
    out
}

/// Why a rule can never fire, worked out from the terms alone.
struct Dead<'a> {
    lex: &'a Lexicon,
    norm: &'a Normalizer,
    /// The compiled terms of each category.
    patterns: &'a [Vec<&'a Vec<TokPat>>],
}

impl Dead<'_> {
    /// `Some(reason)` when `expr` has no match on any text.
    fn why(&self, expr: &Expr, depth: usize) -> Option<String> {
        match expr {
            Expr::Category(id) => {
                let ci = self.lex.category_index(id)?;
                let c = &self.lex.categories[ci];
                match c.rule.as_deref() {
                    Some(r) => {
                        // Cycles are refused at load time; the depth guard
                        // only keeps a hand-built lexicon from looping.
                        let inner = rule_syntax::parse(r).ok()?;
                        let why = if depth < 64 {
                            self.why(&inner, depth + 1)
                        } else {
                            None
                        };
                        why.map(|w| format!("its category {id:?} never fires ({w})"))
                    }
                    None => (self.patterns[ci].is_empty()
                        && !c
                            .terms
                            .iter()
                            .any(|t| t.text.starts_with(super::term::REGEX_PREFIX)))
                    .then(|| format!("category {id:?} has no term that can match")),
                }
            }
            Expr::Term(t) => compile_term(self.norm, t)
                .is_none()
                .then(|| format!("the quoted term {t:?} normalizes to nothing")),
            Expr::Or(l, r) => {
                let (a, b) = (self.why(l, depth)?, self.why(r, depth)?);
                Some(format!("{a}, and {b}"))
            }
            Expr::And {
                left,
                right,
                negate,
                ..
            } => {
                if let Some(w) = self.why(left, depth) {
                    return Some(w);
                }
                if *negate {
                    self.always_with(left, right)
                } else {
                    self.why(right, depth)
                }
            }
            Expr::Window {
                left,
                right,
                placement,
                negate,
                ..
            } => {
                if let Some(w) = self.why(left, depth) {
                    return Some(w);
                }
                match (negate, placement) {
                    (false, _) => self.why(right, depth),
                    // `a NOT NEAR/n a` keeps the isolated mentions of `a`.
                    (true, Placement::Near) if left != right => self.always_with(left, right),
                    (true, _) => None,
                }
            }
        }
    }

    /// `Some(reason)` when every match of `left` comes with a match of
    /// `right` on the same span, so negating `right` leaves nothing.
    fn always_with(&self, left: &Expr, right: &Expr) -> Option<String> {
        if left == right {
            return Some("it negates its own left side".into());
        }
        let (Expr::Category(a), Expr::Category(b)) = (left, right) else {
            return None;
        };
        let (ai, bi) = (self.lex.category_index(a)?, self.lex.category_index(b)?);
        let (pa, pb) = (&self.patterns[ai], &self.patterns[bi]);
        let covered = self.lex.categories[ai].rule.is_none()
            && self.lex.categories[ai].exclude.is_empty()
            && self.lex.categories[bi].exclude.is_empty()
            && !pa.is_empty()
            && pa.iter().all(|p| pb.contains(p));
        covered.then(|| format!("every term of {a:?} is also a term of {b:?}"))
    }
}

#[cfg(test)]
mod tests;

/// Whether the regex has an unbounded repetition (`*`, `+`, `{n,}`, lazy
/// or not) of something that can match a space: the words of the text the
/// regex runs on are separated by spaces, so it runs past the word.
fn runs_over(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(r) => (r.max.is_none() && may_match_space(&r.sub)) || runs_over(&r.sub),
        HirKind::Capture(c) => runs_over(&c.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(runs_over),
        _ => false,
    }
}

fn may_match_space(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(l) => l.0.contains(&b' '),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= ' ' && ' ' <= r.end()),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= b' ' && b' ' <= r.end()),
        HirKind::Repetition(r) => may_match_space(&r.sub),
        HirKind::Capture(c) => may_match_space(&c.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(may_match_space),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// Whether every match of the regex ends on a character that is not a
/// letter or a digit (a space, punctuation) or at the end of the text
/// (which follows a space): such a match never ends where a word ends.
fn ends_outside_word(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(l) => std::str::from_utf8(&l.0)
            .ok()
            .and_then(|s| s.chars().last())
            .is_some_and(|c| !c.is_alphanumeric()),
        HirKind::Class(Class::Unicode(c)) => !c
            .ranges()
            .iter()
            .any(|r| (r.start()..=r.end()).any(char::is_alphanumeric)),
        HirKind::Class(Class::Bytes(c)) => !c
            .ranges()
            .iter()
            .any(|r| (r.start()..=r.end()).any(|b| b.is_ascii_alphanumeric() || b >= 0x80)),
        HirKind::Look(look) => matches!(look, Look::End | Look::EndLF | Look::EndCRLF),
        HirKind::Repetition(r) => r.min > 0 && ends_outside_word(&r.sub),
        HirKind::Capture(c) => ends_outside_word(&c.sub),
        HirKind::Alternation(v) => v.iter().all(ends_outside_word),
        HirKind::Concat(v) => v
            .iter()
            .rev()
            .find(|h| !matches!(h.kind(), HirKind::Look(l) if !matches!(l, Look::End | Look::EndLF | Look::EndCRLF)))
            .is_some_and(ends_outside_word),
        HirKind::Empty => false,
    }
}
