//! A small CSV/TSV table read whole (the human-coded gold sheet of
//! `evaluate`), through the one CSV opener of inputs: the same delimiter
//! and quoting sniffing, BOM handling, record-size guard, and line numbers
//! that stay right after a quoted line break.

use super::csv::{open_reader, record_line};
use super::decompress;
use super::options::DEFAULT_MAX_RECORD_BYTES;
use super::post::Batch;
use crate::error::{Error, Result};

/// A table: its header and its rows, cells trimmed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The path as given.
    pub path: String,
    /// Column names.
    pub header: Vec<String>,
    /// The rows, each with the line it starts on.
    pub rows: Vec<TableRow>,
}

/// One row of a [`Table`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableRow {
    /// 1-based line where the record starts.
    pub line: u64,
    /// The cells, trimmed.
    pub cells: Vec<String>,
}

/// Read the table at `path` (a file, possibly compressed).
pub fn read_table(path: &str) -> Result<Table> {
    let opened = decompress::open(path)?;
    let (mut rdr, header, sniffed) =
        open_reader(path, opened.reader, None, true, DEFAULT_MAX_RECORD_BYTES)?;
    let mut rows = Vec::new();
    let mut batch = Batch::default();
    while rdr.fill(&mut batch, 1024)? > 0 {
        for rec in &batch.recs[..batch.nrecs] {
            let line = record_line(rec, sniffed.crlf);
            let cells = rec
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    std::str::from_utf8(cell)
                        .map(|c| c.trim().to_string())
                        .map_err(|_| {
                            Error::input(
                                path,
                                Some(line),
                                format!("invalid UTF-8 in column {}", i + 1),
                            )
                        })
                })
                .collect::<Result<Vec<_>>>()?;
            rows.push(TableRow { line, cells });
        }
    }
    Ok(Table {
        path: path.to_string(),
        header,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_stay_right_after_a_quoted_line_break() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.csv");
        std::fs::write(&path, "\u{feff}id,note\r\n1,\"two\r\nlines\"\r\n2,x\r\n").unwrap();
        let t = read_table(path.to_str().unwrap()).unwrap();
        assert_eq!(t.header, ["id", "note"]);
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(t.rows[0].cells, ["1", "two\r\nlines"]);
    }
}
