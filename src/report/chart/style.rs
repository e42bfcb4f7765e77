//! The look every chart shares: 640 px wide, the Okabe–Ito palette (Okabe &
//! Ito 2008), ink and grid colours, row sizes, and text measured by an
//! estimate of a generic sans-serif face (no font files).

use crate::report::svg::{Svg, num};

/// Width of every chart, in user units (px at 100%).
pub const WIDTH: f64 = 640.0;

/// Most groups drawn as panels of bars.
pub const MAX_PANELS: usize = 12;

/// Most groups drawn as panels of lines.
pub const MAX_TIME_PANELS: usize = 6;

/// Most lines in one panel (the palette's size): past five, lines of one
/// panel cannot be told apart at a glance.
pub const MAX_SERIES: usize = 5;

/// The Okabe–Ito colours with a contrast of at least 3:1 on white (WCAG
/// 2.1's bar for graphics: blue 5.2, vermillion 3.9, bluish green 3.4,
/// reddish purple 3.1, black 21), in the order series get them; orange,
/// sky blue and yellow (2.3, 2.3, 1.3) are left out.
pub const PALETTE: [&str; MAX_SERIES] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"];

pub(crate) const BAR_FILL: &str = "#0072B2";

pub(crate) const INK: &str = "#222222";

/// The corrected share's marks (`--validation`): Okabe–Ito vermillion.
pub(crate) const CORRECTED: &str = "#D55E00";

pub(crate) const MUTED: &str = "#555555";

pub(crate) const GRID: &str = "#DDDDDD";

pub(crate) const PAD: f64 = 16.0;

pub(crate) const ROW: f64 = 26.0;

pub(crate) const BAR_H: f64 = 16.0;

/// Average advance of a character of a generic sans-serif face, in ems.
pub(crate) const EM_ADVANCE: f64 = 0.56;

pub(crate) const LABEL_CHARS: usize = 40;

/// Estimated width of `s` at `size` px.
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * EM_ADVANCE
}

/// Greedy word wrap to `width` characters.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
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

pub(crate) fn background(svg: &mut Svg, height: f64) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words() {
        assert_eq!(wrap("a bb ccc dd", 6), vec!["a bb", "ccc dd"]);
    }
}
