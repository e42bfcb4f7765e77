//! The report: one serde model built once from the counts, rendered as a
//! terminal table, CSV, JSON, Markdown or an `.xlsx` workbook, and as SVG charts and a
//! self-contained HTML page. The JSON form is a public contract
//! (DESIGN.md §6, schema `lexiscope.report/1`): fields may be added, the
//! existing ones keep their names and meaning.
//!
//! Files: `model` (the report and tally-file types), `build` (counts →
//! report), `corrected` (shares corrected by a coded sheet), `format` (how numbers are written), `render` (format →
//! renderer), the renderers `table`, `csv`, `json`, `markdown`, the pictures
//! [`chart`] (SVG, over [`svg`]; [`png`] rasterises it) and [`html`], [`xml`] (the one escape), and
//! [`junit`] for lexicon tests; `merge` adds up the tallies of shards;
//! `select` keeps the categories `--categories` names.

mod build;
pub mod chart;
pub mod claims;
mod corrected;
pub mod csv;
mod format;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
mod merge;
mod model;
pub mod png;
mod render;
pub mod rows;
mod select;
pub mod svg;
pub mod table;
pub mod xlsx;
pub mod xml;

pub use build::category_rows;
pub use corrected::METHOD as CORRECTION_METHOD;
pub use format::{ci, clip, one_line, pct, pct_label, thousands};
pub use merge::{folded_warning, merge};
pub use model::{
    ANY_ID, CategoryRow, CodedComparison, Cooccurrence, CorrectedShare, DateSpan, FiredTerm, Group,
    InputRef, KwicLine, Layout, LexiconRef, OutputFormat, Provenance, Report, SCHEMA, TALLY_SCHEMA,
    TallyFile, TermCount, Totals, UniquePart, Validation, ValidationInput,
};
pub use render::RenderOptions;
pub use select::CategoryFilter;
