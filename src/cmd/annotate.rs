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
use crate::report::csv::SafeWriter;

/// Run `annotate`.
pub fn run(s: &AnnotateSettings) -> Result<()> {
    let config = &s.run.config;
    let prepared = prepare(config, &config.source)?;
    let ids = prepared.matcher.category_ids();
    let output = Output::open(s.target.path.as_deref())?;
    let mut driver = Driver::new(prepared, config)?;
    let name = output.name();
    let io = |e: std::io::Error| Error::io(&name, e);
    output.try_write_with(|out| {
        let mut sink = if s.csv {
            Sink::csv(out, s.target.raw_csv, &ids).map_err(io)?
        } else {
            Sink::Jsonl(out, Vec::new())
        };
        driver.map(
            |m, origin, post, scratch| annotate_post(m, origin.path, post, scratch),
            |origin, record| {
                let a = match record {
                    Record::Post(a) => a,
                    Record::Skipped(log) => skipped_annotation(origin.path, &log),
                };
                sink.write(&a, &ids).map_err(io)
            },
        )?;
        sink.flush().map_err(io)
    })
}

/// Where annotations go.
enum Sink<'a> {
    Csv(Box<SafeWriter<&'a mut (dyn Write + Send)>>),
    Jsonl(&'a mut (dyn Write + Send), Vec<u8>),
}

impl<'a> Sink<'a> {
    /// A CSV sheet with its header: one `pct_` column per category.
    fn csv(out: &'a mut (dyn Write + Send), raw: bool, ids: &[String]) -> std::io::Result<Self> {
        let mut w = SafeWriter::new(out, raw);
        let mut header: Vec<String> = [
            "input",
            "line",
            "id",
            "status",
            "categories",
            "terms",
            "matches",
            "tokens",
        ]
        .map(String::from)
        .to_vec();
        header.extend(ids.iter().map(|id| format!("pct_{id}")));
        w.row(&header)?;
        Ok(Sink::Csv(Box::new(w)))
    }

    fn write(&mut self, a: &Annotation, ids: &[String]) -> std::io::Result<()> {
        match self {
            Sink::Csv(w) => {
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

    fn flush(self) -> std::io::Result<()> {
        match self {
            Sink::Csv(mut w) => w.flush(),
            Sink::Jsonl(..) => Ok(()),
        }
    }
}
