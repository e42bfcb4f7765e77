//! Parquet inputs, read with the Apache Arrow project's `parquet` crate:
//! only the columns a run needs are decoded (text, id, `--by`, `--date`,
//! …), a batch of rows at a time, so a file of any size is read in bounded
//! memory (a row group's pages of those columns at most). Nested columns
//! are named by their dotted path (`user.name`); a list column reads as its
//! printed value. Each row becomes a record of the CSV decoder's shape (one
//! cell per needed column), numbered by its 1-based row.
//!
//! Parquet is read from a file (its footer is at the end): not from stdin
//! or through gzip/zstd, which say so.

use std::fs::File;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use arrow_schema::DataType;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use super::post::Batch;
use crate::error::{Error, Result};

/// The 4-byte magic that starts (and ends) a Parquet file.
pub const MAGIC: &[u8] = b"PAR1";

/// The leaf columns of a Parquet file and how to read some of them.
pub struct ParquetReader {
    rows: ParquetRecordBatchReader,
    /// Dotted paths of the columns read, in record order.
    wanted: Vec<String>,
    path: String,
    row: u64,
    /// Rows of the current Arrow batch not yet handed out.
    pending: Option<(RecordBatch, usize)>,
    /// The file as opened for hashing: read to its end once the rows are
    /// (the provenance digest and the progress bar count its bytes).
    raw: Option<Box<dyn std::io::BufRead + Send>>,
}

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

impl ParquetReader {
    /// Read the columns `wanted` (dotted leaf paths, each one of
    /// [`columns`]) in batches of `batch_rows`.
    pub fn open(
        path: &str,
        wanted: &[String],
        batch_rows: usize,
        raw: Box<dyn std::io::BufRead + Send>,
    ) -> Result<Self> {
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
        Ok(ParquetReader {
            rows,
            wanted: wanted.to_vec(),
            path: path.to_string(),
            row: 0,
            pending: None,
            raw: Some(raw),
        })
    }

    /// Fill `batch` with up to `max` rows as records.
    pub fn fill(&mut self, batch: &mut Batch, max: usize) -> Result<usize> {
        batch.clear();
        while batch.nrecs < max {
            let (rb, start) = match self.pending.take() {
                Some(p) => p,
                None => match self.rows.next() {
                    None => {
                        if let Some(mut raw) = self.raw.take() {
                            std::io::copy(&mut raw, &mut std::io::sink())
                                .map_err(|e| Error::io(&self.path, e))?;
                        }
                        break;
                    }
                    Some(Ok(rb)) => (rb, 0),
                    Some(Err(e)) => {
                        return Err(Error::input(
                            &self.path,
                            Some(self.row + 1),
                            format!("cannot read the Parquet file: {e}"),
                        ));
                    }
                },
            };
            let cols: Vec<Option<ArrayRef>> = self.wanted.iter().map(|w| leaf(&rb, w)).collect();
            let formatters: Vec<Option<ArrayFormatter>> = cols
                .iter()
                .map(|c| {
                    c.as_ref().and_then(|a| {
                        (!matches!(
                            a.data_type(),
                            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
                        ))
                        .then(|| {
                            ArrayFormatter::try_new(a.as_ref(), &FormatOptions::default()).ok()
                        })
                        .flatten()
                    })
                })
                .collect();
            let take = (rb.num_rows() - start).min(max - batch.nrecs);
            for r in start..start + take {
                self.row += 1;
                if batch.recs.len() <= batch.nrecs {
                    batch.recs.push(::csv::ByteRecord::new());
                }
                let rec = &mut batch.recs[batch.nrecs];
                rec.clear();
                for (col, fmt) in cols.iter().zip(&formatters) {
                    match (col, fmt) {
                        (Some(a), _) if a.is_null(r) => rec.push_field(b""),
                        (Some(a), None) => rec.push_field(utf8(a, r).as_bytes()),
                        (Some(_), Some(f)) => rec.push_field(f.value(r).to_string().as_bytes()),
                        (None, _) => rec.push_field(b""),
                    }
                }
                let mut pos = ::csv::Position::new();
                pos.set_line(self.row);
                rec.set_position(Some(pos));
                batch.nrecs += 1;
            }
            if start + take < rb.num_rows() {
                self.pending = Some((rb, start + take));
            }
        }
        Ok(batch.nrecs)
    }
}

/// A string column's value.
fn utf8(a: &ArrayRef, row: usize) -> &str {
    match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().value(row),
        DataType::LargeUtf8 => a.as_string::<i64>().value(row),
        DataType::Utf8View => a.as_string_view().value(row),
        _ => "",
    }
}

/// The array of a dotted leaf path in a batch: through struct columns; a
/// list stops the walk (the list is the value).
fn leaf(rb: &RecordBatch, path: &str) -> Option<ArrayRef> {
    let mut parts = path.split('.');
    let mut array: ArrayRef = Arc::clone(rb.column_by_name(parts.next()?)?);
    for part in parts {
        match array.data_type() {
            DataType::Struct(_) => {
                let child = Arc::clone(array.as_struct().column_by_name(part)?);
                array = child;
            }
            _ => break,
        }
    }
    Some(array)
}
