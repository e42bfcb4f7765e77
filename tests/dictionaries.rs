//! Dictionary formats (issue 6): LIWC .dic/.dicx, quanteda YAML, WordStat
//! .cat, Lexicoder .lc3 and term lists are read by extension or by
//! --lexicon-format, converted with `lexicon convert`, and give the same
//! numbers after a round trip through every format.

use std::path::{Path, PathBuf};

use crate::util::*;

fn dict(name: &str) -> String {
    s(&data(&format!("dict/{name}"))).to_string()
}

/// Posts for the mini dictionaries of tests/data/dict (weapons, groups,
/// threats in every format).
const POSTS: &str = "id,text\n\
1,Traigo mi cuerno de chivo\n\
2,llegó el CJNG\n\
3,el cartel de sinaloa 2\n\
4,vamos por ti\n\
5,\"armas y más armas, vamos por ti\"\n\
6,el cartel de sinaloa\n";

fn posts_of(report: &serde_json::Value) -> Vec<u64> {
    posts_by_category(report)
        .into_iter()
        .map(|(_, n)| n)
        .collect()
}

#[test]
fn every_format_is_read_by_its_extension() {
    let env = TestEnv::new();
    let posts = env.write("posts.csv", POSTS);
    for (file, ids) in [
        ("mini.dic", ["weapons", "groups", "threats"]),
        ("mini.dicx", ["weapons", "groups", "threats"]),
        ("mini.yml", ["weapons", "crime.groups", "crime.threats"]),
        ("mini.cat", ["WEAPONS", "CRIME.GROUPS", "CRIME.THREATS"]),
        ("mini.lc3", ["weapons", "groups", "threats"]),
    ] {
        let r = json_report(env.cmd().args(["analyze", s(&posts), "-l", &dict(file)]));
        let got = posts_by_category(&r);
        let got_ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(got_ids[..3], ids, "{file}");
        // Post 3 matches the multi-word entry ending in a number; post 6,
        // without the `2`, matches nothing.
        assert_eq!(posts_of(&r), [2, 2, 2, 5], "{file}");
    }
}

#[test]
fn lexicon_format_overrides_the_extension() {
    let env = TestEnv::new();
    let posts = env.write("posts.csv", POSTS);
    let renamed = env.write(
        "mini-liwc.txt",
        std::fs::read(data("dict/mini.dic")).unwrap(),
    );
    let r = json_report(env.cmd().args([
        "analyze",
        s(&posts),
        "-l",
        s(&renamed),
        "--lexicon-format",
        "dic",
    ]));
    assert_eq!(posts_of(&r), [2, 2, 2, 5]);
}

#[test]
fn conditional_liwc2007_entries_are_warnings_with_line_numbers() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["lexicon", "convert", &dict("liwc2007.dic"), "out.tsv"])
        .assert()
        .success();
    let err = stderr_of(&out);
    assert!(err.contains("liwc2007.dic:10: entry \"like\""), "{err}");
    assert!(err.contains("(02 134)125/464"), "{err}");
    assert!(err.contains("liwc2007.dic:11: entry \"well\""), "{err}");
    let tsv = std::fs::read_to_string(env.path("out.tsv")).unwrap();
    assert!(tsv.contains("verb\tlike\n"), "{tsv}");
    assert!(tsv.contains("filler\n"), "{tsv}");
}

#[test]
fn unknown_category_id_is_an_error_with_file_and_line() {
    let env = TestEnv::new();
    let posts = env.write("posts.csv", POSTS);
    let out = env
        .cmd()
        .args(["analyze", s(&posts), "-l", &dict("bad_id.dic")])
        .assert()
        .code(2);
    let err = stderr_of(&out);
    assert!(
        err.contains("bad_id.dic:5: entry \"cjng\": category id 7"),
        "{err}"
    );
}

#[test]
fn convert_says_what_the_format_drops() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["lexicon", "convert", s(&data("mini.toml")), "mini.dic"])
        .assert()
        .success();
    let err = stderr_of(&out);
    assert!(err.contains("dropped"), "{err}");
    for lost in ["embedded test cases", "exclusions", "category labels"] {
        assert!(err.contains(lost), "{lost}: {err}");
    }
    // Back to TOML: the terms are all there.
    env.cmd()
        .args(["lexicon", "convert", "mini.dic", "back.toml", "-q"])
        .assert()
        .success();
    let back = std::fs::read_to_string(env.path("back.toml")).unwrap();
    assert!(back.contains("\"cuerno* de chivo\""), "{back}");
    // An unknown extension asks for --to.
    let out = env
        .cmd()
        .args(["lexicon", "convert", s(&data("mini.toml")), "mini.xyz"])
        .assert()
        .code(2);
    assert!(stderr_of(&out).contains("--to"));
}

#[test]
fn dicx_and_cat_weights_reach_the_native_format() {
    let env = TestEnv::new();
    for file in ["mini.dicx", "mini.cat"] {
        let out = env
            .cmd()
            .args(["lexicon", "convert", &dict(file), "-", "--to", "toml"])
            .assert()
            .success();
        let toml = String::from_utf8_lossy(&out.get_output().stdout).to_lowercase();
        assert!(toml.contains("\"cuerno de chivo\" = 2.0"), "{file}: {toml}");
        assert!(toml.contains("\"vamos por ti\" = 3.0"), "{file}: {toml}");
    }
}

/// `category → sorted terms` of a term list written by `lexicon convert`.
fn categories_of_list(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = text
        .lines()
        .map(|l| {
            let mut cells = l.split('\t');
            let id = cells.next().unwrap().to_string();
            let mut terms: Vec<String> = cells.map(str::to_string).collect();
            terms.sort();
            (id, terms)
        })
        .collect();
    out.sort();
    out
}

fn convert_to_list(env: &TestEnv, input: &Path) -> Vec<(String, Vec<String>)> {
    let out = env
        .cmd()
        .args(["lexicon", "convert", s(input), "-", "--to", "tsv", "-q"])
        .assert()
        .success();
    categories_of_list(&String::from_utf8_lossy(&out.get_output().stdout))
}

#[test]
fn empath10_liwc_and_quanteda_versions_agree() {
    let (Some(dic), Some(yml)) = (oracle("empath10.dic"), oracle("empath10.yml")) else {
        return;
    };
    let env = TestEnv::new();
    let from_dic = convert_to_list(&env, &dic);
    let from_yml = convert_to_list(&env, &yml);
    assert_eq!(from_dic.len(), 10);
    assert_eq!(from_dic, from_yml);
    // The copy in tests/data is the same dictionary.
    assert_eq!(convert_to_list(&env, &data("dict/empath10.yml")), from_yml);
}

#[test]
fn hurtlex_dic_and_yml_load() {
    let (Some(dic), Some(yml)) = (
        shared("lexicons/hurtlex/hurtlex_es.dic"),
        shared("lexicons/hurtlex/hurtlex_es.yml"),
    ) else {
        return;
    };
    let env = TestEnv::new();
    let from_dic = convert_to_list(&env, &dic);
    let from_yml = convert_to_list(&env, &yml);
    assert_eq!(from_dic.len(), 17);
    assert_eq!(from_dic, from_yml);
    // `?` and `¿` are text: the lemmas keep them.
    assert!(
        from_yml
            .iter()
            .any(|(_, terms)| terms.iter().any(|t| t == "¿quien es judio?"))
    );
    // The YAML import says that quanteda would read `?` as a glob.
    let out = env
        .cmd()
        .args(["lexicon", "convert", s(&yml), "h.toml"])
        .assert()
        .success();
    assert!(stderr_of(&out).contains("one-character glob"));
}

#[test]
fn hurtlex_own_tsv_needs_its_columns_and_then_matches_the_dic() {
    let (Some(tsv), Some(dic)) = (
        shared("lexicons/hurtlex/hurtlex_ES_1.2.tsv"),
        shared("lexicons/hurtlex/hurtlex_es.dic"),
    ) else {
        return;
    };
    let env = TestEnv::new();
    env.cmd()
        .args(["analyze", s(&data("posts.csv")), "-l", s(&tsv)])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "columns: id, pos, category, stereotype, lemma, level",
        ))
        .stderr(predicates::str::contains(
            "--lexicon-columns category=category,term=lemma",
        ));
    let cols = ["--lexicon-columns", "category=category,term=lemma"];
    let out = env
        .cmd()
        .args(["lexicon", "convert", s(&tsv), "from-tsv.tsv", "-q"])
        .args(cols)
        .assert()
        .success();
    assert!(out.get_output().stderr.is_empty());
    let from_tsv = categories_of_list(&std::fs::read_to_string(env.path("from-tsv.tsv")).unwrap());
    assert_eq!(
        from_tsv.len(),
        17,
        "HurtLex's 17 categories, not thousands of ids"
    );
    // The same (category, term) pairs as the LIWC version made from it.
    let pairs = |cats: &[(String, Vec<String>)]| {
        let mut p: Vec<(String, String)> = cats
            .iter()
            .flat_map(|(c, ts)| ts.iter().map(move |t| (c.clone(), t.clone())))
            .collect();
        p.sort();
        p.dedup();
        p
    };
    assert_eq!(pairs(&from_tsv), pairs(&convert_to_list(&env, &dic)));
    // Lint reads it the same way: capped lines, exit 1 under --deny-warnings.
    let out = env
        .cmd()
        .args(["lexicon", "lint", s(&tsv), "--deny-warnings"])
        .args(cols)
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.lines().count() < 200, "{} lines", text.lines().count());
    assert!(text.contains("more [shared-term] findings"), "{text}");
}

#[test]
fn tables_with_a_header_row_are_read_by_their_columns() {
    let env = TestEnv::new();
    // Our own file in HurtLex's layout, and a category/term/weight sheet.
    let table = env.write(
        "hl.tsv",
        "id\tpos\tcategory\tstereotype\tlemma\tlevel\nX1\tn\tarmas\tno\tcuerno de chivo\tinclusive\n\
         X2\tn\tgrupos\tno\tcjng\tconservative\nX3\tn\tarmas\tno\tarma*\tinclusive\n",
    );
    let sheet = env.write(
        "sheet.csv",
        "category,term,weight\narmas,cuerno de chivo,2\ngrupos,cjng,1\narmas,arma*,1\n",
    );
    let by_name = json_report(env.cmd().args([
        "analyze",
        s(&data("posts.csv")),
        "-l",
        s(&table),
        "--lexicon-columns",
        "category=category,term=lemma",
    ]));
    let by_number = json_report(env.cmd().args([
        "analyze",
        s(&data("posts.csv")),
        "-l",
        s(&table),
        "--lexicon-columns",
        "category=3,term=5",
    ]));
    let sheet_report =
        json_report(
            env.cmd()
                .args(["analyze", s(&data("posts.csv")), "-l", s(&sheet)]),
        );
    assert_eq!(posts_by_category(&by_name), posts_by_category(&by_number));
    assert_eq!(
        posts_by_category(&by_name),
        posts_by_category(&sheet_report)
    );
    assert_eq!(posts_by_category(&by_name)[0].0, "armas");
    for (columns, message) in [
        (
            "category=category,term=lema",
            "no column \"lema\" for the term",
        ),
        ("term=lemma", "category=COLUMN is missing"),
    ] {
        env.cmd()
            .args(["analyze", s(&data("posts.csv")), "-l", s(&table)])
            .args(["--lexicon-columns", columns])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message));
    }
}

/// Convert `input` to `output` (format from the extension), quietly.
fn convert(env: &TestEnv, input: &Path, output: &str) -> PathBuf {
    env.cmd()
        .args(["lexicon", "convert", s(input), output, "-q"])
        .assert()
        .success();
    env.path(output)
}

#[test]
fn round_trip_through_every_format_keeps_the_numbers() {
    let Some(tweets) = shared("corpora/vader_tweets/tweets_GroundTruth.txt") else {
        return;
    };
    let env = TestEnv::new();
    let original = data("dict/empath10.yml");
    let analyze = |lexicon: &Path| {
        json_report(env.cmd().args([
            "analyze",
            s(&tweets),
            "--no-header",
            "--text",
            "3",
            "-l",
            s(lexicon),
        ]))
    };
    let expected = analyze(&original);
    assert_eq!(expected["totals"]["posts_read"], 4200);
    let native = convert(&env, &original, "empath.toml");
    for ext in ["dic", "dicx", "yml", "cat", "lc3", "tsv", "toml"] {
        let other = convert(&env, &native, &format!("empath-out.{ext}"));
        let back = convert(&env, &other, &format!("empath-back-{ext}.toml"));
        let got = analyze(&back);
        assert_eq!(
            got["categories"], expected["categories"],
            "round trip through .{ext}"
        );
    }
}

#[test]
fn annotate_gives_a_weighted_score_for_weighted_dictionaries() {
    let env = TestEnv::new();
    let posts = env.write("posts.csv", POSTS);
    let out = env
        .cmd()
        .args(["annotate", s(&posts), "-l", &dict("mini.dicx"), "-q"])
        .assert()
        .success();
    let first: serde_json::Value = serde_json::from_slice(
        out.get_output()
            .stdout
            .split(|&b| b == b'\n')
            .next()
            .unwrap(),
    )
    .unwrap();
    // "Traigo mi cuerno de chivo": weight 2 over 5 tokens.
    assert_eq!(first["weighted_score"]["weapons"], 40.0);
    assert_eq!(first["weighted_score"]["groups"], 0.0);
    // An unweighted lexicon has no weighted score.
    let out = env
        .cmd()
        .args(["annotate", s(&posts), "-l", &dict("mini.lc3"), "-q"])
        .assert()
        .success();
    assert!(!String::from_utf8_lossy(&out.get_output().stdout).contains("weighted_score"));
}
