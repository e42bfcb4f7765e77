//! CSV and TSV: records read sequentially into a reused batch of
//! `ByteRecord`s (no allocation per record once warm), decoded into posts in
//! parallel by [`CsvDecoder`].

use std::borrow::Cow;
use std::io::BufRead;

use csv::ByteRecord;

use super::post::{Batch, Post, Skip, join_text};
use crate::error::{Error, Result};

/// Counts the bytes the csv reader pulls while reading one record and
/// fails past the limit, so that an unclosed quote cannot pull a whole
/// file into memory.
struct Guard {
    inner: Box<dyn BufRead + Send>,
    taken: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    max: usize,
    /// Double quotes seen: odd at the end of the input means a quote was
    /// never closed.
    quotes: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl std::io::Read for Guard {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::sync::atomic::Ordering;
        let n = self.inner.read(buf)?;
        let quotes = buf[..n].iter().filter(|&&b| b == b'"').count();
        self.quotes.fetch_add(quotes, Ordering::Relaxed);
        if self.taken.fetch_add(n, Ordering::Relaxed) + n > self.max {
            return Err(std::io::Error::other(RECORD_TOO_LARGE));
        }
        Ok(n)
    }
}

const RECORD_TOO_LARGE: &str = "record longer than --max-field-bytes";

/// Sequential reader of CSV records.
pub struct CsvReader {
    rdr: csv::Reader<Guard>,
    taken: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    max: usize,
    quotes: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    quoting: bool,
    /// A data record read while looking for the header (no-header inputs).
    pending: Option<ByteRecord>,
    path: String,
}

/// Whether double quotes should be read as CSV quoting, judged on the first
/// bytes of a tab-separated input: many TSV exports (HateEval, Twitter
/// dumps) write text unquoted, so a tweet that starts with `"` would
/// swallow the following lines. Quoting is kept unless reading the sample
/// without it gives rows of a more consistent width.
pub fn sniff_quoting(head: &[u8], delimiter: u8) -> bool {
    if delimiter != b'\t' || !head.contains(&b'"') {
        return true;
    }
    // Only whole lines of the sample.
    let end = head
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(head.len(), |i| i + 1);
    let sample = &head[..end];
    let ragged = |quoting: bool| {
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(quoting)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample);
        let mut widths = Vec::new();
        let mut rec = ByteRecord::new();
        while rdr.read_byte_record(&mut rec).unwrap_or(false) {
            widths.push(rec.len());
        }
        let first = widths.first().copied().unwrap_or(0);
        (widths.iter().filter(|&&w| w != first).count(), widths.len())
    };
    let (bad_quoted, n_quoted) = ragged(true);
    let (bad_plain, n_plain) = ragged(false);
    // Quoting that merges lines shows as fewer records or ragged widths.
    !(bad_plain < bad_quoted || (bad_plain == 0 && n_plain > n_quoted))
}

/// True when the first line of `head` ends with CRLF.
pub fn is_crlf(head: &[u8]) -> bool {
    head.iter()
        .position(|&b| b == b'\n')
        .is_some_and(|i| i > 0 && head[i - 1] == b'\r')
}

/// Pick the delimiter from the first line: the most frequent of `,` `\t` `;`
/// `|` outside double quotes; `,` on a tie or when none occurs.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let mut counts = [0usize; 4];
    let cands = [b',', b'\t', b';', b'|'];
    let mut quoted = false;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = cands.iter().position(|&c| c == b) {
            counts[i] += 1;
        }
    }
    let best = (0..4)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    if counts[best] == 0 { b',' } else { cands[best] }
}

/// What was sniffed from the head of a CSV input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sniffed {
    /// The delimiter (forced, `.tsv`/`.tab` → tab, else sniffed).
    pub delimiter: u8,
    /// Whether `"` quotes fields.
    pub quoting: bool,
    /// Lines end with CRLF.
    pub crlf: bool,
}

/// The one CSV opener, for CSV inputs and for the gold sheets of
/// `evaluate`: delimiter (`delimiter`, else `.tsv`/`.tab` → tab, else
/// sniffed), quoting and line ends sniffed from the head, then the header
/// read.
pub fn open_reader(
    path: &str,
    mut reader: Box<dyn BufRead + Send>,
    delimiter: Option<u8>,
    has_header: bool,
    max_record: usize,
) -> Result<(CsvReader, Vec<String>, Sniffed)> {
    let name = super::decompress::logical_name(path);
    let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
    let crlf = is_crlf(head);
    let delimiter = match delimiter {
        Some(d) => d,
        None if name.ends_with(".tsv") || name.ends_with(".tab") => b'\t',
        None => sniff_delimiter(head),
    };
    let quoting = sniff_quoting(head, delimiter);
    let (rdr, names) = CsvReader::new(reader, path, delimiter, quoting, has_header, max_record)?;
    Ok((
        rdr,
        names,
        Sniffed {
            delimiter,
            quoting,
            crlf,
        },
    ))
}

/// The 1-based line where a record starts. With CRLF line ends the csv
/// reader reports a record's start one line early (it has consumed the `\r`
/// but not the `\n` of the line before), except for the first record.
pub fn record_line(rec: &ByteRecord, crlf: bool) -> u64 {
    rec.position()
        .map_or(0, |p| p.line() + u64::from(crlf && p.byte() > 0))
}

impl CsvReader {
    /// Start reading; returns the reader and the column names (`1`, `2`, …
    /// when the input has no header).
    pub fn new(
        reader: Box<dyn BufRead + Send>,
        path: &str,
        delimiter: u8,
        quoting: bool,
        has_header: bool,
        max_record: usize,
    ) -> Result<(CsvReader, Vec<String>)> {
        let taken = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let quotes = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let guard = Guard {
            inner: reader,
            taken: taken.clone(),
            max: max_record,
            quotes: quotes.clone(),
        };
        let rdr = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(quoting)
            .has_headers(false)
            .flexible(true)
            .from_reader(guard);
        let mut me = CsvReader {
            rdr,
            taken,
            max: max_record,
            quotes,
            quoting,
            pending: None,
            path: path.to_string(),
        };
        let mut first = ByteRecord::new();
        let got = me.read(&mut first)?;
        if !got {
            return Ok((me, Vec::new()));
        }
        let names: Vec<String> = if has_header {
            first
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let s = String::from_utf8_lossy(f);
                    let s = if i == 0 {
                        s.trim_start_matches('\u{feff}')
                    } else {
                        &s
                    };
                    s.trim().to_string()
                })
                .collect()
        } else {
            let n = first.len();
            me.pending = Some(first);
            (1..=n).map(|i| i.to_string()).collect()
        };
        Ok((me, names))
    }

    fn read(&mut self, rec: &mut ByteRecord) -> Result<bool> {
        // The reader's own buffer may already hold the start of this record,
        // so the limit applies to what is pulled while reading it.
        self.taken.store(0, std::sync::atomic::Ordering::Relaxed);
        self.rdr.read_byte_record(rec).map_err(|e| {
            let line = self.rdr.position().line();
            if e.to_string().contains(RECORD_TOO_LARGE) {
                Error::Input {
                    path: self.path.clone(),
                    line: Some(line),
                    msg: format!(
                        "a record longer than --max-field-bytes ({} bytes) starts near here (an unclosed quote?); reading stopped\nhint: raise --max-field-bytes if the record is real",
                        self.max
                    ),
                }
            } else {
                Error::Input {
                    path: self.path.clone(),
                    line: Some(line),
                    msg: format!("cannot read CSV: {e}"),
                }
            }
        })
    }

    /// Fill `batch` with up to `max` records; returns how many.
    pub fn fill(&mut self, batch: &mut Batch, max: usize) -> Result<usize> {
        batch.clear();
        if let Some(rec) = self.pending.take() {
            batch.recs.push(rec);
            batch.nrecs = 1;
        }
        while batch.nrecs < max {
            if batch.recs.len() == batch.nrecs {
                batch.recs.push(ByteRecord::new());
            }
            let i = batch.nrecs;
            if !self.read(&mut batch.recs[i])? {
                // An odd number of quotes in the whole input: the last record
                // opened a quote that never closed and ran to the end.
                let odd = self.quotes.load(std::sync::atomic::Ordering::Relaxed) % 2 == 1;
                // (Only when it swallowed line breaks: a stray quote inside
                // an unquoted field is text, and leaves the parity odd too.)
                if self.quoting && odd && i > 0 && batch.recs[i - 1].as_slice().contains(&b'\n') {
                    batch.unclosed = Some(i - 1);
                }
                break;
            }
            batch.nrecs += 1;
        }
        Ok(batch.nrecs)
    }
}

/// Turns CSV records into posts; shared by all threads.
#[derive(Clone, Debug)]
pub struct CsvDecoder {
    /// Number of columns of the header.
    pub width: usize,
    /// Text columns (joined with a line break).
    pub text: Vec<usize>,
    /// Id column.
    pub id: Option<usize>,
    /// Other requested columns (`None`: absent, read as empty).
    pub fields: Vec<Option<usize>>,
    /// The input ends its lines with CRLF (see [`record_line`]).
    pub crlf: bool,
    /// The delimiter of a CSV file, for telling a quote that closed too
    /// late (`swallowed_rows`); `None` for records built from table
    /// cells (Parquet, Arrow), whose line breaks are text.
    pub delimiter: Option<u8>,
}

/// Lines inside a record's quoted fields that look like whole rows of the
/// file (at least `width - 1` delimiters each) before which a record is
/// taken for one that swallowed rows: a quote opened in one row and closed
/// rows later reads everything between as one field.
pub const SWALLOWED_ROWS: usize = 3;

/// How many lines inside the fields of `rec` look like rows of a file of
/// `width` columns (delimiter `delim`), and how many lines the record
/// spans, when at least [`SWALLOWED_ROWS`] do.
fn swallowed_rows(rec: &ByteRecord, delim: u8, width: usize) -> Option<(usize, usize)> {
    if width < 2 || !rec.as_slice().contains(&b'\n') {
        return None;
    }
    let rows = rec
        .iter()
        .filter(|f| f.contains(&b'\n'))
        .flat_map(|f| f.split(|&b| b == b'\n'))
        .filter(|line| line.iter().filter(|&&b| b == delim).count() >= width - 1)
        .count();
    let lines = rec.as_slice().iter().filter(|&&b| b == b'\n').count() + 1;
    (rows >= SWALLOWED_ROWS).then_some((rows, lines))
}

fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

impl CsvDecoder {
    /// Decode record `i` of the batch.
    pub fn decode<'a>(&self, batch: &'a Batch, i: usize) -> Result<Post<'a>, Skip> {
        let rec = &batch.recs[i];
        let line = record_line(rec, self.crlf);
        if batch.unclosed == Some(i) {
            let lines = rec.as_slice().iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(Skip {
                line,
                reason: "unclosed_quote",
                detail: format!(
                    "a quote opened in this record never closes: it runs {lines} lines to the end of the input"
                ),
            });
        }
        if let Some(delim) = self.delimiter
            && let Some((rows, lines)) = swallowed_rows(rec, delim, self.width)
        {
            return Err(Skip {
                line,
                reason: "swallowed_rows",
                detail: format!(
                    "a quoted field runs {lines} lines and holds {rows} lines that look like rows of this file: a quote that closes too late? Fix the quote to read those rows"
                ),
            });
        }
        if rec.len() != self.width {
            let spans = rec.as_slice().iter().filter(|&&b| b == b'\n').count();
            return Err(Skip {
                line,
                reason: "csv_field_count",
                detail: if spans > 0 {
                    format!(
                        "expected {} fields, found {}; the record spans {} lines (an unclosed quote?)",
                        self.width,
                        rec.len(),
                        spans + 1
                    )
                } else {
                    format!("expected {} fields, found {}", self.width, rec.len())
                },
            });
        }
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        for &col in &self.text {
            let raw = rec.get(col).unwrap_or_default();
            let s = std::str::from_utf8(raw).map_err(|e| Skip {
                line,
                reason: "invalid_utf8",
                detail: format!(
                    "invalid UTF-8 in column {} at byte {}",
                    col + 1,
                    e.valid_up_to()
                ),
            })?;
            join_text(&mut text, s);
        }
        let id = match self.id {
            Some(col) => lossy(rec.get(col).unwrap_or_default()),
            None => Cow::Owned(line.to_string()),
        };
        let fields = self
            .fields
            .iter()
            .map(|c| c.map_or(Cow::Borrowed(""), |c| lossy(rec.get(c).unwrap_or_default())))
            .collect();
        Ok(Post {
            id,
            text,
            fields,
            line,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"a;b;\"x,y,z\""), b';');
        assert_eq!(sniff_delimiter(b"single"), b',');
    }

    #[test]
    fn sniffs_unquoted_tsv() {
        // A tweet that opens a quote it never closes.
        let unquoted = b"id\ttext\tHS\n1\t\"Hola dijo\t0\n2\tnada\t1\n3\tfin\t0\n";
        assert!(!sniff_quoting(unquoted, b'\t'));
        let quoted = b"id\ttext\n1\t\"a\tb\"\n2\tc\n";
        assert!(sniff_quoting(quoted, b'\t'));
        assert!(sniff_quoting(b"a,b\n\"x\",y\n", b','));
    }
}
