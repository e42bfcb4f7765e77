//! Columnar inputs as Apache Arrow record batches: the rows of a Parquet
//! file (`source::parquet`) and the Arrow tables a program hands over in
//! memory ([`ArrowInput`]: a pandas, polars or pyarrow table through the
//! Arrow C stream interface, in the Python package). Both are read the
//! same way ([`ArrowRows`]): only the columns a run needs, a batch at a
//! time, each row becoming a record of the CSV decoder's shape (one cell
//! per needed column), numbered by its 1-based row. Nested columns are
//! named by their dotted path (`user.name`); a list column, or any column
//! that is not text, reads as its printed value.

use std::fmt;
use std::io::BufRead;
use std::sync::{Arc, Mutex};

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchIterator, RecordBatchReader};
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use arrow_schema::{ArrowError, DataType, Field, SchemaRef};
use sha2::Digest;

use super::decompress::ReadStats;
use super::post::Batch;
use crate::digest::Hasher;
use crate::error::{Error, Result};

/// Record batches in memory, read once (like standard input): a table a
/// program hands over without writing it to a file.
#[derive(Clone)]
pub struct ArrowInput {
    name: String,
    schema: SchemaRef,
    reader: Arc<Mutex<Option<Box<dyn RecordBatchReader + Send>>>>,
}

impl ArrowInput {
    /// A stream of batches named `name` in messages and in the provenance.
    pub fn new(name: impl Into<String>, reader: Box<dyn RecordBatchReader + Send>) -> ArrowInput {
        ArrowInput {
            name: name.into(),
            schema: reader.schema(),
            reader: Arc::new(Mutex::new(Some(reader))),
        }
    }

    /// Batches already in hand, all of `schema`.
    pub fn from_batches(
        name: impl Into<String>,
        schema: SchemaRef,
        batches: Vec<RecordBatch>,
    ) -> ArrowInput {
        let iter = RecordBatchIterator::new(batches.into_iter().map(Ok), Arc::clone(&schema));
        ArrowInput::new(name, Box::new(iter))
    }

    /// The name given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The dotted paths of the leaf columns (`user.name`; a list column
    /// is one leaf).
    pub fn columns(&self) -> Vec<String> {
        fn walk(prefix: &str, field: &Field, out: &mut Vec<String>) {
            let name = if prefix.is_empty() {
                field.name().clone()
            } else {
                format!("{prefix}.{}", field.name())
            };
            match field.data_type() {
                DataType::Struct(children) => {
                    for c in children {
                        walk(&name, c, out);
                    }
                }
                _ => out.push(name),
            }
        }
        let mut out = Vec::new();
        for f in self.schema.fields() {
            walk("", f, &mut out);
        }
        out
    }

    /// The stream, once: `None` when it was already read.
    pub(crate) fn take(&self) -> Option<Box<dyn RecordBatchReader + Send>> {
        self.reader.lock().ok()?.take()
    }
}

impl fmt::Debug for ArrowInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ArrowInput")
            .field("name", &self.name)
            .field("columns", &self.columns())
            .finish_non_exhaustive()
    }
}

/// The same stream (not the same values).
impl PartialEq for ArrowInput {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.reader, &other.reader)
    }
}

impl Eq for ArrowInput {}

/// Batches of Arrow rows, whatever gives them.
pub type Batches = Box<dyn Iterator<Item = std::result::Result<RecordBatch, ArrowError>> + Send>;

/// What the digest of the provenance covers.
pub(crate) enum Digested {
    /// The file's own bytes (read to the end once the rows are, as every
    /// other input is hashed).
    File(Box<dyn BufRead + Send>),
    /// The cells read (an input in memory has no bytes of its own): each
    /// row's cells, each followed by a 0x1F, each row by a 0x1E.
    Cells(Hasher, Arc<ReadStats>),
}

/// Reads the needed columns of Arrow batches as records.
pub struct ArrowRows {
    batches: Batches,
    /// Dotted paths of the columns read, in record order.
    wanted: Vec<String>,
    path: String,
    what: &'static str,
    row: u64,
    /// Rows of the current batch not yet handed out.
    pending: Option<(RecordBatch, usize)>,
    digested: Option<Digested>,
}

impl ArrowRows {
    /// Read the columns `wanted` (each a dotted leaf path) of `batches`;
    /// `what` names the input in errors ("the Parquet file").
    pub(crate) fn new(
        batches: Batches,
        wanted: &[String],
        path: &str,
        what: &'static str,
        digested: Digested,
    ) -> ArrowRows {
        ArrowRows {
            batches,
            wanted: wanted.to_vec(),
            path: path.to_string(),
            what,
            row: 0,
            pending: None,
            digested: Some(digested),
        }
    }

    /// Fill `batch` with up to `max` rows as records.
    pub fn fill(&mut self, batch: &mut Batch, max: usize) -> Result<usize> {
        batch.clear();
        while batch.nrecs < max {
            let (rb, start) = match self.pending.take() {
                Some(p) => p,
                None => match self.batches.next() {
                    None => {
                        self.finish()?;
                        break;
                    }
                    Some(Ok(rb)) => (rb, 0),
                    Some(Err(e)) => {
                        return Err(Error::input(
                            &self.path,
                            Some(self.row + 1),
                            format!("cannot read {}: {e}", self.what),
                        ));
                    }
                },
            };
            let cols: Vec<Option<ArrayRef>> = self.wanted.iter().map(|w| leaf(&rb, w)).collect();
            let formatters: Vec<Option<ArrayFormatter>> = cols
                .iter()
                .map(|c| {
                    c.as_ref().and_then(|a| {
                        (!is_text(a.data_type()))
                            .then(|| {
                                ArrayFormatter::try_new(a.as_ref(), &FormatOptions::default()).ok()
                            })
                            .flatten()
                    })
                })
                .collect();
            let take = (rb.num_rows() - start).min(max - batch.nrecs);
            let mut cell = String::new();
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
                        (Some(_), Some(f)) => {
                            cell.clear();
                            use std::fmt::Write;
                            let _ = write!(cell, "{}", f.value(r));
                            rec.push_field(cell.as_bytes());
                        }
                        (None, _) => rec.push_field(b""),
                    }
                }
                if let Some(Digested::Cells(hasher, stats)) = &mut self.digested {
                    let mut n = 0;
                    for f in rec.iter() {
                        hasher.update(f);
                        hasher.update([0x1f]);
                        n += f.len() as u64 + 1;
                    }
                    hasher.update([0x1e]);
                    stats.add_bytes(n + 1);
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

    /// The rows are read: finish the digest.
    fn finish(&mut self) -> Result<()> {
        match self.digested.take() {
            Some(Digested::File(mut raw)) => {
                std::io::copy(&mut raw, &mut std::io::sink())
                    .map_err(|e| Error::io(&self.path, e))?;
            }
            Some(Digested::Cells(hasher, stats)) => stats.set_digest(hasher),
            None => {}
        }
        Ok(())
    }
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
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
