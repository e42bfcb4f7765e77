//! A slow, obvious implementation of the default matching semantics
//! (leftmost-longest over the whole lexicon, exclusions knocking out their
//! category), token by token, with no automaton: what the property tests and
//! the fuzz target hold the matcher against.

/// Hits per category of `text` (pairs of category index and hits), the
/// categories given as (id, terms, exclusions). Token-level reference: at each token, the longest term match over the
/// whole lexicon (ties count for every category); exclusions knock out the
/// categories they belong to wherever they overlap.
pub fn reference(cats: &[(String, Vec<String>, Vec<String>)], text: &str) -> Vec<(usize, usize)> {
    let norm = crate::text::Normalizer::default();
    let toks: Vec<String> = norm
        .normalize_to_string(text)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect();
    // A pattern: tokens with (open_start, open_end).
    let parse = |term: &str| -> Vec<(String, bool, bool)> {
        let mut out = Vec::new();
        for word in term.split_whitespace() {
            let n = norm.normalize_to_string(word.trim_matches('*'));
            let parts: Vec<&str> = n.split(' ').filter(|p| !p.is_empty()).collect();
            let k = parts.len();
            for (i, p) in parts.into_iter().enumerate() {
                out.push((
                    p.to_string(),
                    word.starts_with('*') && i == 0,
                    word.ends_with('*') && i + 1 == k,
                ));
            }
        }
        out
    };
    let matches_at = |pat: &[(String, bool, bool)], at: usize| -> bool {
        !pat.is_empty()
            && at + pat.len() <= toks.len()
            && pat.iter().enumerate().all(|(i, (p, os, oe))| {
                let t = &toks[at + i];
                match (os, oe) {
                    (false, false) => t == p,
                    (false, true) => t.starts_with(p.as_str()),
                    (true, false) => t.ends_with(p.as_str()),
                    (true, true) => t.contains(p.as_str()),
                }
            })
    };
    // Every (start, end, category) term match, minus excluded ones.
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    for (ci, (_, terms, excl)) in cats.iter().enumerate() {
        let excl_spans: Vec<(usize, usize)> = excl
            .iter()
            .map(|e| parse(e))
            .flat_map(|p| {
                let len = p.len();
                (0..toks.len())
                    .filter(|&i| matches_at(&p, i))
                    .map(|i| (i, i + len))
                    .collect::<Vec<_>>()
            })
            .collect();
        for term in terms {
            let p = parse(term);
            for i in 0..toks.len() {
                if matches_at(&p, i) {
                    let (s, e) = (i, i + p.len());
                    if !excl_spans.iter().any(|&(xs, xe)| s < xe && xs < e) {
                        cands.push((s, e, ci));
                    }
                }
            }
        }
    }
    let mut counts = vec![(0usize, 0usize); cats.len()];
    let mut i = 0;
    while i < toks.len() {
        let best = cands.iter().filter(|c| c.0 == i).map(|c| c.1).max();
        match best {
            Some(end) => {
                let mut seen = Vec::new();
                for c in cands.iter().filter(|c| c.0 == i && c.1 == end) {
                    if !seen.contains(&c.2) {
                        seen.push(c.2);
                        counts[c.2].1 += 1;
                    }
                }
                i = end;
            }
            None => i += 1,
        }
    }
    for (ci, c) in counts.iter_mut().enumerate() {
        c.0 = ci;
    }
    counts
}
