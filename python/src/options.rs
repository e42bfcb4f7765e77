//! The Python side's arguments → a library [`Config`], as `cmd::config`
//! does for the command line's flags: every value is checked here, with
//! the CLI's names for the options and their values, before any file is
//! opened. `lexiscope/__init__.py` has already put them in plain shapes
//! (lists of names, `None` for unset).

use pyo3::conversion::FromPyObjectOwned;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use lexiscope::config::{Analysis, DEFAULT_MIN_CODED, Dedupe, Input, LexiconSpec, Validation};
use lexiscope::lexicon::{LexiconFormat, ReadOptions};
use lexiscope::matcher::{MatchOptions, Overlap};
use lexiscope::source::arrow::ArrowInput;
use lexiscope::source::date::Period;
use lexiscope::source::number::Decimal;
use lexiscope::source::preset::Preset;
use lexiscope::source::{InputFormat, PresetChoice, SourceOptions, parse_delimiter};
use lexiscope::{Config, Error};

use crate::{NativeLexicon, UsageError, arrow, py_err};

/// Every option `config` reads; anything else is a usage error.
const KNOWN: &[&str] = &[
    "lexicons",
    "lexicon_format",
    "lexicon_columns",
    "input_format",
    "delimiter",
    "no_header",
    "text",
    "id",
    "preset",
    "dayfirst",
    "encoding",
    "records",
    "max_field_bytes",
    "overlap",
    "match_urls",
    "helpers",
    "fold_diacritics",
    "strict",
    "threads",
    "confidence",
    "top_terms",
    "by",
    "every",
    "date",
    "min_posts",
    "max_groups",
    "weight",
    "decimal",
    "dedupe",
    "cluster",
    "bootstrap",
    "seed",
    "cooccurrence",
    "validation",
    "validation_id",
    "validation_pairs",
    "min_coded",
    "categories",
    "exclude_categories",
];

/// The value of `key`, when given and not `None`.
fn get<'py, T: FromPyObjectOwned<'py>>(
    options: &Bound<'py, PyDict>,
    key: &str,
) -> PyResult<Option<T>> {
    match options.get_item(key)? {
        Some(v) if !v.is_none() => v.extract::<T>().map(Some).map_err(|e| {
            let e: PyErr = e.into();
            UsageError::new_err(format!("{key}: {}", e.value(options.py())))
        }),
        _ => Ok(None),
    }
}

fn usage(msg: String) -> PyErr {
    py_err(Error::Usage(msg))
}

/// A name among `choices` (the CLI's value names).
fn choose<T: Copy>(option: &str, value: &str, choices: &[(&str, T)]) -> PyResult<T> {
    choices
        .iter()
        .find(|(n, _)| *n == value)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            usage(format!(
                "{option}={value:?}: expected one of {}",
                names.join(", ")
            ))
        })
}

/// `lexicon_format` and `lexicon_columns`.
pub(crate) fn read_options(format: Option<&str>, columns: Option<&str>) -> PyResult<ReadOptions> {
    let format = format
        .map(|f| {
            choose(
                "lexicon_format",
                f,
                &[
                    ("toml", LexiconFormat::Native),
                    ("dic", LexiconFormat::Dic),
                    ("dicx", LexiconFormat::Dicx),
                    ("yaml", LexiconFormat::Yaml),
                    ("cat", LexiconFormat::Cat),
                    ("lc3", LexiconFormat::Lc3),
                    ("tsv", LexiconFormat::List),
                ],
            )
        })
        .transpose()?;
    let columns = columns
        .map(|c| {
            c.parse()
                .map_err(|m| usage(format!("lexicon_columns={c:?}: {m}")))
        })
        .transpose()?;
    Ok(ReadOptions { format, columns })
}

/// One input: a path, or `(name, object)` for an object with
/// `__arrow_c_stream__`.
fn input(item: &Bound<'_, PyAny>) -> PyResult<Input> {
    if let Ok(path) = item.extract::<String>() {
        return Ok(Input::Path(path));
    }
    let pair = item.cast::<PyTuple>()?;
    let name: String = pair.get_item(0)?.extract()?;
    let reader = arrow::import_stream(&pair.get_item(1)?)?;
    Ok(Input::Arrow(ArrowInput::new(name, Box::new(reader))))
}

/// The configuration of a run.
pub(crate) fn config(inputs: &Bound<'_, PyList>, options: &Bound<'_, PyDict>) -> PyResult<Config> {
    for key in options.keys() {
        let key: String = key.extract()?;
        if !KNOWN.contains(&key.as_str()) {
            return Err(usage(format!("unknown option {key:?}")));
        }
    }
    let inputs = inputs
        .iter()
        .map(|i| input(&i))
        .collect::<PyResult<Vec<_>>>()?;
    if inputs.is_empty() {
        return Err(usage(
            "no input: give a path, a DataFrame, a table or texts".into(),
        ));
    }
    let lexicons = match options.get_item("lexicons")? {
        Some(list) if !list.is_none() => list
            .try_iter()?
            .map(|l| {
                let l = l?;
                if let Ok(native) = l.cast::<NativeLexicon>() {
                    Ok(LexiconSpec::from(native.get().lexicon.clone()))
                } else {
                    Ok(LexiconSpec::Named(l.extract::<String>().map_err(|_| {
                        usage("lexicon: expected a path, a built-in name or a Lexicon".into())
                    })?))
                }
            })
            .collect::<PyResult<Vec<_>>>()?,
        _ => Vec::new(),
    };
    let lexicon_read = read_options(
        get::<String>(options, "lexicon_format")?.as_deref(),
        get::<String>(options, "lexicon_columns")?.as_deref(),
    )?;
    let source = SourceOptions {
        format: get::<String>(options, "input_format")?
            .map(|f| {
                choose(
                    "format",
                    &f,
                    &[
                        ("csv", InputFormat::Csv),
                        ("jsonl", InputFormat::Jsonl),
                        ("json", InputFormat::Json),
                        ("parquet", InputFormat::Parquet),
                        ("x", InputFormat::X),
                        ("telegram", InputFormat::Telegram),
                        ("whatsapp", InputFormat::Whatsapp),
                    ],
                )
            })
            .transpose()?,
        delimiter: get::<String>(options, "delimiter")?
            .map(|d| parse_delimiter(&d).map_err(py_err))
            .transpose()?,
        no_header: get(options, "no_header")?.unwrap_or(false),
        text: get(options, "text")?.unwrap_or_default(),
        id: get(options, "id")?,
        fields: Vec::new(),
        optional_fields: Vec::new(),
        max_record_bytes: get(options, "max_field_bytes")?.unwrap_or(0),
        preset: match get::<String>(options, "preset")? {
            None => PresetChoice::Auto,
            Some(p) => choose(
                "preset",
                &p,
                &[
                    ("crowdtangle", PresetChoice::Forced(Preset::CrowdTangle)),
                    ("meta", PresetChoice::Forced(Preset::Meta)),
                    ("4cat", PresetChoice::Forced(Preset::FourCat)),
                    ("none", PresetChoice::Off),
                ],
            )?,
        },
        dayfirst: get(options, "dayfirst")?,
        records: get(options, "records")?,
        encoding: get::<String>(options, "encoding")?
            .map(|e| {
                lexiscope::text::encoding::for_label(&e)
                    .map_err(|m| usage(format!("encoding: {m}")))
            })
            .transpose()?,
    };
    let defaults = Analysis::default();
    let analysis = Analysis {
        confidence: get(options, "confidence")?.unwrap_or(defaults.confidence),
        top_terms: get(options, "top_terms")?.unwrap_or(defaults.top_terms),
        by: get(options, "by")?.unwrap_or_default(),
        every: get::<String>(options, "every")?
            .map(|p| {
                choose(
                    "every",
                    &p,
                    &[
                        ("day", Period::Day),
                        ("week", Period::Week),
                        ("month", Period::Month),
                        ("year", Period::Year),
                    ],
                )
            })
            .transpose()?,
        date: get(options, "date")?,
        min_posts: get(options, "min_posts")?.unwrap_or(defaults.min_posts),
        max_groups: get(options, "max_groups")?.unwrap_or(defaults.max_groups),
        weight: get(options, "weight")?,
        decimal: match get::<String>(options, "decimal")?.as_deref() {
            None => defaults.decimal,
            Some(d) => choose("decimal", d, &[(".", Decimal::Dot), (",", Decimal::Comma)])?,
        },
        dedupe: get::<String>(options, "dedupe")?
            .map(|d| {
                choose(
                    "dedupe",
                    &d,
                    &[("exact", Dedupe::Exact), ("normalized", Dedupe::Normalized)],
                )
            })
            .transpose()?,
        cluster: get(options, "cluster")?,
        bootstrap: get(options, "bootstrap")?.unwrap_or(defaults.bootstrap),
        seed: get(options, "seed")?.unwrap_or(defaults.seed),
        cooccurrence: get(options, "cooccurrence")?.unwrap_or(false),
        validation: match get::<String>(options, "validation")? {
            None => None,
            Some(path) => Some(Validation {
                path,
                id: get(options, "validation_id")?.unwrap_or_else(|| "id".to_string()),
                pairs: get::<Vec<(String, String)>>(options, "validation_pairs")?
                    .unwrap_or_default(),
                min_coded: get(options, "min_coded")?.unwrap_or(DEFAULT_MIN_CODED),
            }),
        },
        select: lexiscope::report::CategoryFilter {
            include: get(options, "categories")?.unwrap_or_default(),
            exclude: get(options, "exclude_categories")?.unwrap_or_default(),
        },
    };
    analysis.validate().map_err(py_err)?;
    let threads: Option<usize> = get(options, "threads")?;
    if threads == Some(0) {
        return Err(usage(
            "threads=0: give at least one thread, or None for all cores".into(),
        ));
    }
    Ok(Config {
        inputs,
        lexicons,
        lexicon_read,
        source,
        matching: MatchOptions {
            overlap: match get::<String>(options, "overlap")?.as_deref() {
                None => Overlap::default(),
                Some(o) => choose(
                    "overlap",
                    o,
                    &[
                        ("leftmost-longest", Overlap::LeftmostLongest),
                        ("per-category", Overlap::PerCategory),
                    ],
                )?,
            },
            match_urls: get(options, "match_urls")?.unwrap_or(false),
            show_helpers: get(options, "helpers")?.unwrap_or(false),
            fold_diacritics: get(options, "fold_diacritics")?,
        },
        strict: get(options, "strict")?.unwrap_or(false),
        threads,
        analysis,
        ..Config::default()
    })
}
