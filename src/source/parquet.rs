//! Parquet inputs, read with the Apache Arrow project's `parquet` crate:
//! only the columns a run needs are decoded (text, id, `--by`, `--date`,
//! …), a batch of rows at a time, so a file of any size is read in bounded
//! memory (a row group's pages of those columns at most). The rows are
//! read as every Arrow input is ([`ArrowRows`]).
//!
//! Parquet is read from a file (its footer is at the end): not from stdin
//! or through gzip/zstd, which say so.

use std::fs::File;

use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::arrow::{ArrowRows, Digested};
use crate::error::{Error, Result};

/// The 4-byte magic that starts (and ends) a Parquet file.
pub const MAGIC: &[u8] = b"PAR1";

/// The dotted paths of every leaf column (`user.name`; a list's element
/// as `tags.list.element`).
pub fn columns(path: &str) -> Result<Vec<String>> {
    let builder = builder(path)?;
    Ok(builder
        .parquet_schema()
        .columns()
        .iter()
        .map(|c| c.path().string())
        .collect())
}

fn builder(path: &str) -> Result<ParquetRecordBatchReaderBuilder<File>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|e| Error::input(path, None, format!("cannot read the Parquet file: {e}")))
}

/// Read the columns `wanted` (dotted leaf paths, each one of [`columns`])
/// of the Parquet file `path` in batches of `batch_rows`; `raw` is the
/// file as opened for hashing, read to its end once the rows are (the
/// provenance digest and the progress bar count its bytes).
pub fn open(
    path: &str,
    wanted: &[String],
    batch_rows: usize,
    raw: Box<dyn std::io::BufRead + Send>,
) -> Result<ArrowRows> {
    let builder = builder(path)?;
    let schema = builder.parquet_schema();
    let leaves: Vec<usize> = schema
        .columns()
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            let p = c.path().string();
            wanted
                .iter()
                .any(|w| p == *w || p.starts_with(&format!("{w}.")))
        })
        .map(|(i, _)| i)
        .collect();
    let mask = ProjectionMask::leaves(schema, leaves);
    let rows = builder
        .with_projection(mask)
        .with_batch_size(batch_rows)
        .build()
        .map_err(|e| Error::input(path, None, format!("cannot read the Parquet file: {e}")))?;
    Ok(ArrowRows::new(
        Box::new(rows),
        wanted,
        path,
        "the Parquet file",
        Digested::File(raw),
    ))
}
