//! Opening an input: decompression, format detection (`source::detect`),
//! then one opener per format, each in its own file, that reads what it
//! needs of the head (a CSV header, sample JSON lines, a whole Telegram
//! document) and resolves the fields before any post is read.

mod columnar;
mod csv;
mod jsonl;
mod telegram;
mod whatsapp;
mod x;

use std::io::BufRead;

use crate::error::{Error, Result};
use crate::source::arrow::ArrowInput;
use crate::source::decompress;
use crate::source::detect::detect_format;
use crate::source::input::{Source, SourceInfo, SourceReader};
use crate::source::options::{InputFormat, SourceOptions};
use crate::text::encoding;

impl Source {
    /// Open an input and resolve its fields: fails (exit 2) before any post
    /// is read when the file or a requested field is missing.
    pub fn open(path: &str, opts: &SourceOptions) -> Result<Source> {
        Source::from_opened(path, decompress::open(path)?, opts)
    }

    /// Open bytes in memory as if they were the file `name` (the name's
    /// extension guides format detection): for tests and fuzzing.
    pub fn from_bytes(name: &str, bytes: Vec<u8>, opts: &SourceOptions) -> Result<Source> {
        let size = bytes.len() as u64;
        let opened =
            decompress::open_reader(name, Box::new(std::io::Cursor::new(bytes)), Some(size))?;
        Source::from_opened(name, opened, opts)
    }

    /// Open an Arrow table in memory (read once).
    pub fn from_arrow(input: &ArrowInput, opts: &SourceOptions) -> Result<Source> {
        let (reader, decoder, info, stats) = columnar::open_arrow(input, opts)?;
        Ok(Source {
            reader: SourceReader(reader),
            decoder,
            info,
            stats,
        })
    }

    fn from_opened(path: &str, opened: decompress::Opened, opts: &SourceOptions) -> Result<Source> {
        let mut reader = opened.reader;
        let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
        if opts.format == Some(InputFormat::Parquet)
            || (opts.format.is_none() && head.starts_with(crate::source::parquet::MAGIC))
        {
            let (reader, decoder, info) = columnar::open(path, reader, opened.compression, opts)?;
            return Ok(Source {
                reader: SourceReader(reader),
                decoder,
                info: SourceInfo {
                    compression: opened.compression,
                    size: opened.size,
                    ..info
                },
                stats: opened.stats,
            });
        }
        let transcoding = encoding::sniff(head, opts.encoding);
        if let Some(t) = transcoding {
            reader = Box::new(encoding::Transcoder::new(reader, t.encoding));
        }
        let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
        let cr_line_ends = head.contains(&b'\r') && !head.contains(&b'\n');
        if cr_line_ends {
            reader = Box::new(CrLines::new(reader));
        }
        let format = match opts.format {
            Some(f) => f,
            None if opts.records.is_some() => InputFormat::Json,
            None => detect_format(path, &mut reader)?,
        };
        let (reader, decoder, info) = match format {
            InputFormat::Csv => csv::open(path, reader, opts)?,
            InputFormat::Jsonl => jsonl::open(path, reader, opts)?,
            InputFormat::Json => jsonl::open_document(path, reader, opts)?,
            InputFormat::Parquet => unreachable!("Parquet is opened before transcoding"),
            InputFormat::Arrow => {
                return Err(Error::Usage(
                    "--input-format arrow names a table in memory, not a file".into(),
                ));
            }
            InputFormat::X => x::open(path, reader, opts)?,
            InputFormat::Telegram => telegram::open(path, reader, opts)?,
            InputFormat::Whatsapp => whatsapp::open(path, reader, opts)?,
        };
        Ok(Source {
            reader: SourceReader(reader),
            decoder,
            info: SourceInfo {
                compression: opened.compression,
                size: opened.size,
                encoding: transcoding,
                cr_line_ends,
                ..info
            },
            stats: opened.stats,
        })
    }
}

/// A reader whose lines end in a carriage return alone (classic Mac OS,
/// some exporters: no line feed in the head of the input), with every CR
/// read as LF, so that every line-based format (CSV, JSON lines, X pages,
/// WhatsApp chats) splits it into its lines instead of one record.
struct CrLines<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
}

impl<R: BufRead> CrLines<R> {
    fn new(inner: R) -> Self {
        CrLines {
            inner,
            buf: Vec::new(),
            pos: 0,
        }
    }
}

impl<R: BufRead> std::io::Read for CrLines<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        encoding::read_from_buf(self, out)
    }
}

impl<R: BufRead> BufRead for CrLines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos == self.buf.len() {
            let data = self.inner.fill_buf()?;
            let n = data.len();
            self.buf.clear();
            self.buf
                .extend(data.iter().map(|&b| if b == b'\r' { b'\n' } else { b }));
            self.inner.consume(n);
            self.pos = 0;
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.buf.len());
    }
}
