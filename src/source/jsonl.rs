//! JSON Lines / NDJSON: lines read sequentially into one reused buffer, each
//! parsed in parallel by [`JsonDecoder`], which walks the object once and
//! keeps only the requested paths (borrowed from the line unless escaped).
//! Blank lines are not posts and are passed over.

use std::borrow::Cow;
use std::fmt;
use std::io::BufRead;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::lines::{line_body, read_line_of};
use super::platform::{IdPart, Platform, Test};
use super::post::{Batch, Post, Skip, join_text, take_pending};
use crate::error::Result;

/// Sequential reader of lines.
pub struct JsonlReader {
    rdr: Box<dyn BufRead + Send>,
    line: u64,
    path: String,
    first: bool,
    pending: Option<Batch>,
    max_record: usize,
    mark_invalid_utf8: bool,
}

/// What [`JsonlReader::marking_invalid_utf8`] writes for each invalid
/// UTF-8 sequence of a line: a JSON escape of a lone surrogate, which the
/// page-level parse of an X page accepts and the parse of the one tweet
/// that holds it rejects, so that one bad byte costs that tweet alone.
pub const INVALID_UTF8_MARK: &str = "\\udfff";

impl JsonlReader {
    /// Start reading.
    pub fn new(rdr: Box<dyn BufRead + Send>, path: &str, max_record: usize) -> Self {
        JsonlReader {
            rdr,
            line: 0,
            path: path.to_string(),
            first: true,
            pending: None,
            max_record,
            mark_invalid_utf8: false,
        }
    }

    /// Replace each invalid UTF-8 sequence of a line by
    /// [`INVALID_UTF8_MARK`] instead of leaving the line invalid (X pages:
    /// up to 100 tweets share a line).
    pub fn marking_invalid_utf8(mut self) -> Self {
        self.mark_invalid_utf8 = true;
        self
    }

    /// Hand out `batch` (lines already read) before reading on.
    pub fn with_pending(mut self, batch: Batch) -> Self {
        self.pending = Some(batch);
        self
    }

    /// Fill `batch` with up to `max` non-blank lines or about `max_bytes`.
    pub fn fill(&mut self, batch: &mut Batch, max: usize, max_bytes: usize) -> Result<usize> {
        if take_pending(&mut self.pending, batch) {
            return Ok(batch.spans.len());
        }
        batch.clear();
        // A long line (an X page may be up to 1 GiB) grew the buffer: give
        // the memory back rather than keep it for every batch after.
        if batch.buf.capacity() > max_bytes.saturating_mul(2) {
            batch.buf.shrink_to(max_bytes);
        }
        while batch.spans.len() < max && batch.buf.len() < max_bytes {
            let start = batch.buf.len();
            let (n, too_large) = read_line_of(
                &mut self.rdr,
                &mut batch.buf,
                self.max_record,
                &self.path,
                self.line,
            )?;
            if n == 0 {
                break;
            }
            self.line += 1;
            if too_large {
                // Kept out of memory; decoded as a skipped record.
                batch.buf.truncate(start);
                batch.spans.push((TOO_LARGE, n, self.line));
                self.first = false;
                continue;
            }
            let body = line_body(&batch.buf[start..], self.first);
            self.first = false;
            let (s, mut end) = (start + body.start, start + body.end);
            if batch.buf[s..end].iter().all(u8::is_ascii_whitespace) {
                batch.buf.truncate(start);
                continue;
            }
            if self.mark_invalid_utf8 && std::str::from_utf8(&batch.buf[s..end]).is_err() {
                let mut marked = Vec::with_capacity(end - s + 16);
                for chunk in batch.buf[s..end].utf8_chunks() {
                    marked.extend_from_slice(chunk.valid().as_bytes());
                    if !chunk.invalid().is_empty() {
                        marked.extend_from_slice(INVALID_UTF8_MARK.as_bytes());
                    }
                }
                batch.buf.truncate(s);
                batch.buf.extend_from_slice(&marked);
                end = batch.buf.len();
            }
            batch.spans.push((s, end, self.line));
        }
        Ok(batch.spans.len())
    }
}

/// Span start marking a line longer than `--max-field-bytes` (its length
/// is in the span's end).
pub const TOO_LARGE: usize = usize::MAX;

/// Span start marking a JSON document of a sequence (one API response per
/// line) that holds no records array: one skipped record.
pub const NO_RECORDS: usize = usize::MAX - 1;

/// The requested JSON paths as a tree of keys; leaves are output slots.
#[derive(Clone, Debug, Default)]
pub struct PathTree {
    children: Vec<(String, PathTree)>,
    slot: Option<usize>,
}

impl PathTree {
    /// Build from dotted paths (`note_tweet.text`); slot i is path i.
    pub fn new(paths: &[String]) -> Self {
        let mut root = PathTree::default();
        for (slot, path) in paths.iter().enumerate() {
            let mut node = &mut root;
            for key in path.split('.') {
                let pos = match node.children.iter().position(|(k, _)| k == key) {
                    Some(p) => p,
                    None => {
                        node.children.push((key.to_string(), PathTree::default()));
                        node.children.len() - 1
                    }
                };
                node = &mut node.children[pos].1;
            }
            node.slot = Some(slot);
        }
        root
    }
}

/// Turns JSON lines into posts; shared by all threads.
#[derive(Clone, Debug)]
pub struct JsonDecoder {
    tree: PathTree,
    /// Slots of text paths.
    text: Vec<usize>,
    /// Slot of the id path.
    id: Option<usize>,
    /// Slots of other requested paths.
    fields: Vec<usize>,
    /// Records that are not posts (a platform's rules): slot, test, reason.
    skips: Vec<(usize, Test, &'static str)>,
    /// A composed id (a platform's), replacing `id` when not empty.
    id_parts: Vec<IdSlot>,
    slots: usize,
    paths: Vec<String>,
}

/// A piece of a composed id: a slot's value or literal text.
#[derive(Clone, Debug)]
enum IdSlot {
    Slot(usize),
    Lit(&'static str),
}

impl JsonDecoder {
    /// A decoder for these text paths, optional id path and other paths.
    pub fn new(text: &[String], id: Option<&String>, fields: &[String]) -> Self {
        let mut paths: Vec<String> = text.to_vec();
        let text_slots = (0..text.len()).collect();
        let id_slot = id.map(|p| {
            paths.push(p.clone());
            paths.len() - 1
        });
        let field_slots = fields
            .iter()
            .map(|f| {
                paths.push(f.clone());
                paths.len() - 1
            })
            .collect();
        JsonDecoder {
            tree: PathTree::new(&paths),
            text: text_slots,
            id: id_slot,
            fields: field_slots,
            skips: Vec::new(),
            id_parts: Vec::new(),
            slots: paths.len(),
            paths,
        }
    }

    fn slot_of(&mut self, path: &str) -> usize {
        match self.paths.iter().position(|p| p == path) {
            Some(i) => i,
            None => {
                self.paths.push(path.to_string());
                self.slots = self.paths.len();
                self.tree = PathTree::new(&self.paths);
                self.paths.len() - 1
            }
        }
    }

    /// Apply a platform's rules: its records that are not posts are
    /// skipped, and (unless `--id` named one) its composed id is used.
    pub fn with_platform(mut self, platform: &Platform, own_id: bool) -> Self {
        for rule in platform.skips {
            let slot = self.slot_of(rule.path);
            self.skips.push((slot, rule.test, rule.reason));
        }
        if own_id && platform.id.len() > 1 {
            self.id_parts = platform
                .id
                .iter()
                .map(|part| match part {
                    IdPart::Path(p) => IdSlot::Slot(self.slot_of(p)),
                    IdPart::Lit(l) => IdSlot::Lit(l),
                })
                .collect();
        }
        self
    }

    /// Decode line `i` of the batch.
    pub fn decode<'a>(&self, batch: &'a Batch, i: usize) -> Result<Post<'a>, Skip> {
        let (s, e, line) = batch.spans[i];
        if s == TOO_LARGE {
            return Err(Skip {
                line,
                reason: "record_too_large",
                detail: format!("a line of {e} bytes, over --max-field-bytes"),
            });
        }
        if s == NO_RECORDS {
            return Err(Skip {
                line,
                reason: "no_records",
                detail: "a JSON document without the records array (an API error page?)".into(),
            });
        }
        let bytes = &batch.buf[s..e];
        let text = std::str::from_utf8(bytes).map_err(|err| Skip {
            line,
            reason: "invalid_utf8",
            detail: format!("invalid UTF-8 at byte {}", err.valid_up_to()),
        })?;
        let mut out: Vec<Option<Cow<'a, str>>> = vec![None; self.slots];
        pick(text, &self.tree, &mut out).map_err(|err| Skip {
            line,
            reason: "invalid_json",
            detail: err.to_string(),
        })?;
        for &(slot, test, reason) in &self.skips {
            let value = out[slot].as_deref().unwrap_or("");
            if test.holds(value) {
                return Err(Skip {
                    line,
                    reason,
                    detail: format!("{} is {value:?}", self.paths[slot]),
                });
            }
        }
        let mut body: Cow<'a, str> = Cow::Borrowed("");
        for &slot in &self.text {
            if let Some(t) = out[slot].take() {
                match t {
                    Cow::Borrowed(b) => join_text(&mut body, b),
                    Cow::Owned(o) => {
                        if !o.is_empty() {
                            if !body.is_empty() {
                                body.to_mut().push('\n');
                            }
                            body.to_mut().push_str(&o);
                        }
                    }
                }
            }
        }
        let id = if self.id_parts.is_empty() {
            self.id
                .and_then(|slot| out[slot].take())
                .unwrap_or_else(|| Cow::Owned(line.to_string()))
        } else {
            let mut id = String::new();
            for part in &self.id_parts {
                match part {
                    IdSlot::Slot(s) => id.push_str(out[*s].as_deref().unwrap_or("")),
                    IdSlot::Lit(l) => id.push_str(l),
                }
            }
            Cow::Owned(id)
        };
        let fields = self
            .fields
            .iter()
            .map(|&slot| out[slot].take().unwrap_or(Cow::Borrowed("")))
            .collect();
        Ok(Post {
            id,
            text: body,
            fields,
            line,
        })
    }
}

/// Walk one JSON text, filling `out` at the tree's slots.
pub fn pick<'a>(
    text: &'a str,
    tree: &PathTree,
    out: &mut [Option<Cow<'a, str>>],
) -> serde_json::Result<()> {
    let mut de = serde_json::Deserializer::from_str(text);
    NodeSeed {
        node: tree,
        out,
        top: true,
    }
    .deserialize(&mut de)?;
    de.end()
}

struct NodeSeed<'t, 'o, 'a> {
    node: &'t PathTree,
    out: &'o mut [Option<Cow<'a, str>>],
    top: bool,
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_, '_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! ignore_scalar {
    ($($name:ident: $t:ty),*) => {$(
        fn $name<E: de::Error>(self, _: $t) -> Result<(), E> {
            if self.top { Err(E::custom("the line is not a JSON object")) } else { Ok(()) }
        }
    )*};
}

impl<'de> Visitor<'de> for NodeSeed<'_, '_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    ignore_scalar!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if self.top {
            Err(E::custom("the line is not a JSON object"))
        } else {
            Ok(())
        }
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.top {
            return Err(de::Error::custom("the line is a JSON array, not an object"));
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let out = self.out;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match self.node.children.iter().find(|(k, _)| *k == key) {
                Some((_, child)) if child.children.is_empty() => {
                    let v = map.next_value_seed(ValueSeed)?;
                    if let Some(slot) = child.slot {
                        out[slot] = v;
                    }
                }
                Some((_, child)) => map.next_value_seed(NodeSeed {
                    node: child,
                    out: &mut *out,
                    top: false,
                })?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(StrVisitor)
    }
}

struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
}

/// A leaf value as text: strings as they are, numbers and booleans printed,
/// arrays of strings or `{ "text": … }` pieces concatenated (Telegram's rich
/// text), anything else absent.
struct ValueSeed;

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Option<Cow<'de, str>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Option<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut s = String::new();
        while let Some(piece) = seq.next_element_seed(PieceSeed)? {
            s.push_str(&piece);
        }
        Ok(Some(Cow::Owned(s)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// One piece of a rich-text array: a string, or an object's `text`.
struct PieceSeed;

impl<'de> DeserializeSeed<'de> for PieceSeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(PieceVisitor)
    }
}

struct PieceVisitor;

impl<'de> Visitor<'de> for PieceVisitor {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or an object with text")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(""))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(""))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(""))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(""))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(""))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Cow::Borrowed(""))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // `text` of a rich-text piece; else `type`, so that X's
        // `referenced_tweets: [{"type": "retweeted", …}]` reads "retweeted".
        let mut text = None;
        let mut kind = None;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key.as_ref() {
                "text" => text = map.next_value_seed(ValueSeed)?,
                "type" => kind = map.next_value_seed(ValueSeed)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(text.or(kind).unwrap_or(Cow::Borrowed("")))
    }
}

/// Every dotted path to a scalar or array in a JSON value (for auto-detection
/// and "available fields" messages), depth-first in key order.
pub fn paths_of(value: &serde_json::Value) -> Vec<String> {
    fn walk(v: &serde_json::Value, prefix: &str, out: &mut Vec<String>, depth: usize) {
        if let serde_json::Value::Object(map) = v {
            for (k, child) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                if child.is_object() && depth < 4 {
                    walk(child, &path, out, depth + 1);
                } else {
                    out.push(path);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(value, "", &mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(line: &str, paths: &[&str]) -> serde_json::Result<Vec<Option<String>>> {
        let paths: Vec<String> = paths.iter().map(|s| s.to_string()).collect();
        let tree = PathTree::new(&paths);
        let mut out = vec![None; paths.len()];
        pick(line, &tree, &mut out)?;
        Ok(out.into_iter().map(|o| o.map(|c| c.into_owned())).collect())
    }

    #[test]
    fn picks_paths() {
        let got = get(
            r#"{"id": 7, "data": {"text": "hola \"x\""}, "note_tweet": {"text": "largo"}, "x": [1, {"a": 2}]}"#,
            &["data.text", "id", "note_tweet.text", "missing"],
        )
        .unwrap();
        assert_eq!(
            got,
            [
                Some("hola \"x\"".into()),
                Some("7".into()),
                Some("largo".into()),
                None
            ]
        );
    }

    #[test]
    fn rich_text_arrays() {
        let got = get(
            r#"{"text": ["Hola ", {"type": "bold", "text": "CJNG"}, "!"]}"#,
            &["text"],
        )
        .unwrap();
        assert_eq!(got, [Some("Hola CJNG!".into())]);
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(get("[1,2]", &["text"]).is_err());
        assert!(get("{\"text\": 1", &["text"]).is_err());
        assert!(get("{\"text\": 1} x", &["text"]).is_err());
        let deep = "[".repeat(10_000);
        assert!(get(&format!("{{\"a\": {deep}"), &["text"]).is_err());
    }

    #[test]
    fn a_long_line_does_not_keep_its_memory() {
        let mut text = format!("{{\"text\": \"{}\"}}\n", "a".repeat(1 << 20));
        text.push_str("{\"text\": \"b\"}\n{\"text\": \"c\"}\n");
        let mut r = JsonlReader::new(Box::new(std::io::Cursor::new(text)), "x.jsonl", 2 << 20);
        let mut batch = Batch::default();
        assert_eq!(r.fill(&mut batch, 1, 1024).unwrap(), 1);
        assert!(batch.buf.capacity() > 1 << 20);
        assert_eq!(r.fill(&mut batch, 1, 1024).unwrap(), 1);
        assert!(batch.buf.capacity() <= 2048, "{}", batch.buf.capacity());
    }
}
