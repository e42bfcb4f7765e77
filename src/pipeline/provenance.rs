//! The provenance block of a run: the tool, the lexicons (with SHA-256 and
//! the categories matched on the deobfuscated view), the inputs (bytes,
//! SHA-256, what is known of them) and every option that changes a number.

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;

use serde_json::json;

use super::prepare::Prepared;
use crate::config::Config;
use crate::report::{InputRef, LexiconRef, Provenance};
use crate::source::Source;

/// Tool, lexicons, inputs and every option that changes a number.
pub(super) fn provenance(prepared: &Prepared, config: &Config) -> Provenance {
    let matcher = &prepared.matcher;
    Provenance {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        lexicons: prepared
            .lexicons
            .iter()
            .enumerate()
            .map(|(li, l)| LexiconRef {
                name: l.meta.name.clone(),
                version: l.meta.version.clone(),
                sha256: l.sha256.clone(),
                origin: l.origin.clone(),
                // As the matcher compiled them: one rule, in one place.
                deobfuscated: matcher
                    .deobfuscated
                    .iter()
                    .map(|&c| &matcher.categories[c as usize])
                    .filter(|c| c.lexicon == li)
                    .map(|c| c.id.clone())
                    .collect(),
            })
            .collect(),
        inputs: prepared
            .sources
            .iter()
            .map(|s| {
                let sha256 = s.stats.sha256_hex();
                InputRef {
                    path: s.info.path.clone(),
                    bytes: s.stats.bytes.load(Ordering::Relaxed),
                    note: crate::source::known::note_for(&sha256).map(str::to_string),
                    sha256,
                }
            })
            .collect(),
        options: options(config, &prepared.sources),
    }
}

/// Every option that changes a number, for the provenance block.
fn options(config: &Config, sources: &[Source]) -> BTreeMap<String, serde_json::Value> {
    let a = &config.analysis;
    let mut o = BTreeMap::new();
    o.insert("confidence".into(), json!(a.confidence));
    o.insert("interval".into(), json!("wilson"));
    o.insert("overlap".into(), json!(config.matching.overlap));
    o.insert("match_urls".into(), json!(config.matching.match_urls));
    if let Some(fold) = config.matching.fold_diacritics {
        o.insert("fold_diacritics".into(), json!(fold));
    }
    if config.matching.show_helpers {
        o.insert("helpers".into(), json!(true));
    }
    o.insert("strict".into(), json!(config.strict));
    o.insert("top_terms".into(), json!(a.top_terms));
    if !a.by.is_empty() {
        o.insert("by".into(), json!(a.by));
    }
    if let Some(every) = a.every {
        o.insert("every".into(), json!(every));
        let resolved = sources.iter().find_map(|s| s.info.date.as_ref());
        o.insert("date".into(), json!(a.date.as_ref().or(resolved)));
        o.insert("time_zone".into(), json!("UTC"));
    }
    if a.min_posts > 1 {
        o.insert("min_posts".into(), json!(a.min_posts));
    }
    if let Some(w) = &a.weight {
        o.insert("weight".into(), json!(w));
        o.insert("decimal".into(), json!(a.decimal));
    }
    if let Some(d) = a.dedupe {
        o.insert("dedupe".into(), json!(d));
    }
    if let Some(c) = &a.cluster {
        o.insert("cluster".into(), json!(c));
        o.insert("bootstrap".into(), json!(a.bootstrap));
        o.insert("seed".into(), json!(a.seed));
    }
    if a.cooccurrence {
        o.insert("cooccurrence".into(), json!(true));
    }
    if let Some(v) = &a.validation {
        o.insert(
            "validation".into(),
            json!({
                "sheet": v.path,
                "id": v.id,
                "pairs": v.pairs,
                "min_coded": v.min_coded,
            }),
        );
    }
    let fields: Vec<serde_json::Value> = sources
        .iter()
        .map(|s| {
            json!({
                "path": s.info.path,
                "format": s.info.format,
                "delimiter": s.info.delimiter.map(|d| (d as char).to_string()),
                "no_header": config.source.no_header,
                "text": s.info.text,
                "id": s.info.id,
                "preset": s.info.preset,
                "platform": s.info.platform,
                "encoding": s.info.encoding.map_or("UTF-8", |t| t.name()),
            })
        })
        .collect();
    o.insert("fields".into(), json!(fields));
    o
}
