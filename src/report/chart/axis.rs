//! Axes: a linear [`Scale`] from shares to coordinates, round axis ends and
//! tick steps ([`nice_axis`]), tick labels, and the x axis of a panel of bars.

use super::style::{GRID, LABEL_CHARS, MUTED, PAD, WIDTH, text_width};
use crate::report::clip;
use crate::report::svg::{Svg, num};

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
pub(crate) fn tick_label(v: f64, step: f64) -> String {
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

/// Geometry of a panel of bars.
pub(crate) struct BarLayout {
    pub(crate) label_right: f64,
    pub(crate) scale: Scale,
    pub(crate) step: f64,
}

pub(crate) fn bar_layout(labels: &[String], top: f64) -> BarLayout {
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
pub(crate) fn x_axis(svg: &mut Svg, layout: &BarLayout, y0: f64, y1: f64) {
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
}
