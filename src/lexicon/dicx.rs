//! LIWC-22 `.dicx` dictionaries: a CSV table with one row per term and one
//! column per category.
//!
//! ```text
//! DicTerm,posemo,negemo
//! good*,X,
//! awful,,2.5
//! ```
//!
//! The first header cell is `DicTerm` (LIWC-22) or `Entry` (either case).
//! A cell marks membership with `X`/`x`, or holds a numeric weight, kept as
//! the term's weight. Pitfalls handled:
//! - a binary table (every number is 0 or 1, as a spreadsheet exports it)
//!   is read as marks: `1` is a member without weight, `0` not a member; in
//!   a weighted table a `0` cell is not a member either (a zero weight adds
//!   nothing) and other numbers are weights;
//! - a UTF-8 BOM, CRLF line ends, quoted terms with commas;
//! - a cell that is neither empty, a mark nor a number, a duplicate column,
//!   or a first column with another name is an error naming `file:line`.
//!
//! Writing (`to_dicx`) marks unweighted members with `X` and writes weights
//! as numbers. A `.dicx` holds no labels, descriptions, exclusions or tests.

use super::decode::{decode_text, imported};
use super::model::{Category, ImportWarning, Lexicon, Term};
use crate::error::{Error, Result};
use crate::text::sheet::{safe_cell, unguard};

/// A parsed cell.
enum Cell {
    Empty,
    Mark,
    Number(f64),
}

/// Parse a LIWC-22 `.dicx`; `origin` names it in messages.
pub fn parse_dicx(bytes: &[u8], origin: &str) -> Result<(Lexicon, Vec<ImportWarning>)> {
    let mut warnings = Vec::new();
    let text = decode_text(bytes, origin, &mut warnings);
    let err = |line: Option<usize>, msg: String| Error::Lexicon {
        path: origin.to_string(),
        line,
        msg,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header = match records.next() {
        Some(rec) => rec.map_err(|e| err(Some(1), e.to_string()))?,
        None => return Err(err(None, "the file is empty".into())),
    };
    let first = header.get(0).unwrap_or_default().trim();
    if !first.eq_ignore_ascii_case("dicterm") && !first.eq_ignore_ascii_case("entry") {
        return Err(err(
            Some(1),
            format!("the first column is {first:?}; a .dicx starts with `DicTerm` (or `Entry`)"),
        ));
    }
    let mut categories: Vec<Category> = Vec::new();
    for name in header.iter().skip(1) {
        // A category name our writer guarded (`'=cmd`) is read back as
        // written, like a term.
        let name = unguard(name.trim());
        if name.is_empty() {
            return Err(err(Some(1), "a category column has no name".into()));
        }
        if categories.iter().any(|c| c.id == name) {
            return Err(err(
                Some(1),
                format!("category column {name:?} appears twice"),
            ));
        }
        categories.push(Category {
            id: name.to_string(),
            label: name.to_string(),
            line: 1,
            ..Category::default()
        });
    }
    let mut rows: Vec<(usize, String, Vec<Cell>)> = Vec::new();
    for rec in records {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| line_at(&text, p.byte() as usize));
            err(line, e.to_string())
        })?;
        let line = rec
            .position()
            .map_or(0, |p| line_at(&text, p.byte() as usize));
        // A term our writer guarded against spreadsheet formulas
        // (`'-ish`) is read back as written.
        let term = unguard(rec.get(0).unwrap_or_default().trim()).to_string();
        if term.is_empty() {
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            return Err(err(Some(line), "a row without a term".into()));
        }
        if rec.len() > header.len() {
            return Err(err(
                Some(line),
                format!(
                    "term {term:?}: {} cells, but the header has {} columns",
                    rec.len(),
                    header.len()
                ),
            ));
        }
        let mut cells = Vec::new();
        for (i, cell) in rec.iter().enumerate().skip(1) {
            let cell = cell.trim();
            cells.push(if cell.is_empty() {
                Cell::Empty
            } else if cell.eq_ignore_ascii_case("x") {
                Cell::Mark
            } else if let Ok(w) = cell
                .parse::<f64>()
                .map_err(|_| ())
                .and_then(|w| if w.is_finite() { Ok(w) } else { Err(()) })
            {
                Cell::Number(w)
            } else {
                return Err(err(
                    Some(line),
                    format!(
                        "term {term:?}, column {:?}: {cell:?} is neither a mark (X) nor a weight",
                        categories[i - 1].id
                    ),
                ));
            });
        }
        rows.push((line, term, cells));
    }
    let binary = rows
        .iter()
        .flat_map(|(_, _, cells)| cells)
        .all(|c| !matches!(c, Cell::Number(w) if *w != 0.0 && *w != 1.0));
    for (line, term, cells) in rows {
        for (i, cell) in cells.into_iter().enumerate() {
            let weight = match cell {
                Cell::Empty => continue,
                Cell::Number(0.0) => continue,
                Cell::Mark => None,
                Cell::Number(_) if binary => None,
                Cell::Number(w) => Some(w),
            };
            let cat = &mut categories[i];
            if !cat.terms.iter().any(|t| t.text == term) {
                cat.terms.push(Term {
                    text: term.clone(),
                    weight,
                    line,
                });
            }
        }
    }
    Ok((imported(categories, origin, bytes), warnings))
}

/// The 1-based line of the record starting at `byte` (the csv crate counts
/// CRLF records one line short, so lines are counted here).
fn line_at(text: &str, byte: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = byte.min(bytes.len());
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    let before = &bytes[..start];
    let lf = before.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && before.get(i + 1) != Some(&b'\n'))
        .count();
    lf + lone_cr + 1
}

/// Write a lexicon as a LIWC-22 `.dicx` (CSV).
pub fn to_dicx(lex: &Lexicon) -> String {
    let mut order: Vec<&str> = Vec::new();
    let mut cells: std::collections::HashMap<&str, Vec<String>> = Default::default();
    let n = lex.categories.len();
    for (i, c) in lex.categories.iter().enumerate() {
        for t in &c.terms {
            let row = cells.entry(t.text.as_str()).or_insert_with(|| {
                order.push(t.text.as_str());
                vec![String::new(); n]
            });
            row[i] = match t.weight {
                Some(w) => format!("{w}"),
                None => "X".into(),
            };
        }
    }
    let mut wtr = csv::WriterBuilder::new().from_writer(Vec::new());
    let header = std::iter::once("DicTerm".into())
        .chain(lex.categories.iter().map(|c| safe_cell(&c.id, false)));
    wtr.write_record(header.map(|c| c.into_owned()).collect::<Vec<String>>())
        .expect("writing to memory");
    for term in order {
        let guarded = safe_cell(term, false);
        wtr.write_record(std::iter::once(&*guarded).chain(cells[term].iter().map(String::as_str)))
            .expect("writing to memory");
    }
    let bytes = wtr.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("the cells are UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_terms_are_guarded_and_read_back() {
        let lex = parse("DicTerm,a\n-ish,X\n@user,X\nplain,X\n");
        let out = to_dicx(&lex);
        assert!(out.contains("'-ish") && out.contains("'@user"), "{out}");
        assert!(
            !out.lines().any(|l| l.starts_with(['=', '+', '-', '@'])),
            "{out}"
        );
        let back = parse(&out);
        assert_eq!(terms(&back, "a"), terms(&lex, "a"));
    }

    #[test]
    fn formula_category_names_are_guarded_and_read_back() {
        // Issue 22: the header cells are cells too.
        let lex = parse("DicTerm,'=cmd,'@b\nx,X,\n");
        assert_eq!(lex.categories[0].id, "=cmd");
        let out = to_dicx(&lex);
        assert!(out.starts_with("DicTerm,'=cmd,'@b"), "{out}");
        assert_eq!(parse(&out).categories[1].id, "@b");
    }

    fn parse(text: &str) -> Lexicon {
        parse_dicx(text.as_bytes(), "t.dicx").unwrap().0
    }

    fn terms(lex: &Lexicon, id: &str) -> Vec<(String, Option<f64>)> {
        let c = &lex.categories[lex.category_index(id).unwrap()];
        c.terms.iter().map(|t| (t.text.clone(), t.weight)).collect()
    }

    #[test]
    fn marks_and_weights() {
        let lex = parse("\u{feff}DicTerm,pos,neg\r\ngood*,X,\r\nawful,,2.5\r\n\"so, so\",x,-1\r\n");
        assert_eq!(
            terms(&lex, "pos"),
            [("good*".to_string(), None), ("so, so".to_string(), None)]
        );
        assert_eq!(
            terms(&lex, "neg"),
            [
                ("awful".to_string(), Some(2.5)),
                ("so, so".to_string(), Some(-1.0))
            ]
        );
        assert_eq!(lex.categories[1].terms[0].line, 3);
    }

    #[test]
    fn binary_tables_are_marks() {
        let lex = parse("Entry,a,b\nuno,1,0\ndos,0,1\n");
        assert_eq!(terms(&lex, "a"), [("uno".to_string(), None)]);
        assert_eq!(terms(&lex, "b"), [("dos".to_string(), None)]);
        // In a weighted table a 1 is a weight.
        let lex = parse("Entry,a\nuno,1\ndos,3\n");
        assert_eq!(terms(&lex, "a")[0].1, Some(1.0));
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = |t: &str| parse_dicx(t.as_bytes(), "b.dicx").unwrap_err().to_string();
        assert!(bad("Word,a\nx,X\n").starts_with("b.dicx:1: "));
        let msg = bad("DicTerm,a\nuno,X\ndos,yes\n");
        assert!(msg.starts_with("b.dicx:3: "), "{msg}");
        assert!(msg.contains("\"yes\""), "{msg}");
        assert!(bad("DicTerm,a,a\n").contains("twice"));
        assert!(bad("DicTerm,a\nuno,X,X\n").starts_with("b.dicx:2: "));
    }

    #[test]
    fn writes_and_reads_back() {
        let lex = parse("DicTerm,pos,neg\ngood*,X,\nawful,,2.5\n");
        let text = to_dicx(&lex);
        assert_eq!(text, "DicTerm,pos,neg\ngood*,X,\nawful,,2.5\n");
        assert_eq!(parse(&text), lex);
    }
}
