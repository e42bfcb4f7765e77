//! Slow tests on the real corpora of ../shared/data, behind `--ignored`
//! (.ci/run runs them). Each skips with a message when the data is absent.

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
