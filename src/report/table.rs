//! The terminal table (comfy-table): category, posts, share, interval and a
//! bar scaled to the largest category share, fitted to 80 columns, then the
//! denominator sentence and each category's top terms.

use std::io::Write;

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::{ANY_ID, Report, ci, pct, pct_label, thousands};

/// Width the table is fitted to.
pub const WIDTH: u16 = 80;
const BAR: usize = 14;

/// A bar of `BAR` cells for `fraction` in [0, 1], with eighth-block ends.
pub fn bar(fraction: f64) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (fraction.clamp(0.0, 1.0) * (BAR * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        s.push(PARTS[eighths % 8]);
    }
    s
}

/// Write the report as a table.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let conf = report
        .provenance
        .options
        .get("confidence")
        .and_then(|v| v.as_f64())
        .unwrap_or(0.95);
    let max = report
        .categories
        .iter()
        .filter(|c| c.id != ANY_ID)
        .filter_map(|c| c.share)
        .fold(0.0f64, f64::max);
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .force_no_tty()
        .set_width(WIDTH)
        .set_header(vec![
            "Category".to_string(),
            "Posts".to_string(),
            "Share".to_string(),
            format!("{}% CI", pct_label(conf)),
            String::new(),
        ]);
    for c in &report.categories {
        let bar = match c.share {
            Some(s) if c.id != ANY_ID && max > 0.0 => bar(s / max),
            _ => String::new(),
        };
        table.add_row(vec![
            c.label.clone(),
            thousands(c.posts),
            pct(c.share),
            ci(c.ci_low, c.ci_high),
            bar,
        ]);
    }
    for i in 1..4 {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{}", wrap(&report.denominator_note(), WIDTH as usize))?;
    let with_terms: Vec<_> = report
        .categories
        .iter()
        .filter(|c| !c.top_terms.is_empty())
        .collect();
    if !with_terms.is_empty() {
        writeln!(out, "\nTop terms (hits):")?;
        for c in with_terms {
            let terms: Vec<String> = c
                .top_terms
                .iter()
                .map(|t| format!("{} ({})", t.term, thousands(t.hits)))
                .collect();
            writeln!(
                out,
                "{}",
                wrap(&format!("  {}: {}", c.id, terms.join(", ")), WIDTH as usize)
            )?;
        }
    }
    Ok(())
}

/// Greedy word wrap at `width` characters, continuation lines indented.
fn wrap(text: &str, width: usize) -> String {
    let body = text.trim_start_matches(' ');
    let indent = text.len() - body.len();
    let mut out = " ".repeat(indent);
    let mut line_len = indent;
    for word in body.split(' ') {
        let n = word.chars().count();
        if line_len > indent && line_len + 1 + n > width {
            out.push_str("\n    ");
            line_len = 4;
        } else if line_len > indent {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars() {
        assert_eq!(bar(1.0).chars().count(), BAR);
        assert_eq!(bar(0.0), "");
        assert_eq!(bar(0.5), "█".repeat(BAR / 2));
    }

    #[test]
    fn wraps() {
        let w = wrap(&"word ".repeat(40), 30);
        assert!(w.lines().all(|l| l.chars().count() <= 30), "{w}");
    }
}
