//! `lexiscope analyze`: the share of posts per category with intervals,
//! optionally broken down (`--by`, `--every`), weighted (`--weight`),
//! deduplicated (`--dedupe`), with cluster-bootstrap intervals (`--cluster`)
//! and the co-occurrence matrix (`--cooccurrence`).
//!
//! config (resolved by `cmd::config`) → outputs opened (an unwritable path
//! fails before the work) → prepare (lexicons compiled, inputs opened) →
//! pipeline (every post counted) → report → render. The work is the
//! library's (`pipeline::analysis`); this file only says where it goes.

use std::path::Path;

use super::output::Output;
use super::pictures::Pictures;
use super::settings::AnalyzeSettings;
use crate::error::Result;
use crate::pipeline::prepare_analysis;

/// Run `analyze`.
pub fn run(s: &AnalyzeSettings) -> Result<()> {
    let config = &s.run.config;
    let tally_out = s
        .emit_tally
        .as_deref()
        .map(|p| Output::open((p != Path::new("-")).then_some(p)))
        .transpose()?;
    let report_out = match &s.report {
        Some(target) => Some(Output::open(target.path.as_deref())?),
        None => None,
    };
    let pictures = Pictures::open(&s.pictures)?;

    let prepared = prepare_analysis(config)?;
    let tally = prepared.tally(config)?;
    if let Some(out) = tally_out {
        out.write_with(|w| {
            serde_json::to_writer(&mut *w, &tally)?;
            writeln!(w)
        })?;
    }

    let report = tally.report();
    if let (Some(out), Some(target)) = (report_out, &s.report) {
        out.write_with(|w| report.render(s.format, w, target.raw_csv))?;
    }
    pictures.write(&report, Some(config), None)
}
