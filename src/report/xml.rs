//! The one XML escape: text nodes and quoted attribute values of the SVG
//! charts, the HTML page and the JUnit XML of `lexicon test`. The five
//! special characters become references (`'` as `&#39;`, which HTML 4 also
//! reads); the control characters XML 1.0 forbids are dropped.

/// Escape text for XML and HTML (text nodes and quoted attribute values);
/// drops the control characters XML 1.0 does not allow.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape("\"><img src=x onerror=alert(1)> & 'x'"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;x&#39;"
        );
        assert_eq!(escape("a\u{1}b\u{7}c\nd"), "abc\nd");
        assert_eq!(escape("año ñ 🔫"), "año ñ 🔫");
    }
}
