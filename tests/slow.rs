//! Slow tests on the real corpora of ../shared/data, behind `--ignored`
//! (.ci/run runs them). Each skips with a message when the data is absent.

use crate::util::*;

/// Peak RSS in KiB of all waited-for children so far (getrusage).
fn children_max_rss_kib() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a full rusage struct into the pointer.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    assert_eq!(rc, 0);
    // SAFETY: initialized by the successful call above.
    unsafe { usage.assume_init() }.ru_maxrss
}

#[test]
#[ignore = "slow: 1.06M posts"]
fn mananeras_runs_in_bounded_memory() {
    let Some(corpus) = shared("corpora/mananeras/mananeras_paragraphs.jsonl.zst") else {
        return;
    };
    let env = TestEnv::new();
    let r = json_report(env.cmd().args(["analyze", s(&corpus)]));
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
    let rss_mib = children_max_rss_kib() / 1024;
    eprintln!("peak RSS of the run: {rss_mib} MiB");
    assert!(rss_mib < 200, "peak RSS {rss_mib} MiB");
}
