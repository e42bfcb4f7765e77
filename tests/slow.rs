//! Slow tests, behind `--ignored` (.ci/run runs them): the real corpora of
//! ../shared/data (each skips with a message when the data is absent) and
//! multi-gigabyte inputs generated as they are read.

use crate::util::*;

#[test]
#[ignore = "slow: 1.06M posts"]
fn mananeras_runs_in_bounded_memory() {
    let Some(corpus) = shared("corpora/mananeras/mananeras_paragraphs.jsonl.zst") else {
        return;
    };
    let env = TestEnv::new();
    let (code, stdout, rss_mib) =
        run_measured(env.dir.path(), &["analyze", s(&corpus), "-f", "json", "-q"]);
    assert_eq!(code, 0);
    let r: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(r["totals"]["posts_read"], 1_061_631);
    let t = &r["totals"];
    assert_eq!(
        t["posts_read"].as_u64(),
        Some(
            t["posts_analyzed"].as_u64().unwrap()
                + t["posts_empty"].as_u64().unwrap()
                + t["posts_skipped"].as_u64().unwrap()
        )
    );
    eprintln!("peak RSS of the run: {rss_mib} MiB");
    assert!(rss_mib < 200, "peak RSS {rss_mib} MiB");
}

/// Posts of the generated inputs: Spanish, accented, escaped, one in four
/// matching the test lexicon.
fn generated_post(i: u64) -> String {
    let text = match i % 4 {
        0 => "el cjng presume armas en la sierra, según vecinos \\u00f1",
        1 => "Buenos días a todos, hoy hay tianguis en la colonia y mañana también",
        2 => "Se busca personal para limpieza, sueldo semanal, informes al privado",
        _ => "Nadie sabe nada del partido de ayer, \\\"qué partidazo\\\" dijo el vecino",
    };
    format!("{{\"id\": {i}, \"user\": {{\"name\": \"u{i}\"}}, \"text\": \"{text} {i}\"}}")
}

#[test]
#[ignore = "slow: a 2 GB JSON array"]
fn a_2_gb_json_array_streams_in_bounded_memory() {
    use std::io::Write;
    const TARGET: u64 = 2_000_000_000;
    let env = TestEnv::new();
    let written = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let posts = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let (w, p) = (written.clone(), posts.clone());
    let feed = Box::new(move |stdin: std::process::ChildStdin| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, stdin);
        let mut bytes = 0u64;
        let mut i = 0u64;
        let _ = out.write_all(b"[\n");
        while bytes < TARGET {
            let rec = generated_post(i);
            let sep = if i == 0 { "  " } else { ",\n  " };
            if out.write_all(sep.as_bytes()).is_err() || out.write_all(rec.as_bytes()).is_err() {
                return;
            }
            bytes += (sep.len() + rec.len()) as u64;
            i += 1;
        }
        let _ = out.write_all(b"\n]\n");
        let _ = out.flush();
        w.store(bytes, std::sync::atomic::Ordering::Relaxed);
        p.store(i, std::sync::atomic::Ordering::Relaxed);
    });
    let (code, stdout, rss_mib) = run_measured_fed(
        env.dir.path(),
        &[
            "analyze",
            "-",
            "--input-format",
            "json",
            "-l",
            &mini(),
            "-f",
            "json",
            "-q",
        ],
        Some(feed),
    );
    assert_eq!(code, 0);
    let r: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let n = posts.load(std::sync::atomic::Ordering::Relaxed);
    assert!(written.load(std::sync::atomic::Ordering::Relaxed) >= TARGET);
    assert_eq!(r["totals"]["posts_read"], n);
    assert_eq!(r["totals"]["posts_analyzed"], n);
    eprintln!("{n} posts, peak RSS of the run: {rss_mib} MiB");
    assert!(rss_mib < 200, "peak RSS {rss_mib} MiB");
}

#[test]
#[ignore = "slow: a 2 GB Parquet file"]
fn a_2_gb_parquet_file_is_read_in_bounded_memory() {
    use parquet::basic::{Compression, Encoding};
    use parquet::file::properties::WriterProperties;
    const TARGET: u64 = 2_000_000_000;
    let env = TestEnv::new();
    let file = env.path("big.parquet");
    // Uncompressed and plain-encoded, so that the file is as large as its
    // text; row groups of 65,536 posts.
    let props = WriterProperties::builder()
        .set_compression(Compression::UNCOMPRESSED)
        .set_dictionary_enabled(false)
        .set_encoding(Encoding::PLAIN)
        .build();
    let per_post = generated_post(0).len() as u64;
    // The JSON wrapping of a generated post is not in the file: +20%.
    let n = TARGET * 6 / 5 / per_post + 1;
    crate::parquet::write_posts(
        &file,
        (0..n).map(|i| {
            let v: serde_json::Value = serde_json::from_str(&generated_post(i)).unwrap();
            (
                i as i64,
                v["text"].as_str().map(str::to_string),
                format!("u{}", i % 7),
            )
        }),
        65_536,
        props,
    );
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size >= TARGET, "{size} bytes");
    let (code, stdout, rss_mib) = run_measured(
        env.dir.path(),
        &[
            "analyze",
            s(&file),
            "--by",
            "user.name",
            "-l",
            &mini(),
            "-f",
            "json",
            "-q",
        ],
    );
    assert_eq!(code, 0);
    let r: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(r["totals"]["posts_read"], n);
    assert_eq!(r["totals"]["posts_analyzed"], n);
    eprintln!("{n} posts in {size} bytes, peak RSS of the run: {rss_mib} MiB");
    assert!(rss_mib < 200, "peak RSS {rss_mib} MiB");
}
