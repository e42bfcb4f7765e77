//! Rule categories and the deobfuscated view on arbitrary rules and text:
//! the parser never panics, and any rule it accepts compiles and evaluates
//! with every hit inside the text on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lexiscope::lexicon::parse_native;
use lexiscope::matcher::{MatchOptions, Scratch, compile};

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    // "rule\ntext"; the first byte of the rule picks deobfuscation.
    let Some((rule, text)) = input.split_once('\n') else { return };
    if lexiscope::lexicon::rule_syntax::parse(rule).is_err() {
        return;
    }
    let deob = rule.len() % 2 == 0;
    let toml = format!(
        "[lexicon]\nname = \"f\"\n[options]\ndeobfuscate = {deob}\n\
         [[category]]\nid = \"a\"\nterms = [\"cjng\", \"arma*\", \"🔫\"]\n\
         [[category]]\nid = \"b\"\nterms = [\"mato\", \"te vamos a matar\", \"*zetas\"]\n\
         [[category]]\nid = \"r\"\nrule = {}\n",
        quote(rule)
    );
    // Unknown names and cycles are lexicon errors, not panics.
    let Ok(lex) = parse_native(toml.as_bytes(), "fuzz.toml") else { return };
    let Ok(m) = compile(&[lex], &MatchOptions::default()) else { return };
    let mut scratch = Scratch::default();
    m.scan(text, &mut scratch);
    for (k, h) in scratch.hits().iter().enumerate() {
        assert!(h.orig_start <= h.orig_end && h.orig_end <= text.len());
        assert!(text.is_char_boundary(h.orig_start) && text.is_char_boundary(h.orig_end));
        if let Some(parts) = scratch.rule_parts(k) {
            for p in parts {
                assert!(text.is_char_boundary(p.orig_start) && text.is_char_boundary(p.orig_end));
            }
        }
    }
});
