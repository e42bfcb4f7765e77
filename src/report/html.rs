//! The HTML report (`--html FILE`): one self-contained page a journalist can
//! publish or attach: the share table, the charts (SVG inlined), claimed vs
//! measured figures (`reproduce`), a reproducible random sample of KWIC
//! lines per category, and the provenance block.
//!
//! Self-contained means no network: the CSS is inline, there is no script,
//! and no `src`/`href` points outside the page (the claims' source address
//! is printed as text, not linked). Everything taken from posts, lexicons,
//! claims files or paths goes through [`escape`], so a post that holds
//! `<script>` is shown, not run. The page is also well-formed XML (XHTML
//! syntax: every element closed, no named entities), so it can be checked
//! by an XML parser.

use std::io::Write;

use super::chart::{ChartText, corpus_names, group_name};
use super::claims::{ClaimSource, Verdict, points};
use super::format::{ci, one_line, pct, pct_label, thousands};
use super::model::{ANY_ID, CategoryRow, FiredTerm, KwicLine, Report};
use super::xml::escape;

/// Most rows of the group table.
pub const MAX_GROUP_ROWS: usize = 2000;

/// A claims file measured (`reproduce --html`): its source and verdicts.
pub type ClaimsPart<'a> = (&'a ClaimSource, &'a [Verdict]);

/// What goes on the page besides the report.
pub struct Page<'a> {
    /// The report.
    pub report: &'a Report,
    /// `(heading, svg)` of each chart.
    pub charts: Vec<(String, String)>,
    /// KWIC samples per category id, or why there are none.
    pub samples: std::result::Result<Vec<(String, Vec<KwicLine>)>, String>,
    /// How the samples were drawn (`10 lines per category, seed 1`).
    pub sample_note: String,
    /// Claims, for `reproduce`.
    pub claims: Option<ClaimsPart<'a>>,
    /// When and how the page was made.
    pub run: Option<RunInfo>,
    /// The publisher's title, subtitle, source and note.
    pub text: ChartText,
}

/// When and by which command a page was made, shown at its top and in
/// its provenance (the JSON report leaves them out, so that the same run
/// gives the same bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunInfo {
    /// UTC date and time, ISO 8601.
    pub date: String,
    /// The command line, quoted for a POSIX shell.
    pub command: String,
}

const CSS: &str = "
body{font-family:system-ui,sans-serif;color:#222;max-width:980px;margin:0 auto;padding:1rem 1.25rem 3rem;line-height:1.45}
h1{font-size:1.6rem;margin:.5rem 0 .25rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
p.note,figcaption,.small{color:#555;font-size:.9rem}
p.synthetic{background:#fff3cd;border:1px solid #e0b400;padding:.5rem .8rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}
th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure{margin:1rem 0}svg{max-width:100%;height:auto}
code,pre,.kwic{font-family:ui-monospace,monospace}
pre{background:#f6f6f6;padding:.6rem;overflow-x:auto;font-size:.85rem}
table.kwic{table-layout:fixed;width:100%}table.kwic td{font-size:.85rem;overflow-wrap:anywhere}
table.kwic th:nth-child(1){width:20%}table.kwic th:nth-child(2){width:30%}table.kwic th:nth-child(3){width:12%}
table.kwic th:nth-child(4){width:28%}table.kwic th:nth-child(5){width:10%}
td.left{text-align:right;color:#444}td.right{color:#444}td.match{font-weight:bold;background:#fff3c4}
.ok{color:#006d43;font-weight:bold}.bad{color:#b02a00;font-weight:bold}
td.hash{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-all}
";

fn cell(out: &mut dyn Write, tag: &str, class: &str, text: &str) -> std::io::Result<()> {
    if class.is_empty() {
        write!(out, "<{tag}>{}</{tag}>", escape(text))
    } else {
        write!(out, "<{tag} class=\"{class}\">{}</{tag}>", escape(text))
    }
}

fn row(out: &mut dyn Write, cells: &[(&str, String)]) -> std::io::Result<()> {
    write!(out, "<tr>")?;
    for (class, text) in cells {
        cell(out, "td", class, text)?;
    }
    writeln!(out, "</tr>")
}

fn header(out: &mut dyn Write, cells: &[(&str, &str)]) -> std::io::Result<()> {
    write!(out, "<thead><tr>")?;
    for (class, text) in cells {
        cell(out, "th", class, text)?;
    }
    writeln!(out, "</tr></thead>")
}

fn label_of<'a>(report: &'a Report, id: &'a str) -> &'a str {
    report
        .categories
        .iter()
        .find(|c| c.id == id)
        .map_or(id, |c| c.label.as_str())
}

/// Write the page.
pub fn render(page: &Page, out: &mut dyn Write) -> std::io::Result<()> {
    let r = page.report;
    let conf = r.confidence;
    let corpus = corpus_names(r);
    let title = match (&page.text.title, &page.claims) {
        (Some(t), _) => t.clone(),
        (None, Some((source, _))) => format!("Reproducing: {}", source.title),
        (None, None) => format!("lexiscope report: {corpus}"),
    };
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
    )?;
    writeln!(out, "<title>{}</title>", escape(&title))?;
    writeln!(out, "<style>{CSS}</style>\n</head>\n<body>")?;
    writeln!(out, "<header>\n<h1>{}</h1>", escape(&title))?;
    if let Some(s) = &page.text.subtitle {
        writeln!(out, "<p class=\"subtitle\">{}</p>", escape(s))?;
    }
    for (class, label, value) in [
        ("source", "Source", &page.text.source),
        ("note", "Note", &page.text.note),
    ] {
        if let Some(v) = value {
            writeln!(
                out,
                "<p class=\"{class}\"><strong>{label}:</strong> {}</p>",
                escape(v)
            )?;
        }
    }
    writeln!(
        out,
        "<p class=\"note\">{}</p>",
        escape(&format!("Corpus: {corpus}. {}", r.denominator_note()))
    )?;
    if let Some(run) = &page.run {
        writeln!(
            out,
            "<p class=\"note run\">Made {} by <code>{}</code></p>",
            escape(&run.date),
            escape(&run.command)
        )?;
    }
    writeln!(out, "</header>")?;
    if let Some(note) = r.input_note() {
        writeln!(
            out,
            "<p class=\"synthetic\"><strong>{}</strong></p>",
            escape(&note)
        )?;
    }

    if let Some((source, verdicts)) = page.claims {
        claims(out, source, verdicts, conf, r.input_note().as_deref())?;
    }

    // Shares.
    writeln!(
        out,
        "<section id=\"shares\">\n<h2>Shares</h2>\n<table class=\"shares\">"
    )?;
    let ci_head = format!("{}% CI", pct_label(conf));
    let corrected = r.validation.is_some();
    let mut head = vec![
        ("", "Category"),
        ("num", "Posts"),
        ("num", "Share"),
        ("num", ci_head.as_str()),
    ];
    if corrected {
        head.extend([("num", "Corrected"), ("num", "Corrected CI")]);
    }
    head.push(("", "Top terms"));
    header(out, &head)?;
    writeln!(out, "<tbody>")?;
    for c in &r.categories {
        let terms: Vec<String> = c
            .top_terms
            .iter()
            .map(|t| format!("{} ({})", t.term, thousands(t.hits)))
            .collect();
        let mut cells = share_cells(c, corrected);
        cells.push(("", terms.join(", ")));
        row(out, &cells)?;
    }
    writeln!(out, "</tbody></table>")?;
    writeln!(
        out,
        "<p class=\"note\">{}</p>",
        escape(&r.denominator_note())
    )?;
    if let Some(note) = r.correction_note() {
        writeln!(out, "<p class=\"note corrected\">{}</p>", escape(&note))?;
        let notes = r.correction_notes();
        if !notes.is_empty() {
            writeln!(out, "<ul class=\"note\">")?;
            for n in notes {
                writeln!(out, "<li>{}</li>", escape(&n))?;
            }
            writeln!(out, "</ul>")?;
        }
    }
    if !r.groups.is_empty() {
        groups(out, r, &ci_head)?;
    }
    writeln!(out, "</section>")?;

    // Charts.
    writeln!(out, "<section id=\"charts\">\n<h2>Charts</h2>")?;
    for (heading, svg) in &page.charts {
        writeln!(out, "<figure>\n<h3>{}</h3>", escape(heading))?;
        out.write_all(svg.as_bytes())?;
        writeln!(out, "</figure>")?;
    }
    writeln!(out, "</section>")?;

    // Samples.
    writeln!(
        out,
        "<section id=\"samples\">\n<h2>What the categories catch: samples of matches</h2>"
    )?;
    writeln!(out, "<p class=\"note\">{}</p>", escape(&page.sample_note))?;
    match &page.samples {
        Err(why) => writeln!(out, "<p class=\"note\">{}</p>", escape(why))?,
        Ok(samples) => {
            for (id, lines) in samples {
                writeln!(
                    out,
                    "<h3 data-category=\"{}\">{} <span class=\"small\">({} lines)</span></h3>",
                    escape(id),
                    escape(label_of(r, id)),
                    lines.len()
                )?;
                if lines.is_empty() {
                    writeln!(out, "<p class=\"note\">No match in the corpus.</p>")?;
                    continue;
                }
                writeln!(
                    out,
                    "<table class=\"kwic\" data-category=\"{}\">",
                    escape(id)
                )?;
                header(
                    out,
                    &[
                        ("", "Post"),
                        ("num", "Before"),
                        ("", "Match"),
                        ("", "After"),
                        ("", "Term"),
                    ],
                )?;
                writeln!(out, "<tbody>")?;
                for l in lines {
                    let input = std::path::Path::new(&l.input)
                        .file_name()
                        .map_or_else(|| l.input.clone(), |n| n.to_string_lossy().into_owned());
                    row(
                        out,
                        &[
                            ("small", format!("{} ({input}:{})", l.id, l.line)),
                            ("left", one_line(&l.left)),
                            ("match", one_line(&l.matched)),
                            ("right", one_line(&l.right)),
                            (
                                "small",
                                match l.fired.as_slice() {
                                    [] => l.term.clone(),
                                    fired => format!("⇐ {}", FiredTerm::join(fired)),
                                },
                            ),
                        ],
                    )?;
                }
                writeln!(out, "</tbody></table>")?;
            }
        }
    }
    writeln!(out, "</section>")?;

    provenance(out, r, page.run.as_ref())?;
    writeln!(
        out,
        "<footer class=\"small\"><p>Made with lexiscope {}.</p></footer>\n</body>\n</html>",
        escape(&r.provenance.tool_version)
    )
}

fn claims(
    out: &mut dyn Write,
    c: &ClaimSource,
    verdicts: &[Verdict],
    conf: f64,
    corpus_note: Option<&str>,
) -> std::io::Result<()> {
    writeln!(
        out,
        "<section id=\"claims\">\n<h2>Claims: claimed vs measured</h2>"
    )?;
    let mut source = vec![c.title.clone()];
    for s in [&c.publisher, &c.date, &c.url] {
        if !s.is_empty() {
            source.push(s.clone());
        }
    }
    writeln!(out, "<p>Source: {}</p>", escape(&source.join(" · ")))?;
    if let Some(missing) = c.missing() {
        writeln!(out, "<p class=\"synthetic\">{}</p>", escape(&missing))?;
    }
    if !c.note.is_empty() {
        writeln!(out, "<p class=\"note\">{}</p>", escape(&c.note))?;
    }
    if let Some(note) = corpus_note {
        writeln!(
            out,
            "<p class=\"synthetic\"><strong>Measured on this corpus: {}</strong></p>",
            escape(note)
        )?;
    }
    writeln!(out, "<table class=\"claims\">")?;
    let ci_head = format!("{}% CI", pct_label(conf));
    header(
        out,
        &[
            ("", "Claim"),
            ("", "Category"),
            ("num", "Claimed"),
            ("num", "Measured"),
            ("num", &ci_head),
            ("num", "Tolerance"),
            ("", "Verdict"),
        ],
    )?;
    writeln!(out, "<tbody>")?;
    for v in verdicts {
        write!(out, "<tr>")?;
        cell(out, "td", "", &v.claim.statement)?;
        cell(out, "td", "", &v.claim.category)?;
        cell(out, "td", "num", &pct(Some(v.claimed)))?;
        cell(out, "td", "num", &pct(v.measured))?;
        cell(out, "td", "num", &ci(v.ci_low, v.ci_high))?;
        cell(out, "td", "num", &points(v.tolerance))?;
        if v.consistent {
            cell(out, "td", "ok verdict", "consistent")?;
        } else {
            cell(out, "td", "bad verdict", "NOT consistent")?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table>")?;
    writeln!(
        out,
        "<p class=\"note\">A claim is consistent when it lies inside the measured interval widened by its tolerance, in percentage points (default ±0.5, the rounding of a published whole percentage).</p>\n</section>"
    )
}

/// A row's label, posts, share and interval as table cells, then with
/// `corrected` its corrected share and interval.
fn share_cells(c: &CategoryRow, corrected: bool) -> Vec<(&'static str, String)> {
    let mut cells = vec![
        ("", c.label.clone()),
        ("num", thousands(c.posts)),
        ("num", pct(c.share)),
        ("num", ci(c.ci_low, c.ci_high)),
    ];
    if corrected {
        let k = c.corrected.as_ref();
        cells.extend([
            ("num", pct(k.and_then(|k| k.share))),
            (
                "num",
                ci(k.and_then(|k| k.ci_low), k.and_then(|k| k.ci_high)),
            ),
        ]);
    }
    cells
}

fn groups(out: &mut dyn Write, r: &Report, ci_head: &str) -> std::io::Result<()> {
    writeln!(out, "<h3>Breakdown</h3>\n<table class=\"groups\">")?;
    let corrected = r.validation.is_some();
    let mut head = vec![
        ("", "Group"),
        ("num", "Posts analyzed"),
        ("", "Category"),
        ("num", "Posts"),
        ("num", "Share"),
        ("num", ci_head),
    ];
    if corrected {
        head.extend([("num", "Corrected"), ("num", "Corrected CI")]);
    }
    header(out, &head)?;
    writeln!(out, "<tbody>")?;
    let mut rows = 0;
    let mut left_out = 0;
    for g in &r.groups {
        let name = group_name(g);
        for c in g.categories.iter().filter(|c| c.id != ANY_ID) {
            if rows >= MAX_GROUP_ROWS {
                left_out += 1;
                continue;
            }
            rows += 1;
            let mut cells = vec![
                ("", name.clone()),
                ("num", thousands(g.totals.posts_analyzed)),
            ];
            cells.extend(share_cells(c, corrected));
            row(out, &cells)?;
        }
    }
    writeln!(out, "</tbody></table>")?;
    if left_out > 0 {
        writeln!(
            out,
            "<p class=\"note\">{left_out} more rows are in the CSV and JSON outputs.</p>"
        )?;
    }
    Ok(())
}

fn provenance(out: &mut dyn Write, r: &Report, run: Option<&RunInfo>) -> std::io::Result<()> {
    let p = &r.provenance;
    let t = &r.totals;
    writeln!(out, "<section id=\"provenance\">\n<h2>Provenance</h2>")?;
    if let Some(run) = run {
        writeln!(
            out,
            "<p>Run: {}. Command line:</p>\n<pre class=\"command\">{}</pre>",
            escape(&run.date),
            escape(&run.command)
        )?;
    }
    writeln!(
        out,
        "<p>Tool: lexiscope {}. Posts read {}, analyzed {}, empty {}, skipped {}.</p>",
        escape(&p.tool_version),
        thousands(t.posts_read),
        thousands(t.posts_analyzed),
        thousands(t.posts_empty),
        thousands(t.posts_skipped)
    )?;
    if let Some(v) = &r.validation {
        writeln!(
            out,
            "<p>Validation sheet: {} (SHA-256 {}), {} rows, {} of them found among the posts analyzed, a {} sample; compared: {}.</p>",
            escape(&v.sheet),
            escape(v.sha256.as_deref().unwrap_or("–")),
            thousands(v.coded_rows),
            thousands(v.found),
            escape(&v.design),
            escape(&v.compared.join(", "))
        )?;
    }
    writeln!(out, "<h3>Lexicons</h3>\n<table class=\"lexicons\">")?;
    header(
        out,
        &[
            ("", "Name"),
            ("", "Version"),
            ("", "Origin"),
            ("", "SHA-256"),
        ],
    )?;
    writeln!(out, "<tbody>")?;
    for l in &p.lexicons {
        row(
            out,
            &[
                ("", l.name.clone()),
                ("", l.version.clone()),
                ("", l.origin.clone()),
                ("hash", l.sha256.clone()),
            ],
        )?;
        if !l.deobfuscated.is_empty() {
            writeln!(
                out,
                "<tr><td colspan=\"4\">Deobfuscated matching for: {}</td></tr>",
                escape(&l.deobfuscated.join(", "))
            )?;
        }
    }
    writeln!(
        out,
        "</tbody></table>\n<h3>Inputs</h3>\n<table class=\"inputs\">"
    )?;
    header(out, &[("", "Path"), ("num", "Bytes"), ("", "SHA-256")])?;
    writeln!(out, "<tbody>")?;
    for i in &p.inputs {
        row(
            out,
            &[
                ("", i.path.clone()),
                ("num", thousands(i.bytes)),
                ("hash", i.sha256.clone()),
            ],
        )?;
    }
    writeln!(out, "</tbody></table>\n<h3>Options</h3>")?;
    let options = serde_json::to_string_pretty(&p.options).unwrap_or_default();
    writeln!(out, "<pre class=\"options\">{}</pre>", escape(&options))?;
    writeln!(out, "</section>")
}
