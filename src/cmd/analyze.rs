//! `lexiscope analyze`: the share of posts per category with intervals,
//! optionally broken down (`--by`, `--every`), weighted (`--weight`),
//! deduplicated (`--dedupe`), with cluster-bootstrap intervals (`--cluster`)
//! and the co-occurrence matrix (`--cooccurrence`).
//!
//! config (resolved by `cmd::config`) → outputs opened (an unwritable path
//! fails before the work) → prepare (lexicons compiled, inputs opened) →
//! pipeline (every post counted) → report → render. No post analyzed is
//! a warning with its reason and exit 1, and no table of dashes. The work is the
//! library's (`pipeline::analysis`); this file only says where it goes.

use std::path::Path;

use super::output::Output;
use super::pictures::Pictures;
use super::settings::AnalyzeSettings;
use crate::error::{Error, Result};
use crate::pipeline::{prepare_analysis, report as report_of};
use crate::report::{OutputFormat, Report};

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

    let report = report_of(&tally, config);
    let nothing = nothing_analyzed(&report);
    if let (Some(out), Some(target)) = (report_out, &s.report) {
        // A table of dashes says nothing; data formats keep the zeros.
        if nothing.is_none() || s.format != OutputFormat::Table {
            out.write_with(|w| report.render(s.format, w, target.options()))?;
        }
    }
    match nothing {
        None => pictures.write(&report, Some(config), None),
        Some(why) => Err(Error::NothingAnalyzed(why)),
    }
}

/// Why no post was analyzed, when none was: no record, every record
/// skipped, or every post empty after normalization.
fn nothing_analyzed(report: &Report) -> Option<String> {
    let t = &report.totals;
    if t.posts_analyzed > 0 {
        return None;
    }
    let inputs: Vec<&str> = report
        .provenance
        .inputs
        .iter()
        .map(|i| i.path.as_str())
        .collect();
    let inputs = inputs.join(", ");
    let why = if t.posts_read == 0 {
        format!("{inputs} holds no record (an empty file, or a header only)")
    } else if t.posts_skipped == t.posts_read {
        let reasons: Vec<String> = t
            .skipped_by_reason
            .iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
        format!(
            "all {} records were skipped ({}); the lines above say where",
            t.posts_read,
            reasons.join(", ")
        )
    } else {
        let fields: Vec<String> = report
            .provenance
            .options
            .get("fields")
            .and_then(|f| f.as_array())
            .into_iter()
            .flatten()
            .filter_map(|f| f.get("text"))
            .map(|t| match t.as_array() {
                Some(parts) => parts
                    .iter()
                    .filter_map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join(" + "),
                None => t.as_str().unwrap_or_default().to_string(),
            })
            .collect();
        let skipped = if t.posts_skipped > 0 {
            format!(" ({} more records skipped)", t.posts_skipped)
        } else {
            String::new()
        };
        format!(
            "the {} posts read{skipped} have no word or emoji in their text field {:?} (blank, punctuation or URLs only); check --text",
            t.posts_empty,
            fields.join(", ")
        )
    };
    Some(format!("no post was analyzed: {why}"))
}
