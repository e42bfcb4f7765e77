//! What the dictionary readers share: one decoder for the bytes of a file
//! (UTF-8, else transcoded from UTF-16 or a legacy encoding with a warning), one way to number its lines (CR, LF
//! and CRLF each end one line), and the shape of an imported lexicon.

use super::model::{Category, ImportWarning, Lexicon, Meta, Options};
use crate::digest::sha256_hex;
use crate::text::encoding;

/// Text of a dictionary file: UTF-8 without its BOM, or transcoded with a
/// warning when the bytes are UTF-16 (a BOM) or a legacy encoding (older
/// LIWC and WordStat files are often Windows-1252), as inputs are
/// ([`crate::text::encoding`]).
pub(crate) fn decode_text(bytes: &[u8], origin: &str, warnings: &mut Vec<ImportWarning>) -> String {
    let (text, transcoding, malformed) = encoding::decode_whole(bytes, None);
    if let Some(t) = transcoding {
        // The first line that is not UTF-8, where the guess was made.
        let line = match (t.how, std::str::from_utf8(bytes)) {
            (encoding::How::Detected, Err(e)) => Some(
                bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1,
            ),
            _ => None,
        };
        warnings.push(ImportWarning {
            path: origin.to_string(),
            line,
            message: format!(
                "the file is not UTF-8: {}; re-save it as UTF-8 if accents look wrong",
                t.describe()
            ),
        });
    }
    if malformed > 0 {
        warnings.push(ImportWarning {
            path: origin.to_string(),
            line: None,
            message: format!(
                "{malformed} malformed byte sequences were replaced by U+FFFD (no term can match them)"
            ),
        });
    }
    text.into_owned()
}

/// The lines of a text with their 1-based numbers; a CR alone, an LF and a
/// CRLF each end one line (dictionaries arrive with all three).
pub(crate) fn numbered_lines(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i, mut line) = (0, 0, 1);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => {
                out.push((line, &text[start..i]));
                line += 1;
                i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push((line, &text[start..]));
    }
    out
}

/// A lexicon imported from another format: named after the file's stem,
/// default options, no tests.
pub(crate) fn imported(categories: Vec<Category>, origin: &str, bytes: &[u8]) -> Lexicon {
    let name = std::path::Path::new(origin)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("lexicon")
        .to_string();
    Lexicon {
        meta: Meta {
            name,
            ..Meta::default()
        },
        options: Options::default(),
        categories,
        exclude: Vec::new(),
        tests: Vec::new(),
        origin: origin.to_string(),
        sha256: sha256_hex(bytes),
        lint_allow: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_cr_lf_and_crlf() {
        let lines = numbered_lines("a\rb\r\nc\nd");
        assert_eq!(lines, [(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        assert_eq!(numbered_lines("a\n\nb\n"), [(1, "a"), (2, ""), (3, "b")]);
    }

    #[test]
    fn latin1_is_read_with_a_warning() {
        let mut warnings = Vec::new();
        let text = decode_text(b"uno\nca\xf1\xf3n\n", "l.txt", &mut warnings);
        assert_eq!(text, "uno\ncañón\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(2));
        assert!(
            warnings[0].message.contains("windows-1252"),
            "{}",
            warnings[0].message
        );
        let text = decode_text("\u{feff}año".as_bytes(), "l.txt", &mut warnings);
        assert_eq!((text.as_str(), warnings.len()), ("año", 1));
    }

    #[test]
    fn utf16_dictionaries_are_transcoded() {
        let mut warnings = Vec::new();
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "%\n1\tamenaza\n%\nextorsión\t1\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let text = decode_text(&bytes, "l.dic", &mut warnings);
        assert_eq!(text, "%\n1\tamenaza\n%\nextorsión\t1\n");
        assert!(warnings[0].message.contains("UTF-16LE"));
    }
}
