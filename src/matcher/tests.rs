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
            ..Options::default()
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
            ..MatchOptions::default()
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

/// Rule categories (lexicon::rule_syntax, matcher::rule_eval): each operator, window
/// edges, sentence scope, negation and nesting.
mod rule_cases {
    use super::*;

    const BASE: &str = r#"
[lexicon]
name = "rules"
[[category]]
id = "threat"
terms = ["te vamos a matar", "amenaza*", "mato", "muere*"]
[[category]]
id = "group"
terms = ["cjng", "zetas", "cartel del golfo"]
[[category]]
id = "negation"
terms = ["no", "nunca", "jamas"]
[[category]]
id = "hunting"
terms = ["caza*", "venado"]
[[category]]
id = "weapon"
terms = ["rifle", "cuerno de chivo"]
"#;

    /// The text of each hit of a category `r` defined by `rule`, joined by
    /// ` | `, with the terms that made it fire.
    fn fire(rule: &str, text: &str) -> String {
        let toml = format!(
            "{BASE}[[category]]\nid = \"r\"\nrule = {}\n",
            toml::Value::String(rule.into())
        );
        let lex = crate::lexicon::parse_native(toml.as_bytes(), "rules.toml").unwrap();
        let m = compile(&[lex], &MatchOptions::default()).unwrap();
        let r = m.categories.iter().position(|c| c.id == "r").unwrap() as u32;
        let mut scratch = Scratch::default();
        m.scan(text, &mut scratch);
        let mut out = Vec::new();
        let mut credits = 0;
        for (k, h) in scratch.hits().iter().enumerate() {
            if h.category != r {
                assert!(scratch.rule_parts(k).is_none());
                continue;
            }
            let parts = scratch.rule_parts(k).expect("a rule hit has parts");
            let terms: Vec<&str> = parts.iter().map(|p| m.part_term(p)).collect();
            let mut distinct = terms.clone();
            distinct.sort_unstable();
            distinct.dedup();
            credits += distinct.len();
            for p in parts {
                assert!(p.orig_start >= h.orig_start && p.orig_end <= h.orig_end);
            }
            out.push(format!(
                "{} [{}]",
                &text[h.orig_start..h.orig_end],
                terms.join("+")
            ));
        }
        // Each rule hit credits each distinct term that made it fire once,
        // in the rule category's own slots; the rule's text is never
        // credited.
        let rule_slot = m.slots.iter().position(|s| s.category == r).unwrap() as u32;
        let of_rule: Vec<u32> = scratch
            .term_hits
            .iter()
            .copied()
            .filter(|&s| m.slots[s as usize].category == r)
            .collect();
        assert!(!of_rule.contains(&rule_slot));
        assert_eq!(of_rule.len(), credits);
        out.join(" | ")
    }

    macro_rules! r {
        ($($name:ident: $rule:expr, $text:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(fire($rule, $text), $want, "rule {:?} on {:?}", $rule, $text);
            }
        )*};
    }

    r! {
        near_adjacent: "threat NEAR/0 group", "te mato cjng" => "mato cjng [mato+cjng]";
        near_exactly_n_between: "threat NEAR/3 group", "mato a uno del cjng" => "mato a uno del cjng [mato+cjng]";
        near_n_plus_one_between: "threat NEAR/3 group", "mato a uno más del cjng" => "";
        near_either_order: "threat NEAR/3 group", "los Zetas: te vamos a matar" => "Zetas: te vamos a matar [zetas+te vamos a matar]";
        near_zero_not_one_apart: "threat NEAR/0 group", "mato al cjng" => "";
        near_phrase_span_counts_whole: "threat NEAR/1 group", "te vamos a matar, cartel del golfo" => "te vamos a matar, cartel del golfo [te vamos a matar+cartel del golfo]";
        near_takes_nearest: "threat NEAR/8 group", "zetas y cjng: mato" => "cjng: mato [cjng+mato]";
        near_one_hit_per_left_match: "threat NEAR/8 group", "mato amenazas cjng" => "mato amenazas cjng [mato+cjng] | amenazas cjng [amenaza*+cjng]";
        before_in_order: "threat BEFORE/2 group", "mato al cjng" => "mato al cjng [mato+cjng]";
        before_wrong_order: "threat BEFORE/2 group", "cjng mato" => "";
        before_exactly_n: "threat BEFORE/2 group", "mato a los cjng" => "mato a los cjng [mato+cjng]";
        before_n_plus_one: "threat BEFORE/2 group", "mato a todos los cjng" => "";
        after_in_order: "threat AFTER/2 group", "cjng, te mato" => "cjng, te mato [cjng+mato]";
        after_wrong_order: "threat AFTER/2 group", "mato cjng" => "";
        after_n_plus_one: "threat AFTER/1 group", "cjng ya te mato" => "";
        and_both: "weapon AND group", "un rifle nuevo, y muchos saludos a la gente del cjng" => "rifle [rifle] | cjng [cjng]";
        and_one_side_missing: "weapon AND group", "un rifle nuevo" => "";
        and_not_blocks: "weapon AND NOT hunting", "rifle para venado" => "";
        and_not_passes: "weapon AND NOT hunting", "rifle para la plaza" => "rifle [rifle]";
        not_is_and_not: "weapon NOT hunting", "rifle de caza" => "";
        or_either: "weapon OR hunting", "vi un venado" => "venado [venado]";
        or_both_deduplicated: "weapon OR (weapon AND hunting)", "rifle y venado" => "rifle [rifle] | venado [venado]";
        sentence_near_blocked: "threat NEAR/8/s group", "Te mato. El cjng manda" => "";
        sentence_near_same: "threat NEAR/8/s group", "te mato, el cjng manda" => "mato, el cjng [mato+cjng]";
        post_scope_crosses_sentences: "threat NEAR/8 group", "Te mato. El cjng manda" => "mato. El cjng [mato+cjng]";
        sentence_and_blocked: "threat AND/s group", "mato!\ncjng" => "";
        sentence_and_same: "threat AND/s group", "mato y cjng" => "mato [mato] | cjng [cjng]";
        sentence_and_not: "weapon AND NOT/s hunting", "rifle nuevo. Mañana de caza" => "rifle [rifle]";
        sentence_and_not_blocks: "weapon AND NOT/s hunting", "rifle nuevo para caza. Hola" => "";
        sentence_question_marks: "threat NEAR/5/s group", "¿Y el cjng? ¡Te mato!" => "";
        url_is_not_a_sentence_end: "threat NEAR/8/s group", "te mato https://x.com/a?b=1. cjng" => "mato https://x.com/a?b=1. cjng [mato+cjng]";
        dotted_abbreviation_is_one_sentence: "threat NEAR/6/s group", "Te mato. C.J.N.G manda" => "";
        negation_window_blocks: "threat NOT AFTER/2 negation", "no te mato" => "";
        negation_window_edge: "threat NOT AFTER/2 negation", "nunca dije que te mato" => "mato [mato]";
        negation_after_does_not_block: "threat NOT AFTER/3 negation", "te mato, no?" => "mato [mato]";
        not_near_blocks_both_sides: "threat NOT NEAR/1 negation", "mato no" => "";
        not_before: "threat NOT BEFORE/1 group", "mato cjng y amenazas" => "amenazas [amenaza*]";
        nested_negation_then_near: "(threat NOT AFTER/2 negation) NEAR/5 group", "no te mato, cjng" => "";
        nested_negation_then_near_fires: "(threat NOT AFTER/2 negation) NEAR/5 group", "te mato, cjng" => "mato, cjng [mato+cjng]";
        nested_or_in_near: "(threat OR weapon) NEAR/2 group", "rifle del cjng" => "rifle del cjng [rifle+cjng]";
        nested_near_of_near: "(threat NEAR/2 group) NEAR/2 weapon", "mato cjng con rifle" => "mato cjng con rifle [mato+cjng+rifle]";
        quoted_term: "\"plaza\" NEAR/2 group", "la plaza es del cjng" => "plaza es del cjng [plaza+cjng]";
        quoted_wildcard_phrase: "\"cuerno* de chivo\" AND group", "cuernos de chivo pal cjng" => "cuernos de chivo [cuerno* de chivo] | cjng [cjng]";
        quoted_term_ignores_overlap: "\"te vamos\" BEFORE/5 group", "te vamos a matar cjng" => "te vamos a matar cjng [te vamos+cjng]";
        no_hits_no_rule: "threat NEAR/8 group", "buenos días" => "";
        same_category_needs_two_mentions: "group NEAR/3 group", "el cjng manda" => "";
        same_category_two_mentions: "group NEAR/3 group", "cjng contra zetas" => "cjng contra zetas [cjng+zetas]";
        not_isolated_mentions: "group NOT NEAR/3 group", "cjng contra zetas" => "";
        isolated_mentions: "group NOT NEAR/3 group", "cjng manda aquí y después de todo llegaron los zetas" => "cjng [cjng] | zetas [zetas]";
    }

    #[test]
    fn the_longest_rule_allowed_evaluates() {
        // 256 operands, each a level of the left-leaning tree (a 2 MiB test
        // thread, as small as a rayon worker's stack).
        let rule = vec!["threat"; crate::lexicon::rule_syntax::MAX_OPERANDS].join(" OR ");
        assert_eq!(fire(&rule, "te mato"), "mato [mato]");
        let rule = vec!["threat"; crate::lexicon::rule_syntax::MAX_OPERANDS].join(" NEAR/1 ");
        assert_eq!(fire(&rule, "te mato"), "");
    }

    #[test]
    fn rules_use_rules_and_flag_their_category() {
        let toml = format!(
            "{BASE}[[category]]\nid = \"between\"\nrule = \"threat NEAR/5 group\"\n\
             [[category]]\nid = \"armed\"\nrule = \"between AND weapon\"\n"
        );
        let lex = crate::lexicon::parse_native(toml.as_bytes(), "rules.toml").unwrap();
        let m = compile(&[lex], &MatchOptions::default()).unwrap();
        let mut scratch = Scratch::default();
        let ids = |cats: Vec<usize>| -> Vec<String> {
            cats.iter().map(|&c| m.categories[c].id.clone()).collect()
        };
        assert_eq!(
            ids(m.categories_of("te mato cjng, traigo rifle", &mut scratch)),
            ["threat", "group", "weapon", "between", "armed"]
        );
        assert_eq!(
            ids(m.categories_of("te mato, traigo rifle", &mut scratch)),
            ["threat", "weapon"]
        );
    }

    #[test]
    fn per_category_overlap_feeds_rules_too() {
        let toml = format!("{BASE}[[category]]\nid = \"r\"\nrule = \"threat NEAR/0 group\"\n");
        let lex = crate::lexicon::parse_native(toml.as_bytes(), "rules.toml").unwrap();
        let m = compile(
            &[lex],
            &MatchOptions {
                overlap: Overlap::PerCategory,
                ..MatchOptions::default()
            },
        )
        .unwrap();
        let mut scratch = Scratch::default();
        let cats = m.categories_of("mato zetas", &mut scratch);
        assert!(cats.contains(&m.categories.iter().position(|c| c.id == "r").unwrap()));
    }

    #[test]
    fn rule_errors_name_file_and_line() {
        for (rule, want) in [
            (
                "threat NEAR/8 grup",
                "rules.toml:21: rule of category \"r\" names unknown category \"grup\"",
            ),
            ("r OR threat", "cycle: r → r"),
            (
                "threat NEAR/8",
                "rules.toml:21: rule of category \"r\": column 14",
            ),
            (
                "threat OR \"?!\"",
                "quoted term \"?!\" normalizes to nothing",
            ),
        ] {
            let toml = format!(
                "{BASE}[[category]]\nid = \"r\"\nrule = {}\n",
                toml::Value::String(rule.into())
            );
            let err = crate::lexicon::parse_native(toml.as_bytes(), "rules.toml")
                .and_then(|lex| compile(&[lex], &MatchOptions::default()).map(|_| ()))
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{rule:?}: {err}");
        }
        let both = format!("{BASE}[[category]]\nid = \"r\"\nrule = \"threat\"\nterms = [\"x\"]\n");
        let err = crate::lexicon::parse_native(both.as_bytes(), "rules.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("both a `rule` and terms"), "{err}");
    }
}

/// Deobfuscation (`deobfuscate = true`): each obfuscation form, the false
/// positives it must not create, and the opt-in per category.
mod deobfuscation {
    use super::*;

    const LEX: &str = r#"
[lexicon]
name = "deob"
[options]
deobfuscate = true
[[category]]
id = "groups"
terms = ["cjng", "zetas", "el mencho", "cj"]
[[category]]
id = "weapons"
terms = ["armas", "cuerno de chivo", "axa"]
[[category]]
id = "threat"
terms = ["amenaza*", "sicario*", "matar", "leer"]
[[category]]
id = "animals"
terms = ["perro"]
[[category]]
id = "plain"
deobfuscate = false
terms = ["cjng", "armas"]
"#;

    /// `category=matched text` for every hit, in text order.
    fn hits(text: &str) -> String {
        let lex = crate::lexicon::parse_native(LEX.as_bytes(), "deob.toml").unwrap();
        let m = compile(&[lex], &MatchOptions::default()).unwrap();
        let mut scratch = Scratch::default();
        m.scan(text, &mut scratch);
        scratch
            .hits()
            .iter()
            .map(|h| {
                assert!(text.is_char_boundary(h.orig_start) && text.is_char_boundary(h.orig_end));
                format!(
                    "{}={}",
                    m.categories[h.category as usize].id,
                    &text[h.orig_start..h.orig_end]
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    macro_rules! d {
        ($($name:ident: $text:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(hits($text), $want, "text {:?}", $text);
            }
        )*};
    }

    d! {
        plain_spelling_still_matches: "llegó el CJNG con armas" => "groups=CJNG plain=CJNG weapons=armas plain=armas";
        dotted_letters: "ya llegó el C.J.N.G!!" => "groups=C.J.N.G";
        dotted_letters_trailing_dot: "C.J.N.G. manda" => "groups=C.J.N.G";
        spaced_letters: "puro c j n g" => "groups=c j n g";
        hyphenated_letters: "c-j-n-g" => "groups=c-j-n-g";
        emoji_between_letters: "c🔥j🔥n🔥g" => "groups=c🔥j🔥n🔥g";
        zero_width_between_letters: "C\u{200B}J\u{200B}N\u{200B}G" => "groups=C\u{200B}J\u{200B}N\u{200B}G plain=C\u{200B}J\u{200B}N\u{200B}G";
        soft_hyphen_inside_word: "traen ar\u{AD}mas" => "weapons=ar\u{AD}mas";
        repeated_letters: "cjnggg" => "groups=cjnggg";
        elongated_vowel: "amenazaaaa" => "threat=amenazaaaa";
        elongated_double_letter: "leeeer" => "threat=leeeer";
        leet_digits: "4rm4s" => "weapons=4rm4s";
        leet_in_phrase: "el m3ncho" => "groups=el m3ncho";
        leet_digits_spaced: "4 r m 4 s" => "weapons=4 r m 4 s";
        leet_plural: "los z3t4s" => "groups=z3t4s";
        dollar_for_s: "puro $icario" => "threat=$icario";
        at_for_a: "te voy a m@t@r" => "threat=m@t@r";
        double_letter_kept_apart: "pero no" => "";
        double_letter_matches: "mi perro" => "animals=perro";
        elongated_matches_double: "perrrro" => "animals=perrrro";
        vehicle_is_not_leet: "camioneta 4x4 doble tracción" => "";
        initials_in_a_sentence: "lo firmó c. j. pérez" => "";
        two_initials_do_not_merge: "c.j. pérez" => "";
        price_is_not_s: "$500 pesos" => "";
        mention_is_not_a: "@usuario" => "";
        model_number_untouched: "un m16 y un r15" => "";
        fullwidth_dotted_letters: "Ｃ．Ｊ．Ｎ．Ｇ" => "groups=Ｃ．Ｊ．Ｎ．Ｇ";
        conjunction_before_spaced_letters: "los zetas y c j n g" => "groups=zetas groups=c j n g";
        dollar_after_leet_word: "traen 4rm4$" => "weapons=4rm4$";
        plain_category_is_not_deobfuscated: "C.J.N.G y 4rm4s" => "groups=C.J.N.G weapons=4rm4s";
    }

    #[test]
    fn a_lexicon_without_deobfuscation_does_not_see_obfuscation() {
        let lex = crate::lexicon::parse_native(
            LEX.replace("deobfuscate = true", "deobfuscate = false")
                .as_bytes(),
            "deob.toml",
        )
        .unwrap();
        let m = compile(&[lex], &MatchOptions::default()).unwrap();
        assert!(m.deobfuscated.is_empty());
        let mut scratch = Scratch::default();
        for text in ["C.J.N.G", "4rm4s", "cjnggg", "$icario"] {
            assert!(m.categories_of(text, &mut scratch).is_empty(), "{text}");
        }
    }

    #[test]
    fn rules_see_deobfuscated_hits() {
        let lex = crate::lexicon::parse_native(
            format!("{LEX}[[category]]\nid = \"r\"\nrule = \"threat NEAR/3 groups\"\n").as_bytes(),
            "deob.toml",
        )
        .unwrap();
        let m = compile(&[lex], &MatchOptions::default()).unwrap();
        let mut scratch = Scratch::default();
        let text = "te vamos a m4t4r, C.J.N.G";
        m.scan(text, &mut scratch);
        let (k, h) = scratch
            .hits()
            .iter()
            .enumerate()
            .find(|(_, h)| m.categories[h.category as usize].id == "r")
            .expect("the rule fires");
        assert_eq!(&text[h.orig_start..h.orig_end], "m4t4r, C.J.N.G");
        let terms: Vec<&str> = scratch
            .rule_parts(k)
            .unwrap()
            .iter()
            .map(|p| m.part_term(p))
            .collect();
        assert_eq!(terms, ["matar", "cjng"]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Any rule the parser accepts compiles and evaluates without a panic,
    /// on any text, deobfuscated or not, and its hits lie inside the text.
    #[test]
    fn rules_never_panic(
        rule in proptest::sample::select(vec!["a", "b", "\"z*\"", "\"cuerno de chivo\""])
            .prop_map(String::from)
            .prop_recursive(4, 16, 2, |inner| {
                (
                    inner.clone(),
                    proptest::sample::select(vec![
                        "OR", "AND", "AND NOT", "NOT", "NEAR/0", "NEAR/2/s", "BEFORE/1",
                        "AFTER/3", "AND/s", "NOT NEAR/1", "NOT AFTER/2/s", "AND NOT/s",
                    ]),
                    inner,
                )
                    .prop_map(|(l, op, r)| format!("({l} {op} {r})"))
            }),
        text in "[ab z.!¿?\\n]{0,12}(cuerno de chivo)?[ abz4.]{0,12}",
        deob in any::<bool>(),
    ) {
        let toml = format!(
            "[lexicon]\nname = \"p\"\n[options]\ndeobfuscate = {deob}\n\
             [[category]]\nid = \"a\"\nterms = [\"a\", \"z\"]\n\
             [[category]]\nid = \"b\"\nterms = [\"b\", \"zz\"]\n\
             [[category]]\nid = \"r\"\nrule = {}\n",
            toml::Value::String(rule.clone())
        );
        let lex = crate::lexicon::parse_native(toml.as_bytes(), "p.toml").unwrap();
        let m = compile(&[lex], &MatchOptions::default()).unwrap();
        let mut scratch = Scratch::default();
        m.scan(&text, &mut scratch);
        for (k, h) in scratch.hits().iter().enumerate() {
            prop_assert!(h.orig_start <= h.orig_end && h.orig_end <= text.len());
            prop_assert!(text.is_char_boundary(h.orig_start) && text.is_char_boundary(h.orig_end));
            if let Some(parts) = scratch.rule_parts(k) {
                prop_assert!(!parts.is_empty());
            }
        }
    }
}

/// Helper categories (`helper = true`): vocabularies that feed rules, hidden
/// from what a scan reports unless `show_helpers`, each resolving its own
/// overlaps.
mod helpers {
    use super::*;

    const LEX: &str = r#"
[lexicon]
name = "h"

[[category]]
id = "sale"
rule = "goods NEAR/3 offer"

[[category]]
id = "weapons"
terms = ["rifle"]

[[category]]
id = "goods"
helper = true
terms = ["cuerno de chivo", "cuerno", "mota"]

[[category]]
id = "offer"
helper = true
terms = ["vendo", "de chivo vendo", "envio"]
exclude = ["envio gratis"]
"#;

    fn matcher(show_helpers: bool, overlap: Overlap) -> Matcher {
        let lex = crate::lexicon::parse_native(LEX.as_bytes(), "h.toml").unwrap();
        compile(
            &[lex],
            &MatchOptions {
                overlap,
                show_helpers,
                ..MatchOptions::default()
            },
        )
        .unwrap()
    }

    /// (category id, matched text, the terms that made a rule fire) of every hit.
    fn hits(m: &Matcher, text: &str) -> Vec<(String, String, Vec<String>)> {
        let mut scratch = Scratch::default();
        m.scan(text, &mut scratch);
        scratch
            .hits()
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let parts = scratch
                    .rule_parts(i)
                    .unwrap_or_default()
                    .iter()
                    .map(|p| m.part_term(p).to_string())
                    .collect();
                (
                    m.categories[h.category as usize].id.clone(),
                    text[h.orig_start..h.orig_end].to_string(),
                    parts,
                )
            })
            .collect()
    }

    #[test]
    fn reported_categories_come_first_and_helpers_are_hidden() {
        let m = matcher(false, Overlap::LeftmostLongest);
        let ids: Vec<&str> = m.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["sale", "weapons"]);
        let helpers: Vec<&str> = m.helpers.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(helpers, ["goods", "offer"]);
        assert!(
            m.slots
                .iter()
                .all(|s| (s.category as usize) < m.categories.len())
        );
        let shown = matcher(true, Overlap::LeftmostLongest);
        let ids: Vec<&str> = shown.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["sale", "weapons", "goods", "offer"]);
        assert!(shown.helpers.is_empty());
    }

    #[test]
    fn a_rule_reads_helpers_that_are_then_dropped() {
        let m = matcher(false, Overlap::LeftmostLongest);
        assert_eq!(
            hits(&m, "vendo mota y un rifle"),
            [
                ("weapons".into(), "rifle".into(), vec![]),
                (
                    "sale".into(),
                    "vendo mota".into(),
                    vec!["vendo".into(), "mota".into()]
                ),
            ]
        );
        let mut scratch = Scratch::default();
        m.scan("vendo mota", &mut scratch);
        // Only the rule's slot is credited: the helpers' slots are gone.
        assert!(scratch.term_hits.iter().all(|&s| s < m.slots.len() as u32));
        assert_eq!(m.categories_of("mota", &mut scratch), Vec::<usize>::new());
    }

    #[test]
    fn showing_helpers_changes_no_other_number() {
        for overlap in [Overlap::LeftmostLongest, Overlap::PerCategory] {
            let (hidden, shown) = (matcher(false, overlap), matcher(true, overlap));
            for text in [
                "vendo cuerno de chivo vendo, envio gratis",
                "un cuerno de chivo vendo y un rifle",
                "mota, mota, envio",
                "nada",
            ] {
                let all = hits(&shown, text);
                let reported: Vec<_> = all
                    .into_iter()
                    .filter(|(id, ..)| id == "sale" || id == "weapons")
                    .collect();
                assert_eq!(hits(&hidden, text), reported, "{overlap:?}: {text}");
            }
        }
    }

    #[test]
    fn each_helper_resolves_its_own_overlaps() {
        // "de chivo vendo" (offer) overlaps "cuerno de chivo" (goods): with
        // the two as ordinary categories the longest would win the span
        // and the other would lose it; as helpers both keep their hits.
        let m = matcher(true, Overlap::LeftmostLongest);
        let found: Vec<(String, String)> = hits(&m, "cuerno de chivo vendo")
            .into_iter()
            .map(|(id, text, _)| (id, text))
            .collect();
        assert!(found.contains(&("goods".into(), "cuerno de chivo".into())));
        assert!(found.contains(&("offer".into(), "de chivo vendo".into())));
        assert!(found.iter().any(|(id, _)| id == "sale"));
    }

    #[test]
    fn deobfuscated_helpers_mark_the_rules_that_read_them() {
        let text = LEX.replace(
            "id = \"goods\"\nhelper = true",
            "id = \"goods\"\nhelper = true\ndeobfuscate = true",
        );
        let lex = crate::lexicon::parse_native(text.as_bytes(), "h.toml").unwrap();
        let m = compile(&[lex], &MatchOptions::default()).unwrap();
        let ids: Vec<&str> = m
            .deobfuscated
            .iter()
            .map(|&c| m.categories[c as usize].id.as_str())
            .collect();
        assert_eq!(ids, ["sale"]);
        assert_eq!(hits(&m, "vendo m0t4")[0].1, "vendo m0t4");
    }

    #[test]
    fn the_native_format_round_trips_helper() {
        let lex = crate::lexicon::parse_native(LEX.as_bytes(), "h.toml").unwrap();
        let again = crate::lexicon::parse_native(
            crate::lexicon::to_native_toml(&lex).as_bytes(),
            "again.toml",
        )
        .unwrap();
        let flags: Vec<bool> = again.categories.iter().map(|c| c.helper).collect();
        assert_eq!(flags, [false, false, true, true]);
    }
}

/// Several regex terms run through one set pass first: each still finds
/// its own matches, and a post that matches none of them finds nothing.
#[test]
fn regex_terms_behind_one_set() {
    let lex = crate::lexicon::parse_native(
        br#"
[lexicon]
name = "re"
[[category]]
id = "price"
terms = ['re:\d+ pesos', 're:\d+ mil']
[[category]]
id = "age"
terms = ['re:de \d+ a \d+']
"#,
        "re.toml",
    )
    .unwrap();
    let m = compile(&[lex], &MatchOptions::default()).unwrap();
    let mut scratch = Scratch::default();
    let found = |text: &str, scratch: &mut Scratch| -> Vec<String> {
        m.scan(text, scratch);
        scratch
            .hits()
            .iter()
            .map(|h| {
                format!(
                    "{}={}",
                    m.categories[h.category as usize].id,
                    &text[h.orig_start..h.orig_end]
                )
            })
            .collect()
    };
    assert_eq!(
        found("de 18 a 35, 500 pesos o 2 mil", &mut scratch),
        ["age=de 18 a 35", "price=500 pesos", "price=2 mil"]
    );
    assert_eq!(
        found("sin números aquí", &mut scratch),
        Vec::<String>::new()
    );
    assert_eq!(found("solo 3 mil", &mut scratch), ["price=3 mil"]);
}
