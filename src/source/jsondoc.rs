//! JSON documents: a top-level array of records (`[{…}, {…}]`, what
//! youtube-comment-downloader, API dumps and hand-made exports write), or an
//! object holding one (`{"data": [...]}`, `{"data": {"videos": [...]}}`).
//!
//! The document is never loaded whole. [`JsonDocReader`] walks it as a byte
//! stream: it skips what lies before the records array (without storing it),
//! then copies each element's bytes into the batch as one record, which
//! [`JsonDecoder`](super::jsonl::JsonDecoder) decodes on the worker threads
//! exactly like a JSON line. Memory is bounded by the batch and
//! `--max-field-bytes`, whatever the size of the document.
//!
//! Which array holds the records: `--records PATH` (dotted keys, `data.videos`;
//! `.` for the document itself), else the document when it is an array,
//! else the first array of objects met in document order, searching nested
//! objects depth-first. Elements that are not objects are skipped and
//! counted like a JSON line that is not an object.
//!
//! After the first document, more may follow (one API response per line,
//! as paginated TikTok Research API calls are saved): each is read whole
//! and its records taken at the same path; one without them (an error
//! page) is one skipped record, `no_records`.

use std::io::BufRead;

use super::jsonl::{NO_RECORDS, TOO_LARGE};
use super::post::{Batch, take_pending};
use crate::error::{Error, Result};

/// Where the records were found, for stderr and provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// Dotted path of the records array (`.` for a top-level array).
    pub path: String,
    /// Whether it was detected (`false`: named by `--records`).
    pub detected: bool,
}

/// What the reader is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Not yet at the records array.
    Seeking,
    /// Inside it, before the next element (or its closing `]`).
    InArray,
    /// Past it: the rest of that document is not read; a next document
    /// of a sequence may follow.
    Done,
}

/// Streams the records of one JSON document.
pub struct JsonDocReader {
    rdr: Box<dyn BufRead + Send>,
    path: String,
    /// 1-based line of the next unread byte.
    line: u64,
    state: State,
    /// `--records` keys, or empty to detect.
    wanted: Option<Vec<String>>,
    located: Option<Located>,
    pending: Option<Batch>,
    max_record: usize,
}

impl JsonDocReader {
    /// Start reading; `records` is the `--records` path, if given.
    pub fn new(
        rdr: Box<dyn BufRead + Send>,
        path: &str,
        records: Option<&str>,
        max_record: usize,
    ) -> Self {
        let wanted = records.map(|r| {
            r.split('.')
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect()
        });
        JsonDocReader {
            rdr,
            path: path.to_string(),
            line: 1,
            state: State::Seeking,
            wanted,
            located: None,
            pending: None,
            max_record,
        }
    }

    /// Hand out `batch` (records already read) before reading on.
    pub fn with_pending(mut self, batch: Batch) -> Self {
        self.pending = Some(batch);
        self
    }

    /// Where the records are (known once the first batch is read).
    pub fn located(&self) -> Option<&Located> {
        self.located.as_ref()
    }

    /// Fill `batch` with up to `max` records or about `max_bytes`.
    pub fn fill(&mut self, batch: &mut Batch, max: usize, max_bytes: usize) -> Result<usize> {
        if take_pending(&mut self.pending, batch) {
            return Ok(batch.spans.len());
        }
        batch.clear();
        if self.state == State::Seeking {
            self.seek()?;
        }
        while batch.spans.len() < max && batch.buf.len() < max_bytes {
            if self.state == State::Done {
                if !self.next_document(batch)? {
                    break;
                }
                continue;
            }
            self.skip_ws()?;
            match self.peek()? {
                Some(b']') => {
                    self.bump();
                    self.finish_document()?;
                    self.state = State::Done;
                }
                Some(b',') => self.bump(),
                Some(_) => {
                    let line = self.line;
                    let start = batch.buf.len();
                    let (n, too_large) = self.value(Some(&mut batch.buf))?;
                    if too_large {
                        batch.buf.truncate(start);
                        batch.spans.push((TOO_LARGE, n, line));
                    } else {
                        batch.spans.push((start, batch.buf.len(), line));
                    }
                }
                None => {
                    return Err(self.error("the document ends inside the records array"));
                }
            }
        }
        Ok(batch.spans.len())
    }

    /// After the records array: the rest of the objects that hold it (their
    /// other members are skipped), so that a next document can follow.
    fn finish_document(&mut self) -> Result<()> {
        let depth = self
            .located
            .as_ref()
            .map_or(0, |l| l.path.split('.').filter(|k| !k.is_empty()).count());
        for _ in 0..depth {
            loop {
                self.skip_ws()?;
                match self.peek()? {
                    Some(b'}') => {
                        self.bump();
                        break;
                    }
                    Some(b',') => self.bump(),
                    Some(_) => {
                        self.key()?;
                        self.skip_ws()?;
                        self.value(None)?;
                    }
                    None => return Err(self.error("the document ends inside an object")),
                }
            }
        }
        Ok(())
    }

    /// After the first document: the next one of a sequence (one API
    /// response per line, concatenated documents), read whole (it is one
    /// record's worth, bounded by `--max-field-bytes`) and its records at
    /// the path the first one had put in the batch; a document without
    /// them is one skipped record. False at the end of the input.
    fn next_document(&mut self, batch: &mut Batch) -> Result<bool> {
        self.skip_ws()?;
        if self.peek()?.is_none() {
            return Ok(false);
        }
        let line = self.line;
        let mut doc = Vec::new();
        let (n, too_large) = self.value(Some(&mut doc))?;
        if too_large {
            batch.spans.push((TOO_LARGE, n, line));
            return Ok(true);
        }
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(&doc) else {
            // Decoded as what it is: invalid JSON, counted.
            let start = batch.buf.len();
            batch.buf.extend_from_slice(&doc);
            batch.spans.push((start, batch.buf.len(), line));
            return Ok(true);
        };
        let path = self.located.as_ref().map_or(".", |l| l.path.as_str());
        let records = path
            .split('.')
            .filter(|k| !k.is_empty())
            .try_fold(&value, |v, k| v.get(k))
            .and_then(serde_json::Value::as_array);
        match records {
            Some(records) => {
                for record in records {
                    let start = batch.buf.len();
                    serde_json::to_writer(&mut batch.buf, record)
                        .map_err(|e| self.error(e.to_string()))?;
                    batch.spans.push((start, batch.buf.len(), line));
                }
            }
            None => batch.spans.push((NO_RECORDS, 0, line)),
        }
        Ok(true)
    }

    fn error(&self, msg: impl Into<String>) -> Error {
        Error::input(&self.path, Some(self.line), msg.into())
    }

    fn io(&self, e: std::io::Error) -> Error {
        Error::Input {
            path: self.path.clone(),
            line: Some(self.line),
            msg: format!("cannot read: {e}"),
        }
    }

    fn peek(&mut self) -> Result<Option<u8>> {
        loop {
            match self.rdr.fill_buf() {
                Ok(b) => return Ok(b.first().copied()),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.io(e)),
            }
        }
    }

    fn bump(&mut self) {
        if let Ok(b) = self.rdr.fill_buf()
            && b.first() == Some(&b'\n')
        {
            self.line += 1;
        }
        self.rdr.consume(1);
    }

    fn skip_ws(&mut self) -> Result<()> {
        loop {
            let buf = match self.rdr.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.io(e)),
            };
            let len = buf.len();
            let n = buf
                .iter()
                .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .unwrap_or(len);
            self.line += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
            self.rdr.consume(n);
            if n < len || len == 0 {
                return Ok(());
            }
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<()> {
        self.skip_ws()?;
        match self.peek()? {
            Some(b) if b == byte => {
                self.bump();
                Ok(())
            }
            Some(b) => Err(self.error(format!("expected {what}, found {:?}", b as char))),
            None => Err(self.error(format!("expected {what}, found the end of the document"))),
        }
    }

    /// Read one JSON value: copied into `out` (at most `--max-field-bytes`
    /// of it) or skipped. Returns its length and whether it was too large.
    fn value(&mut self, mut out: Option<&mut Vec<u8>>) -> Result<(usize, bool)> {
        let mut scan = Scan::default();
        let mut len = 0usize;
        let mut too_large = false;
        loop {
            let buf = match self.rdr.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.io(e)),
            };
            if buf.is_empty() {
                if scan.scalar_started() {
                    return Ok((len, too_large));
                }
                return Err(self.error("the document ends inside a value"));
            }
            let (n, done) = scan.feed(buf);
            self.line += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
            if let Some(out) = out.as_deref_mut()
                && !too_large
            {
                if len + n > self.max_record {
                    too_large = true;
                } else {
                    out.extend_from_slice(&buf[..n]);
                }
            }
            len += n;
            self.rdr.consume(n);
            if done {
                return Ok((len, too_large));
            }
        }
    }

    /// Read an object key (a JSON string) and its `:`.
    fn key(&mut self) -> Result<String> {
        let mut raw = Vec::new();
        self.value(Some(&mut raw))?;
        let key: String = serde_json::from_slice(&raw)
            .map_err(|_| self.error("expected an object key (a string)"))?;
        self.expect(b':', "':' after an object key")?;
        Ok(key)
    }

    /// Walk to the records array and stop just inside it.
    fn seek(&mut self) -> Result<()> {
        if let Ok(head) = self.rdr.fill_buf()
            && head.starts_with(b"\xEF\xBB\xBF")
        {
            self.rdr.consume(3);
        }
        self.skip_ws()?;
        let wanted = self.wanted.clone();
        let found = match wanted {
            Some(keys) => self.seek_path(&keys)?,
            None => self.seek_first(&mut Vec::new())?,
        };
        match found {
            Some(path) => {
                self.located = Some(Located {
                    path: if path.is_empty() {
                        ".".to_string()
                    } else {
                        path.join(".")
                    },
                    detected: self.wanted.is_none(),
                });
                self.state = State::InArray;
                Ok(())
            }
            None => {
                self.state = State::Done;
                Err(match &self.wanted {
                    Some(keys) => Error::input(
                        &self.path,
                        None,
                        format!(
                            "--records {}: no array at that path in the JSON document",
                            keys.join(".")
                        ),
                    ),
                    None => Error::input(
                        &self.path,
                        None,
                        "found no array of records (objects) in the JSON document\n\
                         hint: name it with --records PATH (dotted keys, e.g. data.videos)",
                    ),
                })
            }
        }
    }

    /// At a value: follow `keys` through objects to an array.
    fn seek_path(&mut self, keys: &[String]) -> Result<Option<Vec<String>>> {
        self.skip_ws()?;
        match (self.peek()?, keys.split_first()) {
            (Some(b'['), None) => {
                self.bump();
                Ok(Some(Vec::new()))
            }
            (Some(b'{'), Some((first, rest))) => {
                self.bump();
                loop {
                    self.skip_ws()?;
                    match self.peek()? {
                        Some(b'}') | None => return Ok(None),
                        Some(b',') => self.bump(),
                        Some(_) => {
                            let key = self.key()?;
                            if &key == first {
                                return Ok(self.seek_path(rest)?.map(|mut p| {
                                    p.insert(0, key);
                                    p
                                }));
                            }
                            self.skip_ws()?;
                            self.value(None)?;
                        }
                    }
                }
            }
            _ => Ok(None),
        }
    }

    /// At a value: the first array whose first element is an object, in
    /// document order (nested objects searched depth-first). `at` is the
    /// path so far.
    fn seek_first(&mut self, at: &mut Vec<String>) -> Result<Option<Vec<String>>> {
        self.skip_ws()?;
        match self.peek()? {
            Some(b'[') => {
                self.bump();
                self.skip_ws()?;
                match self.peek()? {
                    Some(b'{') => Ok(Some(at.clone())),
                    _ if at.is_empty() => Ok(Some(Vec::new())),
                    _ => {
                        // An array of scalars (or empty): not the records.
                        self.skip_rest_of_array()?;
                        Ok(None)
                    }
                }
            }
            Some(b'{') => {
                self.bump();
                loop {
                    self.skip_ws()?;
                    match self.peek()? {
                        Some(b'}') => {
                            self.bump();
                            return Ok(None);
                        }
                        None => return Ok(None),
                        Some(b',') => self.bump(),
                        Some(_) => {
                            let key = self.key()?;
                            at.push(key);
                            if let Some(found) = self.seek_first(at)? {
                                return Ok(Some(found));
                            }
                            at.pop();
                        }
                    }
                }
            }
            Some(_) => {
                self.value(None)?;
                Ok(None)
            }
            None => Ok(None),
        }
    }

    /// Just inside an array: skip to past its `]`.
    fn skip_rest_of_array(&mut self) -> Result<()> {
        loop {
            self.skip_ws()?;
            match self.peek()? {
                Some(b']') => {
                    self.bump();
                    return Ok(());
                }
                Some(b',') => self.bump(),
                Some(_) => {
                    self.value(None)?;
                }
                None => return Err(self.error("the document ends inside an array")),
            }
        }
    }
}

/// The end of one JSON value in a byte stream: strings (with escapes) and
/// nesting are tracked; a scalar ends at the first delimiter.
#[derive(Default)]
struct Scan {
    depth: u32,
    in_string: bool,
    escape: bool,
    /// A bare scalar (number, `true`, …) has begun.
    scalar: bool,
    started: bool,
}

impl Scan {
    fn scalar_started(&self) -> bool {
        self.scalar
    }

    /// Consume bytes of `buf`; returns how many belong to the value and
    /// whether it ended.
    fn feed(&mut self, buf: &[u8]) -> (usize, bool) {
        for (i, &b) in buf.iter().enumerate() {
            if self.in_string {
                if self.escape {
                    self.escape = false;
                } else if b == b'\\' {
                    self.escape = true;
                } else if b == b'"' {
                    self.in_string = false;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                continue;
            }
            if self.scalar {
                if matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                    return (i, true);
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                b' ' | b'\t' | b'\r' | b'\n' if !self.started => {}
                _ if self.depth == 0 && !self.started => self.scalar = true,
                _ => {}
            }
            self.started = true;
        }
        (buf.len(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of a document, with its line, read through a tiny
    /// buffer so that every value crosses buffer boundaries.
    /// Each record's text and line, and where the records were found.
    type Read = (Vec<(String, u64)>, Option<Located>);

    fn records(doc: &str, wanted: Option<&str>) -> Result<Read> {
        let rdr =
            std::io::BufReader::with_capacity(3, std::io::Cursor::new(doc.as_bytes().to_vec()));
        let mut r = JsonDocReader::new(Box::new(rdr), "doc.json", wanted, 1 << 20);
        let mut out = Vec::new();
        let mut batch = Batch::default();
        while r.fill(&mut batch, 2, usize::MAX)? > 0 {
            for &(s, e, line) in &batch.spans {
                let text = if s >= NO_RECORDS {
                    String::new()
                } else {
                    String::from_utf8(batch.buf[s..e].to_vec()).unwrap()
                };
                out.push((text, line));
            }
        }
        Ok((out, r.located().cloned()))
    }

    fn texts(v: &[(String, u64)]) -> Vec<&str> {
        v.iter().map(|(s, _)| s.as_str()).collect()
    }

    #[test]
    fn a_top_level_array_streams_element_by_element() {
        let doc =
            "[\n  {\"id\": 1, \"text\": \"a, [b] {c}\"},\n  {\"id\": 2, \"text\": \"d\\\"e\"}\n]\n";
        let (recs, at) = records(doc, None).unwrap();
        assert_eq!(
            texts(&recs),
            [
                r#"{"id": 1, "text": "a, [b] {c}"}"#,
                r#"{"id": 2, "text": "d\"e"}"#
            ]
        );
        assert_eq!(recs[0].1, 2);
        assert_eq!(recs[1].1, 3);
        assert_eq!(at.unwrap().path, ".");
    }

    #[test]
    fn records_are_found_inside_objects() {
        let doc = r#"{"meta": {"count": 2, "tags": ["x", "y"]}, "data": {"cursor": 5, "videos": [{"id": 1}, {"id": 2}], "has_more": false}}"#;
        let (recs, at) = records(doc, None).unwrap();
        assert_eq!(texts(&recs), [r#"{"id": 1}"#, r#"{"id": 2}"#]);
        assert_eq!(
            at,
            Some(Located {
                path: "data.videos".into(),
                detected: true
            })
        );
        // Named: a later array.
        let doc = r#"{"includes": {"users": [{"u": 1}]}, "data": [{"id": 7}]}"#;
        let (recs, at) = records(doc, Some("data")).unwrap();
        assert_eq!(texts(&recs), [r#"{"id": 7}"#]);
        assert!(!at.unwrap().detected);
        let err = records(doc, Some("nope.x")).unwrap_err().to_string();
        assert!(err.contains("--records nope.x"), "{err}");
    }

    #[test]
    fn scalars_and_nested_arrays_are_records_too_and_empty_arrays_give_none() {
        let (recs, _) = records("[1, \"two\", [3, 4], null, {\"a\": []}]", None).unwrap();
        assert_eq!(
            texts(&recs),
            ["1", "\"two\"", "[3, 4]", "null", "{\"a\": []}"]
        );
        let (recs, _) = records("[ ]", None).unwrap();
        assert!(recs.is_empty());
        let err = records("{\"a\": 1, \"b\": [1, 2]}", None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("--records PATH"), "{err}");
    }

    #[test]
    fn a_sequence_of_documents_reads_each_one_at_the_same_path() {
        let doc = concat!(
            r#"{"data": {"videos": [{"id": 1}, {"id": 2}], "cursor": 2}, "error": {"code": "ok"}}"#,
            "\n",
            r#"{"data": {"videos": [{"id": 3}]}, "error": {"code": "ok"}}"#,
            "\n",
            r#"{"data": {}, "error": {"code": "rate_limit_exceeded"}}"#,
            "\n"
        );
        let (recs, at) = records(doc, None).unwrap();
        assert_eq!(at.unwrap().path, "data.videos");
        let texts: Vec<&str> = recs.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(texts[..3], [r#"{"id": 1}"#, r#"{"id": 2}"#, r#"{"id":3}"#]);
        assert_eq!(recs.iter().map(|r| r.1).collect::<Vec<_>>(), [1, 1, 2, 3]);
        assert_eq!(texts[3], "", "the error page is a marker span");
    }

    #[test]
    fn a_truncated_document_is_an_error_with_its_line() {
        let err = records("[\n{\"id\": 1},\n{\"id\": 2", None)
            .unwrap_err()
            .to_string();
        assert!(err.contains(":3"), "{err}");
    }

    #[test]
    fn an_oversized_element_is_kept_out_of_memory() {
        let big = format!(
            "[{{\"text\": \"{}\"}}, {{\"text\": \"ok\"}}]",
            "x".repeat(5000)
        );
        let rdr = std::io::Cursor::new(big.into_bytes());
        let mut r = JsonDocReader::new(Box::new(rdr), "d.json", None, 100);
        let mut batch = Batch::default();
        r.fill(&mut batch, 10, usize::MAX).unwrap();
        assert_eq!(batch.spans.len(), 2);
        assert_eq!(batch.spans[0].0, TOO_LARGE);
        assert_eq!(batch.buf, br#"{"text": "ok"}"#);
    }
}
