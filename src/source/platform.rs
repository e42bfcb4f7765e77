//! Platform formats of JSON records: the exports researchers get from
//! Reddit dumps, youtube-comment-downloader, the TikTok Research API,
//! Bluesky's Jetstream, Zeeschuimer and 4CAT. Each is JSON Lines or a JSON
//! document that the generic readers already split into records; what a
//! [`Platform`] adds is which paths hold the text, id and date, and which
//! records are not posts (counted as skipped under their own reason:
//! Reddit's `[deleted]`/`[removed]`, Jetstream's deletes, likes and
//! identity events, Instagram's partial items).
//!
//! A platform is recognised from the first record's keys ([`detect`]);
//! `--preset none` turns recognition off, and `--text`/`--id` override the
//! platform's fields. The layouts were checked against each tool's source
//! or the platform's documentation (docs/guide.md cites them).

use serde_json::Value;

/// A test on one field of a record.
#[derive(Clone, Copy, Debug)]
pub enum Test {
    /// The field is one of these values (absent reads as "").
    OneOf(&'static [&'static str]),
    /// The field is none of these values.
    NoneOf(&'static [&'static str]),
}

impl Test {
    /// Whether `value` passes.
    pub fn holds(self, value: &str) -> bool {
        match self {
            Test::OneOf(set) => set.contains(&value),
            Test::NoneOf(set) => !set.contains(&value),
        }
    }
}

/// A record that is not a post: skipped with `reason` when `test` holds
/// on the field at `path`.
#[derive(Clone, Copy, Debug)]
pub struct SkipRule {
    /// Dotted path of the field tested.
    pub path: &'static str,
    /// When the record is skipped.
    pub test: Test,
    /// Skip reason key.
    pub reason: &'static str,
}

/// One platform's layout.
#[derive(Debug)]
pub struct Platform {
    /// Name in messages and provenance (`reddit-comments`).
    pub name: &'static str,
    /// What it is, for stderr and `formats`.
    pub label: &'static str,
    /// How it is recognised, for `formats`.
    pub detected_by: &'static str,
    /// Text paths, joined by a line break.
    pub text: &'static [&'static str],
    /// Id: paths and literal pieces concatenated (`at://` + did + …).
    pub id: &'static [IdPart],
    /// Date path (the default of `--every`).
    pub date: &'static str,
    /// Author path (for `--by`).
    pub author: &'static str,
    /// Records that are not posts, tested in order.
    pub skips: &'static [SkipRule],
    /// Whether a record is of this platform.
    detect: fn(&Value) -> bool,
}

/// A piece of a composed id.
#[derive(Clone, Copy, Debug)]
pub enum IdPart {
    /// The value at a dotted path.
    Path(&'static str),
    /// Literal text.
    Lit(&'static str),
}

fn has(v: &Value, path: &str) -> bool {
    at(v, path).is_some_and(|x| !x.is_null())
}

fn at<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

fn str_at<'v>(v: &'v Value, path: &str) -> &'v str {
    at(v, path).and_then(Value::as_str).unwrap_or("")
}

const DELETED: &[&str] = &["[deleted]", "[removed]"];

/// Every platform, in the order they are tried.
pub static ALL: &[Platform] = &[
    Platform {
        name: "reddit-comments",
        label: "Reddit comments (Pushshift / Arctic Shift dump)",
        detected_by: "body, link_id, parent_id and subreddit",
        text: &["body"],
        id: &[IdPart::Path("id")],
        date: "created_utc",
        author: "author",
        skips: &[SkipRule {
            path: "body",
            test: Test::OneOf(DELETED),
            reason: "deleted",
        }],
        detect: |v| has(v, "body") && has(v, "link_id") && has(v, "subreddit"),
    },
    Platform {
        name: "reddit-submissions",
        label: "Reddit submissions (Pushshift / Arctic Shift dump)",
        detected_by: "title, selftext and subreddit",
        text: &["title", "selftext"],
        id: &[IdPart::Path("id")],
        date: "created_utc",
        author: "author",
        skips: &[SkipRule {
            path: "selftext",
            test: Test::OneOf(DELETED),
            reason: "deleted",
        }],
        detect: |v| has(v, "title") && v.get("selftext").is_some() && has(v, "subreddit"),
    },
    Platform {
        name: "youtube",
        label: "YouTube comments (youtube-comment-downloader)",
        detected_by: "cid, text and votes (JSON lines, or the comments array of --pretty)",
        text: &["text"],
        id: &[IdPart::Path("cid")],
        date: "time_parsed",
        author: "author",
        skips: &[],
        detect: |v| has(v, "cid") && v.get("text").is_some() && v.get("votes").is_some(),
    },
    Platform {
        name: "tiktok-videos",
        label: "TikTok Research API videos",
        detected_by: "video_description or voice_to_text (records of data.videos, a response per document or per line)",
        text: &["video_description", "voice_to_text"],
        id: &[IdPart::Path("id")],
        date: "create_time",
        author: "username",
        skips: &[],
        detect: |v| v.get("video_description").is_some() || v.get("voice_to_text").is_some(),
    },
    Platform {
        name: "tiktok-comments",
        label: "TikTok Research API comments",
        detected_by: "text, video_id and parent_comment_id (records of data.comments)",
        text: &["text"],
        id: &[IdPart::Path("id")],
        date: "create_time",
        author: "display_name",
        skips: &[],
        detect: |v| {
            v.get("text").is_some() && has(v, "video_id") && v.get("parent_comment_id").is_some()
        },
    },
    Platform {
        name: "bluesky",
        label: "Bluesky Jetstream events",
        detected_by: "did, time_us and kind",
        text: &["commit.record.text"],
        id: &[
            IdPart::Lit("at://"),
            IdPart::Path("did"),
            IdPart::Lit("/"),
            IdPart::Path("commit.collection"),
            IdPart::Lit("/"),
            IdPart::Path("commit.rkey"),
        ],
        date: "commit.record.createdAt",
        author: "did",
        skips: &[
            SkipRule {
                path: "kind",
                test: Test::NoneOf(&["commit"]),
                reason: "not_a_post",
            },
            SkipRule {
                path: "commit.operation",
                test: Test::OneOf(&["delete"]),
                reason: "deleted",
            },
            SkipRule {
                path: "commit.collection",
                test: Test::NoneOf(&["app.bsky.feed.post"]),
                reason: "not_a_post",
            },
        ],
        detect: |v| has(v, "did") && has(v, "time_us") && has(v, "kind"),
    },
    Platform {
        name: "zeeschuimer-tiktok",
        label: "Zeeschuimer export, TikTok",
        detected_by: "nav_index, source_platform \"tiktok.com\" and data",
        text: &["data.desc"],
        id: &[IdPart::Path("data.id")],
        date: "data.createTime",
        author: "data.author.uniqueId",
        skips: &[],
        detect: |v| has(v, "nav_index") && str_at(v, "source_platform") == "tiktok.com",
    },
    Platform {
        name: "zeeschuimer-instagram",
        label: "Zeeschuimer export, Instagram",
        detected_by: "nav_index, source_platform \"instagram.com\" and data",
        text: &["data.caption.text"],
        id: &[IdPart::Path("data.code")],
        date: "data.taken_at",
        author: "data.user.username",
        skips: &[
            SkipRule {
                path: "data._zs_partial",
                test: Test::OneOf(&["true"]),
                reason: "partial",
            },
            SkipRule {
                path: "data.product_type",
                test: Test::OneOf(&["ad"]),
                reason: "ad",
            },
        ],
        detect: |v| has(v, "nav_index") && str_at(v, "source_platform") == "instagram.com",
    },
    Platform {
        name: "4cat-tiktok",
        label: "4CAT NDJSON of a Zeeschuimer import, TikTok",
        detected_by: "__import_meta.source_platform \"tiktok.com\"",
        text: &["desc"],
        id: &[IdPart::Path("id")],
        date: "createTime",
        author: "author.uniqueId",
        skips: &[],
        detect: |v| str_at(v, "__import_meta.source_platform") == "tiktok.com",
    },
    Platform {
        name: "4cat-instagram",
        label: "4CAT NDJSON of a Zeeschuimer import, Instagram",
        detected_by: "__import_meta.source_platform \"instagram.com\"",
        text: &["caption.text"],
        id: &[IdPart::Path("code")],
        date: "taken_at",
        author: "user.username",
        skips: &[
            SkipRule {
                path: "_zs_partial",
                test: Test::OneOf(&["true"]),
                reason: "partial",
            },
            SkipRule {
                path: "product_type",
                test: Test::OneOf(&["ad"]),
                reason: "ad",
            },
        ],
        detect: |v| str_at(v, "__import_meta.source_platform") == "instagram.com",
    },
];

/// The platform of a file from its first records (the first one that is
/// an object decides).
pub fn detect(sample: &[Value]) -> Option<&'static Platform> {
    let first = sample.iter().find(|v| v.is_object())?;
    ALL.iter().find(|p| (p.detect)(first))
}

/// Whether a whole first line is a TikTok Research API response (a
/// document holding its records in `data`): such files are read as a
/// sequence of JSON documents, one per line.
pub fn is_api_response(line: &[u8]) -> bool {
    serde_json::from_slice::<Value>(line)
        .is_ok_and(|v| v.get("data").is_some_and(Value::is_object) && has(&v, "error.log_id"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_platform_is_told_from_the_others() {
        let cases = [
            (
                json!({"body": "x", "link_id": "t3_a", "parent_id": "t3_a", "subreddit": "mexico"}),
                "reddit-comments",
            ),
            (
                json!({"title": "x", "selftext": "", "subreddit": "mexico", "is_self": false}),
                "reddit-submissions",
            ),
            (
                json!({"cid": "Ugx", "text": "x", "votes": "1.2K", "reply": false}),
                "youtube",
            ),
            (
                json!({"id": 7, "video_description": "x", "create_time": 1}),
                "tiktok-videos",
            ),
            (
                json!({"id": 7, "text": "x", "video_id": 6, "parent_comment_id": 6}),
                "tiktok-comments",
            ),
            (
                json!({"did": "did:plc:x", "time_us": 1, "kind": "commit"}),
                "bluesky",
            ),
            (
                json!({"nav_index": "1:2:0", "source_platform": "tiktok.com", "data": {}}),
                "zeeschuimer-tiktok",
            ),
            (
                json!({"nav_index": "1:2:0", "source_platform": "instagram.com", "data": {}}),
                "zeeschuimer-instagram",
            ),
            (
                json!({"desc": "x", "__import_meta": {"source_platform": "tiktok.com"}}),
                "4cat-tiktok",
            ),
        ];
        for (record, name) in cases {
            assert_eq!(detect(&[record]).map(|p| p.name), Some(name));
        }
        assert!(detect(&[json!({"id": 1, "text": "x"})]).is_none());
    }

    #[test]
    fn api_responses_are_seen_on_one_line() {
        assert!(is_api_response(
            br#"{"data": {"videos": []}, "error": {"code": "ok", "log_id": "1"}}"#
        ));
        assert!(!is_api_response(br#"{"data": [{"id": 1}]}"#));
    }
}
