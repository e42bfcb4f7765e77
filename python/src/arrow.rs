//! Arrow across the language boundary, through the Arrow C stream
//! interface (the `__arrow_c_stream__` PyCapsule protocol that pandas,
//! polars, pyarrow, DuckDB and Spark's Arrow batches speak): DataFrames
//! come in without a per-row Python loop or a copy, and the annotations go
//! out as a table pyarrow, polars or pandas read the same way.

use std::sync::Arc;

use arrow_array::builder::{
    Float64Builder, ListBuilder, StringBuilder, StructBuilder, UInt64Builder,
};
use arrow_array::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{ArrayRef, RecordBatch, RecordBatchIterator};
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

/// The columns of the annotation table, then one `pct_<category>` per
/// category (as `annotate -f csv` and `-o annotations.parquet`).
fn schema(categories: &[String]) -> SchemaRef {
    let mut fields = vec![
        Field::new("input", DataType::Utf8, false),
        Field::new("line", DataType::UInt64, false),
        Field::new("id", DataType::Utf8, true),
        Field::new("status", DataType::Utf8, false),
        Field::new("skipped", DataType::Utf8, true),
        Field::new(
            "categories",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
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
        Field::new("category", DataType::Utf8, true),
        Field::new("term", DataType::Utf8, true),
        Field::new("start", DataType::UInt64, true),
        Field::new("end", DataType::UInt64, true),
        Field::new("char_start", DataType::UInt64, true),
        Field::new("char_end", DataType::UInt64, true),
        Field::new("text", DataType::Utf8, true),
    ])
}

/// Builders of one batch.
struct Columns {
    input: StringBuilder,
    line: UInt64Builder,
    id: StringBuilder,
    status: StringBuilder,
    skipped: StringBuilder,
    categories: ListBuilder<StringBuilder>,
    matches: ListBuilder<StructBuilder>,
    tokens: UInt64Builder,
    pct: Vec<Float64Builder>,
}

impl Columns {
    fn new(n: usize) -> Columns {
        Columns {
            input: StringBuilder::new(),
            line: UInt64Builder::new(),
            id: StringBuilder::new(),
            status: StringBuilder::new(),
            skipped: StringBuilder::new(),
            categories: ListBuilder::new(StringBuilder::new()),
            matches: ListBuilder::new(StructBuilder::from_fields(match_fields(), 0)),
            tokens: UInt64Builder::new(),
            pct: (0..n).map(|_| Float64Builder::new()).collect(),
        }
    }

    fn push(&mut self, a: &Annotation, categories: &[String]) {
        self.input.append_value(&a.input);
        self.line.append_value(a.line);
        self.id.append_option(a.id.as_deref());
        self.status.append_value(a.status);
        self.skipped.append_option(a.skipped.as_deref());
        for c in &a.categories {
            self.categories.values().append_value(c);
        }
        self.categories.append(true);
        let s = self.matches.values();
        for m in &a.matches {
            let text = |i: usize, v: &str, s: &mut StructBuilder| {
                s.field_builder::<StringBuilder>(i)
                    .expect("string field")
                    .append_value(v);
            };
            let num = |i: usize, v: usize, s: &mut StructBuilder| {
                s.field_builder::<UInt64Builder>(i)
                    .expect("integer field")
                    .append_value(v as u64);
            };
            text(0, &m.category, s);
            text(1, &m.term, s);
            num(2, m.start, s);
            num(3, m.end, s);
            num(4, m.char_start, s);
            num(5, m.char_end, s);
            text(6, &m.text, s);
            s.append(true);
        }
        self.matches.append(true);
        self.tokens.append_value(a.tokens as u64);
        for (b, c) in self.pct.iter_mut().zip(categories) {
            b.append_option(a.percent.get(c).and_then(serde_json::Value::as_f64));
        }
    }

    fn finish(&mut self, schema: &SchemaRef) -> RecordBatch {
        let mut cols: Vec<ArrayRef> = vec![
            Arc::new(self.input.finish()),
            Arc::new(self.line.finish()),
            Arc::new(self.id.finish()),
            Arc::new(self.status.finish()),
            Arc::new(self.skipped.finish()),
            Arc::new(self.categories.finish()),
            Arc::new(self.matches.finish()),
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
