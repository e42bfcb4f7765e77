//! Plain term lists: `category<TAB>term<TAB>term…` per line (the Empath
//! layout), or one term per line making a single category named after the
//! file. Blank lines and lines starting with `#` are ignored; CR-only, LF
//! and CRLF line ends are all accepted.

use super::{Category, Lexicon, Meta, Options, Term};
use crate::digest::sha256_hex;
use crate::error::{Error, Result};

/// Parse a term list; `origin` is its path (the file stem names the lexicon).
pub fn parse_list(bytes: &[u8], origin: &str) -> Result<Lexicon> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::Lexicon {
        path: origin.to_string(),
        line: Some(
            bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1,
        ),
        msg: "the file is not valid UTF-8".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let stem = std::path::Path::new(origin)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("list")
        .to_string();
    let lines: Vec<(usize, &str)> = text
        .split(['\n', '\r'])
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect();
    // Line numbers: CRLF counts as one line end.
    let crlf = text.contains("\r\n");
    let line_no = |i: usize| if crlf { i.div_ceil(2) } else { i };
    let tabbed = lines.iter().any(|(_, l)| l.contains('\t'));
    let mut categories: Vec<Category> = Vec::new();
    for (i, line) in lines {
        let line_no = line_no(i);
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
    Ok(Lexicon {
        meta: Meta {
            name: stem,
            ..Meta::default()
        },
        options: Options::default(),
        categories,
        exclude: Vec::new(),
        tests: Vec::new(),
        origin: origin.to_string(),
        sha256: sha256_hex(bytes),
        lint_allow: Vec::new(),
    })
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
        let lex = parse_list(b"weapon\tgun\tknife\r\nmoney\tcash\r\n", "empath.tsv").unwrap();
        assert_eq!(lex.categories.len(), 2);
        assert_eq!(lex.categories[1].terms[0].line, 2);
        let lex = parse_list(b"uno\rdos\r", "mis_terminos.txt").unwrap();
        assert_eq!(lex.categories[0].id, "mis_terminos");
        assert_eq!(lex.categories[0].terms.len(), 2);
        assert_eq!(lex.categories[0].terms[1].line, 2);
    }

    #[test]
    fn writes_and_reads_back() {
        let lex = parse_list(b"weapon\tgun\tknife\nmoney\tcash\n", "e.tsv").unwrap();
        let text = to_list(&lex);
        assert_eq!(text, "weapon\tgun\tknife\nmoney\tcash\n");
    }
}
