//! X/Twitter API v2 as twarc writes it, one JSON object a line:
//!
//! - a response page (`twarc2 search`, `timeline`): `data` is an array of
//!   tweets, `includes` holds the `users` and the referenced `tweets`, `meta`
//!   the paging, `errors` what the API could not return;
//! - a streaming line (`twarc2 stream`): `data` is one tweet;
//! - a flattened tweet (`twarc2 flatten`): the tweet itself, with `author`
//!   and the `referenced_tweets` expanded;
//! - an error line: only `errors` (or a bare problem object with `title`).
//!
//! Detection (without `--input-format x`) wants a first line that starts
//! with `{"data":` and carries a v2 key (`author_id`, `conversation_id`,
//! `edit_history_tweet_ids`), starts with `{"errors":` and has a `title`,
//! or is a tweet with `author_id` and `conversation_id`: a generic JSONL
//! file with a `data` object stays JSONL.
//!
//! One line may hold many posts, so the decoder expands a record into every
//! tweet of its `data` (in order, all with the line of the page), then one
//! skip with reason `api_error` per entry of `errors`. The line is parsed on
//! the worker thread, like a JSONL line, into borrowed strings.
//!
//! A page is decoded tweet by tweet: the line is first split into the raw
//! JSON of each tweet (and of each include and error entry), and each is
//! parsed on its own, so one tweet with a lone surrogate, a field of the
//! wrong type or over `--max-field-bytes` is one skipped record, not the
//! page. A page line may be up to [`PAGE_RECORDS`] × `--max-field-bytes`
//! (the API returns at most 100 tweets a page, with their includes); a
//! longer line is one skipped record. An include that cannot be read (or
//! an `includes`, `users` or `tweets` of the wrong type) is dropped (it is
//! not a post): the tweet then keeps its own, truncated, text and the
//! author's id without a name. Includes are looked up by id in a hash map,
//! so a page costs time linear in its tweets.
//!
//! The text is the full text: `note_tweet.text` (a long post) over the
//! truncated `text`, and for a retweet the full text of the retweeted tweet
//! (from `includes.tweets` in a page, from the expanded reference in a
//! flattened line) over the `RT @user: …` that the API truncates.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::jsonl::INVALID_UTF8_MARK;
use super::post::{Batch, Post, Skip};
use super::projection::Projection;

/// The fields of a tweet under stable names (`--by author.username`,
/// `--date created_at`, `--cluster author_id`).
pub const SCHEMA: &[&str] = &[
    "text",
    "id",
    "created_at",
    "author_id",
    "author.username",
    "author.name",
    "lang",
    "conversation_id",
    "referenced_tweets",
    "retweeted_id",
    "raw_text",
    "in_reply_to_user_id",
    "public_metrics.retweet_count",
    "public_metrics.reply_count",
    "public_metrics.like_count",
    "public_metrics.quote_count",
    "source",
];

/// Default text, id and date fields.
pub const DEFAULTS: (&str, &str, &str) = ("text", "id", "created_at");

const TEXT: usize = 0;
const ID: usize = 1;
const CREATED_AT: usize = 2;
const AUTHOR_ID: usize = 3;
const USERNAME: usize = 4;
const NAME: usize = 5;
const LANG: usize = 6;
const CONVERSATION: usize = 7;
const REFERENCED: usize = 8;
const RETWEETED_ID: usize = 9;
const RAW_TEXT: usize = 10;
const REPLY_TO: usize = 11;
const METRICS: usize = 12;
const SOURCE: usize = 16;

/// How many times `--max-field-bytes` one line of an X input may be: a
/// page holds up to 100 tweets with their users and referenced tweets.
pub const PAGE_RECORDS: usize = 128;

/// The longest line of an X input, for a longest record of `max_record`
/// bytes: [`PAGE_RECORDS`] records, but at most 1 GiB (and never less than
/// one record), so that one line cannot exhaust memory.
pub fn page_limit(max_record: usize) -> usize {
    max_record
        .saturating_mul(PAGE_RECORDS)
        .min(1 << 30)
        .max(max_record)
}

/// Whether the first line of an input (or its first bytes) looks like
/// twarc output: a page or stream line starts with `{"data":` or
/// `{"errors":`; a flattened tweet has the v2-only keys `author_id` and
/// `conversation_id` or `edit_history_tweet_ids`.
pub fn looks_like(line: &[u8]) -> bool {
    let compact: Vec<u8> = line
        .iter()
        .take(64)
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let has = |needle: &[u8]| line.windows(needle.len()).any(|w| w == needle);
    let v2 =
        has(b"\"author_id\"") || has(b"\"conversation_id\"") || has(b"\"edit_history_tweet_ids\"");
    if compact.starts_with(b"{\"data\":") {
        return v2;
    }
    if compact.starts_with(b"{\"errors\":") {
        return has(b"\"title\"") || has(b"\"detail\"");
    }
    has(b"\"author_id\"") && (has(b"\"conversation_id\"") || has(b"\"edit_history_tweet_ids\""))
}

/// A JSON scalar as text, borrowed from the line unless escaped; numbers
/// and booleans printed; null, arrays and objects read as empty.
#[derive(Clone, Debug, Default)]
struct Str<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrVisitor)
    }
}

struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Str<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON scalar")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v.to_string())))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v.to_string())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v.to_string())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Str::default())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Str::default())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Str::default())
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Note<'a> {
    #[serde(borrow)]
    text: Option<Str<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct User<'a> {
    #[serde(borrow)]
    id: Option<Str<'a>>,
    #[serde(borrow)]
    username: Option<Str<'a>>,
    #[serde(borrow)]
    name: Option<Str<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Metrics<'a> {
    #[serde(borrow)]
    retweet_count: Option<Str<'a>>,
    #[serde(borrow)]
    reply_count: Option<Str<'a>>,
    #[serde(borrow)]
    like_count: Option<Str<'a>>,
    #[serde(borrow)]
    quote_count: Option<Str<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawIncludes<'a> {
    #[serde(borrow)]
    users: Option<&'a RawValue>,
    #[serde(borrow)]
    tweets: Option<&'a RawValue>,
}

/// The includes of a page that could be read, by id (a bad entry, or a
/// list of the wrong type, is dropped; of two with one id, the first).
#[derive(Debug, Default)]
struct Includes<'a> {
    users: HashMap<Cow<'a, str>, User<'a>>,
    tweets: HashMap<Cow<'a, str>, Tweet<'a>>,
}

/// Each entry of the list `raw` that reads as a `T` with an id, by id.
fn by_id<'a, T: Deserialize<'a>>(
    raw: Option<&'a RawValue>,
    id: impl Fn(&T) -> Option<Cow<'a, str>>,
) -> HashMap<Cow<'a, str>, T> {
    let entries: Vec<&'a RawValue> = raw
        .and_then(|r| serde_json::from_str(r.get()).ok())
        .unwrap_or_default();
    let mut map = HashMap::with_capacity(entries.len());
    for r in entries {
        if let Ok(t) = serde_json::from_str::<T>(r.get())
            && let Some(k) = id(&t).filter(|k| !k.is_empty())
        {
            map.entry(k).or_insert(t);
        }
    }
    map
}

impl<'a> Includes<'a> {
    fn read(raw: Option<&'a RawValue>) -> Self {
        let raw: RawIncludes<'a> = raw
            .and_then(|r| serde_json::from_str(r.get()).ok())
            .unwrap_or_default();
        Includes {
            users: by_id(raw.users, |u: &User<'a>| u.id.as_ref().map(|i| i.0.clone())),
            tweets: by_id(raw.tweets, |t: &Tweet<'a>| {
                t.id.as_ref().map(|i| i.0.clone())
            }),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ApiError<'a> {
    #[serde(borrow)]
    title: Option<Str<'a>>,
    #[serde(borrow)]
    detail: Option<Str<'a>>,
    #[serde(borrow)]
    resource_id: Option<Str<'a>>,
}

/// `data`: an array of tweets (a page) or one tweet (a stream line), each
/// still raw JSON.
#[derive(Debug, Default)]
struct Data<'a>(Vec<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for Data<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DataVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for DataVisitor<'a> {
            type Value = Data<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a tweet or an array of tweets")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some(t) = seq.next_element::<&'a RawValue>()? {
                    v.push(t);
                }
                Ok(Data(v))
            }
        }
        // One tweet (an object) is kept whole; an array is split.
        let raw = <&'a RawValue>::deserialize(d)?;
        let text = raw.get().trim_start();
        if text.starts_with('[') {
            let mut de = serde_json::Deserializer::from_str(raw.get());
            de.deserialize_seq(DataVisitor(std::marker::PhantomData))
                .map_err(de::Error::custom)
        } else if text == "null" {
            Ok(Data::default())
        } else {
            Ok(Data(vec![raw]))
        }
    }
}

/// A line, a tweet, or a referenced tweet: one shape covers them all
/// (absent keys stay empty; unknown keys are skipped without allocation).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Tweet<'a> {
    #[serde(borrow)]
    data: Option<Data<'a>>,
    #[serde(borrow)]
    includes: Option<&'a RawValue>,
    #[serde(borrow)]
    errors: Option<&'a RawValue>,
    #[serde(borrow)]
    title: Option<Str<'a>>,
    #[serde(borrow)]
    detail: Option<Str<'a>>,
    #[serde(borrow, rename = "type")]
    kind: Option<Str<'a>>,
    #[serde(borrow)]
    id: Option<Str<'a>>,
    #[serde(borrow)]
    text: Option<Str<'a>>,
    #[serde(borrow)]
    note_tweet: Option<Note<'a>>,
    #[serde(borrow)]
    created_at: Option<Str<'a>>,
    #[serde(borrow)]
    author_id: Option<Str<'a>>,
    #[serde(borrow)]
    author: Option<User<'a>>,
    #[serde(borrow)]
    lang: Option<Str<'a>>,
    #[serde(borrow)]
    conversation_id: Option<Str<'a>>,
    #[serde(borrow)]
    in_reply_to_user_id: Option<Str<'a>>,
    #[serde(borrow)]
    source: Option<Str<'a>>,
    #[serde(borrow)]
    referenced_tweets: Vec<Tweet<'a>>,
    #[serde(borrow)]
    public_metrics: Option<Metrics<'a>>,
}

/// The entries of `errors`, each read on its own (one that cannot be read
/// is still an error entry, with a detail that says so).
fn api_errors<'a>(raw: Option<&'a RawValue>) -> Vec<ApiError<'a>> {
    let Some(raw) = raw else { return Vec::new() };
    let unreadable = || ApiError {
        detail: Some(Str(Cow::Borrowed("an error entry that cannot be read"))),
        ..ApiError::default()
    };
    match serde_json::from_str::<Vec<&'a RawValue>>(raw.get()) {
        Ok(entries) => entries
            .iter()
            .map(|r| serde_json::from_str(r.get()).unwrap_or_else(|_| unreadable()))
            .collect(),
        Err(_) if raw.get() == "null" => Vec::new(),
        Err(_) => vec![serde_json::from_str(raw.get()).unwrap_or_else(|_| unreadable())],
    }
}

fn get<'a>(s: &Option<Str<'a>>) -> Cow<'a, str> {
    s.as_ref().map_or(Cow::Borrowed(""), |s| s.0.clone())
}

impl<'a> Tweet<'a> {
    /// `note_tweet.text` when present, else `text`.
    fn full_text(&self) -> Option<Cow<'a, str>> {
        self.note_tweet
            .as_ref()
            .and_then(|n| n.text.as_ref())
            .filter(|t| !t.0.is_empty())
            .or(self.text.as_ref())
            .map(|t| t.0.clone())
    }

    fn retweeted(&self) -> Option<&Tweet<'a>> {
        self.referenced_tweets
            .iter()
            .find(|r| r.kind.as_ref().is_some_and(|k| k.0 == "retweeted"))
    }
}

/// The skip of a tweet over `--max-field-bytes` (`which`: its place on
/// the page, or nothing).
fn too_large(line: u64, which: &str, bytes: usize) -> Skip {
    Skip {
        line,
        reason: "record_too_large",
        detail: format!("{which}a tweet of {bytes} bytes, over --max-field-bytes"),
    }
}

/// Turns twarc lines into posts; shared by all threads.
#[derive(Clone, Debug)]
pub struct XDecoder {
    proj: Projection,
    max_record: usize,
}

impl XDecoder {
    /// A decoder picking fields with `proj`, skipping a tweet of more than
    /// `max_record` bytes.
    pub fn new(proj: Projection, max_record: usize) -> Self {
        XDecoder { proj, max_record }
    }

    /// Expand line `i` of the batch into its tweets and error entries.
    pub fn decode_each<'a>(
        &self,
        batch: &'a Batch,
        i: usize,
        emit: &mut dyn FnMut(Result<Post<'a>, Skip>),
    ) {
        let (s, e, line) = batch.spans[i];
        if s == super::jsonl::TOO_LARGE {
            return emit(Err(Skip {
                line,
                reason: "record_too_large",
                detail: format!(
                    "a line of {e} bytes, over the {} bytes of an X page line ({PAGE_RECORDS} × --max-field-bytes, at most 1 GiB)",
                    page_limit(self.max_record)
                ),
            }));
        }
        let text = match std::str::from_utf8(&batch.buf[s..e]) {
            Ok(t) => t,
            Err(err) => {
                return emit(Err(Skip {
                    line,
                    reason: "invalid_utf8",
                    detail: format!("invalid UTF-8 at byte {}", err.valid_up_to()),
                }));
            }
        };
        let obj: Tweet<'a> = match serde_json::from_str(text) {
            Ok(o) => o,
            Err(err) => {
                let reason = if text.contains(INVALID_UTF8_MARK) {
                    "invalid_utf8"
                } else {
                    "invalid_json"
                };
                return emit(Err(Skip {
                    line,
                    reason,
                    detail: err.to_string(),
                }));
            }
        };
        let includes = Includes::read(obj.includes);
        let api_error = |title: &Option<Str>, detail: &Option<Str>, resource: &Option<Str>| Skip {
            line,
            reason: "api_error",
            detail: [get(title), get(detail), get(resource)]
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.as_ref())
                .collect::<Vec<_>>()
                .join(": "),
        };
        let errors = api_errors(obj.errors);
        if let Some(Data(tweets)) = obj.data {
            let n = tweets.len();
            for (k, raw) in tweets.iter().enumerate() {
                let raw = raw.get();
                let which = || {
                    if n > 1 {
                        format!("tweet {} of {n} on the page: ", k + 1)
                    } else {
                        String::new()
                    }
                };
                if raw.len() > self.max_record {
                    emit(Err(too_large(line, &which(), raw.len())));
                    continue;
                }
                match serde_json::from_str::<Tweet<'a>>(raw) {
                    Ok(t) => {
                        let mut values = self.values(&t, &includes);
                        emit(Ok(self.proj.post(&mut values, line)));
                    }
                    Err(_) if raw.contains(INVALID_UTF8_MARK) => emit(Err(Skip {
                        line,
                        reason: "invalid_utf8",
                        detail: format!("{}invalid UTF-8 bytes", which()),
                    })),
                    Err(err) => emit(Err(Skip {
                        line,
                        reason: "invalid_json",
                        detail: format!("{}{err}", which()),
                    })),
                }
            }
        } else if obj.id.is_some() {
            // A flattened tweet: `author` and the references are inline.
            if e - s > self.max_record {
                return emit(Err(too_large(line, "", e - s)));
            }
            let me = Tweet {
                id: obj.id,
                text: obj.text,
                note_tweet: obj.note_tweet,
                created_at: obj.created_at,
                author_id: obj.author_id,
                author: obj.author,
                lang: obj.lang,
                conversation_id: obj.conversation_id,
                in_reply_to_user_id: obj.in_reply_to_user_id,
                source: obj.source,
                referenced_tweets: obj.referenced_tweets,
                public_metrics: obj.public_metrics,
                ..Tweet::default()
            };
            let mut values = self.values(&me, &includes);
            emit(Ok(self.proj.post(&mut values, line)));
        } else if errors.is_empty() {
            if obj.title.is_some() || obj.detail.is_some() {
                emit(Err(api_error(&obj.title, &obj.detail, &None)));
            } else {
                emit(Err(Skip {
                    line,
                    reason: "not_a_post",
                    detail: "a JSON object with neither data, errors nor a tweet id".into(),
                }));
            }
        }
        for err in &errors {
            emit(Err(api_error(&err.title, &err.detail, &err.resource_id)));
        }
    }

    /// The schema values of one tweet; `includes` resolves the author and
    /// the retweeted tweet of a page.
    fn values<'a>(&self, t: &Tweet<'a>, includes: &Includes<'a>) -> Vec<Cow<'a, str>> {
        let mut v: Vec<Cow<'a, str>> = vec![Cow::Borrowed(""); SCHEMA.len()];
        v[ID] = get(&t.id);
        v[RAW_TEXT] = get(&t.text);
        v[TEXT] = t.full_text().unwrap_or_default();
        if let Some(rt) = t.retweeted() {
            v[RETWEETED_ID] = get(&rt.id);
            let full = if rt.text.is_some() || rt.note_tweet.is_some() {
                rt.full_text()
            } else {
                includes
                    .tweets
                    .get(v[RETWEETED_ID].as_ref())
                    .and_then(Tweet::full_text)
            };
            if let Some(full) = full.filter(|f| !f.is_empty()) {
                v[TEXT] = full;
            }
        }
        v[CREATED_AT] = get(&t.created_at);
        v[AUTHOR_ID] = get(&t.author_id);
        let author = t
            .author
            .as_ref()
            .or_else(|| includes.users.get(v[AUTHOR_ID].as_ref()));
        if let Some(a) = author {
            v[USERNAME] = get(&a.username);
            v[NAME] = get(&a.name);
            if v[AUTHOR_ID].is_empty() {
                v[AUTHOR_ID] = get(&a.id);
            }
        }
        v[LANG] = get(&t.lang);
        v[CONVERSATION] = get(&t.conversation_id);
        let kinds: Vec<Cow<str>> = t.referenced_tweets.iter().map(|r| get(&r.kind)).collect();
        v[REFERENCED] = Cow::Owned(kinds.join(","));
        v[REPLY_TO] = get(&t.in_reply_to_user_id);
        if let Some(m) = &t.public_metrics {
            v[METRICS] = get(&m.retweet_count);
            v[METRICS + 1] = get(&m.reply_count);
            v[METRICS + 2] = get(&m.like_count);
            v[METRICS + 3] = get(&m.quote_count);
        }
        v[SOURCE] = get(&t.source);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_twarc_lines() {
        assert!(looks_like(br#"{"data": [{"id": "1", "author_id": "2"}]}"#));
        assert!(!looks_like(
            br#"{"data": {"text": "a generic JSONL line"}}"#
        ));
        assert!(looks_like(br#"{"errors": [{"title": "x"}]}"#));
        assert!(looks_like(
            br#"{"id": "1", "author_id": "2", "conversation_id": "1", "text": "a"}"#
        ));
        assert!(!looks_like(br#"{"id": 1, "text": "hola"}"#));
    }
}
