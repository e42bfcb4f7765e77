//! A small SVG writer: elements with attributes, escaped text, nothing
//! else. The charts of [`super::chart`](crate::report::chart) are drawn with it.
//!
//! Why not `plotters` (its SVG backend, `plotters-svg`)? We tried it for
//! issue 8 and it cannot give what the charts must have:
//! - its `SVGBackend` writes a fixed attribute list per element, so a bar
//!   cannot carry `class="bar"` or `data-category`, and tests (or a
//!   newsroom's script) cannot find the bar of a category;
//! - it has no `<title>`/`<desc>` or `role`/`aria-*` for screen readers and
//!   hover text, and no `<g>` grouping;
//! - its backend coordinates are integer pixels (`BackendCoord = (i32,
//!   i32)`), so a whisker end is rounded and cannot be checked against the
//!   interval mapped through the axis scale;
//! - laying out labels needs text metrics, which it only has with a font
//!   file and its `ttf`/`ab_glyph` features; we want generic font families
//!   only and estimate widths instead.
//!
//! So the charts write SVG through [`Svg`], which is about fifty lines and
//! tested below: every attribute value and text node is escaped, control
//! characters that XML 1.0 forbids are dropped, numbers are written with two
//! decimals.

use std::fmt::Write as _;

use super::xml::escape;

/// The SVG namespace.
pub const NS: &str = "http://www.w3.org/2000/svg";

/// A coordinate or length: two decimals, no trailing zeros.
pub fn num(v: f64) -> String {
    let s = format!("{:.2}", if v.is_finite() { v } else { 0.0 });
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// An SVG document being written.
#[derive(Debug, Default)]
pub struct Svg {
    buf: String,
    open: Vec<&'static str>,
}

impl Svg {
    /// A new document of `width` × `height` user units, with a title and a
    /// description for screen readers (their ids start with `id`).
    pub fn new(width: f64, height: f64, id: &str, title: &str, desc: &str) -> Svg {
        let mut svg = Svg::default();
        let view = format!("0 0 {} {}", num(width), num(height));
        let labelled = format!("{id}-title {id}-desc");
        svg.open(
            "svg",
            &[
                ("xmlns", NS),
                ("width", &num(width)),
                ("height", &num(height)),
                ("viewBox", &view),
                ("role", "img"),
                ("aria-labelledby", &labelled),
                ("font-family", "sans-serif"),
                ("font-size", "13"),
                ("fill", "#222222"),
            ],
        );
        svg.text_el("title", &[("id", &format!("{id}-title"))], title);
        svg.text_el("desc", &[("id", &format!("{id}-desc"))], desc);
        svg
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.buf.push('<');
        self.buf.push_str(name);
        for (k, v) in attrs {
            let _ = write!(self.buf, " {k}=\"{}\"", escape(v));
        }
    }

    /// Open an element (closed by [`Svg::close`]).
    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.buf.push_str(">\n");
        self.open.push(name);
    }

    /// Close the innermost open element.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            let _ = writeln!(self.buf, "</{name}>");
        }
    }

    /// An empty element.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.buf.push_str("/>\n");
    }

    /// An element holding text.
    pub fn text_el(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.tag(name, attrs);
        let _ = writeln!(self.buf, ">{}</{name}>", escape(text));
    }

    /// An element whose only child is a `<title>` (hover text, read aloud).
    pub fn titled(&mut self, name: &str, attrs: &[(&str, &str)], title: &str) {
        self.tag(name, attrs);
        let _ = writeln!(self.buf, "><title>{}</title></{name}>", escape(title));
    }

    /// An element holding text and a `<title>` (e.g. a clipped label and
    /// the whole one).
    pub fn text_titled(&mut self, name: &str, attrs: &[(&str, &str)], text: &str, title: &str) {
        self.tag(name, attrs);
        let _ = writeln!(
            self.buf,
            "><title>{}</title>{}</{name}>",
            escape(title),
            escape(text)
        );
    }

    /// Close everything and return the document.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_two_decimals_at_most() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn writes_well_formed_documents() {
        let mut svg = Svg::new(100.0, 50.0, "t", "A <title>", "a & b");
        svg.open("g", &[("class", "plot")]);
        svg.titled("rect", &[("data-category", "<x>")], "x\"y");
        svg.leaf("line", &[("x1", "0")]);
        let doc = svg.finish();
        let parsed = roxmltree::Document::parse(&doc).unwrap();
        let rect = parsed
            .descendants()
            .find(|n| n.has_tag_name("rect"))
            .unwrap();
        assert_eq!(rect.attribute("data-category"), Some("<x>"));
        assert_eq!(rect.first_element_child().unwrap().text(), Some("x\"y"));
        assert!(doc.ends_with("</g>\n</svg>\n"));
    }
}
