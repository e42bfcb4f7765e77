//! Tables given as term lists: a TSV or CSV file with a header row, one
//! term per row and its category in another column — HurtLex's own files
//! (`id pos category stereotype lemma level`), a spreadsheet exported from
//! a coding team, NRC-style `term,category` sheets.
//!
//! A header row is recognised when the first line has two or more cells
//! that read like column names (letters, digits, `_`, `-`, `.`, spaces) and
//! at least one is a usual name (`category`, `term`, `lemma`, `word`, `id`,
//! `pos`, `weight`, …). [`TableColumns`] (`--lexicon-columns
//! category=COL,term=COL[,weight=COL]`, by name or 1-based number) says
//! which columns hold what; without it only the unambiguous pair
//! `category` + `term` is taken, and any other table is an error that
//! lists its columns and suggests the option, rather than a guess (a
//! table read as `category<TAB>term…` becomes thousands of categories
//! named after ids).

use std::str::FromStr;

use super::model::{Category, ImportWarning, Term};
use crate::error::{Error, Result};

/// A column of a table: its header name, or its 1-based number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// By header name (compared without case).
    Name(String),
    /// By 1-based number.
    Number(usize),
}

/// Which columns of a table hold the category, the term and (optionally)
/// the term's weight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableColumns {
    /// The category column.
    pub category: Column,
    /// The term column.
    pub term: Column,
    /// The weight column, if any.
    pub weight: Option<Column>,
}

impl FromStr for TableColumns {
    type Err = String;

    /// `category=COL,term=COL[,weight=COL]`.
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let (mut category, mut term, mut weight) = (None, None, None);
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, col) = part
                .split_once('=')
                .ok_or_else(|| format!("{part:?}: expected KEY=COLUMN"))?;
            let col = col.trim();
            let col = match col.parse::<usize>() {
                Ok(0) => return Err(format!("{part:?}: columns are numbered from 1")),
                Ok(n) => Column::Number(n),
                Err(_) if col.is_empty() => return Err(format!("{part:?}: no column")),
                Err(_) => Column::Name(col.to_string()),
            };
            match key.trim() {
                "category" => category = Some(col),
                "term" => term = Some(col),
                "weight" => weight = Some(col),
                other => {
                    return Err(format!(
                        "unknown key {other:?}: use category=, term= and weight="
                    ));
                }
            }
        }
        Ok(TableColumns {
            category: category.ok_or("category=COLUMN is missing")?,
            term: term.ok_or("term=COLUMN is missing")?,
            weight,
        })
    }
}

/// Column names a header row of a lexicon table usually has.
const USUAL: &[&str] = &[
    "category",
    "categories",
    "cat",
    "class",
    "label",
    "term",
    "terms",
    "word",
    "words",
    "lemma",
    "entry",
    "pattern",
    "keyword",
    "id",
    "pos",
    "weight",
    "score",
    "level",
    "stereotype",
    "value",
];

/// A header row: its delimiter and column names.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    delimiter: u8,
    names: Vec<String>,
}

/// The header row of `text`'s first line (blank and `#` lines skipped), if
/// it has one; tab-separated, else comma- or semicolon-separated.
pub(crate) fn sniff_header(text: &str) -> Option<Header> {
    let first = text
        .lines()
        .map(str::trim_end)
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let delimiter = [b'\t', b',', b';']
        .into_iter()
        .find(|&d| first.as_bytes().contains(&d))?;
    let names: Vec<String> = first
        .split(delimiter as char)
        .map(|c| c.trim().trim_matches('"').to_string())
        .collect();
    let name_like = |c: &String| {
        !c.is_empty()
            && c.len() <= 40
            && c.chars()
                .all(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '-' | '.' | ' '))
    };
    let usual = names
        .iter()
        .any(|n| USUAL.contains(&n.to_lowercase().as_str()));
    // A table's next row has as many cells as its header (an Empath-style
    // `category<TAB>term…` list has rows of every length).
    let second = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .nth(1);
    let shaped = second.is_none_or(|l| {
        delimiter != b'\t' || l.trim_end_matches('\r').split('\t').count() == names.len()
    });
    (names.len() >= 2 && names.len() <= 20 && names.iter().all(name_like) && usual && shaped)
        .then_some(Header { delimiter, names })
}

impl Header {
    fn index(&self, col: &Column) -> Option<usize> {
        match col {
            Column::Number(n) => (*n <= self.names.len()).then(|| n - 1),
            Column::Name(name) => self.names.iter().position(|n| n.eq_ignore_ascii_case(name)),
        }
    }

    fn find(&self, name: &str) -> Option<&str> {
        self.names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(String::as_str)
    }

    /// The error of a table whose columns are not named (or not found).
    fn columns_error(&self, origin: &str, problem: &str) -> Error {
        let guess = |names: &[&str]| names.iter().find_map(|n| self.find(n));
        let category = guess(&["category", "categories", "cat", "class", "label"]);
        let term = guess(&[
            "term", "terms", "word", "words", "lemma", "entry", "pattern", "keyword",
        ]);
        let hint = match (category, term) {
            (Some(c), Some(t)) => format!("--lexicon-columns category={c},term={t}"),
            _ => "--lexicon-columns category=COLUMN,term=COLUMN (names or 1-based numbers)".into(),
        };
        Error::Lexicon {
            path: origin.to_string(),
            line: None,
            msg: format!(
                "{problem}; the table's columns: {}\nhint: say which columns hold the category and the term: {hint}",
                self.names.join(", ")
            ),
        }
    }
}

/// Read a table with a header row into categories (in order of first
/// appearance); rows without a category or a term are warned and skipped.
pub(crate) fn parse_table(
    text: &str,
    header: &Header,
    columns: Option<&TableColumns>,
    origin: &str,
    warnings: &mut Vec<ImportWarning>,
) -> Result<Vec<Category>> {
    let columns = match columns {
        Some(c) => c.clone(),
        None => match (header.find("category"), header.find("term")) {
            (Some(c), Some(t)) => TableColumns {
                category: Column::Name(c.to_string()),
                term: Column::Name(t.to_string()),
                weight: header.find("weight").map(|w| Column::Name(w.to_string())),
            },
            _ => {
                return Err(header.columns_error(origin, "the file is a table with a header row"));
            }
        },
    };
    let index = |col: &Column, what: &str| {
        header.index(col).ok_or_else(|| {
            let name = match col {
                Column::Name(n) => format!("{n:?}"),
                Column::Number(n) => format!("number {n}"),
            };
            header.columns_error(origin, &format!("no column {name} for the {what}"))
        })
    };
    let cat_i = index(&columns.category, "category")?;
    let term_i = index(&columns.term, "term")?;
    let weight_i = columns
        .weight
        .as_ref()
        .map(|w| index(w, "weight"))
        .transpose()?;
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(header.delimiter)
        .has_headers(true)
        .flexible(true)
        .comment(Some(b'#'))
        // TSV files (HurtLex) hold bare quotes in terms; CSV quotes cells.
        .quoting(header.delimiter != b'\t')
        .from_reader(text.as_bytes());
    let mut categories: Vec<Category> = Vec::new();
    let mut record = ::csv::StringRecord::new();
    let mut skipped = 0usize;
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(Error::Lexicon {
                    path: origin.to_string(),
                    line: e.position().map(|p| p.line() as usize),
                    msg: format!("cannot read the table: {e}"),
                });
            }
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |i: usize| record.get(i).map(str::trim).unwrap_or("");
        let (id, text) = (cell(cat_i), cell(term_i));
        if id.is_empty() || text.is_empty() {
            skipped += 1;
            if skipped <= 10 {
                warnings.push(ImportWarning {
                    path: origin.to_string(),
                    line: Some(line),
                    message: format!(
                        "a row without a {}: skipped",
                        if id.is_empty() { "category" } else { "term" }
                    ),
                });
            }
            continue;
        }
        let weight = match weight_i.map(cell) {
            None | Some("") => None,
            Some(w) => match w.parse::<f64>() {
                Ok(w) if w.is_finite() => Some(w),
                _ => {
                    warnings.push(ImportWarning {
                        path: origin.to_string(),
                        line: Some(line),
                        message: format!("weight {w:?} is not a number: the term has none"),
                    });
                    None
                }
            },
        };
        let term = Term {
            text: text.to_string(),
            weight,
            line,
        };
        match categories.iter_mut().find(|c| c.id == id) {
            Some(c) => c.terms.push(term),
            None => categories.push(Category {
                id: id.to_string(),
                label: id.to_string(),
                terms: vec![term],
                line,
                ..Category::default()
            }),
        }
    }
    if skipped > 10 {
        warnings.push(ImportWarning {
            path: origin.to_string(),
            line: None,
            message: format!("{skipped} rows without a category or a term were skipped in all"),
        });
    }
    Ok(categories)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HURTLEX: &str = "id\tpos\tcategory\tstereotype\tlemma\tlevel\n\
        ES3680\tn\tor\tno\tbrassica campestris ssp. rapa\tinclusive\n\
        ES241\tn\tor\tno\tsesera\tinclusive\n\
        ES100\tv\tcds\tno\tjoder\tconservative\n";

    #[test]
    fn columns_parse_by_name_and_number() {
        let c: TableColumns = "category=category, term=lemma".parse().unwrap();
        assert_eq!(c.term, Column::Name("lemma".into()));
        let c: TableColumns = "term=5,category=3,weight=6".parse().unwrap();
        assert_eq!(
            (c.category, c.weight),
            (Column::Number(3), Some(Column::Number(6)))
        );
        assert!(
            "term=lemma"
                .parse::<TableColumns>()
                .unwrap_err()
                .contains("category")
        );
        assert!("category=0,term=1".parse::<TableColumns>().is_err());
        assert!(
            "cat=a,term=b"
                .parse::<TableColumns>()
                .unwrap_err()
                .contains("unknown key")
        );
    }

    #[test]
    fn hurtlex_needs_its_columns_named() {
        let header = sniff_header(HURTLEX).expect("a header");
        let mut w = Vec::new();
        let err = parse_table(HURTLEX, &header, None, "hurtlex_ES.tsv", &mut w)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("id, pos, category, stereotype, lemma, level"),
            "{err}"
        );
        assert!(
            err.contains("--lexicon-columns category=category,term=lemma"),
            "{err}"
        );
        let cols = "category=category,term=lemma".parse().unwrap();
        let cats = parse_table(HURTLEX, &header, Some(&cols), "h.tsv", &mut w).unwrap();
        assert_eq!(cats.len(), 2);
        assert_eq!(cats[0].id, "or");
        assert_eq!(cats[0].terms[0].text, "brassica campestris ssp. rapa");
        assert_eq!(cats[0].terms[0].line, 2);
        assert_eq!(cats[1].terms[0].text, "joder");
        let bad = "category=category,term=lema".parse().unwrap();
        let err = parse_table(HURTLEX, &header, Some(&bad), "h.tsv", &mut w)
            .unwrap_err()
            .to_string();
        assert!(err.contains("no column \"lema\" for the term"), "{err}");
    }

    #[test]
    fn a_category_term_sheet_is_read_without_options() {
        let text =
            "term,category,weight\n\"sí, señor\",acuerdo,1.5\nextorsión,delito,\n,delito,2\n";
        let header = sniff_header(text).unwrap();
        let mut w = Vec::new();
        let cats = parse_table(text, &header, None, "s.csv", &mut w).unwrap();
        assert_eq!(cats[0].terms[0].text, "sí, señor");
        assert_eq!(cats[0].terms[0].weight, Some(1.5));
        assert_eq!(cats[1].terms.len(), 1);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].line, Some(4));
    }

    #[test]
    fn term_lists_are_not_tables() {
        assert!(sniff_header("weapon\tgun\tknife\nmoney\tcash\n").is_none());
        assert!(sniff_header("uno\ndos\n").is_none());
        assert!(sniff_header("# comment\nsicario\tsicarios\n").is_none());
        assert!(sniff_header("speaking\tword\ttalk\nweapon\tgun\n").is_none());
    }
}
