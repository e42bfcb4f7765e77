//! Telegram Desktop `result.json`: one chat (`{"name", "id", "messages":
//! […]}`) or a full-account export (`{"chats": {"list": [{…, "messages":
//! […]}]}}`).
//!
//! The file is one JSON document, not lines. The reader reads it whole (up
//! to [`MAX_BYTES`]; a larger file fails with a clear message) and finds
//! each message object as a raw slice of the document, with its line; the
//! batches hold those slices, and the workers decode them in parallel with
//! the JSONL path picker (so `text` as a string or as a list of strings and
//! entity objects is concatenated the same way). Service messages (`type:
//! "service"`: joins, pins, calls) are skipped with reason
//! `service_message`.

use std::borrow::Cow;
use std::io::{BufRead, Read};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::jsonl::{PathTree, pick};
use super::post::{Batch, Post, Skip};
use super::projection::Projection;
use crate::error::{Error, Result};

/// The fields of a message. `chat` and `chat_id` come from the chat that
/// holds it; `text` is the concatenated rich text.
pub const SCHEMA: &[&str] = &[
    "text",
    "id",
    "type",
    "date",
    "date_unixtime",
    "from",
    "from_id",
    "forwarded_from",
    "reply_to_message_id",
    "media_type",
    "edited",
    "chat",
    "chat_id",
];

/// Default text, id and date fields (`date_unixtime` is UTC; `date` is the
/// exporting computer's local time without a zone).
pub const DEFAULTS: (&str, &str, &str) = ("text", "id", "date_unixtime");

/// The largest document read (it is held in memory whole).
pub const MAX_BYTES: u64 = 4 << 30;

const JSON_FIELDS: usize = 11;
const TYPE: usize = 2;
const CHAT: usize = 11;
const CHAT_ID: usize = 12;

/// Whether an input that starts with `{` is a Telegram export: a JSON
/// document (the first line is not a whole object) with `messages` or
/// `chats` among its first keys.
pub fn looks_like(first_line: &[u8], head: &[u8]) -> bool {
    let trimmed = first_line.trim_ascii();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    !trimmed.ends_with(b"}") && (has(b"\"messages\"") || has(b"\"chats\""))
}

/// A chat: name and id.
#[derive(Clone, Debug, Default)]
pub struct Chat {
    /// `name` (empty when absent).
    pub name: String,
    /// `id` (empty when absent).
    pub id: String,
}

#[derive(Deserialize)]
struct ChatDoc<'a> {
    #[serde(default)]
    name: Option<serde_json::Value>,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default, borrow)]
    messages: Option<Vec<&'a RawValue>>,
    #[serde(default, borrow)]
    chats: Option<ChatList<'a>>,
}

#[derive(Deserialize)]
struct ChatList<'a> {
    #[serde(default, borrow)]
    list: Vec<ChatDoc<'a>>,
}

fn scalar(v: &Option<serde_json::Value>) -> String {
    match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Holds the document and hands out its messages in batches.
pub struct TelegramReader {
    doc: Vec<u8>,
    /// Start, end, line and chat of each message.
    messages: Vec<(usize, usize, u64, u32)>,
    next: usize,
    /// The chats, in order.
    pub chats: Arc<Vec<Chat>>,
}

impl TelegramReader {
    /// Read and index the whole document.
    pub fn new(reader: Box<dyn BufRead + Send>, path: &str) -> Result<Self> {
        let mut doc = Vec::new();
        reader
            .take(MAX_BYTES + 1)
            .read_to_end(&mut doc)
            .map_err(|e| Error::io(path, e))?;
        if doc.len() as u64 > MAX_BYTES {
            return Err(Error::Input {
                path: path.to_string(),
                line: None,
                msg: format!(
                    "a Telegram export larger than {} GiB is not read (it is held in memory whole)\nhint: export the chats one by one",
                    MAX_BYTES >> 30
                ),
            });
        }
        let body = std::str::from_utf8(&doc).map_err(|e| Error::Input {
            path: path.to_string(),
            line: None,
            msg: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        })?;
        let parsed: ChatDoc =
            serde_json::from_str(body.trim_start_matches('\u{feff}')).map_err(|e| {
                Error::Input {
                    path: path.to_string(),
                    line: Some(e.line() as u64),
                    msg: format!("cannot read the Telegram export: {e}"),
                }
            })?;
        let base = body.as_ptr() as usize;
        let mut chats = Vec::new();
        let mut spans = Vec::new();
        let mut add = |chat: &ChatDoc, msgs: &[&RawValue], chats: &mut Vec<Chat>| {
            let idx = chats.len() as u32;
            chats.push(Chat {
                name: scalar(&chat.name),
                id: scalar(&chat.id),
            });
            for m in msgs {
                let start = m.get().as_ptr() as usize - base;
                spans.push((start, start + m.get().len(), idx));
            }
        };
        match (&parsed.messages, &parsed.chats) {
            (Some(msgs), _) => add(&parsed, msgs, &mut chats),
            (None, Some(list)) => {
                for chat in &list.list {
                    add(
                        chat,
                        chat.messages.as_deref().unwrap_or_default(),
                        &mut chats,
                    );
                }
            }
            (None, None) => {
                return Err(Error::Input {
                    path: path.to_string(),
                line: None,
                    msg: "a JSON document without \"messages\" or \"chats\": not a Telegram Desktop export\nhint: --input-format jsonl for JSON Lines".into(),
                });
            }
        }
        drop(parsed);
        // Lines: count line breaks once, in document order.
        spans.sort_by_key(|s| s.0);
        let mut line = 1u64;
        let mut pos = 0;
        let messages = spans
            .into_iter()
            .map(|(s, e, chat)| {
                line += doc[pos..s].iter().filter(|&&b| b == b'\n').count() as u64;
                pos = s;
                (s, e, line, chat)
            })
            .collect();
        Ok(TelegramReader {
            doc,
            messages,
            next: 0,
            chats: Arc::new(chats),
        })
    }

    /// Number of messages.
    pub fn len(&self) -> usize {
        self.messages.len()
    }

    /// True when the export holds no message.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// Copy up to `max` messages into `batch`.
    pub fn fill(&mut self, batch: &mut Batch, max: usize) -> Result<usize> {
        batch.clear();
        let end = (self.next + max).min(self.messages.len());
        for &(s, e, line, chat) in &self.messages[self.next..end] {
            let at = batch.buf.len();
            batch.buf.extend_from_slice(&self.doc[s..e]);
            batch.spans.push((at, at + (e - s), line));
            batch.tags.push(chat);
        }
        self.next = end;
        Ok(batch.spans.len())
    }
}

/// Turns message objects into posts; shared by all threads.
#[derive(Clone, Debug)]
pub struct TelegramDecoder {
    proj: Projection,
    tree: PathTree,
    chats: Arc<Vec<Chat>>,
}

impl TelegramDecoder {
    /// A decoder picking fields with `proj`.
    pub fn new(proj: Projection, chats: Arc<Vec<Chat>>) -> Self {
        let paths: Vec<String> = SCHEMA[..JSON_FIELDS]
            .iter()
            .map(|s| s.to_string())
            .collect();
        TelegramDecoder {
            proj,
            tree: PathTree::new(&paths),
            chats,
        }
    }

    /// Decode message `i` of the batch.
    pub fn decode<'a>(&self, batch: &'a Batch, i: usize) -> Result<Post<'a>, Skip> {
        let (s, e, line) = batch.spans[i];
        let text = std::str::from_utf8(&batch.buf[s..e]).map_err(|err| Skip {
            line,
            reason: "invalid_utf8",
            detail: format!("invalid UTF-8 at byte {}", err.valid_up_to()),
        })?;
        let mut out: Vec<Option<Cow<'a, str>>> = vec![None; JSON_FIELDS];
        pick(text, &self.tree, &mut out).map_err(|err| Skip {
            line,
            reason: "invalid_json",
            detail: err.to_string(),
        })?;
        let mut values: Vec<Cow<'a, str>> =
            out.into_iter().map(Option::unwrap_or_default).collect();
        if values[TYPE] == "service" {
            return Err(Skip {
                line,
                reason: "service_message",
                detail: "a service message (join, pin, call…), not a post".into(),
            });
        }
        let chat = &self.chats[batch.tags[i] as usize];
        values.push(Cow::Owned(chat.name.clone()));
        values.push(Cow::Owned(chat.id.clone()));
        debug_assert_eq!(values.len(), CHAT_ID + 1);
        debug_assert_eq!(SCHEMA[CHAT], "chat");
        if self.chats.len() > 1 && !values[1].is_empty() {
            // Message ids restart in every chat of a full-account export.
            values[1] = Cow::Owned(format!("{}/{}", chat.id, values[1]));
        }
        Ok(self.proj.post(&mut values, line))
    }
}
