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
//! The reader streams: it reads a line at a time (each at most
//! `--max-field-bytes`) and hands out each message once it is complete.
//! The date order is the one thing that needs more than a line: messages
//! wait, with their dates still in parts, until the first date that tells
//! (a first or second field above 12), the end of the file, or
//! [`LOOKAHEAD_BYTES`] of waiting messages (then day first, with a note),
//! so memory stays bounded whatever the size of the export. A date that
//! reads only the other way (`04/25/21` in a day-first file) is read that
//! way, and the input's closing note says how many there were: the export
//! mixes orders, so dates that read either way may be misread. A message over
//! `--max-field-bytes` is skipped as `record_too_large`, and one holding a
//! byte that is not UTF-8 as `invalid_utf8` (as in every other format).

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::BufRead;

use super::post::{Batch, Post, Row, Skip};
use super::projection::Projection;
use crate::error::Result;

/// The fields of a message. `id` is the message's number in the file.
pub const SCHEMA: &[&str] = &["text", "id", "timestamp", "author"];

/// Default text, id and date fields.
pub const DEFAULTS: (&str, &str, &str) = ("text", "id", "timestamp");

/// How many bytes of messages (the buffers of their strings, as
/// allocated) may wait for the date order to be known.
pub const LOOKAHEAD_BYTES: usize = 64 << 20;

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

/// The date and time of a message header, in the file's order.
#[derive(Clone, Copy, Debug)]
struct Stamp {
    date: [u32; 3],
    year_first: bool,
    hour: u32,
    minute: u32,
    second: u32,
}

impl Stamp {
    fn of(h: &Header) -> Self {
        Stamp {
            date: h.date,
            year_first: h.year_first,
            hour: h.hour,
            minute: h.minute,
            second: h.second,
        }
    }

    /// Which order this date proves: `Some(true)` day first (first field
    /// above 12), `Some(false)` month first, `None` when it cannot tell.
    fn tells(&self) -> Option<bool> {
        let [a, b, _] = self.date;
        match (self.year_first, a > 12, b > 12) {
            (false, true, false) => Some(true),
            (false, false, true) => Some(false),
            _ => None,
        }
    }

    /// ISO 8601 local time, in the order `dayfirst` unless the date reads
    /// only the other way.
    fn iso(&self, dayfirst: bool) -> String {
        let dayfirst = self.tells().unwrap_or(dayfirst);
        let [a, b, c] = self.date;
        let (y, m, d) = if self.year_first {
            (a, b, c)
        } else if dayfirst {
            (c, b, a)
        } else {
            (c, a, b)
        };
        let y = if y < 100 { 2000 + y } else { y };
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            self.hour, self.minute, self.second
        )
    }
}

/// A message whose lines are still being read.
struct Open {
    line: u64,
    stamp: Stamp,
    author: String,
    body: String,
    system: bool,
    /// The first line holding a byte that is not UTF-8.
    invalid: Option<u64>,
    too_large: bool,
}

/// A message (or a line that is not one) waiting for the date order.
struct Waiting {
    stamp: Option<Stamp>,
    row: Row,
}

/// How the date order was decided.
#[derive(Clone, Copy, Debug)]
enum Order {
    /// `--dayfirst` or `--monthfirst`.
    Asked,
    /// A date on this line told.
    Line(u64),
    /// The file ended with no date that tells.
    NoEvidence,
    /// [`LOOKAHEAD_BYTES`] of messages with no date that tells.
    Lookahead,
}

/// Reads an export line by line and hands out its messages.
pub struct WhatsappReader {
    rdr: Box<dyn BufRead + Send>,
    path: String,
    max_record: usize,
    line: u64,
    buf: Vec<u8>,
    open: Option<Open>,
    waiting: VecDeque<Waiting>,
    waiting_bytes: usize,
    messages: u64,
    eof: bool,
    order: Option<(bool, Order)>,
    /// Whether any header was not year first.
    day_month: bool,
    /// Dates that read only against the order decided: how many, and the
    /// line of the first.
    contradicted: (u64, u64),
}

impl WhatsappReader {
    /// Start reading, and read ahead until the date order is known;
    /// `dayfirst` forces it. No message is longer than `max_record` bytes.
    pub fn new(
        reader: Box<dyn BufRead + Send>,
        path: &str,
        dayfirst: Option<bool>,
        max_record: usize,
    ) -> Result<Self> {
        let mut r = WhatsappReader {
            rdr: reader,
            path: path.to_string(),
            max_record,
            line: 0,
            buf: Vec::new(),
            open: None,
            waiting: VecDeque::new(),
            waiting_bytes: 0,
            messages: 0,
            eof: false,
            order: dayfirst.map(|d| (d, Order::Asked)),
            day_month: false,
            contradicted: (0, 0),
        };
        r.advance()?;
        Ok(r)
    }

    /// What was found about the date order, for stderr.
    pub fn describe(&self) -> String {
        let (dayfirst, how) = self.order.unwrap_or((true, Order::NoEvidence));
        if !self.day_month && matches!(how, Order::NoEvidence | Order::Lookahead) {
            return "dates read year first".to_string();
        }
        let how = match how {
            Order::Asked => "(as asked)".to_string(),
            Order::Line(l) => format!("(from the file, line {l})"),
            Order::NoEvidence => "(no field above 12 tells; --monthfirst to change)".to_string(),
            Order::Lookahead => format!(
                "(no field above 12 in the first {} MiB of messages; --monthfirst to change)",
                LOOKAHEAD_BYTES >> 20
            ),
        };
        format!("dates read {} {how}", order_name(dayfirst))
    }

    /// What the whole file showed that the opening note could not: dates
    /// that read only against the order decided.
    pub fn closing_note(&self) -> Option<String> {
        let (n, first) = self.contradicted;
        let (dayfirst, _) = self.order?;
        (n > 0).then(|| {
            format!(
                "{n} dates (the first on line {first}) read only {}, against the order of the file's other dates ({}): read that way; the export mixes date orders, so a date that reads either way (05/04/21) may be misread (--dayfirst or --monthfirst to choose)",
                order_name(!dayfirst),
                order_name(dayfirst)
            )
        })
    }

    /// Hand out up to `max` rows.
    pub fn fill(&mut self, batch: &mut Batch, max: usize) -> Result<usize> {
        batch.clear();
        while batch.rows.len() < max {
            self.advance()?;
            let Some(w) = self.waiting.pop_front() else {
                break;
            };
            let mut row = w.row;
            self.waiting_bytes -= row_bytes(&row);
            if let (Ok(values), Some(stamp)) = (&mut row.result, w.stamp) {
                values[2] = stamp.iso(self.order.is_none_or(|o| o.0));
            }
            batch.rows.push(row);
        }
        Ok(batch.rows.len())
    }

    /// Read lines until a message can be handed out in a known date order,
    /// or the file ends.
    fn advance(&mut self) -> Result<()> {
        loop {
            if self.order.is_none() {
                if self.eof {
                    self.order = Some((true, Order::NoEvidence));
                } else if self.waiting_bytes > LOOKAHEAD_BYTES {
                    self.order = Some((true, Order::Lookahead));
                }
            }
            if self.eof || (self.order.is_some() && !self.waiting.is_empty()) {
                return Ok(());
            }
            self.read_line()?;
        }
    }

    /// Read and place one line: it opens a message, continues the open
    /// one, or (before the first header) is a row of its own.
    fn read_line(&mut self) -> Result<()> {
        self.buf.clear();
        let (n, too_large) = super::lines::read_line_of(
            &mut self.rdr,
            &mut self.buf,
            self.max_record,
            &self.path,
            self.line,
        )?;
        if n == 0 {
            self.eof = true;
            self.flush();
            return Ok(());
        }
        self.line += 1;
        let line = self.line;
        let bytes = &self.buf[super::lines::line_body(&self.buf, line == 1)];
        let (text, invalid) = match std::str::from_utf8(bytes) {
            Ok(t) => (Cow::Borrowed(t), false),
            Err(_) => (String::from_utf8_lossy(bytes), true),
        };
        let text = text.into_owned();
        match header(&text) {
            Some(h) => {
                self.flush();
                let stamp = Stamp::of(&h);
                self.day_month |= !stamp.year_first;
                match (self.order, stamp.tells()) {
                    (None, Some(d)) => self.order = Some((d, Order::Line(line))),
                    (Some((d, _)), Some(t)) if d != t => {
                        if self.contradicted.0 == 0 {
                            self.contradicted.1 = line;
                        }
                        self.contradicted.0 += 1;
                    }
                    _ => {}
                }
                let (author, body, system) = match h.rest.split_once(": ") {
                    Some((a, b)) if !a.is_empty() => (a.to_string(), b.to_string(), false),
                    _ => match h.rest.strip_suffix(':') {
                        Some(a) if !a.is_empty() => (a.to_string(), String::new(), false),
                        _ => (String::new(), h.rest.to_string(), true),
                    },
                };
                self.open = Some(Open {
                    line,
                    stamp,
                    author,
                    body,
                    system,
                    invalid: invalid.then_some(line),
                    too_large,
                });
            }
            None => match &mut self.open {
                Some(open) => {
                    if invalid && open.invalid.is_none() {
                        open.invalid = Some(line);
                    }
                    if too_large || open.body.len() + 1 + text.len() > self.max_record {
                        open.too_large = true;
                    }
                    if !open.too_large {
                        open.body.push('\n');
                        open.body.push_str(&text);
                    }
                }
                None if text.trim().is_empty() => {}
                None => {
                    let reason = if too_large {
                        (
                            "record_too_large",
                            format!(
                                "a line of more than {} bytes before the first message header, over --max-field-bytes",
                                self.max_record
                            ),
                        )
                    } else if invalid {
                        ("invalid_utf8", format!("invalid UTF-8 on line {line}"))
                    } else {
                        (
                            "not_a_post",
                            "a line before the first message header".to_string(),
                        )
                    };
                    self.push(
                        None,
                        Row {
                            line,
                            result: Err(reason),
                        },
                    );
                }
            },
        }
        Ok(())
    }

    /// Close the open message, if any, into a waiting row.
    fn flush(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        self.messages += 1;
        let result = if open.system {
            Err(("system_message", format!("system line: {}", open.body)))
        } else if open.too_large {
            Err((
                "record_too_large",
                format!(
                    "a message of more than {} bytes, over --max-field-bytes",
                    self.max_record
                ),
            ))
        } else if let Some(l) = open.invalid {
            Err(("invalid_utf8", format!("invalid UTF-8 on line {l}")))
        } else if is_media(&open.body) {
            Err((
                "media_omitted",
                format!("media placeholder: {}", open.body.trim()),
            ))
        } else {
            Ok([
                open.body,
                self.messages.to_string(),
                String::new(),
                open.author,
            ])
        };
        self.push(
            Some(open.stamp),
            Row {
                line: open.line,
                result,
            },
        );
    }

    fn push(&mut self, stamp: Option<Stamp>, row: Row) {
        self.waiting_bytes += row_bytes(&row);
        self.waiting.push_back(Waiting { stamp, row });
    }
}

fn order_name(dayfirst: bool) -> &'static str {
    if dayfirst { "day first" } else { "month first" }
}

/// The bytes a waiting row holds (its strings' buffers, as allocated), for
/// [`LOOKAHEAD_BYTES`].
fn row_bytes(row: &Row) -> usize {
    std::mem::size_of::<Waiting>()
        + match &row.result {
            Ok(v) => v.iter().map(String::capacity).sum(),
            Err((_, d)) => d.capacity(),
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

    fn read(chat: &str, max_record: usize) -> (Vec<Row>, Option<String>) {
        let rdr = std::io::Cursor::new(chat.as_bytes().to_vec());
        let mut r = WhatsappReader::new(Box::new(rdr), "chat.txt", None, max_record).unwrap();
        let mut batch = Batch::default();
        let mut rows = Vec::new();
        while r.fill(&mut batch, 2).unwrap() > 0 {
            rows.append(&mut batch.rows);
        }
        (rows, r.closing_note())
    }

    #[test]
    fn a_date_against_the_order_is_read_its_way_and_said() {
        let (rows, note) = read(
            "25/04/21, 10:00 - Ana: uno\n05/04/21, 10:01 - Ana: dos\n04/26/21, 10:02 - Ana: tres\n",
            1 << 20,
        );
        let stamps: Vec<&str> = rows
            .iter()
            .map(|r| r.result.as_ref().unwrap()[2].as_str())
            .collect();
        assert_eq!(
            stamps,
            [
                "2021-04-25T10:00:00",
                "2021-04-05T10:01:00",
                "2021-04-26T10:02:00"
            ]
        );
        let note = note.expect("a closing note");
        assert!(
            note.starts_with("1 dates (the first on line 3) read only month first"),
            "{note}"
        );
        assert_eq!(read("25/04/21, 10:00 - Ana: uno\n", 1 << 20).1, None);
    }

    #[test]
    fn an_oversized_line_before_any_header_is_too_large() {
        let chat = format!("{}\n25/04/21, 10:00 - Ana: uno\n", "x".repeat(100));
        let (rows, _) = read(&chat, 50);
        assert_eq!(rows[0].result.as_ref().unwrap_err().0, "record_too_large");
        assert!(rows[1].result.is_ok());
    }
}
