//! The terminal table (comfy-table): category, posts, share, interval and a
//! bar scaled to the largest category share, fitted to 80 columns, then the
//! denominator sentence and each category's top terms.

use std::io::Write;

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::format::{ci, clip, pct, pct_label, thousands};
use super::model::{ANY_ID, CategoryRow, Report};

/// Longest category label in a table row (longer ones end in `…`; the
/// JSON, CSV and HTML outputs keep the whole label): a label of 320,000
/// characters took 4 s to lay out.
const LABEL_CHARS: usize = 80;

/// Width the table is fitted to.
pub const WIDTH: u16 = 80;
const BAR: usize = 12;

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

/// A terminal table in lexiscope's style (condensed UTF-8 borders,
/// wrapped to [`WIDTH`]), for every command that prints one.
pub fn new_table(header: Vec<String>) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .force_no_tty()
        .set_width(WIDTH)
        .set_header(header);
    table
}

fn align_right(table: &mut Table, from: usize, to: usize) {
    for i in from..to {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// Group values longer than this are shortened in the terminal table (the
/// CSV and JSON outputs have them whole).
const KEY_CHARS: usize = 22;

/// Eight-level sparkline of values in [min, max].
pub fn sparkline(values: &[Option<f64>]) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let (min, max) = known
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(v) if max > min => TICKS[(((v - min) / (max - min)) * 7.0).round() as usize],
            Some(_) => TICKS[0],
        })
        .collect()
}

/// Write the report as a table.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let conf = report.confidence;
    let weighted = report.totals.weight.is_some();
    let cluster = report.categories.iter().any(|c| c.cluster_ci_low.is_some());
    let unique = report.unique.as_ref();
    let corrected = report.validation.is_some();
    let extra = weighted || cluster || unique.is_some() || corrected;
    let max = report
        .categories
        .iter()
        .filter(|c| c.id != ANY_ID)
        .filter_map(|c| c.share)
        .fold(0.0f64, f64::max);
    let mut header = vec![
        "Category".to_string(),
        "Posts".to_string(),
        "Share".to_string(),
        format!("{}% CI", pct_label(conf)),
    ];
    if weighted {
        header.push("Weighted".into());
    }
    if cluster {
        header.push("Cluster CI".into());
    }
    if unique.is_some() {
        header.push("Unique".into());
    }
    if corrected {
        header.push("Corrected".into());
        header.push("Corrected CI".into());
    }
    if !extra {
        header.push(String::new());
    }
    let ncols = header.len();
    let mut table = new_table(header);
    for (i, c) in report.categories.iter().enumerate() {
        let mut row = vec![
            clip(&c.label, LABEL_CHARS),
            thousands(c.posts),
            pct(c.share),
            ci(c.ci_low, c.ci_high),
        ];
        if weighted {
            row.push(pct(c.weighted_share));
        }
        if cluster {
            row.push(ci(c.cluster_ci_low, c.cluster_ci_high));
        }
        if let Some(u) = unique {
            row.push(pct(u.categories[i].share));
        }
        if corrected {
            let c = c.corrected.as_ref();
            row.push(pct(c.and_then(|c| c.share)));
            row.push(ci(c.and_then(|c| c.ci_low), c.and_then(|c| c.ci_high)));
        }
        if !extra {
            row.push(match c.share {
                Some(s) if c.id != ANY_ID && max > 0.0 => bar(s / max),
                _ => String::new(),
            });
        }
        table.add_row(row);
    }
    align_right(&mut table, 1, if extra { ncols } else { ncols - 1 });
    writeln!(out, "{table}")?;
    writeln!(out, "{}", wrap(&report.denominator_note(), WIDTH as usize))?;
    if let Some(note) = report.input_note() {
        writeln!(out, "{}", wrap(&note, WIDTH as usize))?;
    }
    let deobfuscated: Vec<&str> = report
        .provenance
        .lexicons
        .iter()
        .flat_map(|l| l.deobfuscated.iter().map(String::as_str))
        .collect();
    if !deobfuscated.is_empty() {
        writeln!(
            out,
            "{}",
            wrap(
                &format!(
                    "Deobfuscated matching (c.j.n.g, 4rm4s, amenazaaa) for: {}.",
                    deobfuscated.join(", ")
                ),
                WIDTH as usize
            )
        )?;
    }
    if let Some(u) = unique {
        writeln!(
            out,
            "{}",
            wrap(
                &format!(
                    "Unique (--dedupe {}): share of {} unique posts analyzed; {} duplicates and reposts left out.",
                    u.mode,
                    thousands(u.totals.posts_analyzed),
                    thousands(u.duplicates)
                ),
                WIDTH as usize
            )
        )?;
    }
    if weighted {
        writeln!(
            out,
            "{}",
            wrap(
                "Weighted: share of the total --weight carried by posts in the category.",
                WIDTH as usize
            )
        )?;
    }
    if cluster {
        writeln!(
            out,
            "{}",
            wrap(
                "Cluster CI: percentile cluster-bootstrap interval over the --cluster values.",
                WIDTH as usize
            )
        )?;
    }
    if let Some(note) = report.correction_note() {
        writeln!(out, "{}", wrap(&note, WIDTH as usize))?;
        for n in report.correction_notes() {
            writeln!(out, "{}", wrap(&format!("  {n}"), WIDTH as usize))?;
        }
    }
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
    render_groups(report, out)?;
    render_cooccurrence(report, out)
}

/// The breakdown: one row per group, the share of each category.
fn render_groups(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let Some(first) = report.groups.first() else {
        if report.groups_hidden > 0 {
            writeln!(
                out,
                "\nAll {} groups have fewer posts than --min-posts: none is shown.",
                report.groups_hidden
            )?;
        }
        return Ok(());
    };
    let fields: Vec<String> = first.keys.keys().cloned().collect();
    let ids: Vec<&str> = first.categories.iter().map(|c| c.id.as_str()).collect();
    writeln!(
        out,
        "\nBy {} (share of posts analyzed in each group; intervals in -f csv/json):",
        fields.join(" × ")
    )?;
    // As many category columns per table as fit in the width.
    // Width of the key columns: each field's longest (shortened) value.
    let keys_width: usize = fields
        .iter()
        .map(|f| {
            report
                .groups
                .iter()
                .map(|g| g.keys[f].chars().count())
                .chain(std::iter::once(f.chars().count()))
                .max()
                .unwrap_or(4)
                .min(KEY_CHARS)
                + 3
        })
        .sum();
    let cell = ids
        .iter()
        .map(|id| id.chars().count())
        .max()
        .unwrap_or(6)
        .clamp(7, 10)
        + 3;
    let per_table = ((WIDTH as usize).saturating_sub(keys_width + 11) / cell).max(1);
    let tables = |out: &mut dyn Write, value: &dyn Fn(&CategoryRow) -> String| {
        for chunk in (0..ids.len()).collect::<Vec<_>>().chunks(per_table) {
            let mut header = fields.clone();
            header.push("Posts".into());
            header.extend(chunk.iter().map(|&i| clip(ids[i], 10)));
            let mut table = new_table(header);
            for g in &report.groups {
                let mut row: Vec<String> = g.keys.values().map(|v| clip(v, KEY_CHARS)).collect();
                row.push(thousands(g.totals.posts_analyzed));
                row.extend(chunk.iter().map(|&i| value(&g.categories[i])));
                table.add_row(row);
            }
            align_right(&mut table, fields.len(), fields.len() + 1 + chunk.len());
            writeln!(out, "{table}")?;
        }
        Ok::<(), std::io::Error>(())
    };
    tables(out, &|c| pct(c.share))?;
    if let Some(v) = &report.validation {
        writeln!(
            out,
            "\n{}",
            wrap(
                &format!(
                    "Corrected by the coded posts (prediction-powered; – where a group has fewer than {} coded posts: {} groups):",
                    v.min_coded, v.groups_without
                ),
                WIDTH as usize
            )
        )?;
        tables(out, &|c| pct(c.corrected.as_ref().and_then(|c| c.share)))?;
    }
    if report.groups_hidden > 0 {
        writeln!(
            out,
            "{} groups with fewer posts than --min-posts not shown.",
            report.groups_hidden
        )?;
    }
    // Over time: one sparkline per category along the periods.
    let periods = ["day", "week", "month", "year"];
    if fields.len() == 1 && periods.contains(&fields[0].as_str()) && report.groups.len() > 1 {
        let first_period = &report.groups[0].keys[&fields[0]];
        let last_period = &report.groups[report.groups.len() - 1].keys[&fields[0]];
        writeln!(
            out,
            "\nOver time ({first_period} … {last_period}, each line scaled to its own range):"
        )?;
        let width = ids.iter().map(|id| id.chars().count()).max().unwrap_or(0);
        for (i, id) in ids.iter().enumerate() {
            let values: Vec<Option<f64>> = report
                .groups
                .iter()
                .map(|g| g.categories[i].share)
                .collect();
            let known: Vec<f64> = values.iter().flatten().copied().collect();
            let lo = known.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = known.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            writeln!(
                out,
                "  {id:<width$}  {}  {}–{}",
                sparkline(&values),
                pct(Some(lo).filter(|v| v.is_finite())),
                pct(Some(hi).filter(|v| v.is_finite()))
            )?;
        }
    }
    Ok(())
}

fn render_cooccurrence(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let Some(co) = &report.cooccurrence else {
        return Ok(());
    };
    let mut header = vec![String::new()];
    header.extend(co.categories.iter().cloned());
    let mut table = new_table(header);
    for (id, row) in co.categories.iter().zip(&co.posts) {
        let mut cells = vec![id.clone()];
        cells.extend(row.iter().map(|&n| thousands(n)));
        table.add_row(cells);
    }
    align_right(&mut table, 1, co.categories.len() + 1);
    writeln!(
        out,
        "\nCo-occurrence (posts in both categories; the diagonal: posts in the category):"
    )?;
    writeln!(out, "{table}")
}

/// Greedy word wrap at `width` characters, continuation lines indented.
pub fn wrap(text: &str, width: usize) -> String {
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
    fn sparklines() {
        assert_eq!(sparkline(&[Some(0.0), Some(0.5), Some(1.0), None]), "▁▅█ ");
        assert_eq!(sparkline(&[Some(0.2), Some(0.2)]), "▁▁");
    }

    #[test]
    fn wraps() {
        let w = wrap(&"word ".repeat(40), 30);
        assert!(w.lines().all(|l| l.chars().count() <= 30), "{w}");
    }
}
