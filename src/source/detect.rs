//! Which format an input is: from the content first (JSON documents, X
//! lines, WhatsApp lines are recognized whatever the extension), then the
//! extension, then `{` → JSONL, else CSV.

use std::io::BufRead;

use super::decompress;
use super::options::InputFormat;
use super::{telegram, whatsapp, x};
use crate::error::{Error, Result};

/// The format from the content first (JSON documents, X lines, WhatsApp
/// lines are recognized whatever the extension), then the extension, then
/// `{` → JSONL, else CSV.
pub(crate) fn detect_format(
    path: &str,
    reader: &mut Box<dyn BufRead + Send>,
) -> Result<InputFormat> {
    let name = decompress::logical_name(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
    Ok(detect_content(head, ext))
}

/// Format detection on the first bytes of an input and its extension.
pub fn detect_content(head: &[u8], ext: &str) -> InputFormat {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = head.iter().position(|b| !b.is_ascii_whitespace());
    let is_json_ext = matches!(ext, "jsonl" | "ndjson" | "json");
    if first.is_some_and(|i| head[i] == b'{') {
        let start = first.unwrap_or(0);
        let line_end = head[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(head.len(), |i| start + i);
        let line = &head[start..line_end];
        if telegram::looks_like(line, head) {
            return InputFormat::Telegram;
        }
        if x::looks_like(line) {
            return InputFormat::X;
        }
        if is_json_ext || !matches!(ext, "csv" | "tsv" | "tab") {
            return InputFormat::Jsonl;
        }
    }
    if !is_json_ext && whatsapp::looks_like(head) {
        return InputFormat::Whatsapp;
    }
    match ext {
        "jsonl" | "ndjson" | "json" => InputFormat::Jsonl,
        _ => InputFormat::Csv,
    }
}
