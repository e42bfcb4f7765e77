//! Which character encoding a text file is in, and its bytes as UTF-8.
//!
//! Exports arrive as UTF-8 most of the time, but Excel on Windows saves CSV
//! as Windows-1252 and "Unicode text" as UTF-16LE with a byte-order mark,
//! and older dictionaries are Latin-1. Reading those as UTF-8 loses every
//! post with an accent (a biased denominator), so inputs and lexicons are
//! sniffed here and transcoded before any parser sees them:
//!
//! 1. a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE);
//! 2. without one, NUL bytes at every other position mean UTF-16 (LE or BE
//!    by where they fall);
//! 3. a head that is valid UTF-8 is UTF-8 (pure ASCII included), and so is
//!    one that holds UTF-8 sequences beside a few invalid bytes (a damaged
//!    UTF-8 file: its bad records are skipped and counted, not reread);
//! 4. a head whose bytes above 0x7F are never UTF-8 sequences and read as
//!    letters or common punctuation in a legacy code page is guessed by
//!    chardetng, Firefox's detector (Windows-1252 for Western European
//!    text; Latin-1 is read as its superset Windows-1252, as the WHATWG
//!    Encoding Standard does). Stray bytes such as `0xFF` in ASCII text are
//!    not taken for a code page: they stay invalid UTF-8, counted.
//!
//! `--encoding NAME` (a WHATWG label: `windows-1252`, `latin1`, `utf-16le`,
//! …) skips the sniffing. Decoding uses encoding_rs. A byte sequence that is
//! malformed in the detected encoding (a lone UTF-16 surrogate) is not
//! replaced silently: [`Transcoder`] writes an invalid UTF-8 byte in its
//! place, so the post holding it is counted as `invalid_utf8` exactly as an
//! invalid byte of a UTF-8 file is.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How the encoding of an input was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// From its byte-order mark.
    Bom,
    /// Sniffed from the first bytes.
    Detected,
    /// Named by the user (`--encoding`).
    Forced,
}

/// A non-UTF-8 encoding an input is read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transcoding {
    /// The encoding.
    pub encoding: &'static Encoding,
    /// How it was decided.
    pub how: How,
}

impl Transcoding {
    /// The WHATWG name: `windows-1252`, `UTF-16LE`, ….
    pub fn name(&self) -> &'static str {
        self.encoding.name()
    }

    /// One line for stderr: `read as windows-1252 (not UTF-8; detected,
    /// --encoding NAME to choose)`.
    pub fn describe(&self) -> String {
        let how = match self.how {
            How::Bom => "its byte-order mark says so",
            How::Detected => "not UTF-8; detected, --encoding NAME to choose",
            How::Forced => "--encoding",
        };
        format!("read as {} ({how})", self.name())
    }
}

/// The encoding named by a WHATWG label (`windows-1252`, `cp1252`,
/// `latin1`, `iso-8859-15`, `utf-16le`, `utf-8`, …), or a message listing
/// common ones.
pub fn for_label(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label_no_replacement(label.trim().as_bytes()).ok_or_else(|| {
        format!(
            "unknown encoding {label:?}: use a WHATWG label such as utf-8, windows-1252 \
             (also cp1252, latin1), iso-8859-15, utf-16le, utf-16be, macintosh, ibm866"
        )
    })
}

/// Decide how to read a file from its first bytes (`head`), or from the
/// user's choice. `None` means UTF-8, read as it is (a UTF-8 BOM is left for
/// the parsers, which skip it).
pub fn sniff(head: &[u8], forced: Option<&'static Encoding>) -> Option<Transcoding> {
    if let Some(encoding) = forced {
        return (encoding != UTF_8).then_some(Transcoding {
            encoding,
            how: How::Forced,
        });
    }
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return (encoding != UTF_8).then_some(Transcoding {
            encoding,
            how: How::Bom,
        });
    }
    if let Some(encoding) = utf16_by_nuls(head) {
        return Some(Transcoding {
            encoding,
            how: How::Detected,
        });
    }
    if is_utf8_prefix(head) || !legacy_evidence(head) {
        return None;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, false);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    Some(Transcoding {
        encoding,
        how: How::Detected,
    })
}

/// UTF-16 without a BOM: text that is mostly ASCII has a NUL in every
/// other byte (the high byte of each unit), at odd offsets for LE and even
/// ones for BE. UTF-8 text never holds NULs in quantity.
fn utf16_by_nuls(head: &[u8]) -> Option<&'static Encoding> {
    let head = &head[..head.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 >= pairs * 4 && even * 20 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 4 && odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether the bytes above 0x7F of `head` look like a legacy code page
/// rather than damaged UTF-8: (almost) none of them form a UTF-8 sequence,
/// and at least nine in ten of them are, in Windows-1252, a letter or the
/// punctuation of real text (accents, `¿¡«»`, curly quotes, dashes, `€`).
/// Cyrillic and Greek code pages pass too (their letters sit where
/// Windows-1252 has its own); chardetng then names the right one.
fn legacy_evidence(head: &[u8]) -> bool {
    let (mut sequences, mut high, mut plausible) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < head.len() {
        let b = head[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let len = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if len > 0 && head.len() >= i + len && std::str::from_utf8(&head[i..i + len]).is_ok() {
            sequences += 1;
            i += len;
            continue;
        }
        high += 1;
        if matches!(b, 0xC0..=0xFD if b != 0xD7 && b != 0xF7)
            || matches!(
                b,
                0x80 | 0x85 | 0x8A | 0x8C | 0x8E | 0x91
                    ..=0x97
                        | 0x9A
                        | 0x9C
                        | 0x9E
                        | 0x9F
                        | 0xA0
                        | 0xA1
                        | 0xAA
                        | 0xAB
                        | 0xB0
                        | 0xB4
                        | 0xB7
                        | 0xBA
                        | 0xBB
                        | 0xBF
            )
        {
            plausible += 1;
        }
        i += 1;
    }
    high > 0 && sequences * 20 < high && plausible * 10 >= high * 9
}

/// Whether `head` is UTF-8, allowing a sequence cut at its end.
fn is_utf8_prefix(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// A whole file's bytes as text: UTF-8 without its BOM, or transcoded from
/// the sniffed (or forced) encoding, which is returned so the caller can
/// say so. Malformed sequences become U+FFFD here (a dictionary has no
/// per-post count to put them in); the count of them is returned too.
pub fn decode_whole<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
) -> (Cow<'a, str>, Option<Transcoding>, usize) {
    match sniff(bytes, forced) {
        None => match std::str::from_utf8(bytes) {
            Ok(text) => (
                Cow::Borrowed(text.strip_prefix('\u{feff}').unwrap_or(text)),
                None,
                0,
            ),
            Err(_) => {
                // Valid at the head, broken later: lossy, with the count.
                let text = String::from_utf8_lossy(bytes);
                let bad = text.matches('\u{fffd}').count()
                    - bytes.windows(3).filter(|w| w == b"\xEF\xBF\xBD").count();
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                (Cow::Owned(text), None, bad)
            }
        },
        Some(t) => {
            let (text, malformed) = t.encoding.decode_with_bom_removal(bytes);
            let bad = if malformed {
                text.matches('\u{fffd}').count()
            } else {
                0
            };
            (Cow::Owned(text.into_owned()), Some(t), bad)
        }
    }
}

/// Transcodes a byte stream to UTF-8 as it is read (the BOM is dropped);
/// a malformed sequence becomes the byte `0xFF`, which no UTF-8 text holds,
/// so the record it falls in is skipped and counted as `invalid_utf8`.
pub struct Transcoder<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    out: Vec<u8>,
    pos: usize,
    len: usize,
    done: bool,
}

/// Output buffer of the transcoder.
const OUT: usize = 128 * 1024;

impl<R: BufRead> Transcoder<R> {
    /// Read `inner` as `encoding`.
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Transcoder {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            out: vec![0; OUT],
            pos: 0,
            len: 0,
            done: false,
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.pos = 0;
        self.len = 0;
        while self.len == 0 && !self.done {
            let src = self.inner.fill_buf()?;
            let last = src.is_empty();
            // One byte is kept free for the marker of a malformed sequence.
            let room = self.out.len() - 1;
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(src, &mut self.out[..room], last);
            self.inner.consume(read);
            self.len = written;
            match result {
                DecoderResult::InputEmpty => self.done = last,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(..) => {
                    self.out[self.len] = 0xFF;
                    self.len += 1;
                }
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Read for Transcoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        read_from_buf(self, buf)
    }
}

/// `Read::read` for a reader that keeps its own buffer (`BufRead`): copy
/// what `fill_buf` has into `buf` and consume it.
pub(crate) fn read_from_buf(r: &mut impl BufRead, buf: &mut [u8]) -> io::Result<usize> {
    let available = r.fill_buf()?;
    let n = available.len().min(buf.len());
    buf[..n].copy_from_slice(&available[..n]);
    r.consume(n);
    Ok(n)
}

impl<R: BufRead> BufRead for Transcoder<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.len {
            self.refill()?;
        }
        Ok(&self.out[self.pos..self.len])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcode(bytes: &[u8], encoding: &'static Encoding) -> Vec<u8> {
        let mut out = Vec::new();
        Transcoder::new(bytes, encoding)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        for unit in text.encode_utf16() {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        out
    }

    #[test]
    fn utf8_and_ascii_are_read_as_they_are() {
        assert_eq!(sniff(b"id,text\n1,hola\n", None), None);
        assert_eq!(sniff("id,text\n1,año\n".as_bytes(), None), None);
        assert_eq!(sniff(b"\xEF\xBB\xBFid,text\n", None), None);
        // A multibyte character cut at the end of the head is still UTF-8.
        assert_eq!(sniff(&"mañana".as_bytes()[..3], None), None);
    }

    #[test]
    fn byte_order_marks_decide() {
        let t = sniff(&utf16le("id;text", true), None).unwrap();
        assert_eq!((t.name(), t.how), ("UTF-16LE", How::Bom));
        let t = sniff(b"\xFE\xFF\x00i\x00d", None).unwrap();
        assert_eq!(t.name(), "UTF-16BE");
    }

    #[test]
    fn utf16_without_a_bom_is_seen_by_its_nuls() {
        let t = sniff(&utf16le("id,text\r\n1,amenaza\r\n", false), None).unwrap();
        assert_eq!((t.name(), t.how), ("UTF-16LE", How::Detected));
    }

    #[test]
    fn windows_1252_spanish_is_detected() {
        // "Cobro de piso en la colonia; extorsión a los dueños" in cp1252.
        let bytes = b"id;texto\r\n1;Cobro de piso en la colonia: extorsi\xF3n a los due\xF1os\r\n2;\xBFQui\xE9n paga la cuota?\r\n";
        let t = sniff(bytes, None).unwrap();
        assert_eq!((t.name(), t.how), ("windows-1252", How::Detected));
        let text = String::from_utf8(transcode(bytes, t.encoding)).unwrap();
        assert!(text.contains("extorsión a los dueños"));
        assert!(text.contains("¿Quién"));
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        // Stray bytes in ASCII text are not a code page.
        assert_eq!(sniff(b"id,text\n1,el cjng\xFF y las armas\n", None), None);
        // UTF-8 accents beside one broken byte: a damaged UTF-8 file.
        let mut bytes = "id,text\n1,extorsión en la colonia\n2,niño\n"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"3,caf\xE9\n");
        assert_eq!(sniff(&bytes, None), None);
        // Cyrillic Windows-1251 is a code page chardetng names.
        let t = sniff(
            b"\xcf\xf0\xe8\xe2\xe5\xf2, \xea\xe0\xea \xe4\xe5\xeb\xe0? \xdd\xf2\xee \xf2\xe5\xf1\xf2.\n",
            None,
        );
        assert_eq!(t.map(|t| t.name()), Some("windows-1251"));
    }

    #[test]
    fn forced_labels_win_and_utf8_is_no_transcoding() {
        let latin1 = for_label("latin1").unwrap();
        assert_eq!(latin1.name(), "windows-1252");
        let t = sniff(b"plain ascii", Some(latin1)).unwrap();
        assert_eq!(t.how, How::Forced);
        assert_eq!(sniff(b"\xF1", Some(for_label("utf-8").unwrap())), None);
        assert!(for_label("klingon").unwrap_err().contains("windows-1252"));
    }

    #[test]
    fn transcoding_drops_the_bom_and_keeps_every_line() {
        let text = "id,text\r\n1,extorsión\r\n2,niño 🔫\r\n";
        let out = transcode(&utf16le(text, true), UTF_16LE);
        assert_eq!(String::from_utf8(out).unwrap(), text);
    }

    #[test]
    fn a_lone_surrogate_becomes_an_invalid_byte_not_a_replacement() {
        let mut bytes = utf16le("a,b\n1,x", true);
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&utf16le("y\n2,z\n", false));
        let out = transcode(&bytes, UTF_16LE);
        assert_eq!(out, b"a,b\n1,x\xFFy\n2,z\n");
    }

    #[test]
    fn long_inputs_cross_buffer_boundaries_intact() {
        let line = "1;señal de extorsión ñandú\r\n".repeat(20_000);
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&line);
        assert!(!unmappable);
        let out = transcode(&bytes, encoding_rs::WINDOWS_1252);
        assert_eq!(String::from_utf8(out).unwrap(), line);
    }

    #[test]
    fn whole_files_decode_and_say_how() {
        let (text, t, bad) = decode_whole(b"amenaza\nextorsi\xF3n\n", None);
        assert_eq!(text, "amenaza\nextorsión\n");
        assert_eq!(t.unwrap().name(), "windows-1252");
        assert_eq!(bad, 0);
        let (text, t, _) = decode_whole("\u{feff}año".as_bytes(), None);
        assert_eq!((text.as_ref(), t), ("año", None));
        let bytes = utf16le("cuota\n", true);
        let (text, t, _) = decode_whole(&bytes, None);
        assert_eq!((text.as_ref(), t.unwrap().how), ("cuota\n", How::Bom));
    }
}
