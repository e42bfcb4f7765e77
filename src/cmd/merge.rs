//! `lexiscope merge TALLY…`: add up the tally files of shards (one tally
//! per line, so that concatenated tallies are a tally file too)
//! (`analyze --emit-tally`) into the report one run over all the shards
//! would have given. Counts are integers (weights in fixed point), so the
//! sum is exact and does not depend on the order of the shards; the
//! provenance lists every shard's inputs in the order the tallies are given.
//!
//! Shards must agree on everything that shapes the numbers: the lexicons
//! (by SHA-256), the categories and terms, the breakdown fields, and the
//! options; `merge` refuses shards that do not, naming the difference.
//!
//! config → outputs opened → tallies read → merged (`report::merge`) →
//! report → render.

use std::io::BufRead;

use super::output::Output;
use super::pictures::Pictures;
use super::settings::MergeSettings;
use crate::error::{Error, Result};
use crate::report::{TALLY_SCHEMA, TallyFile, folded_warning, merge};

/// Run `merge`.
pub fn run(s: &MergeSettings) -> Result<()> {
    let output = Output::open(s.target.path.as_deref())?;
    let pictures = Pictures::open(&s.pictures)?;
    let merged = merge(read_tallies(&s.tallies)?)?;
    if let Some(warning) = folded_warning(&merged.tally) {
        super::stderr::Stderr::new(false).warn(warning);
    }
    let report = merged.report();
    output.write_with(|out| report.render(s.format, out, s.target.options()))?;
    pictures.write(&report, None, None)
}

/// Read tally files (`-` = stdin with one tally per line).
fn read_tallies(paths: &[std::path::PathBuf]) -> Result<Vec<(String, TallyFile)>> {
    let mut out = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let texts: Vec<((String, Option<u64>), String)> = if name == "-" {
            std::io::stdin()
                .lock()
                .lines()
                .enumerate()
                .map(|(i, l)| l.map(|l| (("<stdin>".to_string(), Some(i as u64 + 1)), l)))
                .collect::<std::io::Result<Vec<_>>>()
                .map_err(|e| Error::io("<stdin>", e))?
                .into_iter()
                .filter(|(_, l)| !l.trim().is_empty())
                .collect()
        } else {
            // One tally per line (what --emit-tally writes, so tallies can be
            // concatenated); a pretty-printed tally is read whole.
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            let lines: Vec<((String, Option<u64>), String)> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| ((name.clone(), Some(i as u64 + 1)), l.to_string()))
                .collect();
            let one_per_line = lines
                .first()
                .is_some_and(|(_, l)| serde_json::from_str::<serde_json::Value>(l).is_ok());
            if one_per_line {
                lines
            } else {
                vec![((name.clone(), None), text)]
            }
        };
        for ((path, line), text) in texts {
            let location = match line {
                Some(l) => format!("{path}:{l}"),
                None => path.clone(),
            };
            let t: TallyFile = serde_json::from_str(&text).map_err(|e| Error::Input {
                path: path.clone(),
                line,
                msg: format!("not a lexiscope tally ({e})\nhint: make tallies with `lexiscope analyze … --emit-tally FILE`"),
            })?;
            if t.schema != TALLY_SCHEMA {
                return Err(Error::Input {
                    path,
                    line,
                    msg: format!(
                        "tally schema {:?}, this lexiscope reads {TALLY_SCHEMA:?}",
                        t.schema
                    ),
                });
            }
            out.push((location, t));
        }
    }
    Ok(out)
}
