//! CSV in long format: one row per (group, category), the overall rows first
//! with `(all)` in the group columns; the denominators are repeated on every
//! row so that each row stands alone in a spreadsheet. Optional columns
//! appear when the run has them (weighted share, cluster interval, unique
//! posts). Cells that a spreadsheet would run as a formula are defused
//! (DESIGN.md §6).

use std::io::Write;

use super::model::{CategoryRow, Report, Totals, UniquePart};

pub use crate::text::sheet::{safe_cell, unguard};

/// A CSV writer whose every cell goes through [`safe_cell`].
pub struct SafeWriter<W: Write> {
    wtr: csv::Writer<W>,
    raw: bool,
}

impl<W: Write> SafeWriter<W> {
    /// Wrap `out`; `raw` turns the formula guard off.
    pub fn new(out: W, raw: bool) -> Self {
        SafeWriter {
            wtr: csv::Writer::from_writer(out),
            raw,
        }
    }

    /// Write one row.
    pub fn row<I, S>(&mut self, cells: I) -> std::io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let raw = self.raw;
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| safe_cell(c.as_ref(), raw).into_owned())
            .collect();
        self.wtr.write_record(&cells).map_err(std::io::Error::other)
    }

    /// Flush.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.wtr.flush()
    }
}

/// One cell of the long table: CSV writes it as text, `.xlsx` as a
/// number where it is one.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A count.
    Int(u64),
    /// A share or bound, blank when undefined.
    Num(Option<f64>),
}

impl Cell {
    /// The cell as CSV writes it (six decimals for a number).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(v) => v.map(|x| format!("{x:.6}")).unwrap_or_default(),
        }
    }
}

/// Which optional columns the report has.
struct Columns {
    weighted: bool,
    cluster: bool,
    unique: bool,
    corrected: bool,
}

fn cells(
    c: &CategoryRow,
    t: &Totals,
    unique: Option<(&UniquePart, &CategoryRow)>,
    cols: &Columns,
) -> Vec<Cell> {
    use Cell::{Int, Num, Text};
    let terms: Vec<String> = c
        .top_terms
        .iter()
        .map(|t| format!("{}:{}", t.term, t.hits))
        .collect();
    let mut row = vec![
        Text(c.id.clone()),
        Text(c.label.clone()),
        Int(c.posts),
        Num(c.share),
        Num(c.ci_low),
        Num(c.ci_high),
        Int(c.hits),
        Text(terms.join("; ")),
        Int(t.posts_analyzed),
        Int(t.posts_read),
        Int(t.posts_empty),
        Int(t.posts_skipped),
    ];
    if cols.weighted {
        row.push(Num(c.weighted_share));
    }
    if cols.cluster {
        row.push(Num(c.cluster_ci_low));
        row.push(Num(c.cluster_ci_high));
    }
    let blank = || std::iter::repeat_n(Text(String::new()), 5);
    if cols.unique {
        match unique {
            Some((u, r)) => row.extend([
                Int(r.posts),
                Num(r.share),
                Num(r.ci_low),
                Num(r.ci_high),
                Int(u.totals.posts_analyzed),
            ]),
            None => row.extend(blank()),
        }
    }
    if cols.corrected {
        match &c.corrected {
            Some(k) => row.extend([
                Num(k.share),
                Num(k.ci_low),
                Num(k.ci_high),
                Int(k.coded),
                Text(k.note.clone().unwrap_or_default()),
            ]),
            None => row.extend(blank()),
        }
    }
    row
}

/// The report in long format: the header, then one row per (group,
/// category), the overall rows first with `(all)` in the group columns.
/// What CSV writes, and the sheets of `.xlsx`.
pub struct LongTable {
    /// The `--by`/`--every` fields, the first columns.
    pub group_fields: Vec<String>,
    /// Column names.
    pub header: Vec<String>,
    /// The overall rows.
    pub overall: Vec<Vec<Cell>>,
    /// The rows of the groups.
    pub groups: Vec<Vec<Cell>>,
}

/// The long table of `report`.
pub fn long_table(report: &Report) -> LongTable {
    let cols = Columns {
        weighted: report.totals.weight.is_some(),
        cluster: report.categories.iter().any(|c| c.cluster_ci_low.is_some()),
        unique: report.unique.is_some(),
        corrected: report.validation.is_some(),
    };
    let group_fields: Vec<String> = report
        .groups
        .first()
        .map(|g| g.keys.keys().cloned().collect())
        .unwrap_or_default();
    let mut header: Vec<String> = group_fields.clone();
    header.extend(
        [
            "category",
            "label",
            "posts",
            "share",
            "ci_low",
            "ci_high",
            "hits",
            "top_terms",
            "posts_analyzed",
            "posts_read",
            "posts_empty",
            "posts_skipped",
        ]
        .map(String::from),
    );
    if cols.weighted {
        header.push("weighted_share".into());
    }
    if cols.cluster {
        header.extend(["cluster_ci_low", "cluster_ci_high"].map(String::from));
    }
    if cols.unique {
        header.extend(
            [
                "unique_posts",
                "unique_share",
                "unique_ci_low",
                "unique_ci_high",
                "unique_posts_analyzed",
            ]
            .map(String::from),
        );
    }
    if cols.corrected {
        header.extend(
            [
                "corrected_share",
                "corrected_ci_low",
                "corrected_ci_high",
                "corrected_coded",
                "corrected_note",
            ]
            .map(String::from),
        );
    }
    let overall = report
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let unique = report.unique.as_ref().map(|u| (u, &u.categories[i]));
            let mut row: Vec<Cell> = group_fields
                .iter()
                .map(|_| Cell::Text("(all)".into()))
                .collect();
            row.extend(cells(c, &report.totals, unique, &cols));
            row
        })
        .collect();
    let groups = report
        .groups
        .iter()
        .flat_map(|g| {
            let cols = &cols;
            g.categories.iter().enumerate().map(move |(i, c)| {
                let unique = g.unique.as_ref().map(|u| (u, &u.categories[i]));
                let mut row: Vec<Cell> = g.keys.values().map(|v| Cell::Text(v.clone())).collect();
                row.extend(cells(c, &g.totals, unique, cols));
                row
            })
        })
        .collect();
    LongTable {
        group_fields,
        header,
        overall,
        groups,
    }
}

/// Write the report as CSV.
pub fn render(report: &Report, out: &mut dyn Write, raw: bool) -> std::io::Result<()> {
    let mut w = SafeWriter::new(out, raw);
    let table = long_table(report);
    w.row(&table.header)?;
    for row in table.overall.iter().chain(&table.groups) {
        w.row(row.iter().map(Cell::text))?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defuses_formulas() {
        for bad in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(safe_cell(bad, false).starts_with('\''), "{bad:?}");
            assert_eq!(safe_cell(bad, true), bad);
        }
        assert_eq!(safe_cell("plain", false), "plain");
    }
}
