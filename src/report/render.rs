//! One report, many renderers: [`Report::render`] picks the renderer of an
//! [`OutputFormat`].

use std::io::Write;

use super::model::{OutputFormat, Report};
use super::{csv, json, markdown, table, xlsx};

/// How a rendering is fitted to where it goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RenderOptions {
    /// Write CSV cells as they are (no spreadsheet-formula guard).
    pub raw_csv: bool,
    /// Columns the terminal table is fitted to.
    pub width: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            raw_csv: false,
            width: table::DEFAULT_WIDTH,
        }
    }
}

impl Report {
    /// Render in `format` to `out`.
    pub fn render(
        &self,
        format: OutputFormat,
        out: &mut dyn Write,
        options: RenderOptions,
    ) -> std::io::Result<()> {
        match format {
            OutputFormat::Table => table::render(self, out, options.width),
            OutputFormat::Csv => csv::render(self, out, options.raw_csv),
            OutputFormat::Json => json::render(self, out),
            OutputFormat::Markdown => markdown::render(self, out),
            OutputFormat::Xlsx => xlsx::render(self, out),
        }
    }
}
