//! What a source hands out: [`Post`]s borrowed from a reused [`Batch`] of
//! raw records, or a [`Skip`] saying why a record is not one. A leaf of
//! `source`: every format reader and decoder works on these.

use std::borrow::Cow;

/// One post, borrowed from its batch where possible.
#[derive(Clone, Debug)]
pub struct Post<'a> {
    /// Id (the id field, or the line number).
    pub id: Cow<'a, str>,
    /// Text (several text fields joined by `\n`).
    pub text: Cow<'a, str>,
    /// The requested other fields, then the optional ones, in order (empty
    /// string when absent).
    pub fields: Vec<Cow<'a, str>>,
    /// 1-based line where the record starts.
    pub line: u64,
}

/// A record that was not turned into a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// 1-based line where the record starts.
    pub line: u64,
    /// Reason key: `invalid_json`, `invalid_utf8`, `csv_field_count`,
    /// `api_error` (X), `service_message` (Telegram), `system_message`,
    /// `media_omitted` (WhatsApp), `nul_text` (UTF-16 read as UTF-8),
    /// `record_too_large`, `not_a_post`.
    pub reason: &'static str,
    /// Human detail.
    pub detail: String,
}

/// A record already split by its reader (a WhatsApp message, or a line
/// that is not one): the values of its schema, or why it is skipped.
#[derive(Clone, Debug)]
pub struct Row {
    pub(crate) line: u64,
    pub(crate) result: std::result::Result<[String; 4], (&'static str, String)>,
}

/// Raw records of one batch, reused across batches.
///
/// A record is a JSON line or object (`spans` into `buf`, with a `tags`
/// entry per span for Telegram's chat), a CSV record (`recs`), or a row
/// already split by the reader (`rows`, WhatsApp). One record may hold
/// several posts (an X response page): [`Decoder::decode_each`](super::Decoder::decode_each) expands it.
#[derive(Default)]
pub struct Batch {
    pub(crate) buf: Vec<u8>,
    pub(crate) spans: Vec<(usize, usize, u64)>,
    pub(crate) tags: Vec<u32>,
    pub(crate) recs: Vec<::csv::ByteRecord>,
    pub(crate) nrecs: usize,
    /// Index of a CSV record whose quote never closes.
    pub(crate) unclosed: Option<usize>,
    pub(crate) rows: Vec<Row>,
}

impl Batch {
    pub(crate) fn clear(&mut self) {
        self.buf.clear();
        self.spans.clear();
        self.tags.clear();
        self.nrecs = 0;
        self.unclosed = None;
        self.rows.clear();
    }

    /// Number of records in the batch (a record may hold several posts).
    pub fn len(&self) -> usize {
        self.spans.len().max(self.nrecs).max(self.rows.len())
    }

    /// True when the batch holds no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Hand out a batch read ahead (the sample an opener took to detect the
/// fields) in place of reading: true when `batch` now holds it.
pub(crate) fn take_pending(pending: &mut Option<Batch>, batch: &mut Batch) -> bool {
    match pending.take() {
        Some(mut p) if !p.is_empty() => {
            std::mem::swap(batch, &mut p);
            true
        }
        _ => false,
    }
}

/// Append a text field to a post's text, separated by a line break.
pub(crate) fn join_text<'a>(text: &mut Cow<'a, str>, more: &'a str) {
    if more.is_empty() {
    } else if text.is_empty() {
        *text = Cow::Borrowed(more);
    } else {
        let t = text.to_mut();
        t.push('\n');
        t.push_str(more);
    }
}
