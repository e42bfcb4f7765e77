//! What a term means: its words normalized like post text, with the `*`
//! wildcards that open a word's start (`*zetas`) or end (`arma*`). Shared by
//! the matcher (which compiles terms into automaton literals) and the linter.

use crate::text::{DeobText, Normalizer, runs_compatible};

/// Terms written `re:PATTERN` are regular expressions (opt-in), run by the
/// linear-time `regex` crate over the normalized text (lowercase, accents
/// folded, tokens separated by single spaces); a match counts when it
/// starts and ends on token boundaries. Compiled size is limited, so a
/// pattern that would explode is refused.
pub const REGEX_PREFIX: &str = "re:";

/// One token of a compiled term.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TokPat {
    /// The normalized token.
    pub text: String,
    /// `*tok`: any start.
    pub open_start: bool,
    /// `tok*`: any continuation.
    pub open_end: bool,
    /// On the deobfuscated view: the length of each run of `text` (the
    /// skeleton), checked with [`runs_compatible`]; empty on the plain view.
    pub runs: Vec<u8>,
}

impl TokPat {
    /// Whether a normalized text token matches this one.
    pub fn accepts(&self, tok: &str) -> bool {
        match (self.open_start, self.open_end) {
            (false, false) => tok == self.text,
            (false, true) => tok.starts_with(&self.text),
            (true, false) => tok.ends_with(&self.text),
            (true, true) => tok.contains(&self.text),
        }
    }

    /// On the deobfuscated view: whether a text token (skeleton and runs)
    /// matches this one.
    pub fn accepts_runs(&self, tok: &str, runs: &[u8]) -> bool {
        self.accepts(tok) && runs_compatible(&self.runs, runs, self.open_start, self.open_end)
    }
}

/// Parse a term's wildcards and normalize its words; `None` when nothing is
/// left (a term of punctuation only).
pub fn compile_term(norm: &Normalizer, term: &str) -> Option<Vec<TokPat>> {
    compile_words(term, |core| {
        norm.normalize_to_string(core)
            .split(' ')
            .filter(|p| !p.is_empty())
            .map(|p| (p.to_string(), Vec::new()))
            .collect()
    })
}

/// [`compile_term`] on the deobfuscated view: each word goes through
/// [`Normalizer::deobfuscate_into`] like post text, so `c.j.n.g`, `cjng`
/// and `CJNG` compile alike, and each token keeps its runs.
pub fn compile_term_deobfuscated(norm: &Normalizer, term: &str) -> Option<Vec<TokPat>> {
    let mut view = DeobText::default();
    compile_words(term, |core| {
        norm.deobfuscate_into(core, &mut view);
        (0..view.tokens.len())
            .map(|i| (view.token_text(i).to_string(), view.token_runs(i).to_vec()))
            .collect()
    })
}

/// The tokens of a term: `normalize` turns the core of each white-space
/// separated word into (token, runs) pairs; a `*` opens the first token's
/// start or the last token's end.
fn compile_words(
    term: &str,
    mut normalize: impl FnMut(&str) -> Vec<(String, Vec<u8>)>,
) -> Option<Vec<TokPat>> {
    let mut toks: Vec<TokPat> = Vec::new();
    for word in term.split_whitespace() {
        let open_start = word.starts_with('*');
        let open_end = word.ends_with('*');
        let parts = normalize(word.trim_matches('*'));
        let n = parts.len();
        for (i, (text, runs)) in parts.into_iter().enumerate() {
            toks.push(TokPat {
                text,
                open_start: open_start && i == 0,
                open_end: open_end && i + 1 == n,
                runs,
            });
        }
    }
    (!toks.is_empty()).then_some(toks)
}
