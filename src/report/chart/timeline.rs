//! The timeline (`--every`): one line per category over the periods, its
//! interval as a band; with `--by` too, one panel per group.

use std::collections::{BTreeMap, BTreeSet};

use super::axis::{Scale, nice_axis, tick_label};
use super::caption::{
    any_line, caption, caption_height, heading, order_by_share, row_title, write_caption,
};
use super::style::{
    GRID, INK, LABEL_CHARS, MAX_SERIES, MAX_TIME_PANELS, MUTED, PAD, PALETTE, WIDTH, background,
    text_width,
};
use crate::report::clip;
use crate::report::svg::{Svg, num};
use crate::report::{CategoryRow, Group, Report, pct_label, thousands};

pub(crate) const NO_DATE: [&str; 2] = ["(no date)", "(invalid date)"];

/// One line per category over the periods of `--every`, with interval bands.
pub fn timeline(report: &Report, id: &str) -> String {
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
        .flat_map(|c| {
            let k = c.corrected.as_ref().and_then(|k| k.ci_high.or(k.share));
            [c.ci_high.or(c.share), k]
        })
        .flatten()
        .fold(0.0, f64::max);
    let (max, step) = nice_axis(top);

    let mut extra = format!(
        "Lines: share of posts per {period}; bands: {}% interval.",
        pct_label(conf)
    );
    if let Some(v) = &report.validation {
        extra.push_str(&format!(
            " Dashed: the share corrected by {} coded posts ({}), in the periods with at least {} of them.",
            thousands(v.found),
            v.method,
            v.min_coded
        ));
    }
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
            // The corrected shares (`--validation`), dashed, in runs of
            // consecutive periods that have one.
            let mut corrected: Vec<Vec<String>> = Vec::new();
            let mut last = None;
            for (i, r, _) in &points {
                let Some(k) = r.corrected.as_ref().and_then(|k| k.share) else {
                    continue;
                };
                let pt = format!("{},{}", num(x_of(*i)), num(scale.map(k)));
                match corrected.last_mut() {
                    Some(run) if last.is_some_and(|l: usize| l + 1 == *i) => run.push(pt),
                    _ => corrected.push(vec![pt]),
                }
                last = Some(*i);
            }
            for run in &corrected {
                svg.leaf(
                    "polyline",
                    &[
                        ("class", "corrected-line"),
                        ("data-category", cat),
                        ("points", &run.join(" ")),
                        ("fill", "none"),
                        ("stroke", colour),
                        ("stroke-width", "1.5"),
                        ("stroke-dasharray", "5 3"),
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
