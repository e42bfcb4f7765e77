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

use std::collections::{BTreeMap, BTreeSet};

use super::svg::{Svg, num};
use super::{ANY_ID, CategoryRow, Group, Report, ci, pct, pct_label, thousands};

/// Width of every chart, in user units (px at 100%).
pub const WIDTH: f64 = 640.0;
/// Most groups drawn as panels of bars.
pub const MAX_PANELS: usize = 12;
/// Most groups drawn as panels of lines.
pub const MAX_TIME_PANELS: usize = 6;
/// Most categories drawn as lines (the palette's size).
pub const MAX_SERIES: usize = 8;

/// The Okabe–Ito palette, in the order series get it (yellow, the weakest
/// on white, last).
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
];
const BAR_FILL: &str = "#0072B2";
const INK: &str = "#222222";
const MUTED: &str = "#555555";
const GRID: &str = "#DDDDDD";

const PAD: f64 = 16.0;
const ROW: f64 = 26.0;
const BAR_H: f64 = 16.0;
/// Average advance of a character of a generic sans-serif face, in ems.
const EM_ADVANCE: f64 = 0.56;
const LABEL_CHARS: usize = 40;

/// A linear map from shares to x (or y) coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Share at `r0`.
    pub d0: f64,
    /// Share at `r1`.
    pub d1: f64,
    /// Coordinate of `d0`.
    pub r0: f64,
    /// Coordinate of `d1`.
    pub r1: f64,
}

impl Scale {
    /// The coordinate of a share.
    pub fn map(&self, v: f64) -> f64 {
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// A round upper end of an axis from 0 that holds `max`, and its tick step.
pub fn nice_axis(max: f64) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 {
        max.min(1.0)
    } else {
        0.01
    };
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let top = ((max / step) - 1e-9).ceil() * step;
    (top.max(step).min(1.0), step)
}

/// A tick label: `0%`, `2.5%`, `0.02%`.
fn tick_label(v: f64, step: f64) -> String {
    let pct = v * 100.0;
    let step_pct = step * 100.0;
    let decimals = if step_pct >= 1.0 && (step_pct.fract()).abs() < 1e-9 {
        0
    } else {
        ((-step_pct.log10()).ceil().max(0.0) as usize + 1).min(4)
    };
    let s = format!("{pct:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("{s}%")
}

/// Estimated width of `s` at `size` px.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * EM_ADVANCE
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n - 1).collect();
        out.push('…');
        out
    }
}

/// Greedy word wrap to `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn confidence(report: &Report) -> f64 {
    report
        .provenance
        .options
        .get("confidence")
        .and_then(|v| v.as_f64())
        .unwrap_or(0.95)
}

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

/// The caption: corpus, denominator, interval, lexicons, and `extra`.
fn caption(report: &Report, extra: &str) -> String {
    let mut s = format!(
        "Corpus: {}. {}",
        corpus_names(report),
        report.denominator_note()
    );
    if !extra.is_empty() {
        s.push(' ');
        s.push_str(extra);
    }
    s.push_str(&format!(" lexiscope {}.", report.provenance.tool_version));
    s
}

/// Write wrapped caption lines from `y`; returns the y below them.
fn write_caption(svg: &mut Svg, text: &str, y: f64) -> f64 {
    let size = 11.5;
    let chars = ((WIDTH - 2.0 * PAD) / (size * 0.5)) as usize;
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

fn caption_height(text: &str) -> f64 {
    let size = 11.5;
    let chars = ((WIDTH - 2.0 * PAD) / (size * 0.5)) as usize;
    size + wrap(text, chars).len() as f64 * size * 1.35 + PAD
}

fn categories_of(rows: &[CategoryRow]) -> impl Iterator<Item = &CategoryRow> {
    rows.iter().filter(|c| c.id != ANY_ID)
}

/// Category ids sorted by share, largest first (ties by id).
fn order_by_share(rows: &[CategoryRow]) -> Vec<String> {
    let mut v: Vec<&CategoryRow> = categories_of(rows).collect();
    v.sort_by(|a, b| {
        b.share
            .unwrap_or(-1.0)
            .total_cmp(&a.share.unwrap_or(-1.0))
            .then_with(|| a.id.cmp(&b.id))
    });
    v.into_iter().map(|c| c.id.clone()).collect()
}

fn row_title(c: &CategoryRow, conf: f64, n: u64) -> String {
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

fn any_line(rows: &[CategoryRow], conf: f64, n: u64) -> String {
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

/// Title and subtitle; returns the y below them.
fn heading(svg: &mut Svg, title: &str, subtitle: &str) -> f64 {
    svg.text_el(
        "text",
        &[
            ("class", "title"),
            ("x", &num(PAD)),
            ("y", "28"),
            ("font-size", "18"),
            ("font-weight", "bold"),
            ("fill", INK),
        ],
        title,
    );
    svg.text_el(
        "text",
        &[
            ("class", "subtitle"),
            ("x", &num(PAD)),
            ("y", "48"),
            ("font-size", "13"),
            ("fill", MUTED),
        ],
        subtitle,
    );
    62.0
}

/// Geometry of a panel of bars.
struct BarLayout {
    label_right: f64,
    scale: Scale,
    step: f64,
}

fn bar_layout(labels: &[String], top: f64) -> BarLayout {
    let longest = labels
        .iter()
        .map(|l| text_width(&clip(l, LABEL_CHARS), 13.0))
        .fold(40.0f64, f64::max)
        .min(250.0);
    let label_right = PAD + longest;
    let (max, step) = nice_axis(top);
    BarLayout {
        label_right,
        scale: Scale {
            d0: 0.0,
            d1: max,
            r0: label_right + 10.0,
            r1: WIDTH - PAD - 62.0,
        },
        step,
    }
}

/// Grid lines over `[y0, y1]` and tick labels under it.
fn x_axis(svg: &mut Svg, layout: &BarLayout, y0: f64, y1: f64) {
    let s = layout.scale;
    svg.open(
        "g",
        &[
            ("class", "axis"),
            ("data-min", &s.d0.to_string()),
            ("data-max", &s.d1.to_string()),
            ("data-x0", &num(s.r0)),
            ("data-x1", &num(s.r1)),
        ],
    );
    let ticks = (s.d1 / layout.step).round() as usize;
    for i in 0..=ticks {
        let v = i as f64 * layout.step;
        let x = num(s.map(v));
        svg.leaf(
            "line",
            &[
                ("class", "grid"),
                ("x1", &x),
                ("x2", &x),
                ("y1", &num(y0)),
                ("y2", &num(y1)),
                ("stroke", if i == 0 { "#888888" } else { GRID }),
                ("stroke-width", "1"),
            ],
        );
        svg.text_el(
            "text",
            &[
                ("class", "tick"),
                ("x", &x),
                ("y", &num(y1 + 14.0)),
                ("text-anchor", "middle"),
                ("font-size", "11"),
                ("fill", MUTED),
            ],
            &tick_label(v, layout.step),
        );
    }
    svg.close();
}

/// Rows of bars from `y`; returns the y below the tick labels.
fn bar_rows(
    svg: &mut Svg,
    layout: &BarLayout,
    rows: &[&CategoryRow],
    y: f64,
    conf: f64,
    n: u64,
    group: Option<&str>,
) -> f64 {
    let height = rows.len() as f64 * ROW;
    x_axis(svg, layout, y, y + height);
    let s = layout.scale;
    for (i, c) in rows.iter().enumerate() {
        let mid = y + i as f64 * ROW + ROW / 2.0;
        let mut g = vec![("class", "row"), ("data-category", c.id.as_str())];
        if let Some(k) = group {
            g.push(("data-group", k));
        }
        svg.open("g", &g);
        svg.text_titled(
            "text",
            &[
                ("class", "label"),
                ("x", &num(layout.label_right)),
                ("y", &num(mid + 4.5)),
                ("text-anchor", "end"),
                ("fill", INK),
            ],
            &clip(&c.label, LABEL_CHARS),
            &c.label,
        );
        let share = c.share.unwrap_or(0.0);
        let x0 = s.map(0.0);
        let mut bar = vec![
            ("class", "bar"),
            ("data-category", c.id.as_str()),
            ("fill", BAR_FILL),
        ];
        if let Some(k) = group {
            bar.push(("data-group", k));
        }
        let share_s = share.to_string();
        bar.push(("data-share", &share_s));
        let (x, yy, w, h) = (
            num(x0),
            num(mid - BAR_H / 2.0),
            num(s.map(share) - x0),
            num(BAR_H),
        );
        bar.extend([("x", x.as_str()), ("y", &yy), ("width", &w), ("height", &h)]);
        svg.titled("rect", &bar, &row_title(c, conf, n));
        let mut end = s.map(share);
        if let (Some(lo), Some(hi)) = (c.ci_low, c.ci_high) {
            let (xl, xh) = (s.map(lo), s.map(hi));
            let (lo_s, hi_s) = (lo.to_string(), hi.to_string());
            svg.leaf(
                "line",
                &[
                    ("class", "whisker"),
                    ("data-category", c.id.as_str()),
                    ("data-low", &lo_s),
                    ("data-high", &hi_s),
                    ("x1", &num(xl)),
                    ("x2", &num(xh)),
                    ("y1", &num(mid)),
                    ("y2", &num(mid)),
                    ("stroke", INK),
                    ("stroke-width", "1.5"),
                ],
            );
            for x in [xl, xh] {
                svg.leaf(
                    "line",
                    &[
                        ("class", "cap"),
                        ("x1", &num(x)),
                        ("x2", &num(x)),
                        ("y1", &num(mid - 5.0)),
                        ("y2", &num(mid + 5.0)),
                        ("stroke", INK),
                        ("stroke-width", "1.5"),
                    ],
                );
            }
            end = end.max(xh);
        }
        svg.text_el(
            "text",
            &[
                ("class", "value"),
                ("x", &num(end + 6.0)),
                ("y", &num(mid + 4.5)),
                ("font-size", "12"),
                ("fill", INK),
            ],
            &pct(c.share),
        );
        svg.close();
    }
    y + height + 22.0
}

fn legend_note(conf: f64) -> String {
    format!(
        "Bars: share of posts; whiskers: {}% interval.",
        pct_label(conf)
    )
}

/// Horizontal bars of the category shares, sorted by share, with whiskers.
pub fn bars(report: &Report, id: &str) -> String {
    let conf = confidence(report);
    let n = report.totals.posts_analyzed;
    let order = order_by_share(&report.categories);
    let rows: Vec<&CategoryRow> = order
        .iter()
        .filter_map(|id| report.categories.iter().find(|c| &c.id == id))
        .collect();
    let labels: Vec<String> = rows.iter().map(|c| c.label.clone()).collect();
    let top = rows
        .iter()
        .filter_map(|c| c.ci_high.or(c.share))
        .fold(0.0, f64::max);
    let layout = bar_layout(&labels, top);
    let cap = caption(report, &legend_note(conf));
    let height = 62.0 + 8.0 + rows.len() as f64 * ROW + 22.0 + caption_height(&cap);
    let title = "Share of posts per category";
    let subtitle = any_line(&report.categories, conf, n);
    let mut svg = Svg::new(WIDTH, height, id, title, &format!("{subtitle}. {cap}"));
    background(&mut svg, height);
    let y = heading(&mut svg, title, &subtitle) + 8.0;
    let y = bar_rows(&mut svg, &layout, &rows, y, conf, n, None);
    write_caption(&mut svg, &cap, y);
    svg.finish()
}

fn background(svg: &mut Svg, height: f64) {
    svg.leaf(
        "rect",
        &[
            ("class", "background"),
            ("x", "0"),
            ("y", "0"),
            ("width", &num(WIDTH)),
            ("height", &num(height)),
            ("fill", "#FFFFFF"),
        ],
    );
}

/// `Page Name: El Blog · year: 2019`.
pub fn group_name(g: &Group) -> String {
    g.keys
        .iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The groups with the most posts analyzed (at most `max`), in key order.
fn biggest<'a>(groups: impl Iterator<Item = &'a Group>, max: usize) -> (Vec<&'a Group>, usize) {
    let mut v: Vec<(usize, &Group)> = groups
        .filter(|g| g.totals.posts_analyzed > 0)
        .enumerate()
        .collect();
    let total = v.len();
    v.sort_by(|a, b| {
        b.1.totals
            .posts_analyzed
            .cmp(&a.1.totals.posts_analyzed)
            .then(a.0.cmp(&b.0))
    });
    v.truncate(max);
    v.sort_by_key(|(i, _)| *i);
    (v.into_iter().map(|(_, g)| g).collect(), total)
}

/// One panel of bars per group (`--by`), stacked, on one scale.
pub fn small_multiples(report: &Report, id: &str) -> String {
    let conf = confidence(report);
    let order = order_by_share(&report.categories);
    let (groups, total) = biggest(report.groups.iter(), MAX_PANELS);
    let labels: Vec<String> = categories_of(&report.categories)
        .map(|c| c.label.clone())
        .collect();
    let top = groups
        .iter()
        .flat_map(|g| categories_of(&g.categories))
        .filter_map(|c| c.ci_high.or(c.share))
        .fold(0.0, f64::max);
    let layout = bar_layout(&labels, top);
    let mut extra = legend_note(conf);
    extra.push_str(" Each panel: its own denominator; one scale for all panels.");
    if total > groups.len() {
        extra.push_str(&format!(
            " {} of {} groups shown (those with the most posts).",
            groups.len(),
            total
        ));
    }
    if report.groups_hidden > 0 {
        extra.push_str(&format!(
            " {} groups under --min-posts left out.",
            report.groups_hidden
        ));
    }
    let cap = caption(report, &extra);
    let panel_h = |g: &Group| 24.0 + categories_of(&g.categories).count() as f64 * ROW + 22.0 + 8.0;
    let height = 62.0 + groups.iter().map(|g| panel_h(g)).sum::<f64>() + caption_height(&cap);
    let by: Vec<&str> = report
        .groups
        .first()
        .map(|g| g.keys.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let title = format!("Share of posts per category, by {}", by.join(" and "));
    let subtitle = any_line(&report.categories, conf, report.totals.posts_analyzed);
    let mut svg = Svg::new(WIDTH, height, id, &title, &format!("{subtitle}. {cap}"));
    background(&mut svg, height);
    let mut y = heading(&mut svg, &title, &subtitle);
    for g in &groups {
        let name = group_name(g);
        let n = g.totals.posts_analyzed;
        svg.open("g", &[("class", "panel"), ("data-group", &name)]);
        svg.text_el(
            "text",
            &[
                ("class", "panel-title"),
                ("x", &num(PAD)),
                ("y", &num(y + 16.0)),
                ("font-size", "13"),
                ("font-weight", "bold"),
                ("fill", INK),
            ],
            &format!(
                "{} — {} posts, any category {}",
                clip(&name, 60),
                thousands(n),
                pct(g
                    .categories
                    .iter()
                    .find(|c| c.id == ANY_ID)
                    .and_then(|c| c.share))
            ),
        );
        let rows: Vec<&CategoryRow> = order
            .iter()
            .filter_map(|id| g.categories.iter().find(|c| &c.id == id))
            .collect();
        y = bar_rows(&mut svg, &layout, &rows, y + 24.0, conf, n, Some(&name)) + 8.0;
        svg.close();
    }
    write_caption(&mut svg, &cap, y);
    svg.finish()
}

const NO_DATE: [&str; 2] = ["(no date)", "(invalid date)"];

/// One line per category over the periods of `--every`, with interval bands.
pub fn timeline(report: &Report, id: &str) -> String {
    let conf = confidence(report);
    let period = report
        .provenance
        .options
        .get("every")
        .and_then(|v| v.as_str())
        .unwrap_or("period")
        .to_string();
    let periods: BTreeSet<&str> = report
        .groups
        .iter()
        .filter_map(|g| g.keys.get(&period).map(String::as_str))
        .filter(|p| !NO_DATE.contains(p))
        .collect();
    let periods: Vec<&str> = periods.into_iter().collect();
    let undated: u64 = report
        .groups
        .iter()
        .filter(|g| {
            g.keys
                .get(&period)
                .is_some_and(|p| NO_DATE.contains(&p.as_str()))
        })
        .map(|g| g.totals.posts_analyzed)
        .sum();
    // Panels: one per combination of the --by fields (one panel without --by).
    let mut panels: BTreeMap<String, Vec<&Group>> = BTreeMap::new();
    for g in &report.groups {
        let rest: Vec<String> = g
            .keys
            .iter()
            .filter(|(k, _)| **k != period)
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        panels.entry(rest.join(" · ")).or_default().push(g);
    }
    let mut panel_list: Vec<(String, Vec<&Group>, u64)> = panels
        .into_iter()
        .map(|(k, v)| {
            let n = v.iter().map(|g| g.totals.posts_analyzed).sum();
            (k, v, n)
        })
        .filter(|(_, _, n)| *n > 0)
        .collect();
    let total_panels = panel_list.len();
    panel_list.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    panel_list.truncate(MAX_TIME_PANELS);
    panel_list.sort_by(|a, b| a.0.cmp(&b.0));

    let mut series = order_by_share(&report.categories);
    let all_series = series.len();
    series.truncate(MAX_SERIES);
    let label_of = |id: &str| {
        report
            .categories
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.label.clone())
    };
    let top = report
        .groups
        .iter()
        .filter(|g| {
            g.keys
                .get(&period)
                .is_some_and(|p| !NO_DATE.contains(&p.as_str()))
        })
        .flat_map(|g| g.categories.iter())
        .filter(|c| series.contains(&c.id))
        .filter_map(|c| c.ci_high.or(c.share))
        .fold(0.0, f64::max);
    let (max, step) = nice_axis(top);

    let mut extra = format!(
        "Lines: share of posts per {period}; bands: {}% interval.",
        pct_label(conf)
    );
    if all_series > series.len() {
        extra.push_str(&format!(
            " The {} categories with the largest shares of {all_series} are drawn.",
            series.len()
        ));
    }
    if undated > 0 {
        extra.push_str(&format!(
            " {} posts without a readable date are not drawn.",
            thousands(undated)
        ));
    }
    if total_panels > panel_list.len() {
        extra.push_str(&format!(
            " {} of {} groups shown (those with the most posts).",
            panel_list.len(),
            total_panels
        ));
    }
    let cap = caption(report, &extra);

    // Legend: swatches flowing over lines.
    let mut legend: Vec<(f64, f64, usize)> = Vec::new();
    let (mut lx, mut ly) = (PAD, 0.0);
    for (i, s) in series.iter().enumerate() {
        let w = 26.0 + text_width(&clip(&label_of(s), LABEL_CHARS), 12.0) + 16.0;
        if lx + w > WIDTH - PAD && lx > PAD {
            lx = PAD;
            ly += 18.0;
        }
        legend.push((lx, ly, i));
        lx += w;
    }
    let legend_h = ly + 18.0 + 6.0;
    let plot_h = 220.0;
    let panel_title_h =
        if panel_list.len() > 1 || !panel_list.first().is_some_and(|p| p.0.is_empty()) {
            22.0
        } else {
            0.0
        };
    let panel_h = panel_title_h + plot_h + 34.0;
    let height = 62.0 + legend_h + panel_list.len() as f64 * panel_h + caption_height(&cap);
    let title = format!("Share of posts per category, by {period}");
    let subtitle = any_line(&report.categories, conf, report.totals.posts_analyzed);
    let mut svg = Svg::new(WIDTH, height, id, &title, &format!("{subtitle}. {cap}"));
    background(&mut svg, height);
    let mut y = heading(&mut svg, &title, &subtitle);
    svg.open("g", &[("class", "legend")]);
    for (x, dy, i) in &legend {
        let yy = y + dy + 8.0;
        svg.leaf(
            "line",
            &[
                ("x1", &num(*x)),
                ("x2", &num(x + 20.0)),
                ("y1", &num(yy)),
                ("y2", &num(yy)),
                ("stroke", PALETTE[*i]),
                ("stroke-width", "3"),
            ],
        );
        svg.text_el(
            "text",
            &[
                ("x", &num(x + 26.0)),
                ("y", &num(yy + 4.0)),
                ("font-size", "12"),
                ("fill", INK),
            ],
            &clip(&label_of(&series[*i]), LABEL_CHARS),
        );
    }
    svg.close();
    y += legend_h;

    let left = PAD + 44.0;
    let right = WIDTH - PAD - 8.0;
    let np = periods.len().max(1);
    let x_of = |i: usize| {
        if np == 1 {
            (left + right) / 2.0
        } else {
            left + 8.0 + i as f64 * (right - left - 16.0) / (np - 1) as f64
        }
    };
    let label_w = periods
        .iter()
        .map(|p| text_width(p, 11.0) + 8.0)
        .fold(0.0, f64::max);
    let every_k = ((label_w * np as f64) / (right - left)).ceil().max(1.0) as usize;
    for (name, groups, n) in &panel_list {
        svg.open("g", &[("class", "panel"), ("data-group", name)]);
        if panel_title_h > 0.0 {
            svg.text_el(
                "text",
                &[
                    ("class", "panel-title"),
                    ("x", &num(PAD)),
                    ("y", &num(y + 15.0)),
                    ("font-weight", "bold"),
                    ("fill", INK),
                ],
                &format!("{} — {} posts", clip(name, 60), thousands(*n)),
            );
        }
        let top_y = y + panel_title_h + 6.0;
        let bottom_y = top_y + plot_h - 6.0;
        let scale = Scale {
            d0: 0.0,
            d1: max,
            r0: bottom_y,
            r1: top_y,
        };
        svg.open(
            "g",
            &[
                ("class", "axis"),
                ("data-min", "0"),
                ("data-max", &max.to_string()),
                ("data-y0", &num(scale.r0)),
                ("data-y1", &num(scale.r1)),
            ],
        );
        let ticks = (max / step).round() as usize;
        for i in 0..=ticks {
            let v = i as f64 * step;
            let yy = num(scale.map(v));
            svg.leaf(
                "line",
                &[
                    ("class", "grid"),
                    ("x1", &num(left)),
                    ("x2", &num(right)),
                    ("y1", &yy),
                    ("y2", &yy),
                    ("stroke", if i == 0 { "#888888" } else { GRID }),
                    ("stroke-width", "1"),
                ],
            );
            svg.text_el(
                "text",
                &[
                    ("class", "tick"),
                    ("x", &num(left - 6.0)),
                    ("y", &num(scale.map(v) + 4.0)),
                    ("text-anchor", "end"),
                    ("font-size", "11"),
                    ("fill", MUTED),
                ],
                &tick_label(v, step),
            );
        }
        for (i, p) in periods.iter().enumerate() {
            if i % every_k != 0 {
                continue;
            }
            svg.text_el(
                "text",
                &[
                    ("class", "tick"),
                    ("x", &num(x_of(i))),
                    ("y", &num(bottom_y + 16.0)),
                    ("text-anchor", "middle"),
                    ("font-size", "11"),
                    ("fill", MUTED),
                ],
                p,
            );
        }
        svg.close();
        let by_period: BTreeMap<&str, &Group> = groups
            .iter()
            .filter_map(|g| g.keys.get(&period).map(|p| (p.as_str(), *g)))
            .collect();
        for (si, cat) in series.iter().enumerate() {
            let colour = PALETTE[si];
            // (x, share, low, high, period, row) of the periods with a share.
            let points: Vec<(usize, &CategoryRow, u64)> = periods
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let g = by_period.get(p)?;
                    let row = g.categories.iter().find(|c| &c.id == cat)?;
                    row.share?;
                    Some((i, row, g.totals.posts_analyzed))
                })
                .collect();
            svg.open("g", &[("class", "series"), ("data-category", cat)]);
            // Runs of consecutive periods; a gap breaks the line.
            let mut runs: Vec<Vec<&(usize, &CategoryRow, u64)>> = Vec::new();
            for pt in &points {
                match runs.last_mut() {
                    Some(run) if run.last().is_some_and(|l| l.0 + 1 == pt.0) => run.push(pt),
                    _ => runs.push(vec![pt]),
                }
            }
            for run in &runs {
                let upper = run.iter().map(|(i, r, _)| {
                    format!(
                        "{},{}",
                        num(x_of(*i)),
                        num(scale.map(r.ci_high.or(r.share).unwrap_or(0.0)))
                    )
                });
                let lower = run.iter().rev().map(|(i, r, _)| {
                    format!(
                        "{},{}",
                        num(x_of(*i)),
                        num(scale.map(r.ci_low.or(r.share).unwrap_or(0.0)))
                    )
                });
                let pts: Vec<String> = upper.chain(lower).collect();
                let d = format!("M{}Z", pts.join("L"));
                svg.leaf(
                    "path",
                    &[
                        ("class", "band"),
                        ("data-category", cat),
                        ("d", &d),
                        ("fill", colour),
                        ("fill-opacity", "0.12"),
                        ("stroke", "none"),
                    ],
                );
            }
            for run in &runs {
                let pts: Vec<String> = run
                    .iter()
                    .map(|(i, r, _)| {
                        format!(
                            "{},{}",
                            num(x_of(*i)),
                            num(scale.map(r.share.unwrap_or(0.0)))
                        )
                    })
                    .collect();
                svg.leaf(
                    "polyline",
                    &[
                        ("class", "line"),
                        ("data-category", cat),
                        ("points", &pts.join(" ")),
                        ("fill", "none"),
                        ("stroke", colour),
                        ("stroke-width", "2.5"),
                        ("stroke-linejoin", "round"),
                    ],
                );
            }
            for (i, r, n) in &points {
                let share = r.share.unwrap_or(0.0);
                let (s, lo, hi) = (
                    share.to_string(),
                    r.ci_low.unwrap_or(share).to_string(),
                    r.ci_high.unwrap_or(share).to_string(),
                );
                svg.titled(
                    "circle",
                    &[
                        ("class", "point"),
                        ("data-category", cat),
                        ("data-period", periods[*i]),
                        ("data-share", &s),
                        ("data-low", &lo),
                        ("data-high", &hi),
                        ("cx", &num(x_of(*i))),
                        ("cy", &num(scale.map(share))),
                        ("r", "3"),
                        ("fill", colour),
                        ("stroke", "#FFFFFF"),
                        ("stroke-width", "1"),
                    ],
                    &format!("{}: {}", periods[*i], row_title(r, conf, *n)),
                );
            }
            svg.close();
        }
        svg.close();
        y += panel_h;
    }
    write_caption(&mut svg, &cap, y);
    svg.finish()
}

/// The chart that fits the report: a timeline with `--every`, small
/// multiples with `--by`, else bars.
pub fn chart(report: &Report, id: &str) -> String {
    let every = report.provenance.options.contains_key("every");
    if every && !report.groups.is_empty() {
        timeline(report, id)
    } else if !report.groups.is_empty() {
        small_multiples(report, id)
    } else {
        bars(report, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_axes() {
        let (max, step) = nice_axis(0.123);
        assert!((max - 0.125).abs() < 1e-9 && (step - 0.025).abs() < 1e-9);
        let (max, step) = nice_axis(0.1);
        assert!((max - 0.1).abs() < 1e-9 && (step - 0.02).abs() < 1e-9);
        assert_eq!(nice_axis(0.0), (0.01, 0.002));
        assert!(nice_axis(0.99).0 <= 1.0);
        assert_eq!(tick_label(0.05, 0.05), "5%");
        assert_eq!(tick_label(0.025, 0.025), "2.5%");
        assert_eq!(tick_label(0.0004, 0.0002), "0.04%");
    }

    #[test]
    fn wraps_words() {
        assert_eq!(wrap("a bb ccc dd", 6), vec!["a bb", "ccc dd"]);
    }
}
