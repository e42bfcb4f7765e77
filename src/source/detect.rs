//! Which format an input is: from its content (JSON documents, JSON Lines,
//! X lines, Telegram exports, WhatsApp lines and CSV are told apart by their
//! first bytes, whatever the extension says); the extension only decides
//! what the content cannot.

use std::io::BufRead;

use super::decompress;
use super::options::InputFormat;
use super::{platform, telegram, whatsapp, x};
use crate::error::{Error, Result};

/// The format of an opened input ([`detect_content`] on its head).
pub(crate) fn detect_format(
    path: &str,
    reader: &mut Box<dyn BufRead + Send>,
) -> Result<InputFormat> {
    let name = decompress::logical_name(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
    Ok(detect_content(head, ext))
}

/// Format detection on the first bytes of an input and its extension:
/// the content decides first, the extension only when the content cannot
/// (an empty head).
///
/// - `[`: a WhatsApp iOS line (`[12/01/2021, 10:00:00] …`), else a JSON
///   document (an array of records);
/// - `{`: a Telegram export, an X/twarc line, a JSON document (the first
///   line is not a whole JSON value: pretty-printed; or a `.json` file that
///   is one line), else JSON Lines, whatever the extension;
/// - anything else: WhatsApp lines; JSON Lines whose first line is damaged
///   (most lines start with `{`); else CSV, whatever the extension.
pub fn detect_content(head: &[u8], ext: &str) -> InputFormat {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let Some(start) = head.iter().position(|b| !b.is_ascii_whitespace()) else {
        return match ext {
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "json" => InputFormat::Json,
            _ => InputFormat::Csv,
        };
    };
    match head[start] {
        b'[' if whatsapp::looks_like(head) => InputFormat::Whatsapp,
        b'[' => InputFormat::Json,
        b'{' => {
            let line_end = head[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(head.len(), |i| start + i);
            let line = &head[start..line_end];
            if telegram::looks_like(line, head) {
                InputFormat::Telegram
            } else if x::looks_like(line) {
                InputFormat::X
            } else if platform::is_api_response(line) {
                // One API response per line: a sequence of documents.
                InputFormat::Json
            } else if !is_json_value(line) {
                // Pretty-printed, or a line longer than the head: a line
                // cut by the head is still JSON Lines when more follow.
                if line_end == head.len() && head.len() >= HEAD_FULL && ext != "json" {
                    InputFormat::Jsonl
                } else {
                    InputFormat::Json
                }
            } else if ext == "json" && head[line_end..].iter().all(u8::is_ascii_whitespace) {
                InputFormat::Json
            } else {
                InputFormat::Jsonl
            }
        }
        _ if whatsapp::looks_like(head) => InputFormat::Whatsapp,
        _ if mostly_object_lines(head) => InputFormat::Jsonl,
        _ => InputFormat::Csv,
    }
}

/// JSON Lines whose first line is damaged: most lines of the head start
/// with `{`.
fn mostly_object_lines(head: &[u8]) -> bool {
    let (mut lines, mut objects) = (0, 0);
    for line in head.split(|&b| b == b'\n') {
        let line = line.trim_ascii();
        if !line.is_empty() {
            lines += 1;
            objects += usize::from(line.starts_with(b"{"));
        }
    }
    lines >= 2 && objects * 2 > lines
}

/// A head this long may end inside a record (the reader's buffer is full).
const HEAD_FULL: usize = 64 * 1024;

/// Whether `bytes` is one whole JSON value.
fn is_json_value(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes.trim_ascii_end()).is_ok()
}
