//! Bars: [`bars`] (the category shares, sorted, each with its interval as a
//! whisker) and [`small_multiples`] (one panel of bars per group, on one
//! scale, the categories in one order).

use super::axis::{BarLayout, bar_layout, x_axis};
use super::caption::{
    ChartText, any_line, caption, caption_height, categories_of, group_name, heading,
    heading_height, legend_note, order_by_share, row_title, write_caption,
};
use super::style::{
    BAR_FILL, BAR_H, CORRECTED, INK, LABEL_CHARS, MAX_PANELS, PAD, ROW, WIDTH, background,
};
use crate::report::clip;
use crate::report::svg::{Svg, num};
use crate::report::{ANY_ID, CategoryRow, Group, Report, pct, thousands};

/// Rows of bars from `y`; returns the y below the tick labels.
pub(crate) fn bar_rows(
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
        if let Some(k) = c.corrected.as_ref()
            && let Some(xh) = corrected_marks(svg, layout, c, k, mid)
        {
            end = end.max(xh);
            svg.text_el(
                "text",
                &[
                    ("class", "corrected-value"),
                    ("x", &num(end + 6.0)),
                    ("y", &num(mid + BAR_H / 2.0 + 7.0)),
                    ("font-size", "10"),
                    ("fill", CORRECTED),
                ],
                &pct(k.share),
            );
        }
        let value = pct(c.share);
        svg.text_el(
            "text",
            &[
                ("class", "value"),
                ("x", &num(end + 6.0)),
                ("y", &num(mid + 4.5)),
                ("font-size", "12"),
                ("fill", INK),
            ],
            &value,
        );
        svg.close();
    }
    y + height + 22.0
}

/// The largest value a row draws: its interval's top (or its share), or
/// its corrected interval's.
fn reach(c: &CategoryRow) -> Option<f64> {
    let raw = c.ci_high.or(c.share);
    let corrected = c.corrected.as_ref().and_then(|k| k.ci_high.or(k.share));
    match (raw, corrected) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The corrected share of a row (`--validation`) just under its bar: a
/// diamond at the share on a whisker of its interval; returns the whisker's
/// right end, `None` when the row has no corrected share.
fn corrected_marks(
    svg: &mut Svg,
    layout: &BarLayout,
    c: &CategoryRow,
    k: &crate::report::CorrectedShare,
    mid: f64,
) -> Option<f64> {
    let share = k.share?;
    let s = layout.scale;
    let y = mid + BAR_H / 2.0 + 3.0;
    let x = s.map(share);
    let mut right = x;
    if let (Some(lo), Some(hi)) = (k.ci_low, k.ci_high) {
        let (lo_s, hi_s) = (lo.to_string(), hi.to_string());
        svg.leaf(
            "line",
            &[
                ("class", "corrected-whisker"),
                ("data-category", c.id.as_str()),
                ("data-low", &lo_s),
                ("data-high", &hi_s),
                ("x1", &num(s.map(lo))),
                ("x2", &num(s.map(hi))),
                ("y1", &num(y)),
                ("y2", &num(y)),
                ("stroke", CORRECTED),
                ("stroke-width", "1.5"),
            ],
        );
        right = right.max(s.map(hi));
    }
    let share_s = share.to_string();
    let points = format!(
        "{},{} {},{} {},{} {},{}",
        num(x),
        num(y - 3.5),
        num(x + 3.5),
        num(y),
        num(x),
        num(y + 3.5),
        num(x - 3.5),
        num(y)
    );
    svg.leaf(
        "polygon",
        &[
            ("class", "corrected"),
            ("data-category", c.id.as_str()),
            ("data-share", &share_s),
            ("points", &points),
            ("fill", CORRECTED),
        ],
    );
    Some(right)
}

/// Horizontal bars of the category shares, sorted by share, with whiskers.
pub fn bars(report: &Report, id: &str, text: &ChartText) -> String {
    let conf = report.confidence;
    let n = report.totals.posts_analyzed;
    let order = order_by_share(&report.categories);
    let rows: Vec<&CategoryRow> = order
        .iter()
        .filter_map(|id| report.categories.iter().find(|c| &c.id == id))
        .collect();
    let labels: Vec<String> = rows.iter().map(|c| c.label.clone()).collect();
    let top = rows.iter().filter_map(|c| reach(c)).fold(0.0, f64::max);
    let layout = bar_layout(&labels, top);
    let cap = caption(report, &legend_note(report), text);
    let title = text.title("Share of posts per category");
    let subtitle = text.subtitle(&any_line(&report.categories, conf, n));
    let height = heading_height(&title, &subtitle)
        + 8.0
        + rows.len() as f64 * ROW
        + 22.0
        + caption_height(&cap);
    let mut svg = Svg::new(WIDTH, height, id, &title, &format!("{subtitle}. {cap}"));
    background(&mut svg, height);
    let y = heading(&mut svg, &title, &subtitle) + 8.0;
    let y = bar_rows(&mut svg, &layout, &rows, y, conf, n, None);
    write_caption(&mut svg, &cap, y);
    svg.finish()
}

/// The groups with the most posts analyzed (at most `max`), in key order.
pub(crate) fn biggest<'a>(
    groups: impl Iterator<Item = &'a Group>,
    max: usize,
) -> (Vec<&'a Group>, usize) {
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
pub fn small_multiples(report: &Report, id: &str, text: &ChartText) -> String {
    let conf = report.confidence;
    let order = order_by_share(&report.categories);
    let (groups, total) = biggest(report.groups.iter(), MAX_PANELS);
    let labels: Vec<String> = categories_of(&report.categories)
        .map(|c| c.label.clone())
        .collect();
    let top = groups
        .iter()
        .flat_map(|g| categories_of(&g.categories))
        .filter_map(reach)
        .fold(0.0, f64::max);
    let layout = bar_layout(&labels, top);
    let mut extra = legend_note(report);
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
    let cap = caption(report, &extra, text);
    let panel_h = |g: &Group| 24.0 + categories_of(&g.categories).count() as f64 * ROW + 22.0 + 8.0;
    let by: Vec<&str> = report
        .groups
        .first()
        .map(|g| g.keys.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let title = text.title(&format!(
        "Share of posts per category, by {}",
        by.join(" and ")
    ));
    let subtitle = text.subtitle(&any_line(
        &report.categories,
        conf,
        report.totals.posts_analyzed,
    ));
    let height = heading_height(&title, &subtitle)
        + groups.iter().map(|g| panel_h(g)).sum::<f64>()
        + caption_height(&cap);
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
