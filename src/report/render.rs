//! One report, many renderers: [`Report::render`] picks the renderer of an
//! [`OutputFormat`].

use std::io::Write;

use super::model::{OutputFormat, Report};
use super::{csv, json, markdown, table};

impl Report {
    /// Render in `format` to `out`.
    pub fn render(
        &self,
        format: OutputFormat,
        out: &mut dyn Write,
        raw_csv: bool,
    ) -> std::io::Result<()> {
        match format {
            OutputFormat::Table => table::render(self, out),
            OutputFormat::Csv => csv::render(self, out, raw_csv),
            OutputFormat::Json => json::render(self, out),
            OutputFormat::Markdown => markdown::render(self, out),
        }
    }
}
