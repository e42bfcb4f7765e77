//! One file per subcommand; each reads like the pipeline: compile the lexicon
//! (fail before reading data) → open sources → read a batch → scan in
//! parallel → merge the tally → build the report → render. This file holds
//! the dispatch and what the commands share: loading lexicons, the progress
//! bar and writing an output file whole or not at all.

pub mod analyze;
pub mod lexicon;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{Cli, Command, LexiconCommand};
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Analyze(args) => analyze::run(&args).context("analyze"),
        Command::Lexicon(LexiconCommand::Test(args)) => lexicon::test(&args),
        Command::Lexicon(LexiconCommand::Show(args)) => lexicon::show(&args),
    }
}

/// Load the lexicons named on the command line, or the built-in default.
pub fn load_lexicons(specs: &[String]) -> Result<Vec<Lexicon>> {
    if specs.is_empty() {
        return Ok(vec![Lexicon::builtin_default()]);
    }
    specs.iter().map(|s| Lexicon::load(s)).collect()
}

/// A progress bar on stderr over `total` input bytes, drawn only when stderr
/// is a terminal and the user did not ask for quiet.
pub fn progress(total: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let style = ProgressStyle::with_template(
        "{spinner} {bytes}/{total_bytes} [{bar:30}] {binary_bytes_per_sec} ETA {eta} {msg}",
    )
    .expect("the template is valid")
    .progress_chars("█▌ ");
    bar.set_style(style);
    bar
}

/// Where a command's output goes: stdout, or a file written through a
/// temporary sibling and renamed at the end, so an interrupted run leaves no
/// half-written file.
pub struct Output {
    target: Option<(PathBuf, tempfile::NamedTempFile)>,
}

impl Output {
    /// Open `path`, or stdout when `None`.
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(path) = path else {
            return Ok(Output { target: None });
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".lexiscope-")
            .tempfile_in(dir)
            .map_err(|e| Error::io(path, e))?;
        Ok(Output {
            target: Some((path.to_path_buf(), tmp)),
        })
    }

    /// Write with `f`, then commit (rename into place, or flush stdout).
    pub fn write_with(self, f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
        match self.target {
            None => {
                let stdout = std::io::stdout();
                let mut out = std::io::BufWriter::new(stdout.lock());
                f(&mut out)
                    .and_then(|()| out.flush())
                    .map_err(|e| Error::io("<stdout>", e))
            }
            Some((path, tmp)) => {
                let mut out = std::io::BufWriter::new(tmp.as_file());
                f(&mut out)
                    .and_then(|()| out.flush())
                    .map_err(|e| Error::io(&path, e))?;
                drop(out);
                tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
                Ok(())
            }
        }
    }
}
