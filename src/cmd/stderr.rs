//! The command line's [`Observer`]: a progress bar on stderr over the input
//! bytes (drawn only when stderr is a terminal), and every note as
//! `lexiscope: …` on stderr; `-q` silences both (errors are still printed).
//! stdout is data, stderr is for humans.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::terminal::printable;
use crate::observer::{Note, NoteKind, Observer};
use crate::report::thousands;

/// Print a message on stderr, each of its lines wrapped at word
/// boundaries to the terminal's width when stderr is a terminal (a log
/// file keeps one line per message, for grep). A failed write (stderr
/// closed, full or a broken pipe) is ignored: a message nobody can read is
/// no reason to panic (`eprintln!` would) or to change the exit code.
pub fn print_line(line: &str) {
    let text = match super::terminal::stderr_width() {
        Some(width) => line
            .lines()
            .map(|l| crate::report::table::wrap(l, width))
            .collect::<Vec<_>>()
            .join("\n"),
        None => line.to_string(),
    };
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// Notes and progress on stderr.
pub struct Stderr {
    quiet: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl Stderr {
    /// Notes and progress, unless `quiet`.
    pub fn new(quiet: bool) -> Stderr {
        Stderr {
            quiet,
            bar: Mutex::new(None),
        }
    }

    /// A note of the command itself (how many lines, strata, …).
    pub fn info(&self, message: impl Into<String>) {
        self.note(&Note::new(NoteKind::Info, message));
    }

    /// A warning of the command itself.
    pub fn warn(&self, message: impl Into<String>) {
        self.note(&Note::new(NoteKind::Warning, message));
    }

    fn with_bar(&self, f: impl FnOnce(&ProgressBar)) {
        if let Ok(bar) = self.bar.lock()
            && let Some(bar) = bar.as_ref()
        {
            f(bar);
        }
    }
}

impl Observer for Stderr {
    fn note(&self, note: &Note) {
        if !self.quiet {
            print_line(&format!("lexiscope: {}", printable(&note.to_string())));
        }
    }

    fn start(&self, total_bytes: Option<u64>) {
        if self.quiet || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::with_draw_target(total_bytes, ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{spinner} {bytes}/{total_bytes} [{bar:30}] {binary_bytes_per_sec} ETA {eta} {msg}",
        )
        .expect("the template is valid")
        .progress_chars("█▌ ");
        bar.set_style(style);
        if let Ok(mut slot) = self.bar.lock() {
            *slot = Some(bar);
        }
    }

    fn progress(&self, bytes_read: u64) {
        self.with_bar(|bar| bar.set_position(bytes_read));
    }

    fn posts(&self, posts_read: u64) {
        self.with_bar(|bar| bar.set_message(format!("{} posts", thousands(posts_read))));
    }

    fn finish(&self) {
        self.with_bar(ProgressBar::finish_and_clear);
    }
}
