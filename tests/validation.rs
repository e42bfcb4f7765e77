//! Validation and lexicon CI (issue 5): evaluate, lint, test --junit,
//! check, lexicon diff, reproduce.

use predicates::prelude::*;

use crate::util::*;

#[test]
fn evaluate_against_a_hand_computed_confusion_matrix() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "evaluate",
            "--gold",
            s(&data("gold.csv")),
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-f",
            "json",
            "-q",
        ])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let weapons = &r["comparisons"][0];
    assert_eq!(weapons["category"], "weapons");
    // Tool: posts 1, 8, 10, 15. Coders: 1, 8, 9, 10. Fifteen coded posts.
    let c = &weapons["confusion"];
    assert_eq!(
        (
            c["tp"].as_u64(),
            c["fp"].as_u64(),
            c["fn"].as_u64(),
            c["tn"].as_u64()
        ),
        (Some(3), Some(1), Some(1), Some(10))
    );
    let v = |m: &str| weapons[m]["value"].as_f64().unwrap();
    approx::assert_abs_diff_eq!(v("precision"), 0.75, epsilon = 1e-12);
    approx::assert_abs_diff_eq!(v("recall"), 0.75, epsilon = 1e-12);
    approx::assert_abs_diff_eq!(v("f1"), 0.75, epsilon = 1e-12);
    approx::assert_abs_diff_eq!(v("accuracy"), 13.0 / 15.0, epsilon = 1e-12);
    // po = 13/15, pe = (4·4 + 11·11)/15² = 137/225: kappa = (195 − 137)/(225 − 137).
    approx::assert_abs_diff_eq!(v("kappa"), 58.0 / 88.0, epsilon = 1e-12);
    for m in ["precision", "recall", "f1", "kappa"] {
        let (lo, hi) = (
            weapons[m]["ci_low"].as_f64().unwrap(),
            weapons[m]["ci_high"].as_f64().unwrap(),
        );
        assert!(lo <= v(m) && v(m) <= hi, "{m}");
    }
    // A second coder column (groups_2) gives the coders' agreement.
    let groups = &r["comparisons"][1];
    assert_eq!(groups["coders"]["second_column"], "groups_2");
    assert!(groups["coders"]["kappa"]["value"].as_f64().unwrap() > 0.0);
    assert!(groups["coders"]["krippendorff_alpha"].as_f64().is_some());
    assert!(weapons["corrected"].get("prevalence").is_some());
}

/// A corpus where the lexicon's precision is 0.5 and its recall 2/3: of
/// 3,000 posts, 600 say "arma" (half of them truly about weapons) and 150
/// more are about weapons without the word (a true share of 15% against a
/// raw 20%); the posts are in groups `a` and `b` but for 60 in `small`.
/// Returns the corpus, the lexicon and a stratified sheet (400 posts, seed
/// 7) coded with the truth, and the sheet's header.
fn stratified_example(
    env: &TestEnv,
) -> (
    std::path::PathBuf,
    std::path::PathBuf,
    std::path::PathBuf,
    csv::StringRecord,
) {
    let truth = |i: usize| {
        if i % 10 < 2 {
            i.is_multiple_of(10)
        } else {
            i % 20 == 3
        }
    };
    let mut corpus = String::from("id,group,text\n");
    for i in 0..3000 {
        let text = if i % 10 < 2 {
            "tengo un arma"
        } else {
            "hola a todos"
        };
        let group = if i < 60 {
            "small"
        } else if i % 3 == 0 {
            "a"
        } else {
            "b"
        };
        corpus.push_str(&format!("p{i},{group},{text} {i}\n"));
    }
    let corpus = env.write("corpus.csv", corpus);
    let lexicon = env.write(
        "w.toml",
        "[lexicon]\nname = \"w\"\n[[category]]\nid = \"w\"\nterms = [\"arma\"]\n",
    );
    let out = env
        .cmd()
        .args([
            "sample",
            s(&corpus),
            "-l",
            s(&lexicon),
            "-n",
            "400",
            "--stratify",
            "--seed",
            "7",
            "-q",
        ])
        .assert()
        .success();
    let mut rdr = csv::Reader::from_reader(&out.get_output().stdout[..]);
    let header = rdr.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|x| x == name).unwrap();
    let mut coded = csv::Writer::from_writer(Vec::new());
    coded.write_record(&header).unwrap();
    for row in rdr.records() {
        let mut row: Vec<String> = row.unwrap().iter().map(String::from).collect();
        let i: usize = row[col("id")][1..].parse().unwrap();
        row[col("code_w")] = u8::from(truth(i)).to_string();
        coded.write_record(&row).unwrap();
    }
    let sheet = env.write("coded.csv", coded.into_inner().unwrap());
    (corpus, lexicon, sheet, header)
}

#[test]
fn evaluate_weights_a_stratified_sheet() {
    let env = TestEnv::new();
    let (corpus, lexicon, sheet, header) = stratified_example(&env);
    for h in [
        "stratum",
        "stratum_posts",
        "inclusion_probability",
        "code_w",
    ] {
        assert!(header.iter().any(|x| x == h), "{h}: {header:?}");
    }
    let col = |name: &str| header.iter().position(|x| x == name).unwrap();
    let mut strata = std::collections::BTreeMap::new();
    let mut rdr = csv::Reader::from_path(&sheet).unwrap();
    for row in rdr.records() {
        let row = row.unwrap();
        let posts: u64 = row[col("stratum_posts")].parse().unwrap();
        let p: f64 = row[col("inclusion_probability")].parse().unwrap();
        strata.insert(row[col("stratum")].to_string(), (posts, p));
    }
    // Disjoint strata with their sizes and probabilities n_h / N_h.
    assert_eq!(strata["w"], (600, 200.0 / 600.0));
    assert_eq!(strata["none"], (2400, 200.0 / 2400.0));
    let out = env
        .cmd()
        .args([
            "evaluate",
            "--gold",
            s(&sheet),
            s(&corpus),
            "-l",
            s(&lexicon),
            "-f",
            "json",
            "-q",
        ])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(r["design"]["kind"], "stratified");
    let w = &r["comparisons"][0];
    let metric = |m: &str| {
        let v = |k: &str| w[m][k].as_f64().unwrap();
        (v("value"), v("ci_low"), v("ci_high"))
    };
    // Every flagged post is in stratum w: TP + FP is exactly 600.
    let e = &w["estimated"];
    approx::assert_abs_diff_eq!(
        e["tp"].as_f64().unwrap() + e["fp"].as_f64().unwrap(),
        600.0,
        epsilon = 1e-9
    );
    let (recall, lo, hi) = metric("recall");
    assert!(
        lo <= 2.0 / 3.0 && 2.0 / 3.0 <= hi && recall < 0.8,
        "{recall} [{lo}, {hi}]"
    );
    let (precision, lo, hi) = metric("precision");
    assert!(lo <= 0.5 && 0.5 <= hi, "{precision} [{lo}, {hi}]");
    // The true share is 450/3000 = 15%; the raw share 20%.
    let p = &w["prevalence"];
    approx::assert_abs_diff_eq!(p["raw"].as_f64().unwrap(), 0.2, epsilon = 1e-12);
    for k in ["prediction_powered", "rogan_gladen", "coded_sample"] {
        let (lo, hi) = (
            p[k]["ci_low"].as_f64().unwrap(),
            p[k]["ci_high"].as_f64().unwrap(),
        );
        assert!(lo <= 0.15 && 0.15 <= hi, "{k}: [{lo}, {hi}]");
    }
    // The same sheet without its weights is refused (exit 2), with the fix.
    let text = std::fs::read_to_string(&sheet).unwrap();
    let stripped: String = text
        .lines()
        .map(|l| {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(l.as_bytes());
            let rec = r.records().next().unwrap().unwrap();
            let keep: Vec<&str> = rec
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != col("stratum_posts") && *j != col("inclusion_probability"))
                .map(|(_, c)| c)
                .collect();
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(&keep).unwrap();
            String::from_utf8(w.into_inner().unwrap()).unwrap()
        })
        .collect();
    let bare = env.write("bare.csv", stripped);
    env.cmd()
        .args([
            "evaluate",
            "--gold",
            s(&bare),
            s(&corpus),
            "-l",
            s(&lexicon),
            "-q",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("stratified").and(predicate::str::contains("stratum_posts")),
        );
}

/// The corrected share of `analyze --validation` in every output: JSON,
/// CSV, Markdown, the table, the SVG chart and the HTML report, and by
/// group where the sheet has enough coded posts.
#[test]
fn analyze_validation_corrects_the_shares_in_every_output() {
    let env = TestEnv::new();
    let (corpus, lexicon, sheet, _) = stratified_example(&env);
    let analyze = |extra: &[&str]| {
        let out = env
            .cmd()
            .args([
                "analyze",
                s(&corpus),
                "-l",
                s(&lexicon),
                "--validation",
                s(&sheet),
                "-q",
            ])
            .args(extra)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let r: serde_json::Value =
        serde_json::from_str(&analyze(&["-f", "json", "--by", "group"])).unwrap();
    assert_eq!(r["validation"]["design"], "stratified");
    assert_eq!(r["validation"]["found"], 400);
    assert!(
        r["validation"]["method"]
            .as_str()
            .unwrap()
            .contains("prediction-powered")
    );
    let w = &r["categories"][0];
    approx::assert_abs_diff_eq!(w["share"].as_f64().unwrap(), 0.2, epsilon = 1e-12);
    let k = &w["corrected"];
    let (v, lo, hi) = (
        k["share"].as_f64().unwrap(),
        k["ci_low"].as_f64().unwrap(),
        k["ci_high"].as_f64().unwrap(),
    );
    assert!(lo <= 0.15 && (0.15..0.2).contains(&hi), "{v} [{lo}, {hi}]");
    // The groups: a and b have their corrected shares, small (60 posts,
    // a handful coded) a note instead.
    for g in r["groups"].as_array().unwrap() {
        let k = &g["categories"][0]["corrected"];
        if g["keys"]["group"] == "small" {
            assert!(k["share"].is_null(), "{k}");
            assert!(
                k["note"].as_str().unwrap().contains("--min-coded 30"),
                "{k}"
            );
        } else {
            assert!(
                k["share"].as_f64().is_some() && k["coded"].as_u64().unwrap() >= 30,
                "{k}"
            );
        }
    }
    assert_eq!(r["validation"]["groups_without"], 1);
    let csv = analyze(&["-f", "csv"]);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains("corrected_share,corrected_ci_low,corrected_ci_high")
    );
    let md = analyze(&["-f", "markdown"]);
    assert!(
        md.contains("| Corrected | Corrected CI |") && md.contains("prediction-powered"),
        "{md}"
    );
    let table = analyze(&[]);
    assert!(
        table.contains("Corrected CI") && table.contains("stratified sample"),
        "{table}"
    );
    let chart = env.path("chart.svg");
    let html = env.path("report.html");
    analyze(&["--chart", s(&chart), "--html", s(&html)]);
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(svg.contains("class=\"corrected\"") && svg.contains("Diamonds under the bars"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Corrected CI") && page.contains("prediction-powered"));
    // A sheet with no code column is refused (exit 2), before any post is read.
    env.cmd()
        .args([
            "analyze",
            s(&corpus),
            "-l",
            s(&lexicon),
            "--validation",
            s(&corpus),
            "-q",
        ])
        .assert()
        .code(2);
}

#[test]
fn evaluate_gates_exit_1() {
    let env = TestEnv::new();
    let (gold, posts, lex) = (data("gold.csv"), data("posts.csv"), mini());
    let args = ["evaluate", "--gold", s(&gold), s(&posts), "-l", &lex, "-q"];
    env.cmd()
        .args(args)
        .args(["--min-f1", "0.7"])
        .assert()
        .success();
    env.cmd()
        .args(args)
        .args(["--min-f1", "0.8"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("weapons F1 0.750 < 0.8"));
    env.cmd()
        .args(args)
        .args(["--min-kappa", "0.9"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("kappa"));
    env.cmd()
        .args([
            "evaluate",
            "--gold",
            s(&data("gold.csv")),
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--pair",
            "nope=weapons",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no field \"nope\""));
}

#[test]
fn evaluate_label_column_mapping() {
    let env = TestEnv::new();
    let gold = env.write(
        "g.csv",
        "id,label\n1,weapon\n3,\"threat;group\"\n8,weapon\n2,none\n7,group\n",
    );
    let out = env
        .cmd()
        .args([
            "evaluate",
            "--gold",
            s(&gold),
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--label-column",
            "label",
            "--map",
            "weapon=weapons",
            "--map",
            "group=groups",
            "-f",
            "json",
            "-q",
        ])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let c = &r["comparisons"][0]["confusion"];
    assert_eq!(
        (
            c["tp"].as_u64(),
            c["fp"].as_u64(),
            c["fn"].as_u64(),
            c["tn"].as_u64()
        ),
        (Some(2), Some(0), Some(0), Some(3))
    );
}

#[test]
fn evaluate_hateval_with_hurtlex() {
    let (Some(dev), Some(hurtlex)) = (
        shared("corpora/hateval2019_es/dev_es.tsv"),
        shared("lexicons/hurtlex/hurtlex_ES_1.2.tsv"),
    ) else {
        return;
    };
    // A term list built from HurtLex at run time (HurtLex may not be copied).
    let env = TestEnv::new();
    let text = std::fs::read_to_string(&hurtlex).unwrap();
    let list: String = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some(format!("{}\t{}\n", f.get(2)?, f.get(4)?))
        })
        .collect();
    let lex = env.write("hurtlex_es.tsv", list);
    let out = env
        .cmd()
        .args([
            "evaluate",
            "--gold",
            s(&dev),
            s(&dev),
            "-l",
            s(&lex),
            "--pair",
            "HS=_any",
            "--pair",
            "AG=_any",
        ])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for needle in [
        "_any vs gold \"HS\" (500 compared)",
        "_any vs gold \"AG\"",
        "precision",
        "recall",
        "F1",
        "kappa",
    ] {
        assert!(text.contains(needle), "{needle}\n{text}");
    }
}

#[test]
fn lint_finds_each_defect_and_none_in_the_shipped_lexicon() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "lexicon",
            "lint",
            s(&data("lint_defects.toml")),
            "-f",
            "json",
        ])
        .assert()
        .code(1);
    let findings: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let codes: std::collections::BTreeSet<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for code in [
        "empty-category",
        "empty-term",
        "invalid-char",
        "punctuation",
        "duplicate",
        "shared-term",
        "wildcard-swallows",
        "short-wildcard",
        "dead-exclusion",
    ] {
        assert!(codes.contains(code), "{code} not found: {codes:?}");
    }
    let first = &findings[0];
    for key in ["path", "line", "level", "code", "message"] {
        assert!(first.get(key).is_some(), "{key}");
    }
    env.cmd()
        .args(["lexicon", "lint", "--deny-warnings"])
        .assert()
        .success()
        .stderr(predicate::str::contains("0 errors, 0 warnings"));
    // Warnings alone pass unless denied.
    let warn_only = env.write(
        "w.toml",
        "[lexicon]\nname = \"w\"\n[[category]]\nid = \"a\"\nterms = [\"cártel\", \"cartel\"]\n",
    );
    env.cmd()
        .args(["lexicon", "lint", s(&warn_only)])
        .assert()
        .success();
    env.cmd()
        .args(["lexicon", "lint", s(&warn_only), "--deny-warnings"])
        .assert()
        .code(1);
}

#[test]
fn lexicon_test_writes_junit_and_takes_a_cases_file() {
    let env = TestEnv::new();
    let cases = env.write(
        "cases.toml",
        "[[test]]\ntext = \"el CJNG\"\nexpect = [\"groups\"]\n\n[[test]]\ntext = \"un armario\"\nexpect = [\"weapons\"]\nnote = \"wrong on purpose\"\n",
    );
    let junit = env.path("report.xml");
    env.cmd()
        .args([
            "lexicon",
            "test",
            &mini(),
            "--cases",
            s(&cases),
            "--junit",
            s(&junit),
        ])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("cases.toml:5")
                .and(predicate::str::contains("5 cases, 4 passed, 1 failed")),
        );
    let xml = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("5"));
    assert_eq!(root.attribute("failures"), Some("1"));
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1);
    let cases: Vec<_> = suites[0]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 5);
    assert!(
        cases
            .iter()
            .all(|c| c.attribute("name").is_some() && c.attribute("classname").is_some())
    );
    let failures: Vec<_> = cases
        .iter()
        .filter_map(|c| c.children().find(|n| n.has_tag_name("failure")))
        .collect();
    assert_eq!(failures.len(), 1);
    assert!(
        failures[0]
            .attribute("message")
            .unwrap()
            .contains("expected [weapons], found []")
    );
    // All passing: exit 0.
    env.cmd()
        .args(["lexicon", "test", &mini(), "--junit", s(&junit)])
        .assert()
        .success();
}

#[test]
fn check_passes_and_fails_on_drift() {
    let env = TestEnv::new();
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
            "-o",
            "base.json",
        ])
        .assert()
        .success();
    env.cmd()
        .args([
            "check",
            "--baseline",
            "base.json",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "all shares within 0.5 percentage points",
        ));
    // mini2 adds "armadillo" (weapons +1 post) and drops "ya estás avisado".
    env.cmd()
        .args([
            "check",
            "--baseline",
            "base.json",
            s(&data("posts.csv")),
            "-l",
            s(&data("mini2.toml")),
            "-q",
            "-o",
            "new.json",
        ])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("weapons")
                .and(predicate::str::contains("DRIFT"))
                .and(predicate::str::contains("armadillo +1")),
        )
        .stderr(predicate::str::contains(
            "moved more than 0.5 percentage points",
        ));
    assert!(env.path("new.json").exists(), "-o writes the new report");
    env.cmd()
        .args([
            "check",
            "--baseline",
            "base.json",
            s(&data("posts.csv")),
            "-l",
            s(&data("mini2.toml")),
            "-q",
            "--tolerance",
            "10",
        ])
        .assert()
        .success();
    let bad = env.write("bad.json", "{\"not\": \"a report\"}");
    env.cmd()
        .args(["check", "--baseline", s(&bad), s(&data("posts.csv")), "-q"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a lexiscope JSON report"));
}

#[test]
fn lexicon_diff_lists_changed_posts() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "lexicon",
            "diff",
            &mini(),
            s(&data("mini2.toml")),
            s(&data("posts.csv")),
            "-f",
            "json",
            "-q",
        ])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(r["posts_changed"], 1, "{r}");
    let changed = &r["changed"][0];
    assert_eq!(changed["id"], "11");
    assert_eq!(changed["added"], serde_json::json!(["weapons"]));
    let out = env
        .cmd()
        .args([
            "lexicon",
            "diff",
            &mini(),
            s(&data("mini2.toml")),
            s(&data("posts.csv")),
            "-q",
        ])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("weapons: +1 −0"));
}

#[test]
fn reproduce_consistent_and_not() {
    let env = TestEnv::new();
    let good = env.write(
        "good.toml",
        "[source]\ntitle = \"t\"\n[[claim]]\ncategory = \"weapons\"\npercent = 30\nstatement = \"about a third show weapons\"\n",
    );
    env.cmd()
        .args([
            "reproduce",
            s(&good),
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("consistent"));
    let bad = env.write(
        "bad.toml",
        "[source]\ntitle = \"t\"\n[[claim]]\ncategory = \"weapons\"\nshare = 0.9\nstatement = \"nine in ten\"\n[[claim]]\ncategory = \"groups\"\npercent = 23\n",
    );
    let out = env
        .cmd()
        .args([
            "reproduce",
            s(&bad),
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
            "-f",
            "json",
        ])
        .assert()
        .code(1);
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(r["verdicts"][0]["consistent"], false);
    assert_eq!(r["verdicts"][1]["consistent"], true);
    let typo = env.write(
        "typo.toml",
        "[source]\ntitle = \"t\"\n[[claim]]\ncategory = \"weapon\"\nshare = 0.1\n",
    );
    env.cmd()
        .args([
            "reproduce",
            s(&typo),
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such category"));
}

#[test]
fn reproduce_tolerance_is_in_points_like_check() {
    // Issue 19: `tolerance = 1` is one percentage point, as `check
    // --tolerance 1` is; it used to be read as a fraction (±100 points), so
    // a claim of 20% against a measured 10% was "consistent".
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let posts = root.join("examples/cartel-posts.csv");
    let env = TestEnv::new();
    let one = env.write(
        "one.toml",
        "[source]\ntitle = \"t\"\n[[claim]]\ncategory = \"capability\"\npercent = 20\nstatement = \"a fifth\"\ntolerance = 1\n[[claim]]\ncategory = \"threats\"\npercent = 9\n",
    );
    let out = env
        .cmd()
        .args(["reproduce", s(&one), s(&posts), "-q"])
        .assert()
        .code(1);
    let table = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    // Claim 1's row gives its verdict and tolerance whole; its statement
    // is listed under the table.
    let row = table.lines().find(|l| l.contains("│ 1 ")).unwrap();
    assert!(
        row.contains("NOT consistent") && row.contains("±1 pt"),
        "{table}"
    );
    assert!(table.contains("1. a fifth"), "{table}");
    assert!(table.contains("±0.5 pt"), "the default is printed: {table}");
    let out = env
        .cmd()
        .args(["reproduce", s(&one), s(&posts), "-q", "-f", "json"])
        .assert()
        .code(1);
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(r["verdicts"][0]["tolerance"], 1.0);
    assert_eq!(r["verdicts"][0]["consistent"], false);
    assert_eq!(r["verdicts"][1]["tolerance"], 0.5);
    assert_eq!(r["verdicts"][1]["consistent"], true);
    // Ten points of tolerance make the same claim consistent (measured 10.0%).
    let ten = env.write(
        "ten.toml",
        "[source]\ntitle = \"t\"\n[[claim]]\ncategory = \"capability\"\npercent = 20\ntolerance = 10\n",
    );
    env.cmd()
        .args(["reproduce", s(&ten), s(&posts), "-q"])
        .assert()
        .success();
    // A fraction where points are meant is read as points, with a warning.
    let fraction = env.write(
        "fraction.toml",
        "[source]\ntitle = \"t\"\n[[claim]]\ncategory = \"capability\"\npercent = 10\ntolerance = 0.005\n",
    );
    env.cmd()
        .args(["reproduce", s(&fraction), s(&posts)])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "tolerance = 0.005 is read as percentage points",
        ));
    // A negative tolerance is refused.
    let negative = env.write(
        "negative.toml",
        "[source]\ntitle = \"t\"\n[[claim]]\ncategory = \"capability\"\npercent = 10\ntolerance = -1\n",
    );
    env.cmd()
        .args(["reproduce", s(&negative), s(&posts), "-q"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected percentage points"));
}

#[test]
fn reproduce_the_report_on_the_example_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let env = TestEnv::new();
    for corpus in ["examples/cartel-posts.csv", "examples/cartel-posts.jsonl"] {
        env.cmd()
            .args([
                "reproduce",
                s(&root.join("examples/claims-report.toml")),
                s(&root.join(corpus)),
                "-q",
            ])
            .assert()
            .success();
    }
}
