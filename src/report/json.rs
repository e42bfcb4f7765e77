//! The JSON report: pretty-printed, stable key order, a final newline.
//! Same inputs give byte-identical output whatever the thread count.

use std::io::Write;

use super::model::Report;

/// Write the report as JSON.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
