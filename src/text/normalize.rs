//! The plain normalization of post text and terms, with its offset map
//! (the steps are listed in the parent module): [`Normalizer`] writes a
//! [`NormText`] of [`Token`]s, each with its byte span in the normalized
//! string and in the original text.

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// How text is normalized; the lexicon decides `fold_diacritics`, the command
/// line decides `match_urls`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Normalizer {
    /// Strip accents (keeping `ñ`). On by default.
    pub fold_diacritics: bool,
    /// Treat URLs as text instead of separators.
    pub match_urls: bool,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer {
            fold_diacritics: true,
            match_urls: false,
        }
    }
}

/// One token of normalized text with its spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the token's first byte in [`NormText::norm`].
    pub norm_start: usize,
    /// Byte offset just past the token in [`NormText::norm`].
    pub norm_end: usize,
    /// Byte offset of the token's first character in the original text.
    pub orig_start: usize,
    /// Byte offset just past the token's last character in the original text.
    pub orig_end: usize,
    /// True for a symbol token (an emoji or other So character).
    pub is_symbol: bool,
}

/// Normalized text and its token table; reused from post to post so the hot
/// path does not allocate once the buffers have grown.
#[derive(Clone, Debug, Default)]
pub struct NormText {
    /// ` tok tok tok ` (or a single space when there is no token).
    pub norm: String,
    /// The tokens in order.
    pub tokens: Vec<Token>,
    cluster: String,
    kept: String,
    folded: String,
}

/// What a character is for tokenization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Symbol,
    Separator,
}

fn kind_of(c: char) -> Kind {
    use GeneralCategory::*;
    match get_general_category(c) {
        UppercaseLetter | LowercaseLetter | TitlecaseLetter | ModifierLetter | OtherLetter
        | DecimalNumber | LetterNumber | OtherNumber | NonspacingMark | SpacingMark
        | EnclosingMark => Kind::Word,
        OtherSymbol => Kind::Symbol,
        _ => Kind::Separator,
    }
}

fn is_mark(c: char) -> bool {
    use GeneralCategory::*;
    matches!(
        get_general_category(c),
        NonspacingMark | SpacingMark | EnclosingMark
    )
}

/// Characters removed outright (they neither join nor split tokens).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{FEFF}'
        | '\u{FE00}'..='\u{FE0F}')
}

/// Length in bytes of a URL starting at `at`, if one starts there.
pub(crate) fn url_len(text: &str, at: usize) -> Option<usize> {
    let rest = &text.as_bytes()[at..];
    let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
        return None;
    }
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len() - at, |(i, _)| i);
    Some(end)
}

impl Normalizer {
    /// Normalize `text` into `out` (its previous content is discarded).
    pub fn normalize_into(&self, text: &str, out: &mut NormText) {
        out.norm.clear();
        out.tokens.clear();
        out.norm.push(' ');
        let bytes = text.as_bytes();
        // The open word token, if any: (norm_start, orig_start).
        let mut open: Option<(usize, usize)> = None;
        let mut last_orig_end = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // URLs are cut at a token start only, so `xhttp://` is a word.
            if !self.match_urls
                && open.is_none()
                && matches!(b, b'h' | b'H' | b'w' | b'W')
                && let Some(len) = url_len(text, i)
            {
                i += len;
                continue;
            }
            if b < 0x80 && bytes.get(i + 1).is_none_or(|&n| n < 0x80) {
                // ASCII fast path: no combining mark can follow.
                if b.is_ascii_alphanumeric() {
                    if open.is_none() {
                        open = Some((out.norm.len(), i));
                    }
                    // The whole run of ASCII letters and digits at once; its
                    // last byte stays out when a non-ASCII byte (maybe a
                    // combining mark) follows it.
                    let mut end = i + 1;
                    while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                        end += 1;
                    }
                    if end < bytes.len() && bytes[end] >= 0x80 && end > i + 1 {
                        end -= 1;
                    }
                    let start = out.norm.len();
                    out.norm.push_str(&text[i..end]);
                    out.norm[start..].make_ascii_lowercase();
                    last_orig_end = end;
                    i = end;
                    continue;
                } else {
                    close(out, &mut open, last_orig_end);
                }
                i += 1;
                continue;
            }
            // A cluster: one character and the combining marks after it.
            let first = text[i..].chars().next().expect("i is a char boundary");
            let mut j = i + first.len_utf8();
            for c in text[j..].chars() {
                if !is_mark(c) {
                    break;
                }
                j += c.len_utf8();
            }
            if j == i + first.len_utf8() {
                if is_invisible(first) {
                    i = j;
                    continue;
                }
                // Latin letters with accents: a table lookup instead of the
                // Unicode normalization of the cluster.
                match self.latin(first) {
                    Some(Fast::Word(folded)) => {
                        if open.is_none() {
                            open = Some((out.norm.len(), i));
                        }
                        out.norm.push_str(folded);
                        last_orig_end = j;
                        i = j;
                        continue;
                    }
                    Some(Fast::Separator) => {
                        close(out, &mut open, last_orig_end);
                        i = j;
                        continue;
                    }
                    Some(Fast::Slow) | None => {}
                }
            }
            self.fold_cluster(&text[i..j], out);
            let NormText { folded, .. } = out;
            let folded = std::mem::take(folded);
            for c in folded.chars() {
                match kind_of(c) {
                    Kind::Word => {
                        if open.is_none() {
                            open = Some((out.norm.len(), i));
                        }
                        out.norm.push(c);
                        last_orig_end = j;
                    }
                    Kind::Symbol => {
                        close(out, &mut open, last_orig_end);
                        let norm_start = out.norm.len();
                        out.norm.push(c);
                        out.tokens.push(Token {
                            norm_start,
                            norm_end: out.norm.len(),
                            orig_start: i,
                            orig_end: j,
                            is_symbol: true,
                        });
                        out.norm.push(' ');
                    }
                    Kind::Separator => close(out, &mut open, last_orig_end),
                }
            }
            out.folded = folded;
            i = j;
        }
        close(out, &mut open, last_orig_end);
    }

    /// The precomputed normalization of a lone character of the Latin
    /// blocks (U+0080–U+024F) or General Punctuation (U+2000–U+206F), or
    /// `None` outside them.
    fn latin(&self, c: char) -> Option<&'static Fast> {
        let index = table_index(c)?;
        let table = if self.fold_diacritics {
            LATIN_FOLDED.get_or_init(|| latin_table(true))
        } else {
            LATIN_KEPT.get_or_init(|| latin_table(false))
        };
        table.get(index)
    }

    /// NFKC, lowercase and (optionally) accent folding of one cluster, into
    /// `out.folded`.
    fn fold_cluster(&self, cluster: &str, out: &mut NormText) {
        out.cluster.clear();
        for c in cluster.nfkc() {
            if !is_invisible(c) {
                out.cluster.extend(c.to_lowercase());
            }
        }
        out.folded.clear();
        if !self.fold_diacritics {
            out.folded.extend(out.cluster.nfc());
            return;
        }
        let mut prev = '\0';
        out.kept.clear();
        let NormText { cluster, kept, .. } = out;
        for c in cluster.nfd() {
            if get_general_category(c) == GeneralCategory::NonspacingMark {
                // The tilde of ñ is a letter of its own in Spanish.
                if c == '\u{0303}' && prev == 'n' {
                    kept.push(c);
                }
                continue;
            }
            kept.push(c);
            prev = c;
        }
        out.folded.extend(out.kept.nfc());
    }

    /// The normalized form of a short string, tokens joined by single spaces
    /// and without the outer padding: what a lexicon term becomes.
    pub fn normalize_to_string(&self, text: &str) -> String {
        let mut out = NormText::default();
        self.normalize_into(text, &mut out);
        out.norm.trim_matches(' ').to_string()
    }
}

/// What a lone Latin character becomes, computed once by the slow path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Fast {
    /// Word characters to append to the current token.
    Word(Box<str>),
    /// A separator.
    Separator,
    /// Anything else (symbols, expansions with mixed kinds): the slow path.
    Slow,
}

const LATIN_START: usize = 0x80;
const LATIN_END: usize = 0x250;
/// General Punctuation (dashes, curly quotes, ellipsis): frequent in posts.
const PUNCT_START: usize = 0x2000;
const PUNCT_END: usize = 0x2070;

/// Index of a character in the fast table, if it has one.
fn table_index(c: char) -> Option<usize> {
    let code = c as usize;
    if (LATIN_START..LATIN_END).contains(&code) {
        Some(code - LATIN_START)
    } else if (PUNCT_START..PUNCT_END).contains(&code) {
        Some(LATIN_END - LATIN_START + code - PUNCT_START)
    } else {
        None
    }
}
static LATIN_FOLDED: std::sync::OnceLock<Vec<Fast>> = std::sync::OnceLock::new();
static LATIN_KEPT: std::sync::OnceLock<Vec<Fast>> = std::sync::OnceLock::new();

fn latin_table(fold_diacritics: bool) -> Vec<Fast> {
    let norm = Normalizer {
        fold_diacritics,
        match_urls: false,
    };
    let mut scratch = NormText::default();
    (LATIN_START..LATIN_END)
        .chain(PUNCT_START..PUNCT_END)
        .map(|code| {
            let Some(c) = char::from_u32(code as u32) else {
                return Fast::Slow;
            };
            if is_mark(c) || is_invisible(c) {
                return Fast::Slow;
            }
            norm.fold_cluster(c.encode_utf8(&mut [0; 4]), &mut scratch);
            let kinds: Vec<Kind> = scratch.folded.chars().map(kind_of).collect();
            if !kinds.is_empty() && kinds.iter().all(|k| *k == Kind::Word) {
                Fast::Word(scratch.folded.clone().into_boxed_str())
            } else if kinds.iter().all(|k| *k == Kind::Separator) {
                Fast::Separator
            } else {
                Fast::Slow
            }
        })
        .collect()
}

fn close(out: &mut NormText, open: &mut Option<(usize, usize)>, orig_end: usize) {
    if let Some((norm_start, orig_start)) = open.take() {
        out.tokens.push(Token {
            norm_start,
            norm_end: out.norm.len(),
            orig_start,
            orig_end,
            is_symbol: false,
        });
        out.norm.push(' ');
    }
}

impl NormText {
    /// The normalized text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm[t.norm_start..t.norm_end]
    }

    /// Index of the first token that ends after normalized byte `at`.
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.norm_end <= at)
    }

    /// Number of word tokens (symbols excluded), the denominator of a
    /// LIWC-style percent of words.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| !t.is_symbol).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalizer::default().normalize_to_string(s)
    }

    macro_rules! t {
        ($($name:ident: $input:expr => $want:expr,)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(norm($input), $want, "input {:?}", $input);
            }
        )*};
    }

    t! {
        ascii_lower: "Hola MUNDO" => "hola mundo",
        accents_folded: "Cártel Jalisco Nueva Generación" => "cartel jalisco nueva generacion",
        enye_kept: "Año NIÑO" => "año niño",
        enye_decomposed: "an\u{0303}o" => "año",
        umlaut: "pingüino" => "pinguino",
        hashtag_and_mention: "#CJNG @elmencho" => "cjng elmencho",
        hyphen_splits: "cuerno-de-chivo" => "cuerno de chivo",
        line_breaks: "cuerno\r\nde  chivo" => "cuerno de chivo",
        zero_width_removed: "C\u{200B}J\u{200D}NG" => "cjng",
        bom_removed: "\u{FEFF}hola" => "hola",
        nfkc_ligature: "ﬁerro" => "fierro",
        nfkc_fullwidth: "ＣＪＮＧ" => "cjng",
        emoji_own_token: "armas🔫🔫ya" => "armas 🔫 🔫 ya",
        emoji_variation_selector: "❄️ nieve" => "❄ nieve",
        skin_tone_separator: "👍🏽ok" => "👍 ok",
        url_dropped: "mira https://x.com/arma?q=1 arma" => "mira arma",
        www_dropped: "ver www.armas.mx ya" => "ver ya",
        url_inside_word_kept: "xhttp" => "xhttp",
        digits_kept: "Z-40 y z40" => "z 40 y z40",
        dotted: "C.J.N.G" => "c j n g",
        apostrophe: "don't" => "don t",
        greek_lower: "ΣΟΦΙΑ" => "σοφια",
        empty: "" => "",
        only_punct: "¡¿...?!" => "",
        currency_separator: "$500 mil" => "500 mil",
    }

    #[test]
    fn latin_table_agrees_with_the_slow_path() {
        for fold in [true, false] {
            let n = Normalizer {
                fold_diacritics: fold,
                match_urls: false,
            };
            for code in LATIN_START..LATIN_END {
                let Some(c) = char::from_u32(code as u32) else {
                    continue;
                };
                // Each character alone, and between two ASCII letters.
                for text in [c.to_string(), format!("a{c}b")] {
                    let mut fast = NormText::default();
                    n.normalize_into(&text, &mut fast);
                    let mut slow = NormText::default();
                    slow_normalize(&n, &text, &mut slow);
                    assert_eq!(fast.norm, slow.norm, "U+{code:04X} fold={fold}");
                    assert_eq!(fast.tokens, slow.tokens, "U+{code:04X} fold={fold}");
                }
            }
        }
    }

    /// The cluster-by-cluster path alone, as a reference.
    fn slow_normalize(n: &Normalizer, text: &str, out: &mut NormText) {
        out.norm.clear();
        out.tokens.clear();
        out.norm.push(' ');
        let mut open: Option<(usize, usize)> = None;
        let mut last = 0;
        for (i, c) in text.char_indices() {
            let j = i + c.len_utf8();
            n.fold_cluster(&text[i..j], out);
            let folded = out.folded.clone();
            for f in folded.chars() {
                match kind_of(f) {
                    Kind::Word => {
                        if open.is_none() {
                            open = Some((out.norm.len(), i));
                        }
                        out.norm.push(f);
                        last = j;
                    }
                    Kind::Symbol => {
                        close(out, &mut open, last);
                        let start = out.norm.len();
                        out.norm.push(f);
                        out.tokens.push(Token {
                            norm_start: start,
                            norm_end: out.norm.len(),
                            orig_start: i,
                            orig_end: j,
                            is_symbol: true,
                        });
                        out.norm.push(' ');
                    }
                    Kind::Separator => close(out, &mut open, last),
                }
            }
        }
        close(out, &mut open, last);
    }

    #[test]
    fn folding_off_keeps_accents() {
        let n = Normalizer {
            fold_diacritics: false,
            match_urls: false,
        };
        assert_eq!(n.normalize_to_string("Cártel"), "cártel");
    }

    #[test]
    fn match_urls_keeps_them() {
        let n = Normalizer {
            fold_diacritics: true,
            match_urls: true,
        };
        assert_eq!(n.normalize_to_string("https://a.b/c"), "https a b c");
    }

    #[test]
    fn offsets_point_back() {
        let text = "¡El CÁRTEL\r\nde Jalisco! 🔫";
        let mut out = NormText::default();
        Normalizer::default().normalize_into(text, &mut out);
        let origs: Vec<&str> = out
            .tokens
            .iter()
            .map(|t| &text[t.orig_start..t.orig_end])
            .collect();
        assert_eq!(origs, ["El", "CÁRTEL", "de", "Jalisco", "🔫"]);
        assert_eq!(out.norm, " el cartel de jalisco 🔫 ");
        for (i, t) in out.tokens.iter().enumerate() {
            assert_eq!(out.norm.as_bytes()[t.norm_start - 1], b' ');
            assert_eq!(out.norm.as_bytes()[t.norm_end], b' ');
            assert_eq!(out.token_at(t.norm_start), i);
        }
    }

    #[test]
    fn combining_accent_offsets_cover_the_mark() {
        let text = "ca\u{0301}rtel";
        let mut out = NormText::default();
        Normalizer::default().normalize_into(text, &mut out);
        assert_eq!(out.norm, " cartel ");
        assert_eq!(out.tokens[0].orig_end, text.len());
    }
}
