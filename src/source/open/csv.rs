//! Opening a CSV/TSV input: delimiter and quoting sniffed, header read,
//! preset detected, text, id and requested columns resolved.

use std::io::BufRead;

use crate::error::{Error, Result};
use crate::source::csv;
use crate::source::decompress::Compression;
use crate::source::fields;
use crate::source::input::{Decoder, ReaderKind, SourceInfo};
use crate::source::options::{
    DEFAULT_DATE, InputFormat, PresetChoice, SourceOptions, no_default_date,
};
use crate::source::preset;

pub(crate) fn open(
    path: &str,
    reader: Box<dyn BufRead + Send>,
    opts: &SourceOptions,
) -> Result<(ReaderKind, Decoder, SourceInfo)> {
    let (rdr, names, sniffed) = csv::open_reader(
        path,
        reader,
        opts.delimiter,
        !opts.no_header,
        opts.max_record(),
    )?;
    let csv::Sniffed {
        delimiter,
        quoting,
        crlf,
    } = sniffed;
    let numbered = opts.no_header;
    let preset = match opts.preset {
        PresetChoice::Auto => preset::Preset::detect(&names),
        PresetChoice::Off => None,
        PresetChoice::Forced(p) => Some(p),
    };
    let preset_text: Vec<usize> = preset.map_or_else(Vec::new, |p| p.text_columns(&names));
    let (text, text_detected) = if opts.text.is_empty() && !preset_text.is_empty() {
        (preset_text, true)
    } else if opts.text.is_empty() {
        match fields::detect(&names, fields::TEXT_CANDIDATES) {
            Some(i) => (vec![i], true),
            None if names.is_empty() => (vec![0], true),
            None => {
                return Err(Error::input(
                    path,
                    None,
                    format!(
                        "cannot tell which column holds the text; columns: {}\nhint: name it with --text COLUMN{}",
                        names.join(", "),
                        if numbered {
                            " (a 1-based number without a header)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        }
    } else {
        (fields::resolve_all(path, &names, &opts.text, true)?, false)
    };
    let id = match &opts.id {
        Some(n) => Some(fields::resolve_all(path, &names, std::slice::from_ref(n), true)?[0]),
        None if numbered => None,
        None => preset
            .and_then(|p| fields::find(&names, p.id_column(), false))
            .or_else(|| fields::detect(&names, fields::ID_CANDIDATES)),
    };
    let mut date = None;
    let mut wanted = Vec::with_capacity(opts.fields.len());
    for f in &opts.fields {
        if f == DEFAULT_DATE {
            let Some(name) = preset.map(|p| p.date_column()) else {
                return Err(no_default_date(path, "a CSV input without a preset"));
            };
            date = Some(name.to_string());
            wanted.push(name.to_string());
        } else {
            wanted.push(f.clone());
        }
    }
    let mut extra: Vec<Option<usize>> = fields::resolve_all(path, &names, &wanted, true)?
        .into_iter()
        .map(Some)
        .collect();
    extra.extend(
        opts.optional_fields
            .iter()
            .map(|f| fields::find(&names, f, false)),
    );
    let info = SourceInfo {
        path: path.to_string(),
        format: InputFormat::Csv,
        delimiter: Some(delimiter),
        quoting,
        compression: Compression::None,
        text: text
            .iter()
            .map(|&i| names.get(i).cloned().unwrap_or_default())
            .collect(),
        text_detected,
        id: id.map(|i| names[i].clone()),
        size: None,
        preset,
        date,
        note: None,
        encoding: None,
        platform: None,
        cr_line_ends: false,
    };
    let decoder = Decoder::Csv(csv::CsvDecoder {
        width: names.len(),
        text,
        id,
        fields: extra,
        crlf,
        delimiter: Some(delimiter),
    });
    Ok((ReaderKind::Csv(rdr), decoder, info))
}
