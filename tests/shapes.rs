//! Property tests for the input-shape classes of the hostile probes
//! (issue 22): for generated inputs of each shape, the readers lose no post
//! without a word. They read in process through the library's `Source`, so
//! hundreds of cases take well under a second.
//!
//! - CR-only line ends read as the same posts as LF ones (JSONL, CSV,
//!   WhatsApp);
//! - a CSV quote that closes rows later is reported, never silent, once it
//!   swallows three rows or more;
//! - one bad tweet of an X page is one skip, the others are posts;
//! - a WhatsApp message with a byte that is not UTF-8 is one counted skip;
//! - UTF-16 read as UTF-8 is never analyzed as text.

use lexiscope::source::{Batch, InputFormat, Source, SourceOptions};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "hola", "arma", "cuerno", "de", "chivo", "vendo", "mota", "sí", "niño", "🔫", "plaza", "jefe",
];

/// Every record of `bytes` as `format`: the texts of the posts and the
/// reasons of the skips, in input order.
fn read(
    name: &str,
    format: InputFormat,
    bytes: Vec<u8>,
    opts: SourceOptions,
) -> (Vec<String>, Vec<String>) {
    let opts = SourceOptions {
        format: Some(format),
        ..opts
    };
    let mut src = Source::from_bytes(name, bytes, &opts).expect("opens");
    let (mut posts, mut skips) = (Vec::new(), Vec::new());
    let mut batch = Batch::default();
    while src.fill(&mut batch).expect("reads") > 0 {
        for i in 0..batch.len() {
            src.decoder.decode_each(&batch, i, &mut |r| match r {
                Ok(p) => posts.push(p.text.into_owned()),
                Err(s) => skips.push(s.reason.to_string()),
            });
        }
    }
    (posts, skips)
}

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..8).prop_map(|w| w.join(" "))
}

fn whatsapp(texts: &[String]) -> String {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{:02}/01/2024, 10:{:02} - Ana: {t}\n", 13 + i % 15, i % 60))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn cr_only_line_ends_read_like_lf(texts in prop::collection::vec(sentence(), 1..40)) {
        let jsonl: String = texts.iter().map(|t| format!("{{\"text\":\"{t}\"}}\n")).collect();
        let csv: String = std::iter::once("id,text\n".to_string())
            .chain(texts.iter().enumerate().map(|(i, t)| format!("{i},\"{t}, y más\"\n")))
            .collect();
        for (name, format, text) in [
            ("a.jsonl", InputFormat::Jsonl, jsonl),
            ("a.csv", InputFormat::Csv, csv),
            ("a.txt", InputFormat::Whatsapp, whatsapp(&texts)),
        ] {
            let lf = read(name, format, text.clone().into_bytes(), SourceOptions::default());
            let cr = read(name, format, text.replace('\n', "\r").into_bytes(), SourceOptions::default());
            prop_assert_eq!(lf.0.len(), texts.len(), "{}", name);
            prop_assert_eq!(&cr, &lf, "{}", name);
        }
    }

    #[test]
    fn a_quote_that_closes_rows_later_is_reported(
        texts in prop::collection::vec(sentence(), 8..60),
        open in 0usize..50,
        span in 3usize..8,
    ) {
        let n = texts.len();
        let open = open % (n - 3);
        let close = (open + span).min(n - 1);
        prop_assume!(close - open >= 3);
        let mut csv = String::from("id,author,text\n");
        for (i, t) in texts.iter().enumerate() {
            let t = if i == open {
                format!("\"{t}")
            } else if i == close {
                format!("{t}\"")
            } else {
                t.clone()
            };
            csv.push_str(&format!("{i},u{i},{t}\n"));
        }
        let (posts, skips) = read("a.csv", InputFormat::Csv, csv.into_bytes(), SourceOptions::default());
        prop_assert!(
            skips.iter().any(|s| s == "swallowed_rows"),
            "posts {} of {n}, skips {:?}", posts.len(), skips
        );
        prop_assert!(posts.len() + skips.len() <= n);
    }

    #[test]
    fn one_bad_tweet_is_one_skip(
        texts in prop::collection::vec(sentence(), 1..150),
        bad in 0usize..150,
        kind in 0usize..3,
    ) {
        let bad = bad % texts.len();
        let tweets: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if i != bad {
                    format!(r#"{{"id":"{i}","author_id":"9","conversation_id":"1","text":"{t}"}}"#)
                } else {
                    match kind {
                        0 => format!(r#"{{"id":"{i}","author_id":"9","text":"{t} \ud800"}}"#),
                        1 => format!(r#"{{"id":"{i}","author_id":"9","referenced_tweets":7,"text":"{t}"}}"#),
                        _ => format!(r#"{{"id":"{i}","author_id":"9","note_tweet":"x","text":"{t}"}}"#),
                    }
                }
            })
            .collect();
        let page = format!(
            r#"{{"data":[{}],"includes":{{"users":[{{"id":"9","username":"u"}}]}},"meta":{{}}}}"#,
            tweets.join(",")
        );
        let (posts, skips) = read("a.jsonl", InputFormat::X, format!("{page}\n").into_bytes(), SourceOptions::default());
        prop_assert_eq!(posts.len(), texts.len() - 1);
        prop_assert_eq!(skips, vec!["invalid_json".to_string()]);
    }

    #[test]
    fn whatsapp_invalid_bytes_are_counted(
        texts in prop::collection::vec(sentence(), 1..40),
        bad in prop::collection::vec(any::<bool>(), 40),
    ) {
        let mut bytes = Vec::new();
        let mut n_bad = 0;
        for (i, line) in whatsapp(&texts).lines().enumerate() {
            bytes.extend_from_slice(line.as_bytes());
            if bad[i] {
                bytes.extend_from_slice(b" \xff");
                n_bad += 1;
            }
            bytes.push(b'\n');
        }
        let (posts, skips) = read("a.txt", InputFormat::Whatsapp, bytes, SourceOptions::default());
        prop_assert_eq!(posts.len(), texts.len() - n_bad);
        prop_assert_eq!(skips.len(), n_bad);
        prop_assert!(skips.iter().all(|s| s == "invalid_utf8"));
    }

    #[test]
    fn utf16_read_as_utf8_is_never_analyzed(texts in prop::collection::vec(sentence(), 1..30)) {
        let csv: String = std::iter::once("id,text\n".to_string())
            .chain(texts.iter().enumerate().map(|(i, t)| format!("{i},{t}\n")))
            .collect();
        let utf16: Vec<u8> = csv.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let opts = SourceOptions {
            text: vec!["2".into()],
            encoding: Some(encoding_rs::UTF_8),
            ..SourceOptions::default()
        };
        let (posts, skips) = read("a.csv", InputFormat::Csv, utf16, opts);
        prop_assert!(posts.is_empty(), "analyzed as text: {:?}", posts);
        // Every row is a counted skip (the NUL after the last line end is
        // one more, short, record).
        prop_assert!(skips.len() >= texts.len(), "{:?}", skips);
    }
}
