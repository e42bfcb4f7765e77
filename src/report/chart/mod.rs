//! Charts of a report as SVG, for publication: readable at 600 px wide,
//! generic font families only, the Okabe–Ito palette (Okabe & Ito 2008,
//! "Color Universal Design"), which stays distinct under the common forms
//! of colour blindness.
//!
//! - [`bars`]: horizontal bars of the category shares, sorted by share, each
//!   with its interval as a whisker (`<rect class="bar" data-category=…>`,
//!   `<line class="whisker" data-low=… data-high=…>`).
//! - [`small_multiples`] (`--by`): one panel of bars per group, stacked, on
//!   one common scale and with the categories in one order, so panels
//!   compare at a glance; grouped bars were tried on paper and read worse
//!   past three categories. At most [`MAX_PANELS`] groups (those with the
//!   most posts analyzed); the caption says how many were left out.
//! - [`timeline`] (`--every`): one line per category over the periods with
//!   its interval as a band; with `--by` too, one panel per group (at most
//!   [`MAX_TIME_PANELS`]).
//!
//! Every chart names its denominator, corpus and lexicons in the caption,
//! and every mark has a `<title>` with its figures (hover text, read aloud).
//! [`chart`] picks the one that fits the report.
//!
//! Files: `style` (sizes, palette, text width), `axis`, `caption`, `bars`
//! (bars and small multiples), `timeline`.

mod axis;
mod bars;
mod caption;
mod style;
mod timeline;

pub use axis::{Scale, nice_axis};
pub use bars::{bars, small_multiples};
pub use caption::{ChartText, corpus_names, group_name};
pub use style::{MAX_PANELS, MAX_SERIES, MAX_TIME_PANELS, PALETTE, WIDTH};
pub use timeline::timeline;

use crate::report::Report;

/// The chart that fits the report: a timeline with `--every`, small
/// multiples with `--by`, else bars; `text` sets its title, subtitle,
/// source and note.
pub fn chart(report: &Report, id: &str, text: &ChartText) -> String {
    if report.period.is_some() && !report.groups.is_empty() {
        timeline(report, id, text)
    } else if !report.groups.is_empty() {
        small_multiples(report, id, text)
    } else {
        bars(report, id, text)
    }
}
