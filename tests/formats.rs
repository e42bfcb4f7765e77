//! Input formats: CSV/TSV/JSONL parity, compression, stdin, several inputs,
//! field picking and auto-detection.

use std::io::Write;

use crate::util::*;

#[test]
fn csv_jsonl_and_tsv_give_the_same_numbers() {
    let env = TestEnv::new();
    let csv = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.csv")), "-l", &mini()]),
    );
    let jsonl = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.jsonl")), "-l", &mini()]),
    );
    let tsv = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.tsv")), "-l", &mini()]),
    );
    assert_eq!(csv["categories"], jsonl["categories"]);
    assert_eq!(csv["totals"], jsonl["totals"]);
    assert_eq!(posts_by_category(&csv), posts_by_category(&tsv));
    assert_eq!(
        posts_by_category(&csv),
        [
            ("weapons".to_string(), 4),
            ("groups".to_string(), 3),
            ("threats".to_string(), 2),
            ("_any".to_string(), 7)
        ]
    );
    assert_eq!(csv["totals"]["posts_read"], 15);
    assert_eq!(csv["totals"]["posts_empty"], 2);
    assert_eq!(csv["totals"]["posts_analyzed"], 13);
}

#[test]
fn compressed_inputs_and_stdin() {
    let env = TestEnv::new();
    let plain = std::fs::read(data("posts.jsonl")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&plain).unwrap();
    let gz_path = env.write("posts.jsonl.gz", gz.finish().unwrap());
    let zst_path = env.write(
        "posts.csv.zst",
        zstd::encode_all(&std::fs::read(data("posts.csv")).unwrap()[..], 3).unwrap(),
    );
    let want = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.jsonl")), "-l", &mini()]),
    );
    for path in [&gz_path, &zst_path] {
        let got = json_report(env.cmd().args(["analyze", s(path), "-l", &mini()]));
        assert_eq!(got["categories"], want["categories"], "{}", path.display());
    }
    let got = json_report(
        env.cmd()
            .args(["analyze", "-", "-l", &mini()])
            .write_stdin(plain),
    );
    assert_eq!(got["categories"], want["categories"]);
    assert_eq!(got["provenance"]["inputs"][0]["path"], "-");
}

#[test]
fn provenance_hashes_the_raw_input() {
    use sha2::Digest;
    let env = TestEnv::new();
    let bytes = std::fs::read(data("posts.csv")).unwrap();
    let want = lexiscope::digest::hex(&sha2::Sha256::digest(&bytes));
    let got = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.csv")), "-l", &mini()]),
    );
    let input = &got["provenance"]["inputs"][0];
    assert_eq!(input["sha256"], want.as_str());
    assert_eq!(input["bytes"], bytes.len());
    assert_eq!(got["provenance"]["lexicons"][0]["name"], "mini");
    assert_eq!(got["schema"], "lexiscope.report/1");
}

#[test]
fn several_inputs_add_up() {
    let env = TestEnv::new();
    let one = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.csv")), "-l", &mini()]),
    );
    let two = json_report(env.cmd().args([
        "analyze",
        s(&data("posts.csv")),
        s(&data("posts.jsonl")),
        "-l",
        &mini(),
    ]));
    let double: Vec<(String, u64)> = posts_by_category(&one)
        .into_iter()
        .map(|(c, n)| (c, 2 * n))
        .collect();
    assert_eq!(posts_by_category(&two), double);
    assert_eq!(two["totals"]["posts_read"], 30);
}

#[test]
fn text_fields_are_joined_and_reported() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&data("crowdtangle.csv")),
            "-l",
            &mini(),
            "--text",
            "Message",
            "--text",
            "Image Text",
            "-f",
            "json",
        ])
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    // "CJNG presente" is only in Image Text.
    assert_eq!(posts_by_category(&report)[1], ("groups".to_string(), 1));
    assert_eq!(posts_by_category(&report)[2], ("threats".to_string(), 1));
    assert!(
        stderr_of(&out).contains("text field \"Message\" + \"Image Text\""),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn text_field_auto_detected_and_said() {
    let env = TestEnv::new();
    // CrowdTangle: BOM before the header, the preset detected from it.
    let out = env
        .cmd()
        .args(["analyze", s(&data("crowdtangle.csv")), "-l", &mini()])
        .assert()
        .success();
    assert!(
        stderr_of(&out).contains("preset crowdtangle")
            && stderr_of(&out).contains("text field \"Message\" + \"Image Text\""),
        "{}",
        stderr_of(&out)
    );
    // Without the preset, `Message` is detected by name.
    let out = env
        .cmd()
        .args(["analyze", s(&data("crowdtangle.csv")), "-l", &mini()])
        .args(["--preset", "none"])
        .assert()
        .success();
    assert!(
        stderr_of(&out).contains("text field \"Message\" (auto-detected"),
        "{}",
        stderr_of(&out)
    );
    let out = env
        .cmd()
        .args(["analyze", s(&data("posts.tsv")), "-l", &mini()])
        .assert()
        .success();
    let err = stderr_of(&out);
    assert!(
        err.contains("tab-separated") && err.contains("\"body\""),
        "{err}"
    );
}

#[test]
fn json_dotted_paths() {
    let env = TestEnv::new();
    let path = env.write(
        "nested.jsonl",
        "{\"data\": {\"text\": \"el CJNG\"}, \"note_tweet\": {\"text\": \"cuerno de chivo\"}}\n{\"data\": {\"text\": \"nada\"}}\n",
    );
    let r = json_report(env.cmd().args([
        "analyze",
        s(&path),
        "-l",
        &mini(),
        "--text",
        "note_tweet.text",
    ]));
    assert_eq!(posts_by_category(&r)[0], ("weapons".to_string(), 1));
    assert_eq!(r["totals"]["posts_empty"], 1);
    let r = json_report(env.cmd().args(["analyze", s(&path), "-l", &mini()]));
    assert_eq!(
        posts_by_category(&r)[1],
        ("groups".to_string(), 1),
        "data.text auto-detected"
    );
}

#[test]
fn no_header_numbered_columns_and_delimiter_flag() {
    let env = TestEnv::new();
    let path = env.write("x.txt", "1;0.5;el CJNG\n2;0.1;nada\n");
    let r = json_report(env.cmd().args([
        "analyze",
        s(&path),
        "-l",
        &mini(),
        "--no-header",
        "--text",
        "3",
        "--delimiter",
        ";",
    ]));
    assert_eq!(r["totals"]["posts_read"], 2);
    assert_eq!(posts_by_category(&r)[1], ("groups".to_string(), 1));
}

#[test]
fn vader_tweets_with_empath_categories() {
    let (Some(tweets), Some(empath)) = (
        shared("corpora/vader_tweets/tweets_GroundTruth.txt"),
        shared("lexicons/empath/empath_categories_v0.89.tsv"),
    ) else {
        return;
    };
    let env = TestEnv::new();
    let r = json_report(env.cmd().args([
        "analyze",
        s(&tweets),
        "--no-header",
        "--text",
        "3",
        "-l",
        s(&empath),
    ]));
    assert_eq!(r["totals"]["posts_read"], 4200);
    assert_eq!(r["totals"]["posts_analyzed"], 4200);
    assert_eq!(
        r["categories"].as_array().unwrap().len(),
        195,
        "194 Empath categories and _any"
    );
}

/// The records of posts.jsonl as one JSON value each.
fn jsonl_records() -> Vec<serde_json::Value> {
    std::fs::read_to_string(data("posts.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn json_documents_count_as_the_same_records_in_json_lines() {
    let env = TestEnv::new();
    let want = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.jsonl")), "-l", &mini()]),
    );
    let records = serde_json::Value::Array(jsonl_records());
    let pretty = env.write(
        "array.json",
        serde_json::to_string_pretty(&records).unwrap(),
    );
    let compact = env.write("compact.json", records.to_string());
    let wrapped = env.write(
        "wrapped.json",
        serde_json::to_string_pretty(&serde_json::json!({
            "meta": {"tags": ["a", "b"], "count": 15},
            "data": {"cursor": 2, "posts": records, "has_more": false}
        }))
        .unwrap(),
    );
    for file in [&pretty, &compact, &wrapped] {
        let out = env
            .cmd()
            .args(["analyze", s(file), "-l", &mini(), "-f", "json"])
            .assert()
            .success();
        let got: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(got["categories"], want["categories"], "{}", file.display());
        assert_eq!(got["totals"], want["totals"], "{}", file.display());
        let err = stderr_of(&out);
        assert!(err.contains("JSON document"), "{err}");
    }
    let err = stderr_of(
        &env.cmd()
            .args(["analyze", s(&wrapped), "-l", &mini()])
            .assert()
            .success(),
    );
    assert!(err.contains("records at data.posts (detected"), "{err}");
}

#[test]
fn records_path_names_the_array_and_bad_paths_say_so() {
    let env = TestEnv::new();
    let doc = env.write(
        "x.json",
        r#"{"includes": {"users": [{"id": "u1", "name": "cjng fan"}]},
            "data": [{"id": "1", "text": "el cjng"}, {"id": "2", "text": "hola"}, 3]}"#,
    );
    // Detected: the first array of objects (the users): not the posts.
    let r = json_report(
        env.cmd()
            .args(["analyze", s(&doc), "-l", &mini(), "--text", "name"]),
    );
    assert_eq!(r["totals"]["posts_read"], 1);
    // Named: the posts; the element that is not an object is counted.
    let r = json_report(
        env.cmd()
            .args(["analyze", s(&doc), "-l", &mini(), "--records", "data"]),
    );
    assert_eq!(r["totals"]["posts_read"], 3);
    assert_eq!(r["totals"]["posts_analyzed"], 2);
    assert_eq!(r["totals"]["skipped_by_reason"]["invalid_json"], 1);
    env.cmd()
        .args(["analyze", s(&doc), "-l", &mini(), "--records", "data.posts"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--records data.posts: no array"));
    let none = env.write("none.json", "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n");
    env.cmd()
        .args(["analyze", s(&none), "-l", &mini()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--records PATH"));
    // A document cut short is an error with its line, not a silent count.
    let cut = env.write("cut.json", "[\n{\"text\": \"el cjng\"},\n{\"text\": \"ar");
    env.cmd()
        .args(["analyze", s(&cut), "-l", &mini()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cut.json:3"));
}

#[test]
fn content_decides_before_the_extension() {
    let env = TestEnv::new();
    let want = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.jsonl")), "-l", &mini()]),
    );
    let jsonl = std::fs::read(data("posts.jsonl")).unwrap();
    let csv = std::fs::read(data("posts.csv")).unwrap();
    let array = serde_json::Value::Array(jsonl_records()).to_string();
    for (name, bytes, format) in [
        ("jsonl-named.csv", jsonl.clone(), "JSONL"),
        ("jsonl-named.txt", jsonl.clone(), "JSONL"),
        (
            "array-named.jsonl",
            array.clone().into_bytes(),
            "JSON document",
        ),
        ("array-named.csv", array.into_bytes(), "JSON document"),
        ("csv-named.jsonl", csv.clone(), "CSV"),
        ("csv-named.json", csv, "CSV"),
    ] {
        let file = env.write(name, bytes);
        let out = env
            .cmd()
            .args(["analyze", s(&file), "-l", &mini(), "-f", "json"])
            .assert()
            .success();
        let got: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(posts_by_category(&got), posts_by_category(&want), "{name}");
        let err = stderr_of(&out);
        assert!(err.contains(&format!("{name}: {format}")), "{name}: {err}");
    }
}

#[test]
fn numeric_dates_are_read_in_every_format_in_the_order_they_show() {
    let env = TestEnv::new();
    let rows = [
        ("1", "el cjng", "05/04/2021"),
        ("2", "hola", "25/04/2021 14:03"),
        ("3", "arma", "06.04.2021"),
        ("4", "nada", "ayer"),
        ("5", "nada", "31/13/2021"),
    ];
    let mut csv = "id;Texto;Fecha\r\n".to_string();
    let mut jsonl = String::new();
    for (id, text, date) in rows {
        csv.push_str(&format!("{id};{text};{date}\r\n"));
        jsonl.push_str(&format!(
            "{{\"id\": {id}, \"text\": \"{text}\", \"meta\": {{\"fecha\": \"{date}\"}}}}\n"
        ));
    }
    let csv = env.write("d.csv", csv);
    let jsonl = env.write("d.jsonl", jsonl);
    let groups = |r: &serde_json::Value| -> Vec<(String, u64)> {
        r["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["keys"]["day"].as_str().unwrap_or_default().to_string(),
                    g["totals"]["posts_analyzed"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let run = |file: &std::path::Path, date: &str, extra: &[&str]| {
        let out = env
            .cmd()
            .args([
                "analyze",
                s(file),
                "-l",
                &mini(),
                "--every",
                "day",
                "--date",
                date,
                "-f",
                "json",
            ])
            .args(extra)
            .assert()
            .success();
        let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        (groups(&r), stderr_of(&out))
    };
    let (by_csv, err) = run(&csv, "Fecha", &[]);
    let (by_jsonl, _) = run(&jsonl, "meta.fecha", &[]);
    assert_eq!(by_csv, by_jsonl);
    // 25/04 shows day first, so 05/04 is 5 April.
    assert_eq!(
        by_csv,
        [
            ("(invalid date)".to_string(), 2),
            ("2021-04-05".to_string(), 1),
            ("2021-04-06".to_string(), 1),
            ("2021-04-25".to_string(), 1)
        ]
    );
    assert!(err.contains("read day first"), "{err}");
    assert!(
        err.contains("\"31/13/2021\", \"ayer\""),
        "three examples at most: {err}"
    );
    // Forced month first: 25/04 and 31/13 cannot be dates.
    let (forced, err) = run(&csv, "Fecha", &["--monthfirst"]);
    assert_eq!(
        forced,
        [
            ("(invalid date)".to_string(), 3),
            ("2021-05-04".to_string(), 1),
            ("2021-06-04".to_string(), 1)
        ]
    );
    assert!(err.contains("\"25/04/2021 14:03\""), "{err}");
}
