//! The pipeline every run over posts goes through, callable without the
//! command line:
//!
//! ```text
//! config ──► prepare (lexicons compiled, inputs opened, fields resolved)
//!        ──► driver (batches read while the workers decode and scan)
//!        ──► per post: a tally (analysis), KWIC lines (kwic), an annotation (annotate)
//! ```
//!
//! Files: `prepare`, `provenance` (the provenance block of a run), `driver` (the one batch driver: pool, progress,
//! `--strict`, skipped records), `analysis` ([`analyze`], [`tally`]),
//! `kwic` (KWIC lines and samples), `annotate` ([`annotate`]), `evaluate`
//! (validation against human coding), `sheet_design` (how a coded sheet was
//! drawn: its strata and their sizes), `coded` (a coded sheet and its
//! comparisons), `validation` (the coded posts of `analyze --validation`).

mod analysis;
mod annotate;
pub mod coded;
mod driver;
pub mod evaluate;
mod kwic;
mod prepare;
mod provenance;
pub mod sheet_design;
pub mod validation;

pub use analysis::{AnalysisRun, analyze, prepare_analysis, report, tally};
pub use annotate::{Annotation, Annotations, Match, annotate, annotate_post, skipped_annotation};
pub use driver::{DECODE_CHUNK, Driver, Folded, Origin, Record};
pub use kwic::{
    KwicPlan, MAX_WINDOW, context, fired_terms, lines, sample_by_category, wanted_slots,
};
pub use prepare::{Prepared, load_lexicon, load_lexicons, open_sources, prepare};
