//! A human-coded sheet, read for validation (`evaluate`, `analyze
//! --validation`): its id column, its sampling design
//! (`sheet_design`), and the comparisons it supports — each a category (or
//! `_any`) and how the sheet codes it.
//!
//! The sheet holds an id column and either 0/1 columns (named as the
//! category, as `code_<category>` from `lexiscope sample`, or paired as
//! `COLUMN=CATEGORY`) or one label column mapped `LABEL=CATEGORY`. Values
//! 1/0, true/false, yes/no, x/empty are read; an empty cell leaves the post
//! out of that comparison. An id coded on several rows counts once, on its
//! first row.

use std::collections::HashMap;

use super::sheet_design::{SheetDesign, read_design};
use crate::error::{Error, Result};
use crate::matcher::Matcher;
use crate::observer::{Note, NoteKind, Observer};
use crate::report::ANY_ID;
use crate::source::fields;
use crate::source::table::{Table, read_table};
use crate::text::sheet::unguard;

/// The gold side of an evaluation: the sheet and how it is read.
#[derive(Clone, Debug, PartialEq)]
pub struct Gold {
    /// The human-coded sheet (CSV, TSV, …).
    pub path: String,
    /// Its id column (matched against the inputs' post ids).
    pub id: String,
    /// `COLUMN=CATEGORY` pairs; empty = columns named after the categories.
    pub pairs: Vec<(String, String)>,
    /// A label column and its `LABEL=CATEGORY` map, instead of pairs.
    pub labels: Option<(String, Vec<(String, String)>)>,
    /// Confidence level of the intervals.
    pub confidence: f64,
}

/// A coded sheet, ready to be compared with the lexicon's flags.
pub struct CodedSheet {
    /// The rows as read.
    pub table: Table,
    /// How its posts were drawn.
    pub design: SheetDesign,
    /// Per row, its post id.
    pub ids: Vec<String>,
    /// The comparisons it supports.
    pub comparisons: Vec<Plan>,
}

impl CodedSheet {
    /// Read the sheet of `gold` (before anything else, so that a missing
    /// sheet is the first thing said); repeated ids are noted. Its
    /// comparisons come with [`CodedSheet::plan`].
    pub fn read(gold: &Gold, observer: &dyn Observer) -> Result<CodedSheet> {
        let table = read_table(&gold.path)?;
        let id_col = fields::find(&table.header, &gold.id, false)
            .ok_or_else(|| Error::missing_field(&table.path, &gold.id, &table.header))?;
        let design = read_design(&table)?;
        let ids: Vec<String> = table
            .rows
            .iter()
            .map(|r| unguard(r.cells.get(id_col).map_or("", String::as_str)).to_string())
            .collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        note_repeated_ids(&refs, &table, observer);
        Ok(CodedSheet {
            table,
            design,
            ids,
            comparisons: Vec::new(),
        })
    }

    /// Plan the comparisons of the sheet with the categories of `matcher`.
    pub fn plan(mut self, gold: &Gold, matcher: &Matcher) -> Result<CodedSheet> {
        self.comparisons = plan(gold, &self.table, matcher)?;
        Ok(self)
    }

    /// Each coded id and the first row that codes it.
    pub fn wanted(&self) -> HashMap<&str, usize> {
        let mut wanted: HashMap<&str, usize> = HashMap::with_capacity(self.ids.len());
        for (i, id) in self.ids.iter().enumerate() {
            wanted.entry(id.as_str()).or_insert(i);
        }
        wanted
    }

    /// After the inputs were read with `found` coded ids among them: a
    /// warning for the ids missing, an error when none was found.
    pub fn check_found(&self, found: usize, observer: &dyn Observer) -> Result<()> {
        let unique = self.wanted().len();
        if found < unique {
            observer.note(&Note::new(
                NoteKind::Warning,
                format!(
                    "{} of {unique} coded ids are not among the input posts (check --id, and the sheet's id column: --gold-id in evaluate, --validation-id in analyze)",
                    unique - found
                ),
            ));
        }
        if found == 0 {
            return Err(Error::input(
                &self.table.path,
                None,
                "no coded id was found among the input posts\nhint: --id names the input's id field; --gold-id (evaluate) or --validation-id (analyze) the sheet's",
            ));
        }
        Ok(())
    }

    /// Row `row`'s code in comparison `plan`: `Ok(None)` when left empty,
    /// `Err(())` when not a code; with a second coder's column, that
    /// coder's code too.
    pub fn code(
        &self,
        plan: &Plan,
        row: usize,
    ) -> (std::result::Result<Option<bool>, ()>, Option<bool>) {
        let cells = &self.table.rows[row].cells;
        let cell = |c: usize| cells.get(c).map_or("", String::as_str);
        match &plan.0 {
            GoldSide::Column(c, c2) => {
                let second = c2.and_then(|c2| code(cell(c2)).ok().flatten());
                (code(cell(*c)), second)
            }
            GoldSide::Labels(c, labels) => {
                let cell = cell(*c).to_lowercase();
                let set: Vec<&str> = cell.split([';', ',', '|']).map(str::trim).collect();
                (
                    Ok(Some(labels.iter().any(|l| set.contains(&l.as_str())))),
                    None,
                )
            }
        }
    }

    /// The second coder's column of a comparison, if any.
    pub fn second_column(&self, plan: &Plan) -> Option<&str> {
        match plan.0 {
            GoldSide::Column(_, Some(c2)) => Some(self.table.header[c2].as_str()),
            _ => None,
        }
    }
}

/// A gold cell as a code: `Some(bool)`, or `None` when empty or unreadable.
fn code(cell: &str) -> std::result::Result<Option<bool>, ()> {
    match cell.trim().to_lowercase().as_str() {
        "" | "na" | "n/a" => Ok(None),
        "1" | "true" | "yes" | "y" | "x" | "sí" | "si" => Ok(Some(true)),
        "0" | "false" | "no" | "n" => Ok(Some(false)),
        _ => Err(()),
    }
}

/// How the gold side of one comparison is read.
pub enum GoldSide {
    /// A 0/1 column, and a second coder's column.
    Column(usize, Option<usize>),
    /// A label column and the labels that mean the category.
    Labels(usize, Vec<String>),
}

/// One comparison: the gold side, its name, the category (`None` = any).
pub type Plan = (GoldSide, String, Option<usize>);

/// The comparisons: `--label-column` with `--map`, else `--pair`, else every
/// category with a gold column of its name (or `code_<name>`).
fn plan(s: &Gold, gold: &Table, matcher: &Matcher) -> Result<Vec<Plan>> {
    let cat_index = |name: &str| -> Result<Option<usize>> {
        if name == ANY_ID {
            return Ok(None);
        }
        matcher
            .categories
            .iter()
            .position(|c| c.id == name)
            .map(Some)
            .ok_or_else(|| {
                let ids: Vec<&str> = matcher.categories.iter().map(|c| c.id.as_str()).collect();
                Error::Usage(format!(
                    "no category {name:?}; the lexicon has: {}, and _any",
                    ids.join(", ")
                ))
            })
    };
    let column = |name: &str| {
        fields::find(&gold.header, name, false)
            .ok_or_else(|| Error::missing_field(&gold.path, name, &gold.header))
    };
    let second = |col: &str| {
        [format!("{col}_2"), format!("{col}.2")]
            .iter()
            .find_map(|c| fields::find(&gold.header, c, false))
    };
    let mut comparisons: Vec<Plan> = Vec::new();
    if let Some((label_col, maps)) = &s.labels {
        let col = column(label_col)?;
        let mut by_cat: Vec<(String, Vec<String>)> = Vec::new();
        for (label, cat) in maps {
            match by_cat.iter_mut().find(|(c, _)| c == cat) {
                Some((_, labels)) => labels.push(label.to_lowercase()),
                None => by_cat.push((cat.clone(), vec![label.to_lowercase()])),
            }
        }
        for (cat, labels) in by_cat {
            let idx = cat_index(&cat)?;
            comparisons.push((GoldSide::Labels(col, labels), label_col.clone(), idx));
        }
    } else if !s.pairs.is_empty() {
        for (col, cat) in &s.pairs {
            let c = column(col)?;
            comparisons.push((
                GoldSide::Column(c, second(col)),
                col.clone(),
                cat_index(cat)?,
            ));
        }
    } else {
        for (i, c) in matcher.categories.iter().enumerate() {
            for name in [c.id.clone(), format!("code_{}", c.id)] {
                if let Some(col) = fields::find(&gold.header, &name, false) {
                    comparisons.push((GoldSide::Column(col, second(&name)), name, Some(i)));
                    break;
                }
            }
        }
    }
    if comparisons.is_empty() {
        return Err(Error::input(
            &gold.path,
            None,
            format!(
                "no gold column to compare; columns: {}\nhint: name columns after the categories ({}), or pair them with --pair COLUMN=CATEGORY (evaluate; or --label-column with --map) or --validation-pair COLUMN=CATEGORY (analyze)",
                gold.header.join(", "),
                matcher
                    .categories
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(comparisons)
}

/// An id coded on more than one row: the first row counts (the others are
/// left out of every comparison), and when the rows' cells differ the
/// sheet disagrees with itself, which is said.
fn note_repeated_ids(ids: &[&str], sheet: &Table, observer: &dyn Observer) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let (mut repeated, mut conflicting) = (0usize, Vec::new());
    for (i, id) in ids.iter().enumerate() {
        match first.get(id) {
            None => {
                first.insert(id, i);
            }
            Some(&j) => {
                repeated += 1;
                if sheet.rows[i].cells != sheet.rows[j].cells && conflicting.len() < 5 {
                    conflicting.push(*id);
                }
            }
        }
    }
    if repeated > 0 {
        let detail = if conflicting.is_empty() {
            String::new()
        } else {
            format!(
                "; coded differently on their rows: {}",
                conflicting.join(", ")
            )
        };
        observer.note(&Note::new(
            NoteKind::Warning,
            format!(
                "{}: {repeated} rows repeat an id coded on an earlier row; only the first row of each id counts{detail}",
                sheet.path
            ),
        ));
    }
}
