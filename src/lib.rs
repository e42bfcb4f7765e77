//! lexiscope: category lexicons over social-media exports.
//!
//! ```text
//! inputs ──► source (format detect, decode, field pick) ──► Post { id, text, fields } in batches
//! lexicon files ──► lexicon (parse + validate) ──► matcher::compile (one automaton + pattern table)
//! batch ──rayon──► matcher (text::normalize, scan, boundary check, resolve) ──► hits
//! hits ──► stats::Counts (mergeable) ──► report::Report (serde) ──► renderers
//! ```
//!
//! The library API, as the `analyze` command uses it:
//!
//! ```
//! use lexiscope::lexicon::parse_native;
//! use lexiscope::matcher::{MatchOptions, Scratch, compile};
//!
//! let lexicon = parse_native(r#"
//! [lexicon]
//! name = "demo"
//! [[category]]
//! id = "weapons"
//! terms = ["cuerno* de chivo", "🔫"]
//! "#.as_bytes(), "demo.toml").unwrap();
//! let matcher = compile(&[lexicon], &MatchOptions::default()).unwrap();
//! let mut scratch = Scratch::default();
//! let text = "Llegaron los CUERNOS-de-chivo 🔫";
//! matcher.scan(text, &mut scratch);
//! let spans: Vec<&str> = scratch.hits().iter().map(|h| &text[h.orig_start..h.orig_end]).collect();
//! assert_eq!(spans, ["CUERNOS-de-chivo", "🔫"]);
//! ```
//!
//! Dependencies point one way: `cmd` → `source`, `lexicon`, `matcher`,
//! `stats`, `report`; `matcher` → `lexicon` → `text`; `report` → `stats`.
#![warn(missing_docs)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod digest;
pub mod error;
pub mod lexicon;
pub mod matcher;
pub mod observer;
pub mod pipeline;
pub mod report;
pub mod source;
pub mod stats;
pub mod text;

pub use config::{Analysis, Config, Dedupe, Input, LexiconSpec};
pub use error::{Error, Result};
pub use observer::{Note, NoteKind, Observer};
pub use pipeline::{Annotation, Annotations, analyze, annotate, tally};
