//! WhatsApp "Export chat" text files, in the two layouts the apps write:
//!
//! - Android: `01/01/19, 11:25 - John Doe: text`
//! - iOS: `[01/01/19, 11:25:03] John Doe: text` (often after a U+200E mark)
//!
//! Dates are day-first or month-first depending on the phone's locale; the
//! file tells which when a first or second field is above 12 somewhere
//! (`--dayfirst`/`--monthfirst` force it; with no evidence, day first and a
//! note). Years of four digits first (`2019/01/01`) are read year-month-day.
//! Clocks are 24 h or 12 h (`AM`/`PM`, `a. m.`/`p. m.`, with a space, a
//! no-break space or the narrow no-break space U+202F before them). A line
//! that does not start with a date and time continues the message before it
//! (a multi-line message). Lines without a `Name: ` part are system lines
//! (group created, member added, encryption notice): skipped with reason
//! `system_message`; media placeholders (`<Media omitted>`, `<attached: …>`,
//! `image omitted`) with reason `media_omitted`.
//!
//! Chat exports are small: the reader parses the file whole at open (the
//! date order needs the whole file) and hands out rows.

use std::borrow::Cow;
use std::io::{BufRead, Read};

use super::post::{Batch, Post, Row, Skip};
use super::projection::Projection;
use crate::error::{Error, Result};

/// The fields of a message. `id` is the message's number in the file.
pub const SCHEMA: &[&str] = &["text", "id", "timestamp", "author"];

/// Default text, id and date fields.
pub const DEFAULTS: (&str, &str, &str) = ("text", "id", "timestamp");

/// The largest file read.
pub const MAX_BYTES: u64 = 2 << 30;

/// A line's header: date parts, time, and what follows.
#[derive(Clone, Debug, PartialEq)]
struct Header<'a> {
    date: [u32; 3],
    /// Index of the year among the date parts (0 or 2).
    year_first: bool,
    hour: u32,
    minute: u32,
    second: u32,
    rest: &'a str,
}

fn digits(s: &str) -> (u32, usize, &str) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (s[..n].parse().unwrap_or(0), n, &s[n..])
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t')
}

/// Parse the date-time header of a message line, or `None` for a
/// continuation line.
fn header(line: &str) -> Option<Header<'_>> {
    let line = line.trim_start_matches(['\u{200e}', '\u{200f}', '\u{feff}']);
    let (ios, s) = match line.strip_prefix('[') {
        Some(r) => (true, r),
        None => (false, line),
    };
    // Date: three numbers separated by / . or -.
    let mut date = [0u32; 3];
    let mut widths = [0usize; 3];
    let mut s = s;
    for k in 0..3 {
        let (v, n, r) = digits(s);
        if n == 0 || n > 4 {
            return None;
        }
        date[k] = v;
        widths[k] = n;
        s = r;
        if k < 2 {
            s = s.strip_prefix(['/', '.', '-'])?;
        }
    }
    let s = s
        .strip_prefix(',')
        .unwrap_or(s)
        .trim_start_matches(is_space);
    let (hour, n, s) = digits(s);
    if n == 0 || n > 2 {
        return None;
    }
    let s = s.strip_prefix(':')?;
    let (minute, n, mut s) = digits(s);
    if n != 2 {
        return None;
    }
    let mut second = 0;
    if let Some(r) = s.strip_prefix(':') {
        let (v, n, r) = digits(r);
        if n != 2 {
            return None;
        }
        second = v;
        s = r;
    }
    // 12 h clock marks.
    let t = s.trim_start_matches(is_space);
    let mut hour = hour;
    for (marks, pm) in [
        (&["AM", "am", "a. m.", "a.m.", "a.\u{a0}m."][..], false),
        (&["PM", "pm", "p. m.", "p.m.", "p.\u{a0}m."][..], true),
    ] {
        if let Some(m) = marks.iter().find(|m| t.starts_with(**m)) {
            if hour > 12 {
                return None;
            }
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
            s = &t[m.len()..];
            break;
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let rest = if ios {
        s.trim_start_matches(is_space).strip_prefix(']')?
    } else {
        let r = s.trim_start_matches(is_space);
        r.strip_prefix('-')
            .or_else(|| r.strip_prefix('–'))
            .or_else(|| r.strip_prefix(':'))?
    };
    Some(Header {
        date,
        year_first: widths[0] == 4,
        hour,
        minute,
        second,
        rest: rest.trim_start_matches(is_space),
    })
}

/// Whether the first bytes of an input look like a WhatsApp export: the
/// first non-blank line has a message header.
pub fn looks_like(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    };
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| header(l.trim_end_matches('\r')).is_some())
}

/// Media placeholders of Android (several languages) and iOS.
fn is_media(text: &str) -> bool {
    let t = text
        .trim()
        .trim_start_matches(['\u{200e}', '\u{200f}'])
        .trim();
    let lower = t.to_lowercase();
    (lower.starts_with('<') && lower.ends_with('>') && lower.contains("omit"))
        || lower.starts_with("<attached:")
        || lower.starts_with("<adjunto:")
        || [
            "image omitted",
            "video omitted",
            "audio omitted",
            "sticker omitted",
            "gif omitted",
            "document omitted",
            "contact card omitted",
            "imagen omitida",
            "video omitido",
            "audio omitido",
            "sticker omitido",
        ]
        .iter()
        .any(|m| lower == *m || (*m == "document omitted" && lower.ends_with(m)))
}

/// Reads the whole export and hands out its messages.
pub struct WhatsappReader {
    rows: Vec<Row>,
    next: usize,
    dayfirst: bool,
    evidence: bool,
    year_first: bool,
}

impl WhatsappReader {
    /// Read and parse the whole file; `dayfirst` forces the date order.
    pub fn new(
        reader: Box<dyn BufRead + Send>,
        path: &str,
        dayfirst: Option<bool>,
    ) -> Result<Self> {
        let mut bytes = Vec::new();
        reader
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(Error::Input {
                path: path.to_string(),
                line: None,
                msg: format!(
                    "a WhatsApp export larger than {} GiB is not read",
                    MAX_BYTES >> 30
                ),
            });
        }
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_start_matches('\u{feff}');
        let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
        let headers: Vec<Option<Header>> = lines.iter().map(|l| header(l)).collect();
        // Date order from the file: a first field above 12 means day first,
        // a second one above 12 month first.
        let (mut day, mut month) = (false, false);
        for h in headers.iter().flatten().filter(|h| !h.year_first) {
            day |= h.date[0] > 12;
            month |= h.date[1] > 12;
        }
        let all_year_first = headers.iter().flatten().all(|h| h.year_first);
        let evidence = day != month || all_year_first;
        let dayfirst = dayfirst.unwrap_or(if evidence { day } else { true });
        let mut rows: Vec<Row> = Vec::new();
        let mut open: Option<(u64, String, String, String, bool)> = None;
        let mut count = 0u64;
        let mut flush = |open: &mut Option<(u64, String, String, String, bool)>,
                         rows: &mut Vec<Row>| {
            if let Some((line, ts, author, body, system)) = open.take() {
                count += 1;
                let result = if system {
                    Err(("system_message", format!("system line: {body}")))
                } else if is_media(&body) {
                    Err((
                        "media_omitted",
                        format!("media placeholder: {}", body.trim()),
                    ))
                } else {
                    Ok([body, count.to_string(), ts, author])
                };
                rows.push(Row { line, result });
            }
        };
        for (i, (l, h)) in lines.iter().zip(&headers).enumerate() {
            let line = i as u64 + 1;
            match h {
                Some(h) => {
                    flush(&mut open, &mut rows);
                    let (y, m, d) = if h.year_first {
                        (h.date[0], h.date[1], h.date[2])
                    } else if dayfirst {
                        (h.date[2], h.date[1], h.date[0])
                    } else {
                        (h.date[2], h.date[0], h.date[1])
                    };
                    let y = if y < 100 { 2000 + y } else { y };
                    let ts = format!(
                        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
                        h.hour, h.minute, h.second
                    );
                    let (author, body, system) = match h.rest.split_once(": ") {
                        Some((a, b)) if !a.is_empty() => (a.to_string(), b.to_string(), false),
                        _ => match h.rest.strip_suffix(':') {
                            Some(a) if !a.is_empty() => (a.to_string(), String::new(), false),
                            _ => (String::new(), h.rest.to_string(), true),
                        },
                    };
                    open = Some((line, ts, author, body, system));
                }
                None => match &mut open {
                    Some((_, _, _, body, _)) => {
                        body.push('\n');
                        body.push_str(l);
                    }
                    None if l.trim().is_empty() => {}
                    None => rows.push(Row {
                        line,
                        result: Err((
                            "not_a_post",
                            "a line before the first message header".to_string(),
                        )),
                    }),
                },
            }
        }
        flush(&mut open, &mut rows);
        Ok(WhatsappReader {
            rows,
            next: 0,
            dayfirst,
            evidence,
            year_first: all_year_first,
        })
    }

    /// What was found about the date order, for stderr.
    pub fn describe(&self) -> String {
        if self.year_first {
            return format!("{} messages, dates read year first", self.rows.len());
        }
        format!(
            "{} messages, dates read {}{}",
            self.rows.len(),
            if self.dayfirst {
                "day first"
            } else {
                "month first"
            },
            if self.evidence {
                " (from the file)"
            } else {
                " (no field above 12 tells; --monthfirst to change)"
            }
        )
    }

    /// Hand out up to `max` rows.
    pub fn fill(&mut self, batch: &mut Batch, max: usize) -> Result<usize> {
        batch.clear();
        let end = (self.next + max).min(self.rows.len());
        batch.rows.extend_from_slice(&self.rows[self.next..end]);
        self.next = end;
        Ok(batch.rows.len())
    }
}

/// Turns parsed messages into posts; shared by all threads.
#[derive(Clone, Debug)]
pub struct WhatsappDecoder {
    proj: Projection,
}

impl WhatsappDecoder {
    /// A decoder picking fields with `proj`.
    pub fn new(proj: Projection) -> Self {
        WhatsappDecoder { proj }
    }

    /// Decode row `i` of the batch.
    pub fn decode<'a>(&self, batch: &'a Batch, i: usize) -> std::result::Result<Post<'a>, Skip> {
        let row = &batch.rows[i];
        match &row.result {
            Err((reason, detail)) => Err(Skip {
                line: row.line,
                reason,
                detail: detail.clone(),
            }),
            Ok(values) => {
                let mut v: Vec<Cow<'a, str>> =
                    values.iter().map(|s| Cow::Borrowed(s.as_str())).collect();
                Ok(self.proj.post(&mut v, row.line))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let h = header("01/01/19, 11:25 - John Doe: Lorem").unwrap();
        assert_eq!(
            (h.date, h.hour, h.minute, h.rest),
            ([1, 1, 19], 11, 25, "John Doe: Lorem")
        );
        let h = header("\u{200e}[1/2/21, 3:04:05\u{202f}PM] Ana: hola").unwrap();
        assert_eq!(
            (h.date, h.hour, h.minute, h.second, h.rest),
            ([1, 2, 21], 15, 4, 5, "Ana: hola")
        );
        let h = header("06/20/2020, 00:08 a. m. - +12 345 578 created group").unwrap();
        assert_eq!(h.hour, 0);
        let h = header("[01/01/19 11:25] John Doe: x").unwrap();
        assert_eq!(h.rest, "John Doe: x");
        assert!(header("consectetur adipiscing elit.").is_none());
        assert!(header("12/30/21 is a date but no time").is_none());
    }

    #[test]
    fn media() {
        assert!(is_media("<Media omitted>"));
        assert!(is_media("\u{200e}image omitted"));
        assert!(is_media("<attached: 00000012-PHOTO-2020-01-01.jpg>"));
        assert!(!is_media("I omitted the image"));
    }
}
