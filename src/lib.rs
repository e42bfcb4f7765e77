//! lexiscope: category lexicons over social-media exports.
//!
//! ```text
//! inputs ──► source (format detect, decode, field pick) ──► Post { id, text, fields } in batches
//! lexicon files ──► lexicon (parse + validate) ──► matcher::compile (one automaton + pattern table)
//! batch ──rayon──► matcher (text::normalize, scan, boundary check, resolve) ──► hits
//! hits ──► stats::Counts (mergeable) ──► report::Report (serde) ──► renderers
//! ```
//!
//! Dependencies point one way: `cmd` → `source`, `lexicon`, `matcher`,
//! `stats`, `report`; `matcher` → `lexicon` → `text`; `report` → `stats`.
#![warn(missing_docs)]

pub mod cli;
pub mod cmd;
pub mod error;
pub mod lexicon;
pub mod matcher;
pub mod report;
pub mod source;
pub mod stats;
pub mod text;

pub use error::{Error, Result};
