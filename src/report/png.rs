//! `--chart chart.png`: the chart's SVG rasterised by resvg at twice its
//! size (1,280 px wide, sharp on a high-density screen and in print), with
//! the DejaVu Sans faces embedded in the binary as the one sans-serif
//! family, so that a PNG looks the same on every machine and needs no
//! system font. The SVG stays the source: the PNG is drawn from it, never
//! separately.

use resvg::{tiny_skia, usvg};

/// Pixels per SVG unit.
pub const SCALE: f32 = 2.0;

/// `svg` as PNG bytes.
pub fn png(svg: &str) -> Result<Vec<u8>, String> {
    let mut options = usvg::Options {
        font_family: "DejaVu Sans".into(),
        ..Default::default()
    };
    let fonts = options.fontdb_mut();
    fonts.load_font_data(dejavu::sans::regular().to_vec());
    fonts.load_font_data(dejavu::sans::bold().to_vec());
    fonts.set_sans_serif_family("DejaVu Sans");
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("the chart's SVG: {e}"))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(SCALE)
        .ok_or("the chart is too large")?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or("the chart is too large to draw")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("encoding the PNG: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_text_with_the_embedded_face() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" font-family="sans-serif"><rect width="100" height="40" fill="#FFFFFF"/><text x="4" y="28" font-size="20" fill="#000000">Año 10%</text></svg>"##;
        let bytes = png(svg).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        let image = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        assert_eq!((image.width(), image.height()), (200, 80));
        let dark = image
            .pixels()
            .iter()
            .filter(|p| p.red() < 128 && p.alpha() > 0)
            .count();
        assert!(dark > 200, "the text is drawn: {dark} dark pixels");
    }
}
