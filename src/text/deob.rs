//! The deobfuscated view of a text: an opt-in second tokenization for
//! lexicons that want to catch spellings written to evade moderation
//! (`C.J.N.G`, `c🔥j🔥n🔥g`, `4rm4s`, `m@t@r`, `amenazaaaa`, `ar\u{AD}mas`).
//!
//! It is built on top of [`Normalizer::normalize_into`] (so NFKC, lowercase,
//! accent folding, emoji tokens and URL handling are exactly those of the
//! plain view) and, like it, is applied to post text and to lexicon terms
//! alike: the matcher calls [`Normalizer::deobfuscate_into`] on each word of a
//! term, compares skeletons, then checks [`runs_compatible`]. Every token keeps
//! the byte span of what the author wrote, so KWIC lines and annotations show
//! the obfuscated spelling.
//!
//! # Pipeline, and why each guard is there
//!
//! 1. **Pre-transform** of the original text into a buffer, with a map back to
//!    original byte offsets (each kept character keeps its byte length, so
//!    the map only records where bytes were removed):
//!    - every character of General Category Format (Cf: soft hyphen U+00AD,
//!      U+2061–U+2064, U+180E, the tags U+E0000…, the marks that
//!      [`is_invisible`] lists) and the Hangul fillers (U+115F, U+1160,
//!      U+3164, U+FFA0) is removed *without* splitting the word. They are
//!      invisible when rendered, so a word written with them reads as the
//!      plain word; the plain view would split at Cf or keep the fillers as
//!      letters.
//!    - `@` becomes `a` only after a letter or digit (`m@t@r` → `matar`);
//!      at the start of a word it is a mention (`@usuario`) and stays a
//!      separator.
//!    - `$` becomes `s` only when a letter is next to it (before or after),
//!      or it ends a word that has a letter (`4rm4$`), and the next
//!      character is not a digit (`$icario`, `narco$`), so prices (`$500`,
//!      `US$500`, `20$`) stay prices.
//! 2. **Tokenization** of the buffer by [`Normalizer::normalize_into`]; token
//!    offsets are mapped back through the byte map.
//! 3. **Merge of split letters**: a run of at least three consecutive
//!    one-character word tokens (at least two of them letters), where every
//!    gap between neighbours is exactly one character and the same character
//!    throughout (`.`, space, `-`, `_`, `*`, `/`, `|`, `·`, or an emoji, which
//!    is its own symbol token and is dropped when it is the gap), becomes one
//!    token: `c.j.n.g`, `C.J.N.G.`, `c j n g`, `c-j-n-g`, `c🔥j🔥n🔥g`,
//!    `4 r m 4 s`. The one-character gap and the same-gap rule keep ordinary
//!    initials apart: `c. j. perez` and `J. R. R. Tolkien` have a two-character
//!    gap (`. `); two initials (`c.j.`) are not a run. The full-width forms of
//!    the gap characters count too (`Ｃ．Ｊ．Ｎ．Ｇ`), and a Spanish `y`
//!    ("and") at either end of a space-separated run stays a word of its own
//!    (`los zetas y c j n g`, `c j n g y los zetas`).
//! 4. **Digit substitution** inside a token that mixes letters and digits:
//!    `4`→`a`, `3`→`e`, `1`→`i`, `0`→`o`, only when every digit of the token
//!    is one of those four and the token has at least as many letters as
//!    digits (`4rm4s`, `m3ncho`, `z3t4s`; not `4x4`, `m16`, `r15`, `ak47`;
//!    pure numbers such as `2024` are never touched). Two further guards keep
//!    common non-words out: a number followed only by an ordinal or unit
//!    suffix (`1ro`, `3er`, `4ta`, `3am`, `4km`, `1kg`) and a model code of
//!    one or two letters followed only by digits (`ps4`, `mp3`, `a4`) are left
//!    alone.
//! 5. **Repetition**: the skeleton squeezes every run of the same letter to
//!    one letter (`cjnggg` → `cjng`, `amenazaaaa` → `amenaza`, `perro` →
//!    `pero`) and [`DeobText::runs`] records each run's length (saturating at
//!    255), so the matcher can still tell `perro` from `pero` with
//!    [`runs_compatible`]: lengths must be equal unless the text run is
//!    elongated (three or more), which is how emphasis is written. Digits
//!    and other characters are not squeezed (each is a run of one), or
//!    `5000` would be an elongated `500`.
//! 6. **Offsets**: a token spans the original bytes from its first character to
//!    its last (a merged token from its first letter to its last letter, the
//!    separators in between included, the trailing `.` of `C.J.N.G.` not).
//!
//! [`DeobText::norm`] follows the padding convention of
//! [`NormText::norm`]: ` tok tok ` (one space when
//! empty).
//!
//! The buffers live in [`DeobText`] and are reused, so a warm call does not
//! allocate; ASCII text without `@` or `$` skips the pre-transform copy, a
//! text that step 1 leaves unchanged reuses the plain view's tokens when the
//! caller has them ([`Normalizer::deobfuscate_from`]), and
//! step 3 is one linear pass (a chain that fails is not rescanned from its
//! middle).
//!
//! Sources: the General Category values are those of UAX #44 (Unicode
//! Character Database, `Cf` = Format); the Hangul fillers are the
//! `Default_Ignorable_Code_Point` letters of `DerivedCoreProperties.txt`,
//! which renderers draw as nothing.
//!
//! # Known limitations
//!
//! - Three one-letter words separated by single spaces merge under rule 3:
//!   `a y o` becomes `ayo`, `de A a B` becomes `de aab`, and two spelled-out
//!   words joined by a one-letter word merge into one (`c j n g o c d n`);
//!   only a `y` at either end of such a run is kept apart. Spanish has five
//!   one-letter words (`a`, `e`, `o`, `u`, `y`), so such runs are rare but
//!   they do happen; the tokens of such a run are then not visible on their
//!   own in this view (the plain view is unaffected).
//! - `@` after a letter also turns e-mail addresses into words
//!   (`ana@correo.mx` → `anaacorreo mx`).
//! - A gap of an emoji with a skin-tone modifier (`c👍🏽j👍🏽n👍🏽g`) or a
//!   full-width `＠` is not recognised: the gap is two characters, and NFKC
//!   runs after the pre-transform.
//! - The digit table is the common leet subset only (no `5`→`s`, `7`→`t`):
//!   those digits make a token look like a number or a model code too often.
//! - Repeated letters that are spelled double on purpose are squeezed too
//!   (`llama` → `lama` with runs `[2,1,1,1]`), which is harmless because
//!   terms are squeezed the same way and the runs keep them apart.

use super::normalize::{NormText, Normalizer, is_invisible};
use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// One token of the deobfuscated view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeobToken {
    /// Byte offset of the token's first byte in [`DeobText::norm`] (the skeleton).
    pub norm_start: usize,
    /// Byte offset just past the token in [`DeobText::norm`].
    pub norm_end: usize,
    /// Byte offset of the token's first character in the original text.
    pub orig_start: usize,
    /// Byte offset just past the token's last character in the original text.
    pub orig_end: usize,
    /// Start of the token's run lengths in [`DeobText::runs`].
    pub runs_start: u32,
    /// End (exclusive) of the token's run lengths in [`DeobText::runs`].
    pub runs_end: u32,
    /// True for a symbol token (an emoji or other So character).
    pub is_symbol: bool,
}

/// The deobfuscated view of one text; reused from post to post so the hot
/// path does not allocate once the buffers have grown.
#[derive(Clone, Debug, Default)]
pub struct DeobText {
    /// ` tok tok ` of token skeletons (or a single space when there is no token).
    pub norm: String,
    /// The tokens in order.
    pub tokens: Vec<DeobToken>,
    /// Run lengths, one per character of each skeleton (saturating at 255).
    pub runs: Vec<u8>,
    /// The pre-transformed text (step 1), when it differs from the input.
    buf: String,
    /// Removals in `buf`: `(buf offset, bytes removed up to and including
    /// the removal at that offset)`, increasing.
    shifts: Vec<(usize, usize)>,
    /// The plain tokenization of `buf` (step 2).
    base: NormText,
    /// The text of one token before substitution and squeezing.
    scratch: String,
}

impl DeobText {
    /// The skeleton of token `i`.
    ///
    /// # Panics
    /// If `i` is not a token index (as for [`NormText::token_text`]).
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm[t.norm_start..t.norm_end]
    }

    /// Index of the first token that ends after skeleton byte `at`
    /// (`tokens.len()` when there is none).
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.norm_end <= at)
    }

    /// The run lengths of token `i`, one per character of its skeleton.
    ///
    /// # Panics
    /// If `i` is not a token index.
    pub fn token_runs(&self, i: usize) -> &[u8] {
        let t = &self.tokens[i];
        self.runs
            .get(t.runs_start as usize..t.runs_end as usize)
            .unwrap_or(&[])
    }
}

/// Whether a term token's runs accept a text token's runs, both skeletons
/// being already equal on the compared part.
///
/// A text run matches a term run when the lengths are equal or the text run
/// is elongated (three or more): `perro` ≠ `pero`, `perrrro` matches both,
/// `leeeer` matches `leer`. `open_end` (the term is `tok*`) aligns the term's
/// runs to the start of the text's, which may have more runs after them;
/// `open_start` (`*tok`) aligns them to the end. At an open end the boundary
/// run also matches when the text run is at least as long as the term run,
/// since the rest of it belongs to the wildcard (`ar*` accepts `arrastrar`).
/// With both ends open every alignment is tried, so the caller may pass the
/// runs of the whole text token or of just the compared part.
pub fn runs_compatible(term: &[u8], text: &[u8], open_start: bool, open_end: bool) -> bool {
    if term.len() > text.len() || (!open_start && !open_end && term.len() != text.len()) {
        return false;
    }
    let slack = text.len() - term.len();
    let mut offsets = match (open_start, open_end) {
        (false, false) | (false, true) => 0..=0,
        (true, false) => slack..=slack,
        (true, true) => 0..=slack,
    };
    let last = term.len().saturating_sub(1);
    offsets.any(|offset| {
        term.iter()
            .zip(&text[offset..])
            .enumerate()
            .all(|(k, (&want, &got))| {
                let boundary = (open_start && k == 0) || (open_end && k == last);
                got == want || got >= 3 || (boundary && got >= want)
            })
    })
}

/// Characters the pre-transform removes without splitting the word.
fn is_removed(c: char) -> bool {
    // ASCII and the accented Latin letters (the bulk of Spanish text) have
    // no Format character.
    if c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c) {
        return false;
    }
    is_invisible(c)
        || matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}')
        || get_general_category(c) == GeneralCategory::Format
}

/// One-character gaps that may separate split letters (step 3), besides an
/// emoji.
fn is_gap_char(c: char) -> bool {
    let plain = |c: char| matches!(c, '.' | ' ' | '-' | '_' | '*' | '/' | '|' | '·');
    // Their full-width and other compatibility forms too (`Ｃ．Ｊ．Ｎ．Ｇ`).
    plain(c) || {
        let mut nfkc = std::iter::once(c).nfkc();
        matches!((nfkc.next(), nfkc.next()), (Some(d), None) if plain(d))
    }
}

/// Digit → letter table of step 4.
fn leet(c: char) -> Option<char> {
    match c {
        '4' => Some('a'),
        '3' => Some('e'),
        '1' => Some('i'),
        '0' => Some('o'),
        _ => None,
    }
}

/// Suffixes that make `<number><suffix>` an ordinal, a time or a unit rather
/// than a leet word (step 4).
const NUMBER_SUFFIXES: &[&str] = &[
    "o", "a", "er", "ero", "era", "ro", "ra", "do", "da", "to", "ta", "vo", "va", "no", "na", "mo",
    "ma", "avo", "ava", "am", "pm", "h", "hr", "hrs", "hs", "min", "s", "seg", "d", "k", "km",
    "kg", "g", "gb", "mb", "tb", "m", "cm", "mm", "ml", "l", "lt", "x",
];

impl Normalizer {
    /// The deobfuscated view of `text` into `out` (its previous content is
    /// discarded). See the module documentation for the steps.
    pub fn deobfuscate_into(&self, text: &str, out: &mut DeobText) {
        self.deobfuscate_from(text, None, out);
    }

    /// [`Normalizer::deobfuscate_into`], given `plain`, the plain
    /// normalization of the same `text` by this normalizer: when step 1
    /// changes nothing (most posts), step 2 would give `plain` again, so it
    /// is reused instead of normalizing the text twice.
    pub fn deobfuscate_from(&self, text: &str, plain: Option<&NormText>, out: &mut DeobText) {
        let DeobText {
            norm,
            tokens,
            runs,
            buf,
            shifts,
            base,
            scratch,
        } = out;
        norm.clear();
        tokens.clear();
        runs.clear();
        norm.push(' ');

        // Step 1. ASCII text without `@` or `$` has nothing to transform.
        let needs_transform = text.bytes().any(|b| b == b'@' || b == b'$')
            || text.bytes().any(|b| b >= 0x80) && text.chars().any(is_removed);
        shifts.clear();
        let changed = needs_transform && pre_transform(text, buf, shifts);
        let src: &str = if changed { buf.as_str() } else { text };
        let to_orig = |at: usize| -> usize {
            let k = shifts.partition_point(|&(pos, _)| pos <= at);
            at + if k == 0 { 0 } else { shifts[k - 1].1 }
        };
        // The end of the character that ends at `at`, not past the removed
        // characters that follow it.
        let to_orig_end = |at: usize| -> usize { if at == 0 { 0 } else { to_orig(at - 1) + 1 } };

        // Step 2.
        let base: &NormText = match plain {
            Some(plain) if !changed => plain,
            _ => {
                self.normalize_into(src, base);
                base
            }
        };

        let mut i = 0;
        // Tokens before this index are known to start no run of split letters.
        let mut plain_until = 0;
        while i < base.tokens.len() {
            let first = base.tokens[i];
            // Step 3: the last token of a run of split letters, if one starts here.
            let last = if i < plain_until {
                None
            } else {
                let (end, is_run) = split_run_end(src, base, i);
                if !is_run {
                    plain_until = end;
                }
                is_run.then_some(end)
            };
            scratch.clear();
            match last {
                Some(last) => {
                    for k in i..=last {
                        if !base.tokens[k].is_symbol {
                            scratch.push_str(base.token_text(k));
                        }
                    }
                }
                None => scratch.push_str(base.token_text(i)),
            }
            let last = last.unwrap_or(i);
            let orig_start = to_orig(first.orig_start);
            let orig_end = to_orig_end(base.tokens[last].orig_end).max(orig_start);
            // Step 4.
            if !first.is_symbol {
                substitute_digits(scratch);
            }
            // Step 5.
            let norm_start = norm.len();
            let runs_start = runs.len();
            let mut prev = None;
            for c in scratch.chars() {
                // Only letters are squeezed: `5000` is not an elongated `500`.
                if prev == Some(c) && c.is_alphabetic() {
                    if let Some(run) = runs.last_mut() {
                        *run = run.saturating_add(1);
                    }
                } else {
                    norm.push(c);
                    runs.push(1);
                    prev = Some(c);
                }
            }
            tokens.push(DeobToken {
                norm_start,
                norm_end: norm.len(),
                orig_start,
                orig_end,
                runs_start: to_u32(runs_start),
                runs_end: to_u32(runs.len()),
                is_symbol: first.is_symbol,
            });
            norm.push(' ');
            i = last + 1;
        }
    }
}

/// A `runs` index as stored in a token; saturates (an empty range, never a
/// panic) past 4 GiB of runs, which no post reaches.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Step 1: `text` without removed characters and with `@`/`$` substituted,
/// into `buf`; every removal is recorded in `shifts`. Returns whether
/// anything was removed or substituted.
fn pre_transform(text: &str, buf: &mut String, shifts: &mut Vec<(usize, usize)>) -> bool {
    buf.clear();
    let mut substituted = false;
    let mut removed = 0;
    let mut prev: Option<char> = None;
    // The current word (run of letters and digits) has a letter: `4rm4$`.
    let mut word_has_letter = false;
    for (i, c) in text.char_indices() {
        if is_removed(c) {
            removed += c.len_utf8();
            match shifts.last_mut() {
                Some(last) if last.0 == buf.len() => last.1 = removed,
                _ => shifts.push((buf.len(), removed)),
            }
            continue;
        }
        let out = match c {
            '@' if prev.is_some_and(char::is_alphanumeric) => 'a',
            '$' => {
                let next = text[i + 1..].chars().find(|&n| !is_removed(n));
                let letter_next = next.is_some_and(char::is_alphabetic);
                let digit_next = next.is_some_and(char::is_numeric);
                let after_word = prev.is_some_and(char::is_alphabetic)
                    || prev.is_some_and(char::is_numeric) && word_has_letter;
                if (after_word || letter_next) && !digit_next {
                    's'
                } else {
                    '$'
                }
            }
            _ => c,
        };
        substituted |= out != c;
        buf.push(out);
        prev = Some(out);
        word_has_letter = match out {
            o if o.is_alphabetic() => true,
            o if o.is_numeric() => word_has_letter,
            _ => false,
        };
    }
    substituted || !shifts.is_empty()
}

/// The one character of a word token of `base`, if it is a letter or digit.
fn single_char(base: &NormText, k: usize) -> Option<char> {
    let t = base.tokens.get(k)?;
    if t.is_symbol {
        return None;
    }
    let mut chars = base.token_text(k).chars();
    let c = chars.next()?;
    (chars.next().is_none() && c.is_alphanumeric()).then_some(c)
}

/// The single character of `src[start..end]`, if it is exactly one.
fn only_char(src: &str, start: usize, end: usize) -> Option<char> {
    let mut chars = src.get(start..end)?.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// Step 3: the index of the last token of the longest chain of split letters
/// starting at token `i`, and whether that chain is a run to merge (three or
/// more one-character word tokens, two or more of them letters, one and the
/// same one-character gap throughout).
///
/// When it is not a run, no chain starting strictly between `i` and the
/// returned index is one either (it has the same gap, ends at the same token
/// and has fewer letters), which keeps the whole pass linear.
fn split_run_end(src: &str, base: &NormText, i: usize) -> (usize, bool) {
    let Some(c) = single_char(base, i) else {
        return (i, false);
    };
    // Spanish `y` ("and") before letters split by spaces is a word of its
    // own: `los zetas y c j n g`.
    let space_after = |k: usize| {
        base.tokens.get(k + 1).is_some_and(|next| {
            only_char(src, base.tokens[k].orig_end, next.orig_start) == Some(' ')
        })
    };
    if c == 'y' && space_after(i) {
        return (i, false);
    }
    let mut count = 1;
    let mut letters = usize::from(c.is_alphabetic());
    let mut gap: Option<char> = None;
    let mut k = i;
    loop {
        let here = base.tokens[k];
        // A gap of separator text: the next token is the next letter.
        let plain = base.tokens.get(k + 1).and_then(|next| {
            let g = only_char(src, here.orig_end, next.orig_start)?;
            (is_gap_char(g) && !next.is_symbol).then_some((g, k + 1))
        });
        // A gap of one emoji: a symbol token touching both letters.
        let emoji = || {
            let sym = base.tokens.get(k + 1)?;
            let next = base.tokens.get(k + 2)?;
            if !sym.is_symbol || sym.orig_start != here.orig_end || next.orig_start != sym.orig_end
            {
                return None;
            }
            Some((only_char(src, sym.orig_start, sym.orig_end)?, k + 2))
        };
        let Some((g, next)) = plain.or_else(emoji) else {
            break;
        };
        if gap.is_some_and(|prev| prev != g) {
            break;
        }
        let Some(c) = single_char(base, next) else {
            break;
        };
        // ...and after them, when it ends the chain: `c j n g y los zetas`.
        if c == 'y' && g == ' ' && !(space_after(next) && single_char(base, next + 1).is_some()) {
            break;
        }
        gap = Some(g);
        count += 1;
        letters += usize::from(c.is_alphabetic());
        k = next;
    }
    (k, count >= 3 && letters >= 2)
}

/// Step 4: leet digits to letters in `word`, in place, when the guards allow.
fn substitute_digits(word: &mut String) {
    let (mut letters, mut digits) = (0usize, 0usize);
    for c in word.chars() {
        if c.is_numeric() {
            if leet(c).is_none() {
                return;
            }
            digits += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if digits == 0 || letters < digits {
        return;
    }
    // `<number><ordinal or unit>`: 1ro, 3er, 4km.
    let suffix = word.trim_start_matches(|c: char| c.is_ascii_digit());
    if suffix.len() < word.len()
        && suffix.chars().all(char::is_alphabetic)
        && NUMBER_SUFFIXES.contains(&suffix)
    {
        return;
    }
    // `<one or two letters><number>`: ps4, mp3, a4.
    let prefix = word.trim_end_matches(|c: char| c.is_ascii_digit());
    if prefix.len() < word.len()
        && prefix.chars().count() <= 2
        && prefix.chars().all(char::is_alphabetic)
    {
        return;
    }
    // Every digit is an ASCII digit of the table and becomes an ASCII letter,
    // so the bytes are rewritten in place (no allocation) and stay UTF-8.
    let mut bytes = std::mem::take(word).into_bytes();
    for b in &mut bytes {
        if let Some(letter) = leet(char::from(*b)) {
            *b = letter as u8;
        }
    }
    *word = String::from_utf8(bytes).expect("ASCII bytes replaced by ASCII bytes");
}

#[cfg(test)]
mod tests;
