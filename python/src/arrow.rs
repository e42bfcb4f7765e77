//! Arrow across the language boundary, through the Arrow C stream
//! interface (the `__arrow_c_stream__` PyCapsule protocol that pandas,
//! polars, pyarrow, DuckDB and Spark's Arrow batches speak): DataFrames
//! come in without a per-row Python loop or a copy, and the annotations go
//! out as a table pyarrow, polars or pandas read the same way.

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, StringBuilder, StringDictionaryBuilder, UInt64Builder};
use arrow_array::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch, RecordBatchIterator};
use arrow_array::{ListArray, StructArray};
use arrow_buffer::{OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use lexiscope::pipeline::{Annotation, Annotations};

use crate::InputError;

/// The capsule name of the C stream interface.
const STREAM: &std::ffi::CStr = c"arrow_array_stream";

/// Rows per batch of the annotation table.
const ROWS: usize = 8192;

/// The stream of an object with `__arrow_c_stream__` (moved out of its
/// capsule, which is left released).
pub(crate) fn import_stream(obj: &Bound<'_, PyAny>) -> PyResult<ArrowArrayStreamReader> {
    if !obj.hasattr("__arrow_c_stream__")? {
        return Err(InputError::new_err(format!(
            "{}: not an Arrow table or stream (no __arrow_c_stream__)",
            obj.get_type().name()?
        )));
    }
    let capsule = obj.call_method0("__arrow_c_stream__")?;
    let capsule = capsule.cast::<PyCapsule>()?;
    let ptr = capsule.pointer_checked(Some(STREAM))?;
    // SAFETY: a capsule named "arrow_array_stream" holds an
    // ArrowArrayStream (the PyCapsule interface's contract); `from_raw`
    // moves it out and leaves a released stream for the capsule to drop.
    let stream = unsafe { FFI_ArrowArrayStream::from_raw(ptr.as_ptr().cast()) };
    ArrowArrayStreamReader::try_new(stream)
        .map_err(|e| InputError::new_err(format!("cannot read the Arrow stream: {e}")))
}

/// A finished table, exported as a stream on request: `pyarrow.table(t)`,
/// `polars.DataFrame(t)` and `pyarrow.RecordBatchReader.from_stream(t)`
/// read it without a copy.
#[pyclass(module = "lexiscope._lexiscope", frozen)]
pub(crate) struct ArrowTable {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

#[pymethods]
impl ArrowTable {
    /// The Arrow PyCapsule interface (the requested schema is not honoured:
    /// the consumer casts).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(
            self.batches.clone().into_iter().map(Ok),
            Arc::clone(&self.schema),
        );
        PyCapsule::new_with_value(py, FFI_ArrowArrayStream::new(Box::new(reader)), STREAM)
    }

    /// Rows in all.
    fn __len__(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }
}

/// A dictionary-encoded string: the input path, the status, category ids
/// and terms repeat on every row (a rule's term is its whole rule), so
/// each is stored once per batch (pandas reads them as categoricals).
fn dict() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

/// The columns of the annotation table, then one `pct_<category>` per
/// category (as `annotate -f csv` and `-o annotations.parquet`).
fn schema(categories: &[String]) -> SchemaRef {
    let mut fields = vec![
        Field::new("input", dict(), false),
        Field::new("line", DataType::UInt64, false),
        Field::new("id", DataType::Utf8, true),
        Field::new("status", dict(), false),
        Field::new("skipped", DataType::Utf8, true),
        Field::new(
            "categories",
            DataType::List(Arc::new(Field::new("item", dict(), true))),
            false,
        ),
        Field::new(
            "matches",
            DataType::List(Arc::new(Field::new(
                "item",
                DataType::Struct(match_fields()),
                true,
            ))),
            false,
        ),
        Field::new("tokens", DataType::UInt64, false),
    ];
    fields.extend(
        categories
            .iter()
            .map(|c| Field::new(format!("pct_{c}"), DataType::Float64, true)),
    );
    Arc::new(Schema::new(fields))
}

/// One matched span: as in `annotate`'s JSON lines.
fn match_fields() -> Fields {
    Fields::from(vec![
        Field::new("category", dict(), true),
        Field::new("term", dict(), true),
        Field::new("start", DataType::UInt64, true),
        Field::new("end", DataType::UInt64, true),
        Field::new("char_start", DataType::UInt64, true),
        Field::new("char_end", DataType::UInt64, true),
        Field::new("text", DataType::Utf8, true),
    ])
}

type Dict = StringDictionaryBuilder<Int32Type>;

/// Offsets of a list column.
#[derive(Default)]
struct Offsets(Vec<i32>);

impl Offsets {
    fn push(&mut self, len: usize) {
        let last = self.0.last().copied().unwrap_or(0);
        if self.0.is_empty() {
            self.0.push(0);
        }
        self.0.push(last + len as i32);
    }

    fn finish(&mut self) -> OffsetBuffer<i32> {
        let mut v = std::mem::take(&mut self.0);
        if v.is_empty() {
            v.push(0);
        }
        OffsetBuffer::new(ScalarBuffer::from(v))
    }
}

/// Builders of one batch.
#[derive(Default)]
struct Columns {
    input: Dict,
    line: UInt64Builder,
    id: StringBuilder,
    status: Dict,
    skipped: StringBuilder,
    categories: Dict,
    category_offsets: Offsets,
    m_category: Dict,
    m_term: Dict,
    m_start: UInt64Builder,
    m_end: UInt64Builder,
    m_char_start: UInt64Builder,
    m_char_end: UInt64Builder,
    m_text: StringBuilder,
    match_offsets: Offsets,
    tokens: UInt64Builder,
    pct: Vec<Float64Builder>,
}

impl Columns {
    fn new(n: usize) -> Columns {
        Columns {
            pct: (0..n).map(|_| Float64Builder::new()).collect(),
            ..Columns::default()
        }
    }

    fn push(&mut self, a: &Annotation, categories: &[String]) {
        self.input.append_value(&a.input);
        self.line.append_value(a.line);
        self.id.append_option(a.id.as_deref());
        self.status.append_value(a.status);
        self.skipped.append_option(a.skipped.as_deref());
        for c in &a.categories {
            self.categories.append_value(c);
        }
        self.category_offsets.push(a.categories.len());
        for m in &a.matches {
            self.m_category.append_value(&m.category);
            self.m_term.append_value(&m.term);
            self.m_start.append_value(m.start as u64);
            self.m_end.append_value(m.end as u64);
            self.m_char_start.append_value(m.char_start as u64);
            self.m_char_end.append_value(m.char_end as u64);
            self.m_text.append_value(&m.text);
        }
        self.match_offsets.push(a.matches.len());
        self.tokens.append_value(a.tokens as u64);
        for (b, c) in self.pct.iter_mut().zip(categories) {
            b.append_option(a.percent.get(c).and_then(serde_json::Value::as_f64));
        }
    }

    fn finish(&mut self, schema: &SchemaRef) -> RecordBatch {
        let item = |t: DataType| Arc::new(Field::new("item", t, true));
        let categories = ListArray::new(
            item(dict()),
            self.category_offsets.finish(),
            Arc::new(self.categories.finish()),
            None,
        );
        let spans = StructArray::new(
            match_fields(),
            vec![
                Arc::new(self.m_category.finish()) as ArrayRef,
                Arc::new(self.m_term.finish()),
                Arc::new(self.m_start.finish()),
                Arc::new(self.m_end.finish()),
                Arc::new(self.m_char_start.finish()),
                Arc::new(self.m_char_end.finish()),
                Arc::new(self.m_text.finish()),
            ],
            None,
        );
        let matches = ListArray::new(
            item(DataType::Struct(match_fields())),
            self.match_offsets.finish(),
            Arc::new(spans),
            None,
        );
        let mut cols: Vec<ArrayRef> = vec![
            Arc::new(self.input.finish()),
            Arc::new(self.line.finish()),
            Arc::new(self.id.finish()),
            Arc::new(self.status.finish()),
            Arc::new(self.skipped.finish()),
            Arc::new(categories),
            Arc::new(matches),
            Arc::new(self.tokens.finish()),
        ];
        cols.extend(
            self.pct
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        RecordBatch::try_new(Arc::clone(schema), cols).expect("columns match the schema")
    }
}

/// Every annotation as a table, in input order, a batch of rows at a time.
pub(crate) fn annotations(annotations: Annotations) -> lexiscope::Result<ArrowTable> {
    let categories = annotations.category_ids();
    let schema = schema(&categories);
    let mut columns = Columns::new(categories.len());
    let mut batches = Vec::new();
    let mut rows = 0;
    for a in annotations {
        columns.push(&a?, &categories);
        rows += 1;
        if rows == ROWS {
            batches.push(columns.finish(&schema));
            rows = 0;
        }
    }
    if rows > 0 || batches.is_empty() {
        batches.push(columns.finish(&schema));
    }
    Ok(ArrowTable { schema, batches })
}
