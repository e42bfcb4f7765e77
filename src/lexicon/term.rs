//! What a term means: its words normalized like post text, with the `*`
//! wildcards that open a word's start (`*zetas`) or end (`arma*`). Shared by
//! the matcher (which compiles terms into automaton literals) and the linter.

use crate::text::Normalizer;

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
}

/// Parse a term's wildcards and normalize its words; `None` when nothing is
/// left (a term of punctuation only).
pub fn compile_term(norm: &Normalizer, term: &str) -> Option<Vec<TokPat>> {
    let mut toks: Vec<TokPat> = Vec::new();
    for word in term.split_whitespace() {
        let open_start = word.starts_with('*');
        let open_end = word.ends_with('*');
        let core = word.trim_matches('*');
        let normalized = norm.normalize_to_string(core);
        let parts: Vec<&str> = normalized.split(' ').filter(|p| !p.is_empty()).collect();
        let n = parts.len();
        for (i, p) in parts.into_iter().enumerate() {
            toks.push(TokPat {
                text: p.to_string(),
                open_start: open_start && i == 0,
                open_end: open_end && i + 1 == n,
            });
        }
    }
    (!toks.is_empty()).then_some(toks)
}
