//! Parquet in and out (issue 16): a Parquet file (nested columns by dotted
//! path, several row groups, nulls) gives the numbers of the same posts in
//! JSONL; `annotate`, `kwic` and `sample` write Parquet for `-o *.parquet`,
//! and what they write reads back.

use std::sync::Arc;

use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch, StructArray};
use arrow_schema::{DataType, Field, Fields, Schema};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::file::properties::WriterProperties;

use crate::util::*;

/// The records of posts.jsonl: (id, text, user name).
fn records() -> Vec<(i64, Option<String>, String)> {
    std::fs::read_to_string(data("posts.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                i as i64 + 1,
                v["text"].as_str().map(str::to_string),
                format!("user{}", i % 3),
            )
        })
        .collect()
}

/// Write `rows` as Parquet: `id` (int64), `text` (nullable), `user.name`
/// (a struct), in row groups of `group` rows.
pub fn write_posts(
    path: &std::path::Path,
    rows: impl Iterator<Item = (i64, Option<String>, String)>,
    group: usize,
    props: WriterProperties,
) {
    let name = Field::new("name", DataType::Utf8, false);
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("text", DataType::Utf8, true),
        Field::new(
            "user",
            DataType::Struct(Fields::from(vec![name.clone()])),
            false,
        ),
    ]));
    let file = std::fs::File::create(path).unwrap();
    let mut w = ArrowWriter::try_new(file, Arc::clone(&schema), Some(props)).unwrap();
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        let (mut ids, mut texts, mut names) = (
            Int64Builder::new(),
            StringBuilder::new(),
            StringBuilder::new(),
        );
        for (id, text, user) in rows.by_ref().take(group) {
            ids.append_value(id);
            texts.append_option(text);
            names.append_value(user);
        }
        let users = StructArray::from(vec![(
            Arc::new(name.clone()),
            Arc::new(names.finish()) as ArrayRef,
        )]);
        let batch = RecordBatch::try_new(
            Arc::clone(&schema),
            vec![
                Arc::new(ids.finish()),
                Arc::new(texts.finish()),
                Arc::new(users),
            ],
        )
        .unwrap();
        w.write(&batch).unwrap();
        w.flush().unwrap();
    }
    w.close().unwrap();
}

#[test]
fn parquet_posts_count_as_their_json_lines() {
    let env = TestEnv::new();
    let file = env.path("posts.parquet");
    write_posts(&file, records().into_iter(), 4, WriterProperties::default());
    let want = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.jsonl")), "-l", &mini()]),
    );
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&file),
            "-l",
            &mini(),
            "--by",
            "user.name",
            "-f",
            "json",
        ])
        .assert()
        .success();
    let got: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(posts_by_category(&got), posts_by_category(&want));
    assert_eq!(got["totals"]["posts_read"], want["totals"]["posts_read"]);
    assert_eq!(
        got["groups"].as_array().unwrap().len(),
        3,
        "the nested column groups"
    );
    assert!(stderr_of(&out).contains("Parquet"));
    // A missing column is an error that lists the columns.
    env.cmd()
        .args(["analyze", s(&file), "-l", &mini(), "--text", "body"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("user.name"));
    // From stdin or compressed, a Parquet file cannot be read: said so.
    env.cmd()
        .args(["analyze", "-", "-l", &mini()])
        .write_stdin(std::fs::read(&file).unwrap())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not from stdin"));
}

/// (rows, column names and types) of a Parquet file.
fn read_back(path: &std::path::Path) -> (usize, Vec<(String, String)>) {
    let b = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap()).unwrap();
    let fields = b
        .schema()
        .fields()
        .iter()
        .map(|f| (f.name().clone(), f.data_type().to_string()))
        .collect();
    let rows = b.build().unwrap().map(|r| r.unwrap().num_rows()).sum();
    (rows, fields)
}

#[test]
fn annotate_kwic_and_sample_write_parquet_for_a_parquet_name() {
    let env = TestEnv::new();
    let input = s(&data("posts.jsonl")).to_string();
    for args in [
        vec!["annotate", &input, "-l", &mini(), "-o", "a.parquet"],
        vec![
            "kwic",
            &input,
            "-l",
            &mini(),
            "--category",
            "weapons",
            "-o",
            "k.parquet",
        ],
        vec![
            "sample",
            &input,
            "-l",
            &mini(),
            "-n",
            "100",
            "-o",
            "s.parquet",
        ],
    ] {
        env.cmd().args(&args).arg("-q").assert().success();
    }
    let (rows, fields) = read_back(&env.path("a.parquet"));
    assert_eq!(rows, 15, "one row per record");
    assert!(
        fields.contains(&("line".into(), "Int64".into())),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("pct_weapons".into(), "Float64".into())),
        "{fields:?}"
    );
    let (rows, fields) = read_back(&env.path("k.parquet"));
    let csv = env
        .cmd()
        .args([
            "kwic",
            &input,
            "-l",
            &mini(),
            "--category",
            "weapons",
            "-f",
            "csv",
            "-q",
        ])
        .assert()
        .success();
    let csv_rows = ::csv::Reader::from_reader(csv.get_output().stdout.as_slice())
        .records()
        .count();
    assert_eq!(rows, csv_rows, "the lines of the CSV: {fields:?}");
    assert!(rows > 0);
    let (rows, _) = read_back(&env.path("s.parquet"));
    assert_eq!(rows, 13, "every analyzed post");
    // The sheet reads back as posts.
    let r = json_report(
        env.cmd()
            .args(["analyze", s(&env.path("s.parquet")), "-l", &mini()]),
    );
    assert_eq!(r["totals"]["posts_analyzed"], 13);
}

#[test]
fn a_parquet_file_written_by_pyarrow_reads_the_same() {
    // tests/data/platforms/posts_pyarrow.parquet: posts.jsonl written by
    // pyarrow 26 (snappy, row groups of 4), with a struct and a list column.
    let env = TestEnv::new();
    let want = json_report(
        env.cmd()
            .args(["analyze", s(&data("posts.jsonl")), "-l", &mini()]),
    );
    let file = data("platforms/posts_pyarrow.parquet");
    let got =
        json_report(
            env.cmd()
                .args(["analyze", s(&file), "-l", &mini(), "--by", "user.name"]),
        );
    assert_eq!(posts_by_category(&got), posts_by_category(&want));
    assert_eq!(got["totals"], want["totals"]);
    assert_eq!(got["groups"].as_array().unwrap().len(), 3);
    // A list column reads as its printed value.
    let by_tags = json_report(
        env.cmd()
            .args(["analyze", s(&file), "-l", &mini(), "--by", "tags"]),
    );
    assert_eq!(
        by_tags["groups"].as_array().unwrap().len(),
        3,
        "[], [a], [a, b]"
    );
}
