//! Rule categories evaluated over one post's hit positions.
//!
//! The automaton pass finds the hits of every term category and every
//! quoted term of a rule; a rule is then a cheap evaluation over those
//! token spans, in dependency order, so one rule may use another. Each node
//! of a rule yields *matches*: token spans with the term hits inside them.
//!
//! - a category: its resolved hits; a quoted term: each of its occurrences
//!   (quoted terms take no part in overlap resolution or exclusions);
//! - `A OR B`: the matches of both;
//! - `A AND B`: the matches of both when each side has one (in the post, or
//!   with `/s` in the same sentence);
//! - `A AND NOT B`: the matches of A when B has none (in the post, or in
//!   the same sentence);
//! - `A NEAR/n B`, `A BEFORE/n B`, `A AFTER/n B`: each match of A joined to
//!   the nearest match of B placed so (either order, B after A, B before A)
//!   with at most `n` tokens between them; spans that overlap count as
//!   NEAR (0 between) but neither BEFORE nor AFTER, and a match is never
//!   its own partner (`groups NEAR/5 groups` needs two mentions);
//! - `A NOT NEAR/n B` and friends: the matches of A with no such B.
//!
//! The rule's category is flagged when the rule has a match; each match is
//! one hit of the rule (its span runs from the first to the last token of
//! the terms that made it), credited to the rule's own slot, and the terms
//! inside are kept in [`Scratch`] for `kwic` and `annotate`.
//!
//! Sentences: a sentence ends at `!`, `?`, `…`, a line break, or a `.`
//! followed by white space, and starts at `¡` or `¿`; `c.j.n.g`, `3.5` and
//! the punctuation of a URL are inside one sentence.

use super::scratch::{Scratch, fired_at};
use super::types::{Fired, Hit, Matcher, Node, Part, PartSource};
use crate::lexicon::rule_syntax::Placement;
use crate::text::{NormText, url_len};

/// A match of a rule node.
#[derive(Clone, Debug)]
struct M {
    start: u32,
    end: u32,
    parts: Vec<Part>,
}

/// Everything a node reads.
struct Ctx<'a> {
    hits: &'a [Hit],
    /// The parts of the rule hits among `hits` (a rule reading a rule
    /// reports the terms under it, not the rule's text).
    fired: &'a [Fired],
    parts: &'a [Part],
    ops: &'a [(u32, u32, u32)],
    norm: &'a NormText,
    sentences: &'a [u32],
}

impl Ctx<'_> {
    /// The sentence a match lies in, or `None` when it spans two.
    fn sentence_of(&self, m: &M) -> Option<u32> {
        let first = self.sentences[m.start as usize];
        (first == self.sentences[m.end as usize - 1]).then_some(first)
    }

    /// The sentences that hold a whole match of `ms`, sorted: `x` shares a
    /// sentence with one of them exactly when its own sentence is here.
    fn sentences_of(&self, ms: &[M]) -> Vec<u32> {
        let mut v: Vec<u32> = ms.iter().filter_map(|m| self.sentence_of(m)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// A part from plain token offsets.
    fn part(&self, start: u32, end: u32, source: PartSource) -> Part {
        Part {
            tok_start: start,
            tok_end: end,
            orig_start: self.norm.tokens[start as usize].orig_start,
            orig_end: self.norm.tokens[end as usize - 1].orig_end,
            source,
        }
    }
}

/// Tokens strictly between two spans in the order `placement` asks, or
/// `None` when they are not placed so.
fn gap(a: &M, b: &M, placement: Placement) -> Option<u32> {
    let b_after = b.start >= a.end;
    let b_before = a.start >= b.end;
    match placement {
        Placement::Before => b_after.then(|| b.start - a.end),
        Placement::After => b_before.then(|| a.start - b.end),
        Placement::Near if b_after => Some(b.start - a.end),
        Placement::Near if b_before => Some(a.start - b.end),
        Placement::Near => Some(0),
    }
}

/// Matches sorted by span, one per span.
fn in_text_order(mut matches: Vec<M>) -> Vec<M> {
    matches.sort_by_key(|m| (m.start, m.end));
    matches.dedup_by_key(|m| (m.start, m.end));
    matches
}

fn eval(node: &Node, ctx: &Ctx) -> Vec<M> {
    match node {
        Node::Category(c) => ctx
            .hits
            .iter()
            .enumerate()
            .filter(|(_, h)| h.category == *c)
            .map(|(i, h)| M {
                start: h.tok_start,
                end: h.tok_end,
                parts: match fired_at(ctx.fired, i) {
                    // A hit of another rule: the terms that made it fire.
                    Some(f) => ctx.parts[f.parts.0 as usize..f.parts.1 as usize].to_vec(),
                    // The hit's own bytes: on the deobfuscated view they can
                    // be wider than its plain tokens (`$icario`).
                    None => vec![Part {
                        tok_start: h.tok_start,
                        tok_end: h.tok_end,
                        orig_start: h.orig_start,
                        orig_end: h.orig_end,
                        source: PartSource::Slot(h.slot),
                    }],
                },
            })
            .collect(),
        Node::Operand(o) => ctx
            .ops
            .iter()
            .filter(|(op, _, _)| op == o)
            .map(|&(_, start, end)| M {
                start,
                end,
                parts: vec![ctx.part(start, end, PartSource::Operand(*o))],
            })
            .collect(),
        Node::Or(l, r) => {
            let mut out = eval(l, ctx);
            out.extend(eval(r, ctx));
            in_text_order(out)
        }
        Node::And {
            left,
            right,
            negate,
            sentence,
        } => {
            let a = eval(left, ctx);
            if a.is_empty() {
                return a;
            }
            let b = eval(right, ctx);
            // Linear in the matches: with `/s`, a match has a partner when
            // the other side holds a whole match in its sentence.
            let (in_a, in_b) = if *sentence {
                (ctx.sentences_of(&a), ctx.sentences_of(&b))
            } else {
                (Vec::new(), Vec::new())
            };
            let partnered = |x: &M, others: &[M], theirs: &[u32]| {
                if *sentence {
                    ctx.sentence_of(x)
                        .is_some_and(|s| theirs.binary_search(&s).is_ok())
                } else {
                    !others.is_empty()
                }
            };
            if *negate {
                return a.into_iter().filter(|x| !partnered(x, &b, &in_b)).collect();
            }
            let mut out: Vec<M> = a
                .iter()
                .filter(|x| partnered(x, &b, &in_b))
                .cloned()
                .collect();
            out.extend(b.iter().filter(|y| partnered(y, &a, &in_a)).cloned());
            in_text_order(out)
        }
        Node::Window {
            left,
            right,
            placement,
            n,
            negate,
            sentence,
        } => {
            let a = eval(left, ctx);
            if a.is_empty() {
                return a;
            }
            let mut b = eval(right, ctx);
            b.sort_by_key(|m| m.start);
            let partners = Partners::new(&b, ctx, *sentence);
            let nearest = |x: &M| partners.nearest(x, *n, *placement, ctx);
            if *negate {
                return a.into_iter().filter(|x| nearest(x).is_none()).collect();
            }
            let out: Vec<M> = a
                .iter()
                .filter_map(|x| {
                    let y = nearest(x)?;
                    let mut parts = x.parts.clone();
                    parts.extend_from_slice(&y.parts);
                    parts.sort_by_key(|p| (p.tok_start, p.tok_end));
                    Some(M {
                        start: x.start.min(y.start),
                        end: x.end.max(y.end),
                        parts,
                    })
                })
                .collect();
            in_text_order(out)
        }
    }
}

/// The matches of B of a window node, indexed so that each match x of A
/// finds its nearest partner in time that grows with neither the post nor
/// the window (a 3.2 MB post of 160,000 pairs was quadratic, 45 s; a scan
/// of the window made `NEAR/10000` linear in the window): B sorted by
/// start with a running maximum of ends, and sorted by end, each searched
/// by bisection ([`Partners::nearest`]). With `/s`, B is split by sentence
/// first (a match across two sentences partners nothing), and x looks only
/// in its own.
struct Partners<'b> {
    b: &'b [M],
    sentence: bool,
    /// Indices of B by (sentence, start), and by (sentence, end).
    by_start: Vec<u32>,
    by_end: Vec<u32>,
    /// Along `by_start`, the largest end so far within the sentence.
    max_end: Vec<u32>,
    /// The sentence of each entry of `by_start` and `by_end` (all 0
    /// without `/s`).
    start_group: Vec<u32>,
    end_group: Vec<u32>,
}

impl<'b> Partners<'b> {
    /// Index `b`, sorted by start.
    fn new(b: &'b [M], ctx: &Ctx, sentence: bool) -> Self {
        let group = |m: &M| {
            if sentence {
                ctx.sentence_of(m)
            } else {
                Some(0)
            }
        };
        let mut keyed: Vec<(u32, u32)> = (0..b.len() as u32)
            .filter_map(|i| Some((group(&b[i as usize])?, i)))
            .collect();
        // Stable: ties keep B's order of start.
        keyed.sort_by_key(|&(g, i)| (g, b[i as usize].start));
        let (start_group, by_start): (Vec<u32>, Vec<u32>) = keyed.iter().copied().unzip();
        keyed.sort_by_key(|&(g, i)| (g, b[i as usize].end));
        let (end_group, by_end): (Vec<u32>, Vec<u32>) = keyed.into_iter().unzip();
        let mut max_end = Vec::with_capacity(by_start.len());
        for (k, &i) in by_start.iter().enumerate() {
            let end = b[i as usize].end;
            let before = (k > 0 && start_group[k - 1] == start_group[k]).then(|| max_end[k - 1]);
            max_end.push(before.map_or(end, |m: u32| m.max(end)));
        }
        Partners {
            b,
            sentence,
            by_start,
            by_end,
            max_end,
            start_group,
            end_group,
        }
    }

    /// The partner of `x` within `n` tokens placed as asked, nearest first,
    /// then first in B's order (B is sorted by start); never `x` itself
    /// (`groups NEAR/5 groups` asks for two mentions), but a span that two
    /// categories share is. Three candidates hold the answer, each found
    /// by bisection, whatever `n` is (a scan of the reach made `NEAR/10000`
    /// cost 10,000 steps per match): the first match that overlaps `x`
    /// (gap 0), the first that starts at or after its end, and the first of
    /// those that end last at or before its start.
    fn nearest(&self, x: &M, n: u32, placement: Placement, ctx: &Ctx) -> Option<&'b M> {
        let g = if self.sentence {
            ctx.sentence_of(x)?
        } else {
            0
        };
        let span = |groups: &[u32]| {
            groups.partition_point(|&s| s < g)..groups.partition_point(|&s| s <= g)
        };
        let starts = span(&self.start_group);
        let ends = span(&self.end_group);
        let by_start = &self.by_start[starts.clone()];
        let max_end = &self.max_end[starts];
        let by_end = &self.by_end[ends];
        let b = self.b;
        let is_x = |y: &M| y.start == x.start && y.end == x.end && y.parts == x.parts;
        // B's matches that start before x ends, in order of start.
        let before_end = by_start.partition_point(|&i| b[i as usize].start < x.end);
        // The first of them that reaches past x's start overlaps x: where
        // the running maximum of ends first passes x.start.
        let overlap = {
            let first = max_end[..before_end].partition_point(|&e| e <= x.start);
            (first..before_end)
                .map(|k| by_start[k])
                .find(|&i| b[i as usize].end > x.start && !is_x(&b[i as usize]))
        };
        let after = by_start.get(before_end).copied();
        let before = {
            let k = by_end.partition_point(|&i| b[i as usize].end <= x.start);
            k.checked_sub(1).map(|last| {
                let end = b[by_end[last] as usize].end;
                by_end[by_end.partition_point(|&i| b[i as usize].end < end)]
            })
        };
        [overlap, after, before]
            .into_iter()
            .flatten()
            .filter_map(|i| {
                let gap = gap(x, &b[i as usize], placement)?;
                (gap <= n).then_some((gap, i))
            })
            .min()
            .map(|(_, i)| &b[i as usize])
    }
}

/// Sentence number of each token of `norm`.
pub(crate) fn sentences(text: &str, norm: &NormText, out: &mut Vec<u32>) {
    out.clear();
    let mut id = 0u32;
    let mut prev_end = 0usize;
    for (k, tok) in norm.tokens.iter().enumerate() {
        // One character can normalize to several tokens with the same span
        // (`¾` is `3⁄4`): nothing lies between those (found by fuzzing).
        let between = text.get(prev_end..tok.orig_start).unwrap_or("");
        if k > 0 && ends_sentence(between) {
            id += 1;
        }
        out.push(id);
        prev_end = prev_end.max(tok.orig_end);
    }
}

/// Whether the text between two tokens ends a sentence. A URL there (the
/// normalizer skips URLs) is not prose: its `?` and `.` end nothing.
fn ends_sentence(between: &str) -> bool {
    let mut i = 0;
    while let Some(c) = between[i..].chars().next() {
        if matches!(c, 'h' | 'H' | 'w' | 'W')
            && let Some(len) = url_len(between, i)
        {
            i += len;
            continue;
        }
        let next = between[i + c.len_utf8()..].chars().next();
        match c {
            '!' | '?' | '…' | '¡' | '¿' | '\n' | '\r' | '。' | '？' | '！' => return true,
            '.' if next.is_some_and(char::is_whitespace) => return true,
            _ => {}
        }
        i += c.len_utf8();
    }
    false
}

impl Matcher {
    /// Evaluate the rule categories over the hits of the last scan,
    /// appending their hits.
    pub(crate) fn eval_rules(&self, text: &str, scratch: &mut Scratch) {
        if scratch.hits.is_empty() && scratch.ops.is_empty() {
            return;
        }
        if self.rules.iter().any(|r| r.sentences) {
            sentences(text, &scratch.norm, &mut scratch.sentences);
        }
        for (k, rule) in self.rules.iter().enumerate() {
            let matches = eval(
                &rule.node,
                &Ctx {
                    hits: &scratch.hits,
                    fired: &scratch.fired,
                    parts: &scratch.parts,
                    ops: &scratch.ops,
                    norm: &scratch.norm,
                    sentences: &scratch.sentences,
                },
            );
            for m in matches {
                let start = scratch.parts.len() as u32;
                scratch.parts.extend_from_slice(&m.parts);
                scratch.fired.push(Fired {
                    hit: scratch.hits.len() as u32,
                    parts: (start, scratch.parts.len() as u32),
                });
                // Top terms of a rule category: the terms that made it
                // fire, each once per match.
                let from = scratch.term_hits.len();
                for p in &m.parts {
                    let slot = self.rule_terms[k].slot_of(p.source);
                    if !scratch.term_hits[from..].contains(&slot) {
                        scratch.term_hits.push(slot);
                    }
                }
                scratch.hits.push(Hit {
                    category: rule.category,
                    slot: rule.slot,
                    tok_start: m.start,
                    tok_end: m.end,
                    orig_start: m.parts.iter().map(|p| p.orig_start).min().unwrap_or(0),
                    orig_end: m.parts.iter().map(|p| p.orig_end).max().unwrap_or(0),
                });
            }
        }
    }

    /// The term a part of a rule's match stands for, as written.
    pub fn part_term(&self, part: &Part) -> &str {
        match part.source {
            PartSource::Slot(s) => &self.slot(s).term,
            PartSource::Operand(o) => &self.operands[o as usize],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Normalizer;

    #[test]
    fn tokens_sharing_one_character_do_not_break_sentences() {
        // Found by fuzzing (fuzz/artifacts/rules): `¾` is three tokens of
        // one span, then a `.` boundary.
        let text = "c.J.N ¾4rm. hola";
        let mut norm = NormText::default();
        Normalizer::default().normalize_into(text, &mut norm);
        let mut ids = Vec::new();
        sentences(text, &norm, &mut ids);
        assert_eq!(ids.len(), norm.tokens.len());
        assert_eq!(ids.last(), Some(&1));
    }

    #[test]
    fn sentence_boundaries() {
        let text = "Ya llegó el C.J.N.G. Van por todos! ¿Quién sigue? 3.5 mm\nfin";
        let mut norm = NormText::default();
        Normalizer::default().normalize_into(text, &mut norm);
        let mut ids = Vec::new();
        sentences(text, &norm, &mut ids);
        let words: Vec<(&str, u32)> = (0..norm.tokens.len())
            .map(|i| (norm.token_text(i), ids[i]))
            .collect();
        assert_eq!(
            words,
            vec![
                ("ya", 0),
                ("llego", 0),
                ("el", 0),
                ("c", 0),
                ("j", 0),
                ("n", 0),
                ("g", 0),
                ("van", 1),
                ("por", 1),
                ("todos", 1),
                ("quien", 2),
                ("sigue", 2),
                ("3", 3),
                ("5", 3),
                ("mm", 3),
                ("fin", 4),
            ]
        );
    }

    /// The definition `Partners` must agree with: every match of B, the
    /// nearest placed as asked, first in B's order.
    fn nearest_by_definition<'b>(
        b: &'b [M],
        x: &M,
        n: u32,
        placement: Placement,
        sentences: Option<&[u32]>,
    ) -> Option<&'b M> {
        let one = |m: &M| {
            sentences.map(|s| {
                (s[m.start as usize] == s[m.end as usize - 1]).then_some(s[m.start as usize])
            })
        };
        b.iter()
            .enumerate()
            .filter(|(_, y)| !(y.start == x.start && y.end == x.end && y.parts == x.parts))
            .filter(|(_, y)| match (one(x), one(y)) {
                (None, None) => true,
                (Some(Some(a)), Some(Some(b))) => a == b,
                _ => false,
            })
            .filter_map(|(i, y)| Some((gap(x, y, placement).filter(|&g| g <= n)?, i)))
            .min()
            .map(|(_, i)| &b[i])
    }

    proptest::proptest! {
        #[test]
        fn partners_are_the_nearest_by_definition(
            spans in proptest::collection::vec((0u32..60, 1u32..25), 1..40),
            xs in proptest::collection::vec((0u32..60, 1u32..6), 1..10),
            n in 0u32..80,
            cuts in proptest::collection::vec(1usize..90, 0..4),
            sentence: bool,
        ) {
            let m = |&(start, len): &(u32, u32)| M { start, end: start + len, parts: Vec::new() };
            let mut b: Vec<M> = spans.iter().map(m).collect();
            b.sort_by_key(|m| m.start);
            let mut ids = vec![0u32; 90];
            for c in cuts {
                for id in &mut ids[c..] {
                    *id += 1;
                }
            }
            let norm = NormText::default();
            let ctx = Ctx {
                hits: &[],
                fired: &[],
                parts: &[],
                ops: &[],
                norm: &norm,
                sentences: &ids,
            };
            let partners = Partners::new(&b, &ctx, sentence);
            for x in xs.iter().map(m) {
                for placement in [Placement::Near, Placement::Before, Placement::After] {
                    let got = partners.nearest(&x, n, placement, &ctx).map(|y| (y.start, y.end));
                    let want = nearest_by_definition(&b, &x, n, placement, sentence.then_some(&ids[..]))
                        .map(|y| (y.start, y.end));
                    proptest::prop_assert_eq!(got, want, "x {:?} {:?}", (x.start, x.end), placement);
                }
            }
        }
    }
}
