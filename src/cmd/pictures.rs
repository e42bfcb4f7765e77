//! The `--chart` and `--html` outputs of `analyze`, `check`, `reproduce`
//! and `merge`: opened before the work, so an unwritable path fails first,
//! and written from the finished report. The page's KWIC samples take a
//! second, silent pass over the inputs.

use super::output::Output;
use super::settings::PictureSettings;
use crate::config::Config;
use crate::error::Result;
use crate::pipeline::sample_by_category;
use crate::report::html::{self, ClaimsPart};
use crate::report::{Report, chart};

/// Characters of context on each side of a match in the HTML samples.
const KWIC_WINDOW: usize = 40;

/// The opened picture files.
pub struct Pictures {
    settings: PictureSettings,
    chart: Option<Output>,
    html: Option<Output>,
}

impl Pictures {
    /// Open the files of `--chart` and `--html`.
    pub fn open(settings: &PictureSettings) -> Result<Pictures> {
        Ok(Pictures {
            settings: settings.clone(),
            chart: Output::open_some(settings.chart.as_deref())?,
            html: Output::open_some(settings.html.as_deref())?,
        })
    }

    /// Draw the chart and write the HTML page; its samples of matches are
    /// drawn from the inputs of `posts` (none for `merge`, which reads
    /// tallies).
    pub fn write(
        self,
        report: &Report,
        posts: Option<&Config>,
        claims: Option<ClaimsPart<'_>>,
    ) -> Result<()> {
        if let Some(out) = self.chart {
            let svg = chart::chart(report, "chart", &self.settings.text);
            let png = self
                .settings
                .chart
                .as_deref()
                .and_then(|p| p.extension())
                .is_some_and(|e| e.eq_ignore_ascii_case("png"));
            if png {
                let bytes = crate::report::png::png(&svg).map_err(crate::error::Error::Usage)?;
                out.write_with(|w| w.write_all(&bytes))?;
            } else {
                out.write_with(|w| w.write_all(svg.as_bytes()))?;
            }
        }
        let Some(out) = self.html else {
            return Ok(());
        };
        // The page's own heading carries the title: its charts keep theirs.
        let inner = chart::ChartText {
            source: self.settings.text.source.clone(),
            note: self.settings.text.note.clone(),
            ..Default::default()
        };
        let mut charts = vec![("All posts".to_string(), chart::bars(report, "bars", &inner))];
        if !report.groups.is_empty() {
            let heading = if report.period.is_some() {
                "Over time"
            } else {
                "By group"
            };
            charts.push((
                heading.to_string(),
                chart::chart(report, "breakdown", &inner),
            ));
        }
        let s = &self.settings;
        let samples = match posts {
            None => Err("No samples: the report was merged from tallies, which hold counts, not posts.".to_string()),
            Some(_) if s.kwic_sample == 0 => Err("No samples: --kwic-sample 0.".to_string()),
            Some(config) if config.reads_once() => Err("No samples: standard input cannot be read a second time (nor can an Arrow stream); give the input as a file.".to_string()),
            Some(config) => Ok(sample_by_category(config, s.kwic_sample, s.seed, KWIC_WINDOW)?),
        };
        let page = html::Page {
            report,
            charts,
            samples,
            sample_note: format!(
                "A reproducible random sample of up to {} matches per category (--kwic-sample {}, --seed {}): the same inputs, lexicons and seed give the same lines. {} characters of context on each side; the post id and its input line come first.",
                s.kwic_sample, s.kwic_sample, s.seed, KWIC_WINDOW
            ),
            claims,
            run: Some(run_info()),
            text: s.text.clone(),
        };
        out.write_with(|w| html::render(&page, w))
    }
}

/// When (UTC; `SOURCE_DATE_EPOCH` when it is set, for reproducible
/// builds of a page) and by which command line this run was made.
fn run_info() -> html::RunInfo {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let date = chrono::DateTime::from_timestamp(seconds, 0).map_or_else(String::new, |d| {
        d.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    });
    let command: Vec<String> = std::env::args_os()
        .enumerate()
        .map(|(i, a)| {
            let a = a.to_string_lossy();
            let a = if i == 0 {
                std::path::Path::new(a.as_ref())
                    .file_name()
                    .map_or(a.to_string(), |n| n.to_string_lossy().into_owned())
            } else {
                a.into_owned()
            };
            shell_quote(&a)
        })
        .collect();
    html::RunInfo {
        date,
        command: command.join(" "),
    }
}

/// `s` quoted for a POSIX shell when it needs it.
fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn quotes_what_a_shell_would_split() {
        assert_eq!(shell_quote("--by"), "--by");
        assert_eq!(shell_quote("Page Name"), "'Page Name'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote(""), "''");
    }
}
