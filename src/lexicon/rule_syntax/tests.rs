//! Unit tests of the parent module.

use super::*;

fn cat(id: &str) -> Box<Expr> {
    Box::new(Expr::Category(id.into()))
}

#[test]
fn precedence_and_operators() {
    assert_eq!(
        parse("a NEAR/8 b").unwrap(),
        Expr::Window {
            left: cat("a"),
            right: cat("b"),
            placement: Placement::Near,
            n: 8,
            negate: false,
            sentence: false
        }
    );
    // Windows bind tighter than AND, AND tighter than OR.
    let e = parse("a OR b AND c NEAR/2 d").unwrap();
    let Expr::Or(l, r) = e else { panic!() };
    assert_eq!(*l, Expr::Category("a".into()));
    let Expr::And { left, right, .. } = *r else {
        panic!()
    };
    assert_eq!(*left, Expr::Category("b".into()));
    assert!(matches!(*right, Expr::Window { n: 2, .. }));
    assert_eq!(
        parse("weapons AND NOT hunting").unwrap(),
        Expr::And {
            left: cat("weapons"),
            right: cat("hunting"),
            negate: true,
            sentence: false
        }
    );
    assert_eq!(
        parse("weapons NOT hunting").unwrap(),
        parse("weapons AND NOT hunting").unwrap()
    );
    assert_eq!(
        parse("x NOT AFTER/3 negation").unwrap(),
        Expr::Window {
            left: cat("x"),
            right: cat("negation"),
            placement: Placement::After,
            n: 3,
            negate: true,
            sentence: false
        }
    );
    assert!(matches!(
        parse("a BEFORE/0/s \"cuerno de chivo\"").unwrap(),
        Expr::Window { placement: Placement::Before, n: 0, sentence: true, right, .. }
            if *right == Expr::Term("cuerno de chivo".into())
    ));
    assert!(matches!(
        parse("a AND/s b").unwrap(),
        Expr::And {
            sentence: true,
            negate: false,
            ..
        }
    ));
    assert!(matches!(
        parse("a AND NOT/s b").unwrap(),
        Expr::And {
            sentence: true,
            negate: true,
            ..
        }
    ));
    assert!(matches!(
        parse("(a OR b) NEAR/3 (c AND d)").unwrap(),
        Expr::Window { left, .. } if matches!(*left, Expr::Or(..))
    ));
}

#[test]
fn errors_say_where() {
    for (rule, want) in [
        ("a NEAR b", "NEAR needs a window"),
        ("a NEAR/x b", "column 3: NEAR/x"),
        ("a NEAR/99999 b", "from 0 to"),
        ("a AND", "column 6: the rule ends"),
        ("(a OR b", "never closed"),
        ("a b", "column 3: \"b\" after a complete rule"),
        (
            "a near/5 b",
            "column 3: \"near/5\": operators are written in upper case: NEAR/5",
        ),
        ("a )", "without its"),
        ("NOT a", "NOT needs something"),
        ("a AND OR b", "operator OR"),
        ("a OR/s b", "unknown operator suffix"),
        ("a NEAR/3/x b", "unknown operator suffix"),
        ("\"open", "unclosed quote"),
        ("a NEAR b", "column 3: NEAR needs a window"),
        ("a OR/s b", "column 3: \"OR/s\": unknown operator suffix"),
        ("a OR \"  \"", "empty quoted term"),
    ] {
        let err = parse(rule).unwrap_err();
        assert!(err.contains(want), "{rule:?}: {err}");
    }
}

#[test]
fn long_and_deep_rules_are_refused_not_overflowed() {
    let long = vec!["a"; MAX_OPERANDS + 1].join(" OR ");
    let err = parse(&long).unwrap_err();
    assert!(err.contains("more than 256 operands"), "{err}");
    assert!(parse(&vec!["a"; MAX_OPERANDS].join(" NEAR/1 ")).is_ok());
    let deep = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
    let err = parse(&deep).unwrap_err();
    assert!(
        err.contains("column 33: parentheses nested more than 32 deep"),
        "{err}"
    );
    let ok = format!("{}a{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
}

fn rules<'a>(list: &'a [(&'a str, &'a str)]) -> Vec<RuleRef<'a>> {
    list.iter()
        .enumerate()
        .map(|(i, (id, rule))| RuleRef {
            id,
            rule,
            line: 10 + i,
        })
        .collect()
}

#[test]
fn unknown_names_and_cycles_are_lexicon_errors() {
    let ids = ["threat_language", "groups", "x", "y", "z"];
    let err = check(
        "l.toml",
        &ids,
        &rules(&[("x", "threat_languag NEAR/8 groups")]),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("l.toml:10"), "{err}");
    assert!(err.contains("unknown category \"threat_languag\""), "{err}");
    assert!(err.contains("did you mean \"threat_language\""), "{err}");
    let err = check(
        "l.toml",
        &ids,
        &rules(&[("x", "y OR groups"), ("y", "z AND groups"), ("z", "x")]),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("cycle: x → y → z → x"), "{err}");
    let err = check("l.toml", &ids, &rules(&[("x", "x NEAR/2 groups")]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("cycle: x → x"), "{err}");
    // Dependencies come first.
    let order = check(
        "l.toml",
        &ids,
        &rules(&[("x", "y OR groups"), ("y", "z AND groups"), ("z", "groups")]),
    )
    .unwrap();
    assert_eq!(order, vec![2, 1, 0]);
}
