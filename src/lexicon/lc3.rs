//! Lexicoder `.lc3` dictionaries (the Lexicoder Sentiment Dictionary;
//! quanteda's `format = "lexicoder"`).
//!
//! ```text
//! +negative
//! abandon*
//! a lie
//! +positive
//! ability*
//! ```
//!
//! A `+name` line opens a category; every other line is one term of the
//! category above it (a `*` is a prefix wildcard; phrases are allowed).
//! Pitfalls handled: CR-only, LF and CRLF line ends; Windows-1252, Latin-1 and UTF-16 files (transcoded, warned);
//! surrounding spaces; a term before any `+category` and a category defined
//! twice are errors naming `file:line`.
//!
//! Writing (`to_lc3`) emits `+id` and the terms. An `.lc3` holds no
//! weights, labels, descriptions, exclusions or tests.

use super::decode::{decode_text, imported, numbered_lines};
use super::model::{Category, ImportWarning, Lexicon, Term};
use crate::error::{Error, Result};

/// Parse a Lexicoder `.lc3`; `origin` names it in messages.
pub fn parse_lc3(bytes: &[u8], origin: &str) -> Result<(Lexicon, Vec<ImportWarning>)> {
    let mut warnings = Vec::new();
    let text = decode_text(bytes, origin, &mut warnings);
    let err = |line: Option<usize>, msg: String| Error::Lexicon {
        path: origin.to_string(),
        line,
        msg,
    };
    let mut categories: Vec<Category> = Vec::new();
    for (n, line) in numbered_lines(&text) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('+') {
            let id = name.trim().to_string();
            if id.is_empty() {
                return Err(err(Some(n), "a `+` line without a category name".into()));
            }
            if let Some(prev) = categories.iter().find(|c| c.id == id) {
                return Err(err(
                    Some(n),
                    format!(
                        "category {id:?} defined twice (first at line {})",
                        prev.line
                    ),
                ));
            }
            categories.push(Category {
                label: id.clone(),
                id,
                line: n,
                ..Category::default()
            });
            continue;
        }
        let Some(cat) = categories.last_mut() else {
            return Err(err(
                Some(n),
                format!("term {line:?} comes before any `+category` line"),
            ));
        };
        if !cat.terms.iter().any(|t| t.text == line) {
            cat.terms.push(Term {
                text: line.to_string(),
                weight: None,
                line: n,
            });
        }
    }
    if categories.is_empty() {
        return Err(err(None, "the file has no `+category` line".into()));
    }
    Ok((imported(categories, origin, bytes), warnings))
}

/// Write a lexicon as a Lexicoder `.lc3`.
pub fn to_lc3(lex: &Lexicon) -> String {
    let mut out = String::new();
    for c in &lex.categories {
        out.push('+');
        out.push_str(&c.id);
        out.push('\n');
        for t in &c.terms {
            out.push_str(&t.text);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(lex: &Lexicon, id: &str) -> Vec<String> {
        let c = &lex.categories[lex.category_index(id).unwrap()];
        c.terms.iter().map(|t| t.text.clone()).collect()
    }

    #[test]
    fn categories_and_terms() {
        for text in [
            "+negative\nabandon*\na lie\n\n+positive\nability*\n",
            "+negative\rabandon*\ra lie\r\r+positive\rability*\r",
            "+negative\r\n abandon* \r\na lie\r\n\r\n+positive\r\nability*\r\n",
        ] {
            let (lex, warnings) = parse_lc3(text.as_bytes(), "t.lc3").unwrap();
            assert!(warnings.is_empty());
            assert_eq!(terms(&lex, "negative"), ["abandon*", "a lie"]);
            assert_eq!(terms(&lex, "positive"), ["ability*"]);
            assert_eq!(lex.categories[1].line, 5, "{text:?}");
            assert_eq!(lex.categories[1].terms[0].line, 6, "{text:?}");
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = |t: &str| parse_lc3(t.as_bytes(), "b.lc3").unwrap_err().to_string();
        assert!(bad("\nword\n+a\n").starts_with("b.lc3:2: "));
        assert!(bad("+a\nx\n+a\n").starts_with("b.lc3:3: "));
        assert!(bad("+\n").starts_with("b.lc3:1: "));
        assert!(bad("\n\n").contains("no `+category`"));
    }

    #[test]
    fn writes_and_reads_back() {
        let text = "+negative\nabandon*\na lie\n+positive\nability*\n";
        let (lex, _) = parse_lc3(text.as_bytes(), "t.lc3").unwrap();
        assert_eq!(to_lc3(&lex), text);
    }
}
