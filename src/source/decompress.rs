//! Opening an input: a file or stdin (`-`), hashed and counted as it is read
//! (for provenance and the progress bar), decompressed when it starts with a
//! gzip or zstd magic number (whatever its extension says; zstd frames with
//! a window of up to 2 GiB, as `zstd --long=31` writes them, decompress).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::Digest;

use crate::digest::Hasher as Sha256;

use crate::error::{Error, Result};

/// Bytes read so far and the running SHA-256 of the raw (compressed) input.
#[derive(Debug, Default)]
pub struct ReadStats {
    /// Raw bytes read so far (watched by the progress bar).
    pub bytes: AtomicU64,
    hasher: Mutex<Option<Sha256>>,
}

impl ReadStats {
    /// The hex SHA-256 of everything read (call once reading is done).
    pub fn sha256_hex(&self) -> String {
        let hasher = self
            .hasher
            .lock()
            .map(|mut h| h.take())
            .unwrap_or_default()
            .unwrap_or_default();
        crate::digest::finish_hex(hasher)
    }

    /// Count bytes read by a reader that hashes them itself.
    pub(crate) fn add_bytes(&self, n: u64) {
        self.bytes.fetch_add(n, Ordering::Relaxed);
    }

    /// Hand over the digest of such a reader, once it is done.
    pub(crate) fn set_digest(&self, hasher: Sha256) {
        if let Ok(mut slot) = self.hasher.lock() {
            *slot = Some(hasher);
        }
    }
}

/// Counts and hashes what passes through.
struct Tap<R> {
    inner: R,
    hasher: Sha256,
    stats: Arc<ReadStats>,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            // End of input: hand the digest over.
            if let Ok(mut slot) = self.stats.hasher.lock()
                && slot.is_none()
            {
                *slot = Some(std::mem::take(&mut self.hasher));
            }
        } else {
            self.hasher.update(&buf[..n]);
            self.stats.bytes.fetch_add(n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}

/// Compression detected from the first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Plain bytes.
    None,
    /// gzip (`1f 8b`), multi-member allowed.
    Gzip,
    /// zstd (`28 b5 2f fd`).
    Zstd,
}

/// An opened input: decompressed, buffered bytes plus what is known of it.
pub struct Opened {
    /// The decompressed stream.
    pub reader: Box<dyn BufRead + Send>,
    /// Size of the raw file, when it is a file.
    pub size: Option<u64>,
    /// Detected compression.
    pub compression: Compression,
    /// Bytes and hash of what was read.
    pub stats: Arc<ReadStats>,
}

/// Buffer size for reading inputs.
const BUF: usize = 256 * 1024;

/// Open `path` (`-` is stdin).
pub fn open(path: &str) -> Result<Opened> {
    let (raw, size): (Box<dyn Read + Send>, Option<u64>) = if path == "-" {
        (Box::new(io::stdin()), None)
    } else {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let meta = file.metadata().map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            return Err(Error::input(
                path,
                None,
                "is a directory, not an input file",
            ));
        }
        (Box::new(file), Some(meta.len()))
    };
    open_reader(path, raw, size)
}

/// Open an input already in hand (`path` names it in messages).
pub fn open_reader(path: &str, raw: Box<dyn Read + Send>, size: Option<u64>) -> Result<Opened> {
    let stats = Arc::new(ReadStats::default());
    let tap = Tap {
        inner: raw,
        hasher: Sha256::new(),
        stats: Arc::clone(&stats),
    };
    let mut buffered = BufReader::with_capacity(BUF, tap);
    let head = buffered.fill_buf().map_err(|e| Error::io(path, e))?;
    let compression = if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    };
    let reader: Box<dyn BufRead + Send> = match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUF,
            flate2::bufread::MultiGzDecoder::new(buffered),
        )),
        Compression::Zstd => {
            let mut decoder = zstd::stream::read::Decoder::with_buffer(buffered)
                .map_err(|e| Error::io(path, e))?;
            // Reddit dumps (Pushshift, Arctic Shift) are written with
            // `--long=31`: a 2 GiB window, above zstd's default limit of
            // 128 MiB. The memory is only taken by frames that ask for it.
            decoder.window_log_max(31).map_err(|e| Error::io(path, e))?;
            Box::new(BufReader::with_capacity(BUF, decoder))
        }
    };
    Ok(Opened {
        reader,
        size,
        compression,
        stats,
    })
}

/// The file name without a compression extension, lowercased, for format
/// detection: `posts.csv.gz` → `posts.csv`.
pub fn logical_name(path: &str) -> String {
    let lower = path.to_lowercase();
    for ext in [".gz", ".zst", ".zstd"] {
        if let Some(stem) = lower.strip_suffix(ext) {
            return stem.to_string();
        }
    }
    lower
}
