//! Opening a JSONL input or a JSON document: the first records sampled
//! (and kept) to detect the text and id fields and to check the requested
//! ones. Both formats hand their records to the same [`jsonl::JsonDecoder`].

use std::io::BufRead;

use crate::error::{Error, Result};
use crate::source::fields;
use crate::source::input::{Decoder, ReaderKind, SourceInfo, platform_info};
use crate::source::options::{DEFAULT_DATE, InputFormat, SourceOptions, no_default_date};
use crate::source::platform::{self, IdPart};
use crate::source::post::Batch;
use crate::source::{PresetChoice, jsondoc, jsonl};

/// How many leading lines are parsed to detect and check JSON fields.
const SAMPLE_LINES: usize = 50;

pub(crate) fn open(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo)> {
    let mut rdr = jsonl::JsonlReader::new(reader, path, opts.max_record());
    // Peek at the first lines without losing them: they are read into a
    // batch that the reader hands out first.
    let mut first = Batch::default();
    rdr.fill(&mut first, SAMPLE_LINES, usize::MAX)?;
    let (decoder, info) = resolve(path, &first, opts, InputFormat::Jsonl)?;
    Ok((ReaderKind::Jsonl(rdr.with_pending(first)), decoder, info))
}

/// Open a JSON document: walk to its records array and sample its first
/// records as for JSONL.
pub(crate) fn open_document(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo)> {
    let mut rdr =
        jsondoc::JsonDocReader::new(reader, path, opts.records.as_deref(), opts.max_record());
    let mut first = Batch::default();
    rdr.fill(&mut first, SAMPLE_LINES, usize::MAX)?;
    let (decoder, mut info) = resolve(path, &first, opts, InputFormat::Json)?;
    let records = rdr.located().map(|at| {
        format!(
            "records at {}{}",
            at.path,
            if at.detected {
                " (detected; --records PATH to choose)"
            } else {
                ""
            }
        )
    });
    info.note = match (records, info.note.take()) {
        (Some(r), Some(n)) => Some(format!("{r}; {n}")),
        (r, n) => r.or(n),
    };
    Ok((ReaderKind::JsonDoc(rdr.with_pending(first)), decoder, info))
}

/// The fields of JSON records, from the first ones read (`first`).
fn resolve(
    path: &str,
    first: &Batch,
    opts: &SourceOptions,
    format: InputFormat,
) -> Result<(Decoder, SourceInfo)> {
    let sample: Vec<serde_json::Value> = first
        .spans
        .iter()
        .filter(|&&(s, _, _)| s < jsonl::NO_RECORDS)
        .filter_map(|&(s, e, _)| serde_json::from_slice::<serde_json::Value>(&first.buf[s..e]).ok())
        .filter(|v| v.is_object())
        .collect();
    let mut available: Vec<String> = Vec::new();
    for v in &sample {
        for p in jsonl::paths_of(v) {
            if !available.contains(&p) {
                available.push(p);
            }
        }
    }
    let check = |name: &String| -> Result<()> {
        if sample.is_empty()
            || available
                .iter()
                .any(|a| a == name || a.starts_with(&format!("{name}.")))
        {
            Ok(())
        } else {
            Err(Error::missing_field(path, name, &available))
        }
    };
    let platform = match opts.preset {
        PresetChoice::Off => None,
        _ => platform::detect(&sample),
    };
    let (text, text_detected) = if let (true, Some(p)) = (opts.text.is_empty(), platform) {
        (p.text.iter().map(|t| t.to_string()).collect(), false)
    } else if opts.text.is_empty() {
        match fields::detect_nested(&available, fields::TEXT_CANDIDATES) {
            Some(i) => (vec![available[i].clone()], true),
            None if sample.is_empty() => (vec!["text".to_string()], true),
            None => {
                return Err(fields::no_text_field(
                    path,
                    "field",
                    &available,
                    "data.text",
                ));
            }
        }
    } else {
        for t in &opts.text {
            check(t)?;
        }
        (opts.text.clone(), false)
    };
    let id = match &opts.id {
        Some(n) => {
            check(n)?;
            Some(n.clone())
        }
        None => match platform.and_then(|p| p.id.first()) {
            Some(IdPart::Path(p)) => Some(p.to_string()),
            _ => fields::detect(&available, fields::ID_CANDIDATES).map(|i| available[i].clone()),
        },
    };
    let mut date = None;
    let mut requested = opts.fields.clone();
    for f in &mut requested {
        if f == DEFAULT_DATE {
            if let Some(p) = platform {
                *f = p.date.to_string();
                date = Some(f.clone());
                continue;
            }
            return Err(no_default_date(
                path,
                match format {
                    InputFormat::Json => "a JSON document",
                    _ => "a JSONL input",
                },
            ));
        }
        check(f)?;
    }
    let all_fields: Vec<String> = requested
        .iter()
        .chain(&opts.optional_fields)
        .cloned()
        .collect();
    let mut decoder = jsonl::JsonDecoder::new(&text, id.as_ref(), &all_fields);
    let mut info = platform_info(path, format, (text, id, date), text_detected);
    if let Some(p) = platform {
        decoder = decoder.with_platform(p, opts.id.is_none());
        if opts.id.is_none() && p.id.len() > 1 {
            info.id = Some(
                p.id.iter()
                    .map(|part| match part {
                        IdPart::Path(p) => format!("{{{p}}}"),
                        IdPart::Lit(l) => l.to_string(),
                    })
                    .collect(),
            );
        }
        info.platform = Some(p.name);
        let skips: Vec<String> = p
            .skips
            .iter()
            .map(|r| format!("{} as {}", r.path, r.reason))
            .collect();
        info.note = Some(format!(
            "{} (--preset none to read it as plain JSON); --every uses {}, --by {} is the author{}",
            p.label,
            p.date,
            p.author,
            if skips.is_empty() {
                String::new()
            } else {
                format!("; not posts, skipped: {}", skips.join(", "))
            }
        ));
    }
    Ok((Decoder::Jsonl(decoder), info))
}
