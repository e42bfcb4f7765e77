//! Tables of rows that `annotate`, `kwic` and `sample` write: CSV (every
//! cell through the formula guard of [`SafeWriter`]) or, when `-o` ends in
//! `.parquet`, Apache Parquet written with the Arrow project's `parquet`
//! crate: typed columns (counts as 64-bit integers, shares as doubles,
//! the rest as UTF-8), zstd-compressed, one row group per 65,536 rows so
//! that memory stays bounded however many rows are written.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use super::csv::SafeWriter;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// An integer (a line, a count, an offset).
    Int,
    /// A number (a share, a percentage).
    Float,
}

/// A column of the table: its name and kind.
#[derive(Clone, Debug)]
pub struct Column {
    /// Header name.
    pub name: String,
    /// Kind (Parquet's type; CSV writes text).
    pub kind: Kind,
}

impl Column {
    /// A text column.
    pub fn text(name: impl Into<String>) -> Self {
        Column {
            name: name.into(),
            kind: Kind::Text,
        }
    }

    /// An integer column.
    pub fn int(name: impl Into<String>) -> Self {
        Column {
            name: name.into(),
            kind: Kind::Int,
        }
    }

    /// A number column.
    pub fn float(name: impl Into<String>) -> Self {
        Column {
            name: name.into(),
            kind: Kind::Float,
        }
    }
}

/// Whether an output path asks for Parquet.
pub fn is_parquet_path(path: Option<&std::path::Path>) -> bool {
    path.and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}

/// Rows per Parquet row group.
const GROUP_ROWS: usize = 65_536;

/// Writes a table as CSV or Parquet.
pub enum RowWriter<W: Write + Send> {
    /// CSV with its header written.
    Csv(Box<SafeWriter<W>>),
    /// Parquet, rows buffered up to a row group.
    Parquet(Box<ParquetRows<W>>),
}

/// The Parquet half of [`RowWriter`].
pub struct ParquetRows<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    kinds: Vec<Kind>,
    rows: Vec<Vec<String>>,
}

impl<W: Write + Send> RowWriter<W> {
    /// Start a table of `columns` on `out`: Parquet when `parquet`, else
    /// CSV (`raw` turns the formula guard off).
    pub fn new(out: W, columns: &[Column], parquet: bool, raw: bool) -> std::io::Result<Self> {
        if !parquet {
            let mut w = SafeWriter::new(out, raw);
            w.row(columns.iter().map(|c| c.name.as_str()))?;
            return Ok(RowWriter::Csv(Box::new(w)));
        }
        let schema: SchemaRef = Arc::new(Schema::new(
            columns
                .iter()
                .map(|c| {
                    let t = match c.kind {
                        Kind::Text => DataType::Utf8,
                        Kind::Int => DataType::Int64,
                        Kind::Float => DataType::Float64,
                    };
                    Field::new(&c.name, t, true)
                })
                .collect::<Vec<_>>(),
        ));
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_row_count(Some(GROUP_ROWS))
            .build();
        let writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(props))
            .map_err(std::io::Error::other)?;
        Ok(RowWriter::Parquet(Box::new(ParquetRows {
            writer,
            schema,
            kinds: columns.iter().map(|c| c.kind).collect(),
            rows: Vec::new(),
        })))
    }

    /// Write one row (as many cells as columns).
    pub fn row<I, S>(&mut self, cells: I) -> std::io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        match self {
            RowWriter::Csv(w) => w.row(cells),
            RowWriter::Parquet(p) => {
                p.rows
                    .push(cells.into_iter().map(|c| c.as_ref().to_string()).collect());
                if p.rows.len() >= GROUP_ROWS {
                    p.write_batch()?;
                }
                Ok(())
            }
        }
    }

    /// Write what is buffered and end the file (Parquet's footer).
    pub fn finish(self) -> std::io::Result<()> {
        match self {
            RowWriter::Csv(mut w) => w.flush(),
            RowWriter::Parquet(mut p) => {
                p.write_batch()?;
                p.writer.close().map_err(std::io::Error::other)?;
                Ok(())
            }
        }
    }
}

impl<W: Write + Send> ParquetRows<W> {
    fn write_batch(&mut self) -> std::io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let n = self.rows.len();
        let mut arrays: Vec<ArrayRef> = Vec::with_capacity(self.kinds.len());
        for (i, kind) in self.kinds.iter().enumerate() {
            fn cell(r: &[String], i: usize) -> &str {
                r.get(i).map_or("", String::as_str)
            }
            let array: ArrayRef = match kind {
                Kind::Text => {
                    let mut b = StringBuilder::with_capacity(n, n * 16);
                    for r in &self.rows {
                        b.append_value(cell(r, i));
                    }
                    Arc::new(b.finish())
                }
                Kind::Int => {
                    let mut b = Int64Builder::with_capacity(n);
                    for r in &self.rows {
                        b.append_option(cell(r, i).parse::<i64>().ok());
                    }
                    Arc::new(b.finish())
                }
                Kind::Float => {
                    let mut b = Float64Builder::with_capacity(n);
                    for r in &self.rows {
                        b.append_option(cell(r, i).parse::<f64>().ok());
                    }
                    Arc::new(b.finish())
                }
            };
            arrays.push(array);
        }
        self.rows.clear();
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays)
            .map_err(std::io::Error::other)?;
        self.writer.write(&batch).map_err(std::io::Error::other)
    }
}
