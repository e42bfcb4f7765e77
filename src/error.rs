//! The crate's error type: every variant says where (path, line, field) and,
//! where a flag would help, what to do next. The binary prints each as
//! `lexiscope: error: …` and maps it to an exit code (DESIGN.md §7) with
//! [`Error::exit_code`]: 1 for a failed check, 2 for everything else.
//!
//! The variants are the kinds of failure, so that a caller (the CLI, a
//! Python binding) can tell them apart without reading messages:
//! - [`Error::Io`]: a file could not be opened, read or written;
//! - [`Error::Input`]: an input (posts, a gold sheet, a claims file, a
//!   tally, a saved report) is malformed or cannot be used;
//! - [`Error::MissingField`]: a field asked for is not in an input;
//! - [`Error::Lexicon`]: a lexicon is malformed, missing or unusable;
//! - [`Error::Build`]: the automaton cannot be built;
//! - [`Error::Threads`]: the worker pool cannot start;
//! - [`Error::Usage`]: a bad option value or combination of options;
//! - [`Error::CheckFailed`]: a check ran and failed;
//! - [`Error::NothingAnalyzed`]: a run read no post with text (exit 1, said
//!   as a warning).

use std::path::PathBuf;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file (`<stdout>`, `<stdin>` for the streams).
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A requested field does not exist in the input.
    #[error("{path}: no field {name:?}; available: {}{}", list_some(available),
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
    /// A lexicon is malformed, missing or cannot be used with the others.
    #[error("{path}{}: {msg}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Lexicon {
        /// The lexicon file (or the name it was asked by).
        path: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        msg: String,
    },
    /// An input is malformed or cannot be used: a record under `--strict`,
    /// an input whose text field cannot be told, a gold sheet, claims file,
    /// tally or report that cannot be read.
    #[error("{path}{}: {msg}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Input {
        /// The input (`<stdin>` for standard input).
        path: String,
        /// 1-based line, when known.
        line: Option<u64>,
        /// What is wrong.
        msg: String,
    },
    /// The lexicon is too large or complex for the automaton.
    #[error("cannot compile the lexicon: {0}")]
    Build(#[from] aho_corasick::BuildError),
    /// The worker threads cannot be started.
    #[error("cannot start worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// Bad option value or combination of options.
    #[error("{0}")]
    Usage(String),
    /// A check ran and failed (lexicon test, gate, drift, claim): exit 1.
    #[error("{0}")]
    CheckFailed(String),
    /// No post with text was analyzed (an empty input, every record
    /// skipped or empty): the figures would all be dashes. Exit 1.
    #[error("{0}")]
    NothingAnalyzed(String),
}

/// How many names a message lists before it says how many there are.
const LISTED: usize = 40;

/// The first [`LISTED`] of `names`, then how many in all: a CSV of a
/// million columns gave an error of 8.9 MB.
fn list_some(names: &[String]) -> String {
    if names.len() <= LISTED {
        return names.join(", ");
    }
    format!("{}, … ({} in all)", names[..LISTED].join(", "), names.len())
}

impl Error {
    /// The process exit code for this error (DESIGN.md §7).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::CheckFailed(_) | Error::NothingAnalyzed(_) => 1,
            _ => 2,
        }
    }

    /// Whether the error is said as a warning (`lexiscope: warning: …`):
    /// the run did what it was asked but found nothing to count.
    pub fn is_warning(&self) -> bool {
        matches!(self, Error::NothingAnalyzed(_))
    }

    /// Whether this is a write to a closed pipe (`lexiscope … | head`),
    /// which ends a command quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A malformed input at `path` (and `line`, when known).
    pub fn input(path: impl Into<String>, line: Option<u64>, msg: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            line,
            msg: msg.into(),
        }
    }

    /// A malformed lexicon at `path` (and `line`, when known).
    pub fn lexicon(path: impl Into<String>, line: Option<usize>, msg: impl Into<String>) -> Self {
        Error::Lexicon {
            path: path.into(),
            line,
            msg: msg.into(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_where() {
        assert_eq!(
            Error::input("posts.csv", Some(3), "bad").to_string(),
            "posts.csv:3: bad"
        );
        assert_eq!(
            Error::input("a.json", None, "bad").to_string(),
            "a.json: bad"
        );
        assert_eq!(
            Error::lexicon("l.toml", Some(2), "bad").to_string(),
            "l.toml:2: bad"
        );
        assert_eq!(Error::CheckFailed("x".into()).exit_code(), 1);
        assert_eq!(Error::Usage("x".into()).exit_code(), 2);
        let pipe = Error::io("<stdout>", std::io::ErrorKind::BrokenPipe.into());
        assert!(pipe.is_broken_pipe());
    }
}
