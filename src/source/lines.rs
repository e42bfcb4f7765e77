//! Lines of a byte stream read one at a time into a caller's buffer, with a
//! cap on what is kept: the one line reader of the line-based formats
//! (JSON Lines, X archive pages, WhatsApp chat exports). A line ends in LF,
//! CRLF or a CR alone, and a line longer than the cap is read to its end
//! without being stored.

use std::io::BufRead;

use crate::error::{Error, Result};

/// The range of a line read by [`read_line_of`] without its line end (LF,
/// CRLF or CR) and, on the `first` line, a UTF-8 byte-order mark.
pub(crate) fn line_body(line: &[u8], first: bool) -> std::ops::Range<usize> {
    let start = if first && line.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut end = line.len();
    while end > start && matches!(line[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    start..end
}

/// Read one line into `buf`, keeping at most `max` bytes of it; the rest
/// of a longer line is read to its end without being stored. A line ends
/// in LF, CRLF or a CR alone (kept in `buf`; [`line_body`] strips it), so
/// a file whose line ends change part-way (LF lines, then CR-only ones)
/// is still split into its lines. Returns the bytes read and whether the
/// line was too long.
pub(crate) fn read_line_bounded(
    rdr: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<(usize, bool)> {
    let start = buf.len();
    let mut read = 0;
    let mut too_large = false;
    // The line ended in a CR at the end of a chunk: a LF right after it
    // belongs to the same line end.
    let mut after_cr = false;
    loop {
        let available = match rdr.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if after_cr {
            if available.first() == Some(&b'\n') {
                if !too_large && buf.len() - start < max {
                    buf.push(b'\n');
                }
                rdr.consume(1);
                read += 1;
            }
            return Ok((read, too_large));
        }
        if available.is_empty() {
            return Ok((read, too_large));
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(i) if available[i] == b'\n' => (&available[..=i], true),
            Some(i) if available.get(i + 1) == Some(&b'\n') => (&available[..=i + 1], true),
            Some(i) if i + 1 == available.len() => {
                after_cr = true;
                (available, false)
            }
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let len = chunk.len();
        if !too_large {
            let room = max - (buf.len() - start);
            if len > room {
                too_large = true;
                buf.extend_from_slice(&chunk[..room]);
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        rdr.consume(len);
        read += len;
        if done {
            return Ok((read, too_large));
        }
    }
}

/// [`read_line_bounded`] for the line after line `line` of input `path`,
/// a read error named with both.
pub(crate) fn read_line_of(
    rdr: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
    path: &str,
    line: u64,
) -> Result<(usize, bool)> {
    read_line_bounded(rdr, buf, max).map_err(|e| Error::Input {
        path: path.to_string(),
        line: Some(line + 1),
        msg: format!("cannot read: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of `input` read with [`read_line_bounded`] through a
    /// buffer of `cap` bytes, without its line end.
    fn lines(input: &[u8], cap: usize) -> Vec<String> {
        let mut rdr = std::io::BufReader::with_capacity(cap, input);
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            let (n, _) = read_line_bounded(&mut rdr, &mut buf, 1 << 20).unwrap();
            if n == 0 {
                return out;
            }
            let body = line_body(&buf, false);
            out.push(String::from_utf8(buf[body].to_vec()).unwrap());
        }
    }

    #[test]
    fn line_ends_may_change_part_way_through_a_file() {
        // Issue 22: LF lines first, then CR-only ones (and a CRLF); a CR
        // that ends one buffer and the LF that starts the next are one end.
        let input = b"a\nbb\rc\r\nd\re\r";
        for cap in 1..=input.len() + 1 {
            assert_eq!(
                lines(input, cap),
                ["a", "bb", "c", "d", "e"],
                "capacity {cap}"
            );
        }
    }
}
