//! `-o report.xlsx`: a real workbook (rust_xlsxwriter), one sheet per
//! table, numbers as numbers: `Shares` (the overall rows of the long
//! table CSV writes), `Groups` (its rows of the `--by`/`--every` groups),
//! `Co-occurrence`, and `Provenance` (tool, lexicons, inputs with their
//! SHA-256, options, the denominator sentence). Shares are fractions
//! shown as percentages, so a formula over them computes on the number.
//! Text is written as text, never as a formula, so no cell needs the
//! CSV's formula guard.

use std::io::Write;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::csv::{Cell, long_table};
use super::model::Report;

fn io(e: XlsxError) -> std::io::Error {
    std::io::Error::other(format!("writing the workbook: {e}"))
}

/// Whether a long-table column holds a share or an interval bound.
fn is_share(name: &str) -> bool {
    name.contains("share") || name.contains("ci_low") || name.contains("ci_high")
}

fn sheet(
    ws: &mut Worksheet,
    header: &[String],
    rows: &[Vec<Cell>],
    bold: &Format,
    share: &Format,
) -> Result<(), XlsxError> {
    for (c, name) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, name, bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, col, s)?;
                }
                Cell::Int(n) => {
                    ws.write_number(r, col, *n as f64)?;
                }
                Cell::Num(Some(x)) if is_share(&header[c]) => {
                    ws.write_number_with_format(r, col, *x, share)?;
                }
                Cell::Num(Some(x)) => {
                    ws.write_number(r, col, *x)?;
                }
                Cell::Num(None) => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    Ok(())
}

fn workbook(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let share = Format::new().set_num_format("0.0%");
    let table = long_table(report);
    let skip = table.group_fields.len();
    // The overall rows without the group columns (all `(all)`).
    let header: Vec<String> = table.header[skip..].to_vec();
    let overall: Vec<Vec<Cell>> = table.overall.iter().map(|r| r[skip..].to_vec()).collect();
    sheet(
        wb.add_worksheet().set_name("Shares")?,
        &header,
        &overall,
        &bold,
        &share,
    )?;
    if !table.groups.is_empty() {
        sheet(
            wb.add_worksheet().set_name("Groups")?,
            &table.header,
            &table.groups,
            &bold,
            &share,
        )?;
    }
    if let Some(co) = &report.cooccurrence {
        let mut header = vec![String::new()];
        header.extend(co.categories.iter().cloned());
        let rows: Vec<Vec<Cell>> = co
            .categories
            .iter()
            .zip(&co.posts)
            .map(|(id, row)| {
                let mut cells = vec![Cell::Text(id.clone())];
                cells.extend(row.iter().map(|&n| Cell::Int(n)));
                cells
            })
            .collect();
        sheet(
            wb.add_worksheet().set_name("Co-occurrence")?,
            &header,
            &rows,
            &bold,
            &share,
        )?;
    }
    let p = &report.provenance;
    let mut rows: Vec<Vec<Cell>> = vec![vec![
        Cell::Text("tool".into()),
        Cell::Text(format!("lexiscope {}", p.tool_version)),
        Cell::Text(String::new()),
    ]];
    for l in &p.lexicons {
        rows.push(vec![
            Cell::Text("lexicon".into()),
            Cell::Text(format!("{} {} ({})", l.name, l.version, l.origin)),
            Cell::Text(l.sha256.clone()),
        ]);
    }
    for i in &p.inputs {
        rows.push(vec![
            Cell::Text("input".into()),
            Cell::Text(i.path.clone()),
            Cell::Text(i.sha256.clone()),
        ]);
    }
    for (k, v) in &p.options {
        rows.push(vec![
            Cell::Text(format!("option {k}")),
            Cell::Text(match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
            Cell::Text(String::new()),
        ]);
    }
    rows.push(vec![
        Cell::Text("denominator".into()),
        Cell::Text(report.denominator_note()),
        Cell::Text(String::new()),
    ]);
    if let Some(note) = report.input_note() {
        rows.push(vec![
            Cell::Text("note".into()),
            Cell::Text(note),
            Cell::Text(String::new()),
        ]);
    }
    sheet(
        wb.add_worksheet().set_name("Provenance")?,
        &["what", "value", "sha256"].map(String::from),
        &rows,
        &bold,
        &share,
    )?;
    wb.save_to_buffer()
}

/// Write the report as an `.xlsx` workbook.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(&workbook(report).map_err(io)?)
}
