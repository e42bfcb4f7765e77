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

fn num(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.6}")).unwrap_or_default()
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
) -> Vec<String> {
    let terms: Vec<String> = c
        .top_terms
        .iter()
        .map(|t| format!("{}:{}", t.term, t.hits))
        .collect();
    let mut row = vec![
        c.id.clone(),
        c.label.clone(),
        c.posts.to_string(),
        num(c.share),
        num(c.ci_low),
        num(c.ci_high),
        c.hits.to_string(),
        terms.join("; "),
        t.posts_analyzed.to_string(),
        t.posts_read.to_string(),
        t.posts_empty.to_string(),
        t.posts_skipped.to_string(),
    ];
    if cols.weighted {
        row.push(num(c.weighted_share));
    }
    if cols.cluster {
        row.push(num(c.cluster_ci_low));
        row.push(num(c.cluster_ci_high));
    }
    if cols.unique {
        match unique {
            Some((u, r)) => row.extend([
                r.posts.to_string(),
                num(r.share),
                num(r.ci_low),
                num(r.ci_high),
                u.totals.posts_analyzed.to_string(),
            ]),
            None => row.extend(std::iter::repeat_n(String::new(), 5)),
        }
    }
    if cols.corrected {
        match &c.corrected {
            Some(k) => row.extend([
                num(k.share),
                num(k.ci_low),
                num(k.ci_high),
                k.coded.to_string(),
                k.note.clone().unwrap_or_default(),
            ]),
            None => row.extend(std::iter::repeat_n(String::new(), 5)),
        }
    }
    row
}

/// Write the report as CSV.
pub fn render(report: &Report, out: &mut dyn Write, raw: bool) -> std::io::Result<()> {
    let mut w = SafeWriter::new(out, raw);
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
    w.row(&header)?;
    for (i, c) in report.categories.iter().enumerate() {
        let unique = report.unique.as_ref().map(|u| (u, &u.categories[i]));
        let mut row: Vec<String> = group_fields.iter().map(|_| "(all)".to_string()).collect();
        row.extend(cells(c, &report.totals, unique, &cols));
        w.row(&row)?;
    }
    for g in &report.groups {
        for (i, c) in g.categories.iter().enumerate() {
            let unique = g.unique.as_ref().map(|u| (u, &u.categories[i]));
            let mut row: Vec<String> = g.keys.values().cloned().collect();
            row.extend(cells(c, &g.totals, unique, &cols));
            w.row(&row)?;
        }
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
