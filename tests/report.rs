//! Outputs: table, CSV, JSON, Markdown; determinism across thread counts.

use proptest::prelude::*;

use crate::util::*;

#[test]
fn json_report_contract() {
    let env = TestEnv::new();
    let r = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.csv")), "-l", &mini()]),
    );
    for key in ["schema", "provenance", "totals", "categories", "groups"] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    for key in ["tool_version", "lexicons", "inputs", "options"] {
        assert!(
            r["provenance"].get(key).is_some(),
            "missing provenance.{key}"
        );
    }
    let t = &r["totals"];
    let read = t["posts_read"].as_u64().unwrap();
    let sum = t["posts_analyzed"].as_u64().unwrap()
        + t["posts_empty"].as_u64().unwrap()
        + t["posts_skipped"].as_u64().unwrap();
    assert_eq!(read, sum, "read = analyzed + empty + skipped");
    for c in r["categories"].as_array().unwrap() {
        let (lo, p, hi) = (
            c["ci_low"].as_f64().unwrap(),
            c["share"].as_f64().unwrap(),
            c["ci_high"].as_f64().unwrap(),
        );
        assert!((0.0..=1.0).contains(&p));
        assert!(lo <= p && p <= hi, "{c}");
        for key in ["id", "label", "posts", "hits", "top_terms"] {
            assert!(c.get(key).is_some(), "missing categories[].{key}");
        }
    }
    let any = r["categories"].as_array().unwrap().last().unwrap();
    assert_eq!(any["id"], "_any");
    // Weapons: a tie credits both "cuerno de chivo" (3) and "cuerno* de chivo" (4).
    let weapons = &r["categories"][0];
    assert_eq!(weapons["posts"], 4);
    let terms: Vec<(String, u64)> = weapons["top_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["term"].as_str().unwrap().to_string(),
                t["hits"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        terms[..3],
        [
            ("cuerno* de chivo".to_string(), 4),
            ("🔫".to_string(), 4),
            ("cuerno de chivo".to_string(), 3)
        ]
    );
}

#[test]
fn table_fits_80_columns_and_names_the_denominator() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["analyze", s(&data("posts.csv")), "-l", &mini(), "-q"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
    assert!(text.contains("13 posts analyzed"), "{text}");
    assert!(
        text.contains("Weapons") && text.contains("Any category"),
        "{text}"
    );
    assert!(text.contains("95% CI"), "{text}");
}

#[test]
fn csv_and_markdown() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
            "-f",
            "csv",
        ])
        .assert()
        .success();
    let mut rdr = csv::Reader::from_reader(&out.get_output().stdout[..]);
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[0], "category");
    assert!(headers.iter().any(|h| h == "posts_skipped"));
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][2], "4");
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
            "-f",
            "markdown",
        ])
        .assert()
        .success();
    let md = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        md.starts_with("| Category | Posts | Share | 95% CI |"),
        "{md}"
    );
    assert!(md.contains("|---|"), "{md}");
}

#[test]
fn csv_cells_are_defused() {
    let env = TestEnv::new();
    let lex = env.write(
        "f.toml",
        "[lexicon]\nname = \"f\"\n[[category]]\nid = \"x\"\nlabel = \"=HYPERLINK(\\\"http://e\\\")\"\nterms = [\"cmd\"]\n",
    );
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            s(&lex),
            "-q",
            "-f",
            "csv",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("'=HYPERLINK"), "{text}");
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            s(&lex),
            "-q",
            "-f",
            "csv",
            "--raw-csv",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        !text.contains("'=HYPERLINK") && text.contains("=HYPERLINK"),
        "{text}"
    );
}

const WORDS: &[&str] = &[
    "cuerno de chivo",
    "arma",
    "armario",
    "CJNG",
    "hola",
    "🔫",
    "ya estás avisado",
    "Zetas",
    "nada",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]
    /// `-j 1` and `-j 4` give byte-identical JSON (and so does a rerun).
    #[test]
    fn thread_count_never_changes_the_json(posts in prop::collection::vec(prop::collection::vec(0..WORDS.len(), 0..6), 1..3000)) {
        let env = TestEnv::new();
        let mut body = String::from("id,text\n");
        for (i, p) in posts.iter().enumerate() {
            let text: Vec<&str> = p.iter().map(|&w| WORDS[w]).collect();
            body.push_str(&format!("{i},\"{}\"\n", text.join(" ")));
        }
        let path = env.write("p.csv", body);
        let run = |j: &str| {
            env.cmd().args(["analyze", s(&path), "-l", &mini(), "-f", "json", "-q", "-j", j]).assert().success().get_output().stdout.clone()
        };
        let one = run("1");
        prop_assert_eq!(&one, &run("4"));
        prop_assert_eq!(&one, &run("2"));
    }
}
