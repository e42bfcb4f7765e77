//! The terminal table (comfy-table): category, posts, share, interval and a
//! bar scaled to the largest category share, fitted to the width it is
//! given, then the denominator sentence, each category's top terms, the
//! breakdown and the co-occurrence matrix.

use std::io::Write;

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::format::{ci, clip, one_line, pct, pct_label, thousands};
use super::model::{ANY_ID, CategoryRow, Report};

/// Longest category label in a table row (longer ones end in `…`; the
/// JSON, CSV and HTML outputs keep the whole label): a label of 320,000
/// characters took 4 s to lay out.
const LABEL_CHARS: usize = 80;

/// Width a table is fitted to when the output is not a terminal and
/// `COLUMNS` is not set (the command layer decides: `cmd::terminal`).
pub const DEFAULT_WIDTH: usize = 80;
const BAR: usize = 12;

/// A bar of `BAR` cells for `fraction` in [0, 1], with eighth-block ends.
pub fn bar(fraction: f64) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (fraction.clamp(0.0, 1.0) * (BAR * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(PARTS[eighths % 8]);
    }
    s
}

/// A terminal table in lexiscope's style (condensed UTF-8 borders,
/// wrapped to `width` columns), for every command that prints one.
pub fn new_table(header: Vec<String>, width: usize) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .force_no_tty()
        .set_width(width.min(u16::MAX as usize) as u16)
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

/// Narrowest a group-value column is wrapped to before a breakdown gives
/// up the one wide table for one table per category.
const KEY_MIN: usize = 12;

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

/// Write the report as a table fitted to `width` columns.
pub fn render(report: &Report, out: &mut dyn Write, width: usize) -> std::io::Result<()> {
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
    let mut table = new_table(header, width);
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
    writeln!(out, "{}", wrap(&report.denominator_note(), width))?;
    if let Some(note) = report.input_note() {
        writeln!(out, "{}", wrap(&note, width))?;
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
                width
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
                width
            )
        )?;
    }
    if weighted {
        writeln!(
            out,
            "{}",
            wrap(
                "Weighted: share of the total --weight carried by posts in the category.",
                width
            )
        )?;
    }
    if cluster {
        writeln!(
            out,
            "{}",
            wrap(
                "Cluster CI: percentile cluster-bootstrap interval over the --cluster values.",
                width
            )
        )?;
    }
    if let Some(note) = report.correction_note() {
        writeln!(out, "{}", wrap(&note, width))?;
        for n in report.correction_notes() {
            writeln!(out, "{}", wrap(&format!("  {n}"), width))?;
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
                wrap(&format!("  {}: {}", c.id, terms.join(", ")), width)
            )?;
        }
    }
    render_groups(report, out, width)?;
    render_cooccurrence(report, out, width)
}

/// How a breakdown is laid out in `width` columns.
#[derive(Debug, PartialEq)]
enum GroupLayout {
    /// One table: groups in rows, categories in columns; the content
    /// widths of the key columns, then of the category columns.
    Wide(Vec<usize>, Vec<usize>),
    /// One table per category, groups in rows.
    PerCategory,
}

/// `text` in lines of at most `w` characters, broken after any character
/// `breaks` accepts (a space is dropped at a break), and a part longer
/// than `w` cut into pieces of `w`: the whole text, never an ellipsis.
fn lines_of(text: &str, w: usize, breaks: fn(char) -> bool) -> String {
    let w = w.max(1);
    let mut parts: Vec<String> = Vec::new();
    let mut part = String::new();
    for c in text.chars() {
        part.push(c);
        if breaks(c) {
            parts.push(std::mem::take(&mut part));
        }
    }
    if !part.is_empty() {
        parts.push(part);
    }
    let mut lines: Vec<String> = vec![String::new()];
    for p in parts {
        let line = lines.last_mut().expect("one line");
        if line.chars().count() + p.trim_end().chars().count() <= w {
            line.push_str(&p);
            continue;
        }
        let mut rest: Vec<char> = p.chars().collect();
        if !line.trim_end().is_empty() {
            lines.push(String::new());
        }
        while rest.len() > w && rest[..w].iter().any(|c| !c.is_whitespace()) {
            let piece: String = rest.drain(..w).collect();
            *lines.last_mut().expect("one line") = piece;
            lines.push(String::new());
        }
        lines.last_mut().expect("one line").extend(rest);
    }
    lines
        .iter()
        .map(|l| l.trim_end())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where a category id may be broken across header lines.
fn id_break(c: char) -> bool {
    matches!(c, '_' | '-' | '.' | ' ' | '/')
}

/// Longest piece of an id between its breaks.
fn longest_part(id: &str) -> usize {
    id.split_inclusive(id_break)
        .map(|p| p.trim_end().chars().count())
        .max()
        .unwrap_or(0)
}

/// A group value as a cell: the whole value; an empty value says so.
fn key_cell(v: &str) -> String {
    if v.is_empty() {
        "(empty)".into()
    } else {
        one_line(v)
    }
}

/// The widths of one wide table of `keys` (each column's longest value)
/// and category `ids` whose numbers take `values` characters, in `width`
/// columns; `None` when even the numbers and `KEY_MIN`-wide keys do not
/// fit. What reads best comes first: ids on one line and keys whole; ids
/// broken at their `_`/`-` and keys whole; keys whole (or on two lines,
/// or wrapped) and the ids' headers on as few lines as the rest allows.
fn wide_widths(
    keys: &[usize],
    posts: usize,
    ids: &[&str],
    values: usize,
    width: usize,
) -> Option<(Vec<usize>, Vec<usize>)> {
    // A column costs its content plus a space each side and a border.
    let fixed = posts + 3 + 1 + 3 * (keys.len() + ids.len());
    let avail = width.checked_sub(fixed)?;
    let full: Vec<usize> = ids
        .iter()
        .map(|id| id.chars().count().max(values))
        .collect();
    let natural: Vec<usize> = ids.iter().map(|id| longest_part(id).max(values)).collect();
    let key_min: Vec<usize> = keys.iter().map(|&k| k.min(KEY_MIN)).collect();
    let sum = |v: &[usize]| v.iter().sum::<usize>();
    if sum(&full) + sum(keys) <= avail {
        return Some((keys.to_vec(), full));
    }
    if sum(&natural) + sum(keys) <= avail {
        return Some((keys.to_vec(), natural));
    }
    // Then the keys whole if the ids' numbers fit beside them, else on two
    // lines at most, else at `KEY_MIN` (a row's extra line costs once per
    // group, a header's once); the ids share the rest.
    let two_lines: Vec<usize> = keys
        .iter()
        .zip(&key_min)
        .map(|(&k, &m)| k.div_ceil(2).max(m))
        .collect();
    let key_min = [keys.to_vec(), two_lines]
        .into_iter()
        .find(|k| ids.len() * values + sum(k) <= avail)
        .unwrap_or(key_min);
    let minimum = ids.len() * values + sum(&key_min);
    if minimum > avail {
        return None;
    }
    // Ids share the rest, a few characters at a time to the id whose
    // header loses the most lines for them; what is left widens the keys.
    let mut spare = avail - minimum;
    let mut c = vec![values; ids.len()];
    let lines = |i: usize, w: usize| lines_of(ids[i], w, id_break).lines().count();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for i in 0..ids.len() {
            let now = lines(i, c[i]);
            let Some(extra) = (1..=spare.min(natural[i].saturating_sub(c[i])))
                .find(|&e| lines(i, c[i] + e) < now)
            else {
                continue;
            };
            let gain = (now - lines(i, c[i] + extra)) as f64 / extra as f64;
            if best.is_none_or(|(g, _, _)| gain > g) {
                best = Some((gain, i, extra));
            }
        }
        let Some((_, i, extra)) = best else { break };
        c[i] += extra;
        spare -= extra;
    }
    let mut k = key_min;
    for (w, &full) in k.iter_mut().zip(keys) {
        let more = (full - *w).min(spare);
        *w += more;
        spare -= more;
    }
    Some((k, c))
}

/// The breakdown: groups in rows and categories in columns when they fit
/// the width, else one table per category; ids and group values whole.
fn render_groups(report: &Report, out: &mut dyn Write, width: usize) -> std::io::Result<()> {
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
    let keys: Vec<usize> = fields
        .iter()
        .map(|f| {
            report
                .groups
                .iter()
                .map(|g| key_cell(&g.keys[f]).chars().count())
                .chain(std::iter::once(longest_part(f)))
                .max()
                .unwrap_or(4)
        })
        .collect();
    let posts = report
        .groups
        .iter()
        .map(|g| thousands(g.totals.posts_analyzed).chars().count())
        .max()
        .unwrap_or(0)
        .max("Posts".len());
    let values = report
        .groups
        .iter()
        .flat_map(|g| &g.categories)
        .map(|c| pct(c.share).chars().count())
        .max()
        .unwrap_or(5)
        .max(pct(None).chars().count());
    let layout = match wide_widths(&keys, posts, &ids, values, width) {
        Some((k, c)) => GroupLayout::Wide(k, c),
        None => GroupLayout::PerCategory,
    };
    let tables = |out: &mut dyn Write, value: &dyn Fn(&CategoryRow) -> String| {
        match &layout {
            GroupLayout::Wide(key_widths, id_widths) => {
                let space = |c: char| c == ' ';
                let mut header: Vec<String> = fields
                    .iter()
                    .zip(key_widths)
                    .map(|(f, &w)| lines_of(f, w, space))
                    .collect();
                header.push("Posts".into());
                header.extend(
                    ids.iter()
                        .zip(id_widths)
                        .map(|(id, &w)| lines_of(id, w, id_break)),
                );
                let mut table = new_table(header, width);
                for g in &report.groups {
                    let mut row: Vec<String> = g
                        .keys
                        .values()
                        .zip(key_widths)
                        .map(|(v, &w)| lines_of(&key_cell(v), w, space))
                        .collect();
                    row.push(thousands(g.totals.posts_analyzed));
                    row.extend(g.categories.iter().map(value));
                    table.add_row(row);
                }
                align_right(&mut table, fields.len(), fields.len() + 1 + ids.len());
                writeln!(out, "{table}")?;
            }
            GroupLayout::PerCategory => {
                for (i, id) in ids.iter().enumerate() {
                    let label = &first.categories[i].label;
                    let title = if label.is_empty() || label == id {
                        id.to_string()
                    } else {
                        format!("{id}: {}", one_line(label))
                    };
                    writeln!(out, "{}", wrap(&title, width))?;
                    let mut header = fields.clone();
                    header.push("Posts".into());
                    header.push("Share".into());
                    let mut table = new_table(header, width);
                    for g in &report.groups {
                        let mut row: Vec<String> = g.keys.values().map(|v| key_cell(v)).collect();
                        row.push(thousands(g.totals.posts_analyzed));
                        row.push(value(&g.categories[i]));
                        table.add_row(row);
                    }
                    align_right(&mut table, fields.len(), fields.len() + 2);
                    writeln!(out, "{table}")?;
                }
            }
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
                width
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

fn render_cooccurrence(report: &Report, out: &mut dyn Write, width: usize) -> std::io::Result<()> {
    let Some(co) = &report.cooccurrence else {
        return Ok(());
    };
    let mut header = vec![String::new()];
    header.extend(
        co.categories
            .iter()
            .map(|c| lines_of(c, longest_part(c).max(7), id_break)),
    );
    let mut table = new_table(header, width);
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
