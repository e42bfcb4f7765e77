//! The commands: thin drivers over the library, one file each. Every one
//! reads config → prepare → pipeline → report → render, and none imports
//! another. What they share lives beside them:
//!
//! - `config`: clap's raw arguments → resolved `settings` (the only file
//!   below this dispatch that sees clap's types);
//! - `stderr`: the observer that draws the progress bar and prints notes;
//! - `output`: stdout, a device written in place, or a file written whole
//!   or not at all, never one the run reads;
//! - `interrupt`: SIGINT, SIGTERM and SIGHUP remove half-written outputs;
//! - `pictures`: `--chart` and `--html`;
//! - `terminal`: the one sanitizer of what reaches a terminal (notes,
//!   errors, and stdout when it is one).
//!
//! The work itself (lexicons compiled, inputs opened, the one batch driver,
//! the per-post stages) is the library's `pipeline`.

mod analyze;
mod annotate;
mod check;
mod config;
mod evaluate;
mod formats;
mod interrupt;
mod kwic;
mod lexicon;
mod merge;
mod output;
mod pictures;
mod reproduce;
mod sample;
mod settings;
mod stderr;
mod terminal;

pub use stderr::print_line;
pub use terminal::printable;

use crate::cli::{Cli, Command, LexiconCommand};
use crate::error::Result;

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    interrupt::handle_interrupts();
    match cli.command {
        Command::Analyze(args) => analyze::run(&config::analyze(&args)?),
        Command::Kwic(args) => kwic::run(&config::kwic(&args)?),
        Command::Annotate(args) => annotate::run(&config::annotate(&args)?),
        Command::Sample(args) => sample::run(&config::sample(&args)?),
        Command::Evaluate(args) => evaluate::run(&config::evaluate(&args)?),
        Command::Check(args) => check::run(&config::check(&args)?),
        Command::Reproduce(args) => reproduce::run(&config::reproduce(&args)?),
        Command::Merge(args) => merge::run(&config::merge(&args)?),
        Command::Formats => formats::run(),
        Command::Lexicon(cmd) => match cmd {
            LexiconCommand::Test(args) => lexicon::test(&config::lexicon_test(&args)),
            LexiconCommand::Lint(args) => lexicon::lint(&config::lexicon_lint(&args)?),
            LexiconCommand::Diff(args) => lexicon::diff(&config::lexicon_diff(&args)?),
            LexiconCommand::Show(args) => lexicon::show(&config::lexicon_show(&args)?),
            LexiconCommand::Convert(args) => lexicon::convert(&config::lexicon_convert(&args)?),
        },
    }
}
