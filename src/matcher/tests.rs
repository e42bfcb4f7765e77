//! Tables of matcher cases (DESIGN.md §4) and a property test against a slow,
//! obvious reference implementation.

use proptest::prelude::*;

use super::*;
use crate::lexicon::{Category, Lexicon, Meta, Options, Term};

/// (id, terms, exclusions)
type Cat<'a> = (&'a str, &'a [&'a str], &'a [&'a str]);

fn lexicon(cats: &[Cat], fold: bool) -> Lexicon {
    Lexicon {
        meta: Meta::default(),
        options: Options {
            fold_diacritics: fold,
        },
        categories: cats
            .iter()
            .map(|(id, terms, excl)| Category {
                id: id.to_string(),
                label: id.to_string(),
                terms: terms.iter().map(|t| Term::new(*t)).collect(),
                exclude: excl.iter().map(|t| Term::new(*t)).collect(),
                ..Category::default()
            })
            .collect(),
        exclude: Vec::new(),
        tests: Vec::new(),
        origin: "test".into(),
        sha256: String::new(),
        lint_allow: Vec::new(),
    }
}

/// Hits per category id, as "id:n" sorted, for compact expectations.
fn run(cats: &[Cat], overlap: Overlap, match_urls: bool, fold: bool, text: &str) -> String {
    let m = compile(
        &[lexicon(cats, fold)],
        &MatchOptions {
            overlap,
            match_urls,
        },
    )
    .unwrap();
    let mut scratch = Scratch::default();
    m.scan(text, &mut scratch);
    let mut counts: Vec<(String, usize)> = Vec::new();
    for h in scratch.hits() {
        let id = &m.categories[h.category as usize].id;
        match counts.iter_mut().find(|(c, _)| c == id) {
            Some((_, n)) => *n += 1,
            None => counts.push((id.clone(), 1)),
        }
        // Offsets always lie on char boundaries inside the text.
        assert!(h.orig_start < h.orig_end && h.orig_end <= text.len());
        assert!(text.is_char_boundary(h.orig_start) && text.is_char_boundary(h.orig_end));
    }
    counts.sort();
    counts
        .iter()
        .map(|(c, n)| format!("{c}:{n}"))
        .collect::<Vec<_>>()
        .join(" ")
}

macro_rules! t {
    ($($name:ident: $cats:expr, $text:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(run($cats, Overlap::LeftmostLongest, false, true, $text), $want, "text {:?}", $text);
        }
    )*};
}

macro_rules! t_per_category {
    ($($name:ident: $cats:expr, $text:expr => $want:expr;)*) => {$(
        #[test]
        fn $name() {
            assert_eq!(run($cats, Overlap::PerCategory, false, true, $text), $want, "text {:?}", $text);
        }
    )*};
}

t! {
    whole_word_only: &[("w", &["arma"], &[])], "el armado sin arma." => "w:1";
    word_inside_not_matched: &[("w", &["arma"], &[])], "desarmar" => "";
    prefix_wildcard: &[("w", &["arma*"], &[])], "armados y armas y arma" => "w:3";
    prefix_not_inside: &[("w", &["arma*"], &[])], "desarmado" => "";
    suffix_wildcard: &[("g", &["*zetas"], &[])], "antizetas y zetas" => "g:2";
    both_ends_open: &[("g", &["*zeta*"], &[])], "los antizetasmo" => "g:1";
    phrase_across_hyphens: &[("w", &["cuerno de chivo"], &[])], "cuerno-de-chivo" => "w:1";
    phrase_across_line_break: &[("w", &["cuerno de chivo"], &[])], "CUERNO\r\nde   Chivo" => "w:1";
    phrase_across_comma: &[("w", &["cuerno de chivo"], &[])], "cuerno, de chivo" => "w:1";
    phrase_partial_no: &[("w", &["cuerno de chivo"], &[])], "cuerno de chivos" => "";
    phrase_inner_wildcard: &[("w", &["cuerno* de chivo"], &[])], "cuernos de chivo" => "w:1";
    phrase_inner_wildcard_no: &[("w", &["cuerno* de chivo"], &[])], "cuernos del chivo" => "";
    phrase_last_wildcard: &[("w", &["cuerno de chiv*"], &[])], "cuerno de chivos" => "w:1";
    term_with_punctuation: &[("w", &["cuerno-de-chivo"], &[])], "cuerno de chivo" => "w:1";
    emoji_term: &[("w", &["🔫"], &[])], "armas🔫🔫" => "w:2";
    emoji_inside_word: &[("w", &["🔫"], &[])], "ab🔫cd" => "w:1";
    emoji_variation_selector: &[("d", &["❄️"], &[])], "puro ❄ y ❄️" => "d:2";
    emoji_skin_tone: &[("d", &["👍"], &[])], "👍🏽" => "d:1";
    hashtag: &[("g", &["cjng"], &[])], "#CJNG" => "g:1";
    hashtag_phrase: &[("g", &["cartel de sinaloa"], &[])], "#Cartel de Sinaloa" => "g:1";
    hashtag_glued_not: &[("g", &["cartel de sinaloa"], &[])], "#CartelDeSinaloa" => "";
    mention: &[("g", &["cjng"], &[])], "@CJNG: hola" => "g:1";
    accent_folded_text: &[("g", &["cartel"], &[])], "CÁRTEL" => "g:1";
    accent_folded_term: &[("g", &["cártel"], &[])], "cartel" => "g:1";
    enye_kept_text: &[("y", &["año"], &[])], "ano" => "";
    enye_kept_term: &[("y", &["ano"], &[])], "AÑO" => "";
    enye_upper: &[("y", &["año"], &[])], "AÑO" => "y:1";
    zero_width_inside: &[("g", &["cjng"], &[])], "CJ\u{200B}NG" => "g:1";
    fullwidth: &[("g", &["cjng"], &[])], "ＣＪＮＧ" => "g:1";
    url_skipped: &[("w", &["arma"], &[])], "https://armas.mx/arma ok" => "";
    www_skipped: &[("w", &["arma"], &[])], "www.arma.mx" => "";
    exclusion_wins: &[("t", &["plaza"], &["plaza comercial"])], "en la plaza comercial" => "";
    exclusion_elsewhere: &[("t", &["plaza"], &["plaza comercial"])], "plaza comercial y la plaza" => "t:1";
    exclusion_scoped: &[("t", &["plaza"], &["plaza comercial"]), ("c", &["plaza"], &[])], "plaza comercial" => "c:1";
    exclusion_wins_over_longer: &[("w", &["arma*"], &["armario"])], "armario" => "";
    exclusion_prefix_word: &[("w", &["arma*"], &["armario"])], "armarios" => "w:1";
    longest_wins: &[("c", &["cartel"], &[]), ("s", &["cartel de sinaloa"], &[])], "cartel de sinaloa" => "s:1";
    leftmost_wins: &[("a", &["a b"], &[]), ("b", &["b c"], &[])], "a b c" => "a:1";
    tie_counts_both: &[("a", &["sicario"], &[]), ("b", &["sicario*"], &[])], "sicario" => "a:1 b:1";
    same_category_tie_once: &[("a", &["sicario", "sicari*"], &[])], "sicario" => "a:1";
    variants_one_slot: &[("a", &["cártel", "cartel"], &[])], "cartel" => "a:1";
    repeated: &[("w", &["arma"], &[])], "arma arma arma" => "w:3";
    no_tokens: &[("w", &["arma"], &[])], "¡¿...?!" => "";
    empty_text: &[("w", &["arma"], &[])], "" => "";
    greek_case: &[("x", &["σοφια"], &[])], "ΣΟΦΙΑ" => "x:1";
    nfkc_ligature: &[("w", &["fierro"], &[])], "ﬁerro" => "w:1";
    digits: &[("g", &["z40"], &[])], "Z40 y Z-40" => "g:1";
    apostrophe_splits: &[("x", &["don"], &[])], "don't" => "x:1";
}

t_per_category! {
    per_category_both: &[("c", &["cartel"], &[]), ("s", &["cartel de sinaloa"], &[])], "cartel de sinaloa" => "c:1 s:1";
    per_category_leftmost: &[("a", &["a b"], &[]), ("b", &["b c"], &[])], "a b c" => "a:1 b:1";
    per_category_within: &[("a", &["a b", "b c"], &[])], "a b c" => "a:1";
    per_category_exclusion: &[("t", &["plaza"], &["plaza comercial"]), ("c", &["plaza"], &[])], "plaza comercial" => "c:1";
}

t! {
    regex_term: &[("w", &["re:cuern[oa]s? de chivo"], &[])], "Los CUERNOS de chivo" => "w:1";
    regex_whole_tokens_only: &[("w", &["re:cuern"], &[])], "cuernos" => "";
    regex_on_folded_text: &[("w", &["re:car?tel"], &[])], "CÁRTEL" => "w:1";
    regex_exclusion: &[("w", &["arma*"], &["re:armari[oa]s?"])], "armarios y armas" => "w:1";
}

#[test]
fn regex_terms_are_linear_and_bounded() {
    // A pattern that backtracks catastrophically in backtracking engines.
    let text = format!("{} b", "a".repeat(5_000));
    let start = std::time::Instant::now();
    assert_eq!(
        run(
            &[("w", &["re:(a+)+$"], &[])],
            Overlap::LeftmostLongest,
            false,
            true,
            &text
        ),
        ""
    );
    assert!(start.elapsed().as_secs() < 5, "linear time");
    // A pattern whose compiled form is too large is refused with its line.
    let mut lex = lexicon(&[("w", &["re:(\\w{100}){100}"], &[])], true);
    lex.categories[0].terms[0].line = 7;
    let err = compile(&[lex], &MatchOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("test:7") && err.contains("regex term"),
        "{err}"
    );
}

#[test]
fn urls_matched_on_request() {
    let cats: &[Cat] = &[("w", &["arma"], &[])];
    assert_eq!(
        run(
            cats,
            Overlap::LeftmostLongest,
            true,
            true,
            "https://x.mx/arma"
        ),
        "w:1"
    );
}

#[test]
fn folding_off_keeps_accents_apart() {
    let cats: &[Cat] = &[("g", &["cártel"], &[])];
    assert_eq!(
        run(cats, Overlap::LeftmostLongest, false, false, "cartel"),
        ""
    );
    assert_eq!(
        run(cats, Overlap::LeftmostLongest, false, false, "CÁRTEL"),
        "g:1"
    );
}

#[test]
fn offsets_give_back_the_surface_text() {
    let m = compile(
        &[lexicon(&[("w", &["cuerno de chivo", "🔫"], &[])], true)],
        &MatchOptions::default(),
    )
    .unwrap();
    let text = "¡Mi CUERNO\r\nde Chivo! 🔫";
    let mut scratch = Scratch::default();
    m.scan(text, &mut scratch);
    let spans: Vec<&str> = scratch
        .hits()
        .iter()
        .map(|h| &text[h.orig_start..h.orig_end])
        .collect();
    assert_eq!(spans, ["CUERNO\r\nde Chivo", "🔫"]);
}

#[test]
fn term_normalizing_to_nothing_is_a_warning() {
    let m = compile(
        &[lexicon(&[("w", &["?!", "arma"], &[])], true)],
        &MatchOptions::default(),
    )
    .unwrap();
    assert_eq!(m.warnings.len(), 1);
    assert!(m.warnings[0].contains("normalizes to nothing"));
}

// ---- property test against a slow reference --------------------------------

const WORDS: &[&str] = &[
    "arma",
    "armas",
    "Armado",
    "cuerno",
    "cuernos",
    "de",
    "chivo",
    "CJNG",
    "cjng",
    "cártel",
    "cartel",
    "sinaloa",
    "plaza",
    "comercial",
    "año",
    "ano",
    "🔫",
    "☠️",
    "zetas",
    "antizetas",
    "el",
    "la",
    "y",
];
const SEPS: &[&str] = &[
    " ", "  ", "-", "\n", "\r\n", ", ", "#", "@", ". ", "", "\u{200B}",
];

fn arb_text() -> impl Strategy<Value = String> {
    prop::collection::vec((0..WORDS.len(), 0..SEPS.len()), 0..24).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(w, s)| format!("{}{}", WORDS[w], SEPS[s]))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn agrees_with_reference(text in arb_text()) {
        let cats: Vec<(String, Vec<String>, Vec<String>)> = vec![
            ("w".into(), vec!["arma*".into(), "cuerno* de chivo".into(), "🔫".into()], vec!["armado".into()]),
            ("g".into(), vec!["cjng".into(), "cartel de sinaloa".into(), "*zetas".into(), "cartel".into()], vec![]),
            ("t".into(), vec!["plaza".into(), "☠".into(), "de chivo".into()], vec!["plaza comercial".into()]),
            ("y".into(), vec!["año".into(), "el".into(), "el cartel".into()], vec![]),
        ];
        let lex = Lexicon {
            meta: Meta::default(),
            options: Options::default(),
            categories: cats.iter().map(|(id, terms, excl)| Category {
                id: id.clone(),
                label: id.clone(),
                terms: terms.iter().map(Term::new).collect(),
                exclude: excl.iter().map(Term::new).collect(),
                ..Category::default()
            }).collect(),
            exclude: Vec::new(),
            tests: Vec::new(),
            origin: "prop".into(),
            sha256: String::new(),
            lint_allow: Vec::new(),
        };
        let m = compile(&[lex], &MatchOptions::default()).unwrap();
        let mut scratch = Scratch::default();
        m.scan(&text, &mut scratch);
        let mut got = vec![(0usize, 0usize); cats.len()];
        for (ci, g) in got.iter_mut().enumerate() {
            g.0 = ci;
        }
        for h in scratch.hits() {
            got[h.category as usize].1 += 1;
            prop_assert!(h.orig_end <= text.len() && text.is_char_boundary(h.orig_start));
        }
        prop_assert_eq!(got, super::reference::reference(&cats, &text), "text {:?}", text);
    }

    #[test]
    fn never_panics(text in "\\PC{0,200}") {
        let m = compile(&[lexicon(&[("w", &["arma*", "🔫", "*a"], &["armario"])], true)], &MatchOptions::default()).unwrap();
        let mut scratch = Scratch::default();
        m.scan(&text, &mut scratch);
        for h in scratch.hits() {
            prop_assert!(text.is_char_boundary(h.orig_start) && text.is_char_boundary(h.orig_end));
        }
    }
}
