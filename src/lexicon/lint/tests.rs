//! Unit tests of the parent module.

use super::*;
use crate::lexicon::parse_native;

fn codes(toml: &str) -> Vec<&'static str> {
    let lex = parse_native(toml.as_bytes(), "t.toml").unwrap();
    lint(&lex).into_iter().map(|f| f.code).collect()
}

#[test]
fn dead_rules() {
    let head = "[lexicon]\nname = \"t\"\n[[category]]\nid = \"a\"\nterms = [\"arma\"]\n\
                [[category]]\nid = \"b\"\nterms = [\"arma\", \"rifle\"]\n\
                [[category]]\nid = \"e\"\nterms = [\"?!\"]\n[lint]\nallow = [\"shared-term\", \"empty-term\"]\n";
    let rule = |r: &str| {
        let toml = head.replace(
            "[lint]",
            &format!(
                "[[category]]\nid = \"r\"\nrule = {}\n[lint]",
                toml::Value::String(r.into())
            ),
        );
        codes(&toml).contains(&"dead-rule")
    };
    for (r, dead) in [
        ("a NEAR/3 b", false),
        ("a NEAR/3 e", true),
        ("e OR a", false),
        ("e OR \"?!\"", true),
        ("a AND NOT a", true),
        ("a AND NOT b", true),
        ("b AND NOT a", false),
        ("a NOT NEAR/2 b", true),
        ("a NOT NEAR/2 a", false),
        ("a NOT BEFORE/2 b", false),
        ("(a NEAR/2 e) OR b", false),
        ("(a NEAR/2 e) AND b", true),
    ] {
        assert_eq!(rule(r), dead, "{r:?}");
    }
    // A rule built on a dead rule is dead too.
    let toml = head.replace(
        "[lint]",
        "[[category]]\nid = \"r\"\nrule = \"a AND e\"\n[[category]]\nid = \"s\"\nrule = \"r OR r\"\n[lint]",
    );
    let lex = parse_native(toml.as_bytes(), "t.toml").unwrap();
    let found: Vec<String> = lint(&lex)
        .into_iter()
        .filter(|f| f.code == "dead-rule")
        .map(|f| f.category.unwrap())
        .collect();
    assert_eq!(found, ["r", "s"]);
}

#[test]
fn helpers() {
    let head = "[lexicon]\nname = \"t\"\n";
    // A helper shares terms and wildcards with other categories freely.
    assert!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nhelper = true\nterms = [\"arma*\", \"sicario\"]\n\
         [[category]]\nid = \"b\"\nhelper = true\nterms = [\"armamento\", \"sicario\"]\n\
         [[category]]\nid = \"r\"\nrule = \"a NEAR/3 b\"\n"
        ))
        .is_empty()
    );
    // One that no rule reads is matched for nothing.
    assert_eq!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nhelper = true\nterms = [\"x\"]\n\
             [[category]]\nid = \"b\"\nterms = [\"y\"]\n"
        )),
        ["unused-helper"]
    );
}

#[test]
fn each_check() {
    let head = "[lexicon]\nname = \"t\"\n";
    assert_eq!(
        codes(&format!("{head}[[category]]\nid = \"a\"\n")),
        ["empty-category"]
    );
    assert_eq!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nterms = [\"?!\", \"ok\"]\n"
        )),
        ["empty-term"]
    );
    assert_eq!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nterms = [\"c\\u200bjng\"]\n"
        )),
        ["invalid-char"]
    );
    assert_eq!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nterms = [\".45\"]\n"
        )),
        ["punctuation"]
    );
    assert_eq!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nterms = [\"cártel\", \"cartel\"]\n"
        )),
        ["duplicate"]
    );
    assert_eq!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nterms = [\"sicario\"]\n[[category]]\nid = \"b\"\nterms = [\"sicario\"]\n"
        )),
        ["shared-term"]
    );
    assert_eq!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nterms = [\"arma*\"]\n[[category]]\nid = \"b\"\nterms = [\"armamento\"]\n"
        )),
        ["wildcard-swallows"]
    );
    assert_eq!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nterms = [\"ab*\"]\n"
        )),
        ["short-wildcard"]
    );
    assert_eq!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nterms = [\"plaza\"]\nexclude = [\"plaza comercial\", \"centro comercial\"]\n"
        )),
        ["dead-exclusion"]
    );
    // Silenced on purpose.
    assert!(codes(&format!(
        "{head}[[category]]\nid = \"a\"\nterms = [\"x\"]\n[[category]]\nid = \"b\"\nterms = [\"x\"]\n[lint]\nallow = [\"shared-term\"]\n"
    ))
    .is_empty());
}

#[test]
fn inner_punctuation_is_fine() {
    let head = "[lexicon]\nname = \"t\"\n";
    assert!(
        codes(&format!(
            "{head}[[category]]\nid = \"a\"\nterms = [\"cuerno-de-chivo\", \"z-40\", \"🔫\"]\n"
        ))
        .is_empty()
    );
}

#[test]
fn regex_terms_that_run_past_the_word() {
    let toml = |t: &str| {
        format!(
            "[lexicon]\nname = \"t\"\n[[category]]\nid = \"a\"\nterms = [{}]\n",
            toml::Value::String(t.into())
        )
    };
    for (term, flagged) in [
        ("re:arm.*", true),
        ("re:.+", true),
        ("re:ar.{2,}", true),
        ("re:arm.*?", true),
        ("re:arm\\w*", false),
        ("re:arm[.*]", false),
        ("re:arm\\.*", false),
        ("re:ar.{1,3}", false),
        ("re:a.b", false),
    ] {
        assert_eq!(
            codes(&toml(term)).contains(&"regex-runs-over"),
            flagged,
            "{term}"
        );
    }
}
