//! The one sanitizer for what reaches a terminal: control characters (the
//! escape sequences that clear a screen, set a window title or write the
//! clipboard), C1 controls and the bidirectional overrides that reorder a
//! line are shown escaped (`\u{1b}`), wherever they come from: a category
//! label, a lexicon name, a `--by` value, an id, a file or column name.
//! Line breaks and tabs stay. stderr (notes and errors) always goes
//! through it; stdout does when it is a terminal, so that data piped or
//! written to a file is never altered.
//!
//! Also the width tables and notes are fitted to ([`width`]).

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` must not reach a terminal as it is.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every unsafe character escaped as `\u{…}`.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that passes its bytes through [`printable`]; a UTF-8 sequence
/// cut between two writes is held until its end arrives, and bytes that
/// are not UTF-8 are shown as `\x{…}`.
pub struct Printable<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Printable<W> {
    /// Wrap `inner`.
    pub fn new(inner: W) -> Self {
        Printable {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let mut at = 0;
        loop {
            match std::str::from_utf8(&self.pending[at..]) {
                Ok(s) => {
                    self.inner.write_all(printable(s).as_bytes())?;
                    at = self.pending.len();
                    break;
                }
                Err(e) => {
                    let valid = at + e.valid_up_to();
                    let s = std::str::from_utf8(&self.pending[at..valid]).expect("valid prefix");
                    self.inner.write_all(printable(s).as_bytes())?;
                    match e.error_len() {
                        Some(n) => {
                            for b in &self.pending[valid..valid + n] {
                                write!(self.inner, "\\x{{{b:02x}}}")?;
                            }
                            at = valid + n;
                        }
                        // An incomplete sequence at the end: wait for more.
                        None => {
                            at = valid;
                            break;
                        }
                    }
                }
            }
        }
        self.pending.drain(..at);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            for b in &rest {
                write!(self.inner, "\\x{{{b:02x}}}")?;
            }
        }
        self.inner.flush()
    }
}

/// Columns a table written to `path` (`None` or `-`: stdout) is fitted
/// to: the terminal's width when stdout is one; else `COLUMNS` when it is
/// set (as `ls` and `git` read it; a test forces a width with it); else
/// 80. Never under 40.
pub fn width(path: Option<&std::path::Path>) -> usize {
    let to_stdout = path.is_none_or(|p| p == std::path::Path::new("-"));
    let stdout = io::stdout();
    let terminal = to_stdout
        .then(|| terminal_size::terminal_size_of(&stdout))
        .flatten()
        .map(|(w, _)| w.0 as usize);
    terminal
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(crate::report::table::DEFAULT_WIDTH)
        .max(40)
}

/// Columns stderr's notes are wrapped to: the terminal's width when
/// stderr is one (`None` otherwise: no wrapping).
pub fn stderr_width() -> Option<usize> {
    terminal_size::terminal_size_of(io::stderr()).map(|(w, _)| (w.0 as usize).max(40))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_run() {
        assert_eq!(printable("plain\tline\nnext"), "plain\tline\nnext");
        assert_eq!(printable("\u{1b}[2Jx"), "\\u{1b}[2Jx");
        assert_eq!(
            printable("\u{1b}]52;c;aGk=\u{7}"),
            "\\u{1b}]52;c;aGk=\\u{7}"
        );
        assert_eq!(
            printable("a\u{9b}b\u{202e}c\rd"),
            "a\\u{9b}b\\u{202e}c\\u{d}d"
        );
        assert_eq!(printable("Cártel 🔫"), "Cártel 🔫");
    }

    #[test]
    fn the_writer_holds_a_sequence_cut_between_writes() {
        let mut out = Printable::new(Vec::new());
        let text = "ñ\u{1b}é🔫\u{9b}".as_bytes();
        for b in text {
            out.write_all(std::slice::from_ref(b)).unwrap();
        }
        out.write_all(b"\xff!").unwrap();
        out.flush().unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            "ñ\\u{1b}é🔫\\u{9b}\\x{ff}!"
        );
    }
}
