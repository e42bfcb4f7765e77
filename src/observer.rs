//! What a run tells its caller while it works: notes (what is read, import
//! and lexicon warnings, skipped records, unreadable dates and weights) and
//! progress. The library prints nothing; it hands these to an
//! [`Observer`]. The command line's observer draws a progress bar and
//! writes the notes to stderr as `lexiscope: …`; the default ([`Silent`])
//! drops them, which is what a library user or a binding gets unless it
//! asks.

use std::fmt;

/// Receives the notes and the progress of a run. Every method has a
/// default that does nothing. Called from the thread that drives the run.
pub trait Observer: Send + Sync {
    /// Something the user should know (see [`NoteKind`]).
    fn note(&self, _note: &Note) {}
    /// The run starts reading; `total_bytes` is the size of the inputs when
    /// every input is a file.
    fn start(&self, _total_bytes: Option<u64>) {}
    /// Raw input bytes read so far.
    fn progress(&self, _bytes_read: u64) {}
    /// Records read so far (only runs that count them report it).
    fn posts(&self, _posts_read: u64) {}
    /// The run read its last batch.
    fn finish(&self) {}
}

/// The observer that drops everything.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Observer for Silent {}

/// What a note is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// An input is opened: its format and the fields read.
    Reading,
    /// A lexicon's import could not honour something (a warning).
    Import,
    /// The compiled lexicon has a problem, e.g. a term that normalizes to
    /// nothing (a warning).
    Lexicon,
    /// Records were skipped; the first locations follow (a warning).
    Skipped,
    /// Dates that are missing or cannot be read (a warning).
    Dates,
    /// Weights that are missing, unreadable or ambiguous (a warning).
    Weights,
    /// Anything else a command warns about (a warning).
    Warning,
    /// Anything else a command reports (how many lines, strata, …).
    Info,
}

/// A note of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// What it is about.
    pub kind: NoteKind,
    /// The text, which may span lines.
    pub message: String,
}

impl Note {
    /// A note of `kind`.
    pub fn new(kind: NoteKind, message: impl Into<String>) -> Note {
        Note {
            kind,
            message: message.into(),
        }
    }

    /// Whether the note is a warning (printed as `warning: …`).
    pub fn is_warning(&self) -> bool {
        !matches!(self.kind, NoteKind::Reading | NoteKind::Info)
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_warning() {
            write!(f, "warning: {}", self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}
