//! The words of a chart: title and subtitle, the caption (corpus,
//! denominator, interval, lexicons, tool version), hover titles of marks,
//! group names, and the order categories are drawn in.

use super::style::{EM_ADVANCE, INK, MUTED, PAD, WIDTH, wrap};
use crate::report::svg::{Svg, num};
use crate::report::{ANY_ID, CategoryRow, Group, Report, ci, pct, pct_label, thousands};

/// File names of the inputs: `cartel-posts.csv, more.jsonl`.
pub fn corpus_names(report: &Report) -> String {
    let names: Vec<String> = report
        .provenance
        .inputs
        .iter()
        .map(|i| {
            std::path::Path::new(&i.path)
                .file_name()
                .map_or_else(|| i.path.clone(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
    if names.is_empty() {
        "(none)".to_string()
    } else {
        names.join(", ")
    }
}

/// The words a publisher sets on a chart (`--title`, `--subtitle`,
/// `--source`, `--note`); what is not set is lexiscope's own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChartText {
    /// Replaces the chart's title.
    pub title: Option<String>,
    /// Replaces the subtitle (the any-category line).
    pub subtitle: Option<String>,
    /// `Source: …`, the first line of the caption.
    pub source: Option<String>,
    /// `Note: …`, after the source.
    pub note: Option<String>,
}

impl ChartText {
    /// The title: the one set, else `default`.
    pub(crate) fn title(&self, default: &str) -> String {
        self.title.clone().unwrap_or_else(|| default.to_string())
    }

    /// The subtitle: the one set, else `default`.
    pub(crate) fn subtitle(&self, default: &str) -> String {
        self.subtitle.clone().unwrap_or_else(|| default.to_string())
    }
}

/// The caption: the publisher's source and note, then the corpus (and
/// what lexiscope knows of it: that it is the synthetic example corpus),
/// denominator, interval, lexicons, and `extra`.
pub(crate) fn caption(report: &Report, extra: &str, text: &ChartText) -> String {
    let mut s = String::new();
    for (label, value) in [("Source", &text.source), ("Note", &text.note)] {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            s.push_str(&format!("{label}: {v}"));
            if !v.ends_with(['.', '!', '?']) {
                s.push('.');
            }
            s.push(' ');
        }
    }
    s.push_str(&format!("Corpus: {}. ", corpus_names(report)));
    if let Some(note) = report.input_note() {
        s.push_str(&note);
        s.push(' ');
    }
    s.push_str(&report.denominator_note());
    if !extra.is_empty() {
        s.push(' ');
        s.push_str(extra);
    }
    s.push_str(&format!(" lexiscope {}.", report.provenance.tool_version));
    s
}

/// Write wrapped caption lines from `y`; returns the y below them.
pub(crate) fn write_caption(svg: &mut Svg, text: &str, y: f64) -> f64 {
    let size = 11.5;
    let chars = ((WIDTH - 2.0 * PAD) / (size * EM_ADVANCE)) as usize;
    let lines = wrap(text, chars);
    svg.open(
        "text",
        &[
            ("class", "caption"),
            ("font-size", &num(size)),
            ("fill", MUTED),
        ],
    );
    for (i, line) in lines.iter().enumerate() {
        svg.text_el(
            "tspan",
            &[
                ("x", &num(PAD)),
                ("y", &num(y + size + i as f64 * size * 1.35)),
            ],
            line,
        );
    }
    svg.close();
    y + size + lines.len() as f64 * size * 1.35
}

pub(crate) fn caption_height(text: &str) -> f64 {
    let size = 11.5;
    let chars = ((WIDTH - 2.0 * PAD) / (size * EM_ADVANCE)) as usize;
    size + wrap(text, chars).len() as f64 * size * 1.35 + PAD
}

pub(crate) fn categories_of(rows: &[CategoryRow]) -> impl Iterator<Item = &CategoryRow> {
    rows.iter().filter(|c| c.id != ANY_ID)
}

/// Category ids sorted by share, largest first (ties by id).
pub(crate) fn order_by_share(rows: &[CategoryRow]) -> Vec<String> {
    let mut v: Vec<&CategoryRow> = categories_of(rows).collect();
    v.sort_by(|a, b| {
        b.share
            .unwrap_or(-1.0)
            .total_cmp(&a.share.unwrap_or(-1.0))
            .then_with(|| a.id.cmp(&b.id))
    });
    v.into_iter().map(|c| c.id.clone()).collect()
}

pub(crate) fn row_title(c: &CategoryRow, conf: f64, n: u64) -> String {
    format!(
        "{}: {} ({}% CI {}), {} of {} posts",
        c.label,
        pct(c.share),
        pct_label(conf),
        ci(c.ci_low, c.ci_high),
        thousands(c.posts),
        thousands(n)
    )
}

pub(crate) fn any_line(rows: &[CategoryRow], conf: f64, n: u64) -> String {
    match rows.iter().find(|c| c.id == ANY_ID) {
        Some(a) => format!(
            "Any category: {} ({}% CI {}) of {} posts analyzed",
            pct(a.share),
            pct_label(conf),
            ci(a.ci_low, a.ci_high),
            thousands(n)
        ),
        None => format!("{} posts analyzed", thousands(n)),
    }
}

const TITLE_SIZE: f64 = 18.0;
const SUBTITLE_SIZE: f64 = 13.0;

/// Lines of `text` at `size` px in the chart's width (bold runs wider).
fn heading_lines(text: &str, size: f64, bold: bool) -> Vec<String> {
    let advance = if bold { 0.62 } else { 0.56 };
    wrap(text, ((WIDTH - 2.0 * PAD) / (size * advance)) as usize)
}

/// Height of the title and subtitle, wrapped to the width.
pub(crate) fn heading_height(title: &str, subtitle: &str) -> f64 {
    let t = heading_lines(title, TITLE_SIZE, true).len().max(1) as f64;
    let s = heading_lines(subtitle, SUBTITLE_SIZE, false).len().max(1) as f64;
    62.0 + (t - 1.0) * TITLE_SIZE * 1.25 + (s - 1.0) * SUBTITLE_SIZE * 1.35
}

/// Title and subtitle, wrapped at word boundaries (never cut at the
/// edge); returns the y below them.
pub(crate) fn heading(svg: &mut Svg, title: &str, subtitle: &str) -> f64 {
    let mut y = 28.0;
    for (class, text, size, bold, fill) in [
        ("title", title, TITLE_SIZE, true, INK),
        ("subtitle", subtitle, SUBTITLE_SIZE, false, MUTED),
    ] {
        let lines = heading_lines(text, size, bold);
        let size_s = num(size);
        let mut attrs = vec![
            ("class", class),
            ("font-size", size_s.as_str()),
            ("fill", fill),
        ];
        if bold {
            attrs.push(("font-weight", "bold"));
        }
        svg.open("text", &attrs);
        let step = if bold { 1.25 } else { 1.35 };
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                y += size * step;
            }
            svg.text_el("tspan", &[("x", &num(PAD)), ("y", &num(y))], line);
        }
        svg.close();
        y += 20.0;
    }
    heading_height(title, subtitle)
}

pub(crate) fn legend_note(report: &Report) -> String {
    let mut note = format!(
        "Bars: share of posts; whiskers: {}% interval.",
        pct_label(report.confidence)
    );
    if let Some(v) = &report.validation {
        note.push_str(&format!(
            " Diamonds under the bars: the share corrected by {} coded posts ({}), with its interval.",
            thousands(v.found),
            v.method
        ));
    }
    note
}

/// `Page Name: El Blog · year: 2019`.
pub fn group_name(g: &Group) -> String {
    g.keys
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(" · ")
}
