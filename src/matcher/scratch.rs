//! Per-thread buffers of the matcher ([`Scratch`]): everything one scan
//! writes, reused from post to post so that a warm scan allocates nothing.

use super::types::{Fired, Hit, Part};
use crate::text::{DeobText, NormText};

/// A candidate before resolution: a token span crediting one slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Cand {
    pub(crate) start: u32,
    /// Sorted longest first at equal start.
    pub(crate) neg_end: i64,
    pub(crate) category: u32,
    pub(crate) slot: u32,
    /// Byte span in the original text.
    pub(crate) orig: (usize, usize),
}

/// Per-thread buffers of the matcher; reuse one for many posts.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    /// The normalized text of the last post scanned.
    pub norm: NormText,
    pub(crate) cands: Vec<Cand>,
    pub(crate) excl: Vec<(u32, u32, u32)>,
    pub(crate) cur_end: Vec<u32>,
    pub(crate) touched: Vec<u32>,
    pub(crate) hits: Vec<Hit>,
    /// Every slot credited by the last scan (ties included), one entry per
    /// credited span.
    pub term_hits: Vec<u32>,
    /// Occurrences of the quoted terms of rules: (operand, start, end).
    pub(crate) ops: Vec<(u32, u32, u32)>,
    /// Sentence number of each token, when a rule asks for sentences.
    pub(crate) sentences: Vec<u32>,
    /// The term hits inside each rule hit.
    pub(crate) fired: Vec<Fired>,
    pub(crate) parts: Vec<Part>,
    /// The deobfuscated view of the last post, when a category asks for it.
    pub(crate) deob: DeobText,
}

impl Scratch {
    /// The hits of the last scan: term hits in text order, then the hits
    /// of rule categories.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// For the hit at `index` in [`Scratch::hits`], the term hits that made
    /// its rule fire, or `None` when it is not a rule's hit.
    pub fn rule_parts(&self, index: usize) -> Option<&[Part]> {
        fired_at(&self.fired, index).map(|f| &self.parts[f.parts.0 as usize..f.parts.1 as usize])
    }

    /// Drop the hits of hidden helper categories (ids from `categories`)
    /// once the rules have read them, with their slots (from `slots`) and
    /// the rule-part records of dropped hits; the rest keep their order.
    pub(crate) fn drop_hidden(&mut self, categories: u32, slots: u32) {
        self.term_hits.retain(|&s| s < slots);
        if self.hits.iter().all(|h| h.category < categories) {
            return;
        }
        let mut kept = 0u32;
        let mut new_index = Vec::with_capacity(self.hits.len());
        for h in &self.hits {
            new_index.push((h.category < categories).then_some(kept));
            kept += u32::from(h.category < categories);
        }
        self.hits.retain(|h| h.category < categories);
        self.fired.retain_mut(|f| match new_index[f.hit as usize] {
            Some(i) => {
                f.hit = i;
                true
            }
            None => false,
        });
    }
}

/// The record of the rule firing that made hit `index`, if a rule made it:
/// `fired` is in the order of its hits (rules append both together, and
/// dropping hidden hits keeps the order), so a binary search finds it.
pub(crate) fn fired_at(fired: &[Fired], index: usize) -> Option<&Fired> {
    fired
        .binary_search_by_key(&(index as u32), |f| f.hit)
        .ok()
        .map(|k| &fired[k])
}
