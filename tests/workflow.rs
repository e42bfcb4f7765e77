//! Research workflow: breakdowns, dates, weights, dedupe, cluster bootstrap,
//! co-occurrence, kwic, annotate, sample (issue 4).

use proptest::prelude::*;

use crate::util::*;

fn wf() -> String {
    s(&data("workflow.csv")).to_string()
}

fn analyze(env: &TestEnv, extra: &[&str]) -> serde_json::Value {
    let mut cmd = env.cmd();
    cmd.args(["analyze", &wf(), "-l", &mini()]).args(extra);
    json_report(&mut cmd)
}

fn group<'a>(r: &'a serde_json::Value, field: &str, value: &str) -> &'a serde_json::Value {
    r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["keys"][field] == value)
        .unwrap_or_else(|| panic!("no group {field}={value}: {}", r["groups"]))
}

#[test]
fn groups_sum_to_the_whole() {
    let env = TestEnv::new();
    for flags in [
        &["--by", "page"][..],
        &["--by", "page", "--by", "type"],
        &["--every", "month", "--date", "date"],
    ] {
        let r = analyze(&env, flags);
        let groups = r["groups"].as_array().unwrap();
        for key in ["posts_analyzed", "posts_empty"] {
            let sum: u64 = groups
                .iter()
                .map(|g| g["totals"][key].as_u64().unwrap())
                .sum();
            assert_eq!(
                sum,
                r["totals"][key].as_u64().unwrap(),
                "{key} with {flags:?}"
            );
        }
        for (i, c) in r["categories"].as_array().unwrap().iter().enumerate() {
            let sum: u64 = groups
                .iter()
                .map(|g| g["categories"][i]["posts"].as_u64().unwrap())
                .sum();
            assert_eq!(
                sum,
                c["posts"].as_u64().unwrap(),
                "{} with {flags:?}",
                c["id"]
            );
        }
    }
}

#[test]
fn by_page_and_a_group_of_one() {
    let env = TestEnv::new();
    let r = analyze(&env, &["--by", "page", "--by", "type"]);
    let g = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["keys"]["page"] == "C" && g["keys"]["type"] == "Status")
        .unwrap();
    assert_eq!(g["totals"]["posts_analyzed"], 1);
    assert_eq!(g["categories"][0]["share"], 0.0);
    let r = analyze(&env, &["--by", "page", "--by", "type", "--min-posts", "2"]);
    assert!(
        r["groups"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["totals"]["posts_analyzed"].as_u64().unwrap() >= 2)
    );
    assert!(r["groups_hidden"].as_u64().unwrap() > 0);
}

#[test]
fn every_date_format_lands_in_its_period() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "analyze",
            &wf(),
            "-l",
            &mini(),
            "--every",
            "month",
            "--date",
            "date",
            "-f",
            "json",
        ])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let count = |m: &str| {
        group(&r, "month", m)["totals"]["posts_read"]
            .as_u64()
            .unwrap()
    };
    // ISO with zone, CrowdTangle EDT, Unix seconds → April; Unix ms and X's Z form → May;
    // plain ISO date → June (with the empty post); the legacy form → 2018-10.
    assert_eq!(count("2021-04"), 3);
    assert_eq!(count("2021-05"), 2);
    assert_eq!(count("2021-06"), 2);
    assert_eq!(count("2018-10"), 1);
    assert_eq!(count("(no date)"), 1);
    assert_eq!(count("(invalid date)"), 1);
    let err = stderr_of(&out);
    assert!(
        err.contains("1 posts without a date and 1 with a date that cannot be read"),
        "{err}"
    );
    let r = analyze(&env, &["--every", "year", "--date", "date"]);
    assert_eq!(group(&r, "year", "2021")["totals"]["posts_read"], 7);
    let r = analyze(&env, &["--every", "week", "--date", "date"]);
    assert_eq!(group(&r, "week", "2021-W14")["totals"]["posts_read"], 3);
    let r = analyze(&env, &["--every", "day", "--date", "date"]);
    assert_eq!(group(&r, "day", "2021-04-05")["totals"]["posts_read"], 3);
}

#[test]
fn weights_in_both_locales() {
    let env = TestEnv::new();
    // --decimal .: "1,234" is 1234; "x" is unreadable (weight 0).
    let out = env
        .cmd()
        .args([
            "analyze",
            &wf(),
            "-l",
            &mini(),
            "--weight",
            "interactions",
            "-f",
            "json",
        ])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let total = 1234.0 + 10.0 + 5.0 + 0.0 + 7.0 + 0.0 + 3.0 + 2.0 + 1.0;
    assert_eq!(r["totals"]["weight"], total);
    // groups: posts 1, 4, 5, 9 → 1234 + 0 + 7 + 1.
    let groups = r["categories"][1]["weighted_share"].as_f64().unwrap();
    assert!((groups - 1242.0 / total).abs() < 1e-12, "{groups}");
    let err = stderr_of(&out);
    assert!(err.contains("1 posts have no readable --weight"), "{err}");
    assert!(err.contains("could be read either way"), "{err}");
    // --decimal ,: "1,234" is 1.234.
    let r = analyze(&env, &["--weight", "interactions", "--decimal", ","]);
    let total = 1.234 + 10.0 + 5.0 + 7.0 + 3.0 + 2.0 + 1.0;
    assert!((r["totals"]["weight"].as_f64().unwrap() - total).abs() < 1e-9);
}

#[test]
fn thousands_separator_forms() {
    let env = TestEnv::new();
    let path = env.write(
        "w.csv",
        "text,n\nCJNG,\"1,234\"\nCJNG,1.234\nCJNG,407.137\nnada,\"1.234.567,5\"\n",
    );
    let r = json_report(env.cmd().args([
        "analyze",
        s(&path),
        "-l",
        &mini(),
        "--weight",
        "n",
        "--decimal",
        ",",
    ]));
    // 1.234 + 1234 + 407137 + 1234567.5
    let total = r["totals"]["weight"].as_f64().unwrap();
    assert!(
        (total - (1.234 + 1234.0 + 407137.0 + 1234567.5)).abs() < 1e-6,
        "{total}"
    );
    let r = json_report(env.cmd().args([
        "analyze",
        s(&path),
        "-l",
        &mini(),
        "--weight",
        "n",
        "--decimal",
        ".",
    ]));
    // 1234 + 1.234 + 407.137; "1.234.567,5" is not a number under "."
    let total = r["totals"]["weight"].as_f64().unwrap();
    assert!((total - (1234.0 + 1.234 + 407.137)).abs() < 1e-6, "{total}");
}

#[test]
fn dedupe_counts_duplicates_and_reposts_once() {
    let env = TestEnv::new();
    let r = analyze(&env, &["--dedupe", "exact"]);
    assert_eq!(r["totals"]["posts_analyzed"], 9);
    // Post 9 repeats post 1; post 4 is a retweet.
    assert_eq!(r["unique"]["totals"]["posts_analyzed"], 7);
    assert_eq!(r["unique"]["duplicates"], 2);
    let r = analyze(&env, &["--dedupe", "normalized"]);
    // Post 5 ("El cjng... 🔫") is post 1 once normalized.
    assert_eq!(r["unique"]["totals"]["posts_analyzed"], 6);
    assert_eq!(
        r["unique"]["categories"][1]["posts"], 1,
        "groups: only post 1 is unique"
    );
    assert_eq!(r["categories"][1]["posts"], 4);
}

#[test]
fn dedupe_reads_repost_fields() {
    let env = TestEnv::new();
    let path = env.write(
        "t.jsonl",
        concat!(
            "{\"id\": 1, \"text\": \"el CJNG\"}\n",
            "{\"id\": 2, \"text\": \"otra cosa del CJNG\", \"forwarded_from\": \"Canal X\"}\n",
            "{\"id\": 3, \"text\": \"RT @a: el CJNG\", \"referenced_tweets\": [{\"type\": \"retweeted\", \"id\": \"1\"}]}\n",
            "{\"id\": 4, \"text\": \"cita del CJNG\", \"referenced_tweets\": [{\"type\": \"quoted\", \"id\": \"1\"}]}\n",
        ),
    );
    let r = json_report(
        env.cmd()
            .args(["analyze", s(&path), "-l", &mini(), "--dedupe", "exact"]),
    );
    assert_eq!(
        r["unique"]["totals"]["posts_analyzed"], 2,
        "the forward and the retweet are reposts; a quote is not"
    );
}

#[test]
fn cluster_bootstrap_is_reproducible_and_contains_the_share() {
    let env = TestEnv::new();
    let posts: String = (0..400)
        .map(|i| {
            format!(
                "acc{},{}\n",
                i % 23,
                if i % 7 == 0 || i % 23 == 3 {
                    "el CJNG"
                } else {
                    "nada"
                }
            )
        })
        .collect();
    let path = env.write("c.csv", format!("account,text\n{posts}"));
    let run = |seed: &str| {
        json_report(env.cmd().args([
            "analyze",
            s(&path),
            "-l",
            &mini(),
            "--cluster",
            "account",
            "--seed",
            seed,
        ]))
    };
    let (a, b, c) = (run("7"), run("7"), run("8"));
    let g = &a["categories"][1];
    assert_eq!(g, &b["categories"][1], "same seed, same interval");
    assert_ne!(
        g["cluster_ci_low"], c["categories"][1]["cluster_ci_low"],
        "another seed, another draw"
    );
    let (lo, p, hi) = (
        g["cluster_ci_low"].as_f64().unwrap(),
        g["share"].as_f64().unwrap(),
        g["cluster_ci_high"].as_f64().unwrap(),
    );
    assert!(lo <= p && p <= hi, "{lo} {p} {hi}");
    // Clustered posts: the bootstrap interval is wider than Wilson's.
    assert!(hi - lo > g["ci_high"].as_f64().unwrap() - g["ci_low"].as_f64().unwrap());
}

#[test]
fn cooccurrence_matrix() {
    let env = TestEnv::new();
    let r = analyze(&env, &["--cooccurrence"]);
    let m = &r["cooccurrence"];
    assert_eq!(
        m["categories"],
        serde_json::json!(["weapons", "groups", "threats"])
    );
    // weapons: 1, 3, 4, 5, 9; groups: 1, 4, 5, 9; both: 1, 4, 5, 9.
    assert_eq!(m["posts"][0][0], 5);
    assert_eq!(m["posts"][0][1], 4);
    assert_eq!(m["posts"][1][0], 4);
    assert_eq!(m["posts"][2][2], 2);
    let out = env
        .cmd()
        .args(["analyze", &wf(), "-l", &mini(), "--cooccurrence", "-q"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("Co-occurrence"));
}

#[test]
fn grouped_csv_is_long_format() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "analyze",
            &wf(),
            "-l",
            &mini(),
            "--by",
            "page",
            "-f",
            "csv",
            "-q",
        ])
        .assert()
        .success();
    let mut rdr = csv::Reader::from_reader(&out.get_output().stdout[..]);
    assert_eq!(&rdr.headers().unwrap()[0], "page");
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    // (all) + 3 pages, 4 rows each (3 categories + _any).
    assert_eq!(rows.len(), 16);
    assert_eq!(&rows[0][0], "(all)");
    assert!(rows.iter().any(|r| &r[0] == "C" && &r[1] == "_any"));
}

#[test]
fn kwic_by_category_and_term_with_reproducible_sample() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "kwic",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--category",
            "groups",
            "-f",
            "json",
            "-q",
        ])
        .assert()
        .success();
    let lines: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let matched: Vec<&str> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["match"].as_str().unwrap())
        .collect();
    assert_eq!(matched, ["CJNG", "Zetas", "antizetas", "Cártel de Sinaloa"]);
    let first = &lines[0];
    assert_eq!(first["left"], "El ");
    let narrow = env
        .cmd()
        .args([
            "kwic",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--category",
            "groups",
            "--window",
            "5",
            "-f",
            "json",
            "-q",
        ])
        .assert()
        .success();
    let narrow: serde_json::Value = serde_json::from_slice(&narrow.get_output().stdout).unwrap();
    for l in narrow.as_array().unwrap() {
        assert!(
            l["left"].as_str().unwrap().chars().count() <= 5
                && l["right"].as_str().unwrap().chars().count() <= 5,
            "{l}"
        );
    }
    assert_eq!(narrow[0]["right"], " ya e");
    assert!(
        first["right"]
            .as_str()
            .unwrap()
            .starts_with(" ya está aquí")
    );
    let out = env
        .cmd()
        .args([
            "kwic",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--term",
            "🔫",
            "-f",
            "csv",
            "-q",
        ])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert_eq!(text.lines().count(), 1 + 4, "{text}");
    let sample = |seed: &str| {
        env.cmd()
            .args([
                "kwic",
                s(&data("posts.csv")),
                "-l",
                &mini(),
                "--category",
                "weapons",
                "--sample",
                "3",
                "--seed",
                seed,
                "-f",
                "csv",
                "-q",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(sample("5"), sample("5"));
    let sampled = sample("5");
    assert_eq!(csv::Reader::from_reader(&sampled[..]).records().count(), 3);
    env.cmd()
        .args([
            "kwic",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--category",
            "nope",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "the lexicon has: weapons, groups, threats",
        ));
}

#[test]
fn annotate_jsonl_and_csv_in_input_order() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "annotate",
            s(&data("bad/broken.jsonl")),
            "-l",
            &mini(),
            "-q",
        ])
        .assert()
        .success();
    let recs: Vec<serde_json::Value> = out
        .get_output()
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(
        recs.len(),
        6,
        "one record per input record, skipped ones included"
    );
    assert_eq!(recs[0]["categories"], serde_json::json!(["weapons"]));
    assert_eq!(recs[1]["status"], "skipped");
    let lines: Vec<u64> = recs.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [1, 2, 4, 5, 6, 7]);
    let out = env
        .cmd()
        .args([
            "annotate",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-f",
            "csv",
            "-q",
        ])
        .assert()
        .success();
    let mut rdr = csv::Reader::from_reader(&out.get_output().stdout[..]);
    assert!(rdr.headers().unwrap().iter().any(|h| h == "pct_weapons"));
    assert_eq!(rdr.records().count(), 15);
}

#[test]
fn annotate_is_a_stream_filter() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["annotate", "-", "-l", &mini(), "-q"])
        .write_stdin("{\"text\": \"el CJNG\"}\n{\"text\": \"nada\"}\n")
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout)
            .lines()
            .count(),
        2
    );
}

#[test]
fn sample_sheet_stratified_and_blind() {
    let env = TestEnv::new();
    let run = |extra: &[&str]| {
        let out = env
            .cmd()
            .args([
                "sample",
                s(&data("posts.csv")),
                "-l",
                &mini(),
                "--n",
                "8",
                "--seed",
                "3",
                "-q",
            ])
            .args(extra)
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    let sheet = run(&["--stratify"]);
    assert_eq!(sheet, run(&["--stratify"]), "same seed, same sheet");
    let mut rdr = csv::Reader::from_reader(&sheet[..]);
    let headers = rdr.headers().unwrap().clone();
    for h in [
        "source",
        "id",
        "text",
        "stratum",
        "pred_weapons",
        "code_weapons",
        "code_threats",
    ] {
        assert!(headers.iter().any(|x| x == h), "{h}");
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 8);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let strata: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| &r[col("stratum")]).collect();
    for st in &strata {
        assert!(
            ["weapons", "threats", "groups", "none"].contains(st),
            "{strata:?}"
        );
    }
    assert!(strata.len() >= 3, "{strata:?}");
    // Each row's design: its stratum's size and n_h / N_h.
    for r in &rows {
        let posts: f64 = r[col("stratum_posts")].parse().unwrap();
        let p: f64 = r[col("inclusion_probability")].parse().unwrap();
        let n_h = rows
            .iter()
            .filter(|x| x[col("stratum")] == r[col("stratum")])
            .count();
        approx::assert_abs_diff_eq!(p, n_h as f64 / posts, epsilon = 1e-12);
    }
    let blind = run(&["--stratify", "--blind"]);
    let mut rdr = csv::Reader::from_reader(&blind[..]);
    let headers = rdr.headers().unwrap().clone();
    assert!(!headers.iter().any(|h| h.starts_with("pred_")));
    let at = headers.iter().position(|h| h == "stratum").unwrap();
    for r in rdr.records() {
        let r = r.unwrap();
        assert!(
            r[at].starts_with('s'),
            "blind strata are opaque: {:?}",
            &r[at]
        );
    }
    assert!(headers.iter().any(|h| h == "code_groups"));
    // The formula guard applies to the sheet (post 12 starts with "=").
    let all = env
        .cmd()
        .args([
            "sample",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--n",
            "100",
            "-q",
        ])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&all.get_output().stdout).contains(",'=cmd"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// annotate's offsets give back the matched surface text, with accents,
    /// emoji and CRLF around.
    #[test]
    fn annotate_offsets_give_back_the_text(parts in prop::collection::vec(0..12usize, 1..12)) {
        const PIECES: &[&str] = &["CÁRTEL", "cártel de sinaloa", "🔫", "☠️", "\r\n", "ñandú", "cuerno-de\r\nchivo", " ", "Zetas", "é", "#CJNG", "x"];
        let text: String = parts.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        let env = TestEnv::new();
        let line = serde_json::json!({ "text": text }).to_string();
        let out = env.cmd().args(["annotate", "-", "-l", &mini(), "-q"]).write_stdin(format!("{line}\n")).assert().success();
        let rec: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let chars: Vec<char> = text.chars().collect();
        for m in rec["matches"].as_array().unwrap() {
            let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
            prop_assert_eq!(&text[s..e], m["text"].as_str().unwrap());
            let (cs, ce) = (m["char_start"].as_u64().unwrap() as usize, m["char_end"].as_u64().unwrap() as usize);
            prop_assert_eq!(chars[cs..ce].iter().collect::<String>(), m["text"].as_str().unwrap());
        }
    }
}
