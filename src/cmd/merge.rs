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

use std::io::BufRead;

use crate::cli::MergeArgs;
use crate::error::{Error, Result};
use crate::report::{Report, TALLY_SCHEMA, TallyFile};

use super::Output;
use super::analyze::output_format;

/// Read tally files (`-` = stdin with one tally per line).
pub fn read_tallies(paths: &[std::path::PathBuf]) -> Result<Vec<(String, TallyFile)>> {
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

/// Add up tallies that belong together.
pub fn merge(tallies: Vec<(String, TallyFile)>) -> Result<TallyFile> {
    let mut iter = tallies.into_iter();
    let Some((first_name, mut total)) = iter.next() else {
        return Err(Error::Usage("no tally to merge".into()));
    };
    let options_without_fields = |t: &TallyFile| {
        let mut o = t.provenance.options.clone();
        o.remove("fields");
        o
    };
    let base_options = options_without_fields(&total);
    for (name, t) in iter {
        let differs = |what: &str| {
            Error::input(
                &name,
                None,
                format!("differs from {first_name} in {what}: they are not shards of one analysis"),
            )
        };
        let sha = |t: &TallyFile| {
            t.provenance
                .lexicons
                .iter()
                .map(|l| l.sha256.clone())
                .collect::<Vec<_>>()
        };
        if sha(&t) != sha(&total) {
            return Err(differs("their lexicons"));
        }
        if t.layout != total.layout {
            return Err(differs(
                "their categories, terms, breakdowns or statistics options",
            ));
        }
        if options_without_fields(&t) != base_options {
            return Err(differs("their options"));
        }
        // Skipped-record locations point at inputs of the merged list.
        let offset = total.provenance.inputs.len();
        let mut tally = t.tally;
        for log in &mut tally.all.skip_examples {
            log.input += offset;
        }
        total.tally += tally;
        total.provenance.inputs.extend(t.provenance.inputs);
        if let (Some(serde_json::Value::Array(a)), Some(serde_json::Value::Array(b))) = (
            total.provenance.options.get("fields").cloned(),
            t.provenance.options.get("fields"),
        ) {
            let mut all = a;
            all.extend(b.iter().cloned());
            total
                .provenance
                .options
                .insert("fields".into(), serde_json::Value::Array(all));
        }
    }
    Ok(total)
}

/// Run `merge`.
pub fn run(args: &MergeArgs) -> anyhow::Result<()> {
    let output = Output::open(args.output.as_deref())?;
    let merged = merge(read_tallies(&args.tallies)?)?;
    let report = Report::build(&merged.tally, &merged.layout, merged.provenance);
    let format = output_format(args.format, args.output.as_deref());
    output.write_with(|out| report.render(format, out, args.raw_csv))?;
    Ok(())
}
