//! The crate's error type: every variant says where (path, line, field) and,
//! where a flag would help, what to do next. `main` maps each to an exit code
//! (DESIGN.md §7): 2 for usage and input errors, 1 for a failed check.

use std::path::PathBuf;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A requested field does not exist in the input.
    #[error("{path}: no field {name:?}; available: {}{}", available.join(", "),
        closest.as_ref().map(|c| format!("\nhint: did you mean {c:?}?")).unwrap_or_default())]
    MissingField {
        /// The input.
        path: String,
        /// The field asked for.
        name: String,
        /// The fields the input has.
        available: Vec<String>,
        /// The most similar available name.
        closest: Option<String>,
    },
    /// A lexicon is malformed.
    #[error("{path}{}: {msg}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Lexicon {
        /// The lexicon file.
        path: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        msg: String,
    },
    /// A malformed record under `--strict`, or an input that cannot be read at all.
    #[error("{location}: {msg}")]
    Input {
        /// `path:line` of the record.
        location: String,
        /// What is wrong.
        msg: String,
    },
    /// The lexicon is too large or complex for the automaton.
    #[error("cannot compile the lexicon: {0}")]
    Build(#[from] aho_corasick::BuildError),
    /// Bad combination of options or values.
    #[error("{0}")]
    Usage(String),
    /// A check ran and failed (lexicon test, gate, drift, claim): exit 1.
    #[error("{0}")]
    CheckFailed(String),
}

impl Error {
    /// The process exit code for this error (DESIGN.md §7).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::CheckFailed(_) => 1,
            _ => 2,
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A missing field, with the closest available name as a hint.
    pub fn missing_field(path: &str, name: &str, available: &[String]) -> Self {
        let closest = available
            .iter()
            .map(|a| {
                (
                    strsim::jaro_winkler(&a.to_lowercase(), &name.to_lowercase()),
                    a,
                )
            })
            .filter(|(score, _)| *score > 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, a)| a.clone());
        Error::MissingField {
            path: path.to_string(),
            name: name.to_string(),
            available: available.to_vec(),
            closest,
        }
    }
}
