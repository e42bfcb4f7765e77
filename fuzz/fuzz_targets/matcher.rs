//! Normalizer and matcher on arbitrary terms and text: no panic, every
//! offset inside the text on a character boundary, and the same hits per
//! category as the slow reference implementation.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lexiscope::lexicon::{Category, Lexicon, Meta, Options, Term};
use lexiscope::matcher::{MatchOptions, Scratch, compile, reference::reference};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    // "term|term|!exclusion\ntext": categories separated by ';'.
    let Some((terms, text)) = input.split_once('\n') else { return };
    let cats: Vec<(String, Vec<String>, Vec<String>)> = terms
        .split(';')
        .take(4)
        .enumerate()
        .map(|(i, spec)| {
            let (excl, terms): (Vec<&str>, Vec<&str>) = spec.split('|').take(8).partition(|t| t.starts_with('!'));
            (
                format!("c{i}"),
                terms.iter().filter(|t| !t.starts_with("re:")).map(|t| t.to_string()).collect(),
                excl.iter().map(|t| t[1..].to_string()).filter(|t| !t.starts_with("re:")).collect(),
            )
        })
        .collect();
    let lex = Lexicon {
        meta: Meta::default(),
        options: Options::default(),
        categories: cats
            .iter()
            .map(|(id, t, x)| Category {
                id: id.clone(),
                label: id.clone(),
                terms: t.iter().map(Term::new).collect(),
                exclude: x.iter().map(Term::new).collect(),
                ..Category::default()
            })
            .collect(),
        exclude: Vec::new(),
        tests: Vec::new(),
        origin: "fuzz".into(),
        sha256: String::new(),
        lint_allow: Vec::new(),
    };
    let Ok(m) = compile(&[lex], &MatchOptions::default()) else { return };
    let mut scratch = Scratch::default();
    m.scan(text, &mut scratch);
    let mut got = vec![0usize; cats.len()];
    for h in scratch.hits() {
        assert!(h.orig_start <= h.orig_end && h.orig_end <= text.len());
        assert!(text.is_char_boundary(h.orig_start) && text.is_char_boundary(h.orig_end));
        got[h.category as usize] += 1;
    }
    let want: Vec<usize> = reference(&cats, text).into_iter().map(|(_, n)| n).collect();
    assert_eq!(got, want, "terms {terms:?} text {text:?}");
});
