//! CSV: one row per category (then `_any`), the denominators repeated on
//! every row so that each row stands alone in a spreadsheet. Cells that a
//! spreadsheet would run as a formula are defused (DESIGN.md §6).

use std::borrow::Cow;
use std::io::Write;

use super::Report;

/// A cell made safe to open in a spreadsheet: a leading `= + - @`, tab or
/// carriage return gets a `'` in front, unless `raw`.
pub fn safe_cell(cell: &str, raw: bool) -> Cow<'_, str> {
    if !raw && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

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

/// Write the report as CSV.
pub fn render(report: &Report, out: &mut dyn Write, raw: bool) -> std::io::Result<()> {
    let mut w = SafeWriter::new(out, raw);
    w.row([
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
    ])?;
    let t = &report.totals;
    for c in &report.categories {
        let terms: Vec<String> = c
            .top_terms
            .iter()
            .map(|t| format!("{}:{}", t.term, t.hits))
            .collect();
        w.row([
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
        ])?;
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
