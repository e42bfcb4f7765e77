//! Scale-out (issue 7): shard tallies merge into exactly the report of one
//! run; stdin → stdout filters.

use predicates::prelude::*;

use crate::util::*;

/// The example corpus split into three CSV shards (header repeated).
fn shards(env: &TestEnv) -> Vec<std::path::PathBuf> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/cartel-posts.csv"
    ))
    .unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header = rdr.byte_headers().unwrap().clone();
    let records: Vec<csv::ByteRecord> = rdr.byte_records().map(|r| r.unwrap()).collect();
    let third = records.len() / 3 + 1;
    records
        .chunks(third)
        .enumerate()
        .map(|(i, chunk)| {
            let path = env.path(&format!("shard{i}.csv"));
            let mut w = csv::Writer::from_path(&path).unwrap();
            w.write_byte_record(&header).unwrap();
            for r in chunk {
                w.write_byte_record(r).unwrap();
            }
            w.flush().unwrap();
            path
        })
        .collect()
}

#[test]
fn three_shards_merge_to_the_single_run() {
    let env = TestEnv::new();
    let parts = shards(&env);
    let flags = [
        "--by",
        "Page Name",
        "--every",
        "month",
        "--date",
        "Post Created",
        "--weight",
        "Total Interactions",
        "--decimal",
        ",",
        "--cluster",
        "User Name",
        "--cooccurrence",
    ];
    let single = env
        .cmd()
        .arg("analyze")
        .args(parts.iter().map(|p| s(p)))
        .args(flags)
        .args(["-f", "json", "-q"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut tallies = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let tally = env.path(&format!("t{i}.json"));
        env.cmd()
            .args(["analyze", s(part)])
            .args(flags)
            .args(["--emit-tally", s(&tally), "-q"])
            .assert()
            .success()
            .stdout(predicate::str::is_empty());
        tallies.push(tally);
    }
    let merged = env
        .cmd()
        .arg("merge")
        .args(tallies.iter().map(|p| s(p)))
        .args(["-f", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // Byte for byte, provenance included (the shards are the single run's inputs).
    assert_eq!(
        String::from_utf8_lossy(&merged),
        String::from_utf8_lossy(&single)
    );
    // Order of the shards changes only the order of the inputs.
    let reversed = env
        .cmd()
        .arg("merge")
        .args(tallies.iter().rev().map(|p| s(p)))
        .args(["-f", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // Tallies concatenated into one file (one per line) merge the same.
    let mut all = Vec::new();
    for t in &tallies {
        all.extend(std::fs::read(t).unwrap());
    }
    let concatenated = env.write("all.jsonl", all);
    let from_one_file = env
        .cmd()
        .args(["merge", s(&concatenated), "-f", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(from_one_file, merged);
    let a: serde_json::Value = serde_json::from_slice(&merged).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&reversed).unwrap();
    assert_eq!(a["categories"], b["categories"]);
    assert_eq!(a["groups"], b["groups"]);
}

#[test]
fn merge_refuses_shards_of_different_analyses() {
    let env = TestEnv::new();
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--emit-tally",
            "a.json",
            "-q",
        ])
        .assert()
        .success();
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            s(&data("mini2.toml")),
            "--emit-tally",
            "b.json",
            "-q",
        ])
        .assert()
        .success();
    env.cmd()
        .args(["merge", "a.json", "b.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not shards of one analysis"));
    let junk = env.write("junk.json", "{}");
    env.cmd()
        .args(["merge", s(&junk)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a lexiscope tally"));
    env.cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--emit-tally",
            "c.json",
            "--dedupe",
            "exact",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--dedupe cannot be used with --emit-tally",
        ));
}

#[test]
fn tallies_stream_through_stdin_and_stdout() {
    let env = TestEnv::new();
    let posts = std::fs::read(data("posts.jsonl")).unwrap();
    let tally = env
        .cmd()
        .args(["analyze", "-", "-l", &mini(), "--emit-tally", "-", "-q"])
        .write_stdin(posts.clone())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        tally.iter().filter(|&&b| b == b'\n').count(),
        1,
        "one tally per line"
    );
    let mut two = tally.clone();
    two.extend_from_slice(&tally);
    let merged: serde_json::Value = serde_json::from_slice(
        &env.cmd()
            .args(["merge", "-", "-f", "json"])
            .write_stdin(two)
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert_eq!(merged["totals"]["posts_read"], 30);
    let report = json_report(
        env.cmd()
            .args(["analyze", "-", "-l", &mini()])
            .write_stdin(posts),
    );
    assert_eq!(report["totals"]["posts_read"], 15);
}
