//! WordStat `.cat` dictionaries (Provalis WordStat; quanteda's
//! `format = "wordstat"`).
//!
//! ```text
//! WEAPONS
//!     GUN* (1)
//!     CUERNO DE CHIVO (2)
//! CRIME
//!     VIOLENT
//!         MURDER* (1)
//! ```
//!
//! (Indented with tabs, shown here as spaces.) A line at the left margin is
//! a category; an indented line is a word of the category above it, with
//! its weight in parentheses (`WORD (1)`, kept as the term's weight). An indented line without a weight that has more
//! indented lines under it is a subcategory; nested categories are
//! flattened to `parent.child` ids (`CRIME.VIOLENT`), as quanteda does. A
//! category that only holds subcategories is not a category of its own.
//!
//! Pitfalls handled: tabs or spaces for indentation (levels are compared,
//! not counted); CR-only, LF and CRLF line ends; Latin-1 files (WordStat
//! runs on Windows; warned); a weight that is not a number, and a word
//! before any category, are errors naming `file:line`.
//!
//! Writing (`to_cat`) puts every category at the left margin under its full
//! id and writes each word with its weight (`(1)` when it has none). A
//! `.cat` holds no labels, descriptions, exclusions or tests.

use super::decode::{decode_text, imported, numbered_lines};
use super::model::{Category, ImportWarning, Lexicon, Term};
use crate::error::{Error, Result};

/// Parse a WordStat `.cat`; `origin` names it in messages.
pub fn parse_cat(bytes: &[u8], origin: &str) -> Result<(Lexicon, Vec<ImportWarning>)> {
    let mut warnings = Vec::new();
    let text = decode_text(bytes, origin, &mut warnings);
    let err = |line: usize, msg: String| Error::Lexicon {
        path: origin.to_string(),
        line: Some(line),
        msg,
    };
    let lines: Vec<(usize, usize, &str)> = numbered_lines(&text)
        .into_iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let content = l.trim_start();
            (n, l.len() - content.len(), content.trim_end())
        })
        .collect();
    let mut categories: Vec<Category> = Vec::new();
    // Open categories: (indent, index in `categories`).
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut containers: Vec<usize> = Vec::new();
    for (k, &(n, indent, content)) in lines.iter().enumerate() {
        while stack.last().is_some_and(|&(i, _)| i >= indent) {
            stack.pop();
        }
        let (word, weight) = split_weight(content)
            .map_err(|w| err(n, format!("{content:?}: the weight {w:?} is not a number")))?;
        let has_children = lines.get(k + 1).is_some_and(|&(_, next, _)| next > indent);
        let is_category = indent == 0 || (weight.is_none() && has_children);
        if is_category {
            let id = match stack.last() {
                Some(&(_, parent)) => {
                    containers.push(parent);
                    format!("{}.{word}", categories[parent].id)
                }
                None => word.to_string(),
            };
            if let Some(prev) = categories.iter().find(|c| c.id == id) {
                return Err(err(
                    n,
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
            stack.push((indent, categories.len() - 1));
            continue;
        }
        let Some(&(_, parent)) = stack.last() else {
            return Err(err(n, format!("word {word:?} comes before any category")));
        };
        let cat = &mut categories[parent];
        if !cat.terms.iter().any(|t| t.text == word) {
            cat.terms.push(Term {
                text: word.to_string(),
                weight,
                line: n,
            });
        }
    }
    // A node that only groups subcategories is not a category.
    let mut index = 0;
    categories.retain(|c| {
        let keep = !(c.terms.is_empty() && containers.contains(&index));
        index += 1;
        keep
    });
    if categories.is_empty() {
        return Err(Error::Lexicon {
            path: origin.to_string(),
            line: None,
            msg: "the file has no category".into(),
        });
    }
    Ok((imported(categories, origin, bytes), warnings))
}

/// `WORD (2)` → (`WORD`, Some(2.0)); a line without `(…)` has no weight;
/// `Err` holds a weight that is not a number.
fn split_weight(content: &str) -> std::result::Result<(&str, Option<f64>), &str> {
    let Some(inner) = content.strip_suffix(')') else {
        return Ok((content, None));
    };
    let Some(open) = inner.rfind('(') else {
        return Ok((content, None));
    };
    let word = inner[..open].trim_end();
    let weight = inner[open + 1..].trim();
    if word.is_empty() {
        return Ok((content, None));
    }
    match weight.replace(',', ".").parse::<f64>() {
        Ok(w) if w.is_finite() => Ok((word, Some(w))),
        _ => Err(weight),
    }
}

/// Write a lexicon as a WordStat `.cat`.
pub fn to_cat(lex: &Lexicon) -> String {
    let mut out = String::new();
    for c in &lex.categories {
        out.push_str(&c.id);
        out.push('\n');
        for t in &c.terms {
            out.push_str(&format!("\t{} ({})\n", t.text, t.weight.unwrap_or(1.0)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Lexicon {
        parse_cat(text.as_bytes(), "t.cat").unwrap().0
    }

    fn terms(lex: &Lexicon, id: &str) -> Vec<(String, Option<f64>)> {
        let c = &lex.categories[lex.category_index(id).unwrap()];
        c.terms.iter().map(|t| (t.text.clone(), t.weight)).collect()
    }

    #[test]
    fn weights_and_hierarchy() {
        let lex = parse(
            "WEAPONS\n\tGUN* (1)\n\tCUERNO DE CHIVO (2.5)\nCRIME\n\tVIOLENT\n\t\tMURDER* (1)\n\
             \tPETTY\n\t\tTHEFT (1)\n\tCRIME (3)\nEMPTY\n",
        );
        let ids: Vec<&str> = lex.categories.iter().map(|c| c.id.as_str()).collect();
        // CRIME has a word of its own, so it stays a category.
        assert_eq!(
            ids,
            ["WEAPONS", "CRIME", "CRIME.VIOLENT", "CRIME.PETTY", "EMPTY"]
        );
        assert_eq!(
            terms(&lex, "WEAPONS"),
            [
                ("GUN*".into(), Some(1.0)),
                ("CUERNO DE CHIVO".into(), Some(2.5))
            ]
        );
        assert_eq!(
            terms(&lex, "CRIME.VIOLENT"),
            [("MURDER*".into(), Some(1.0))]
        );
        assert_eq!(terms(&lex, "CRIME"), [("CRIME".into(), Some(3.0))]);
        assert_eq!(lex.categories[2].terms[0].line, 6);
        // A pure container is not a category.
        let lex = parse("A\n  B\n    x (1)\n  C\n    y\n");
        let ids: Vec<&str> = lex.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["A.B", "A.C"]);
        assert_eq!(terms(&lex, "A.C"), [("y".into(), None)]);
    }

    #[test]
    fn line_ends() {
        for text in [
            "A\r\tuno (1)\r\tdos (1)\r",
            "A\r\n\tuno (1)\r\n\tdos (1)\r\n",
        ] {
            let lex = parse(text);
            assert_eq!(lex.categories[0].terms[1].line, 3, "{text:?}");
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = |t: &str| parse_cat(t.as_bytes(), "b.cat").unwrap_err().to_string();
        assert!(bad("A\n\tx (uno)\n").starts_with("b.cat:2: "));
        assert!(bad("A\n\tx (1)\nA\n").starts_with("b.cat:3: "));
        assert!(bad("").contains("no category"));
    }

    #[test]
    fn writes_and_reads_back() {
        let lex = parse("A\n\tx (1)\n\ty (0.5)\nB\n\tz\n");
        let text = to_cat(&lex);
        assert_eq!(text, "A\n\tx (1)\n\ty (0.5)\nB\n\tz (1)\n");
        let again = parse(&text);
        assert_eq!(terms(&again, "A"), terms(&lex, "A"));
        assert_eq!(terms(&again, "B"), [("z".into(), Some(1.0))]);
    }
}
