//! quanteda YAML dictionaries (`dictionary(file = "x.yml")`,
//! `quanteda.dictionaries`, Empath and HurtLex exports).
//!
//! ```yaml
//! weapon:
//!   - gun*
//!   - cuerno de chivo
//! crime:
//!   violent:
//!     - murder*
//! ```
//!
//! Keys are categories; a list holds glob terms; a nested map makes nested
//! categories, flattened as quanteda does to `parent.child` ids
//! (`crime.violent`). A single string is a one-term category, an empty
//! value an empty one. Read with yaml-rust2's event parser, so every term
//! keeps its line.
//!
//! Pitfalls handled:
//! - quanteda's globs are `*` (any characters) and `?` (exactly one).
//!   lexiscope's `*` opens the start or end of a word; it has no
//!   one-character glob. A `?` is kept as **text** — to the matcher it is
//!   punctuation, a word boundary — and each term holding one is reported
//!   as a warning with its line. HurtLex's lemmas (`qué cono haces?`,
//!   `¿quien es judío?`) hold `?` and `¿` as punctuation, and this reading
//!   matches them as their authors meant; a `*` inside a word (`a*b`) is
//!   reported the same way;
//! - anchors, aliases and lists of maps are errors naming `file:line`, as
//!   is a key defined twice;
//! - CR-only line ends are turned into LF before parsing.
//!
//! Writing (`to_yaml`) emits one flat quoted key per category (`"a.b":`,
//! which quanteda reads as the same `a.b`) with its terms double-quoted.
//! YAML holds no weights, labels, descriptions, exclusions or tests.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::decode::{decode_text, imported};
use super::model::{Category, ImportWarning, Lexicon, Term};
use crate::error::{Error, Result};

/// Parse a quanteda YAML dictionary; `origin` names it in messages.
pub fn parse_yaml(bytes: &[u8], origin: &str) -> Result<(Lexicon, Vec<ImportWarning>)> {
    let mut warnings = Vec::new();
    let text = decode_text(bytes, origin, &mut warnings);
    // CR-only files: the YAML scanner knows LF and CRLF line breaks only.
    let text = if text.contains('\r') && !text.contains('\n') {
        text.replace('\r', "\n")
    } else {
        text
    };
    let mut reader = Reader {
        parser: Parser::new_from_str(&text),
        origin,
        categories: Vec::new(),
        warnings,
    };
    reader.document()?;
    let Reader {
        categories,
        warnings,
        ..
    } = reader;
    if categories.is_empty() {
        return Err(Error::Lexicon {
            path: origin.to_string(),
            line: None,
            msg: "the dictionary has no category".into(),
        });
    }
    Ok((imported(categories, origin, bytes), warnings))
}

struct Reader<'a> {
    parser: Parser<std::str::Chars<'a>>,
    origin: &'a str,
    categories: Vec<Category>,
    warnings: Vec<ImportWarning>,
}

impl Reader<'_> {
    fn err(&self, line: Option<usize>, msg: String) -> Error {
        Error::Lexicon {
            path: self.origin.to_string(),
            line,
            msg,
        }
    }

    fn next(&mut self) -> Result<(Event, Marker)> {
        self.parser.next_token().map_err(|e| {
            self.err(
                Some(e.marker().line()),
                format!("invalid YAML: {}", e.info()),
            )
        })
    }

    fn document(&mut self) -> Result<()> {
        loop {
            let (event, mark) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentStart => {}
                Event::MappingStart(..) => return self.map(""),
                Event::StreamEnd => return Ok(()),
                _ => {
                    return Err(self.err(
                        Some(mark.line()),
                        "a quanteda dictionary is a map of category names to term lists".into(),
                    ));
                }
            }
        }
    }

    /// The entries of a map, up to its end; `prefix` is the parent's id.
    fn map(&mut self, prefix: &str) -> Result<()> {
        loop {
            let (event, mark) = self.next()?;
            let key = match event {
                Event::MappingEnd => return Ok(()),
                Event::Scalar(key, ..) => key,
                Event::Alias(_) => return Err(self.alias(mark)),
                _ => {
                    return Err(self.err(
                        Some(mark.line()),
                        "a category name must be a plain string".into(),
                    ));
                }
            };
            let id = if prefix.is_empty() {
                key.trim().to_string()
            } else {
                format!("{prefix}.{}", key.trim())
            };
            let (value, vmark) = self.next()?;
            match value {
                Event::MappingStart(..) => self.map(&id)?,
                Event::SequenceStart(..) => {
                    let i = self.category(&id, mark)?;
                    loop {
                        let (item, imark) = self.next()?;
                        match item {
                            Event::SequenceEnd => break,
                            Event::Scalar(term, ..) => self.term(i, term, imark),
                            Event::Alias(_) => return Err(self.alias(imark)),
                            _ => {
                                return Err(self.err(
                                    Some(imark.line()),
                                    format!("category {id:?}: a list item that is not a term"),
                                ));
                            }
                        }
                    }
                }
                Event::Scalar(term, style, ..) => {
                    let i = self.category(&id, mark)?;
                    let null = style == TScalarStyle::Plain
                        && matches!(term.as_str(), "" | "~" | "null" | "Null" | "NULL");
                    if !null {
                        self.term(i, term, vmark);
                    }
                }
                Event::Alias(_) => return Err(self.alias(vmark)),
                _ => {
                    return Err(self.err(
                        Some(vmark.line()),
                        format!("category {id:?}: expected a list of terms or a nested map"),
                    ));
                }
            }
        }
    }

    fn alias(&self, mark: Marker) -> Error {
        self.err(
            Some(mark.line()),
            "YAML anchors and aliases are not supported in dictionaries".into(),
        )
    }

    /// Add a category; a duplicate id is an error.
    fn category(&mut self, id: &str, mark: Marker) -> Result<usize> {
        if let Some(prev) = self.categories.iter().find(|c| c.id == id) {
            return Err(self.err(
                Some(mark.line()),
                format!(
                    "category {id:?} defined twice (first at line {})",
                    prev.line
                ),
            ));
        }
        self.categories.push(Category {
            id: id.to_string(),
            label: id.to_string(),
            line: mark.line(),
            ..Category::default()
        });
        Ok(self.categories.len() - 1)
    }

    fn term(&mut self, category: usize, text: String, mark: Marker) {
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        let inner_star = text
            .split_whitespace()
            .any(|w| w.trim_matches('*').contains('*'));
        if text.contains('?') || inner_star {
            let what = if text.contains('?') {
                "`?` is a one-character glob in quanteda; lexiscope has none and reads it as text (punctuation)"
            } else {
                "a `*` inside a word is not a lexiscope wildcard and is read as text (punctuation)"
            };
            self.warnings.push(ImportWarning {
                path: self.origin.to_string(),
                line: Some(mark.line()),
                message: format!("term {text:?}: {what}"),
            });
        }
        let cat = &mut self.categories[category];
        if !cat.terms.iter().any(|t| t.text == text) {
            cat.terms.push(Term {
                text,
                weight: None,
                line: mark.line(),
            });
        }
    }
}

/// A YAML double-quoted scalar (JSON's escapes are valid YAML ones).
fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// Write a lexicon as a quanteda YAML dictionary.
pub fn to_yaml(lex: &Lexicon) -> String {
    let mut out = String::new();
    for c in &lex.categories {
        out.push_str(&quote(&c.id));
        if c.terms.is_empty() {
            out.push_str(": []\n");
            continue;
        }
        out.push_str(":\n");
        for t in &c.terms {
            out.push_str("- ");
            out.push_str(&quote(&t.text));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Lexicon, Vec<ImportWarning>) {
        parse_yaml(text.as_bytes(), "t.yml").unwrap()
    }

    fn terms(lex: &Lexicon, id: &str) -> Vec<String> {
        let c = &lex.categories[lex.category_index(id).unwrap()];
        c.terms.iter().map(|t| t.text.clone()).collect()
    }

    #[test]
    fn nested_keys_become_dotted_ids() {
        let (lex, warnings) = parse(
            "weapon:\n  - gun*\n  - cuerno de chivo\ncrime:\n  violent:\n    - murder*\n  \
             petty: [theft]\nsolo: robo\nempty:\n",
        );
        assert!(warnings.is_empty());
        let ids: Vec<&str> = lex.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["weapon", "crime.violent", "crime.petty", "solo", "empty"]
        );
        assert_eq!(terms(&lex, "weapon"), ["gun*", "cuerno de chivo"]);
        assert_eq!(terms(&lex, "crime.petty"), ["theft"]);
        assert_eq!(terms(&lex, "solo"), ["robo"]);
        assert!(terms(&lex, "empty").is_empty());
        assert_eq!(lex.categories[1].terms[0].line, 6);
    }

    #[test]
    fn question_marks_are_text_with_a_warning() {
        let (lex, warnings) =
            parse("\"re\":\n- \"qué cono haces?\"\n- \"¿quien es judío?\"\n- \"a*b\"\n- \"ok*\"\n");
        assert_eq!(terms(&lex, "re")[0], "qué cono haces?");
        assert_eq!(warnings.len(), 3);
        assert_eq!(warnings[0].line, Some(2));
        assert!(warnings[0].message.contains("one-character glob"));
        assert!(warnings[2].message.contains("inside a word"));
    }

    #[test]
    fn line_ends() {
        for text in ["a:\r- uno\r- dos\r", "a:\r\n- uno\r\n- dos\r\n"] {
            let (lex, _) = parse(text);
            assert_eq!(terms(&lex, "a"), ["uno", "dos"]);
            assert_eq!(lex.categories[0].terms[1].line, 3, "{text:?}");
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = |t: &str| parse_yaml(t.as_bytes(), "b.yml").unwrap_err().to_string();
        assert!(bad("a:\n- x\na:\n- y\n").starts_with("b.yml:3: "));
        assert!(bad("a:\n- x\nb:\n  - {c: d}\n").starts_with("b.yml:4: "));
        assert!(bad("a: &x\n- x\nb: *x\n").contains("aliases"));
        assert!(bad("a: [x\nb: y\n").starts_with("b.yml:"));
        assert!(bad("- x\n- y\n").contains("map of category names"));
        assert!(bad("").contains("no category"));
    }

    #[test]
    fn writes_and_reads_back() {
        let (lex, _) = parse("a:\n  b: [\"x \\\"y\\\"\", z*]\nc: []\n");
        let text = to_yaml(&lex);
        assert_eq!(text, "\"a.b\":\n- \"x \\\"y\\\"\"\n- \"z*\"\n\"c\": []\n");
        let (again, _) = parse(&text);
        assert_eq!(terms(&again, "a.b"), ["x \"y\"", "z*"]);
        assert_eq!(again.categories.len(), 2);
    }
}
