//! The native half of the Python package `lexiscope`: the library API of
//! the `lexiscope` crate ([`lexiscope::Config`], [`lexiscope::analyze`],
//! [`lexiscope::annotate`], …) exposed to Python through PyO3. The Python
//! half (`lexiscope/__init__.py`) turns the caller's arguments into the
//! plain values read here (`options`) and wraps what comes back.
//!
//! Files: `lib` (the module: functions, exceptions, the report and lexicon
//! objects), `options` (Python keyword arguments → a [`Config`]), `arrow`
//! (DataFrames in through the Arrow C stream interface, annotation tables
//! out).
//!
//! The GIL is released while a run reads and matches (`Python::detach`);
//! the run's thread pool is the library's own.

mod arrow;
mod options;

use std::sync::{Arc, Mutex};

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use lexiscope::lexicon::lint::lint;
use lexiscope::matcher::cases::{load_cases, run_case};
use lexiscope::matcher::{MatchOptions, Scratch, compile};
use lexiscope::observer::{Note, Observer};
use lexiscope::pipeline::evaluate::{Bars, Gold, MinF1, evaluate as evaluate_run};
use lexiscope::pipeline::{Driver, KwicPlan, lines, prepare, wanted_slots};
use lexiscope::report::{
    OutputFormat, TALLY_SCHEMA, TallyFile, chart, folded_warning, merge as merge_tallies,
};
use lexiscope::{Config, Error};

create_exception!(
    _lexiscope,
    LexiscopeError,
    PyException,
    "Every error lexiscope raises; the message is the command line's."
);
create_exception!(
    _lexiscope,
    InputError,
    LexiscopeError,
    "An input cannot be read or used: a missing file or field, a malformed record under strict=True, a DataFrame without a text column."
);
create_exception!(
    _lexiscope,
    LexiconError,
    LexiscopeError,
    "A lexicon is missing, malformed or too large to compile."
);
create_exception!(
    _lexiscope,
    UsageError,
    LexiscopeError,
    "A bad option value or combination of options."
);
create_exception!(
    _lexiscope,
    CheckFailed,
    LexiscopeError,
    "A check ran and failed (a lexicon test, a gate)."
);

/// The Python exception of a library error, with the CLI's message.
pub(crate) fn py_err(e: Error) -> PyErr {
    let msg = e.to_string();
    match e {
        Error::Lexicon { .. } | Error::Build(_) => LexiconError::new_err(msg),
        Error::Usage(_) => UsageError::new_err(msg),
        Error::CheckFailed(_) => CheckFailed::new_err(msg),
        Error::Io { .. } | Error::MissingField { .. } | Error::Input { .. } => {
            InputError::new_err(msg)
        }
        Error::Threads(_) | Error::NothingAnalyzed(_) => LexiscopeError::new_err(msg),
    }
}

/// Keeps the notes of a run, for the Python side to show and keep.
#[derive(Default)]
struct Notes(Mutex<Vec<Note>>);

impl Observer for Notes {
    fn note(&self, note: &Note) {
        if let Ok(mut notes) = self.0.lock() {
            notes.push(note.clone());
        }
    }
}

impl Notes {
    /// `(is_warning, message)` pairs, in order.
    fn take(&self) -> Vec<(bool, String)> {
        self.0
            .lock()
            .map(|mut n| n.drain(..).map(|n| (n.is_warning(), n.message)).collect())
            .unwrap_or_default()
    }
}

/// A configuration from the Python side, with an observer that keeps its
/// notes.
fn configure(
    inputs: &Bound<'_, PyList>,
    options: &Bound<'_, PyDict>,
) -> PyResult<(Config, Arc<Notes>)> {
    let mut config = options::config(inputs, options)?;
    let notes = Arc::new(Notes::default());
    config.observer = notes.clone();
    Ok((config, notes))
}

/// A finished report: the one `lexiscope analyze` renders.
#[pyclass(module = "lexiscope._lexiscope", frozen)]
struct NativeReport {
    report: lexiscope::report::Report,
    notes: Vec<(bool, String)>,
}

#[pymethods]
impl NativeReport {
    /// The report rendered as the CLI's `-f table|csv|json|markdown`.
    #[pyo3(signature = (format = "json"))]
    fn render(&self, format: &str) -> PyResult<String> {
        let format = match format {
            "table" => OutputFormat::Table,
            "csv" => OutputFormat::Csv,
            "json" => OutputFormat::Json,
            "markdown" | "md" => OutputFormat::Markdown,
            other => {
                return Err(UsageError::new_err(format!(
                    "format {other:?}: expected table, csv, json or markdown"
                )));
            }
        };
        let mut out = Vec::new();
        self.report
            .render(
                format,
                &mut out,
                lexiscope::report::RenderOptions {
                    // As the CLI fits a table that is not on a terminal.
                    width: std::env::var("COLUMNS")
                        .ok()
                        .and_then(|c| c.trim().parse::<usize>().ok())
                        .map_or(lexiscope::report::table::DEFAULT_WIDTH, |w| w.max(40)),
                    ..Default::default()
                },
            )
            .map_err(|e| LexiscopeError::new_err(e.to_string()))?;
        String::from_utf8(out).map_err(|e| LexiscopeError::new_err(e.to_string()))
    }

    /// The SVG chart `--chart` writes.
    fn chart(&self) -> String {
        chart::chart(&self.report, "chart", &chart::ChartText::default())
    }

    /// The notes of the run: `(is_warning, message)`.
    fn notes(&self) -> Vec<(bool, String)> {
        self.notes.clone()
    }
}

/// `lexiscope analyze`: the report of a run.
#[pyfunction]
fn analyze(
    py: Python<'_>,
    inputs: &Bound<'_, PyList>,
    options: &Bound<'_, PyDict>,
) -> PyResult<NativeReport> {
    let (config, notes) = configure(inputs, options)?;
    let report = py.detach(|| lexiscope::analyze(&config)).map_err(py_err)?;
    Ok(NativeReport {
        report,
        notes: notes.take(),
    })
}

/// `lexiscope analyze --emit-tally`: the mergeable counts, as the JSON
/// line the CLI writes, and the notes.
#[pyfunction]
fn tally(
    py: Python<'_>,
    inputs: &Bound<'_, PyList>,
    options: &Bound<'_, PyDict>,
) -> PyResult<(String, Vec<(bool, String)>)> {
    let (config, notes) = configure(inputs, options)?;
    if config.analysis.dedupe.is_some() {
        return Err(UsageError::new_err(
            "dedupe cannot be used with a tally: duplicates across shards are not in a tally, so shards would not merge exactly",
        ));
    }
    let tally = py.detach(|| lexiscope::tally(&config)).map_err(py_err)?;
    let json = serde_json::to_string(&tally).map_err(|e| LexiscopeError::new_err(e.to_string()))?;
    Ok((json, notes.take()))
}

/// `lexiscope merge`: tallies (JSON texts, each named for messages) added
/// up into the report one run over all of them would have given.
#[pyfunction]
fn merge(py: Python<'_>, tallies: Vec<(String, String)>) -> PyResult<NativeReport> {
    let (report, warning) = py
        .detach(|| -> lexiscope::Result<_> {
            let mut parsed = Vec::with_capacity(tallies.len());
            for (name, text) in tallies {
                let t: TallyFile = serde_json::from_str(&text).map_err(|e| {
                    Error::input(&name, None, format!("not a lexiscope tally ({e})"))
                })?;
                if t.schema != TALLY_SCHEMA {
                    return Err(Error::input(
                        &name,
                        None,
                        format!(
                            "tally schema {:?}, this lexiscope reads {TALLY_SCHEMA:?}",
                            t.schema
                        ),
                    ));
                }
                parsed.push((name, t));
            }
            let merged = merge_tallies(parsed)?;
            Ok((merged.report(), folded_warning(&merged.tally)))
        })
        .map_err(py_err)?;
    Ok(NativeReport {
        report,
        notes: warning.into_iter().map(|w| (true, w)).collect(),
    })
}

/// `lexiscope annotate`: one row per record, as an Arrow stream object,
/// and the notes.
#[pyfunction]
fn annotate(
    py: Python<'_>,
    inputs: &Bound<'_, PyList>,
    options: &Bound<'_, PyDict>,
) -> PyResult<(arrow::ArrowTable, Vec<(bool, String)>)> {
    let (config, notes) = configure(inputs, options)?;
    let table = py
        .detach(|| arrow::annotations(lexiscope::annotate(&config)?))
        .map_err(py_err)?;
    Ok((table, notes.take()))
}

/// `lexiscope kwic`: the lines as JSON (the CLI's `-f json`), and the notes.
#[pyfunction]
#[pyo3(signature = (inputs, options, categories, terms, window, sample, seed))]
#[allow(clippy::too_many_arguments)]
fn kwic(
    py: Python<'_>,
    inputs: &Bound<'_, PyList>,
    options: &Bound<'_, PyDict>,
    categories: Vec<String>,
    terms: Vec<String>,
    window: usize,
    sample: Option<usize>,
    seed: u64,
) -> PyResult<(String, Vec<(bool, String)>)> {
    if window > lexiscope::pipeline::MAX_WINDOW {
        return Err(UsageError::new_err(format!(
            "window {window}: at most {} characters of context",
            lexiscope::pipeline::MAX_WINDOW
        )));
    }
    let (config, notes) = configure(inputs, options)?;
    let json = py
        .detach(|| -> lexiscope::Result<String> {
            let prepared = prepare(&config, &config.source)?;
            let wanted = wanted_slots(&prepared.matcher, &categories, &terms)?;
            let plan = KwicPlan {
                wanted: &wanted,
                window,
                sample,
                seed,
                per_category: false,
            };
            let lines = lines(&mut Driver::new(prepared, &config)?, &plan)?;
            Ok(serde_json::to_string(&lines).expect("KWIC lines serialize"))
        })
        .map_err(py_err)?;
    Ok((json, notes.take()))
}

/// `lexiscope evaluate`: the metrics as the CLI's `-f json`, and the
/// notes; below a bar, `CheckFailed` (after the metrics are computed, so
/// the Python side can still show them: it gets them with the error).
#[pyfunction]
#[pyo3(signature = (inputs, options, gold, gold_id, pairs, labels, bars))]
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn evaluate(
    py: Python<'_>,
    inputs: &Bound<'_, PyList>,
    options: &Bound<'_, PyDict>,
    gold: String,
    gold_id: String,
    pairs: Vec<(String, String)>,
    labels: Option<(String, Vec<(String, String)>)>,
    bars: (Option<f64>, Vec<(String, f64)>, Option<f64>, Option<f64>),
) -> PyResult<(String, Vec<(bool, String)>, Option<String>)> {
    let (config, notes) = configure(inputs, options)?;
    let gold = Gold {
        path: gold,
        id: gold_id,
        pairs,
        labels,
        confidence: config.analysis.confidence,
    };
    let bars = Bars {
        min_f1: MinF1 {
            all: bars.0,
            by_category: bars.1,
        },
        min_macro_f1: bars.2,
        min_kappa: bars.3,
    };
    let (json, failed) = py
        .detach(|| -> lexiscope::Result<_> {
            let e = evaluate_run(&config, &gold)?;
            let failed = match e.gate(&bars) {
                Ok(()) => None,
                Err(Error::CheckFailed(m)) => Some(m),
                Err(other) => return Err(other),
            };
            Ok((e.to_json().to_string(), failed))
        })
        .map_err(py_err)?;
    Ok((json, notes.take(), failed))
}

/// A lexicon loaded (a file in any dictionary format, or a built-in name).
#[pyclass(module = "lexiscope._lexiscope", frozen)]
#[derive(Clone)]
pub(crate) struct NativeLexicon {
    pub(crate) lexicon: lexiscope::lexicon::Lexicon,
}

#[pymethods]
impl NativeLexicon {
    /// Load `spec`; `format` and `columns` as `--lexicon-format` and
    /// `--lexicon-columns`. Returns the lexicon and its import warnings.
    #[staticmethod]
    #[pyo3(signature = (spec, format = None, columns = None))]
    fn load(
        spec: &str,
        format: Option<&str>,
        columns: Option<&str>,
    ) -> PyResult<(NativeLexicon, Vec<(bool, String)>)> {
        let read = options::read_options(format, columns)?;
        let notes = Notes::default();
        let lexicon = lexiscope::pipeline::load_lexicon(spec, &read, &notes).map_err(py_err)?;
        Ok((NativeLexicon { lexicon }, notes.take()))
    }

    /// The lexicon's name, version, origin and SHA-256.
    fn meta(&self) -> (String, String, String, String) {
        let l = &self.lexicon;
        (
            l.meta.name.clone(),
            l.meta.version.clone(),
            l.origin.clone(),
            l.sha256.clone(),
        )
    }

    /// The categories: `(id, label, description, terms, is_rule, is_helper)`.
    fn categories(&self) -> Vec<(String, String, String, usize, bool, bool)> {
        self.lexicon
            .categories
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.label.clone(),
                    c.description.clone(),
                    c.terms.len(),
                    c.rule.is_some(),
                    c.helper,
                )
            })
            .collect()
    }

    /// Run the lexicon's `[[test]]` cases, and those of the files `cases`:
    /// `(origin, line, text, expected, found)` per case.
    #[pyo3(signature = (cases = Vec::new()))]
    #[allow(clippy::type_complexity)]
    fn test(
        &self,
        py: Python<'_>,
        cases: Vec<String>,
    ) -> PyResult<Vec<(String, usize, String, Vec<String>, Vec<String>)>> {
        let lex = &self.lexicon;
        py.detach(|| -> lexiscope::Result<_> {
            let matcher = compile(std::slice::from_ref(lex), &MatchOptions::default())?;
            let mut all: Vec<(lexiscope::lexicon::TestCase, String)> = lex
                .tests
                .iter()
                .cloned()
                .map(|c| (c, lex.origin.clone()))
                .collect();
            for path in &cases {
                let path = std::path::Path::new(path);
                all.extend(
                    load_cases(path)?
                        .into_iter()
                        .map(|c| (c, path.display().to_string())),
                );
            }
            let mut scratch = Scratch::default();
            Ok(all
                .into_iter()
                .map(|(case, origin)| {
                    let r = run_case(&matcher, &case, &mut scratch);
                    (origin, case.line, case.text, r.expected, r.found)
                })
                .collect())
        })
        .map_err(py_err)
    }

    /// `lexicon lint`: the findings as the CLI's `-f json`.
    fn lint(&self) -> String {
        serde_json::to_string(&lint(&self.lexicon)).expect("findings serialize")
    }
}

/// The native module.
#[pymodule]
fn _lexiscope(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("LexiscopeError", py.get_type::<LexiscopeError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("LexiconError", py.get_type::<LexiconError>())?;
    m.add("UsageError", py.get_type::<UsageError>())?;
    m.add("CheckFailed", py.get_type::<CheckFailed>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "BUILTIN_LEXICONS",
        lexiscope::lexicon::BUILTIN
            .iter()
            .map(|(n, _, _)| n.to_string())
            .collect::<Vec<_>>(),
    )?;
    m.add_class::<NativeReport>()?;
    m.add_class::<NativeLexicon>()?;
    m.add_class::<arrow::ArrowTable>()?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(tally, m)?)?;
    m.add_function(wrap_pyfunction!(merge, m)?)?;
    m.add_function(wrap_pyfunction!(annotate, m)?)?;
    m.add_function(wrap_pyfunction!(kwic, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    Ok(())
}
