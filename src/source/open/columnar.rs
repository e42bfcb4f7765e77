//! Opening a columnar input, a Parquet file or an Arrow table in memory:
//! its leaf columns listed (from the file's footer, from the table's
//! schema), the text, id and requested columns resolved by dotted path,
//! and only those read ([`arrow::ArrowRows`]); the rows are decoded as CSV
//! records.

use std::io::BufRead;
use std::sync::Arc;

use crate::digest::Hasher;
use crate::error::{Error, Result};
use crate::source::arrow::{self, ArrowInput, Digested};
use crate::source::csv::CsvDecoder;
use crate::source::decompress::{Compression, ReadStats};
use crate::source::fields;
use crate::source::input::{BATCH_RECORDS, Decoder, ReaderKind, SourceInfo, platform_info};
use crate::source::options::{DEFAULT_DATE, InputFormat, SourceOptions, no_default_date};
use crate::source::parquet;

/// The columns to read and where each lands in a record.
struct Resolved {
    wanted: Vec<String>,
    decoder: Decoder,
    text: Vec<String>,
    text_detected: bool,
    id: Option<String>,
}

pub(crate) fn open(
    path: &str,
    raw: Box<dyn BufRead + Send>,
    compression: Compression,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo)> {
    if path == "-" || compression != Compression::None {
        return Err(Error::input(
            path,
            None,
            "a Parquet file is read from a file (its footer is at its end), not from stdin or through gzip/zstd\nhint: decompress it to a file first",
        ));
    }
    let r = resolve(path, &parquet::columns(path)?, opts, "a Parquet file")?;
    let reader = parquet::open(path, &r.wanted, BATCH_RECORDS, raw)?;
    let mut info = platform_info(
        path,
        InputFormat::Parquet,
        (r.text, r.id, None),
        r.text_detected,
    );
    info.note = Some("line numbers are row numbers".into());
    Ok((ReaderKind::Arrow(Box::new(reader)), r.decoder, info))
}

/// Open an Arrow table in memory; its digest is that of the cells read.
pub(crate) fn open_arrow(
    input: &ArrowInput,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo, Arc<ReadStats>)> {
    let name = input.name();
    let r = resolve(name, &input.columns(), opts, "an Arrow table")?;
    let batches = input.take().ok_or_else(|| {
        Error::input(
            name,
            None,
            "this Arrow stream was already read (a stream is read once)\nhint: pass a table, or a new stream for each run",
        )
    })?;
    let stats = Arc::new(ReadStats::default());
    let reader = arrow::ArrowRows::new(
        batches,
        &r.wanted,
        name,
        "the Arrow table",
        Digested::Cells(Hasher::default(), Arc::clone(&stats)),
    );
    let mut info = platform_info(
        name,
        InputFormat::Arrow,
        (r.text, r.id, None),
        r.text_detected,
    );
    info.note = Some("line numbers are row numbers".into());
    Ok((ReaderKind::Arrow(Box::new(reader)), r.decoder, info, stats))
}

/// Resolve the text, id and requested columns among `names` (dotted leaf
/// paths); `what` names the input in the `--every` error.
fn resolve(path: &str, names: &[String], opts: &SourceOptions, what: &str) -> Result<Resolved> {
    let check = |name: &String| -> Result<()> {
        // A leaf, or a struct or list column above leaves (`tags` for
        // `tags.list.element`), read as its printed value.
        if names.contains(name) || names.iter().any(|n| n.starts_with(&format!("{name}."))) {
            Ok(())
        } else {
            Err(Error::missing_field(path, name, names))
        }
    };
    let (text, text_detected) = if opts.text.is_empty() {
        match fields::detect_nested(names, fields::TEXT_CANDIDATES) {
            Some(i) => (vec![names[i].clone()], true),
            None => return Err(fields::no_text_field(path, "column", names, "post.text")),
        }
    } else {
        for t in &opts.text {
            check(t)?;
        }
        (opts.text.clone(), false)
    };
    let id = match &opts.id {
        Some(n) => {
            check(n)?;
            Some(n.clone())
        }
        None => fields::detect_nested(names, fields::ID_CANDIDATES).map(|i| names[i].clone()),
    };
    for f in &opts.fields {
        if f == DEFAULT_DATE {
            return Err(no_default_date(path, what));
        }
        check(f)?;
    }
    // Optional fields are read when the input has them.
    let optional: Vec<Option<&String>> = opts
        .optional_fields
        .iter()
        .map(|f| names.contains(f).then_some(f))
        .collect();
    let mut wanted: Vec<String> = text.clone();
    wanted.extend(id.iter().cloned());
    wanted.extend(opts.fields.iter().cloned());
    wanted.extend(optional.iter().flatten().map(|f| (*f).clone()));
    let t = text.len();
    let mut next = t + usize::from(id.is_some());
    let mut field_cols: Vec<Option<usize>> = (0..opts.fields.len())
        .map(|_| {
            next += 1;
            Some(next - 1)
        })
        .collect();
    for f in &optional {
        field_cols.push(f.map(|_| {
            next += 1;
            next - 1
        }));
    }
    let decoder = Decoder::Csv(CsvDecoder {
        width: wanted.len(),
        text: (0..t).collect(),
        id: id.as_ref().map(|_| t),
        fields: field_cols,
        crlf: false,
        delimiter: None,
    });
    Ok(Resolved {
        wanted,
        decoder,
        text,
        text_detected,
        id,
    })
}
