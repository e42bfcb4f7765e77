//! Plain term lists: `category<TAB>term<TAB>term…` per line (the Empath
//! layout), or one term per line making a single category named after the
//! file. Blank lines and lines starting with `#` are ignored; CR-only, LF
//! and CRLF line ends are all accepted. A file whose first line is a header
//! row is a table, read by `table` with the columns it is told.

use super::decode::{decode_text, imported, numbered_lines};
use super::model::{Category, ImportWarning, Lexicon, Term};
use super::table::{TableColumns, parse_table, sniff_header};
use crate::error::{Error, Result};

/// Parse a term list; `origin` is its path (the file stem names the lexicon
/// and, for a plain list, its one category). The bytes are decoded and the
/// lines numbered as for every dictionary format: a list that is not UTF-8
/// is transcoded (Windows-1252, UTF-16) with a warning.
pub fn parse_list(bytes: &[u8], origin: &str) -> Result<(Lexicon, Vec<ImportWarning>)> {
    parse_list_with(bytes, origin, None)
}

/// [`parse_list`], with the columns of a table (`--lexicon-columns`).
pub fn parse_list_with(
    bytes: &[u8],
    origin: &str,
    columns: Option<&TableColumns>,
) -> Result<(Lexicon, Vec<ImportWarning>)> {
    let mut warnings = Vec::new();
    let text = decode_text(bytes, origin, &mut warnings);
    match sniff_header(&text) {
        Some(header) => {
            let categories = parse_table(&text, &header, columns, origin, &mut warnings)?;
            if categories.is_empty() {
                return Err(Error::Lexicon {
                    path: origin.to_string(),
                    line: None,
                    msg: "the table has no terms".into(),
                });
            }
            return Ok((imported(categories, origin, bytes), warnings));
        }
        None if columns.is_some() => {
            return Err(Error::Lexicon {
                path: origin.to_string(),
                line: None,
                msg: "--lexicon-columns needs a table with a header row, and the first line is not one".into(),
            });
        }
        None => {}
    }
    let stem = std::path::Path::new(origin)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("list")
        .to_string();
    let lines: Vec<(usize, &str)> = numbered_lines(&text)
        .into_iter()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect();
    let tabbed = lines.iter().any(|(_, l)| l.contains('\t'));
    let mut categories: Vec<Category> = Vec::new();
    for (line_no, line) in lines {
        if tabbed {
            let mut cells = line.split('\t').map(str::trim);
            let id = cells.next().unwrap_or_default().to_string();
            if id.is_empty() {
                return Err(Error::Lexicon {
                    path: origin.to_string(),
                    line: Some(line_no),
                    msg: "a line starts with a tab: no category name".into(),
                });
            }
            let terms: Vec<Term> = cells
                .filter(|c| !c.is_empty())
                .map(|c| Term {
                    text: c.to_string(),
                    weight: None,
                    line: line_no,
                })
                .collect();
            match categories.iter_mut().find(|c| c.id == id) {
                Some(c) => c.terms.extend(terms),
                None => categories.push(Category {
                    label: id.clone(),
                    id,
                    terms,
                    line: line_no,
                    ..Category::default()
                }),
            }
        } else {
            if categories.is_empty() {
                categories.push(Category {
                    id: stem.clone(),
                    label: stem.clone(),
                    line: line_no,
                    ..Category::default()
                });
            }
            categories[0].terms.push(Term {
                text: line.trim().to_string(),
                weight: None,
                line: line_no,
            });
        }
    }
    if categories.is_empty() {
        return Err(Error::Lexicon {
            path: origin.to_string(),
            line: None,
            msg: "the list has no terms".into(),
        });
    }
    Ok((imported(categories, origin, bytes), warnings))
}

/// Write a lexicon as a term list in the Empath layout: one line per
/// category, `id<TAB>term<TAB>term…`. Lists hold no weights, labels,
/// descriptions, exclusions or tests.
pub fn to_list(lex: &Lexicon) -> String {
    let mut out = String::new();
    for c in &lex.categories {
        out.push_str(&c.id);
        for t in &c.terms {
            out.push('\t');
            out.push_str(&t.text);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabbed_and_plain() {
        let (lex, _) = parse_list(b"weapon\tgun\tknife\r\nmoney\tcash\r\n", "empath.tsv").unwrap();
        assert_eq!(lex.categories.len(), 2);
        assert_eq!(lex.categories[1].terms[0].line, 2);
        let (lex, _) = parse_list(b"uno\rdos\r", "mis_terminos.txt").unwrap();
        assert_eq!(lex.categories[0].id, "mis_terminos");
        assert_eq!(lex.categories[0].terms.len(), 2);
        assert_eq!(lex.categories[0].terms[1].line, 2);
    }

    #[test]
    fn a_latin1_list_warns_as_a_latin1_dic_does() {
        let (lex, warnings) = parse_list(b"armas\ncami\xf3n\n", "l.txt").unwrap();
        assert_eq!(lex.categories[0].terms[1].text, "camión");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, Some(2));
        assert!(warnings[0].message.contains("windows-1252"));
    }

    #[test]
    fn mixed_line_ends_count_lines_right() {
        // LF, then CRLF, then CR alone: each ends one line.
        let (lex, _) = parse_list(b"uno\ndos\r\ntres\rcuatro\n", "l.txt").unwrap();
        let lines: Vec<usize> = lex.categories[0].terms.iter().map(|t| t.line).collect();
        assert_eq!(lines, [1, 2, 3, 4]);
        let (lex, _) = parse_list(b"a\tx\r\n\r\nb\ty\nc\tz\r", "l.tsv").unwrap();
        let lines: Vec<usize> = lex.categories.iter().map(|c| c.line).collect();
        assert_eq!(lines, [1, 3, 4]);
    }

    #[test]
    fn writes_and_reads_back() {
        let (lex, _) = parse_list(b"weapon\tgun\tknife\nmoney\tcash\n", "e.tsv").unwrap();
        let text = to_list(&lex);
        assert_eq!(text, "weapon\tgun\tknife\nmoney\tcash\n");
    }
}
