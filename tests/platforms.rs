//! Platform formats (issue 6): X/Twitter API v2 as twarc writes it,
//! Telegram Desktop exports, WhatsApp chat exports and the CSV presets —
//! on small fixtures written for these tests (tests/data/platforms, with
//! the broken cases: no final newline, mixed error objects, service
//! messages, multi-line WhatsApp messages, system lines, CRLF) and on the
//! real third-party files in ../shared/data (skipped when absent).

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::*;

fn platform(name: &str) -> String {
    s(&data(&format!("platforms/{name}"))).to_string()
}

/// `annotate` records of an input (JSONL), with extra flags.
fn annotate(input: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["annotate", input, "-l", &mini(), "-q"])
        .args(extra)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// posts read / analyzed / empty / skipped by reason of a JSON report.
fn totals(input: &str, extra: &[&str]) -> (u64, u64, u64, BTreeMap<String, u64>) {
    let env = TestEnv::new();
    let r = json_report(
        env.cmd()
            .args(["analyze", input, "-l", &mini()])
            .args(extra),
    );
    let t = &r["totals"];
    let reasons = t["skipped_by_reason"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect();
    let read = t["posts_read"].as_u64().unwrap();
    let analyzed = t["posts_analyzed"].as_u64().unwrap();
    let empty = t["posts_empty"].as_u64().unwrap();
    assert_eq!(
        read,
        analyzed + empty + t["posts_skipped"].as_u64().unwrap(),
        "posts read = analyzed + empty + skipped"
    );
    (read, analyzed, empty, reasons)
}

fn reasons(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// The matched surface texts of a record.
fn matched(rec: &serde_json::Value) -> Vec<String> {
    rec["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn x_pages_expand_errors_count_and_full_text_wins() {
    let input = platform("x_pages.jsonl");
    // 3 tweets of a page + 1 stream tweet; 2 API errors (one in the page,
    // one error-only line); the last line is cut off without a newline.
    assert_eq!(
        totals(&input, &[]),
        (7, 4, 0, reasons(&[("api_error", 2), ("invalid_json", 1)]))
    );
    let recs = annotate(&input, &[]);
    let ids: Vec<&str> = recs.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["101", "102", "103", "104"]);
    // Several posts share the line of their page.
    assert!(recs[..3].iter().all(|r| r["line"] == 1));
    assert_eq!(recs[3]["status"], "skipped");
    assert_eq!(recs[3]["line"], 1);
    // note_tweet.text: "cuerno de chivo" is only in the long text.
    assert_eq!(matched(&recs[1]), ["cuerno de chivo"]);
    // The retweet's full text from includes.tweets: "ya estás avisado" is
    // cut off in the `RT @…` text.
    assert!(matched(&recs[2]).contains(&"ya estás avisado".to_string()));
    assert_eq!(
        recs.last().unwrap()["skipped"].as_str().unwrap()[..12].to_string(),
        "invalid_json"
    );
}

#[test]
fn x_fields_by_author_and_month() {
    let env = TestEnv::new();
    let r = json_report(env.cmd().args([
        "analyze",
        &platform("x_pages.jsonl"),
        "-l",
        &mini(),
        "--by",
        "author.username",
        "--every",
        "month",
    ]));
    // --every without --date: created_at.
    assert_eq!(r["provenance"]["options"]["date"], "created_at");
    let all = r["groups"].to_string();
    for want in ["ana_mx", "beto", "carla", "2024-01", "2024-02", "2024-03"] {
        assert!(all.contains(want), "{want} in {all}");
    }
    // --cluster on the author id works too.
    json_report(env.cmd().args([
        "analyze",
        &platform("x_pages.jsonl"),
        "-l",
        &mini(),
        "--cluster",
        "author_id",
    ]));
}

#[test]
fn x_flat_crlf_retweet_text_and_dedupe() {
    let input = platform("x_flat.jsonl");
    assert_eq!(totals(&input, &[]), (2, 2, 0, reasons(&[])));
    let recs = annotate(&input, &[]);
    assert_eq!(recs[0]["id"], "201");
    // "cártel de sinaloa" is only in the expanded retweeted tweet.
    assert!(matched(&recs[0]).contains(&"cártel de sinaloa".to_string()));
    // The retweet counts as a repost under --dedupe.
    let env = TestEnv::new();
    let r = json_report(
        env.cmd()
            .args(["analyze", &input, "-l", &mini(), "--dedupe", "exact"]),
    );
    assert_eq!(r["unique"]["duplicates"], 1, "{}", r["unique"]);
}

#[test]
fn x_input_format_forced() {
    let env = TestEnv::new();
    // A .txt name: detection by content, and --input-format x agrees.
    let bytes = std::fs::read(platform("x_flat.jsonl")).unwrap();
    let path = env.write("tweets.txt", bytes);
    let a = totals(s(&path), &[]);
    let b = totals(s(&path), &["--input-format", "x"]);
    assert_eq!(a, b);
    assert_eq!(a.0, 2);
}

#[test]
fn telegram_single_chat() {
    let input = platform("telegram_chat.json");
    // 5 messages: 1 service, 1 photo without caption (empty).
    assert_eq!(
        totals(&input, &[]),
        (5, 3, 1, reasons(&[("service_message", 1)]))
    );
    let recs = annotate(&input, &[]);
    assert_eq!(
        recs[0]["skipped"].as_str().unwrap().split(':').next(),
        Some("service_message")
    );
    // Rich text pieces concatenated.
    assert_eq!(recs[2]["id"], "3");
    assert_eq!(matched(&recs[2]), ["cuerno de chivo"]);
    // forwarded_from makes message 4 a repost of nothing else: with
    // --dedupe it is not unique.
    let env = TestEnv::new();
    let r = json_report(env.cmd().args([
        "analyze",
        &input,
        "-l",
        &mini(),
        "--dedupe",
        "exact",
        "--by",
        "chat",
        "--by",
        "from",
    ]));
    assert_eq!(r["unique"]["duplicates"], 1, "{}", r["unique"]);
    let all = r["groups"].to_string();
    assert!(all.contains("Grupo Norte") && all.contains("Beto"), "{all}");
}

#[test]
fn telegram_full_account_export() {
    let input = platform("telegram_account.json");
    assert_eq!(
        totals(&input, &[]),
        (3, 2, 0, reasons(&[("service_message", 1)]))
    );
    let recs = annotate(&input, &[]);
    let ids: Vec<&str> = recs.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["11/1", "22/1"], "chat id / message id");
    let env = TestEnv::new();
    let r = json_report(
        env.cmd()
            .args(["analyze", &input, "-l", &mini(), "--every", "year"]),
    );
    assert_eq!(r["provenance"]["options"]["date"], "date_unixtime");
}

#[test]
fn whatsapp_android_crlf_multiline_system_media() {
    let input = platform("whatsapp_android.txt");
    // 5 headers: encryption notice and "created group" (system), a media
    // placeholder, two messages (one over three CRLF lines); no final newline.
    assert_eq!(
        totals(&input, &[]),
        (
            5,
            2,
            0,
            reasons(&[("system_message", 2), ("media_omitted", 1)])
        )
    );
    let recs = annotate(&input, &[]);
    let ok: Vec<&serde_json::Value> = recs.iter().filter(|r| r["status"] == "ok").collect();
    // The continuation lines belong to the message of line 2.
    assert_eq!(ok[0]["line"], 2);
    assert_eq!(matched(ok[0]), ["CJNG", "cuerno de chivo"]);
    assert_eq!(matched(ok[1]), ["vamos por ti"]);
    // Day first from the file (13/01): the months are January and February.
    let env = TestEnv::new();
    let r = json_report(env.cmd().args([
        "analyze",
        &input,
        "-l",
        &mini(),
        "--every",
        "month",
        "--by",
        "author",
    ]));
    let all = r["groups"].to_string();
    assert!(all.contains("2021-01") && all.contains("2021-02"), "{all}");
    assert!(!all.contains("2021-13"), "{all}");
}

#[test]
fn whatsapp_ios_narrow_space_pm_and_month_first() {
    let input = platform("whatsapp_ios.txt");
    assert_eq!(
        totals(&input, &[]),
        (
            4,
            2,
            0,
            reasons(&[("system_message", 1), ("media_omitted", 1)])
        )
    );
    let env = TestEnv::new();
    // 1/25/21: month first from the file; --every day shows 2021-01-02
    // (3:04 PM) and 2021-01-25 (12:00 AM).
    let r = json_report(
        env.cmd()
            .args(["analyze", &input, "-l", &mini(), "--every", "day"]),
    );
    let all = r["groups"].to_string();
    assert!(
        all.contains("2021-01-02") && all.contains("2021-01-25"),
        "{all}"
    );
    // --dayfirst forces the other reading: 1/25 is then no date at all.
    let r = json_report(env.cmd().args([
        "analyze",
        &input,
        "-l",
        &mini(),
        "--every",
        "day",
        "--dayfirst",
    ]));
    assert!(
        r["groups"].to_string().contains("2021-02-01"),
        "{}",
        r["groups"]
    );
}

#[test]
fn csv_presets_detected_and_forced() {
    let env = TestEnv::new();
    for (name, preset, date) in [
        ("fourcat.csv", "4cat", "timestamp"),
        ("meta_cl.csv", "meta", "creation_time"),
    ] {
        let input = platform(name);
        let out = env
            .cmd()
            .args(["analyze", &input, "-l", &mini(), "--every", "month"])
            .args(["-f", "json"])
            .assert()
            .success();
        let err = stderr_of(&out);
        assert!(err.contains(&format!("preset {preset}")), "{err}");
        let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(r["provenance"]["options"]["date"], date);
        assert_eq!(r["totals"]["posts_analyzed"], 2);
        assert_eq!(posts_by_category(&r).last().unwrap().1, 1);
    }
    // CrowdTangle: the four text columns joined, id URL, date Post Created.
    let r = json_report(env.cmd().args([
        "analyze",
        s(&data("crowdtangle.csv")),
        "-l",
        &mini(),
        "--every",
        "month",
    ]));
    assert_eq!(r["provenance"]["options"]["date"], "Post Created");
    // Forced preset on a plain CSV without the columns: no text columns,
    // so the usual detection applies; --every without --date then fails.
    let out = env
        .cmd()
        .args([
            "analyze",
            s(&data("posts.csv")),
            "-l",
            &mini(),
            "--every",
            "month",
        ])
        .assert()
        .failure();
    assert!(
        stderr_of(&out).contains("--every needs --date"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn formats_command_lists_everything() {
    let env = TestEnv::new();
    let out = env.cmd().arg("formats").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for want in [
        "csv",
        "jsonl",
        "x",
        "telegram",
        "whatsapp",
        "crowdtangle",
        "meta",
        "4cat",
        ".dic",
        ".dicx",
        ".yml",
        ".cat",
        ".lc3",
        ".tsv",
        "note_tweet",
        "service_message",
        "media_omitted",
        "Post Created",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
}

// ---- the real third-party files in ../shared/data ----

#[test]
fn real_twarc_files() {
    let Some(dir) = shared("formats/twitter_v2_twarc") else {
        return;
    };
    let f = |n: &str| s(&dir.join(n)).to_string();
    // Pages of 100 tweets; noflat's page carries one API error entry.
    assert_eq!(totals(&f("brexit.jsonl"), &[]).0, 100);
    let (read, analyzed, empty, why) = totals(&f("noflat.jsonl"), &[]);
    assert_eq!((read, analyzed + empty), (101, 100));
    assert_eq!(why, reasons(&[("api_error", 1)]));
    // The flattened file holds the same 100 tweets, one a line.
    assert_eq!(totals(&f("flat.jsonl"), &[]).0, 100);
    // Stream lines (data as one object) and a last line cut off without a
    // final newline.
    let (read, analyzed, empty, why) = totals(&f("streaming_output_with_error.jsonl"), &[]);
    assert_eq!((read, analyzed + empty), (8, 7));
    assert_eq!(why, reasons(&[("invalid_json", 1)]));
    for n in [
        "edited.jsonl",
        "media_tweet.jsonl",
        "quoted_edit.jsonl",
        "two_tweets.jsonl",
    ] {
        assert_eq!(totals(&f(n), &[]).0, 1, "{n}");
    }
    // Retweets read the full text: flat and noflat give the same texts,
    // hence the same matches, for the same lexicon.
    let env = TestEnv::new();
    let lex = env.write(
        "es.toml",
        "[lexicon]\nname = \"t\"\nversion = \"1\"\n[[category]]\nid = \"c\"\nterms = [\"venezuela\", \"rusia\", \"ucrania\", \"colombia\"]\n",
    );
    let count = |n: &str| {
        let r = json_report(env.cmd().args(["analyze", &f(n), "-l", s(&lex)]));
        posts_by_category(&r)[0].1
    };
    assert_eq!(count("flat.jsonl"), count("noflat.jsonl"));
    // The first tweet of flat.jsonl is a retweet whose `RT @…` text stops at
    // "Colo…"; the full text names Colombia.
    let recs: Vec<serde_json::Value> = {
        let out = env
            .cmd()
            .args(["annotate", &f("flat.jsonl"), "-l", s(&lex), "-q"])
            .assert()
            .success();
        String::from_utf8_lossy(&out.get_output().stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    assert_eq!(recs[0]["id"], "1380242611781386245");
    assert!(
        matched(&recs[0]).iter().any(|m| m == "Colombia"),
        "{}",
        recs[0]
    );
}

#[test]
fn real_telegram_exports() {
    let Some(dir) = shared("formats/telegram_json") else {
        return;
    };
    for n in [
        "chatminer_test_single_export.json",
        "chatminer_test_batch_export.json",
    ] {
        let input = s(&dir.join(n)).to_string();
        assert_eq!(totals(&input, &[]), (2, 2, 0, reasons(&[])), "{n}");
        let env = TestEnv::new();
        let lex = env.write(
            "t.toml",
            "[lexicon]\nname = \"t\"\nversion = \"1\"\n[[category]]\nid = \"link\"\nterms = [\"link\"]\n",
        );
        let out = env
            .cmd()
            .args(["annotate", &input, "-l", s(&lex), "-q"])
            .assert()
            .success();
        let recs: Vec<serde_json::Value> = String::from_utf8_lossy(&out.get_output().stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        // "Link: https://telegram.org/" from the rich-text list.
        assert_eq!(matched(&recs[1]), ["Link"]);
    }
}

/// Parse every layout file and compare with chat-miner's expected parse
/// (timestamp, author, message), order-independent.
#[test]
fn real_whatsapp_layouts_match_chatminer() {
    let Some(dir) = shared("formats/whatsapp_txt") else {
        return;
    };
    let target: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(dir.join("chatminer_target.json")).unwrap()).unwrap();
    let mut want: Vec<(String, String, String)> = target
        .iter()
        .map(|t| {
            (
                t["timestamp"].as_str().unwrap().to_string(),
                t["author"].as_str().unwrap().to_string(),
                t["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    want.sort();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        files += 1;
        let mut got = parse_whatsapp(&path);
        got.sort();
        assert_eq!(got, want, "{}", path.display());
        let (read, analyzed, _, why) = totals(s(&path), &[]);
        assert_eq!((read, analyzed), (9, 6), "{}", path.display());
        assert_eq!(why, reasons(&[("system_message", 3)]));
    }
    assert_eq!(files, 5);
}

/// (timestamp, author, message) of each message, through the library: the
/// text with its line breaks read as spaces, as chat-miner joins them.
fn parse_whatsapp(path: &Path) -> Vec<(String, String, String)> {
    use lexiscope::source::{Batch, Source, SourceOptions};
    let opts = SourceOptions {
        fields: vec!["timestamp".into(), "author".into()],
        ..SourceOptions::default()
    };
    let mut src = Source::open(s(path), &opts).unwrap();
    assert_eq!(src.info.format, lexiscope::source::InputFormat::Whatsapp);
    let mut batch = Batch::default();
    let mut out = Vec::new();
    while src.fill(&mut batch).unwrap() > 0 {
        for i in 0..batch.len() {
            src.decoder.decode_each(&batch, i, &mut |d| {
                if let Ok(p) = d {
                    out.push((
                        p.fields[0].to_string(),
                        p.fields[1].to_string(),
                        p.text.replace('\n', " "),
                    ));
                }
            });
        }
    }
    out
}

/// Totals of `analyze` on a platform fixture: (read, analyzed, empty,
/// skipped by reason), and stderr.
fn totals_of(name: &str, extra: &[&str]) -> ((u64, u64, u64, BTreeMap<String, u64>), String) {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["analyze", &platform(name), "-l", &mini(), "-f", "json"])
        .args(extra)
        .assert()
        .success();
    let r: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let t = &r["totals"];
    let skipped: BTreeMap<String, u64> =
        serde_json::from_value(t["skipped_by_reason"].clone()).unwrap();
    let read = t["posts_read"].as_u64().unwrap();
    let (analyzed, empty) = (
        t["posts_analyzed"].as_u64().unwrap(),
        t["posts_empty"].as_u64().unwrap(),
    );
    assert_eq!(
        read,
        analyzed + empty + skipped.values().sum::<u64>(),
        "{name}: posts add up"
    );
    ((read, analyzed, empty, skipped), stderr_of(&out))
}

#[test]
fn json_platform_formats_are_recognised_and_their_non_posts_counted() {
    let reasons = |pairs: &[(&str, u64)]| -> BTreeMap<String, u64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    for (file, platform_name, read, analyzed, empty, skipped) in [
        (
            "reddit_comments.ndjson.zst",
            "Reddit comments",
            13,
            10,
            0,
            reasons(&[("deleted", 3)]),
        ),
        (
            "reddit_submissions.ndjson",
            "Reddit submissions",
            10,
            8,
            0,
            reasons(&[("deleted", 2)]),
        ),
        (
            "youtube_comments.jsonl",
            "YouTube comments",
            12,
            12,
            0,
            reasons(&[]),
        ),
        (
            "youtube_comments_pretty.json",
            "YouTube comments",
            5,
            5,
            0,
            reasons(&[]),
        ),
        (
            "tiktok_videos.json",
            "TikTok Research API videos",
            8,
            7,
            1,
            reasons(&[]),
        ),
        (
            "tiktok_videos_pages.jsonl",
            "TikTok Research API videos",
            9,
            7,
            1,
            reasons(&[("no_records", 1)]),
        ),
        (
            "tiktok_comments.json",
            "TikTok Research API comments",
            7,
            7,
            0,
            reasons(&[]),
        ),
        (
            "bluesky_jetstream.jsonl",
            "Bluesky Jetstream",
            16,
            8,
            1,
            reasons(&[("deleted", 1), ("not_a_post", 6)]),
        ),
        (
            "zeeschuimer_tiktok.ndjson",
            "Zeeschuimer export, TikTok",
            6,
            5,
            1,
            reasons(&[]),
        ),
        (
            "zeeschuimer_instagram.ndjson",
            "Zeeschuimer export, Instagram",
            5,
            3,
            1,
            reasons(&[("partial", 1)]),
        ),
        (
            "fourcat_tiktok.ndjson",
            "4CAT NDJSON",
            3,
            3,
            0,
            reasons(&[]),
        ),
    ] {
        let (got, err) = totals_of(file, &[]);
        assert_eq!(got, (read, analyzed, empty, skipped), "{file}: {err}");
        assert!(err.contains(platform_name), "{file}: {err}");
        // Every fixture has dates the platform's date field reads.
        let (_, err) = totals_of(file, &["--every", "year"]);
        assert!(!err.contains("cannot be read"), "{file}: {err}");
    }
}

#[test]
fn platform_fields_reach_the_posts() {
    // Bluesky ids are AT URIs; Reddit submissions join title and selftext.
    let recs = annotate(&platform("bluesky_jetstream.jsonl"), &[]);
    let ids: Vec<&str> = recs.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), 9, "the posts (empty one included) have ids");
    assert!(ids.iter().all(|id| id.starts_with("at://did:")), "{ids:?}");
    // TikTok ids are above 2^53: printed exactly, never through a float.
    let fixture = std::fs::read_to_string(data("platforms/tiktok_videos.json")).unwrap();
    let recs = annotate(&platform("tiktok_videos.json"), &[]);
    for r in &recs {
        let id = r["id"].as_str().unwrap();
        assert!(
            id.len() >= 18 && id.bytes().all(|b| b.is_ascii_digit()),
            "{id}"
        );
        assert!(fixture.contains(&format!("\"id\": {id}")), "{id}");
    }
    // --preset none reads the records as plain JSON (generic detection).
    let (got, _) = totals_of("reddit_comments.ndjson.zst", &["--preset", "none"]);
    assert_eq!(got.3.get("deleted"), None);
}

#[test]
fn formats_lists_every_platform() {
    let env = TestEnv::new();
    let out = env.cmd().arg("formats").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for name in [
        "reddit-comments",
        "reddit-submissions",
        "youtube",
        "tiktok-videos",
        "tiktok-comments",
        "bluesky",
        "zeeschuimer-tiktok",
        "zeeschuimer-instagram",
        "4cat-tiktok",
        "4cat-instagram",
        "json ",
        "parquet",
        "encodings",
    ] {
        assert!(text.contains(name), "{name} missing from formats:\n{text}");
    }
}
