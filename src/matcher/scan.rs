//! One post through the matcher: normalize, find (in the plain view and,
//! for categories that opt in, the deobfuscated one), exclude, resolve, then
//! evaluate the rule categories (`rule_eval`).

use super::scratch::{Cand, Scratch};
use super::types::{Action, Hit, Matcher, Overlap};
use crate::text::{DeobText, NormText};

impl Matcher {
    /// Indices of the categories `text` falls in, sorted (for tests and
    /// lexicon test cases).
    pub fn categories_of(&self, text: &str, scratch: &mut Scratch) -> Vec<usize> {
        self.scan(text, scratch);
        let mut cats: Vec<usize> = scratch.hits().iter().map(|h| h.category as usize).collect();
        cats.sort_unstable();
        cats.dedup();
        cats
    }

    /// Scan one post; its hits are then in [`Scratch::hits`] and
    /// [`Scratch::term_hits`] until the next scan with `scratch`.
    pub fn scan(&self, text: &str, scratch: &mut Scratch) {
        self.scan_terms(text, scratch);
        if !self.rules.is_empty() {
            self.eval_rules(text, scratch);
        }
        if self.hides_helpers() {
            scratch.drop_hidden(self.categories.len() as u32, self.slots.len() as u32);
        }
    }

    /// The term categories and quoted terms of one post.
    fn scan_terms(&self, text: &str, scratch: &mut Scratch) {
        let Scratch {
            norm,
            cands,
            excl,
            cur_end,
            touched,
            hits,
            term_hits,
            ops,
            fired,
            parts,
            sentences: _,
            deob,
        } = scratch;
        hits.clear();
        term_hits.clear();
        cands.clear();
        excl.clear();
        ops.clear();
        fired.clear();
        parts.clear();
        self.normalizer.normalize_into(text, norm);
        if norm.tokens.is_empty() {
            return;
        }
        let mut out = Found { cands, excl, ops };
        if self.has_plain {
            for m in self.ac.find_overlapping_iter(norm.norm.as_str()) {
                let start = norm.token_at(m.start());
                for &entry_id in &self.by_literal[m.pattern().as_usize()] {
                    let entry = &self.entries[entry_id as usize];
                    let end = start + entry.toks.len();
                    if entry.deob
                        || entry.verify
                            && (end > norm.tokens.len()
                                || !entry
                                    .toks
                                    .iter()
                                    .enumerate()
                                    .all(|(i, t)| t.accepts(norm.token_text(start + i))))
                    {
                        continue;
                    }
                    let orig = (norm.tokens[start].orig_start, norm.tokens[end - 1].orig_end);
                    self.push_entry(entry_id, start as u32, end as u32, orig, &mut out);
                }
            }
        }
        if self.has_deob {
            self.scan_deobfuscated(text, norm, deob, &mut out);
        }
        // Regex terms: a match counts when it starts and ends on token
        // boundaries of the normalized text.
        let which = self.regex_set.as_ref().map(|set| set.matches(&norm.norm));
        for (k, (re, entry_id)) in self.regexes.iter().enumerate() {
            if which.as_ref().is_some_and(|w| !w.matched(k)) {
                continue;
            }
            for m in re.find_iter(&norm.norm) {
                let bytes = norm.norm.as_bytes();
                if m.is_empty()
                    || m.start() == 0
                    || bytes[m.start() - 1] != b' '
                    || bytes.get(m.end()) != Some(&b' ')
                    || bytes[m.start()] == b' '
                    || bytes[m.end() - 1] == b' '
                {
                    continue;
                }
                let start = norm.token_at(m.start());
                let end = norm.token_at(m.end() - 1) + 1;
                let orig = (norm.tokens[start].orig_start, norm.tokens[end - 1].orig_end);
                self.push_entry(*entry_id, start as u32, end as u32, orig, &mut out);
            }
        }
        let Found { cands, excl, .. } = out;
        if cands.is_empty() {
            return;
        }
        if self.has_exclusions && !excl.is_empty() {
            cands.retain(|c| {
                let end = (-c.neg_end) as u32;
                !excl.iter().any(|&(s, e, id)| {
                    let Action::Exclude(cats) = &self.entries[id as usize].action else {
                        unreachable!("only exclusions are pushed to excl")
                    };
                    c.start < e && s < end && cats.binary_search(&c.category).is_ok()
                })
            });
        }
        cands.sort_unstable();
        // Helper categories (ids from `helper_from`) are vocabularies for
        // rules: each resolves its own overlaps, whatever the option, so
        // that one helper's long phrase never takes a span from another.
        let helper_from = self.helper_from;
        match self.overlap {
            Overlap::LeftmostLongest => {
                let mut taken_end = 0u32;
                let mut span: Option<(u32, i64)> = None;
                for c in cands.iter().filter(|c| c.category < helper_from) {
                    if span == Some((c.start, c.neg_end)) {
                        // A tie on the winning span.
                        push_hit(hits, term_hits, c);
                        continue;
                    }
                    if c.start < taken_end {
                        continue;
                    }
                    span = Some((c.start, c.neg_end));
                    taken_end = (-c.neg_end) as u32;
                    push_hit(hits, term_hits, c);
                }
                if (helper_from as usize) < self.category_count() {
                    let helpers = cands.iter().filter(|c| c.category >= helper_from);
                    self.resolve_each(helpers, cur_end, touched, hits, term_hits);
                    hits.sort_unstable_by_key(|h| (h.tok_start, h.category));
                }
            }
            Overlap::PerCategory => {
                self.resolve_each(cands.iter(), cur_end, touched, hits, term_hits);
                hits.sort_unstable_by_key(|h| (h.tok_start, h.category));
            }
        }
    }

    /// Leftmost-longest within each category on its own (candidates sorted).
    fn resolve_each<'c>(
        &self,
        cands: impl Iterator<Item = &'c Cand>,
        cur_end: &mut Vec<u32>,
        touched: &mut Vec<u32>,
        hits: &mut Vec<Hit>,
        term_hits: &mut Vec<u32>,
    ) {
        if cur_end.len() < self.category_count() {
            cur_end.resize(self.category_count(), 0);
        }
        // (start, neg_end) of the span each category took last.
        for c in cands {
            let cat = c.category as usize;
            let end = (-c.neg_end) as u32;
            let last = hits.iter().rev().find(|h| h.category == c.category);
            if let Some(h) = last
                && h.tok_start == c.start
                && h.tok_end == end
            {
                term_hits.push(c.slot);
                continue;
            }
            if c.start < cur_end[cat] {
                continue;
            }
            if cur_end[cat] == 0 {
                touched.push(c.category);
            }
            cur_end[cat] = end;
            push_hit(hits, term_hits, c);
        }
        for &cat in touched.iter() {
            cur_end[cat as usize] = 0;
        }
        touched.clear();
    }
}

/// What the search passes find, before exclusion and resolution.
struct Found<'a> {
    cands: &'a mut Vec<Cand>,
    excl: &'a mut Vec<(u32, u32, u32)>,
    ops: &'a mut Vec<(u32, u32, u32)>,
}

impl Matcher {
    /// Record what a matched entry does over (plain) tokens `start..end`,
    /// which span `orig` in the original text.
    fn push_entry(
        &self,
        entry_id: u32,
        start: u32,
        end: u32,
        orig: (usize, usize),
        out: &mut Found,
    ) {
        match &self.entries[entry_id as usize].action {
            Action::Term(slots) => {
                for &slot in slots {
                    out.cands.push(Cand {
                        start,
                        neg_end: -(end as i64),
                        category: self.slot_category[slot as usize],
                        slot,
                        orig,
                    });
                }
            }
            Action::Exclude(_) => out.excl.push((start, end, entry_id)),
            Action::Operand(list) => out.ops.extend(list.iter().map(|&o| (o, start, end))),
        }
    }

    /// The search pass over the deobfuscated view: skeletons through the
    /// automaton, runs checked token by token, and each match carried back
    /// to the plain tokens its original bytes overlap, so that resolution,
    /// rules and token counts all work on one token sequence.
    fn scan_deobfuscated(&self, text: &str, norm: &NormText, deob: &mut DeobText, out: &mut Found) {
        self.normalizer.deobfuscate_from(text, Some(norm), deob);
        for m in self.ac.find_overlapping_iter(deob.norm.as_str()) {
            let start = deob.token_at(m.start());
            for &entry_id in &self.by_literal[m.pattern().as_usize()] {
                let entry = &self.entries[entry_id as usize];
                let end = start + entry.toks.len();
                if !entry.deob
                    || end > deob.tokens.len()
                    || !entry.toks.iter().enumerate().all(|(i, t)| {
                        t.accepts_runs(deob.token_text(start + i), deob.token_runs(start + i))
                    })
                {
                    continue;
                }
                let orig = (deob.tokens[start].orig_start, deob.tokens[end - 1].orig_end);
                // Plain tokens overlapping the original bytes.
                let first = norm.tokens.partition_point(|t| t.orig_end <= orig.0);
                let last = norm.tokens.partition_point(|t| t.orig_start < orig.1);
                if first >= last {
                    continue;
                }
                self.push_entry(entry_id, first as u32, last as u32, orig, out);
            }
        }
    }
}

fn push_hit(hits: &mut Vec<Hit>, term_hits: &mut Vec<u32>, c: &Cand) {
    term_hits.push(c.slot);
    let end = (-c.neg_end) as u32;
    // Ties within one category count the span once.
    if hits
        .last()
        .is_some_and(|h| h.category == c.category && h.tok_start == c.start && h.tok_end == end)
    {
        return;
    }
    hits.push(Hit {
        category: c.category,
        slot: c.slot,
        tok_start: c.start,
        tok_end: end,
        orig_start: c.orig.0,
        orig_end: c.orig.1,
    });
}
