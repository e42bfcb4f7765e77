//! Markdown: a pipe table to paste into a paper or an issue, with the
//! denominator sentence under it.

use std::io::Write;

use super::format::{ci, pct, pct_label, thousands};
use super::model::Report;

fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Write the report as Markdown.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let conf = report.confidence;
    let corrected = report.validation.is_some();
    writeln!(
        out,
        "| Category | Posts | Share | {}% CI |{} Top terms |",
        pct_label(conf),
        if corrected {
            " Corrected | Corrected CI |"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "|---|---:|---:|---:|{}---|",
        if corrected { "---:|---:|" } else { "" }
    )?;
    for c in &report.categories {
        let terms: Vec<String> = c
            .top_terms
            .iter()
            .map(|t| format!("{} ({})", escape(&t.term), t.hits))
            .collect();
        let fixed = match (&c.corrected, corrected) {
            (Some(k), _) => format!(" {} | {} |", pct(k.share), ci(k.ci_low, k.ci_high)),
            (None, true) => " – | – |".to_string(),
            (None, false) => String::new(),
        };
        writeln!(
            out,
            "| {} | {} | {} | {} |{fixed} {} |",
            escape(&c.label),
            thousands(c.posts),
            pct(c.share),
            ci(c.ci_low, c.ci_high),
            terms.join(", ")
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", report.denominator_note())?;
    if let Some(note) = report.correction_note() {
        writeln!(out, "\n{}", escape(&note))?;
        for n in report.correction_notes() {
            writeln!(out, "\n- {}", escape(&n))?;
        }
    }
    if let Some(first) = report.groups.first() {
        let fields: Vec<String> = first.keys.keys().cloned().collect();
        writeln!(out)?;
        let ids: Vec<String> = first.categories.iter().map(|c| escape(&c.id)).collect();
        writeln!(
            out,
            "| {} | Posts | {} |",
            fields
                .iter()
                .map(|f| escape(f))
                .collect::<Vec<_>>()
                .join(" | "),
            ids.join(" | ")
        )?;
        writeln!(
            out,
            "|{}---:|{}",
            "---|".repeat(fields.len()),
            "---:|".repeat(ids.len())
        )?;
        for g in &report.groups {
            let keys: Vec<String> = g.keys.values().map(|v| escape(v)).collect();
            let shares: Vec<String> = g
                .categories
                .iter()
                .map(|c| match c.corrected.as_ref().map(|k| k.share) {
                    Some(Some(k)) => format!("{} ({} corrected)", pct(c.share), pct(Some(k))),
                    _ => pct(c.share),
                })
                .collect();
            writeln!(
                out,
                "| {} | {} | {} |",
                keys.join(" | "),
                thousands(g.totals.posts_analyzed),
                shares.join(" | ")
            )?;
        }
    }
    Ok(())
}
