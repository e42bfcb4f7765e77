//! `lexiscope kwic`: keyword-in-context lines from the original text, for
//! reading what a category or term really catches; `--sample N --seed S`
//! keeps a reproducible random sample (`pipeline::kwic`).
//!
//! config → prepare → which (category, term) slots are shown → pipeline
//! (the lines) → render.

use std::io::Write;

use super::output::Output;
use super::settings::{KwicSettings, ListFormat};
use crate::error::Result;
use crate::pipeline::{Driver, KwicPlan, lines, prepare, wanted_slots};
use crate::report::rows::{Column, Kind, RowWriter, is_parquet_path};
use crate::report::{FiredTerm, KwicLine, one_line};

/// Run `kwic`.
pub fn run(s: &KwicSettings) -> Result<()> {
    let config = &s.run.config;
    let prepared = prepare(config, &config.source)?;
    let mut wanted = wanted_slots(&prepared.matcher, &s.categories, &s.terms)?;
    let exclude = crate::report::CategoryFilter {
        include: Vec::new(),
        exclude: s.exclude.clone(),
    };
    exclude
        .check(&prepared.matcher.category_ids())
        .map_err(crate::error::Error::Usage)?;
    for (w, slot) in wanted.iter_mut().zip(&prepared.matcher.slots) {
        *w &= exclude.keeps(&prepared.matcher.categories[slot.category as usize].id);
    }
    let output = Output::open(s.target.path.as_deref())?;
    let plan = KwicPlan {
        wanted: &wanted,
        window: s.window,
        sample: s.sample,
        seed: s.seed,
        per_category: false,
    };
    let lines = lines(&mut Driver::new(prepared, config)?, &plan)?;
    s.run.stderr.info(format!("{} lines", lines.len()));
    output.write_with(|out| render(&lines, s, out))
}

/// Widest id shown in a column before its line; longer ids (URLs) get a
/// line of their own, never cut.
const ID_COLUMN: usize = 24;

fn render(
    lines: &[KwicLine],
    s: &KwicSettings,
    out: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    // `-o lines.parquet` writes the table as Parquet, whatever -f says.
    let parquet = is_parquet_path(s.target.path.as_deref());
    match (s.format, parquet) {
        (ListFormat::Json, false) => {
            serde_json::to_writer_pretty(&mut *out, &lines)?;
            writeln!(out)
        }
        (ListFormat::Csv, _) | (_, true) => {
            let mut columns: Vec<Column> = [
                "input", "line", "id", "left", "match", "right", "category", "term", "fired",
                "start", "end",
            ]
            .into_iter()
            .map(Column::text)
            .collect();
            for c in [1, 9, 10] {
                columns[c].kind = Kind::Int;
            }
            let mut w = RowWriter::new(out, &columns, parquet, s.target.raw_csv)?;
            for l in lines {
                w.row([
                    l.input.clone(),
                    l.line.to_string(),
                    l.id.clone(),
                    l.left.clone(),
                    l.matched.clone(),
                    l.right.clone(),
                    l.category.clone(),
                    l.term.clone(),
                    FiredTerm::join(&l.fired),
                    l.start.to_string(),
                    l.end.to_string(),
                ])?;
            }
            w.finish()
        }
        (ListFormat::Table, false) => {
            let window = s.window;
            // Short ids head their line in a column; a long one (a URL)
            // goes whole on a line of its own above its context.
            let id_width = lines
                .iter()
                .map(|l| l.id.chars().count())
                .max()
                .unwrap_or(0);
            let own_line = id_width > ID_COLUMN;
            for l in lines {
                let id = one_line(&l.id);
                if own_line {
                    writeln!(out, "{id}")?;
                }
                let left = one_line(&l.left);
                // A rule's match is shown by the terms that made it fire
                // (its rule text is in the lexicon, and in -f csv/json).
                let what = if l.fired.is_empty() {
                    format!("{}: {}", l.category, l.term)
                } else {
                    format!("{} ⇐ {}", l.category, FiredTerm::join(&l.fired))
                };
                if own_line {
                    write!(out, "  ")?;
                } else {
                    write!(out, "{id:>id_width$}  ")?;
                }
                writeln!(
                    out,
                    "{left:>window$} [{}] {}  ({what})",
                    one_line(&l.matched),
                    one_line(&l.right),
                )?;
            }
            Ok(())
        }
    }
}
