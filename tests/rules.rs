//! Rule categories and deobfuscation from the command line: errors with
//! `file:line` and exit code 2, the rule at work in `analyze`, `kwic`,
//! `annotate` and `lexicon lint`, and deobfuscation in the provenance.

use predicates::prelude::*;

use crate::util::{TestEnv, json_report, posts_by_category, s};

const LEXICON: &str = r#"[lexicon]
name = "rules"
version = "1.0.0"

[options]
deobfuscate = true

[[category]]
id = "threat"
terms = ["te vamos a matar", "amenaza*", "mato"]

[[category]]
id = "groups"
terms = ["cjng", "zetas"]

[[category]]
id = "threats"
rule = "threat NEAR/5 groups"

[[test]]
text = "te vamos a matar, C.J.N.G"
expect = ["threat", "groups", "threats"]
"#;

const POSTS: &str = "id,text\n\
1,\"Te vamos a matar, C.J.N.G manda\"\n\
2,\"te vamos a matar\"\n\
3,\"los z3t4s saludan\"\n\
4,\"amenazaaa: los del cjng ya llegaron\"\n\
5,\"cjng en la plaza, y mucho después, ya muy tarde en la noche, alguien dijo que mato\"\n";

#[test]
fn a_rule_counts_posts_and_kwic_shows_what_fired() {
    let env = TestEnv::new();
    let lex = env.write("rules.toml", LEXICON);
    let posts = env.write("posts.csv", POSTS);
    let r = json_report(env.cmd().args(["analyze", s(&posts), "-l", s(&lex)]));
    assert_eq!(
        posts_by_category(&r),
        [
            ("threat".to_string(), 4),
            ("groups".to_string(), 4),
            ("threats".to_string(), 2),
            ("_any".to_string(), 5)
        ]
    );
    assert_eq!(
        r["provenance"]["lexicons"][0]["deobfuscated"],
        // `threats` is a rule over the deobfuscated `threat` and `groups`,
        // so it is matched on that view too.
        serde_json::json!(["threat", "groups", "threats"])
    );
    env.cmd()
        .args([
            "kwic",
            s(&posts),
            "-l",
            s(&lex),
            "--category",
            "threats",
            "-q",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains(
                "[Te vamos a matar, C.J.N.G]  manda  (threats ⇐ te vamos a matar + cjng)",
            )
            .and(predicate::str::contains(
                "[amenazaaa: los del cjng]  ya llegaron  (threats ⇐ amenaza* + cjng)",
            )),
        );
    let out = env
        .cmd()
        .args(["annotate", s(&posts), "-l", s(&lex), "-q"])
        .output()
        .unwrap();
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let rule = first["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["category"] == "threats")
        .unwrap();
    assert_eq!(rule["fired"][1]["match"], "C.J.N.G");
    assert_eq!(rule["text"], "Te vamos a matar, C.J.N.G");
    env.cmd()
        .args(["lexicon", "test", s(&lex)])
        .assert()
        .success();
}

#[test]
fn bad_rules_are_lexicon_errors_with_file_and_line() {
    let env = TestEnv::new();
    let posts = env.write("posts.csv", POSTS);
    for (rule, want) in [
        (
            "threat NEAR/5 grups",
            "rules.toml:18: rule of category \"threats\" names unknown category \"grups\"",
        ),
        (
            "threat NEAR 5 groups",
            "rules.toml:18: rule of category \"threats\": column 8: NEAR needs a window",
        ),
        (
            "threats OR groups",
            "rules.toml:18: rules form a cycle: threats → threats",
        ),
    ] {
        let lex = env.write("rules.toml", LEXICON.replace("threat NEAR/5 groups", rule));
        env.cmd()
            .args(["analyze", s(&posts), "-l", s(&lex)])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(want));
    }
}

#[test]
fn lint_warns_about_a_rule_that_can_never_fire() {
    let env = TestEnv::new();
    let lex = env.write(
        "rules.toml",
        LEXICON.replace("threat NEAR/5 groups", "threat AND NOT threat"),
    );
    env.cmd()
        .args(["lexicon", "lint", "--deny-warnings", s(&lex)])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("dead-rule").and(predicate::str::contains(
                "the rule of \"threats\" can never fire: it negates its own left side",
            )),
        );
}

#[test]
fn fuzz_find_rules_sentence_scope() {
    // The input the `rules` fuzz target crashed on ("rule\ntext"): a
    // sentence-scoped rule over a text where `¾` normalizes to several
    // tokens of one span.
    let env = TestEnv::new();
    let find = std::fs::read(crate::util::data("fuzz/rules-crash-3ad48f82.txt")).unwrap();
    let find = String::from_utf8(find).unwrap();
    let (rule, text) = find.split_once('\n').unwrap();
    let lex = env.write(
        "rules.toml",
        format!(
            "[lexicon]\nname = \"f\"\n[[category]]\nid = \"a\"\nterms = [\"cjng\", \"arma*\", \"🔫\"]\n\
             [[category]]\nid = \"b\"\nterms = [\"mato\", \"*zetas\"]\n\
             [[category]]\nid = \"r\"\nrule = {}\n",
            serde_json::to_string(rule).unwrap()
        ),
    );
    let posts = env.write(
        "posts.jsonl",
        format!("{}\n", serde_json::json!({ "text": text })),
    );
    env.cmd()
        .args(["analyze", s(&posts), "-l", s(&lex), "-q"])
        .assert()
        .success();
}

#[test]
fn readme_deobfuscation_demo_with_the_shipped_lexicon() {
    // The "Deobfuscation" example of docs/lexicons.md, run as written: the
    // shipped lexicon deobfuscates its helpers; switched off, only the
    // spelled-out `c j n g` is found.
    let env = TestEnv::new();
    let posts = env.write(
        "posts.csv",
        "id,text\n1,\"Ya llegó el C.J.N.G, traen 4rm4s l4rg4s 🔥\"\n\
         2,\"Los z3t4s: te v4mos a levantaaar\"\n3,\"camioneta 4x4, c. j. pérez\"\n",
    );
    let args = [
        "--category",
        "capability",
        "--category",
        "groups",
        "--category",
        "threats",
        "-q",
        "--window",
        "20",
    ];
    let out = env
        .cmd()
        .args(["kwic", s(&posts)])
        .args(args)
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/lexicons.md")).unwrap();
    for line in out.lines() {
        assert!(
            doc.lines().any(|l| l == line),
            "{line:?} is not in docs/lexicons.md"
        );
    }
    assert_eq!(out.lines().count(), 5, "{out}");
    assert!(
        out.contains("(threats ⇐ los zetas + te vamos a levantar)"),
        "{out}"
    );
    let shown = env.cmd().args(["lexicon", "show"]).output().unwrap().stdout;
    let plain = String::from_utf8(shown)
        .unwrap()
        .replace("\ndeobfuscate = true\n", "\ndeobfuscate = false\n");
    let lex = env.write("narco-plain.toml", plain);
    let out = env
        .cmd()
        .args(["kwic", s(&posts), "-l", s(&lex)])
        .args(args)
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("(groups ⇐ c j n g)"), "{out}");
}

#[test]
fn readme_walk_through_kwic_output_is_what_kwic_prints() {
    // Every `$ lexiscope kwic examples/…` block of the walk-through in
    // docs/guide.md is run as written and must print exactly the lines shown.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/guide.md")).unwrap();
    let env = TestEnv::new();
    let root = env!("CARGO_MANIFEST_DIR");
    let mut checked = 0;
    let lines: Vec<&str> = readme.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(cmd) = line.strip_prefix("$ lexiscope kwic examples/") else {
            continue;
        };
        let mut args: Vec<String> = cmd.split_whitespace().map(String::from).collect();
        args[0] = format!("{root}/examples/{}", args[0]);
        let want: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| !l.starts_with("```"))
            .copied()
            .collect();
        let out = env
            .cmd()
            .arg("kwic")
            .args(&args)
            .arg("-q")
            .output()
            .unwrap();
        assert!(out.status.success(), "{line}");
        let got = String::from_utf8(out.stdout).unwrap();
        assert_eq!(got.lines().collect::<Vec<_>>(), want, "{line}");
        checked += 1;
    }
    assert!(
        checked >= 2,
        "the docs/guide.md walk-through has its kwic examples"
    );
}
