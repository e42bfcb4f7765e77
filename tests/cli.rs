//! Flags, exit codes and error messages: every bad input of DESIGN.md §7.

use predicates::prelude::*;

use crate::util::*;

#[test]
fn cli_definition_is_consistent() {
    use clap::CommandFactory;
    lexiscope::cli::Cli::command().debug_assert();
}

#[test]
fn missing_file_exits_2() {
    let env = TestEnv::new();
    env.cmd()
        .args(["analyze", "no/such/file.csv"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("lexiscope: error:")
                .and(predicate::str::contains("no/such/file.csv")),
        );
}

#[test]
fn missing_column_lists_available_and_closest() {
    let env = TestEnv::new();
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--text",
            "txt",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no field \"txt\"")
                .and(predicate::str::contains(
                    "available: id, text, author, date",
                ))
                .and(predicate::str::contains("did you mean \"text\"")),
        );
}

#[test]
fn missing_json_field_lists_paths() {
    let env = TestEnv::new();
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.jsonl")),
            "-l",
            &mini(),
            "--text",
            "user.nam",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no field \"user.nam\"")
                .and(predicate::str::contains("did you mean \"user.name\"")),
        );
}

#[test]
fn undetectable_text_column_asks_for_text() {
    let env = TestEnv::new();
    let path = env.write("x.csv", "a,b\n1,2\n");
    env.cmd()
        .args(["analyze", s(&path), "-l", &mini()])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("cannot tell which column holds the text")
                .and(predicate::str::contains("--text")),
        );
}

#[test]
fn malformed_csv_rows_are_skipped_counted_and_located() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&data("bad/malformed.csv")),
            "-l",
            &mini(),
            "-f",
            "json",
            // Its one Latin-1 byte would be transcoded; read as UTF-8 it is
            // the invalid record this test counts.
            "--encoding",
            "utf-8",
        ])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(r["totals"]["posts_read"], 5);
    assert_eq!(r["totals"]["posts_analyzed"], 3);
    assert_eq!(r["totals"]["posts_skipped"], 2);
    assert_eq!(r["totals"]["skipped_by_reason"]["csv_field_count"], 1);
    assert_eq!(r["totals"]["skipped_by_reason"]["invalid_utf8"], 1);
    let err = stderr_of(&out);
    assert!(err.contains("2 records skipped"), "{err}");
    assert!(
        err.contains("malformed.csv:3: csv_field_count: expected 2 fields, found 4"),
        "{err}"
    );
    assert!(err.contains("malformed.csv:5: invalid_utf8"), "{err}");
}

#[test]
fn broken_json_lines_are_skipped_counted_and_located() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&data("bad/broken.jsonl")),
            "-l",
            &mini(),
            "-f",
            "json",
            // Its one Latin-1 byte would be transcoded; read as UTF-8 it is
            // the invalid record this test counts.
            "--encoding",
            "utf-8",
        ])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(r["totals"]["posts_read"], 6, "blank lines are not posts");
    assert_eq!(r["totals"]["skipped_by_reason"]["invalid_json"], 2);
    assert_eq!(r["totals"]["skipped_by_reason"]["invalid_utf8"], 1);
    assert_eq!(r["totals"]["posts_analyzed"], 3);
    let err = stderr_of(&out);
    assert!(err.contains("broken.jsonl:2: invalid_json"), "{err}");
    assert!(
        err.contains("broken.jsonl:5: invalid_json: the line is a JSON array"),
        "{err}"
    );
    assert!(err.contains("broken.jsonl:6: invalid_utf8"), "{err}");
}

#[test]
fn strict_fails_on_the_first_bad_record() {
    let env = TestEnv::new();
    env.cmd()
        .args([
            "analyze",
            s(&data("bad/malformed.csv")),
            "-l",
            &mini(),
            "--strict",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains("malformed.csv:3: expected 2 fields, found 4")
                .and(predicate::str::contains("--strict")),
        );
    env.cmd()
        .args([
            "analyze",
            s(&data("bad/broken.jsonl")),
            "-l",
            &mini(),
            "--strict",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.jsonl:2:"));
}

#[test]
fn bad_lexicons_name_file_and_line() {
    let env = TestEnv::new();
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            s(&data("bad/syntax.toml")),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("syntax.toml:6:"));
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            s(&data("bad/unknown_key.toml")),
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown_key.toml:6:").and(predicate::str::contains("term")),
        );
    env.cmd()
        .args(["analyze", s(&data("posts.csv")), "-l", "no-such-lexicon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("built-in lexicons: narco-es"));
}

#[test]
fn bad_option_values_exit_2() {
    let env = TestEnv::new();
    env.cmd()
        .args(["analyze", s(&data("posts.csv")), "--confidence", "95"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--confidence 95"));
    env.cmd()
        .args(["analyze", s(&data("posts.csv")), "--delimiter", "ab"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--delimiter"));
    env.cmd().args(["analyze"]).assert().code(2);
}

#[test]
fn lexicon_test_passes_on_shipped_and_fails_readably() {
    let env = TestEnv::new();
    env.cmd()
        .args(["lexicon", "test"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("builtin:narco-es:").and(predicate::str::contains("0 failed")),
        );
    env.cmd()
        .args(["lexicon", "test", s(&data("bad/failing_case.toml"))])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("FAIL")
                .and(predicate::str::contains("failing_case.toml:13"))
                .and(predicate::str::contains("expected: [weapons]"))
                .and(predicate::str::contains("found:    [groups, weapons]"))
                .and(predicate::str::contains("unexpected: groups")),
        )
        .stderr(predicate::str::contains("1 of 1 lexicon test cases failed"));
}

#[test]
fn default_lexicon_is_embedded() {
    let env = TestEnv::new();
    let r = json_report(env.cmd().args(["analyze", s(&data("posts.csv"))]));
    assert_eq!(r["provenance"]["lexicons"][0]["origin"], "builtin:narco-es");
    env.cmd()
        .args(["lexicon", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("name = \"narco-es\""));
}

#[test]
fn output_file_written_whole_with_format_from_extension() {
    let env = TestEnv::new();
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "-q",
            "-o",
            "out.json",
        ])
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let text = std::fs::read_to_string(env.path("out.json")).unwrap();
    let r: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(r["totals"]["posts_read"], 15);
    // A failing run leaves no file behind.
    env.cmd()
        .args([
            "analyze",
            s(&data("bad/malformed.csv")),
            "-l",
            &mini(),
            "--strict",
            "-o",
            "bad.json",
        ])
        .assert()
        .code(2);
    assert!(!env.path("bad.json").exists());
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".lexiscope-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn readme_lexicon_example_parses_and_passes() {
    // tests/data/readme_example.toml is the example of docs/lexicons.md (it
    // was the README's), copied verbatim.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/lexicons.md")).unwrap();
    let example = std::fs::read_to_string(data("readme_example.toml")).unwrap();
    assert!(
        readme.contains(&example),
        "docs/lexicons.md example and fixture differ"
    );
    let env = TestEnv::new();
    env.cmd()
        .args(["lexicon", "test", s(&data("readme_example.toml"))])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 cases, 2 passed"));
}

#[test]
fn fuzz_finds_native_lexicon_round_trip() {
    // The inputs the native_lexicon fuzz target crashed on (a lexicon-wide
    // exclude list; a weighted term listed twice): `lexicon show`, which
    // writes the native format, must give a file that parses again.
    let env = TestEnv::new();
    for find in [
        "fuzz/native_lexicon-crash-0c81dcf8.toml",
        "fuzz/native_lexicon-crash-8b4e6a99.toml",
    ] {
        let out = env
            .cmd()
            .args(["lexicon", "show", s(&data(find))])
            .assert()
            .success();
        let written = env.write("again.toml", out.get_output().stdout.clone());
        env.cmd()
            .args(["analyze", s(&data("posts.csv")), "-l", s(&written), "-q"])
            .assert()
            .success();
    }
}
