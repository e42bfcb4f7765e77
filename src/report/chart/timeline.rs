//! The timeline (`--every`) as small multiples on one shared y axis:
//! without `--by`, one panel per category, two to a row, each line with
//! its interval as a light band (one band per panel, so bands never stack
//! into a dark mass); with `--by`, one full-width panel per group with at
//! most [`MAX_SERIES`] lines labelled at their ends (no legend to look
//! up), the band drawn for the highlighted series (the largest) only and
//! the others' intervals in the hover titles. A category at 0% in every
//! period is drawn as such, and says so.

use std::collections::{BTreeMap, BTreeSet};

use super::axis::{Scale, nice_axis, tick_label};
use super::caption::{
    ChartText, any_line, caption, caption_height, heading, heading_height, order_by_share,
    row_title, write_caption,
};
use super::style::{
    GRID, INK, LABEL_CHARS, MAX_SERIES, MAX_TIME_PANELS, MUTED, PAD, PALETTE, WIDTH, background,
    text_width, wrap,
};
use crate::report::clip;
use crate::report::svg::{Svg, num};
use crate::report::{CategoryRow, Group, Report, pct_label, thousands};

pub(crate) const NO_DATE: [&str; 2] = ["(no date)", "(invalid date)"];

/// Most panels of one category each (no `--by`).
const MAX_CATEGORY_PANELS: usize = 12;

/// Gap between two panels of a row.
const GAP: f64 = 24.0;

/// Opacity of an interval band.
pub const BAND_OPACITY: f64 = 0.15;

/// One panel: its title, its periods' groups, the series it draws.
struct Panel<'a> {
    title: String,
    posts: u64,
    by_period: BTreeMap<&'a str, &'a Group>,
    /// (category id, colour, band drawn).
    series: Vec<(String, &'static str, bool)>,
}

/// Where a panel goes and what its axes are.
struct Frame<'p> {
    x: f64,
    y: f64,
    w: f64,
    title_lines: usize,
    periods: &'p [&'p str],
    max: f64,
    step: f64,
    /// Space kept right of the plot for the lines' end labels.
    label_w: f64,
    /// Periods the posts do not cover whole (drawn hollow, marked `*`).
    partial: &'p [String],
}

const PLOT_H: f64 = 150.0;
const TITLE_LINE: f64 = 16.0;

/// The shares of the periods over time, as small multiples.
pub fn timeline(report: &Report, id: &str, text: &ChartText) -> String {
    let conf = report.confidence;
    let period = report.period.as_deref().unwrap_or("period").to_string();
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
    let label_of = |id: &str| {
        report
            .categories
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.label.clone())
    };
    let mut order = order_by_share(&report.categories);
    let all_series = order.len();
    let by_fields = report
        .groups
        .first()
        .is_some_and(|g| g.keys.keys().any(|k| *k != period));

    // Groups of each `--by` combination (one combination without --by).
    let mut combos: BTreeMap<String, Vec<&Group>> = BTreeMap::new();
    for g in &report.groups {
        let rest: Vec<String> = g
            .keys
            .iter()
            .filter(|(k, _)| **k != period)
            .map(|(k, v)| format!("{k}: {}", if v.is_empty() { "(empty)" } else { v }))
            .collect();
        combos.entry(rest.join(" · ")).or_default().push(g);
    }
    fn by_period<'a>(groups: &[&'a Group], period: &str) -> BTreeMap<&'a str, &'a Group> {
        groups
            .iter()
            .filter_map(|g| g.keys.get(period).map(|p| (p.as_str(), *g)))
            .collect()
    }
    let mut extra = format!(
        "Lines: share of posts per {period}; bands: {}% interval.",
        pct_label(conf)
    );
    let mut panels: Vec<Panel> = Vec::new();
    if by_fields {
        let mut list: Vec<(String, Vec<&Group>, u64)> = combos
            .into_iter()
            .map(|(k, v)| {
                let n = v.iter().map(|g| g.totals.posts_analyzed).sum();
                (k, v, n)
            })
            .collect();
        let total = list.len();
        let empty = list.iter().filter(|(_, _, n)| *n == 0).count();
        list.retain(|(_, _, n)| *n > 0);
        list.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        list.truncate(MAX_TIME_PANELS);
        list.sort_by(|a, b| a.0.cmp(&b.0));
        order.truncate(MAX_SERIES);
        for (title, groups, posts) in &list {
            panels.push(Panel {
                title: title.clone(),
                posts: *posts,
                by_period: by_period(groups, &period),
                series: order
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.clone(), PALETTE[i], i == 0))
                    .collect(),
            });
        }
        extra.push_str(&format!(
            " Each panel: a group, its lines labelled at their ends; the band is drawn for {} only (the largest share), the other intervals are in the points' titles.",
            label_of(&order[0])
        ));
        if all_series > order.len() {
            extra.push_str(&format!(
                " The {} categories with the largest shares of {all_series} are drawn.",
                order.len()
            ));
        }
        if total > list.len() + empty {
            extra.push_str(&format!(
                " {} of {} groups shown (those with the most posts).",
                list.len(),
                total - empty
            ));
        }
    } else {
        let groups: Vec<&Group> = report.groups.iter().collect();
        let total = order.len();
        order.truncate(MAX_CATEGORY_PANELS);
        for c in &order {
            panels.push(Panel {
                title: label_of(c),
                posts: report.totals.posts_analyzed,
                by_period: by_period(&groups, &period),
                series: vec![(c.clone(), PALETTE[0], true)],
            });
        }
        extra.push_str(" One panel per category, on one scale.");
        if total > order.len() {
            extra.push_str(&format!(
                " The {} categories with the largest shares of {total} are drawn.",
                order.len()
            ));
        }
    }
    if let Some(v) = &report.validation {
        extra.push_str(&format!(
            " Dashed: the share corrected by {} coded posts ({}), in the periods with at least {} of them.",
            thousands(v.found),
            v.method,
            v.min_coded
        ));
    }
    if let (false, Some(d)) = (report.partial_periods.is_empty(), &report.dates) {
        extra.push_str(&format!(
            " Hollow points (and a * on the axis): {} {}, which the posts ({} to {}) do not cover whole.",
            if report.partial_periods.len() == 1 {
                "the partial period"
            } else {
                "the partial periods"
            },
            report.partial_periods.join(" and "),
            d.first,
            d.last
        ));
    }
    if undated > 0 {
        extra.push_str(&format!(
            " {} posts without a readable date are not drawn.",
            thousands(undated)
        ));
    }
    let cap = caption(report, &extra, text);

    let drawn: BTreeSet<&str> = panels
        .iter()
        .flat_map(|p| p.series.iter().map(|s| s.0.as_str()))
        .collect();
    let top = report
        .groups
        .iter()
        .filter(|g| {
            g.keys
                .get(&period)
                .is_some_and(|p| !NO_DATE.contains(&p.as_str()))
        })
        .flat_map(|g| g.categories.iter())
        .filter(|c| drawn.contains(c.id.as_str()))
        .flat_map(|c| {
            let k = c.corrected.as_ref().and_then(|k| k.ci_high.or(k.share));
            [c.ci_high.or(c.share), k]
        })
        .flatten()
        .fold(0.0, f64::max);
    let (max, step) = nice_axis(top);

    // The grid: two panels a row for single categories, one a row (room
    // for the end labels) for groups.
    let cols = if by_fields || panels.len() == 1 { 1 } else { 2 };
    let panel_w = (WIDTH - 2.0 * PAD - GAP * (cols - 1) as f64) / cols as f64;
    let label_w = if by_fields {
        panels
            .iter()
            .flat_map(|p| &p.series)
            .map(|(c, _, _)| text_width(&end_label(&label_of(c)), 11.0) + 50.0)
            .fold(0.0, f64::max)
            .min(panel_w * 0.4)
    } else {
        0.0
    };
    let title_chars = ((panel_w) / (12.0 * 0.6)) as usize;
    let title_lines: Vec<Vec<String>> = panels
        .iter()
        .map(|p| {
            let t = if by_fields {
                format!("{} — {} posts", p.title, thousands(p.posts))
            } else {
                p.title.clone()
            };
            wrap(&t, title_chars)
        })
        .collect();
    let rows: Vec<usize> = (0..panels.len().div_ceil(cols))
        .map(|r| {
            (r * cols..(r * cols + cols).min(panels.len()))
                .map(|i| title_lines[i].len())
                .max()
                .unwrap_or(1)
        })
        .collect();
    let row_h = |lines: usize| lines as f64 * TITLE_LINE + 6.0 + PLOT_H + 30.0;
    let title = text.title(&format!("Share of posts per category, by {period}"));
    let subtitle = text.subtitle(&any_line(
        &report.categories,
        conf,
        report.totals.posts_analyzed,
    ));
    let height = heading_height(&title, &subtitle)
        + rows.iter().map(|&l| row_h(l)).sum::<f64>()
        + caption_height(&cap);
    let mut svg = Svg::new(WIDTH, height, id, &title, &format!("{subtitle}. {cap}"));
    background(&mut svg, height);
    let mut y = heading(&mut svg, &title, &subtitle);
    for (r, &lines) in rows.iter().enumerate() {
        for c in 0..cols {
            let i = r * cols + c;
            let Some(panel) = panels.get(i) else { break };
            let frame = Frame {
                x: PAD + c as f64 * (panel_w + GAP),
                y,
                w: panel_w,
                title_lines: lines,
                periods: &periods,
                max,
                step,
                label_w,
                partial: &report.partial_periods,
            };
            draw_panel(&mut svg, &frame, panel, &title_lines[i], conf, &label_of);
        }
        y += row_h(lines);
    }
    write_caption(&mut svg, &cap, y);
    svg.finish()
}

/// A line's end label: its category label, shortened.
fn end_label(label: &str) -> String {
    clip(label, LABEL_CHARS.min(24))
}

/// Runs of consecutive periods (a gap breaks a line).
fn runs<T>(points: &[(usize, T)]) -> Vec<&[(usize, T)]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        if i == points.len() || points[i].0 != points[i - 1].0 + 1 {
            if i > start {
                out.push(&points[start..i]);
            }
            start = i;
        }
    }
    out
}

fn draw_panel(
    svg: &mut Svg,
    f: &Frame,
    panel: &Panel,
    title_lines: &[String],
    conf: f64,
    label_of: &dyn Fn(&str) -> String,
) {
    svg.open("g", &[("class", "panel"), ("data-group", &panel.title)]);
    svg.open(
        "text",
        &[
            ("class", "panel-title"),
            ("font-weight", "bold"),
            ("font-size", "12"),
            ("fill", INK),
        ],
    );
    for (i, line) in title_lines.iter().enumerate() {
        svg.text_el(
            "tspan",
            &[
                ("x", &num(f.x)),
                ("y", &num(f.y + 13.0 + i as f64 * TITLE_LINE)),
            ],
            line,
        );
    }
    svg.close();
    let top_y = f.y + f.title_lines as f64 * TITLE_LINE + 6.0;
    let bottom_y = top_y + PLOT_H - 6.0;
    let left = f.x + 40.0;
    let right = f.x + f.w - f.label_w - 6.0;
    let scale = Scale {
        d0: 0.0,
        d1: f.max,
        r0: bottom_y,
        r1: top_y,
    };
    let np = f.periods.len().max(1);
    let x_of = |i: usize| {
        if np == 1 {
            (left + right) / 2.0
        } else {
            left + 6.0 + i as f64 * (right - left - 12.0) / (np - 1) as f64
        }
    };
    svg.open(
        "g",
        &[
            ("class", "axis"),
            ("data-min", "0"),
            ("data-max", &f.max.to_string()),
            ("data-y0", &num(scale.r0)),
            ("data-y1", &num(scale.r1)),
        ],
    );
    let ticks = (f.max / f.step).round() as usize;
    for i in 0..=ticks {
        let v = i as f64 * f.step;
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
                ("x", &num(left - 5.0)),
                ("y", &num(scale.map(v) + 4.0)),
                ("text-anchor", "end"),
                ("font-size", "10"),
                ("fill", MUTED),
            ],
            &tick_label(v, f.step),
        );
    }
    let label_w = f
        .periods
        .iter()
        .map(|p| text_width(p, 10.0) + 8.0)
        .fold(0.0, f64::max);
    let every_k = ((label_w * np as f64) / (right - left)).ceil().max(1.0) as usize;
    // Every `every_k`-th period is labelled, and a partial first or last
    // period always is (its `*` is what the caption points to); a label
    // that would touch one kept gives way, the partial ones first kept.
    let partial = |p: &str| f.partial.iter().any(|q| q == p);
    let mut wanted: Vec<usize> = (0..np).filter(|i| i % every_k == 0).collect();
    for i in [0, np - 1] {
        if partial(f.periods[i]) && !wanted.contains(&i) {
            wanted.push(i);
        }
    }
    wanted.sort_unstable();
    // (period, text, anchor, left edge, width)
    let ticks: Vec<(usize, String, &str, f64, f64)> = wanted
        .iter()
        .map(|&i| {
            let p = f.periods[i];
            let text = if partial(p) {
                format!("{p}*")
            } else {
                p.to_string()
            };
            // A label that would reach past the plot ends there.
            let w = text_width(&text, 10.0) * 1.1;
            let (anchor, from) = if x_of(i) + w / 2.0 > right {
                ("end", x_of(i) - w)
            } else {
                ("middle", x_of(i) - w / 2.0)
            };
            (i, text, anchor, from, w)
        })
        .collect();
    let mut kept: Vec<usize> = ticks
        .iter()
        .enumerate()
        .filter(|(_, t)| partial(f.periods[t.0]))
        .map(|(k, _)| k)
        .collect();
    let touches = |a: &(usize, String, &str, f64, f64), b: &(usize, String, &str, f64, f64)| {
        a.3 < b.3 + b.4 + 4.0 && b.3 < a.3 + a.4 + 4.0
    };
    for k in 0..ticks.len() {
        if !kept.contains(&k) && kept.iter().all(|&j| !touches(&ticks[k], &ticks[j])) {
            kept.push(k);
        }
    }
    kept.sort_unstable();
    for k in kept {
        let (i, text, anchor, _, _) = &ticks[k];
        svg.text_el(
            "text",
            &[
                ("class", "tick"),
                ("x", &num(x_of(*i))),
                ("y", &num(bottom_y + 15.0)),
                ("text-anchor", anchor),
                ("font-size", "10"),
                ("fill", MUTED),
            ],
            text,
        );
    }
    svg.close();

    // End labels, kept 12 px apart.
    let mut ends: Vec<(f64, String, &str, &str)> = Vec::new();
    for (cat, colour, band) in &panel.series {
        let points: Vec<(usize, (&CategoryRow, u64))> = f
            .periods
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let g = panel.by_period.get(p)?;
                let row = g.categories.iter().find(|c| &c.id == cat)?;
                row.share?;
                Some((i, (row, g.totals.posts_analyzed)))
            })
            .collect();
        let all_zero = !points.is_empty() && points.iter().all(|(_, (r, _))| r.posts == 0);
        svg.open(
            "g",
            &[
                ("class", "series"),
                ("data-category", cat),
                ("data-all-zero", if all_zero { "true" } else { "false" }),
            ],
        );
        if *band {
            for run in runs(&points) {
                let upper = run.iter().map(|(i, (r, _))| {
                    format!(
                        "{},{}",
                        num(x_of(*i)),
                        num(scale.map(r.ci_high.or(r.share).unwrap_or(0.0)))
                    )
                });
                let lower = run.iter().rev().map(|(i, (r, _))| {
                    format!(
                        "{},{}",
                        num(x_of(*i)),
                        num(scale.map(r.ci_low.or(r.share).unwrap_or(0.0)))
                    )
                });
                let pts: Vec<String> = upper.chain(lower).collect();
                svg.leaf(
                    "path",
                    &[
                        ("class", "band"),
                        ("data-category", cat),
                        ("d", &format!("M{}Z", pts.join("L"))),
                        ("fill", colour),
                        ("fill-opacity", &BAND_OPACITY.to_string()),
                        ("stroke", "none"),
                    ],
                );
            }
        }
        for run in runs(&points) {
            let pts: Vec<String> = run
                .iter()
                .map(|(i, (r, _))| {
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
        // The corrected shares (`--validation`), dashed, in runs of
        // consecutive periods that have one.
        let corrected: Vec<(usize, f64)> = points
            .iter()
            .filter_map(|(i, (r, _))| Some((*i, r.corrected.as_ref()?.share?)))
            .collect();
        for run in runs(&corrected) {
            let pts: Vec<String> = run
                .iter()
                .map(|(i, k)| format!("{},{}", num(x_of(*i)), num(scale.map(*k))))
                .collect();
            svg.leaf(
                "polyline",
                &[
                    ("class", "corrected-line"),
                    ("data-category", cat),
                    ("points", &pts.join(" ")),
                    ("fill", "none"),
                    ("stroke", colour),
                    ("stroke-width", "1.5"),
                    ("stroke-dasharray", "5 3"),
                ],
            );
        }
        for (i, (r, n)) in &points {
            let partial = f.partial.iter().any(|q| q == f.periods[*i]);
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
                    ("data-period", f.periods[*i]),
                    ("data-share", &s),
                    ("data-low", &lo),
                    ("data-high", &hi),
                    ("cx", &num(x_of(*i))),
                    ("cy", &num(scale.map(share))),
                    ("r", if partial { "3" } else { "2.5" }),
                    ("fill", if partial { "#FFFFFF" } else { colour }),
                    ("stroke", if partial { colour } else { "#FFFFFF" }),
                    ("stroke-width", if partial { "1.5" } else { "1" }),
                    ("data-partial", if partial { "true" } else { "false" }),
                ],
                &format!(
                    "{}{}: {}",
                    f.periods[*i],
                    if partial { " (partial)" } else { "" },
                    row_title(r, conf, *n)
                ),
            );
        }
        if all_zero {
            svg.text_el(
                "text",
                &[
                    ("class", "zero-note"),
                    ("x", &num(left + 4.0)),
                    ("y", &num(scale.map(0.0) - 6.0)),
                    ("font-size", "10"),
                    ("fill", MUTED),
                ],
                "0% in every period",
            );
        }
        if f.label_w > 0.0
            && let Some((_, (r, _))) = points.last()
        {
            ends.push((
                scale.map(r.share.unwrap_or(0.0)),
                end_label(&label_of(cat)),
                colour,
                cat,
            ));
        }
        svg.close();
    }
    // Labels 12 px apart, inside the plot: pushed down from the top, then
    // up from the axis.
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut ys: Vec<f64> = ends.iter().map(|e| e.0).collect();
    for i in 0..ys.len() {
        let floor = if i == 0 { top_y } else { ys[i - 1] + 12.0 };
        ys[i] = ys[i].max(floor);
    }
    for i in (0..ys.len()).rev() {
        let ceiling = if i + 1 == ys.len() {
            bottom_y
        } else {
            ys[i + 1] - 12.0
        };
        ys[i] = ys[i].min(ceiling);
    }
    let x_end = x_of(np - 1) + 6.0;
    for ((_, label, colour, cat), yy) in ends.iter().zip(ys) {
        svg.text_el(
            "text",
            &[
                ("class", "end-label"),
                ("data-category", cat),
                ("x", &num(x_end)),
                ("y", &num(yy + 4.0)),
                ("font-size", "11"),
                ("fill", colour),
            ],
            label,
        );
    }
    svg.close();
}
