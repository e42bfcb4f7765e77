//! `lexiscope annotate`: one record per input record, in input order (the
//! annotation itself is `pipeline::annotate`), written as JSONL or CSV while
//! the next batch is read. Reads stdin and writes stdout, so it works as a
//! stream filter (Spark's `RDD.pipe`, Hadoop Streaming, shell pipes).
//!
//! config → prepare → output opened → pipeline (each record annotated and
//! written in order) → done.

use std::io::Write;

use super::output::Output;
use super::settings::AnnotateSettings;
use crate::error::{Error, Result};
use crate::pipeline::{Annotation, Driver, Record, annotate_post, prepare, skipped_annotation};
use crate::report::FiredTerm;
use crate::report::rows::{Column, RowWriter, is_parquet_path};

/// Run `annotate`.
pub fn run(s: &AnnotateSettings) -> Result<()> {
    let config = &s.run.config;
    let prepared = prepare(config, &config.source)?;
    let all = prepared.matcher.category_ids();
    s.select.check(&all).map_err(Error::Usage)?;
    let ids: Vec<String> = all.into_iter().filter(|id| s.select.keeps(id)).collect();
    let output = Output::open(s.target.path.as_deref())?;
    let mut driver = Driver::new(prepared, config)?;
    let name = output.name();
    let io = |e: std::io::Error| Error::io(&name, e);
    output.try_write_with(|out| {
        let parquet = is_parquet_path(s.target.path.as_deref());
        let mut sink = if s.csv || parquet {
            Sink::table(out, s.target.raw_csv, parquet, &ids).map_err(io)?
        } else {
            Sink::Jsonl(out, Vec::new())
        };
        driver.map(
            |m, origin, post, scratch| annotate_post(m, origin.path, post, scratch),
            |origin, record| {
                let mut a = match record {
                    Record::Post(a) => a,
                    Record::Skipped(log) => skipped_annotation(origin.path, &log),
                };
                if !s.select.is_empty() {
                    a.retain_categories(|c| s.select.keeps(c));
                }
                sink.write(&a, &ids).map_err(io)
            },
        )?;
        sink.finish().map_err(io)
    })
}

/// Where annotations go.
enum Sink<'a> {
    Table(Box<RowWriter<&'a mut (dyn Write + Send)>>),
    Jsonl(&'a mut (dyn Write + Send), Vec<u8>),
}

impl<'a> Sink<'a> {
    /// A CSV sheet or a Parquet table: one `pct_` column per category.
    fn table(
        out: &'a mut (dyn Write + Send),
        raw: bool,
        parquet: bool,
        ids: &[String],
    ) -> std::io::Result<Self> {
        let mut columns = vec![
            Column::text("input"),
            Column::int("line"),
            Column::text("id"),
            Column::text("status"),
            Column::text("categories"),
            Column::text("terms"),
            Column::int("matches"),
            Column::int("tokens"),
        ];
        columns.extend(ids.iter().map(|id| Column::float(format!("pct_{id}"))));
        Ok(Sink::Table(Box::new(RowWriter::new(
            out, &columns, parquet, raw,
        )?)))
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Table(w) => w.finish(),
            Sink::Jsonl(..) => Ok(()),
        }
    }

    fn write(&mut self, a: &Annotation, ids: &[String]) -> std::io::Result<()> {
        match self {
            Sink::Table(w) => {
                let terms: Vec<String> = a
                    .matches
                    .iter()
                    .map(|m| match m.fired.as_slice() {
                        [] => m.term.clone(),
                        fired => format!("{} ⇐ {}", m.term, FiredTerm::join(fired)),
                    })
                    .collect();
                let mut row = vec![
                    a.input.clone(),
                    a.line.to_string(),
                    a.id.clone().unwrap_or_default(),
                    a.skipped
                        .clone()
                        .map_or(a.status.to_string(), |s| format!("skipped: {s}")),
                    a.categories.join(";"),
                    terms.join(";"),
                    a.matches.len().to_string(),
                    a.tokens.to_string(),
                ];
                row.extend(
                    ids.iter()
                        .map(|id| a.percent.get(id).map(|v| v.to_string()).unwrap_or_default()),
                );
                w.row(&row)
            }
            Sink::Jsonl(out, buf) => {
                buf.clear();
                serde_json::to_writer(&mut *buf, a)?;
                buf.push(b'\n');
                out.write_all(buf)
            }
        }
    }
}
