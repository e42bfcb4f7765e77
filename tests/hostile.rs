//! Hostile inputs (issue 9): each asserts the exit code, the message and the
//! counts of what was skipped; memory stays bounded by --max-field-bytes.
//! The slow ones are behind `--ignored` (run by .ci/run).

use predicates::prelude::*;

use crate::util::*;

fn totals(r: &serde_json::Value) -> (u64, u64, u64, u64) {
    let t = &r["totals"];
    let n = |k: &str| t[k].as_u64().unwrap();
    (
        n("posts_read"),
        n("posts_analyzed"),
        n("posts_empty"),
        n("posts_skipped"),
    )
}

/// posts read = analyzed + empty + skipped, and the reasons add up.
fn assert_invariant(r: &serde_json::Value, what: &str) {
    let (read, analyzed, empty, skipped) = totals(r);
    assert_eq!(read, analyzed + empty + skipped, "{what}");
    let reasons: u64 = r["totals"]["skipped_by_reason"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(reasons, skipped, "{what}");
}

fn huge_text() -> String {
    "arma ".repeat(10_000_000) // 50 MB
}

#[test]
#[ignore = "slow: writes and reads 50 MB fields"]
fn a_50_mb_field() {
    let env = TestEnv::new();
    let jsonl = env.write(
        "big.jsonl",
        format!(
            "{{\"text\": \"el CJNG\"}}\n{{\"text\": \"{}\"}}\n{{\"text\": \"arma\"}}\n",
            huge_text()
        ),
    );
    let (code, stdout, rss_mib) = run_measured(
        env.dir.path(),
        &["analyze", s(&jsonl), "-l", &mini(), "-f", "json"],
    );
    assert_eq!(code, 0);
    eprintln!("50 MB line skipped: peak RSS {rss_mib} MiB");
    assert!(
        rss_mib < 100,
        "the skipped line was held in memory: {rss_mib} MiB"
    );
    let r: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(totals(&r), (3, 2, 0, 1));
    let out = env
        .cmd()
        .args(["analyze", s(&jsonl), "-l", &mini(), "-f", "json"])
        .assert()
        .success();
    assert_eq!(r["totals"]["skipped_by_reason"]["record_too_large"], 1);
    assert!(stderr_of(&out).contains("big.jsonl:2: record_too_large"));
    // Raised limit: the field is read and matched (10 million hits).
    let r = json_report(env.cmd().args([
        "analyze",
        s(&jsonl),
        "-l",
        &mini(),
        "--max-field-bytes",
        "60000000",
    ]));
    assert_eq!(r["categories"][0]["hits"], 10_000_001);
    // CSV: the run stops with the line and a hint.
    let csv = env.write(
        "big.csv",
        format!("id,text\n1,CJNG\n2,\"{}\"\n3,arma\n", huge_text()),
    );
    env.cmd()
        .args(["analyze", s(&csv), "-l", &mini()])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("big.csv:3: a record longer than --max-field-bytes")
                .and(predicate::str::contains("hint: raise --max-field-bytes")),
        );
}

#[test]
#[ignore = "slow: 10 million rows"]
fn ten_million_tiny_rows() {
    use std::io::Write;
    let env = TestEnv::new();
    // Written as a stream, so that this test process stays small: a child's
    // peak RSS starts from its parent's at fork.
    let path = env.path("tiny.csv");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    w.write_all(b"text\n").unwrap();
    for i in 0..10_000_000u32 {
        w.write_all(if i % 10 == 0 { b"arma\n" } else { b"x\n" })
            .unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let (code, stdout, rss_mib) = run_measured(
        env.dir.path(),
        &["analyze", s(&path), "-l", &mini(), "-f", "json", "-q"],
    );
    assert_eq!(code, 0);
    let r: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(totals(&r), (10_000_000, 10_000_000, 0, 0));
    assert_eq!(r["categories"][0]["posts"], 1_000_000);
    eprintln!("10 million rows: peak RSS {rss_mib} MiB");
    assert!(rss_mib < 100, "peak RSS {rss_mib} MiB");
}

#[test]
fn deeply_nested_json() {
    let env = TestEnv::new();
    let deep = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let arrays = format!(
        "{{\"text\": {}\"arma\"{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let path = env.write(
        "deep.jsonl",
        format!("{{\"text\":\"arma\"}}\n{deep}\n{arrays}\n{{\"text\":\"x\"}}\n"),
    );
    let r = json_report(env.cmd().args(["analyze", s(&path), "-l", &mini()]));
    assert_invariant(&r, "deep");
    // Deep nesting is stepped over without recursion (serde_json's
    // IgnoredAny): no stack overflow, and neither line has text (two empty
    // posts).
    assert_eq!(totals(&r), (4, 2, 2, 0));
}

#[test]
fn nul_bytes() {
    let env = TestEnv::new();
    let path = env.write(
        "nul.jsonl",
        b"{\"text\":\"ar\\u0000ma\"}\n{\"text\":\"arma\x00\"}\n\x00\x00\n{\"text\":\"arma\"}\n",
    );
    let r = json_report(env.cmd().args(["analyze", s(&path), "-l", &mini()]));
    assert_invariant(&r, "nul");
    assert_eq!(totals(&r), (4, 2, 0, 2));
    assert_eq!(
        r["categories"][0]["posts"], 1,
        "an escaped NUL is a separator: ar ma"
    );
    let csv = env.write("nul.csv", b"text\narma\x00\n\x00\n");
    let r = json_report(env.cmd().args(["analyze", s(&csv), "-l", &mini()]));
    assert_invariant(&r, "nul csv");
    assert_eq!(totals(&r), (2, 1, 1, 0));
}

#[test]
fn invalid_utf8_in_every_position() {
    let env = TestEnv::new();
    let line = b"{\"id\": 1, \"text\": \"el cjng y las armas\"}";
    let mut jsonl = Vec::new();
    let mut csv = b"id,text\n".to_vec();
    let row = b"1,el cjng y las armas";
    for k in 0..line.len() {
        let mut l = line.to_vec();
        l.insert(k, 0xFF);
        jsonl.extend_from_slice(&l);
        jsonl.push(b'\n');
    }
    for k in 0..row.len() {
        let mut l = row.to_vec();
        l.insert(k, 0xFF);
        csv.extend_from_slice(&l);
        csv.push(b'\n');
    }
    let p = env.write("bad.jsonl", jsonl);
    // Every record is skipped: no post analyzed, exit 1.
    let r = json_report_of_nothing(env.cmd().args(["analyze", s(&p), "-l", &mini()]));
    assert_invariant(&r, "jsonl");
    assert_eq!(totals(&r), (line.len() as u64, 0, 0, line.len() as u64));
    assert_eq!(r["totals"]["skipped_by_reason"]["invalid_utf8"], line.len());
    let p = env.write("bad.csv", csv);
    let r = json_report(env.cmd().args(["analyze", s(&p), "-l", &mini()]));
    assert_invariant(&r, "csv");
    // In the id column the byte is decoded lossily; in the text it skips the row.
    let in_text = (row.len() - 2) as u64;
    assert_eq!(
        totals(&r),
        (row.len() as u64, row.len() as u64 - in_text, 0, in_text)
    );
}

#[test]
fn a_bom_in_the_middle() {
    let env = TestEnv::new();
    let p = env.write(
        "bom.jsonl",
        "{\"text\":\"arma\"}\n\u{feff}{\"text\":\"arma\"}\n{\"text\":\"ar\u{feff}ma\"}\n",
    );
    let r = json_report(env.cmd().args(["analyze", s(&p), "-l", &mini()]));
    assert_invariant(&r, "bom");
    assert_eq!(totals(&r), (3, 2, 0, 1));
    assert_eq!(
        r["categories"][0]["posts"], 2,
        "a BOM inside a word is invisible"
    );
    let p = env.write("bom.csv", "text\narma\n\u{feff}arma\n");
    let r = json_report(env.cmd().args(["analyze", s(&p), "-l", &mini()]));
    assert_eq!(r["categories"][0]["posts"], 2);
}

#[test]
fn a_quote_that_never_closes() {
    let env = TestEnv::new();
    let p = env.write(
        "q.csv",
        "id,text\n1,CJNG\n2,\"never closed\n3,arma\n4,hola\n",
    );
    let out = env
        .cmd()
        .args(["analyze", s(&p), "-l", &mini(), "-f", "json"])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(totals(&r), (2, 1, 0, 1));
    assert_eq!(r["totals"]["skipped_by_reason"]["unclosed_quote"], 1);
    assert!(
        stderr_of(&out).contains("q.csv:3: unclosed_quote"),
        "{}",
        stderr_of(&out)
    );
    env.cmd()
        .args(["analyze", s(&p), "-l", &mini(), "--strict"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("q.csv:3"));
}

#[test]
#[ignore = "slow: compiles a lexicon of 100,000 terms"]
fn a_lexicon_of_100000_terms() {
    let env = TestEnv::new();
    let terms: Vec<String> = (0..100_000u32).map(|i| format!("\"t{i:x}z\"")).collect();
    let lex = env.write(
        "big.toml",
        format!(
            "[lexicon]\nname = \"big\"\n[[category]]\nid = \"a\"\nterms = [{}, \"arma\"]\n",
            terms.join(", ")
        ),
    );
    let posts = env.write("p.csv", "text\nt1z y t2z\narma\nnada\n");
    let r = json_report(env.cmd().args(["analyze", s(&posts), "-l", s(&lex)]));
    assert_eq!(r["categories"][0]["posts"], 2);
}

#[test]
fn a_term_of_10000_characters() {
    let env = TestEnv::new();
    let long = "a".repeat(10_000);
    let lex = env.write(
        "long.toml",
        format!("[lexicon]\nname = \"l\"\n[[category]]\nid = \"a\"\nterms = [\"{long}\", \"b\"]\n"),
    );
    let posts = env.write("p.csv", format!("text\n{long}\nx {long} y\n{long}a\nb\n"));
    let r = json_report(env.cmd().args(["analyze", s(&posts), "-l", s(&lex)]));
    assert_eq!(r["categories"][0]["posts"], 3);
}

#[test]
fn regex_terms_cannot_backtrack_or_explode() {
    let env = TestEnv::new();
    let lex = env.write(
        "re.toml",
        "[lexicon]\nname = \"r\"\n[[category]]\nid = \"a\"\nterms = ['re:(a+)+$', 'arma']\n",
    );
    let posts = env.write("p.csv", format!("text\n{} b\narma\n", "a".repeat(50_000)));
    let r = json_report(env.cmd().args(["analyze", s(&posts), "-l", s(&lex)]));
    assert_eq!(r["categories"][0]["posts"], 1);
    let big = env.write("big.toml", "[lexicon]\nname = \"r\"\n[[category]]\nid = \"a\"\nterms = [\n'x',\n're:(\\w{100}){100}(\\w{100}){100}']\n");
    env.cmd()
        .args(["analyze", s(&posts), "-l", s(&big)])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("big.toml:7: regex term")
                .and(predicate::str::contains("size limit")),
        );
    let bad = env.write(
        "bad.toml",
        "[lexicon]\nname = \"r\"\n[[category]]\nid = \"a\"\nterms = ['re:(unclosed']\n",
    );
    env.cmd()
        .args(["analyze", s(&posts), "-l", s(&bad)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:5: regex term"));
}

#[test]
fn every_csv_writer_defuses_formulas() {
    let env = TestEnv::new();
    let posts = env.write(
        "f.csv",
        "id,text\n=1+1,\"=HYPERLINK(\"\"http://x\"\") arma\"\n@2,-arma\n",
    );
    for args in [
        vec![
            "kwic",
            s(&posts),
            "-l",
            &mini(),
            "--category",
            "weapons",
            "-f",
            "csv",
            "-q",
        ],
        vec!["annotate", s(&posts), "-l", &mini(), "-f", "csv", "-q"],
        vec!["sample", s(&posts), "-l", &mini(), "--n", "5", "-q"],
    ] {
        let out = env.cmd().args(&args).assert().success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for rec in rdr.records() {
            for cell in rec.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "{}: {cell:?}",
                    args[0]
                );
            }
        }
        let raw = env.cmd().args(&args).arg("--raw-csv").assert().success();
        let text = String::from_utf8_lossy(&raw.get_output().stdout).to_string();
        assert!(
            text.contains("=1+1") && !text.contains("'=1+1"),
            "{}: --raw-csv",
            args[0]
        );
    }
}

#[test]
fn counts_add_up_on_every_fixture() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs: Vec<std::path::PathBuf> = Vec::new();
    for dir in [
        "tests/data",
        "tests/data/bad",
        "tests/data/platforms",
        "examples",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = entry.unwrap().path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if ["csv", "jsonl", "tsv"].contains(&ext)
                || name.starts_with("whatsapp")
                || name.starts_with("telegram")
            {
                inputs.push(p);
            }
        }
    }
    // Fuzzing seeds and finds, where a fuzz run left them.
    for target in [
        "csv_source",
        "jsonl_source",
        "x_source",
        "telegram_source",
        "whatsapp_source",
    ] {
        if let Ok(dir) = std::fs::read_dir(root.join("fuzz/corpus").join(target)) {
            inputs.extend(dir.filter_map(|e| e.ok()).map(|e| e.path()).take(200));
        }
    }
    assert!(inputs.len() > 15, "{inputs:?}");
    let env = TestEnv::new();
    for p in inputs {
        let out = env
            .cmd()
            .args(["analyze", s(&p), "-l", &mini(), "-f", "json", "-q"])
            .output()
            .unwrap();
        match out.status.code() {
            Some(0) => {
                let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                assert_invariant(&r, &p.display().to_string());
            }
            // A usage or input error (no text field, unreadable file): a
            // message, never a panic.
            Some(2) => assert!(
                String::from_utf8_lossy(&out.stderr).contains("lexiscope: error:"),
                "{}",
                p.display()
            ),
            other => panic!(
                "{}: exit {other:?}\n{}",
                p.display(),
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }
}

#[test]
#[cfg(unix)]
fn an_interrupted_run_leaves_no_output() {
    let env = TestEnv::new();
    // Enough posts to still be running when the signal comes.
    let line = "{\"text\": \"el cartel de sinaloa trae cuernos de chivo y armas largas\"}\n"
        .repeat(400_000);
    let path = env.write("many.jsonl", line.repeat(3));
    let bin = assert_cmd::cargo::cargo_bin("lexiscope");
    // Ctrl-C; what `timeout`, Slurm and `docker stop` send; a closed terminal.
    for (signal, name) in [
        (libc::SIGINT, "SIGINT"),
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGHUP, "SIGHUP"),
    ] {
        let mut child = std::process::Command::new(&bin)
            .current_dir(env.dir.path())
            .args([
                "annotate",
                s(&path),
                "-l",
                &mini(),
                "-q",
                "-j",
                "1",
                "-o",
                "out.jsonl",
            ])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        // SAFETY: kill(2) on our own child's pid.
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        if status.success() {
            eprintln!("skipped {name}: the run finished before the signal");
            continue;
        }
        assert_eq!(status.code(), Some(130), "{name}");
        let left: Vec<String> = std::fs::read_dir(env.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".lexiscope-") || n == "out.jsonl")
            .collect();
        assert!(left.is_empty(), "{name} left behind: {left:?}");
    }
}

/// Destroyed or overwritten files: an output that is not a regular file is
/// written in place (never renamed over), and an output that is one of the
/// run's own files is refused before anything is read.
#[test]
#[cfg(unix)]
fn destroyed_or_overwritten_files() {
    use std::os::unix::fs::FileTypeExt;
    let env = TestEnv::new();
    let posts = env.write(
        "posts.jsonl",
        "{\"id\":\"1\",\"text\":\"cuerno de chivo\"}\n",
    );
    let original = std::fs::read(&posts).unwrap();
    let lexicon = mini();
    // The input as the output, under its own name and another.
    let link = env.dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&posts, &link).unwrap();
    let tally = env.dir.path().join("t.json");
    env.cmd()
        .args([
            "analyze",
            s(&posts),
            "-l",
            &lexicon,
            "-q",
            "--emit-tally",
            s(&tally),
        ])
        .assert()
        .success();
    let tally_bytes = std::fs::read(&tally).unwrap();
    for args in [
        vec!["analyze", s(&posts), "-l", &lexicon, "-o", s(&posts)],
        vec!["annotate", s(&posts), "-l", &lexicon, "-o", s(&link)],
        vec!["analyze", s(&posts), "-l", &lexicon, "--chart", s(&posts)],
        vec![
            "kwic",
            s(&posts),
            "-l",
            &lexicon,
            "--category",
            "weapons",
            "-o",
            s(&posts),
        ],
        vec!["analyze", s(&posts), "-l", &lexicon, "-o", &lexicon],
        vec!["merge", s(&tally), "-o", s(&tally)],
        vec!["lexicon", "convert", &lexicon, &lexicon],
    ] {
        env.cmd()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is also read by this run"));
    }
    assert_eq!(std::fs::read(&posts).unwrap(), original);
    assert_eq!(std::fs::read(&tally).unwrap(), tally_bytes);
    // A device stays a device.
    env.cmd()
        .args([
            "analyze",
            s(&posts),
            "-l",
            &lexicon,
            "-q",
            "-o",
            "/dev/null",
        ])
        .assert()
        .success();
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
    // A FIFO is written in place: the reader gets the report.
    let fifo = env.dir.path().join("fifo");
    let c = std::ffi::CString::new(s(&fifo)).unwrap();
    // SAFETY: mkfifo(3) on a NUL-terminated path in our own temp dir.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    env.cmd()
        .args([
            "analyze",
            s(&posts),
            "-l",
            &lexicon,
            "-q",
            "-f",
            "json",
            "-o",
            s(&fifo),
        ])
        .assert()
        .success();
    let report = reader.join().unwrap();
    assert!(report.contains("\"posts_analyzed\": 1"), "{report}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    // `-` is stdout.
    env.cmd()
        .args([
            "analyze",
            s(&posts),
            "-l",
            &lexicon,
            "-q",
            "-f",
            "json",
            "-o",
            "-",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"posts_analyzed\": 1"));
}

/// Panics: stdout closed before the output is written (`lexicon show |
/// true`, `analyze -f csv | head`) ends quietly with exit 0; stdout full
/// (`> /dev/full`) is a message and exit 2; never the panic exit 101.
#[test]
fn panics_on_closed_or_full_stdout() {
    use std::process::{Command, Stdio};
    let env = TestEnv::new();
    let posts = s(&data("posts.csv")).to_string();
    let lexicon = mini();
    let runs: [Vec<&str>; 4] = [
        vec!["lexicon", "show", "narco-es"],
        vec!["lexicon", "test"],
        vec!["analyze", &posts, "-l", &lexicon, "-f", "csv", "-q"],
        vec![
            "kwic",
            &posts,
            "-l",
            &lexicon,
            "--category",
            "weapons",
            "-q",
        ],
    ];
    for args in &runs {
        // A pipe whose reading end is closed at once.
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("lexiscope"))
            .current_dir(env.dir.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?} into a closed pipe: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if std::path::Path::new("/dev/full").exists() {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let out = Command::new(assert_cmd::cargo::cargo_bin("lexiscope"))
                .current_dir(env.dir.path())
                .args(args)
                .stdout(full)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?} > /dev/full: {err}");
            assert!(
                err.contains("No space left") && !err.contains("panicked"),
                "{err}"
            );
        }
    }
}

#[test]
fn absurd_window_and_bootstrap_values_are_usage_errors_not_panics() {
    let env = TestEnv::new();
    let posts = s(&data("posts.csv")).to_string();
    for args in [
        vec![
            "kwic",
            &posts,
            "-l",
            &mini(),
            "--category",
            "weapons",
            "--window",
            "65536",
        ],
        vec![
            "analyze",
            &posts,
            "-l",
            &mini(),
            "--cluster",
            "id",
            "--bootstrap",
            "18446744073709551615",
        ],
        vec![
            "analyze",
            &posts,
            "-l",
            &mini(),
            "--cluster",
            "id",
            "--bootstrap",
            "1000000000",
        ],
        vec![
            "analyze",
            &posts,
            "-l",
            &mini(),
            "--cluster",
            "id",
            "--bootstrap",
            "0",
        ],
    ] {
        env.cmd()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("invalid value"));
    }
    // The largest allowed window still renders.
    env.cmd()
        .args([
            "kwic",
            &posts,
            "-l",
            &mini(),
            "--category",
            "weapons",
            "--window",
            "10000",
            "-q",
        ])
        .assert()
        .success();
}

/// Posts lost without a word: ids that `sample` guarded against spreadsheet
/// formulas (`'-1001`) are found again by `evaluate`; an id coded twice
/// with different codes, and a file given twice, are said.
#[test]
fn posts_lost_without_a_word() {
    let env = TestEnv::new();
    let posts = env.write(
        "posts.jsonl",
        "{\"id\":\"-1001\",\"text\":\"cuerno de chivo\"}\n{\"id\":\"+52\",\"text\":\"hola\"}\n\
         {\"id\":\"=x\",\"text\":\"hola\"}\n{\"id\":\"@y\",\"text\":\"cuerno\"}\n",
    );
    let lexicon = mini();
    let sheet = env.dir.path().join("sheet.csv");
    env.cmd()
        .args([
            "sample",
            s(&posts),
            "-l",
            &lexicon,
            "-n",
            "4",
            "-q",
            "--blind",
            "-o",
            s(&sheet),
        ])
        .assert()
        .success();
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert!(text.contains("'-1001"), "{text}");
    // A coder fills in the sheet; evaluate reads it back.
    let coded: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let l = if i == 0 {
                l.to_string()
            } else {
                l.replacen(",,", ",0,", 1)
            };
            format!("{l}\n")
        })
        .collect();
    let coded = env.write("coded.csv", coded);
    env.cmd()
        .args([
            "evaluate",
            "--gold",
            s(&coded),
            s(&posts),
            "-l",
            &lexicon,
            "-q",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("not among the input posts").not());
    // The same id coded twice, differently.
    let gold = env.write("gold.csv", "id,weapons\n-1001,1\n+52,0\n-1001,0\n");
    env.cmd()
        .args(["evaluate", "--gold", s(&gold), s(&posts), "-l", &lexicon])
        .assert()
        .success()
        .stderr(predicate::str::contains("1 rows repeat an id"))
        .stderr(predicate::str::contains(
            "coded differently on their rows: -1001",
        ));
    // One file given twice, under two names.
    let again = env.dir.path().join(".").join("posts.jsonl");
    env.cmd()
        .args(["analyze", s(&posts), s(&again), "-l", &lexicon])
        .assert()
        .success()
        .stderr(predicate::str::contains("is the same file as"));
}

/// The JSON report of `path` with `--max-field-bytes 1000`, its counts
/// checked to add up.
fn analyze_with_small_records(
    env: &TestEnv,
    path: &std::path::Path,
    what: &str,
) -> serde_json::Value {
    let r = json_report(env.cmd().args([
        "analyze",
        s(path),
        "-l",
        &mini(),
        "--max-field-bytes",
        "1000",
    ]));
    assert_invariant(&r, what);
    r
}

/// Posts lost without a word, X pages: one bad tweet (a lone surrogate, a
/// field of the wrong type, a tweet over --max-field-bytes) is one skipped
/// record, and the other tweets of its page are read.
#[test]
fn posts_lost_without_a_word_x_pages() {
    let env = TestEnv::new();
    let tweet = |i: usize, text: &str| {
        format!(
            r#"{{"id":"{i}","author_id":"9","conversation_id":"{i}","created_at":"2024-01-01T00:00:00Z","text":"{text}"}}"#
        )
    };
    let mut tweets: Vec<String> = (0..100).map(|i| tweet(i, "un arma")).collect();
    tweets[10] = tweet(10, r"lone \ud800 surrogate");
    tweets[20] = r#"{"id":"20","author_id":"9","conversation_id":"1","referenced_tweets":"wrong","text":"arma"}"#.into();
    tweets[30] = tweet(30, &"arma ".repeat(400));
    let page = format!(
        r#"{{"data":[{}],"includes":{{"users":[{{"id":"9","username":"u"}},{{"id":"\udc00"}}]}},"meta":{{"result_count":100}}}}"#,
        tweets.join(",")
    );
    let p = env.write("page.jsonl", format!("{page}\n"));
    let r = analyze_with_small_records(&env, &p, "x page");
    assert_eq!(totals(&r), (100, 97, 0, 3), "{r}");
    let reasons = &r["totals"]["skipped_by_reason"];
    assert_eq!(reasons["invalid_json"], 2, "{r}");
    assert_eq!(reasons["record_too_large"], 1, "{r}");
    // Includes of the wrong type are dropped, not the page.
    for includes in [r#""oops""#, r#"{"users":{"id":"9"},"tweets":7}"#] {
        let page = format!(
            r#"{{"data":[{},{}],"includes":{includes}}}"#,
            tweet(1, "un arma"),
            tweet(2, "hola")
        );
        let p = env.write("bad_includes.jsonl", format!("{page}\n"));
        let r = analyze_with_small_records(&env, &p, "x page");
        assert_eq!(totals(&r), (2, 2, 0, 0), "{includes}: {r}");
    }
}

/// Posts lost without a word, WhatsApp: a message holding a byte that is
/// not UTF-8 is counted as invalid_utf8 (not decoded lossily), a message
/// over --max-field-bytes as record_too_large, and the others are read.
#[test]
fn posts_lost_without_a_word_whatsapp() {
    let env = TestEnv::new();
    let mut chat: Vec<u8> = Vec::new();
    chat.extend_from_slice(b"13/01/2024, 10:00 - Ana: un arma\n");
    chat.extend_from_slice(b"13/01/2024, 10:01 - Beto: bad \xff byte\n");
    chat.extend_from_slice(b"13/01/2024, 10:02 - Ana: line one\nbad \xfe continuation\n");
    chat.extend_from_slice(b"13/01/2024, 10:03 - Beto: ");
    chat.extend_from_slice("arma ".repeat(300).as_bytes());
    chat.extend_from_slice(b"\n13/01/2024, 10:04 - Ana: long\n");
    for _ in 0..300 {
        chat.extend_from_slice(b"arma arma\n");
    }
    chat.extend_from_slice(b"13/01/2024, 10:05 - Beto: otra arma\n");
    let p = env.write("chat.txt", chat);
    let r = analyze_with_small_records(&env, &p, "whatsapp");
    assert_eq!(totals(&r), (6, 2, 0, 4), "{r}");
    let reasons = &r["totals"]["skipped_by_reason"];
    assert_eq!(reasons["invalid_utf8"], 2, "{r}");
    assert_eq!(reasons["record_too_large"], 2, "{r}");
    // A date that reads only against the file's order is read its way, and
    // the end of the input says so.
    let mixed = env.write(
        "mixed.txt",
        "25/04/2021, 10:00 - Ana: un arma\n04/26/2021, 10:01 - Beto: otra arma\n",
    );
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&mixed),
            "-l",
            &mini(),
            "--every",
            "month",
            "-f",
            "json",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("1 dates (the first on line 2) read only month first"),
        "{stderr}"
    );
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        r["groups"].as_array().unwrap().len(),
        1,
        "both in April: {r}"
    );
}

/// Posts lost without a word, UTF-16 read as UTF-8 (`--encoding utf-8`
/// forced on it, a column picked by number): text full of NULs is counted
/// as nul_text with a hint, not analyzed as 0 matches.
#[test]
fn posts_lost_without_a_word_nul_text() {
    let env = TestEnv::new();
    let utf16: Vec<u8> = "id,text\n1,un arma\n2,otra arma\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let p = env.write("utf16.csv", utf16);
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&p),
            "-l",
            &mini(),
            "--text",
            "2",
            "--encoding",
            "utf-8",
            "-f",
            "json",
        ])
        .assert()
        .stderr(predicate::str::contains("--encoding utf-16le"));
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_invariant(&r, "utf-16 as utf-8");
    assert_eq!(r["totals"]["posts_analyzed"], 0, "{r}");
    assert!(
        r["totals"]["skipped_by_reason"]["nul_text"].as_u64() >= Some(1),
        "{r}"
    );
    // Read as what it is, the same file counts both posts.
    let r = json_report(
        env.cmd()
            .args(["analyze", s(&p), "-l", &mini(), "--text", "2"]),
    );
    assert_eq!(totals(&r), (2, 2, 0, 0), "{r}");
    assert_eq!(r["categories"][0]["posts"], 2, "{r}");
}

/// Time and memory that grow faster than the input: `-j` beyond a few
/// threads per core is capped (with a warning), not obeyed.
#[test]
fn time_and_memory_that_grow_faster_than_the_input() {
    let env = TestEnv::new();
    let posts = s(&data("posts.csv")).to_string();
    env.cmd()
        .args(["analyze", &posts, "-l", &mini(), "-j", "20000"])
        .assert()
        .success()
        .stderr(predicate::str::contains("-j 20000: this machine has"));
    // A --by over more distinct values than --max-groups: the groups after
    // the first N (met batch by batch, whatever the threads) are counted in
    // "(other groups)", so memory is bounded and no post is lost.
    let mut csv = String::from("id,author,text\n");
    for i in 0..20_000 {
        csv.push_str(&format!(
            "{i},u{},{}\n",
            i % 15_000,
            if i % 3 == 0 { "un arma" } else { "hola" }
        ));
    }
    let p = env.write("authors.csv", csv);
    let run = |threads: &str| {
        let out = env
            .cmd()
            .args([
                "analyze",
                s(&p),
                "-l",
                &mini(),
                "--by",
                "author",
                "--max-groups",
                "50",
                "-f",
                "json",
                "-j",
                threads,
            ])
            .assert()
            .success()
            .stderr(predicate::str::contains(
                "counted in the group \"(other groups)\"",
            ));
        serde_json::from_slice::<serde_json::Value>(&out.get_output().stdout).unwrap()
    };
    let r = run("1");
    assert_eq!(r, run("2"), "the groups kept do not depend on threads");
    let groups = r["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 51, "50 groups and the other one");
    let read: u64 = groups
        .iter()
        .map(|g| g["totals"]["posts_read"].as_u64().unwrap())
        .sum();
    assert_eq!(read, 20_000, "every post is in a group");
}

/// Misleading lexicons: a negative weight and the reserved id `_any` are
/// refused at load; a greedy regex term that can never end on a word is
/// flagged by lint.
#[test]
fn misleading_lexicons_are_refused_or_flagged() {
    let env = TestEnv::new();
    let posts = s(&data("posts.csv")).to_string();
    let negative = env.write("neg.txt", "category\tterm\tweight\narmas\tcuerno\t-10\n");
    env.cmd()
        .args(["analyze", &posts, "-l", s(&negative)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "weights must be finite and not negative",
        ));
    let reserved = env.write(
        "any.toml",
        "[lexicon]\nname = \"t\"\n[[category]]\nid = \"_any\"\nterms = [\"cuerno\"]\n",
    );
    env.cmd()
        .args(["analyze", &posts, "-l", s(&reserved)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is reserved"));
    let greedy = env.write(
        "re.toml",
        "[lexicon]\nname = \"t\"\n[[category]]\nid = \"a\"\nterms = [\"re:arm.*\"]\n",
    );
    env.cmd()
        .args(["lexicon", "lint", s(&greedy)])
        .assert()
        .stdout(predicate::str::contains("regex-runs-over"));
}

/// Injection: escape sequences in a label, a lexicon name or a file name
/// reach the terminal escaped (`\u{1b}`): stderr always, stdout when it is
/// a terminal (run under `script`, which gives it a pseudo-terminal; the
/// part skips when `script` is absent); stdout piped stays as it is.
#[test]
#[cfg(unix)]
fn terminal_injection() {
    let env = TestEnv::new();
    let lexicon = env.write(
        "evil.toml",
        "[lexicon]\nname = \"evil\\u001b]0;pwned\\u0007\"\n[[category]]\nid = \"a\"\n\
         label = \"Arm\\u001b[2Jas\"\nterms = [\"cuerno\"]\n",
    );
    let posts = env.write("posts\u{1b}[31m.csv", "text\ncuerno\n");
    let out = env
        .cmd()
        .args(["analyze", s(&posts), "-l", s(&lexicon)])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.contains("posts\\u{1b}[31m.csv"), "{stderr}");
    // Piped, the data is not altered.
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("Arm\u{1b}[2Jas"), "{stdout:?}");
    env.cmd()
        .args(["analyze", "missing\u{1b}[2J.csv", "-l", s(&lexicon)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing\\u{1b}[2J.csv"));
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped the terminal part: no `script` on this machine");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("lexiscope");
    let command = format!(
        "{} analyze {} -l {} -q",
        bin.display(),
        s(&posts).replace('\u{1b}', "\"$(printf '\\033')\""),
        s(&lexicon)
    );
    let run = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .unwrap();
    let tty = String::from_utf8_lossy(&run.stdout).to_string();
    assert!(run.status.success(), "{tty}");
    assert!(tty.contains("Arm\\u{1b}[2Jas"), "{tty:?}");
    assert!(tty.contains("evil\\u{1b}]0;pwned\\u{7}"), "{tty:?}");
    assert!(!tty.contains("\u{1b}[2J"), "{tty:?}");
}

/// Injection and trust: `merge` refuses a tally that no run could have
/// written (posts read edited, a category above the posts analyzed, a
/// count that would wrap when added, a confidence above 1, term counts of
/// another lexicon, more folded posts than posts), naming it.
#[test]
fn merge_refuses_tampered_tallies() {
    let env = TestEnv::new();
    let posts = s(&data("posts.csv")).to_string();
    let tally = env.dir.path().join("t.json");
    env.cmd()
        .args([
            "analyze",
            &posts,
            "-l",
            &mini(),
            "-q",
            "--emit-tally",
            s(&tally),
        ])
        .assert()
        .success();
    let good: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&tally).unwrap()).unwrap();
    env.cmd()
        .args(["merge", s(&tally), s(&tally)])
        .assert()
        .success();
    let tamper = |name: &str, f: &dyn Fn(&mut serde_json::Value)| {
        let mut t = good.clone();
        f(&mut t);
        env.write(name, serde_json::to_string(&t).unwrap())
    };
    let cases = [
        tamper("read.json", &|t| {
            t["tally"]["all"]["posts_read"] = 1000.into()
        }),
        tamper("cat.json", &|t| {
            t["tally"]["all"]["category_posts"][0] =
                (t["tally"]["all"]["posts_analyzed"].as_u64().unwrap() + 5).into()
        }),
        tamper("wrap.json", &|t| {
            t["tally"]["all"]["term_hits"][0] = u64::MAX.into()
        }),
        tamper("conf.json", &|t| t["layout"]["confidence"] = 1.5.into()),
        tamper("terms.json", &|t| {
            t["tally"]["all"]["term_hits"].as_array_mut().unwrap().pop();
        }),
        tamper("folded.json", &|t| {
            t["tally"]["groups_folded"] =
                (t["tally"]["all"]["posts_read"].as_u64().unwrap() + 1).into()
        }),
        // Round 3: the level the report would print, not the one it uses.
        tamper("said.json", &|t| {
            t["provenance"]["options"]["confidence"] = 1.5.into()
        }),
    ];
    for bad in &cases {
        env.cmd()
            .args(["merge", s(&tally), s(bad)])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(s(bad)))
            .stderr(predicate::str::contains("not a tally lexiscope wrote"));
    }
}

/// Posts lost without a word: lines that end in CR alone (classic Mac OS,
/// some exporters) are line ends in every line-based format, not one long
/// record.
#[test]
fn cr_only_line_ends() {
    let env = TestEnv::new();
    let chat = std::fs::read(data("platforms/whatsapp_android.txt")).unwrap();
    let cr: Vec<u8> = String::from_utf8(chat)
        .unwrap()
        .replace("\r\n", "\r")
        .replace('\n', "\r")
        .into_bytes();
    assert!(!cr.contains(&b'\n'));
    let jsonl = "{\"id\":\"1\",\"text\":\"cuerno de chivo\"}\r{\"id\":\"2\",\"text\":\"hola\"}\r{\"id\":\"3\",\"text\":\"cuerno\"}\r";
    let csv = "id,text\r1,cuerno de chivo\r2,\"hola\rmundo\"\r3,cuerno\r";
    for (name, bytes, posts) in [
        ("chat.txt", cr, 2),
        ("posts.jsonl", jsonl.as_bytes().to_vec(), 3),
        ("posts.csv", csv.as_bytes().to_vec(), 3),
    ] {
        let path = env.write(name, bytes);
        let out = env
            .cmd()
            .args(["analyze", s(&path), "-l", &mini(), "-f", "json"])
            .assert()
            .success();
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(stderr.contains("lines end in CR alone"), "{name}: {stderr}");
        let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(r["totals"]["posts_analyzed"], posts, "{name}: {r}");
        assert_eq!(
            r["totals"]["posts_skipped"],
            if name == "chat.txt" { 3 } else { 0 },
            "{name}"
        );
    }
}

/// Time that grows faster than the input, and messages that drown the
/// terminal: a 320,000-character label is cut in the table (whole in the
/// JSON); an unknown field in a CSV of 100,000 columns gives a short error.
#[test]
fn huge_labels_and_headers_stay_readable() {
    let env = TestEnv::new();
    let label = "x".repeat(320_000);
    let lexicon = env.write(
        "long.toml",
        format!("[lexicon]\nname = \"t\"\n[[category]]\nid = \"a\"\nlabel = \"{label}\"\nterms = [\"cuerno\"]\n"),
    );
    let posts = env.write("p.csv", "text\ncuerno\n");
    let out = env
        .cmd()
        .args(["analyze", s(&posts), "-l", s(&lexicon), "-q"])
        .assert()
        .success();
    let table = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        table.len() < 10_000 && table.contains('…'),
        "{} bytes",
        table.len()
    );
    let out = env
        .cmd()
        .args(["analyze", s(&posts), "-l", s(&lexicon), "-q", "-f", "json"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains(&label));
    let header: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
    let wide = env.write(
        "wide.csv",
        format!("{}\n{}\n", header.join(","), vec!["x"; 100_000].join(",")),
    );
    let out = env
        .cmd()
        .args(["analyze", s(&wide), "-l", s(&lexicon), "--text", "body"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.len() < 2_000, "{} bytes", stderr.len());
    assert!(stderr.contains("(100000 in all)"), "{stderr}");
}

/// Posts lost without a word: a quote opened in one row and closed rows
/// later swallows the rows between into one field; the record is skipped
/// as `swallowed_rows` with its line (and fails `--strict`), instead of
/// 1,000 rows silently read as 110.
#[test]
fn a_quote_that_closes_rows_later() {
    let env = TestEnv::new();
    let mut csv = String::from("id,text,likes\n");
    for i in 1..=1000 {
        match i {
            5 => csv.push_str("5,\"cuerno de chivo,3\n"),
            895 => csv.push_str("895,hola\",7\n"),
            _ => csv.push_str(&format!("{i},hola {i},1\n")),
        }
    }
    // A real multi-line post stays one post.
    csv.push_str("1001,\"primera línea\nsegunda línea\",2\n");
    let path = env.write("late.csv", csv);
    let out = env
        .cmd()
        .args(["analyze", s(&path), "-l", &mini(), "-f", "json"])
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(r["totals"]["skipped_by_reason"]["swallowed_rows"], 1, "{r}");
    assert_eq!(r["totals"]["posts_analyzed"], 110);
    assert!(
        stderr_of(&out).contains("late.csv:6: swallowed_rows"),
        "{}",
        stderr_of(&out)
    );
    env.cmd()
        .args(["analyze", s(&path), "-l", &mini(), "--strict"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("swallowed_rows"));
}

/// Round 3 (an independent probe of the round-2 fixes), destroyed files:
/// `-o /dev/stderr` writes the process's stderr, never a file renamed over
/// the /dev link; `-o /dev/stdin` is refused; the standard input that is a
/// file, and a FIFO given as input, are inputs an output may not be.
#[cfg(unix)]
#[test]
fn destroyed_or_overwritten_files_through_stream_names() {
    let env = TestEnv::new();
    let posts = env.write("posts.csv", "id,text\n1,cuerno de chivo\n2,hola\n");
    let link = || {
        std::fs::symlink_metadata("/dev/stderr")
            .map(|m| m.file_type().is_symlink())
            .ok()
    };
    let before = link();
    let log = env.path("err.log");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lexiscope"))
        .args([
            "analyze",
            s(&posts),
            "-l",
            &mini(),
            "-q",
            "-f",
            "csv",
            "-o",
            "/dev/stderr",
        ])
        .stderr(std::fs::File::create(&log).unwrap())
        .status()
        .unwrap();
    assert!(out.success());
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .starts_with("category,")
    );
    assert_eq!(link(), before);
    env.cmd()
        .args(["analyze", s(&posts), "-l", &mini(), "-o", "/dev/stdin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is the standard input"));
    // `annotate - -o posts.csv < posts.csv` would replace its own input.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lexiscope"))
        .args(["annotate", "-", "-l", &mini(), "-o", s(&posts)])
        .stdin(std::fs::File::open(&posts).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("is also read by this run (as the standard input)")
    );
    assert!(
        std::fs::read_to_string(&posts)
            .unwrap()
            .starts_with("id,text")
    );
    // Standard input given twice cannot be read twice.
    env.cmd()
        .args(["analyze", "-", "-", "-l", &mini()])
        .pipe_stdin(&posts)
        .unwrap()
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the standard input) is given 2 times",
        ));
}

/// Round 3, panics: a stderr that cannot be written (full, closed) is no
/// reason to panic; the exit code is the run's own.
#[cfg(unix)]
#[test]
fn panics_on_a_full_stderr() {
    let env = TestEnv::new();
    let posts = env.write("posts.csv", "id,text\n1,cuerno de chivo\n");
    for (args, code) in [
        (vec!["analyze", s(&posts), "-l", &mini()], 0),
        (vec!["analyze", "missing.csv"], 2),
    ] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_lexiscope"))
            .args(&args)
            .current_dir(env.path(""))
            .stdout(std::process::Stdio::null())
            .stderr(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}

/// Round 3, posts lost without a word: line ends that change part-way
/// (LF lines, then CR-only ones) in JSON lines and WhatsApp chats, and one
/// raw byte that is not UTF-8 in one tweet of an X page.
#[test]
fn posts_lost_without_a_word_mixed_line_ends_and_bad_bytes() {
    let env = TestEnv::new();
    let jsonl = "{\"id\":\"1\",\"text\":\"cuerno\"}\n{\"id\":\"2\",\"text\":\"hola\"}\r{\"id\":\"3\",\"text\":\"cuerno\"}\r{\"id\":\"4\",\"text\":\"x\"}\r";
    let chat = "01/02/21, 11:25 - Ana: hola\n01/02/21, 11:26 - Beto: cuerno\r01/02/21, 11:27 - Ana: x\r01/02/21, 11:28 - Beto: y\r";
    for (name, bytes, posts) in [("mixed.jsonl", jsonl, 4), ("mixed.txt", chat, 4)] {
        let p = env.write(name, bytes);
        let r = json_report(env.cmd().args(["analyze", s(&p), "-l", &mini()]));
        assert_eq!(totals(&r), (posts, posts, 0, 0), "{name}: {r}");
    }
    let tweet = |i: usize, text: &[u8]| {
        let mut t = format!(r#"{{"id":"{i}","author_id":"9","text":""#).into_bytes();
        t.extend_from_slice(text);
        t.extend_from_slice(b"\"}");
        t
    };
    let mut page = b"{\"data\":[".to_vec();
    page.extend(tweet(1, b"cuerno"));
    page.push(b',');
    page.extend(tweet(2, b"mal \xff byte"));
    page.push(b',');
    page.extend(tweet(3, b"hola"));
    page.extend_from_slice(b"]}\n");
    let p = env.write("page.jsonl", page);
    let r = json_report(
        env.cmd()
            .args(["analyze", s(&p), "-l", &mini(), "--encoding", "utf-8"]),
    );
    assert_eq!(totals(&r), (3, 2, 0, 1), "{r}");
    assert_eq!(r["totals"]["skipped_by_reason"]["invalid_utf8"], 1, "{r}");
}

/// Round 3, time that grows faster than the input: a rule window of
/// 10,000 words over a post of 750,000 hits on each side (76 s before the
/// partners were bisected; a second or so now). Behind --ignored: it needs
/// optimized code to say anything.
#[test]
#[ignore = "slow: a 3 MB post"]
fn time_that_grows_with_the_rule_window() {
    let env = TestEnv::new();
    let post = "x y ".repeat(750_000);
    let p = env.write("xy.jsonl", format!("{{\"text\":\"{post}\"}}\n"));
    let lex = env.write(
        "r.toml",
        "[lexicon]\nname = \"r\"\n[[category]]\nid = \"a\"\nlabel = \"A\"\nhelper = true\nterms = [\"x*\"]\n\
         [[category]]\nid = \"b\"\nlabel = \"B\"\nhelper = true\nterms = [\"y*\"]\n\
         [[category]]\nid = \"r\"\nlabel = \"R\"\nrule = \"a NEAR/10000 b\"\n",
    );
    let r = json_report(env.cmd().args(["analyze", s(&p), "-l", s(&lex)]));
    assert_eq!(r["categories"][0]["hits"], 750_000, "{r}");
}

/// Round 3, misleading: what loading refuses, lint reports as an error;
/// regex terms that can never end on a word are flagged whatever the
/// construct; NaN or out-of-range gate bars are usage errors (NaN passed
/// every gate); a tally whose weights do not nest is refused; the header
/// cells of a .dicx are guarded like its terms.
#[test]
fn misleading_lint_gates_weights_and_headers() {
    let env = TestEnv::new();
    let lex = |body: &str| {
        env.write(
            "l.toml",
            format!("[lexicon]\nname = \"l\"\n[[category]]\nid = \"a\"\nlabel = \"A\"\n{body}\n"),
        )
    };
    for body in [
        "terms = [\"re:(unclosed\"]",
        "terms = [\"arma\"]\nweights = { \"arma\" = -1.0 }",
    ] {
        env.cmd()
            .args(["lexicon", "lint", s(&lex(body))])
            .assert()
            .code(1)
            .stdout(predicate::str::contains("[invalid]"));
    }
    for term in [
        r"re:arm[^x]*",
        r"re:arm[\\s\\S]*",
        r"re:\\s+",
        r"re:armas\\W+",
        r"re:armas(\\s|$)",
        "re:armas ",
    ] {
        env.cmd()
            .args([
                "lexicon",
                "lint",
                "--deny-warnings",
                s(&lex(&format!("terms = [\"{term}\"]"))),
            ])
            .assert()
            .code(1)
            .stdout(
                predicate::str::contains("regex-").and(
                    predicate::str::contains("-word").or(predicate::str::contains("runs-over")),
                ),
            );
    }
    env.cmd()
        .args([
            "lexicon",
            "lint",
            "--deny-warnings",
            s(&lex(r#"terms = ["re:arm\\w*", "re:a.b"]"#)),
        ])
        .assert()
        .success();
    let posts = env.write("posts.csv", "id,text\n1,cuerno\n");
    let gold = env.write("gold.csv", "id,weapons\n1,1\n");
    for bar in [
        "--min-f1=NaN",
        "--min-f1=weapons=2",
        "--min-macro-f1=NaN",
        "--min-kappa=NaN",
    ] {
        env.cmd()
            .args([
                "evaluate",
                "--gold",
                s(&gold),
                s(&posts),
                "-l",
                &mini(),
                "-q",
                bar,
            ])
            .assert()
            .code(2);
    }
    let dicx = env.write(
        "d.toml",
        "[lexicon]\nname = \"d\"\n[[category]]\nid = \"=cmd\"\nlabel = \"x\"\nterms = [\"a\"]\n",
    );
    let out = env.path("d.dicx");
    env.cmd()
        .args(["lexicon", "convert", s(&dicx), s(&out)])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("DicTerm,'=cmd")
    );
}
