//! Lexicons → one Aho–Corasick automaton and the tables behind its patterns.
//!
//! Every term is normalized like post text, then turned into a *literal* that
//! the automaton searches in the padded normalized text (` tok tok `):
//! ` cuerno de chivo ` for a phrase (the spaces make it whole-word), ` arma`
//! for the prefix wildcard `arma*`, `zeta ` for the suffix wildcard `*zeta`.
//! A phrase with a wildcard inside (`cuerno* de chivo`) is searched by the
//! literal of its leading words (` cuerno`) and verified token by token.
//! Identical literals share one automaton pattern; each pattern maps to the
//! entries (terms or exclusions) that use it, and each term entry to its
//! *slots*: one (category, term as written) pair per category it belongs to.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Lexicons whose literals add up to more bytes than this get the crate's
/// own choice of automaton instead of a full DFA.
const DFA_MAX_BYTES: usize = 200_000;

use super::types::{
    Action, CategoryInfo, CompiledRule, Entry, MatchOptions, Matcher, Node, PartSource, RuleTerms,
    Slot,
};
use crate::error::{Error, Result};
use crate::lexicon::rule_syntax::{self, Expr, RuleRef};
use crate::lexicon::term::{REGEX_PREFIX, TokPat, compile_term, compile_term_deobfuscated};
use crate::lexicon::{Lexicon, Term};
use crate::text::Normalizer;

/// What an entry is for; entries of different roles are never shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Role {
    Term,
    Exclude,
    Operand,
}

/// The automaton literal for a compiled term, and whether the rest of the
/// tokens must be verified.
pub(crate) fn literal_of(toks: &[TokPat]) -> (String, bool) {
    let m = toks.len();
    let k = (0..m - 1)
        .find(|&i| toks[i].open_end || toks[i + 1].open_start)
        .unwrap_or(m - 1);
    let mut lit = String::new();
    if !toks[0].open_start {
        lit.push(' ');
    }
    for (i, t) in toks[..=k].iter().enumerate() {
        if i > 0 {
            lit.push(' ');
        }
        lit.push_str(&t.text);
    }
    if !toks[k].open_end {
        lit.push(' ');
    }
    (lit, k < m - 1)
}

/// Everything the matcher is built from, gathered before the automaton.
struct Builder {
    norm: Normalizer,
    literals: Vec<String>,
    literal_ids: HashMap<String, usize>,
    by_literal: Vec<Vec<u32>>,
    entries: Vec<Entry>,
    entry_ids: HashMap<(Vec<TokPat>, Role, bool), usize>,
    regexes: Vec<(regex::Regex, u32)>,
    warnings: Vec<String>,
    /// The quoted terms of rules, as written.
    operands: Vec<String>,
}

/// Compiled size limit of one regex term (bytes): a pattern that would
/// explode is refused with its `file:line` instead of eating memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

impl Builder {
    /// Add a term, an exclusion or a quoted term of a rule, to be searched
    /// in the plain view or (`deob`) the deobfuscated one; regex terms are
    /// always run on the plain view.
    fn add(&mut self, origin: &str, term: &Term, role: Role, deob: bool) -> Result<Option<usize>> {
        let action = match role {
            Role::Term => Action::Term(Vec::new()),
            Role::Exclude => Action::Exclude(Vec::new()),
            Role::Operand => Action::Operand(Vec::new()),
        };
        if let Some(pattern) = term.text.strip_prefix(REGEX_PREFIX) {
            let re = regex::RegexBuilder::new(pattern)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| Error::Lexicon {
                    path: origin.to_string(),
                    line: Some(term.line),
                    msg: format!("regex term {:?}: {e}", term.text),
                })?;
            let id = self.entries.len();
            self.entries.push(Entry {
                toks: Vec::new(),
                verify: false,
                deob: false,
                action,
            });
            self.regexes.push((re, id as u32));
            return Ok(Some(id));
        }
        let toks = if deob {
            compile_term_deobfuscated(&self.norm, &term.text)
        } else {
            compile_term(&self.norm, &term.text)
        };
        let Some(toks) = toks else {
            self.warnings.push(format!(
                "{origin}:{}: term {:?} normalizes to nothing and is ignored",
                term.line, term.text
            ));
            return Ok(None);
        };
        let key = (toks.clone(), role, deob);
        if let Some(&id) = self.entry_ids.get(&key) {
            return Ok(Some(id));
        }
        let (lit, verify) = literal_of(&toks);
        let lit_id = *self.literal_ids.entry(lit.clone()).or_insert_with(|| {
            self.literals.push(lit);
            self.by_literal.push(Vec::new());
            self.literals.len() - 1
        });
        let id = self.entries.len();
        self.entries.push(Entry {
            toks,
            // Deobfuscated tokens also have runs to compare.
            verify: verify || deob,
            deob,
            action,
        });
        self.by_literal[lit_id].push(id as u32);
        self.entry_ids.insert(key, id);
        Ok(Some(id))
    }
}

impl Builder {
    /// A rule of category `cat` with its names resolved: category ids of its
    /// lexicon (numbered by `cat_ids`, local index → matcher id) and quoted terms, which
    /// become automaton entries of their own.
    fn node(
        &mut self,
        origin: &str,
        options: &crate::lexicon::Options,
        cat: &crate::lexicon::Category,
        expr: &Expr,
        cat_ids: &[u32],
        ids: &[&str],
    ) -> Result<Node> {
        let mut sub = |e: &Expr| -> Result<Box<Node>> {
            Ok(Box::new(self.node(origin, options, cat, e, cat_ids, ids)?))
        };
        Ok(match expr {
            Expr::Category(id) => {
                let local = ids
                    .iter()
                    .position(|i| i == id)
                    .expect("rule_syntax::check resolved every name");
                Node::Category(cat_ids[local])
            }
            Expr::Term(text) => {
                let term = Term {
                    text: text.clone(),
                    weight: None,
                    line: cat.rule_line(),
                };
                let deob = cat.deobfuscated(options);
                let Some(entry) = self.add(origin, &term, Role::Operand, deob)? else {
                    return Err(Error::Lexicon {
                        path: origin.to_string(),
                        line: Some(cat.rule_line()),
                        msg: format!(
                            "rule of category {:?}: quoted term {text:?} normalizes to nothing",
                            cat.id
                        ),
                    });
                };
                let id = self.operands.len() as u32;
                self.operands.push(text.clone());
                if let Action::Operand(list) = &mut self.entries[entry].action {
                    list.push(id);
                }
                Node::Operand(id)
            }
            Expr::Or(l, r) => Node::Or(sub(l)?, sub(r)?),
            Expr::And {
                left,
                right,
                negate,
                sentence,
            } => Node::And {
                left: sub(left)?,
                right: sub(right)?,
                negate: *negate,
                sentence: *sentence,
            },
            Expr::Window {
                left,
                right,
                placement,
                n,
                negate,
                sentence,
            } => Node::Window {
                left: sub(left)?,
                right: sub(right)?,
                placement: *placement,
                n: *n,
                negate: *negate,
                sentence: *sentence,
            },
        })
    }
}

/// Every term a part of a rule's match can stand for: the slots of the term
/// categories it reads and, through the rules it reads, of theirs, and its
/// quoted terms.
fn part_sources(
    node: &Node,
    rules: &HashMap<u32, Vec<PartSource>>,
    by_category: &[Vec<u32>],
    out: &mut Vec<PartSource>,
) {
    match node {
        Node::Category(c) => match rules.get(c) {
            Some(inner) => out.extend_from_slice(inner),
            None => out.extend(
                by_category[*c as usize]
                    .iter()
                    .map(|&s| PartSource::Slot(s)),
            ),
        },
        Node::Operand(o) => out.push(PartSource::Operand(*o)),
        Node::Or(l, r) => {
            part_sources(l, rules, by_category, out);
            part_sources(r, rules, by_category, out);
        }
        Node::And { left, right, .. } | Node::Window { left, right, .. } => {
            part_sources(left, rules, by_category, out);
            part_sources(right, rules, by_category, out);
        }
    }
}

/// Compile lexicons (their categories concatenated, in order) into a matcher.
pub fn compile(lexicons: &[Lexicon], opts: &MatchOptions) -> Result<Matcher> {
    let first = lexicons
        .first()
        .ok_or_else(|| Error::Usage("no lexicon to compile".into()))?;
    let fold = opts
        .fold_diacritics
        .unwrap_or(first.options.fold_diacritics);
    if let Some(other) = lexicons.iter().find(|l| {
        opts.fold_diacritics.is_none() && l.options.fold_diacritics != first.options.fold_diacritics
    }) {
        return Err(Error::lexicon(
            &other.origin,
            None,
            format!(
                "disagrees with {:?} on fold_diacritics; lexicons that fold diacritics differently cannot be matched together\nhint: --fold-diacritics on|off sets it for all",
                first.origin
            ),
        ));
    }
    let norm = Normalizer {
        fold_diacritics: fold,
        match_urls: opts.match_urls,
    };
    let mut b = Builder {
        norm,
        literals: Vec::new(),
        literal_ids: HashMap::new(),
        by_literal: Vec::new(),
        entries: Vec::new(),
        entry_ids: HashMap::new(),
        regexes: Vec::new(),
        warnings: Vec::new(),
        operands: Vec::new(),
    };
    // Category ids: the reported categories of every lexicon first, in
    // order, then the helpers, so that the reported ones are 0..n whether
    // the helpers are shown or not.
    let reported = lexicons
        .iter()
        .flat_map(|l| &l.categories)
        .filter(|c| !c.helper)
        .count() as u32;
    let mut next = [0u32, reported];
    let order: Vec<Vec<u32>> = lexicons
        .iter()
        .map(|l| {
            l.categories
                .iter()
                .map(|c| {
                    let n = &mut next[usize::from(c.helper)];
                    *n += 1;
                    *n - 1
                })
                .collect()
        })
        .collect();
    let total = next[1] as usize;
    let mut categories: Vec<Option<CategoryInfo>> = vec![None; total];
    let mut deob_flags = vec![false; total];
    let mut slots = Vec::new();
    let mut rules = Vec::new();
    let mut slot_ids: HashMap<(u32, usize), u32> = HashMap::new();
    // The ids seen so far: a set, so that a lexicon of a million
    // categories compiles in linear time.
    let mut seen_ids: HashSet<&str> = HashSet::with_capacity(total);
    for (li, lex) in lexicons.iter().enumerate() {
        for (ci, cat) in lex.categories.iter().enumerate() {
            cat.check(&lex.origin)?;
            if !seen_ids.insert(cat.id.as_str()) {
                return Err(Error::Lexicon {
                    path: lex.origin.clone(),
                    line: Some(cat.line),
                    msg: format!(
                        "category id {:?} is already used by another lexicon",
                        cat.id
                    ),
                });
            }
            let cat_id = order[li][ci];
            categories[cat_id as usize] = Some(CategoryInfo {
                id: cat.id.clone(),
                label: cat.label.clone(),
                lexicon: li,
            });
            if cat.terms.is_empty() && cat.rule.is_none() {
                b.warnings.push(format!(
                    "{}:{}: category {:?} has no terms",
                    lex.origin, cat.line, cat.id
                ));
            }
            let deob = cat.deobfuscated(&lex.options);
            if deob && cat.rule.is_none() {
                deob_flags[cat_id as usize] = true;
            }
            for term in &cat.terms {
                let Some(entry) = b.add(&lex.origin, term, Role::Term, deob)? else {
                    continue;
                };
                // One slot per (category, entry): spelling variants that
                // normalize alike share it, shown as first written.
                let slot = *slot_ids.entry((cat_id, entry)).or_insert_with(|| {
                    slots.push(Slot {
                        category: cat_id,
                        term: term.text.clone(),
                        weight: term.weight,
                    });
                    (slots.len() - 1) as u32
                });
                if let Action::Term(list) = &mut b.entries[entry].action
                    && !list.contains(&slot)
                {
                    list.push(slot);
                }
            }
            for term in &cat.exclude {
                if let Some(entry) = b.add(&lex.origin, term, Role::Exclude, deob)?
                    && let Action::Exclude(list) = &mut b.entries[entry].action
                {
                    list.push(cat_id);
                }
            }
        }
        // Rule categories, each after the rules it uses.
        let ids: Vec<&str> = lex.categories.iter().map(|c| c.id.as_str()).collect();
        let ruled: Vec<usize> = (0..lex.categories.len())
            .filter(|&i| lex.categories[i].rule.is_some())
            .collect();
        let refs: Vec<RuleRef> = ruled
            .iter()
            .map(|&i| RuleRef {
                id: &lex.categories[i].id,
                rule: lex.categories[i].rule.as_deref().unwrap_or_default(),
                line: lex.categories[i].rule_line(),
            })
            .collect();
        for k in rule_syntax::check(&lex.origin, &ids, &refs)? {
            let cat = &lex.categories[ruled[k]];
            let text = cat.rule.as_deref().unwrap_or_default();
            let expr = rule_syntax::parse(text).expect("rule_syntax::check parsed every rule");
            let cat_id = order[li][ruled[k]];
            slots.push(Slot {
                category: cat_id,
                term: text.to_string(),
                weight: None,
            });
            let slot = (slots.len() - 1) as u32;
            let node = b.node(&lex.origin, &lex.options, cat, &expr, &order[li], &ids)?;
            // A rule over deobfuscated categories is matched that way too.
            deob_flags[cat_id as usize] = node.uses_categories(&deob_flags)
                || cat.deobfuscated(&lex.options) && node.uses_operands();
            rules.push(CompiledRule::new(cat_id, slot, node));
        }
        // Exclusions of the whole lexicon are searched in each view its
        // categories use.
        let any_deob = lex.categories.iter().any(|c| c.deobfuscated(&lex.options));
        let any_plain = lex.categories.iter().any(|c| !c.deobfuscated(&lex.options));
        for term in &lex.exclude {
            for deob in [false, true] {
                if !(if deob { any_deob } else { any_plain }) {
                    continue;
                }
                if let Some(entry) = b.add(&lex.origin, term, Role::Exclude, deob)?
                    && let Action::Exclude(list) = &mut b.entries[entry].action
                {
                    list.extend(order[li].iter().copied());
                }
            }
        }
    }
    for e in &mut b.entries {
        if let Action::Exclude(list) = &mut e.action {
            list.sort_unstable();
            list.dedup();
        }
    }
    // A full DFA scans fastest; its memory grows with the lexicon, so large
    // lexicons (HurtLex-sized and up) leave the choice to the crate.
    let literal_bytes: usize = b.literals.iter().map(String::len).sum();
    let kind = (literal_bytes <= DFA_MAX_BYTES).then_some(AhoCorasickKind::DFA);
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(kind)
        .build(&b.literals)?;
    // Regex entries (no tokens) run on their own pass.
    let has_plain = b.entries.iter().any(|e| !e.deob && !e.toks.is_empty());
    let has_deob = b.entries.iter().any(|e| e.deob);
    let has_exclusions = b
        .entries
        .iter()
        .any(|e| matches!(e.action, Action::Exclude(_)));
    // The top terms of a rule category are the terms that made it fire:
    // one slot of the rule's own per distinct term text its matches can
    // stand for (through the rules it reads, down to their terms).
    let base_slots = slots.len();
    let mut by_category: Vec<Vec<u32>> = vec![Vec::new(); total];
    for (i, slot) in slots.iter().enumerate() {
        by_category[slot.category as usize].push(i as u32);
    }
    let mut sources: HashMap<u32, Vec<PartSource>> = HashMap::new();
    let mut rule_terms = Vec::with_capacity(rules.len());
    for r in &rules {
        let mut src = Vec::new();
        part_sources(&r.node, &sources, &by_category, &mut src);
        let mut terms = RuleTerms {
            by_slot: vec![u32::MAX; base_slots],
            by_operand: vec![u32::MAX; b.operands.len()],
        };
        let mut by_text: HashMap<String, u32> = HashMap::new();
        for &source in &src {
            let text = match source {
                PartSource::Slot(s) => slots[s as usize].term.clone(),
                PartSource::Operand(o) => b.operands[o as usize].clone(),
            };
            let id = *by_text.entry(text).or_insert_with_key(|text| {
                slots.push(Slot {
                    category: r.category,
                    term: text.clone(),
                    weight: None,
                });
                slots.len() as u32 - 1
            });
            match source {
                PartSource::Slot(s) => terms.by_slot[s as usize] = id,
                PartSource::Operand(o) => terms.by_operand[o as usize] = id,
            }
        }
        sources.insert(r.category, src);
        rule_terms.push(terms);
    }
    // Hidden helpers: their categories and slots are numbered after the
    // reported ones, so every id a caller sees indexes `categories` and
    // `slots`.
    let visible = if opts.show_helpers {
        total
    } else {
        reported as usize
    };
    let mut categories: Vec<CategoryInfo> = categories
        .into_iter()
        .map(|c| c.expect("every category has an id"))
        .collect();
    let helpers = categories.split_off(visible);
    let is_shown = |s: &Slot| (s.category as usize) < visible;
    let n_shown = slots.iter().filter(|s| is_shown(s)).count() as u32;
    let (mut next_shown, mut next_hidden) = (0u32, n_shown);
    let renumber: Vec<u32> = slots
        .iter()
        .map(|s| {
            let n = if is_shown(s) {
                &mut next_shown
            } else {
                &mut next_hidden
            };
            *n += 1;
            *n - 1
        })
        .collect();
    let mut slot_category = vec![0u32; slots.len()];
    for (old, s) in slots.iter().enumerate() {
        slot_category[renumber[old] as usize] = s.category;
    }
    let (shown, hidden): (Vec<Slot>, Vec<Slot>) = slots.into_iter().partition(|s| is_shown(s));
    for e in &mut b.entries {
        if let Action::Term(list) = &mut e.action {
            for s in list.iter_mut() {
                *s = renumber[*s as usize];
            }
        }
    }
    for r in &mut rules {
        r.slot = renumber[r.slot as usize];
    }
    for t in &mut rule_terms {
        let mut by_slot = vec![u32::MAX; renumber.len()];
        for (old, &id) in t.by_slot.iter().enumerate() {
            if id != u32::MAX {
                by_slot[renumber[old] as usize] = renumber[id as usize];
            }
        }
        t.by_slot = by_slot;
        for id in &mut t.by_operand {
            if *id != u32::MAX {
                *id = renumber[*id as usize];
            }
        }
    }
    let deobfuscated = (0..visible as u32)
        .filter(|&c| deob_flags[c as usize])
        .collect();
    Ok(Matcher {
        ac,
        regex_set: if b.regexes.len() > 1 {
            Some(
                regex::RegexSetBuilder::new(b.regexes.iter().map(|(re, _)| re.as_str()))
                    .size_limit(REGEX_SIZE_LIMIT * b.regexes.len())
                    .dfa_size_limit(REGEX_SIZE_LIMIT * b.regexes.len())
                    .build()
                    .map_err(|e| Error::Lexicon {
                        path: first.origin.clone(),
                        line: None,
                        msg: format!("the regex terms together: {e}"),
                    })?,
            )
        } else {
            None
        },
        regexes: b.regexes,
        by_literal: b.by_literal,
        entries: b.entries,
        categories,
        helpers,
        slots: shown,
        hidden_slots: hidden,
        slot_category,
        helper_from: reported,
        normalizer: norm,
        overlap: opts.overlap,
        has_exclusions,
        warnings: b.warnings,
        has_plain,
        has_deob,
        deobfuscated,
        rules,
        rule_terms,
        operands: b.operands,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(term: &str) -> (String, bool) {
        literal_of(&compile_term(&Normalizer::default(), term).unwrap())
    }

    #[test]
    fn literals() {
        assert_eq!(lit("Cuerno de Chivo"), (" cuerno de chivo ".into(), false));
        assert_eq!(lit("arma*"), (" arma".into(), false));
        assert_eq!(lit("*zeta"), ("zeta ".into(), false));
        assert_eq!(lit("cuerno* de chivo"), (" cuerno".into(), true));
        assert_eq!(lit("de *chivo"), (" de ".into(), true));
        assert_eq!(lit("#CJNG"), (" cjng ".into(), false));
        assert_eq!(lit("🔫"), (" 🔫 ".into(), false));
        assert_eq!(lit("cuerno-de-chivo*"), (" cuerno de chivo".into(), false));
        assert!(compile_term(&Normalizer::default(), "?!").is_none());
        assert!(compile_term(&Normalizer::default(), "*").is_none());
    }
}
