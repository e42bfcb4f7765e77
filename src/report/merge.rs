//! Adding up the tally files of shards (`analyze --emit-tally`) into the
//! tally one run over all the shards would have given. Counts are integers
//! (weights in fixed point), so the sum is exact and does not depend on the
//! order of the shards; the provenance lists every shard's inputs in the
//! order the tallies are given. Shards must agree on everything that shapes
//! the numbers: the lexicons (by SHA-256), the categories and terms, the
//! breakdown fields, and the options.

use super::model::TallyFile;
use crate::error::{Error, Result};

/// Add up tallies that belong together, each named (for messages) by its
/// location.
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
