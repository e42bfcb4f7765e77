//! LIWC `.dic` dictionaries (LIWC2001, LIWC2007, LIWC2015; also what
//! liwc-python and quanteda's `read_dict_liwc` read).
//!
//! ```text
//! %
//! 1<TAB>funct
//! 2<TAB>pronoun
//! %
//! a<TAB>1
//! he*<TAB>1<TAB>2
//! ```
//!
//! A header between two `%` lines numbers the categories; each entry line is
//! a word (a trailing `*` is a prefix wildcard) followed by category ids.
//!
//! Pitfalls handled:
//! - an entry line is split on TAB when it has one, else on spaces: a
//!   multi-word entry may end in a number (`legalicen a las de 16<TAB>3`), and
//!   splitting on any whitespace would take `16` for a category (quanteda's
//!   reader loses it). Without a tab, the trailing numbers are the ids;
//! - ids are numbers, so zero-padded ids (`01`) are the same as `1`;
//! - header lines separated by spaces (`1 funct`) as well as tabs;
//! - CR-only, LF and CRLF line ends; a UTF-8 BOM; Latin-1 files (warned);
//! - LIWC2007 conditional entries (`like<TAB>(02 134)125/464<TAB>253`: category
//!   125 when the previous word is in 02 or 134, else 464) cannot be
//!   expressed here: the conditional part is reported as a warning with its
//!   line, and the entry keeps its unconditional ids (or is dropped when it
//!   has none);
//! - an id the header does not define is an error naming `file:line`.
//!
//! Writing (`to_dic`) numbers the categories 1…n in order and writes one
//! line per distinct term with all its categories, TAB-separated. A `.dic`
//! holds no weights, labels, descriptions, exclusions or tests.

use super::decode::{decode_text, imported, numbered_lines};
use super::model::{Category, ImportWarning, Lexicon, Term};
use crate::error::{Error, Result};

/// Parse a LIWC `.dic`; `origin` names it in messages.
pub fn parse_dic(bytes: &[u8], origin: &str) -> Result<(Lexicon, Vec<ImportWarning>)> {
    let mut warnings = Vec::new();
    let text = decode_text(bytes, origin, &mut warnings);
    let err = |line: usize, msg: String| Error::Lexicon {
        path: origin.to_string(),
        line: Some(line),
        msg,
    };
    let mut warn = |line: usize, message: String| {
        warnings.push(ImportWarning {
            path: origin.to_string(),
            line: Some(line),
            message,
        })
    };
    let lines = numbered_lines(&text);
    let mut rest = lines.iter().filter(|(_, l)| !l.trim().is_empty());
    match rest.next() {
        Some((_, l)) if l.trim() == "%" => {}
        Some((n, _)) => {
            return Err(err(
                *n,
                "a LIWC .dic starts with a `%` line opening the category header".into(),
            ));
        }
        None => {
            return Err(Error::Lexicon {
                path: origin.to_string(),
                line: None,
                msg: "the file is empty".into(),
            });
        }
    }
    // Header: `id<TAB or spaces>name`, up to the closing `%`.
    let mut categories: Vec<Category> = Vec::new();
    let mut ids: Vec<u64> = Vec::new();
    let mut closed = false;
    for &(n, line) in rest.by_ref() {
        let line = line.trim();
        if line == "%" {
            closed = true;
            break;
        }
        let mut fields = line.split_whitespace();
        let id = fields.next().unwrap_or_default();
        let Ok(number) = id.parse::<u64>() else {
            return Err(err(
                n,
                format!("header line {line:?}: expected `number<TAB>name`"),
            ));
        };
        let Some(name) = fields.next() else {
            return Err(err(n, format!("category {id} has no name")));
        };
        if let Some(i) = ids.iter().position(|&x| x == number) {
            return Err(err(
                n,
                format!(
                    "category id {id} defined twice (first at line {})",
                    categories[i].line
                ),
            ));
        }
        if categories.iter().any(|c| c.id == name) {
            return Err(err(n, format!("category name {name:?} defined twice")));
        }
        let label: Vec<&str> = fields.collect();
        let label = label.join(" ");
        let label = label.trim_matches(|c| c == '(' || c == ')');
        ids.push(number);
        categories.push(Category {
            id: name.to_string(),
            label: if label.is_empty() {
                name.to_string()
            } else {
                label.to_string()
            },
            line: n,
            ..Category::default()
        });
    }
    if !closed {
        return Err(Error::Lexicon {
            path: origin.to_string(),
            line: lines.last().map(|(n, _)| *n),
            msg: "the category header has no closing `%` line".into(),
        });
    }
    for &(n, line) in rest {
        let line = line.trim_end_matches([' ', '\t']);
        let line = line.trim_start_matches(' ');
        let (word, fields): (String, Vec<&str>) = if line.contains('\t') {
            let mut cells = line.split('\t');
            let word = cells.next().unwrap_or_default().trim().to_string();
            // A conditional group `(02 134)125/464` may hold spaces itself.
            (
                word,
                cells
                    .flat_map(|c| split_fields(c.trim()))
                    .filter(|c| !c.is_empty())
                    .collect(),
            )
        } else {
            let tokens = split_fields(line);
            // The trailing ids (plain or conditional) follow the word.
            let keep = tokens
                .iter()
                .rposition(|t| !is_id_like(t))
                .map_or(1, |i| i + 1)
                .max(1);
            (tokens[..keep].join(" "), tokens[keep..].to_vec())
        };
        if word.is_empty() {
            return Err(err(n, "an entry line without a word".into()));
        }
        let mut members: Vec<usize> = Vec::new();
        let mut conditional: Vec<&str> = Vec::new();
        for field in &fields {
            if !field.bytes().all(|b| b.is_ascii_digit()) {
                if field.contains(['(', ')', '/']) {
                    conditional.push(field);
                    continue;
                }
                return Err(err(
                    n,
                    format!("entry {word:?}: category id {field:?} is not a number"),
                ));
            }
            let number: u64 = field.parse().map_err(|_| {
                err(
                    n,
                    format!("entry {word:?}: category id {field:?} is too large"),
                )
            })?;
            match ids.iter().position(|&x| x == number) {
                Some(i) if !members.contains(&i) => members.push(i),
                Some(_) => {}
                None => {
                    return Err(err(
                        n,
                        format!("entry {word:?}: category id {field} is not defined in the header"),
                    ));
                }
            }
        }
        if !conditional.is_empty() {
            let kept = if members.is_empty() {
                "the entry is dropped".to_string()
            } else {
                format!(
                    "it keeps its unconditional categories ({})",
                    members
                        .iter()
                        .map(|&i| categories[i].id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            warn(
                n,
                format!(
                    "entry {word:?}: LIWC2007 conditional categories {} are not supported; {kept}",
                    conditional.join(" ")
                ),
            );
        } else if members.is_empty() {
            warn(
                n,
                format!("entry {word:?} names no category and is ignored"),
            );
        }
        for i in members {
            let cat = &mut categories[i];
            if !cat.terms.iter().any(|t| t.text == word) {
                cat.terms.push(Term {
                    text: word.clone(),
                    weight: None,
                    line: n,
                });
            }
        }
    }
    Ok((imported(categories, origin, bytes), warnings))
}

/// A plain id (`12`) or a LIWC2007 conditional one (`(02 134)125/464`).
fn is_id_like(field: &str) -> bool {
    field.bytes().any(|b| b.is_ascii_digit())
        && field
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'(' | b')' | b'/' | b' '))
}

/// Split a TAB cell into fields on spaces, keeping a parenthesized group
/// such as `(02 134)125/464` whole.
fn split_fields(cell: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut depth) = (None, 0usize);
    for (i, ch) in cell.char_indices() {
        match ch {
            '(' => {
                depth += 1;
                start.get_or_insert(i);
            }
            ')' => depth = depth.saturating_sub(1),
            ' ' if depth == 0 => {
                if let Some(s) = start.take() {
                    out.push(&cell[s..i]);
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        out.push(&cell[s..]);
    }
    out
}

/// Write a lexicon as a LIWC `.dic`; the second value lists what was changed
/// or dropped beyond what every non-native format loses.
pub fn to_dic(lex: &Lexicon) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let mut out = String::from("%\n");
    for (i, c) in lex.categories.iter().enumerate() {
        // A header name is one whitespace-free field.
        let name: String =
            c.id.chars()
                .map(|ch| if ch.is_whitespace() { '_' } else { ch })
                .collect();
        if name != c.id {
            notes.push(format!("category id {:?} written as {name:?}", c.id));
        }
        out.push_str(&format!("{}\t{name}\n", i + 1));
    }
    out.push_str("%\n");
    // One line per distinct term, in order of first appearance.
    let mut order: Vec<&str> = Vec::new();
    let mut members: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, c) in lex.categories.iter().enumerate() {
        for t in &c.terms {
            let entry = members.entry(t.text.as_str()).or_insert_with(|| {
                order.push(t.text.as_str());
                Vec::new()
            });
            if !entry.contains(&(i + 1)) {
                entry.push(i + 1);
            }
        }
    }
    for term in order {
        out.push_str(term);
        for id in &members[term] {
            out.push_str(&format!("\t{id}"));
        }
        out.push('\n');
    }
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Lexicon, Vec<ImportWarning>) {
        parse_dic(text.as_bytes(), "t.dic").unwrap()
    }

    fn terms(lex: &Lexicon, id: &str) -> Vec<String> {
        let c = &lex.categories[lex.category_index(id).unwrap()];
        c.terms.iter().map(|t| t.text.clone()).collect()
    }

    #[test]
    fn reads_header_entries_and_wildcards() {
        let (lex, warnings) = parse("%\n1\tfunct\n2\tpronoun\n%\na\t1\nhe*\t1\t2\n");
        assert!(warnings.is_empty());
        assert_eq!(lex.meta.name, "t");
        assert_eq!(terms(&lex, "funct"), ["a", "he*"]);
        assert_eq!(terms(&lex, "pronoun"), ["he*"]);
        assert_eq!(lex.categories[1].terms[0].line, 6);
    }

    #[test]
    fn cr_only_and_crlf_line_ends() {
        for text in [
            "%\r1\tuno\r%\rcasa\t1\rperro\t1\r",
            "%\r\n1\tuno\r\n%\r\ncasa\t1\r\nperro\t1\r\n",
        ] {
            let (lex, _) = parse(text);
            assert_eq!(terms(&lex, "uno"), ["casa", "perro"]);
            assert_eq!(lex.categories[0].terms[1].line, 5, "{text:?}");
        }
    }

    #[test]
    fn zero_padded_ids_and_space_separated_header() {
        let (lex, _) = parse("%\n01 funct\n002   verb\n%\nir\t2\t1\nel 01\n");
        assert_eq!(terms(&lex, "funct"), ["ir", "el"]);
        assert_eq!(terms(&lex, "verb"), ["ir"]);
    }

    #[test]
    fn multi_word_entry_ending_in_a_number() {
        let (lex, _) = parse("%\n3\tley\n16\totra\n%\nlegalicen a las de 16\t3\nkind of 3\n");
        assert_eq!(terms(&lex, "ley"), ["legalicen a las de 16", "kind of"]);
        assert!(terms(&lex, "otra").is_empty());
    }

    #[test]
    fn conditional_entries_are_warnings_with_lines() {
        let text = "%\n02\tpronoun\n125\tposfeel\n134\tingest\n253\tverb\n464\tfiller\n%\n\
                    like\t(02 134)125/464\t(02 134)126\t253\nkind (02)464\n";
        // 126 is not in the header: a conditional target is not checked.
        let (lex, warnings) = parse(text);
        assert_eq!(warnings.len(), 2);
        assert_eq!(warnings[0].line, Some(8));
        assert!(
            warnings[0].message.contains("(02 134)125/464"),
            "{}",
            warnings[0]
        );
        assert!(warnings[0].message.contains("verb"), "{}", warnings[0]);
        assert_eq!(warnings[1].line, Some(9));
        assert!(warnings[1].message.contains("dropped"));
        assert_eq!(terms(&lex, "verb"), ["like"]);
        assert!(terms(&lex, "filler").is_empty());
        assert!(warnings[0].to_string().starts_with("t.dic:8: "));
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = |text: &str| parse_dic(text.as_bytes(), "b.dic").unwrap_err().to_string();
        let msg = bad("%\n1\ta\n%\ncasa\t1\nperro\t7\n");
        assert!(msg.starts_with("b.dic:5: "), "{msg}");
        assert!(msg.contains("7"), "{msg}");
        assert!(bad("%\n1\ta\ncasa\t1\n").contains("header line"));
        assert!(bad("%\n1\ta\n").contains("closing `%`"));
        assert!(bad("1\ta\n").starts_with("b.dic:1: "));
        assert!(bad("%\n1\ta\n01\tb\n%\n").contains("b.dic:3: category id 01 defined twice"));
        assert!(bad("%\n1\ta\n%\ncasa\tx\n").contains("b.dic:4:"));
    }

    #[test]
    fn latin1_is_read_with_a_warning() {
        let (lex, warnings) = parse_dic(b"%\n1\ta\n%\nespa\xf1a\t1\n", "l.dic").unwrap();
        assert_eq!(terms(&lex, "a"), ["españa"]);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn writes_and_reads_back() {
        let (lex, _) = parse("%\n1\tfunct\n2\tpronoun\n%\na\t1\nhe*\t1\t2\nde la 16\t2\n");
        let (text, notes) = to_dic(&lex);
        assert!(notes.is_empty());
        assert!(text.contains("he*\t1\t2\n"), "{text}");
        let (again, _) = parse(&text);
        assert_eq!(terms(&again, "pronoun"), ["he*", "de la 16"]);
        assert_eq!(terms(&again, "funct"), ["a", "he*"]);
    }
}
